//! The layout stage: clean text → prose lines and grids of cells, with the evidence about the
//! cells' boundaries.
//!
//! Tables reach us in many layouts. This module is the only place that knows them; everything
//! after it sees [`Block`]s: prose lines, and [`Grid`]s whose cells point into the clean text
//! and say where they stand ([`GridCell::at`]), under the [`Evidence`] the text gave about
//! their boundaries:
//! - **separated** cells ([`separated`]): HTML and Word cells (built while rendering the page
//!   and passed in whole), cells joined by `|` with or without a closing `|`, markdown, tabs. A
//!   blank cell is an empty cell; in an *aligned* grid (HTML with its spans expanded, markdown's
//!   padded rows) a cell's grid columns are the same in every row.
//! - **positioned** cells ([`columns`]): columns of spaces as `pdftotext -layout` writes them; a
//!   cell's extent is its character columns on the line and a blank cell is a gap.
//! - **sequences** ([`sequence`], [`stream`]): one cell per line, and crawler dumps with a
//!   whole report on one line; a cell is known only by its order, rows are formed by their
//!   labels (a value belongs to the label before it, the next label closes the row), and the
//!   evidence says what the text may have lost: blank cells, boundaries between digits, or
//!   repeated cells.
//!
//! Lines of web chrome (see [`chrome`]) become [`Block::Chrome`] and do not interrupt a table.

mod columns;
mod separated;
mod sequence;
mod stream;

use crate::text::Text;
use crate::{chrome, numeral};
use std::ops::Range;

/// What the text tells about the boundaries of a grid's cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Boundaries {
    /// Every cell is delimited (HTML and Word cells, `|`, tabs, markdown): a blank cell is an
    /// empty cell. [`GridCell::at`] counts cells; when `aligned`, it is the same grid column in
    /// every row (spans expanded, rows padded), so a value stands under its header.
    Separated {
        /// Whether every row's cells stand in the same grid columns.
        aligned: bool,
    },
    /// Cells stand at horizontal positions (columns of spaces): [`GridCell::at`] is the cell's
    /// extent in characters on its line, comparable across the grid's rows; a blank cell
    /// leaves a gap at its column.
    Positioned,
    /// Cells follow one another with nothing telling where a missing one would stand:
    /// [`GridCell::at`] is the cell's order in its row.
    Sequence,
}

/// The evidence a grid's text gives about its cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Evidence {
    /// How cells are delimited.
    pub(crate) boundaries: Boundaries,
    /// A blank cell may have left no trace (a sequence whose text has no mark for blanks).
    pub(crate) blanks_lost: bool,
    /// A value may hold several cells' digits run together (a crawler's dump).
    pub(crate) glued: bool,
    /// Equal cells in a row may stand as one: the text repeats no line, as a crawler writes it
    /// that drops a line equal to the one before.
    pub(crate) collapsed: bool,
}

impl std::fmt::Display for Evidence {
    /// `separated, aligned`, `positioned`, `sequence, blanks lost, glued`: what `ogi text
    /// --blocks` shows of a grid.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self.boundaries {
            Boundaries::Separated { aligned: true } => "separated, aligned",
            Boundaries::Separated { aligned: false } => "separated",
            Boundaries::Positioned => "positioned",
            Boundaries::Sequence => "sequence",
        })?;
        for (flag, name) in [
            (self.blanks_lost, "blanks lost"),
            (self.glued, "glued"),
            (self.collapsed, "collapsed"),
        ] {
            if flag {
                write!(f, ", {name}")?;
            }
        }
        Ok(())
    }
}

impl Evidence {
    /// Delimited cells, nothing lost.
    pub(crate) const fn separated(aligned: bool) -> Self {
        Self {
            boundaries: Boundaries::Separated { aligned },
            blanks_lost: false,
            glued: false,
            collapsed: false,
        }
    }

    /// Whether a cell's position across its row is known: it stands under its header.
    pub(crate) const fn placed(self) -> bool {
        matches!(
            self.boundaries,
            Boundaries::Separated { aligned: true } | Boundaries::Positioned
        )
    }
}

/// How far past every column a positioned cell is put whose place under the header the text
/// does not tell: numbers on a page laid out anew (pdftotext) that the moves of the page put
/// under the header's cells in several ways. Its place on its own page is kept,
/// [`ADRIFT`] characters on: readers that ignore it see a cell standing in no column (and go
/// by the cells' order and the identities); [`adrift`] gives the place back to a reader that
/// tries the page's moves. A page moves as one: the bits between name the page
/// ([`adrift_page`]), so that a reader weighs the moves of all its rows together.
pub(crate) const ADRIFT: u32 = 1 << 31;

