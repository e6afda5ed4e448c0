//! Practice: an interview round on one screen, phase by phase — read the scenario,
//! estimate, place and justify each component (hints cost points), commit and read the
//! model answer, take the twist, and see the rubric with its evidence.

use std::time::{Duration, Instant};

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use super::super::app::App;
use super::super::keys::{self, Action, Context};
use super::super::theme::Theme;
use super::super::view::Drawn;
use super::text::wrap_with;
use crate::cost::usd;
use crate::placement::Placement;
use crate::practice::round::{Graded, Question, Verdict};
use crate::practice::{Answers, Factor, Mitigation, history, scenario};

/// Hints a round allows.
const HINTS: usize = 3;
/// The time budget of a phase, when the timer is on.
const BUDGET: Duration = Duration::from_secs(5 * 60);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Read,
    Estimate,
    Place,
    Answer,
    Twist,
    Rubric,
}

impl Phase {
    fn title(self) -> &'static str {
        match self {
            Phase::Read => "1 Read",
            Phase::Estimate => "2 Estimate",
            Phase::Place => "3 Place",
            Phase::Answer => "4 Answer",
            Phase::Twist => "5 Twist",
            Phase::Rubric => "6 Rubric",
        }
    }
}

/// A row of the Place phase's list for one component.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Row {
    Placement(Placement),
    Factor(Factor),
    Mitigation(Mitigation),
}

/// The placements a practice round offers: the scenarios' workloads are on AWS (with
/// Cloudflare Workers at the edge).
fn placements() -> Vec<Placement> {
    Placement::offered_to(&[crate::placement::Provider::Aws]).collect()
}

fn rows() -> Vec<Row> {
    placements()
        .into_iter()
        .map(Row::Placement)
        .chain(Factor::ALL.iter().map(|f| Row::Factor(*f)))
        .chain(Mitigation::ALL.iter().map(|m| Row::Mitigation(*m)))
        .collect()
}

pub struct Practice {
    pub question: Question,
    pub phase: Phase,
    pub answers: Answers,
    /// The component being placed (or re-placed after the twist).
    pub comp: usize,
    /// The selected row of the phase's list.
    pub row: usize,
    /// What is typed for each estimate, and its error.
    pub typed: Vec<(Input, Option<String>)>,
    /// Hints revealed: (component, text).
    pub hints: Vec<(String, String)>,
    pub graded: Option<Graded>,
    pub scroll: u16,
    /// When the phase began, when the timer is on.
    pub timer: Option<Instant>,
    pub recorded: bool,
}

impl Practice {
    pub fn new(question: Question) -> Practice {
        let typed = question
            .estimates
            .iter()
            .map(|_| (Input::default(), None))
            .collect();
        Practice {
            question,
            phase: Phase::Read,
            answers: Answers::default(),
            comp: 0,
            row: 0,
            typed,
            hints: Vec::new(),
            graded: None,
            scroll: 0,
            timer: None,
            recorded: false,
        }
    }

    fn go(&mut self, phase: Phase) {
        self.phase = phase;
        self.row = 0;
        self.scroll = 0;
        self.comp = match phase {
            Phase::Twist => self
                .question
                .twist
                .as_ref()
                .and_then(|t| t.affected.first().copied())
                .unwrap_or(0),
            _ => 0,
        };
        if self.timer.is_some() {
            self.timer = Some(Instant::now());
        }
    }

    /// The components this phase places: all of them, or those the twist changes.
    fn placing(&self) -> Vec<usize> {
        match (self.phase, &self.question.twist) {
            (Phase::Twist, Some(t)) => t.affected.clone(),
            _ => (0..self.question.scenario.workload.components.len()).collect(),
        }
    }

    fn name(&self, i: usize) -> String {
        self.question.scenario.workload.components[i].name.clone()
    }

    /// Time left in the phase, when the timer is on.
    pub fn left(&self) -> Option<Duration> {
        self.timer.map(|t| BUDGET.saturating_sub(t.elapsed()))
    }
}

