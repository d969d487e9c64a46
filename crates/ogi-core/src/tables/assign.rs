//! A row's values → the table's columns, by the evidence the layout stage found.
//!
//! In order: **positions** — where cells stand under their header ([`Places`]: grid columns of
//! an aligned grid, character columns of a column table), a column with no value is blank;
//! then **delimited cells in order** — every cell is there, blanks too, so the row's values are
//! its columns one by one; and only then **counts under the identities** ([`solve`]): when the
//! text lost blank cells, boundaries between digits or repeated cells, every reading the row's
//! identities accept is listed, one is taken only when it is the only one, several wait for the
//! identities across rows, and a row with none is left out with a diagnostic. Never a shifted
//! value.

use super::solve::{self, Blanks, Damage, Reading, Rules, Slot, Solved};
use super::{Ctx, Piece, Row};
use crate::layout::{Boundaries, MAX_PAGE_SHIFT, adrift, adrift_page};
use crate::numeral;
use crate::text::Text;
use ogi_model::{Cell, CellValue, Code, Decimal, Severity, TableName};
use std::ops::Range;

/// Where the columns of a table (or of a block of one) stand across its rows, as far as the
/// header and the rows printing every column tell.
#[derive(Clone, Debug, Default)]
pub(crate) struct Places {
    bands: Vec<Option<Range<u32>>>,
}

impl Places {
    /// Nothing known of `n` columns.
    pub(crate) fn unknown(n: usize) -> Self {
        Self {
            bands: vec![None; n],
        }
    }

    /// The columns' places from header cells: `(column, where the cell naming it stands)`.
    pub(crate) fn from_header(
        n: usize,
        cells: impl IntoIterator<Item = (usize, Range<u32>)>,
    ) -> Self {
        let mut places = Self::unknown(n);
        for (c, at) in cells {
            if let Some(band) = places.bands.get_mut(c) {
                *band = Some(match band.take() {
                    Some(b) => b.start.min(at.start)..b.end.max(at.end),
                    None => at,
                });
            }
        }
        places
    }

