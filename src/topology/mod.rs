//! The hybrid topology: the graph of the recommended system, its layout in character
//! cells and its exports.

pub mod export;
pub mod graph;
pub mod layout;

pub use graph::{EdgeKind, Layer, Node, Topology, Zone, build};

/// The topology drawn in character cells, at most `width` columns wide, with a legend.
pub fn text(t: &Topology, width: usize) -> Vec<String> {
    use layout::{EdgeStyle, Frame};
    let nodes: Vec<&Node> = t.nodes().collect();
    let index = |id: &str| nodes.iter().position(|n| n.id == id);
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
