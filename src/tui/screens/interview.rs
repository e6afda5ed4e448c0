//! The Interview tab: steps on the left, the questions that can matter for the current
//! component on the right, each showing the value archway will use (marked when it is
//! assumed), edited in place with the error of what is typed shown as it is typed.

use ratatui::Frame;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState, Paragraph};
use rust_decimal::Decimal;
use serde_yaml::Value;
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use super::super::app::{App, Hit, Mode};
use super::super::fields::{self, Around, Ask, Field, STEPS, Scope};
use super::super::keys::{self, Action, Context};
use super::super::theme::Theme;
use super::super::view::Drawn;
use super::text::wrap;
use crate::input::{InputError, parse_decimal};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    Steps,
    #[default]
    Fields,
}

/// Where the interview is: the step, the question in it, the pane with the focus, the
/// data store the stores step shows.
#[derive(Debug, Clone, Default)]
pub struct State {
    pub step: usize,
    pub field: usize,
    pub pane: Pane,
    pub store: usize,
}

/// The questions of `step` that can matter for component `comp` (and store `store`).
pub fn visible(doc: &Value, step: usize, comp: usize, store: usize) -> Vec<&'static Field> {
    STEPS
        .get(step)
        .map(|s| {
            s.fields
                .iter()
                .filter(|f| f.applies(doc, if f.scope == Scope::Store { store } else { comp }))
                .collect()
        })
        .unwrap_or_default()
}

fn shown(app: &App, step: usize) -> Vec<&'static Field> {
    visible(&app.draft.doc, step, app.comp, app.interview.store)
}

pub fn current_field(app: &App) -> Option<&'static Field> {
    shown(app, app.interview.step)
        .get(app.interview.field)
        .copied()
}

/// The item a field of `scope` is about: the component, the store, or the workload.
fn index(app: &App, scope: Scope) -> usize {
    if scope == Scope::Store {
        app.interview.store
    } else {
        app.comp
    }
}

/// Whether the step in front is about the data stores.
pub fn on_stores(app: &App) -> bool {
    app.tab == super::super::app::Tab::Interview
        && STEPS[app.interview.step]
            .fields
            .iter()
            .any(|f| f.scope == Scope::Store)
}

/// `[` and `]` on the stores step move between stores; true when they did.
pub fn cycle_store(app: &mut App, forward: bool) -> bool {
    if !on_stores(app) {
        return false;
    }
    let n = fields::declared_stores(&app.draft.doc).len().max(1);
    let s = &mut app.interview.store;
    *s = if forward {
        (*s + 1) % n
    } else {
        (*s + n - 1) % n
    };
    true
}

/// What `x` would remove here: the store or the component, by name.
pub fn removal(app: &App) -> String {
    if on_stores(app) {
        let name = fields::declared_stores(&app.draft.doc)
            .get(app.interview.store)
            .cloned()
            .unwrap_or_default();
        format!("the store {name}")
    } else {
        app.names().get(app.comp).cloned().unwrap_or_default()
    }
}

pub fn act(app: &mut App, a: Action) {
    match a {
        Action::Up => move_by(app, -1),
        Action::Down => move_by(app, 1),
        Action::PageUp => move_by(app, -10),
        Action::PageDown => move_by(app, 10),
        Action::Top => move_by(app, -10_000),
        Action::Bottom => move_by(app, 10_000),
        Action::Left => app.interview.pane = Pane::Steps,
        Action::Right => app.interview.pane = Pane::Fields,
        Action::Enter => enter(app),
        Action::Back => app.interview.pane = Pane::Steps,
        Action::AddComponent if on_stores(app) => add_store(app),
        Action::AddComponent => add_component(app),
        Action::RemoveComponent if on_stores(app) => {
            if fields::declared_stores(&app.draft.doc).is_empty() {
                app.message = "No stores to remove.".into();
            } else {
                app.mode = Mode::ConfirmRemove;
            }
        }
        Action::RemoveComponent => {
            if app.names().len() <= 1 {
                app.message = "A workload needs at least one component.".into();
            } else {
                app.mode = Mode::ConfirmRemove;
            }
        }
        _ => {}
    }
}

