//! Tables laid out in columns of spaces, as `pdftotext -layout` and PDF extractors write them.
//!
//! ```text
//! 一、本年新收政府信息公开申请数量                3001        53       0        0    61       4   3119
//!       （二）部分公开（区分处理的，只计这一情
//!                                 447         7        0        0        0    0   454
//!       形，不计其他情形）
//! ```
//!
//! A line's cells are split at runs of two or more spaces, and numbers at its end at single
//! spaces too (`行政处罚 4119`, `3001 53 0 0 61 4 3119`). A *region* is a run of lines holding at
//! least two rows with numbers (or one of five numbers or more, table 四's line of 15), with only
//! short label lines, blank lines and page chrome between them, widened to the header lines
//! above and to label lines wrapped below. Section headings and prose end a region, and every
//! line outside a region stays prose. Labels broken over lines are joined by the table readers,
//! which know the labels.

use super::{Block, Boundaries, CellShape, Evidence, Grid, GridCell, GridRow, shape};
use crate::label::{OrdinalStyle, ordinal, section_kind};
use crate::text::{Text, contains, trim};
use std::ops::Range;

/// What a line is, for finding regions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Empty,
    Chrome,
    /// Cells with numbers: a table row.
    Row {
        values: usize,
    },
    /// A short line without numbers: a header, a label, or a piece of one.
    Label,
    /// A section heading (`四、政府信息公开行政复议、行政诉讼情况`): ends a region.
    Heading,
    /// Running text.
    Prose,
}

/// Longest label line, in characters.
const MAX_LABEL: usize = 40;
/// Most label lines between two rows of one table.
const MAX_GAP: usize = 6;
/// Most header lines above a table's first row.
const MAX_HEAD: usize = 10;
/// Most wrapped label lines after a table's last row.
const MAX_TAIL: usize = 3;

/// `cells = chunk ("  "+ chunk)*`, a chunk's trailing numbers split at single spaces.
///
/// Example from pdftotext of 淮安市's report: `规章            1          0        11` gives
/// `规章`, `1`, `0`, `11`.
pub(crate) fn cells(text: &str, line: Range<usize>) -> Vec<GridCell> {
    let mut out = Vec::new();
    cells_into(text, line, &mut out);
    out
}

/// [`cells`], written into `out` (cleared first), so that a scan over many lines reuses one
/// buffer.
fn cells_into(text: &str, line: Range<usize>, out: &mut Vec<GridCell>) {
    out.clear();
    let s = &text[line.clone()];
    let mut start: Option<usize> = None;
    // End of the last non-space character, and the width of the spaces since.
    let mut end = 0;
    let mut gap = 0;
    // Word by word (a word ends at the next space or tab, found with memchr), counting the width
    // of the spaces between words; each chunk is split as soon as it ends.
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        while let Some(&b) = bytes.get(i).filter(|b| matches!(b, b' ' | b'\t')) {
            gap += if b == b'\t' { 2 } else { 1 };
            i += 1;
        }
        if i == bytes.len() {
            break;
        }
        match start {
            Some(st) if gap >= 2 => {
                chunk_cells(text, line.start + st..line.start + end, out);
                start = Some(i);
            }
            None => start = Some(i),
            Some(_) => {}
        }
        gap = 0;
        end = memchr::memchr2(b' ', b'\t', &bytes[i..]).map_or(bytes.len(), |k| i + k);
        i = end;
    }
    if let Some(st) = start {
        chunk_cells(text, line.start + st..line.start + end, out);
    }
    // Each cell's extent in characters on the line, counted once over the line.
    let (mut byte, mut column) = (line.start, 0u32);
    let mut advance = |to: usize| {
        column += text[byte..to].chars().count() as u32;
        byte = to;
        column
    };
    for cell in out.iter_mut() {
        let start = advance(cell.range.start);
        let end = advance(cell.range.end);
        cell.at = start..end;
    }
}

