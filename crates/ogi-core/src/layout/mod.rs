//! The layout detector: plain-text lines → prose lines and grids.
//!
//! Tables reach us in many layouts. This module is the only place that knows them; everything
//! after it sees [`Block`]s: prose lines, and [`Grid`]s of cells whose ranges point into the
//! clean text.
//!
//! Lines of web chrome (see [`chrome`]) become [`Block::Chrome`] and do not interrupt a table.
//!
//! Layouts recognised:
//! - **pipe rows**: cells joined by `|`, one table row per line (`规章 | 0 | 0 | 0 |`, seed 002);
//! - **one cell per line**: every line a single cell ending in ` |`, blank cells as lines
//!   holding only `|` (seed 004); the column count is inferred from where values fall;
//! - **columns of spaces** ([`columns`]): pdftotext and PDF extractors;
//! - **streams** ([`stream`]): crawler dumps with a whole report on one line and cell
//!   boundaries lost;
//! - **HTML tables**, built while rendering the page and passed in whole.

mod columns;
mod stream;

use crate::text::{Text, trim};
use crate::{chrome, numeral};
use std::ops::Range;

/// How a grid was laid out in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Layout {
    /// Cells joined by `|`, one row per line.
    Pipe,
    /// One cell per line, each ending in `|`.
    CellPerLine,
    /// An HTML `<table>`.
    Html,
    /// Columns separated by runs of spaces (pdftotext).
    Columns,
    /// Labels and digit runs of a crawler dump: a value cell may hold several cells' digits.
    Stream,
}

/// A cell of a grid: its text as a clean-text range (trimmed; empty for a blank cell).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct GridCell {
    pub(crate) range: Range<usize>,
    /// A position covered by a merged cell whose text stands at another position (to its left or
    /// above): the grid's geometry keeps it, the readers of rows skip it.
    pub(crate) copy: bool,
}

impl GridCell {
    pub(crate) fn new(range: Range<usize>) -> Self {
        Self { range, copy: false }
    }
}

/// A row of a grid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct GridRow {
    pub(crate) cells: Vec<GridCell>,
}

/// A table rebuilt from the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Grid {
    pub(crate) layout: Layout,
    pub(crate) rows: Vec<GridRow>,
}

/// A unit of the document after layout detection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Block {
    /// A line of prose (or a heading), without its line break.
    Line(Range<usize>),
    /// A table.
    Grid(Grid),
    /// Web chrome or scrape damage (`来源:… 分享到:`, `-2-`, `?????`): not report text, but kept
    /// for what it says about the page (a posting date).
    Chrome(Range<usize>),
}

/// Splits the text into prose lines and grids. `premade` are grids already built (HTML tables),
/// each with the range of the text its lines occupy, in order.
pub(crate) fn detect(text: &Text, premade: Vec<(Range<usize>, Grid)>) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut pipe_run: Vec<Range<usize>> = Vec::new();
    let mut pending_empty: Vec<Range<usize>> = Vec::new();
    let mut pending_chrome: Vec<Range<usize>> = Vec::new();
    let mut premade = premade.into_iter().peekable();
    let mut skip_until = 0;
    for line in text.lines() {
        if line.start < skip_until {
            continue;
        }
        if let Some((region, grid)) = premade.next_if(|(region, _)| line.start >= region.start) {
            flush_pipes(text, &mut pipe_run, &mut blocks);
            blocks.extend(pending_empty.drain(..).map(Block::Line));
            blocks.push(Block::Grid(grid));
            skip_until = region.end;
            if line.start < region.end {
                continue;
            }
        }
        let s = text.get(line.clone());
        if chrome::is_chrome_line(s) {
            // A page footer inside a table does not end the table.
            if pipe_run.is_empty() {
                blocks.push(Block::Chrome(line));
            } else {
                pending_chrome.push(line);
            }
        } else if memchr::memchr(b'|', s.as_bytes()).is_some() {
            // Empty lines between two pipe lines belong to the table.
            pending_empty.clear();
            pipe_run.push(line);
        } else if s.trim().is_empty() && !pipe_run.is_empty() {
            pending_empty.push(line);
        } else {
            flush_pipes(text, &mut pipe_run, &mut blocks);
            blocks.extend(pending_chrome.drain(..).map(Block::Chrome));
            blocks.extend(pending_empty.drain(..).map(Block::Line));
            blocks.push(Block::Line(line));
        }
    }
    flush_pipes(text, &mut pipe_run, &mut blocks);
    blocks.extend(pending_chrome.drain(..).map(Block::Chrome));
    blocks.extend(pending_empty.drain(..).map(Block::Line));
    blocks.extend(premade.map(|(_, grid)| Block::Grid(grid)));
    refine(text, blocks)
}

