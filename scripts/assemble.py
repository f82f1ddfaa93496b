#!/usr/bin/env python3
"""Assembles dist/ from the page template, the stylesheet, the wasm-bindgen glue and the
optimised wasm (called by scripts/build.sh).

dist/index.html    the page: links ./nianbao.css, imports ./nianbao.js, which fetches
                   ./nianbao_bg.wasm; the app fetches ./nianbao_lazy.wasm (the PDF reader)
                   the first time a PDF is opened. Relative URLs only, so it works under any
                   sub-path.
dist/nianbao.html  one self-contained file: the stylesheet, the glue and the wasm (base64)
                   inline, and the PDF reader (base64, in a script element of a type that is
                   never run), for file:// (double-click, e-mail, shared drive).
dist/web.config    the MIME type of .wasm for IIS (ignored by other servers).
dist/.nianbao-dist marks the folder as the build's, which the next build may replace.

The output folder is replaced whole, so it must be the build's: a folder that does not exist,
an empty one, or one this script wrote (its marker, or only the files it writes). Anything
else (NIANBAO_DIST pointing at a folder of other files) stops the build untouched.

For size, the glue's functions are imported under short names (the wasm and the glue
rewritten together), the page loses its comments, and with --esbuild the scripts (the glue,
the boot script, the single file's script) and the stylesheet are minified for the browser
floor (without it, only their comments go).

Each gets a Content-Security-Policy in its <meta> tag, with the sha256 of its inline script
(and, for the single file, its inline style). What the policies allow and why is in
ARCHITECTURE.md ("Content-Security-Policy"). Any surprise in the inputs stops the build.
"""

import argparse
import base64
import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

# The one import line of the template's module script; the single file replaces it with the
# inlined glue.
IMPORT_LINE = 'import init from "./nianbao.js";'
# The boot script's address of the wasm, which it fetches itself; the single file has none.
WASM_URL_LINE = 'const WASM_URL = "./nianbao_bg.wasm";'
INLINE_WASM_URL_LINE = "const WASM_URL = null; // the program is inline: nothing is fetched"
# The address of the PDF reader, which the app fetches when a PDF is first opened and the boot
# script allows in its lock-down policy; the single file carries it inline instead.
LAZY_URL_LINE = 'const LAZY_URL = "./nianbao_lazy.wasm";'
INLINE_LAZY_URL_LINE = "const LAZY_URL = null; // the PDF reader is inline: nothing is fetched"
# The single file's copy of the PDF reader: a data block (a script element of a type that is
# never run, so no policy governs it), which the app reads by its id (src/ui/pdf.rs).
LAZY_BLOCK = '<script type="application/octet-stream" id="nianbao-lazy-wasm">{}</script>\n'

STYLE_LINK = '<link rel="stylesheet" href="./nianbao.css">'
CSP_PLACEHOLDER = "__CSP__"
SCRIPT_RE = re.compile(r'<script type="module">(.*?)</script>', re.S)
STYLE_RE = re.compile(r"<style>(.*?)</style>", re.S)

# The file that marks the output folder as the build's, and the files the build writes (a
# folder of only these, from a build before the marker, is the build's too).
MARKER = ".nianbao-dist"
OUTPUTS = {MARKER, "index.html", "nianbao.html", "nianbao.js", "nianbao_bg.wasm", "nianbao_lazy.wasm", "nianbao.css", "web.config"}

# Engines older than Chromium 97 (the floor is 86) compile WebAssembly only under
# 'unsafe-eval'; newer ones accept the narrower 'wasm-unsafe-eval'. The page adds a second
# policy once the app has started that forbids scripts and connections altogether.
WASM_EVAL = "'wasm-unsafe-eval' 'unsafe-eval'"
COMMON = "default-src 'none'; img-src data:; base-uri 'none'; form-action 'none'"

# IIS serves no file whose extension it has no MIME type for, and versions before IIS 10
# (Windows Server 2016) have none for .wasm: they answer 404. This web.config, beside the
# files, gives it one; other servers ignore it. `remove` first, because adding a type IIS
# already has is an error (HTTP 500) there. The other files (.html, .js, .css) have their
# types in every IIS.
WEB_CONFIG = """<?xml version="1.0" encoding="utf-8"?>
<!-- For IIS: the MIME type of the checker's program file (nianbao_bg.wasm). IIS answers 404
     for a .wasm file without it. Other web servers ignore this file; they need the same type:
     nginx "application/wasm wasm;" in mime.types, Apache "AddType application/wasm .wasm". -->
<configuration>
  <system.webServer>
    <staticContent>
      <remove fileExtension=".wasm" />
      <mimeMap fileExtension=".wasm" mimeType="application/wasm" />
    </staticContent>
  </system.webServer>
</configuration>
"""


