//! Checks that JavaScript uses nothing past ES2020 that the browser floor (Chromium 86,
//! Firefox ESR 78) lacks.
//!
//! A small tokenizer (comments, strings, template literals with nested `${}`, regular
//! expressions, numbers, punctuators) feeds checks for the syntax added in ES2021 and later
//! (logical assignment, numeric separators, class fields and static blocks, private names,
//! top-level await, decorators, the regexp flags `d` and `v`) and for calls of built-ins the
//! floor lacks. Built-ins that code may feature-test (`typeof WeakRef === 'undefined' ? …`)
//! are allowed next to such a test.

/// Every problem found, as "line N: what".
pub fn check(source: &str) -> Vec<String> {
    let tokens = tokenize(source);
    let mut problems = Vec::new();
    let mut report = |line: usize, what: String| problems.push(format!("line {line}: {what}"));

    for (i, tok) in tokens.iter().enumerate() {
        match &tok.kind {
            Kind::Punct(p @ ("??=" | "||=" | "&&=")) => report(tok.line, format!("logical assignment {p} (ES2021)")),
            Kind::Punct("@") => report(tok.line, "decorator (not in ES2020)".into()),
            Kind::Number(n) if n.contains('_') => report(tok.line, format!("numeric separator in {n} (ES2021)")),
            Kind::Private(name) => report(tok.line, format!("private name #{name} (ES2022)")),
            Kind::Regex { flags } => {
                for (flag, what) in [('d', "the regexp flag d (ES2022)"), ('v', "the regexp flag v (ES2024)")] {
                    if flags.contains(flag) {
                        report(tok.line, what.into());
                    }
                }
            }
            Kind::Ident(name) => {
                let prev = i.checked_sub(1).map(|j| &tokens[j].kind);
                let next = tokens.get(i + 1).map(|t| &t.kind);
                let called = next == Some(&Kind::Punct("("));
                let after_dot = matches!(prev, Some(Kind::Punct(".")) | Some(Kind::Punct("?.")));
                let object = i.checked_sub(2).map(|j| &tokens[j].kind);
                if after_dot && called {
                    if let Some(what) = newer_method(name, object) {
                        report(tok.line, what);
                    }
                } else if !after_dot && NEWER_GLOBALS.iter().any(|(g, _)| g == name) && !feature_tested(&tokens, i, name) {
                    let (_, since) = NEWER_GLOBALS.iter().find(|(g, _)| g == name).unwrap();
                    report(tok.line, format!("{name} without a typeof test ({since})"));
                }
            }
            _ => {}
        }
    }
    for (line, what) in structure_problems(&tokens) {
        report(line, what);
    }
    problems
}

/// Globals newer than the floor, with where they came from. Code may use them only next to a
/// `typeof NAME` test.
const NEWER_GLOBALS: &[(&str, &str)] = &[
    ("WeakRef", "ES2021; Firefox 79"),
    ("FinalizationRegistry", "ES2021; Firefox 79"),
    ("AggregateError", "ES2021; Firefox 79"),
    ("structuredClone", "Chromium 98"),
    ("Iterator", "ES2025"),
];

/// A method call newer than the floor, by its name (and for static methods, its object).
fn newer_method(name: &str, object: Option<&Kind>) -> Option<String> {
    let object = match object {
        Some(Kind::Ident(o)) => *o,
        _ => "",
    };
    let what = match (object, name) {
        (_, "at") => "Array/String.prototype.at (ES2022)",
        (_, "findLast" | "findLastIndex") => "Array.prototype.findLast (ES2023)",
        (_, "toSorted" | "toReversed" | "toSpliced") => "change-array-by-copy methods (ES2023)",
        (_, "replaceAll") => "String.prototype.replaceAll (ES2021)",
        ("Object", "hasOwn") => "Object.hasOwn (ES2022)",
        ("Object" | "Map", "groupBy") => "groupBy (ES2024)",
        ("Array", "fromAsync") => "Array.fromAsync (ES2024)",
        ("Promise", "any") => "Promise.any (ES2021; Firefox 79)",
        ("Promise", "withResolvers") => "Promise.withResolvers (ES2024)",
        ("Atomics", "waitAsync") => "Atomics.waitAsync (ES2024)",
        _ => return None,
    };
    Some(format!("{what} called"))
}