fn move_by(app: &mut App, d: i64) {
    let clamp = |v: usize, n: usize| (v as i64 + d).clamp(0, n.saturating_sub(1) as i64) as usize;
    let s = &mut app.interview;
    match s.pane {
        Pane::Steps => {
            s.step = clamp(s.step, STEPS.len());
            s.field = 0;
        }
        Pane::Fields => {
            let n = visible(&app.draft.doc, s.step, app.comp, s.store).len();
            s.field = clamp(s.field, n);
        }
    }
}

/// Moves to the next question, and on to the next step after a step's last one.
fn next_question(app: &mut App) {
    let n = shown(app, app.interview.step).len();
    if app.interview.field + 1 < n {
        app.interview.field += 1;
    } else if let Some(next) =
        (app.interview.step + 1..STEPS.len()).find(|&s| !shown(app, s).is_empty())
    {
        app.interview.step = next;
        app.interview.field = 0;
    }
}

pub fn click(app: &mut App, hit: Hit) {
    match hit {
        Hit::Step(i) => {
            app.interview.step = i;
            app.interview.field = 0;
            app.interview.pane = Pane::Steps;
        }
        Hit::Field(i) => {
            app.interview.pane = Pane::Fields;
            if app.interview.field == i {
                enter(app);
            }
            app.interview.field = i;
        }
        Hit::Component(i) => app.comp = i,
        Hit::Store(i) => app.interview.store = i,
        _ => {}
    }
}

fn add_component(app: &mut App) {
    let names = app.names();
    let name = (names.len() + 1..)
        .map(|k| format!("component-{k}"))
        .find(|n| !names.contains(n))
        .unwrap_or_default();
    app.before_edit();
    app.comp = fields::add_component(&mut app.draft.doc, &name);
    app.changed();
    app.interview = State::default();
    app.interview.field = shown(app, 0)
        .iter()
        .position(|f| f.scope == Scope::Component && f.key == "name")
        .unwrap_or(0);
    enter(app);
    app.message = format!("Added {name}: type its name, Enter keeps it.");
}

fn add_store(app: &mut App) {
    let names = fields::declared_stores(&app.draft.doc);
    let name = (names.len() + 1..)
        .map(|k| format!("db-{k}"))
        .find(|n| !names.contains(n))
        .unwrap_or_default();
    app.before_edit();
    app.interview.store = fields::add_store(&mut app.draft.doc, &name);
    app.changed();
    app.interview.pane = Pane::Fields;
    app.interview.field = 0;
    enter(app);
    app.message = format!("Added the store {name}: type its name, Enter keeps it.");
}

/// Removes the current component, or store on the stores step (after the dialog said
/// yes).
pub fn remove(app: &mut App) {
    let what = removal(app);
    app.before_edit();
    if on_stores(app) {
        fields::remove_store(&mut app.draft.doc, app.interview.store);
        app.interview.store = app.interview.store.saturating_sub(1);
    } else {
        fields::remove_component(&mut app.draft.doc, app.comp);
        app.comp = app.comp.saturating_sub(1);
    }
    app.changed();
    app.message = format!("Removed {what} (u brings it back).");
}

/// The value archway uses for the field: the draft's, or the one it assumes.
fn effective(app: &App, f: &Field) -> (Option<String>, bool) {
    match fields::get(&app.draft.doc, f, index(app, f.scope)) {
        Some(v) => (Some(v), false),
        None => (assumed(app, f), true),
    }
}

/// What archway assumes for a field the draft leaves out: the loaded workload's value
/// (before what-ifs), with every default and derivation resolved.
fn assumed(app: &App, f: &Field) -> Option<String> {
    let a = app.analysis.as_ref().ok()?;
    let mut v = match f.scope {
        Scope::Workload => &a.resolved,
        Scope::Component => a.resolved.get("components")?.get(app.comp)?,
        Scope::Store => a.resolved.get("stores")?.get(app.interview.store)?,
    };
    for part in f.key.split('.') {
        v = v.get(part)?;
    }
    match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Array(items) => Some(
            items
                .iter()
                .filter_map(serde_json::Value::as_str)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        _ => None,
    }
}

