#!/usr/bin/env python3
"""The linker of the page's first module (called by cargo, as scripts/build.sh sets it): the
toolchain's rust-lld, with some of the exports rustc asks for left out.

    NIANBAO_RUST_LLD=<rust-lld>  NIANBAO_DROP_EXPORTS=<name>,<name>,…  link_without_exports.py ARGS…

server_fn (a dependency of Leptos) links wasm-streams, whose classes wasm-bindgen exports; the
page never makes a stream of Rust's. Dropping those exports after linking (wasm-opt
--remove-exports) leaves most of their code: the futures they start are reached through
vtables in the data section and the function table, which no wasm optimizer can see through.
The linker can: it knows which data refers to which function, so with the exports never asked
for, `--gc-sections` drops the exports, the futures, their vtables and what only they use
(std::io's error messages among them). About 2.9 KB brotli of the first load.

Each name in NIANBAO_DROP_EXPORTS is wasm-bindgen's: rustc exports it with the crate's hash
appended (`intounderlyingsink_write_58a9338f50bce61c`), beside its descriptor
(`__wbindgen_describe_intounderlyingsink_write_…`), which wasm-bindgen reads to write the glue;
both go, so wasm-bindgen writes nothing for the method (assemble.py drops the classes left
empty). A name that matches no export stops the link: something changed upstream, and what
this drops must be looked at again.

rustc passes the arguments one by one, or, when they are too long for the system, in a
response file (`@path`, one argument a line); both are handled.
"""

import os
import re
import subprocess
import sys
import tempfile


def fail(message):
    sys.exit(f"link_without_exports.py: {message}")


def dropped_export(symbol, names):
    """The name in `names` that the exported `symbol` is, or its descriptor, or None."""
    m = re.fullmatch(r"(?:__wbindgen_describe_)?(.+?)(?:_[0-9a-f]{16})?", symbol)
    return m.group(1) if m and m.group(1) in names else None


def without_exports(args, names, found):
    """`args` without each `--export SYMBOL` (or `--export=SYMBOL`) whose symbol is one of
    `names`; records in `found` the names it met."""
    kept = []
    i = 0
    while i < len(args):
        if args[i] == "--export" and i + 1 < len(args):
            name = dropped_export(args[i + 1], names)
            if name is not None:
                found.add(name)
                i += 2
                continue
        if args[i].startswith("--export="):
            name = dropped_export(args[i].removeprefix("--export="), names)
            if name is not None:
                found.add(name)
                i += 1
                continue
        kept.append(args[i])
        i += 1
    return kept


def main():
    lld = os.environ.get("NIANBAO_RUST_LLD") or fail("NIANBAO_RUST_LLD names no linker")
    names = {n for n in os.environ.get("NIANBAO_DROP_EXPORTS", "").split(",") if n}
    found = set()
    with tempfile.TemporaryDirectory() as tmp:
        args = []
        for arg in sys.argv[1:]:
            if arg.startswith("@"):
                # A response file: rustc writes one argument a line, escaping spaces and
                # backslashes, which no export's name has; so lines can be dropped as they are.
                with open(arg[1:], encoding="utf-8") as f:
                    lines = f.read().splitlines()
                path = os.path.join(tmp, f"{len(args)}.args")
                with open(path, "w", encoding="utf-8") as f:
                    f.write("\n".join(without_exports(lines, names, found)) + "\n")
                args.append("@" + path)
            else:
                args.append(arg)
        args = without_exports(args, names, found)
        if names - found:
            fail(f"rustc exports none of {sorted(names - found)}: look again at what scripts/build.sh drops")
        sys.exit(subprocess.run([lld] + args).returncode)


if __name__ == "__main__":
    main()
