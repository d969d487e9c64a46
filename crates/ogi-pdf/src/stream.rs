//! Tables printed without rules (`stream` tables, as pdfplumber and camelot call them): their
//! rows and columns inferred from where the glyphs stand, written as rows of cells like a
//! ruled table's.
//!
//! - **Rows** are lines of numbers. A line holding two numbers or more is a *data line*; data
//!   lines close together (at most [`MOST_LINES_BETWEEN`] lines between) make a block, and
//!   every line of the block with a number right of the block's labels is a row.
//! - **Value columns** are the x-ranges the rows' runs of glyphs cover, overlapping ranges
//!   merged: a gap white in every row parts two columns. A column blank in every row shows only
//!   in the header: the lines above the block (and within it) whose words stand right of the
//!   labels add their ranges, read from the bottom line up, and a header word over two columns
//!   or more (`法人或其他组织` over its five) spans them and adds nothing. A block with no header
//!   (going on from the page before) is not read as cells: nothing shows its columns complete.
//! - **Label cells** are the text left of the values. Their columns start where lines of the
//!   label area start (at two lines at least); a cell's lines are those of one column closer
//!   than any two rows are (text wrapped inside a cell), and a cell belongs to the row whose
//!   numbers stand within its lines (top, middle or bottom aligned), or, if none, to the
//!   nearest row without a cell in that column (a parent label centred over its rows).
//!
//! Each row is written as its label cells and then one cell for each value column, a blank
//! cell an empty one (`| 2、重复申请 | 793776 | 0 |  | 128 |`); header lines and the rest stay
//! lines of text with their positions.

use crate::glyphs::Glyph;
use crate::words::{Drawn, Piece, Row, cell_text, is_number, line_text};

/// The fewest lines holding two numbers or more an unruled table has.
const FEWEST_DATA_LINES: usize = 3;

/// The most lines without numbers (wrapped labels, a header repeated) between two data lines
/// of an unruled table.
const MOST_LINES_BETWEEN: usize = 8;

/// The most lines above a block read as its header.
const MOST_HEADER_LINES: usize = 8;

/// A run of a line's glyphs that no gap parts: a word, a number, a cell's text on the line.
#[derive(Clone, Debug)]
struct Run {
    /// Its glyphs: `first..end` of the line's.
    first: usize,
    end: usize,
    x0: f64,
    x1: f64,
    /// Whether it reads as a number alone.
    number: bool,
}

/// A line of free glyphs, left to right, with its runs.
struct Line<'a> {
    glyphs: Vec<&'a Glyph>,
    runs: Vec<Run>,
}

impl Line<'_> {
    /// The line's baseline: its first number's, or its first glyph's.
    fn baseline(&self) -> f64 {
        self.runs
            .iter()
            .find(|r| r.number)
            .or(self.runs.first())
            .and_then(|r| self.glyphs.get(r.first))
            .map_or(0.0, |g| g.baseline)
    }

    /// The top of its glyphs.
    fn top(&self) -> f64 {
        self.glyphs.iter().map(|g| g.top()).fold(f64::MAX, f64::min)
    }

    /// The bottom of its glyphs.
    fn bottom(&self) -> f64 {
        self.glyphs
            .iter()
            .map(|g| g.bottom())
            .fold(f64::MIN, f64::max)
    }

    /// The text of a run.
    fn text(&self, run: &Run) -> String {
        self.glyphs[run.first..run.end]
            .iter()
            .map(|g| g.text.as_str())
            .collect()
    }
}

