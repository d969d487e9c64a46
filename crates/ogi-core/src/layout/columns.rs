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

use super::{
    Block, Boundaries, CellShape, Edit, Evidence, Grid, GridCell, GridRow, MAX_PAGE_SHIFT,
    put_adrift, shape,
};
use crate::label::{
    OrdinalStyle, announced_table, fold, is_data_row_label, opens_any_row, ordinal, section_kind,
    table_header_start,
};
use crate::text::{Text, contains, trim};
use std::ops::Range;

/// What a line is, for finding regions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Empty,
    Chrome,
    /// A page footer holding the page's number (`-3-`, `第 3 页`): chrome that ends a page.
    Footer,
    /// Cells with numbers: a table row.
    Row {
        values: u16,
    },
    /// A short line without numbers: a header, a label, or a piece of one.
    Label,
    /// A label with its unit and no value (`制发规范性文件总数      件`): a 统计表's row whose
    /// cell is blank, which keeps the table going as a row of numbers does.
    UnitLabel,
    /// One number alone on its line: a row of a table whose label wrapped onto the lines above
    /// it (`6.属于四类过程性信` / `息` / `0`) inside a region, prose split at a number outside one.
    Lone,
    /// A section heading (`四、政府信息公开行政复议、行政诉讼情况`): ends a region.
    Heading,
    /// Running text.
    Prose,
}

/// Longest label line, in characters.
const MAX_LABEL: usize = 40;
/// Most label lines between two rows of one table.
const MAX_GAP: usize = 10;
/// Most header lines above a table's first row.
const MAX_HEAD: usize = 10;
/// Most label lines after a table's last row: wrapped labels, or blocks of blank rows with
/// their headers (a section heading or prose ends them sooner).
const MAX_TAIL: usize = 16;

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
        label_cells(text, chunk, out);
        return;
    }
    let head = text[chunk.start..numbers_start].trim_end_matches(' ');
    if !head.is_empty() {
        label_cells(text, chunk.start..chunk.start + head.len(), out);
    }
    let mut at = numbers_start;
    for piece in text[numbers_start..chunk.end].split(' ') {
        if !piece.is_empty() {
            out.push(GridCell::new(at..at + piece.len(), 0..0));
        }
        at += piece.len() + 1;
    }
}

/// The cells of a chunk's label text: cut at a single space between two ideographs (or after
/// the `/` of `本年增/`), where narrow columns stand one space apart (`服务 其他`,
/// `本年增/ 处理决定`); a space after other punctuation or a digit stays inside a label
/// (`其中： 1.政府公报`).
fn label_cells(text: &str, label: Range<usize>, out: &mut Vec<GridCell>) {
    let ideograph = |c: Option<char>| c.is_some_and(|c| matches!(c, '\u{3400}'..='\u{9FFF}'));
    let s = &text[label.clone()];
    let cuts: Vec<usize> = s
        .char_indices()
        .filter(|(i, c)| {
            *c == ' '
                && (ideograph(s[..*i].chars().next_back()) || s[..*i].ends_with('/'))
                && ideograph(s[i + 1..].chars().next())
        })
        .map(|(i, _)| i)
        .collect();
    // Only words as short as a header's pieces: a label broken by a stray space
    // (`只计这一情 形，不`) stays whole.
    let mut starts = vec![0];
    starts.extend(cuts.iter().map(|i| i + 1));
    let mut ends = cuts.clone();
    ends.push(s.len());
    let short = starts
        .iter()
        .zip(&ends)
        .all(|(a, b)| s[*a..*b].chars().count() <= MAX_HEADER_WORD);
    if cuts.is_empty() || !short {
        out.push(GridCell::new(label, 0..0));
        return;
    }
    for (a, b) in starts.into_iter().zip(ends) {
        out.push(GridCell::new(label.start + a..label.start + b, 0..0));
    }
}

/// Longest word of a header line cut at single spaces (`服务 其他`), in characters.
const MAX_HEADER_WORD: usize = 6;

