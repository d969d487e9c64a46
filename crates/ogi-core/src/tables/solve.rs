//! Reading a row whose text lost what told its cells apart: counts under the identities.
//!
//! A row of `n` cells arrives as fewer or more pieces than `n` when the text lost something
//! ([`Damage`]): blank cells that left no trace (a crawler that drops empty text nodes),
//! boundaries between digits (`一、本年新收政府信息公开申请数量713000074` holds seven cells), or
//! repeated cells (a crawler that drops a line equal to the one before: `46 0 46` for
//! `46 0 0 0 0 0 46`). [`solve`] lists every way to rebuild the row's `n` cells from its pieces
//! under that damage — every cell a number written without a leading zero (`0` is one, `07` is
//! not), signs and decimal points inside one cell, no two runs the text kept apart joined, a
//! repeated piece standing for a run of equal cells, a blank wherever one may have vanished —
//! that the row's identities accept (`总计` = the applicant columns, with a blank counted as 0).
//! A reading is taken only when exactly one exists; several go to the identities across rows
//! ([`joint`](super::joint)), and otherwise the row is left out: never a shifted value.

use super::joint::RowCheck;
use crate::numeral;
use ogi_model::{CellValue, Decimal};
use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

/// Where blank cells may have vanished.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Blanks {
    /// Nowhere: every cell left a trace.
    None,
    /// Anywhere.
    Anywhere,
}

/// What the text of a row may have lost.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Damage {
    /// Where blank cells may have vanished.
    pub(crate) blanks: Blanks,
    /// Whether a piece may hold several cells' digits run together.
    pub(crate) glued: bool,
    /// Whether a piece may stand for a run of equal cells.
    pub(crate) collapsed: bool,
}

impl Damage {
    /// Whether the damage lets a row read differently from its pieces one by one.
    pub(crate) fn any(self) -> bool {
        self.blanks != Blanks::None || self.glued || self.collapsed
    }
}

/// What a reading of a row must keep: the row's identities, and no negative count.
///
/// The search asks it of every partial reading, so it says when asking can tell something:
/// a count's sign as soon as the cell is read, an identity once the cells it spans are.
pub(crate) struct Rules<'a> {
    /// Whether a row's values (by cell; a blank as 0, a marker or a cell not read yet as
    /// `None`) keep its identities and signs; an identity over a value unknown is not assessed.
    holds: Holds<'a>,
    /// By cell: whether it counts things (is never negative).
    counts: Vec<bool>,
    /// By the number of cells read: whether an identity can first be assessed with them.
    assessable: Vec<bool>,
}

/// How [`Rules`] tell whether a row's values keep them.
#[derive(Clone, Copy)]
enum Holds<'a> {
    /// Any test of the whole row.
    Any(&'a dyn Fn(&[Option<Decimal>]) -> bool),
    /// A table's row check ([`RowCheck::holds`]) of the whole row.
    Row(&'a RowCheck),
    /// A row check of each block of the check's width, the row a whole number of blocks (rows
    /// like one row read as one).
    Blocks(&'a RowCheck),
}

impl<'a> Rules<'a> {
    /// `holds` over a row whose cells `counts` says count things, with identities first
    /// assessable after each number of cells read in `assessable_after`.
    pub(crate) fn new(
        holds: &'a dyn Fn(&[Option<Decimal>]) -> bool,
        counts: Vec<bool>,
        assessable_after: impl IntoIterator<Item = usize>,
    ) -> Self {
        Self::with(Holds::Any(holds), counts, assessable_after)
    }

    /// What the search asks of a row's readings under a table's row check: its identities and
    /// signs, of the cells read since it was last asked; the columns that count things; after
    /// how many cells each identity can be assessed.
    pub(crate) fn of_row(check: &'a RowCheck) -> Self {
        Self::with(
            Holds::Row(check),
            check.counts().to_vec(),
            check.assessable_after(),
        )
    }

    fn with(
        holds: Holds<'a>,
        counts: Vec<bool>,
        assessable_after: impl IntoIterator<Item = usize>,
    ) -> Self {
        let mut assessable = vec![false; counts.len() + 1];
        for k in assessable_after {
            if let Some(a) = assessable.get_mut(k) {
                *a = true;
            }
        }
        Self {
            holds,
            counts,
            assessable,
        }
    }

    /// `holds` asked of every partial reading of `n` cells (no cell known to count things):
    /// what the search did before it knew when asking could tell something.
    #[cfg(test)]
    pub(crate) fn every(holds: &'a dyn Fn(&[Option<Decimal>]) -> bool, n: usize) -> Self {
        Self::new(holds, vec![false; n], 1..=n)
    }

    /// No rule: every reading is kept.
    pub(crate) fn none() -> Rules<'static> {
        Rules {
            holds: Holds::Any(&|_| true),
            counts: Vec::new(),
            assessable: Vec::new(),
        }
    }

    /// The rules of `times` rows like this one read as one, each keeping them on its own
    /// (a test of any kind must then ask each of them; a row check is asked of each block).
    pub(crate) fn repeated(self, times: usize) -> Self {
        let n = self.counts.len();
        let after: Vec<usize> = (0..times)
            .flat_map(|t| {
                self.assessable
                    .iter()
                    .enumerate()
                    .filter(|(_, a)| **a)
                    .map(move |(k, _)| t * n + k)
            })
            .collect();
        let holds = match self.holds {
            Holds::Row(check) | Holds::Blocks(check) => Holds::Blocks(check),
            Holds::Any(f) => Holds::Any(f),
        };
        Self::with(holds, self.counts.repeat(times), after)
    }

    /// [`Rules::hold_since`] of a row of `n` cells of which `values` are read, the rest unknown.
    /// A row check reads an unknown cell as one not there; any other test is asked of the
    /// values padded to `n` with unknowns in `scratch`.
    fn prefix_holds(
        &self,
        values: &[Option<Decimal>],
        n: usize,
        from: usize,
        scratch: &mut Vec<Option<Decimal>>,
    ) -> bool {
        match self.holds {
            Holds::Any(f) => {
                scratch.clear();
                scratch.extend_from_slice(values);
                scratch.resize(n, None);
                f(scratch)
            }
            Holds::Row(check) => check.holds_since(values, from),
            Holds::Blocks(check) => {
                // The blocks after the values read are all unknown: nothing to assess there.
                let width = check.width();
                width > 0 && n % width == 0 && Self::blocks_hold(check, values, from)
            }
        }
    }

    /// Whether each block of `check`'s width of `values` (the last maybe cut short, its other
    /// cells unknown) keeps `check`, those wholly before `from` known to.
    fn blocks_hold(check: &RowCheck, values: &[Option<Decimal>], from: usize) -> bool {
        let width = check.width();
        values.chunks(width).enumerate().all(|(b, block)| {
            let start = b * width;
            start + width <= from || check.holds_since(block, from.saturating_sub(start))
        })
    }

    /// Whether `values`, a whole row, keep the rules, given that they keep them with only their
    /// first `from` cells known: a row check asks only the identities that reach past them
    /// and the signs of the cells after them (the others were asked with the same values).
    fn hold_since(&self, values: &[Option<Decimal>], from: usize) -> bool {
        match self.holds {
            Holds::Any(f) => f(values),
            Holds::Row(check) => check.holds_since(values, from),
            Holds::Blocks(check) => {
                let width = check.width();
                width > 0 && values.len() % width == 0 && Self::blocks_hold(check, values, from)
            }
        }
    }

    /// Whether `values`, a whole row (a blank as 0, a marker as `None`), keep the rules: every
    /// identity and sign.
    pub(crate) fn hold(&self, values: &[Option<Decimal>]) -> bool {
        self.hold_since(values, 0)
    }

    /// Whether a row of `n` cells whose first `values` are read may still keep the identities
    /// when every cell still to read is an integer of magnitude `most` at most, and all of them
    /// together of magnitude `budget` at most (see [`RowCheck::may_hold`]); a test of any kind
    /// is not asked before it can be.
    fn may_hold(&self, values: &[Option<Decimal>], n: usize, most: i128, budget: i128) -> bool {
        match self.holds {
            Holds::Any(_) => true,
            Holds::Row(check) => check.may_hold(values, n, most, budget),
            Holds::Blocks(check) => {
                let width = check.width();
                if width == 0 || n % width != 0 {
                    return true;
                }
                let start = values.len() - values.len() % width;
                check.may_hold(&values[start..], width, most, budget)
            }
        }
    }

    /// Whether cell `i` may hold `value`.
    fn sign_fits(&self, i: usize, value: Option<Decimal>) -> bool {
        !(value.is_some_and(Decimal::is_negative) && self.counts.get(i).copied().unwrap_or(false))
    }

    /// Whether an identity can first be assessed after some number of cells in `from..to`.
    fn assessable_within(&self, from: usize, to: usize) -> bool {
        self.assessable
            .get(from..to.min(self.assessable.len()))
            .is_some_and(|a| a.contains(&true))
    }
}

/// A cell of a reading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Slot {
    /// A cell printed at this clean-text range (a piece, or part of one).
    Cell(Range<usize>),
    /// A blank cell that left no trace; where it would stand.
    Blank(usize),
}

