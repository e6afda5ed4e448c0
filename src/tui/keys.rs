//! The key table: the one list that both handles keys and writes the help overlay.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    Help,
    NextTab,
    PrevTab,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Enter,
    Back,
    AddComponent,
    RemoveComponent,
    NextComponent,
    PrevComponent,
    Save,
    SaveAs,
    Export,
    Results,
    WhatIf(WhatIf),
    ResetWhatIf,
    Palette,
    Undo,
    Redo,
    Copy,
    /// Practice: tick or untick the selected answer.
    Toggle,
    /// Practice: reveal one fired rule's reason (costs a point).
    Hint,
    /// Practice: commit the answers.
    Commit,
    /// Practice: another scenario.
    NewScenario,
    /// Practice: a time budget for each phase, on or off.
    Timer,
}

pub use super::whatif::WhatIf;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Everywhere but while typing.
    Global,
    Interview,
    Results,
    Practice,
}

pub struct Binding {
    pub keys: &'static [(KeyCode, KeyModifiers)],
    /// How the help overlay names the keys.
    pub shown: &'static str,
    pub action: Action,
    pub context: Context,
    pub help: &'static str,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;

macro_rules! bind {
    ($shown:literal, [$($k:expr),+], $action:expr, $ctx:ident, $help:literal) => {
        Binding { keys: &[$($k),+], shown: $shown, action: $action, context: Context::$ctx, help: $help }
    };
}

use Action::*;
use KeyCode::{BackTab, Char, Down as KDown, End, Enter as KEnter, Esc, F, Home, Left as KLeft};
use KeyCode::{PageDown as KPageDown, PageUp as KPageUp, Right as KRight, Tab, Up as KUp};

pub const BINDINGS: &[Binding] = &[
    bind!(
        "q",
        [(Char('q'), NONE)],
        Quit,
        Global,
        "quit (asks if unsaved)"
    ),
    bind!(
        "?",
        [(Char('?'), NONE), (Char('?'), SHIFT), (F(1), NONE)],
        Help,
        Global,
        "this help"
    ),
    bind!("Tab", [(Tab, NONE)], NextTab, Global, "next tab"),
    bind!(
        "Shift-Tab",
        [(BackTab, SHIFT), (BackTab, NONE)],
        PrevTab,
        Global,
        "previous tab"
    ),
    bind!(
        "↑ k",
        [(KUp, NONE), (Char('k'), NONE)],
        Up,
        Global,
        "previous item"
    ),
    bind!(
        "↓ j",
        [(KDown, NONE), (Char('j'), NONE)],
        Down,
        Global,
        "next item"
    ),
    bind!(
        "PgUp PgDn",
        [(KPageUp, NONE)],
        PageUp,
        Global,
        "scroll a page"
    ),
    bind!("", [(KPageDown, NONE)], PageDown, Global, ""),
    bind!(
        "Home End",
        [(Home, NONE), (Char('g'), NONE)],
        Top,
        Global,
        "first / last item"
    ),
    bind!(
        "",
        [(End, NONE), (Char('G'), SHIFT), (Char('G'), NONE)],
        Bottom,
        Global,
        ""
    ),
    bind!(
        "Enter",
        [(KEnter, NONE)],
        Enter,
        Global,
        "edit the field / open"
    ),
    bind!("Esc", [(Esc, NONE)], Back, Global, "cancel, close, back"),
    bind!(
        "Ctrl-S w",
        [(Char('s'), CTRL), (Char('w'), NONE)],
        Save,
        Global,
        "save the workload (YAML)"
    ),
    bind!(
        "W",
        [(Char('W'), SHIFT), (Char('W'), NONE)],
        SaveAs,
        Global,
        "save under another name"
    ),
    bind!(
        "e",
        [(Char('e'), NONE)],
        Export,
        Global,
        "export report, ADR, graph"
    ),
    bind!(
        ": Ctrl-P",
        [(Char(':'), NONE), (Char(':'), SHIFT), (Char('p'), CTRL)],
        Palette,
        Global,
        "palette: every action"
    ),
    bind!("u", [(Char('u'), NONE)], Undo, Global, "undo the last edit"),
    bind!(
        "Ctrl-R",
        [(Char('r'), CTRL)],
        Redo,
        Global,
        "redo what was undone"
    ),
    bind!(
        "y",
        [(Char('y'), NONE)],
        Copy,
        Global,
        "copy figure, graph, report"
    ),
    bind!(
        "← h",
        [(KLeft, NONE), (Char('h'), NONE)],
        Left,
        Interview,
        "steps pane"
    ),
    bind!(
        "→ l",
        [(KRight, NONE), (Char('l'), NONE)],
        Right,
        Interview,
        "questions pane"
    ),
    bind!(
        "a",
        [(Char('a'), NONE)],
        AddComponent,
        Interview,
        "add a component (or store)"
    ),
    bind!(
        "x Del",
        [(Char('x'), NONE), (KeyCode::Delete, NONE)],
        RemoveComponent,
        Interview,
        "remove it (or the store)"
    ),
    bind!(
        "[ ]",
        [(Char('['), NONE)],
        PrevComponent,
        Global,
        "previous / next component"
    ),
    bind!("", [(Char(']'), NONE)], NextComponent, Global, ""),
    bind!(
        "r",
        [(Char('r'), NONE)],
        Results,
        Interview,
        "see the recommendation"
    ),
    bind!(
        "← →",
        [(KLeft, NONE), (Char('h'), NONE)],
        Left,
        Results,
        "scroll sideways"
    ),
    bind!("", [(KRight, NONE), (Char('l'), NONE)], Right, Results, ""),
    bind!(
        "t T",
        [(Char('t'), NONE)],
        WhatIf(WhatIf::TrafficUp),
        Results,
        "what-if: traffic ×2 / ÷2"
    ),
    bind!(
        "",
        [(Char('T'), SHIFT), (Char('T'), NONE)],
        WhatIf(WhatIf::TrafficDown),
        Results,
        ""
    ),
    bind!(
        "d D",
        [(Char('d'), NONE)],
        WhatIf(WhatIf::DurationUp),
        Results,
        "what-if: duration ×2 / ÷2"
    ),
    bind!(
        "",
        [(Char('D'), SHIFT), (Char('D'), NONE)],
        WhatIf(WhatIf::DurationDown),
        Results,
        ""
    ),
    bind!(
        "m M",
        [(Char('m'), NONE)],
        WhatIf(WhatIf::MemoryUp),
        Results,
        "what-if: memory ×2 / ÷2"
    ),
    bind!(
        "",
        [(Char('M'), SHIFT), (Char('M'), NONE)],
        WhatIf(WhatIf::MemoryDown),
        Results,
        ""
    ),
    bind!(
        "s",
        [(Char('s'), NONE)],
        WhatIf(WhatIf::CycleShape),
        Results,
        "what-if: next shape"
    ),
    bind!(
        "0",
        [(Char('0'), NONE)],
        ResetWhatIf,
        Results,
        "drop what-ifs (edits stay)"
    ),
    bind!(
        "Space",
        [(Char(' '), NONE)],
        Toggle,
        Practice,
        "pick or tick the row"
    ),
    bind!(
        "h",
        [(Char('h'), NONE)],
        Hint,
        Practice,
        "a hint (costs a point)"
    ),
    bind!(
        "c",
        [(Char('c'), NONE)],
        Commit,
        Practice,
        "commit the answers"
    ),
    bind!(
        "n",
        [(Char('n'), NONE)],
        NewScenario,
        Practice,
        "another scenario"
    ),
    bind!(
        "T",
        [(Char('T'), SHIFT), (Char('T'), NONE)],
        Timer,
        Practice,
        "5-minute timer on/off"
    ),
    bind!(
        "← →",
        [(KLeft, NONE)],
        PrevComponent,
        Practice,
        "previous / next component"
    ),
    bind!("", [(KRight, NONE)], NextComponent, Practice, ""),
];

impl Binding {
    /// The first key of a binding as people write it, for the palette: `Ctrl-S`, `t`.
    pub fn key_name(&self) -> String {
        if !self.shown.is_empty() {
            return self
                .shown
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_string();
        }
        let (code, mods) = self.keys[0];
        let k = match code {
            Char(c) => c.to_string(),
            KEnter => "Enter".into(),
            Esc => "Esc".into(),
            KPageDown => "PgDn".into(),
            KPageUp => "PgUp".into(),
            End => "End".into(),
            Home => "Home".into(),
            _ => String::new(),
        };
        if mods.contains(CTRL) {
            format!("Ctrl-{}", k.to_uppercase())
        } else {
            k
        }
    }
}

/// What the command palette offers: every action with a description, its key and the
/// context it belongs to (the same table that dispatches keys).
pub fn palette() -> Vec<(&'static str, String, Action)> {
    BINDINGS
        .iter()
        .filter(|b| !b.help.is_empty() && b.context != Context::Practice)
        .filter(|b| !matches!(b.action, Action::Palette))
        .map(|b| (b.help, b.key_name(), b.action))
        .chain(
            BINDINGS
                .iter()
                .filter(|b| b.help.is_empty() && b.context != Context::Practice)
                .filter_map(|b| companion(b.action).map(|h| (h, b.key_name(), b.action))),
        )
        .collect()
}

/// Names for the second half of paired bindings (shown together in help).
fn companion(a: Action) -> Option<&'static str> {
    Some(match a {
        Action::PageDown => "scroll a page down",
        Action::Bottom => "last item",
        Action::NextComponent => "next component",
        Action::Right => "scroll right / questions pane",
        Action::WhatIf(WhatIf::TrafficDown) => "what-if: traffic ÷2",
        Action::WhatIf(WhatIf::DurationDown) => "what-if: duration ÷2",
        Action::WhatIf(WhatIf::MemoryDown) => "what-if: memory ÷2",
        _ => return None,
    })
}

