//! The hybrid topology: the graph of the recommended system, its layout in character
//! cells and its exports.

pub mod export;
pub mod graph;
pub mod layout;

pub use graph::{EdgeKind, Layer, Node, Topology, Zone, build};

/// The most nodes drawn as boxes and lines: a bigger system does not fit a terminal
/// legibly (its drawing grows with the square of its size), so it is listed instead.
pub const MAX_DRAWN: usize = 120;

/// A topology too big to draw, as a list: each layer's nodes with their price, and where
/// each one's edges go. Linear in nodes and edges.
fn list(t: &Topology, nodes: &[&Node], width: usize) -> Vec<String> {
    let width = width.clamp(layout::MIN_WIDTH, layout::MAX_WIDTH);
    let label: std::collections::HashMap<&str, &str> = nodes
        .iter()
        .map(|n| (n.id.as_str(), n.label.as_str()))
        .collect();
    let mut out: Vec<Vec<(&str, EdgeKind)>> = vec![Vec::new(); nodes.len()];
    let at: std::collections::HashMap<&str, usize> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    for (a, b, k) in t.edges() {
        if let (Some(&i), Some(to)) = (at.get(a.id.as_str()), label.get(b.id.as_str())) {
            out[i].push((to, k));
        }
    }
    let mut lines = vec![
        layout::fit(
            &format!(
                "{} nodes, more than a terminal drawing shows legibly ({MAX_DRAWN}):",
                nodes.len()
            ),
            width,
        ),
        layout::fit(
            "listed by layer here; --format mermaid, dot or json draws them all.",
            width,
        ),
        String::new(),
    ];
    for (li, name) in Layer::NAMES.iter().enumerate() {
        let members: Vec<usize> = (0..nodes.len())
            .filter(|&i| nodes[i].layer.index() == li)
            .collect();
        if members.is_empty() {
            continue;
        }
        lines.push(layout::fit(name, width));
        for i in members {
            let n = nodes[i];
            lines.push(layout::fit(
                &format!("  {} — {}", n.label, n.subtitle()),
                width,
            ));
            for (to, k) in &out[i] {
                let how = match k {
                    EdgeKind::Sync => "calls",
                    EdgeKind::Async => "sends to",
                    EdgeKind::Data => "uses",
                };
                lines.push(layout::fit(&format!("      {how} {to}"), width));
            }
        }
    }
    lines
}

/// The topology drawn in character cells, at most `width` columns wide, with a legend.
pub fn text(t: &Topology, width: usize) -> Vec<String> {
    use layout::{EdgeStyle, Frame};
    let nodes: Vec<&Node> = t.nodes().collect();
    if nodes.len() > MAX_DRAWN {
        return list(t, &nodes, width);
    }
    let at: std::collections::HashMap<&str, usize> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    let index = |id: &str| at.get(id).copied();
    let frame = |z: Zone| match z {
        Zone::Clients | Zone::Containers => Frame::Light,
        Zone::Serverless => Frame::Rounded,
        Zone::Edge => Frame::Heavy,
        Zone::Data => Frame::Double,
    };
    let lnodes: Vec<layout::LayoutNode> = nodes
        .iter()
        .map(|n| layout::LayoutNode {
            title: n.label.clone(),
            subtitle: n.subtitle(),
            layer: n.layer.index(),
            // Compute and what feeds it share a band, so a queue sits between the
            // component that fills it and the one that drains it.
            band: match n.layer {
                Layer::Async => Layer::Compute.index(),
                l => l.index(),
            },
            group: Zone::ALL.iter().position(|z| *z == n.zone).unwrap_or(0),
            frame: frame(n.zone),
        })
        .collect();
    let ledges: Vec<layout::LayoutEdge> = t
        .edges()
        .filter_map(|(a, b, k)| {
            Some(layout::LayoutEdge {
                from: index(&a.id)?,
                to: index(&b.id)?,
                style: match k {
                    EdgeKind::Sync => EdgeStyle::Solid,
                    EdgeKind::Async => EdgeStyle::Dashed,
                    EdgeKind::Data => EdgeStyle::Dotted,
                },
            })
        })
        .collect();
    let mut lines = layout::render(&lnodes, &ledges, Layer::NAMES, width);
    if lines.is_empty() {
        return lines;
    }
    lines.push(String::new());
    lines.extend(legend(width));
    lines
}

/// What the frames and line styles mean, wrapped to `width`.
fn legend(width: usize) -> Vec<String> {
    let items = [
        "╭╮ serverless",
        "┌┐ containers",
        "┏┓ edge",
        "╔╗ data",
        "─▼ call",
        "╌▼ event",
        "┄▼ data access",
    ];
    let mut lines = Vec::new();
    let mut line = String::new();
    for item in items {
        let needed = layout::cells(&line) + 2 + layout::cells(item);
        if !line.is_empty() && needed > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push_str("  ");
        }
        line.push_str(item);
    }
    lines.push(line);
    lines
}

#[cfg(test)]
mod tests;
