//! The interactive terminal UI: `archway`, `archway FILE` and `archway tui [WORKLOAD]`.
//!
//! The state (`app`) knows nothing of terminals; each screen (`screens/`) draws itself
//! and handles its keys; `view` frames them. This module owns the terminal: it restores
//! it on every way out (panics and termination signals included, the autosave kept),
//! and blocks on input between frames, so an idle session uses no CPU.

pub mod app;
pub mod chart;
pub mod draft;
pub mod fields;
pub mod keys;
pub mod screens;
pub mod store;
pub mod theme;
pub mod view;
pub mod whatif;

use std::io::{self, IsTerminal, Write};
use std::path::Path;

use base64::Engine;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;

use crate::cost::Pricing;
use crate::input::InputError;
use crate::present::Failure;
use crate::rules::RuleBase;
pub use app::App;
pub use store::Store;

/// Puts the terminal back however the session ends.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        restore();
    }
}

fn restore() {
    let _ = execute!(io::stdout(), DisableMouseCapture, Show);
    ratatui::restore();
}

/// A terminal closed or a `kill`: put the terminal back and leave; the autosave stays,
/// so the next start offers to resume.
#[cfg(unix)]
fn on_termination() -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            restore();
            std::process::exit(128 + sig);
        }
    });
    Ok(())
}

#[cfg(not(unix))]
fn on_termination() -> io::Result<()> {
    Ok(())
}

/// The OSC 52 sequence that puts `text` on the terminal's clipboard.
pub fn osc52(text: &str) -> String {
    format!(
        "\x1b]52;c;{}\x07",
        base64::engine::general_purpose::STANDARD.encode(text)
    )
}

/// Runs the TUI until the user quits.
pub fn run(
    rules: RuleBase,
    pricing: Pricing,
    color: bool,
    file: Option<&Path>,
) -> Result<(), Failure> {
    let mut app = App::new(rules, pricing, Store::user(), color);
    if let Some(p) = file {
        // Read it now, so a missing or broken file is reported before the screen changes.
        crate::input::read_text(p)?;
        app.open(p.to_path_buf())
            .map_err(|e| Failure::Input(InputError::file(&p.display().to_string(), e)))?;
    }
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return Err(Failure::Input(InputError::file(
            "archway",
            "the interactive UI needs a terminal; for scripts use a subcommand (archway --help)",
        )));
    }
    if !color {
        // NO_COLOR would otherwise make crossterm reset every attribute, reverse video
        // included, and the monochrome theme lives on those attributes.
        ratatui::crossterm::style::force_color_output(true);
    }
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        hook(info);
    }));
    on_termination()?;
    let mut terminal = ratatui::try_init()?;
    let _restore = Restore;
    execute!(io::stdout(), EnableMouseCapture)?;
    loop {
        let mut drawn = None;
        terminal.draw(|f| drawn = Some(view::draw(f, &app)))?;
        if let Some(d) = drawn {
            app.drawn(d);
        }
        for effect in app.effects.drain(..) {
            match effect {
                app::Effect::Clipboard(text) => {
                    let mut out = io::stdout();
                    out.write_all(osc52(&text).as_bytes())?;
                    out.flush()?;
                }
            }
        }
        if app.quit {
            break;
        }
        // The frame is shown: free what the last analysis replaced, unless a key waits.
        if app.has_retired() && !event::poll(std::time::Duration::ZERO)? {
            app.free_retired();
        }
        // Blocks until something happens: no polling, no idle CPU — except while a
        // practice timer runs, which redraws each second.
        if screens::practice::ticking(&app) && !event::poll(std::time::Duration::from_secs(1))? {
            continue;
        }
        // Every key already waiting is handled before the next frame, and the analysis
        // is redone once for all of them: a burst never leaves a backlog.
        app.defer = true;
        app.handle(&event::read()?);
        while !app.quit && event::poll(std::time::Duration::ZERO)? {
            app.handle(&event::read()?);
        }
        app.settle();
    }
    Ok(())
}

#[cfg(test)]
mod tests;
