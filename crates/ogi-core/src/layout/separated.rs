//! Cells delimited by a character: `|` (pipe rows, markdown) and tabs.
//!
//! A grid's rows are read together, because whether a separator at the edge of a row delimits a
//! blank cell depends on the other rows: in a table whose rows otherwise have no closing `|`, a
//! row ending in `|` has a blank last cell (`| 258 | 12 |  |  | 1 | 1 | ` — its 总计 is blank),
//! and in one whose rows close, the closing `|` delimits nothing. Two tabs in a row are a blank
//! cell. Markdown rule rows (`|---|:--|`) are dropped and start a new table. A grid whose rows
//! all have the same number of cells is *aligned* (markdown pads rows to the table's width, so
//! a value stands under its header); a run of rows of one cell each (`条 |`, `|` for a blank) is
//! a table printed one cell per line and goes to [`sequence`](super::sequence).

use super::{Block, Evidence, Grid, GridRow, sequence};
use crate::text::{Text, trim};
use std::ops::Range;

/// Whether a line is a row of tab-separated cells: a tab stands after its first cell (tabs that
/// only indent a line do not separate anything), or the line is tabs alone (a row of blanks).
pub(super) fn is_tab_row(line: &str) -> bool {
    let body = line.trim_start_matches([' ', '\t']);
    memchr::memchr(b'\t', body.as_bytes()).is_some()
        || (body.is_empty() && line.bytes().filter(|b| *b == b'\t').count() >= 2)
}

/// The pieces of a line between separators, as trimmed clean-text ranges, with whether the line
/// opens and closes with a separator.
struct Pieces {
    ranges: Vec<Range<usize>>,
    opens: bool,
    closes: bool,
}

/// `row = sep? cell (sep cell)* sep?` — a line cut at `sep`.
///
/// Example from corpus 027.pipe: `一、本年新收政府信息公开申请数量 | 26 |  |  |  |  |  | 26` gives eight
/// pieces, five of them blank.
fn pieces(text: &str, line: Range<usize>, sep: u8) -> Pieces {
    let trimmed = if sep == b'\t' {
        // Tabs separate; only spaces pad.
        let s = &text[line.clone()];
        let lead = s.len() - s.trim_start_matches(' ').len();
        let tail = s.len() - s.trim_end_matches(' ').len();
        line.start + lead..line.end - tail
    } else {
        trim(text, line)
    };
    let body = &text.as_bytes()[trimmed.clone()];
    let mut ranges = Vec::with_capacity(memchr::memchr_iter(sep, body).count() + 1);
    let mut at = trimmed.start;
    for end in memchr::memchr_iter(sep, body)
        .map(|i| trimmed.start + i)
        .chain(std::iter::once(trimmed.end))
    {
        ranges.push(trim(text, at..end));
        at = end + 1;
    }
    Pieces {
        opens: body.first() == Some(&sep),
        closes: body.last() == Some(&sep),
        ranges,
    }
}

/// Whether a row's pieces are a markdown rule row (`|---|:--:|`: two cells at least; a lone
/// `------- |` is a dash in a column of one cell per line).
fn is_rule(text: &str, pieces: &Pieces) -> bool {
    let cells: Vec<&str> = pieces
        .ranges
        .iter()
        .map(|r| &text[r.clone()])
        .filter(|t| !t.is_empty())
        .collect();
    cells.len() >= 2
        && cells
            .iter()
            .all(|t| t.contains('-') && t.chars().all(|c| matches!(c, '-' | ':' | ' ')))
}

/// A table's lines, each with its cells (none for an empty line).
type Lines = Vec<(Range<usize>, Vec<Range<usize>>)>;

