//! The TUI without a terminal: messages in, state out, and every screen rendered on a
//! test backend at 80×24 and 160×48.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use rust_decimal::{Decimal, dec};

use super::app::{App, Effect, Hit, Mode, Tab};
use super::fields;
use super::screens::interview::Pane;
use super::screens::welcome;
use super::store::Store;
use super::view;
use crate::cost::Pricing;
use crate::placement::Placement;
use crate::rules::RuleBase;
use crate::workload::load_str;

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

fn ctrl(app: &mut App, c: char) {
    app.handle(&Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    )));
}

fn keys(app: &mut App, s: &str) {
    for c in s.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn clear_field(app: &mut App) {
    for _ in 0..40 {
        key(app, KeyCode::Backspace);
    }
}

fn example(app: &mut App, name: &str) {
    let i = app.welcome.find(name).expect("the example is offered");
    welcome::start(app, i);
}

fn screen(app: &mut App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
    let mut drawn = None;
    t.draw(|f| drawn = Some(view::draw(f, app))).expect("draws");
    app.drawn(drawn.expect("a frame"));
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

fn draft_workload(app: &App) -> crate::workload::Workload {
    load_str("t.yaml", &fields::to_yaml(&app.draft.doc))
        .expect("the draft loads")
        .0
}

fn analysed(app: &App) -> &super::app::Analysis {
    app.analysis.as_ref().expect("the workload loads")
}

/// Goes to step `n` (0-based) of the interview, questions pane.
fn step(app: &mut App, n: usize) {
    key(app, KeyCode::Left);
    for _ in 0..10 {
        key(app, KeyCode::Up);
    }
    for _ in 0..n {
        key(app, KeyCode::Down);
    }
    key(app, KeyCode::Right);
}

/// Selects the question `key` in the current step.
fn question(app: &mut App, k: &str) {
    for _ in 0..20 {
        key(app, KeyCode::Up);
    }
    for _ in 0..20 {
        if app.current_field().map(|f| f.key) == Some(k) {
            return;
        }
        key(app, KeyCode::Down);
    }
    panic!("no question {k} in this step");
}

#[test]
fn a_two_component_interview_ends_in_a_recommendation() {
    let mut a = app();
    assert!(a.screen_welcome);
    key(&mut a, KeyCode::Enter); // New workload
    assert!(!a.screen_welcome);
    assert_eq!(a.tab, Tab::Interview);
    // Rename the system: first question of the first step.
    key(&mut a, KeyCode::Enter);
    clear_field(&mut a);
    keys(&mut a, "shop");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.draft.doc["name"].as_str(), Some("shop"));
    // Enter moved on to the next question.
    assert_eq!(a.current_field().unwrap().key, "description");
    // Add a second component and name it.
    key(&mut a, KeyCode::Char('a'));
    assert!(
        matches!(a.mode, Mode::Editing(..)),
        "adding asks for the name"
    );
    clear_field(&mut a);
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
    key(&mut a, KeyCode::Home);
    for _ in 0..target {
        key(&mut a, KeyCode::Down);
    }
    key(&mut a, KeyCode::Enter);
    assert_eq!(
        a.draft.doc["components"][1]["kind"].as_str(),
        Some("scheduled")
    );
    // Enter after a choice moves on, as after text.
    assert_eq!(a.current_field().unwrap().key, "depends_on");
    // A scheduled job takes its runs from a schedule: one starts at a run a day, and the
    // request count a new component starts with goes (Lambda would price it apart).
    assert_eq!(
        a.message,
        "scheduled: a schedule starts at 1 run a day of 300 s; the request count is dropped: runs come from the schedule (step 2)."
    );
    assert!(a.draft.doc["components"][1].get("traffic").is_none());
    // Step 2 (Traffic) asks a timetable for its runs, not for a peak.
    step(&mut a, 1);
    let asked: Vec<&str> = super::screens::interview::visible(&a.draft.doc, 1, 1, 0)
        .iter()
        .map(|f| f.key)
        .collect();
    assert_eq!(
        asked,
        [
            "traffic.requests_per_month",
            "traffic.shape",
            "schedule.runs_per_day",
            "schedule.run_seconds"
        ]
    );
    question(&mut a, "schedule.runs_per_day");
    key(&mut a, KeyCode::Enter);
    clear_field(&mut a);
    keys(&mut a, "2");
    key(&mut a, KeyCode::Enter);
    assert_eq!(
        draft_workload(&a).components[1].requests_per_month,
        dec!(61)
    );
    assert_eq!(
        analysed(&a).advice.placement("nightly"),
        Some(Placement::Lambda),
        "a five-minute daily job runs on Lambda (scheduled work)"
    );
    key(&mut a, KeyCode::Char('r'));
    assert_eq!(a.tab, Tab::Recommendation);
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("nightly") && s.contains("lambda"), "{s}");
}

#[test]
fn numbers_are_taken_as_people_say_them_and_shown_with_separators() {
    let mut a = app();
    key(&mut a, KeyCode::Enter);
    step(&mut a, 1);
    question(&mut a, "traffic.requests_per_month");
    for (typed, stored) in [
        ("350k", 350_000u64),
        ("1.2M", 1_200_000),
        ("350,000", 350_000),
        ("7200/day", 219_000),
        ("5/min", 219_000),
        ("20 req/s", 52_560_000),
    ] {
        key(&mut a, KeyCode::Enter);
        clear_field(&mut a);
        keys(&mut a, typed);
        key(&mut a, KeyCode::Enter);
        assert!(matches!(a.mode, Mode::Normal), "{typed}: {:?}", a.mode);
        assert_eq!(
            a.draft.doc["components"][0]["traffic"]["requests_per_month"].as_u64(),
            Some(stored),
            "{typed}"
        );
        question(&mut a, "traffic.requests_per_month");
    }
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("52,560,000"), "{s}");
}