fn hours(app: &App) -> Decimal {
    match &app.analysis {
        Ok(a) => a.workload.assumptions.hours_per_month,
        Err(_) => app
            .draft
            .doc
            .get("assumptions")
            .and_then(|a| a.get("hours_per_month"))
            .and_then(|h| parse_decimal(&fields::show(h)).ok())
            .unwrap_or(Decimal::from(730)),
    }
}

/// Checks typed text against the field, with the document around it.
fn check(app: &App, f: &Field, text: &str) -> Result<Option<Value>, String> {
    let mut names = app.names();
    if app.comp < names.len() {
        names.remove(app.comp);
    }
    let stores = fields::declared_stores(&app.draft.doc);
    fields::parse(
        f,
        text,
        &Around {
            names: &names,
            stores: &stores,
            hours: hours(app),
        },
    )
}

/// Stores a value in the field: one edit (undoable), then a fresh analysis.
fn store(app: &mut App, f: &Field, value: Option<Value>) {
    let i = index(app, f.scope);
    let before = fields::get(&app.draft.doc, f, i);
    let after = value.as_ref().map(fields::show);
    if before == after {
        return;
    }
    app.before_edit();
    fields::set(&mut app.draft.doc, f, i, value);
    let mut said = None;
    if f.scope == Scope::Component && f.key == "kind" {
        said = fields::kind_changed(&mut app.draft.doc, app.comp);
    }
    app.changed();
    if let Some(m) = said {
        app.message = m;
    }
}

/// Stores typed text in the field, or says why it cannot.
fn commit(app: &mut App, f: &Field, text: &str) -> Result<(), String> {
    let value = check(app, f, text)?;
    if f.scope == Scope::Store && f.key == "name" {
        let new = text.trim();
        let names = fields::declared_stores(&app.draft.doc);
        let i = app.interview.store;
        if names.get(i).map(String::as_str) == Some(new) {
            return Ok(());
        }
        if names.iter().any(|n| n == new) {
            return Err(format!("another store is already called `{new}`"));
        }
        app.before_edit();
        fields::rename_store(&mut app.draft.doc, i, new);
        app.changed();
        return Ok(());
    }
    if f.scope == Scope::Component && f.key == "name" {
        let new = text.trim();
        let old = app.names().get(app.comp).cloned().unwrap_or_default();
        if new == old {
            return Ok(());
        }
        if app.names().iter().any(|n| n == new) {
            return Err(format!("another component is already called `{new}`"));
        }
        app.before_edit();
        fields::rename_component(&mut app.draft.doc, app.comp, new);
        app.draft.whatifs.rename(&old, new);
        app.changed();
        return Ok(());
    }
    store(app, f, value);
    Ok(())
}

/// Enter on a question: edit it, open its choices, or tick its box.
pub fn enter(app: &mut App) {
    if app.interview.pane == Pane::Steps {
        app.interview.pane = Pane::Fields;
        return;
    }
    let Some(f) = current_field(app) else {
        return;
    };
    let (now, _) = effective(app, f);
    match f.ask {
        Ask::Choice(options) => {
            let i = now
                .and_then(|n| options.iter().position(|o| *o == n))
                .unwrap_or(0);
            app.mode = Mode::Choosing(i);
        }
        Ask::Bool => {
            let on = now.as_deref() == Some("true");
            store(app, f, Some(Value::Bool(!on)));
            app.message = format!(
                "{}: {} (Enter again flips it back)",
                f.label,
                if on { "no" } else { "yes" }
            );
        }
        _ => {
            let typed = fields::get(&app.draft.doc, f, index(app, f.scope))
                .map(|v| fields::pretty(&v))
                .unwrap_or_default();
            app.mode = Mode::Editing(Input::new(typed), None);
        }
    }
}