/// Whether `typeof NAME` appears in the same statement as the use at `at`: looking back to
/// the previous `;` or the start of the enclosing block, over balanced braces (an object
/// literal inside the statement does not end it).
fn feature_tested(tokens: &[Token], at: usize, name: &str) -> bool {
    if at > 0 && tokens[at - 1].kind == Kind::Ident("typeof") {
        return true;
    }
    let mut depth = 0usize;
    let mut start = 0;
    for j in (0..at).rev() {
        match tokens[j].kind {
            Kind::Punct("}") => depth += 1,
            Kind::Punct("{") if depth > 0 => depth -= 1,
            Kind::Punct("{") | Kind::Punct(";") if depth == 0 => {
                start = j + 1;
                break;
            }
            _ => {}
        }
    }
    tokens[start..at].windows(2).any(|w| w[0].kind == Kind::Ident("typeof") && w[1].kind == Kind::Ident(name))
}

/// What a `{` opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Block {
    /// A function or method body.
    Function,
    /// A class body.
    Class,
    /// Anything else: a statement block or an object literal.
    Other,
}

/// Checks that need the nesting: class fields and static blocks, top-level await.
fn structure_problems(tokens: &[Token]) -> Vec<(usize, String)> {
    let mut problems = Vec::new();
    let mut blocks: Vec<Block> = Vec::new();
    // For each open `(`: the token before it, to tell `if (…) {` from `f(…) {`.
    let mut parens: Vec<Option<Kind>> = Vec::new();
    // The last `)` closed, with the token before its `(`.
    let mut last_paren_owner: Option<Option<Kind>> = None;
    // A `class` keyword whose body has not opened yet, at this paren depth.
    let mut pending_class: Option<usize> = None;
    // In a class body: whether the next token starts a member.
    let mut member_start = false;
    // Whether an arrow appeared in the current statement (its body may hold `await`).
    let mut arrow_in_statement = false;

    for (i, tok) in tokens.iter().enumerate() {
        let in_class_body = blocks.last() == Some(&Block::Class);
        if in_class_body && member_start && !matches!(tok.kind, Kind::Punct(";" | "}")) {
            member_start = false;
            if let Some(problem) = class_member_problem(&tokens[i..]) {
                problems.push((tok.line, problem));
            }
        }
        match tok.kind {
            Kind::Ident("class") if i == 0 || tokens[i - 1].kind != Kind::Punct(".") => pending_class = Some(parens.len()),
            Kind::Ident("await") if !blocks.contains(&Block::Function) && !arrow_in_statement => {
                problems.push((tok.line, "await outside a function: top-level await (ES2022)".into()));
            }
            Kind::Punct("=>") => arrow_in_statement = true,
            Kind::Punct("(") => {
                parens.push(i.checked_sub(1).map(|j| tokens[j].kind.clone()));
            }
            Kind::Punct(")") => last_paren_owner = parens.pop(),
            Kind::Punct("{") => {
                let prev = i.checked_sub(1).map(|j| &tokens[j].kind);
                let block = if pending_class == Some(parens.len()) {
                    pending_class = None;
                    member_start = true;
                    Block::Class
                } else if prev == Some(&Kind::Punct("=>")) {
                    Block::Function
                } else if prev == Some(&Kind::Punct(")")) {
                    match last_paren_owner.take().flatten() {
                        Some(Kind::Ident("if" | "for" | "while" | "switch" | "catch" | "with")) => Block::Other,
                        _ => Block::Function,
                    }
                } else {
                    Block::Other
                };
                blocks.push(block);
                arrow_in_statement = false;
            }
            Kind::Punct("}") => {
                blocks.pop();
                if blocks.last() == Some(&Block::Class) {
                    member_start = true;
                }
                arrow_in_statement = false;
            }
            Kind::Punct(";") => {
                if in_class_body {
                    member_start = true;
                }
                arrow_in_statement = false;
            }
            _ => {}
        }
    }
    problems
}

