//! What stands in front of a screen: the help, the command palette, the export menu,
//! a file name being typed, and the questions that guard unsaved work.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, List, ListItem, ListState, Paragraph};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use super::super::app::{App, EXPORTS, Mode, Prompt, Tab};
use super::super::keys::{self, Action, Context};
use super::super::theme::Theme;
use super::interview;

/// A key while a dialog (or an edit) is open.
pub fn key(app: &mut App, k: &KeyEvent) {
    match app.mode.clone() {
        Mode::Normal => {}
        Mode::Editing(input, _) => interview::key_editing(app, k, input),
        Mode::Choosing(i) => interview::key_choosing(app, k, i),
        Mode::Asking(p, input, _) => asking(app, k, p, input),
        Mode::ExportMenu(i) => export_menu(app, k, i),
        Mode::Palette(input, i) => palette(app, k, input, i),
        Mode::Help => app.mode = Mode::Normal,
        Mode::ConfirmQuit => {
            app.mode = Mode::Normal;
            match k.code {
                KeyCode::Char('y') => app.discard(),
                KeyCode::Char('s') => {
                    if app.save() {
                        app.leave();
                    }
                }
                _ => app.message = "Still here; nothing lost.".into(),
            }
        }
        Mode::ConfirmRemove => {
            app.mode = Mode::Normal;
            if k.code == KeyCode::Char('y') {
                interview::remove(app);
            } else {
                app.message = "Kept it.".into();
            }
        }
        Mode::ConfirmResume(path) => {
            app.mode = Mode::Normal;
            match k.code {
                KeyCode::Char('y') => app.resume(),
                KeyCode::Char('n') => {
                    app.store.clear_autosave();
                    app.message = format!(
                        "Opened {} as saved; the unfinished session is dropped.",
                        path.display()
                    );
                }
                _ => {
                    app.message = format!(
                        "Opened {} as saved; the unfinished session stays until the next edit.",
                        path.display()
                    )
                }
            }
        }
    }
}

fn asking(app: &mut App, k: &KeyEvent, p: Prompt, mut input: Input) {
    match k.code {
        KeyCode::Esc => {
            app.mode = Mode::Normal;
            app.message = "Nothing written.".into();
        }
        KeyCode::Enter => {
            let force = k.modifiers.contains(KeyModifiers::ALT);
            let path = PathBuf::from(input.value().trim());
            match app.write(p, &path, force) {
                Ok(msg) => {
                    app.mode = Mode::Normal;
                    app.message = msg;
                }
                Err(e) => app.mode = Mode::Asking(p, input, Some(e)),
            }
        }
        _ => {
            input.handle_event(&Event::Key(*k));
            app.mode = Mode::Asking(p, input, None);
        }
    }
}

fn export_menu(app: &mut App, k: &KeyEvent, i: usize) {
    let pick = |app: &mut App, i: usize| {
        let (e, _, suffix) = EXPORTS[i];
        let default = app.draft.beside(suffix);
        app.ask(Prompt::Export(e), default.display().to_string());
    };
    if let KeyCode::Char(c @ '1'..='9') = k.code {
        let n = c as usize - '1' as usize;
        if n < EXPORTS.len() {
            pick(app, n);
        }
        return;
    }
    match keys::action(k, Context::Global) {
        Some(Action::Up) => app.mode = Mode::ExportMenu(i.saturating_sub(1)),
        Some(Action::Down) => app.mode = Mode::ExportMenu((i + 1).min(EXPORTS.len() - 1)),
        Some(Action::Enter) => pick(app, i),
        Some(Action::Back) | Some(Action::Quit) => app.mode = Mode::Normal,
        _ => {}
    }
}

