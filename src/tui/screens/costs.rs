//! The Costs tab: each placement's monthly cost as the current component's volume
//! varies around today's (log scales, ticks at their decades, a mark at today's volume,
//! a legend that reads without colour), then that component's options, each with every
//! line item of its bill, and the data stores.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::widgets::canvas::{Canvas, Line as Segment};

use super::super::app::App;
use super::super::chart::{ChartData, column};
use super::super::theme::Theme;
use super::super::view::Drawn;
use super::text::{no_analysis, plain, scrolled, wrap};

/// A plotted line: its colour, its letter, its points.
type Series<'a> = (Style, char, &'a [(f64, f64)]);

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

/// The letter that marks series `i` on the plot and in the legend.
fn letter(i: usize) -> char {
    (b'a' + (i % 26) as u8) as char
}

pub fn draw(f: &mut Frame, app: &App, area: Rect, drawn: &mut Drawn) {
    let t = Theme::new(app.color);
    if no_analysis(f, app, &t, area) {
        return;
    }
    let Ok(a) = &app.analysis else { return };
    let [chart_area, text_area] =
        Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(area);
    let name = a
        .workload
        .components
        .get(app.comp)
        .map(|c| c.name.as_str())
        .unwrap_or("");
    match a.chart(app.comp, &app.rules, &app.pricing) {
        Some(data) => chart(f, &t, chart_area, name, &data),
        None => f.render_widget(
            Paragraph::new(Line::styled(
                format!("No chart for {name}: nothing to price against its volume."),
                t.dim,
            )),
            chart_area,
        ),
    }
    scrolled(
        f,
        app,
        text_area,
        &format!("Line items of {name}"),
        plain(
            a.line_items(&app.pricing, app.comp).iter().cloned(),
            Style::new(),
        ),
        true,
        drawn,
    );
}

/// Draws the chart in `area`: title, plot with its axes, tick labels, legend.
fn chart(f: &mut Frame, t: &Theme, area: Rect, name: &str, d: &ChartData) {
    // The legend first, so the plot knows how much room is left.
    let mut legend: Vec<Span> = Vec::new();
    for (i, (p, _)) in d.series.iter().enumerate() {
        let style = if t.color {
            Style::new().fg(PALETTE[i % PALETTE.len()])
        } else {
            Style::new()
        };
        legend.push(Span::styled(format!("{} {p}", letter(i)), style));
        legend.push(Span::raw("  "));
    }
    legend.push(Span::styled("┊ today", t.dim));
    let notes = wrap(
        &[(d.break_evens.trim_start_matches(" · ").to_string(), t.dim)],
        area.width,
    );
    let legend_h = 1 + notes.len() as u16;
    let [title, plot, ticks, legend_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(legend_h),
    ])
    .areas(area);
    f.render_widget(
        Paragraph::new(Line::styled(
            format!("{name}: monthly cost against {} (log scales)", d.unit),
            t.title,
        )),
        title,
    );
    // The cost axis on the left: its labels, then a rule.
    let label_w = d
        .y_ticks
        .iter()
        .map(|(_, l)| l.chars().count())
        .max()
        .unwrap_or(1) as u16
        + 1;
    let [y_labels, axis, canvas_area] = Layout::horizontal([
        Constraint::Length(label_w),
        Constraint::Length(1),
        Constraint::Min(4),
    ])
    .areas(plot);
    let buf = f.buffer_mut();
    for (v, label) in &d.y_ticks {
        let from_top = column(d.y.1 - v + d.y.0, d.y.0, d.y.1, canvas_area.height);
        let y = canvas_area.y + from_top;
        buf.set_string(
            y_labels.x + label_w - 1 - label.chars().count() as u16,
            y,
            label,
            Style::new(),
        );
    }
    for y in axis.y..axis.bottom() {
        buf.set_string(axis.x, y, "│", t.dim);
    }
    // The volume axis under the plot: each label starts at its decade's column.
    buf.set_string(axis.x, ticks.y, "└", t.dim);
    let mut free_from = canvas_area.x;
    for (v, label) in &d.x_ticks {
        let x = canvas_area.x + column(*v, d.x.0, d.x.1, canvas_area.width);
        let w = label.chars().count() as u16;
        let x = x.min(canvas_area.right().saturating_sub(w));
        if x < free_from {
            continue;
        }
        buf.set_string(x, ticks.y, label, Style::new());
        free_from = x + w + 1;
    }
    let series: Vec<Series> = d
        .series
        .iter()
        .enumerate()
        .map(|(i, (_, pts))| {
            let style = if t.color {
                Style::new().fg(PALETTE[i % PALETTE.len()])
            } else {
                Style::new()
            };
            (style, letter(i), pts.as_slice())
        })
        .collect();
    let color = t.color;
    f.render_widget(
        Canvas::default()
            .marker(Marker::Braille)
            .x_bounds([d.x.0, d.x.1])
            .y_bounds([d.y.0, d.y.1])
            .paint(|ctx| {
                for (style, _, pts) in &series {
                    for w in pts.windows(2) {
                        ctx.draw(&Segment {
                            x1: w[0].0,
                            y1: w[0].1,
                            x2: w[1].0,
                            y2: w[1].1,
                            color: style.fg.unwrap_or(Color::Reset),
                        });
                    }
                }
                ctx.layer();
                // Letters tell the lines apart without colour: at every other point,
                // else at the right end only.
                for (k, (style, c, pts)) in series.iter().enumerate() {
                    let every = if color { usize::MAX } else { 4 };
                    for (j, (x, y)) in pts.iter().enumerate() {
                        let last = j + 1 == pts.len();
                        if last || (j + k) % every == 0 {
                            ctx.print(*x, *y, Span::styled(c.to_string(), *style));
                        }
                    }
                }
            }),
        canvas_area,
    );
    // Today's volume: a dotted rule across the plot.
    let x = canvas_area.x + column(d.today, d.x.0, d.x.1, canvas_area.width);
    let buf = f.buffer_mut();
    for y in canvas_area.y..canvas_area.bottom() {
        if buf[(x, y)].symbol() == " " || buf[(x, y)].symbol() == "⠀" {
            buf.set_string(x, y, "┊", t.dim);
        }
    }
    let mut lines = vec![Line::from(legend)];
    lines.extend(notes.into_iter().map(|(l, s)| Line::styled(l, s)));
    f.render_widget(Paragraph::new(lines), legend_area);
}
