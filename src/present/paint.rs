//! Colour in the command line's text: the recommended placement and the cheapest marker
//! in bold green, excluded alternatives dim, warnings yellow — only on a terminal, never
//! with `--no-color`, `NO_COLOR`, `-o FILE` or a pipe.
//!
//! A renderer marks a span with bytes no text can hold (0xFF is never part of UTF-8), so
//! a name that carries escape sequences cannot pass for a mark: [`for_terminal`] shows
//! every control character of the text as `?` and only then turns the marks into SGR
//! codes. A renderer given [`Paint::PLAIN`] writes no marks at all.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

/// What a span says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// The recommended placement, the cheapest option.
    Chosen,
    /// An alternative the rules exclude, or one that cannot be priced.
    Excluded,
    /// A warning, a risk, a component nothing can run.
    Warning,
}

const MARK: u8 = 0xFF;
const END: u8 = b'0';

impl Tone {
    const ALL: [Tone; 3] = [Tone::Chosen, Tone::Excluded, Tone::Warning];

    fn code(self) -> u8 {
        match self {
            Tone::Chosen => b'1',
            Tone::Excluded => b'2',
            Tone::Warning => b'3',
        }
    }

    fn style(self) -> Style {
        match self {
            Tone::Chosen => Style::new().bold().fg_color(Some(AnsiColor::Green.into())),
            Tone::Excluded => Style::new().dimmed(),
            Tone::Warning => Style::new().fg_color(Some(AnsiColor::Yellow.into())),
        }
    }
}

/// Whether a renderer marks its spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Paint(bool);

impl Paint {
    /// No marks: files, pipes, `NO_COLOR`, the TUI.
    pub const PLAIN: Paint = Paint(false);
    /// Marks, for a terminal.
    pub const COLOUR: Paint = Paint(true);

    pub fn new(colour: bool) -> Paint {
        Paint(colour)
    }

    /// Writes `text` in `tone` (or just `text`).
    pub fn write(self, out: &mut dyn Write, tone: Tone, text: &str) -> io::Result<()> {
        if self.0 && !text.is_empty() {
            out.write_all(&[MARK, tone.code()])?;
            out.write_all(text.as_bytes())?;
            out.write_all(&[MARK, END])
        } else {
            out.write_all(text.as_bytes())
        }
    }
}

/// A rendering for a terminal: every unsafe character of its text shown as `?`
/// ([`crate::text::for_terminal`]), then its marks turned into SGR codes.
pub fn for_terminal(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut open: Option<Tone> = None;
    for (i, part) in bytes.split(|b| *b == MARK).enumerate() {
        let text = if i == 0 {
            part
        } else {
            let (code, rest) = part.split_first().unwrap_or((&END, &[]));
            if let Some(t) = open.take() {
                out.extend_from_slice(t.style().render_reset().to_string().as_bytes());
            }
            if let Some(t) = Tone::ALL.into_iter().find(|t| t.code() == *code) {
                out.extend_from_slice(t.style().render().to_string().as_bytes());
                open = Some(t);
            }
            rest
        };
        out.extend_from_slice(crate::text::for_terminal(&String::from_utf8_lossy(text)).as_bytes());
    }
    if let Some(t) = open {
        out.extend_from_slice(t.style().render_reset().to_string().as_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_become_sgr_and_text_escapes_do_not() {
        let mut buf = Vec::new();
        buf.extend_from_slice("a \u{1b}[2J ".as_bytes());
        Paint::COLOUR
            .write(&mut buf, Tone::Chosen, "lambda")
            .unwrap();
        Paint::COLOUR
            .write(&mut buf, Tone::Warning, "x\u{1b}]0;t\u{7}")
            .unwrap();
        let s = String::from_utf8(for_terminal(&buf)).unwrap();
        assert_eq!(
            s,
            "a ?[2J \u{1b}[1m\u{1b}[32mlambda\u{1b}[0m\u{1b}[33mx?]0;t?\u{1b}[0m"
        );
        let mut plain = Vec::new();
        Paint::PLAIN
            .write(&mut plain, Tone::Chosen, "lambda")
            .unwrap();
        assert_eq!(for_terminal(&plain), b"lambda");
    }
}