/// Turns a run of pipe lines into grids (see the module documentation).
pub(super) fn flush_pipes(text: &Text, run: &mut Vec<Range<usize>>, blocks: &mut Vec<Block>) {
    if run.is_empty() {
        return;
    }
    let lines: Vec<Range<usize>> = std::mem::take(run);
    let all: Vec<(Range<usize>, Option<Pieces>)> = lines
        .into_iter()
        .map(|l| {
            let p = pieces(&text.text, l.clone(), b'|');
            let filled = !text.get(l.clone()).trim().is_empty();
            (l, filled.then_some(p))
        })
        .collect();
    let rows: Vec<&Pieces> = all.iter().filter_map(|(_, p)| p.as_ref()).collect();
    // A table printed one cell per line, each ending in `|` (`条 |`, a blank as `|`).
    let bars = |p: &&&Pieces| p.ranges.len() == 2 && p.closes && p.ranges[1].is_empty();
    if rows.len() >= 6 && rows.iter().filter(bars).count() * 10 >= rows.len() * 9 {
        let cells: Vec<Range<usize>> = rows.iter().map(|p| p.ranges[0].clone()).collect();
        blocks.push(Block::grid(sequence::grid(text, &cells, false, false)));
        return;
    }
    // Tables split at markdown rule rows (the row before a rule row is the next table's head).
    let mut tables: Vec<Vec<(Range<usize>, Option<Pieces>)>> = vec![Vec::new()];
    for (line, p) in all {
        if p.as_ref().is_some_and(|p| is_rule(&text.text, p)) {
            let last = tables.last_mut().and_then(Vec::pop);
            tables.push(last.into_iter().collect());
        } else if let Some(t) = tables.last_mut() {
            t.push((line, p));
        }
    }
    for table in tables {
        push_grid(edges(table), blocks);
    }
}

/// The cells of a table's rows. A writer that opens (closes) rows with `|` does so on every
/// row, headers too; where a row does not, a `|` at the edge delimits a blank cell
/// (`| 258 | 12 |  |  | 1 | 1 | ` among rows with no closing `|`: its 总计 is blank). Reading
/// an edge as a blank costs at worst a blank past the last column, which the readers drop;
/// the other way would lose a blank.
fn edges(table: Vec<(Range<usize>, Option<Pieces>)>) -> Lines {
    let rows: Vec<&Pieces> = table.iter().filter_map(|(_, p)| p.as_ref()).collect();
    let every = |f: fn(&Pieces) -> bool| rows.iter().all(|p| f(p));
    let (opens, closes) = (every(|p| p.opens), every(|p| p.closes));
    let cells = |p: &Pieces| -> Vec<Range<usize>> {
        let n = p.ranges.len();
        p.ranges
            .iter()
            .enumerate()
            .filter(|(i, r)| {
                let edge = (*i == 0 && p.opens && opens) || (*i == n - 1 && p.closes && closes);
                !(edge && r.is_empty())
            })
            .map(|(_, r)| r.clone())
            .collect()
    };
    table
        .into_iter()
        .map(|(line, p)| (line, p.as_ref().map(cells).unwrap_or_default()))
        .collect()
}

/// The grid of one table's separated rows: `(line, cells)`, an empty line with no cells.
fn push_grid(rows: Lines, blocks: &mut Vec<Block>) {
    let filled: Vec<&Vec<Range<usize>>> = rows
        .iter()
        .map(|(_, c)| c)
        .filter(|c| !c.is_empty())
        .collect();
    if filled.is_empty() {
        blocks.extend(rows.into_iter().map(|(l, _)| Block::line(l)));
        return;
    }
    let width = filled[0].len();
    let aligned = filled.len() >= 2 && width >= 2 && filled.iter().all(|c| c.len() == width);
    let grid_rows: Vec<GridRow> = rows
        .into_iter()
        .filter(|(_, c)| !c.is_empty())
        .map(|(_, c)| GridRow::in_order(c))
        .collect();
    blocks.push(Block::grid(Grid {
        rows: grid_rows,
        evidence: Evidence::separated(aligned),
    }));
}

/// Turns a run of tab-separated lines into a grid: every tab separates, so two tabs are a blank
/// cell and a trailing tab a blank last cell.
pub(super) fn flush_tabs(text: &Text, run: &mut Vec<Range<usize>>, blocks: &mut Vec<Block>) {
    if run.is_empty() {
        return;
    }
    let rows: Lines = std::mem::take(run)
        .into_iter()
        .map(|l| {
            let cells = if text.get(l.clone()).contains('\t') {
                pieces(&text.text, l.clone(), b'\t').ranges
            } else {
                Vec::new()
            };
            (l, cells)
        })
        .collect();
    push_grid(rows, blocks);
}