/// One way to read a row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Reading {
    /// The row's cells.
    pub(crate) slots: Vec<Slot>,
    /// Their values for the identities: a blank as 0, a marker as `None`.
    pub(crate) values: Vec<Option<Decimal>>,
    /// Whether a piece stands for a run of equal cells.
    pub(crate) expanded: bool,
    /// The page adrift the reading places the row on (see
    /// [`adrift_page`](crate::layout::adrift_page)), if one: the readings of the rows of one
    /// page go together, the k-th of each under one move of the page.
    pub(crate) page: Option<u32>,
}

/// The outcome of [`solve`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Solved {
    /// Exactly one reading.
    Unique(Reading),
    /// Several readings satisfy the row's identities: all of them (up to [`MAX_KEPT`]), for the
    /// table's identities across rows to decide; empty when there were more.
    Ambiguous(Vec<Reading>),
    /// None does.
    Impossible,
}

/// How many alternative readings of one row are kept for identities across rows.
pub(crate) const MAX_KEPT: usize = 16;

/// How many partial readings are examined at most; beyond, the row is called ambiguous.
const MAX_EXAMINED: usize = 250_000;

/// After how many steps the search starts leaving readings early ([`Search::bound_cells`]):
/// most rows take fewer, and asking what the cells can be would cost them more than it saves.
const BOUND_AFTER: usize = 32;

/// Most digits a cell holds on average: runs longer than this are no glued row of a table.
const MAX_DIGITS_PER_CELL: usize = 6;

/// The numeric part of a glued piece (a unit such as `元` may follow it).
fn digits_end(s: &str) -> usize {
    s.bytes()
        .position(|b| !(b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+')))
        .unwrap_or(s.len())
}

/// Where a cell read byte by byte stands in `sign? (0 | [1-9] digit*) ("." digit+)?`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CellState {
    Start,
    Sign,
    /// `0`: complete; a digit after it makes no cell.
    Zero,
    Int,
    /// A point without digits after it yet.
    Point,
    Fraction,
}

/// The cells that can start at `bytes[0]`: each end (exclusive, in `bytes`) at which the bytes
/// read so far are a well-formed number, with its value, shortest first. Reading stops at the
/// first byte after which no longer piece can be a number, or whose value no [`Decimal`] holds.
/// A piece is never cut right before a decimal point (`3|9.5` is no split of `39.5`).
///
/// Example: `713000074` gives `7` then `71`, `713` … (`0…` is a cell only alone: `0`).
struct CellEnds<'a> {
    bytes: &'a [u8],
    at: usize,
    state: CellState,
    negative: bool,
    mantissa: i64,
    scale: u8,
}

impl<'a> CellEnds<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Self {
            bytes,
            at: 0,
            state: CellState::Start,
            negative: false,
            mantissa: 0,
            scale: 0,
        }
    }
}

impl Iterator for CellEnds<'_> {
    type Item = (usize, Decimal);

    fn next(&mut self) -> Option<(usize, Decimal)> {
        while let Some(&b) = self.bytes.get(self.at) {
            self.at += 1;
            let digit = b.is_ascii_digit();
            self.state = match (self.state, b) {
                (CellState::Start, b'-' | b'+') => {
                    self.negative = b == b'-';
                    CellState::Sign
                }
                (CellState::Start | CellState::Sign, b'0') => CellState::Zero,
                (CellState::Start | CellState::Sign | CellState::Int, _) if digit => CellState::Int,
                (CellState::Zero | CellState::Int, b'.') => CellState::Point,
                (CellState::Point | CellState::Fraction, _) if digit => {
                    self.scale += 1;
                    CellState::Fraction
                }
                _ => break,
            };
            if digit {
                let m = self
                    .mantissa
                    .checked_mul(10)
                    .and_then(|m| m.checked_add(i64::from(b - b'0')));
                match m {
                    Some(m) => self.mantissa = m,
                    None => break,
                }
            }
            if matches!(self.state, CellState::Sign | CellState::Point)
                || self.bytes.get(self.at) == Some(&b'.')
            {
                continue;
            }
            let signed = if self.negative {
                -self.mantissa
            } else {
                self.mantissa
            };
            match Decimal::new(signed, self.scale) {
                Ok(value) => return Some((self.at, value)),
                Err(_) => break,
            }
        }
        self.at = self.bytes.len();
        None
    }
}