/// Bits of an adrift cell's place that hold its place on its page (a character column; one
/// further right is put at the last); the bits above them, below [`ADRIFT`], name its page.
const ADRIFT_PLACE_BITS: u32 = 16;

/// The place of a cell standing at `at` on page `page` whose place under the header the text
/// does not tell: [`ADRIFT`] on, with its page. Pages are told apart by their number modulo
/// 2¹⁵ (a table's pages are far fewer).
pub(crate) fn put_adrift(page: usize, at: &Range<u32>) -> Range<u32> {
    let most = (1u32 << ADRIFT_PLACE_BITS) - 1;
    let pages = 1usize << (31 - ADRIFT_PLACE_BITS);
    let tag = u32::try_from(page % pages).unwrap_or(0) << ADRIFT_PLACE_BITS;
    ADRIFT + tag + at.start.min(most)..ADRIFT + tag + at.end.min(most)
}

/// The place on its own page of a cell put [`ADRIFT`], or `None` for a cell in its place.
pub(crate) fn adrift(at: &Range<u32>) -> Option<Range<u32>> {
    let place = |x: u32| x & ((1 << ADRIFT_PLACE_BITS) - 1);
    (at.start >= ADRIFT).then(|| place(at.start)..place(at.end))
}

/// The page a cell put [`ADRIFT`] stands on (as [`put_adrift`] names it), or `None` for a cell
/// in its place.
pub(crate) fn adrift_page(at: &Range<u32>) -> Option<u32> {
    (at.start >= ADRIFT).then(|| (at.start - ADRIFT) >> ADRIFT_PLACE_BITS)
}

/// Most characters a table moves from one page to the next, as `pdftotext -layout` lays each
/// page out anew.
pub(crate) const MAX_PAGE_SHIFT: u32 = 8;

/// A cell of a grid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct GridCell {
    /// Its text as a clean-text range (trimmed; empty for a blank cell).
    pub(crate) range: Range<usize>,
    /// Where it stands across its row (see [`Boundaries`]): grid columns, character columns,
    /// or its order.
    pub(crate) at: Range<u32>,
    /// A position covered by a merged cell whose text stands at another position (to its left
    /// or above): the grid's geometry keeps it, the readers of rows skip it.
    pub(crate) copy: bool,
    /// Label text that looks like a value or unit on its own (a year before `年度`, a character
    /// of a label printed one character per line, `项` of `上一年项目数量`).
    pub(crate) label: bool,
}

impl GridCell {
    /// A cell at `at`.
    pub(crate) fn new(range: Range<usize>, at: Range<u32>) -> Self {
        Self {
            range,
            at,
            copy: false,
            label: false,
        }
    }
}

/// A row of a grid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct GridRow {
    pub(crate) cells: Vec<GridCell>,
}

impl GridRow {
    /// A row of cells given in order, each standing at its index.
    pub(crate) fn in_order(ranges: impl IntoIterator<Item = Range<usize>>) -> Self {
        Self {
            cells: ranges
                .into_iter()
                .enumerate()
                .map(|(i, r)| GridCell::new(r, i as u32..i as u32 + 1))
                .collect(),
        }
    }
}

/// A table rebuilt from the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Grid {
    pub(crate) rows: Vec<GridRow>,
    pub(crate) evidence: Evidence,
}

/// A range of the clean text in `u32` offsets: 8 bytes where a `Range<usize>` takes 16. The clean
/// text is under 4 GiB (a longer one is refused as too large before its layout is read).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TextRange {
    start: u32,
    end: u32,
}

impl TextRange {
    /// The range as offsets.
    pub(crate) fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

impl From<Range<usize>> for TextRange {
    /// The range in `u32`s (offsets of a text under 4 GiB, so that none is cut).
    fn from(r: Range<usize>) -> Self {
        let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Self {
            start: narrow(r.start),
            end: narrow(r.end),
        }
    }
}

/// A unit of the document after layout detection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Block {
    /// A line of prose (or a heading), without its line break.
    Line(TextRange),
    /// A table (boxed: a block is most often a line, 16 bytes with its `u32` offsets, and a
    /// text may have a million of them).
    Grid(Box<Grid>),
    /// Web chrome or scrape damage (`来源:… 分享到:`, `-2-`, `?????`): not report text, but kept
    /// for what it says about the page (a posting date).
    Chrome(TextRange),
}

impl Block {
    /// A table's block.
    pub(crate) fn grid(grid: Grid) -> Self {
        Self::Grid(Box::new(grid))
    }

    /// A line's block.
    pub(crate) fn line(range: Range<usize>) -> Self {
        Self::Line(range.into())
    }

    /// A line of chrome's block.
    pub(crate) fn chrome(range: Range<usize>) -> Self {
        Self::Chrome(range.into())
    }
}

/// What a run of table lines is delimited by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Run {
    Pipes,
    Tabs,
}

