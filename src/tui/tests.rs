//! The TUI without a terminal: messages in, state out, and every screen rendered on a
//! test backend at 80×24 and 160×48.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::app::{App, Mode, Pane, Tab};
use super::fields;
use super::store::Store;
use super::view;
use crate::cost::Pricing;
use crate::rules::RuleBase;
use crate::workload::load_str;
use rust_decimal::dec;

fn app_with(store: Store) -> App {
    App::new(RuleBase::embedded(), Pricing::embedded(), store, false)
}

fn app() -> App {
    app_with(Store::none())
}

fn key(app: &mut App, code: KeyCode) {
    let mods = match code {
        KeyCode::Char(c) if c.is_ascii_uppercase() => KeyModifiers::SHIFT,
        _ => KeyModifiers::NONE,
    };
    app.handle(&Event::Key(KeyEvent::new(code, mods)));
}

fn keys(app: &mut App, s: &str) {
    for c in s.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn example(app: &mut App, name: &str) {
    let i = app
        .starts
        .iter()
        .position(|(l, _)| l.contains(name))
        .expect("the example is offered");
    app.start(i);
}

fn screen(app: &mut App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
    let mut hits = Vec::new();
    t.draw(|f| hits = view::draw(f, app)).expect("draws");
    app.hits = hits;
    let buf = t.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        for x in 0..w {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn current_workload(app: &App) -> crate::workload::Workload {
    load_str("t.yaml", &fields::to_yaml(&app.doc))
        .expect("the draft loads")
        .0
}

#[test]
fn a_two_component_interview_ends_in_a_recommendation() {
    let mut a = app();
    assert!(a.screen_welcome);
    key(&mut a, KeyCode::Enter); // New workload
    assert!(!a.screen_welcome);
    assert_eq!(a.tab, Tab::Interview);
    // Rename the system: first field of the first step.
    key(&mut a, KeyCode::Enter);
    for _ in 0..20 {
        key(&mut a, KeyCode::Backspace);
    }
    keys(&mut a, "shop");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.doc["name"].as_str(), Some("shop"));
    // Add a second component and name it.
    key(&mut a, KeyCode::Char('a'));
    assert!(
        matches!(a.mode, Mode::Editing(..)),
        "adding asks for the name"
    );
    for _ in 0..20 {
        key(&mut a, KeyCode::Backspace);
    }
    keys(&mut a, "nightly");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.names(), ["api", "nightly"]);
    // Its kind: scheduled, from the list.
    assert_eq!(a.current_field().unwrap().key, "kind");
    key(&mut a, KeyCode::Enter);
    assert!(matches!(a.mode, Mode::Choosing(_)));
    let target = crate::workload::Kind::NAMES
        .iter()
        .position(|k| *k == "scheduled")
        .unwrap();
    // The list opens at the current kind (worker); go to the top first.
    for _ in 0..crate::workload::Kind::NAMES.len() {
        key(&mut a, KeyCode::Up);
    }
    for _ in 0..target {
        key(&mut a, KeyCode::Down);
    }
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.doc["components"][1]["kind"].as_str(), Some("scheduled"));
    // A scheduled job takes its runs from a schedule: one starts at a run a day, and the
    // request count a new component starts with goes (Lambda would price it apart).
    assert_eq!(
        a.message,
        "scheduled: a schedule starts at 1 run a day of 300 s; the request count is dropped: runs come from the schedule (step 2)."
    );
    assert!(a.doc["components"][1].get("traffic").is_none());
    // Step 2 (Traffic): make it a five-minute run twice a day.
    key(&mut a, KeyCode::Left);
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Right);
    assert_eq!(a.step, 1);
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Down);
    assert_eq!(a.current_field().unwrap().key, "schedule.runs_per_day");
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Backspace);
    keys(&mut a, "2");
    key(&mut a, KeyCode::Enter);
    assert_eq!(
        current_workload(&a).components[1].requests_per_month,
        dec!(61)
    );
    let w = current_workload(&a);
    assert_eq!(w.components.len(), 2);
    let analysis = a.analysis.as_ref().expect("a recommendation");
    assert_eq!(
        analysis.advice.placement("nightly"),
        Some(crate::placement::Placement::Lambda),
        "a five-minute daily job runs on Lambda (seed 000, scheduled work)"
    );
    key(&mut a, KeyCode::Char('r'));
    assert_eq!(a.tab, Tab::Recommendation);
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("nightly") && s.contains("lambda"), "{s}");
}