#[test]
fn a_bad_number_shows_under_the_field_and_is_not_kept() {
    let mut a = app();
    key(&mut a, KeyCode::Enter);
    step(&mut a, 1);
    question(&mut a, "traffic.requests_per_month");
    key(&mut a, KeyCode::Enter);
    clear_field(&mut a);
    keys(&mut a, "12x");
    match &a.mode {
        Mode::Editing(_, Some(e)) => assert!(e.contains("expected a number"), "{e}"),
        m => panic!("expected an error while typing, got {m:?}"),
    }
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("✗ expected a number"), "{s}");
    key(&mut a, KeyCode::Enter);
    assert!(matches!(a.mode, Mode::Editing(..)), "Enter keeps editing");
    // The footer says the editor is still open (no stale message from before).
    assert!(a.message.contains("Still editing"), "{}", a.message);
    key(&mut a, KeyCode::Esc);
    assert_eq!(
        a.draft.doc["components"][0]["traffic"]["requests_per_month"].as_u64(),
        Some(1_000_000),
        "the old value stays"
    );
    // Out of range is refused too.
    step(&mut a, 2);
    question(&mut a, "memory_mb");
    key(&mut a, KeyCode::Enter);
    keys(&mut a, "0");
    key(&mut a, KeyCode::Enter);
    assert!(matches!(a.mode, Mode::Editing(_, Some(_))));
}

#[test]
fn messages_answer_one_key_and_a_refused_value_keeps_the_editor_open() {
    // Bug 5: "Added component-2: type its name." stayed after the rename and across
    // tabs; after an invalid value the next key landed in the field unnoticed.
    let mut a = app();
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Char('a'));
    assert!(a.message.starts_with("Added component-2"), "{}", a.message);
    clear_field(&mut a);
    assert!(a.message.is_empty(), "{}", a.message);
    keys(&mut a, "procesor");
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Tab);
    assert!(a.message.is_empty(), "{}", a.message);
    key(&mut a, KeyCode::BackTab);
    step(&mut a, 2);
    question(&mut a, "memory_mb");
    key(&mut a, KeyCode::Enter);
    keys(&mut a, "0");
    key(&mut a, KeyCode::Enter);
    assert!(matches!(a.mode, Mode::Editing(_, Some(_))));
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("memory MB not kept"), "{s}");
    // The next key goes to the editor, as the footer says, and fixes the value.
    key(&mut a, KeyCode::Backspace);
    keys(&mut a, "1024");
    key(&mut a, KeyCode::Enter);
    assert_eq!(
        a.draft.doc["components"][1]["memory_mb"].as_u64(),
        Some(1024)
    );
    assert_eq!(a.names(), ["api", "procesor"]);
}

#[test]
fn renaming_a_component_follows_it_in_depends_on() {
    let mut a = app();
    example(&mut a, "order-workflow");
    let saga = a.names().iter().position(|n| n == "order-saga").unwrap();
    a.comp = saga;
    a.set_tab(Tab::Interview);
    a.interview.pane = Pane::Fields;
    // The system's name comes first; the component's is the `name` after the kind-less
    // workload questions, just above its kind.
    question(&mut a, "kind");
    key(&mut a, KeyCode::Up);
    assert_eq!(a.current_field().unwrap().label, "component");
    key(&mut a, KeyCode::Enter);
    clear_field(&mut a);
    keys(&mut a, "checkout-flow");
    key(&mut a, KeyCode::Enter);
    let w = draft_workload(&a);
    let api = w
        .components
        .iter()
        .find(|c| c.name == "orders-api")
        .unwrap();
    assert_eq!(api.depends_on, ["checkout-flow"]);
    // A duplicate name is refused.
    key(&mut a, KeyCode::Up);
    key(&mut a, KeyCode::Enter);
    clear_field(&mut a);
    keys(&mut a, "payments");
    key(&mut a, KeyCode::Enter);
    match &a.mode {
        Mode::Editing(_, Some(e)) => assert!(e.contains("already called"), "{e}"),
        m => panic!("{m:?}"),
    }
}

#[test]
fn what_ifs_are_a_layer_dropped_alone_and_never_written_into_the_draft() {
    // Bug 3: `0` threw away edits made after a what-if; what-ifs wrote into the fields.
    let mut a = app();
    example(&mut a, "spiky-document-api");
    assert_eq!(a.tab, Tab::Recommendation);
    let before = analysed(&a).advice.monthly;
    // The seed's $1.95 of Lambda and API Gateway, and $0.08 of logs.
    assert_eq!(before, dec!(2.03));
    let doc = a.draft.doc.clone();
    // Traffic ×2 seven times: 336,000 → 43,008,000 requests a month.
    for _ in 0..7 {
        key(&mut a, KeyCode::Char('t'));
    }
    assert_eq!(a.draft.doc, doc, "the draft is untouched");
    assert!(!a.draft.dirty);
    let c = &analysed(&a).workload.components[0];
    assert_eq!(c.requests_per_month, Decimal::from(43_008_000));
    // Bug 8: a given peak scales with the traffic.
    assert_eq!(c.peak_rps, dec!(33.3) * Decimal::from(128));
    assert_eq!(analysed(&a).baseline, Some(before));
    let after = analysed(&a).advice.monthly;
    assert!(after > before);
    let s = screen(&mut a, 160, 48);
    assert!(s.contains("from what-ifs; 0 drops them"), "{s}");
    assert!(s.contains("what-if: traffic ×128 on documents-api"), "{s}");
    // A manual edit after the what-ifs stays when they are dropped.
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.tab, Tab::Interview);
    step(&mut a, 2);
    question(&mut a, "memory_mb");
    // The interview shows the draft's value, not the what-if's.
    key(&mut a, KeyCode::Enter);
    clear_field(&mut a);
    keys(&mut a, "1024");
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Char('r'));
    key(&mut a, KeyCode::Char('m'));
    assert_eq!(analysed(&a).workload.components[0].memory_mb, dec!(2048));
    assert_eq!(
        a.draft.doc["components"][0]["memory_mb"].as_u64(),
        Some(1024)
    );
    key(&mut a, KeyCode::Char('0'));
    assert_eq!(analysed(&a).baseline, None);
    assert!(a.draft.whatifs.is_empty());
    assert_eq!(analysed(&a).workload.components[0].memory_mb, dec!(1024));
    assert_eq!(
        analysed(&a).workload.components[0].requests_per_month,
        Decimal::from(336_000)
    );
    // Shape cycles through the traffic shapes, in the layer too.
    key(&mut a, KeyCode::Char('s'));
    assert_eq!(
        analysed(&a).workload.components[0].shape,
        crate::workload::Shape::Sporadic
    );
    assert_eq!(
        a.draft.doc["components"][0]["traffic"]["shape"].as_str(),
        Some("spiky")
    );
}