fn classify(text: &str, line: Range<usize>, cells: &[GridCell]) -> Kind {
    let s = crate::text::trim_str(&text[line]);
    if s.is_empty() {
        return Kind::Empty;
    }
    // The last cell's shape, read once: it starts the run of values and tells a unit.
    let last_shape = cells.last().map(|c| shape(&text[c.range.clone()]));
    let values = if last_shape == Some(CellShape::Value) {
        let run = 1 + cells[..cells.len() - 1]
            .iter()
            .rev()
            .take_while(|c| shape(&text[c.range.clone()]) == CellShape::Value)
            .count();
        u16::try_from(run).unwrap_or(u16::MAX)
    } else {
        0
    };
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
        // A lone number on a line is no table row (prose split at its numbers). A unit cell
        // before it makes a 统计表's row, its label however long
        // (`(一)主动公开政府信息数(不同渠道和方式公开     条     0`).
        let unit_before = cells.len() >= 3
            && shape(&text[cells[cells.len() - 2].range.clone()]) == CellShape::Unit;
        let most = if unit_before { MAX_LABEL } else { 20 };
        if (1..=most).contains(&label_chars) && !sentence {
            return Kind::Row { values };
        }
        // So does a row label of the registry, however long (`（二）部分公开（区分处理的，只计
        // 这一情形，不计其他情形）   0`, its other cells blank).
        if cells.len() == 2 && is_data_row_label(&text[cells[0].range.clone()]) {
            return Kind::Row { values };
        }
        if label_chars == 0 {
            return Kind::Lone;
        }
    }
    // A label with its unit (`八、依申请公开信息收取的费  万元`) is a 统计表's row, not a heading;
    // so is a unit alone in its column under a label wrapped in a narrow one (`其中：主动公开规范性`
    // / `文件数` / `        条`), its cell blank — not a unit at the start of a line, where
    // a crawler breaks prose at every word (`277` / `件`).
    let unit = cells.last().is_some_and(|c| {
        last_shape == Some(CellShape::Unit) && (cells.len() >= 2 || c.at.start >= 2)
    });
    if values == 0 {
        if let (false, Ok((rest, o))) = (unit, ordinal(s)) {
            // A heading that is a table's row (`一、主动公开情况` in a 统计表) is a label.
            if o.style == OrdinalStyle::Chinese
                && section_kind(rest).is_some()
                && !opens_any_row(rest)
            {
                return Kind::Heading;
            }
        }
        // Column padding is not text; a header line of several cells is as long as its cells
        // (`（本列数据的勾稽关系为：…）         自然     商业     科研`).
        let short = s.len() <= MAX_LABEL
            || s.chars().count() <= MAX_LABEL
            || s.chars().filter(|c| !c.is_whitespace()).count() <= MAX_LABEL
            || (cells.len() >= 3
                && cells
                    .iter()
                    .all(|c| text[c.range.clone()].chars().count() <= MAX_LABEL));
        if short && !contains(s, "。") {
            return if unit { Kind::UnitLabel } else { Kind::Label };
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
        if !matches!(kinds[i], Kind::Row { .. } | Kind::UnitLabel) {
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
                // A 统计表's row whose cell is blank.
                Kind::UnitLabel => {
                    last = j;
                    rows += 1;
                    gap = 0;
                }
                // A row whose label wrapped above it, unless it ends its page (a page number).
                Kind::Lone if !before_page_end(kinds, j) => {
                    last = j;
                    gap = 0;
                }
                Kind::Empty | Kind::Chrome | Kind::Footer => {}
                Kind::Label if gap < MAX_GAP => gap += 1,
                _ => break,
            }
            j += 1;
        }
        if rows < 2 && most < 5 {
            // A lone row right after a table (past its wrapped labels, empty lines between)
            // is the table's last: a block of table 二 after more header lines than a gap
            // holds (`第二十条第（九）项` … `政府集中采购  281407`).
            if let Some(previous) = regions.last_mut() {
                let adjacent = kinds[previous.end..first].iter().all(|k| *k == Kind::Empty);
                if adjacent {
                    previous.end = widen(kinds, last, kinds.len(), MAX_TAIL, true);
                    i = previous.end;
                    continue;
                }
            }
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

/// Puts the value cells of every page after a table's first in the places of the page before:
/// pdftotext lays each page out anew, and a table broken over pages stands a few characters
/// left or right of where it stood. The move is the one that lands every one of the page's
/// value columns (the right ends of its numbers, which columns align; two at least — or, where
/// no move lands the ends, their centres: numbers centred in their columns) on the value
/// columns of the page before, when no other move does, or the middle of the moves that land
/// them all on the same columns; where the moves that land them put them on different columns
/// and none leaves them where they stand, its numbers are read without their places (put
/// adrift, the readers weighing the page's moves over all its rows); otherwise the page keeps
/// its places (and its rows are read without them where they do not fit). Numbers after a
/// header of their own on the pages before (a block of table 二 whose header ends a page) stand
/// under its cells: where the columns before do not put them there, the header places them.
/// Only the rows above the page's own header lines continue the page before: rows under a
/// header printed on the page (a block of table 二 with other columns, a header repeated on
/// every page) stand under it. Pages are named from `first_page` on (the region's first line in
/// the document: no two regions' pages share a name), for the readers to read each page's
/// numbers under one move.
fn realign_pages(s: &str, rows: &mut [(usize, GridRow)], first_page: usize) {
    let value = |c: &GridCell| shape(&s[c.range.clone()]) == CellShape::Value;
    let (continues, headers) = continuing_rows(s, rows);
    let marks = |rows: &[(usize, GridRow)], page: usize, continuing: Option<bool>| {
        Marks::of(
            rows.iter()
                .zip(&continues)
                .filter(|((p, _), c)| *p == page && continuing.is_none_or(|want| **c == want))
                .flat_map(|((_, r), _)| r.cells.iter().filter(|c| value(c)).map(|c| &c.at)),
        )
    };
    // Where the row labels of a page's rows of numbers start (their first cell, a label),
    // moved by `d`: row labels stand left-aligned in their column on every page.
    let label_starts = |rows: &[(usize, GridRow)], page: usize, d: i64| -> Vec<i64> {
        let mut e: Vec<i64> = rows
            .iter()
            .zip(&continues)
            .filter(|((p, r), _)| *p == page && r.cells.iter().any(value))
            .filter_map(|((_, r), _)| r.cells.first().filter(|c| !value(c)))
            .map(|c| i64::from(c.at.start) - d)
            .collect();
        e.sort_unstable();
        e.dedup();
        e
    };
    let last = rows.iter().map(|(p, _)| *p).max().unwrap_or(0);
    let mut reference: Option<Marks> = None;
    // The row labels' starts on the pages before, in the first page's places.
    let mut labels_before: Vec<i64> = Vec::new();
    // The first page of numbers continuing the pages before, when their header stands there.
    let mut first_numbers: Option<usize> = None;
    // Whether a header line stands after the last row of numbers of the pages before (a block
    // of table 二 whose header ends a page): the next numbers stand under it, not under the
    // columns of the numbers before.
    let mut header_last = false;
    // The move of the last page of numbers continuing the pages before.
    let mut last_move = 0i64;
    for page in 0..=last {
        let here = marks(rows, page, Some(true));
        // A header line after the numbers before: this page's numbers stand under it.
        let fresh_header = header_last;
        header_last = header_after_numbers(s, rows, &headers, page, header_last);
        // The columns of the rows under the page's own header.
        let own = marks(rows, page, Some(false));
        if here.is_empty() {
            if !own.is_empty() {
                reference = Some(own);
                last_move = 0;
            }
            labels_before.extend(label_starts(rows, page, 0));
            continue;
        }
        let Some(before) = reference.as_ref() else {
            // The table's first numbers, on a page after its header's: moved onto the header.
            // A page whose numbers stand nowhere the text tells is no reference for the next,
            // which is moved onto the same header in turn.
            let header_end = *first_numbers.get_or_insert(page);
            let placement = move_onto_header(s, rows, &continues, page, header_end);
            let d = match placement {
                Placement::Move(d) => {
                    shift_values(s, rows, &continues, page, d);
                    d
                }
                Placement::Stay => 0,
                Placement::Unknown => {
                    unplace_values(s, rows, &continues, page, first_page + page);
                    continue;
                }
            };
            reference = Some(marks(rows, page, None));
            labels_before.extend(label_starts(rows, page, d));
            last_move = d;
            continue;
        };
        let labels = |d: i64| label_starts(rows, page, d);
        let mut placement = page_move(&here, before, &labels, &labels_before, last_move);
        // After a header of its own (a block of table 二 with other columns), the numbers
        // stand under its cells: where the columns before put them elsewhere, the header
        // places them (moved onto it, or adrift where its moves put them under different cells).
        let d = placement.distance();
        if fresh_header
            && placement != Placement::Unknown
            && !numbers_under_header(s, rows, &continues, page, d)
        {
            // Where the header tells nothing (too few numbers), the columns before decide.
            let by_header = move_onto_header(s, rows, &continues, page, page);
            if by_header != Placement::Stay {
                placement = by_header;
            }
        }
        match placement {
            Placement::Unknown => {
                unplace_values(s, rows, &continues, page, first_page + page);
                if !own.is_empty() {
                    reference = Some(own);
                }
                labels_before.extend(label_starts(rows, page, 0));
            }
            Placement::Stay => {
                reference = Some(if own.is_empty() { here } else { own });
                labels_before.extend(label_starts(rows, page, 0));
                last_move = 0;
            }
            Placement::Move(d) => {
                last_move = if own.is_empty() { d } else { 0 };
                if d != 0 {
                    shift_values(s, rows, &continues, page, d);
                }
                labels_before.extend(label_starts(rows, page, d));
                // The columns of the pages before stand for the next, with those this page adds
                // (its columns that landed on none), or those under its own header.
                reference = Some(if own.is_empty() {
                    before.with_new(&marks(rows, page, Some(true)))
                } else {
                    own
                });
            }
        }
    }
}

/// The move of a page's numbers (`here`) onto the columns of the pages before (`before`; see
/// [`move_onto_columns`]), `labels(d)` its row labels' starts moved `d` left and
/// `labels_before` those of the pages before. Where nothing tells a move within reach of where
/// the page stands, one within reach of the page before's (`last_move`): pages wander one after
/// the other, so a page may have moved past the largest move from the first.
fn page_move(
    here: &Marks,
    before: &Marks,
    labels: &dyn Fn(i64) -> Vec<i64>,
    labels_before: &[i64],
    last_move: i64,
) -> Placement {
    let placement = move_onto_columns(here, before, label_move(&labels(0), labels_before));
    if placement != Placement::Stay || last_move == 0 {
        return placement;
    }
    let by_labels = label_move(&labels(last_move), labels_before);
    match move_onto_columns(&here.moved(last_move), before, by_labels) {
        Placement::Move(d) => Placement::Move(d + last_move),
        Placement::Stay | Placement::Unknown => Placement::Stay,
    }
}

/// Whether a header line (`headers`, by row) stands after the last row of numbers, once the
/// rows of `page` are read (`before`: whether one did on the pages before).
fn header_after_numbers(
    s: &str,
    rows: &[(usize, GridRow)],
    headers: &[bool],
    page: usize,
    before: bool,
) -> bool {
    let value = |c: &GridCell| shape(&s[c.range.clone()]) == CellShape::Value;
    let mut last = before;
    for ((_, r), header) in rows.iter().zip(headers).filter(|((p, _), _)| *p == page) {
        if r.cells.iter().any(value) {
            last = false;
        } else if *header {
            last = true;
        }
    }
    last
}

/// The move that puts a page's numbers (`here`) on the columns of the pages before (`before`),
/// `by_labels` the one move that lands its row labels where they stood, if one does:
/// [`Placement::Unknown`] where the moves landing the numbers put them on different columns and
/// none leaves them where they stand (they stand nowhere the text tells), [`Placement::Stay`]
/// where nothing tells a move (the page keeps its places).
fn move_onto_columns(here: &Marks, before: &Marks, by_labels: Option<i64>) -> Placement {
    // The numbers' right ends, where some move lands them on the columns before; else their
    // centres (numbers centred in their columns).
    let centred = landing_moves(&here.ends, &before.ends).is_empty()
        && !landing_moves(&here.centres, &before.centres).is_empty();
    let (here, before) = if centred {
        (&here.centres, &before.centres)
    } else {
        (&here.ends, &before.ends)
    };
    let landing = landing_moves(here, before);
    // The moves landing the numbers on the columns before put them on different columns (a
    // page of few columns, or with a blank one, moved by a column's width): which is not told
    // by the numbers, nor by the labels (a first column of labels grows or shrinks from page to
    // page). Unless the numbers land where they stand (the page may not have moved at all),
    // they stand nowhere the text tells.
    let placings = landing_placings(here, before, &landing);
    if placings > 1 && !landing.contains(&0) {
        return Placement::Unknown;
    }
    // Too few numbers to tell, or several moves landing them all (a page of few columns moved
    // by a column's width): the move that lands the page's row labels where they stood (and
    // lands the numbers too). Else the one move that lands every column nearest; else, where
    // the moves landing two columns or more all put them on the same columns (a character
    // apart), the middle one.
    let d = match by_labels {
        Some(d) if landing.len() > 1 && landing.contains(&d) => Some(d),
        _ => columns_move(here, before)
            .or_else(|| {
                // Two columns at least (one could as well be a column the pages before lack).
                let columns = 1 + here.windows(2).filter(|w| w[1] > w[0] + 1).count();
                let middle = landing.get(landing.len().saturating_sub(1) / 2);
                middle.copied().filter(|_| placings == 1 && columns >= 2)
            })
            .or(by_labels),
    };
    d.map_or(Placement::Stay, Placement::Move)
}

/// Where a page's columns of numbers stand: the right ends of its numbers (numbers
/// right-aligned in their columns), and their centres (numbers centred), each sorted, once.
#[derive(Clone, Debug, Default)]
struct Marks {
    ends: Vec<u32>,
    centres: Vec<u32>,
}

impl Marks {
    /// The marks of numbers standing at `places`.
    fn of<'a>(places: impl Iterator<Item = &'a Range<u32>>) -> Self {
        let mut marks = Self::default();
        for at in places {
            marks.ends.push(at.end);
            marks.centres.push(at.start.midpoint(at.end));
        }
        for m in [&mut marks.ends, &mut marks.centres] {
            m.sort_unstable();
            m.dedup();
        }
        marks
    }

    fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// These marks `d` characters left.
    fn moved(&self, d: i64) -> Self {
        let by = |m: &Vec<u32>| -> Vec<u32> {
            m.iter()
                .map(|x| u32::try_from(i64::from(*x) - d).unwrap_or(0))
                .collect()
        };
        Self {
            ends: by(&self.ends),
            centres: by(&self.centres),
        }
    }

    /// These marks with those of `page` that stand more than a character from every one of
    /// them (columns a page adds: not the ones a character off, or a page's wander would add
    /// to the next one's).
    fn with_new(&self, page: &Self) -> Self {
        let add = |before: &[u32], here: &[u32]| -> Vec<u32> {
            let mut out: Vec<u32> = before.to_vec();
            out.extend(
                here.iter()
                    .copied()
                    .filter(|e| before.iter().all(|b| b.abs_diff(*e) > 1)),
            );
            out
        };
        Self {
            ends: add(&self.ends, &page.ends),
            centres: add(&self.centres, &page.centres),
        }
    }
}

/// The move (within [`MAX_PAGE_SHIFT`]) that lands every one of a page's value columns (the
/// right ends of its numbers, `here`; two at least) on the value columns of the pages before
/// (`before`, within one character), when no other move does; none where they land as they
/// stand (within the character a column's numbers wander: the page did not move).
fn columns_move(here: &[u32], before: &[u32]) -> Option<i64> {
    // How many of the page's columns a move lands, and how far off they land in all: the best
    // move lands most, nearest.
    let fit = |d: i64| {
        let mut landed = 0usize;
        let mut off = 0u64;
        for e in here {
            let moved = i64::from(*e) - d;
            let nearest = before
                .iter()
                .map(|b| (i64::from(*b) - moved).unsigned_abs())
                .min()
                .unwrap_or(u64::MAX);
            if nearest <= 1 {
                landed += 1;
                off += nearest;
            }
        }
        (landed, std::cmp::Reverse(off))
    };
    let range = -i64::from(MAX_PAGE_SHIFT)..=i64::from(MAX_PAGE_SHIFT);
    let best = range
        .clone()
        .map(fit)
        .max()
        .unwrap_or((0, std::cmp::Reverse(0)));
    let moves: Vec<i64> = if fit(0).0 == here.len() {
        vec![0]
    } else {
        range.filter(|d| fit(*d) == best).collect()
    };
    match moves.as_slice() {
        [d] if best.0 >= 2 && best.0 == here.len() => Some(*d),
        _ => None,
    }
}

/// The moves (within [`MAX_PAGE_SHIFT`]) that land every one of a page's value columns on the
/// value columns of the pages before, within one character.
fn landing_moves(here: &[u32], before: &[u32]) -> Vec<i64> {
    (-i64::from(MAX_PAGE_SHIFT)..=i64::from(MAX_PAGE_SHIFT))
        .filter(|d| {
            here.iter().all(|e| {
                before
                    .iter()
                    .any(|b| (i64::from(*b) - (i64::from(*e) - d)).abs() <= 1)
            })
        })
        .collect()
}

/// In how many ways the `moves` land a page's value columns (`here`) on the value columns of
/// the pages before (`before`): each column on the column before within one character of it
/// (the nearest, or none where two are as near).
///
/// Columns ending at 55 and 85 moved 1, 2 or 3 characters right land on 57 and 87 one way;
/// a column ending at 30 moved 0 or 5 characters left lands on 30 or on 25, two ways:
/// `landing_placings(&[30], &[25, 30], &[0, 5]) == 2`.
fn landing_placings(here: &[u32], before: &[u32], moves: &[i64]) -> usize {
    let mut placings: Vec<Vec<Option<usize>>> = moves
        .iter()
        .map(|d| {
            here.iter()
                .map(|e| {
                    let off = |b: &u32| (i64::from(*b) - (i64::from(*e) - d)).unsigned_abs();
                    let near: Vec<usize> = (0..before.len())
                        .filter(|i| off(&before[*i]) <= 1)
                        .collect();
                    match near.as_slice() {
                        [i] => Some(*i),
                        [i, j] if off(&before[*i]) != off(&before[*j]) => {
                            Some(if off(&before[*i]) < off(&before[*j]) {
                                *i
                            } else {
                                *j
                            })
                        }
                        _ => None,
                    }
                })
                .collect()
        })
        .collect();
    placings.sort();
    placings.dedup();
    placings.len()
}

/// The move (within [`MAX_PAGE_SHIFT`]) that puts every row label start of a page (`here`) on
/// one of the pages before (`before`), if exactly one does.
fn label_move(here: &[i64], before: &[i64]) -> Option<i64> {
    if here.is_empty() || before.is_empty() {
        return None;
    }
    let range = -i64::from(MAX_PAGE_SHIFT)..=i64::from(MAX_PAGE_SHIFT);
    let moves: Vec<i64> = range
        .filter(|d| here.iter().all(|h| before.contains(&(h - d))))
        .collect();
    match moves.as_slice() {
        [d] => Some(*d),
        _ => None,
    }
}

/// For each row, whether it continues the page before: no header line of its table stands
/// above it on its page; and whether it is a header line. A header line is a line of two label
/// cells or more, no value, two of them over the page's columns of numbers: from two characters
/// left of its leftmost number, or right of every row label of its rows of numbers (a header's
/// words centred over wide columns of right-aligned numbers, `上一年项目数量` over `9152635`) —
/// not a blank row's merged and own labels, which stand where row labels do.
fn continuing_rows(s: &str, rows: &[(usize, GridRow)]) -> (Vec<bool>, Vec<bool>) {
    let value = |c: &GridCell| shape(&s[c.range.clone()]) == CellShape::Value;
    let last = rows.iter().map(|(p, _)| *p).max().unwrap_or(0);
    // By page, where its leftmost number starts, and where its row labels end (of rows of
    // numbers), the least of the two.
    let mut first_value = vec![u32::MAX; last + 1];
    let mut labels_end = vec![0u32; last + 1];
    for (p, r) in rows {
        for c in &r.cells {
            if value(c) {
                first_value[*p] = first_value[*p].min(c.at.start);
            } else if r.cells.iter().any(value) {
                labels_end[*p] = labels_end[*p].max(c.at.end);
            }
        }
    }
    for (first, end) in first_value.iter_mut().zip(&labels_end) {
        if *end > 0 {
            *first = (*first).min(end + 2);
        }
    }
    let mut continues = Vec::with_capacity(rows.len());
    let mut headers = Vec::with_capacity(rows.len());
    let mut page = usize::MAX;
    let mut headed = false;
    for (p, r) in rows {
        if *p != page {
            page = *p;
            headed = false;
        }
        continues.push(!headed);
        let over_numbers = r
            .cells
            .iter()
            .filter(|c| c.at.start + 2 >= first_value[*p])
            .count();
        let is_header = r.cells.len() >= 2 && !r.cells.iter().any(value) && over_numbers >= 2;
        headed |= is_header;
        headers.push(is_header);
    }
    (continues, headers)
}

/// Gives the value cells of the rows of `page` that continue the page before new places.
fn replace_values(
    s: &str,
    rows: &mut [(usize, GridRow)],
    continues: &[bool],
    page: usize,
    place: impl Fn(&Range<u32>) -> Range<u32>,
) {
    for ((_, row), _) in rows
        .iter_mut()
        .zip(continues)
        .filter(|((p, _), c)| *p == page && **c)
    {
        for cell in &mut row.cells {
            if shape(&s[cell.range.clone()]) == CellShape::Value {
                cell.at = place(&cell.at);
            }
        }
    }
}

/// Takes the places of the value cells of the rows of `page` that continue the page before: they
/// stand nowhere the text tells, put [adrift](super::ADRIFT) past every column with their places on the
/// page and the page's name, `name` (the readers weigh the moves of the page over all its rows
/// and keep the readings the identities settle, else go by the cells' order and the
/// identities, and leave out what those do not settle).
fn unplace_values(
    s: &str,
    rows: &mut [(usize, GridRow)],
    continues: &[bool],
    page: usize,
    name: usize,
) {
    replace_values(s, rows, continues, page, |at| put_adrift(name, at));
}

/// Moves the value cells of the rows of `page` that continue the page before `d` characters
/// left.
fn shift_values(s: &str, rows: &mut [(usize, GridRow)], continues: &[bool], page: usize, d: i64) {
    let by = |x: u32| u32::try_from(i64::from(x) - d).unwrap_or(0);
    replace_values(s, rows, continues, page, |at| by(at.start)..by(at.end));
}

/// Where the numbers of the first page of a table that prints any stand, against the header
/// printed on the pages before.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Placement {
    /// Where they are.
    Stay,
    /// This many characters left.
    Move(i64),
    /// Nowhere the text tells: their columns do not stand under the header's cells, and no one
    /// move puts them there.
    Unknown,
}