#[test]
fn a_bad_number_shows_under_the_field_and_is_not_kept() {
    let mut a = app();
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Left);
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Right);
    key(&mut a, KeyCode::Enter); // requests a month
    for _ in 0..20 {
        key(&mut a, KeyCode::Backspace);
    }
    keys(&mut a, "12x");
    match &a.mode {
        Mode::Editing(_, Some(e)) => assert!(e.contains("expected a number"), "{e}"),
        m => panic!("expected an error while typing, got {m:?}"),
    }
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("✗ expected a number"), "{s}");
    key(&mut a, KeyCode::Enter);
    assert!(matches!(a.mode, Mode::Editing(..)), "Enter keeps editing");
    key(&mut a, KeyCode::Esc);
    assert_eq!(
        a.doc["components"][0]["traffic"]["requests_per_month"].as_u64(),
        Some(1_000_000),
        "the old value stays"
    );
    // Out of range is refused too.
    key(&mut a, KeyCode::Left);
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Right);
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Down);
    assert_eq!(a.current_field().unwrap().key, "memory_mb");
    key(&mut a, KeyCode::Enter);
    keys(&mut a, "0");
    for _ in 0..10 {
        key(&mut a, KeyCode::Home);
    }
    key(&mut a, KeyCode::Enter);
    assert!(matches!(a.mode, Mode::Editing(_, Some(_))));
}

#[test]
fn renaming_a_component_follows_it_in_depends_on() {
    let mut a = app();
    example(&mut a, "order-workflow");
    let names = a.names();
    let saga = names.iter().position(|n| n == "order-saga").unwrap();
    a.comp = saga;
    a.tab = Tab::Interview;
    a.step = 0;
    a.field = 2;
    a.pane = Pane::Fields;
    key(&mut a, KeyCode::Enter);
    for _ in 0..30 {
        key(&mut a, KeyCode::Backspace);
    }
    keys(&mut a, "checkout-flow");
    key(&mut a, KeyCode::Enter);
    let w = current_workload(&a);
    let api = w
        .components
        .iter()
        .find(|c| c.name == "orders-api")
        .unwrap();
    assert_eq!(api.depends_on, ["checkout-flow"]);
    // A duplicate name is refused.
    a.field = 2;
    key(&mut a, KeyCode::Enter);
    for _ in 0..30 {
        key(&mut a, KeyCode::Backspace);
    }
    keys(&mut a, "payments");
    key(&mut a, KeyCode::Enter);
    match &a.mode {
        Mode::Editing(_, Some(e)) => assert!(e.contains("already called"), "{e}"),
        m => panic!("{m:?}"),
    }
}

#[test]
fn what_if_keys_change_the_answer_against_the_baseline() {
    let mut a = app();
    example(&mut a, "spiky-document-api");
    assert_eq!(a.tab, Tab::Recommendation);
    let before = a.analysis.as_ref().unwrap().advice.monthly;
    // The seed's $1.95 of Lambda and API Gateway, and $0.08 of logs.
    assert_eq!(before.to_string(), "2.03");
    // Traffic ×2 seven times: 336,000 → 43,008,000 requests a month.
    for _ in 0..7 {
        key(&mut a, KeyCode::Char('t'));
    }
    assert_eq!(
        current_workload(&a).components[0].requests_per_month,
        rust_decimal::Decimal::from(43_008_000)
    );
    let (_, base) = a.baseline.clone().expect("a baseline");
    assert_eq!(base, before);
    let after = a.analysis.as_ref().unwrap().advice.monthly;
    assert!(after > before);
    let s = screen(&mut a, 160, 48);
    assert!(s.contains("against the baseline $2.03"), "{s}");
    key(&mut a, KeyCode::Char('0'));
    assert!(a.baseline.is_none());
    assert_eq!(a.analysis.as_ref().unwrap().advice.monthly, before);
    // Shape cycles through the closed list.
    key(&mut a, KeyCode::Char('s'));
    assert_eq!(
        a.doc["components"][0]["traffic"]["shape"].as_str(),
        Some("sporadic")
    );
}

#[test]
fn every_example_round_trips_through_the_draft() {
    for (path, text) in crate::examples::WORKLOADS {
        let doc: serde_yaml::Value = serde_yaml::from_str(text).unwrap();
        let again = fields::to_yaml(&doc);
        let (a, _) = load_str(path, text).unwrap();
        let (b, _) = load_str(path, &again).unwrap_or_else(|e| panic!("{e}\n{again}"));
        assert_eq!(a, b, "{path}");
    }
}

#[test]
fn saving_writes_a_file_the_loader_reads_back_and_asks_before_overwriting() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_with(Store::at(dir.path().join("state")));
    example(&mut a, "rails-monolith");
    key(&mut a, KeyCode::Char('t')); // a change
    assert!(a.dirty);
    key(&mut a, KeyCode::Char('w'));
    let target = dir.path().join("mine.yaml");
    match &mut a.mode {
        Mode::Asking(_, input, _) => *input = tui_input::Input::new(target.display().to_string()),
        m => panic!("{m:?}"),
    }
    key(&mut a, KeyCode::Enter);
    assert!(a.message.starts_with("Wrote "), "{}", a.message);
    assert!(!a.dirty);
    let saved = std::fs::read_to_string(&target).unwrap();
    assert_eq!(
        load_str("mine.yaml", &saved).unwrap().0,
        current_workload(&a)
    );
    // Export the report next to it; a second export to the same name asks first.
    for round in 0..2 {
        key(&mut a, KeyCode::Char('e'));
        key(&mut a, KeyCode::Enter);
        let report = dir.path().join("report.md");
        match &mut a.mode {
            Mode::Asking(_, input, _) => {
                *input = tui_input::Input::new(report.display().to_string())
            }
            m => panic!("{m:?}"),
        }
        key(&mut a, KeyCode::Enter);
        if round == 0 {
            assert!(a.message.contains("report.md"), "{}", a.message);
            assert!(std::fs::read_to_string(&report).unwrap().starts_with("# "));
        } else {
            match &a.mode {
                Mode::Asking(_, _, Some(e)) => assert!(e.contains("Alt-Enter overwrites"), "{e}"),
                m => panic!("{m:?}"),
            }
            key(&mut a, KeyCode::Esc);
        }
    }
}

