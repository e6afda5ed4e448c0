//! The TUI's shared state and how a message reaches the screen that handles it. No
//! terminal here: tests send messages and read the state (and render it on a test
//! backend). Each screen keeps its own state, keys and view in `screens/`.

use std::path::{Path, PathBuf};

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::{Position, Rect};
use rust_decimal::Decimal;
use serde_yaml::Value;
use tui_input::Input;

use super::chart::{self, ChartData};
use super::draft::Draft;
use super::fields;
use super::keys::{self, Action, Context};
use super::screens::{dialogs, interview, practice, welcome};
use super::store::Store;
use crate::advisor::{Advice, advise_after, advise_with, same_settings};
use crate::cost::Detail;
use crate::cost::Pricing;
use crate::migration::{self, Plan};
use crate::rules::RuleBase;
use crate::topology::{self, Topology};
use crate::workload::{Workload, load_str};

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

/// What a line in the middle of the screen is asking for.
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
    (Export::Report, "Markdown report", ".md"),
    (Export::Adr, "Architecture decision record", "-adr.md"),
    (Export::Mermaid, "Topology as Mermaid", ".mmd"),
    (Export::Dot, "Topology as Graphviz DOT", ".dot"),
];

/// The dialog or typing mode in front of the screen.
#[derive(Debug, Clone)]
pub enum Mode {
    Normal,
    /// Typing into the selected field; the error of what is typed so far.
    Editing(Input, Option<String>),
    /// Picking one of a field's choices.
    Choosing(usize),
    /// Typing a file name.
    Asking(Prompt, Input, Option<String>),
    ExportMenu(usize),
    /// The command palette: the query and the selected match.
    Palette(Input, usize),
    ConfirmQuit,
    ConfirmRemove,
    /// An unfinished session of the file being opened was found.
    ConfirmResume(PathBuf),
    Help,
}

/// Everything archway concluded about the draft (with its what-ifs).
pub struct Analysis {
    pub workload: Workload,
    pub advice: Advice,
    pub plan: Plan,
    pub topology: Topology,
    /// The total without the what-ifs, when there are some.
    pub baseline: Option<Decimal>,
    /// The draft as archway reads it, every default written out (before what-ifs): the
    /// values the interview shows as assumed.
    pub resolved: std::rc::Rc<serde_json::Value>,
    /// The texts the tabs show of this analysis, each written once when first shown.
    shown: std::cell::RefCell<Vec<(Shown, std::rc::Rc<[String]>)>>,
    /// The Costs tab's chart of each component it has shown (`None`: nothing to chart).
    charts: std::cell::RefCell<Vec<(usize, Option<std::rc::Rc<ChartData>>)>>,
}

/// A text a tab shows of an analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// The Costs tab's line items of one component.
    LineItems(usize),
    /// The Topology tab's graph at a width.
    Topology(u16),
    Migration,
    /// The Trace tab's rule trace of one component.
    Trace(usize),
}

/// What `key` holds in `cache`, made by `make` the first time; the last eight kept.
fn kept<K: PartialEq, V: Clone>(
    cache: &std::cell::RefCell<Vec<(K, V)>>,
    key: K,
    make: impl FnOnce() -> V,
) -> V {
    if let Some((_, v)) = cache.borrow().iter().find(|(k, _)| *k == key) {
        return v.clone();
    }
    let v = make();
    let mut cache = cache.borrow_mut();
    // A long session of arrow keys on one analysis keeps the last few only.
    if cache.len() >= 8 {
        cache.remove(0);
    }
    cache.push((key, v.clone()));
    v
}

impl Analysis {
    /// The text `what`, written by `write` the first time it is asked for; kept while the
    /// analysis lives (the texts of a few components and widths at most).
    pub fn text(&self, what: Shown, write: impl FnOnce() -> Vec<String>) -> std::rc::Rc<[String]> {
        kept(&self.shown, what, || write().into())
    }

    /// The Costs tab's chart of component `comp`, swept the first time it is asked for
    /// (after the change that made this analysis, not while drawing: [`App::refresh_chart`]).
    pub fn chart(
        &self,
        comp: usize,
        rules: &RuleBase,
        pricing: &crate::cost::Pricing,
    ) -> Option<std::rc::Rc<ChartData>> {
        kept(&self.charts, comp, || {
            chart::compute(&self.workload, comp, rules, pricing).map(std::rc::Rc::new)
        })
    }

