//! Reading generated markdown back the way GitHub does (pulldown-cmark), for the report
//! and compare tests: headings, tables as parsed, and tables as written.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Every event of the document, tables enabled.
pub fn events(md: &str) -> impl Iterator<Item = Event<'_>> {
    Parser::new_ext(md, Options::ENABLE_TABLES)
}

/// Level-2 headings in order, as text.
pub fn h2(md: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut inside = false;
    for e in events(md) {
        match e {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                ..
            }) => {
                inside = true;
                out.push(String::new());
            }
            Event::End(TagEnd::Heading(HeadingLevel::H2)) => inside = false,
            Event::Text(t) | Event::Code(t) if inside => {
                if let Some(h) = out.last_mut() {
                    h.push_str(&t);
                }
            }
            _ => {}
        }
    }
    out
}

/// Each table: its header cells, then its rows' cells, as parsed.
pub fn tables(md: &str) -> Vec<Vec<Vec<String>>> {
    let mut out: Vec<Vec<Vec<String>>> = Vec::new();
    let mut cell: Option<String> = None;
    for e in events(md) {
        match e {
            Event::Start(Tag::Table(_)) => out.push(Vec::new()),
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => {
                out.last_mut().unwrap().push(Vec::new())
            }
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => {
                let c = cell.take().unwrap();
                out.last_mut().unwrap().last_mut().unwrap().push(c);
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = &mut cell {
                    c.push_str(&t);
                }
            }
            _ => {}
        }
    }
    out
}

/// Unescaped pipes on a table line as written, which the parser would silently pad or cut.
fn pipes(line: &str) -> usize {
    let mut n = 0;
    let mut escaped = false;
    for c in line.chars() {
        match (c, escaped) {
            ('\\', false) => escaped = true,
            ('|', false) => n += 1,
            _ => escaped = false,
        }
    }
    n
}

/// Every table line has as many cells as its header, both as written and as parsed.
pub fn assert_tables_rectangular(md: &str) {
    let mut header: Option<usize> = None;
    for line in md.lines() {
        if line.starts_with('|') {
            let n = pipes(line);
            assert_eq!(n, *header.get_or_insert(n), "ragged table row: {line}");
        } else {
            header = None;
        }
    }
    for t in tables(md) {
        for row in &t {
            assert_eq!(row.len(), t[0].len(), "{t:?}");
        }
    }
}
