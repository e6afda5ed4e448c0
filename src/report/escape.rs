//! Escaping user text (names, descriptions) for markdown, so a hostile name cannot
//! break a document or inject markup.

/// Text inside a paragraph or heading: markdown and HTML metacharacters escaped. Runs of
/// bytes written as they are are copied at once: a report holds thousands of such texts.
pub fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut rest = s;
    loop {
        let run = rest.bytes().position(|b| !plain(b)).unwrap_or(rest.len());
        out.push_str(&rest[..run]);
        rest = &rest[run..];
        let Some(c) = rest.chars().next() else {
            return out;
        };
        escape(c, &mut out);
        rest = &rest[c.len_utf8()..];
    }
}

/// A byte [`inline`] writes as it is: printable ASCII but the metacharacters.
fn plain(b: u8) -> bool {
    matches!(b, 0x20..=0x7e)
        && !matches!(
            b,
            b'\\'
                | b'`'
                | b'*'
                | b'_'
                | b'['
                | b']'
                | b'#'
                | b'|'
                | b'!'
                | b'~'
                | b'{'
                | b'}'
                | b'('
                | b')'
                | b'+'
                | b'<'
                | b'>'
                | b'&'
        )
}

/// How [`inline`] writes the character `c`.
fn escape(c: char, out: &mut String) {
    match c {
        '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '!' | '~' | '{' | '}' | '(' | ')'
        | '+' => {
            out.push('\\');
            out.push(c);
        }
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '&' => out.push_str("&amp;"),
        '\n' | '\r' => out.push(' '),
        c => out.push(crate::text::shown(c)),
    }
}

/// A code span holding `s` as it is: markdown does not read escapes inside one, so
/// the span's fence is longer than any run of backticks in `s` (padded with spaces when
/// `s` starts or ends with one), and only controls and line breaks are replaced.
pub fn code(s: &str) -> String {
    let text: String = s
        .chars()
        .map(|c| match c {
            '\n' | '\r' => ' ',
            c => crate::text::shown(c),
        })
        .collect();
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') || text.trim().is_empty() {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// Text inside a table cell: as `inline`, and never a line break.
pub fn table_cell(s: &str) -> String {
    inline(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_bytes_are_those_escaping_leaves_as_they_are() {
        // Every character through `escape` one at a time is what `inline` writes.
        let by_chars = |s: &str| {
            let mut out = String::new();
            s.chars().for_each(|c| escape(c, &mut out));
            out
        };
        for b in 0..=0x7fu8 {
            let s = char::from(b).to_string();
            assert_eq!(plain(b), by_chars(&s) == s, "byte {b:#04x}");
        }
        for c in (0..=0x3000u32).filter_map(char::from_u32) {
            let s = format!("a{c}b(c){c}{c}");
            assert_eq!(inline(&s), by_chars(&s), "U+{:04X}", c as u32);
        }
        assert_eq!(inline("web-core 1.5 GB/s"), "web-core 1.5 GB/s");
        assert_eq!(inline("a_b (c)"), "a\\_b \\(c\\)");
    }

    #[test]
    fn a_code_span_holds_any_name_as_written() {
        assert_eq!(code("orders-api"), "`orders-api`");
        // No escapes inside a span: `#`, `<` and `\\` are shown as they are.
        assert_eq!(code("a#b<c>\\d"), "`a#b<c>\\d`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("``x"), "``` ``x ```");
        assert_eq!(code("x`"), "`` x` ``");
        assert_eq!(code("esc\u{1b}[2J\u{202e}"), "`esc?[2J?`");
    }

    #[test]
    fn hostile_text_is_inert() {
        assert_eq!(
            inline("a|b<script>*x*\n# h"),
            "a\\|b&lt;script&gt;\\*x\\* \\# h"
        );
    }
}
