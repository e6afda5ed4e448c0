//! The Topology tab: the hybrid graph as layered text, each node with its placement and
//! price; wider than the screen it scrolls sideways (← →).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::super::app::{App, Shown};
use super::super::view::Drawn;
use super::text::{plain, scrolled};

pub fn draw(f: &mut Frame, app: &App, area: Rect, drawn: &mut Drawn) {
    let lines = app.analysis.as_ref().map(|a| {
        a.text(Shown::Topology(area.width), || {
            crate::topology::text(&a.topology, area.width as usize)
        })
    });
    let lines: Vec<String> = lines.iter().flat_map(|l| l.iter().cloned()).collect();
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
