//! The hybrid topology: the graph of the recommended system, its layout in character
//! cells and its exports.

pub mod export;
pub mod graph;
pub mod layout;

pub use graph::{EdgeKind, Layer, Node, Topology, Zone, build};

/// The topology drawn in character cells, at most `width` columns wide.
pub fn text(t: &Topology, width: usize) -> Vec<String> {
    let nodes: Vec<&Node> = t.nodes().collect();
    let index = |id: &str| nodes.iter().position(|n| n.id == id);
    let lnodes: Vec<layout::LayoutNode> = nodes
        .iter()
        .map(|n| layout::LayoutNode {
            title: n.label.clone(),
            subtitle: n.detail.clone(),
            layer: n.layer.index(),
            group: n.zone.as_str().to_string(),
        })
        .collect();
    let ledges: Vec<layout::LayoutEdge> = t
        .edges()
        .filter_map(|(a, b, k)| {
            Some(layout::LayoutEdge {
                from: index(&a.id)?,
                to: index(&b.id)?,
                style: match k {
                    EdgeKind::Sync => layout::EdgeStyle::Solid,
                    EdgeKind::Async => layout::EdgeStyle::Dashed,
                    EdgeKind::Data => layout::EdgeStyle::Dotted,
                },
            })
        })
        .collect();
    layout::render(&lnodes, &ledges, width)
}

#[cfg(test)]
mod tests;
