//! The Recommendation tab: one table first (component, placement, monthly cost,
//! runner-up, margin; the stores; the total), then why the selected component runs
//! where it does and what every other placement would cost.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders, Row, Table, TableState};

use super::super::app::{App, Hit, Tab};
use super::super::keys::Action;
use super::super::theme::Theme;
use super::super::view::Drawn;
use super::text::{no_analysis, scrolled};
use crate::advisor::RowKind;
use crate::cost::{qty, signed_usd, usd};

pub fn act(app: &mut App, a: Action) {
    let n = app.names().len().max(1);
    match a {
        Action::Up => app.comp = app.comp.saturating_sub(1),
        Action::Down => app.comp = (app.comp + 1).min(n - 1),
        Action::Top => app.comp = 0,
        Action::Bottom => app.comp = n - 1,
        // The pages scroll the detail under the table.
        Action::PageUp | Action::PageDown => return super::text::act(app, a),
        Action::Enter => app.set_tab(Tab::Trace),
        Action::Back => app.set_tab(Tab::Interview),
        _ => return,
    }
    app.scroll = (0, 0);
}

pub fn draw(f: &mut Frame, app: &App, area: Rect, drawn: &mut Drawn) {
    if no_analysis(f, app, &Theme::new(app.color), area) {
        return;
    }
    let t = Theme::new(app.color);
    let Ok(a) = &app.analysis else { return };
    let money = |m: Option<rust_decimal::Decimal>| m.map(usd).unwrap_or_else(|| "—".into());
    let mut rows: Vec<Row> = a
        .advice
        .decisions
        .iter()
        .map(|d| {
            let runner = d.runner_up();
            Row::new(vec![
                d.component.clone(),
                d.placement
                    .map(|p| p.to_string())
                    .unwrap_or_else(|| "NO PLACEMENT".into()),
                money(d.chosen().and_then(|c| c.monthly)),
                runner
                    .map(|r| format!("{} {}", r.placement, money(r.monthly)))
                    .unwrap_or_else(|| "—".into()),
                d.margin()
                    .map(|m| format!("+{} pts", qty(m.round_dp(2))))
                    .unwrap_or_else(|| "only one".into()),
            ])
        })
        .collect();
    let n = rows.len();
    for r in a.advice.bill() {
        match r.kind {
            RowKind::Store => rows.push(
                Row::new(vec![
                    r.what.clone(),
                    "data store".into(),
                    usd(r.monthly),
                    String::new(),
                    String::new(),
                ])
                .style(t.dim),
            ),
            RowKind::Adjustment => rows.push(
                Row::new(vec![
                    "pooled free tier".to_string(),
                    String::new(),
                    signed_usd(r.monthly),
                    String::new(),
                    String::new(),
                ])
                .style(t.dim),
            ),
            RowKind::Component => {}
        }
    }
    let mut total = vec![
        "total".to_string(),
        String::new(),
        usd(a.advice.monthly),
        String::new(),
        String::new(),
    ];
    if let Some(base) = a.baseline {
        total[3] = format!("{} what-ifs", signed_usd(a.advice.monthly - base));
    }
    rows.push(Row::new(total).style(t.title));
    let height = (rows.len() as u16 + 3).min(area.height / 2 + 2);
    let [table_area, detail] =
        Layout::vertical([Constraint::Length(height), Constraint::Min(3)]).areas(area);
    let widest = |xs: &mut dyn Iterator<Item = usize>| xs.max().unwrap_or(8) as u16;
    let name_w = widest(
        &mut a
            .advice
            .decisions
            .iter()
            .map(|d| d.component.chars().count()),
    )
    .clamp(9, 24);
    let place_w = widest(
        &mut a
            .advice
            .decisions
            .iter()
            .map(|d| d.placement.map_or(12, |p| p.as_str().len())),
    )
    .max(10);
    let runner_w = widest(&mut a.advice.decisions.iter().map(|d| {
        d.runner_up().map_or(1, |r| {
            r.placement.as_str().len() + 1 + money(r.monthly).chars().count()
        })
    }))
    .max(16);
    let mut st = TableState::default().with_selected(Some(app.comp));
    let block = Block::new().borders(Borders::BOTTOM);
    let inner = block.inner(table_area);
    f.render_stateful_widget(
        Table::new(
            rows,
            [
                Constraint::Length(name_w),
                Constraint::Length(place_w),
                Constraint::Length(11),
                Constraint::Length(runner_w),
                Constraint::Length(11),
            ],
        )
        .header(
            Row::new(["component", "placement", "a month", "runner-up", "margin"]).style(t.title),
        )
        .row_highlight_style(t.selected)
        .block(block),
        table_area,
        &mut st,
    );
    let offset = st.offset();
    for i in 0..inner.height.saturating_sub(1) as usize {
        if offset + i < n {
            drawn.hits.push((
                Rect::new(inner.x, inner.y + 1 + i as u16, inner.width, 1),
                Hit::Row(offset + i),
            ));
        }
    }
    let Some(d) = a.advice.decisions.get(app.comp) else {
        return;
    };
    let mut lines = vec![(d.why.clone(), Style::new()), (String::new(), Style::new())];
    for x in &d.alternatives {
        let status = if let Some(s) = x.score {
            format!("score {}", s.round_dp(2).normalize())
        } else if !x.excluded_by.is_empty() {
            format!("excluded by {}", x.excluded_by.join(", "))
        } else {
            x.not_priced.clone().unwrap_or_default()
        };
        let style = if Some(x.placement) == d.placement {
            t.good
        } else {
            Style::new()
        };
        lines.push((
            format!(
                "  {:<23} {:>11}  {status}",
                x.placement.as_str(),
                money(x.monthly)
            ),
            style,
        ));
    }
    lines.push((String::new(), Style::new()));
    lines.push((
        "Enter shows every rule that fired (Trace); t d m s try what-ifs.".into(),
        t.dim,
    ));
    scrolled(
        f,
        app,
        detail,
        &format!("Why {}", d.component),
        lines,
        true,
        drawn,
    );
}
