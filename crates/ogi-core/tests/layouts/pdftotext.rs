//! The `pdftotext -layout` layout: text placed in columns of spaces, measured in characters
//! (pdftotext gives every character, Chinese ones included, one column: in corpus/024.txt the
//! numbers of all rows start at the same character index whatever their labels).
//!
//! Each grid column gets a band of characters; a value is right-aligned or centred in its band,
//! a blank leaves only spaces. Long row labels wrap onto lines above and/or below the line of
//! numbers, header labels wrap into stacks (`社会` / `公益` / `组织`) centred in their band,
//! merged row labels (`（三）不予公开`) stand on a line of their own or beside the middle row of
//! their span. Pages end with a footer line `-3-` and the next page opens with a form feed;
//! a table that runs across a page break is laid out anew after it, as pdftotext does for each
//! page.

use super::grid::{Block, Cell, Grid, Kind};
use super::render::{Rng, number_runs};

/// Width of a text in columns: one per character.
fn width(text: &str) -> usize {
    text.chars().count()
}

/// A text cut into pieces of at most `w` characters.
fn wrap(text: &str, w: usize) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    if chars.is_empty() {
        return Vec::new();
    }
    chars.chunks(w.max(1)).map(|c| c.iter().collect()).collect()
}

/// Lines of characters, written at positions.
#[derive(Default)]
struct Canvas {
    /// The lines.
    lines: Vec<Vec<char>>,
}

impl Canvas {
    /// Writes `text` on `line` from column `x`, moved right past any text already there (with
    /// one space between), as pdftotext keeps words apart; returns where it went.
    fn put(&mut self, line: usize, x: usize, text: &str) -> usize {
        if text.is_empty() {
            return x;
        }
        while self.lines.len() <= line {
            self.lines.push(Vec::new());
        }
        let row = &mut self.lines[line];
        let w = width(text);
        let mut x = x;
        while (x.saturating_sub(1)..=x + w).any(|i| row.get(i).is_some_and(|c| *c != ' ')) {
            x += 1;
        }
        if row.len() < x + w {
            row.resize(x + w, ' ');
        }
        for (i, c) in text.chars().enumerate() {
            row[x + i] = c;
        }
        x
    }

    /// Makes sure the canvas has `n` lines.
    fn reserve(&mut self, n: usize) {
        while self.lines.len() < n {
            self.lines.push(Vec::new());
        }
    }

    /// The lines, trailing spaces trimmed.
    fn into_lines(self) -> Vec<String> {
        self.lines
            .into_iter()
            .map(|l| l.into_iter().collect::<String>().trim_end().to_owned())
            .collect()
    }
}

/// Where a wrapped row label puts its line of numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NumberLine {
    /// With the label's first line.
    First,
    /// With its middle line (a vertically centred cell).
    Middle,
    /// With its last line.
    Last,
    /// On a line of its own below the label (corpus/024.txt).
    Below,
}

/// How a table is laid out on one page.
#[derive(Clone, Copy, Debug)]
#[allow(clippy::struct_excessive_bools)] // Independent switches of the layout.
struct Params {
    /// Most characters of a row label on one line.
    wrap: usize,
    /// Most characters of a one-column header label on one line (`社会` / `公益` / `组织`).
    chunk: usize,
    /// Spaces after a label's band.
    gap: usize,
    /// Spaces right of a right-aligned value.
    pad: usize,
    /// Values centred in their band rather than right-aligned.
    centre: bool,
    /// Spaces before the table.
    indent: usize,
    /// Where wrapped labels put their numbers.
    number_line: NumberLine,
    /// Merged row labels on a line of their own (else beside their middle row).
    group_own_line: bool,
    /// A merged outcome label letter-spaced (`三 、本 年 度办 理 结果`).
    letter_spaced: bool,
    /// An empty line between rows.
    spaced_rows: bool,
}

impl Params {
    /// Parameters drawn for one table.
    fn draw(rng: &mut Rng) -> Params {
        Params {
            wrap: rng.range(10, 24),
            chunk: rng.range(2, 4),
            gap: rng.range(2, 6),
            pad: rng.range(1, 3),
            centre: rng.one_in(3),
            indent: rng.below(4),
            number_line: match rng.below(4) {
                0 => NumberLine::First,
                1 => NumberLine::Middle,
                2 => NumberLine::Last,
                _ => NumberLine::Below,
            },
            group_own_line: !rng.one_in(3),
            letter_spaced: rng.one_in(3),
            spaced_rows: rng.one_in(3),
        }
    }
}