/// Classifies the class member starting at `tokens[0]`: a method is fine; a field or a
/// static block is newer than ES2020.
fn class_member_problem(tokens: &[Token]) -> Option<String> {
    let mut i = 0;
    while let Some(Kind::Ident("static" | "async" | "get" | "set")) | Some(Kind::Punct("*")) = tokens.get(i).map(|t| &t.kind) {
        // `static(` or `get(` are methods of that name.
        if tokens.get(i + 1).map(|t| &t.kind) == Some(&Kind::Punct("(")) {
            return None;
        }
        if tokens[i].kind == Kind::Ident("static") && tokens.get(i + 1).map(|t| &t.kind) == Some(&Kind::Punct("{")) {
            return Some("class static block (ES2022)".into());
        }
        i += 1;
    }
    // The member's name: an identifier, a string, a number or a computed `[…]`.
    match tokens.get(i).map(|t| &t.kind) {
        Some(Kind::Punct("[")) => {
            let mut depth = 0;
            while let Some(t) = tokens.get(i) {
                match t.kind {
                    Kind::Punct("[") => depth += 1,
                    Kind::Punct("]") => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
        }
        Some(_) => {}
        None => return None,
    }
    match tokens.get(i + 1).map(|t| &t.kind) {
        Some(Kind::Punct("(")) => None,
        _ => Some("class field (ES2022)".into()),
    }
}

// ---- the tokenizer ---------------------------------------------------------------------------

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind<'a> {
    Ident(&'a str),
    /// `#name`.
    Private(&'a str),
    Punct(&'a str),
    Number(&'a str),
    /// A string literal's contents (escapes left as written).
    Str(&'a str),
    /// A piece of a template literal.
    Template,
    Regex {
        flags: &'a str,
    },
}

#[derive(Clone, Debug)]
pub struct Token<'a> {
    pub kind: Kind<'a>,
    pub line: usize,
}

const PUNCTUATORS: &[&str] = &[
    ">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=", "??=", "=>", "==", "!=", "<=", ">=", "&&", "||", "??", "?.",
    "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "**", "<<", ">>", "{", "}", "(", ")", "[", "]", ";", ",", "<", ">", "+",
    "-", "*", "/", "%", "&", "|", "^", "!", "~", "?", ":", "=", ".", "@",
];

/// Keywords after which a `/` starts a regular expression rather than a division.
const BEFORE_REGEX: &[&str] =
    &["return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else", "yield", "await"];

pub fn tokenize(source: &str) -> Vec<Token<'_>> {
    let bytes = source.as_bytes();
    let mut tokens: Vec<Token> = Vec::new();
    let mut i = 0;
    let mut line = 1;
    // Brace depths at which a template literal's `${` was opened.
    let mut template_braces: Vec<usize> = Vec::new();
    let mut braces = 0usize;

    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        match c {
            b'\n' => {
                line += 1;
                i += 1;
            }
            b' ' | b'\t' | b'\r' => i += 1,
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let end = source[i + 2..].find("*/").map_or(bytes.len(), |e| i + 2 + e + 2);
                line += source[i..end].matches('\n').count();
                i = end;
            }
            b'\'' | b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != c {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                tokens.push(Token { kind: Kind::Str(&source[start + 1..i.min(bytes.len())]), line });
                i += 1;
            }
            b'`' => {
                i = template_rest(source, i + 1, &mut line, &mut template_braces, braces);
                tokens.push(Token { kind: Kind::Template, line });
            }
            b'}' if template_braces.last() == Some(&braces) => {
                template_braces.pop();
                i = template_rest(source, i + 1, &mut line, &mut template_braces, braces);
                tokens.push(Token { kind: Kind::Template, line });
            }
            b'/' if regex_allowed(tokens.last()) => {
                i += 1;
                let mut in_class = false;
                while i < bytes.len() && bytes[i] != b'\n' {
                    match bytes[i] {
                        b'\\' => i += 1,
                        b'[' => in_class = true,
                        b']' => in_class = false,
                        b'/' if !in_class => break,
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
                let flags_start = i;
                while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                    i += 1;
                }
                tokens.push(Token { kind: Kind::Regex { flags: &source[flags_start..i] }, line });
            }
            b'0'..=b'9' => {
                i = number_end(bytes, i);
                tokens.push(Token { kind: Kind::Number(&source[start..i]), line });
            }
            b'.' if bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                i = number_end(bytes, i + 1);
                tokens.push(Token { kind: Kind::Number(&source[start..i]), line });
            }
            b'#' if i == 0 && bytes.get(1) == Some(&b'!') => {
                tokens.push(Token { kind: Kind::Private("!"), line });
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'#' => {
                i = ident_end(source, i + 1);
                tokens.push(Token { kind: Kind::Private(&source[start + 1..i]), line });
            }
            _ if is_ident_start(source, i) => {
                i = ident_end(source, i);
                tokens.push(Token { kind: Kind::Ident(&source[start..i]), line });
            }
            _ => {
                let rest = &source[i..];
                let p = PUNCTUATORS
                    .iter()
                    .find(|p| rest.starts_with(**p) && !(**p == "?." && rest.as_bytes().get(2).is_some_and(u8::is_ascii_digit)))
                    .copied();
                match p {
                    Some(p) => {
                        match p {
                            "{" => braces += 1,
                            "}" => braces = braces.saturating_sub(1),
                            _ => {}
                        }
                        tokens.push(Token { kind: Kind::Punct(p), line });
                        i += p.len();
                    }
                    // Anything else (a stray non-ASCII character) is skipped.
                    None => i += rest.chars().next().map_or(1, char::len_utf8),
                }
            }
        }
    }
    tokens
}

/// Scans a template literal from just after its opening backtick (or a `}` closing a
/// substitution) to its end or its next `${`, and returns the position after it.
fn template_rest(source: &str, mut i: usize, line: &mut usize, template_braces: &mut Vec<usize>, braces: usize) -> usize {
    let bytes = source.as_bytes();
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'`' => return i + 1,
            b'$' if bytes.get(i + 1) == Some(&b'{') => {
                template_braces.push(braces);
                return i + 2;
            }
            b'\n' => {
                *line += 1;
                i += 1;
            }
            _ => i += 1,
        }
    }
    i
}

fn regex_allowed(prev: Option<&Token>) -> bool {
    match prev.map(|t| &t.kind) {
        None => true,
        Some(Kind::Punct(p)) => !matches!(*p, ")" | "]"),
        Some(Kind::Ident(word)) => BEFORE_REGEX.contains(word),
        Some(Kind::Template) => false,
        Some(_) => false,
    }
}

fn number_end(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        let c = bytes[i];
        let exponent_sign = (c == b'+' || c == b'-') && matches!(bytes[i - 1], b'e' | b'E') && !is_hex(bytes, i);
        if c.is_ascii_alphanumeric() || c == b'_' || c == b'.' || exponent_sign {
            i += 1;
        } else {
            break;
        }
    }
    i
}

