//! advise() on catalogs and rule bases with extreme values: every price, allowance and
//! weight anywhere in its accepted range, on ordinary and extreme workloads. A catalog
//! or rule base either loads and advises (or reports an overflow), or is refused with a
//! located error; nothing panics.

use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_yaml::Value;

use super::advise;
use crate::cost::{CostError, Pricing, catalog};
use crate::rules::{self, RuleBase};
use crate::workload::{Workload, load_str};
use crate::{examples, migration, report, topology};

/// A value `key` may take in a catalog that loads, the ends of its range among them.
fn number(key: &str, pick: u8) -> String {
    let max_price = catalog::MAX_UNIT_PRICE.to_string();
    let max_quantity = catalog::MAX_QUANTITY.to_string();
    let max_units = catalog::MAX_UNITS.to_string();
    let choices: Vec<&str> = match key {
        "usd" => vec![
            "0",
            "0.0000000000000000000000000001",
            "0.0000166667",
            "1",
            "999999.9999999999",
            &max_price,
        ],
        // A step is divided by, so it is never 0; other allowances may be.
        "quantity" => vec!["0.001", "0.5", "1", "123456789", &max_quantity],
        "gpus" => vec!["0", "1", &max_units],
        _ => vec![
            "0.0000000000000000000000000001",
            "0.5",
            "1",
            "96",
            &max_units,
        ],
    };
    choices[pick as usize % choices.len()].to_string()
}

/// The embedded catalog with every `usd`, `quantity`, `vcpu`, `memory_gb` and `gpus`
/// replaced by a pick, in document order.
fn catalog_with(picks: &[u8]) -> String {
    let mut v: Value = serde_yaml::from_str(catalog::EMBEDDED).unwrap();
    let mut k = 0;
    replace(&mut v, picks, &mut k);
    serde_yaml::to_string(&v).unwrap()
}

fn replace(v: &mut Value, picks: &[u8], k: &mut usize) {
    match v {
        Value::Mapping(m) => {
            for (key, val) in m.iter_mut() {
                match key.as_str() {
                    Some(name @ ("usd" | "quantity" | "vcpu" | "memory_gb" | "gpus")) => {
                        *val = Value::String(number(name, picks[*k % picks.len()]));
                        *k += 1;
                    }
                    _ => replace(val, picks, k),
                }
            }
        }
        Value::Sequence(s) => s.iter_mut().for_each(|x| replace(x, picks, k)),
        _ => {}
    }
}

/// The embedded rule base with every weight replaced by a pick from its range.
fn rules_with(picks: &[u8]) -> RuleBase {
    let weights = ["0.0001", "1", "3.5", "999.9999", "1000"];
    let mut k = 0;
    let sources = rules::EMBEDDED
        .iter()
        .map(|(name, text)| {
            let edited: Vec<String> = text
                .lines()
                .map(|l| match l.split_once("weight: ") {
                    Some((head, _)) => {
                        k += 1;
                        format!(
                            "{head}weight: {}",
                            weights[picks[k % picks.len()] as usize % 5]
                        )
                    }
                    None => l.to_string(),
                })
                .collect();
            (name.to_string(), edited.join("\n"))
        })
        .collect();
    RuleBase::from_sources(sources).expect("weights within range load")
}

/// Every example, and one workload at the largest values a file accepts.
fn workloads() -> Vec<Workload> {
    let mut ws: Vec<Workload> = examples::WORKLOADS
        .iter()
        .map(|(name, text)| load_str(name, text).unwrap().0)
        .collect();
    let extreme = "name: extreme
components:
  - { name: a, kind: http-api, traffic: { requests_per_month: 1000000000000000, peak_rps: 1000000000 }, duration_ms: 900000, memory_mb: 1048576, payload_kb: 6000, gateway: http, data: { store: dynamodb, cross_region_gb_month: 1000000000 } }
  - { name: b, kind: websocket, traffic: { requests_per_month: 1000000000000000 }, connections: websocket, gateway: websocket, memory_mb: 10240 }
  - { name: c, kind: batch, traffic: { requests_per_month: 10000000000000 }, duration_ms: 1, depends_on: [a] }
  - { name: d, kind: ml-inference, gpu: inference, traffic: { requests_per_month: 1000000000000000 }, duration_ms: 60000 }
  - { name: e, kind: stream, traffic: { requests_per_month: 1000000000000000 }, payload_kb: 1000 }
";
    ws.push(load_str("extreme.yaml", extreme).unwrap().0);
    ws
}