/// A line's runs: glyphs parted by a space or by a gap of a tenth of their size (cells of an
/// unruled table may be set 3 points apart; the glyphs of a word or a number abut).
fn runs(glyphs: &[&Glyph]) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    let mut end: Option<f64> = None;
    for (i, g) in glyphs.iter().enumerate() {
        if g.is_space() {
            end = None;
            continue;
        }
        match (out.last_mut(), end) {
            (Some(run), Some(e)) if g.x0 - e <= 0.1 * g.size => {
                run.end = i + 1;
                run.x1 = run.x1.max(g.x1);
            }
            _ => out.push(Run {
                first: i,
                end: i + 1,
                x0: g.x0,
                x1: g.x1,
                number: false,
            }),
        }
        end = Some(g.x1);
    }
    for run in &mut out {
        let text: String = glyphs[run.first..run.end]
            .iter()
            .map(|g| g.text.as_str())
            .collect();
        run.number = is_number(&text);
    }
    out
}

/// The columns of an unruled table a page ends with, for its rows on the next page: its value
/// columns and where its values start.
#[derive(Clone, Debug)]
pub(crate) struct Carry {
    columns: Vec<(f64, f64)>,
    value_left: f64,
    /// The least distance between two of its rows.
    row_pitch: f64,
}

/// The free lines of a page (glyphs outside ruled tables, grouped into lines), written as text
/// lines and, where they make an unruled table, rows of cells; each piece at the height it
/// stands. `left` and `unit` place a text line's glyphs in columns (see [`line_text`]);
/// `carry` holds the columns of the table the page before ended with (a table without a
/// header at the top of this page goes on with them if its values fall one to a column), and
/// then those of the table this page ends with.
pub(crate) fn unruled_tables(
    lines: Vec<Vec<&Glyph>>,
    left: f64,
    unit: f64,
    carry: &mut Option<Carry>,
) -> Vec<(f64, Piece)> {
    let lines: Vec<Line> = lines
        .into_iter()
        .map(|glyphs| {
            let runs = runs(&glyphs);
            Line { glyphs, runs }
        })
        .collect();
    let data: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.runs.iter().filter(|r| r.number).count() >= 2)
        .map(|(i, _)| i)
        .collect();
    let mut blocks: Vec<Vec<usize>> = Vec::new();
    for &i in &data {
        match blocks.last_mut() {
            Some(b) if b.last().is_some_and(|&l| i - l <= MOST_LINES_BETWEEN + 1) => b.push(i),
            _ => blocks.push(vec![i]),
        }
    }
    // Which glyphs of each line a table row took.
    let mut used: Vec<Vec<bool>> = lines.iter().map(|l| vec![false; l.glyphs.len()]).collect();
    let mut pieces: Vec<(f64, Piece)> = Vec::new();
    // A block is cut at a header inside it (a line right of its labels without numbers): the
    // tables of a form printed one under the other, each under its own header.
    let mut tables: Vec<Vec<usize>> = Vec::new();
    // (Right of the labels: right of where the numbers of the part so far start.)
    let numbers_left = |i: usize| {
        lines[i]
            .runs
            .iter()
            .filter(|r| r.number)
            .map(|r| r.x0)
            .fold(f64::MAX, f64::min)
    };
    for block in &blocks {
        let mut part: Vec<usize> = Vec::new();
        let mut value_left = f64::MAX;
        for (n, &i) in block.iter().enumerate() {
            let headed = n > 0
                && (block[n - 1] + 1..i).any(|j| {
                    let runs = &lines[j].runs;
                    !runs.iter().any(|r| r.number) && runs.iter().any(|r| r.x0 >= value_left - 1.0)
                });
            if headed && !part.is_empty() {
                tables.push(std::mem::take(&mut part));
                value_left = f64::MAX;
            }
            part.push(i);
            value_left = value_left.min(numbers_left(i));
        }
        tables.push(part);
    }
    let carried = carry.take();
    for (n, block) in tables.iter().enumerate() {
        // Only the page's first table may go on from the page before, and only when no line
        // above it stands right of the labels.
        let going_on = carried.as_ref().filter(|c| {
            n == 0
                && block.first().is_some_and(|&f| {
                    lines[..f]
                        .iter()
                        .all(|l| !l.runs.iter().any(|r| r.x1 > c.value_left + 1.0))
                })
        });
        let (rows, columns) = block_rows(&lines, block, going_on, &mut used);
        if !rows.is_empty() {
            *carry = columns;
        }
        for (top, row) in rows {
            pieces.push((top, Piece::Table(vec![row])));
        }
    }
    for (line, used) in lines.iter().zip(&used) {
        let rest: Vec<&Glyph> = line
            .glyphs
            .iter()
            .zip(used)
            .filter(|(_, u)| !**u)
            .map(|(g, _)| *g)
            .collect();
        if rest.iter().all(|g| g.is_space()) {
            continue;
        }
        let top = rest.iter().map(|g| g.top()).fold(f64::MAX, f64::min);
        let (text, runs) = line_text(&rest, left, unit);
        pieces.push((top, Piece::Line(text, runs)));
    }
    pieces
}

