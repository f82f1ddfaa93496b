//! The command line tool. (Placeholder: prints the text rendering of each file given.)

fn main() {
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let checked = nianbao::check_text(&text);
        println!("== {path}\n{}", nianbao::export::text::render(&checked));
        for note in &checked.report.notes {
            println!("note: {note:?}");
        }
    }
}
