//! `archway compare A B`: exact placement moves, rule ids and dollar deltas between
//! example workloads and variants of them, and the three output formats.
//!
//! Every figure below is what `archway evaluate --format json` gives for each file on its
//! own; the comparison must agree with it to the cent.

use pulldown_cmark::Event;
use serde_json::Value;

use crate::markdown::{assert_tables_rectangular, events, h2, tables};
use crate::support::{Dir, archway, bad_input, has, yaml};

const SPIKY: &str = "workloads/spiky-document-api.yaml";

fn example(path: &str) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// The spiky document API at 100 times its traffic: 33.6M requests a month.
fn spiky_x100() -> String {
    let s = example(SPIKY).replace(
        "requests_per_month: 336000 ",
        "requests_per_month: 33600000 ",
    );
    assert!(
        s.contains("33600000"),
        "the example changed; update this test"
    );
    s
}

/// The spiky document API with a second component, a thumbnail worker.
fn spiky_with_worker() -> String {
    let mut s = example(SPIKY);
    s.push_str(&yaml(&[
        "  - name: thumbnails",
        "    kind: worker",
        "    traffic: { requests_per_month: 2000000 }",
        "    duration_ms: 800",
        "    memory_mb: 1024",
    ]));
    s
}

fn stdout(dir: &Dir, args: &[&str]) -> String {
    let out = dir.archway().arg("compare").args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

fn json(dir: &Dir, a: &str, b: &str) -> Value {
    serde_json::from_str(&stdout(dir, &[a, b, "--format", "json"])).unwrap()
}

fn ids(rules: &Value) -> Vec<(String, String, bool)> {
    rules
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["fired_in"].as_str().unwrap().to_string(),
                r["id"].as_str().unwrap().to_string(),
                r["after_choice"].as_bool().unwrap(),
            )
        })
        .collect()
}

#[test]
fn hundredfold_traffic_moves_the_spiky_api_from_lambda_to_fargate() {
    let d = Dir::with("a.yaml", example(SPIKY));
    d.write("b.yaml", spiky_x100());
    let text = stdout(&d, &["a.yaml", "b.yaml"]);
    insta::assert_snapshot!("compare_spiky_x100_text", text);

    let j = json(&d, "a.yaml", "b.yaml");
    assert_eq!(
        j["input_changes"],
        serde_json::json!([{
            "path": "components[documents-api].traffic.requests_per_month",
            "change": "changed",
            "a": "336000",
            "b": "33600000",
            "a_defaulted": false,
            "b_defaulted": false
        }])
    );
    let c = &j["components"][0];
    assert_eq!(c["name"], "documents-api");
    assert_eq!(c["presence"], "both");
    assert_eq!(c["placement_changed"], true);
    // `archway evaluate`: Lambda $1.95 (the seed's figure) at 336,000 requests;
    // ECS on Fargate $111.66 at 33.6M.
    assert_eq!(c["a"]["placement"], "lambda");
    assert_eq!(c["a"]["monthly_usd"], "1.95");
    assert_eq!(c["b"]["placement"], "fargate");
    assert_eq!(c["b"]["monthly_usd"], "111.66");
    assert_eq!(c["delta_usd"], "109.71");
    // Functions stop being preferred for idling (0.77 busy hours a day) once the API is
    // busy; the front doors follow from the placement.
    assert_eq!(
        ids(&c["rules"]),
        [
            ("a".into(), "idle-most-of-the-day".into(), false),
            ("a".into(), "api-gateway-front-door".into(), true),
            ("b".into(), "load-balancer-front-door".into(), true),
        ]
    );
    // Lambda at 33.6M requests: $194.32 (`archway evaluate` on B), its cost points fall
    // from 4 (cheapest in A) to 1.71.
    let st = &c["standings"];
    assert_eq!(st[0]["placement"], "lambda");
    assert_eq!(st[0]["b"]["monthly_usd"], "194.32");
    assert_eq!(
        (st[0]["a"]["score"].as_str(), st[0]["b"]["score"].as_str()),
        (Some("7"), Some("2.71"))
    );
    assert_eq!(st[0]["b"]["cost_points"], "1.71");
    assert_eq!(st[1]["placement"], "fargate");
    assert_eq!(st[1]["a"]["monthly_usd"], "106.58");
    assert_eq!(st[1]["b"]["standing"], "score 3.96 (rules +1, cost 2.96)");
    assert!(
        c["b"]["why"]
            .as_str()
            .unwrap()
            .starts_with("fargate beats ec2")
    );
    // 109.71 / 1.95 = 56.26153…
    assert_eq!(
        j["total"],
        serde_json::json!({
            "a_monthly_usd": "1.95",
            "b_monthly_usd": "111.66",
            "delta_usd": "109.71",
            "percent_change": "5626.2",
            "a_adjustment_usd": "0.00",
            "b_adjustment_usd": "0.00"
        })
    );
}

