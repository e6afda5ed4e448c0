//! The TUI's state and how messages change it. No terminal here: tests send messages
//! and read the state (and render it on a test backend).

use std::path::PathBuf;

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::{Position, Rect};
use rust_decimal::Decimal;
use serde_yaml::Value;
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use super::fields::{self, Ask, Field, STEPS, Scope};
use super::keys::{self, Action, Context, WhatIf};
use super::store::Store;
use crate::advisor::{Advice, advise};
use crate::cost::Pricing;
use crate::migration::{self, Plan};
use crate::rules::RuleBase;
use crate::topology::{self, Topology};
use crate::workload::{Shape, Workload, load_str};

/// The tabs along the top.
pub const TABS: &[&str] = &[
    "Interview",
    "Recommendation",
    "Costs",
    "Topology",
    "Migration",
    "Risks",
    "Trace",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Interview = 0,
    Recommendation,
    Costs,
    Topology,
    Migration,
    Risks,
    Trace,
}

impl Tab {
    pub fn from_index(i: usize) -> Tab {
        use Tab::*;
        [
            Interview,
            Recommendation,
            Costs,
            Topology,
            Migration,
            Risks,
            Trace,
        ][i % TABS.len()]
    }
}

/// What the welcome screen offers.
#[derive(Debug, Clone, PartialEq)]
pub enum Start {
    New,
    Resume(PathBuf),
    Open(PathBuf),
    Example(&'static str, &'static str),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Steps,
    Fields,
}

/// What a line at the bottom is asking for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prompt {
    SaveAs,
    Export(Export),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Export {
    Report,
    Adr,
    Mermaid,
    Dot,
}

pub const EXPORTS: &[(Export, &str, &str)] = &[
    (Export::Report, "Markdown report", "md"),
    (Export::Adr, "Architecture decision record", "md"),
    (Export::Mermaid, "Topology as Mermaid", "mmd"),
    (Export::Dot, "Topology as Graphviz DOT", "dot"),
];

#[derive(Debug, Clone)]
pub enum Mode {
    Normal,
    /// Typing into the selected field.
    Editing(Input, Option<String>),
    /// Picking one of a field's choices.
    Choosing(usize),
    /// Typing a file name.
    Asking(Prompt, Input, Option<String>),
    ExportMenu(usize),
    ConfirmQuit,
    ConfirmRemove,
    Help,
}

/// Everything archway concluded about the current draft.
pub struct Analysis {
    pub workload: Workload,
    pub advice: Advice,
    pub plan: Plan,
    pub topology: Topology,
}

/// A clickable area of the last frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    Tab(usize),
    Step(usize),
    Field(usize),
    Component(usize),
    Start(usize),
    Row(usize),
}

pub struct App {
    pub rules: RuleBase,
    pub pricing: Pricing,
    pub store: Store,
    pub screen_welcome: bool,
    pub starts: Vec<(String, Start)>,
    pub start_sel: usize,
    pub doc: Value,
    pub path: Option<PathBuf>,
    pub dirty: bool,
    pub tab: Tab,
    pub pane: Pane,
    pub step: usize,
    pub field: usize,
    pub comp: usize,
    pub mode: Mode,
    pub scroll: (u16, u16),
    pub analysis: Result<Analysis, String>,
    /// The analysis before the first what-if key, with its total.
    pub baseline: Option<(Value, Decimal)>,
    pub message: String,
    pub hits: Vec<(Rect, Hit)>,
    pub quit: bool,
    pub color: bool,
    /// The Costs chart of the last draft and component it was drawn for.
    pub chart_cache: std::cell::RefCell<Option<(String, Option<super::chart::ChartData>)>>,
}