/// A key while a field is being typed into.
pub fn key_editing(app: &mut App, k: &KeyEvent, mut input: Input) {
    let Some(f) = current_field(app) else {
        app.mode = Mode::Normal;
        return;
    };
    match k.code {
        KeyCode::Esc => {
            app.mode = Mode::Normal;
            app.message = format!("{}: unchanged.", f.label);
        }
        KeyCode::Enter | KeyCode::Tab | KeyCode::Down | KeyCode::Up => {
            match commit(app, f, input.value()) {
                Ok(()) => {
                    app.mode = Mode::Normal;
                    if k.code == KeyCode::Up {
                        move_by(app, -1);
                    } else {
                        next_question(app);
                    }
                }
                Err(e) => {
                    app.message = format!(
                        "{} not kept: {e}. Still editing: fix it, or Esc leaves it as it was.",
                        f.label
                    );
                    app.mode = Mode::Editing(input, Some(e));
                }
            }
        }
        _ => {
            input.handle_event(&Event::Key(*k));
            let err = check(app, f, input.value()).err();
            app.mode = Mode::Editing(input, err);
        }
    }
}

/// A key while a field's choices are open.
pub fn key_choosing(app: &mut App, k: &KeyEvent, i: usize) {
    let Some(f) = current_field(app) else {
        app.mode = Mode::Normal;
        return;
    };
    let Ask::Choice(options) = f.ask else {
        app.mode = Mode::Normal;
        return;
    };
    let last = options.len().saturating_sub(1);
    if matches!(k.code, KeyCode::Backspace | KeyCode::Delete) {
        app.mode = Mode::Normal;
        if f.key == "kind" {
            app.message = "A component needs a kind.".into();
        } else {
            store(app, f, None);
            app.message = format!("{}: back to what archway assumes.", f.label);
        }
        return;
    }
    match keys::action(k, Context::Global) {
        Some(Action::Up) => app.mode = Mode::Choosing(i.saturating_sub(1)),
        Some(Action::Down) => app.mode = Mode::Choosing((i + 1).min(last)),
        Some(Action::Top) => app.mode = Mode::Choosing(0),
        Some(Action::Bottom) => app.mode = Mode::Choosing(last),
        Some(Action::Enter) => {
            app.mode = Mode::Normal;
            store(app, f, Some(Value::String(options[i].to_string())));
            next_question(app);
        }
        Some(Action::Back) => app.mode = Mode::Normal,
        _ => {
            // A letter jumps to the next choice starting with it.
            if let KeyCode::Char(c) = k.code {
                let c = c.to_ascii_lowercase();
                if let Some(j) = (1..=options.len())
                    .map(|d| (i + d) % options.len())
                    .find(|&j| options[j].starts_with(c))
                {
                    app.mode = Mode::Choosing(j);
                }
            }
        }
    }
}