impl Placement {
    /// How many characters left it moves the numbers: none unless moved.
    fn distance(self) -> i64 {
        match self {
            Self::Move(d) => d,
            Self::Stay | Self::Unknown => 0,
        }
    }
}

/// The move that puts the numbers of `page` (the first page of a table that prints any, or a
/// page after such pages whose numbers stood nowhere the text tells) under the header printed
/// on the pages before `header_end` (its lines of several label cells): the one move
/// (within [`MAX_PAGE_SHIFT`]) under which each column of numbers stands under its own cell of
/// the header's line of most cells; else, when the numbers as they stand do not all stand under
/// a header cell, the move under which every number does, nearest the cells' centres, if
/// exactly one is best.
fn move_onto_header(
    s: &str,
    rows: &[(usize, GridRow)],
    continues: &[bool],
    page: usize,
    header_end: usize,
) -> Placement {
    let value = |c: &GridCell| shape(&s[c.range.clone()]) == CellShape::Value;
    let own_header = block_header(s, rows, header_end);
    let header: Vec<&Range<u32>> = own_header
        .iter()
        .filter(|r| r.cells.len() >= 2)
        .flat_map(|r| r.cells.iter().map(|c| &c.at))
        .collect();
    let numbers: Vec<&Range<u32>> = rows
        .iter()
        .zip(continues)
        .filter(|((p, _), c)| *p == page && **c)
        .flat_map(|((_, r), _)| r.cells.iter().filter(|c| value(c)).map(|c| &c.at))
        .collect();
    if header.is_empty() || numbers.len() < 2 {
        return Placement::Stay;
    }
    // Twice a centre, to stay in integers.
    let centre = |r: &Range<u32>| i64::from(r.start) + i64::from(r.end);
    // How far off the numbers stand from the header cells they overlap, moved by `d`; `None`
    // when one overlaps none.
    let off = |d: i64| -> Option<i64> {
        numbers.iter().try_fold(0i64, |sum, n| {
            let (a, b) = (i64::from(n.start) - d, i64::from(n.end) - d);
            header
                .iter()
                .filter(|h| a.max(i64::from(h.start)) < b.min(i64::from(h.end)))
                .map(|h| (centre(h) - (a + b)).abs())
                .min()
                .map(|o| sum + o)
        })
    };
    let range = -i64::from(MAX_PAGE_SHIFT)..=i64::from(MAX_PAGE_SHIFT);
    // The columns of numbers, each under its own cell of the header's line of most cells: where
    // some move puts them so, the best of those moves (nearest the cells' centres) is taken.
    let columns = number_columns(&numbers);
    // The columns of the header the page continues.
    let main = header_bands(&own_header);
    let aligned: Vec<i64> = if columns.len() >= 2 && main.len() >= 2 {
        range
            .clone()
            .filter(|d| one_under_each(&columns, &main, *d))
            .collect()
    } else {
        Vec::new()
    };
    // Moves that put the columns under different cells: the numbers could stand in several
    // places (a row of a few numbers under a header of many cells, or a page moved by a
    // column's width: fourteen numbers under fifteen cells fall one under each as they stand
    // and one column left), and none is taken — not even where they stand, which a page laid
    // out anew need not keep. The readers go by the cells' order and the identities.
    // A column standing as much under two cells stands under either: the move putting the
    // numbers in their places may be one that puts a wide number across two header words.
    if several_placings(&columns, &main) {
        return Placement::Unknown;
    }
    if aligned.contains(&0) {
        return Placement::Stay;
    }
    // Whether the columns tell where the numbers stand: where they do not stand under the
    // header as they are and no move puts them there, they stand nowhere the text tells.
    let columns_tell = columns.len() >= 2 && main.len() >= 2;
    let lost = if columns_tell {
        Placement::Unknown
    } else {
        Placement::Stay
    };
    if !aligned.is_empty() {
        let fits: Vec<(i64, i64)> = aligned
            .iter()
            .filter_map(|d| off(*d).map(|o| (o, *d)))
            .collect();
        let best = fits.iter().map(|(o, _)| *o).min();
        let nearest: Vec<i64> = fits
            .iter()
            .filter(|(o, _)| Some(*o) == best)
            .map(|(_, d)| *d)
            .collect();
        // Where no move puts every number over a header cell (a header's words are narrower
        // than its numbers), the middle of the moves that align the columns: the readers learn
        // the columns' extent from the rows that fill them.
        return match nearest.as_slice() {
            [d] => Placement::Move(*d),
            _ => aligned
                .get((aligned.len() - 1) / 2)
                .map_or(lost, |d| Placement::Move(*d)),
        };
    }
    // Else: when the numbers as they stand do not all stand under a header cell, the move under
    // which every number does, nearest the cells' centres.
    if off(0).is_some() {
        return lost;
    }
    let fits: Vec<(i64, i64)> = range.filter_map(|d| off(d).map(|o| (o, d))).collect();
    let Some(best) = fits.iter().map(|(o, _)| *o).min() else {
        return lost;
    };
    // Moves putting the numbers under different cells (one number under a header of two
    // cells, a page moved so that it stands under neither): none is taken.
    let under = |d: &(i64, i64)| overlapped_cells(&numbers, &header, d.1);
    if fits
        .iter()
        .any(|d| fits.first().map(under) != Some(under(d)))
    {
        return Placement::Unknown;
    }
    match fits
        .iter()
        .filter(|(o, _)| *o == best)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [(_, d)] => Placement::Move(*d),
        _ => lost,
    }
}