def fail(message):
    sys.exit(f"assemble.py: {message}")


def sha256(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def only(pattern, text, what):
    found = pattern.findall(text)
    if len(found) != 1:
        fail(f"expected exactly one {what}, found {len(found)}")
    return found[0]


# The module the wasm imports the glue's functions from (wasm-bindgen names it after the file).
GLUE_MODULE = "./nianbao_bg.js"


def leb128(data, at):
    """The unsigned LEB128 number at `at` in `data`, and where it ends."""
    value, shift = 0, 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, at


def to_leb128(value):
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def short_name(n):
    """The n-th short name: a … Z, aa, ab, …"""
    letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    name = ""
    while True:
        name = letters[n % 52] + name
        n = n // 52 - 1
        if n < 0:
            return name


def wasm_exports(wasm):
    """The names the wasm exports."""
    names, at = set(), 8
    while at < len(wasm):
        size, start = leb128(wasm, at + 1)
        if wasm[at] == 7:
            count, i = leb128(wasm, start)
            for _ in range(count):
                length, i = leb128(wasm, i)
                names.add(wasm[i : i + length].decode("utf-8"))
                _, i = leb128(wasm, i + length + 1)
        at = start + size
    return names


GLUE_CLASS_RE = re.compile(r"^export class ([\w$]+) \{\n.*?^\}\n", re.M | re.S)


def without_dead_classes(glue, wasm):
    """The glue without the classes whose wasm functions are all gone: scripts/build.sh drops
    the exports of wasm-streams' classes, which server_fn (a dependency of Leptos) exports
    though the page never makes a stream of Rust's (about 1.1 KB brotli with their code). Each
    such class goes with its dispose line and its FinalizationRegistry; nothing else may name
    it, which is checked."""
    exports = wasm_exports(wasm)
    for m in list(GLUE_CLASS_RE.finditer(glue)):
        name = m.group(1)
        called = set(re.findall(r"\bwasm\.([\w$]+)", m.group(0)))
        if not called or called & exports:
            continue
        glue = glue.replace(m.group(0), "")
        glue = re.sub(rf"^if \(Symbol\.dispose\) {re.escape(name)}\.prototype\[Symbol\.dispose\] = [^;\n]*;\n", "", glue, flags=re.M)
        glue = re.sub(rf"^const {re.escape(name)}Finalization = [^;]*;\n", "", glue, flags=re.M)
        if re.search(rf"(?<![\w$]){re.escape(name)}(?![\w$])", glue) or any(f"wasm.{e}" in glue for e in called):
            fail(f"the glue still names the class {name} whose wasm functions are gone; update without_dead_classes()")
    return glue


def with_short_import_names(wasm, glue):
    """The wasm and its glue with the glue's functions imported under short names (a, b, …).
    wasm-bindgen names each import after its function plus a hash of 16 hex digits, which
    brotli cannot compress, in both files: about 4 KB brotli of the first load. Each name is
    a key of the glue's import object exactly once and appears nowhere else, which is checked."""
    out, at, names = bytearray(wasm[:8]), 8, {}
    if wasm[:8] != b"\0asm\x01\0\0\0":
        fail("the wasm is not a wasm module")
    while at < len(wasm):
        section = wasm[at]
        size, start = leb128(wasm, at + 1)
        end = start + size
        if section != 2:
            out += wasm[at:end]
            at = end
            continue
        body, i = wasm[start:end], 0
        count, i = leb128(body, i)
        imports = bytearray(to_leb128(count))
        for _ in range(count):
            length, i = leb128(body, i)
            module = body[i : i + length]
            i += length
            length, i = leb128(body, i)
            name = body[i : i + length].decode("utf-8")
            i += length
            kind_at = i
            if body[i] != 0:
                fail(f"the wasm imports {name} as other than a function; update with_short_import_names()")
            _, i = leb128(body, i + 1)
            if module.decode("utf-8") == GLUE_MODULE:
                name = names.setdefault(name, short_name(len(names)))
            encoded = name.encode("utf-8")
            imports += to_leb128(len(module)) + module + to_leb128(len(encoded)) + encoded + body[kind_at:i]
        out += bytes([2]) + to_leb128(len(imports)) + imports
        at = end
    for name, short in names.items():
        glue, found = re.subn(r"(?<![\w$])" + re.escape(name) + r"(?=:)", short, glue)
        if found != 1 or name in glue:
            fail(f"the glue names the import {name} other than as one key; update with_short_import_names()")
    return bytes(out), glue


def without_comments_html(template):
    """The page without its HTML comments, and its module script without its comment lines:
    they explain the template to its readers, not the page to a browser (about 1 KB brotli of
    the first load). Only whole comment lines go, so no string or URL can be cut."""
    page = re.sub(r"<!--.*?-->\n?", "", template, flags=re.S)
    boot = only(SCRIPT_RE, page, "module script in the template")
    lines = [line for line in boot.split("\n") if not line.lstrip().startswith("//")]
    return page.replace(boot, "\n".join(lines))


def without_comments_css(css):
    """The stylesheet without its comments and indentation (about 1 KB brotli). Strings are
    copied as they are, so a "/*" in one stays."""
    out, i = [], 0
    while i < len(css):
        if css.startswith("/*", i):
            end = css.find("*/", i + 2)
            if end < 0:
                fail("the stylesheet has a comment that does not end")
            i = end + 2
        elif css[i] in "\"'":
            end = css.find(css[i], i + 1)
            if end < 0 or "\n" in css[i:end]:
                fail("the stylesheet has a string that does not end on its line")
            out.append(css[i : end + 1])
            i = end + 1
        else:
            out.append(css[i])
            i += 1
    return "\n".join(line.strip() for line in "".join(out).split("\n") if line.strip()) + "\n"


# The browser floor (README, "Browsers"): esbuild writes nothing these engines lack.
FLOOR_TARGETS = "chrome86,firefox78"


def minified(code, loader, esbuild):
    """`code` minified by esbuild for the browser floor (names inside a module shortened,
    white space gone: about 1.8 KB brotli of the first load), or as it is without esbuild.
    Scripts are read as ES modules, so that their top-level names are their own to shorten."""
    if esbuild is None:
        return code
    command = [str(esbuild), "--minify", f"--target={FLOOR_TARGETS}", f"--loader={loader}", "--log-level=warning"]
    if loader == "js":
        command.append("--format=esm")
    run = subprocess.run(command, input=code.encode("utf-8"), capture_output=True)
    if run.returncode != 0:
        fail(f"esbuild could not minify the {loader}: {run.stderr.decode('utf-8', 'replace')}")
    return run.stdout.decode("utf-8")


def inline_glue(glue):
    """Turns the wasm-bindgen ES module into code that can stand inside the page's own module
    script: drops the `export` keywords and the final export list. `__wbg_init` (the default
    export) stays callable by name."""
    lines = []
    export_lists = 0
    for line in glue.splitlines():
        if re.match(r"export \{[^}]*\};?\s*$", line):
            if "__wbg_init as default" not in line:
                fail(f"unexpected export list in the glue: {line}")
            export_lists += 1
            continue
        line, n = re.subn(r"^export (class|function|const|let|async function) ", r"\1 ", line)
        lines.append(line)
    text = "\n".join(lines) + "\n"
    if export_lists != 1:
        fail("the glue's export list has changed; update inline_glue()")
    if re.search(r"^\s*(export|import)\b", text, re.M):
        fail("the glue still has import/export statements; update inline_glue()")
    if "async function __wbg_init(" not in text:
        fail("the glue has no __wbg_init; update inline_glue()")
    return text


def replace_output_folder(out):
    """Empties `out` for a new build, or stops when it is not the build's to replace."""
    if out.is_symlink():
        fail(f"refusing to replace {out}: it is a symbolic link. Point NIANBAO_DIST at a new or empty folder.")
    if out.exists():
        if not out.is_dir():
            fail(f"refusing to replace {out}: it is not a folder. Point NIANBAO_DIST at a new or empty folder.")
        names = {entry.name for entry in out.iterdir()}
        if names and MARKER not in names and not names <= OUTPUTS:
            fail(
                f"refusing to replace {out}: it is not empty and was not made by the build (no {MARKER} in it; "
                f"it holds {', '.join(sorted(names)[:5])}{'…' if len(names) > 5 else ''}). "
                "Point NIANBAO_DIST at a new or empty folder, or empty this one yourself."
            )
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / MARKER).write_text(
        "Written by nianbao's scripts/assemble.py: this folder is the build's output, and the next build replaces it.\n",
        encoding="utf-8",
    )