#[cfg(test)]
mod tests {
    use super::super::testing::{grids, prose, text, texts};
    use super::super::{Boundaries, detect};

    #[test]
    fn pipe_rows_keep_blank_cells_and_drop_rule_rows() {
        let t = text(
            "前言\n信息内容 | 本年新制作数量 | 对外公开 总数量 |\n规章 | 0 |  | 3 |\n| a | b |\n|---|---|\n后记",
        );
        let blocks = detect(&t, Vec::new());
        let g = grids(&blocks);
        assert_eq!(g.len(), 2);
        assert_eq!(
            texts(&t, g[0]),
            [
                vec!["信息内容", "本年新制作数量", "对外公开 总数量"],
                vec!["规章", "0", "", "3"],
            ]
        );
        // The row before a rule row heads the next table.
        assert_eq!(texts(&t, g[1]), [vec!["a", "b"]]);
        assert_eq!(prose(&t, &blocks), ["前言", "后记"]);
    }

    /// The row: the other rows have no closing `|`, so this row's last `|` delimits a
    /// blank 总计.
    #[test]
    fn a_closing_bar_in_a_table_of_open_rows_is_a_blank_last_cell() {
        let t = text(
            "| 一、本年新收 | 258 | 12 |  |  | 1 | 1 | \n| 二、上年结转 | 1 | 0 | 0 | 0 | 0 | 0 | 1\n| (七)总计 | 2 | 0 | 0 | 0 | 0 | 0 | 2\n",
        );
        let blocks = detect(&t, Vec::new());
        let g = grids(&blocks);
        let rows = texts(&t, g[0]);
        assert_eq!(rows[0], ["一、本年新收", "258", "12", "", "", "1", "1", ""]);
        assert_eq!(rows[1].len(), 8);
        assert_eq!(
            g[0].evidence.boundaries,
            Boundaries::Separated { aligned: true }
        );
    }

    #[test]
    fn closing_bars_of_closed_rows_delimit_nothing() {
        let t = text("| 规章 | 0 |  | 3 |\n| 行政许可 | 1 | 2 |  |\n");
        let blocks = detect(&t, Vec::new());
        let rows = texts(&t, grids(&blocks)[0]);
        assert_eq!(
            rows,
            [vec!["规章", "0", "", "3"], vec!["行政许可", "1", "2", ""]]
        );
    }

    #[test]
    fn tabs_separate_every_cell() {
        let t = text("一、本年新收\t46\t\t\t\t\t\t46\n(七)总计\t5\t0\t\t\t\t\t\n");
        let blocks = detect(&t, Vec::new());
        let g = grids(&blocks);
        let rows = texts(&t, g[0]);
        assert_eq!(rows[0], ["一、本年新收", "46", "", "", "", "", "", "46"]);
        assert_eq!(rows[1], ["(七)总计", "5", "0", "", "", "", "", ""]);
        assert_eq!(
            g[0].evidence.boundaries,
            Boundaries::Separated { aligned: true }
        );
        // A tab that only indents a line separates nothing.
        let t = text("\t一、总体情况\n");
        assert!(grids(&detect(&t, Vec::new())).is_empty());
    }

    #[test]
    fn one_cell_per_line_with_bars_is_a_sequence() {
        let t = text(
            "统计指标 |\n单位 |\n统计数 |\n一、主动公开情况 |\n------- |\n|\n(一)主动公开政府信息数 |\n条 |\n340 |\n其中:主动公开规范性文件数 |\n条 |\n2 |\n",
        );
        let blocks = detect(&t, Vec::new());
        let g = grids(&blocks);
        assert_eq!(g[0].evidence.boundaries, Boundaries::Sequence);
        assert!(!g[0].evidence.blanks_lost);
        let rows = texts(&t, g[0]);
        assert_eq!(
            rows,
            [
                vec![
                    "统计指标",
                    "单位",
                    "统计数",
                    "一、主动公开情况",
                    "-------",
                    ""
                ],
                vec!["(一)主动公开政府信息数", "条", "340"],
                vec!["其中:主动公开规范性文件数", "条", "2"],
            ]
        );
    }
}
