//! What the text tabs share (Costs' line items, Topology, Migration, Risks, Trace): a
//! long text wrapped to the screen, scrolled by the keys, with the range it shows.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::super::app::{App, Tab};
use super::super::keys::Action;
use super::super::theme::Theme;
use super::super::view::Drawn;

/// Columns a sideways step moves.
const SIDEWAYS: u16 = 8;

/// Scrolling keys on a text tab; the limits come from the last frame drawn.
pub fn act(app: &mut App, a: Action) {
    let (max, page) = (app.viewport.max, app.viewport.page.max(1));
    let down = |v: u16, d: u16| v.saturating_add(d).min(max);
    let s = &mut app.scroll;
    match a {
        Action::Up => s.0 = s.0.min(max).saturating_sub(1),
        Action::Down => s.0 = down(s.0, 1),
        Action::PageUp => s.0 = s.0.min(max).saturating_sub(page),
        Action::PageDown => s.0 = down(s.0, page),
        Action::Top => s.0 = 0,
        Action::Bottom => s.0 = max,
        Action::Left => s.1 = s.1.saturating_sub(SIDEWAYS),
        Action::Right if app.tab == Tab::Topology => s.1 = s.1.saturating_add(SIDEWAYS),
        Action::Back => app.set_tab(Tab::Interview),
        _ => {}
    }
}

/// Lines of text, each with its style, wrapped to `width`: a continuation keeps the
/// line's indentation and two more spaces, so a wrapped item still reads as one.
pub fn wrap(lines: &[(String, Style)], width: u16) -> Vec<(String, Style)> {
    wrap_with(lines, width, true)
}

/// Lines wrapped to `width`; continuations hang under the line (items) or not (prose).
pub fn wrap_with(lines: &[(String, Style)], width: u16, hang: bool) -> Vec<(String, Style)> {
    let mut out = Vec::new();
    for (line, style) in lines {
        match pieces(line, width, hang) {
            None => out.push((line.clone(), *style)),
            Some(parts) => out.extend(parts.into_iter().map(|p| (p, *style))),
        }
    }
    out
}

/// One line's pieces at `width`, or `None` when it fits as it is.
fn pieces(line: &str, width: u16, hang: bool) -> Option<Vec<String>> {
    let width = usize::from(width.max(8));
    if unicode_width::UnicodeWidthStr::width(line) <= width {
        return None;
    }
    let indent = line.len() - line.trim_start().len();
    let extra = if hang { 2 } else { 0 };
    let hang = " ".repeat((indent + extra).min(width.saturating_sub(20)));
    let opts = textwrap::Options::new(width)
        .initial_indent(&line[..indent])
        .subsequent_indent(&hang)
        .break_words(true)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        // Greedy, as terminals wrap: a long trace re-wraps in a fraction of the time
        // the balanced algorithm takes, and every frame after a change re-wraps it.
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
    Some(
        textwrap::wrap(line.trim_start(), opts)
            .into_iter()
            .map(|p| p.into_owned())
            .collect(),
    )
}

/// Plain lines in one style.
pub fn plain(text: impl IntoIterator<Item = String>, style: Style) -> Vec<(String, Style)> {
    text.into_iter().map(|l| (l, style)).collect()
}

/// Lines as a writer into a buffer printed them.
pub fn lines_of(buf: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(buf)
        .lines()
        .map(str::to_string)
        .collect()
}

/// Draws a long text in `area` under a title that says which lines show. Prose is
/// wrapped (`wrap`); a diagram is not, and scrolls sideways instead.
pub fn scrolled(
    f: &mut Frame,
    app: &App,
    area: Rect,
    title: &str,
    lines: Vec<(String, Style)>,
    prose: bool,
    drawn: &mut Drawn,
) {
    let t = Theme::new(app.color);
    let mut caches = app.wrapped.borrow_mut();
    let cache = &mut caches[app.tab as usize];
    let lines = if prose {
        cache.wrap(lines, area.width)
    } else {
        lines.as_slice()
    };
    let height = area.height.saturating_sub(1);
    let total = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let max = total.saturating_sub(height);
    let top = app.scroll.0.min(max);
    let range = if total <= height {
        String::new()
    } else {
        format!(" · {}–{} of {total}", top + 1, (top + height).min(total))
    };
    drawn.viewport.max = max;
    drawn.viewport.page = height;
    // Only the lines that show are handed to the terminal.
    let shown = lines
        .iter()
        .skip(usize::from(top))
        .take(usize::from(height));
    let text: Vec<Line> = shown.map(|(l, s)| Line::styled(l.as_str(), *s)).collect();
    // Prose arrives wrapped to the width; a diagram scrolls sideways.
    let p = Paragraph::new(text)
        .block(Block::new().title(Line::styled(format!(" {title}{range} "), t.dim)))
        .scroll((0, if prose { 0 } else { app.scroll.1 }));
    f.render_widget(p, area);
}