/// Starts a round on the scenario the history suggests (or the one after `after`).
pub fn start(app: &mut App, after: Option<&str>) {
    let lib = scenario::library();
    let records = history::parse(&app.store.practice_rounds());
    let pick = match after {
        Some(name) => {
            let i = lib.iter().position(|s| s.name == name).map_or(0, |i| i + 1);
            lib.get(i % lib.len().max(1)).cloned()
        }
        None => history::next(&lib, &records, records.len() as u64).cloned(),
    };
    let Some(s) = pick else {
        app.message = "The scenario library is empty.".into();
        return;
    };
    match crate::practice::ask(&s, &app.rules, &app.pricing) {
        Ok(q) => {
            app.practice = Some(Box::new(Practice::new(q)));
            app.screen_welcome = false;
        }
        Err(e) => app.message = format!("cannot start {}: {e}", s.name),
    }
}

fn leave(app: &mut App) {
    app.practice = None;
    app.screen_welcome = true;
    app.message = "Practice over; the rounds you finished are in archway quiz --stats.".into();
}

/// Grades what is answered so far (the twist included when it was played) and, at the
/// rubric, keeps the round in the history once.
fn grade(app: &mut App) {
    let Some(p) = app.practice.as_mut() else {
        return;
    };
    let g = crate::practice::grade(&p.question, &p.answers, &app.rules);
    if p.phase == Phase::Rubric && !p.recorded {
        let at = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        if let Ok(line) = serde_json::to_string(&history::Record::of(&g, at)) {
            match app.store.record_practice(&line) {
                Ok(()) => p.recorded = true,
                Err(e) => app.message = format!("the round was not kept: {e}"),
            }
        }
    }
    p.graded = Some(g);
}

pub fn key(app: &mut App, k: &KeyEvent) {
    let Some(p) = app.practice.as_mut() else {
        return;
    };
    // Typing an estimate: digits and the words of a number go to the field.
    if p.phase == Phase::Estimate
        && let KeyCode::Char(c) = k.code
        && (c.is_ascii_digit() || ".,kKmMbB$".contains(c))
        && !k.modifiers.contains(KeyModifiers::CONTROL)
    {
        let row = p.row;
        if let Some((input, err)) = p.typed.get_mut(row) {
            input.handle_event(&ratatui::crossterm::event::Event::Key(*k));
            *err = check(input.value());
        }
        return;
    }
    if p.phase == Phase::Estimate && matches!(k.code, KeyCode::Backspace | KeyCode::Delete) {
        let row = p.row;
        if let Some((input, err)) = p.typed.get_mut(row) {
            input.handle_event(&ratatui::crossterm::event::Event::Key(*k));
            *err = check(input.value());
        }
        return;
    }
    let Some(action) = keys::action(k, Context::Practice) else {
        return;
    };
    act(app, action);
}

fn check(text: &str) -> Option<String> {
    if text.trim().is_empty() {
        return None;
    }
    crate::input::human_number(text).err()
}

