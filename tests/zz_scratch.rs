#[test]
fn scratch() {
    let bytes = std::fs::read("/tmp/keep/docx-crash").unwrap();
    let xml = String::from_utf8_lossy(&bytes);
    let doc = nianbao::input::docx::document(&xml);
    println!("extracted {}", doc.extracted);
    let c = nianbao::check_document(&doc);
    let r = &c.report;
    println!("published {:?}\ntitle_year {:?}\nperiod {:?}\nparts {:?}\ntables {:?}", r.published, r.title_year, r.period_year, r.parts, r.tables);
    for (k, cell) in &r.cells { println!("{k} {:?}", cell.span); }
}