/// Sorted ranges, those that overlap merged.
fn merged(mut spans: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out: Vec<(f64, f64)> = Vec::new();
    for (x0, x1) in spans {
        match out.last_mut() {
            Some(c) if x0 < c.1 => c.1 = c.1.max(x1),
            _ => out.push((x0, x1)),
        }
    }
    out
}

/// A label cell: its column, its glyphs (line and index in the line), the baselines of its
/// first and last lines.
struct LabelCell {
    column: usize,
    glyphs: Vec<(usize, usize)>,
    first: f64,
    last: f64,
}

/// The rows of a block of data lines (see the module's comment), each with the height it
/// stands at; the glyphs they take are marked in `used`. None when the block shows no
/// header, or fewer than two value columns.
fn block_rows(
    lines: &[Line],
    block: &[usize],
    going_on: Option<&Carry>,
    used: &mut [Vec<bool>],
) -> (Vec<(f64, Row)>, Option<Carry>) {
    let (Some(&first), Some(&last)) = (block.first(), block.last()) else {
        return (Vec::new(), None);
    };
    // The values start at the leftmost number of the data lines.
    let value_left = block
        .iter()
        .flat_map(|&i| lines[i].runs.iter().filter(|r| r.number).map(|r| r.x0))
        .fold(f64::MAX, f64::min);
    let in_values = |r: &Run| r.x0 >= value_left - 1.0;
    let has_number = |l: &Line| l.runs.iter().any(|r| r.number && in_values(r));
    let has_values = |l: &Line| l.runs.iter().any(in_values);
    let rows: Vec<usize> = (first..=last).filter(|&i| has_number(&lines[i])).collect();
    // Header lines: those of the block right of the labels without numbers, and those above
    // it, up to a line of numbers or two lines of labels alone.
    let mut header: Vec<usize> = (first..=last)
        .filter(|&i| has_values(&lines[i]) && !has_number(&lines[i]))
        .collect();
    let above = header_above(lines, first, &has_values);
    // A block of fewer than [`FEWEST_DATA_LINES`] lines is a table only under a header of
    // several words over its values.
    let worded = above
        .iter()
        .any(|&j| lines[j].runs.iter().filter(|r| in_values(r)).count() >= 2);
    let carried = going_on
        .filter(|_| above.is_empty())
        .filter(|c| goes_on(lines, block, value_left, c));
    let value_left = carried.map_or(value_left, |c| c.value_left.min(value_left));
    if carried.is_none() && (above.is_empty() || (block.len() < FEWEST_DATA_LINES && !worded)) {
        return (Vec::new(), None);
    }
    let top_of_header = above.iter().copied().min().unwrap_or(first);
    let value_left = if carried.is_none() {
        labelless_left(lines, &rows, top_of_header..first, value_left)
    } else {
        value_left
    };
    let in_values = |r: &Run| r.x0 >= value_left - 1.0;
    header.extend(
        (top_of_header..first)
            .filter(|&j| !above.contains(&j) && lines[j].runs.iter().any(in_values)),
    );
    header.extend(above);
    header.sort_unstable();
    let columns = value_columns(lines, &rows, &header, value_left, carried);
    if columns.len() < 2 || carried.is_some_and(|c| c.columns.len() != columns.len()) {
        return (Vec::new(), None);
    }
    // Each row's value cells, or none for a row whose runs do not fall one to a column.
    let values: Vec<Option<Vec<Option<&Run>>>> = rows
        .iter()
        .map(|&i| row_values(&lines[i], &columns, value_left))
        .collect();
    let baselines: Vec<f64> = rows.iter().map(|&i| lines[i].baseline()).collect();
    // Two rows are never closer than this; wrapped lines of a cell are closer.
    // (A header line counts as a row: a table of one row has the header's pitch.)
    let header_above = header
        .iter()
        .filter(|&&h| h < first)
        .map(|&h| lines[h].baseline())
        .fold(f64::MIN, f64::max);
    let row_pitch = baselines
        .windows(2)
        .map(|w| w[1] - w[0])
        .chain(baselines.first().map(|b| b - header_above))
        .chain(carried.map(|c| c.row_pitch))
        .fold(f64::MAX, f64::min);
    let readable: Vec<bool> = values.iter().map(Option::is_some).collect();
    let label_lines = label_lines(lines, &rows, &readable, top_of_header, &has_values);
    let segments = label_segments(lines, &label_lines, value_left);
    let columns_of_labels = segments.len();
    // Segments of a column closer than two rows are one cell's wrapped lines (and lines
    // more than twice their size apart are not).
    let size = lines[first]
        .glyphs
        .first()
        .map_or(10.0, |g| g.size)
        .max(1.0);
    let wrap = (0.95 * row_pitch).min(2.2 * size);
    let cells = label_cells(segments, wrap);
    let of_row = rows_of_cells(&cells, &baselines, &readable, columns_of_labels, size);
    let mut out = Vec::new();
    for &h in &header {
        out.push(header_row(&lines[h], &columns, value_left, &mut used[h]));
    }
    for (k, &i) in rows.iter().enumerate() {
        let Some(cells_of_row) = &values[k] else {
            continue;
        };
        out.push(value_row(
            lines,
            i,
            &of_row[k],
            &cells,
            cells_of_row,
            &columns,
            used,
        ));
    }
    let carry = Carry {
        columns,
        value_left,
        row_pitch,
    };
    (out, Some(carry))
}

