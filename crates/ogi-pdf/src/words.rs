//! Glyphs → words and lines of text: which glyphs make a line, where a gap parts two words,
//! each glyph after a gap placed at the column its position gives, and the pieces a page is
//! written as. Shared by the ruled-table writer (`crate::render`) and the unruled-table reader
//! (`crate::stream`).

use crate::glyphs::Glyph;

/// Whether a cell's text is a number alone (`26`, `7545.5`, `-3`).
pub(crate) fn is_number(text: &str) -> bool {
    let body = text.strip_prefix('-').unwrap_or(text);
    !body.is_empty()
        && body
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
        && body.bytes().next().is_some_and(|b| b.is_ascii_digit())
}

/// A stretch of a page's text and the box it was drawn in: `[x0, top, x1, bottom]` in points
/// from the page's top left.
#[derive(Clone, Debug, PartialEq)]
pub struct Drawn {
    /// Byte range in the text it belongs to (a row, a line, then the page).
    pub at: std::ops::Range<usize>,
    /// The box.
    pub rect: [f64; 4],
}

/// Glyphs grouped into lines: those whose baselines are within a third of their size, each
/// line left to right.
pub(crate) fn lines(mut glyphs: Vec<&Glyph>) -> Vec<Vec<&Glyph>> {
    glyphs.sort_by(|a, b| a.baseline.total_cmp(&b.baseline));
    let mut out: Vec<Vec<&Glyph>> = Vec::new();
    for g in glyphs {
        match out.last_mut() {
            Some(line)
                if line.last().is_some_and(|l| {
                    (g.baseline - l.baseline).abs() <= 0.35 * l.size.max(g.size)
                }) =>
            {
                line.push(g);
            }
            _ => out.push(vec![g]),
        }
    }
    for line in &mut out {
        line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    }
    out
}

/// A cell's text: its lines joined, a space only where a gap parts two glyphs of a line.
pub(crate) fn cell_text(glyphs: Vec<&Glyph>) -> String {
    let mut out = String::new();
    for line in lines(glyphs) {
        let mut end: Option<f64> = None;
        let mut spaced = false;
        for g in line {
            if g.is_space() {
                spaced = true;
                continue;
            }
            // A space only between two ASCII letters or digits that a gap or a space parts
            // (`26 0`): Chinese text wrapped or spread across a narrow cell is one word.
            let ascii = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
            if (spaced || end.is_some_and(|e| g.x0 - e > 0.3 * g.size))
                && ascii(out.chars().last())
                && ascii(g.text.chars().next())
            {
                out.push(' ');
            }
            spaced = false;
            out.push_str(&g.text);
            end = Some(g.x1);
        }
    }
    out.replace('|', "｜").trim().to_owned()
}

/// The usual gap between two characters of a line: the median of the gaps between
/// neighbouring glyphs (0 where they abut; a justified line's letter spacing).
fn typical_gap(line: &[&Glyph]) -> f64 {
    let mut gaps: Vec<f64> = line
        .windows(2)
        .filter(|w| !w[0].is_space() && !w[1].is_space())
        .map(|w| w[1].x0 - w[0].x1)
        .collect();
    if gaps.is_empty() {
        return 0.0;
    }
    let mid = gaps.len() / 2;
    let (_, median, _) = gaps.select_nth_unstable_by(mid, f64::total_cmp);
    *median
}

/// A line outside tables: each glyph after a gap placed at the column its position gives
/// (`unit` points a column), so that columns of numbers line up from line to line.
pub(crate) fn line_text(line: &[&Glyph], left: f64, unit: f64) -> (String, Vec<Drawn>) {
    let mut out = String::new();
    let mut runs: Vec<Drawn> = Vec::new();
    let mut width = 0usize;
    let mut end: Option<f64> = None;
    let mut spaced = false;
    let typical = typical_gap(line);
    for g in line {
        if g.is_space() {
            spaced = true;
            continue;
        }
        let gap = end.map_or(f64::MAX, |e| g.x0 - e);
        // Digits of one number are set without a gap; between two digits a small one parts two
        // numbers (cells of an unruled table set close together).
        let digits = out.ends_with(|c: char| c.is_ascii_digit())
            && g.text.starts_with(|c: char| c.is_ascii_digit());
        // Elsewhere, with no space glyph between, a gap wider than the line's usual one by a
        // tenth of the size parts two words: header cells of an unruled table set 3 points
        // apart (`本年新制作数量` / `本年新公开数量`), where the characters of a word abut, or
        // stand as far apart as every two characters of a line set justified.
        let parted = gap > 0.3 * g.size
            || (digits && gap > 0.12 * g.size)
            || (!spaced && gap > 0.12 * g.size && gap > typical + 0.1 * g.size);
        if !parted && spaced && end.is_some() {
            // A space glyph narrower than a gap: one space.
            out.push(' ');
            width += 1;
        } else if parted {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let column = ((g.x0 - left) / unit).round().max(0.0) as usize;
            // Two spaces at least: a gap in the print is a cell's edge, as in text laid out in
            // columns of spaces, where one space stays inside a cell.
            let pad = if end.is_some() {
                column.saturating_sub(width).max(2)
            } else {
                column.min(400)
            };
            out.extend(std::iter::repeat_n(' ', pad));
            width += pad;
            // A gap starts a run: a word, a number of a column.
            runs.push(Drawn {
                at: out.len()..out.len(),
                rect: [g.x0, g.top(), g.x1, g.bottom()],
            });
        }
        spaced = false;
        if let Some(run) = runs.last_mut() {
            run.rect = [
                run.rect[0].min(g.x0),
                run.rect[1].min(g.top()),
                run.rect[2].max(g.x1),
                run.rect[3].max(g.bottom()),
            ];
        }
        out.push_str(&g.text);
        if let Some(run) = runs.last_mut() {
            run.at.end = out.len();
        }
        width += g
            .text
            .chars()
            .map(|c| if c.is_ascii() { 1 } else { 2 })
            .sum::<usize>();
        end = Some(g.x1);
    }
    (out, runs)
}

/// A table row as written, with where its cells were drawn.
pub(crate) type Row = (String, Vec<Drawn>);

/// What a page is written as: lines of text and table rows, each at the height it stands.
pub(crate) enum Piece {
    /// A line of text, with where its runs were drawn.
    Line(String, Vec<Drawn>),
    /// Rows of a table.
    Table(Vec<(String, Vec<Drawn>)>),
}