fn is_hex(bytes: &[u8], end: usize) -> bool {
    let start = bytes[..end].iter().rposition(|b| !(b.is_ascii_alphanumeric() || *b == b'_' || *b == b'.')).map_or(0, |p| p + 1);
    bytes[start..end].starts_with(b"0x") || bytes[start..end].starts_with(b"0X")
}

fn is_ident_start(source: &str, i: usize) -> bool {
    source[i..].chars().next().is_some_and(|c| c == '_' || c == '$' || c.is_alphabetic())
}

fn ident_end(source: &str, mut i: usize) -> usize {
    while let Some(c) = source[i..].chars().next() {
        if c == '_' || c == '$' || c.is_alphanumeric() {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::check;

    fn flagged(source: &str) -> bool {
        !check(source).is_empty()
    }

    #[test]
    fn flags_syntax_newer_than_es2020() {
        for source in [
            "a ??= b;",
            "a ||= b;",
            "a &&= b;",
            "const n = 1_000_000;",
            "class A { x = 1; m() {} }",
            "class A { static y = 2 }",
            "class A { static { init(); } }",
            "class A { #secret; }",
            "class A { m() { return this.#secret; } }",
            "const r = /a(?<x>b)/d;",
            "const r = /[a--b]/v;",
            "await load();",
            "if (x) { await load(); }",
            "@decorate class A {}",
            "#!/usr/bin/env node\nlet a;",
        ] {
            assert!(flagged(source), "{source} was not flagged");
        }
    }

    #[test]
    fn flags_builtins_newer_than_the_floor() {
        for source in [
            "xs.at(-1);",
            "xs.findLast(f);",
            "s.replaceAll('a', 'b');",
            "Object.hasOwn(o, 'k');",
            "Promise.any(ps);",
            "const r = new WeakRef(o);",
            "const c = structuredClone(v);",
            "xs?.toSorted();",
        ] {
            assert!(flagged(source), "{source} was not flagged");
        }
    }

    #[test]
    fn accepts_es2020_and_look_alikes() {
        for source in [
            "const a = b ?? c; const d = e?.f?.[0]?.(1);",
            "const big = 10n;",
            "async function f() { const { a } = await g(); for await (const x of y) {} }",
            "const f = async () => await g();",
            "const f = async () => { await g(); };",
            "class A extends B { constructor() { super(); } static create() {} get x() { return 1; } async *gen() {} ['computed']() {} }",
            "const s = 'a ??= b #x xs.at(1) await';",
            "const t = `a ${ {b: 1}.b } ??= ${ `nested ${c}` } await`;",
            "// a ??= b; await x;\n/* class A { x = 1 } */ let y;",
            "const r = /a\\/b[/]#x/gimsuy; const q = a / b / c;",
            "const Fin = (typeof FinalizationRegistry === 'undefined')\n  ? { register: () => {}, unregister: () => {} }\n  : new FinalizationRegistry(ptr => free(ptr, 1));",
            "import init from './nianbao.js'; const u = new URL('x.wasm', import.meta.url); import('./m.js');",
            "const o = { at: 1, static: 2, get: 3 }; o.at; xs.at;",
            "label: for (;;) { break label; } if (a) { b(); } else { c(); } try {} catch {}",
            "const n = 1.5e-3 + .5 + 0x1F + 0o7 + 0b1;",
        ] {
            assert_eq!(check(source), Vec::<String>::new(), "{source}");
        }
    }
}