/// The second pass over the prose left between grids: long lines are cut at their headings
/// and their stream tables taken out; runs of short lines are searched for column tables.
fn refine(text: &Text, blocks: Vec<Block>) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    let mut run: Vec<Block> = Vec::new();
    for block in blocks {
        match block {
            Block::Line(ref r) if r.len() >= stream::LONG_LINE => {
                out.extend(columns::find(text, &std::mem::take(&mut run)));
                out.extend(stream::split_line(text, r.clone()));
            }
            Block::Line(_) | Block::Chrome(_) => run.push(block),
            Block::Grid(_) => {
                out.extend(columns::find(text, &std::mem::take(&mut run)));
                out.push(block);
            }
        }
    }
    out.extend(columns::find(text, &run));
    out
}

fn flush_pipes(text: &Text, run: &mut Vec<Range<usize>>, blocks: &mut Vec<Block>) {
    if run.is_empty() {
        return;
    }
    let rows: Vec<GridRow> = run
        .drain(..)
        .filter_map(|line| pipe_row(&text.text, line))
        .collect();
    if rows.is_empty() {
        return;
    }
    let single = rows.iter().filter(|r| r.cells.len() == 1).count();
    let grid = if rows.len() >= 6 && single * 10 >= rows.len() * 9 {
        let cells: Vec<_> = rows.into_iter().flat_map(|r| r.cells).collect();
        match regroup(&text.text, &cells) {
            Some(rows) => Grid {
                layout: Layout::CellPerLine,
                rows,
            },
            None => Grid {
                layout: Layout::CellPerLine,
                rows: cells
                    .into_iter()
                    .map(|c| GridRow { cells: vec![c] })
                    .collect(),
            },
        }
    } else {
        Grid {
            layout: Layout::Pipe,
            rows,
        }
    };
    blocks.push(Block::Grid(grid));
}

/// `pipe_row = "|"? cell ("|" cell)* "|"?` — one line of a pipe table.
///
/// Example from seed 002: `规章 | 0 | 0 | 0 |`. A leading and a trailing `|` delimit the row;
/// an empty piece between two `|` is a blank cell. Markdown rule rows (`|---|:--|`) are skipped.
fn pipe_row(text: &str, line: Range<usize>) -> Option<GridRow> {
    let s = &text[line.clone()];
    let trimmed = trim(text, line.clone());
    let body = &text[trimmed.clone()];
    let last = memchr::memchr_iter(b'|', body.as_bytes()).count();
    let mut cells = Vec::with_capacity(last + 1);
    let mut at = trimmed.start;
    for (i, piece) in body.split('|').enumerate() {
        let range = at..at + piece.len();
        at = range.end + 1;
        let edge = (i == 0 && body.starts_with('|')) || (i == last && body.ends_with('|'));
        if edge && piece.trim().is_empty() {
            continue;
        }
        cells.push(GridCell::new(trim(text, range)));
    }
    let is_rule = cells.len() >= 2
        && cells.iter().all(|c| {
            let t = &text[c.range.clone()];
            !t.is_empty() && t.chars().all(|ch| matches!(ch, '-' | ':' | ' '))
        });
    if is_rule || s.trim().is_empty() {
        return None;
    }
    if cells.is_empty() {
        // A line holding only `|`: one blank cell.
        let p = trimmed.start;
        cells.push(GridCell::new(p..p));
    }
    Some(GridRow { cells })
}

/// What a cell looks like, for layout decisions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CellShape {
    /// Empty.
    Blank,
    /// A number, marker, or number with unit/note.
    Value,
    /// A bare unit word (`条`, `万元`): the unit column of a 统计表.
    Unit,
    /// Anything else: a label.
    Label,
}

/// Classifies a cell's text.
pub(crate) fn shape(s: &str) -> CellShape {
    let t = s.trim();
    if t.is_empty() {
        return CellShape::Blank;
    }
    // Labels are most cells: no number, marker or unit starts with their first character.
    let first = t.chars().next().unwrap_or(' ');
    let may_be_value = first.is_ascii_digit()
        || matches!(
            first,
            '+' | '-'
                | '/'
                | '\\'
                | '无'
                | '—'
                | '–'
                | '―'
                | '─'
                | '━'
                | '‐'
                | '‑'
                | '‒'
                | '﹣'
        )
        || matches!(
            first,
            '条' | '件' | '次' | '篇' | '个' | '人' | '万' | '元' | '项'
        );
    if !may_be_value {
        return CellShape::Label;
    }
    if !first.is_ascii_digit() && numeral::unit(t).is_ok_and(|(rest, _)| rest.is_empty()) {
        return CellShape::Unit;
    }
    match numeral::cell(t) {
        Some(_) => CellShape::Value,
        None => CellShape::Label,
    }
}