/// The cells of one chunk of a line (text between runs of two or more spaces): the chunk, or its
/// text and each of the numbers it ends with at single spaces.
fn chunk_cells(text: &str, chunk: Range<usize>, out: &mut Vec<GridCell>) {
    let chunk = trim(text, chunk);
    // A chunk without a space is one token.
    if memchr::memchr(b' ', &text.as_bytes()[chunk.clone()]).is_none() {
        out.push(GridCell::new(chunk, 0..0));
        return;
    }
    // Tokens at single spaces; the numeric ones at the end become cells of their own. They are
    // read from the end, up to the first that is not a number.
    let mut numbers_start = chunk.end;
    let mut end = chunk.end;
    for piece in text[chunk.clone()].rsplit(' ') {
        let start = end - piece.len();
        if !piece.is_empty() {
            if shape(piece) != CellShape::Value {
                break;
            }
            numbers_start = start;
        }
        end = start.saturating_sub(1);
    }
    if numbers_start == chunk.end {
        out.push(GridCell::new(chunk, 0..0));
        return;
    }
    let head = text[chunk.start..numbers_start].trim_end_matches(' ');
    if !head.is_empty() {
        out.push(GridCell::new(chunk.start..chunk.start + head.len(), 0..0));
    }
    let mut at = numbers_start;
    for piece in text[numbers_start..chunk.end].split(' ') {
        if !piece.is_empty() {
            out.push(GridCell::new(at..at + piece.len(), 0..0));
        }
        at += piece.len() + 1;
    }
}

fn classify(text: &str, line: Range<usize>, cells: &[GridCell]) -> Kind {
    let s = text[line].trim();
    if s.is_empty() {
        return Kind::Empty;
    }
    let values = cells
        .iter()
        .rev()
        .take_while(|c| shape(&text[c.range.clone()]) == CellShape::Value)
        .count();
    if values >= 2 {
        return Kind::Row { values };
    }
    if values == 1 {
        // The label cells, read as one text (without joining them): a short label, no sentence.
        let label = cells[..cells.len() - 1]
            .iter()
            .map(|c| &text[c.range.clone()]);
        let label_chars: usize = label.clone().map(|l| l.chars().count()).sum();
        let has = |words: &[&str]| label.clone().any(|l| words.iter().any(|w| contains(l, w)));
        let sentence = has(&["。", ";", "；"])
            || (has(&[",", "，"])
                && !label
                    .clone()
                    .find(|l| !l.is_empty())
                    .is_some_and(|l| l.starts_with(['(', '（'])));
        // A lone number on a line is no table row (prose split at its numbers).
        if (1..=20).contains(&label_chars) && !sentence {
            return Kind::Row { values };
        }
    }
    if values == 0 {
        if let Ok((rest, o)) = ordinal(s) {
            if o.style == OrdinalStyle::Chinese && section_kind(rest).is_some() {
                return Kind::Heading;
            }
        }
        // Column padding is not text.
        let short = s.len() <= MAX_LABEL
            || s.chars().count() <= MAX_LABEL
            || s.chars().filter(|c| !c.is_whitespace()).count() <= MAX_LABEL;
        if short && !contains(s, "。") {
            return Kind::Label;
        }
    }
    Kind::Prose
}

/// The regions of `kinds`: rows separated only by short gaps of labels, blanks and chrome,
/// widened to the header above and the wrapped labels below.
fn regions(kinds: &[Kind]) -> Vec<Range<usize>> {
    let mut regions: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while i < kinds.len() {
        if !matches!(kinds[i], Kind::Row { .. }) {
            i += 1;
            continue;
        }
        let first = i;
        let mut last = i;
        let mut rows = 0;
        let mut most = 0;
        let mut gap = 0;
        let mut j = i;
        while j < kinds.len() {
            match kinds[j] {
                Kind::Row { values } => {
                    last = j;
                    rows += 1;
                    most = most.max(values);
                    gap = 0;
                }
                Kind::Empty | Kind::Chrome => {}
                Kind::Label if gap < MAX_GAP => gap += 1,
                _ => break,
            }
            j += 1;
        }
        if rows < 2 && most < 5 {
            i = last + 1;
            continue;
        }
        let floor = regions.last().map_or(0, |r| r.end);
        let start = widen(kinds, first, floor, MAX_HEAD, false);
        let end = widen(kinds, last, kinds.len(), MAX_TAIL, true);
        regions.push(start..end);
        i = end;
    }
    regions
}