    /// The Costs tab's text for component `comp`: the workload's assumptions, that
    /// component's options each with its line items (formula and source), then the data
    /// stores. The advice is made with its reasons but not its bills' words
    /// ([`Detail::Reasons`]: the same figures and decisions); the shown component is
    /// priced again with them here, once.
    pub fn line_items(&self, pricing: &crate::cost::Pricing, comp: usize) -> std::rc::Rc<[String]> {
        self.text(Shown::LineItems(comp), || {
            self.write_line_items(pricing, comp)
        })
    }

    fn write_line_items(&self, pricing: &crate::cost::Pricing, comp: usize) -> Vec<String> {
        use crate::present::{cost, paint::Paint};
        let costs = &self.advice.costs;
        let Some(c) = self.workload.components.get(comp) else {
            return Vec::new();
        };
        // Made with the bills' figures only: the shown component priced again with words.
        let words = crate::cost::region(&self.workload, pricing)
            .and_then(|r| crate::cost::price_with(&self.workload, c, r, Detail::Words));
        let cc = match words {
            Ok(cc) => cc,
            // Priced once already with the same figures, so this cannot fail.
            Err(e) => return vec![e.to_string()],
        };
        let mut buf = Vec::new();
        let _ = cost::header(costs, &mut buf)
            .and_then(|()| cost::component(&cc, c, false, Paint::PLAIN, &mut buf))
            .and_then(|()| cost::stores(costs, false, &mut buf));
        super::screens::text::lines_of(&buf)
    }
}

/// A clickable area of the last frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    Tab(usize),
    Step(usize),
    Field(usize),
    Component(usize),
    Store(usize),
    Start(usize),
    Row(usize),
}

/// How far the text in view can scroll, as the last frame found it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Viewport {
    /// The last line that can be at the top.
    pub max: u16,
    /// Lines in view: a page.
    pub page: u16,
}

/// Something the terminal does for the app, outside the frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put text on the clipboard (OSC 52).
    Clipboard(String),
}

/// The draft as last read: the YAML it was read from, the workload (or why it could not
/// be read) and, once asked for, its total before what-ifs and its resolved tree. What-ifs
/// leave the draft as it is, so a what-if key reuses them.
struct Read {
    yaml: String,
    workload: Result<Workload, String>,
    baseline_total: Option<Decimal>,
    resolved: Option<std::rc::Rc<serde_json::Value>>,
}

pub struct App {
    pub rules: RuleBase,
    pub pricing: Pricing,
    pub store: Store,
    pub color: bool,
    /// The welcome screen is showing (else the tabs).
    pub screen_welcome: bool,
    pub tab: Tab,
    pub draft: Draft,
    pub analysis: Result<std::rc::Rc<Analysis>, String>,
    /// The component the screens show.
    pub comp: usize,
    pub mode: Mode,
    /// The footer's message: set by the last key, cleared by the next.
    pub message: String,
    pub welcome: welcome::State,
    /// A practice round, when one is being played (it takes the whole screen).
    pub practice: Option<Box<practice::Practice>>,
    pub interview: interview::State,
    /// Scroll of the text tabs: lines down, columns right.
    pub scroll: (u16, u16),
    pub hits: Vec<(Rect, Hit)>,
    pub viewport: Viewport,
    pub effects: Vec<Effect>,
    pub quit: bool,
    /// Keys are arriving faster than frames: edits mark the analysis stale instead of
    /// redoing it, and `settle` redoes it once before the next frame.
    pub defer: bool,
    stale: bool,
    /// The document the analysis was made from, to tell a burst's what-ifs (which leave
    /// every name and index in place) from its edits.
    analysed_doc: serde_yaml::Value,
    /// The draft last read, as the YAML it was read from: the workload (or why it could
    /// not be read) and, once asked for, its total before what-ifs. What-ifs leave the
    /// draft as it is, so a what-if key reuses them.
    read: Option<Read>,
    /// The analysis of the draft as read, without what-ifs, once made: clearing the
    /// what-ifs shows it again at once.
    base: Option<std::rc::Rc<Analysis>>,
    /// The long text last wrapped on each tab (drawing reads the app, so it lives in a
    /// cell): back on a tab after a change elsewhere, only its lines that changed are
    /// wrapped again.
    pub wrapped: std::cell::RefCell<[crate::tui::screens::text::Wrapped; TABS.len()]>,
    /// This session wrote the autosave (so a clean quit may remove it).
    autosaved: bool,
    /// Analyses a newer one replaced, freed once the frame is shown and no key waits
    /// ([`App::free_retired`]): freeing a 20-component analysis is a tenth of a what-if.
    retired: Vec<std::rc::Rc<Analysis>>,
}