#[test]
fn a_burst_of_keys_is_analysed_once_with_the_same_answer() {
    // Keys handled one by one and keys handled as one burst end in the same analysis;
    // during the burst the analysis is only marked stale.
    let mut one = app();
    example(&mut one, "spiky-document-api");
    one.tab = Tab::Costs;
    let mut burst = app();
    example(&mut burst, "spiky-document-api");
    burst.tab = Tab::Costs;
    let before = analysed(&burst).advice.monthly;
    burst.defer = true;
    for c in "ttttmmd".chars() {
        key(&mut one, KeyCode::Char(c));
        key(&mut burst, KeyCode::Char(c));
    }
    assert_eq!(
        analysed(&burst).advice.monthly,
        before,
        "not redone mid-burst"
    );
    burst.settle();
    assert!(!burst.defer);
    assert_eq!(
        analysed(&burst).advice.monthly,
        analysed(&one).advice.monthly
    );
    assert_ne!(analysed(&burst).advice.monthly, before);
    assert_eq!(screen(&mut burst, 120, 40), screen(&mut one, 120, 40));
}

#[test]
fn a_what_if_after_an_edit_in_the_same_burst_names_the_edited_component() {
    // Mid-burst the analysis is stale; a what-if reads the component's name from it, so
    // an edit earlier in the burst is analysed first.
    let mut a = app();
    example(&mut a, "spiky-document-api");
    a.defer = true;
    a.before_edit();
    a.draft.doc["components"][0]["name"] = "renamed-api".into();
    a.recompute();
    key(&mut a, KeyCode::Char('t'));
    a.settle();
    assert!(
        a.draft.whatifs.describe().contains("renamed-api"),
        "{}",
        a.draft.whatifs.describe()
    );
    assert_eq!(analysed(&a).workload.components[0].name, "renamed-api");
    assert_eq!(
        analysed(&a).workload.components[0].requests_per_month,
        Decimal::from(672_000)
    );
}

#[test]
fn a_what_if_keeps_the_workload_valid_and_can_be_taken_back() {
    // Bug 2: `d` three times on a 2 s longest run made the draft fail to load, and the
    // inverse key was then refused.
    let mut a = app();
    example(&mut a, "spiky-document-api");
    for _ in 0..4 {
        key(&mut a, KeyCode::Char('d'));
    }
    let c = &analysed(&a).workload.components[0];
    assert_eq!(c.duration_ms, Decimal::from(4000));
    assert!(c.max_duration_s >= Decimal::from(4), "{}", c.max_duration_s);
    for _ in 0..4 {
        key(&mut a, KeyCode::Char('D'));
    }
    assert_eq!(
        analysed(&a).workload.components[0].duration_ms,
        Decimal::from(250)
    );
    assert_eq!(analysed(&a).advice.monthly, dec!(2.03));
}

#[test]
fn a_timetable_what_if_changes_its_runs() {
    // Bug 8: on a scheduled job `t` doubled a request count that changed nothing.
    let mut a = app();
    example(&mut a, "cron-report");
    // Without the free tier, which would hide a doubled bill of a few cents.
    let free = fields::STEPS
        .iter()
        .flat_map(|s| s.fields)
        .find(|f| f.key == "assumptions.free_tier")
        .unwrap();
    fields::set(&mut a.draft.doc, free, 0, Some(false.into()));
    a.recompute();
    let before = analysed(&a).advice.monthly;
    let runs = analysed(&a).workload.components[0]
        .schedule
        .as_ref()
        .unwrap()
        .runs_per_month;
    key(&mut a, KeyCode::Char('t'));
    let c = &analysed(&a).workload.components[0];
    assert_eq!(
        c.schedule.as_ref().unwrap().runs_per_month.round_dp(6),
        (runs * Decimal::TWO).round_dp(6)
    );
    assert!(analysed(&a).advice.monthly > before);
}

#[test]
fn load_errors_name_the_component_and_the_question() {
    // Bug 2: errors pointed at `draft:30:19`, a document the user never sees.
    let mut a = app();
    key(&mut a, KeyCode::Enter);
    step(&mut a, 2);
    question(&mut a, "memory_mb");
    let f = a.current_field().unwrap();
    a.before_edit();
    fields::set(&mut a.draft.doc, f, 0, Some(serde_yaml::Value::from(0)));
    a.changed();
    let e = a.analysis.as_ref().err().expect("no memory is refused");
    assert!(e.starts_with("api › memory MB"), "{e}");
}

#[test]
fn checkboxes_show_their_state_and_flip() {
    // Bug 1: checkboxes always drew ☐.
    let mut a = app();
    key(&mut a, KeyCode::Enter);
    step(&mut a, 9);
    question(&mut a, "assumptions.free_tier");
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("☑ yes (assumed)"), "{s}");
    key(&mut a, KeyCode::Enter);
    assert_eq!(
        a.draft.doc["assumptions"]["free_tier"].as_bool(),
        Some(false)
    );
    let line = |a: &mut App| {
        screen(a, 80, 24)
            .lines()
            .find(|l| l.contains("free tier  "))
            .unwrap()
            .to_string()
    };
    assert!(
        line(&mut a).ends_with("free tier               ☐ no"),
        "{}",
        line(&mut a)
    );
    key(&mut a, KeyCode::Enter);
    assert!(
        line(&mut a).ends_with("free tier               ☑ yes"),
        "{}",
        line(&mut a)
    );
}

#[test]
fn every_field_shows_the_value_archway_uses() {
    let mut a = app();
    key(&mut a, KeyCode::Enter);
    step(&mut a, 2);
    let s = screen(&mut a, 120, 40);
    // Lambda's floor for an API with nothing said: 128 MB… whatever the loader assumes,
    // it is shown, marked, never as "default".
    assert!(!s.contains("default"), "{s}");
    let memory = analysed(&a).workload.components[0].memory_mb;
    assert!(
        s.contains(&format!("{} (assumed)", crate::cost::qty(memory))),
        "{s}"
    );
}

