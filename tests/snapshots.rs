//! Reviewed snapshots of what the checker says about each real sample: the tables as read,
//! with markers on flagged cells, and every finding. A change in reading or in the rules
//! shows up here as a diff to review; `UPDATE_EXPECT=1 cargo test --test snapshots` accepts
//! it.

use std::path::Path;

use expect_test::expect_file;

fn render(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/samples").join(name);
    let text = std::fs::read_to_string(path).expect("sample");
    let checked = if name.ends_with(".html") { nianbao::check_html(&text) } else { nianbao::check_text(&text) };
    nianbao::export::text::render(&checked)
}

#[test]
fn township_2019() {
    expect_file!["snapshots/anyue-qingliu-town-2019.txt"].assert_eq(&render("anyue-qingliu-town-2019.txt"));
}

#[test]
fn district_2024() {
    expect_file!["snapshots/hongze-district-2024.txt"].assert_eq(&render("hongze-district-2024.pdf.txt"));
}

#[test]
fn zone_2019_flattened() {
    expect_file!["snapshots/pingtan-zone-2019.txt"].assert_eq(&render("pingtan-zone-2019.flat.txt"));
}

#[test]
fn zone_2022_flattened() {
    expect_file!["snapshots/pingtan-zone-2022.txt"].assert_eq(&render("pingtan-zone-2022.flat.txt"));
}

#[test]
fn office_2025_markdown() {
    expect_file!["snapshots/shanghai-office-2025.txt"].assert_eq(&render("shanghai-office-2025.md"));
}

#[test]
fn ndrc_2023_html() {
    expect_file!["snapshots/shuyang-ndrc-2023.txt"].assert_eq(&render("shuyang-ndrc-2023.html"));
}
