use super::testcases;
use super::*;
use crate::cost::Pricing;

#[test]
fn embedded_rule_base_loads_and_lints_clean() {
    let b = RuleBase::embedded();
    assert!(b.rules.len() >= 40, "{} rules", b.rules.len());
    let findings = lint::lint(
        EMBEDDED
            .iter()
            .map(|(n, s)| (n.to_string(), s.to_string()))
            .collect(),
        &Pricing::embedded(),
    );
    assert!(findings.is_empty(), "{findings:#?}");
}

#[test]
fn embedded_rule_test_cases_pass() {
    let cases = testcases::embedded().unwrap_or_else(|e| panic!("{e}"));
    assert!(!cases.is_empty());
    let failures: Vec<_> = testcases::run(&cases, &RuleBase::embedded(), &Pricing::embedded())
        .into_iter()
        .filter(|o| !o.failures.is_empty())
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn embedded_lists_match_the_directories() {
    let dir = |d: &str| {
        let mut v: Vec<String> =
            std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/").to_string() + d)
                .unwrap()
                .filter_map(|e| e.ok())
                .map(|e| format!("{d}/{}", e.file_name().to_string_lossy()))
                .filter(|n| n.ends_with(".yaml") && !n.ends_with("pricing.yaml"))
                .collect();
        v.sort();
        v
    };
    let names = |l: &[(&str, &str)]| {
        let mut v: Vec<String> = l.iter().map(|(n, _)| n.to_string()).collect();
        v.sort();
        v
    };
    assert_eq!(names(EMBEDDED), dir("rules"));
    assert_eq!(names(testcases::EMBEDDED), dir("rules/tests"));
    assert_eq!(names(crate::examples::WORKLOADS), dir("workloads"));
}
