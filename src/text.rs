//! Text from files (names, descriptions, rule notes, catalog units) on its way to a
//! terminal or a document: control characters and bidirectional overrides are shown as
//! `?`, so a name cannot clear the screen, set the window title, write the clipboard
//! (ESC and OSC sequences, C1 controls) or reorder what a reader sees (U+202E).

use std::borrow::Cow;

/// Marks that reorder text around them (Trojan Source).
const BIDI: &[char] = &[
    '\u{061c}', '\u{200e}', '\u{200f}', '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}',
    '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
];

/// A control character (C0, DEL, C1) or a bidirectional control.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || BIDI.contains(&c)
}

/// `c`, or `?` if it is unsafe.
pub fn shown(c: char) -> char {
    if is_unsafe(c) { '?' } else { c }
}

/// `s` with every unsafe character but line breaks shown as `?`.
pub fn for_terminal(s: &str) -> Cow<'_, str> {
    if s.chars().all(|c| c == '\n' || !is_unsafe(c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| if c == '\n' { c } else { shown(c) })
            .collect(),
    )
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
}