/// Splits the text into prose lines and grids. `premade` are grids already built (HTML tables),
/// each with the range of the text its lines occupy, in order.
pub(crate) fn detect(text: &Text, premade: Vec<(Range<usize>, Grid)>) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut run: Vec<Range<usize>> = Vec::new();
    let mut run_kind = Run::Pipes;
    let mut pending_empty: Vec<Range<usize>> = Vec::new();
    let mut pending_chrome: Vec<Range<usize>> = Vec::new();
    let mut premade = premade.into_iter().peekable();
    let mut skip_until = 0;
    let flush = |run: &mut Vec<Range<usize>>, kind: Run, blocks: &mut Vec<Block>| match kind {
        Run::Pipes => separated::flush_pipes(text, run, blocks),
        Run::Tabs => separated::flush_tabs(text, run, blocks),
    };
    for line in text.lines() {
        if crate::deadline::passed() {
            break;
        }
        if line.start < skip_until {
            continue;
        }
        if let Some((region, grid)) = premade.next_if(|(region, _)| line.start >= region.start) {
            flush(&mut run, run_kind, &mut blocks);
            blocks.extend(pending_chrome.drain(..).map(Block::chrome));
            blocks.extend(pending_empty.drain(..).map(Block::line));
            blocks.push(Block::grid(grid));
            skip_until = region.end;
            if line.start < region.end {
                continue;
            }
        }
        let s = text.get(line.clone());
        let kind = if memchr::memchr(b'|', s.as_bytes()).is_some() {
            Some(Run::Pipes)
        } else if separated::is_tab_row(s)
            // Inside a table of tabs, leading tabs are blank cells, not an indent.
            || (run_kind == Run::Tabs && !run.is_empty() && s.contains('\t'))
        {
            Some(Run::Tabs)
        } else {
            None
        };
        if kind.is_none() && chrome::is_chrome_line(s) {
            // A page footer inside a table does not end the table.
            if run.is_empty() {
                blocks.push(Block::chrome(line));
            } else {
                pending_chrome.push(line);
            }
        } else if let Some(kind) = kind {
            if kind != run_kind && !run.is_empty() {
                flush(&mut run, run_kind, &mut blocks);
                blocks.extend(pending_chrome.drain(..).map(Block::chrome));
            }
            run_kind = kind;
            // Empty lines between two table lines belong to the table.
            run.append(&mut pending_empty);
            run.push(line);
        } else if s.trim().is_empty() && !run.is_empty() {
            pending_empty.push(line);
        } else {
            flush(&mut run, run_kind, &mut blocks);
            blocks.extend(pending_chrome.drain(..).map(Block::chrome));
            blocks.extend(pending_empty.drain(..).map(Block::line));
            blocks.push(Block::line(line));
        }
    }
    flush(&mut run, run_kind, &mut blocks);
    blocks.extend(pending_chrome.drain(..).map(Block::chrome));
    blocks.extend(pending_empty.drain(..).map(Block::line));
    blocks.extend(premade.map(|(_, grid)| Block::grid(grid)));
    refine(text, blocks)
}

/// The second pass over the prose left between grids: long lines are cut at their headings
/// and their stream tables taken out; runs of short lines are searched for tables printed one
/// cell per line, then for column tables. What it finds replaces the lines it takes, in place
/// ([`apply`]): a text of a million lines is not copied.
fn refine(text: &Text, mut blocks: Vec<Block>) -> Vec<Block> {
    let lines = sequence::text_lines(text);
    let mut edits: Vec<Edit> = Vec::new();
    // The run of prose and chrome blocks since the last grid or long line, searched in place.
    let flush = |run: Range<usize>, blocks: &[Block], edits: &mut Vec<Edit>| {
        let Some(run_blocks) = blocks.get(run.clone()) else {
            return;
        };
        for piece in sequence::find(text, run_blocks, lines) {
            match piece {
                sequence::Found::Lines(range) => columns::find(
                    text,
                    &run_blocks[range.clone()],
                    run.start + range.start,
                    edits,
                ),
                sequence::Found::Table(mut edit) => {
                    edit.range = run.start + edit.range.start..run.start + edit.range.end;
                    edits.push(edit);
                }
            }
        }
    };
    let mut run_start = 0;
    for (i, block) in blocks.iter().enumerate() {
        match block {
            Block::Line(r) if r.range().len() >= stream::LONG_LINE => {
                flush(run_start..i, &blocks, &mut edits);
                edits.push(Edit {
                    range: i..i + 1,
                    blocks: stream::split_line(text, r.range()),
                });
                run_start = i + 1;
            }
            Block::Line(_) | Block::Chrome(_) => {}
            Block::Grid(_) => {
                flush(run_start..i, &blocks, &mut edits);
                run_start = i + 1;
            }
        }
    }
    flush(run_start..blocks.len(), &blocks, &mut edits);
    apply(&mut blocks, edits);
    blocks
}