/// The largest integer of `digits` digits (no larger than a cell's mantissa can be).
fn largest_of(digits: usize) -> i128 {
    10i128
        .checked_pow(digits.min(19) as u32)
        .map_or(i128::MAX, |p| p - 1)
        .min(i128::from(i64::MAX))
}

/// By piece, the largest magnitude of a cell read from it or from a piece after it (one more
/// entry, 0), when every cell the pieces can be read as is an integer: `None` where a piece may
/// read as a marker or a number with a fraction, which the identities cannot bound.
fn magnitudes(text: &str, tokens: &[Token], damage: Damage) -> Option<Vec<i128>> {
    let mut most = Vec::with_capacity(tokens.len() + 1);
    for t in tokens {
        most.push(match &t.numeric {
            Some(numeric) if damage.glued => {
                if text.as_bytes()[numeric.clone()].contains(&b'.') {
                    return None;
                }
                largest_of(numeric.len())
            }
            _ => match t.value {
                Some(v) if v.scale() == 0 => i128::from(v.mantissa()).abs(),
                _ => return None,
            },
        });
    }
    most.push(0);
    for i in (0..tokens.len()).rev() {
        most[i] = most[i].max(most[i + 1]);
    }
    Some(most)
}

/// The value of a run of ASCII digits read whole, as a bound: `i128::MAX` where it holds
/// anything else (a sign) or is too long to bound anything.
fn whole_value(digits: &[u8]) -> i128 {
    if digits.len() > 30 {
        return i128::MAX;
    }
    digits
        .iter()
        .try_fold(0i128, |acc, &b| {
            b.is_ascii_digit().then(|| acc * 10 + i128::from(b - b'0'))
        })
        .unwrap_or(i128::MAX)
}

/// By piece, the most that the cells read from it and from the pieces after it can add up to
/// (one more entry, 0), given [`magnitudes`] (every cell an integer): the cells a run of digits
/// splits into add up to no more than the run read whole (`713000074` → 7 + 1 + 3 + 0 + 0 +
/// 0 + 74 ≤ 713000074, as each part stands in the whole times a power of ten), a piece read
/// whole is its own magnitude, and a blank is 0. Not for pieces that may stand for a run of
/// equal cells (each of those counts several times).
fn budgets(text: &str, tokens: &[Token], damage: Damage, most_from: &[i128]) -> Vec<i128> {
    let mut budget = vec![0i128; tokens.len() + 1];
    for (i, t) in tokens.iter().enumerate().rev() {
        let own = match &t.numeric {
            Some(numeric) if damage.glued => whole_value(&text.as_bytes()[numeric.clone()]),
            _ => t
                .value
                .map_or(most_from[i], |v| i128::from(v.mantissa()).abs()),
        };
        budget[i] = own.saturating_add(budget[i + 1]);
    }
    budget
}

/// The fewest cells a run of digits splits into: a leading `0` not before a decimal point is a
/// cell of its own (`07` is no number), and whatever follows can be one cell (`0012` → 3).
fn min_cells(digits: &[u8]) -> usize {
    let zeros = digits
        .iter()
        .enumerate()
        .take_while(|(i, b)| **b == b'0' && digits.get(i + 1) != Some(&b'.'))
        .count();
    zeros + usize::from(zeros < digits.len())
}

/// A piece of a row, prepared.
struct Token {
    range: Range<usize>,
    /// Its digits, when they may hold several cells.
    numeric: Option<Range<usize>>,
    /// Its value read whole: a number, or `None` for a marker; a blank piece reads as 0.
    value: Option<Decimal>,
}

struct Search<'a> {
    text: &'a str,
    tokens: &'a [Token],
    /// By piece: the fewest cells the pieces from it on can be read as (one more entry, 0, for
    /// none left).
    needed_from: Vec<usize>,
    /// By piece: the bytes of the pieces from it on (one more entry, 0).
    bytes_from: Vec<usize>,
    n: usize,
    damage: Damage,
    rules: &'a Rules<'a>,
    slots: Vec<Slot>,
    values: Vec<Option<Decimal>>,
    expanded: usize,
    found: Vec<Reading>,
    count: usize,
    examined: usize,
    /// Scratch: the values read so far padded to `n` with unknowns (for a test of any kind).
    padded: Vec<Option<Decimal>>,
    /// How many cells of the reading so far the rules were asked of.
    checked: usize,
    /// The width of the groups of cells the identities each stay within.
    blocks: usize,
    /// Places at the start of a group (piece, offset into its digits, cells read) from which
    /// no reading was accepted: what follows such a place does not depend on the cells
    /// before it, so the search does not go there twice.
    dead: HashSet<Place, BuildHasherDefault<PlaceHasher>>,
    /// Where every cell is an integer the identities can bound: by piece, the largest magnitude
    /// of a cell read from it and from the pieces after it (one more entry, 0, for none left).
    /// The search then leaves a reading as soon as no cells still to read can make its
    /// identities hold ([`Search::may_hold`]).
    most_from: Option<Vec<i128>>,
    /// With [`Search::most_from`], where no piece may stand for a run of equal cells: by piece,
    /// the most all the cells read from it and from the pieces after it can add up to (one more
    /// entry, 0) ([`budgets`]).
    budget_from: Option<Vec<i128>>,
}

/// A place of the search: piece, offset into its digits, cells read.
type Place = (usize, usize, usize);

/// A hasher for the places of [`Search::dead`] (three small integers): a multiply and a rotation
/// per integer (the table probes with the hash's high and low bits), not SipHash's rounds.
#[derive(Default)]
struct PlaceHasher(u64);

impl Hasher for PlaceHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .rotate_left(32);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