/// The column edges of a table on the page after a break: pdftotext lays each page out anew,
/// so the table moves and its first label column grows or shrinks, but the other bands keep
/// their widths (the values' order and the blanks between them stay readable).
fn next_page(x: &[usize], values: &[bool], rng: &mut Rng) -> Vec<usize> {
    // The table moves up to 3 characters left (not past the margin) or 4 right.
    let left = rng.below(x[0].min(3) + 1);
    let right = rng.below(5);
    // A first column of labels grows by up to 4 or shrinks by up to 2, keeping 4 characters.
    let (grow, shrink) = if values[0] {
        (0, 0)
    } else {
        let band = x[1] - x[0];
        (rng.below(5), rng.below(3).min(band.saturating_sub(4)))
    };
    x.iter()
        .enumerate()
        .map(|(j, edge)| {
            let moved = edge + right - left;
            if j > 0 { moved + grow - shrink } else { moved }
        })
        .collect()
}

/// The grid columns whose cells hold values of the truth.
fn value_columns(grid: &Grid, starts: &[Vec<usize>]) -> Vec<bool> {
    let mut out = vec![false; grid.width];
    for (r, row) in grid.rows.iter().enumerate() {
        for (i, cell) in row.iter().enumerate() {
            if cell.key.is_some() {
                for flag in &mut out[starts[r][i]..starts[r][i] + cell.colspan] {
                    *flag = true;
                }
            }
        }
    }
    out
}

/// Whether a header cell stands over value columns only and is one column wide: it wraps into
/// a narrow stack.
fn stacked(cell: &Cell, start: usize, values: &[bool]) -> bool {
    cell.header && cell.colspan == 1 && values[start]
}

/// The left edge of every grid column and the table's right edge, in characters.
fn edges(grid: &Grid, starts: &[Vec<usize>], p: &Params) -> Vec<usize> {
    let values = value_columns(grid, starts);
    let mut demands: Vec<(usize, usize, usize)> = Vec::new();
    for (r, row) in grid.rows.iter().enumerate() {
        for (i, cell) in row.iter().enumerate() {
            let a = starts[r][i];
            let b = a + cell.colspan;
            let w = width(&cell.text);
            let demand = match cell.kind {
                Kind::Value | Kind::Blank => w + p.pad + 1,
                Kind::Label if stacked(cell, a, &values) => w.min(p.chunk) + 1,
                Kind::Label if cell.header && values[a] => w + 2,
                Kind::Label => w.min(p.wrap) + p.gap,
            };
            demands.push((a, b, demand.max(2)));
        }
    }
    demands.sort_by_key(|(a, b, _)| b - a);
    let mut x: Vec<usize> = (0..=grid.width).map(|j| p.indent + j).collect();
    for (a, b, demand) in demands {
        let have = x[b] - x[a];
        if have < demand {
            for edge in &mut x[b..] {
                *edge += demand - have;
            }
        }
    }
    x
}

/// The lines of a run of header rows (their rowspans stay inside the run).
fn header_lines(
    grid: &Grid,
    starts: &[Vec<usize>],
    rows: std::ops::Range<usize>,
    x: &[usize],
    p: &Params,
) -> Vec<String> {
    let values = value_columns(grid, starts);
    let wrapped = |r: usize, i: usize| {
        let cell = &grid.rows[r][i];
        let a = starts[r][i];
        let band = x[a + cell.colspan] - x[a];
        let w = if stacked(cell, a, &values) {
            p.chunk.min(band - 1)
        } else {
            band.saturating_sub(1).max(1)
        };
        wrap(&cell.text, w)
    };
    let mut heights: Vec<usize> = rows
        .clone()
        .map(|r| {
            (0..grid.rows[r].len())
                .filter(|i| grid.rows[r][*i].rowspan == 1)
                .map(|i| wrapped(r, i).len())
                .max()
                .unwrap_or(1)
                .max(1)
        })
        .collect();
    let first = rows.start;
    for r in rows.clone() {
        for (i, cell) in grid.rows[r].iter().enumerate() {
            let last = (r + cell.rowspan).min(rows.end) - 1;
            let have: usize = heights[r - first..=last - first].iter().sum();
            let need = wrapped(r, i).len();
            if need > have {
                heights[last - first] += need - have;
            }
        }
    }
    let mut canvas = Canvas::default();
    for r in rows.clone() {
        let top: usize = heights[..r - first].iter().sum();
        for (i, cell) in grid.rows[r].iter().enumerate() {
            let a = starts[r][i];
            let band = x[a + cell.colspan] - x[a];
            let last = (r + cell.rowspan).min(rows.end) - 1;
            let have: usize = heights[r - first..=last - first].iter().sum();
            let pieces = wrapped(r, i);
            let start = top + (have - pieces.len()) / 2;
            for (k, piece) in pieces.iter().enumerate() {
                let left = if cell.header {
                    x[a] + (band.saturating_sub(width(piece))) / 2
                } else {
                    x[a]
                };
                canvas.put(start + k, left, piece);
            }
        }
    }
    canvas.reserve(heights.iter().sum());
    canvas.into_lines()
}