/// A replacement of a range of a document's blocks: lines taken by a table, by the table's
/// grid and the chrome lines from inside it; a long line by its pieces.
pub(crate) struct Edit {
    /// The blocks replaced (indices into the document's blocks).
    pub(crate) range: Range<usize>,
    /// The blocks that stand for them.
    pub(crate) blocks: Vec<Block>,
}

/// Applies `edits` (in order, not overlapping) to `blocks` in place: the blocks are moved down
/// over the ones replaced, and where an edit's blocks outnumber the ones they replace (a long
/// line cut into pieces), the surplus waits in a queue for the slots the next blocks leave.
fn apply(blocks: &mut Vec<Block>, edits: Vec<Edit>) {
    if edits.is_empty() {
        return;
    }
    // Blocks to write, in order, that found no free slot yet.
    let mut pending: std::collections::VecDeque<Block> = std::collections::VecDeque::new();
    // The next slot written, and the next block read: slots `write..read` are free.
    let mut write = 0;
    let mut read = 0;
    let put = |block: Block,
               blocks: &mut Vec<Block>,
               pending: &mut std::collections::VecDeque<Block>,
               write: &mut usize,
               read: usize| {
        pending.push_back(block);
        while *write < read {
            let Some(next) = pending.pop_front() else {
                break;
            };
            if let Some(slot) = blocks.get_mut(*write) {
                *slot = next;
            }
            *write += 1;
        }
    };
    for edit in edits {
        let start = edit.range.start.clamp(read, blocks.len());
        let end = edit.range.end.clamp(start, blocks.len());
        while read < start {
            let block = std::mem::replace(&mut blocks[read], Block::line(0..0));
            read += 1;
            put(block, blocks, &mut pending, &mut write, read);
        }
        read = end;
        for block in edit.blocks {
            put(block, blocks, &mut pending, &mut write, read);
        }
    }
    while read < blocks.len() {
        let block = std::mem::replace(&mut blocks[read], Block::line(0..0));
        read += 1;
        put(block, blocks, &mut pending, &mut write, read);
    }
    blocks.truncate(write);
    blocks.extend(pending);
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
    let t = crate::text::trim_str(s);
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
        || numeral::opens_unit(first)
        || first == '万';
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A cell put adrift keeps its place on its page and the page's name; one in its place has
    /// neither.
    #[test]
    fn adrift_cells_keep_their_place_and_page() {
        let at = put_adrift(3, &(40..44));
        assert_eq!(adrift(&at), Some(40..44));
        assert_eq!(adrift_page(&at), Some(3));
        assert!(at.start >= ADRIFT);
        assert_eq!(adrift(&(40..44)), None);
        assert_eq!(adrift_page(&(40..44)), None);
        // Pages are named modulo 2¹⁵; a place past the bits kept is put at the last.
        let far = put_adrift((1 << 15) + 2, &(70_000..70_003));
        assert_eq!(adrift_page(&far), Some(2));
        assert_eq!(adrift(&far), Some(65_535..65_535));
    }

    #[test]
    fn a_block_is_small() {
        // A text may have a million lines, each a block.
        assert_eq!(std::mem::size_of::<Block>(), 16);
        let r = TextRange::from(3..7);
        assert_eq!(r.range(), 3..7);
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

/// Test helpers shared by the layout modules' tests.
#[cfg(test)]
pub(crate) mod testing {
    use super::{Block, Grid};
    use crate::offset::SourceMap;
    use crate::text::Text;

    /// A clean text without a source map.
    pub(crate) fn text(s: &str) -> Text {
        Text {
            text: s.to_owned(),
            map: SourceMap::default(),
        }
    }

    /// The grids among `blocks`.
    pub(crate) fn grids(blocks: &[Block]) -> Vec<&Grid> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Grid(g) => Some(&**g),
                _ => None,
            })
            .collect()
    }

    /// A grid's rows as the texts of their cells (copies left out).
    pub(crate) fn texts(t: &Text, g: &Grid) -> Vec<Vec<String>> {
        g.rows
            .iter()
            .map(|r| {
                r.cells
                    .iter()
                    .filter(|c| !c.copy)
                    .map(|c| t.get(c.range.clone()).to_owned())
                    .collect()
            })
            .collect()
    }

    /// The prose lines among `blocks`, trimmed, empty ones left out.
    pub(crate) fn prose<'a>(t: &'a Text, blocks: &[Block]) -> Vec<&'a str> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Line(r) => Some(t.get(r.range()).trim()),
                _ => None,
            })
            .filter(|l| !l.is_empty())
            .collect()
    }
}