impl Search<'_> {
    fn record(&mut self) {
        if self.rules.hold_since(&self.values, self.checked) {
            self.count += 1;
            if self.found.len() < MAX_KEPT {
                self.found.push(Reading {
                    slots: self.slots.clone(),
                    values: self.values.clone(),
                    expanded: self.expanded > 0,
                    page: None,
                });
            }
        }
    }

    /// Whether the reading so far, to go on at piece `token` (`offset` bytes into its digits),
    /// may still keep the identities: each cell still to read comes from the pieces left (or is
    /// a blank, or repeats a cell), so it is no larger than the largest number they hold; and
    /// where no piece stands for a run of equal cells, the cells still to read together are no
    /// larger than the numbers the pieces left hold, read whole ([`budgets`]).
    fn may_hold(&self, token: usize, offset: usize) -> bool {
        let Some(most_from) = &self.most_from else {
            return true;
        };
        if self.slots.len() == self.n {
            return true;
        }
        let (most, budget) = match self.tokens.get(token) {
            Some(t) => {
                let budget_from = self.budget_from.as_deref();
                let (here, budget) = match &t.numeric {
                    Some(numeric) if self.damage.glued => {
                        let digits = &self.text.as_bytes()[numeric.start + offset..numeric.end];
                        let budget = budget_from.map_or(i128::MAX, |b| {
                            whole_value(digits).saturating_add(b[token + 1])
                        });
                        (largest_of(digits.len()), budget)
                    }
                    _ => (
                        most_from[token],
                        budget_from.map_or(i128::MAX, |b| b[token]),
                    ),
                };
                (here.max(most_from[token + 1]), budget)
            }
            None => (0, 0),
        };
        self.rules.may_hold(&self.values, self.n, most, budget)
    }

    /// From now on, leaves readings that no cells still to read can make hold, where the cells
    /// are integers the identities can bound ([`magnitudes`]). That changes how many steps the
    /// search takes, not what it finds — except where the search without it would run out of
    /// steps and call the row ambiguous: with it, it may finish and find the one reading there
    /// is (`07957219755865001551595`, a row of seven cells with blanks anywhere, and fifteen
    /// cells of table 四 in blocks of five, `110024001510102`, took 13,700 steps without it).
    /// The bound leaves only readings whose identities cannot hold, so a reading found with it
    /// is found without it too.
    fn bound_cells(&mut self) {
        if matches!(self.rules.holds, Holds::Any(_)) {
            return;
        }
        let Some(most_from) = magnitudes(self.text, self.tokens, self.damage) else {
            return;
        };
        self.budget_from = (!self.damage.collapsed)
            .then(|| budgets(self.text, self.tokens, self.damage, &most_from));
        self.most_from = Some(most_from);
    }

    /// Where a blank inserted now would stand: after the last cell, or at the next piece.
    fn blank_at(&self, token: usize, offset: usize) -> usize {
        match self.slots.last() {
            Some(Slot::Cell(r)) => r.end,
            Some(Slot::Blank(at)) => *at,
            None => self.tokens.get(token).map_or(0, |t| t.range.start + offset),
        }
    }

    fn push(&mut self, slot: Slot, value: Option<Decimal>) {
        self.slots.push(slot);
        self.values.push(value);
    }

    fn pop(&mut self) {
        self.slots.pop();
        self.values.pop();
    }

    /// Whether the identities hold so far: the cells read, the rest unknown (as a marker is: an
    /// identity over a cell not yet read is not assessed). Cuts a search early where blanks may
    /// stand anywhere (`110024001510102` as table 四's fifteen cells). Asks the identities only
    /// when the cells read since they were last asked make one assessable; the signs of those
    /// cells always.
    fn prefix_holds(&mut self) -> bool {
        let read = self.slots.len();
        if read == self.n || read <= self.checked {
            return true;
        }
        let signs = (self.checked..read).all(|i| self.rules.sign_fits(i, self.values[i]));
        if !signs {
            return false;
        }
        if !self.rules.assessable_within(self.checked + 1, read + 1) {
            return true;
        }
        self.rules
            .prefix_holds(&self.values, self.n, self.checked, &mut self.padded)
    }

    /// [`Search::go`] once the rules hold of the reading so far (asked of it, not again below).
    /// A whole row is not asked of before it is recorded (see [`Search::prefix_holds`]): then
    /// the cells asked of stay those of before.
    fn go_checked(&mut self, token: usize, offset: usize) {
        let checked = self.checked;
        if self.slots.len() < self.n {
            self.checked = self.slots.len();
        }
        self.go(token, offset);
        self.checked = checked;
    }

    /// The fewest cells the pieces from `token` (`offset` bytes into its digits) can be read as.
    fn cells_needed(&self, token: usize, offset: usize) -> usize {
        let first = match &self.tokens[token].numeric {
            Some(numeric) if self.damage.glued => {
                min_cells(&self.text.as_bytes()[numeric.start + offset..numeric.end])
            }
            _ => 1,
        };
        first + self.needed_from[token + 1]
    }

    /// Whether the cells still to read can take the pieces from `token` (`offset` bytes into
    /// its digits) on, as [`Search::step`] first asks: the pieces left need a cell each (a run
    /// of digits its fewest, [`min_cells`]), and no cell holds more than twelve digits — asked
    /// before a cell taken is checked against the rules, so that a reading which leaves digits
    /// no cell can hold (`21710000218` read to its seventh cell with `218` left) costs no more.
    fn may_finish(&self, token: usize, offset: usize) -> bool {
        let cells_left = self.n - self.slots.len();
        let Some(t) = self.tokens.get(token) else {
            return cells_left == 0 || self.damage.blanks != Blanks::None;
        };
        if cells_left < self.cells_needed(token, offset) {
            return false;
        }
        match &t.numeric {
            Some(numeric) if self.damage.glued => {
                let digits_left = self.bytes_from[token + 1] + numeric.end - numeric.start - offset;
                let fills = self.damage.blanks != Blanks::None || self.damage.collapsed;
                digits_left <= cells_left * 12 && (fills || digits_left >= cells_left)
            }
            _ => true,
        }
    }

    /// Continues a reading at piece `token`, `offset` bytes into its digits; at the start of a
    /// group of cells, remembers a place from which nothing was accepted.
    fn go(&mut self, token: usize, offset: usize) {
        let read = self.slots.len();
        if read > 0 && read < self.n && read % self.blocks == 0 {
            // The groups read so far must hold (a blank may have ended the last one unchecked):
            // then what follows depends on the place alone.
            if !self.prefix_holds() {
                return;
            }
            let place = (token, offset, read);
            if self.dead.contains(&place) {
                return;
            }
            let (count, examined) = (self.count, self.examined);
            let checked = self.checked;
            self.checked = read;
            self.step(token, offset);
            self.checked = checked;
            let capped = self.count > MAX_KEPT || self.examined > MAX_EXAMINED;
            if self.count == count && !capped && self.examined > examined {
                self.dead.insert(place);
            }
        } else {
            self.step(token, offset);
        }
    }

    /// [`Search::go`]'s step: the readings of piece `token` on.
    fn step(&mut self, token: usize, offset: usize) {
        self.examined += 1;
        if self.examined == BOUND_AFTER {
            self.bound_cells();
        }
        if self.count > MAX_KEPT || self.examined > MAX_EXAMINED {
            return;
        }
        let cells_left = self.n - self.slots.len();
        let tokens_left = self.tokens.len() - token;
        if tokens_left == 0 {
            if self.damage.blanks != Blanks::None && cells_left > 0 {
                let at = self.blank_at(token, 0);
                for _ in 0..cells_left {
                    self.push(Slot::Blank(at), Some(Decimal::ZERO));
                }
                self.record();
                for _ in 0..cells_left {
                    self.pop();
                }
            } else if cells_left == 0 {
                self.record();
            }
            return;
        }
        // Each piece left needs a cell, and each zero that cannot be part of a longer number
        // needs its own: `000000000000000` leaves no room for a blank among fifteen cells.
        let needed = self.cells_needed(token, offset);
        if cells_left < needed {
            return;
        }
        // A blank before the next piece.
        if self.damage.blanks == Blanks::Anywhere && cells_left > needed {
            let at = self.blank_at(token, offset);
            self.push(Slot::Blank(at), Some(Decimal::ZERO));
            if self.may_hold(token, offset) {
                self.go(token, offset);
            }
            self.pop();
        }
        let tokens = self.tokens;
        let t = &tokens[token];
        // The next cell: the whole piece, or (digits run together) a part of it, shortest first.
        match &t.numeric {
            Some(numeric) if self.damage.glued => {
                let start = numeric.start + offset;
                let digits_left = self.bytes_from[token + 1] + numeric.end - start;
                // No cell holds more digits than a table prints; unless blanks or repeats fill
                // cells, every cell holds a digit at least.
                let fills = self.damage.blanks != Blanks::None || self.damage.collapsed;
                if digits_left > cells_left * 12 || (!fills && digits_left < cells_left) {
                    return;
                }
                let bytes = &self.text.as_bytes()[start..numeric.end];
                for (len, value) in CellEnds::new(bytes) {
                    let last = start + len == numeric.end;
                    // The last part of a piece keeps what follows its digits (a unit: `元`).
                    let end = if last { t.range.end } else { start + len };
                    self.cell(token, start..end, Some(value), last);
                }
            }
            _ => self.cell(token, t.range.clone(), t.value, true),
        }
    }

    /// Takes `range` of piece `token` as the next cell (or, where repeats may have collapsed,
    /// the next run of equal cells) and goes on after it.
    fn cell(&mut self, token: usize, range: Range<usize>, value: Option<Decimal>, last: bool) {
        let cells_left = self.n - self.slots.len();
        let (next, next_offset) = if last {
            (token + 1, 0)
        } else {
            (
                token,
                range.end - self.tokens[token].numeric.as_ref().map_or(0, |n| n.start),
            )
        };
        // A repeated piece stands for a run of equal cells, as long as room is left.
        let pieces_after = self.tokens.len() - next + usize::from(!last);
        let most = if self.damage.collapsed {
            cells_left.saturating_sub(pieces_after).max(1)
        } else {
            1
        };
        for run in 1..=most {
            if self.slots.len() + run > self.n {
                break;
            }
            for _ in 0..run {
                self.push(Slot::Cell(range.clone()), value);
            }
            self.expanded += usize::from(run > 1);
            if self.may_finish(next, next_offset)
                && self.prefix_holds()
                && self.may_hold(next, next_offset)
            {
                self.go_checked(next, next_offset);
            }
            self.expanded -= usize::from(run > 1);
            for _ in 0..run {
                self.pop();
            }
        }
    }
}