#[test]
fn a_workload_compared_with_itself_has_no_changes_and_zero_deltas() {
    for file in [
        SPIKY,
        "workloads/order-workflow.yaml",
        "workloads/rails-monolith.yaml",
    ] {
        let d = Dir::with("w.yaml", example(file));
        let text = stdout(&d, &["w.yaml", "w.yaml"]);
        assert!(
            text.contains("Inputs changed\n  No input changes.\n"),
            "{text}"
        );
        assert!(!text.contains("moved") && !text.contains("+$") && !text.contains("−$"));
        let j = json(&d, "w.yaml", "w.yaml");
        assert_eq!(j["input_changes"], serde_json::json!([]));
        for c in j["components"].as_array().unwrap() {
            assert_eq!(c["delta_usd"], "0.00", "{file}");
            assert_eq!(c["placement_changed"], false);
            assert_eq!(c["rules"], serde_json::json!([]));
            assert_eq!(c["a"], c["b"]);
        }
        assert_eq!(j["total"]["delta_usd"], "0.00");
        assert_eq!(j["total"]["percent_change"], "0.0");
        assert_eq!(j["total"]["a_monthly_usd"], j["total"]["b_monthly_usd"]);
        let md = stdout(&d, &["w.yaml", "w.yaml", "--format", "markdown"]);
        assert!(md.contains("## Inputs changed\n\nNo input changes.\n"));
    }
}

#[test]
fn an_added_and_a_removed_component_are_matched_by_name() {
    let d = Dir::with("a.yaml", example(SPIKY));
    d.write("b.yaml", spiky_with_worker());
    // thumbnails on Lambda without the free tier: 2M × $0.20 per 1M = $0.40, plus
    // 1,600,000 GB-s × $0.0000166667 = $26.67; $27.07 in all.
    let j = json(&d, "a.yaml", "b.yaml");
    assert_eq!(
        j["input_changes"],
        serde_json::json!([{
            "path": "components[thumbnails]",
            "change": "component_added",
            "a": null,
            "b": "worker",
            "a_defaulted": false,
            "b_defaulted": false
        }])
    );
    let c = &j["components"];
    assert_eq!(c[0]["name"], "documents-api");
    assert_eq!(c[0]["delta_usd"], "0.00");
    assert_eq!(c[1]["name"], "thumbnails");
    assert_eq!(c[1]["presence"], "added");
    assert_eq!(c[1]["a"], Value::Null);
    assert_eq!(c[1]["b"]["placement"], "lambda");
    assert_eq!(c[1]["b"]["monthly_usd"], "27.07");
    assert_eq!(c[1]["delta_usd"], "27.07");
    assert_eq!(c[1]["placement_changed"], false);
    assert_eq!(j["total"]["b_monthly_usd"], "29.02");
    // 27.07 / 1.95 = 13.8820…
    assert_eq!(j["total"]["percent_change"], "1388.2");

    let text = stdout(&d, &["b.yaml", "a.yaml"]);
    assert!(text.contains("  components[thumbnails]  worker component  →  absent\n"));
    assert!(
        text.contains("  thumbnails     lambda  —       removed\n"),
        "{text}"
    );
    assert!(
        text.contains("  thumbnails     $27.07      —  −$27.07\n"),
        "{text}"
    );
    // 27.07 / 29.02 = 0.93280…
    assert!(text.contains("  total          $29.02  $1.95  −$27.07  −93.3%\n"));
    let j = json(&d, "b.yaml", "a.yaml");
    assert_eq!(j["input_changes"][0]["change"], "component_removed");
    assert_eq!(j["components"][1]["presence"], "removed");
    assert_eq!(j["components"][1]["delta_usd"], "-27.07");
    assert_eq!(j["total"]["delta_usd"], "-27.07");
}