def main():
    ap = argparse.ArgumentParser()
    for name in ("template", "style", "glue", "wasm", "lazy-wasm", "out"):
        ap.add_argument("--" + name, required=True, type=Path)
    ap.add_argument("--esbuild", type=Path, help="esbuild, to minify the scripts and the stylesheet")
    args = ap.parse_args()

    template = without_comments_html(args.template.read_text(encoding="utf-8"))
    css = minified(without_comments_css(args.style.read_text(encoding="utf-8")), "css", args.esbuild)
    glue = args.glue.read_text(encoding="utf-8")
    wasm = args.wasm.read_bytes()
    wasm, glue = with_short_import_names(wasm, without_dead_classes(glue, wasm))
    lazy_wasm = args.lazy_wasm.read_bytes()

    if template.count(CSP_PLACEHOLDER) != 1 or template.count(STYLE_LINK) != 1:
        fail("the template must have one __CSP__ and one stylesheet link")
    boot = only(SCRIPT_RE, template, "module script in the template")
    for line in (IMPORT_LINE, WASM_URL_LINE, LAZY_URL_LINE):
        if boot.count(line) != 1:
            fail(f"the template's module script must contain {line!r} once")
    for text, what in ((glue, "glue"), (css, "stylesheet")):
        if re.search(r"</(script|style)", text, re.I):
            fail(f"the {what} contains a closing tag and cannot be inlined")

    out = args.out
    replace_output_folder(out)

    # dist/: files side by side, fetched relative to the page.
    (out / "nianbao.js").write_text(minified(glue, "js", args.esbuild), encoding="utf-8")
    (out / "nianbao_bg.wasm").write_bytes(wasm)
    (out / "nianbao_lazy.wasm").write_bytes(lazy_wasm)
    (out / "nianbao.css").write_text(css, encoding="utf-8")
    page_boot = minified(boot, "js", args.esbuild)
    csp = (
        f"{COMMON}; script-src 'self' {sha256(page_boot)} {WASM_EVAL}; style-src 'self'; "
        # The glue fetches the wasm from the same origin, and the app the PDF reader; nothing
        # else is allowed.
        "connect-src 'self'"
    )
    page = template.replace(f'<script type="module">{boot}</script>', f'<script type="module">{page_boot}</script>')
    (out / "index.html").write_text(page.replace(CSP_PLACEHOLDER, csp), encoding="utf-8")
    (out / "web.config").write_text(WEB_CONFIG, encoding="utf-8")

    # dist/nianbao.html: everything inline, nothing fetched.
    wasm_b64 = base64.b64encode(wasm).decode("ascii")
    loader = (
        inline_glue(glue)
        + "\nfunction init() {\n"
        + f'  var text = atob("{wasm_b64}");\n'
        + "  var bytes = new Uint8Array(text.length);\n"
        + "  for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);\n"
        + "  return __wbg_init({ module_or_path: bytes });\n"
        + "}\n"
    )
    single_boot = minified(
        boot.replace(IMPORT_LINE, loader).replace(WASM_URL_LINE, INLINE_WASM_URL_LINE).replace(LAZY_URL_LINE, INLINE_LAZY_URL_LINE),
        "js",
        args.esbuild,
    )
    if re.search(r"</(script|style)", single_boot + page_boot + css, re.I):
        fail("a minified script or the stylesheet contains a closing tag and cannot be inlined")
    page = template.replace(STYLE_LINK, f"<style>{css}</style>")
    lazy_block = LAZY_BLOCK.format(base64.b64encode(lazy_wasm).decode("ascii"))
    page = page.replace(f'<script type="module">{boot}</script>', f'{lazy_block}<script type="module">{single_boot}</script>')
    csp = f"{COMMON}; script-src {sha256(single_boot)} {WASM_EVAL}; style-src {sha256(css)}; connect-src 'none'"
    page = page.replace(CSP_PLACEHOLDER, csp)
    (out / "nianbao.html").write_text(page, encoding="utf-8")


if __name__ == "__main__":
    main()