/// Where the values of a table start when its rows have no labels (table 四's one row of
/// numbers): at the left edge of its header (`header`, the lines from the header's top to the
/// first row), since the columns left of the first number are blank in every row and their
/// header words (on lines of their own where their cells wrap otherwise) are header, not
/// labels. Else `value_left`, the first number's left edge.
fn labelless_left(
    lines: &[Line],
    rows: &[usize],
    header: std::ops::Range<usize>,
    value_left: f64,
) -> f64 {
    let labelless = rows.iter().all(|&i| {
        lines[i]
            .glyphs
            .iter()
            .all(|g| g.is_space() || g.x0 >= value_left - 1.0)
    });
    if !labelless {
        return value_left;
    }
    lines[header]
        .iter()
        .flat_map(|l| l.runs.iter().map(|r| r.x0))
        .fold(value_left, f64::min)
}

/// The header lines above a block's first line: those right of the labels (`has_values`),
/// going up to a line of numbers or two lines of labels alone, [`MOST_HEADER_LINES`] at most.
fn header_above(lines: &[Line], first: usize, has_values: &dyn Fn(&Line) -> bool) -> Vec<usize> {
    let mut above = Vec::new();
    let mut labels_alone = 0;
    for j in (first.saturating_sub(MOST_HEADER_LINES)..first).rev() {
        let line = &lines[j];
        if line.runs.iter().any(|r| r.number) {
            break;
        }
        if has_values(line) {
            above.push(j);
            labels_alone = 0;
        } else {
            labels_alone += 1;
            if labels_alone >= 2 {
                break;
            }
        }
    }
    above
}

