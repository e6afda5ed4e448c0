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
            c => out.push(c),
        }
    }
    out
}

/// Text inside a table cell: as `inline`, and never a line break.
pub fn table_cell(s: &str) -> String {
    inline(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_is_inert() {
        assert_eq!(
            inline("a|b<script>*x*\n# h"),
            "a\\|b&lt;script&gt;\\*x\\* \\# h"
        );
    }
}