impl App {
    /// The welcome screen, offering a new workload, the unfinished session, recent files
    /// and the examples.
    pub fn new(rules: RuleBase, pricing: Pricing, store: Store, color: bool) -> App {
        let welcome = welcome::State::new(&store);
        let mut app = App {
            rules,
            pricing,
            store,
            color,
            screen_welcome: true,
            tab: Tab::Interview,
            draft: Draft::new(fields::blank(), None),
            analysis: Err(String::new()),
            retired: Vec::new(),
            comp: 0,
            mode: Mode::Normal,
            message: String::new(),
            welcome,
            practice: None,
            interview: interview::State::default(),
            scroll: (0, 0),
            hits: Vec::new(),
            viewport: Viewport::default(),
            effects: Vec::new(),
            quit: false,
            defer: false,
            stale: false,
            analysed_doc: serde_yaml::Value::Null,
            read: None,
            base: None,
            wrapped: Default::default(),
            autosaved: false,
        };
        app.recompute();
        app
    }

    /// Opens a workload file straight into the recommendation; when an unfinished
    /// session of the same file is found, asks whether to resume it.
    pub fn open(&mut self, path: PathBuf) -> Result<(), String> {
        let text = crate::input::read_text(&path).map_err(|e| e.to_string())?;
        let doc: Value =
            serde_yaml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        // A file that does not load is still opened, so it can be fixed here.
        self.load(doc, Some(path.clone()));
        self.store.remember(&path);
        let same =
            |a: &Path, b: &Path| std::fs::canonicalize(a).ok() == std::fs::canonicalize(b).ok();
        if self.store.autosave_of().is_some_and(|of| same(&of, &path))
            && self
                .store
                .resume()
                .is_ok_and(|(saved, _)| saved != fields::to_yaml(&self.draft.doc))
        {
            self.mode = Mode::ConfirmResume(path);
        }
        Ok(())
    }

    /// Shows `doc` as the draft, belonging to `path`.
    pub fn load(&mut self, doc: Value, path: Option<PathBuf>) {
        self.draft = Draft::new(doc, path);
        self.screen_welcome = false;
        self.comp = 0;
        self.scroll = (0, 0);
        self.interview = interview::State::default();
        self.recompute();
        self.tab = if self.analysis.is_ok() {
            Tab::Recommendation
        } else {
            Tab::Interview
        };
    }

    /// Takes up the unfinished session, with the file it was editing.
    pub fn resume(&mut self) {
        match self.store.resume() {
            Ok((text, of)) => match serde_yaml::from_str::<Value>(&text) {
                Ok(doc) => {
                    self.load(doc, of);
                    self.draft.dirty = true;
                    self.autosaved = true;
                    self.message = format!(
                        "Resumed the unfinished session{}.",
                        self.draft
                            .path
                            .as_ref()
                            .map(|p| format!(" of {}", p.display()))
                            .unwrap_or_default()
                    );
                }
                Err(e) => self.message = format!("cannot resume: {e}"),
            },
            Err(e) => self.message = format!("cannot resume: {e}"),
        }
    }

    pub fn names(&self) -> Vec<String> {
        self.draft.names()
    }