/// Each row's label cell in each label column (an index into `cells`): a cell goes to the
/// first row whose numbers (at `baselines`, `readable` if read as cells) stand within its
/// lines, else to the nearest row without a cell in its column (a parent label centred over
/// its rows); `size` is the glyph size.
fn rows_of_cells(
    cells: &[LabelCell],
    baselines: &[f64],
    readable: &[bool],
    columns_of_labels: usize,
    size: f64,
) -> Vec<Vec<Option<usize>>> {
    // Each cell's row: the first whose numbers stand within its lines, else the nearest.
    let mut of_row: Vec<Vec<Option<usize>>> = vec![vec![None; columns_of_labels]; baselines.len()];
    let mut unplaced = Vec::new();
    for (n, c) in cells.iter().enumerate() {
        // (The rows stand in order: a binary search, not a scan, finds the first below.)
        let within = (baselines.partition_point(|b| *b < c.first - 0.35 * size)..baselines.len())
            .take_while(|&k| baselines[k] <= c.last + 0.35 * size)
            .find(|&k| readable[k]);
        match within {
            Some(k) if of_row[k][c.column].is_none() => of_row[k][c.column] = Some(n),
            Some(_) => {}
            None => unplaced.push(n),
        }
    }
    for n in unplaced {
        let c = &cells[n];
        let centre = f64::midpoint(c.first, c.last);
        if baselines.first().is_none_or(|b| centre < *b)
            || baselines.last().is_none_or(|b| centre > *b)
        {
            continue;
        }
        // The rows on either side of the cell's centre, of those read as cells.
        let below = baselines.partition_point(|b| *b < centre);
        let after = (below..baselines.len()).find(|&k| readable[k]);
        let before = (0..below).rev().find(|&k| readable[k]);
        let nearest = before.into_iter().chain(after).min_by(|&a, &b| {
            (baselines[a] - centre)
                .abs()
                .total_cmp(&(baselines[b] - centre).abs())
        });
        if let Some(k) = nearest
            && of_row[k][c.column].is_none()
        {
            of_row[k][c.column] = Some(n);
        }
    }
    of_row
}

/// A row of a table as written: its label cells (`labels`, indices into `cells`), then a cell
/// for each value column (`values`, a blank one empty); the glyphs it takes are marked in
/// `used`.
fn value_row(
    lines: &[Line],
    i: usize,
    labels: &[Option<usize>],
    cells: &[LabelCell],
    values: &[Option<&Run>],
    columns: &[(f64, f64)],
    used: &mut [Vec<bool>],
) -> (f64, Row) {
    let line = &lines[i];
    let (top, bottom) = (line.top(), line.bottom());
    let mut row = String::from("|");
    let mut drawn = Vec::new();
    let mut row_top = top;
    let mut put = |row: &mut String, text: &str, rect: [f64; 4]| {
        row.push(' ');
        let start = row.len();
        row.push_str(text);
        drawn.push(Drawn {
            at: start..row.len(),
            rect,
        });
        row.push_str(" |");
    };
    for n in labels.iter().flatten() {
        let cell = &cells[*n];
        let glyphs: Vec<&Glyph> = cell
            .glyphs
            .iter()
            .map(|&(l, g)| lines[l].glyphs[g])
            .collect();
        let rect = [
            glyphs.iter().map(|g| g.x0).fold(f64::MAX, f64::min),
            glyphs.iter().map(|g| g.top()).fold(f64::MAX, f64::min),
            glyphs.iter().map(|g| g.x1).fold(f64::MIN, f64::max),
            glyphs.iter().map(|g| g.bottom()).fold(f64::MIN, f64::max),
        ];
        row_top = row_top.min(rect[1]);
        put(&mut row, &cell_text(glyphs), rect);
        for &(l, g) in &cell.glyphs {
            used[l][g] = true;
        }
    }
    for (c, cell) in values.iter().enumerate() {
        match cell {
            Some(r) => {
                let glyphs = &line.glyphs[r.first..r.end];
                let rect = [
                    r.x0,
                    glyphs.iter().map(|g| g.top()).fold(f64::MAX, f64::min),
                    r.x1,
                    glyphs.iter().map(|g| g.bottom()).fold(f64::MIN, f64::max),
                ];
                put(&mut row, &line.text(r).replace('|', "｜"), rect);
                for u in &mut used[i][r.first..r.end] {
                    *u = true;
                }
            }
            None => put(&mut row, "", [columns[c].0, top, columns[c].1, bottom]),
        }
    }
    // The row's spaces are its own too.
    for (u, g) in used[i].iter_mut().zip(&line.glyphs) {
        if g.is_space() {
            *u = true;
        }
    }
    (row_top, (row, drawn))
}

