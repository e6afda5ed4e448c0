//! Drawing the TUI's state: pure functions from `App` to a frame (and the clickable
//! areas of that frame).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Block, Borders, Chart, Clear, Dataset, GraphType, List, ListItem, ListState, Paragraph,
    Row, Table, TableState, Tabs, Wrap,
};

use super::app::{App, EXPORTS, Hit, Mode, Pane, Prompt, TABS, Tab};
use super::fields::{self, Ask, STEPS, Scope};
use super::keys;
use crate::advisor::RowKind;
use crate::cost::{signed_usd, usd};

/// Colours that read on dark and light terminals, or none at all (NO_COLOR): then
/// selection and emphasis are carried by reverse video, bold and underline alone.
pub struct Theme {
    pub accent: Style,
    pub selected: Style,
    pub dim: Style,
    pub error: Style,
    pub good: Style,
    pub bad: Style,
    pub title: Style,
}

impl Theme {
    pub fn new(color: bool) -> Theme {
        if color {
            Theme {
                accent: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
                selected: Style::new().add_modifier(Modifier::REVERSED),
                dim: Style::new().fg(Color::DarkGray),
                error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
                good: Style::new().fg(Color::Green),
                bad: Style::new().fg(Color::Red),
                title: Style::new().add_modifier(Modifier::BOLD),
            }
        } else {
            Theme {
                accent: Style::new().add_modifier(Modifier::BOLD),
                selected: Style::new().add_modifier(Modifier::REVERSED),
                dim: Style::new(),
                error: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                good: Style::new(),
                bad: Style::new().add_modifier(Modifier::BOLD),
                title: Style::new().add_modifier(Modifier::BOLD),
            }
        }
    }
}

/// Draws the whole screen; returns where the mouse can click.
pub fn draw(f: &mut Frame, app: &App) -> Vec<(Rect, Hit)> {
    let t = Theme::new(app.color);
    let mut hits = Vec::new();
    let area = f.area();
    if app.screen_welcome {
        welcome(f, app, &t, area, &mut hits);
    } else {
        let [top, body, summary, foot] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(3),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        tabs(f, app, &t, top, &mut hits);
        match app.tab {
            Tab::Interview => interview(f, app, &t, body, &mut hits),
            Tab::Recommendation => recommendation(f, app, &t, body, &mut hits),
            Tab::Costs => costs(f, app, &t, body),
            Tab::Topology => {
                let lines = app
                    .analysis
                    .as_ref()
                    .map(|a| crate::topology::text(&a.topology, body.width as usize))
                    .unwrap_or_default();
                scrolled(f, app, &t, body, "Topology", lines)
            }
            Tab::Migration => {
                let lines = app.analysis.as_ref().map(|a| {
                    let mut buf = Vec::new();
                    let _ = crate::cli::migrate::text(&a.workload.name, &a.plan, &mut buf);
                    lines_of(&buf)
                });
                scrolled(
                    f,
                    app,
                    &t,
                    body,
                    "Migration plan",
                    lines.unwrap_or_default(),
                )
            }
            Tab::Risks => risks(f, app, &t, body),
            Tab::Trace => {
                let lines = app.analysis.as_ref().map(|a| {
                    let mut buf = Vec::new();
                    let _ = crate::cli::evaluate::text(&a.advice, &mut buf);
                    lines_of(&buf)
                });
                scrolled(
                    f,
                    app,
                    &t,
                    body,
                    "Rule trace: why and why not",
                    lines.unwrap_or_default(),
                )
            }
        }
        summary_line(f, app, &t, summary);
        footer(f, app, &t, foot);
    }
    overlays(f, app, &t, area);
    hits
}

fn lines_of(buf: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(buf)
        .lines()
        .map(str::to_string)
        .collect()
}