#[test]
fn the_shared_stores_are_asked_as_resources_of_the_system() {
    let mut a = app();
    key(&mut a, KeyCode::Enter);
    step(&mut a, 4);
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("No shared stores yet"), "{s}");
    // `a` on this step adds a store, named first.
    key(&mut a, KeyCode::Char('a'));
    assert!(matches!(a.mode, Mode::Editing(..)));
    clear_field(&mut a);
    keys(&mut a, "orders-db");
    key(&mut a, KeyCode::Enter);
    assert_eq!(fields::declared_stores(&a.draft.doc), ["orders-db"]);
    assert_eq!(a.current_field().unwrap().key, "engine");
    // A relational store asks for its class, instances, standby, storage, connections.
    let asked: Vec<&str> = super::screens::interview::visible(&a.draft.doc, 4, 0, 0)
        .iter()
        .map(|f| f.key)
        .collect();
    assert_eq!(
        asked,
        [
            "name",
            "engine",
            "instance_class",
            "instances",
            "multi_az",
            "storage_gb",
            "max_connections"
        ]
    );
    question(&mut a, "multi_az");
    key(&mut a, KeyCode::Enter);
    // The API uses it (step 4, its data store).
    step(&mut a, 3);
    question(&mut a, "data.store");
    key(&mut a, KeyCode::Enter);
    keys(&mut a, "orders-db");
    key(&mut a, KeyCode::Enter);
    let bill = analysed(&a).advice.bill();
    let row = bill
        .iter()
        .find(|r| r.what == "orders-db")
        .expect("billed once");
    // db.t4g.medium with a standby: $0.065 × 2 × 730 h, and 20 GB × 2 × $0.115.
    assert_eq!(row.monthly, dec!(99.50));
    // Renaming the store follows it into the component; removing it leaves the engine.
    step(&mut a, 4);
    question(&mut a, "name");
    key(&mut a, KeyCode::Enter);
    clear_field(&mut a);
    keys(&mut a, "main-db");
    key(&mut a, KeyCode::Enter);
    assert_eq!(
        a.draft.doc["components"][0]["data"]["store"].as_str(),
        Some("main-db")
    );
    key(&mut a, KeyCode::Char('x'));
    assert!(matches!(a.mode, Mode::ConfirmRemove));
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("Remove the store main-db?"), "{s}");
    key(&mut a, KeyCode::Char('y'));
    assert!(fields::declared_stores(&a.draft.doc).is_empty());
    assert_eq!(
        a.draft.doc["components"][0]["data"]["store"].as_str(),
        Some("postgres")
    );
    assert!(a.analysis.is_ok());
}

#[test]
fn home_and_end_reach_the_first_and_last_component() {
    // Bug 6.
    let mut a = app();
    example(&mut a, "order-workflow");
    let n = a.names().len();
    key(&mut a, KeyCode::End);
    assert_eq!(a.comp, n - 1);
    key(&mut a, KeyCode::Home);
    assert_eq!(a.comp, 0);
}

#[test]
fn the_scrolled_range_never_passes_the_end() {
    // Bug 6: Topology read "44–43 of 43" at End.
    let mut a = app();
    example(&mut a, "rails-monolith");
    a.set_tab(Tab::Trace);
    screen(&mut a, 80, 24);
    key(&mut a, KeyCode::End);
    let s = screen(&mut a, 80, 24);
    let title = s.lines().nth(1).unwrap();
    let (range, total) = title
        .split(" · ")
        .nth(1)
        .and_then(|r| r.trim().split_once(" of "))
        .unwrap_or_else(|| panic!("{title}"));
    let (from, to) = range.split_once('–').unwrap();
    let (from, to, total): (u16, u16, u16) = (
        from.parse().unwrap(),
        to.parse().unwrap(),
        total.trim().parse().unwrap(),
    );
    assert_eq!(to, total, "{title}");
    assert!(from <= to, "{title}");
    // Up from the end moves at once (the scroll was not left past the end).
    key(&mut a, KeyCode::Up);
    let s = screen(&mut a, 80, 24);
    assert!(
        s.lines()
            .nth(1)
            .unwrap()
            .contains(&format!("{}–{} of {total}", from - 1, to - 1)),
        "{s}"
    );
}

#[test]
fn long_lines_end_at_whole_items_and_prose_wraps() {
    // Bug 9: "architectu", a status line cut mid-name, hints ending "e exp", cut prose.
    let mut a = app();
    key(&mut a, KeyCode::Enter);
    step(&mut a, 2);
    question(&mut a, "arch");
    key(&mut a, KeyCode::Enter);
    let s = screen(&mut a, 120, 40);
    assert!(s.contains(" architecture "), "{s}");
    key(&mut a, KeyCode::Esc);

    let mut a = app();
    example(&mut a, "rails-monolith");
    key(&mut a, KeyCode::F(12)); // a key that does nothing clears the message
    let s = screen(&mut a, 80, 24);
    let lines: Vec<&str> = s.lines().collect();
    let status = lines[lines.len() - 2];
    assert!(
        status.ends_with(" more") || !status.contains("…"),
        "{status}"
    );
    for item in status.split(" · ").skip(1) {
        if item.ends_with(" more") {
            continue;
        }
        assert!(
            item.contains('$'),
            "an item cut mid-way: `{item}` in {status}"
        );
    }
    let footer = lines[lines.len() - 1];
    assert!(footer.contains("? help"), "{footer}");

    a.set_tab(Tab::Risks);
    let s = screen(&mut a, 80, 24);
    assert!(
        s.lines().all(|l| l.chars().count() <= 80),
        "nothing drawn past the edge"
    );
    // A mitigation continues on the next line, indented under itself.
    assert!(s.contains("\n      "), "{s}");
}

#[test]
fn undo_and_redo_take_edits_back_and_forth() {
    let mut a = app();
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Enter);
    clear_field(&mut a);
    keys(&mut a, "shop");
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Char('a'));
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.names().len(), 2);
    key(&mut a, KeyCode::Char('u'));
    assert_eq!(a.names(), ["api"]);
    key(&mut a, KeyCode::Char('u'));
    assert_eq!(a.draft.doc["name"].as_str(), Some("my-system"));
    key(&mut a, KeyCode::Char('u'));
    assert_eq!(a.message, "Nothing to undo.");
    ctrl(&mut a, 'r');
    assert_eq!(a.draft.doc["name"].as_str(), Some("shop"));
    ctrl(&mut a, 'r');
    assert_eq!(a.names().len(), 2);
}