    /// Widens the places with rows that print a value in every column (whose positions are
    /// known): the values' positions, column by column. Once every column's place is known, a
    /// row whose values do not each stand in their own column's place (values pushed aside by a
    /// long label) teaches nothing.
    pub(crate) fn learn<'r>(&mut self, rows: impl IntoIterator<Item = &'r Row>) {
        let n = self.bands.len();
        for row in rows {
            if !row.evidence.placed()
                || row.values.len() != n
                || row.values.iter().any(|v| adrift(&v.at).is_some())
            {
                continue;
            }
            let in_place = || {
                let identity: Vec<Option<usize>> = (0..n).map(Some).collect();
                self.assign(&row.values, false, &|_| false) == Some(identity)
            };
            if self.complete() && !in_place() {
                continue;
            }
            for (band, v) in self.bands.iter_mut().zip(&row.values) {
                *band = Some(match band.take() {
                    Some(b) => b.start.min(v.at.start)..b.end.max(v.at.end),
                    None => v.at.clone(),
                });
            }
        }
    }

    /// Widens the places with the columns of values the rows print, where no row prints a value
    /// in every column (a column blank all the way down): values standing in one column end at
    /// one place (numbers right-aligned), so the rows' value ends gather into columns; when
    /// those columns fall one to one, in order, on the header's places (each on the one it
    /// overlaps most, else the nearest),
    /// each place takes in its column of values, and a place no column fell on stays as the
    /// header put it.
    pub(crate) fn learn_columns<'r>(&mut self, rows: impl IntoIterator<Item = &'r Row>) {
        if !self.complete() {
            return;
        }
        let mut ends: Vec<Range<u32>> = Vec::new();
        for row in rows {
            if row.evidence.boundaries != Boundaries::Positioned {
                return;
            }
            // Values standing nowhere the text tells teach nothing of the columns.
            for v in row.values.iter().filter(|v| adrift(&v.at).is_none()) {
                match ends.iter_mut().find(|c| c.end.abs_diff(v.at.end) <= 1) {
                    Some(c) => c.start = c.start.min(v.at.start),
                    None => ends.push(v.at.clone()),
                }
            }
        }
        ends.sort_by_key(|c| c.end);
        let bands: Vec<Range<u32>> = self.bands.iter().flatten().cloned().collect();
        if ends.is_empty() || ends.len() > bands.len() {
            return;
        }
        let gap = |b: &Range<u32>, c: &Range<u32>| {
            if c.end <= b.start {
                b.start - c.end
            } else {
                c.start.saturating_sub(b.end)
            }
        };
        // A column of values overlapping places goes to the one it overlaps most (numbers
        // right-aligned to the next header word, `  4` ending where `商业企` starts, overlap
        // their own); else to the nearest.
        let overlap =
            |b: &Range<u32>, c: &Range<u32>| c.end.min(b.end).saturating_sub(c.start.max(b.start));
        let nearest: Option<Vec<usize>> = ends
            .iter()
            .map(|c| {
                let key = |b: usize| (std::cmp::Reverse(overlap(&bands[b], c)), gap(&bands[b], c));
                let best = (0..bands.len()).min_by_key(|b| key(*b))?;
                let ties = (0..bands.len()).filter(|b| key(*b) == key(best)).count();
                (ties == 1).then_some(best)
            })
            .collect();
        let Some(nearest) = nearest else { return };
        if !nearest.windows(2).all(|w| w[0] < w[1]) {
            return;
        }
        let mut widened = self.clone();
        for (c, b) in ends.iter().zip(nearest) {
            if let Some(Some(band)) = widened.bands.get_mut(b) {
                *band = band.start.min(c.start)..band.end.max(c.end);
            }
        }
        if widened.complete() {
            *self = widened;
        }
    }

    /// Whether every column's place is known, and the places follow one another without
    /// overlapping.
    pub(crate) fn complete(&self) -> bool {
        !self.bands.is_empty()
            && self.bands.iter().all(Option::is_some)
            && self
                .bands
                .windows(2)
                .all(|w| matches!(w, [Some(a), Some(b)] if a.end <= b.start))
    }

    /// The column each value stands in: for each column, the index of its value, or `None`
    /// for a column no value stands in. `None` when a value stands in no column or in one
    /// another value took, or the values' order is not the columns'. With `exact` places (grid
    /// columns), a value stands in a column it overlaps, and a blank standing in none is
    /// padding; else (characters) a value beside a column, nearer it than any other, stands in
    /// it.
    fn assign(
        &self,
        values: &[Piece],
        exact: bool,
        blank: &dyn Fn(usize) -> bool,
    ) -> Option<Vec<Option<usize>>> {
        if !self.complete() {
            return None;
        }
        let bands: Vec<&Range<u32>> = self.bands.iter().flatten().collect();
        let mut out = vec![None; bands.len()];
        let mut last: Option<usize> = None;
        for (i, v) in values.iter().enumerate() {
            if adrift(&v.at).is_some() {
                return None;
            }
            let overlap =
                |b: &Range<u32>| v.at.end.min(b.end).saturating_sub(v.at.start.max(b.start));
            let gap = |b: &Range<u32>| {
                if v.at.end <= b.start {
                    b.start - v.at.end
                } else {
                    v.at.start.saturating_sub(b.end)
                }
            };
            // The band it overlaps most; else the nearest, if no other is as near.
            let best = (0..bands.len()).max_by_key(|c| overlap(bands[*c]))?;
            if exact && overlap(bands[best]) == 0 {
                if blank(i) {
                    continue;
                }
                return None;
            }
            let column = if overlap(bands[best]) > 0 {
                let tie = (0..bands.len())
                    .filter(|c| overlap(bands[*c]) == overlap(bands[best]))
                    .count();
                (tie == 1).then_some(best)?
            } else {
                let nearest = (0..bands.len()).min_by_key(|c| gap(bands[*c]))?;
                let tie = (0..bands.len())
                    .filter(|c| gap(bands[*c]) == gap(bands[nearest]))
                    .count();
                // A value far from every column stands in none.
                let width = bands[nearest].end - bands[nearest].start;
                (tie == 1 && gap(bands[nearest]) <= width.max(2)).then_some(nearest)?
            };
            if out[column].is_some() || last.is_some_and(|l| l >= column) {
                return None;
            }
            out[column] = Some(i);
            last = Some(column);
        }
        Some(out)
    }
}

