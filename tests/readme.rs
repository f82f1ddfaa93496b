//! README.md's list of rules comes from the registry (`nianbao::rules::RULES`): this test
//! renders the list and fails when README.md differs. `UPDATE_README=1 cargo test --test
//! readme` writes it. The rules across reports are marked “跨报告” after their name.

use std::path::Path;

const START: &str = "<!-- rules:start (generated from src/rules by tests/readme.rs; do not edit by hand) -->";
const END: &str = "<!-- rules:end -->";

fn rule_list() -> String {
    let mut out = String::new();
    out.push_str("| 规则 | 级别 | 名称 | 检查什么、为什么 |\n|---|---|---|---|\n");
    for rule in nianbao::rules::RULES {
        out.push_str(&format!(
            "| `{}` | {} | {}{} | {} |\n",
            rule.id,
            rule.severity.label(),
            rule.title,
            if rule.is_cross_report() { "（跨报告）" } else { "" },
            rule.explanation().replace('|', "\\|")
        ));
    }
    out
}

#[test]
fn the_readme_lists_every_rule_of_the_registry() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let generated = format!("{START}\n{}{END}", rule_list());
    let (Some(start), Some(end)) = (readme.find(START), readme.find(END)) else {
        panic!("README.md has no rules block between {START} and {END}");
    };
    let current = &readme[start..end + END.len()];
    if current != generated {
        if std::env::var_os("UPDATE_README").is_some() {
            std::fs::write(&path, readme.replacen(current, &generated, 1)).expect("write README.md");
            return;
        }
        panic!("README.md's rule list is out of date: run UPDATE_README=1 cargo test --test readme\n\nexpected:\n{generated}");
    }
    // Every rule appears once, in registry order.
    let mut at = 0;
    for rule in nianbao::rules::RULES {
        let found = current[at..].find(&format!("`{}`", rule.id)).unwrap_or_else(|| panic!("{} missing or out of order", rule.id));
        at += found + 1;
    }
}
