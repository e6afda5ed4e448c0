//! The first screen: a new workload, the unfinished session, recent files, the examples.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph};
use serde_yaml::Value;

use super::super::app::{App, Hit, Mode, Tab};
use super::super::fields;
use super::super::keys::{self, Action, Context};
use super::super::store::Store;
use super::super::theme::Theme;
use super::super::view::Drawn;

/// What the welcome screen offers.
#[derive(Debug, Clone, PartialEq)]
pub enum Start {
    New,
    Practice,
    Resume,
    Open(PathBuf),
    Example(&'static str, &'static str),
}

#[derive(Debug, Clone, Default)]
pub struct State {
    pub starts: Vec<(String, Start)>,
    pub sel: usize,
}

impl State {
    pub fn new(store: &Store) -> State {
        let mut starts = vec![
            ("New workload".to_string(), Start::New),
            (
                "Practice an interview round (a scenario, estimates, a twist, a rubric)"
                    .to_string(),
                Start::Practice,
            ),
        ];
        if store.autosave_exists().is_some() {
            let of = store
                .autosave_of()
                .map(|p| format!(" of {}", p.display()))
                .unwrap_or_default();
            starts.push((format!("Resume the unfinished session{of}"), Start::Resume));
        }
        for r in store.recent() {
            starts.push((format!("Open {}", r.display()), Start::Open(r)));
        }
        for (path, text) in crate::examples::WORKLOADS {
            starts.push((format!("Example {path}"), Start::Example(path, text)));
        }
        State { starts, sel: 0 }
    }

    /// The index of the first start whose label contains `what`.
    pub fn find(&self, what: &str) -> Option<usize> {
        self.starts.iter().position(|(l, _)| l.contains(what))
    }
}

pub fn key(app: &mut App, k: &KeyEvent) {
    let last = app.welcome.starts.len().saturating_sub(1);
    let sel = &mut app.welcome.sel;
    match keys::action(k, Context::Global) {
        Some(Action::Up) => *sel = sel.saturating_sub(1),
        Some(Action::Down) => *sel = (*sel + 1).min(last),
        Some(Action::PageUp) => *sel = sel.saturating_sub(10),
        Some(Action::PageDown) => *sel = (*sel + 10).min(last),
        Some(Action::Top) => *sel = 0,
        Some(Action::Bottom) => *sel = last,
        Some(Action::Enter) => start(app, app.welcome.sel),
        Some(Action::Quit) | Some(Action::Back) => app.leave(),
        Some(Action::Help) => app.mode = Mode::Help,
        _ => {}
    }
}

/// A click selects; a click on the selected line opens it.
pub fn click(app: &mut App, i: usize) {
    if app.welcome.sel == i {
        start(app, i);
    }
    app.welcome.sel = i;
}

pub fn start(app: &mut App, i: usize) {
    let Some((_, s)) = app.welcome.starts.get(i).cloned() else {
        return;
    };
    match s {
        Start::New => {
            app.load(fields::blank(), None);
            app.tab = Tab::Interview;
            app.draft.dirty = true;
            app.message = "A new workload: name it, then describe each component.".into();
        }
        Start::Practice => super::practice::start(app, None),
        Start::Resume => app.resume(),
        Start::Open(p) => {
            if let Err(e) = app.open(p) {
                app.message = e;
            }
        }
        Start::Example(path, text) => match serde_yaml::from_str::<Value>(text) {
            Ok(doc) => {
                app.load(doc, None);
                app.message = format!("{path}: w saves a copy to keep changes.");
            }
            Err(e) => app.message = e.to_string(),
        },
    }
}

pub fn draw(f: &mut Frame, app: &App, area: Rect, drawn: &mut Drawn) {
    let t = Theme::new(app.color);
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
        head.inner(Margin::new(1, 0)),
    );
    let items: Vec<ListItem> = app
        .welcome
        .starts
        .iter()
        .map(|(label, _)| ListItem::new(label.as_str()))
        .collect();
    let block = Block::new().borders(Borders::TOP).title(" Start ");
    let inner = block.inner(list);
    let mut state = ListState::default().with_selected(Some(app.welcome.sel));
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
        if k < app.welcome.starts.len() {
            drawn.hits.push((
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