/// What a row's cells should be: how many, where they stand, and which readings its
/// identities accept (values by column; a blank as 0, a marker as `None`).
pub(crate) struct Expect<'a> {
    /// The table, for what is left out.
    pub(crate) table: TableName,
    /// The row's key, for messages.
    pub(crate) key: &'a str,
    /// How many cells.
    pub(crate) n: usize,
    /// The width of the groups of cells, left to right, that the identities each stay within
    /// (table 四's three blocks of five); `n` where an identity may reach across the row.
    pub(crate) blocks: usize,
    /// Where they stand.
    pub(crate) places: &'a Places,
    /// What a reading keeps: the row's identities and signs.
    pub(crate) rules: &'a Rules<'a>,
    /// The moves of the table's pages adrift ([`Pages::survey`]; [`NO_PAGES`] where the reader
    /// surveyed none).
    pub(crate) pages: &'a Pages,
}

/// A row's value cells, read.
pub(crate) enum RowRead {
    /// One cell per column.
    Cells(Vec<Cell>),
    /// Several readings that the row alone cannot tell apart, for identities across rows to
    /// decide.
    Alternatives(Vec<Reading>),
    /// Not readable (already reported).
    Failed,
}

/// The damage a row's text may have suffered, from its evidence: where the text has no mark
/// for a blank cell (one cell per line without empty lines, digits run together), a blank may
/// have vanished from any row, and a reading is taken only when it is the only one with blanks
/// allowed.
fn damage(row: &Row) -> Damage {
    let e = row.evidence;
    let blanks = match e.boundaries {
        // A line that repeats no other stands for a run of equal cells; blanks are taken to
        // have left their line (the crawler keeps a cell's text, or drops a repeated one).
        Boundaries::Sequence if e.collapsed => Blanks::None,
        Boundaries::Sequence if e.blanks_lost => Blanks::Anywhere,
        Boundaries::Sequence => Blanks::None,
        // Positions unknown: a gap may be anywhere.
        Boundaries::Positioned => Blanks::Anywhere,
        // Every cell delimited: a row shorter than its columns is cut, not blank.
        Boundaries::Separated { .. } => Blanks::None,
    };
    Damage {
        blanks,
        glued: e.glued,
        collapsed: e.collapsed,
    }
}

/// The value cells of a row with blank cells past the `n`th dropped: a trailing separator, a
/// trailing tab or markdown padding can leave blank cells past the last column.
fn trimmed(ctx: &Ctx<'_>, values: &[Piece], n: usize) -> usize {
    let mut len = values.len();
    while len > n
        && ctx
            .text
            .get(values[len - 1].range.clone())
            .trim()
            .is_empty()
    {
        len -= 1;
    }
    len
}

