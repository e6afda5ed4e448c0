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
        "p_relational_db",
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
