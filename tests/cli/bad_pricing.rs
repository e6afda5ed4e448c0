//! `archway --pricing FILE cost W` with a broken copy of rules/pricing.yaml.
//!
//! Each test copies the shipped catalog, makes one edit, and expects exit 2 with the
//! catalog's name, line and column. The line is found from the edited text (so the
//! tests survive new prices being added above it); the column is counted by hand.

use assert_cmd::assert::Assert;
use predicates::prelude::*;

use crate::support::{Dir, bad_input, has, yaml};

fn catalog() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/pricing.yaml"))
        .expect("read rules/pricing.yaml")
}

/// `src` with the first `from` replaced by `to`; `from` must be there.
fn edit(src: &str, from: &str, to: &str) -> String {
    assert!(
        src.contains(from),
        "the catalog no longer contains {from:?}"
    );
    src.replacen(from, to, 1)
}

/// Removes the first entry whose key line starts with `key_line` and the more-indented lines after it.
fn remove_entry(src: &str, key_line: &str) -> String {
    let indent = key_line.len() - key_line.trim_start().len();
    let mut out = String::new();
    let mut removing = false;
    let mut removed = false;
    for line in src.lines() {
        let deeper = line.len() - line.trim_start().len() > indent;
        if !removed && line.starts_with(key_line) {
            removing = true;
            removed = true;
            continue;
        }
        if removing && deeper {
            continue;
        }
        removing = false;
        out.push_str(line);
        out.push('\n');
    }
    assert!(removed, "the catalog no longer contains {key_line:?}");
    out
}

/// The 1-based number of the first line containing `needle`.
fn line_of(src: &str, needle: &str) -> usize {
    src.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line contains {needle:?}"))
        + 1
}

fn workload() -> String {
    yaml(&[
        "name: x",
        "components:",
        "  - name: api",
        "    kind: http-api",
        "    traffic: { requests_per_month: 1000000 }",
    ])
}

/// Runs `archway --pricing p.yaml cost w.yaml` with `catalog` as p.yaml: it must be bad input,
/// blamed on the catalog rather than on the workload.
fn rejects_catalog(catalog: &str) -> Assert {
    let dir = Dir::with("p.yaml", catalog);
    dir.write("w.yaml", workload());
    bad_input(
        dir.archway()
            .args(["--pricing", "p.yaml", "cost", "w.yaml"])
            .assert(),
    )
    .stderr(has("w.yaml").not())
}

#[test]
fn unedited_catalog_copy_is_accepted() {
    let dir = Dir::with("p.yaml", catalog());
    dir.write("w.yaml", workload());
    dir.archway()
        .args(["--pricing", "p.yaml", "cost", "w.yaml"])
        .assert()
        .success()
        .stderr("");
}

#[test]
fn missing_catalog_file_is_bad_input_naming_the_path() {
    let dir = Dir::with("w.yaml", workload());
    bad_input(
        dir.archway()
            .args(["--pricing", "nowhere.yaml", "cost", "w.yaml"])
            .assert(),
    )
    .stderr(has("nowhere.yaml: "));
}

#[test]
fn misspelt_top_level_key_suggests_the_nearest_key() {
    let src = edit(
        &catalog(),
        "\ncurrency: USD\n",
        "\ncurrency: USD\ncurency: USD\n",
    );
    let line = line_of(&src, "curency: USD");
    rejects_catalog(&src)
        .stderr(has(&format!("p.yaml:{line}:1: ")))
        .stderr(has("unknown key `curency`, did you mean `currency`?"));
}

#[test]
fn misspelt_price_key_suggests_the_nearest_key() {
    // The first `requests:` is Lambda's, indented six spaces under `lambda:`.
    let src = edit(&catalog(), "      requests: { usd", "      requestz: { usd");
    let line = line_of(&src, "requestz:");
    rejects_catalog(&src).stderr(has(&format!(
        "p.yaml:{line}:7: regions[0].lambda: unknown key `requestz`, did you mean `requests`?"
    )));
}

