//! The JSON contract scripts build on: every `--format json` document of every
//! subcommand, on every example, opens with the same envelope.

use crate::support::archway;

fn json(args: &[&str]) -> serde_json::Value {
    let out = archway().args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}"))
}

#[test]
fn every_json_document_opens_with_the_envelope() {
    for (path, _) in archway::examples::WORKLOADS {
        let w = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
        let docs = [
            json(&["evaluate", &w, "--format", "json"]),
            json(&["cost", &w, "--format", "json"]),
            json(&["graph", &w, "--format", "json"]),
            json(&["migrate", &w, "--format", "json"]),
            json(&["compare", &w, &w, "--format", "json"]),
            json(&[
                "sweep",
                &w,
                "--vary",
                "memory_mb",
                "--from",
                "256",
                "--to",
                "2048",
                "--steps",
                "3",
                "--format",
                "json",
            ]),
        ];
        for d in docs {
            let keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
            assert_eq!(
                keys[..5],
                [
                    "schema_version",
                    "version",
                    "currency",
                    "assumptions",
                    "workload"
                ],
                "{path}: {keys:?}"
            );
            assert_eq!(d["schema_version"], 1);
            assert_eq!(d["version"], env!("CARGO_PKG_VERSION"));
            assert_eq!(d["currency"], "USD");
            let a = &d["assumptions"];
            assert!(
                a["region"].is_string() && a["pricing_as_of"].is_string(),
                "{path}: {a}"
            );
            assert!(
                a["hours_per_month"].is_string() && a["free_tier"].is_boolean(),
                "{path}: {a}"
            );
        }
    }
}

fn examples() -> impl Iterator<Item = (&'static str, String)> {
    archway::examples::WORKLOADS
        .iter()
        .map(|(path, _)| (*path, format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))))
}

/// `2026-11-01`.
fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

/// An exact decimal as a string: `"3600000"`, `"0.001"`, `"-2.5"`.
fn is_exact(v: &serde_json::Value) -> bool {
    v.as_str()
        .is_some_and(|s| s.parse::<rust_decimal::Decimal>().is_ok() && !s.contains(','))
}

