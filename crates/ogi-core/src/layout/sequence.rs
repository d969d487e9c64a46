//! Tables printed one cell per line.
//!
//! ```text
//! 主动公开信息数          一、本年新收政府信息公开申请数量
//! 条                      46
//! 38954                   0
//! 其中： 1.政府公报        46
//! 条                      二、上年结转政府信息公开申请数量
//! 3008                    …
//! ```
//!
//! A crawler that writes every text node of a page on its own line prints a table this way
//! (corpus 101 and 109); so does a scraper that ends every cell with ` |` (seed 004, where a line
//! holding only `|` is a blank cell). A table starts where its header does (the registry's
//! header anchors, found in the lines joined: a header may be split one character per line,
//! `指`/`标`/`名`/`称`) and runs over short lines — no sentence, no line of prose — to the last
//! value before a section heading or prose; a heading followed by a value or unit
//! (`四、行政复议数量` / `件`) is a row of the table.
//!
//! Rows are formed by their labels: a value belongs to the label before it, unit cells stay
//! with it, and the next label closes the row (labels split over several lines stay together;
//! a number followed by `年` is label text, `2016` / `年度`). Where the text has no mark for a
//! blank cell (no empty line, no `|` in the table, none in the whole text), blank cells may
//! have vanished; where, besides, the whole text repeats no line, equal cells may stand as one
//! (the crawler of corpus 109 drops a line equal to the one before: `46 0 0 0 0 0 46` arrives as
//! `46`, `0`, `46`). The [`Evidence`] says so and the table readers decide what that leaves.

use super::{Block, Boundaries, CellShape, Edit, Evidence, Grid, GridCell, GridRow, shape};
use crate::label::{AnchorHits, heading_kind, is_data_row_label, opens_row_of, sibling_follows};
use crate::text::{Text, trim};
use std::ops::Range;

/// Longest line that can be a cell, in characters.
const MAX_CELL: usize = 80;
/// Fewest lines of a text that tell whether it repeats lines.
const MIN_LINES: usize = 30;
/// How far after a header anchor's first word its other words may stand (bytes).
const ANCHOR_WINDOW: usize = 120;

/// A piece of a run of prose lines: lines left as they are, or a table found among them.
pub(super) enum Found {
    /// Lines (prose and chrome blocks, as indices into the run searched) that hold no table
    /// printed one cell per line.
    Lines(Range<usize>),
    /// A table printed one cell per line: the lines it takes (indices into the run searched)
    /// and the blocks that stand for them, its grid and the chrome lines from inside it.
    Table(Edit),
}

/// What the whole text tells about its lines.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct TextLines {
    /// Whether it repeats a line: two adjacent non-empty lines that are equal; `None` when it
    /// has too few lines to tell.
    repeats: Option<bool>,
}

/// Reads [`TextLines`] off the text.
pub(super) fn text_lines(text: &Text) -> TextLines {
    let mut previous: Option<&str> = None;
    let mut lines = 0usize;
    let mut repeats = false;
    for line in text.lines() {
        let s = crate::text::trim_str(text.get(line));
        if s.is_empty() {
            continue;
        }
        lines += 1;
        if previous == Some(s) {
            repeats = true;
            break;
        }
        previous = Some(s);
    }
    TextLines {
        repeats: (repeats || lines >= MIN_LINES).then_some(repeats),
    }
}

/// What a line of a run is, for finding tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Empty,
    Chrome,
    /// A short line that can be a cell.
    Cell(CellShape),
    /// Anything else: prose, or a line of several cells (columns of spaces).
    Prose,
}