fn welcome(f: &mut Frame, app: &App, t: &Theme, area: Rect, hits: &mut Vec<(Rect, Hit)>) {
    let [head, list, foot] = Layout::vertical([
        Constraint::Length(4),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area);
    f.render_widget(
        Paragraph::new(vec![
            Line::styled("archway", t.accent),
            Line::raw(
                "Where each part of a system should run — with its reasons and its arithmetic.",
            ),
            Line::styled("Start a workload, resume one, or open an example.", t.dim),
        ]),
        head.inner(ratatui::layout::Margin::new(1, 0)),
    );
    let items: Vec<ListItem> = app
        .starts
        .iter()
        .map(|(label, _)| ListItem::new(label.as_str()))
        .collect();
    let block = Block::new().borders(Borders::TOP).title(" Start ");
    let inner = block.inner(list);
    let mut state = ListState::default().with_selected(Some(app.start_sel));
    f.render_stateful_widget(
        List::new(items)
            .block(block)
            .highlight_style(t.selected)
            .highlight_symbol("› "),
        list,
        &mut state,
    );
    let offset = state.offset();
    for i in 0..inner.height as usize {
        let k = offset + i;
        if k < app.starts.len() {
            hits.push((
                Rect::new(inner.x, inner.y + i as u16, inner.width, 1),
                Hit::Start(k),
            ));
        }
    }
    let msg = if app.message.is_empty() {
        "↑↓ choose · Enter open · ? help · q quit".to_string()
    } else {
        app.message.clone()
    };
    f.render_widget(Paragraph::new(Line::styled(msg, t.dim)), foot);
}

fn tabs(f: &mut Frame, app: &App, t: &Theme, area: Rect, hits: &mut Vec<(Rect, Hit)>) {
    let mut x = area.x;
    for (i, name) in TABS.iter().enumerate() {
        let w = name.chars().count() as u16 + 2;
        if x + w > area.x + area.width {
            break;
        }
        hits.push((Rect::new(x, area.y, w, 1), Hit::Tab(i)));
        x += w + 1;
    }
    f.render_widget(
        Tabs::new(TABS.iter().map(|s| Line::raw(*s)))
            .select(app.tab as usize)
            .highlight_style(t.selected)
            .divider(" ")
            .padding(" ", " "),
        area,
    );
}

fn interview(f: &mut Frame, app: &App, t: &Theme, area: Rect, hits: &mut Vec<(Rect, Hit)>) {
    let left_w = 27;
    let [left, right] =
        Layout::horizontal([Constraint::Length(left_w), Constraint::Min(20)]).areas(area);
    // Steps, with progress.
    let steps_block = Block::new()
        .borders(Borders::RIGHT)
        .title(format!(" Step {}/{} ", app.step + 1, STEPS.len()))
        .border_style(if app.pane == Pane::Steps {
            t.accent
        } else {
            t.dim
        });
    let inner = steps_block.inner(left);
    let items: Vec<ListItem> = STEPS
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let answered = s
                .fields
                .iter()
                .any(|fl| fields::get(&app.doc, fl, app.comp).is_some());
            let mark = if answered { "✓" } else { "·" };
            ListItem::new(format!("{mark} {}. {}", i + 1, s.title))
        })
        .collect();
    let mut st = ListState::default().with_selected(Some(app.step));
    f.render_stateful_widget(
        List::new(items)
            .block(steps_block)
            .highlight_style(if app.pane == Pane::Steps {
                t.selected
            } else {
                t.title
            }),
        left,
        &mut st,
    );
    for i in 0..STEPS.len().min(inner.height as usize) {
        hits.push((
            Rect::new(inner.x, inner.y + i as u16, inner.width, 1),
            Hit::Step(i),
        ));
    }

    // The questions of this step.
    let step = &STEPS[app.step];
    let right = right.inner(ratatui::layout::Margin::new(1, 0));
    let has_comp = step.fields.iter().any(|fl| fl.scope == Scope::Component);
    let names = app.names();
    let mut lines: Vec<Line> = Vec::new();
    lines.push(Line::styled(step.help, t.dim));
    let mut y = right.y + 1;
    if has_comp {
        let mut spans = vec![Span::raw("component ")];
        let mut x = right.x + 10;
        for (i, n) in names.iter().enumerate() {
            let label = format!(" {n} ");
            let w = label.chars().count() as u16;
            if x + w <= right.x + right.width {
                hits.push((Rect::new(x, y, w, 1), Hit::Component(i)));
            }
            x += w + 1;
            spans.push(Span::styled(
                label,
                if i == app.comp { t.selected } else { t.dim },
            ));
            spans.push(Span::raw(" "));
        }
        lines.push(Line::from(spans));
        y += 1;
    }
    lines.push(Line::raw(""));
    y += 1;
    let label_w = 20usize;
    let editing_err = match &app.mode {
        Mode::Editing(_, e) => e.clone(),
        _ => None,
    };
    let mut cursor = None;
    for (i, fl) in step.fields.iter().enumerate() {
        let sel = i == app.field && app.pane == Pane::Fields;
        let value = fields::get(&app.doc, fl, app.comp);
        let (text, style) = match (&app.mode, sel) {
            (Mode::Editing(input, _), true) => {
                cursor = Some((
                    right.x + label_w as u16 + 2 + input.visual_cursor() as u16,
                    y,
                ));
                (input.value().to_string(), t.title)
            }
            _ => match &value {
                Some(v) if !v.is_empty() => (v.clone(), Style::new()),
                _ => ("default".to_string(), t.dim),
            },
        };
        let marker = if sel { "›" } else { " " };
        let kind = match fl.ask {
            Ask::Choice(_) => " ▾",
            Ask::Bool => " ☐",
            _ => "",
        };
        let label = format!("{marker} {:<w$}", fl.label, w = label_w);
        let row = Line::from(vec![
            Span::styled(label, if sel { t.selected } else { Style::new() }),
            Span::raw(" "),
            Span::styled(text, style),
            Span::styled(kind, t.dim),
        ]);
        hits.push((Rect::new(right.x, y, right.width, 1), Hit::Field(i)));
        lines.push(row);
        y += 1;
        if sel && let Some(e) = &editing_err {
            lines.push(Line::styled(
                format!("  {:w$}  ✗ {e}", "", w = label_w),
                t.error,
            ));
            y += 1;
        }
    }
    lines.push(Line::raw(""));
    if let Some(fl) = app.current_field() {
        lines.push(Line::styled(fl.help, t.accent));
    }
    if let Err(e) = &app.analysis {
        lines.push(Line::raw(""));
        for l in e.lines().take(3) {
            lines.push(Line::styled(format!("✗ {l}"), t.error));
        }
    }
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), right);
    if let Some((x, y)) = cursor {
        f.set_cursor_position((x.min(right.x + right.width.saturating_sub(1)), y));
    }
    // Choices pop up beside the field.
    if let Mode::Choosing(sel) = app.mode
        && let Some(fl) = app.current_field()
        && let Ask::Choice(options) = fl.ask
    {
        let h = (options.len() as u16 + 2).min(area.height);
        let w = options.iter().map(|o| o.len()).max().unwrap_or(8) as u16 + 6;
        let x = (right.x + label_w as u16 + 2).min(area.right().saturating_sub(w));
        let y0 = (right.y + 3 + app.field as u16).min(area.bottom().saturating_sub(h));
        let r = Rect::new(x, y0, w.min(area.width), h);
        f.render_widget(Clear, r);
        let mut st = ListState::default().with_selected(Some(sel));
        f.render_stateful_widget(
            List::new(options.iter().map(|o| ListItem::new(*o)))
                .block(Block::bordered().title(fl.label))
                .highlight_style(t.selected),
            r,
            &mut st,
        );
    }
}

