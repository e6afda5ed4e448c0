//! `archway graph` and `archway migrate` on every example workload: the graph's shape,
//! the drawing at 80 and 160 columns, exports that their tools accept, and plans whose
//! costs end at the recommended system's cost.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::archway;

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("workloads")
        .join(format!("{name}.yaml"))
}

fn stdout(args: &[&str], workload: &Path) -> String {
    let out = archway()
        .args(args)
        .arg(workload)
        .assert()
        .success()
        .stderr("")
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).expect("UTF-8 output")
}

fn json(args: &[&str], workload: &Path) -> Value {
    serde_json::from_str(&stdout(args, workload)).expect("valid JSON")
}

/// (workload, nodes, edges, component → placement, supporting pieces)
type Shape = (
    &'static str,
    usize,
    usize,
    &'static [(&'static str, &'static str)],
    &'static [&'static str],
);

const SHAPES: &[Shape] = &[
    (
        "collaboration-websocket",
        4,
        3,
        &[("collab-hub", "fargate")],
        &["alb", "clients", "redis"],
    ),
    (
        "cron-report",
        3,
        2,
        &[("daily-report", "lambda")],
        &["event-bus", "relational-db"],
    ),
    (
        "cross-region-etl",
        4,
        3,
        &[("file-processor", "lambda")],
        &["dead-letter-queue", "queue", "s3"],
    ),
    (
        "edge-personalization",
        7,
        7,
        &[
            ("geo-router", "cloudflare-workers"),
            ("recommendations", "lambda"),
        ],
        &["api-gateway", "cdn", "clients", "dynamodb", "edge-cache"],
    ),
    (
        "health-checks",
        2,
        1,
        &[("health-check", "lambda")],
        &["event-bus"],
    ),
    (
        "ml-platform",
        7,
        7,
        &[
            ("model-training", "gpu-instance"),
            ("inference", "serverless-gpu"),
            ("predict-api", "lambda"),
        ],
        &["api-gateway", "clients", "gpu-pool", "s3"],
    ),
    (
        "order-workflow",
        15,
        15,
        &[
            ("orders-api", "lambda"),
            ("order-saga", "step-functions-standard"),
            ("inventory", "lambda"),
            ("payments", "lambda"),
            ("notifications", "lambda"),
        ],
        &[
            "api-gateway",
            "clients",
            "dead-letter-queue",
            "dead-letter-queue",
            "dead-letter-queue",
            "dynamodb",
            "queue",
            "queue",
            "queue",
            "relational-db",
        ],
    ),
    (
        "rails-monolith",
        23,
        29,
        &[
            ("web-core", "fargate"),
            ("checkout", "lambda"),
            ("profiles-api", "lambda"),
            ("search-api", "lambda"),
            ("analytics-api", "lambda"),
            ("comments-api", "lambda"),
            ("notification-preferences", "lambda"),
            ("email-sender", "lambda"),
            ("pdf-generator", "lambda"),
            ("data-exports", "fargate"),
            ("wishlist", "lambda"),
            ("nightly-ledger-report", "fargate"),
        ],
        &[
            "alb",
            "api-gateway",
            "clients",
            "dead-letter-queue",
            "dead-letter-queue",
            "dynamodb",
            "event-bus",
            "queue",
            "queue",
            "relational-db",
            "s3",
        ],
    ),
    // No gateway: the service answers on its own endpoint.
    (
        "rest-api-10m",
        2,
        1,
        &[("orders-api", "fargate")],
        &["clients"],
    ),
    (
        "spiky-document-api",
        3,
        2,
        &[("documents-api", "lambda")],
        &["api-gateway", "clients"],
    ),
    (
        "sustained-api",
        3,
        2,
        &[("catalog-api", "eks")],
        &["alb", "clients"],
    ),
    (
        "vision-model",
        4,
        3,
        &[("vision-inference", "fargate")],
        &["alb", "clients", "edge-cache"],
    ),
];

#[test]
fn every_example_has_its_whiteboard_shape() {
    let shipped = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("workloads"))
        .expect("workloads/")
        .count();
    assert_eq!(SHAPES.len(), shipped, "a shape per example workload");
    for &(name, nodes, edges, placements, pieces) in SHAPES {
        let g = json(&["graph", "--format", "json"], &example(name));
        let ns = g["nodes"].as_array().expect("nodes");
        let es = g["edges"].as_array().expect("edges");
        assert_eq!((ns.len(), es.len()), (nodes, edges), "{name}: nodes, edges");
        let got: Vec<(&str, &str)> = ns
            .iter()
            .filter_map(|n| Some((n["component"].as_str()?, n["placement"].as_str()?)))
            .collect();
        assert_eq!(got, placements, "{name}: placements");
        let mut got_pieces: Vec<&str> = ns
            .iter()
            .filter(|n| n.get("component").is_none())
            .map(|n| {
                n.get("piece")
                    .and_then(|p| p.as_str())
                    .unwrap_or_else(|| n["detail"].as_str().expect("detail"))
            })
            .collect();
        got_pieces.sort();
        assert_eq!(got_pieces, pieces, "{name}: supporting pieces");
        // Every node but the users carries a price or says why not.
        for n in ns.iter().filter(|n| n["id"] != "clients") {
            assert!(
                n.get("monthly_usd").is_some() || n.get("not_priced").is_some(),
                "{name}: {n}"
            );
        }
        // Every edge joins two nodes that exist, with a known kind.
        let ids: Vec<&str> = ns.iter().map(|n| n["id"].as_str().expect("id")).collect();
        for e in es {
            assert!(
                ids.contains(&e["from"].as_str().expect("from")),
                "{name}: {e}"
            );
            assert!(ids.contains(&e["to"].as_str().expect("to")), "{name}: {e}");
            assert!(["sync", "async", "data"].contains(&e["kind"].as_str().expect("kind")));
        }
    }
}