/// The header the numbers of the page `header_end` continue: the lines of the pages before it
/// after their last row of numbers (a block of table 二 has its own).
fn block_header<'r>(s: &str, rows: &'r [(usize, GridRow)], header_end: usize) -> Vec<&'r GridRow> {
    let value = |c: &GridCell| shape(&s[c.range.clone()]) == CellShape::Value;
    let before: Vec<&GridRow> = rows
        .iter()
        .filter(|(p, _)| *p < header_end)
        .map(|(_, r)| r)
        .collect();
    let last_numbers = before.iter().rposition(|r| r.cells.iter().any(value));
    before[last_numbers.map_or(0, |k| k + 1)..].to_vec()
}

/// Whether every number of the rows of `page` that continue the page before, moved `d`
/// characters left, stands under a cell of the header it continues ([`block_header`]: its lines
/// of several cells).
fn numbers_under_header(
    s: &str,
    rows: &[(usize, GridRow)],
    continues: &[bool],
    page: usize,
    d: i64,
) -> bool {
    let value = |c: &GridCell| shape(&s[c.range.clone()]) == CellShape::Value;
    let header: Vec<&Range<u32>> = block_header(s, rows, page)
        .into_iter()
        .filter(|r| r.cells.len() >= 2)
        .flat_map(|r| r.cells.iter().map(|c| &c.at))
        .collect();
    rows.iter()
        .zip(continues)
        .filter(|((p, _), c)| *p == page && **c)
        .flat_map(|((_, r), _)| r.cells.iter().filter(|c| value(c)))
        .all(|n| {
            let (a, b) = (i64::from(n.at.start) - d, i64::from(n.at.end) - d);
            header
                .iter()
                .any(|h| a.max(i64::from(h.start)) < b.min(i64::from(h.end)))
        })
}

