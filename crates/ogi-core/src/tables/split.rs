//! Splitting digit runs whose cell boundaries a scrape lost.
//!
//! `一、本年新收政府信息公开申请数量713000074` holds seven cells. A split gives every cell a
//! number written without a leading zero (`0` itself is a number, `07` is not), keeps signs and
//! decimal points inside one cell, never joins two runs the text kept apart (a space, a sign),
//! and must satisfy the row's identities (here 总计 = the sum of the six applicant columns:
//! `71 3 0 0 0 0 74`). A split is taken only when exactly one exists; otherwise the cells are left
//! out and the caller reports how many splits were possible.

use ogi_model::Decimal;
use std::ops::Range;

/// The outcome of [`split`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Split {
    /// Exactly one split: the cells' ranges in the clean text.
    Unique(Vec<Range<usize>>),
    /// Several splits satisfy the row's constraints: all of them (up to [`MAX_KEPT`]), for the
    /// table's identities across rows to decide; empty when there were more.
    Ambiguous(Vec<Vec<Range<usize>>>),
    /// None does.
    Impossible,
}

/// How many alternative splits of one row are kept for identities across rows.
pub(crate) const MAX_KEPT: usize = 16;

/// How many candidate splits are examined at most; beyond, the run is called ambiguous.
const MAX_CANDIDATES: usize = 20_000;

/// Most digits a cell holds on average: runs longer than this are no glued row of a table.
const MAX_DIGITS_PER_CELL: usize = 6;

/// Whether `s` is a number as a table cell prints it: `-?(0|[1-9]\d*)(\.\d+)?`.
#[cfg(test)]
fn well_formed(s: &str) -> bool {
    let body = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let int_ok = int == "0"
        || (!int.is_empty() && !int.starts_with('0') && int.bytes().all(|b| b.is_ascii_digit()));
    let frac_ok =
        !body.contains('.') || (!frac.is_empty() && frac.bytes().all(|b| b.is_ascii_digit()));
    int_ok && frac_ok
}

/// The numeric part of a token (a unit such as `元` may follow it).
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

struct Search<'a> {
    tokens: &'a [Range<usize>],
    /// Each token's numeric part, as bytes.
    numeric: Vec<&'a [u8]>,
    /// Bytes of the tokens from each one on.
    bytes_from: Vec<usize>,
    cells: usize,
    accept: &'a dyn Fn(&[Decimal]) -> bool,
    current: Vec<Range<usize>>,
    /// The numbers of `current`, parsed as each cell is cut.
    values: Vec<Decimal>,
    found: Vec<Vec<Range<usize>>>,
    count: usize,
    examined: usize,
}

impl Search<'_> {
    fn go(&mut self, token: usize, from: usize) {
        self.examined += 1;
        if self.count > MAX_KEPT || self.examined > MAX_CANDIDATES {
            return;
        }
        let tokens_left = self.tokens.len() - token;
        let cells_left = self.cells - self.current.len();
        if tokens_left == 0 {
            if cells_left == 0 && (self.accept)(&self.values) {
                self.count += 1;
                if self.found.len() < MAX_KEPT {
                    self.found.push(self.current.clone());
                }
            }
            return;
        }
        // Each remaining token needs a cell, and no cell holds more digits than a table prints.
        if cells_left < tokens_left {
            return;
        }
        let start = self.tokens[token].start;
        let digits_left = self.bytes_from[token] - (from - start);
        // Nor fewer bytes than a byte a cell: such a branch ends with cells left unfilled.
        if digits_left > cells_left * 12 || digits_left < cells_left {
            return;
        }
        let numeric = self.numeric[token];
        let rest = &numeric[from - start..];
        // The next cell: from `from` to some end inside this token.
        for (len, value) in CellEnds::new(rest) {
            let end = from + len;
            self.current.push(from..end);
            self.values.push(value);
            if end == start + numeric.len() {
                let next = self.tokens.get(token + 1).map_or(0, |n| n.start);
                self.go(token + 1, next);
            } else if self.current.len() < self.cells {
                self.go(token, end);
            }
            self.current.pop();
            self.values.pop();
        }
    }
}

/// Splits the digit runs `tokens` (clean-text ranges) into `cells` numbers accepted by
/// `accept` (see the module documentation).
pub(crate) fn split(
    text: &str,
    tokens: &[Range<usize>],
    cells: usize,
    accept: &dyn Fn(&[Decimal]) -> bool,
) -> Split {
    if tokens.is_empty() || tokens.len() > cells {
        return Split::Impossible;
    }
    let digits: usize = tokens
        .iter()
        .map(|t| text[t.clone()].bytes().filter(u8::is_ascii_digit).count())
        .sum();
    if digits > cells * MAX_DIGITS_PER_CELL + 2 {
        return Split::Ambiguous(Vec::new());
    }
    let numeric: Vec<&[u8]> = tokens
        .iter()
        .map(|t| &text.as_bytes()[t.start..t.start + digits_end(&text[t.clone()])])
        .collect();
    let mut bytes_from = vec![0; tokens.len() + 1];
    for (i, t) in tokens.iter().enumerate().rev() {
        bytes_from[i] = bytes_from[i + 1] + t.len();
    }
    let mut search = Search {
        tokens,
        numeric,
        bytes_from,
        cells,
        accept,
        current: Vec::with_capacity(cells),
        values: Vec::with_capacity(cells),
        found: Vec::new(),
        count: 0,
        examined: 0,
    };
    search.go(0, tokens[0].start);
    // The last cell of each token keeps what follows its digits (a unit: `元`).
    let widen = |mut cells: Vec<Range<usize>>| {
        for t in tokens {
            if let Some(c) = cells
                .iter_mut()
                .rev()
                .find(|c| c.end <= t.end && c.start >= t.start)
            {
                c.end = t.end;
            }
        }
        cells
    };
    if search.examined > MAX_CANDIDATES || search.count > MAX_KEPT {
        return Split::Ambiguous(Vec::new());
    }
    match search.count {
        0 => Split::Impossible,
        1 => Split::Unique(widen(search.found.remove(0))),
        _ => Split::Ambiguous(search.found.into_iter().map(widen).collect()),
    }
}