/// Reads a row's value cells into `expect.n` cells (see the module documentation).
pub(crate) fn read_row(ctx: &mut Ctx<'_>, row: &Row, expect: &Expect<'_>) -> RowRead {
    let n = expect.n;
    // By position under the header. Where cells are delimited, every column has its cell (a
    // blank one is an empty cell); a column no cell stands in is missing, not blank.
    if row.evidence.placed() {
        let delimited = matches!(row.evidence.boundaries, Boundaries::Separated { .. });
        let blank = |i: usize| ctx.text.get(row.values[i].range.clone()).trim().is_empty();
        let placed = expect
            .places
            .assign(&row.values, delimited, &blank)
            .filter(|columns| !delimited || columns.iter().all(Option::is_some));
        if let Some(columns) = placed {
            let mut cells = Vec::with_capacity(n);
            let mut at = row.values.first().map_or(row.range.end, |v| v.range.start);
            for slot in columns {
                match slot {
                    Some(i) => {
                        let v = &row.values[i];
                        at = v.range.end;
                        let Some(c) = ctx.cell(v.range.clone()) else {
                            ctx.leave_out(expect.table, expect.key, Code::CellUnreadable);
                            return RowRead::Failed;
                        };
                        cells.push(c);
                    }
                    None => cells.push(Cell::blank(ctx.span(at..at))),
                }
            }
            return RowRead::Cells(cells);
        }
    }
    let len = trimmed(ctx, &row.values, n);
    let values = &row.values[..len];
    // Every cell delimited, or one piece per cell: in order.
    if values.len() == n {
        let direct: Option<Vec<Cell>> = values
            .iter()
            .map(|v| {
                numeral::cell(ctx.text.get(v.range.clone()))
                    .map(|c| ctx.cell_from(v.range.start, &c))
            })
            .collect();
        if let Some(cells) = direct {
            return RowRead::Cells(cells);
        }
    }
    if let Some(read) = read_adrift(ctx, row, expect) {
        return read;
    }
    let damage = damage(row);
    let ranges: Vec<Range<usize>> = values.iter().map(|v| v.range.clone()).collect();
    if !damage.any() || (values.len() > n && !damage.glued) {
        return cell_count(ctx, row, expect, values.len());
    }
    match solve::solve(
        &ctx.text.text,
        &ranges,
        n,
        damage,
        expect.rules,
        expect.blocks,
    ) {
        Solved::Unique(reading) => {
            let Some(cells) = cells_of(ctx, &reading) else {
                ctx.leave_out(expect.table, expect.key, Code::CellUnreadable);
                return RowRead::Failed;
            };
            if reading.expanded || reading.slots.iter().any(|s| matches!(s, Slot::Blank(_))) {
                ctx.report(
                    Code::CellInferred,
                    Severity::Info,
                    format!(
                        "row `{}`: `{}` read as {n} cells, the only reading its identities allow{}",
                        expect.key,
                        row_digits(ctx, values),
                        inferred(&reading)
                    ),
                    row.range.clone(),
                );
            }
            RowRead::Cells(cells)
        }
        Solved::Ambiguous(alternatives) if !alternatives.is_empty() => {
            RowRead::Alternatives(alternatives)
        }
        Solved::Ambiguous(_) => {
            report_ambiguous(ctx, row, expect, None);
            RowRead::Failed
        }
        Solved::Impossible => cell_count(ctx, row, expect, values.len()),
    }
}

/// The pages of a table whose numbers stand [adrift](crate::layout::ADRIFT), each with the
/// moves its rows allow. A page laid out anew moves as one: every row of it is read under one
/// move, one that all its rows allow together (their identities kept, their values each in a
/// column of its own), never each row under a move of its own — rows read alone would take,
/// of moves a column apart, each the one its identities happen to keep.
#[derive(Debug, Default)]
pub(crate) struct Pages {
    pages: Vec<Page>,
}

/// No page surveyed: a row adrift is read as a page of its own.
pub(crate) static NO_PAGES: Pages = Pages { pages: Vec::new() };

/// A page adrift: its name ([`adrift_page`]) and the moves its rows allow.
#[derive(Debug)]
struct Page {
    name: u32,
    /// The moves its rows allow (within [`MAX_PAGE_SHIFT`]), grouped by where they put its
    /// values: under the moves of one group every row of the page reads alike. Empty where no
    /// move fits all its rows: its numbers stand nowhere the text tells.
    groups: Vec<Vec<i64>>,
}

/// A row whose values stand adrift, read under each move of its page.
struct Surveyed {
    /// The page it stands on.
    page: u32,
    /// By move (from `-MAX_PAGE_SHIFT` on): the value standing in each column, when every value
    /// stands in a column of its own.
    columns: Vec<Option<Placed>>,
    /// By move: whether the values so placed keep the row's identities and signs.
    holds: Vec<bool>,
}

/// The moves of a page tried, from `-MAX_PAGE_SHIFT` to `MAX_PAGE_SHIFT`.
fn page_moves() -> std::ops::RangeInclusive<i64> {
    -i64::from(MAX_PAGE_SHIFT)..=i64::from(MAX_PAGE_SHIFT)
}