#[test]
fn the_palette_finds_actions_by_name_and_runs_them() {
    let mut a = app();
    example(&mut a, "order-workflow");
    key(&mut a, KeyCode::Char(':'));
    assert!(matches!(a.mode, Mode::Palette(..)));
    keys(&mut a, "exprt");
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("export report, ADR, graph"), "{s}");
    // Each action shows its key.
    assert!(s.contains("e  export"), "{s}");
    key(&mut a, KeyCode::Enter);
    assert!(matches!(a.mode, Mode::ExportMenu(0)), "{:?}", a.mode);
    key(&mut a, KeyCode::Esc);
    ctrl(&mut a, 'p');
    keys(&mut a, "what-if traffic");
    key(&mut a, KeyCode::Enter);
    assert!(!a.draft.whatifs.is_empty());
}

#[test]
fn copy_puts_the_figure_or_the_graph_on_the_clipboard() {
    let mut a = app();
    example(&mut a, "spiky-document-api");
    key(&mut a, KeyCode::Char('y'));
    assert_eq!(
        a.effects,
        [Effect::Clipboard(
            "documents-api → lambda $2.03 a month".into()
        )]
    );
    a.effects.clear();
    a.set_tab(Tab::Topology);
    key(&mut a, KeyCode::Char('y'));
    match &a.effects[..] {
        [Effect::Clipboard(m)] => assert!(m.starts_with("flowchart"), "{m}"),
        e => panic!("{e:?}"),
    }
    assert_eq!(super::osc52("hi"), "\x1b]52;c;aGk=\x07");
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
fn saving_writes_beside_the_file_named_after_the_system_and_asks_before_overwriting() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_with(Store::at(dir.path().join("state")));
    example(&mut a, "rails-monolith");
    key(&mut a, KeyCode::Char('w'));
    let default = match &a.mode {
        Mode::Asking(_, input, _) => input.value().to_string(),
        m => panic!("{m:?}"),
    };
    assert_eq!(default, format!("{}.yaml", a.draft.stem()));
    let target = dir.path().join("mine.yaml");
    match &mut a.mode {
        Mode::Asking(_, input, _) => *input = tui_input::Input::new(target.display().to_string()),
        m => panic!("{m:?}"),
    }
    key(&mut a, KeyCode::Enter);
    assert!(a.message.starts_with("Wrote "), "{}", a.message);
    assert!(!a.draft.dirty);
    let saved = std::fs::read_to_string(&target).unwrap();
    assert_eq!(load_str("mine.yaml", &saved).unwrap().0, draft_workload(&a));
    // Exports default beside the file, named after the system.
    key(&mut a, KeyCode::Char('e'));
    key(&mut a, KeyCode::Char('2'));
    match &a.mode {
        Mode::Asking(_, input, _) => assert_eq!(
            input.value(),
            dir.path()
                .join(format!("{}-adr.md", a.draft.stem()))
                .display()
                .to_string()
        ),
        m => panic!("{m:?}"),
    }
    key(&mut a, KeyCode::Esc);
    // A second export to the same name asks first.
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
    clear_field(&mut a);
    keys(&mut a, "worker-x");
    key(&mut a, KeyCode::Enter);
    assert!(
        store.autosave_exists().is_some(),
        "autosaved on every change"
    );
    drop(a); // the terminal was killed

    let mut b = app_with(store.clone());
    let resume = b.welcome.find("Resume").expect("resume is offered");
    welcome::start(&mut b, resume);
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
fn resuming_after_a_crash_keeps_the_file() {
    // Bug 4: open a file, edit, kill -9, restart, resume: the path was lost.
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(dir.path().join("state"));
    let file = dir.path().join("shop.yaml");
    std::fs::write(&file, crate::examples::WORKLOADS[0].1).unwrap();
    let mut a = app_with(store.clone());
    a.open(file.clone()).unwrap();
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::Enter);
    clear_field(&mut a);
    keys(&mut a, "renamed");
    key(&mut a, KeyCode::Enter);
    let edited = a.draft.yaml();
    drop(a); // killed

    // Opening the same file offers the unfinished edits.
    let mut b = app_with(store.clone());
    b.open(file.clone()).unwrap();
    assert!(matches!(b.mode, Mode::ConfirmResume(_)), "{:?}", b.mode);
    key(&mut b, KeyCode::Char('y'));
    assert_eq!(b.draft.yaml(), edited);
    assert_eq!(
        b.draft.path.as_deref().map(|p| p.canonicalize().unwrap()),
        Some(file.canonicalize().unwrap())
    );
    let s = screen(&mut b, 120, 40);
    assert!(s.contains("shop.yaml ●"), "{s}");
    // `w` writes the file itself, without asking for a name.
    key(&mut b, KeyCode::Char('w'));
    assert!(matches!(b.mode, Mode::Normal), "{:?}", b.mode);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), edited);

    // From the welcome screen, too.
    let mut c = app_with(store.clone());
    c.open(file.clone()).unwrap();
    c.before_edit();
    c.draft.doc["name"] = "again".into();
    c.changed();
    drop(c);
    let mut d = app_with(store.clone());
    let i = d.welcome.find("Resume").unwrap();
    assert!(d.welcome.starts[i].0.contains("shop.yaml"));
    welcome::start(&mut d, i);
    assert_eq!(d.draft.doc["name"].as_str(), Some("again"));
    assert!(d.draft.path.is_some());
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
    let click = |a: &mut App, hit: Hit| {
        let (rect, _) = *a.hits.iter().find(|(_, h)| *h == hit).unwrap();
        a.handle(&Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: rect.x + 1,
            row: rect.y,
            modifiers: KeyModifiers::NONE,
        }));
    };
    click(&mut a, Hit::Tab(3));
    assert_eq!(a.tab, Tab::Topology);
    a.set_tab(Tab::Recommendation);
    screen(&mut a, 80, 24);
    click(&mut a, Hit::Row(2));
    assert_eq!(a.comp, 2);
}