#[test]
fn missing_price_is_reported_at_its_parent() {
    let src = remove_entry(&catalog(), "      free_gb_seconds:");
    // serde places a missing field at the start of the mapping that lacks it:
    // Lambda's first key, `requests`, in column 7.
    let line = line_of(&src, "      requests: { usd");
    rejects_catalog(&src).stderr(has(&format!(
        "p.yaml:{line}:7: regions[0].lambda: missing field `free_gb_seconds`"
    )));
}

#[test]
fn negative_price_is_refused() {
    // `      hourly: { usd: ` is 21 characters; the value starts in column 22.
    let src = edit(
        &catalog(),
        "hourly: { usd: \"0.0225\"",
        "hourly: { usd: \"-0.0225\"",
    );
    let line = line_of(&src, "hourly: { usd: \"-0.0225\"");
    rejects_catalog(&src)
        .stderr(has(&format!(
            "p.yaml:{line}:22: regions[0].alb.hourly.usd: "
        )))
        .stderr(has("negative"));
}

#[test]
// check_prices re-serializes the region; `up_to` comes back as a YAML integer, which
// Dec (deserialize_str only) refuses, so from_value::<Vec<Tier>> fails and check_tiers
// returns early without a finding.
fn last_tier_with_up_to_is_refused() {
    // `          - { up_to: ` is 21 characters; the value starts in column 22.
    let src = edit(
        &catalog(),
        "          - { usd: \"0.0000133334\" }",
        "          - { up_to: 20000000000, usd: \"0.0000133334\" }",
    );
    let line = line_of(&src, "- { up_to: 20000000000, usd: \"0.0000133334\" }");
    rejects_catalog(&src)
        .stderr(has(&format!(
            "p.yaml:{line}:22: regions[0].lambda.duration_x86_64.tiers[2].up_to: "
        )))
        .stderr(has("open-ended"));
}

#[test]
fn negative_tier_price_is_refused() {
    // `          - { up_to: 6000000000, usd: ` is 38 characters; the value starts in column 39.
    let src = edit(
        &catalog(),
        "- { up_to: 6000000000, usd: \"0.0000166667\" }",
        "- { up_to: 6000000000, usd: \"-0.0000166667\" }",
    );
    let line = line_of(&src, "usd: \"-0.0000166667\"");
    rejects_catalog(&src).stderr(has(&format!(
        "p.yaml:{line}:39: regions[0].lambda.duration_x86_64.tiers[0].usd: "
    )));
}

#[test]
fn bad_catalog_date_says_the_expected_format() {
    let src = catalog();
    let old = src
        .lines()
        .find(|l| l.starts_with("as_of: "))
        .expect("the catalog has a top-level as_of");
    let src = edit(&src, &format!("\n{old}\n"), "\nas_of: 2026-13-45\n");
    // `as_of: ` is 7 characters; the value starts in column 8.
    let line = line_of(&src, "as_of: 2026-13-45");
    rejects_catalog(&src).stderr(has(&format!(
        "p.yaml:{line}:8: as_of: `2026-13-45` is not a date: expected YYYY-MM-DD"
    )));
}

#[test]
fn bad_price_date_says_the_expected_format() {
    // Lambda's request price: `      requests: { usd: "0.0000002", per: request, as_of: ` is 57 characters.
    let src = edit(
        &catalog(),
        "requests: { usd: \"0.0000002\", per: request, as_of: 2026-11-01,",
        "requests: { usd: \"0.0000002\", per: request, as_of: 2026-02-3x,",
    );
    let line = line_of(&src, "as_of: 2026-02-3x");
    rejects_catalog(&src).stderr(has(&format!(
        "p.yaml:{line}:58: regions[0].lambda.requests.as_of: `2026-02-3x` is not a date: expected YYYY-MM-DD"
    )));
}