/// A row's value cells, one for each column (`None` a blank), or `None` for a row whose
/// runs right of `value_left` do not fall one to a column, or whose label runs into them.
fn row_values<'a>(
    line: &'a Line,
    columns: &[(f64, f64)],
    value_left: f64,
) -> Option<Vec<Option<&'a Run>>> {
    let first = columns.first()?;
    let mut cells: Vec<Option<&Run>> = vec![None; columns.len()];
    for r in &line.runs {
        if r.x0 >= value_left - 1.0 {
            let c = columns
                .iter()
                .position(|c| r.x0 >= c.0 - 0.5 && r.x1 <= c.1 + 0.5)?;
            if cells[c].replace(r).is_some() {
                return None;
            }
        } else if r.x1 > first.0 + 0.5 {
            return None;
        }
    }
    Some(cells)
}

/// The lines whose labels a table's rows take: the rows read as cells (`readable`) and the
/// lines of labels alone around them, from just under the header (`top_of_header`) to just
/// above the next line right of the labels (`has_values`), three lines at most below.
fn label_lines(
    lines: &[Line],
    rows: &[usize],
    readable: &[bool],
    top_of_header: usize,
    has_values: &dyn Fn(&Line) -> bool,
) -> Vec<usize> {
    let (Some(&first), Some(&last)) = (rows.first(), rows.last()) else {
        return Vec::new();
    };
    let lo = (top_of_header..first)
        .rev()
        .take_while(|&j| !has_values(&lines[j]))
        .last()
        .unwrap_or(first);
    let hi = (last + 1..lines.len())
        .take_while(|&j| j <= last + 3 && !has_values(&lines[j]))
        .last()
        .unwrap_or(last);
    (lo..=hi)
        .filter(|&i| rows.binary_search(&i).is_ok_and(|k| readable[k]) || !has_values(&lines[i]))
        .collect()
}

/// Whether the data lines of `block` go on in the columns of the table the page before ended
/// with: each of their values (right of `value_left`) stands over one of its columns, none left
/// of them.
fn goes_on(lines: &[Line], block: &[usize], value_left: f64, carry: &Carry) -> bool {
    block.iter().all(|&i| {
        lines[i]
            .runs
            .iter()
            .filter(|r| r.x0 >= value_left - 1.0)
            .all(|r| {
                r.x0 >= carry.value_left - 1.0
                    && carry
                        .columns
                        .iter()
                        .filter(|col| r.x0 < col.1 && r.x1 > col.0)
                        .count()
                        == 1
            })
    })
}

/// The value columns of a table: the rows' runs right of `value_left` (and the columns of the
/// table it goes on from), then the header's words from the bottom line up.
fn value_columns(
    lines: &[Line],
    rows: &[usize],
    header: &[usize],
    value_left: f64,
    carried: Option<&Carry>,
) -> Vec<(f64, f64)> {
    let columns = merged(
        carried
            .iter()
            .flat_map(|c| c.columns.iter().copied())
            .chain(rows.iter().flat_map(|&i| {
                lines[i]
                    .runs
                    .iter()
                    .filter(|r| r.x0 >= value_left - 1.0)
                    .map(|r| (r.x0, r.x1))
            }))
            .collect(),
    );
    header_columns(lines, header, value_left, columns)
}

