//! Absurd numbers in workloads, catalogs and rule packs: each is a located error or a
//! clear failure, never a panic (exit 101), and an overflow names the file that causes it.

use predicates::prelude::*;

use crate::support::{Dir, bad_input, bounded, has, no_panic, yaml};

fn catalog() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/pricing.yaml"))
        .expect("read rules/pricing.yaml")
}

fn edited_catalog(from: &str, to: &str) -> String {
    let c = catalog();
    assert!(c.contains(from), "the catalog no longer contains {from:?}");
    c.replacen(from, to, 1)
}

/// The 1-based line of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).expect(needle) + 1
}

fn api() -> String {
    yaml(&[
        "name: x",
        "components:",
        "  - { name: api, kind: http-api, traffic: { requests_per_month: 1000000000000000 }, gateway: rest }",
    ])
}

#[test]
fn a_report_on_ten_trillion_batch_runs_completes() {
    // Its sweep multiplied runs by the swept volume and panicked.
    let dir = Dir::with(
        "w.yaml",
        yaml(&[
            "name: x",
            "components:",
            "  - { name: c0, kind: batch, traffic: { requests_per_month: 10000000000000 }, duration_ms: 1 }",
        ]),
    );
    for cmd in ["evaluate", "cost", "migrate", "graph", "report"] {
        bounded(&dir, 512, 120, &[cmd, "w.yaml"])
            .assert()
            .success()
            .stderr(no_panic());
    }
}

#[test]
fn a_price_of_8e22_is_refused_where_it_is_written() {
    // Formatting it as "per 1M" multiplied it past the decimal range.
    let c = edited_catalog(
        "requests: { usd: \"0.0000002\"",
        "requests: { usd: \"79000000000000000000000\"",
    );
    let line = line_of(&c, "79000000000000000000000");
    let dir = Dir::with("p.yaml", c);
    dir.write("w.yaml", api());
    bad_input(
        dir.archway()
            .args(["--pricing", "p.yaml", "evaluate", "w.yaml"])
            .assert(),
    )
    .stderr(has(&format!("p.yaml:{line}:")))
    .stderr(has("a unit price is at most 1000000 USD"));
}

#[test]
fn a_metering_step_of_zero_is_refused_where_it_is_written() {
    // The front door's price divided the payload by it.
    let c = edited_catalog(
        "http_metering_kb: { quantity: 512",
        "http_metering_kb: { quantity: 0",
    );
    let line = line_of(&c, "http_metering_kb: { quantity: 0");
    let dir = Dir::with("p.yaml", c);
    dir.write(
        "w.yaml",
        yaml(&[
            "name: x",
            "components:",
            "  - { name: api, kind: http-api, traffic: { requests_per_month: 1000 }, gateway: http }",
        ]),
    );
    bad_input(
        dir.archway()
            .args(["--pricing", "p.yaml", "cost", "w.yaml"])
            .assert(),
    )
    .stderr(has(&format!("p.yaml:{line}:")))
    .stderr(has("http_metering_kb.quantity: 0 is too small"));
}

#[test]
fn a_rule_weight_near_the_decimal_maximum_is_refused_where_it_is_written() {
    // Adding it to a placement's score overflowed, in `evaluate` and in `rules check`.
    let dir = Dir::new();
    std::fs::create_dir(dir.path().join("r")).unwrap();
    let rules =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/workloads.yaml"))
            .unwrap()
            .replacen("weight: 2", "weight: 79228162514264337593543950335", 1);
    let line = line_of(&rules, "weight: 7922");
    dir.write("r/workloads.yaml", &rules);
    dir.write("w.yaml", api());
    for args in [
        vec!["--rules", "r", "evaluate", "w.yaml"],
        vec!["rules", "check", "r"],
    ] {
        bad_input(dir.archway().args(&args).assert())
            .stderr(has(&format!("r/workloads.yaml:{line}:13:")))
            .stderr(has("out of range: expected at most 1000"));
    }
}

/// The catalog with Lambda's GB-second at the highest price a catalog takes.
fn dear_duration(region: &str) -> String {
    edited_catalog(
        "  - region: us-east-1\n",
        &format!("  - region: {region}\n"),
    )
    .replacen(
        "- { up_to: 6000000000, usd: \"0.0000166667\" }",
        "- { up_to: 6000000000, usd: \"1000000\" }",
        1,
    )
    .replacen(
        "- { up_to: 15000000000, usd: \"0.000015\" }",
        "- { up_to: 15000000000, usd: \"1000000\" }",
        1,
    )
    .replacen("- { usd: \"0.0000133334\" }", "- { usd: \"1000000\" }", 1)
}

