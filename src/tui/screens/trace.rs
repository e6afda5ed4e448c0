//! The Trace tab: every rule that fired or did not, with its source, for every
//! component — the reasons behind the recommendation.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::super::app::{App, Shown};
use super::super::view::Drawn;
use super::text::{lines_of, plain, scrolled};

pub fn draw(f: &mut Frame, app: &App, area: Rect, drawn: &mut Drawn) {
    let lines = app.analysis.as_ref().map(|a| {
        a.text(Shown::Trace, || {
            let mut buf = Vec::new();
            let _ = crate::present::evaluate::text(&a.advice, &mut buf);
            lines_of(&buf)
        })
    });
    let lines = plain(lines.iter().flat_map(|l| l.iter().cloned()), Style::new());
    scrolled(
        f,
        app,
        area,
        "Rule trace: why and why not",
        lines,
        true,
        drawn,
    );
}