impl Pages {
    /// Surveys the rows of a table (each with where its columns stand and what its readings
    /// keep): for each page adrift, the moves all its rows allow. A row that keeps its
    /// identities under some move keeps them under its page's; then, where some move puts every
    /// value of every row in a column of its own, the page's move is one of those.
    pub(crate) fn survey<'r, 'e: 'r>(
        text: &Text,
        rows: impl IntoIterator<Item = (&'r Row, &'r Places, &'r Rules<'e>)>,
    ) -> Self {
        let surveyed: Vec<Surveyed> = rows
            .into_iter()
            .filter_map(|(row, places, rules)| survey_row(text, row, places, rules))
            .collect();
        let mut names: Vec<u32> = surveyed.iter().map(|s| s.page).collect();
        names.sort_unstable();
        names.dedup();
        let pages = names
            .into_iter()
            .map(|name| {
                let rows: Vec<&Surveyed> = surveyed.iter().filter(|s| s.page == name).collect();
                Page {
                    name,
                    groups: allowed_moves(&rows),
                }
            })
            .collect();
        Self { pages }
    }

    /// The groups of moves page `name` allows, if it was surveyed.
    fn groups(&self, name: u32) -> Option<&[Vec<i64>]> {
        self.pages
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.groups.as_slice())
    }
}

/// The values of a row whose values all stand adrift on one page.
struct Adrift {
    /// The page.
    page: u32,
    /// Each value's place on the page.
    at: Vec<Range<u32>>,
    /// Each value as read: a blank as 0, a marker as `None`.
    values: Vec<Option<Decimal>>,
}

/// The values of `row` if they all stand adrift on one page; `None` for a row in its place, or
/// with a value unreadable.
fn adrift_values(text: &Text, row: &Row) -> Option<Adrift> {
    let page = adrift_page(&row.values.first()?.at)?;
    let mut at = Vec::with_capacity(row.values.len());
    let mut values = Vec::with_capacity(row.values.len());
    for v in &row.values {
        if adrift_page(&v.at) != Some(page) {
            return None;
        }
        at.push(adrift(&v.at)?);
        values.push(match numeral::cell(text.get(v.range.clone()))?.value {
            CellValue::Number(q) => Some(q.value),
            CellValue::Blank => Some(Decimal::ZERO),
            CellValue::Marker { .. } => None,
        });
    }
    Some(Adrift { page, at, values })
}

/// For each column, the index of the value standing in it (see [`Places::assign`]).
type Placed = Vec<Option<usize>>;

/// The columns each value of `row` stands in (see [`Places::assign`]), its values standing at
/// `at` on their page and the page moved `d` characters left.
fn columns_moved(row: &Row, at: &[Range<u32>], places: &Places, d: i64) -> Option<Placed> {
    let by = |x: u32| u32::try_from(i64::from(x) - d).unwrap_or(0);
    let moved: Vec<Piece> = row
        .values
        .iter()
        .zip(at)
        .map(|(v, at)| Piece {
            range: v.range.clone(),
            at: by(at.start)..by(at.end),
        })
        .collect();
    places.assign(&moved, false, &|_| false)
}

/// The values of a row by column, as `columns` places them (a column no value stands in as 0).
fn by_column(columns: &[Option<usize>], values: &[Option<Decimal>]) -> Vec<Option<Decimal>> {
    columns
        .iter()
        .map(|slot| slot.map_or(Some(Decimal::ZERO), |i| values.get(i).copied().flatten()))
        .collect()
}

/// A row adrift read under every move of its page; `None` for a row in its place.
fn survey_row(text: &Text, row: &Row, places: &Places, rules: &Rules<'_>) -> Option<Surveyed> {
    let Adrift { page, at, values } = adrift_values(text, row)?;
    let columns: Vec<Option<Placed>> = page_moves()
        .map(|d| columns_moved(row, &at, places, d))
        .collect();
    let holds = columns
        .iter()
        .map(|c| {
            c.as_ref()
                .is_some_and(|c| rules.hold(&by_column(c, &values)))
        })
        .collect();
    Some(Surveyed {
        page,
        columns,
        holds,
    })
}