#[test]
fn the_chart_marks_today_and_tells_its_lines_apart_without_colour() {
    let mut a = app();
    example(&mut a, "spiky-document-api");
    a.set_tab(Tab::Costs);
    let data = analysed(&a)
        .chart(a.comp, &a.rules, &a.pricing)
        .expect("a chart");
    let s = screen(&mut a, 120, 40);
    // Swept once for the analysis: the frame drew the chart made when the tab opened.
    let again = analysed(&a).chart(a.comp, &a.rules, &a.pricing).unwrap();
    assert!(std::rc::Rc::ptr_eq(&data, &again));
    assert!(s.contains("┊"), "today's mark:\n{s}");
    for (i, (p, _)) in data.series.iter().enumerate() {
        let letter = (b'a' + i as u8) as char;
        assert!(s.contains(&format!("{letter} {p}")), "legend {p}:\n{s}");
    }
    // The x labels sit at their decades' columns on the plot.
    let lines: Vec<&str> = s.lines().collect();
    let ticks = lines
        .iter()
        .find(|l| l.contains('└'))
        .expect("the axis row");
    let chars: Vec<char> = ticks.chars().collect();
    let col = |s: &str| {
        let s: Vec<char> = s.chars().collect();
        chars.windows(s.len()).position(|w| w == &s[..])
    };
    for (v, label) in &data.x_ticks {
        let at = col(&format!(" {label}")).unwrap_or_else(|| panic!("{label}: {ticks}")) + 1;
        let plot_x = col("└").unwrap() + 1;
        let width = 120 - plot_x as u16;
        let want = plot_x + usize::from(super::chart::column(*v, data.x.0, data.x.1, width));
        let w = label.chars().count();
        let want = want.min(120 - w);
        assert_eq!(at, want, "{label}: {ticks}");
    }
}

