use super::*;
use crate::advisor::advise;
use crate::cost::Pricing;
use crate::rules::RuleBase;
use crate::workload::load_str;

fn topology(yaml: &str) -> Topology {
    let (w, _) = load_str("t.yaml", yaml).unwrap_or_else(|e| panic!("{e}"));
    let a = advise(&w, &RuleBase::embedded(), &Pricing::embedded()).unwrap();
    build(&w, &a)
}

const SHOP: &str = "name: shop
components:
  - name: api
    kind: http-api
    traffic: { requests_per_month: 5000000, shape: spiky }
    depends_on: [mailer, orders]
    data: { store: relational, max_connections: 20 }
  - name: mailer
    kind: worker
    traffic: { requests_per_month: 100000 }
  - name: orders
    kind: workflow
    traffic: { requests_per_month: 10000 }
    max_duration_s: 86400
";

#[test]
fn shop_has_the_whiteboard_shape() {
    let t = topology(SHOP);
    let ids: Vec<&str> = t.nodes().map(|n| n.id.as_str()).collect();
    for id in [
        "clients",
        "c_api",
        "c_mailer",
        "c_orders",
        "p_api_gateway",
        "p_queue_mailer",
        "p_dead_letter_queue_mailer",
        "s_postgres",
    ] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    let edges: Vec<(String, String, EdgeKind)> = t
        .edges()
        .map(|(a, b, k)| (a.id.clone(), b.id.clone(), k))
        .collect();
    let has = |a: &str, b: &str, k: EdgeKind| edges.contains(&(a.to_string(), b.to_string(), k));
    assert!(has("clients", "p_api_gateway", EdgeKind::Sync));
    assert!(has("p_api_gateway", "c_api", EdgeKind::Sync));
    // The API reaches the mailer through its queue, and starts the workflow asynchronously.
    assert!(has("c_api", "p_queue_mailer", EdgeKind::Async));
    assert!(has("p_queue_mailer", "c_mailer", EdgeKind::Async));
    assert!(has("c_api", "c_orders", EdgeKind::Async));
    assert_eq!(
        t.node("c_orders").unwrap().placement,
        Some(crate::placement::Placement::StepFunctionsStandard)
    );
    assert_eq!(t.node("c_orders").unwrap().layer, Layer::Async);
    // Every node but the users carries a price or says why not: the database its row of
    // the bill, the gateway the lines of the API's bill that are its.
    let db = t.node("s_postgres").unwrap();
    assert_eq!(db.monthly, Some(rust_decimal::dec!(49.75)));
    let gw = t.node("p_api_gateway").unwrap();
    assert_eq!(gw.priced_in, ["api"]);
    assert!(gw.monthly.is_some());
    assert!(
        t.node("p_dead_letter_queue_mailer")
            .unwrap()
            .not_priced
            .is_some()
    );
}

#[test]
fn every_node_of_every_example_is_priced_or_says_why_not() {
    for (path, text) in crate::examples::WORKLOADS {
        let t = topology(text);
        for n in t.nodes().filter(|n| n.id != "clients") {
            assert!(
                n.monthly.is_some() || n.not_priced.is_some(),
                "{path}: {} has neither a price nor a reason",
                n.id
            );
        }
    }
}

const HOSTILE: &str = "name: evil
components:
  - name: 'a\"b|c<d>'
    kind: http-api
    traffic: { requests_per_month: 1000 }
  - name: 'x\\\\y]];{} -->'
    kind: worker
    traffic: { requests_per_month: 10 }
    depends_on: ['a\"b|c<d>']
";

#[test]
fn hostile_names_cannot_break_mermaid() {
    let t = topology(HOSTILE);
    let m = export::mermaid(&t);
    // Labels are quoted and every metacharacter is an entity; ids are plain.
    assert!(m.contains("c_a_b_c_d_[\"a#34;b#124;c#60;d#62;<br/>"), "{m}");
    for line in m
        .lines()
        .filter(|l| l.contains("[\"") && !l.contains("legend"))
    {
        let inside = &line[line.find("[\"").unwrap() + 2..line.rfind("\"]").unwrap()];
        let text = inside.replacen("<br/>", "", 1);
        // Entities (#34;) keep their `#` and `;`; nothing else that Mermaid parses survives.
        let bare: String = text
            .split('#')
            .map(|part| part.split_once(';').map(|(_, r)| r).unwrap_or(part))
            .collect();
        assert!(
            !bare.contains(['"', '|', '<', '>', '[', ']', '{', '}', ';']),
            "{line}"
        );
    }
    let opens = m.matches("subgraph").count();
    let ends = m.lines().filter(|l| l.trim() == "end").count();
    assert_eq!(opens, ends);
}

#[test]
fn dot_output_parses_even_with_hostile_names() {
    for yaml in [SHOP, HOSTILE] {
        let d = export::dot(&topology(yaml));
        graphviz_rust::parse(&d).unwrap_or_else(|e| panic!("{e}\n{d}"));
    }
}

#[test]
fn json_lists_every_node_and_edge() {
    let t = topology(SHOP);
    let v = serde_json::to_value(export::json(&t)).unwrap();
    assert_eq!(v["nodes"].as_array().unwrap().len(), t.graph.node_count());
    assert_eq!(v["edges"].as_array().unwrap().len(), t.graph.edge_count());
    assert_eq!(v["nodes"][1]["placement"], "lambda");
}

