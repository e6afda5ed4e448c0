//! Text from files (names, descriptions, rule notes, catalog units) on its way to a
//! terminal or a document: control characters and bidirectional overrides are shown as
//! `?`, so a name cannot clear the screen, set the window title, write the clipboard
//! (ESC and OSC sequences, C1 controls) or reorder what a reader sees (U+202E).

use std::borrow::Cow;

/// Marks that reorder text around them (Trojan Source), in ascending order.
const BIDI: &[char] = &[
    '\u{061c}', '\u{200e}', '\u{200f}', '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}',
    '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
];

/// A control character (C0, DEL, C1) or a bidirectional control.
pub fn is_unsafe(c: char) -> bool {
    // Most text is below the first mark: one comparison instead of a dozen.
    c.is_control() || (c >= BIDI[0] && BIDI.contains(&c))
}

/// `c`, or `?` if it is unsafe.
pub fn shown(c: char) -> char {
    if is_unsafe(c) { '?' } else { c }
}

/// `s` with every unsafe character but line breaks shown as `?`.
pub fn for_terminal(s: &str) -> Cow<'_, str> {
    if all_safe_but_line_breaks(s) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| if c == '\n' { c } else { shown(c) })
            .collect(),
    )
}

/// Whether every character of `s` but line breaks is safe: [`is_unsafe`] read off the
/// UTF-8 bytes (a report is hundreds of kilobytes, nearly all of it ASCII). C1 controls
/// are `C2 80`–`C2 9F`; the marks are `D8 9C`, `E2 80 8E`–`8F`, `E2 80 AA`–`AE` and
/// `E2 81 A6`–`A9`.
fn all_safe_but_line_breaks(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // Printable ASCII and line breaks, nearly all of it, passed over a run at a time.
        match b[i..]
            .iter()
            .position(|x| !matches!(x, 0x20..=0x7e | b'\n'))
        {
            Some(run) => i += run,
            None => return true,
        }
        let at = i;
        i += 1;
        match b[at] {
            0..0x20 | 0x7f => return false,
            0xc2 if matches!(b.get(at + 1), Some(0x80..=0x9f)) => return false,
            0xd8 if b.get(at + 1) == Some(&0x9c) => return false,
            0xe2 => match (b.get(at + 1), b.get(at + 2)) {
                (Some(0x80), Some(0x8e | 0x8f | 0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9)) => {
                    return false;
                }
                _ => {}
            },
            _ => {}
        }
    }
    true
}

/// The first unsafe character of `s` and its position (1-based, in characters).
pub fn first_unsafe(s: &str) -> Option<(usize, char)> {
    s.chars()
        .enumerate()
        .find(|(_, c)| is_unsafe(*c))
        .map(|(i, c)| (i + 1, c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_overrides_are_shown_as_question_marks() {
        let hostile = "a\u{1b}[2Jb\u{1b}]0;title\u{7}c\u{9b}31md\u{202e}e\0f\u{7f}g";
        assert_eq!(for_terminal(hostile), "a?[2Jb?]0;title?c?31md?e?f?g");
        assert_eq!(for_terminal("two\nlines\ttab"), "two\nlines?tab");
        assert!(matches!(
            for_terminal("plain · ünïcode 名前"),
            Cow::Borrowed(_)
        ));
        assert_eq!(first_unsafe("ab\u{202e}c"), Some((3, '\u{202e}')));
        assert_eq!(first_unsafe("abc"), None);
    }

    #[test]
    fn the_byte_scan_finds_what_the_characters_say() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            for s in [c.to_string(), format!("a{c}b"), format!("{c}\u{e9}\n")] {
                let by_chars = s.chars().all(|c| c == '\n' || !is_unsafe(c));
                assert_eq!(all_safe_but_line_breaks(&s), by_chars, "U+{:04X}", c as u32);
            }
        }
    }
}