impl App {
    /// The welcome screen, offering a new workload, the unfinished session, recent files
    /// and the examples.
    pub fn new(rules: RuleBase, pricing: Pricing, store: Store, color: bool) -> App {
        let mut starts = vec![("New workload".to_string(), Start::New)];
        if let Some(p) = store.autosave_exists() {
            starts.push((
                "Resume the unfinished session".to_string(),
                Start::Resume(p),
            ));
        }
        for r in store.recent() {
            starts.push((format!("Open {}", r.display()), Start::Open(r)));
        }
        for (path, text) in crate::examples::WORKLOADS {
            starts.push((format!("Example {path}"), Start::Example(path, text)));
        }
        let mut app = App {
            rules,
            pricing,
            store,
            screen_welcome: true,
            starts,
            start_sel: 0,
            doc: fields::blank(),
            path: None,
            dirty: false,
            tab: Tab::Interview,
            pane: Pane::Fields,
            step: 0,
            field: 0,
            comp: 0,
            mode: Mode::Normal,
            scroll: (0, 0),
            analysis: Err(String::new()),
            baseline: None,
            message: String::new(),
            hits: Vec::new(),
            quit: false,
            color,
            chart_cache: Default::default(),
        };
        app.recompute();
        app
    }

    /// Opens a workload file straight into the recommendation.
    pub fn open(&mut self, path: PathBuf) -> Result<(), String> {
        let text = crate::input::read_text(&path).map_err(|e| e.to_string())?;
        let doc: Value =
            serde_yaml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        // A file that does not load is still opened, so it can be fixed here.
        self.load_doc(doc, Some(path.clone()));
        self.store.remember(&path);
        Ok(())
    }

    fn load_doc(&mut self, doc: Value, path: Option<PathBuf>) {
        self.doc = doc;
        self.path = path;
        self.dirty = false;
        self.screen_welcome = false;
        self.comp = 0;
        self.baseline = None;
        self.recompute();
        self.tab = if self.analysis.is_ok() {
            Tab::Recommendation
        } else {
            Tab::Interview
        };
    }

    pub fn names(&self) -> Vec<String> {
        fields::names(&self.doc)
    }

    pub fn file_label(&self) -> String {
        match &self.path {
            Some(p) => p.display().to_string(),
            None => "unsaved".into(),
        }
    }

