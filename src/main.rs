//! The web app's entry point (wasm32, `ui` feature): it only starts the UI.
//! Everything the page does lives in `nianbao::ui`; see ARCHITECTURE.md.

fn main() {
    nianbao::ui::start();
}
