//! The interactive terminal UI: `archway` and `archway tui [WORKLOAD]`.
//!
//! The state machine (`app`) knows nothing of terminals; `view` draws it; this module
//! owns the terminal: it restores it on every way out (panics included), and blocks on
//! input between frames, so an idle session uses no CPU.

pub mod app;
pub mod chart;
pub mod fields;
pub mod keys;
pub mod store;
pub mod view;

use std::io::{self, IsTerminal};
use std::path::Path;

use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;

use crate::cli::{Failure, Global};
use crate::input::InputError;
pub use app::App;
pub use store::Store;

/// Puts the terminal back however the session ends.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        let _ = execute!(io::stdout(), DisableMouseCapture);
        ratatui::restore();
    }
}

/// Runs the TUI until the user quits.
pub fn run(g: &Global, file: Option<&Path>) -> Result<(), Failure> {
    let rules = g.rules()?;
    let pricing = g.pricing()?;
    let color = !g.no_color;
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
        let _ = execute!(io::stdout(), DisableMouseCapture);
        ratatui::restore();
        hook(info);
    }));
    let mut terminal = ratatui::try_init()?;
    let _restore = Restore;
    execute!(io::stdout(), EnableMouseCapture)?;
    loop {
        let mut hits = Vec::new();
        terminal.draw(|f| hits = view::draw(f, &app))?;
        app.hits = hits;
        if app.quit {
            break;
        }
        // Blocks until something happens: no polling, no idle CPU.
        let ev = event::read()?;
        app.handle(&ev);
    }
    Ok(())
}

#[cfg(test)]
mod tests;