#[test]
fn drawings_fit_their_width_and_show_every_node() {
    for &(name, ..) in SHAPES {
        let g = json(&["graph", "--format", "json"], &example(name));
        for width in [80, 160] {
            let text = stdout(&["graph", "--width", &width.to_string()], &example(name));
            for line in text.lines() {
                assert!(
                    line.chars().count() <= width,
                    "{name} at {width}: a line of {} columns:\n{line}",
                    line.chars().count()
                );
            }
            for n in g["nodes"].as_array().expect("nodes") {
                let label = n["label"].as_str().expect("label");
                let shown: String = label.chars().take(20).collect();
                assert!(
                    text.contains(&shown),
                    "{name} at {width}: `{label}` not drawn"
                );
            }
            // One arrowhead per edge.
            let heads = text.matches(['▼', '▲']).count();
            let legend_heads = 3;
            assert_eq!(
                heads - legend_heads,
                g["edges"].as_array().expect("edges").len(),
                "{name} at {width}: arrowheads"
            );
            insta::assert_snapshot!(format!("graph_{name}_{width}"), text);
        }
    }
}

#[test]
fn dot_output_is_accepted_by_a_dot_parser() {
    for &(name, ..) in SHAPES {
        let dot = stdout(&["graph", "--format", "dot"], &example(name));
        if let Err(e) = graphviz_rust::parse(&dot) {
            panic!("{name}: DOT does not parse: {e}\n{dot}");
        }
        assert!(
            dot.contains("subgraph cluster_"),
            "{name}: zones as clusters"
        );
    }
}

#[test]
fn mermaid_output_is_balanced() {
    for &(name, ..) in SHAPES {
        let m = stdout(&["graph", "--format", "mermaid"], &example(name));
        assert!(m.starts_with("flowchart TB"), "{name}:\n{m}");
        assert_eq!(
            m.matches("subgraph").count(),
            m.lines().filter(|l| l.trim() == "end").count(),
            "{name}: every subgraph ends"
        );
        for line in m.lines() {
            assert_eq!(
                line.matches('"').count() % 2,
                0,
                "{name}: quotes in `{line}`"
            );
            let opens = line.matches(['[', '(', '{']).count();
            let closes = line.matches([']', ')', '}']).count();
            assert_eq!(opens, closes, "{name}: brackets in `{line}`");
        }
    }
}

#[test]
fn every_plan_ends_at_the_recommended_cost_and_keeps_dependencies_first() {
    for &(name, ..) in SHAPES {
        let w = example(name);
        let plan = json(&["migrate", "--format", "json"], &w);
        let eval = json(&["evaluate", "--format", "json"], &w);
        let phases = plan["phases"].as_array().expect("phases");
        assert!(!phases.is_empty(), "{name}: no phases");
        let last = phases.last().expect("a phase");
        assert_eq!(
            last["cost_after_usd"], eval["monthly_usd"],
            "{name}: the plan ends at the recommended system's cost"
        );
        assert_eq!(plan["target_monthly_usd"], eval["monthly_usd"], "{name}");
        // Every component moves exactly once, and never before what it depends on.
        let moved: Vec<&str> = phases
            .iter()
            .flat_map(|p| p["moves"].as_array().expect("moves"))
            .map(|m| m["component"].as_str().expect("component"))
            .collect();
        let components: Vec<&str> = eval["components"]
            .as_array()
            .expect("components")
            .iter()
            .map(|c| c["name"].as_str().expect("name"))
            .collect();
        let mut sorted = moved.clone();
        sorted.sort();
        let mut want = components.clone();
        want.sort();
        assert_eq!(sorted, want, "{name}: each component moves once");
        let src = std::fs::read_to_string(&w).expect("workload");
        let doc: serde_yaml::Value = serde_yaml::from_str(&src).expect("YAML");
        for c in doc["components"].as_sequence().expect("components") {
            let me = c["name"].as_str().expect("name");
            for dep in c["depends_on"].as_sequence().into_iter().flatten() {
                let dep = dep.as_str().expect("dependency");
                let at = |x: &str| moved.iter().position(|m| *m == x);
                assert!(
                    at(dep) < at(me),
                    "{name}: {me} moves before its dependency {dep}"
                );
            }
        }
        // Text and markdown say the same.
        let text = stdout(&["migrate"], &w);
        let md = stdout(&["migrate", "--format", "markdown"], &w);
        for p in phases {
            let title = p["title"].as_str().expect("title");
            assert!(text.contains(title) || text.contains(&title[..title.len().min(30)]));
            assert!(md.contains(title), "{name}: markdown lacks phase `{title}`");
        }
    }
}