/// A merged row label spread over several body rows, placed at its middle row.
struct Floating {
    /// The row it is printed beside.
    row: usize,
    /// Its grid column.
    column: usize,
    /// Its text.
    text: String,
}

/// The merged row labels of a grid's body rows.
fn floating(grid: &Grid, starts: &[Vec<usize>], p: &Params) -> Vec<Floating> {
    let mut out = Vec::new();
    for (r, row) in grid.rows.iter().enumerate() {
        for (i, cell) in row.iter().enumerate() {
            if cell.rowspan > 1 && !cell.header {
                let text = if starts[r][i] == 0 && p.letter_spaced {
                    // pdftotext spaces the characters of a label justified down a tall cell.
                    cell.text
                        .chars()
                        .enumerate()
                        .map(|(k, c)| {
                            if k % 2 == 1 {
                                format!(" {c}")
                            } else {
                                c.to_string()
                            }
                        })
                        .collect()
                } else {
                    cell.text.clone()
                };
                out.push(Floating {
                    row: r + (cell.rowspan - 1) / 2,
                    column: starts[r][i],
                    text,
                });
            }
        }
    }
    out
}

/// The lines of one body row, with the merged labels that stand beside it.
fn body_lines(
    grid: &Grid,
    starts: &[Vec<usize>],
    index: usize,
    x: &[usize],
    p: &Params,
    floats: &[Floating],
) -> Vec<String> {
    let row = &grid.rows[index];
    let mut canvas = Canvas::default();
    let mut top = 0;
    let beside: Vec<&Floating> = floats.iter().filter(|f| f.row == index).collect();
    if p.group_own_line {
        for float in &beside {
            let band = x[float.column + 1] - x[float.column];
            // On a line of its own, the label may run past its band.
            for piece in wrap(&float.text, p.wrap.max(band.saturating_sub(p.gap))) {
                canvas.put(top, x[float.column], &piece);
                top += 1;
            }
        }
    }
    // The row label (the first label cell that spans this row only) sets the line of numbers.
    let labels: Vec<(usize, Vec<String>)> = row
        .iter()
        .enumerate()
        .filter(|(_, cell)| cell.kind == Kind::Label && cell.rowspan == 1)
        .map(|(i, cell)| {
            let from = starts[index][i];
            let band = x[from + cell.colspan] - x[from];
            (from, wrap(&cell.text, band.saturating_sub(p.gap).max(2)))
        })
        .collect();
    let label_lines = labels.first().map_or(0, |(_, pieces)| pieces.len());
    let numbers = match p.number_line {
        _ if label_lines <= 1 => 0,
        NumberLine::First => 0,
        NumberLine::Middle => (label_lines - 1) / 2,
        NumberLine::Last => label_lines - 1,
        NumberLine::Below => label_lines,
    };
    for (j, (from, pieces)) in labels.iter().enumerate() {
        // Units and other short labels stand on the line of numbers.
        let first = if j == 0 { top } else { top + numbers };
        for (line, piece) in pieces.iter().enumerate() {
            canvas.put(first + line, x[*from], piece);
        }
    }
    if !p.group_own_line {
        for float in &beside {
            let band = x[float.column + 1] - x[float.column];
            let pieces = wrap(&float.text, band.saturating_sub(2).max(2));
            for (line, piece) in pieces.iter().enumerate() {
                canvas.put(top + numbers + line, x[float.column], piece);
            }
        }
    }
    for (i, cell) in row.iter().enumerate() {
        if cell.kind != Kind::Value {
            continue;
        }
        let from = starts[index][i];
        let to = from + cell.colspan;
        let text_width = width(&cell.text);
        let left = if p.centre {
            x[from] + (x[to] - x[from]).saturating_sub(text_width) / 2
        } else {
            x[to] - p.pad - text_width
        };
        // A value never moves: its band is wide enough, or the layout would lose its column.
        let at = canvas.put(top + numbers, left, &cell.text);
        assert_eq!(
            at, left,
            "pdftotext: `{}` collided with other text",
            cell.text
        );
    }
    canvas.reserve(top + numbers + 1);
    canvas.into_lines()
}