/// Checks one bill's lines (an option's or a store's) and adds their ids to `seen`.
fn check_lines(at: &str, lines: &serde_json::Value, seen: &mut std::collections::BTreeSet<String>) {
    let lines = lines
        .as_array()
        .unwrap_or_else(|| panic!("{at}: lines is {lines}"));
    let mut ids = std::collections::BTreeSet::new();
    for l in lines {
        let id = l["id"]
            .as_str()
            .unwrap_or_else(|| panic!("{at}: a line without an id: {l}"));
        assert!(
            id.split('.').count() >= 2
                && id.split('.').all(|p| !p.is_empty()
                    && p.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')),
            "{at}: id `{id}` is not dotted lower-case"
        );
        assert!(
            archway::cost::LINE_IDS
                .iter()
                .any(|(known, _)| *known == archway::cost::base_id(id)),
            "{at}: id `{id}` is not documented in LINE_IDS"
        );
        assert!(ids.insert(id), "{at}: id `{id}` twice on one bill");
        seen.insert(id.to_string());
        let source = l["source"].as_str().unwrap_or("");
        let url = source.split([' ', ';']).next().unwrap_or("");
        let host = url.strip_prefix("https://").unwrap_or("");
        assert!(
            host.split('/').next().is_some_and(|h| h.contains('.')),
            "{at} {id}: the source does not open with an https URL: {source:?}"
        );
        assert!(
            l["as_of"].as_str().is_some_and(is_date),
            "{at} {id}: as_of {}",
            l["as_of"]
        );
        for k in ["quantity", "unit_price", "exact_amount"] {
            assert!(is_exact(&l[k]), "{at} {id}: {k} is {}", l[k]);
        }
    }
}

/// Every derivation carries its figure as a number where it is one, and the words beside.
fn check_derivations(at: &str, ds: &serde_json::Value) {
    for d in ds.as_array().unwrap_or_else(|| panic!("{at}: {ds}")) {
        let text = d["text"]
            .as_str()
            .unwrap_or_else(|| panic!("{at}: no text in {d}"));
        assert!(
            d["value"].is_null() || is_exact(&d["value"]),
            "{at}: value {d}"
        );
        assert!(
            d["unit"].is_null() || d["unit"].is_string(),
            "{at}: unit {d}"
        );
        assert!(
            d["value"].is_null() == d["unit"].is_null(),
            "{at}: a number without its unit, or a unit without a number: {d}"
        );
        // A figure that reads as a plain number is one in the data.
        let plain = text.replace(',', "");
        if let Ok(n) = plain.parse::<rust_decimal::Decimal>() {
            let v: rust_decimal::Decimal = d["value"]
                .as_str()
                .and_then(|v| v.parse().ok())
                .unwrap_or_else(|| panic!("{at}: `{text}` is a number, value is {}", d["value"]));
            assert_eq!(
                v.round_dp(n.scale()),
                n,
                "{at}: value and text disagree: {d}"
            );
        }
    }
}

/// Every cost line names its charge and its price's source; ids are unique on every bill
/// of every example on every placement; the set of ids is a contract (the snapshot).
#[test]
fn every_cost_line_has_an_id_a_source_and_a_date() {
    let mut seen = std::collections::BTreeSet::new();
    for (path, w) in examples() {
        let d = json(&["cost", &w, "--format", "json", "--explain"]);
        for c in d["components"].as_array().unwrap() {
            for o in c["options"].as_array().unwrap() {
                let at = format!("{path} {} {}", c["name"], o["placement"]);
                let keys = o.as_object().unwrap();
                assert!(
                    keys.contains_key("not_priced"),
                    "{at}: no not_priced key: {o}"
                );
                if o["not_priced"].is_null() {
                    assert!(o["monthly_usd"].is_string(), "{at}: {o}");
                    check_lines(&at, &o["lines"], &mut seen);
                    check_derivations(&at, &o["derivations"]);
                } else {
                    assert!(o["not_priced"].is_string(), "{at}: {o}");
                    assert!(!keys.contains_key("lines"), "{at}: {o}");
                }
            }
        }
        for s in d["stores"].as_array().unwrap() {
            let at = format!("{path} store {}", s["name"]);
            check_lines(&at, &s["lines"], &mut seen);
            check_derivations(&at, &s["derivations"]);
        }
        let e = json(&["evaluate", &w, "--format", "json"]);
        if let Some(adj) = e.get("adjustments") {
            check_lines(&format!("{path} adjustments"), adj, &mut seen);
        }
        for s in e["stores"].as_array().unwrap() {
            check_lines(
                &format!("{path} store {}", s["name"]),
                &s["lines"],
                &mut seen,
            );
        }
    }
    insta::assert_snapshot!(
        "line_ids_across_the_examples",
        seen.into_iter().collect::<Vec<_>>().join("\n")
    );
}

/// `not_priced` is on every alternative: null when it is priced, else why not.
#[test]
fn every_alternative_says_whether_it_is_priced() {
    let mut reasons = 0;
    for (path, w) in examples() {
        let e = json(&["evaluate", &w, "--format", "json"]);
        for c in e["components"].as_array().unwrap() {
            for a in c["alternatives"].as_array().unwrap() {
                let at = format!("{path} {} {}", c["name"], a["placement"]);
                assert!(
                    a.as_object().unwrap().contains_key("not_priced"),
                    "{at}: {a}"
                );
                match &a["not_priced"] {
                    serde_json::Value::Null => {}
                    serde_json::Value::String(_) => {
                        reasons += 1;
                        assert!(a["monthly_usd"].is_null(), "{at}: {a}");
                    }
                    other => panic!("{at}: not_priced is {other}"),
                }
            }
        }
    }
    assert!(
        reasons > 0,
        "no example has an alternative that cannot be priced"
    );
}

/// The derivations of a familiar bill, by number: the GB-seconds of rails-monolith's API.
#[test]
fn derivations_carry_numbers_and_units() {
    let w = format!(
        "{}/workloads/rails-monolith.yaml",
        env!("CARGO_MANIFEST_DIR")
    );
    let d = json(&["cost", &w, "--format", "json", "--explain"]);
    let lambda = d["components"][0]["options"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["placement"] == "lambda")
        .unwrap();
    let gbs = lambda["derivations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["quantity"] == "GB-seconds")
        .unwrap();
    assert_eq!(gbs["value"], "3600000");
    assert_eq!(gbs["unit"], "GB-second");
    assert_eq!(gbs["text"], "3,600,000");
    let requests = &lambda["lines"][0];
    assert_eq!(requests["id"], "lambda.requests");
    assert_eq!(requests["as_of"], "2026-11-01");
    assert!(
        requests["source"]
            .as_str()
            .unwrap()
            .starts_with("https://aws.amazon.com/lambda/pricing"),
        "{requests}"
    );
}