fn kind_of(block: &Block, text: &Text) -> Kind {
    let r = match block {
        Block::Chrome(_) => return Kind::Chrome,
        Block::Line(r) => r.range(),
        Block::Grid(_) => return Kind::Prose,
    };
    // The end of the text after its last line break is no line.
    if r.start == text.text.len() {
        return Kind::Prose;
    }
    let s = crate::text::trim_str(text.get(r));
    if s.is_empty() {
        return Kind::Empty;
    }
    // A sentence or a long line is prose whatever else it holds: told first, as it is the
    // cheapest test and most lines are prose.
    if s.contains('。') || (s.len() > MAX_CELL && s.chars().count() > MAX_CELL) {
        return Kind::Prose;
    }
    // A run of spaces inside the line: columns, not one cell — unless every piece is one
    // character (a label spaced out to fill its cell: `指  标  名  称`).
    let several = s.contains('\t')
        || (s.contains("  ")
            && s.split("  ")
                .map(str::trim)
                .any(|piece| piece.chars().count() > 1));
    // A label followed by its numbers at single spaces (`规章 0 0 0`, PDF text) is a row of
    // cells, not one.
    let row_of_cells = s.rsplit_once(' ').is_some_and(|(head, last)| {
        shape(last) == CellShape::Value && shape(head.trim_end()) == CellShape::Label
    });
    if several || row_of_cells {
        return Kind::Prose;
    }
    Kind::Cell(shape(s))
}

/// The shape a cell takes in a table printed one cell per line: a number followed by a cell
/// opening with `年`, `月`, `日` or `号` is label text (`2016` / `年度`); so is a character between
/// two characters of a label printed one character per line (`年` / `项` / `目`, `增` / `/` /
/// `减`), unit or mark though it is alone.
///
/// `before`, `next` and `after` are the texts of the cell lines around the cell's, `this`.
fn cell_shape(
    before: Option<&str>,
    this: &str,
    next: Option<&str>,
    after: Option<&str>,
) -> CellShape {
    let s = shape(this);
    let single = |t: &str| t.trim().chars().count() == 1;
    // A character of a label: one character that is no digit (units and marks count: `个` /
    // `人` in `涉及个人隐私`).
    let letter = |t: Option<&str>| {
        t.is_some_and(|t| single(t) && !t.trim().starts_with(|c: char| c.is_ascii_digit()))
    };
    // …or ending such a label before the next label (`自` / `然` / `人` / `法人或其他组织`).
    let label_next = next.is_some_and(|t| shape(t) == CellShape::Label);
    // …or opening one (`无` / `正` / `当`: 无正当理由大量反复申请).
    let opens = letter(next) && letter(after);
    if s != CellShape::Label
        && letter(Some(this))
        && ((letter(before) && (letter(next) || label_next)) || opens)
    {
        return CellShape::Label;
    }
    if s == CellShape::Value
        && this.bytes().all(|b| b.is_ascii_digit())
        && next.is_some_and(|n| n.trim_start().starts_with(['年', '月', '日', '号']))
    {
        CellShape::Label
    } else {
        s
    }
}

/// Forms the rows of a table printed one cell per line: each row is a run of label cells and
/// the cells after them up to the next label. Where blank cells leave no line, a row of blanks
/// is its label alone: a cell that is a row's whole label ends the row when another label that
/// is no note of it (`(不同渠道…)`) follows.
pub(super) fn grid(
    text: &Text,
    cells: &[Range<usize>],
    blanks_lost: bool,
    collapsed: bool,
) -> Grid {
    let texts: Vec<&str> = cells.iter().map(|c| text.get(c.clone())).collect();
    // Each cell's shape, read once: a cell's is asked again as the next one of the cell before.
    let shapes: Vec<CellShape> = (0..texts.len())
        .map(|i| {
            cell_shape(
                i.checked_sub(1).and_then(|j| texts.get(j).copied()),
                texts[i],
                texts.get(i + 1).copied(),
                texts.get(i + 2).copied(),
            )
        })
        .collect();
    let mut rows: Vec<GridRow> = Vec::new();
    let mut in_values = false;
    let mut closed = false;
    for (i, cell) in cells.iter().enumerate() {
        let label = shapes[i] == CellShape::Label;
        if rows.is_empty() || (label && (in_values || closed)) {
            rows.push(GridRow { cells: Vec::new() });
            in_values = false;
        }
        closed = blanks_lost
            && label
            && texts.get(i + 1).is_some_and(|next| {
                shapes[i + 1] == CellShape::Label
                    && ((is_data_row_label(texts[i])
                        && !next.trim_start().starts_with(['(', '（', '[']))
                        || sibling_follows(texts[i], next))
            });
        in_values |= !label;
        if let Some(row) = rows.last_mut() {
            let at = row.cells.len() as u32;
            let mut grid_cell = GridCell::new(cell.clone(), at..at + 1);
            // Label text that would read as a value or unit on its own.
            grid_cell.label = label && shape(texts[i]) != CellShape::Label;
            row.cells.push(grid_cell);
        }
    }
    Grid {
        rows,
        evidence: Evidence {
            boundaries: Boundaries::Sequence,
            blanks_lost,
            glued: false,
            collapsed,
        },
    }
}

