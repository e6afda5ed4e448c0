//! One file per screen: its state, its keys and its view. `App` keeps only what the
//! screens share (the draft, the analysis, the mode, the message line).

pub mod costs;
pub mod dialogs;
pub mod interview;
pub mod migration;
pub mod practice;
pub mod recommendation;
pub mod risks;
pub mod text;
pub mod topology;
pub mod trace;
pub mod welcome;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::app::{App, Tab};
use super::keys::Action;
use super::theme::Theme;
use super::view::Drawn;

/// An action the shared handler leaves to the screen in front.
pub fn act(app: &mut App, a: Action) {
    match app.tab {
        Tab::Interview => interview::act(app, a),
        Tab::Recommendation => recommendation::act(app, a),
        Tab::Costs | Tab::Topology | Tab::Migration | Tab::Risks | Tab::Trace => text::act(app, a),
    }
}

/// Draws the tab in front in `area`.
pub fn draw(f: &mut Frame, app: &App, area: Rect, drawn: &mut Drawn) {
    if app.tab != Tab::Interview && text::no_analysis(f, app, &Theme::new(app.color), area) {
        return;
    }
    match app.tab {
        Tab::Interview => interview::draw(f, app, area, drawn),
        Tab::Recommendation => recommendation::draw(f, app, area, drawn),
        Tab::Costs => costs::draw(f, app, area, drawn),
        Tab::Topology => topology::draw(f, app, area, drawn),
        Tab::Migration => migration::draw(f, app, area, drawn),
        Tab::Risks => risks::draw(f, app, area, drawn),
        Tab::Trace => trace::draw(f, app, area, drawn),
    }
}