fn act(app: &mut App, a: Action) {
    let Some(p) = app.practice.as_mut() else {
        return;
    };
    let placing = p.placing();
    let list_len = match p.phase {
        Phase::Estimate => p.typed.len(),
        Phase::Place => rows().len(),
        Phase::Twist => placements().len(),
        _ => 0,
    };
    match a {
        Action::Quit => leave(app),
        Action::Help => app.mode = super::super::app::Mode::Help,
        Action::Timer => {
            p.timer = match p.timer {
                Some(_) => None,
                None => Some(Instant::now()),
            };
            app.message = if p.timer.is_some() {
                "Timer on: 5 minutes a phase.".into()
            } else {
                "Timer off.".into()
            };
        }
        Action::Up if list_len > 0 => p.row = p.row.saturating_sub(1),
        Action::Down if list_len > 0 => p.row = (p.row + 1).min(list_len - 1),
        Action::Up | Action::PageUp => p.scroll = p.scroll.saturating_sub(1),
        Action::Down | Action::PageDown => p.scroll = p.scroll.saturating_add(1),
        Action::Top => {
            p.row = 0;
            p.scroll = 0;
        }
        Action::NextComponent | Action::PrevComponent
            if matches!(p.phase, Phase::Place | Phase::Twist) =>
        {
            let at = placing.iter().position(|&i| i == p.comp).unwrap_or(0);
            let n = placing.len().max(1);
            let next = if a == Action::NextComponent {
                (at + 1) % n
            } else {
                (at + n - 1) % n
            };
            p.comp = placing[next];
        }
        Action::Toggle | Action::Enter if matches!(p.phase, Phase::Place | Phase::Twist) => {
            let name = p.name(p.comp);
            let row = if p.phase == Phase::Twist {
                let ps = placements();
                Row::Placement(ps[p.row.min(ps.len() - 1)])
            } else {
                rows()[p.row.min(rows().len() - 1)]
            };
            match row {
                Row::Placement(pl) => {
                    let target = if p.phase == Phase::Twist {
                        &mut p.answers.twist
                    } else {
                        &mut p.answers.placements
                    };
                    target.insert(name, pl);
                }
                Row::Factor(f) => toggle(p.answers.factors.entry(name).or_default(), f),
                Row::Mitigation(m) => toggle(p.answers.mitigations.entry(name).or_default(), m),
            }
        }
        Action::Hint if p.phase == Phase::Place => {
            let name = p.name(p.comp);
            if p.hints.len() >= HINTS {
                app.message = format!("No hints left: a round allows {HINTS}.");
                return;
            }
            let taken = p.answers.hints.get(&name).copied().unwrap_or(0);
            match p.question.hint(&name, taken) {
                Some(h) => {
                    p.hints.push((name.clone(), h.to_string()));
                    *p.answers.hints.entry(name).or_default() += 1;
                }
                None => app.message = format!("No more hints for {name}."),
            }
        }
        Action::Enter if p.phase == Phase::Read => p.go(Phase::Estimate),
        Action::Enter if p.phase == Phase::Estimate => {
            if p.row + 1 < p.typed.len() {
                p.row += 1;
            } else {
                take_estimates(p);
                p.go(Phase::Place);
            }
        }
        Action::NextTab if p.phase == Phase::Estimate => {
            take_estimates(p);
            p.go(Phase::Place);
        }
        Action::Commit if p.phase == Phase::Place => {
            let missing: Vec<String> = placing
                .iter()
                .map(|&i| p.name(i))
                .filter(|n| !p.answers.placements.contains_key(n))
                .collect();
            take_estimates(p);
            p.go(Phase::Answer);
            if !missing.is_empty() {
                app.message = format!("Committed without placing {}.", missing.join(", "));
            }
            grade(app);
        }
        Action::Enter if p.phase == Phase::Answer => {
            if p.question.twist.is_some() {
                p.go(Phase::Twist);
            } else {
                p.go(Phase::Rubric);
                grade(app);
            }
        }
        Action::Commit if p.phase == Phase::Twist => {
            p.go(Phase::Rubric);
            grade(app);
        }
        Action::Enter if p.phase == Phase::Rubric => leave(app),
        Action::NewScenario => {
            let name = p.question.scenario.name.clone();
            start(app, Some(&name));
        }
        Action::Back => match p.phase {
            Phase::Estimate => p.go(Phase::Read),
            Phase::Place => p.go(Phase::Estimate),
            Phase::Read => leave(app),
            _ => {}
        },
        _ => {}
    }
}

fn toggle<T: PartialEq>(v: &mut Vec<T>, x: T) {
    match v.iter().position(|y| *y == x) {
        Some(i) => {
            v.remove(i);
        }
        None => v.push(x),
    }
}

/// The estimates typed so far, as answers.
fn take_estimates(p: &mut Practice) {
    for (e, (input, _)) in p.question.estimates.iter().zip(&p.typed) {
        match crate::input::human_number(input.value()) {
            Ok(v) if !input.value().trim().is_empty() => {
                p.answers.estimates.insert(e.key, v);
            }
            _ => {
                p.answers.estimates.remove(&e.key);
            }
        }
    }
}

/// Whether a redraw is due without a key (the timer is running).
pub fn ticking(app: &App) -> bool {
    app.practice.as_ref().is_some_and(|p| p.timer.is_some())
}

