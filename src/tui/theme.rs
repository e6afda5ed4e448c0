//! Colours that read on dark and light terminals, or none at all (NO_COLOR): then
//! selection and emphasis are carried by reverse video, bold and underline alone.

use ratatui::style::{Color, Modifier, Style};

pub struct Theme {
    pub color: bool,
    pub accent: Style,
    pub selected: Style,
    pub dim: Style,
    pub error: Style,
    pub good: Style,
    pub bad: Style,
    pub title: Style,
}

impl Theme {
    pub fn new(color: bool) -> Theme {
        if color {
            Theme {
                color,
                accent: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
                selected: Style::new().add_modifier(Modifier::REVERSED),
                dim: Style::new().fg(Color::DarkGray),
                error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
                good: Style::new().fg(Color::Green),
                bad: Style::new().fg(Color::Red),
                title: Style::new().add_modifier(Modifier::BOLD),
            }
        } else {
            Theme {
                color,
                accent: Style::new().add_modifier(Modifier::BOLD),
                selected: Style::new().add_modifier(Modifier::REVERSED),
                dim: Style::new(),
                error: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                good: Style::new(),
                bad: Style::new().add_modifier(Modifier::BOLD),
                title: Style::new().add_modifier(Modifier::BOLD),
            }
        }
    }
}