/// advise() and what is built on it either work or report an overflow.
fn pipeline(w: &Workload, rules: &RuleBase, pricing: &Pricing) -> Result<(), TestCaseError> {
    match advise(w, rules, pricing) {
        Ok(a) => {
            let rows: Decimal = a.bill().iter().map(|r| r.monthly).sum();
            prop_assert_eq!(rows, a.monthly, "the bill adds up for {}", w.name);
            let t = topology::build(w, &a);
            let _ = topology::export::dot(&t);
            let plan = migration::plan(w, &a);
            let _ = report::migration(&w.name, &plan);
            let i = report::Inputs {
                workload: w,
                rules,
                pricing,
                date: None,
            };
            let _ = report::render(&i, report::Style::Adr);
        }
        Err(CostError::Overflow { .. }) => {}
        Err(e) => prop_assert!(false, "{}: {}", w.name, e),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn extreme_catalogs_advise_or_overflow_and_never_panic(
        picks in proptest::collection::vec(any::<u8>(), 1..64),
    ) {
        let text = catalog_with(&picks);
        let pricing = Pricing::parse("extreme.yaml", &text);
        prop_assert!(pricing.is_ok(), "every value is within its range: {:?}", pricing.err());
        let (pricing, rules) = (pricing.unwrap(), RuleBase::embedded());
        for w in workloads() {
            pipeline(&w, &rules, &pricing)?;
        }
    }

    #[test]
    fn extreme_rule_weights_never_panic(
        picks in proptest::collection::vec(any::<u8>(), 1..64),
    ) {
        let rules = rules_with(&picks);
        let pricing = Pricing::embedded();
        for w in workloads() {
            pipeline(&w, &rules, &pricing)?;
        }
    }
}

#[test]
fn a_catalog_at_the_ends_of_every_range_prices_or_overflows_cleanly() {
    // The same pick everywhere: every value its smallest, then its largest.
    for pick in [0u8, 4, 5] {
        let pricing = Pricing::parse("ends.yaml", &catalog_with(&[pick])).unwrap();
        for w in workloads() {
            pipeline(&w, &RuleBase::embedded(), &pricing).unwrap();
        }
    }
}

#[test]
fn weights_past_the_maximum_are_refused_where_they_are_written() {
    let text = "rules:\n  - id: heavy\n    title: t\n    when: { trait: memory_mb, ge: 1 }\n    prefer: [lambda]\n    weight: 79228162514264337593543950335\n    rationale: r\n    source: s\n";
    let e = RuleBase::from_sources(vec![("r.yaml".into(), text.into())]).unwrap_err();
    let d = &e.0[0];
    assert_eq!((d.line, d.column), (Some(6), Some(13)), "{e}");
    assert!(
        d.message.contains("out of range: expected at most 1000"),
        "{e}"
    );
}

#[test]
fn prices_past_the_maximum_and_zero_steps_are_refused_where_they_are_written() {
    let huge = catalog::EMBEDDED.replacen(
        "requests: { usd: \"0.0000002\"",
        "requests: { usd: \"79000000000000000000000\"",
        1,
    );
    let e = Pricing::parse("p.yaml", &huge).unwrap_err();
    assert!(
        e.to_string()
            .contains("a unit price is at most 1000000 USD"),
        "{e}"
    );
    assert!(e.0[0].line.is_some(), "{e}");
    let zero = catalog::EMBEDDED.replacen(
        "http_metering_kb: { quantity: 512",
        "http_metering_kb: { quantity: 0",
        1,
    );
    let e = Pricing::parse("p.yaml", &zero).unwrap_err();
    assert!(
        e.to_string()
            .contains("regions[0].api_gateway.http_metering_kb.quantity: 0 is too small"),
        "{e}"
    );
}