#[test]
fn the_free_tier_and_shared_fees_show_between_the_components_and_the_total() {
    // rails-monolith pools its eight functions under one free tier: the system total is
    // $22.60 above the sum of the components priced alone ($213.83). Without the free tier
    // the pooled volume tiers come to $0.01 less than function by function.
    let src = example("workloads/rails-monolith.yaml");
    let d = Dir::with("a.yaml", &src);
    d.write(
        "b.yaml",
        src.replace(
            "\ncurrent:",
            "\nassumptions: { free_tier: false }\ncurrent:",
        ),
    );
    let text = stdout(&d, &["a.yaml", "b.yaml"]);
    assert!(
        text.contains("  assumptions.free_tier  true  →  false\n"),
        "{text}"
    );
    assert!(text.contains(
        "  shared fees, pooled free tier   $22.60   −$0.01  −$22.61\n  total                          $236.43  $243.30   +$6.87  +2.9%\n"
    ), "{text}");
    assert!(!text.contains("moved"));
    let j = json(&d, "a.yaml", "b.yaml");
    assert_eq!(j["total"]["a_adjustment_usd"], "22.60");
    assert_eq!(j["total"]["b_adjustment_usd"], "-0.01");
    assert_eq!(j["total"]["delta_usd"], "6.87");
    let search = j["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "search-api")
        .unwrap();
    assert_eq!(
        (&search["a"]["monthly_usd"], &search["b"]["monthly_usd"]),
        (&Value::from("17.43"), &Value::from("24.30"))
    );
    assert_eq!(search["delta_usd"], "6.87");
}

#[test]
fn a_system_that_cost_nothing_has_no_percent_change() {
    // cron-report runs five minutes a day inside the free tier. Twice a day without the
    // free tier it pays for 61 runs (60.83 rounded up) × 300 s × 2 GB = 36,600 GB-s ×
    // $0.0000166667 = $0.61, and 61 × $0.20 per 1M = $0.00 of requests.
    let src = example("workloads/cron-report.yaml");
    let d = Dir::with("a.yaml", &src);
    d.write(
        "b.yaml",
        src.replace("runs_per_day: 1,", "runs_per_day: 2,").replace(
            "\ncomponents:",
            "\nassumptions: { free_tier: false }\ncomponents:",
        ),
    );
    let j = json(&d, "a.yaml", "b.yaml");
    let change = |path: &str| {
        j["input_changes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["path"] == path)
            .unwrap_or_else(|| panic!("no change at {path}: {j}"))
            .clone()
    };
    let paths: Vec<&str> = j["input_changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "assumptions.free_tier",
            "components[daily-report].schedule.runs_per_day",
            "components[daily-report].traffic.peak_rps",
            "components[daily-report].traffic.requests_per_month"
        ]
    );
    assert_eq!(
        change("components[daily-report].schedule.runs_per_day"),
        serde_json::json!({
            "path": "components[daily-report].schedule.runs_per_day",
            "change": "changed",
            "a": "1",
            "b": "2",
            "a_defaulted": false,
            "b_defaulted": false
        })
    );
    // Requests follow from the schedule: the file left them out.
    let req = change("components[daily-report].traffic.requests_per_month");
    assert_eq!(
        (&req["a"], &req["b"]),
        (&Value::from("31"), &Value::from("61"))
    );
    assert_eq!(
        (&req["a_defaulted"], &req["b_defaulted"]),
        (&Value::Bool(true), &Value::Bool(true))
    );
    assert_eq!(j["components"][0]["a"]["placement"], "lambda");
    assert_eq!(j["components"][0]["b"]["placement"], "lambda");
    assert_eq!(j["total"]["a_monthly_usd"], "0.00");
    assert_eq!(j["total"]["b_monthly_usd"], "0.61");
    assert_eq!(j["total"]["percent_change"], Value::Null);
    let text = stdout(&d, &["a.yaml", "b.yaml"]);
    assert!(text.contains("  components[daily-report].traffic.requests_per_month  31 (default)        →  61 (default)\n"), "{text}");
    assert!(
        text.contains("  total         $0.00  $0.61  +$0.61  n/a (A costs $0.00)\n"),
        "{text}"
    );
}

#[test]
fn a_component_nothing_can_run_is_compared_without_a_placement() {
    let w = |mb: &str| {
        yaml(&[
            "name: big",
            "components:",
            &format!(
                "  - {{ name: big, kind: worker, traffic: {{ requests_per_month: 1000 }}, memory_mb: {mb} }}"
            ),
        ])
    };
    let d = Dir::with("a.yaml", w("2048"));
    d.write("b.yaml", w("1048576"));
    let j = json(&d, "a.yaml", "b.yaml");
    let c = &j["components"][0];
    assert_eq!(c["a"]["placement"], "lambda");
    assert_eq!(c["b"]["placement"], Value::Null);
    assert_eq!(c["b"]["monthly_usd"], Value::Null);
    assert_eq!(c["placement_changed"], true);
    let b_only: Vec<String> = ids(&c["rules"])
        .into_iter()
        .filter(|r| r.0 == "b")
        .map(|r| r.1)
        .collect();
    assert_eq!(b_only, ["lambda-memory-limit", "fargate-memory-limit"]);
    assert!(
        c["b"]["why"]
            .as_str()
            .unwrap()
            .starts_with("No placement can run this component")
    );
    let text = stdout(&d, &["a.yaml", "b.yaml"]);
    assert!(
        text.contains("  big        lambda  no placement  moved\n"),
        "{text}"
    );
}

#[test]
fn json_has_a_stable_shape() {
    let d = Dir::with("a.yaml", example(SPIKY));
    d.write("b.yaml", spiky_with_worker());
    let j = json(&d, "a.yaml", "b.yaml");
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&j), ["a", "b", "components", "input_changes", "total"]);
    assert_eq!(
        j["a"],
        serde_json::json!({"file": "a.yaml", "workload": "spiky-document-api"})
    );
    assert_eq!(j["b"]["file"], "b.yaml");
    assert_eq!(
        keys(&j["components"][0]),
        [
            "a",
            "b",
            "delta_usd",
            "name",
            "placement_changed",
            "presence",
            "rules",
            "standings"
        ]
    );
    assert_eq!(
        keys(&j["components"][0]["a"]),
        ["monthly_usd", "placement", "why"]
    );
    assert_eq!(
        keys(&j["input_changes"][0]),
        ["a", "a_defaulted", "b", "b_defaulted", "change", "path"]
    );
    assert_eq!(
        keys(&j["total"]),
        [
            "a_adjustment_usd",
            "a_monthly_usd",
            "b_adjustment_usd",
            "b_monthly_usd",
            "delta_usd",
            "percent_change"
        ]
    );
}

