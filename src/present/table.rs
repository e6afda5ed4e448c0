//! Plain-text tables: columns aligned by terminal cell width, so wide (CJK) names and
//! emoji line up as well as ASCII does.

use crate::topology::layout::cells;

/// Rows aligned into columns two spaces apart; `right` marks the columns aligned to the
/// right (numbers, money). Each line starts with `indent` and has no trailing spaces.
pub fn columns(rows: &[Vec<String>], right: &[bool], indent: &str) -> String {
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
    let mut s = String::new();
    for r in rows {
        let mut line = String::from(indent);
        for (i, cell) in r.iter().enumerate() {
            if i > 0 {
                line.push_str("  ");
            }
            let pad = " ".repeat(width[i].saturating_sub(cells(cell)));
            if right.get(i).copied().unwrap_or(false) {
                line.push_str(&pad);
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&pad);
            }
        }
        s.push_str(line.trim_end());
        s.push('\n');
    }
    s
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
