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

/// The spiky document API at 100 times its traffic, arriving steadily: 33.6M requests a
/// month, the shape's own peak.
fn spiky_x100() -> String {
    let s = example(SPIKY)
        .replace(
            "requests_per_month: 336000 ",
            "requests_per_month: 33600000 ",
        )
        .replace("shape: spiky", "shape: steady")
        .replace(
            "      peak_rps: 33.3               # 10,000 requests in 5 minutes\n",
            "",
        );
    assert!(
        s.contains("33600000") && s.contains("steady") && !s.contains("peak_rps"),
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

/// `archway compare ARGS` when a side has a component nothing can run: the comparison
/// is printed, and the command fails (exit 1) saying which.
fn incomplete(dir: &Dir, args: &[&str], unplaced: &str) -> String {
    let out = dir
        .archway()
        .arg("compare")
        .args(args)
        .assert()
        .code(1)
        .stderr(crate::support::has(&format!(
            "error: no placement can run `{unplaced}`"
        )));
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
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
fn hundredfold_steady_traffic_moves_the_api_from_lambda_to_fargate() {
    let d = Dir::with("a.yaml", example(SPIKY));
    d.write("b.yaml", spiky_x100());
    let text = stdout(&d, &["a.yaml", "b.yaml"]);
    insta::assert_snapshot!("compare_spiky_x100_text", text);

    let j = json(&d, "a.yaml", "b.yaml");
    let paths: Vec<&str> = j["input_changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "components[documents-api].traffic.concurrent_connections",
            "components[documents-api].traffic.peak_rps",
            "components[documents-api].traffic.requests_per_month",
            "components[documents-api].traffic.shape",
        ]
    );
    let c = &j["components"][0];
    assert_eq!(c["name"], "documents-api");
    assert_eq!(c["presence"], "both");
    assert_eq!(c["placement_changed"], true);
    // `archway evaluate`: Lambda $2.03 (the seed's $1.95 and $0.08 of logs) at 336,000
    // requests; ECS on Fargate $108.95 at 33.6M arriving steadily.
    assert_eq!(c["a"]["placement"], "lambda");
    assert_eq!(c["a"]["monthly_usd"], "2.03");
    assert_eq!(c["b"]["placement"], "fargate");
    assert_eq!(c["b"]["monthly_usd"], "108.95");
    assert_eq!(c["delta_usd"], "106.92");
    // Functions stop being preferred for spikes and for idling (0.77 busy hours a day)
    // once the API is busy and steady; the front doors follow from the placement.
    assert_eq!(
        ids(&c["rules"]),
        [
            (
                "a".into(),
                "lambda-managed-instances-not-for-bursts".into(),
                false
            ),
            ("a".into(), "spiky-traffic-favours-functions".into(), false),
            ("a".into(), "idle-most-of-the-day".into(), false),
            ("a".into(), "cold-starts-in-the-tail".into(), true),
            ("a".into(), "api-gateway-front-door".into(), true),
            (
                "b".into(),
                "lambda-managed-instances-steady-volume".into(),
                false
            ),
            ("b".into(), "sustained-high-utilisation".into(), false),
            ("b".into(), "crossover-defers-to-cost".into(), false),
            ("b".into(), "reserve-steady-servers".into(), true),
            ("b".into(), "load-balancer-front-door".into(), true),
        ]
    );
    // Lambda at 33.6M requests: $202.33 (`archway evaluate` on B), its cost points fall
    // from 4 (cheapest in A) to 2.24.
    let st = &c["standings"];
    assert_eq!(st[0]["placement"], "lambda");
    assert_eq!(st[0]["b"]["monthly_usd"], "202.33");
    assert_eq!(
        (st[0]["a"]["score"].as_str(), st[0]["b"]["score"].as_str()),
        (Some("9"), Some("3.24"))
    );
    assert_eq!(st[0]["b"]["cost_points"], "2.24");
    assert_eq!(st[1]["placement"], "fargate");
    assert_eq!(st[1]["a"]["monthly_usd"], "150.00");
    assert_eq!(st[1]["b"]["standing"], "score 6 (rules +2, cost 4)");
    assert!(
        c["b"]["why"]
            .as_str()
            .unwrap()
            .starts_with("fargate beats lambda")
    );
    // 106.92 / 2.03 = 52.6699…
    assert_eq!(
        j["total"],
        serde_json::json!({
            "a_monthly_usd": "2.03",
            "b_monthly_usd": "108.95",
            "delta_usd": "106.92",
            "percent_change": "5267.0",
            "a_stores_usd": "0.00",
            "b_stores_usd": "0.00",
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
    // 1,600,000 GB-s × $0.0000166667 = $26.67; its queue, 6,657,000 SQS requests (2M
    // sends, receives and deletes, 657,000 idle polls) = $2.66; its logs $0.48: $30.21.
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
    assert_eq!(c[1]["b"]["monthly_usd"], "30.21");
    assert_eq!(c[1]["delta_usd"], "30.21");
    assert_eq!(c[1]["placement_changed"], false);
    assert_eq!(j["total"]["b_monthly_usd"], "32.24");
    // 30.21 / 2.03 = 14.8817…
    assert_eq!(j["total"]["percent_change"], "1488.2");

    let text = stdout(&d, &["b.yaml", "a.yaml"]);
    assert!(text.contains("  components[thumbnails]  worker component  →  absent\n"));
    assert!(
        text.contains("  thumbnails     lambda  —       removed\n"),
        "{text}"
    );
    assert!(
        text.contains("  thumbnails     $30.21      —  −$30.21\n"),
        "{text}"
    );
    // 30.21 / 32.24 = 0.93703…
    assert!(
        text.contains("  total          $32.24  $2.03  −$30.21  −93.7%\n"),
        "{text}"
    );
    let j = json(&d, "b.yaml", "a.yaml");
    assert_eq!(j["input_changes"][0]["change"], "component_removed");
    assert_eq!(j["components"][1]["presence"], "removed");
    assert_eq!(j["components"][1]["delta_usd"], "-30.21");
    assert_eq!(j["total"]["delta_usd"], "-30.21");
}

#[test]
fn the_free_tier_and_shared_fees_show_between_the_components_and_the_total() {
    // rails-monolith pools its nine functions under one free tier: the system total is
    // $29.47 above the sum of the components priced alone. Without the free tier the
    // pooled volume tiers come to $0.01 less than function by function, and the DynamoDB
    // table pays for its first gigabyte ($0.25).
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
        "  data stores                     $49.98   $50.23   +$0.25\n  shared fees, pooled free tier   $29.47   −$0.01  −$29.48\n  total                          $415.44  $423.36   +$7.92  +1.9%\n"
    ), "{text}");
    assert!(!text.contains("moved"));
    let j = json(&d, "a.yaml", "b.yaml");
    assert_eq!(j["total"]["a_adjustment_usd"], "29.47");
    assert_eq!(j["total"]["b_adjustment_usd"], "-0.01");
    assert_eq!(j["total"]["delta_usd"], "7.92");
    let search = j["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "search-api")
        .unwrap();
    assert_eq!(
        (&search["a"]["monthly_usd"], &search["b"]["monthly_usd"]),
        (&Value::from("20.71"), &Value::from("27.58"))
    );
    assert_eq!(search["delta_usd"], "6.87");
}

#[test]
fn a_system_that_cost_nothing_has_no_percent_change() {
    // cron-report runs five minutes a day inside the free tier. Twice a day without the
    // free tier it pays for 61 runs (60.83 rounded up) × 300 s × 2 GB = 36,600 GB-s ×
    // $0.0000166667 = $0.61, and 61 × $0.20 per 1M = $0.00 of requests.
    // Without its database (which alone costs $49.75 a month).
    let src = example("workloads/cron-report.yaml").replace(
        "    data: { store: relational, max_connections: 100 }\n",
        "",
    );
    assert!(
        !src.contains("store"),
        "the example changed; update this test"
    );
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
    let j: Value = serde_json::from_str(&incomplete(
        &d,
        &["a.yaml", "b.yaml", "--format", "json"],
        "big",
    ))
    .unwrap();
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
    assert_eq!(
        b_only,
        [
            "lambda-memory-limit",
            "fargate-memory-limit",
            "lambda-managed-instances-memory"
        ]
    );
    assert!(
        c["b"]["why"]
            .as_str()
            .unwrap()
            .starts_with("No placement can run this component")
    );
    let text = incomplete(&d, &["a.yaml", "b.yaml"], "big");
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
    // The envelope opens every document; then the body's keys (as sets below).
    let ordered = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    let keys = |v: &Value| {
        let mut k = ordered(v);
        k.sort();
        k
    };
    assert_eq!(
        ordered(&j),
        [
            "schema_version",
            "version",
            "currency",
            "assumptions",
            "workload",
            "a",
            "b",
            "input_changes",
            "components",
            "total"
        ]
    );
    assert_eq!(
        j["workload"],
        serde_json::json!({"a": "spiky-document-api", "b": "spiky-document-api"})
    );
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
            "a_stores_usd",
            "b_adjustment_usd",
            "b_monthly_usd",
            "b_stores_usd",
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
        ts[0][3],
        [
            "components[documents-api].traffic.requests_per_month",
            "336000",
            "33600000"
        ]
    );
    assert_eq!(ts[1][1], ["documents-api", "lambda", "fargate", "moved"]);
    // The two placements' scores crossed: lambda fell from 9 to 3.24 as its bill grew
    // a hundredfold, fargate rose from 1.3 to 6.
    assert_eq!(
        ts[2],
        [
            vec!["Placement", "A", "B"],
            vec![
                "lambda",
                "$2.03 · score 9 (rules +5, cost 4)",
                "$202.33 · score 3.24 (rules +1, cost 2.24)"
            ],
            vec![
                "fargate",
                "$150.00 · score 1.3 (rules +1, cost 0.3)",
                "$108.95 · score 6 (rules +2, cost 4)"
            ]
        ]
    );
    assert_eq!(
        ts[3],
        [
            vec!["Component", "A", "B", "Delta"],
            vec!["documents-api", "$2.03", "$108.95", "+$106.92"],
            vec!["Total", "$2.03", "$108.95", "+$106.92 (+5,267.0%)"]
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