/// The value columns of a table: `columns` (the rows' ranges) with the header lines' words
/// added, read from the bottom line up (see the module's comment).
fn header_columns(
    lines: &[Line],
    header: &[usize],
    value_left: f64,
    mut columns: Vec<(f64, f64)>,
) -> Vec<(f64, f64)> {
    for &h in header.iter().rev() {
        let line = &lines[h];
        let words: Vec<&Run> = line
            .runs
            .iter()
            .filter(|r| r.x1 > value_left + 1.0)
            .collect();
        // Each column a word adds, and whether it is one character standing alone.
        let mut added: Vec<((f64, f64), bool)> = Vec::new();
        for w in &words {
            let over = columns.iter().filter(|c| w.x0 < c.1 && w.x1 > c.0).count();
            match over {
                // A word over no column: a column blank in every row, if the line names
                // several (a lone word may be a note beside the table). Characters of one line
                // standing alone closer than a character's width are one cell's word spread
                // out (`合  计`); words of several characters each are cells of their own, however
                // narrow the columns (`商业 科研 社会公 法律服 其`, each the first line of a
                // header wrapped in its cell).
                0 if words.len() >= 2 => {
                    let size = line.glyphs.get(w.first).map_or(0.0, |g| g.size);
                    let single = w.end - w.first == 1;
                    match added.last_mut() {
                        Some((a, single_before))
                            if single
                                && *single_before
                                && w.x0 - a.1 < size
                                && !starts_between(lines, header, h, a.1, w.x0) =>
                        {
                            a.1 = w.x1;
                        }
                        _ => added.push(((w.x0, w.x1), single)),
                    }
                }
                1 => added.push(((w.x0, w.x1), false)),
                // Over two columns or more: a header spanning them.
                _ => {}
            }
        }
        let before = columns.len();
        let mut grown = columns.clone();
        grown.extend(added.into_iter().map(|(a, _)| a));
        let grown = merged(grown);
        // A word widening a column up to the next merges nothing: two columns stay two.
        if grown.len() >= before {
            columns = grown;
        }
    }
    columns
}

/// Whether a word of a header line other than `line` starts right of `end` and at `next` at
/// the latest: a cell's edge between two lone characters of `line` (`计` and `持` of
/// `总计` and `结果维持`, each the second line of a narrow cell, the first lines `总` and
/// `结果维` starting where they do), so that they are not one word spread out (`合  计`).
fn starts_between(lines: &[Line], header: &[usize], line: usize, end: f64, next: f64) -> bool {
    header
        .iter()
        .filter(|&&h| h != line)
        .flat_map(|&h| &lines[h].runs)
        .any(|r| r.x0 > end - 0.5 && r.x0 <= next + 0.5)
}

/// The label glyphs of `label_lines` (those left of `value_left`) cut into one segment per
/// label column and line: columns start where two lines or more start, and a glyph standing at
/// a column's start after a gap starts a segment. Returns the segments of each column.
fn label_segments(lines: &[Line], label_lines: &[usize], value_left: f64) -> Vec<Vec<LabelCell>> {
    let label_glyphs = |i: usize| {
        lines[i]
            .glyphs
            .iter()
            .enumerate()
            .filter(move |(_, g)| !g.is_space() && g.x1 <= value_left + 0.5)
    };
    // Label columns start where two lines or more start.
    let mut starts: Vec<f64> = label_lines
        .iter()
        .filter_map(|&i| label_glyphs(i).next().map(|(_, g)| g.x0))
        .collect();
    starts.sort_by(f64::total_cmp);
    let mut clusters: Vec<(f64, usize)> = Vec::new();
    for x in starts {
        match clusters.last_mut() {
            Some((c, n)) if x - *c <= 1.5 => *n += 1,
            _ => clusters.push((x, 1)),
        }
    }
    let starts: Vec<f64> = clusters
        .iter()
        .filter(|(_, n)| *n >= 2)
        .map(|(x, _)| *x)
        .collect();
    // Each line's label glyphs cut where a column starts after a gap.
    let mut segments: Vec<Vec<LabelCell>> = (0..starts.len().max(1)).map(|_| Vec::new()).collect();
    for &i in label_lines {
        let mut current: Option<LabelCell> = None;
        let mut end: Option<f64> = None;
        for (k, g) in label_glyphs(i) {
            let starting = starts
                .iter()
                .position(|s| (g.x0 - s).abs() <= 1.5)
                .filter(|_| end.is_none_or(|e| g.x0 - e > 0.5));
            let column = match (&current, starting) {
                (_, Some(c)) => Some(c),
                (None, None) => Some(starts.iter().rposition(|s| *s <= g.x0 + 1.5).unwrap_or(0)),
                (Some(_), None) => None,
            };
            if let Some(c) = column {
                if let Some(done) = current.take() {
                    segments[done.column].push(done);
                }
                current = Some(LabelCell {
                    column: c.min(segments.len() - 1),
                    glyphs: Vec::new(),
                    first: g.baseline,
                    last: g.baseline,
                });
            }
            if let Some(cell) = current.as_mut() {
                cell.glyphs.push((i, k));
            }
            end = Some(g.x1);
        }
        if let Some(done) = current.take() {
            segments[done.column].push(done);
        }
    }
    segments
}