#[test]
fn every_screen_at_80x24_and_160x48() {
    type Setup = fn(&mut App);
    let screens: &[(&str, Setup)] = &[
        ("welcome", |_| {}),
        ("interview", |a| key(a, KeyCode::Enter)),
        ("interview-traffic", |a| {
            key(a, KeyCode::Enter);
            step(a, 1);
        }),
        ("interview-choice", |a| {
            key(a, KeyCode::Enter);
            question(a, "kind");
            key(a, KeyCode::Enter);
        }),
        ("interview-assumed", |a| {
            key(a, KeyCode::Enter);
            step(a, 2);
        }),
        ("recommendation", |a| example(a, "order-workflow")),
        ("whatif", |a| {
            example(a, "spiky-document-api");
            keys(a, "ttm");
        }),
        ("costs", |a| {
            example(a, "spiky-document-api");
            a.set_tab(Tab::Costs);
        }),
        ("topology", |a| {
            example(a, "order-workflow");
            a.set_tab(Tab::Topology);
        }),
        ("migration", |a| {
            example(a, "rails-monolith");
            a.set_tab(Tab::Migration);
        }),
        ("risks", |a| {
            example(a, "order-workflow");
            a.set_tab(Tab::Risks);
        }),
        ("trace", |a| {
            example(a, "sustained-api");
            a.set_tab(Tab::Trace);
        }),
        ("help", |a| {
            key(a, KeyCode::Enter);
            key(a, KeyCode::Char('?'));
        }),
        ("palette", |a| {
            example(a, "cron-report");
            key(a, KeyCode::Char(':'));
            keys(a, "what");
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

/// A practice round on the spiky document API, told from its example workload.
fn practice(a: &mut App) {
    let (path, text) = crate::examples::WORKLOADS
        .iter()
        .find(|(p, _)| p.contains("spiky-document-api"))
        .unwrap();
    let (w, _) = load_str(path, text).unwrap();
    let s = crate::practice::scenario::from_workload(
        w,
        crate::practice::scenario::Origin::File(path.to_string()),
        0,
    );
    let q = crate::practice::ask(&s, &a.rules, &a.pricing).unwrap();
    a.practice = Some(Box::new(super::screens::practice::Practice::new(q)));
    a.screen_welcome = false;
}

#[test]
fn a_practice_round_goes_through_every_phase_and_is_kept() {
    use super::screens::practice::Phase;
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(dir.path().to_path_buf());
    let mut a = app_with(store.clone());
    // The welcome screen offers it.
    assert!(a.welcome.find("Practice").is_some());
    practice(&mut a);
    let phase = |a: &App| a.practice.as_ref().unwrap().phase;
    assert_eq!(phase(&a), Phase::Read);
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("336,000 requests a month"), "{s}");
    key(&mut a, KeyCode::Enter);
    assert_eq!(phase(&a), Phase::Estimate);
    // Numbers as people say them: "30" for the peak, "8" in flight.
    keys(&mut a, "30");
    key(&mut a, KeyCode::Enter);
    keys(&mut a, "8");
    key(&mut a, KeyCode::Tab);
    assert_eq!(phase(&a), Phase::Place);
    // Lambda is the first placement; then tick cost (the first factor after the
    // placements).
    key(&mut a, KeyCode::Char(' '));
    // (a practice round offers the AWS placements and Cloudflare Workers)
    let offered =
        crate::placement::Placement::offered_to(&[crate::placement::Provider::Aws]).count();
    for _ in 0..offered + 1 {
        key(&mut a, KeyCode::Down);
    }
    key(&mut a, KeyCode::Char(' '));
    key(&mut a, KeyCode::Char('h'));
    let p = a.practice.as_ref().unwrap();
    assert_eq!(
        p.answers.placements.get("documents-api"),
        Some(&crate::placement::Placement::Lambda)
    );
    assert_eq!(
        p.answers.factors["documents-api"],
        [crate::practice::Factor::Cost]
    );
    assert_eq!(p.hints.len(), 1);
    let s = screen(&mut a, 160, 48);
    assert!(s.contains("hint: "), "{s}");
    key(&mut a, KeyCode::Char('c'));
    assert_eq!(phase(&a), Phase::Answer);
    let g = a.practice.as_ref().unwrap().graded.clone().unwrap();
    assert_eq!(
        g.components[0].verdict,
        crate::practice::round::Verdict::Right
    );
    assert_eq!(g.estimates[0].points, 2);
    key(&mut a, KeyCode::Enter);
    assert_eq!(phase(&a), Phase::Twist);
    key(&mut a, KeyCode::Char(' '));
    key(&mut a, KeyCode::Char('c'));
    assert_eq!(phase(&a), Phase::Rubric);
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("estimation") && s.contains("/3"), "{s}");
    assert_eq!(store.practice_rounds().len(), 1, "kept once");
    key(&mut a, KeyCode::Enter);
    assert!(a.practice.is_none() && a.screen_welcome);
}

#[test]
fn practice_screens_at_80x24_and_160x48() {
    type Setup = fn(&mut App);
    let screens: &[(&str, Setup)] = &[
        ("practice-read", |a| practice(a)),
        ("practice-estimate", |a| {
            practice(a);
            key(a, KeyCode::Enter);
            keys(a, "40");
            key(a, KeyCode::Enter);
            keys(a, "1.2k");
        }),
        ("practice-place", |a| {
            practice(a);
            key(a, KeyCode::Enter);
            key(a, KeyCode::Tab);
            key(a, KeyCode::Down);
            key(a, KeyCode::Down);
            key(a, KeyCode::Down);
            key(a, KeyCode::Char(' '));
        }),
        ("practice-answer", |a| {
            practice(a);
            key(a, KeyCode::Enter);
            keys(a, "30");
            key(a, KeyCode::Tab);
            key(a, KeyCode::Char(' '));
            key(a, KeyCode::Char('c'));
        }),
        ("practice-twist", |a| {
            practice(a);
            key(a, KeyCode::Enter);
            key(a, KeyCode::Tab);
            key(a, KeyCode::Char(' '));
            key(a, KeyCode::Char('c'));
            key(a, KeyCode::Enter);
        }),
        ("practice-rubric", |a| {
            practice(a);
            key(a, KeyCode::Enter);
            key(a, KeyCode::Tab);
            key(a, KeyCode::Char(' '));
            key(a, KeyCode::Char('c'));
            key(a, KeyCode::Enter);
            key(a, KeyCode::Char(' '));
            key(a, KeyCode::Char('c'));
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

#[test]
fn a_workload_on_both_clouds_draws_every_tab() {
    // Google Cloud placements, the unpriced ones and the "same system elsewhere" advice go
    // through every screen without a panic, and the costs show Cloud Run.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("both.yaml");
    let text = include_str!("../../workloads/order-workflow.yaml").replacen(
        "\nname:",
        "\nproviders: [aws, gcp]\nname:",
        1,
    );
    std::fs::write(&path, &text).unwrap();
    let mut a = app();
    a.open(path).unwrap();
    assert!(a.analysis.is_ok(), "the workload loads");
    let mut seen_cloud_run = false;
    for tab in [
        Tab::Recommendation,
        Tab::Costs,
        Tab::Topology,
        Tab::Migration,
        Tab::Risks,
        Tab::Trace,
    ] {
        a.set_tab(tab);
        for (w, h) in [(80, 24), (160, 48)] {
            let s = screen(&mut a, w, h);
            seen_cloud_run |= s.contains("cloud-run");
        }
    }
    assert!(seen_cloud_run);
}

/// The analysis keeps only its bills' figures; the Costs tab still lists every line of the
/// shown component with its formula and source, as `archway cost` prints them, and the
/// data stores after it.
#[test]
fn the_costs_tab_lists_the_shown_components_line_items_with_their_words() {
    let mut a = app();
    example(&mut a, "rails-monolith");
    key(&mut a, KeyCode::Char('t'));
    let w = analysed(&a).workload.clone();
    let costs = crate::cost::cost_workload(&w, &a.pricing).unwrap();
    let mut buf = Vec::new();
    crate::present::cost::text(&w, &costs, false, &mut buf).unwrap();
    let everything = super::screens::text::lines_of(&buf);
    assert!(
        analysed(&a)
            .advice
            .chosen()
            .all(|(_, o)| o.lines.iter().all(|l| l.formula.is_empty()))
    );
    for comp in [0, 1] {
        let shown = analysed(&a).line_items(&a.pricing, comp);
        // The title and assumptions, the component's block as `archway cost` prints it,
        // then the stores: each a run of `archway cost`'s own lines.
        let block = |name: &str| {
            let start = everything
                .iter()
                .position(|l| l.starts_with(&format!("{name} (")))
                .unwrap();
            let end = everything[start..]
                .iter()
                .position(|l| l.is_empty())
                .map_or(everything.len(), |n| start + n);
            everything[start - 1..end].to_vec()
        };
        let stores_at = everything
            .iter()
            .position(|l| l.starts_with("data stores"))
            .unwrap();
        let mut expected = everything[..2].to_vec();
        expected.extend(block(&w.components[comp].name));
        expected.extend_from_slice(&everything[stores_at - 1..]);
        assert_eq!(&*shown, expected.as_slice(), "component {comp}");
        assert!(
            shown
                .iter()
                .any(|l| l.contains(" = ") && l.contains(" × $"))
        );
    }
}

/// The texts a tab keeps are those of the analysis it shows: after a what-if each text
/// tab shows the new figures, and going back shows the old ones.
#[test]
fn each_text_tab_shows_the_analysis_of_the_last_key() {
    let mut a = app();
    example(&mut a, "rails-monolith");
    // What each tab writes of the selected component (web-core, which `t` doubles) or of
    // the whole.
    let shown = |a: &App, tab: Tab| {
        let an = analysed(a);
        let d = &an.advice.decisions[0];
        let chosen = d.chosen().and_then(|c| c.monthly).unwrap();
        let p = d.placement.unwrap();
        match tab {
            Tab::Trace => format!("{} → {p}  {}", d.component, crate::cost::usd(chosen)),
            // The first option listed (the list scrolls).
            Tab::Costs => {
                let o = an.advice.costs.components[0]
                    .options
                    .iter()
                    .find_map(|o| o.option())
                    .unwrap();
                format!(
                    "  {:<24} {:>14}",
                    o.placement.as_str(),
                    crate::cost::usd(o.monthly)
                )
            }
            _ => format!("→ {} a month", crate::cost::usd(an.advice.monthly)),
        }
    };
    for tab in [Tab::Trace, Tab::Migration, Tab::Costs] {
        a.set_tab(tab);
        let before = shown(&a, tab);
        assert!(
            screen(&mut a, 160, 48).contains(&before),
            "{tab:?}: {before}"
        );
        key(&mut a, KeyCode::Char('t'));
        let after = shown(&a, tab);
        assert_ne!(before, after);
        let s = screen(&mut a, 160, 48);
        assert!(
            s.contains(&after) && !s.contains(&before),
            "{tab:?}: {after}\n{s}"
        );
        key(&mut a, KeyCode::Char('0'));
        assert!(screen(&mut a, 160, 48).contains(&before), "{tab:?}");
    }
    // The graph at each width the terminal has had.
    a.set_tab(Tab::Topology);
    let wide = screen(&mut a, 160, 48);
    let narrow = screen(&mut a, 80, 24);
    assert_eq!(screen(&mut a, 160, 48), wide);
    assert_eq!(screen(&mut a, 80, 24), narrow);
}

/// The Trace tab shows the selected component's trace; `]` moves to the next one's, read
/// from its top.
#[test]
fn the_trace_follows_the_selected_component_from_its_top() {
    let mut a = app();
    example(&mut a, "rails-monolith");
    a.set_tab(Tab::Trace);
    let names = a.names();
    let s = screen(&mut a, 80, 24);
    assert!(s.contains(&format!("Rule trace of {}", names[0])), "{s}");
    key(&mut a, KeyCode::PageDown);
    assert_ne!(a.scroll.0, 0);
    key(&mut a, KeyCode::Char(']'));
    assert_eq!(a.scroll, (0, 0));
    let s = screen(&mut a, 80, 24);
    assert!(s.contains(&format!("Rule trace of {}", names[1])), "{s}");
    let starts = |n: &str| s.lines().any(|l| l.starts_with(&format!("{n} → ")));
    assert!(starts(&names[1]) && !starts(&names[0]), "{s}");
}

#[test]
fn dropping_the_what_ifs_shows_the_analysis_of_the_draft_again_at_once() {
    let mut a = app();
    example(&mut a, "rails-monolith");
    let Ok(first) = a.analysis.clone() else {
        panic!("the example analyses")
    };
    key(&mut a, KeyCode::Char('t'));
    assert_ne!(analysed(&a).advice.monthly, first.advice.monthly);
    assert_eq!(analysed(&a).baseline, Some(first.advice.monthly));
    key(&mut a, KeyCode::Char('0'));
    // The same analysis, not a second one: and it is what a fresh one would be.
    let Ok(again) = a.analysis.clone() else {
        panic!("the draft analyses")
    };
    assert!(std::rc::Rc::ptr_eq(&first, &again));
    // (Off the Costs tab, with the decisions' words and the bills' figures.)
    let fresh = crate::advisor::advise_with(
        &again.workload,
        &a.rules,
        &a.pricing,
        crate::cost::Detail::Reasons,
    )
    .unwrap();
    assert_eq!(fresh, again.advice);
    // Each time the what-ifs are dropped again.
    key(&mut a, KeyCode::Char('t'));
    key(&mut a, KeyCode::Char('0'));
    assert!(std::rc::Rc::ptr_eq(&first, a.analysis.as_ref().unwrap()));
}

#[test]
fn the_clouds_are_asked_with_the_system_and_decide_the_candidates() {
    let mut a = app();
    key(&mut a, KeyCode::Enter);
    step(&mut a, 0);
    question(&mut a, "providers");
    // Azure is refused with the reason, and nothing is kept.
    key(&mut a, KeyCode::Enter);
    keys(&mut a, "azure");
    match &a.mode {
        Mode::Editing(_, Some(e)) => assert!(e.contains("Azure"), "{e}"),
        m => panic!("expected a refusal while typing, got {m:?}"),
    }
    key(&mut a, KeyCode::Esc);
    assert!(a.draft.doc.get("providers").is_none());
    let offers_cloud_run = |a: &App| {
        analysed(a).advice.costs.components[0].offers(crate::placement::Placement::CloudRun)
    };
    assert!(!offers_cloud_run(&a));
    // Both clouds, however they are separated, are written as a list.
    key(&mut a, KeyCode::Enter);
    keys(&mut a, "aws gcp");
    key(&mut a, KeyCode::Enter);
    assert_eq!(
        a.draft.doc["providers"],
        serde_yaml::from_str::<serde_yaml::Value>("[aws, gcp]").unwrap()
    );
    assert_eq!(
        draft_workload(&a).providers,
        [
            crate::placement::Provider::Aws,
            crate::placement::Provider::Gcp
        ]
    );
    assert!(offers_cloud_run(&a));
}

#[test]
fn each_what_if_analyses_as_a_fresh_advice_would() {
    // Each analysis reuses what the last one worked out for the components a key left as
    // they were; it must be what advising the workload from nothing gives.
    let mut a = app();
    example(&mut a, "rails-monolith");
    let fresh = |a: &App| {
        let now = analysed(a);
        crate::advisor::advise_with(
            &now.workload,
            &a.rules,
            &a.pricing,
            crate::cost::Detail::Reasons,
        )
        .unwrap()
    };
    let mut totals = Vec::new();
    for k in [
        't', 'd', 'j', 'm', 's', 'j', 'T', 't', 'D', 'k', 'M', '0', 't',
    ] {
        key(&mut a, KeyCode::Char(k));
        assert_eq!(analysed(&a).advice, fresh(&a), "after `{k}`");
        totals.push(analysed(&a).advice.monthly);
    }
    // The keys changed the bill (the what-ifs took effect on more than one component).
    totals.dedup();
    assert!(totals.len() > 5, "{totals:?}");
}

#[test]
fn a_what_if_keeps_the_charts_of_the_components_it_left_as_they_were() {
    let mut a = app();
    example(&mut a, "rails-monolith");
    a.set_tab(Tab::Costs);
    // The charts of the first two components, each drawn once.
    let chart_of = |a: &App, i: usize| analysed(a).chart(i, &a.rules, &a.pricing).unwrap();
    key(&mut a, KeyCode::Char('t'));
    let first = chart_of(&a, 0);
    key(&mut a, KeyCode::Char(']'));
    assert_eq!(a.comp, 1);
    let second = chart_of(&a, 1);
    // A what-if on the second: the first's chart is the one drawn, the second's is new.
    key(&mut a, KeyCode::Char('t'));
    let now = analysed(&a);
    assert!(std::rc::Rc::ptr_eq(&first, &chart_of(&a, 0)));
    let fresh = |i| crate::tui::chart::compute(&now.workload, i, &a.rules, &a.pricing).unwrap();
    assert_eq!(*chart_of(&a, 0), fresh(0));
    assert!(!std::rc::Rc::ptr_eq(&second, &chart_of(&a, 1)));
    assert_eq!(*chart_of(&a, 1), fresh(1));
    assert_ne!(*second, fresh(1));
}