/// Finds tables printed one cell per line among a run of prose and chrome blocks.
pub(super) fn find(text: &Text, blocks: &[Block], lines: TextLines) -> Vec<Found> {
    let mut kinds: Vec<Kind> = blocks.iter().map(|b| kind_of(b, text)).collect();
    // A unit or mark between two characters of a label printed one character per line is label
    // text (as rows are formed, see `cell_shape`).
    // The cell lines are read four at a time, slid down the run: the one before, this one and
    // the two after it (a run of one-character lines is a million cells).
    let cell_from = |kinds: &[Kind], from: usize| {
        (from..kinds.len()).find(|k| matches!(kinds[*k], Kind::Cell(_)))
    };
    let text_of = |k: Option<usize>| k.map(|k| line_text(text, &blocks[k]));
    let mut before: Option<&str> = None;
    let mut this = cell_from(&kinds, 0);
    let mut next = this.and_then(|k| cell_from(&kinds, k + 1));
    let (mut this_text, mut next_text) = (text_of(this), text_of(next));
    while let (Some(k), Some(t)) = (this, this_text) {
        let after = next.and_then(|n| cell_from(&kinds, n + 1));
        let after_text = text_of(after);
        if matches!(kinds[k], Kind::Cell(CellShape::Unit | CellShape::Value)) {
            kinds[k] = Kind::Cell(cell_shape(before, t, next_text, after_text));
        }
        before = Some(t);
        (this, this_text) = (next, next_text);
        (next, next_text) = (after, after_text);
    }
    let mut out = Vec::new();
    let mut done = 0;
    let mut i = 0;
    while i < blocks.len() {
        if !matches!(kinds[i], Kind::Cell(_)) {
            i += 1;
            continue;
        }
        // A run of cell lines (with empty and chrome lines among them).
        let start = i;
        let mut end = i;
        while end < blocks.len() && kinds[end] != Kind::Prose {
            end += 1;
        }
        i = end;
        let mut from = start;
        let joined = Joined::new(text, blocks, &kinds, start, end);
        while let Some((table_start, table_end)) =
            table_in(text, blocks, &kinds, &joined, from, end)
        {
            if table_start > done {
                out.push(Found::Lines(done..table_start));
            }
            let mut table = vec![Block::grid(region_grid(
                text,
                &blocks[table_start..table_end],
                &kinds[table_start..table_end],
                lines,
            ))];
            table.extend(
                blocks[table_start..table_end]
                    .iter()
                    .filter(|b| matches!(b, Block::Chrome(_)))
                    .cloned(),
            );
            out.push(Found::Table(Edit {
                range: table_start..table_end,
                blocks: table,
            }));
            done = table_end;
            from = table_end;
        }
    }
    if done < blocks.len() {
        out.push(Found::Lines(done..blocks.len()));
    }
    out
}

/// The text of a block's line.
fn line_text<'t>(text: &'t Text, block: &Block) -> &'t str {
    match block {
        Block::Line(r) | Block::Chrome(r) => crate::text::trim_str(text.get(r.range())),
        Block::Grid(_) => "",
    }
}