/// How far a region reaches from its first (or last) row over label lines, blanks and chrome:
/// at most `labels` label lines, not past `limit`, ending on a label.
fn widen(kinds: &[Kind], row: usize, limit: usize, labels: usize, forward: bool) -> usize {
    let mut reach = row;
    let mut edge = row;
    let mut seen = 0;
    loop {
        let next = if forward {
            reach + 1
        } else {
            reach.wrapping_sub(1)
        };
        if (forward && next >= limit) || (!forward && (reach == 0 || next < limit)) {
            break;
        }
        match kinds[next] {
            Kind::Label if seen < labels => {
                seen += 1;
                edge = next;
            }
            Kind::Empty | Kind::Chrome => {}
            _ => break,
        }
        reach = next;
    }
    if forward { edge + 1 } else { edge }
}

/// Finds column regions among `lines` (prose and chrome blocks in text order) and returns the
/// blocks: grids for regions, the lines outside them unchanged.
pub(crate) fn find(text: &Text, lines: &[Block]) -> Vec<Block> {
    let s = &text.text;
    let ranges: Vec<Range<usize>> = lines
        .iter()
        .map(|b| match b {
            Block::Line(r) | Block::Chrome(r) => r.clone(),
            Block::Grid(_) => 0..0,
        })
        .collect();
    // Each line's cells, kept only for the lines a region can hold (rows and labels): prose and
    // blank lines, most of a report, share one buffer.
    let mut scratch = Vec::new();
    let mut cells: Vec<Vec<GridCell>> = Vec::with_capacity(lines.len());
    // Chrome was recognised when the lines were first read.
    let kinds: Vec<Kind> = lines
        .iter()
        .zip(&ranges)
        .map(|(b, r)| {
            if matches!(b, Block::Chrome(_)) {
                cells.push(Vec::new());
                return Kind::Chrome;
            }
            cells_into(s, r.clone(), &mut scratch);
            let kind = classify(s, r.clone(), &scratch);
            cells.push(if matches!(kind, Kind::Row { .. } | Kind::Label) {
                std::mem::take(&mut scratch)
            } else {
                Vec::new()
            });
            kind
        })
        .collect();

    let regions = regions(&kinds);
    let mut out = Vec::new();
    let mut next = 0;
    for region in regions {
        out.extend(lines[next..region.start].iter().cloned());
        let rows: Vec<GridRow> = region
            .clone()
            .filter(|k| {
                matches!(
                    kinds[*k],
                    Kind::Row { .. } | Kind::Label | Kind::Heading | Kind::Prose
                )
            })
            .map(|k| GridRow {
                cells: match kinds[k] {
                    Kind::Row { .. } | Kind::Label => std::mem::take(&mut cells[k]),
                    _ => self::cells(s, ranges[k].clone()),
                },
            })
            .collect();
        out.push(Block::Grid(Grid {
            rows,
            evidence: Evidence {
                boundaries: Boundaries::Positioned,
                blanks_lost: false,
                glued: false,
                collapsed: false,
            },
        }));
        out.extend(
            region
                .clone()
                .filter(|k| kinds[*k] == Kind::Chrome)
                .map(|k| Block::Chrome(ranges[k].clone())),
        );
        next = region.end;
    }
    out.extend(lines[next..].iter().cloned());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::offset::SourceMap;

    fn texts(s: &str, cells: &[GridCell]) -> Vec<String> {
        cells
            .iter()
            .map(|c| s[c.range.clone()].to_owned())
            .collect()
    }

    /// A chunk's cells as they were first read: every token collected, then the numbers at the
    /// end counted.
    fn chunk_cells_by_tokens(text: &str, chunk: Range<usize>) -> Vec<GridCell> {
        let chunk = trim(text, chunk);
        let mut tokens: Vec<Range<usize>> = Vec::new();
        let mut at = chunk.start;
        for piece in text[chunk.clone()].split(' ') {
            if !piece.is_empty() {
                tokens.push(at..at + piece.len());
            }
            at += piece.len() + 1;
        }
        let numeric = tokens
            .iter()
            .rev()
            .take_while(|t| shape(&text[(*t).clone()]) == CellShape::Value)
            .count();
        if numeric == 0 {
            return vec![GridCell::new(chunk, 0..0)];
        }
        let split = tokens.len() - numeric;
        let mut out = Vec::new();
        if split > 0 {
            out.push(GridCell::new(chunk.start..tokens[split - 1].end, 0..0));
        }
        out.extend(
            tokens[split..]
                .iter()
                .cloned()
                .map(|t| GridCell::new(t, 0..0)),
        );
        out
    }

    proptest::proptest! {
        /// Reading the numbers from the end gives the cells that reading every token gave.
        #[test]
        fn trailing_numbers_read_from_the_end(s in "[规章 0-9—无x]{0,24}") {
            let mut out = Vec::new();
            chunk_cells(&s, 0..s.len(), &mut out);
            proptest::prop_assert_eq!(out, chunk_cells_by_tokens(&s, 0..s.len()));
        }
    }

    #[test]
    fn cells_split_at_space_runs_and_trailing_numbers() {
        let s = "一、本年新收政府信息公开申请数量                3001        53       0   3119";
        assert_eq!(
            texts(s, &cells(s, 0..s.len())),
            [
                "一、本年新收政府信息公开申请数量",
                "3001",
                "53",
                "0",
                "3119"
            ]
        );
        let s = "行政处罚 4119";
        assert_eq!(texts(s, &cells(s, 0..s.len())), ["行政处罚", "4119"]);
        let s = "     法提供       2.没有现成信息需要另行制作           11        0";
        assert_eq!(
            texts(s, &cells(s, 0..s.len())),
            ["法提供", "2.没有现成信息需要另行制作", "11", "0"]
        );
        let s = "第二十条 第（一）项";
        assert_eq!(texts(s, &cells(s, 0..s.len())), ["第二十条 第（一）项"]);
    }

    #[test]
    fn regions_keep_headings_and_prose_outside() {
        let src = "     二、主动公开政府信息情况\n第二十条 第（一）项\n\n信息内容          本年制发件数     本年废止件数   现行有效件数\n规章            1          0        11\n\n行政规范性文件       8          26       66\n-3-\n     三、收到和处理政府信息公开申请情况\n截至目前，全市在运维政务新媒体共计 95\n";
        let text = Text {
            text: src.to_owned(),
            map: SourceMap::default(),
        };
        let blocks = super::super::detect(&text, Vec::new());
        let grids: Vec<&Grid> = blocks
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
        let first: Vec<String> = grids[0]
            .rows
            .iter()
            .map(|r| texts(src, &r.cells).join("|"))
            .collect();
        assert_eq!(
            first,
            [
                "第二十条 第（一）项",
                "信息内容|本年制发件数|本年废止件数|现行有效件数",
                "规章|1|0|11",
                "行政规范性文件|8|26|66"
            ]
        );
        let prose: Vec<&str> = blocks
            .iter()
            .filter_map(|b| {
                if let Block::Line(r) = b {
                    Some(src[r.clone()].trim())
                } else {
                    None
                }
            })
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(
            prose,
            [
                "二、主动公开政府信息情况",
                "三、收到和处理政府信息公开申请情况",
                "截至目前，全市在运维政务新媒体共计 95"
            ]
        );
    }
}
