//! The Topology tab: the hybrid graph as layered text, each node with its placement and
//! price; wider than the screen it scrolls sideways (← →).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::super::app::App;
use super::super::view::Drawn;
use super::text::{plain, scrolled};

pub fn draw(f: &mut Frame, app: &App, area: Rect, drawn: &mut Drawn) {
    let lines = app
        .analysis
        .as_ref()
        .map(|a| crate::topology::text(&a.topology, area.width as usize))
        .unwrap_or_default();
    let title = "Topology (← → scroll sideways; y copies it as Mermaid)";
    scrolled(
        f,
        app,
        area,
        title,
        plain(lines, Style::new()),
        false,
        drawn,
    );
}