/// A run's cell lines joined without spaces (a header may be split one character per line),
/// with the line each piece of the text comes from.
struct Joined {
    text: String,
    /// `(offset in text, line)` where each cell line's text starts, in order (`u32`s, as the
    /// offsets of the source map: a run of one-character lines is a million cells).
    starts: Vec<(u32, u32)>,
    /// The anchor words of the text, found once for every place a table is looked for from.
    hits: AnchorHits,
}

impl Joined {
    /// The cell lines of `from..end` joined.
    fn new(text: &Text, blocks: &[Block], kinds: &[Kind], from: usize, end: usize) -> Self {
        let mut joined = String::new();
        let mut starts = Vec::new();
        for k in from..end {
            if !matches!(kinds[k], Kind::Cell(_)) {
                continue;
            }
            starts.push((narrow(joined.len()), narrow(k)));
            joined.extend(
                line_text(text, &blocks[k])
                    .chars()
                    .filter(|c| !c.is_whitespace()),
            );
        }
        Self {
            hits: AnchorHits::new(&joined),
            text: joined,
            starts,
        }
    }

    /// Where the text of line `k` or the first cell line after it starts.
    fn offset_of(&self, k: usize) -> usize {
        let i = self
            .starts
            .partition_point(|(_, line)| (*line as usize) < k);
        self.starts
            .get(i)
            .map_or(self.text.len(), |(at, _)| *at as usize)
    }

    /// The line the byte at `at` comes from.
    fn line_at(&self, at: usize) -> usize {
        let i = self
            .starts
            .partition_point(|(start, _)| (*start as usize) <= at);
        self.starts[i.saturating_sub(1)].1 as usize
    }
}

/// An offset or index as a `u32`: the clean text is under 4 GiB (the source map's offsets are
/// `u32`s, the input's length is checked) and has at most [`MOST_LINES`](crate::MOST_LINES)
/// lines.
fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The next table in the run `from..end`: from the line its header starts on to its last value
/// before a section heading (or the run's end); a header followed by no value is none.
fn table_in(
    text: &Text,
    blocks: &[Block],
    kinds: &[Kind],
    joined: &Joined,
    mut from: usize,
    end: usize,
) -> Option<(usize, usize)> {
    while from < end {
        let offset = joined.offset_of(from);
        let (at, table) = joined
            .hits
            .header_start(offset..joined.text.len(), ANCHOR_WINDOW)?;
        let start = joined.line_at(offset + at);
        // The table runs to a section heading that no value follows, or the run's end; a
        // heading that is a row of the table (`一、主动公开情况` in the 统计表) does not end it.
        let block_heading = |line: &str| opens_row_of(table, line);
        let stop = (start + 1..end)
            .find(|k| {
                let line = line_text(text, &blocks[*k]);
                matches!(kinds[*k], Kind::Cell(CellShape::Label))
                    && heading_kind(line).is_some()
                    && !block_heading(line)
                    && !matches!(
                        next_shape(text, blocks, kinds, *k, end),
                        Some(CellShape::Value | CellShape::Unit)
                    )
            })
            .unwrap_or(end);
        // It ends with its last value (a trailing blank cell is an empty line after it).
        let last_value = (start..stop).rev().find(|k| {
            matches!(
                kinds[*k],
                Kind::Cell(CellShape::Value | CellShape::Unit | CellShape::Blank)
            )
        });
        let table_end = match last_value {
            Some(last_value) => {
                let mut table_end = last_value + 1;
                while table_end < stop && kinds[table_end] == Kind::Empty {
                    table_end += 1;
                }
                // Where empty lines are blank cells, rows of blank cells may follow: labels
                // each followed by empty lines (up to the table's end, where nothing says so).
                let blank_rows = blank_rows_end(kinds, table_end, stop);
                if kinds[start..last_value].contains(&Kind::Empty) || blank_rows == stop {
                    table_end = blank_rows;
                }
                table_end
            }
            // A table of blank cells alone: its labels each followed by empty lines.
            None => blank_rows_end(kinds, start, stop),
        };
        // Where blank cells leave no line, rows of blanks after the last value are the labels
        // of the table's rows up to the heading that ends it (`行政事业性收费` with nothing
        // after it, then `三、收到和处理政府信息公开申请情况`).
        let table_end = if kinds[start..stop].contains(&Kind::Empty) {
            table_end
        } else {
            (table_end..stop)
                .rev()
                .find(|k| {
                    matches!(kinds[*k], Kind::Cell(CellShape::Label))
                        && is_data_row_label(line_text(text, &blocks[*k]))
                })
                .map_or(table_end, |k| k + 1)
        };
        // A table holds values, or blank cells under labels (a header and a row at least):
        // empty lines, or units with no value after them (a 统计表 of blanks whose empty cells
        // left no line).
        // Empty lines after every line space a text out; blank cells of a row of several
        // columns are empty lines in a run.
        let count = |f: fn(&Kind) -> bool| kinds[start..table_end].iter().filter(|k| f(k)).count();
        let empty_run = kinds[start..table_end]
            .split(|k| *k != Kind::Empty)
            .map(<[Kind]>::len)
            .max()
            .unwrap_or(0);
        let filled = count(|k| matches!(k, Kind::Cell(CellShape::Value))) > 0
            || ((empty_run >= 2 || count(|k| matches!(k, Kind::Cell(CellShape::Unit))) > 0)
                && count(|k| matches!(k, Kind::Cell(CellShape::Label))) >= 2);
        if filled {
            return Some((start, table_end));
        }
        from = start + 1;
    }
    None
}