mod drawing {
    use super::super::layout::{self, EdgeStyle, Frame, LayoutEdge, LayoutNode, cells};
    use proptest::prelude::*;

    const LAYERS: &[&str] = &["clients", "edge", "gateways", "compute", "queues", "data"];

    fn node(title: &str, layer: usize) -> LayoutNode {
        LayoutNode {
            title: title.into(),
            subtitle: "lambda".into(),
            layer,
            band: layer,
            group: 0,
            frame: Frame::Rounded,
        }
    }

    /// Graphs of up to `max` nodes in random layers; edges only from lower to higher
    /// index, so calls inside a band never form a cycle.
    fn graphs(max: usize) -> impl Strategy<Value = (Vec<LayoutNode>, Vec<LayoutEdge>)> {
        prop::collection::vec((0usize..6, 0usize..3, 1usize..26), 1..=max).prop_flat_map(|spec| {
            let n = spec.len();
            let nodes: Vec<LayoutNode> = spec
                .iter()
                .enumerate()
                .map(|(i, &(layer, group, len))| LayoutNode {
                    title: format!("n{i}-{}", "x".repeat(len)),
                    subtitle: ["lambda", "fargate", "step-functions-standard"][group].into(),
                    layer,
                    band: layer,
                    group,
                    // Frames whose corners no line uses, so boxes can be counted.
                    frame: [Frame::Rounded, Frame::Heavy, Frame::Double][group],
                })
                .collect();
            let pairs = prop::collection::btree_set((0..n, 0..n, 0usize..3), 0..=2 * n);
            (Just(nodes), pairs).prop_map(|(nodes, pairs)| {
                let mut seen = std::collections::BTreeSet::new();
                let edges = pairs
                    .into_iter()
                    .filter(|&(a, b, _)| a < b && seen.insert((a, b)))
                    .map(|(from, to, s)| LayoutEdge {
                        from,
                        to,
                        style: [EdgeStyle::Solid, EdgeStyle::Dashed, EdgeStyle::Dotted][s],
                    })
                    .collect();
                (nodes, edges)
            })
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn no_line_is_wider_than_the_page((nodes, edges) in graphs(20), width in 24usize..200) {
            for line in layout::render(&nodes, &edges, LAYERS, width) {
                prop_assert!(cells(&line) <= width, "{} > {width}: {line}", cells(&line));
            }
        }

        #[test]
        fn every_box_and_every_arrow_is_drawn((nodes, edges) in graphs(10), width in 100usize..200) {
            let lines = layout::render(&nodes, &edges, LAYERS, width);
            let text = lines.join("\n");
            for (i, _) in nodes.iter().enumerate() {
                // Titles start `n{i}-`, so each is found once (cut titles keep their start).
                let tag = format!("n{i}-");
                prop_assert_eq!(text.matches(&format!(" {tag}")).count(), 1, "{} in\n{}", tag, text);
            }
            // Boxes never overlap: every box keeps its four corners.
            prop_assert_eq!(text.matches(['╭', '┏', '╔']).count(), nodes.len(), "\n{}", text);
            prop_assert_eq!(text.matches(['╯', '┛', '╝']).count(), nodes.len(), "\n{}", text);
            prop_assert_eq!(text.matches(['▼', '▲']).count(), edges.len(), "\n{}", text);
        }
    }

    #[test]
    fn an_edge_that_points_up_gets_its_arrowhead_at_the_top() {
        // A queue (lower band) feeding a worker (upper band).
        let nodes = [node("worker", 3), node("queue", 4)];
        let edges = [LayoutEdge {
            from: 1,
            to: 0,
            style: EdgeStyle::Dashed,
        }];
        let lines = layout::render(&nodes, &edges, LAYERS, 40);
        let text = lines.join("\n");
        assert!(text.contains('▲') && !text.contains('▼'), "\n{text}");
        let up = lines.iter().position(|l| l.contains('▲')).unwrap();
        let queue = lines.iter().position(|l| l.contains("queue")).unwrap();
        assert!(up < queue, "\n{text}");
        assert!(text.contains('╎'), "dashed line\n{text}");
    }

    #[test]
    fn hostile_and_wide_names_keep_the_frame() {
        let nodes = [
            node("tab\there\nnewline", 0),
            node("数据库服务数据库服务数据库服务数据库服务", 3),
            node(&"x".repeat(200), 5),
        ];
        let edges = [
            LayoutEdge {
                from: 0,
                to: 1,
                style: EdgeStyle::Solid,
            },
            LayoutEdge {
                from: 1,
                to: 2,
                style: EdgeStyle::Dotted,
            },
        ];
        for width in [24, 40, 80] {
            let lines = layout::render(&nodes, &edges, LAYERS, width);
            let text = lines.join("\n");
            assert!(
                text.contains("tab?here?newline") || text.contains("tab?here"),
                "\n{text}"
            );
            assert!(text.contains('…'), "long names are cut\n{text}");
            for l in &lines {
                assert!(cells(l) <= width, "{l}");
                assert!(!l.chars().any(char::is_control), "{l:?}");
            }
        }
    }

    #[test]
    fn nothing_to_draw_draws_nothing() {
        assert!(layout::render(&[], &[], LAYERS, 80).is_empty());
    }
}
