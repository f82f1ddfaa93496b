//! Checks that a stylesheet uses only what the browser floor (Chromium 86, Firefox ESR 78)
//! supports: no nesting, no selectors, at-rules, properties, functions or units that came
//! later. The lists were checked against MDN's browser-compat-data; a property or selector
//! missing from them is not proof of support, so keep them growing when the CSS grows.

/// Every problem found, as "what (in `context`)".
pub fn check(css: &str) -> Vec<String> {
    let css = strip_comments_and_strings(css);
    let mut problems = undefined_custom_properties(&css);
    let mut stack: Vec<Context> = vec![Context::Rules];
    let mut prelude = String::new();
    // Inside parentheses (`url(data:…;…)`, `:not(…)`), `;` and braces are plain characters.
    let mut parens = 0usize;

    for c in css.chars() {
        match c {
            '(' => {
                parens += 1;
                prelude.push(c);
            }
            ')' => {
                parens = parens.saturating_sub(1);
                prelude.push(c);
            }
            _ if parens > 0 => prelude.push(c),
            '{' => {
                let head = prelude.trim().to_string();
                prelude.clear();
                let parent = *stack.last().unwrap_or(&Context::Rules);
                let context = match parent {
                    Context::Declarations => {
                        problems.push(format!("nested rule `{head}` (CSS nesting: Chromium 120, Firefox 117)"));
                        Context::Declarations
                    }
                    Context::Keyframes => Context::Declarations,
                    Context::Rules if head.starts_with('@') => at_rule(&head, &mut problems),
                    Context::Rules => {
                        selector(&head, &mut problems);
                        Context::Declarations
                    }
                };
                stack.push(context);
            }
            '}' => {
                if stack.last() == Some(&Context::Declarations) {
                    declaration(prelude.trim(), &mut problems);
                }
                prelude.clear();
                stack.pop();
                if stack.is_empty() {
                    problems.push("unbalanced `}`".into());
                    stack.push(Context::Rules);
                }
            }
            ';' => {
                match stack.last() {
                    Some(Context::Declarations) => declaration(prelude.trim(), &mut problems),
                    _ => {
                        // A statement at-rule such as @import or @charset.
                        let head = prelude.trim();
                        if head.starts_with("@import") {
                            problems.push(format!("`{head}` (loads another file)"));
                        }
                    }
                }
                prelude.clear();
            }
            _ => prelude.push(c),
        }
    }
    if stack.len() != 1 {
        problems.push("unbalanced `{`".into());
    }
    problems
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Context {
    /// Where rules stand: the top level, inside @media or @supports.
    Rules,
    /// Inside @keyframes: keyframe selectors.
    Keyframes,
    /// Inside a style rule (or @font-face): declarations only.
    Declarations,
}

fn at_rule(head: &str, problems: &mut Vec<String>) -> Context {
    let name: String = head[1..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    match name.as_str() {
        "media" => {
            let query = &head[6..];
            if query.contains(['<', '>', '=']) {
                problems.push(format!("media range syntax in `{head}` (Chromium 104, Firefox 102)"));
            }
            Context::Rules
        }
        "supports" => {
            if head.contains("font-tech(") || head.contains("font-format(") {
                problems.push(format!("`{head}` (Chromium 108)"));
            }
            Context::Rules
        }
        "keyframes" | "-webkit-keyframes" => Context::Keyframes,
        "font-face" | "page" => Context::Declarations,
        _ => {
            problems.push(format!("at-rule @{name} (not supported by the floor, or not allowed here)"));
            Context::Rules
        }
    }
}

/// Selectors and pseudo-classes the floor lacks.
const NEWER_SELECTORS: &[(&str, &str)] = &[
    (":has(", "Chromium 105, Firefox 121"),
    (":is(", "Chromium 88"),
    (":where(", "Chromium 88"),
    (":focus-visible", "Firefox 85"),
    (":user-valid", "Chromium 119"),
    (":user-invalid", "Chromium 119"),
    (":modal", "Chromium 105"),
    (":popover-open", "Chromium 114"),
    ("::part(", "Firefox 72 but Chromium 73; fine, yet shadow DOM is not used here"),
    (":host", "shadow DOM is not used here"),
    ("&", "CSS nesting: Chromium 120, Firefox 117"),
];

fn selector(head: &str, problems: &mut Vec<String>) {
    for (needle, since) in NEWER_SELECTORS {
        if head.contains(needle) {
            problems.push(format!("`{needle}` in selector `{head}` ({since})"));
        }
    }
    // :not() with a selector list or a complex selector is Selectors Level 4 (Chromium 88).
    let mut rest = head;
    while let Some(at) = rest.find(":not(") {
        let inner: String = rest[at + 5..].chars().take_while(|c| *c != ')').collect();
        if inner.contains([',', ' ', '>', '+', '~']) {
            problems.push(format!("`:not({inner})` with a list or complex selector (Chromium 88)"));
        }
        rest = &rest[at + 5..];
    }
    if head.contains(":nth-child(") && head.contains(" of ") {
        problems.push(format!("`:nth-child(… of …)` in `{head}` (Chromium 111)"));
    }
}

/// Properties the floor lacks. A name covers its family (`inset` covers `inset-inline-start`)
/// unless it is in [`EXACT_ONLY`].
const NEWER_PROPERTIES: &[(&str, &str)] = &[
    ("aspect-ratio", "Chromium 88, Firefox 89"),
    ("inset", "Chromium 87"),
    ("margin-inline", "shorthand: Chromium 87"),
    ("margin-block", "shorthand: Chromium 87"),
    ("padding-inline", "shorthand: Chromium 87"),
    ("padding-block", "shorthand: Chromium 87"),
    ("translate", "Chromium 104"),
    ("rotate", "Chromium 104"),
    ("scale", "Chromium 104"),
    ("accent-color", "Chromium 93, Firefox 92"),
    ("appearance", "unprefixed: Firefox 80"),
    ("content-visibility", "Firefox 125"),
    ("contain-intrinsic", "Chromium 95"),
    ("container", "Chromium 105"),
    ("text-wrap", "Chromium 114"),
    ("scrollbar-gutter", "Chromium 94"),
    ("scrollbar-color", "Chromium 121"),
    ("scrollbar-width", "Chromium 121"),
    ("text-underline-offset", "Chromium 87"),
    ("text-decoration-thickness", "Chromium 89"),
    ("overflow-clip-margin", "Chromium 90"),
    ("hyphenate-character", "Chromium 106"),
    ("anchor-name", "Chromium 125"),
    ("position-anchor", "Chromium 125"),
    ("position-try", "Chromium 125"),
    ("view-transition-name", "Chromium 111"),
    ("field-sizing", "Chromium 123"),
    ("interpolate-size", "Chromium 129"),
    ("font-palette", "Chromium 101"),
    ("text-box", "Chromium 133"),
    ("zoom", "Firefox 126"),
];

/// Shorthands that are newer than their longhands (`margin-inline-start` is Chromium 69).
const EXACT_ONLY: &[&str] = &["margin-inline", "margin-block", "padding-inline", "padding-block"];

/// Functions the floor lacks in values.
const NEWER_FUNCTIONS: &[(&str, &str)] = &[
    ("color-mix(", "Chromium 111"),
    ("oklch(", "Chromium 111"),
    ("oklab(", "Chromium 111"),
    ("lch(", "Chromium 111"),
    ("lab(", "Chromium 111"),
    ("hwb(", "Chromium 101"),
    ("color(", "Chromium 111"),
    ("light-dark(", "Chromium 123"),
    ("round(", "Chromium 125"),
    ("mod(", "Chromium 125"),
    ("rem(", "Chromium 125"),
    ("sin(", "Chromium 111"),
    ("cos(", "Chromium 111"),
    ("tan(", "Chromium 111"),
    ("pow(", "Chromium 120"),
    ("sqrt(", "Chromium 120"),
    ("abs(", "Chromium 138"),
    ("sign(", "Chromium 138"),
    ("anchor(", "Chromium 125"),
    ("image-set(", "unprefixed: Chromium 113"),
    ("url(", "loads a file (only data: URLs are allowed)"),
];

/// Units the floor lacks.
const NEWER_UNITS: &[&str] = &[
    "dvh", "svh", "lvh", "dvw", "svw", "lvw", "dvi", "svi", "lvi", "dvb", "svb", "lvb", "cqw", "cqh", "cqi", "cqb", "cqmin", "cqmax",
    "rlh", "lh", "ic", "cap", "rcap", "rex", "rch", "ric",
];

fn declaration(text: &str, problems: &mut Vec<String>) {
    let Some((property, value)) = text.split_once(':') else {
        if !text.is_empty() {
            problems.push(format!("not a declaration: `{text}`"));
        }
        return;
    };
    let property = property.trim();
    let value = value.trim();
    if !property.starts_with("--") && !property.starts_with('-') {
        for (name, since) in NEWER_PROPERTIES {
            let family = !EXACT_ONLY.contains(name) && property.strip_prefix(name).is_some_and(|rest| rest.starts_with('-'));
            if property == *name || family {
                problems.push(format!("property `{property}` ({since})"));
            }
        }
    }
    let lower = value.to_ascii_lowercase();
    for (function, since) in NEWER_FUNCTIONS {
        // A function name must not be the tail of a longer one (`rgba(` is not `a(`).
        let mut rest = lower.as_str();
        while let Some(at) = rest.find(function) {
            let before = rest[..at].chars().last();
            let is_tail = before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-');
            let data_url = *function == "url(" && rest[at + 4..].trim_start().starts_with("data:");
            if !is_tail && !data_url {
                problems.push(format!("`{function}` in `{property}: {value}` ({since})"));
            }
            rest = &rest[at + function.len()..];
        }
    }
    for word in lower.split(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-')) {
        // A number (`1.5lh`, `-2cap`), not a name (`--lh`, a custom property).
        let number = word.strip_prefix('-').unwrap_or(word);
        let unit = number.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
        if unit.len() < number.len() && NEWER_UNITS.contains(&unit) {
            problems.push(format!("unit `{unit}` in `{property}: {value}`"));
        }
    }
    let overflow = property == "overflow" || property.starts_with("overflow-");
    if overflow && lower.split_whitespace().any(|w| w == "clip") {
        problems.push(format!("`{property}: clip` (Chromium 90)"));
    }
}

/// Every `var(--name)` without a fallback whose custom property the stylesheet never defines
/// (a misspelt name is no error to a browser: the declaration silently does nothing).
fn undefined_custom_properties(css: &str) -> Vec<String> {
    let name_at = |rest: &str| -> String { rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect() };
    let mut defined = Vec::new();
    let mut used = Vec::new();
    let mut rest = css;
    while let Some(at) = rest.find("--") {
        let name = format!("--{}", name_at(&rest[at + 2..]));
        let before = rest[..at].trim_end();
        let after = rest[at + name.len()..].trim_start();
        if before.ends_with("var(") {
            used.push((name.clone(), after.starts_with(',')));
        } else if after.starts_with(':') && (before.ends_with('{') || before.ends_with(';')) {
            defined.push(name.clone());
        }
        rest = &rest[at + name.len()..];
    }
    used.into_iter()
        .filter(|(name, fallback)| !fallback && !defined.contains(name))
        .map(|(name, _)| format!("`var({name})` names a custom property the stylesheet does not define"))
        .collect()
}

/// Blanks out comments and the contents of strings, keeping their length, so that braces and
/// selectors inside them do not count.
fn strip_comments_and_strings(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut prev = ' ';
                for c in chars.by_ref() {
                    if prev == '*' && c == '/' {
                        break;
                    }
                    prev = c;
                }
                out.push(' ');
            }
            '"' | '\'' => {
                out.push(c);
                while let Some(d) = chars.next() {
                    if d == '\\' {
                        chars.next();
                        continue;
                    }
                    if d == c {
                        break;
                    }
                }
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn flags_what_the_floor_lacks() {
        for css in [
            ".a { color: red; .b { color: blue; } }",
            ".a { &:hover { color: red; } }",
            ".a:has(.b) { color: red; }",
            ":is(h1, h2) { margin: 0; }",
            ":where(.a) { margin: 0; }",
            "button:focus-visible { outline: 1px solid; }",
            "li:not(.a, .b) { color: red; }",
            ".a { aspect-ratio: 16 / 9; }",
            ".a { inset: 0; }",
            ".a { inset-inline-start: 0; }",
            ".a { margin-inline: auto; }",
            ".a { color: color-mix(in srgb, red, blue); }",
            ".a { height: 100dvh; }",
            ".a { overflow: clip; }",
            "@media (width >= 600px) { .a { color: red; } }",
            "@container (min-width: 1px) { .a { color: red; } }",
            "@layer base { .a { color: red; } }",
            "@import url(other.css);",
            ".a { background: url(https://example.org/x.png); }",
            ".a { appearance: none; }",
            ".a { line-height: 1.2lh; margin: -1cap; }",
            "@property --x { syntax: \"<color>\"; inherits: false; initial-value: red; }",
            ":root { --text: #1f2328; } .a { color: var(--txet); }",
            ".a { --x: 1px; } .b { width: var( --y ); }",
        ] {
            assert!(!check(css).is_empty(), "{css} was not flagged");
        }
    }

    #[test]
    fn accepts_what_the_floor_has() {
        for css in [
            ".a { color: #1f2328; background: rgba(0, 0, 0, 0.5); width: calc(100% - 5em); }",
            "@media (max-width: 600px) { .a, .b > .c { display: none; } }",
            "@supports selector(:focus-within) { #x { visibility: hidden; } }",
            "@keyframes reveal { from { opacity: 0; } 50% { opacity: 0.5; } to { opacity: 1; } }",
            "@-webkit-keyframes reveal { to { visibility: visible; } }",
            "td[data-severity=\"error\"] { outline: 2px solid #cf222e; outline-offset: -2px; }",
            "li:not(.a) { -webkit-appearance: none; margin-inline-start: 0; gap: 4px; }",
            "/* .a { .b {} } :has( */ .a { content: \":has( { \"; }",
            ".a { font-family: \"Noto Sans CJK SC\", sans-serif; font-variant-numeric: tabular-nums; }",
            ".a { background: url(data:image/png;base64,AAAA); min-height: min(10px, 2em); }",
            ":root { --text: #1f2328; --lh: 2px; } .a { color: var(--text); border: 1px solid var(--lh); }",
            ".a { color: var(--not-defined, #1f2328); } :root{--b:0} .c { outline: var( --b ) solid; }",
        ] {
            assert_eq!(check(css), Vec::<String>::new(), "{css}");
        }
    }
}