/// The end of the rows of blank cells from `from`: runs of label lines each followed by empty
/// lines (blank cells), up to `stop`.
fn blank_rows_end(kinds: &[Kind], from: usize, stop: usize) -> usize {
    let mut end = from;
    let mut k = from;
    while k < stop {
        let labels = kinds[k..stop]
            .iter()
            .take_while(|kind| matches!(kind, Kind::Cell(CellShape::Label) | Kind::Chrome))
            .count();
        let empties = kinds[k + labels..stop]
            .iter()
            .take_while(|kind| **kind == Kind::Empty)
            .count();
        if labels == 0 || empties == 0 {
            break;
        }
        k += labels + empties;
        end = k;
    }
    end
}

/// The shape of the first cell line after `k` (as [`cell_shape`] reads it).
fn next_shape(
    text: &Text,
    blocks: &[Block],
    kinds: &[Kind],
    k: usize,
    end: usize,
) -> Option<CellShape> {
    let j = (k + 1..end).find(|j| matches!(kinds[*j], Kind::Cell(_)))?;
    Some(cell_shape(
        None,
        line_text(text, &blocks[j]),
        Some(next_cell(text, blocks, kinds, j, end)),
        None,
    ))
}

/// The text of the cell line after `j`, if the run has one.
fn next_cell<'t>(
    text: &'t Text,
    blocks: &[Block],
    kinds: &[Kind],
    j: usize,
    end: usize,
) -> &'t str {
    (j + 1..end)
        .find(|k| matches!(kinds[*k], Kind::Cell(_)))
        .map_or("", |k| line_text(text, &blocks[k]))
}

/// The grid of a table's lines: empty lines inside it are blank cells unless they only space the
/// lines out (one after every line).
fn region_grid(text: &Text, blocks: &[Block], kinds: &[Kind], lines: TextLines) -> Grid {
    let filled = kinds.iter().filter(|k| matches!(k, Kind::Cell(_))).count();
    let empties = kinds.iter().filter(|k| **k == Kind::Empty).count();
    // Double spacing: an empty line after (nearly) every cell line.
    let spaced = empties * 10 >= filled * 9 && {
        let mut gaps = 0;
        let mut single = 0;
        let mut run = 0;
        for k in kinds {
            match k {
                Kind::Empty => run += 1,
                Kind::Cell(_) => {
                    if run > 0 {
                        gaps += 1;
                        single += usize::from(run == 1);
                    }
                    run = 0;
                }
                _ => {}
            }
        }
        single * 10 >= gaps * 9
    };
    // Empty lines between or after cells mark blanks (those after the last row's cells may
    // only end the table: a row's blanks past its last column are dropped by the readers).
    let blanks_kept = empties > 0 && !spaced;
    let mut cells: Vec<Range<usize>> = Vec::with_capacity(filled + empties);
    for (block, kind) in blocks.iter().zip(kinds) {
        match (kind, block) {
            (Kind::Cell(_), Block::Line(r)) => cells.push(trim(&text.text, r.range())),
            (Kind::Empty, Block::Line(r)) if blanks_kept => {
                let at = r.range().start;
                cells.push(at..at);
            }
            _ => {}
        }
    }
    // A text with no mark for a blank cell anywhere may have lost them; one that repeats no
    // line may have dropped repeated ones.
    let blanks_lost = !blanks_kept;
    let collapsed = blanks_lost && lines.repeats == Some(false);
    grid(text, &cells, blanks_lost, collapsed)
}