fn no_analysis(f: &mut Frame, app: &App, t: &Theme, area: Rect) -> bool {
    if let Err(e) = &app.analysis {
        let mut lines = vec![Line::styled("The workload does not load yet:", t.title)];
        lines.extend(e.lines().map(|l| Line::styled(l.to_string(), t.error)));
        lines.push(Line::styled("Fix it in the Interview tab (Esc).", t.dim));
        f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
        return true;
    }
    false
}

fn recommendation(f: &mut Frame, app: &App, t: &Theme, area: Rect, hits: &mut Vec<(Rect, Hit)>) {
    if no_analysis(f, app, t, area) {
        return;
    }
    let Ok(a) = &app.analysis else { return };
    let n = a.advice.decisions.len() as u16;
    let [table_area, detail] = Layout::vertical([
        Constraint::Length((n + 2).min(area.height / 2 + 1)),
        Constraint::Min(3),
    ])
    .areas(area);
    let rows: Vec<Row> = a
        .advice
        .decisions
        .iter()
        .zip(&a.advice.costs.components)
        .map(|(d, _)| {
            let (p, cost) = match d.chosen() {
                Some(c) => (
                    c.placement.as_str().to_string(),
                    c.monthly.map(usd).unwrap_or_default(),
                ),
                None => ("NO PLACEMENT".into(), "—".into()),
            };
            let runner = d
                .alternatives
                .iter()
                .filter(|x| Some(x.placement) != d.placement && x.score.is_some())
                .map(|x| x.placement.as_str())
                .next()
                .unwrap_or("—");
            Row::new(vec![d.component.clone(), p, cost, runner.to_string()])
        })
        .collect();
    let mut st = TableState::default().with_selected(Some(app.comp));
    let block = Block::new().borders(Borders::BOTTOM);
    let inner = block.inner(table_area);
    f.render_stateful_widget(
        Table::new(
            rows,
            [
                Constraint::Percentage(34),
                Constraint::Percentage(26),
                Constraint::Length(12),
                Constraint::Percentage(26),
            ],
        )
        .header(Row::new(["component", "placement", "a month", "runner-up"]).style(t.title))
        .row_highlight_style(t.selected)
        .block(block),
        table_area,
        &mut st,
    );
    let offset = st.offset();
    for i in 0..inner.height.saturating_sub(1) as usize {
        if offset + i < n as usize {
            hits.push((
                Rect::new(inner.x, inner.y + 1 + i as u16, inner.width, 1),
                Hit::Row(offset + i),
            ));
        }
    }
    let Some(d) = a.advice.decisions.get(app.comp) else {
        return;
    };
    let mut lines = vec![
        Line::styled(format!("Why {}:", d.component), t.title),
        Line::raw(d.why.clone()),
    ];
    lines.push(Line::raw(""));
    for x in d.alternatives.iter().take(6) {
        let money = x.monthly.map(usd).unwrap_or_else(|| "—".into());
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
        lines.push(Line::styled(
            format!("  {:<24} {:>12}  {status}", x.placement.as_str(), money),
            style,
        ));
    }
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), detail);
}