/// Rebuilds rows from a run of single cells by finding the column count under which labels
/// fall in the first column and values, units and blanks in the others.
fn regroup(text: &str, cells: &[GridCell]) -> Option<Vec<GridRow>> {
    let shapes: Vec<CellShape> = cells
        .iter()
        .map(|c| shape(&text[c.range.clone()]))
        .collect();
    let mut best: Option<(usize, f64)> = None;
    for n in 2..=6 {
        let rows = shapes.len() / n;
        if rows < 3 {
            continue;
        }
        let good = shapes
            .chunks(n)
            .filter(|row| {
                row.len() == n
                    && row[0] == CellShape::Label
                    && row[1..].iter().all(|s| *s != CellShape::Label)
            })
            .count();
        #[allow(clippy::cast_precision_loss)]
        let score = good as f64 / rows as f64;
        if best.is_none_or(|(_, b)| score > b + 1e-9) {
            best = Some((n, score));
        }
    }
    let (n, score) = best?;
    if score < 0.6 {
        return None;
    }
    Some(
        cells
            .chunks(n)
            .map(|row| GridRow {
                cells: row.to_vec(),
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::offset::SourceMap;

    fn text(s: &str) -> Text {
        Text {
            text: s.to_owned(),
            map: SourceMap::default(),
        }
    }

    fn grid_texts(t: &Text, g: &Grid) -> Vec<Vec<String>> {
        g.rows
            .iter()
            .map(|r| {
                r.cells
                    .iter()
                    .map(|c| t.get(c.range.clone()).to_owned())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn pipe_rows_keep_blank_cells() {
        let t = text(
            "前言\n信息内容 | 本年新制作数量 | 对外公开 总数量 |\n规章 | 0 |  | 3 |\n| a | b |\n|---|---|\n后记",
        );
        let blocks = detect(&t, Vec::new());
        assert_eq!(blocks.len(), 3);
        let Block::Grid(g) = &blocks[1] else {
            panic!("expected a grid")
        };
        assert_eq!(g.layout, Layout::Pipe);
        assert_eq!(
            grid_texts(&t, g),
            [
                vec!["信息内容", "本年新制作数量", "对外公开 总数量"],
                vec!["规章", "0", "", "3"],
                vec!["a", "b"]
            ]
        );
    }

    #[test]
    fn chrome_inside_a_table_does_not_split_it() {
        let t = text(
            "信息内容 | 本年制发件数 |\n规章 | 0 |\n\n                -2-\n行政规范性文件 | 5 |\n分享到: 微信 微博\n",
        );
        let blocks = detect(&t, Vec::new());
        let grids: Vec<_> = blocks
            .iter()
            .filter_map(|b| {
                if let Block::Grid(g) = b {
                    Some(g)
                } else {
                    None
                }
            })
            .collect();
        assert_eq!(grids.len(), 1);
        assert_eq!(grid_texts(&t, grids[0]).len(), 3);
        assert_eq!(
            blocks
                .iter()
                .filter(|b| matches!(b, Block::Chrome(_)))
                .count(),
            2
        );
    }

    #[test]
    fn one_cell_per_line_is_regrouped() {
        let t = text(
            "统计指标 |\n单位 |\n统计数 |\n一、主动公开情况 |\n------- |\n|\n(一)主动公开政府信息数 |\n条 |\n340 |\n其中:主动公开规范性文件数 |\n条 |\n2 |\n",
        );
        let blocks = detect(&t, Vec::new());
        let Block::Grid(g) = &blocks[0] else {
            panic!("expected a grid")
        };
        assert_eq!(g.layout, Layout::CellPerLine);
        let rows = grid_texts(&t, g);
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[1], ["一、主动公开情况", "-------", ""]);
        assert_eq!(rows[2], ["(一)主动公开政府信息数", "条", "340"]);
    }

    #[test]
    fn shapes() {
        assert_eq!(shape("条"), CellShape::Unit);
        assert_eq!(shape(" 12 "), CellShape::Value);
        assert_eq!(shape("—"), CellShape::Value);
        assert_eq!(shape(""), CellShape::Blank);
        assert_eq!(shape("规章"), CellShape::Label);
    }
}