    pub fn current_field(&self) -> Option<&'static fields::Field> {
        interview::current_field(self)
    }

    /// Takes in what the last frame found: clickable areas, scroll limits.
    pub fn drawn(&mut self, d: super::view::Drawn) {
        self.hits = d.hits;
        self.viewport = d.viewport;
    }

    /// Runs the advisor on the draft with its what-ifs: fast enough for every change.
    pub fn recompute(&mut self) {
        if self.defer {
            self.stale = true;
            return;
        }
        self.stale = false;
        // A what-if leaves the document as it was read: no need to write it out again.
        if self.read.is_none() || self.draft.doc != self.analysed_doc {
            self.analysed_doc = self.draft.doc.clone();
            let yaml = self.draft.yaml();
            if self.read.as_ref().is_none_or(|r| r.yaml != yaml) {
                let workload = load_str("the workload", &yaml)
                    .map(|(w, _)| w)
                    .map_err(|e| interview::explain(&e, &self.draft.doc));
                self.read = Some(Read {
                    yaml,
                    workload,
                    baseline_total: None,
                    resolved: None,
                });
                self.base = None;
            }
        }
        // The last analysis made (or the draft's own): the components a change left as they
        // were keep their bills and decisions from it.
        let prior = match &self.analysis {
            Ok(a) => Some(a.clone()),
            Err(_) => self.base.clone(),
        };
        // The draft's own total, when its analysis is at hand (it is of this reading: a new
        // one drops it).
        let base_total = self.base.as_ref().map(|b| b.advice.monthly);
        let Some(Read {
            workload: read,
            baseline_total,
            resolved: resolved_tree,
            ..
        }) = &mut self.read
        else {
            return;
        };
        if self.draft.whatifs.is_empty()
            && let Some(base) = &self.base
        {
            let old = std::mem::replace(&mut self.analysis, Ok(base.clone()));
            self.retire(old);
            self.settle_component();
            return;
        }
        let analysis = read.clone().and_then(|w| {
            if self.pricing.region(&w.region).is_none() {
                return Err(self.pricing.unknown_region(&w.region));
            }
            let baseline = if self.draft.whatifs.is_empty() {
                None
            } else {
                Some(match baseline_total.or(base_total) {
                    Some(t) => *baseline_total.insert(t),
                    None => *baseline_total.insert(
                        advise_with(&w, &self.rules, &self.pricing, Detail::Numbers)
                            .map_err(|e| e.to_string())?
                            .monthly,
                    ),
                })
            };
            let resolved = resolved_tree
                .get_or_insert_with(|| {
                    std::rc::Rc::new(crate::analysis::compare::resolved_tree(&w))
                })
                .clone();
            let w = self.draft.whatifs.apply(&w);
            // The bills' figures and the decisions' words: the Costs tab writes out the
            // arithmetic of the one component it shows ([`Analysis::line_items`]).
            let advice = match &prior {
                Some(p) => advise_after(
                    (&p.workload, &p.advice),
                    &w,
                    &self.rules,
                    &self.pricing,
                    Detail::Reasons,
                ),
                None => advise_with(&w, &self.rules, &self.pricing, Detail::Reasons),
            }
            .map_err(|e| e.to_string())?;
            let plan = migration::plan(&w, &advice);
            let topology = topology::build(&w, &advice);
            // A chart sweeps one component on the workload's settings: those of the
            // components the change left as they were are still drawn right.
            let mut charts = Vec::new();
            if let Some(p) = &prior
                && same_settings(&p.workload, &w)
            {
                charts.extend(
                    p.charts
                        .borrow()
                        .iter()
                        .filter(|(i, _)| p.workload.components.get(*i) == w.components.get(*i))
                        .cloned(),
                );
            }
            Ok(std::rc::Rc::new(Analysis {
                workload: w,
                advice,
                plan,
                topology,
                baseline,
                resolved,
                shown: Default::default(),
                charts: std::cell::RefCell::new(charts),
            }))
        });
        let old = std::mem::replace(&mut self.analysis, analysis);
        self.retire(old);
        if self.draft.whatifs.is_empty() {
            self.base = self.analysis.as_ref().ok().cloned();
        }
        self.settle_component();
    }

    /// After a new analysis: the component shown is one the draft has, and the chart is
    /// the one for it.
    fn settle_component(&mut self) {
        let n = self.names().len();
        if self.comp >= n {
            self.comp = n.saturating_sub(1);
        }
        self.refresh_chart();
    }

    /// The chart is computed when the Costs tab shows a draft or component it has not
    /// drawn yet — here, after a change, never while drawing.
    pub fn refresh_chart(&mut self) {
        if self.stale || self.screen_welcome || self.tab != Tab::Costs {
            return;
        }
        if let Ok(a) = &self.analysis {
            a.chart(self.comp, &self.rules, &self.pricing);
        }
    }

    /// Before a key reads the analysis in the middle of a burst: redone now when the
    /// draft changed since it was made, or (`always`) when anything did — what is copied
    /// or written must be what the next frame shows.
    fn fresh(&mut self, always: bool) {
        if self.stale && (always || self.draft.doc != self.analysed_doc) {
            let defer = std::mem::replace(&mut self.defer, false);
            self.recompute();
            self.defer = defer;
        }
    }

    /// After a burst of keys handled with `defer`: one analysis for all of them.
    /// Keeps a replaced analysis to free later, off the path from a key to its frame.
    fn retire(&mut self, old: Result<std::rc::Rc<Analysis>, String>) {
        // Under a steady stream of keys no frame finds the input idle: a few at most wait.
        if self.retired.len() >= 4 {
            self.retired.clear();
        }
        if let Ok(a) = old {
            self.retired.push(a);
        }
    }

    /// Whether replaced analyses wait to be freed.
    pub fn has_retired(&self) -> bool {
        !self.retired.is_empty()
    }

    /// Frees the analyses newer ones replaced: called once the frame is shown.
    pub fn free_retired(&mut self) {
        self.retired.clear();
    }

    pub fn settle(&mut self) {
        self.defer = false;
        if self.stale {
            self.recompute();
        }
    }

    /// Before an edit: remember the document for undo.
    pub fn before_edit(&mut self) {
        self.draft.before_edit();
    }

    /// After every edit: recompute, mark unsaved, autosave (with the file it belongs to).
    pub fn changed(&mut self) {
        self.draft.dirty = true;
        self.recompute();
        match self
            .store
            .autosave(&self.draft.yaml(), self.draft.path.as_deref())
        {
            Ok(()) => self.autosaved = true,
            Err(e) => self.message = format!("autosave failed: {e}"),
        }
    }

    fn context(&self) -> Context {
        if self.tab == Tab::Interview {
            Context::Interview
        } else {
            Context::Results
        }
    }

    /// Handles one message from the terminal.
    pub fn handle(&mut self, ev: &Event) {
        match ev {
            Event::Key(k) if k.kind != KeyEventKind::Release => self.key(k),
            Event::Mouse(m) => self.mouse(m),
            _ => {}
        }
    }

    pub fn key(&mut self, k: &KeyEvent) {
        // A message answers the key before; the next key starts afresh.
        self.message.clear();
        // Ctrl-C always leaves (asking first when there is unsaved work).
        if k.code == KeyCode::Char('c') && k.modifiers == KeyModifiers::CONTROL {
            return self.ask_quit();
        }
        if !matches!(self.mode, Mode::Normal) {
            return dialogs::key(self, k);
        }
        if self.practice.is_some() {
            return practice::key(self, k);
        }
        if self.screen_welcome {
            return welcome::key(self, k);
        }
        if let Some(action) = keys::action(k, self.context()) {
            self.act(action);
        }
    }

    pub fn ask_quit(&mut self) {
        if self.draft.dirty && !self.screen_welcome {
            self.mode = Mode::ConfirmQuit;
        } else {
            self.leave();
        }
    }

    /// Quits; the autosave goes only if this session made it (a session left by a crash
    /// stays until it is resumed or discarded on purpose).
    pub fn leave(&mut self) {
        if self.autosaved {
            self.store.clear_autosave();
        }
        self.quit = true;
    }

    /// Quits without keeping the unsaved work.
    pub fn discard(&mut self) {
        self.store.clear_autosave();
        self.quit = true;
    }

    pub fn act(&mut self, a: Action) {
        let ntabs = TABS.len();
        match a {
            Action::Quit => self.ask_quit(),
            Action::Help => self.mode = Mode::Help,
            Action::Palette => self.mode = Mode::Palette(Input::default(), 0),
            Action::NextTab => self.set_tab(Tab::from_index(self.tab as usize + 1)),
            Action::PrevTab => self.set_tab(Tab::from_index(self.tab as usize + ntabs - 1)),
            Action::Results => self.set_tab(Tab::Recommendation),
            Action::Save => {
                self.save();
            }
            Action::SaveAs => {
                let default = self
                    .draft
                    .path
                    .clone()
                    .unwrap_or_else(|| self.draft.beside(".yaml"));
                self.ask(Prompt::SaveAs, default.display().to_string());
            }
            Action::Export => self.mode = Mode::ExportMenu(0),
            Action::Undo => {
                if self.draft.undo() {
                    self.recompute();
                    self.message = "Undone.".into();
                } else {
                    self.message = "Nothing to undo.".into();
                }
            }
            Action::Redo => {
                if self.draft.redo() {
                    self.recompute();
                    self.message = "Redone.".into();
                } else {
                    self.message = "Nothing to redo.".into();
                }
            }
            Action::NextComponent | Action::PrevComponent
                if interview::cycle_store(self, a == Action::NextComponent) => {}
            Action::NextComponent | Action::PrevComponent => {
                let n = self.names().len().max(1);
                self.comp = if a == Action::NextComponent {
                    (self.comp + 1) % n
                } else {
                    (self.comp + n - 1) % n
                };
                // The Costs and Trace tabs' texts are the component's: read from the top.
                if matches!(self.tab, Tab::Costs | Tab::Trace) {
                    self.scroll = (0, 0);
                }
                self.refresh_chart();
            }
            Action::WhatIf(w) => self.what_if(w),
            Action::ResetWhatIf => {
                if self.draft.whatifs.is_empty() {
                    self.message = "No what-ifs to drop.".into();
                } else {
                    self.draft.whatifs.clear();
                    self.recompute();
                    self.message = "What-ifs dropped; your edits stay.".into();
                }
            }
            Action::Copy => self.copy(),
            other => super::screens::act(self, other),
        }
    }

    pub fn set_tab(&mut self, t: Tab) {
        self.tab = t;
        self.scroll = (0, 0);
        self.refresh_chart();
    }

    pub fn ask(&mut self, p: Prompt, default: String) {
        self.mode = Mode::Asking(p, Input::new(default), None);
    }

    /// Saves to the workload's file, asking for a name the first time.
    pub fn save(&mut self) -> bool {
        match self.draft.path.clone() {
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
                let default = self.draft.beside(".yaml");
                self.ask(Prompt::SaveAs, default.display().to_string());
                false
            }
        }
    }

    /// Writes the workload or an export; an existing file is replaced only when it is the
    /// workload's own file or `force` (Alt-Enter) is given.
    pub fn write(&mut self, p: Prompt, path: &Path, force: bool) -> Result<String, String> {
        if path.as_os_str().is_empty() {
            return Err("type a file name".into());
        }
        let own = self.draft.path.as_deref() == Some(path);
        self.fresh(true);
        let bytes = match p {
            Prompt::SaveAs => self.draft.yaml(),
            Prompt::Export(e) => self.export(e)?,
        };
        crate::present::write_file(path, bytes.as_bytes(), force || own).map_err(|e| {
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
            self.draft.path = Some(path.to_path_buf());
            self.draft.dirty = false;
            self.store.clear_autosave();
            self.autosaved = false;
            self.store.remember(path);
        }
        Ok(format!("Wrote {} ({} bytes).", path.display(), bytes.len()))
    }

    pub fn export(&self, e: Export) -> Result<String, String> {
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

    /// A what-if on the current component: a layer over the draft, not an edit.
    fn what_if(&mut self, w: super::whatif::WhatIf) {
        self.fresh(false);
        let Ok(a) = &self.analysis else {
            self.message = "Fix the workload first: what-ifs change a workload that loads.".into();
            return;
        };
        let Some(c) = a.workload.components.get(self.comp) else {
            return;
        };
        let (name, shape) = (c.name.clone(), c.shape);
        self.draft.whatifs.push(&name, w, shape);
        self.recompute();
        self.message = format!("what-if: {} (0 drops them)", self.draft.whatifs.describe());
    }

    /// Copies what the screen shows to the terminal's clipboard.
    fn copy(&mut self) {
        self.fresh(true);
        let Ok(a) = &self.analysis else {
            self.message = "Nothing to copy until the workload loads.".into();
            return;
        };
        let (what, text) = match self.tab {
            Tab::Topology => (
                "the graph as Mermaid",
                topology::export::mermaid(&a.topology),
            ),
            Tab::Recommendation | Tab::Costs => {
                let Some(d) = a.advice.decisions.get(self.comp) else {
                    return;
                };
                let cost = d
                    .chosen()
                    .and_then(|x| x.monthly)
                    .map(crate::cost::usd)
                    .unwrap_or_else(|| "—".into());
                (
                    "the component's figure",
                    format!(
                        "{} → {} {cost} a month",
                        d.component,
                        d.placement.map(|p| p.as_str()).unwrap_or("no placement")
                    ),
                )
            }
            _ => match self.export(Export::Report) {
                Ok(md) => ("the report (markdown)", md),
                Err(e) => {
                    self.message = e;
                    return;
                }
            },
        };
        self.effects.push(Effect::Clipboard(text));
        self.message = format!("Copied {what} to the clipboard.");
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
                    Hit::Start(i) => welcome::click(self, i),
                    Hit::Step(_) | Hit::Field(_) | Hit::Component(_) | Hit::Store(_) => {
                        interview::click(self, hit)
                    }
                    Hit::Row(i) => {
                        self.comp = i;
                        self.refresh_chart();
                    }
                }
            }
            MouseEventKind::ScrollDown => self.act(Action::Down),
            MouseEventKind::ScrollUp => self.act(Action::Up),
            _ => {}
        }
    }
}