#[test]
fn an_unfinished_session_is_offered_again_and_a_clean_quit_clears_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(dir.path().to_path_buf());
    let mut a = app_with(store.clone());
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Char('a'));
    for _ in 0..20 {
        key(&mut a, KeyCode::Backspace);
    }
    keys(&mut a, "worker-x");
    key(&mut a, KeyCode::Enter);
    assert!(
        store.autosave_exists().is_some(),
        "autosaved on every change"
    );
    drop(a); // the terminal was killed

    let mut b = app_with(store.clone());
    let resume = b
        .starts
        .iter()
        .position(|(l, _)| l.contains("Resume"))
        .expect("resume is offered");
    b.start(resume);
    assert_eq!(b.names(), ["api", "worker-x"]);
    // Quitting with unsaved work asks; `y` discards and clears the autosave.
    key(&mut b, KeyCode::Char('q'));
    assert!(matches!(b.mode, Mode::ConfirmQuit));
    assert!(!b.quit);
    key(&mut b, KeyCode::Char('y'));
    assert!(b.quit);
    assert!(store.autosave_exists().is_none());
}

#[test]
fn the_help_overlay_lists_the_key_table() {
    let mut a = app();
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Char('?'));
    let s = screen(&mut a, 160, 48);
    for b in super::keys::BINDINGS.iter().filter(|b| !b.shown.is_empty()) {
        assert!(s.contains(b.help), "help lacks `{}`:\n{s}", b.help);
    }
    key(&mut a, KeyCode::Char('x'));
    assert!(matches!(a.mode, Mode::Normal), "any key closes help");
}

#[test]
fn clicks_select_tabs_and_rows() {
    let mut a = app();
    example(&mut a, "order-workflow");
    screen(&mut a, 80, 24);
    let (rect, _) = *a
        .hits
        .iter()
        .find(|(_, h)| *h == super::app::Hit::Tab(3))
        .unwrap();
    a.handle(&Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: rect.x + 1,
        row: rect.y,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(a.tab, Tab::Topology);
    a.tab = Tab::Recommendation;
    screen(&mut a, 80, 24);
    let (rect, _) = *a
        .hits
        .iter()
        .find(|(_, h)| *h == super::app::Hit::Row(2))
        .unwrap();
    a.handle(&Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: rect.x,
        row: rect.y,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(a.comp, 2);
}

#[test]
fn every_screen_at_80x24_and_160x48() {
    type Setup = fn(&mut App);
    let screens: &[(&str, Setup)] = &[
        ("welcome", |_| {}),
        ("interview", |a| key(a, KeyCode::Enter)),
        ("interview-traffic", |a| {
            key(a, KeyCode::Enter);
            key(a, KeyCode::Left);
            key(a, KeyCode::Down);
            key(a, KeyCode::Right);
        }),
        ("interview-choice", |a| {
            key(a, KeyCode::Enter);
            key(a, KeyCode::Down);
            key(a, KeyCode::Down);
            key(a, KeyCode::Down);
            key(a, KeyCode::Enter);
        }),
        ("recommendation", |a| example(a, "order-workflow")),
        ("costs", |a| {
            example(a, "spiky-document-api");
            a.tab = Tab::Costs;
        }),
        ("topology", |a| {
            example(a, "order-workflow");
            a.tab = Tab::Topology;
        }),
        ("migration", |a| {
            example(a, "rails-monolith");
            a.tab = Tab::Migration;
        }),
        ("risks", |a| {
            example(a, "order-workflow");
            a.tab = Tab::Risks;
        }),
        ("trace", |a| {
            example(a, "sustained-api");
            a.tab = Tab::Trace;
        }),
        ("help", |a| {
            key(a, KeyCode::Enter);
            key(a, KeyCode::Char('?'));
        }),
        ("export", |a| {
            example(a, "cron-report");
            key(a, KeyCode::Char('e'));
        }),
        ("save-as", |a| {
            key(a, KeyCode::Enter);
            key(a, KeyCode::Char('w'));
        }),
        ("confirm-quit", |a| {
            key(a, KeyCode::Enter);
            key(a, KeyCode::Char('q'));
        }),
    ];
    for (name, setup) in screens {
        for (w, h) in [(80u16, 24u16), (160, 48)] {
            let mut a = app();
            setup(&mut a);
            let s = screen(&mut a, w, h);
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), s);
        }
    }
}