/// The columns of a header stacked over lines (`自然` / `人`, `商业` / `企业`), left to right:
/// its cells of two lines or more of cells, but for those that span two others no wider
/// (`法人或其他组织` over four columns, `（本列数据的勾稽关系为：…）`, `行政诉讼` over `总计` and
/// `结果维持`), merged where they overlap.
fn header_bands(lines: &[&GridRow]) -> Vec<Range<u32>> {
    let cells: Vec<&Range<u32>> = lines
        .iter()
        .filter(|r| r.cells.len() >= 2)
        .flat_map(|r| r.cells.iter().map(|c| &c.at))
        .collect();
    let overlaps = |a: &Range<u32>, b: &Range<u32>| a.start < b.end && b.start < a.end;
    let mut narrow: Vec<Range<u32>> = cells
        .iter()
        .filter(|c| {
            cells
                .iter()
                .filter(|o| {
                    o.end - o.start <= c.end - c.start && o.start != c.start && overlaps(c, o)
                })
                .map(|o| o.start)
                .collect::<std::collections::BTreeSet<_>>()
                .len()
                < 2
        })
        .map(|c| (*c).clone())
        .collect();
    narrow.sort_by_key(|c| c.start);
    let mut bands: Vec<Range<u32>> = Vec::new();
    for c in narrow {
        match bands.last_mut() {
            Some(b) if c.start < b.end => b.end = b.end.max(c.end),
            _ => bands.push(c),
        }
    }
    bands
}