/// The moves the rows of one page allow together, grouped by where they put the rows' values
/// (see [`Page::groups`]).
fn allowed_moves(rows: &[&Surveyed]) -> Vec<Vec<i64>> {
    let moves: Vec<i64> = page_moves().collect();
    let mut allowed = vec![true; moves.len()];
    // A row that keeps its identities under some move keeps them under its page's.
    for r in rows.iter().filter(|r| r.holds.contains(&true)) {
        for (a, h) in allowed.iter_mut().zip(&r.holds) {
            *a &= *h;
        }
    }
    if !allowed.contains(&true) {
        return Vec::new();
    }
    // Each value of every row stands in a column of its own, where some allowed move puts them
    // so (a row that fits no column under any move, or not under the same ones, tells nothing).
    let mut placed = allowed.clone();
    for r in rows
        .iter()
        .filter(|r| r.columns.iter().any(Option::is_some))
    {
        for (p, c) in placed.iter_mut().zip(&r.columns) {
            *p &= c.is_some();
        }
    }
    if placed.contains(&true) {
        allowed = placed;
    }
    // By group: where its moves put the values of each row, and the moves.
    let mut groups: Vec<(Vec<Option<&Placed>>, Vec<i64>)> = Vec::new();
    for (k, d) in moves.iter().enumerate().filter(|(k, _)| allowed[*k]) {
        let reading: Vec<Option<&Placed>> = rows.iter().map(|r| r.columns[k].as_ref()).collect();
        match groups.iter_mut().find(|(r, _)| *r == reading) {
            Some((_, ds)) => ds.push(*d),
            None => groups.push((reading, vec![*d])),
        }
    }
    groups.into_iter().map(|(_, ds)| ds).collect()
}

/// Reads a row whose values stand [adrift](crate::layout::ADRIFT): on a page laid out anew,
/// moved from its header by an amount the text does not tell. The page moves as one: the
/// moves its rows allow together ([`Pages`], surveyed by the table's reader; a row of a page
/// not surveyed is a page of its own) each give the row a reading. One reading is taken;
/// where the page's moves read the row differently, one reading per group of moves, tied to
/// the page, for the identities across rows to decide (taking one move for the whole page) or
/// for [`agreed_cells`]. `None` where the values are not adrift, the page's rows allow no
/// move together, or a move allowed places no value of the row: the row is then read by the
/// cells' order.
fn read_adrift(ctx: &mut Ctx<'_>, row: &Row, expect: &Expect<'_>) -> Option<RowRead> {
    let Adrift { page, at, values } = adrift_values(ctx.text, row)?;
    let own;
    let groups = if let Some(groups) = expect.pages.groups(page) {
        groups
    } else {
        let surveyed = survey_row(ctx.text, row, expect.places, expect.rules)?;
        own = allowed_moves(&[&surveyed]);
        own.as_slice()
    };
    let mut readings: Vec<Reading> = Vec::with_capacity(groups.len());
    for d in groups.iter().filter_map(|g| g.first()) {
        let columns = columns_moved(row, &at, expect.places, *d)?;
        let mut at = row.values.first().map_or(row.range.end, |v| v.range.start);
        let slots = columns
            .iter()
            .map(|slot| match slot {
                Some(i) => {
                    let v = &row.values[*i];
                    at = v.range.end;
                    Slot::Cell(v.range.clone())
                }
                None => Slot::Blank(at),
            })
            .collect();
        readings.push(Reading {
            slots,
            values: by_column(&columns, &values),
            expanded: false,
            page: Some(page),
        });
    }
    let first = readings.first()?;
    if readings.iter().any(|r| r.slots != first.slots) {
        return Some(RowRead::Alternatives(readings));
    }
    let Some(cells) = cells_of(ctx, first) else {
        ctx.leave_out(expect.table, expect.key, Code::CellUnreadable);
        return Some(RowRead::Failed);
    };
    ctx.report(
        Code::CellInferred,
        Severity::Info,
        format!(
            "row `{}`: `{}` stands on a page moved from its header by an amount the text does not tell; the moves the page's rows allow together put its values in these columns",
            expect.key,
            row_digits(ctx, &row.values)
        ),
        row.range.clone(),
    );
    Some(RowRead::Cells(cells))
}

