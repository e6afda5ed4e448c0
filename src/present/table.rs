//! Plain-text tables: columns aligned by terminal cell width, so wide (CJK) names and
//! emoji line up as well as ASCII does.

use super::paint::{Paint, Tone};
use crate::topology::layout::cells;

/// Rows aligned into columns two spaces apart; `right` marks the columns aligned to the
/// right (numbers, money). Each line starts with `indent` and has no trailing spaces.
pub fn columns(rows: &[Vec<String>], right: &[bool], indent: &str) -> String {
    let bytes = painted(rows, right, indent, Paint::PLAIN, &|_, _| None);
    String::from_utf8(bytes).expect("cells are text")
}

/// [`columns`], with the cell at (row, column) in the tone `tone` gives it.
pub fn painted(
    rows: &[Vec<String>],
    right: &[bool],
    indent: &str,
    paint: Paint,
    tone: &dyn Fn(usize, usize) -> Option<Tone>,
) -> Vec<u8> {
    let n = rows.iter().map(Vec::len).max().unwrap_or(0);
    let width: Vec<usize> = (0..n)
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|c| cells(c))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = Vec::new();
    for (y, r) in rows.iter().enumerate() {
        let mut line = String::from(indent);
        // Where each cell's text lies in the line.
        let mut spans = Vec::new();
        for (i, cell) in r.iter().enumerate() {
            if i > 0 {
                line.push_str("  ");
            }
            let pad = " ".repeat(width[i].saturating_sub(cells(cell)));
            if right.get(i).copied().unwrap_or(false) {
                line.push_str(&pad);
            }
            spans.push((line.len(), line.len() + cell.len(), tone(y, i)));
            line.push_str(cell);
            if !right.get(i).copied().unwrap_or(false) {
                line.push_str(&pad);
            }
        }
        let end = line.trim_end().len();
        let mut at = 0;
        for (from, to, t) in spans {
            let (from, to) = (from.min(end), to.min(end));
            if let Some(t) = t.filter(|_| from < to) {
                out.extend_from_slice(&line.as_bytes()[at..from]);
                // Writing to memory cannot fail.
                let _ = paint.write(&mut out, t, &line[from..to]);
                at = to;
            }
        }
        out.extend_from_slice(&line.as_bytes()[at..end]);
        out.push(b'\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_by_cell_width() {
        let rows = vec![
            vec!["name".to_string(), "cost".to_string()],
            vec!["注文".to_string(), "$1.00".to_string()],
            vec!["orders-api".to_string(), "$10.00".to_string()],
        ];
        assert_eq!(
            columns(&rows, &[false, true], "  "),
            "  name          cost\n  注文         $1.00\n  orders-api  $10.00\n"
        );
    }
}