pub fn draw(f: &mut Frame, app: &App, area: Rect, drawn: &mut Drawn) {
    let Some(p) = app.practice.as_deref() else {
        return;
    };
    let t = Theme::new(app.color);
    let [head, body, foot] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area);
    // The phases along the top, the scenario's title and the timer.
    let mut spans = vec![Span::styled("Practice ", t.accent)];
    for ph in [
        Phase::Read,
        Phase::Estimate,
        Phase::Place,
        Phase::Answer,
        Phase::Twist,
        Phase::Rubric,
    ] {
        if ph == Phase::Twist && p.question.twist.is_none() {
            continue;
        }
        spans.push(Span::styled(
            format!(" {} ", ph.title()),
            if ph == p.phase { t.selected } else { t.dim },
        ));
    }
    if let Some(left) = p.left() {
        let s = left.as_secs();
        spans.push(Span::styled(
            format!("  ⏱ {}:{:02}", s / 60, s % 60),
            if s == 0 { t.bad } else { t.title },
        ));
    }
    f.render_widget(
        Paragraph::new(vec![
            Line::from(spans),
            Line::styled(
                format!(
                    "{} · {}",
                    p.question.scenario.title,
                    p.question
                        .scenario
                        .topics
                        .iter()
                        .map(|t| t.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                t.dim,
            ),
        ]),
        head,
    );
    let hint = match p.phase {
        Phase::Read => "↑↓ scroll · Enter estimate · n another scenario · T timer · q leave",
        Phase::Estimate => {
            "type a number (350k, 1.2M, $40) · ↑↓ field · Enter next · Tab place · Esc back"
        }
        Phase::Place => {
            "↑↓ choose · Space pick/tick · ←→ component · h hint (−1) · c commit · Esc back"
        }
        Phase::Answer => "↑↓ scroll · Enter the twist (or the rubric)",
        Phase::Twist => "↑↓ choose · Space pick · ←→ component · c commit",
        Phase::Rubric => "↑↓ scroll · Enter done · n another scenario",
    };
    let foot_text = if app.message.is_empty() {
        hint.to_string()
    } else {
        app.message.clone()
    };
    f.render_widget(
        Paragraph::new(Line::styled(
            foot_text,
            if app.message.is_empty() {
                t.dim
            } else {
                t.accent
            },
        )),
        foot,
    );
    match p.phase {
        Phase::Read => read(f, p, &t, body),
        Phase::Estimate => estimate(f, p, &t, body),
        Phase::Place | Phase::Twist => place(f, p, &t, body),
        Phase::Answer => answer(f, p, &t, body),
        Phase::Rubric => rubric(f, p, &t, body),
    }
    drawn.viewport.page = body.height;
}

/// Lines wrapped to `width`, scrolled by `scroll`.
fn prose(f: &mut Frame, area: Rect, lines: Vec<(String, Style)>, scroll: u16, hang: bool) {
    let lines = wrap_with(&lines, area.width, hang);
    let max = (lines.len() as u16).saturating_sub(area.height);
    let text: Vec<Line> = lines.into_iter().map(|(l, s)| Line::styled(l, s)).collect();
    f.render_widget(Paragraph::new(text).scroll((scroll.min(max), 0)), area);
}

fn read(f: &mut Frame, p: &Practice, t: &Theme, area: Rect) {
    let mut lines: Vec<(String, Style)> = Vec::new();
    for para in p.question.scenario.prompt.split("\n\n") {
        lines.push((para.trim().replace('\n', " "), Style::new()));
        lines.push((String::new(), Style::new()));
    }
    if let Some(src) = &p.question.scenario.source {
        lines.push((format!("Drawn from {src}."), t.dim));
    }
    prose(f, area, lines, p.scroll, false);
}

fn estimate(f: &mut Frame, p: &Practice, t: &Theme, area: Rect) {
    let focus = &p.question.scenario.workload.components[p.question.scenario.focus].name;
    let mut lines = vec![
        Line::styled(
            format!(
                "Before placing anything, estimate for {focus} (within 2× full marks, within 10× half):"
            ),
            t.title,
        ),
        Line::raw(""),
    ];
    if p.question.estimates.is_empty() {
        lines.push(Line::styled(
            "Nothing to estimate here: Enter goes on.",
            t.dim,
        ));
    }
    for (i, (e, (input, err))) in p.question.estimates.iter().zip(&p.typed).enumerate() {
        let sel = i == p.row;
        lines.push(Line::from(vec![
            Span::styled(
                format!("{} {:<46}", if sel { "›" } else { " " }, e.key.label()),
                if sel { t.selected } else { Style::new() },
            ),
            Span::raw(" "),
            Span::styled(
                if input.value().is_empty() {
                    "—".to_string()
                } else {
                    input.value().to_string()
                },
                t.title,
            ),
        ]));
        if let Some(e) = err {
            lines.push(Line::styled(format!("    ✗ {e}"), t.error));
        }
    }
    f.render_widget(Paragraph::new(lines), area);
}

fn mark(on: bool) -> &'static str {
    if on { "☑" } else { "☐" }
}