/// The cells of a row on a page adrift that every one of its readings (`alternatives`, one per
/// move of the page still possible) reads alike — a cell the moves put different values in is
/// `None`, left out and reported: never the value of one move taken over another's.
pub(crate) fn agreed_cells(
    ctx: &mut Ctx<'_>,
    row: &Row,
    expect: &Expect<'_>,
    alternatives: &[Reading],
) -> Vec<Option<Cell>> {
    let read: Option<Vec<Vec<Cell>>> = alternatives.iter().map(|a| cells_of(ctx, a)).collect();
    let mut out: Vec<Option<Cell>> = vec![None; expect.n];
    if let Some((first, rest)) = read.as_deref().and_then(<[_]>::split_first) {
        for (c, cell) in first.iter().enumerate() {
            if rest
                .iter()
                .all(|r| r.get(c).is_some_and(|o| o.value == cell.value))
                && let Some(slot) = out.get_mut(c)
            {
                *slot = Some(cell.clone());
            }
        }
    }
    let left = out.iter().filter(|c| c.is_none()).count();
    if left > 0 {
        ctx.report(
            Code::CellSplitAmbiguous,
            Severity::Warning,
            format!(
                "row `{}`: `{}` stands on a page moved from its header by an amount the text does not tell, and the moves the page's rows allow put its values in different columns ({} ways): {left} of its {} cells are left out",
                expect.key,
                row_digits(ctx, &row.values),
                alternatives.len(),
                expect.n
            ),
            row.range.clone(),
        );
        ctx.leave_out(expect.table, expect.key, Code::CellSplitAmbiguous);
    }
    out
}

/// What a unique reading assumed, for its diagnostic.
fn inferred(reading: &Reading) -> &'static str {
    let blanks = reading.slots.iter().any(|s| matches!(s, Slot::Blank(_)));
    match (reading.expanded, blanks) {
        (true, true) => " (a line repeated for a run of equal cells, blank cells placed)",
        (true, false) => {
            " (a line stands for a run of equal cells: the text repeats no line; no cell taken to be blank)"
        }
        (false, true) => " (blank cells that left no trace placed)",
        (false, false) => "",
    }
}

/// The cells of a reading.
pub(crate) fn cells_of(ctx: &mut Ctx<'_>, reading: &Reading) -> Option<Vec<Cell>> {
    reading
        .slots
        .iter()
        .map(|slot| match slot {
            Slot::Cell(r) => ctx.cell(r.clone()),
            Slot::Blank(at) => Some(Cell::blank(ctx.span(*at..*at))),
        })
        .collect()
}

/// Reports a row whose cells do not fit its columns, and leaves it out.
fn cell_count(ctx: &mut Ctx<'_>, row: &Row, expect: &Expect<'_>, printed: usize) -> RowRead {
    let n = expect.n;
    let message = if damage(row).any() {
        format!(
            "row `{}`: `{}` reads as no {n} cells that fit the table; its cells are left out",
            expect.key,
            row_digits(ctx, &row.values)
        )
    } else {
        format!(
            "row `{}` has {printed} cells where {n} are expected; its cells are left out",
            expect.key
        )
    };
    ctx.report(
        Code::RowCellCount,
        Severity::Warning,
        message,
        row.range.clone(),
    );
    ctx.leave_out(expect.table, expect.key, Code::RowCellCount);
    RowRead::Failed
}

/// Reports a row that reads several ways, and leaves it out.
pub(crate) fn report_ambiguous(
    ctx: &mut Ctx<'_>,
    row: &Row,
    expect: &Expect<'_>,
    ways: Option<usize>,
) {
    let ways = match ways {
        Some(k) if k <= solve::MAX_KEPT => format!("{k} ways"),
        _ => "many ways".to_owned(),
    };
    let digits = row_digits(ctx, &row.values);
    ctx.report(
        Code::CellSplitAmbiguous,
        Severity::Warning,
        format!(
            "row `{}`: `{digits}` reads as {} cells in {ways}; its cells are left out",
            expect.key, expect.n
        ),
        row.range.clone(),
    );
    ctx.leave_out(expect.table, expect.key, Code::CellSplitAmbiguous);
}

