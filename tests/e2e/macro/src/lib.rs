//! `#[e2e]` turns one end-to-end test into one test per browser engine:
//!
//! ```ignore
//! #[e2e]
//! async fn the_sample_marks_the_wrong_cells() { let app = App::open(SERVED).await; … }
//! ```
//!
//! becomes a module of that name holding `chromium` and `firefox`, each a `#[tokio::test]`
//! that runs the body with its engine set for the test (`crate::support::Engine::run`), so
//! `App::open` starts that engine. The test names say the engine
//! (`the_sample_marks_the_wrong_cells::firefox`), and `cargo test --test e2e firefox` runs one
//! engine. Plain `proc_macro`, no parser crate: the body is passed through as it is, so its
//! spans (and so an assertion's file and line) stay those of the test.

use proc_macro::{Delimiter, Group, Ident, Span, TokenStream, TokenTree};

/// The engines, as (test name, `crate::support::Engine` variant).
const ENGINES: [(&str, &str); 2] = [("chromium", "Chromium"), ("firefox", "Firefox")];

#[proc_macro_attribute]
pub fn e2e(attr: TokenStream, item: TokenStream) -> TokenStream {
    if let Some(t) = attr.into_iter().next() {
        return error(t.span(), "#[e2e] takes no arguments: every test runs in every engine");
    }
    let tokens: Vec<TokenTree> = item.into_iter().collect();
    // [outer attributes, doc comments] async fn NAME() { BODY }
    let Some(fn_at) = tokens.iter().position(|t| matches!(t, TokenTree::Ident(i) if i.to_string() == "fn")) else {
        return error(Span::call_site(), "#[e2e] goes on an `async fn NAME() { … }`");
    };
    let is_async = fn_at > 0 && matches!(&tokens[fn_at - 1], TokenTree::Ident(i) if i.to_string() == "async");
    let (Some(TokenTree::Ident(name)), Some(TokenTree::Group(params)), Some(TokenTree::Group(body))) =
        (tokens.get(fn_at + 1), tokens.get(fn_at + 2), tokens.get(fn_at + 3))
    else {
        return error(tokens[fn_at].span(), "#[e2e] goes on an `async fn NAME() { … }`");
    };
    if !is_async || !params.stream().is_empty() || body.delimiter() != Delimiter::Brace || tokens.len() != fn_at + 4 {
        return error(name.span(), "#[e2e] goes on an `async fn NAME() { … }` with no arguments and no return type");
    }
    // What stands before `async fn` (doc comments, attributes such as #[allow]) goes on the module.
    let outer: TokenStream = tokens[..fn_at - 1].iter().cloned().collect();

    let mut tests: TokenStream = "#[allow(unused_imports)] use super::*;".parse().unwrap();
    for (test, engine) in ENGINES {
        let template = format!("#[tokio::test] async fn {test}() {{ crate::support::Engine::{engine}.run(async move __BODY__).await }}");
        tests.extend(splice(template.parse().unwrap(), body));
    }
    // `mod NAME { … }`, named with the test's own name token, so errors point at the test.
    let mut module = outer;
    module.extend([
        TokenTree::Ident(Ident::new("mod", name.span())),
        TokenTree::Ident(name.clone()),
        TokenTree::Group(Group::new(Delimiter::Brace, tests)),
    ]);
    module
}

/// `template` with the ident `__BODY__` replaced by the test's body.
fn splice(template: TokenStream, body: &Group) -> TokenStream {
    template
        .into_iter()
        .map(|t| match t {
            TokenTree::Ident(i) if i.to_string() == "__BODY__" => TokenTree::Group(body.clone()),
            TokenTree::Group(g) => TokenTree::Group(Group::new(g.delimiter(), splice(g.stream(), body))),
            t => t,
        })
        .collect()
}

fn error(span: Span, message: &str) -> TokenStream {
    let call: TokenStream = format!("compile_error!({message:?});").parse().unwrap();
    call.into_iter()
        .map(|mut t| {
            t.set_span(span);
            t
        })
        .collect()
}
