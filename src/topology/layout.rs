//! Layered layout in character cells (being written): the interface, so callers compile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EdgeStyle {
    Solid,
    Dashed,
    Dotted,
}
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayoutNode {
    pub title: String,
    pub subtitle: String,
    pub layer: usize,
    pub group: String,
}
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayoutEdge {
    pub from: usize,
    pub to: usize,
    pub style: EdgeStyle,
}
pub fn render(nodes: &[LayoutNode], _edges: &[LayoutEdge], _width: usize) -> Vec<String> {
    nodes
        .iter()
        .map(|n| format!("{} ({})", n.title, n.subtitle))
        .collect()
}