/// Lines written page by page: a footer `-N-` and a form feed when a page is full.
struct Pages {
    /// The lines written.
    lines: Vec<String>,
    /// Lines on the current page.
    on_page: usize,
    /// Lines a page holds.
    page_len: usize,
    /// The current page's number.
    page: usize,
    /// Whether the next line opens a page (with a form feed).
    feed: bool,
    /// Indentation of the footers.
    footer_x: usize,
}

impl Pages {
    /// Writes a line.
    fn line(&mut self, text: &str) {
        let mut text = text.trim_end().to_owned();
        if self.feed {
            text.insert(0, '\u{c}');
            self.feed = false;
        }
        self.lines.push(text);
        self.on_page += 1;
    }

    /// Ends the page: an empty line, the footer, and a form feed before the next line.
    fn break_page(&mut self) {
        self.lines.push(String::new());
        self.lines
            .push(format!("{}-{}-", " ".repeat(self.footer_x), self.page));
        self.page += 1;
        self.on_page = 0;
        self.feed = true;
    }

    /// Ends the page if it is full; whether it did.
    fn full(&mut self) -> bool {
        if self.on_page >= self.page_len {
            self.break_page();
            true
        } else {
            false
        }
    }
}

/// A table: header runs as blocks, body rows one by one, laid out anew after a page break.
fn table(pages: &mut Pages, grid: &Grid, rng: &mut Rng, moves: bool) {
    let starts = grid.columns();
    let p = Params::draw(rng);
    let values = value_columns(grid, &starts);
    let mut x = edges(grid, &starts, &p);
    let floats = floating(grid, &starts, &p);
    let header = |r: usize| grid.rows[r].iter().all(|c| c.header);
    let mut r = 0;
    while r < grid.rows.len() {
        if pages.full() && moves {
            x = next_page(&x, &values, rng);
        }
        let lines = if header(r) {
            let mut end = r + 1;
            while end < grid.rows.len() && header(end) {
                end += 1;
            }
            let lines = header_lines(grid, &starts, r..end, &x, &p);
            r = end;
            lines
        } else {
            let lines = body_lines(grid, &starts, r, &x, &p, &floats);
            r += 1;
            lines
        };
        for line in &lines {
            pages.line(line);
        }
        if p.spaced_rows {
            pages.line("");
        }
    }
}

/// A paragraph wrapped at `w` characters, its first line indented.
fn paragraph(pages: &mut Pages, text: &str, w: usize, indent: usize, spaced_numbers: bool) {
    let text: String = if spaced_numbers {
        // pdftotext puts spaces around runs set in another font (`2023 年`).
        number_runs(text)
            .into_iter()
            .map(|(digits, s)| if digits { format!(" {s} ") } else { s })
            .collect()
    } else {
        text.to_owned()
    };
    for (i, piece) in wrap(&text, w).iter().enumerate() {
        // A page may end between two lines of prose.
        pages.full();
        let pad = if i == 0 { indent } else { 0 };
        pages.line(&format!("{}{}", " ".repeat(pad), piece.trim()));
    }
}

/// The report as `pdftotext -layout` writes it.
/// `moves`: whether a table broken over pages stands a few characters aside on the next page
/// (pdftotext lays each page out anew); without, it keeps its places.
pub(crate) fn render(doc: &[Block], rng: &mut Rng, moves: bool) -> String {
    let mut pages = Pages {
        lines: Vec::new(),
        on_page: 0,
        page_len: rng.range(28, 60),
        page: 1,
        feed: false,
        footer_x: rng.range(4, 70),
    };
    let prose_width = rng.range(28, 40);
    let spaced_numbers = rng.one_in(2);
    for block in doc {
        match block {
            Block::Title(t) => {
                pages.line(&format!("{}{t}", " ".repeat(rng.range(6, 16))));
                pages.line("");
            }
            Block::Heading(t) => {
                pages.full();
                pages.line(&format!("{}{t}", " ".repeat(rng.range(2, 6))));
            }
            Block::Para(t) => {
                paragraph(&mut pages, t, prose_width, rng.range(2, 5), spaced_numbers);
            }
            Block::Table(grid) => {
                for _ in 0..rng.range(1, 2) {
                    pages.line("");
                }
                table(&mut pages, grid, rng, moves);
                pages.line("");
            }
        }
    }
    pages.break_page();
    let mut out = pages.lines.join("\n");
    out.push_str("\n\u{c}");
    out
}
