//! The Migration tab: the phased plan, each phase with what moves, why in that order,
//! and the bill after it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::super::app::{App, Shown};
use super::super::view::Drawn;
use super::text::{lines_of, plain, scrolled};

pub fn draw(f: &mut Frame, app: &App, area: Rect, drawn: &mut Drawn) {
    let lines = app.analysis.as_ref().map(|a| {
        a.text(Shown::Migration, || {
            let mut buf = Vec::new();
            let _ = crate::present::migrate::text(&a.workload.name, &a.plan, &mut buf);
            lines_of(&buf)
        })
    });
    let lines = plain(lines.iter().flat_map(|l| l.iter().cloned()), Style::new());
    scrolled(f, app, area, "Migration plan", lines, true, drawn);
}