fn markdown_is_well_formed(md: &str) -> Vec<Vec<Vec<String>>> {
    assert_eq!(h2(md), ["Inputs changed", "Placements", "Cost"]);
    assert_tables_rectangular(md);
    tables(md)
}

#[test]
fn markdown_has_three_sections_and_rectangular_tables() {
    let d = Dir::with("a.yaml", example(SPIKY));
    d.write("b.yaml", spiky_x100());
    let md = stdout(&d, &["a.yaml", "b.yaml", "--format", "markdown"]);
    let ts = markdown_is_well_formed(&md);
    assert_eq!(
        ts[0],
        [
            vec!["Input", "A", "B"],
            vec![
                "components[documents-api].traffic.requests_per_month",
                "336000",
                "33600000"
            ]
        ]
    );
    assert_eq!(ts[1][1], ["documents-api", "lambda", "fargate", "moved"]);
    // The two placements' scores crossed: lambda fell from 7 to 2.71 as its bill grew
    // a hundredfold, fargate rose from 1.11 to 3.96.
    assert_eq!(
        ts[2],
        [
            vec!["Placement", "A", "B"],
            vec![
                "lambda",
                "$1.95 · score 7 (rules +3, cost 4)",
                "$194.32 · score 2.71 (rules +1, cost 1.71)"
            ],
            vec![
                "fargate",
                "$106.58 · score 1.11 (rules +1, cost 0.11)",
                "$111.66 · score 3.96 (rules +1, cost 2.96)"
            ]
        ]
    );
    assert_eq!(
        ts[3],
        [
            vec!["Component", "A", "B", "Delta"],
            vec!["documents-api", "$1.95", "$111.66", "+$109.71"],
            vec!["Total", "$1.95", "$111.66", "+$109.71 (+5,626.2%)"]
        ]
    );
    assert!(md.contains("### documents-api: lambda → fargate\n"));
    assert!(md.contains("- **idle-most-of-the-day**: "));
    assert!(md.contains("- **load-balancer-front-door** (after the choice): "));
}