/// A function at the largest volume a workload takes: 10^18 GB-seconds a month.
fn busy_function(region: &str) -> String {
    yaml(&[
        "name: x",
        &format!("region: {region}"),
        "components:",
        "  - { name: api, kind: worker, traffic: { requests_per_month: 1000000000000000 }, duration_ms: 100000, memory_mb: 10240 }",
    ])
}

#[test]
fn an_option_past_any_real_bill_blames_the_catalog_that_priced_it() {
    // 10^18 GB-seconds at $1,000,000 is past $10^22 a month. The embedded catalog prices
    // the same workload, so the catalog is named, not the workload.
    let dir = Dir::with("p.yaml", dear_duration("us-east-1"));
    dir.write("w.yaml", busy_function("us-east-1"));
    for cmd in ["evaluate", "cost", "report"] {
        bad_input(
            bounded(&dir, 512, 60, &["--pricing", "p.yaml", cmd, "w.yaml"]).assert(),
        )
        .stderr(has("error: p.yaml: component `api`: the monthly total on lambda is over $10,000,000,000,000,000,000,000.00 a month"))
        .stderr(has("with the prices in this catalog"))
        .stderr(has("w.yaml").not());
    }
}

#[test]
fn an_overflow_with_a_catalog_of_another_region_names_both_files() {
    // The embedded catalog cannot price eu-far-1, so either file may be at fault.
    let dir = Dir::with("p.yaml", dear_duration("eu-far-1"));
    dir.write("w.yaml", busy_function("eu-far-1"));
    bad_input(
        dir.archway()
            .args(["--pricing", "p.yaml", "evaluate", "w.yaml"])
            .assert(),
    )
    .stderr(has("error: w.yaml: component `api`"))
    .stderr(has("check the workload's numbers and the prices in p.yaml"));
}

#[test]
fn more_than_ten_thousand_components_are_refused_at_the_list() {
    // 29,000 huge components overflowed the migration plan's sum of loads.
    let mut s = String::from(
        "name: x\ncurrent: { platform: monolith, monthly_cost_usd: 1000 }\ncomponents:\n",
    );
    for i in 0..10_001 {
        s.push_str(&format!(
            "  - {{ name: c{i}, kind: worker, traffic: {{ requests_per_month: 1000000000000000 }} }}\n"
        ));
    }
    let dir = Dir::with("w.yaml", s);
    bad_input(bounded(&dir, 512, 60, &["migrate", "w.yaml"]).assert())
        .stderr(has("w.yaml:4:"))
        .stderr(has("components: this list has more than 10,000 entries"));
}

#[test]
fn the_largest_loads_split_todays_bill_without_overflow() {
    let mut s = String::from(
        "name: x\ncurrent: { platform: monolith, monthly_cost_usd: 1000000000000 }\ncomponents:\n",
    );
    for i in 0..40 {
        s.push_str(&format!(
            "  - {{ name: c{i}, kind: worker, traffic: {{ requests_per_month: 1000000000000000 }}, duration_ms: 2628000000, max_duration_s: 2628000, memory_mb: 1048576 }}\n"
        ));
    }
    let dir = Dir::with("w.yaml", s);
    // A terabyte of memory leaves them no placement: the plan is printed, and the command
    // says so and fails.
    bounded(&dir, 512, 60, &["migrate", "w.yaml"])
        .assert()
        .code(1)
        .stdout(has("Decommission"))
        .stderr(has("no placement can run `c0`"))
        .stderr(no_panic());
}

#[test]
fn impossible_dates_are_refused_in_the_catalog_and_the_report() {
    let c = edited_catalog("as_of: 2026-11-01\ncurrency", "as_of: 2026-02-30\ncurrency");
    let dir = Dir::with("p.yaml", c);
    dir.write("w.yaml", api());
    bad_input(
        dir.archway()
            .args(["--pricing", "p.yaml", "cost", "w.yaml"])
            .assert(),
    )
    .stderr(has("p.yaml:6:"))
    .stderr(has("`2026-02-30` is not a date: 2026-02 has 28 days"));
    bad_input(
        dir.archway()
            .args(["report", "w.yaml", "--date", "2026-02-30"])
            .assert(),
    )
    .stderr(has("2026-02 has 28 days"));
    dir.archway()
        .args(["report", "w.yaml", "--date", "2028-02-29"])
        .assert()
        .success()
        .stdout(has("Date: 2028-02-29"));
}

#[test]
fn a_sweep_past_what_a_workload_accepts_is_refused() {
    let dir = Dir::with("w.yaml", api());
    bad_input(
        dir.archway()
            .args([
                "sweep",
                "w.yaml",
                "--vary",
                "requests_per_month",
                "--from",
                "1",
                "--to",
                "1e27",
            ])
            .assert(),
    )
    .stderr(has("requests_per_month cannot exceed 1000000000000000"));
}