/// The last text wrapped, by its content and width: a frame whose text has not changed
/// (a scroll, a key on another part of the screen) reuses it. After a change most lines
/// are the ones wrapped last (a trace's rules, sources and reasons stay; its figures move)
/// or repeat within the text (one rule fires on many components), so each line's pieces
/// are kept too, by its words, and only a line not seen at this width is wrapped again.
#[derive(Default)]
pub struct Wrapped {
    key: Option<(u64, u16)>,
    lines: Vec<(String, Style)>,
    /// The width the pieces are for, and each long line's pieces.
    pieces: (u16, std::collections::HashMap<String, Vec<String>>),
}

impl Wrapped {
    /// `lines` wrapped to `width`, from the cache when they are the ones wrapped last.
    pub fn wrap(&mut self, lines: Vec<(String, Style)>, width: u16) -> &[(String, Style)] {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        lines.hash(&mut h);
        let key = (h.finish(), width);
        if self.key != Some(key) {
            self.lines = self.rewrap(lines, width);
            self.key = Some(key);
        }
        &self.lines
    }

    /// [`wrap`] of each line, its pieces from the last text's when it had the same line;
    /// only the pieces of this text's lines are kept for the next.
    fn rewrap(&mut self, lines: Vec<(String, Style)>, width: u16) -> Vec<(String, Style)> {
        let (at, old) = std::mem::take(&mut self.pieces);
        let mut old = if at == width { old } else { Default::default() };
        let mut kept: std::collections::HashMap<String, Vec<String>> = Default::default();
        let mut out = Vec::with_capacity(lines.len());
        for (line, style) in lines {
            // Most lines fit: no lookup for them.
            if unicode_width::UnicodeWidthStr::width(line.as_str()) <= usize::from(width.max(8)) {
                out.push((line, style));
                continue;
            }
            if let Some(parts) = kept.get(&line) {
                out.extend(parts.iter().map(|p| (p.clone(), style)));
                continue;
            }
            let Some(parts) = old.remove(&line).or_else(|| pieces(&line, width, true)) else {
                out.push((line, style));
                continue;
            };
            out.extend(parts.iter().map(|p| (p.clone(), style)));
            kept.insert(line, parts);
        }
        self.pieces = (width, kept);
        out
    }
}

/// The tabs that need a workload that loads say why there is nothing to show; true
/// when they did.
pub fn no_analysis(f: &mut Frame, app: &App, t: &Theme, area: Rect) -> bool {
    let Err(e) = &app.analysis else {
        return false;
    };
    let mut lines = vec![Line::styled("The workload does not load yet:", t.title)];
    lines.extend(e.lines().map(|l| Line::styled(format!("✗ {l}"), t.error)));
    lines.push(Line::styled(
        "Fix it in the Interview tab (Esc goes there; u undoes the last edit).",
        t.dim,
    ));
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_the_indent_and_hangs_the_rest() {
        let lines = plain(
            ["  mitigation: put the queue in front and let the workers drain it".to_string()],
            Style::new(),
        );
        let out: Vec<String> = wrap(&lines, 30).into_iter().map(|(l, _)| l).collect();
        assert_eq!(
            out,
            [
                "  mitigation: put the queue in",
                "    front and let the workers",
                "    drain it"
            ]
        );
    }

    proptest::proptest! {
        /// The cache gives what wrapping afresh gives, text after text, whatever lines
        /// repeat, change or move and whatever the width.
        #[test]
        fn the_cache_wraps_as_wrapping_afresh_does(
            texts in proptest::collection::vec(
                (proptest::collection::vec(0usize..6, 0..12), 8u16..40),
                1..5,
            )
        ) {
            const WORDS: [&str; 6] = [
                "  because requests_per_month = 20,000,000 > 1,000,000",
                "short",
                "  source: “Serverless in 2026: durable execution and state” 'Edge Limitations'",
                "docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/edge-functions.html",
                "",
                "    lambda beats fargate on both rules and cost: score 7 vs 1.08",
            ];
            let mut cache = Wrapped::default();
            for (picks, width) in texts {
                let lines: Vec<(String, Style)> = picks
                    .iter()
                    .enumerate()
                    .map(|(i, &k)| {
                        let style = if i % 2 == 0 { Style::new() } else { Style::new().bold() };
                        (WORDS[k].to_string(), style)
                    })
                    .collect();
                let afresh = wrap(&lines, width);
                proptest::prop_assert_eq!(cache.wrap(lines, width), afresh.as_slice());
            }
        }
    }
}