/// Row identity of table 三: the last value (总计) is the sum of the others.
pub(crate) fn total_is_sum(values: &[Decimal]) -> bool {
    let Some((total, parts)) = values.split_last() else {
        return false;
    };
    !values.iter().any(|v| v.is_negative())
        && parts
            .iter()
            .try_fold(Decimal::ZERO, |acc, v| acc.checked_add(*v))
            == Some(*total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(
        s: &str,
        cells: usize,
        accept: &dyn Fn(&[Decimal]) -> bool,
    ) -> Result<Vec<&'static str>, Split> {
        let text: &'static str = Box::leak(s.to_owned().into_boxed_str());
        let mut tokens = Vec::new();
        let mut at = 0;
        for piece in text.split(' ') {
            if !piece.is_empty() {
                tokens.push(at..at + piece.len());
            }
            at += piece.len() + 1;
        }
        match split(text, &tokens, cells, accept) {
            Split::Unique(r) => Ok(r.into_iter().map(|r| &text[r]).collect()),
            other => Err(other),
        }
    }

    #[test]
    fn row_identity_leaves_one_split() {
        assert_eq!(
            run("713000074", 7, &total_is_sum),
            Ok(vec!["71", "3", "0", "0", "0", "0", "74"])
        );
        assert_eq!(
            run("21710000218", 7, &total_is_sum),
            Ok(vec!["217", "1", "0", "0", "0", "0", "218"])
        );
        // Spaces are boundaries: 20 | 0 | 00 | 0 | 121.
        assert_eq!(
            run("20 0 00 0 121", 7, &total_is_sum),
            Ok(vec!["20", "0", "0", "0", "0", "1", "21"])
        );
        assert_eq!(run("0000000", 7, &total_is_sum), Ok(vec!["0"; 7]));
    }

    #[test]
    fn alternatives_are_kept_for_identities_across_rows() {
        // 22|0|0|0|0|0|22 or 2|20|0|0|0|0|22.
        let Err(Split::Ambiguous(c)) = run("220000022", 7, &total_is_sum) else {
            panic!()
        };
        assert_eq!(c.len(), 2);
    }

    #[test]
    fn no_identity_means_only_forced_splits() {
        let any = |_: &[Decimal]| true;
        assert_eq!(run("000", 3, &any), Ok(vec!["0", "0", "0"]));
        assert!(matches!(run("8855698", 3, &any), Err(Split::Ambiguous(c)) if c.len() == 15));
        assert!(matches!(run("88556981234567", 3, &any), Err(Split::Ambiguous(c)) if c.is_empty()));
        assert_eq!(run("35 -15", 2, &any), Ok(vec!["35", "-15"]));
        assert_eq!(run("9116.36", 1, &any), Ok(vec!["9116.36"]));
        assert_eq!(run("00", 1, &any), Err(Split::Impossible));
        assert_eq!(run("1 2 3", 2, &any), Err(Split::Impossible));
    }

    #[test]
    fn a_run_too_short_for_its_cells_is_impossible_not_ambiguous() {
        // A fuzz input: branches that leave more cells than bytes are cut, so the search ends
        // within its budget and tells that no split fits (it used to give up, "many ways").
        let blocks = |v: &[Decimal]| v.len() == 15 && v.chunks(5).all(total_is_sum);
        assert_eq!(
            run("00044679123 -699 2 999999", 15, &blocks),
            Err(Split::Impossible)
        );
    }

    #[test]
    fn decimals_and_units_stay_whole() {
        let any = |_: &[Decimal]| true;
        assert_eq!(run("7380.5元", 1, &any), Ok(vec!["7380.5元"]));
        // 3|95.5 or 39|5.5: the point stays inside a cell, still two ways.
        assert!(matches!(run("395.5", 2, &any), Err(Split::Ambiguous(c)) if c.len() == 2));
        assert!(
            well_formed("0")
                && well_formed("-18")
                && well_formed("0.5")
                && !well_formed("05")
                && !well_formed(".5")
        );
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// The cells from the start of `s` as the grammar defines them, one piece at a time: a
    /// well-formed piece that a `Decimal` holds, not followed by a decimal point.
    fn reference_ends(s: &str) -> Vec<(usize, Decimal)> {
        (1..=s.len())
            .filter(|&end| well_formed(&s[..end]) && s.as_bytes().get(end) != Some(&b'.'))
            .filter_map(|end| s[..end].parse::<Decimal>().ok().map(|v| (end, v)))
            .collect()
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

        /// Whatever the digits, a split keeps every digit, in order, in well-formed cells.
        #[test]
        fn splits_keep_every_digit(digits in "[0-9]{1,12}", cells in 1usize..8) {
            let text = digits.as_str();
            match split(text, std::slice::from_ref(&(0..text.len())), cells, &|_| true) {
                Split::Unique(ranges) => {
                    prop_assert_eq!(ranges.len(), cells);
                    let joined: String = ranges.iter().map(|r| &text[r.clone()]).collect();
                    prop_assert_eq!(joined, digits.clone());
                    prop_assert!(ranges.iter().all(|r| well_formed(&text[r.clone()])));
                }
                Split::Ambiguous(alternatives) => {
                    prop_assert!(alternatives.iter().all(|a| a.len() == cells));
                }
                Split::Impossible => {}
            }
        }
    }
}