/// The columns of a page's numbers, left to right: numbers that overlap, or stand within a
/// character of each other (right-aligned or centred in their column).
fn number_columns(numbers: &[&Range<u32>]) -> Vec<Vec<Range<u32>>> {
    let mut sorted: Vec<Range<u32>> = numbers.iter().map(|r| (*r).clone()).collect();
    sorted.sort_by_key(|r| (r.start, r.end));
    let mut columns: Vec<(Range<u32>, Vec<Range<u32>>)> = Vec::new();
    for r in sorted {
        match columns.last_mut() {
            Some((extent, column)) if r.start <= extent.end + 1 => {
                extent.end = extent.end.max(r.end);
                column.push(r);
            }
            _ => columns.push((r.clone(), vec![r])),
        }
    }
    columns.into_iter().map(|(_, c)| c).collect()
}

/// Whether the columns of numbers, moved `d` characters left, stand each under its own cell of
/// `header` (the one their numbers overlap most, and no other as much; each of them within two
/// characters of it), in the cells' order.
fn one_under_each(columns: &[Vec<Range<u32>>], header: &[Range<u32>], d: i64) -> bool {
    cells_under(columns, header, d).is_some()
}

/// How many characters of a column of numbers (`column`, each number's range, moved `d` to the
/// left) stand under the header cell `h`.
fn overlap_with(column: &[Range<u32>], h: &Range<u32>, d: i64) -> i64 {
    column
        .iter()
        .map(|r| {
            let (a, b) = (i64::from(r.start) - d, i64::from(r.end) - d);
            (b.min(i64::from(h.end)) - a.max(i64::from(h.start))).max(0)
        })
        .sum()
}

/// The cell of `header` each column of numbers stands under, moved `d` characters left (see
/// [`one_under_each`]).
fn cells_under(columns: &[Vec<Range<u32>>], header: &[Range<u32>], d: i64) -> Option<Vec<usize>> {
    let mut out = Vec::with_capacity(columns.len());
    let mut last: Option<usize> = None;
    for column in columns {
        let overlap = |h: &Range<u32>| overlap_with(column, h, d);
        let best = (0..header.len()).max_by_key(|i| overlap(&header[*i]))?;
        let most = overlap(&header[best]);
        let ties = header.iter().filter(|h| overlap(h) == most).count();
        // Every number of the column within two characters of the cell.
        let h = &header[best];
        let near = column.iter().all(|r| {
            let (a, b) = (i64::from(r.start) - d, i64::from(r.end) - d);
            (i64::from(h.start) - b).max(a - i64::from(h.end)) <= 2
        });
        if most == 0 || ties > 1 || !near || last.is_some_and(|l| l >= best) {
            return None;
        }
        last = Some(best);
        out.push(best);
    }
    Some(out)
}

/// Whether moves (within [`MAX_PAGE_SHIFT`]) put the columns of numbers under the cells of
/// `header` in several ways ([`possible_cells`]).
fn several_placings(columns: &[Vec<Range<u32>>], header: &[Range<u32>]) -> bool {
    let mut placings: Vec<Vec<usize>> = Vec::new();
    if columns.len() >= 2 && header.len() >= 2 {
        for d in -i64::from(MAX_PAGE_SHIFT)..=i64::from(MAX_PAGE_SHIFT) {
            if !possible_cells(columns, header, d, &mut Vec::new(), &mut placings) {
                break;
            }
        }
    }
    placings.len() > 1
}

/// The header cell each number overlaps, moved `d` characters left (the one whose centre is
/// nearest its own, or none).
fn overlapped_cells(numbers: &[&Range<u32>], header: &[&Range<u32>], d: i64) -> Vec<Option<usize>> {
    let centre = |r: &Range<u32>| i64::from(r.start) + i64::from(r.end);
    numbers
        .iter()
        .map(|n| {
            let (a, b) = (i64::from(n.start) - d, i64::from(n.end) - d);
            (0..header.len())
                .filter(|i| a.max(i64::from(header[*i].start)) < b.min(i64::from(header[*i].end)))
                .min_by_key(|i| (centre(header[*i]) - (a + b)).abs())
        })
        .collect()
}

/// The ways the columns of numbers, moved `d` characters left, stand each under its own cell of
/// `header`, in order: under the cell their numbers overlap most, or any of the cells they
/// overlap as much (each number within two characters of it), added to `found` (at most two
/// kept). `chosen` holds the cells of the columns before. `false` once two ways are found.
fn possible_cells(
    columns: &[Vec<Range<u32>>],
    header: &[Range<u32>],
    d: i64,
    chosen: &mut Vec<usize>,
    found: &mut Vec<Vec<usize>>,
) -> bool {
    let Some(column) = columns.get(chosen.len()) else {
        if !found.contains(chosen) {
            found.push(chosen.clone());
        }
        return found.len() < 2;
    };
    let overlap = |h: &Range<u32>| overlap_with(column, h, d);
    let most = header.iter().map(overlap).max().unwrap_or(0);
    if most == 0 {
        return true;
    }
    for (i, h) in header.iter().enumerate() {
        let near = column.iter().all(|r| {
            let (a, b) = (i64::from(r.start) - d, i64::from(r.end) - d);
            (i64::from(h.start) - b).max(a - i64::from(h.end)) <= 2
        });
        if overlap(h) != most || !near || chosen.last().is_some_and(|l| *l >= i) {
            continue;
        }
        chosen.push(i);
        let more = possible_cells(columns, header, d, chosen, found);
        chosen.pop();
        if !more {
            return false;
        }
    }
    true
}