/// Every reading of the pieces `tokens` (clean-text ranges) as `n` cells under `damage` that
/// keeps `rules` (see the module documentation). The rules must hold of a reading exactly when
/// they hold of each group of `blocks` cells, left to right, on its own (`n` for a row whose
/// identities may reach across it): a place at a group's start is then searched once.
pub(crate) fn solve(
    text: &str,
    tokens: &[Range<usize>],
    n: usize,
    damage: Damage,
    rules: &Rules<'_>,
    blocks: usize,
) -> Solved {
    if n == 0 || tokens.len() > n {
        return Solved::Impossible;
    }
    if damage.glued {
        let digits: usize = tokens
            .iter()
            .map(|t| text[t.clone()].bytes().filter(u8::is_ascii_digit).count())
            .sum();
        if digits > n * MAX_DIGITS_PER_CELL + 2 {
            return Solved::Ambiguous(Vec::new());
        }
    }
    let prepared: Option<Vec<Token>> = tokens
        .iter()
        .map(|t| {
            let s = &text[t.clone()];
            let read = numeral::cell(s);
            let value = match read.as_ref().map(|c| c.value) {
                Some(CellValue::Number(q)) => Some(q.value),
                Some(CellValue::Blank) => Some(Decimal::ZERO),
                Some(CellValue::Marker { .. }) => None,
                // Digits run together that no cell grammar reads whole (`0000000`).
                None if damage.glued => None,
                None => return None,
            };
            let numeric = (damage.glued
                && s.bytes()
                    .next()
                    .is_some_and(|b| b.is_ascii_digit() || b == b'-' || b == b'+'))
            .then(|| t.start..t.start + digits_end(s))
            .filter(|r| !r.is_empty());
            if damage.glued && numeric.is_none() && read.is_none() {
                return None;
            }
            Some(Token {
                range: t.clone(),
                numeric,
                value,
            })
        })
        .collect();
    let Some(prepared) = prepared else {
        return Solved::Impossible;
    };
    // Suffix sums over the pieces, so that a step asks them in constant time.
    let mut needed_from = vec![0; prepared.len() + 1];
    let mut bytes_from = vec![0; prepared.len() + 1];
    for (i, t) in prepared.iter().enumerate().rev() {
        let needed = match &t.numeric {
            Some(numeric) if damage.glued => min_cells(&text.as_bytes()[numeric.clone()]),
            _ => 1,
        };
        needed_from[i] = needed_from[i + 1] + needed;
        bytes_from[i] = bytes_from[i + 1] + t.range.len();
    }
    let mut search = Search {
        text,
        tokens: &prepared,
        needed_from,
        bytes_from,
        n,
        damage,
        rules,
        slots: Vec::with_capacity(n),
        values: Vec::with_capacity(n),
        expanded: 0,
        found: Vec::new(),
        count: 0,
        examined: 0,
        padded: Vec::with_capacity(n),
        checked: 0,
        blocks: blocks.clamp(1, n),
        dead: HashSet::default(),
        most_from: None,
        budget_from: None,
    };
    search.go(0, 0);
    if search.examined > MAX_EXAMINED || search.count > MAX_KEPT {
        return Solved::Ambiguous(Vec::new());
    }
    match search.count {
        0 => Solved::Impossible,
        1 => Solved::Unique(search.found.remove(0)),
        _ => Solved::Ambiguous(search.found),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `total = Σ parts` over `values` (the total last), with every value known and not negative.
    fn total_is_sum(values: &[Option<Decimal>]) -> bool {
        let Some((total, parts)) = values.split_last() else {
            return false;
        };
        let (Some(total), Some(parts)) = (
            *total,
            parts.iter().copied().collect::<Option<Vec<Decimal>>>(),
        ) else {
            return true;
        };
        !total.is_negative()
            && !parts.iter().any(|v| v.is_negative())
            && parts
                .iter()
                .try_fold(Decimal::ZERO, |acc, v| acc.checked_add(*v))
                == Some(total)
    }

    const EXACT: Damage = Damage {
        blanks: Blanks::None,
        glued: false,
        collapsed: false,
    };
    const GLUED: Damage = Damage {
        blanks: Blanks::None,
        glued: true,
        collapsed: false,
    };

    /// The pieces of `s` at its spaces.
    pub(super) fn tokens(s: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut at = 0;
        for piece in s.split(' ') {
            if !piece.is_empty() {
                out.push(at..at + piece.len());
            }
            at += piece.len() + 1;
        }
        out
    }

    /// The unique reading's cells as texts (`_` for a blank), or the outcome.
    fn run(
        s: &str,
        n: usize,
        damage: Damage,
        accept: &dyn Fn(&[Option<Decimal>]) -> bool,
    ) -> Result<Vec<String>, Solved> {
        match solve(s, &tokens(s), n, damage, &Rules::every(accept, n), n) {
            Solved::Unique(r) => Ok(r
                .slots
                .iter()
                .map(|slot| match slot {
                    Slot::Cell(c) => s[c.clone()].to_owned(),
                    Slot::Blank(_) => "_".to_owned(),
                })
                .collect()),
            other => Err(other),
        }
    }

    fn any(_: &[Option<Decimal>]) -> bool {
        true
    }

    #[test]
    fn row_identity_leaves_one_split() {
        assert_eq!(
            run("713000074", 7, GLUED, &total_is_sum),
            Ok(["71", "3", "0", "0", "0", "0", "74"]
                .map(String::from)
                .to_vec())
        );
        assert_eq!(
            run("21710000218", 7, GLUED, &total_is_sum),
            Ok(["217", "1", "0", "0", "0", "0", "218"]
                .map(String::from)
                .to_vec())
        );
        // Spaces are boundaries: 20 | 0 | 00 | 0 | 121.
        assert_eq!(
            run("20 0 00 0 121", 7, GLUED, &total_is_sum),
            Ok(["20", "0", "0", "0", "0", "1", "21"]
                .map(String::from)
                .to_vec())
        );
        assert_eq!(
            run("0000000", 7, GLUED, &total_is_sum),
            Ok(vec!["0".to_owned(); 7])
        );
    }

    #[test]
    fn alternatives_are_kept_for_identities_across_rows() {
        // 22|0|0|0|0|0|22 or 2|20|0|0|0|0|22.
        let Err(Solved::Ambiguous(c)) = run("220000022", 7, GLUED, &total_is_sum) else {
            panic!()
        };
        assert_eq!(c.len(), 2);
    }

    #[test]
    fn no_identity_means_only_forced_splits() {
        assert_eq!(run("000", 3, GLUED, &any), Ok(vec!["0".to_owned(); 3]));
        assert!(
            matches!(run("8855698", 3, GLUED, &any), Err(Solved::Ambiguous(c)) if c.len() == 15)
        );
        assert!(
            matches!(run("88556981234567", 3, GLUED, &any), Err(Solved::Ambiguous(c)) if c.is_empty())
        );
        assert_eq!(
            run("35 -15", 2, GLUED, &any),
            Ok(vec!["35".to_owned(), "-15".to_owned()])
        );
        assert_eq!(
            run("9116.36", 1, GLUED, &any),
            Ok(vec!["9116.36".to_owned()])
        );
        assert_eq!(run("00", 1, GLUED, &any), Err(Solved::Impossible));
        assert_eq!(run("1 2 3", 2, GLUED, &any), Err(Solved::Impossible));
    }

    #[test]
    fn cells_of_a_run_add_up_to_no_more_than_the_run_read_whole() {
        assert_eq!(whole_value(b"713000074"), 713_000_074);
        assert_eq!(whole_value(b""), 0);
        // A sign inside, or too many digits to bound anything: no bound.
        assert_eq!(whole_value(b"26-18"), i128::MAX);
        assert_eq!(whole_value(&[b'9'; 31]), i128::MAX);
        let text = "713000074 5";
        let tokens: Vec<Token> = [0..9, 10..11]
            .into_iter()
            .map(|r| Token {
                numeric: Some(r.clone()),
                value: None,
                range: r,
            })
            .collect();
        let damage = Damage {
            blanks: Blanks::Anywhere,
            glued: true,
            collapsed: false,
        };
        let most = magnitudes(text, &tokens, damage).unwrap();
        assert_eq!(
            budgets(text, &tokens, damage, &most),
            vec![713_000_079, 5, 0]
        );
    }

    #[test]
    fn a_run_too_short_for_its_cells_is_impossible_not_ambiguous() {
        // A fuzz input: branches that leave more cells than bytes are cut, so the search ends
        // within its budget and tells that no split fits.
        let blocks = |v: &[Option<Decimal>]| v.len() == 15 && v.chunks(5).all(total_is_sum);
        assert_eq!(
            run("00044679123 -699 2 999999", 15, GLUED, &blocks),
            Err(Solved::Impossible)
        );
    }

    #[test]
    fn decimals_and_units_stay_whole() {
        assert_eq!(
            run("7380.5元", 1, GLUED, &any),
            Ok(vec!["7380.5元".to_owned()])
        );
        // 3|95.5 or 39|5.5: the point stays inside a cell, still two ways.
        assert!(matches!(run("395.5", 2, GLUED, &any), Err(Solved::Ambiguous(c)) if c.len() == 2));
    }

    /// The dump: without blanks, `420191238471` splits one way that adds up; with blank
    /// cells allowed it splits several ways, and is left out.
    #[test]
    fn blanks_allowed_make_a_glued_row_ambiguous() {
        assert_eq!(
            run("420191238471", 7, GLUED, &total_is_sum),
            Ok(["420", "1", "9", "1", "2", "38", "471"]
                .map(String::from)
                .to_vec())
        );
        let lossy = Damage {
            blanks: Blanks::Anywhere,
            ..GLUED
        };
        assert!(matches!(
            run("420191238471", 7, lossy, &total_is_sum),
            Err(Solved::Ambiguous(_))
        ));
        // Zeros leave no room: `0000000` is still seven zeros.
        assert_eq!(
            run("0000000", 7, lossy, &total_is_sum),
            Ok(vec!["0".to_owned(); 7])
        );
    }

    /// Corpus 109: equal cells collapsed into one line.
    #[test]
    fn collapsed_runs_expand_only_one_way() {
        let collapsed = Damage {
            blanks: Blanks::None,
            glued: false,
            collapsed: true,
        };
        assert_eq!(
            run("46 0 46", 7, collapsed, &total_is_sum),
            Ok(["46", "0", "0", "0", "0", "0", "46"]
                .map(String::from)
                .to_vec())
        );
        assert_eq!(
            run("0", 7, collapsed, &total_is_sum),
            Ok(vec!["0".to_owned(); 7])
        );
        assert_eq!(
            run("265", 3, collapsed, &any),
            Ok(vec!["265".to_owned(); 3])
        );
        // 0|0|17 or 0|17|17: no identity tells them apart.
        assert!(
            matches!(run("0 17", 3, collapsed, &any), Err(Solved::Ambiguous(c)) if c.len() == 2)
        );
        // Without damage, only the pieces as they are.
        assert_eq!(
            run("46 0 46", 7, EXACT, &total_is_sum),
            Err(Solved::Impossible)
        );
    }

    #[test]
    fn blanks_that_left_no_trace() {
        let lost = Damage {
            blanks: Blanks::Anywhere,
            ..EXACT
        };
        // 3 | 0 | _ or 3 | _ | 0 or _ | 3 | 0 … : with no identity, nothing is forced.
        assert!(matches!(run("3 0", 3, lost, &any), Err(Solved::Ambiguous(c)) if c.len() == 3));
        // No piece: every cell blank.
        assert_eq!(run("", 2, lost, &any), Ok(vec!["_".to_owned(); 2]));
    }

    /// Corpus 018's table 四 as a crawler dumped it: with a blank allowed before any cell, the
    /// three blocks' totals leave one reading, found without walking every placement of blanks.
    #[test]
    fn blanks_anywhere_still_settle_fifteen_cells() {
        let blocks = |values: &[Option<Decimal>]| {
            values.chunks(5).all(|b| {
                let Some(parts) = b[..4]
                    .iter()
                    .try_fold(Decimal::ZERO, |a, v| a.checked_add((*v)?))
                else {
                    return true;
                };
                b[4].is_none_or(|total| total == parts)
            })
        };
        let lossy = Damage {
            blanks: Blanks::Anywhere,
            ..GLUED
        };
        assert_eq!(
            run("110024001510102", 15, lossy, &blocks),
            Ok("1 1 0 0 2 4 0 0 1 5 1 0 1 0 2"
                .split(' ')
                .map(String::from)
                .collect())
        );
        // Fifteen zeros are fifteen cells: a blank would leave a `00`.
        assert_eq!(
            run("000000000000000", 15, lossy, &blocks),
            Ok(vec!["0".to_owned(); 15])
        );
    }

    #[test]
    fn fewest_cells_count_the_zeros_that_stand_alone() {
        assert_eq!(min_cells(b"0012"), 3);
        assert_eq!(min_cells(b"000"), 3);
        assert_eq!(min_cells(b"0.5"), 1);
        assert_eq!(min_cells(b"120"), 1);
        assert_eq!(min_cells(b""), 0);
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Whether `s` is a number as a table cell prints it: `-?(0|[1-9]\d*)(\.\d+)?`.
    fn well_formed(s: &str) -> bool {
        let body = s.strip_prefix(['-', '+']).unwrap_or(s);
        let (int, frac) = body.split_once('.').unwrap_or((body, ""));
        let int_ok = int == "0"
            || (!int.is_empty()
                && !int.starts_with('0')
                && int.bytes().all(|b| b.is_ascii_digit()));
        let frac_ok =
            !body.contains('.') || (!frac.is_empty() && frac.bytes().all(|b| b.is_ascii_digit()));
        int_ok && frac_ok
    }

    /// The cells from the start of `s` as the grammar defines them, one piece at a time: a
    /// well-formed piece that a `Decimal` holds, not followed by a decimal point.
    fn reference_ends(s: &str) -> Vec<(usize, Decimal)> {
        (1..=s.len())
            .filter(|&end| well_formed(&s[..end]) && s.as_bytes().get(end) != Some(&b'.'))
            .filter_map(|end| s[..end].parse::<Decimal>().ok().map(|v| (end, v)))
            .collect()
    }

    /// Digits run together, blanks vanished (`blanks` 1) or not (0), repeats collapsed or not.
    fn glued(blanks: usize, collapsed: bool) -> Damage {
        Damage {
            blanks: [Blanks::None, Blanks::Anywhere][blanks],
            glued: true,
            collapsed,
        }
    }

    /// Whether `fast` (rules asked when they can tell, readings bounded) finds what `always`
    /// (rules asked at every step, nothing bounded) finds — or, where `always` ran out of
    /// steps (an ambiguity with no reading kept), finished with readings that all keep them.
    fn same_or_finished(
        fast: &Solved,
        always: &Solved,
        holds: &dyn Fn(&[Option<Decimal>]) -> bool,
    ) -> bool {
        if fast == always {
            return true;
        }
        let gave_up = matches!(always, Solved::Ambiguous(rs) if rs.is_empty());
        gave_up
            && match fast {
                Solved::Unique(r) => holds(&r.values),
                Solved::Ambiguous(rs) => rs.iter().all(|r| holds(&r.values)),
                Solved::Impossible => false,
            }
    }

    proptest! {
        /// Reading a cell byte by byte finds the pieces the grammar accepts, with their values.
        #[test]
        fn cell_ends_are_the_well_formed_pieces(s in "[-+.0-9]{0,24}") {
            let fast: Vec<(usize, Decimal)> = CellEnds::new(s.as_bytes()).collect();
            let slow = reference_ends(&s);
            prop_assert_eq!(fast.len(), slow.len(), "{}", s);
            for ((e1, v1), (e2, v2)) in fast.iter().zip(&slow) {
                prop_assert_eq!(e1, e2);
                prop_assert_eq!((v1.mantissa(), v1.scale()), (v2.mantissa(), v2.scale()));
            }
        }

        /// Whatever the damage, a reading keeps every printed digit, in order, in well-formed
        /// cells, and has exactly the cells asked for.
        #[test]
        fn readings_keep_every_digit(
            digits in "[0-9]{1,10}",
            cells in 1usize..8,
            blanks in 0usize..2,
            collapsed in any::<bool>(),
        ) {
            let text = digits.as_str();
            let damage = glued(blanks, collapsed);
            let readings = match solve(text, std::slice::from_ref(&(0..text.len())), cells, damage, &Rules::none(), cells) {
                Solved::Unique(r) => vec![r],
                Solved::Ambiguous(rs) => rs,
                Solved::Impossible => Vec::new(),
            };
            for r in readings {
                prop_assert_eq!(r.slots.len(), cells);
                let mut joined = String::new();
                let mut previous: Option<Range<usize>> = None;
                for slot in &r.slots {
                    if let Slot::Cell(c) = slot {
                        prop_assert!(well_formed(&text[c.clone()]));
                        // A repeated cell is the same piece again.
                        if previous.as_ref() != Some(c) {
                            joined.push_str(&text[c.clone()]);
                        }
                        previous = Some(c.clone());
                    }
                }
                prop_assert_eq!(joined, digits.clone());
            }
        }

        /// Where the identities stay within groups of cells (table 四's blocks: the last of
        /// each three the sum of the two before), searching each place at a group's start once
        /// gives what searching every reading gives.
        #[test]
        fn groups_searched_once_read_as_the_whole_row(
            digits in "[0-9]{1,12}",
            blanks in 0usize..2,
            collapsed in any::<bool>(),
        ) {
            let text = digits.as_str();
            let damage = glued(blanks, collapsed);
            let holds = |v: &[Option<Decimal>]| {
                v.chunks(3).all(|g| match g {
                    [Some(a), Some(b), Some(t)] => a.checked_add(*b) == Some(*t),
                    _ => true,
                })
            };
            let all = 0..text.len();
            let tokens = std::slice::from_ref(&all);
            let rules = Rules::every(&holds, 9);
            prop_assert_eq!(solve(text, tokens, 9, damage, &rules, 3), solve(text, tokens, 9, damage, &rules, 9));
        }

        /// Asking the identities only once the cells read make one assessable, and the signs
        /// cell by cell, and bounding the cells still to read, finds the readings that asking at
        /// every step finds (or finishes where that runs out of steps), the row printed
        /// among them: a row of table 三 (法人或其他组织小计 and 总计 are sums), glued where
        /// `glue` says, its zero cells dropped where `drop` says, read as one row of eight and
        /// as table 四's blocks of five.
        #[test]
        fn rules_asked_when_they_can_tell_read_as_asked_always(
            parts in proptest::collection::vec(prop_oneof![Just(0i64), 0i64..30, 0i64..3000], 6),
            glue in proptest::collection::vec(any::<bool>(), 8),
            drop in proptest::collection::vec(any::<bool>(), 8),
            collapsed in any::<bool>(),
        ) {
            use super::super::joint::RowCheck;
            let subtotal: i64 = parts[1..].iter().sum();
            let row: Vec<i64> = parts.iter().copied().chain([subtotal, parts.iter().sum()]).collect();
            let blanks = drop.iter().any(|d| *d);
            let mut text = String::new();
            for (i, v) in row.iter().enumerate() {
                if *v == 0 && drop[i] {
                    continue;
                }
                if !text.is_empty() && !glue[i] {
                    text.push(' ');
                }
                text.push_str(&v.to_string());
            }
            let damage = glued(usize::from(blanks), collapsed);
            let pieces = super::tests::tokens(&text);
            let requests = RowCheck::new(ogi_model::requests::IDENTITIES, ogi_model::RequestColumn::ALL, &|_| false);
            let holds = |v: &[Option<Decimal>]| requests.holds(v);
            let n = row.len();
            let fast = solve(&text, &pieces, n, damage, &Rules::of_row(&requests), n);
            let always = solve(&text, &pieces, n, damage, &Rules::every(&holds, n), n);
            prop_assert!(same_or_finished(&fast, &always, &holds), "{fast:?}\n{always:?}");
            let printed: Vec<Option<Decimal>> = row.iter().map(|v| Some(Decimal::from_int(*v))).collect();
            match &fast {
                Solved::Unique(r) => prop_assert_eq!(&r.values, &printed),
                Solved::Ambiguous(rs) => prop_assert!(rs.is_empty() || rs.iter().any(|r| r.values == printed)),
                Solved::Impossible => prop_assert!(false, "{} has no reading", text),
            }
            let review = RowCheck::new(ogi_model::review::IDENTITIES, ogi_model::ReviewColumn::ALL, &|_| false);
            let blocks = |v: &[Option<Decimal>]| v.chunks(5).all(|b| review.holds(b));
            let fast = solve(&text, &pieces, 15, damage, &Rules::of_row(&review).repeated(3), 5);
            let always = solve(&text, &pieces, 15, damage, &Rules::every(&blocks, 15), 5);
            prop_assert!(same_or_finished(&fast, &always, &blocks), "{fast:?}\n{always:?}");
        }
    }
}
