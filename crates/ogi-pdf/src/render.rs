//! A page's glyphs and rules written as text that keeps the evidence of the page's geometry.
//!
//! - **Ruled tables.** Where ruling lines cross into a grid, each cell is the region they
//!   enclose; a line missing between two grid cells merges them (rowspan, colspan). Each row of
//!   the grid is written as the cells that start in it, `| a | b |  | d |` — the cells of an
//!   HTML `<tr>`, with a blank cell an empty one — and the text wrapped inside a cell is joined.
//!   (Rows padded to the grid's width would say more, but a table printed over pages has a
//!   grid of its own on each, so their columns would not line up.)
//! - **Unruled tables.** A block of lines of numbers under a header is written as rows of cells
//!   too: the columns the x-ranges its numbers and its header's words cover, wrapped labels
//!   joined into their row, a table going on over a page break kept in its columns (see
//!   `crate::stream`).
//! - **Everything else** is written line by line in reading order (top to bottom, tables where
//!   they stand), each glyph at the column its position gives where a gap parts it from the glyph
//!   before (as `pdftotext -layout` does), so that columns of numbers without rules still line up.
//!
//! The table readers then get explicit separators where the page drew them and positions
//! where it did not, as from any other input.

use crate::glyphs::{Glyph, Page, Rule};
pub use crate::words::Drawn;
use crate::words::{Piece, cell_text, is_number, lines};

/// Most grid cells a ruled table may have.
const MOST_GRID_CELLS: usize = 20_000;

/// Two lines closer than this touch, in points.
const SNAP: f64 = 2.0;

/// Grid lines closer than this are one boundary, in points: no text fits between them, and a
/// table drawn with separate borders (HTML's `border="1"`, cell spacing) draws each boundary
/// twice, the borders of the two cells a little apart.
const MERGE: f64 = 4.5;

/// A ruled table: the x of its vertical lines, the y of its horizontal ones, and its cells.
#[derive(Debug)]
struct Table {
    xs: Vec<f64>,
    ys: Vec<f64>,
    /// Each merged cell: its first and last row and column of the grid.
    cells: Vec<Span>,
}

/// A cell of the grid: rows `r0..=r1`, columns `c0..=c1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Span {
    r0: usize,
    r1: usize,
    c0: usize,
    c1: usize,
    /// Whether no line is drawn along its top: at a table's top, a cell cut by a page break.
    open_top: bool,
}

impl Table {
    fn contains(&self, x: f64, y: f64) -> bool {
        let (Some(x0), Some(x1), Some(y0), Some(y1)) = (
            self.xs.first(),
            self.xs.last(),
            self.ys.first(),
            self.ys.last(),
        ) else {
            return false;
        };
        x >= *x0 && x <= *x1 && y >= *y0 && y <= *y1
    }

    /// The grid cell of a point inside the table.
    fn cell_at(&self, x: f64, y: f64) -> Option<usize> {
        let c = self.xs.windows(2).position(|w| x >= w[0] && x <= w[1])?;
        let r = self.ys.windows(2).position(|w| y >= w[0] && y <= w[1])?;
        self.cells
            .iter()
            .position(|s| (s.r0..=s.r1).contains(&r) && (s.c0..=s.c1).contains(&c))
    }
}

/// Sorted distinct values, those within [`MERGE`] of each other merged into their mean.
fn snap(mut values: Vec<f64>) -> Vec<f64> {
    values.sort_by(f64::total_cmp);
    // Each run: the sum of its values and how many (a count as a float: a page has few lines).
    let mut out: Vec<(f64, f64)> = Vec::new();
    for v in values {
        match out.last_mut() {
            Some((sum, n)) if v - *sum / *n <= MERGE => {
                *sum += v;
                *n += 1.0;
            }
            _ => out.push((v, 1.0)),
        }
    }
    out.into_iter().map(|(sum, n)| sum / n).collect()
}