fn place(f: &mut Frame, p: &Practice, t: &Theme, area: Rect) {
    let name = p.name(p.comp);
    let placing = p.placing();
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(area);
    let twist = p.phase == Phase::Twist;
    let chosen = if twist {
        p.answers.twist.get(&name)
    } else {
        p.answers.placements.get(&name)
    };
    let mut lines: Vec<Line> = vec![Line::from(
        placing
            .iter()
            .flat_map(|&i| {
                let n = p.name(i);
                let done = if twist {
                    p.answers.twist.contains_key(&n)
                } else {
                    p.answers.placements.contains_key(&n)
                };
                [
                    Span::styled(
                        format!(" {}{} ", n, if done { " ✓" } else { "" }),
                        if i == p.comp { t.selected } else { t.dim },
                    ),
                    Span::raw(" "),
                ]
            })
            .collect::<Vec<_>>(),
    )];
    // Only the window around the selection fits; the list scrolls with it.
    let all: Vec<Row> = if twist {
        placements().into_iter().map(Row::Placement).collect()
    } else {
        rows()
    };
    let mut items: Vec<Line> = Vec::new();
    let mut selected_line = 0;
    let mut section = "";
    for (i, r) in all.iter().enumerate() {
        let head = match r {
            Row::Placement(_) => "Where it runs",
            Row::Factor(_) => "What decides it",
            Row::Mitigation(_) => "What it needs",
        };
        if head != section {
            items.push(Line::styled(head.to_string(), t.title));
            section = head;
        }
        let (text, on) = match r {
            Row::Placement(pl) => (pl.as_str().to_string(), chosen == Some(pl)),
            Row::Factor(fa) => (
                fa.label().to_string(),
                p.answers.factors.get(&name).is_some_and(|v| v.contains(fa)),
            ),
            Row::Mitigation(m) => (
                m.label().to_string(),
                p.answers
                    .mitigations
                    .get(&name)
                    .is_some_and(|v| v.contains(m)),
            ),
        };
        let glyph = match r {
            Row::Placement(_) => {
                if on {
                    "◉"
                } else {
                    "○"
                }
            }
            _ => mark(on),
        };
        if i == p.row {
            selected_line = items.len();
        }
        items.push(Line::styled(
            format!("{} {glyph} {text}", if i == p.row { "›" } else { " " }),
            if i == p.row { t.selected } else { Style::new() },
        ));
    }
    let room = left.height.saturating_sub(1) as usize;
    let top = selected_line
        .saturating_sub(room / 2)
        .min(items.len().saturating_sub(room));
    lines.extend(items.into_iter().skip(top).take(room));
    f.render_widget(Paragraph::new(lines), left);
    // Beside the list: the component in the scenario's words (after the twist, as it
    // is now), the twist, the hints.
    let w = match (&p.question.twist, twist) {
        (Some(t), true) => &t.workload,
        _ => &p.question.scenario.workload,
    };
    let c = &w.components[p.comp];
    let mut notes: Vec<(String, Style)> = Vec::new();
    if twist && let Some(tw) = &p.question.twist {
        notes.push(("The requirement changed:".into(), t.title));
        notes.push((tw.says.clone(), t.accent));
        notes.push((String::new(), Style::new()));
    }
    notes.push((crate::practice::narrate::component(w, c), Style::new()));
    let mine: Vec<&(String, String)> = p.hints.iter().filter(|(n, _)| *n == name).collect();
    if !mine.is_empty() {
        notes.push((String::new(), Style::new()));
        for (_, h) in mine {
            notes.push((format!("hint: {h}"), t.dim));
        }
    }
    if !twist {
        notes.push((String::new(), Style::new()));
        notes.push((
            format!("{} of {HINTS} hints left", HINTS - p.hints.len()),
            t.dim,
        ));
    }
    let block = Block::new().borders(Borders::LEFT);
    let inner = block.inner(right);
    f.render_widget(block, right);
    prose(f, inner, notes, 0, false);
}