/// The palette's entries matching `query`, best first: (what it does, key, action).
pub fn matches(query: &str) -> Vec<(&'static str, String, Action)> {
    let mut found: Vec<(i64, usize, (&'static str, String, Action))> = keys::palette()
        .into_iter()
        .enumerate()
        .filter_map(|(i, e)| keys::fuzzy(query, e.0).map(|s| (s, i, e)))
        .collect();
    found.sort_by_key(|(s, i, _)| (-s, *i));
    found.into_iter().map(|(_, _, e)| e).collect()
}

fn palette(app: &mut App, k: &KeyEvent, mut input: Input, i: usize) {
    let found = matches(input.value());
    match k.code {
        KeyCode::Esc => app.mode = Mode::Normal,
        KeyCode::Up => app.mode = Mode::Palette(input, i.saturating_sub(1)),
        KeyCode::Down => {
            app.mode = Mode::Palette(input, (i + 1).min(found.len().saturating_sub(1)))
        }
        KeyCode::Enter => {
            app.mode = Mode::Normal;
            let Some((_, _, action)) = found.get(i) else {
                app.message = "No action matches.".into();
                return;
            };
            // An interview action takes the user to the interview.
            let context = keys::BINDINGS
                .iter()
                .find(|b| b.action == *action)
                .map(|b| b.context);
            if context == Some(Context::Interview) && app.tab != Tab::Interview {
                app.set_tab(Tab::Interview);
            }
            if app.screen_welcome && !matches!(action, Action::Help | Action::Quit) {
                app.message = "Open or start a workload first.".into();
                return;
            }
            app.act(*action);
        }
        _ => {
            input.handle_event(&Event::Key(*k));
            app.mode = Mode::Palette(input, 0);
        }
    }
}

fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

pub fn draw(f: &mut Frame, app: &App, area: Rect) {
    let t = Theme::new(app.color);
    match &app.mode {
        Mode::Help => help(f, &t, area),
        Mode::Palette(input, sel) => {
            let found = matches(input.value());
            let h = (found.len() as u16 + 4).min(area.height).min(18);
            let r = centered(area, area.width.saturating_sub(4).min(72), h);
            f.render_widget(Clear, r);
            let block = Block::bordered()
                .title(" Command palette · type to filter · Enter runs · Esc closes ");
            let inner = block.inner(r);
            f.render_widget(block, r);
            let [query, list] =
                Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(inner);
            f.render_widget(
                Paragraph::new(vec![
                    Line::from(vec![Span::styled("› ", t.accent), Span::raw(input.value())]),
                    Line::styled("─".repeat(query.width as usize), t.dim),
                ]),
                query,
            );
            f.set_cursor_position((
                (query.x + 2 + input.visual_cursor() as u16).min(query.right().saturating_sub(1)),
                query.y,
            ));
            let key_w = found.iter().map(|e| e.1.chars().count()).max().unwrap_or(1);
            let items: Vec<ListItem> = found
                .iter()
                .map(|(what, key, _)| {
                    ListItem::new(Line::from(vec![
                        Span::styled(format!("{key:<key_w$}  "), t.accent),
                        Span::raw(*what),
                    ]))
                })
                .collect();
            let items = if items.is_empty() {
                vec![ListItem::new(Line::styled("no action matches", t.dim))]
            } else {
                items
            };
            let mut st = ListState::default().with_selected(Some(*sel));
            f.render_stateful_widget(List::new(items).highlight_style(t.selected), list, &mut st);
        }
        Mode::ExportMenu(sel) => {
            let rows: Vec<(String, String)> = EXPORTS
                .iter()
                .enumerate()
                .map(|(i, (_, label, suffix))| {
                    (
                        format!("{} {label}", i + 1),
                        app.draft.beside(suffix).display().to_string(),
                    )
                })
                .collect();
            let lw = rows.iter().map(|r| r.0.chars().count()).max().unwrap_or(10);
            let w = rows
                .iter()
                .map(|r| lw + 3 + r.1.chars().count())
                .max()
                .unwrap_or(30) as u16
                + 4;
            let r = centered(area, w.max(40), EXPORTS.len() as u16 + 2);
            f.render_widget(Clear, r);
            let items: Vec<ListItem> = rows
                .iter()
                .map(|(l, file)| {
                    ListItem::new(Line::from(vec![
                        Span::raw(format!("{l:<lw$}   ")),
                        Span::styled(file.clone(), t.dim),
                    ]))
                })
                .collect();
            let mut st = ListState::default().with_selected(Some(*sel));
            f.render_stateful_widget(
                List::new(items)
                    .block(Block::bordered().title(" Export · Enter names the file "))
                    .highlight_style(t.selected),
                r,
                &mut st,
            );
        }
        Mode::Asking(p, input, err) => {
            let what = match p {
                Prompt::SaveAs => "Save the workload as".to_string(),
                Prompt::Export(e) => {
                    let label = EXPORTS
                        .iter()
                        .find(|(x, ..)| x == e)
                        .map(|x| x.1)
                        .unwrap_or("");
                    format!("Write the {} to", label.to_lowercase())
                }
            };
            let r = centered(area, area.width.saturating_sub(4).min(76), 5);
            f.render_widget(Clear, r);
            let block = Block::bordered().title(format!(" {what} "));
            let inner = block.inner(r);
            let lines = vec![
                Line::raw(input.value().to_string()),
                match err {
                    Some(e) => Line::styled(e.clone(), t.error),
                    None => Line::styled("Enter write · Esc cancel", t.dim),
                },
            ];
            f.render_widget(Paragraph::new(lines).block(block), r);
            let x = inner.x + (input.visual_cursor() as u16).min(inner.width.saturating_sub(1));
            f.set_cursor_position((x, inner.y));
        }
        Mode::ConfirmQuit => confirm(
            f,
            &t,
            area,
            "Unsaved changes",
            "y quit without saving · s save and quit · any other key stays",
        ),
        Mode::ConfirmRemove => {
            let name = interview::removal(app);
            confirm(
                f,
                &t,
                area,
                &format!("Remove {name}?"),
                "y remove (u undoes it) · any other key keeps it",
            )
        }
        Mode::ConfirmResume(path) => confirm(
            f,
            &t,
            area,
            &format!(
                "Unsaved edits of {} from an earlier session",
                path.display()
            ),
            "y resume them · n drop them · any other key opens the file as saved",
        ),
        Mode::Normal | Mode::Editing(..) | Mode::Choosing(_) => {}
    }
}

fn help(f: &mut Frame, t: &Theme, area: Rect) {
    // One column when it fits, else the global keys beside the others.
    let sections = keys::help();
    let section_lines = |secs: &[(&str, Vec<(&str, &str)>)]| {
        let mut lines = Vec::new();
        for (title, keys) in secs {
            lines.push(Line::styled(title.to_string(), t.title));
            for (k, what) in keys {
                lines.push(Line::raw(format!(" {k:<10} {what}")));
            }
        }
        lines
    };
    let all = section_lines(&sections);
    let block = Block::bordered().title(" Keys · any key closes ");
    if all.len() as u16 + 2 <= area.height {
        let w = all.iter().map(|l| l.width()).max().unwrap_or(60) as u16 + 2;
        let r = centered(area, w, all.len() as u16 + 2);
        f.render_widget(Clear, r);
        f.render_widget(Paragraph::new(all).block(block), r);
    } else {
        let left = section_lines(&sections[..1]);
        let right = section_lines(&sections[1..]);
        let h = left.len().max(right.len()) as u16 + 2;
        let r = centered(area, area.width, h);
        f.render_widget(Clear, r);
        let inner = block.inner(r);
        f.render_widget(block, r);
        let [a, b] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
            .areas(inner);
        f.render_widget(Paragraph::new(left), a);
        f.render_widget(Paragraph::new(right), b);
    }
}

fn confirm(f: &mut Frame, t: &Theme, area: Rect, title: &str, text: &str) {
    let w = (text.chars().count().max(title.chars().count() + 2) as u16 + 4).max(30);
    let r = centered(area, w, 3);
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(Line::styled(text, t.title))
            .block(Block::bordered().title(format!(" {title} ")))
            .style(Style::new()),
        r,
    );
}