/// A row's value cells as printed, for messages.
pub(crate) fn row_digits(ctx: &Ctx<'_>, values: &[Piece]) -> String {
    values
        .iter()
        .map(|v| {
            let s = ctx.text.get(v.range.clone());
            if s.is_empty() { "_" } else { s }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn piece(at: Range<u32>) -> Piece {
        Piece { range: 0..0, at }
    }

    /// A row of a page surveyed under every move: `placed(d)` where its values stand moved `d`
    /// left, `holds(d)` whether they keep its identities there.
    fn surveyed(placed: impl Fn(i64) -> Option<Placed>, holds: impl Fn(i64) -> bool) -> Surveyed {
        Surveyed {
            page: 1,
            columns: page_moves().map(placed).collect(),
            holds: page_moves().map(holds).collect(),
        }
    }

    /// Two rows of one page: alone, the second keeps its identities one column over as well
    /// (moves 4 to 8 put its value in column 1, moves up to 3 in column 0); the first keeps
    /// them only under moves 1 to 3, and the page moves as one: one group, column 0 for both.
    #[test]
    fn a_page_takes_the_moves_all_its_rows_allow() {
        let column = |d: i64| {
            if d >= 4 {
                vec![None, Some(0)]
            } else {
                vec![Some(0), None]
            }
        };
        let first = surveyed(|d| Some(column(d)), |d| (1..=3).contains(&d));
        let second = surveyed(|d| Some(column(d)), |d| d >= 1);
        assert_eq!(
            allowed_moves(&[&second]),
            [vec![1, 2, 3], vec![4, 5, 6, 7, 8]]
        );
        assert_eq!(allowed_moves(&[&first, &second]), [vec![1, 2, 3]]);
        // A row keeping its identities under no move tells nothing of them; where it stands
        // in no column under some moves, the page is not moved so.
        let broken = surveyed(|d| (d <= 2).then(|| column(d)), |_| false);
        assert_eq!(allowed_moves(&[&first, &broken]), [vec![1, 2]]);
        // Rows that keep their identities under different moves: no move for the page.
        let apart = surveyed(|d| Some(column(d)), |d| d >= 5);
        assert!(allowed_moves(&[&first, &apart]).is_empty());
    }

    #[test]
    fn values_go_to_the_column_they_stand_in() {
        let places = Places::from_header(3, [(0, 10..14), (1, 20..24), (2, 30..36)]);
        // The middle column blank.
        assert_eq!(
            places.assign(&[piece(11..12), piece(33..35)], false, &|_| false),
            Some(vec![Some(0), None, Some(1)])
        );
        // Just outside a band, nearest to one.
        assert_eq!(
            places.assign(&[piece(25..26)], false, &|_| false),
            Some(vec![None, Some(0), None])
        );
        // Two values in one column: positions tell nothing.
        assert_eq!(
            places.assign(&[piece(20..21), piece(22..23)], false, &|_| false),
            None
        );
        // Far from every column.
        assert_eq!(places.assign(&[piece(60..62)], false, &|_| false), None);
        // Grid columns: a blank outside every column is padding, a number there is not.
        let grid = Places::from_header(2, [(0, 3..4), (1, 4..5)]);
        assert_eq!(
            grid.assign(&[piece(1..2), piece(3..4), piece(4..5)], true, &|i| i == 0),
            Some(vec![Some(1), Some(2)])
        );
        assert_eq!(
            grid.assign(&[piece(1..2), piece(3..4)], true, &|_| false),
            None
        );
        // A column whose place is unknown.
        assert_eq!(
            Places::from_header(2, [(0, 1..2)]).assign(&[piece(1..2)], false, &|_| false),
            None
        );
    }
}