fn verdict_style(t: &Theme, v: Verdict) -> Style {
    match v {
        Verdict::Right => t.good,
        Verdict::Acceptable => t.title,
        Verdict::Wrong => t.bad,
    }
}

fn answer(f: &mut Frame, p: &Practice, t: &Theme, area: Rect) {
    let Some(g) = &p.graded else { return };
    let mut lines: Vec<(String, Style)> = Vec::new();
    if !g.estimates.is_empty() {
        lines.push(("Estimates".into(), t.title));
        for e in &g.estimates {
            lines.push((format!("  {}", e.headline()), Style::new()));
            lines.push((format!("    {}", e.how), t.dim));
        }
        lines.push((String::new(), Style::new()));
    }
    lines.push(("Placements".into(), t.title));
    for c in &g.components {
        lines.push((format!("  {}", c.headline()), verdict_style(t, c.verdict)));
        lines.push((format!("    {}", c.why), Style::new()));
        let f: Vec<String> = c
            .factors
            .expected
            .iter()
            .map(|(f, why)| {
                format!(
                    "{}{} ({why})",
                    if c.factors.given.contains(f) {
                        "✓ "
                    } else {
                        ""
                    },
                    f.as_str()
                )
            })
            .collect();
        lines.push((format!("    decided by: {}", f.join("; ")), t.dim));
        if !c.mitigations.expected.is_empty() {
            let m: Vec<String> = c
                .mitigations
                .expected
                .iter()
                .map(|(m, _)| {
                    format!(
                        "{}{}",
                        if c.mitigations.given.contains(m) {
                            "✓ "
                        } else {
                            ""
                        },
                        m.as_str()
                    )
                })
                .collect();
            lines.push((format!("    needs: {}", m.join(", ")), t.dim));
        }
    }
    lines.push((String::new(), Style::new()));
    lines.push(("What to say".into(), t.title));
    for s in &g.what_to_say {
        lines.push((format!("  {s}"), Style::new()));
    }
    prose(f, area, lines, p.scroll, true);
}

fn rubric(f: &mut Frame, p: &Practice, t: &Theme, area: Rect) {
    let Some(g) = &p.graded else { return };
    let mut lines: Vec<(String, Style)> =
        vec![(format!("{} of {} points", g.score, g.max_score), t.title)];
    lines.push((String::new(), Style::new()));
    for r in &g.rubric {
        lines.push((
            format!(
                "  {:<26} {}/3  {}",
                r.dimension.as_str(),
                r.score,
                r.evidence
            ),
            if r.score >= 2 { t.good } else { t.bad },
        ));
    }
    if let Some(tw) = &g.twist {
        lines.push((String::new(), Style::new()));
        lines.push((format!("Twist: {}", tw.says), t.title));
        for c in &tw.components {
            lines.push((
                format!(
                    "  {}: you {}, archway {} — {}",
                    c.name,
                    c.answer.map(|p| p.as_str()).unwrap_or("—"),
                    c.expected.map(|p| p.as_str()).unwrap_or("none"),
                    c.why
                ),
                verdict_style(t, c.verdict),
            ));
        }
        lines.push((
            format!("  the system after it: {} a month", usd(tw.monthly_usd)),
            t.dim,
        ));
    }
    lines.push((String::new(), Style::new()));
    lines.push((
        if p.recorded {
            "Kept in your history: archway quiz --stats shows progress; the next round favours what you missed."
        } else {
            "Not kept in the history."
        }
        .to_string(),
        t.dim,
    ));
    prose(f, area, lines, p.scroll, true);
}