fn costs(f: &mut Frame, app: &App, t: &Theme, area: Rect) {
    if no_analysis(f, app, t, area) {
        return;
    }
    let Ok(a) = &app.analysis else { return };
    let [chart_area, text_area] =
        Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area);
    let name = a
        .workload
        .components
        .get(app.comp)
        .map(|c| c.name.clone())
        .unwrap_or_default();
    match super::chart::series(app) {
        Some(s) => {
            let datasets: Vec<Dataset> = s
                .series
                .iter()
                .enumerate()
                .map(|(i, (p, pts))| {
                    Dataset::default()
                        .name(p.as_str())
                        .marker(symbols::Marker::Braille)
                        .graph_type(GraphType::Line)
                        .style(if app.color {
                            Style::new().fg(PALETTE[i % PALETTE.len()])
                        } else {
                            Style::new()
                        })
                        .data(pts)
                })
                .collect();
            let title = format!(
                " {name}: monthly cost against requests a month (log scale){} ",
                s.break_evens
            );
            let chart = Chart::new(datasets)
                .block(Block::new().borders(Borders::BOTTOM).title(title))
                .x_axis(
                    Axis::default()
                        .bounds([s.x.0, s.x.1])
                        .labels(s.x_labels.iter().map(|l| Span::raw(l.clone()))),
                )
                .y_axis(
                    Axis::default()
                        .bounds([0.0, s.y_max])
                        .labels(s.y_labels.iter().map(|l| Span::raw(l.clone()))),
                );
            f.render_widget(chart, chart_area);
        }
        None => f.render_widget(
            Paragraph::new(Line::styled("No chart for this component.", t.dim)),
            chart_area,
        ),
    }
    let mut buf = Vec::new();
    let _ = crate::cli::cost::text(&a.workload, &a.advice.costs, false, &mut buf);
    let lines = lines_of(&buf);
    scrolled(f, app, t, text_area, "Line items", lines);
}

const PALETTE: &[Color] = &[
    Color::Cyan,
    Color::Yellow,
    Color::Magenta,
    Color::Green,
    Color::Blue,
    Color::Red,
    Color::LightCyan,
    Color::LightYellow,
];