    /// Runs the advisor on the draft: the core is fast enough to do this on every change.
    pub fn recompute(&mut self) {
        let yaml = fields::to_yaml(&self.doc);
        let file = self
            .path
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "draft".into());
        self.analysis = load_str(&file, &yaml)
            .map_err(|e| e.to_string())
            .and_then(|(w, _)| {
                if self.pricing.region(&w.region).is_none() {
                    return Err(self.pricing.unknown_region(&w.region));
                }
                let advice = advise(&w, &self.rules, &self.pricing).map_err(|e| e.to_string())?;
                let plan = migration::plan(&w, &advice);
                let topology = topology::build(&w, &advice);
                Ok(Analysis {
                    workload: w,
                    advice,
                    plan,
                    topology,
                })
            });
        let n = self.names().len();
        if self.comp >= n {
            self.comp = n.saturating_sub(1);
        }
    }

    /// After every edit: recompute, mark unsaved, autosave.
    fn changed(&mut self) {
        self.dirty = true;
        self.recompute();
        if let Err(e) = self.store.autosave(&fields::to_yaml(&self.doc)) {
            self.message = format!("autosave failed: {e}");
        }
    }

    pub fn fields(&self) -> &'static [Field] {
        STEPS[self.step].fields
    }

    pub fn current_field(&self) -> Option<&'static Field> {
        self.fields().get(self.field)
    }

    fn context(&self) -> Context {
        if self.tab == Tab::Interview {
            Context::Interview
        } else {
            Context::Results
        }
    }

    /// Handles one message from the terminal.
    pub fn handle(&mut self, ev: &ratatui::crossterm::event::Event) {
        use ratatui::crossterm::event::Event;
        match ev {
            Event::Key(k) if k.kind != KeyEventKind::Release => self.key(k),
            Event::Mouse(m) => self.mouse(m),
            Event::Resize(..) => {}
            _ => {}
        }
    }

    pub fn key(&mut self, k: &KeyEvent) {
        // Ctrl-C always leaves (asking first when there is unsaved work).
        if k.code == KeyCode::Char('c') && k.modifiers == KeyModifiers::CONTROL {
            return self.ask_quit();
        }
        match self.mode.clone() {
            Mode::Editing(input, _) => return self.key_editing(k, input),
            Mode::Asking(p, input, _) => return self.key_asking(k, p, input),
            Mode::Choosing(i) => return self.key_choosing(k, i),
            Mode::ExportMenu(i) => return self.key_export_menu(k, i),
            Mode::ConfirmQuit => {
                match k.code {
                    KeyCode::Char('y') => {
                        self.store.clear_autosave();
                        self.quit = true;
                    }
                    KeyCode::Char('s') => {
                        self.mode = Mode::Normal;
                        if self.save() {
                            self.quit = true;
                        }
                    }
                    _ => {
                        self.mode = Mode::Normal;
                        self.message = "Quit cancelled.".into();
                    }
                }
                return;
            }
            Mode::ConfirmRemove => {
                if k.code == KeyCode::Char('y') {
                    let name = self.names().get(self.comp).cloned().unwrap_or_default();
                    fields::remove_component(&mut self.doc, self.comp);
                    self.comp = self.comp.saturating_sub(1);
                    self.message = format!("Removed {name}.");
                    self.changed();
                } else {
                    self.message = "Kept it.".into();
                }
                self.mode = Mode::Normal;
                return;
            }
            Mode::Help => {
                self.mode = Mode::Normal;
                return;
            }
            Mode::Normal => {}
        }
        if self.screen_welcome {
            return self.key_welcome(k);
        }
        let Some(action) = keys::action(k, self.context()) else {
            return;
        };
        self.act(action);
    }

    fn key_welcome(&mut self, k: &KeyEvent) {
        match keys::action(k, Context::Global) {
            Some(Action::Up) => self.start_sel = self.start_sel.saturating_sub(1),
            Some(Action::Down) => self.start_sel = (self.start_sel + 1).min(self.starts.len() - 1),
            Some(Action::Top) => self.start_sel = 0,
            Some(Action::Bottom) => self.start_sel = self.starts.len() - 1,
            Some(Action::Enter) => self.start(self.start_sel),
            Some(Action::Quit) | Some(Action::Back) => self.quit = true,
            Some(Action::Help) => self.mode = Mode::Help,
            _ => {}
        }
    }

    pub fn start(&mut self, i: usize) {
        let Some((_, s)) = self.starts.get(i).cloned() else {
            return;
        };
        match s {
            Start::New => {
                self.load_doc(fields::blank(), None);
                self.tab = Tab::Interview;
                self.dirty = true;
            }
            Start::Resume(p) => match std::fs::read_to_string(&p)
                .map_err(|e| e.to_string())
                .and_then(|t| serde_yaml::from_str::<Value>(&t).map_err(|e| e.to_string()))
            {
                Ok(doc) => {
                    self.load_doc(doc, None);
                    self.dirty = true;
                    self.message = "Resumed the unfinished session.".into();
                }
                Err(e) => self.message = format!("cannot resume: {e}"),
            },
            Start::Open(p) => {
                if let Err(e) = self.open(p) {
                    self.message = e;
                }
            }
            Start::Example(path, text) => match serde_yaml::from_str::<Value>(text) {
                Ok(doc) => {
                    self.load_doc(doc, None);
                    self.message = format!("{path}: save with w to keep changes.");
                }
                Err(e) => self.message = e.to_string(),
            },
        }
    }

    fn ask_quit(&mut self) {
        if self.dirty && !self.screen_welcome {
            self.mode = Mode::ConfirmQuit;
        } else {
            self.store.clear_autosave();
            self.quit = true;
        }
    }

    pub fn act(&mut self, a: Action) {
        let ntabs = TABS.len();
        match a {
            Action::Quit => self.ask_quit(),
            Action::Help => self.mode = Mode::Help,
            Action::NextTab => self.set_tab(Tab::from_index(self.tab as usize + 1)),
            Action::PrevTab => self.set_tab(Tab::from_index(self.tab as usize + ntabs - 1)),
            Action::Results => self.set_tab(Tab::Recommendation),
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-10),
            Action::PageDown => self.move_by(10),
            Action::Top => self.move_by(-10_000),
            Action::Bottom => self.move_by(10_000),
            Action::Left => match self.tab {
                Tab::Interview => self.pane = Pane::Steps,
                _ => self.scroll.1 = self.scroll.1.saturating_sub(8),
            },
            Action::Right => match self.tab {
                Tab::Interview => self.pane = Pane::Fields,
                _ => self.scroll.1 = self.scroll.1.saturating_add(8),
            },
            Action::Enter => self.enter(),
            Action::Back => {
                if self.tab == Tab::Interview && self.pane == Pane::Fields {
                    self.pane = Pane::Steps;
                } else if self.tab != Tab::Interview {
                    self.set_tab(Tab::Interview);
                }
            }
            Action::AddComponent => {
                let names = self.names();
                let name = (names.len() + 1..)
                    .map(|k| format!("component-{k}"))
                    .find(|n| !names.contains(n))
                    .unwrap_or_default();
                self.comp = fields::add_component(&mut self.doc, &name);
                self.step = 0;
                self.pane = Pane::Fields;
                self.field = 2;
                self.changed();
                self.message = format!("Added {name}: type its name.");
                self.enter();
            }
            Action::RemoveComponent => {
                if self.names().len() <= 1 {
                    self.message = "A workload needs at least one component.".into();
                } else {
                    self.mode = Mode::ConfirmRemove;
                }
            }
            Action::NextComponent | Action::PrevComponent => {
                let n = self.names().len().max(1);
                self.comp = if a == Action::NextComponent {
                    (self.comp + 1) % n
                } else {
                    (self.comp + n - 1) % n
                };
            }
            Action::Save => {
                self.save();
            }
            Action::SaveAs => self.ask(Prompt::SaveAs, self.file_label_or("workload.yaml")),
            Action::Export => self.mode = Mode::ExportMenu(0),
            Action::WhatIf(w) => self.what_if(w),
            Action::ResetWhatIf => {
                if let Some((doc, _)) = self.baseline.take() {
                    self.doc = doc;
                    self.changed();
                    self.message = "Back to the baseline.".into();
                }
            }
        }
    }

    fn file_label_or(&self, default: &str) -> String {
        self.path
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| default.to_string())
    }

    fn set_tab(&mut self, t: Tab) {
        self.tab = t;
        self.scroll = (0, 0);
    }

    fn move_by(&mut self, d: i64) {
        let clamp = |v: usize, n: usize| -> usize {
            (v as i64 + d).clamp(0, n.saturating_sub(1) as i64) as usize
        };
        match self.tab {
            Tab::Interview => match self.pane {
                Pane::Steps => {
                    self.step = clamp(self.step, STEPS.len());
                    self.field = 0;
                }
                Pane::Fields => self.field = clamp(self.field, self.fields().len()),
            },
            Tab::Recommendation if d.abs() == 1 => self.comp = clamp(self.comp, self.names().len()),
            _ => {
                let v = self.scroll.0 as i64 + d;
                self.scroll.0 = v.clamp(0, u16::MAX as i64) as u16;
            }
        }
    }

    fn enter(&mut self) {
        if self.tab != Tab::Interview {
            if self.tab == Tab::Recommendation {
                self.set_tab(Tab::Trace);
            }
            return;
        }
        if self.pane == Pane::Steps {
            self.pane = Pane::Fields;
            return;
        }
        let Some(f) = self.current_field() else {
            return;
        };
        match f.ask {
            Ask::Choice(options) => {
                let now = fields::get(&self.doc, f, self.comp).unwrap_or_default();
                let i = options.iter().position(|o| *o == now).unwrap_or(0);
                self.mode = Mode::Choosing(i);
            }
            Ask::Bool => {
                let now = fields::get(&self.doc, f, self.comp);
                let next = match now.as_deref() {
                    Some("true") => Some(Value::Bool(false)),
                    Some("false") => None,
                    _ => Some(Value::Bool(true)),
                };
                fields::set(&mut self.doc, f, self.comp, next);
                self.changed();
            }
            _ => {
                let now = fields::get(&self.doc, f, self.comp).unwrap_or_default();
                self.mode = Mode::Editing(Input::new(now), None);
            }
        }
    }

    fn key_editing(&mut self, k: &KeyEvent, mut input: Input) {
        let Some(f) = self.current_field() else {
            self.mode = Mode::Normal;
            return;
        };
        match k.code {
            KeyCode::Esc => {
                self.mode = Mode::Normal;
                self.message = "Edit cancelled.".into();
            }
            KeyCode::Enter | KeyCode::Tab | KeyCode::Down | KeyCode::Up => {
                match self.commit(f, input.value()) {
                    Ok(()) => {
                        self.mode = Mode::Normal;
                        match k.code {
                            KeyCode::Tab | KeyCode::Down | KeyCode::Enter => self.move_by(1),
                            _ => self.move_by(-1),
                        }
                    }
                    Err(e) => self.mode = Mode::Editing(input, Some(e)),
                }
            }
            _ => {
                input.handle_event(&ratatui::crossterm::event::Event::Key(*k));
                let others: Vec<String> = self.other_names();
                let err = fields::parse(f, input.value(), &others).err();
                self.mode = Mode::Editing(input, err);
            }
        }
    }

    fn other_names(&self) -> Vec<String> {
        let mut names = self.names();
        if self.comp < names.len() {
            names.remove(self.comp);
        }
        names
    }

    /// Stores typed text in the field, or says why it cannot.
    fn commit(&mut self, f: &Field, text: &str) -> Result<(), String> {
        let value = fields::parse(f, text, &self.other_names())?;
        if f.scope == Scope::Component && f.key == "name" {
            let new = text.trim();
            if self.other_names().iter().any(|n| n == new) {
                return Err(format!("another component is already called `{new}`"));
            }
            fields::rename_component(&mut self.doc, self.comp, new);
        } else {
            fields::set(&mut self.doc, f, self.comp, value);
        }
        self.changed();
        Ok(())
    }

    fn key_choosing(&mut self, k: &KeyEvent, i: usize) {
        let Some(f) = self.current_field() else {
            self.mode = Mode::Normal;
            return;
        };
        let Ask::Choice(options) = f.ask else {
            self.mode = Mode::Normal;
            return;
        };
        match keys::action(k, Context::Global) {
            Some(Action::Up) => self.mode = Mode::Choosing(i.saturating_sub(1)),
            Some(Action::Down) => self.mode = Mode::Choosing((i + 1).min(options.len() - 1)),
            Some(Action::Enter) => {
                fields::set(
                    &mut self.doc,
                    f,
                    self.comp,
                    Some(Value::String(options[i].to_string())),
                );
                if f.scope == Scope::Component
                    && f.key == "kind"
                    && let Some(m) = fields::kind_changed(&mut self.doc, self.comp)
                {
                    self.message = m;
                }
                self.mode = Mode::Normal;
                self.changed();
            }
            Some(Action::Back) => self.mode = Mode::Normal,
            _ if k.code == KeyCode::Backspace || k.code == KeyCode::Delete => {
                if f.key != "kind" {
                    fields::set(&mut self.doc, f, self.comp, None);
                    self.changed();
                }
                self.mode = Mode::Normal;
            }
            _ => {}
        }
    }

    fn key_export_menu(&mut self, k: &KeyEvent, i: usize) {
        match keys::action(k, Context::Global) {
            Some(Action::Up) => self.mode = Mode::ExportMenu(i.saturating_sub(1)),
            Some(Action::Down) => self.mode = Mode::ExportMenu((i + 1).min(EXPORTS.len() - 1)),
            Some(Action::Enter) => {
                let (e, _, ext) = EXPORTS[i];
                let stem = self
                    .doc
                    .get("name")
                    .map(fields::show)
                    .filter(|s| !s.is_empty())
                    .unwrap_or_else(|| "workload".into());
                let stem: String = stem
                    .chars()
                    .map(|c| {
                        if c.is_alphanumeric() || c == '-' || c == '_' {
                            c
                        } else {
                            '-'
                        }
                    })
                    .collect();
                let suffix = if e == Export::Adr { "-adr" } else { "" };
                self.ask(Prompt::Export(e), format!("{stem}{suffix}.{ext}"));
            }
            Some(Action::Back) | Some(Action::Quit) => self.mode = Mode::Normal,
            _ => {}
        }
    }

    fn ask(&mut self, p: Prompt, default: String) {
        self.mode = Mode::Asking(p, Input::new(default), None);
    }

    fn key_asking(&mut self, k: &KeyEvent, p: Prompt, mut input: Input) {
        match k.code {
            KeyCode::Esc => {
                self.mode = Mode::Normal;
                self.message = "Nothing written.".into();
            }
            KeyCode::Enter => {
                let force = k.modifiers.contains(KeyModifiers::ALT);
                let path = PathBuf::from(input.value().trim());
                match self.write(p, &path, force) {
                    Ok(msg) => {
                        self.mode = Mode::Normal;
                        self.message = msg;
                    }
                    Err(e) => self.mode = Mode::Asking(p, input, Some(e)),
                }
            }
            _ => {
                input.handle_event(&ratatui::crossterm::event::Event::Key(*k));
                self.mode = Mode::Asking(p, input, None);
            }
        }
    }

    /// Saves to the workload's file, asking for a name the first time.
    pub fn save(&mut self) -> bool {
        match self.path.clone() {
            Some(p) => match self.write(Prompt::SaveAs, &p, true) {
                Ok(msg) => {
                    self.message = msg;
                    true
                }
                Err(e) => {
                    self.message = e;
                    false
                }
            },
            None => {
                self.ask(Prompt::SaveAs, "workload.yaml".into());
                false
            }
        }
    }

    /// Writes the workload or an export; an existing file is replaced only when it is the
    /// workload's own file or `force` (Alt-Enter) is given.
    fn write(&mut self, p: Prompt, path: &std::path::Path, force: bool) -> Result<String, String> {
        if path.as_os_str().is_empty() {
            return Err("type a file name".into());
        }
        let own = self.path.as_deref() == Some(path);
        let bytes = match p {
            Prompt::SaveAs => fields::to_yaml(&self.doc),
            Prompt::Export(e) => self.export(e)?,
        };
        crate::cli::write_file(path, bytes.as_bytes(), force || own).map_err(|e| {
            let s = e.to_string();
            if s.contains("already exists") {
                format!(
                    "{} exists: Alt-Enter overwrites it, Esc cancels",
                    path.display()
                )
            } else {
                s
            }
        })?;
        if p == Prompt::SaveAs {
            self.path = Some(path.to_path_buf());
            self.dirty = false;
            self.store.clear_autosave();
            self.store.remember(path);
        }
        Ok(format!("Wrote {} ({} bytes).", path.display(), bytes.len()))
    }

    fn export(&self, e: Export) -> Result<String, String> {
        let a = self
            .analysis
            .as_ref()
            .map_err(|e| format!("fix the workload first: {e}"))?;
        Ok(match e {
            Export::Report | Export::Adr => {
                let inputs = crate::report::Inputs {
                    workload: &a.workload,
                    rules: &self.rules,
                    pricing: &self.pricing,
                    date: None,
                };
                let style = if e == Export::Adr {
                    crate::report::Style::Adr
                } else {
                    crate::report::Style::Full
                };
                crate::report::render(&inputs, style).map_err(|e| e.to_string())?
            }
            Export::Mermaid => topology::export::mermaid(&a.topology),
            Export::Dot => topology::export::dot(&a.topology),
        })
    }

    fn what_if(&mut self, w: WhatIf) {
        let Some(total) = self.analysis.as_ref().ok().map(|a| a.advice.monthly) else {
            self.message = "Fix the workload first.".into();
            return;
        };
        if self.baseline.is_none() {
            self.baseline = Some((self.doc.clone(), total));
        }
        let find = |key: &str| {
            STEPS
                .iter()
                .flat_map(|s| s.fields)
                .find(|f| f.key == key && f.scope == Scope::Component)
        };
        let scale = |app: &mut App, key: &str, factor: Decimal, default: Decimal| {
            let Some(f) = find(key) else { return };
            let now = fields::get(&app.doc, f, app.comp)
                .and_then(|s| crate::input::parse_decimal(&s).ok())
                .unwrap_or(default);
            let next = (now * factor).round_dp(3).normalize();
            match fields::parse(f, &next.to_string(), &[]) {
                Ok(v) => {
                    fields::set(&mut app.doc, f, app.comp, v);
                    app.message = format!("{}: {now} → {next}", f.label);
                }
                Err(e) => app.message = format!("{}: {e}", f.label),
            }
        };
        let two = Decimal::TWO;
        let half = Decimal::new(5, 1);
        let requests = self
            .analysis
            .as_ref()
            .ok()
            .and_then(|a| a.workload.components.get(self.comp))
            .map(|c| c.requests_per_month)
            .unwrap_or(Decimal::ONE);
        match w {
            WhatIf::TrafficUp => scale(self, "traffic.requests_per_month", two, requests),
            WhatIf::TrafficDown => scale(self, "traffic.requests_per_month", half, requests),
            WhatIf::DurationUp => scale(self, "duration_ms", two, Decimal::from(100)),
            WhatIf::DurationDown => scale(self, "duration_ms", half, Decimal::from(100)),
            WhatIf::MemoryUp => scale(self, "memory_mb", two, Decimal::from(512)),
            WhatIf::MemoryDown => scale(self, "memory_mb", half, Decimal::from(512)),
            WhatIf::CycleShape => {
                if let Some(f) = find("traffic.shape") {
                    let now = fields::get(&self.doc, f, self.comp).unwrap_or_default();
                    let i = Shape::NAMES.iter().position(|s| *s == now);
                    let next = Shape::NAMES[i.map_or(0, |i| (i + 1) % Shape::NAMES.len())];
                    fields::set(
                        &mut self.doc,
                        f,
                        self.comp,
                        Some(Value::String(next.into())),
                    );
                    self.message = format!(
                        "shape: {} → {next}",
                        if now.is_empty() { "default" } else { &now }
                    );
                }
            }
        }
        let msg = std::mem::take(&mut self.message);
        self.changed();
        self.message = msg;
    }

    fn mouse(&mut self, m: &MouseEvent) {
        match m.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                let at = Position::new(m.column, m.row);
                let Some(&(_, hit)) = self.hits.iter().find(|(r, _)| r.contains(at)) else {
                    return;
                };
                if !matches!(self.mode, Mode::Normal) {
                    return;
                }
                match hit {
                    Hit::Tab(i) => self.set_tab(Tab::from_index(i)),
                    Hit::Step(i) => {
                        self.step = i;
                        self.field = 0;
                        self.pane = Pane::Steps;
                    }
                    Hit::Field(i) => {
                        self.pane = Pane::Fields;
                        if self.field == i {
                            self.enter();
                        }
                        self.field = i;
                    }
                    Hit::Component(i) | Hit::Row(i) => self.comp = i,
                    Hit::Start(i) => {
                        if self.start_sel == i {
                            self.start(i);
                        }
                        self.start_sel = i;
                    }
                }
            }
            MouseEventKind::ScrollDown => self.move_by(3),
            MouseEventKind::ScrollUp => self.move_by(-3),
            _ => {}
        }
    }
}
