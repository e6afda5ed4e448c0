//! The Risks tab: for each component, the risks its placement carries with their
//! mitigations, and the notes the rules left.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::super::app::App;
use super::super::theme::Theme;
use super::super::view::Drawn;
use super::text::scrolled;

pub fn draw(f: &mut Frame, app: &App, area: Rect, drawn: &mut Drawn) {
    let t = Theme::new(app.color);
    let mut lines: Vec<(String, Style)> = Vec::new();
    if let Ok(a) = &app.analysis {
        for d in &a.advice.decisions {
            if d.risks.is_empty() && d.notes.is_empty() {
                continue;
            }
            lines.push((
                format!(
                    "{} → {}",
                    d.component,
                    d.placement.map(|p| p.as_str()).unwrap_or("no placement")
                ),
                t.title,
            ));
            for r in &d.risks {
                lines.push((format!("  risk: {}", r.risk.risk), t.bad));
                lines.push((
                    format!("    mitigation: {} ({})", r.risk.mitigation, r.rule),
                    Style::new(),
                ));
            }
            for (rule, n) in &d.notes {
                lines.push((format!("  note: {n} ({rule})"), Style::new()));
            }
            lines.push((String::new(), Style::new()));
        }
        if lines.is_empty() {
            lines.push(("No risks raised.".into(), Style::new()));
        }
    }
    scrolled(f, app, area, "Risks and mitigations", lines, true, drawn);
}