fn risks(f: &mut Frame, app: &App, t: &Theme, area: Rect) {
    if no_analysis(f, app, t, area) {
        return;
    }
    let Ok(a) = &app.analysis else { return };
    let mut lines = Vec::new();
    for d in &a.advice.decisions {
        if d.risks.is_empty() && d.notes.is_empty() {
            continue;
        }
        lines.push(format!(
            "{} → {}",
            d.component,
            d.placement.map(|p| p.as_str()).unwrap_or("no placement")
        ));
        for r in &d.risks {
            lines.push(format!("  risk: {}", r.risk.risk));
            lines.push(format!(
                "    mitigation: {} ({})",
                r.risk.mitigation, r.rule
            ));
        }
        for (rule, n) in &d.notes {
            lines.push(format!("  note: {n} ({rule})"));
        }
        lines.push(String::new());
    }
    if lines.is_empty() {
        lines.push("No risks raised.".into());
    }
    scrolled(f, app, t, area, "Risks and mitigations", lines);
}

/// A long text, scrolled by the arrows (and sideways when wider than the screen).
fn scrolled(f: &mut Frame, app: &App, t: &Theme, area: Rect, title: &str, lines: Vec<String>) {
    if app.analysis.is_err() && no_analysis(f, app, t, area) {
        return;
    }
    let total = lines.len() as u16;
    let block = Block::new().title(Line::styled(
        format!(
            " {title} · {}–{} of {total} ",
            app.scroll.0.min(total) + 1,
            (app.scroll.0 + area.height).min(total)
        ),
        t.dim,
    ));
    let max = total.saturating_sub(area.height.saturating_sub(1));
    let text: Vec<Line> = lines.into_iter().map(Line::raw).collect();
    f.render_widget(
        Paragraph::new(text)
            .block(block)
            .scroll((app.scroll.0.min(max), app.scroll.1)),
        area,
    );
}

fn summary_line(f: &mut Frame, app: &App, t: &Theme, area: Rect) {
    let line = match &app.analysis {
        Ok(a) => {
            let mut spans = vec![Span::styled(
                format!("total {} a month", usd(a.advice.monthly)),
                t.title,
            )];
            if let Some((_, base)) = &app.baseline {
                let delta = a.advice.monthly - base;
                spans.push(Span::styled(
                    format!(
                        " ({} against the baseline {}; 0 resets)",
                        signed_usd(delta),
                        usd(*base)
                    ),
                    if delta.is_sign_negative() {
                        t.good
                    } else {
                        t.bad
                    },
                ));
            }
            // The bill's rows, which add up to the total: each component (a shared fee
            // at its first user), each store, the pooled adjustment.
            let placed = |name: &str| a.advice.placement(name).map(|p| p.as_str()).unwrap_or("");
            for r in a.advice.bill() {
                let text = match r.kind {
                    RowKind::Component => {
                        format!(" · {} → {} {}", r.what, placed(&r.what), usd(r.monthly))
                    }
                    RowKind::Store => format!(" · {} store {}", r.what, usd(r.monthly)),
                    RowKind::Adjustment => format!(" · pooled free tier {}", signed_usd(r.monthly)),
                };
                spans.push(Span::styled(text, t.dim));
            }
            Line::from(spans)
        }
        Err(_) => Line::styled("no recommendation until the workload loads", t.error),
    };
    f.render_widget(Paragraph::new(line), area);
}

fn footer(f: &mut Frame, app: &App, t: &Theme, area: Rect) {
    let unsaved = if app.dirty { " ●" } else { "" };
    let hint = match (&app.mode, app.tab) {
        (Mode::Editing(..), _) => "type · Enter keep · Esc cancel".to_string(),
        (Mode::Choosing(_), _) => "↑↓ choose · Enter pick · Del default · Esc cancel".to_string(),
        (_, Tab::Interview) => "Enter edit · ←→ pane · a add · r results · w save · ? help".into(),
        _ => "Tab tabs · t/T d/D m/M s what-if · 0 reset · w save · e export · ? help".into(),
    };
    let text = if app.message.is_empty() {
        hint
    } else {
        app.message.clone()
    };
    let file = format!(" {}{unsaved}", app.file_label());
    let fw = (file.chars().count() as u16).min(area.width / 3);
    let [left, right] =
        Layout::horizontal([Constraint::Min(10), Constraint::Length(fw)]).areas(area);
    f.render_widget(
        Paragraph::new(Line::styled(
            text,
            if app.message.is_empty() {
                t.dim
            } else {
                t.accent
            },
        )),
        left,
    );
    f.render_widget(
        Paragraph::new(Line::styled(file, t.dim)).right_aligned(),
        right,
    );
}

fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

fn overlays(f: &mut Frame, app: &App, t: &Theme, area: Rect) {
    match &app.mode {
        Mode::Help => {
            // One column when it fits, else the global keys beside the others.
            let sections = keys::help();
            let section_lines = |secs: &[(&str, Vec<(&str, &str)>)]| {
                let mut lines = Vec::new();
                for (title, keys) in secs {
                    lines.push(Line::styled(title.to_string(), t.title));
                    for (k, what) in keys {
                        lines.push(Line::raw(format!(" {k:<10} {what}")));
                    }
                }
                lines
            };
            let all = section_lines(&sections);
            let block = Block::bordered().title(" Keys · any key closes ");
            if all.len() as u16 + 2 <= area.height {
                let r = centered(area, 64, all.len() as u16 + 2);
                f.render_widget(Clear, r);
                f.render_widget(Paragraph::new(all).block(block), r);
            } else {
                let left = section_lines(&sections[..1]);
                let right = section_lines(&sections[1..]);
                let h = left.len().max(right.len()) as u16 + 2;
                let r = centered(area, area.width, h);
                f.render_widget(Clear, r);
                let inner = block.inner(r);
                f.render_widget(block, r);
                let [a, b] =
                    Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                        .areas(inner);
                f.render_widget(Paragraph::new(left), a);
                f.render_widget(Paragraph::new(right), b);
            }
        }
        Mode::ExportMenu(sel) => {
            let r = centered(area, 40, EXPORTS.len() as u16 + 2);
            f.render_widget(Clear, r);
            let mut st = ListState::default().with_selected(Some(*sel));
            f.render_stateful_widget(
                List::new(EXPORTS.iter().map(|(_, label, _)| ListItem::new(*label)))
                    .block(Block::bordered().title(" Export "))
                    .highlight_style(t.selected),
                r,
                &mut st,
            );
        }
        Mode::Asking(p, input, err) => {
            let what = match p {
                Prompt::SaveAs => "Save the workload as".to_string(),
                Prompt::Export(e) => {
                    let label = EXPORTS
                        .iter()
                        .find(|(x, ..)| x == e)
                        .map(|x| x.1)
                        .unwrap_or("");
                    format!("Write the {} to", label.to_lowercase())
                }
            };
            let r = centered(area, area.width.saturating_sub(4).min(70), 5);
            f.render_widget(Clear, r);
            let block = Block::bordered().title(format!(" {what} "));
            let inner = block.inner(r);
            let mut lines = vec![Line::raw(input.value().to_string())];
            lines.push(match err {
                Some(e) => Line::styled(e.clone(), t.error),
                None => Line::styled("Enter write · Esc cancel", t.dim),
            });
            f.render_widget(Paragraph::new(lines).block(block), r);
            let x = inner.x + (input.visual_cursor() as u16).min(inner.width.saturating_sub(1));
            f.set_cursor_position((x, inner.y));
        }
        Mode::ConfirmQuit => confirm(
            f,
            t,
            area,
            "Unsaved changes",
            "y quit without saving · s save and quit · any other key stays",
        ),
        Mode::ConfirmRemove => {
            let name = app.names().get(app.comp).cloned().unwrap_or_default();
            confirm(
                f,
                t,
                area,
                &format!("Remove {name}?"),
                "y remove · any other key keeps it",
            )
        }
        _ => {}
    }
}

fn confirm(f: &mut Frame, t: &Theme, area: Rect, title: &str, text: &str) {
    let r = centered(area, (text.chars().count() as u16 + 4).max(30), 3);
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(Line::styled(text, t.title))
            .block(Block::bordered().title(format!(" {title} "))),
        r,
    );
}