/// How much of `a0..a1` the segments (`from..to` each) cover, 0 to 1.
fn covered(segments: &[(f64, f64)], a0: f64, a1: f64) -> f64 {
    let mut spans: Vec<(f64, f64)> = segments
        .iter()
        .map(|(s, e)| (s.max(a0), e.min(a1)))
        .filter(|(s, e)| e > s)
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut total = 0.0;
    let mut end = a0;
    for (s, e) in spans {
        let s = s.max(end);
        if e > s {
            total += e - s;
            end = e;
        }
    }
    if a1 > a0 { total / (a1 - a0) } else { 1.0 }
}

/// The representative of `i`'s set in a union-find forest (paths halved on the way).
fn root(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Groups of rules that touch each other: each table's lines.
fn groups(rules: &[Rule]) -> Vec<Vec<Rule>> {
    let n = rules.len();
    let mut parent: Vec<usize> = (0..n).collect();
    let touch = |a: &Rule, b: &Rule| {
        a.x0 - SNAP <= b.x1 && b.x0 - SNAP <= a.x1 && a.y0 - SNAP <= b.y1 && b.y0 - SNAP <= a.y1
    };
    for i in 0..n {
        for j in i + 1..n {
            if touch(&rules[i], &rules[j]) {
                let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                parent[a] = b;
            }
        }
    }
    let mut out: Vec<(usize, Vec<Rule>)> = Vec::new();
    for (i, rule) in rules.iter().enumerate() {
        let r = root(&mut parent, i);
        match out.iter_mut().find(|(k, _)| *k == r) {
            Some((_, g)) => g.push(*rule),
            None => out.push((r, vec![*rule])),
        }
    }
    out.into_iter().map(|(_, g)| g).collect()
}

/// The tables the rules of a page draw: groups of touching lines with two horizontal and two
/// vertical lines at least.
fn tables(rules: &[Rule]) -> Vec<Table> {
    // Most rules looked at on one page: beyond, the page is a drawing, not a table.
    if rules.len() > 5000 {
        return Vec::new();
    }
    groups(rules)
        .into_iter()
        .filter_map(|group| table(&group))
        .collect()
}

fn table(group: &[Rule]) -> Option<Table> {
    let (horizontal, vertical): (Vec<Rule>, Vec<Rule>) =
        group.iter().partition(|r| r.is_horizontal());
    // Two lines each way at least: rules one way only are a frame or a three-line table,
    // whose columns the glyphs' positions tell better.
    if snap(horizontal.iter().map(|r| r.y0).collect()).len() < 2
        || snap(vertical.iter().map(|r| r.x0).collect()).len() < 2
    {
        return None;
    }
    // The table's outer edges are where its lines end, drawn or not: a table cut by a page
    // break has no line along the cut.
    let top = group.iter().map(|r| r.y0).fold(f64::MAX, f64::min);
    let bottom = group.iter().map(|r| r.y1).fold(f64::MIN, f64::max);
    let left = group.iter().map(|r| r.x0).fold(f64::MAX, f64::min);
    let right = group.iter().map(|r| r.x1).fold(f64::MIN, f64::max);
    let ys = snap(
        horizontal
            .iter()
            .map(|r| r.y0)
            .chain([top, bottom])
            .collect(),
    );
    let xs = snap(vertical.iter().map(|r| r.x0).chain([left, right]).collect());
    let (rows, cols) = (ys.len() - 1, xs.len() - 1);
    // Most grid cells a table may have: a report's largest has a few hundred; a page of
    // hatching is no table.
    if rows * cols > MOST_GRID_CELLS {
        return None;
    }
    // The segments on each grid line.
    let on_x = |x: f64| -> Vec<(f64, f64)> {
        vertical
            .iter()
            .filter(|r| (r.x0 - x).abs() <= MERGE)
            .map(|r| (r.y0 - SNAP, r.y1 + SNAP))
            .collect()
    };
    let on_y = |y: f64| -> Vec<(f64, f64)> {
        horizontal
            .iter()
            .filter(|r| (r.y0 - y).abs() <= MERGE)
            .map(|r| (r.x0 - SNAP, r.x1 + SNAP))
            .collect()
    };
    let verticals: Vec<Vec<(f64, f64)>> = xs.iter().map(|x| on_x(*x)).collect();
    let horizontals: Vec<Vec<(f64, f64)>> = ys.iter().map(|y| on_y(*y)).collect();
    // Grid cells joined where no line parts them.
    let mut parent: Vec<usize> = (0..rows * cols).collect();
    for r in 0..rows {
        for c in 0..cols {
            if c + 1 < cols && covered(&verticals[c + 1], ys[r], ys[r + 1]) < 0.5 {
                let (a, b) = (
                    root(&mut parent, r * cols + c),
                    root(&mut parent, r * cols + c + 1),
                );
                parent[a] = b;
            }
            if r + 1 < rows && covered(&horizontals[r + 1], xs[c], xs[c + 1]) < 0.5 {
                let (a, b) = (
                    root(&mut parent, r * cols + c),
                    root(&mut parent, (r + 1) * cols + c),
                );
                parent[a] = b;
            }
        }
    }
    let mut cells: Vec<Span> = Vec::new();
    // By grid cell: the index in `cells` of the merged cell whose root it is.
    let mut index: Vec<Option<usize>> = vec![None; rows * cols];
    for r in 0..rows {
        for c in 0..cols {
            let k = root(&mut parent, r * cols + c);
            if let Some(s) = index[k].and_then(|i| cells.get_mut(i)) {
                s.r0 = s.r0.min(r);
                s.r1 = s.r1.max(r);
                s.c0 = s.c0.min(c);
                s.c1 = s.c1.max(c);
            } else {
                index[k] = Some(cells.len());
                cells.push(Span {
                    r0: r,
                    r1: r,
                    c0: c,
                    c1: c,
                    open_top: false,
                });
            }
        }
    }
    for s in &mut cells {
        s.open_top = s.r0 == 0 && covered(&horizontals[0], xs[s.c0], xs[s.c1 + 1]) < 0.5;
    }
    // One cell for the whole box is a frame, not a table.
    if cells.len() < 2 {
        return None;
    }
    Some(Table { xs, ys, cells })
}

/// A table's rows as the cells that start in each, as an HTML `<tr>` lists them:
/// `| label | 26 |  | 26 |`, a blank cell an empty one. In a row with a label, blank cells left
/// of the table's first column holding a number carry nothing a reader needs — a label cell
/// left empty, a merged label going on from the page before — and are left out, as are the
/// blank cells of a row without numbers that no line closes at the top (a header cell cut by a
/// page break). A row without a label keeps every cell: its first may be a blank value.
fn table_rows(table: &Table, texts: &[String]) -> Vec<(String, Vec<Drawn>)> {
    let first_value = table
        .cells
        .iter()
        .zip(texts)
        .filter(|(_, t)| is_number(t))
        .map(|(c, _)| c.c0)
        .min();
    let rows = table.ys.len() - 1;
    let mut out = Vec::with_capacity(rows);
    for r in 0..rows {
        let mut starting: Vec<(&Span, &str)> = table
            .cells
            .iter()
            .zip(texts)
            .filter(|(c, _)| c.r0 == r)
            .map(|(c, t)| (c, t.as_str()))
            .collect();
        starting.sort_by_key(|(c, _)| c.c0);
        let numbers = starting.iter().any(|(_, t)| is_number(t));
        let labelled = starting.iter().any(|(_, t)| !t.is_empty() && !is_number(t));
        let kept: Vec<(&Span, &str)> = starting
            .into_iter()
            .filter(|(c, t)| {
                let label_area = labelled && first_value.is_some_and(|f| c.c1 < f);
                !t.is_empty() || !(label_area || (!numbers && c.open_top))
            })
            .collect();
        // A row of blank cells alone (no label) says nothing: the part of a row a page break
        // cut off, or a spacer.
        if kept.iter().any(|(_, t)| !t.is_empty()) {
            let mut row = String::from("|");
            let mut drawn = Vec::with_capacity(kept.len());
            for (c, t) in kept {
                row.push(' ');
                let start = row.len();
                row.push_str(t);
                // A blank cell is drawn too: its span is empty, its box the cell's.
                drawn.push(Drawn {
                    at: start..row.len(),
                    rect: [
                        table.xs[c.c0],
                        table.ys[c.r0],
                        table.xs[c.c1 + 1],
                        table.ys[c.r1 + 1],
                    ],
                });
                row.push_str(" |");
            }
            out.push((row, drawn));
        }
    }
    out
}

/// A page as text: ruled tables as rows of `|`-separated cells, the rest line by line with
/// columns of spaces, top to bottom.
pub fn page_text(page: &Page) -> String {
    page_layout(page).0
}

/// [`page_text`], with where each stretch of it was drawn: each cell of a ruled table (its
/// box the cell's, a blank cell's stretch empty) and each run of glyphs of a line (a word, a
/// number), in the order of the text.
pub fn page_layout(page: &Page) -> (String, Vec<Drawn>) {
    page_layout_carrying(page, &mut None)
}

/// [`page_layout`] for a page of a document: `carry` holds the columns of the unruled table
/// the page before ended with, and then those of the one this page ends with.
pub(crate) fn page_layout_carrying(
    page: &Page,
    carry: &mut Option<crate::stream::Carry>,
) -> (String, Vec<Drawn>) {
    let tables = tables(&page.rules);
    let mut per_table: Vec<Vec<Vec<&Glyph>>> = tables
        .iter()
        .map(|t| vec![Vec::new(); t.cells.len()])
        .collect();
    let mut free: Vec<&Glyph> = Vec::new();
    for g in &page.glyphs {
        let (x, y) = g.centre();
        let placed = tables
            .iter()
            .enumerate()
            .find(|(_, t)| t.contains(x, y))
            .and_then(|(i, t)| Some((i, t.cell_at(x, y)?)));
        match placed {
            Some((t, c)) => per_table[t][c].push(g),
            None => free.push(g),
        }
    }
    // A column is half the usual glyph size (a digit's width).
    let mut sizes: Vec<f64> = page.glyphs.iter().map(|g| g.size).collect();
    sizes.sort_by(f64::total_cmp);
    let unit = sizes.get(sizes.len() / 2).copied().unwrap_or(10.0).max(1.0) / 2.0;
    let left = free.iter().map(|g| g.x0).fold(f64::MAX, f64::min);
    let mut pieces = crate::stream::unruled_tables(lines(free), left, unit, carry);
    for (table, glyphs) in tables.iter().zip(per_table) {
        if glyphs.iter().all(Vec::is_empty) {
            continue;
        }
        let texts: Vec<String> = glyphs.into_iter().map(cell_text).collect();
        pieces.push((table.ys[0], Piece::Table(table_rows(table, &texts))));
    }
    pieces.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut text = String::new();
    let mut drawn = Vec::new();
    let mut put = |text: &mut String, line: &str, stretches: Vec<Drawn>| {
        let at = text.len();
        text.push_str(line);
        text.push('\n');
        drawn.extend(stretches.into_iter().map(|d| Drawn {
            at: at + d.at.start..at + d.at.end,
            rect: d.rect,
        }));
    };
    for (_, piece) in pieces {
        match piece {
            Piece::Line(l, runs) => put(&mut text, l.trim_end(), runs),
            Piece::Table(rows) => {
                for (r, cells) in rows {
                    put(&mut text, &r, cells);
                }
            }
        }
    }
    (text, drawn)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(text: &str, x: f64, baseline: f64) -> Glyph {
        Glyph {
            text: text.to_owned(),
            x0: x,
            x1: x + 10.0,
            baseline,
            size: 10.0,
        }
    }

    /// Glyphs of `text` set from `x`, each 10 points wide, `gap` points apart.
    fn spaced_word(text: &str, x: f64, gap: f64) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| {
                #[allow(clippy::cast_precision_loss)]
                let at = x + i as f64 * (10.0 + gap);
                glyph(&c.to_string(), at, 50.0)
            })
            .collect()
    }

    #[test]
    fn a_gap_wider_than_the_lines_usual_one_parts_two_words() {
        use crate::words::line_text;
        // Header cells set 3 points apart, their characters abutting: two cells.
        let mut line = spaced_word("本年新制作数量", 0.0, 0.0);
        line.extend(spaced_word("本年新公开数量", 73.0, 0.0));
        let refs: Vec<&Glyph> = line.iter().collect();
        let (text, runs) = line_text(&refs, 0.0, 5.0);
        assert_eq!(text.trim_start(), "本年新制作数量  本年新公开数量");
        assert_eq!(runs.len(), 2);
        // A line set justified, every two characters 3 points apart: one word.
        let line = spaced_word("本年新制作数量", 0.0, 3.0);
        let refs: Vec<&Glyph> = line.iter().collect();
        assert_eq!(line_text(&refs, 0.0, 5.0).0.trim_start(), "本年新制作数量");
    }

    fn h(y: f64, x0: f64, x1: f64) -> Rule {
        Rule {
            x0,
            y0: y,
            x1,
            y1: y,
        }
    }

    fn v(x: f64, y0: f64, y1: f64) -> Rule {
        Rule {
            x0: x,
            y0,
            x1: x,
            y1,
        }
    }

    /// A 2 × 3 grid whose first column's two cells are merged (no line between them), a blank
    /// cell, and a label wrapped over two lines.
    #[test]
    fn ruled_grid_gives_the_cells_of_each_row() {
        let rules = vec![
            h(0.0, 0.0, 300.0),
            h(20.0, 100.0, 300.0),
            h(40.0, 0.0, 300.0),
            v(0.0, 0.0, 40.0),
            v(100.0, 0.0, 40.0),
            v(200.0, 0.0, 40.0),
            v(300.0, 0.0, 40.0),
        ];
        let glyphs = vec![
            glyph("申", 10.0, 18.0),
            glyph("请", 20.0, 18.0),
            glyph("人", 10.0, 30.0),
            glyph("1", 110.0, 15.0),
            glyph("2", 210.0, 15.0),
            glyph("3", 110.0, 35.0),
        ];
        let page = Page {
            width: 300.0,
            height: 40.0,
            glyphs,
            rules,
        };
        assert_eq!(page_text(&page), "| 申请人 | 1 | 2 |\n| 3 |  |\n");
    }

    #[test]
    fn numbers_set_close_together_stay_apart() {
        // Digits of one number abut; two numbers of an unruled table's neighbouring cells are
        // parted by a gap smaller than a space (2 pt at 10 pt), letters by one as small stay one
        // word. Each run of glyphs is drawn where its glyphs are.
        let mut glyphs: Vec<Glyph> = [("7", 0.0), ("9", 10.0), ("6", 20.0)]
            .iter()
            .map(|(d, x)| glyph(d, *x, 10.0))
            .collect();
        glyphs.extend([glyph("4", 32.0, 10.0), glyph("3", 42.0, 10.0)]);
        glyphs.extend([glyph("a", 60.0, 10.0), glyph("b", 72.0, 10.0)]);
        let page = Page {
            width: 200.0,
            height: 20.0,
            glyphs,
            rules: Vec::new(),
        };
        let (text, drawn) = page_layout(&page);
        let words: Vec<&str> = text.split_whitespace().collect();
        assert_eq!(words, ["796", "43", "ab"]);
        let runs: Vec<(&str, f64)> = drawn
            .iter()
            .map(|d| (&text[d.at.clone()], d.rect[0]))
            .collect();
        assert_eq!(runs, [("796", 0.0), ("43", 32.0), ("ab", 60.0)]);
    }

    /// Glyphs of `text` from `x` on, each 10 pt wide, on the line at `baseline`.
    fn word(text: &str, x: f64, baseline: f64) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| {
                glyph(
                    &c.to_string(),
                    x + 10.0 * f64::from(u8::try_from(i).unwrap()),
                    baseline,
                )
            })
            .collect()
    }

    /// A page of words: `(text, x, baseline)`.
    fn words(placed: &[(&str, f64, f64)]) -> Page {
        Page {
            width: 400.0,
            height: 200.0,
            glyphs: placed
                .iter()
                .flat_map(|(t, x, b)| word(t, *x, *b))
                .collect(),
            rules: Vec::new(),
        }
    }

    #[test]
    fn unruled_tables_under_a_header_become_rows_of_cells() {
        let page = words(&[
            ("甲", 100.0, 10.0),
            ("乙", 150.0, 10.0),
            ("丙", 200.0, 10.0),
            ("收到", 0.0, 30.0),
            ("12", 100.0, 30.0),
            ("3", 150.0, 30.0),
            ("15", 200.0, 30.0),
            ("结转", 0.0, 50.0),
            ("4", 100.0, 50.0),
            ("4", 200.0, 50.0),
            ("办结", 0.0, 70.0),
            ("7", 100.0, 70.0),
            ("1", 150.0, 70.0),
            ("8", 200.0, 70.0),
        ]);
        let (text, drawn) = page_layout(&page);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines,
            [
                "| 甲 | 乙 | 丙 |",
                "| 收到 | 12 | 3 | 15 |",
                "| 结转 | 4 |  | 4 |",
                "| 办结 | 7 | 1 | 8 |"
            ]
        );
        // The blank cell is drawn where its column stands.
        let blank = drawn.iter().find(|d| d.at.is_empty()).unwrap();
        assert_eq!((blank.rect[0], blank.rect[2]), (150.0, 160.0));
    }

    #[test]
    fn unruled_tables_take_blank_columns_from_the_header_and_need_one() {
        // The header names a column (乙) under which no line has a number: a column blank
        // throughout, a blank cell in every row.
        let sparse = words(&[
            ("甲", 100.0, 10.0),
            ("乙", 150.0, 10.0),
            ("丙", 200.0, 10.0),
            ("收到", 0.0, 30.0),
            ("12", 100.0, 30.0),
            ("12", 200.0, 30.0),
            ("结转", 0.0, 50.0),
            ("4", 100.0, 50.0),
            ("4", 200.0, 50.0),
            ("办结", 0.0, 70.0),
            ("7", 100.0, 70.0),
            ("7", 200.0, 70.0),
        ]);
        let text = page_text(&sparse);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines,
            [
                "| 甲 | 乙 | 丙 |",
                "| 收到 | 12 |  | 12 |",
                "| 结转 | 4 |  | 4 |",
                "| 办结 | 7 |  | 7 |"
            ]
        );
        // Without a header (a table going on from the page before) neither.
        let headless = words(&[
            ("收到", 0.0, 30.0),
            ("12", 100.0, 30.0),
            ("3", 150.0, 30.0),
            ("结转", 0.0, 50.0),
            ("4", 100.0, 50.0),
            ("4", 150.0, 50.0),
            ("办结", 0.0, 70.0),
            ("7", 100.0, 70.0),
            ("1", 150.0, 70.0),
        ]);
        assert!(!page_text(&headless).contains('|'));
    }

    #[test]
    fn lines_outside_tables_keep_their_columns() {
        let glyphs = vec![
            glyph("a", 0.0, 10.0),
            glyph("1", 100.0, 10.0),
            glyph("b", 0.0, 30.0),
            glyph("2", 100.0, 30.0),
        ];
        let page = Page {
            width: 200.0,
            height: 40.0,
            glyphs,
            rules: Vec::new(),
        };
        let text = page_text(&page);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].find('1'), lines[1].find('2'));
        assert!(lines[0].starts_with('a') && lines[0].contains("  "));
    }
}