#[cfg(test)]
mod tests {
    use super::super::detect;
    use super::super::testing::{grids, prose, text, texts};

    /// Corpus 101: the 统计表 one cell per line, its header one character per line.
    #[test]
    fn a_form_printed_one_cell_per_line() {
        let t = text(
            "(三)附表\n指\n标\n名\n称\n计量单位\n年末统计\n主动公开信息数\n条\n38954\n其中： 1.政府公报\n条\n3008\n2.政府网站\n条\n38954\n",
        );
        let blocks = detect(&t, Vec::new());
        let g = grids(&blocks);
        assert_eq!(g.len(), 1);
        assert_eq!(
            texts(&t, g[0]),
            [
                vec![
                    "指",
                    "标",
                    "名",
                    "称",
                    "计量单位",
                    "年末统计",
                    "主动公开信息数",
                    "条",
                    "38954"
                ],
                vec!["其中： 1.政府公报", "条", "3008"],
                vec!["2.政府网站", "条", "38954"],
            ]
        );
        assert!(g[0].evidence.blanks_lost);
        // Too short a text to tell whether it repeats lines.
        assert!(!g[0].evidence.collapsed);
        assert_eq!(prose(&t, &blocks), ["(三)附表"]);
    }

    /// A heading ends a table unless a value follows it; a number before 年 is label text.
    #[test]
    fn headings_end_tables_and_years_are_labels() {
        let t = text(
            "第二十条第(一)项\n信息内容\n本年新制作数量\n规章\n0\n规范性文件\n265\n三、收到和处理政府信息公开申请情况\n申请人情况\n一、本年新收政府信息公开申请数量\n46\n0\n46\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n2019\n年\n,本机关政府信息公开工作取得了一定进步。\n",
        );
        let blocks = detect(&t, Vec::new());
        let g = grids(&blocks);
        assert_eq!(g.len(), 2);
        assert_eq!(texts(&t, g[0]).len(), 2);
        assert_eq!(
            texts(&t, g[1]),
            [vec![
                "申请人情况",
                "一、本年新收政府信息公开申请数量",
                "46",
                "0",
                "46"
            ]]
        );
        assert_eq!(
            prose(&t, &blocks),
            [
                "三、收到和处理政府信息公开申请情况",
                "四、政府信息公开行政复议、行政诉讼情况",
                "五、存在的主要问题及改进情况",
                "2019",
                "年",
                ",本机关政府信息公开工作取得了一定进步。"
            ]
        );
    }

    /// Empty lines inside a table are blank cells.
    #[test]
    fn empty_lines_are_blank_cells() {
        let t = text(
            "前言。\n\n申请人情况\n一、本年新收政府信息公开申请数量\n46\n\n\n\n\n\n46\n二、上年结转政府信息公开申请数量\n1\n\n\n\n\n\n\n\n后记。\n",
        );
        let blocks = detect(&t, Vec::new());
        let g = grids(&blocks);
        assert!(!g[0].evidence.blanks_lost);
        let rows = texts(&t, g[0]);
        assert_eq!(rows[0].len(), 9);
        assert_eq!(rows[1][1..], ["1", "", "", "", "", "", "", ""]);
    }
}