/// Tables that print (almost) no number: runs of label lines, with at most a lone row of
/// numbers among them, outside `found` (between headings and prose) whose text holds a
/// table's anchors and a line of several cells, as a table of blank cells prints — its header
/// and its row labels, nothing in its cells.
fn blank_tables(
    s: &str,
    kinds: &[Kind],
    cells: &LineCells,
    lines: &[Block],
    found: &[Range<usize>],
) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < kinds.len() {
        if !matches!(kinds[i], Kind::Label | Kind::UnitLabel)
            || found.iter().any(|r| r.contains(&i))
        {
            i += 1;
            continue;
        }
        let mut end = i;
        let mut last_label = i;
        while end < kinds.len()
            && (matches!(
                kinds[end],
                Kind::Label
                    | Kind::UnitLabel
                    | Kind::Empty
                    | Kind::Chrome
                    | Kind::Footer
                    | Kind::Row { .. }
            ) || (!before_page_end(kinds, end)
                && lone_value_under(s, line_range(&lines[end]), cells.lines(i..end))))
            && !found.iter().any(|r| r.contains(&end))
        {
            if !matches!(kinds[end], Kind::Empty | Kind::Chrome | Kind::Footer) {
                last_label = end;
            }
            end += 1;
        }
        let labels =
            (i..=last_label).filter(|k| matches!(kinds[*k], Kind::Label | Kind::UnitLabel));
        let columns = labels.clone().any(|k| cells.line(k).len() >= 3);
        // The header's words may be stacked over lines (`结果` / `维持`): any of the table's
        // anchors, not only its header's run of words.
        let announced = || {
            let joined: String = labels
                .clone()
                .flat_map(|k| {
                    s[line_range(&lines[k])]
                        .chars()
                        .filter(|c| !c.is_whitespace())
                })
                .collect();
            table_header_start(&joined, 120).is_some()
                || announced_table(&fold(&joined).full).is_some()
        };
        if labels.clone().count() >= 3 && columns && announced() {
            out.push(i..last_label + 1);
        }
        i = end.max(i + 1);
    }
    out
}

/// Whether line `k` is the last of its page or of the text but for empty lines, where a page
/// number stands: not when a page footer follows (`-3-`), which holds the page's number — a
/// lone number above it is a table's (`5.要求行政机关确认或重新` / `出具已获取信息` / `0` / `-3-`).
fn before_page_end(kinds: &[Kind], k: usize) -> bool {
    kinds[k + 1..]
        .iter()
        .find(|kind| **kind != Kind::Empty)
        .is_none_or(|kind| *kind == Kind::Chrome)
}

/// Whether `line` holds one number alone, right under a cell of a line of several label cells
/// above it (`above`, the cells of the lines above): the one value of a table otherwise blank,
/// which as a line of its own reads as prose (a page number stands apart, not under a
/// header's cell).
fn lone_value_under<'a>(
    s: &str,
    line: Range<usize>,
    mut above: impl Iterator<Item = &'a [GridCell]>,
) -> bool {
    let text = s[line.clone()].trim();
    if shape(text) != CellShape::Value || text.contains(char::is_whitespace) {
        return false;
    }
    let mut cells = Vec::new();
    cells_into(s, line, &mut cells);
    let [cell] = cells.as_slice() else {
        return false;
    };
    above.any(|line| {
        line.len() >= 2
            && line
                .iter()
                .any(|h| cell.at.start.max(h.at.start) < cell.at.end.min(h.at.end))
    })
}

/// The text range of a line or chrome block (none for a grid).
fn line_range(block: &Block) -> Range<usize> {
    match block {
        Block::Line(r) | Block::Chrome(r) => r.range(),
        Block::Grid(_) => 0..0,
    }
}

/// The cells of the lines of a run that hold several, one after the other in one buffer: a
/// line's cells are a slice of it. A line of one cell (most lines of a text broken one word
/// per line) keeps nothing: its cell is read again where a region takes it, so that memory
/// stays a few bytes a line however short the lines.
struct LineCells {
    cells: Vec<GridCell>,
    /// The lines kept, in order: the line, and where its cells end in `cells`.
    ends: Vec<(usize, usize)>,
}

impl LineCells {
    fn new() -> Self {
        Self {
            cells: Vec::new(),
            ends: Vec::new(),
        }
    }

    /// Keeps line `k`'s cells if it has several (lines are pushed in order).
    fn push(&mut self, k: usize, line: &[GridCell]) {
        if line.len() >= 2 {
            self.cells.extend_from_slice(line);
            self.ends.push((k, self.cells.len()));
        }
    }

    /// The cells of line `k` when it has several, else none.
    fn line(&self, k: usize) -> &[GridCell] {
        match self.ends.binary_search_by_key(&k, |&(line, _)| line) {
            Ok(i) => {
                let start = i.checked_sub(1).map_or(0, |j| self.ends[j].1);
                &self.cells[start..self.ends[i].1]
            }
            Err(_) => &[],
        }
    }

    /// The cells of the lines of `range` that have several, line by line.
    fn lines(&self, range: Range<usize>) -> impl Iterator<Item = &[GridCell]> {
        let from = self.ends.partition_point(|&(line, _)| line < range.start);
        let to = self.ends.partition_point(|&(line, _)| line < range.end);
        (from..to).map(|i| {
            let start = i.checked_sub(1).map_or(0, |j| self.ends[j].1);
            &self.cells[start..self.ends[i].1]
        })
    }
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
            Kind::Label | Kind::UnitLabel if seen < labels => {
                seen += 1;
                edge = next;
            }
            Kind::Empty | Kind::Chrome | Kind::Footer => {}
            _ => break,
        }
        reach = next;
    }
    if forward { edge + 1 } else { edge }
}