/// A load error of the draft in the interview's words: the component and the question,
/// not a line of a document the user never sees.
pub fn explain(e: &InputError, doc: &Value) -> String {
    let names = fields::names(doc);
    let stores = fields::declared_stores(doc);
    e.0.iter()
        .map(|d| {
            let Some((path, rest)) = d.message.split_once(": ") else {
                return d.message.clone();
            };
            let item = |prefix: &str| {
                let (i, key) = path.strip_prefix(prefix)?.split_once(']')?;
                Some((i.parse::<usize>().ok()?, key.trim_start_matches('.')))
            };
            let (scope, at, key) = match (item("components["), item("stores[")) {
                (Some((i, k)), _) => (Scope::Component, Some(i), k),
                (_, Some((i, k))) => (Scope::Store, Some(i), k),
                _ => (Scope::Workload, None, path),
            };
            let label = STEPS
                .iter()
                .flat_map(|s| s.fields)
                .find(|f| f.scope == scope && f.key == key)
                .map(|f| f.label)
                .unwrap_or(key);
            let label = if label.is_empty() { "it" } else { label };
            match (scope, at) {
                (Scope::Component, Some(i)) => format!(
                    "{} › {label}: {rest}",
                    names.get(i).map(String::as_str).unwrap_or("a component")
                ),
                (Scope::Store, Some(i)) => format!(
                    "store {} › {label}: {rest}",
                    stores.get(i).map(String::as_str).unwrap_or("?")
                ),
                _ => format!("{label}: {rest}"),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether step `i` is about the data stores.
fn is_stores(i: usize) -> bool {
    STEPS[i].fields.iter().any(|f| f.scope == Scope::Store)
}

/// The longest label shown, so values line up.
const LABEL_W: usize = 23;

pub fn draw(f: &mut Frame, app: &App, area: Rect, drawn: &mut Drawn) {
    let t = Theme::new(app.color);
    let s = &app.interview;
    let [left, right] =
        Layout::horizontal([Constraint::Length(27), Constraint::Min(20)]).areas(area);
    // The steps: ✓ answered for this component, · not yet, – nothing to ask it.
    let steps_block = Block::new()
        .borders(Borders::RIGHT)
        .title(format!(" Step {}/{} ", s.step + 1, STEPS.len()))
        .border_style(if s.pane == Pane::Steps {
            t.accent
        } else {
            t.dim
        });
    let inner = steps_block.inner(left);
    let items: Vec<ListItem> = (0..STEPS.len())
        .map(|i| {
            let asked = shown(app, i);
            let mark = if asked.is_empty() && !is_stores(i) {
                "–"
            } else if asked
                .iter()
                .any(|fl| fields::get(&app.draft.doc, fl, index(app, fl.scope)).is_some())
            {
                "✓"
            } else {
                "·"
            };
            let item = ListItem::new(format!("{mark} {}. {}", i + 1, STEPS[i].title));
            if asked.is_empty() && !is_stores(i) {
                item.style(t.dim)
            } else {
                item
            }
        })
        .collect();
    let mut st = ListState::default().with_selected(Some(s.step));
    f.render_stateful_widget(
        List::new(items)
            .block(steps_block)
            .highlight_style(if s.pane == Pane::Steps {
                t.selected
            } else {
                t.title
            }),
        left,
        &mut st,
    );
    for i in 0..STEPS.len().min(inner.height as usize) {
        drawn.hits.push((
            Rect::new(inner.x, inner.y + i as u16, inner.width, 1),
            Hit::Step(i),
        ));
    }

    let right = right.inner(Margin::new(1, 0));
    let step = &STEPS[s.step];
    let shown = shown(app, s.step);
    let mut lines: Vec<Line> = Vec::new();
    let push_wrapped = |lines: &mut Vec<Line>, text: &str, style: Style| {
        for (l, st) in wrap(&[(text.to_string(), style)], right.width) {
            lines.push(Line::styled(l, st));
        }
    };
    push_wrapped(&mut lines, step.help, t.dim);
    // The components (or stores) the step's questions are about, as clickable chips.
    let chips = if is_stores(s.step) {
        Some((
            "store     ",
            fields::declared_stores(&app.draft.doc),
            app.interview.store,
            Hit::Store as fn(usize) -> Hit,
        ))
    } else if step.fields.iter().any(|fl| fl.scope == Scope::Component) {
        Some((
            "component ",
            app.names(),
            app.comp,
            Hit::Component as fn(usize) -> Hit,
        ))
    } else {
        None
    };
    if let Some((what, names, sel, hit)) = chips {
        let y = right.y + lines.len() as u16;
        let mut spans = vec![Span::raw(what)];
        let mut x = right.x + what.chars().count() as u16;
        for (i, n) in names.iter().enumerate() {
            let label = format!(" {n} ");
            let w = label.chars().count() as u16;
            if x + w <= right.x + right.width {
                drawn.hits.push((Rect::new(x, y, w, 1), hit(i)));
            }
            x += w + 1;
            spans.push(Span::styled(
                label,
                if i == sel { t.selected } else { t.dim },
            ));
            spans.push(Span::raw(" "));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::raw(""));
    if shown.is_empty() && is_stores(s.step) {
        push_wrapped(
            &mut lines,
            "No shared stores yet: a components' data store may name an engine (postgres, dynamodb…), priced with every default; a adds a store to size it here.",
            t.dim,
        );
    } else if shown.is_empty() {
        let kind = app
            .draft
            .doc
            .get("components")
            .and_then(|c| c.get(app.comp))
            .and_then(|c| c.get("kind"))
            .map(fields::show)
            .unwrap_or_default();
        push_wrapped(
            &mut lines,
            &format!("Nothing here can change the answer for a {kind}: the step is skipped."),
            t.dim,
        );
    }
    let editing_err = match &app.mode {
        Mode::Editing(_, e) => e.clone(),
        _ => None,
    };
    let sel_i = s.field.min(shown.len().saturating_sub(1));
    let mut cursor = None;
    let mut field_y = right.y;
    for (i, fl) in shown.iter().enumerate() {
        let y = right.y + lines.len() as u16;
        let sel = i == sel_i && s.pane == Pane::Fields;
        let (value, is_assumed) = effective(app, fl);
        let value = value.unwrap_or_default();
        let mut spans = vec![
            Span::styled(
                format!("{} {:<LABEL_W$}", if sel { "›" } else { " " }, fl.label),
                if sel { t.selected } else { Style::new() },
            ),
            Span::raw(" "),
        ];
        match (&app.mode, sel) {
            (Mode::Editing(input, _), true) => {
                field_y = y;
                cursor = Some((
                    right.x + LABEL_W as u16 + 3 + input.visual_cursor() as u16,
                    y,
                ));
                if input.value().is_empty() && is_assumed && !value.is_empty() {
                    spans.push(Span::styled(
                        format!("empty keeps the assumed {}", fields::pretty(&value)),
                        t.dim,
                    ));
                } else {
                    spans.push(Span::styled(input.value().to_string(), t.title));
                }
            }
            _ => {
                if sel {
                    field_y = y;
                }
                let style = if is_assumed { t.dim } else { Style::new() };
                let text = match fl.ask {
                    Ask::Bool => {
                        if value == "true" {
                            "☑ yes".to_string()
                        } else {
                            "☐ no".to_string()
                        }
                    }
                    Ask::Choice(_) if value.is_empty() => "none ▾".into(),
                    Ask::Choice(_) => format!("{value} ▾"),
                    _ if value.is_empty() => "none".into(),
                    // A derived value as a person reads it; a typed one as typed.
                    _ if is_assumed => parse_decimal(&value)
                        .map(crate::cost::qty)
                        .unwrap_or(value.clone()),
                    _ => fields::pretty(&value),
                };
                spans.push(Span::styled(text, style));
                if is_assumed {
                    spans.push(Span::styled(" (assumed)", t.dim));
                }
            }
        }
        drawn
            .hits
            .push((Rect::new(right.x, y, right.width, 1), Hit::Field(i)));
        lines.push(Line::from(spans));
        if sel && let Some(e) = &editing_err {
            push_wrapped(
                &mut lines,
                &format!("{:w$}✗ {e}", "", w = LABEL_W + 3),
                t.error,
            );
        }
    }
    lines.push(Line::raw(""));
    if let Some(fl) = shown.get(sel_i) {
        push_wrapped(&mut lines, fl.help, t.accent);
    }
    if let Err(e) = &app.analysis {
        lines.push(Line::raw(""));
        for l in e.lines().take(3) {
            push_wrapped(&mut lines, &format!("✗ {l}"), t.error);
        }
    }
    f.render_widget(Paragraph::new(lines), right);
    if let Some((x, y)) = cursor {
        f.set_cursor_position((x.min(right.right().saturating_sub(1)), y));
    }
    // Choices pop up under the field.
    if let Mode::Choosing(sel) = app.mode
        && let Some(fl) = shown.get(sel_i)
        && let Ask::Choice(options) = fl.ask
    {
        let widest = options.iter().map(|o| o.chars().count()).max().unwrap_or(8);
        let w = (widest.max(fl.label.chars().count() + 2) as u16 + 4).min(area.width);
        let h = (options.len() as u16 + 2).min(area.height);
        let x = (right.x + LABEL_W as u16 + 2).min(area.right().saturating_sub(w));
        let y0 = (field_y + 1).min(area.bottom().saturating_sub(h));
        let r = Rect::new(x, y0, w, h);
        f.render_widget(Clear, r);
        let mut st = ListState::default().with_selected(Some(sel));
        f.render_stateful_widget(
            List::new(options.iter().map(|o| ListItem::new(*o)))
                .block(Block::bordered().title(format!(" {} ", fl.label)))
                .highlight_style(t.selected),
            r,
            &mut st,
        );
    }
}
