//! The Trace tab: for the selected component (`[` `]` choose another), the placement and
//! why, every alternative with its score or what excludes it, and every rule that fired
//! with its reasons and source — the reasons behind the recommendation.

use std::io::Write;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::super::app::{App, Shown};
use super::super::view::Drawn;
use super::text::{lines_of, plain, scrolled};
use crate::present::paint::Paint;

pub fn draw(f: &mut Frame, app: &App, area: Rect, drawn: &mut Drawn) {
    let comp = app.comp;
    let lines = app.analysis.as_ref().map(|a| {
        a.text(Shown::Trace(comp), || {
            let Some(d) = a.advice.decisions.get(comp) else {
                return Vec::new();
            };
            let mut buf = Vec::new();
            let _ = writeln!(
                buf,
                "{} — why {} runs where it does",
                a.workload.name, d.component
            )
            .and_then(|()| writeln!(buf, "{}", a.advice.assumptions.line()));
            let _ = crate::present::evaluate::decision(d, Paint::PLAIN, &mut buf);
            let _ = writeln!(buf).and_then(|()| {
                writeln!(
                    buf,
                    "[ ] show another component's trace; `archway evaluate` prints them all."
                )
            });
            lines_of(&buf)
        })
    });
    let lines = plain(lines.iter().flat_map(|l| l.iter().cloned()), Style::new());
    scrolled(
        f,
        app,
        area,
        &format!(
            "Rule trace of {}: why and why not",
            app.analysis
                .as_ref()
                .ok()
                .and_then(|a| a.workload.components.get(comp))
                .map_or("", |c| c.name.as_str())
        ),
        lines,
        true,
        drawn,
    );
}
