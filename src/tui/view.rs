//! The frame around the screens: tabs on top, the bill's summary and the footer below,
//! dialogs in front. Pure: from `App` to a frame, and what the frame tells the app back
//! (where the mouse can click, how far the text in view can scroll).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Tabs, Wrap};
use unicode_width::UnicodeWidthStr;

use super::app::{App, Hit, Mode, TABS, Tab, Viewport};
use super::screens::{self, dialogs, practice, welcome};
use super::theme::Theme;
use crate::advisor::RowKind;
use crate::cost::{signed_usd, usd};

/// What a drawn frame tells the app.
#[derive(Debug, Default)]
pub struct Drawn {
    pub hits: Vec<(Rect, Hit)>,
    pub viewport: Viewport,
}

/// Draws the whole screen.
pub fn draw(f: &mut Frame, app: &App) -> Drawn {
    let t = Theme::new(app.color);
    let mut drawn = Drawn::default();
    let area = f.area();
    if app.practice.is_some() {
        practice::draw(f, app, area, &mut drawn);
    } else if app.screen_welcome {
        welcome::draw(f, app, area, &mut drawn);
    } else {
        // A long message takes a second line rather than losing its end.
        let room = usize::from(area.width).saturating_sub(file_label(app).width() + 1);
        let foot_h = if app.message.width() > room { 2 } else { 1 };
        let [top, body, summary, foot] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(3),
            Constraint::Length(1),
            Constraint::Length(foot_h),
        ])
        .areas(area);
        tabs(f, app, &t, top, &mut drawn);
        screens::draw(f, app, body, &mut drawn);
        summary_line(f, app, &t, summary);
        footer(f, app, &t, foot);
    }
    dialogs::draw(f, app, area);
    drawn
}

fn tabs(f: &mut Frame, app: &App, t: &Theme, area: Rect, drawn: &mut Drawn) {
    let mut x = area.x;
    for (i, name) in TABS.iter().enumerate() {
        let w = name.chars().count() as u16 + 2;
        if x + w > area.x + area.width {
            break;
        }
        drawn.hits.push((Rect::new(x, area.y, w, 1), Hit::Tab(i)));
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

/// Spans that fit `width`, whole: those that do not fit are left out and counted in
/// `more(n)`, itself kept only when it fits.
fn fit<'a>(
    first: Vec<Span<'a>>,
    items: Vec<Span<'a>>,
    width: u16,
    more: impl Fn(usize) -> Span<'a>,
) -> Line<'a> {
    let width = usize::from(width);
    let mut used: usize = first.iter().map(|s| s.content.width()).sum();
    let mut spans = first;
    let total = items.len();
    for (i, s) in items.into_iter().enumerate() {
        let w = s.content.width();
        let left = total - i - 1;
        let tail = if left > 0 {
            more(left).content.width()
        } else {
            0
        };
        if used + w + tail > width {
            let m = more(total - i);
            if used + m.content.width() <= width {
                spans.push(m);
            }
            return Line::from(spans);
        }
        used += w;
        spans.push(s);
    }
    Line::from(spans)
}

/// The bill in one line: the total (and what the what-ifs change), then each row.
fn summary_line(f: &mut Frame, app: &App, t: &Theme, area: Rect) {
    let line = match &app.analysis {
        Ok(a) => {
            let mut first = vec![Span::styled(
                format!("total {} a month", usd(a.advice.monthly)),
                t.title,
            )];
            if let Some(base) = a.baseline {
                let delta = a.advice.monthly - base;
                first.push(Span::styled(
                    format!(" ({} from what-ifs; 0 drops them)", signed_usd(delta)),
                    if delta.is_sign_negative() {
                        t.good
                    } else {
                        t.bad
                    },
                ));
            }
            // The bill's rows add up to the total: each component (a shared fee at its
            // first user), each store, the pooled adjustment.
            let placed = |name: &str| a.advice.placement(name).map(|p| p.as_str()).unwrap_or("");
            let items: Vec<Span> = a
                .advice
                .bill()
                .into_iter()
                .map(|r| {
                    let text = match r.kind {
                        RowKind::Component => {
                            format!(" · {} → {} {}", r.what, placed(&r.what), usd(r.monthly))
                        }
                        RowKind::Store => format!(" · {} store {}", r.what, usd(r.monthly)),
                        RowKind::Adjustment => {
                            format!(" · pooled free tier {}", signed_usd(r.monthly))
                        }
                    };
                    Span::styled(text, t.dim)
                })
                .collect();
            fit(first, items, area.width, |n| {
                Span::styled(format!(" · {n} more"), t.dim)
            })
        }
        Err(_) => Line::styled("no recommendation until the workload loads", t.error),
    };
    f.render_widget(Paragraph::new(line), area);
}

/// The keys worth knowing here, most useful first; `? help` always last.
fn hints(app: &App) -> &'static [&'static str] {
    match (&app.mode, app.tab) {
        (Mode::Editing(..), _) => &["Enter keep", "Esc cancel", "empty = assumed value"],
        (Mode::Choosing(_), _) => &["↑↓ choose", "Enter pick", "Del assumed", "Esc cancel"],
        (_, Tab::Interview) => &[
            "Enter edit",
            "←→ steps/questions",
            "a add",
            "[ ] component",
            "r results",
            "u undo",
            "w save",
            ": commands",
        ],
        _ => &[
            "t d m s what-if",
            "0 drop what-ifs",
            "[ ] component",
            "e export",
            "w save",
            "y copy",
            ": commands",
        ],
    }
}

/// The file being edited, marked when it has unsaved changes.
fn file_label(app: &App) -> String {
    let unsaved = if app.draft.dirty { " ●" } else { "" };
    format!(" {}{unsaved}", app.draft.label())
}

fn footer(f: &mut Frame, app: &App, t: &Theme, area: Rect) {
    let file = file_label(app);
    let fw = (file.width() as u16).min(area.width / 3);
    let [left, right] =
        Layout::horizontal([Constraint::Min(10), Constraint::Length(fw)]).areas(area);
    let line = if app.message.is_empty() {
        let help = " · ? help";
        let mut text = String::new();
        for h in hints(app) {
            let sep = if text.is_empty() { "" } else { " · " };
            if text.width() + sep.width() + h.width() + help.width() > usize::from(left.width) {
                break;
            }
            text.push_str(sep);
            text.push_str(h);
        }
        text.push_str(if text.is_empty() { "? help" } else { help });
        Line::styled(text, t.dim)
    } else {
        Line::styled(app.message.clone(), t.accent)
    };
    f.render_widget(Paragraph::new(line).wrap(Wrap { trim: true }), left);
    // A long path keeps its end (the file's name).
    let shown = if file.width() > usize::from(fw) {
        let tail: String = file
            .chars()
            .rev()
            .take(usize::from(fw).saturating_sub(1))
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        format!("…{tail}")
    } else {
        file
    };
    f.render_widget(
        Paragraph::new(Line::styled(shown, t.dim)).right_aligned(),
        right,
    );
}