/// Finds column regions among `lines` (prose and chrome blocks in text order, the first at
/// `offset` in the document's blocks) and appends an [`Edit`] for each: its lines replaced by
/// its grid and the chrome lines among them. The lines outside them stay as they are.
pub(crate) fn find(text: &Text, lines: &[Block], offset: usize, edits: &mut Vec<Edit>) {
    let s = &text.text;
    // The cells of the lines a region can hold (rows and labels) that have several: prose and
    // blank lines, most of a report, share one buffer, and a line of one cell is read again
    // where a region takes it.
    let mut scratch = Vec::new();
    let mut cells = LineCells::new();
    // Chrome was recognised when the lines were first read.
    let kinds: Vec<Kind> = lines
        .iter()
        .enumerate()
        .map(|(k, b)| {
            if let Block::Chrome(r) = b {
                return if crate::chrome::is_page_footer(crate::text::trim_str(&s[r.range()])) {
                    Kind::Footer
                } else {
                    Kind::Chrome
                };
            }
            let r = line_range(b);
            cells_into(s, r.clone(), &mut scratch);
            let kind = classify(s, r, &scratch);
            if matches!(kind, Kind::Row { .. } | Kind::Label | Kind::UnitLabel) {
                cells.push(k, &scratch);
            }
            kind
        })
        .collect();

    let mut regions = regions(&kinds);
    regions.extend(blank_tables(s, &kinds, &cells, lines, &regions));
    regions.sort_by_key(|r| r.start);
    for region in regions {
        // Each row with the page it stands on (a page footer between rows starts a page).
        let mut page = 0usize;
        let mut rows: Vec<(usize, GridRow)> = Vec::new();
        for k in region.clone() {
            match kinds[k] {
                Kind::Chrome | Kind::Footer => page += 1,
                Kind::Row { .. } | Kind::Label | Kind::UnitLabel if !cells.line(k).is_empty() => {
                    rows.push((
                        page,
                        GridRow {
                            cells: cells.line(k).to_vec(),
                        },
                    ));
                }
                Kind::Row { .. }
                | Kind::Label
                | Kind::UnitLabel
                | Kind::Heading
                | Kind::Prose
                | Kind::Lone => rows.push((
                    page,
                    GridRow {
                        cells: self::cells(s, line_range(&lines[k])),
                    },
                )),
                Kind::Empty => {}
            }
        }
        realign_pages(s, &mut rows, offset + region.start);
        let rows: Vec<GridRow> = rows.into_iter().map(|(_, r)| r).collect();
        let mut blocks = vec![Block::grid(Grid {
            rows,
            evidence: Evidence {
                boundaries: Boundaries::Positioned,
                blanks_lost: false,
                glued: false,
                collapsed: false,
            },
        })];
        blocks.extend(
            region
                .clone()
                .filter(|k| matches!(kinds[*k], Kind::Chrome | Kind::Footer))
                .map(|k| Block::chrome(line_range(&lines[k]))),
        );
        edits.push(Edit {
            range: offset + region.start..offset + region.end,
            blocks,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::offset::SourceMap;

    /// A page's numbers under a header laid out on the page before (harness,
    /// `pdftotext-pages-2021-numbers-moved-under-a-narrow-header`): as they stand, the last
    /// column falls under no header cell and the first two under one; four characters left and
    /// more, each column stands under its own cell.
    #[test]
    fn columns_of_numbers_under_header_cells() {
        let header = [52..55, 59..62, 65..68, 72..75, 76..79, 83..85, 91..93];
        let numbers = [
            56..62,
            64..67,
            69..75,
            77..80,
            82..84,
            86..92,
            94..101,
            61..62,
            66..67,
        ];
        let refs: Vec<&Range<u32>> = numbers.iter().collect();
        let columns = number_columns(&refs);
        let ends: Vec<Vec<u32>> = columns
            .iter()
            .map(|c| c.iter().map(|r| r.end).collect())
            .collect();
        assert_eq!(
            ends,
            [
                vec![62, 62],
                vec![67, 67],
                vec![75],
                vec![80],
                vec![84],
                vec![92],
                vec![101]
            ]
        );
        assert!(!one_under_each(&columns, &header, 0));
        let aligned: Vec<i64> = (-8..=8)
            .filter(|d| one_under_each(&columns, &header, *d))
            .collect();
        assert_eq!(aligned, [4, 5, 6, 7]);
    }

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
        let mut out = Vec::new();
        if numeric == 0 {
            label_cells(text, chunk, &mut out);
            return out;
        }
        let split = tokens.len() - numeric;
        if split > 0 {
            label_cells(text, chunk.start..tokens[split - 1].end, &mut out);
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

    /// Each line of `s` as a page of its own.
    fn pages(s: &str) -> Vec<(usize, GridRow)> {
        let mut start = 0;
        s.split('\n')
            .enumerate()
            .map(|(page, line)| {
                let row = GridRow {
                    cells: cells(s, start..start + line.len()),
                };
                start += line.len() + 1;
                (page, row)
            })
            .collect()
    }

    /// A table's header on one page, its numbers on the next standing a few characters further
    /// right: the numbers are moved under the header's cells. Where they stand under them
    /// already, nothing moves.
    #[test]
    fn numbers_on_the_page_after_the_header_are_moved_onto_it() {
        let s = "结果维 结果纠 总计\n      0   5  5";
        let mut rows = pages(s);
        realign_pages(s, &mut rows, 0);
        let header: Vec<_> = rows[0].1.cells.iter().map(|c| c.at.clone()).collect();
        for (n, h) in rows[1].1.cells.iter().zip(&header) {
            assert!(
                n.at.start < h.end && h.start < n.at.end,
                "{n:?} not under {h:?}"
            );
        }
        let s = "结果维 结果纠 总计\n  0   5  5";
        let mut rows = pages(s);
        let before = rows[1].1.clone();
        realign_pages(s, &mut rows, 0);
        assert_eq!(rows[1].1, before);
    }

    /// A table broken over pages stands 3 characters further right on the second: its value
    /// cells are put back where the first page's columns stand.
    #[test]
    fn moves_landing_numbers_on_other_columns_are_told_apart() {
        assert_eq!(landing_placings(&[55, 85], &[57, 87], &[-3, -2, -1]), 1);
        assert_eq!(landing_placings(&[30], &[25, 30], &[0, 5]), 2);
    }

    #[test]
    fn pages_after_a_break_are_put_back_in_place() {
        let s = "规章  1  0  11\n规章     2  5  13";
        let mut rows = pages(s);
        realign_pages(s, &mut rows, 0);
        let ends = |r: &GridRow| r.cells.iter().skip(1).map(|c| c.at.end).collect::<Vec<_>>();
        assert_eq!(ends(&rows[0].1), ends(&rows[1].1));
        // A page whose values land as well one column over is left as it is.
        let s = "规章  1\n规章        2";
        let mut rows = pages(s);
        let before = rows[1].1.clone();
        realign_pages(s, &mut rows, 0);
        assert_eq!(rows[1].1, before);
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
        // Short words one space apart are cells (narrow columns: `服务 其他`); the readers
        // join a label's words.
        let s = "第二十条 第（一）项";
        assert_eq!(texts(s, &cells(s, 0..s.len())), ["第二十条", "第（一）项"]);
        let s = "社会公益 法律服务 其他";
        assert_eq!(
            texts(s, &cells(s, 0..s.len())),
            ["社会公益", "法律服务", "其他"]
        );
        // A long label broken by a stray space stays whole.
        let s = "（二）部分公开（区分处理的，只计这一情 形，不";
        assert_eq!(texts(s, &cells(s, 0..s.len())), [s]);
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
                    Some(&**g)
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
                "第二十条|第（一）项",
                "信息内容|本年制发件数|本年废止件数|现行有效件数",
                "规章|1|0|11",
                "行政规范性文件|8|26|66"
            ]
        );
        let prose: Vec<&str> = blocks
            .iter()
            .filter_map(|b| {
                if let Block::Line(r) = b {
                    Some(src[r.range()].trim())
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
