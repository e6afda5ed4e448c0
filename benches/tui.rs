//! The TUI's speed: startup to the first frame, and a keystroke to the next frame on the
//! largest example and on a 20-component workload (a navigation key redraws; a what-if
//! key re-runs the advisor first).

/// The allocator the archway binary uses.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;

use archway::cost::Pricing;
use archway::rules::RuleBase;
use archway::tui::{App, Store, view};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

fn largest(app: &mut App) {
    let i = app
        .welcome
        .find("rails-monolith")
        .expect("the largest example is offered");
    archway::tui::screens::welcome::start(app, i);
}

/// The 20-component marketplace (rails-monolith and eight more services).
fn twenty(app: &mut App) {
    app.open(concat!(env!("CARGO_MANIFEST_DIR"), "/benches/marketplace-20.yaml").into())
        .expect("the 20-component workload opens");
}

/// A workload to open, the name it is benched under, and the terminal's size.
type Case = (&'static str, fn(&mut App), u16, u16);

fn frame(t: &mut Terminal<TestBackend>, app: &mut App) {
    let mut drawn = None;
    t.draw(|f| drawn = Some(view::draw(f, app))).expect("draws");
    app.drawn(drawn.expect("a frame"));
}

fn press(app: &mut App, c: KeyCode) {
    app.handle(&Event::Key(KeyEvent::new(c, KeyModifiers::NONE)));
}

fn bench(c: &mut Criterion) {
    c.bench_function("startup to first frame (80x24)", |b| {
        b.iter(|| {
            let mut app = App::new(
                RuleBase::embedded(),
                Pricing::embedded(),
                Store::none(),
                true,
            );
            let mut t = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
            frame(&mut t, &mut app);
            black_box(app.hits.len())
        })
    });
    let sizes: [Case; 3] = [
        ("rails-monolith", largest, 80, 24),
        ("rails-monolith", largest, 160, 48),
        ("marketplace-20", twenty, 80, 24),
    ];
    for (name, open, w, h) in sizes {
        let mut app = App::new(
            RuleBase::embedded(),
            Pricing::embedded(),
            Store::none(),
            true,
        );
        open(&mut app);
        let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        c.bench_function(&format!("key to frame, navigation, {name} {w}x{h}"), |b| {
            let mut down = true;
            b.iter(|| {
                press(&mut app, if down { KeyCode::Down } else { KeyCode::Up });
                down = !down;
                frame(&mut t, &mut app);
            })
        });
        c.bench_function(&format!("key to frame, what-if, {name} {w}x{h}"), |b| {
            let mut up = true;
            b.iter(|| {
                press(&mut app, KeyCode::Char(if up { 't' } else { '0' }));
                up = !up;
                frame(&mut t, &mut app);
            })
        });
        // Every key a what-if to compute: traffic ×2 to start with, then ×4 and ×2 in turn
        // (never the draft as read, whose analysis is kept).
        for tab in [1usize, 2, 3, 4, 5, 6] {
            app.set_tab(archway::tui::app::Tab::from_index(tab));
            // Each case from the same what-if (×2), whatever the last one ended on: the
            // Costs tab's chart sweeps a range set by the traffic, and its break-evens
            // (each an exact bisection) depend on where that range lies.
            press(&mut app, KeyCode::Char('0'));
            press(&mut app, KeyCode::Char('t'));
            // The Recommendation tab's case keeps the name it was first reported under.
            let on = if tab == 1 {
                String::new()
            } else {
                format!("tab {tab}, ")
            };
            c.bench_function(
                &format!("key to frame, a new what-if, {on}{name} {w}x{h}"),
                |b| {
                    let mut up = true;
                    // Timed from the key to the frame; the replaced analysis is freed
                    // after the frame, while the terminal waits for the next key, as
                    // `run` does.
                    b.iter_custom(|iters| {
                        let mut spent = std::time::Duration::ZERO;
                        for _ in 0..iters {
                            let start = std::time::Instant::now();
                            press(&mut app, KeyCode::Char(if up { 't' } else { 'T' }));
                            up = !up;
                            frame(&mut t, &mut app);
                            spent += start.elapsed();
                            app.free_retired();
                        }
                        spent
                    })
                },
            );
        }
        press(&mut app, KeyCode::Char('0'));
        for tab in [2usize, 3, 4, 5, 6] {
            app.set_tab(archway::tui::app::Tab::from_index(tab));
            c.bench_function(&format!("key to frame, tab {tab}, {name} {w}x{h}"), |b| {
                b.iter(|| {
                    press(&mut app, KeyCode::Down);
                    frame(&mut t, &mut app);
                })
            });
        }
        // Into the Costs tab from another: its chart, and its line items written then.
        c.bench_function(&format!("key to frame, into Costs, {name} {w}x{h}"), |b| {
            // From ×2, then ×4 and ×2 in turn: never the draft as read, whose analysis
            // (and its chart) is kept.
            press(&mut app, KeyCode::Char('0'));
            press(&mut app, KeyCode::Char('t'));
            let mut up = true;
            b.iter_custom(|iters| {
                let mut spent = std::time::Duration::ZERO;
                for _ in 0..iters {
                    app.set_tab(archway::tui::app::Tab::Recommendation);
                    // A fresh analysis each time, as after a what-if on another tab.
                    press(&mut app, KeyCode::Char(if up { 't' } else { 'T' }));
                    up = !up;
                    frame(&mut t, &mut app);
                    app.free_retired();
                    let start = std::time::Instant::now();
                    app.set_tab(archway::tui::app::Tab::Costs);
                    frame(&mut t, &mut app);
                    spent += start.elapsed();
                }
                spent
            })
        });
        press(&mut app, KeyCode::Char('0'));
        app.set_tab(archway::tui::app::Tab::Costs);
        c.bench_function(
            &format!("500 what-if keys in one burst to frame, Costs, {name} {w}x{h}"),
            |b| {
                b.iter(|| {
                    app.defer = true;
                    for i in 0..500 {
                        press(&mut app, KeyCode::Char(if i % 2 == 0 { 't' } else { 'T' }));
                    }
                    app.settle();
                    frame(&mut t, &mut app);
                })
            },
        );
        app.set_tab(archway::tui::app::Tab::Recommendation);
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