#[test]
fn a_hostile_component_name_is_escaped_in_markdown() {
    let w = |n: &str| {
        yaml(&[
            "name: 'x|y <b>'",
            "components:",
            "  - name: 'a|b<c>'",
            "    kind: http-api",
            &format!("    traffic: {{ requests_per_month: {n} }}"),
        ])
    };
    let d = Dir::with("a.yaml", w("1000"));
    d.write("b.yaml", w("2000"));
    let md = stdout(&d, &["a.yaml", "b.yaml", "--format", "markdown"]);
    assert!(
        !md.contains("<c>") && !md.contains("<b>"),
        "raw HTML leaked:\n{md}"
    );
    assert!(md.contains("| components\\[a\\|b&lt;c&gt;\\].traffic.requests\\_per\\_month |"));
    assert!(md.contains("| a\\|b&lt;c&gt; |"));
    let ts = markdown_is_well_formed(&md);
    // The parsed cells read the name back exactly.
    let inputs: Vec<&str> = ts[0][1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        inputs,
        [
            "components[a|b<c>].traffic.peak_rps",
            "components[a|b<c>].traffic.requests_per_month"
        ]
    );
    assert_eq!(ts[1][1][0], "a|b<c>");
    assert_eq!(ts[2][1][0], "a|b<c>");
    for e in events(&md) {
        assert!(
            !matches!(e, Event::Html(_) | Event::InlineHtml(_)),
            "HTML in the output: {e:?}"
        );
    }
}

#[test]
fn bad_input_exits_2_naming_the_file() {
    let d = Dir::with("good.yaml", example(SPIKY));
    d.write("broken.yaml", "name: x\ncomponents: [\n");
    for args in [
        ["missing.yaml", "good.yaml"],
        ["good.yaml", "missing.yaml"],
        ["good.yaml", "broken.yaml"],
        ["broken.yaml", "good.yaml"],
    ] {
        let bad = args.iter().find(|a| **a != "good.yaml").unwrap();
        for format in ["text", "json", "markdown"] {
            bad_input(
                d.archway()
                    .arg("compare")
                    .args(args)
                    .args(["--format", format])
                    .assert(),
            )
            .stderr(has(bad));
        }
    }
    // One file is a usage error.
    bad_input(archway().args(["compare", SPIKY]).assert());
}
