//! Prints the text the PDF reader lays out from a PDF: `cargo run --example pdftext FILE.pdf`.

/// Native only: the reader inflates with `miniz_oxide` here (in the browser, the page does).
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: pdftext FILE.pdf");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    match nianbao::input::pdf::read(&bytes) {
        Ok(extracted) => print!("{}", extracted.text),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
