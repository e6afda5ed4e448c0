//! Every workload shipped in workloads/ loads and prices, and its JSON adds up:
//! each option's `monthly_usd` is exactly the sum of its lines' `amount`.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde_json::Value;

use crate::support::{archway, example_workloads, has};

/// An exact decimal from a JSON string; numbers in archway's JSON are strings so no digit is lost.
fn exact(v: &Value, what: &str) -> Decimal {
    let s = v
        .as_str()
        .unwrap_or_else(|| panic!("{what} is not a string of digits: {v}"));
    Decimal::from_str(s).unwrap_or_else(|e| panic!("{what} `{s}` is not a decimal: {e}"))
}

#[test]
fn every_example_workload_prices_as_text() {
    for f in example_workloads() {
        archway()
            .arg("cost")
            .arg(&f)
            .assert()
            .success()
            .stderr("")
            .stdout(has("monthly cost by placement"));
    }
}

#[test]
fn every_example_workload_prices_with_explanations() {
    for f in example_workloads() {
        archway()
            .args(["cost", "--explain"])
            .arg(&f)
            .assert()
            .success()
            .stderr("");
    }
}

#[test]
fn every_example_workload_option_total_is_the_exact_sum_of_its_lines() {
    for f in example_workloads() {
        let out = archway()
            .args(["cost", "--format", "json"])
            .arg(&f)
            .assert()
            .success()
            .stderr("");
        let json: Value = serde_json::from_slice(&out.get_output().stdout)
            .unwrap_or_else(|e| panic!("{}: --format json is not JSON: {e}", f.display()));
        let components = json["components"]
            .as_array()
            .unwrap_or_else(|| panic!("{}: no components array", f.display()));
        assert!(!components.is_empty(), "{}: no components", f.display());
        for c in components {
            let name = c["name"].as_str().unwrap_or("?");
            let options = c["options"]
                .as_array()
                .unwrap_or_else(|| panic!("{}: {name} has no options array", f.display()));
            let mut priced = 0;
            for o in options {
                let placement = o["placement"].as_str().unwrap_or("?");
                let at = format!("{}: {name} on {placement}", f.display());
                if o.get("monthly_usd").is_none() {
                    assert!(
                        o["not_priced"].as_str().is_some_and(|r| !r.is_empty()),
                        "{at}: neither monthly_usd nor a not_priced reason"
                    );
                    continue;
                }
                priced += 1;
                let monthly = exact(&o["monthly_usd"], &format!("{at}: monthly_usd"));
                let lines = o["lines"]
                    .as_array()
                    .unwrap_or_else(|| panic!("{at}: priced but no lines"));
                let sum: Decimal = lines
                    .iter()
                    .map(|l| exact(&l["amount"], &format!("{at}: a line's amount")))
                    .sum();
                assert_eq!(
                    monthly, sum,
                    "{at}: monthly_usd {monthly} is not the sum of its lines {sum}"
                );
            }
            assert!(
                priced > 0,
                "{}: {name} is priced on no placement",
                f.display()
            );
        }
    }
}
