//! Mermaid, DOT and JSON exports of the topology. Ids are sanitised; labels are
//! escaped, so a component named `a"b|c<d>` cannot break either format.

use std::fmt::Write;

use serde::Serialize;

use super::graph::{EdgeKind, Node, Topology, Zone};

/// Mermaid escapes: everything but letters, digits, spaces and a few safe marks as `#code;`.
fn mermaid_text(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_alphanumeric()
                || matches!(c, ' ' | '-' | '_' | '.' | ',' | ':' | '@' | '/' | '(' | ')')
            {
                c.to_string()
            } else {
                format!("#{};", c as u32)
            }
        })
        .collect()
}

fn zones_in_order(t: &Topology) -> Vec<Zone> {
    Zone::ALL
        .iter()
        .copied()
        .filter(|z| t.nodes().any(|n| n.zone == *z))
        .collect()
}

/// A Mermaid flowchart that GitHub renders: zones as subgraphs, a legend for edge kinds.
pub fn mermaid(t: &Topology) -> String {
    let mut s = String::from("flowchart TB\n");
    for z in zones_in_order(t) {
        let _ = writeln!(s, "  subgraph zone_{} [\"{}\"]", z.as_str(), title(z));
        for n in t.nodes().filter(|n| n.zone == z) {
            let _ = writeln!(
                s,
                "    {}[\"{}<br/>{}\"]",
                n.id,
                mermaid_text(&n.label),
                mermaid_text(&n.subtitle())
            );
        }
        s.push_str("  end\n");
    }
    for (a, b, k) in t.edges() {
        let arrow = match k {
            EdgeKind::Sync => "-->",
            EdgeKind::Async => "-.->",
            EdgeKind::Data => "==>",
        };
        let _ = writeln!(s, "  {} {arrow} {}", a.id, b.id);
    }
    s.push_str("  subgraph legend [\"Legend\"]\n");
    s.push_str("    legend_a[\"caller\"] -->|sync call| legend_b[\"callee\"]\n");
    s.push_str("    legend_c[\"producer\"] -.->|async event| legend_d[\"consumer\"]\n");
    s.push_str("    legend_e[\"service\"] ==>|data access| legend_f[\"store\"]\n");
    s.push_str("  end\n");
    s
}

fn title(z: Zone) -> &'static str {
    match z {
        Zone::Clients => "Clients",
        Zone::Edge => "Edge",
        Zone::Serverless => "Serverless",
        Zone::Containers => "Containers and instances",
        Zone::Data => "Data",
    }
}

/// A DOT string literal; control characters and bidirectional overrides as `?`.
fn dot_text(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(crate::text::shown(c)),
        }
    }
    out.push('"');
    out
}

/// Graphviz input that `dot -Tsvg` accepts: zones as clusters, a legend cluster.
pub fn dot(t: &Topology) -> String {
    let mut s = String::from(
        "digraph topology {\n  rankdir=TB;\n  compound=true;\n  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\"];\n",
    );
    for z in zones_in_order(t) {
        let _ = writeln!(
            s,
            "  subgraph cluster_{} {{\n    label={};",
            z.as_str(),
            dot_text(title(z))
        );
        for n in t.nodes().filter(|n| n.zone == z) {
            let _ = writeln!(
                s,
                "    {} [label={}];",
                n.id,
                dot_text(&format!("{}\n{}", n.label, n.subtitle()))
            );
        }
        s.push_str("  }\n");
    }
    for (a, b, k) in t.edges() {
        let style = match k {
            EdgeKind::Sync => "solid",
            EdgeKind::Async => "dashed",
            EdgeKind::Data => "bold",
        };
        let _ = writeln!(s, "  {} -> {} [style={style}];", a.id, b.id);
    }
    s.push_str("  subgraph cluster_legend {\n    label=\"Legend\";\n    node [shape=plaintext];\n    legend_a [label=\"caller\"]; legend_b [label=\"callee\"];\n    legend_c [label=\"producer\"]; legend_d [label=\"consumer\"];\n    legend_e [label=\"service\"]; legend_f [label=\"store\"];\n    legend_a -> legend_b [style=solid, label=\"sync call\"];\n    legend_c -> legend_d [style=dashed, label=\"async event\"];\n    legend_e -> legend_f [style=bold, label=\"data access\"];\n  }\n}\n");
    s
}

#[derive(Serialize, schemars::JsonSchema)]
struct JsonEdge<'a> {
    from: &'a str,
    to: &'a str,
    kind: EdgeKind,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct JsonTopology<'a> {
    nodes: Vec<&'a Node>,
    edges: Vec<JsonEdge<'a>>,
}

/// Nodes and edges as data.
pub fn json(t: &Topology) -> JsonTopology<'_> {
    JsonTopology {
        nodes: t.nodes().collect(),
        edges: t
            .edges()
            .map(|(a, b, kind)| JsonEdge {
                from: &a.id,
                to: &b.id,
                kind,
            })
            .collect(),
    }
}
