//! Escaping user text (names, descriptions) for markdown, so a hostile name cannot
//! break a document or inject markup.

/// Text inside a paragraph or heading: markdown and HTML metacharacters escaped.
pub fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
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
    out
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