/// How well `query` matches `text`: every character in order (case ignored), earlier
/// and contiguous matches scoring higher; `None` when it does not match.
pub fn fuzzy(query: &str, text: &str) -> Option<i64> {
    let q: Vec<char> = query
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if q.is_empty() {
        return Some(0);
    }
    let t: Vec<char> = text.to_lowercase().chars().collect();
    let mut score = 0i64;
    let mut at = 0usize;
    let mut last: Option<usize> = None;
    for c in q {
        let i = (at..t.len()).find(|&i| t[i] == c)?;
        score -= i as i64;
        if last.is_some_and(|l| l + 1 == i) {
            score += 10;
        }
        if i == 0 || t[i - 1] == ' ' {
            score += 5;
        }
        last = Some(i);
        at = i + 1;
    }
    Some(score)
}

/// The action a key has in a context (specific bindings before global ones).
pub fn action(key: &KeyEvent, context: Context) -> Option<Action> {
    let matches = |b: &&Binding| {
        b.keys
            .iter()
            .any(|(code, mods)| *code == key.code && *mods == key.modifiers)
    };
    BINDINGS
        .iter()
        .filter(|b| b.context == context)
        .find(matches)
        .or_else(|| {
            BINDINGS
                .iter()
                .filter(|b| b.context == Context::Global)
                .find(matches)
        })
        .map(|b| b.action)
}

/// The help overlay's lines: (keys, what they do), grouped by context.
pub fn help() -> Vec<(&'static str, Vec<(&'static str, &'static str)>)> {
    [
        (Context::Global, "Everywhere"),
        (Context::Interview, "Interview"),
        (Context::Results, "Results"),
        (Context::Practice, "Practice"),
    ]
    .into_iter()
    .map(|(ctx, title)| {
        (
            title,
            BINDINGS
                .iter()
                .filter(|b| b.context == ctx && !b.shown.is_empty())
                .map(|b| (b.shown, b.help))
                .collect(),
        )
    })
    .collect()
}