/// Segments of one column closer than `wrap` joined into cells: a cell's wrapped lines.
fn label_cells(segments: Vec<Vec<LabelCell>>, wrap: f64) -> Vec<LabelCell> {
    let mut cells: Vec<LabelCell> = Vec::new();
    for column in segments {
        for s in column {
            match cells.last_mut() {
                Some(c) if c.column == s.column && s.first - c.last < wrap => {
                    c.glyphs.extend(s.glyphs);
                    c.last = s.last;
                }
                _ => cells.push(s),
            }
        }
    }
    cells
}

/// A header line as a row of cells: its labels one cell, then each word over a single value
/// column in that column's cell (the words of one column joined), a word over several its own
/// cell, left to right — the cells of the header's `<tr>`. Its glyphs are marked in `used`.
fn header_row(
    line: &Line,
    columns: &[(f64, f64)],
    value_left: f64,
    used: &mut [bool],
) -> (f64, Row) {
    // Each cell: where it stands (for the order), its column if one, its glyphs.
    let mut cells: Vec<(f64, Option<usize>, Vec<&Glyph>)> = Vec::new();
    for r in &line.runs {
        let glyphs = &line.glyphs[r.first..r.end];
        let column = if r.x1 <= value_left + 0.5 {
            None
        } else {
            let over: Vec<usize> = (0..columns.len())
                .filter(|&c| r.x0 < columns[c].1 && r.x1 > columns[c].0)
                .collect();
            match over.as_slice() {
                [c] => Some(*c + 1),
                _ => Some(usize::MAX),
            }
        };
        let joined = cells.iter_mut().find(|(_, c, _)| {
            column.is_some_and(|k| *c == Some(k) && k != usize::MAX)
                || (column.is_none() && c.is_none())
        });
        match joined {
            Some((_, _, g)) => g.extend(glyphs.iter().copied()),
            None => cells.push((r.x0, column, glyphs.to_vec())),
        }
    }
    for u in used.iter_mut() {
        *u = true;
    }
    cells.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut row = String::from("|");
    let mut drawn = Vec::new();
    for (_, _, glyphs) in cells {
        let rect = [
            glyphs.iter().map(|g| g.x0).fold(f64::MAX, f64::min),
            glyphs.iter().map(|g| g.top()).fold(f64::MAX, f64::min),
            glyphs.iter().map(|g| g.x1).fold(f64::MIN, f64::max),
            glyphs.iter().map(|g| g.bottom()).fold(f64::MIN, f64::max),
        ];
        row.push(' ');
        let start = row.len();
        row.push_str(&cell_text(glyphs));
        drawn.push(Drawn {
            at: start..row.len(),
            rect,
        });
        row.push_str(" |");
    }
    (line.top(), (row, drawn))
}
