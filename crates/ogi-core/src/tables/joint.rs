//! Settling rows that read several ways with the identities that hold across rows.
//!
//! A row of table 三 read on its own identity can leave two readings (`220000022`: `22 0 0 0 0 0
//! 22` or `2 20 0 0 0 0 22`). The column identities of the registry — 一+二 = (七)+四, the
//! outcome rows summing to (七), the 统计表's parts summing to their totals — often leave one
//! combination of the rows' readings. It is taken only when exactly one combination breaks no
//! identity that can be assessed.

use ogi_model::template::{IdentitySpec, Shape};
use ogi_model::{Decimal, Format};

/// Most combinations of alternative readings examined.
const MAX_COMBINATIONS: usize = 50_000;

/// Values by row and column index (a blank as 0): the rows still to settle take the
/// alternative chosen.
pub(crate) type Lookup<'a, R> = &'a dyn Fn(R, usize) -> Option<Decimal>;

/// Chooses one alternative for each pending row (`(row, alternatives)`, each alternative the
/// row's values by column), the only choice under which `holds` — every identity that can be
/// assessed with `fixed` values and the choice — is true. `None` when no choice or several do.
pub(crate) fn resolve<R: Copy + PartialEq>(
    pending: &[(R, Vec<Vec<Option<Decimal>>>)],
    fixed: Lookup<'_, R>,
    holds: &dyn Fn(Lookup<'_, R>) -> bool,
) -> Option<Vec<usize>> {
    resolve_tied(pending, &vec![None; pending.len()], fixed, holds)
}

/// [`resolve`], the pending rows that `ties` names alike (rows of one page laid out anew,
/// whose k-th alternatives are their readings under one move of the page) taking their
/// alternatives together: the k-th of each, never the k-th of one and another of the next.
pub(crate) fn resolve_tied<R: Copy + PartialEq>(
    pending: &[(R, Vec<Vec<Option<Decimal>>>)],
    ties: &[Option<u32>],
    fixed: Lookup<'_, R>,
    holds: &dyn Fn(Lookup<'_, R>) -> bool,
) -> Option<Vec<usize>> {
    if pending.is_empty()
        || ties.len() != pending.len()
        || pending.iter().any(|(_, alts)| alts.is_empty())
    {
        return None;
    }
    // The choices made: one per row, or one per tie (its rows' alternatives alike in number).
    let mut unit_of: Vec<usize> = Vec::with_capacity(pending.len());
    let mut units: Vec<(Option<u32>, usize)> = Vec::new();
    for ((_, alts), tie) in pending.iter().zip(ties) {
        match units.iter().position(|(t, _)| tie.is_some() && t == tie) {
            Some(u) if units[u].1 == alts.len() => unit_of.push(u),
            Some(_) => return None,
            None => {
                unit_of.push(units.len());
                units.push((*tie, alts.len()));
            }
        }
    }
    let total: usize = units
        .iter()
        .try_fold(1usize, |acc, (_, n)| acc.checked_mul(*n))?;
    if total > MAX_COMBINATIONS {
        return None;
    }
    let mut choice = vec![0usize; units.len()];
    let mut found: Option<Vec<usize>> = None;
    for _ in 0..total {
        let lookup = |row: R, col: usize| match pending.iter().position(|(r, _)| *r == row) {
            Some(i) => pending[i].1[choice[unit_of[i]]].get(col).copied().flatten(),
            None => fixed(row, col),
        };
        if holds(&lookup) {
            if found.is_some() {
                return None;
            }
            found = Some(unit_of.iter().map(|u| choice[*u]).collect());
        }
        // Next combination (odometer).
        for (c, (_, n)) in choice.iter_mut().zip(&units) {
            *c += 1;
            if *c < *n {
                break;
            }
            *c = 0;
        }
    }
    found
}

/// `total = Σ parts` when every value is known; `None` when it cannot be assessed.
pub(crate) fn sums_to(total: Option<Decimal>, parts: &[Option<Decimal>]) -> Option<bool> {
    let total = total?;
    let sum = parts
        .iter()
        .try_fold(Decimal::ZERO, |acc, p| acc.checked_add((*p)?))?;
    Some(sum == total)
}

/// The sum of `keys`' values in column `c`, when every one is known.
fn side<R: Copy>(keys: &[R], c: usize, value: Lookup<'_, R>) -> Option<Decimal> {
    keys.iter()
        .try_fold(Decimal::ZERO, |acc, r| acc.checked_add(value(*r, c)?))
}

/// Whether every column identity of `identities` that holds in `generation` holds in each of
/// the `columns` columns where it can be assessed (the [`Shape::Columns`] ones: rows adding up
/// to rows).
pub(crate) fn columns_hold<R: Copy, C>(
    identities: &[IdentitySpec<R, C>],
    generation: Format,
    columns: usize,
    value: Lookup<'_, R>,
) -> bool {
    identities
        .iter()
        .filter(|i| i.generations.contains(generation))
        .all(|i| match i.shape {
            Shape::Columns { lhs, rhs } => {
                (0..columns).all(|c| match (side(lhs, c, value), side(rhs, c, value)) {
                    (Some(a), Some(b)) => a == b,
                    _ => true,
                })
            }
            Shape::Rows { .. } | Shape::Parts => true,
        })
}

/// Whether `values` (one row, by column) keep every row identity of `identities` over the
/// table's `columns` that can be assessed (the [`Shape::Rows`] ones), and no value of a column
/// that `signed` says holds counts is negative.
#[cfg(test)]
pub(crate) fn row_holds<R, C: Copy + PartialEq>(
    identities: &[IdentitySpec<R, C>],
    columns: &[C],
    signed: &dyn Fn(C) -> bool,
    values: &[Option<Decimal>],
) -> bool {
    RowCheck::new(identities, columns, signed).holds(values)
}

/// The row identities of a table over the columns it prints, by column index: what
/// [`RowCheck::holds`] asks of a row's values, looked up once per table rather than once per
/// reading (the digit-run solver asks it of thousands of partial readings).
pub(crate) struct RowCheck {
    /// Each assessable identity: the indices of its left-hand and right-hand columns.
    sums: Vec<(Vec<usize>, Vec<usize>)>,
    /// By identity: its last column (0 for none).
    last: Vec<usize>,
    /// By column: whether its values count things (no negative value).
    counts: Vec<bool>,
}

impl RowCheck {
    /// The [`Shape::Rows`] identities of `identities` whose every column the table prints
    /// (`columns`, in printed order), and the columns that `signed` does not allow negative.
    pub(crate) fn new<R, C: Copy + PartialEq>(
        identities: &[IdentitySpec<R, C>],
        columns: &[C],
        signed: &dyn Fn(C) -> bool,
    ) -> Self {
        let index = |cs: &[C]| -> Option<Vec<usize>> {
            cs.iter()
                .map(|c| columns.iter().position(|k| k == c))
                .collect()
        };
        let sums: Vec<(Vec<usize>, Vec<usize>)> = identities
            .iter()
            .filter_map(|i| match i.shape {
                Shape::Rows { lhs, rhs } => Some((index(lhs)?, index(rhs)?)),
                Shape::Columns { .. } | Shape::Parts => None,
            })
            .collect();
        let last = sums
            .iter()
            .map(|(lhs, rhs)| lhs.iter().chain(rhs).max().copied().unwrap_or(0))
            .collect();
        Self {
            sums,
            last,
            counts: columns.iter().map(|c| !signed(*c)).collect(),
        }
    }

    /// The number of columns it checks.
    pub(crate) fn width(&self) -> usize {
        self.counts.len()
    }

    /// By column: whether its values count things (no negative value).
    pub(crate) fn counts(&self) -> &[bool] {
        &self.counts
    }

    /// After how many cells of a row each identity can be assessed (one past its last column).
    pub(crate) fn assessable_after(&self) -> impl Iterator<Item = usize> + '_ {
        self.sums
            .iter()
            .map(|(lhs, rhs)| lhs.iter().chain(rhs).max().map_or(0, |last| last + 1))
    }

    /// Whether `values` (one row, by column; a value missing or unknown is not assessed) keep
    /// every identity that can be assessed, with no negative count.
    #[cfg(test)]
    pub(crate) fn holds(&self, values: &[Option<Decimal>]) -> bool {
        self.holds_since(values, 0)
    }

    /// [`RowCheck::holds`] of `values` asked only of the signs of the values from `from` on
    /// and the identities with a column there: what `holds` answers when the values before
    /// `from`, with the rest unknown, are known to hold.
    pub(crate) fn holds_since(&self, values: &[Option<Decimal>], from: usize) -> bool {
        let negative = self
            .counts
            .iter()
            .zip(values)
            .skip(from)
            .any(|(counts, v)| *counts && v.is_some_and(Decimal::is_negative));
        if negative {
            return false;
        }
        let sum = |cs: &[usize]| -> Option<Decimal> {
            cs.iter().try_fold(Decimal::ZERO, |acc, c| {
                acc.checked_add(values.get(*c).copied().flatten()?)
            })
        };
        // The solver asks mostly of partial readings: a side not known yet leaves the other
        // side unsummed.
        self.sums
            .iter()
            .zip(&self.last)
            .filter(|(_, last)| **last >= from)
            .all(|((lhs, rhs), _)| {
                let Some(a) = sum(lhs) else {
                    return true;
                };
                sum(rhs).is_none_or(|b| a == b)
            })
    }

    /// Whether `values`, the first cells of a row of `n` (the others still to be read, each an
    /// integer of magnitude `most` at most, and all of them together of magnitude `budget` at
    /// most), may still keep every identity with a cell not read yet: whether its two sides can
    /// still be equal, a cell that counts things being 0 or more. An identity that cannot be
    /// assessed stays possible: a value read as a marker or a fraction, a column past `n` (never
    /// read), sides whose sums could overflow (the check then leaves the identity unassessed).
    /// The identities wholly read are not asked.
    pub(crate) fn may_hold(
        &self,
        values: &[Option<Decimal>],
        n: usize,
        most: i128,
        budget: i128,
    ) -> bool {
        let read = values.len();
        self.sums.iter().zip(&self.last).all(|((lhs, rhs), &last)| {
            if last < read || last >= n {
                return true;
            }
            // The range of lhs − rhs: each side its known sum, widened by what the cells not
            // read yet can add (those that count things only upward).
            let (mut low, mut high) = (0i128, 0i128);
            for (side, sign) in [(lhs, 1i128), (rhs, -1i128)] {
                let (mut known, mut magnitude) = (0i128, 0i128);
                let (mut counting, mut signed) = (0i128, 0i128);
                for &c in side {
                    match values.get(c) {
                        Some(Some(v)) if v.scale() == 0 => {
                            let v = i128::from(v.mantissa());
                            known += v;
                            magnitude += v.abs();
                        }
                        Some(_) => return true,
                        None if self.counts.get(c).copied().unwrap_or(false) => counting += 1,
                        None => signed += 1,
                    }
                }
                magnitude += (counting + signed) * most;
                if magnitude > i128::from(i64::MAX) {
                    return true;
                }
                let up = ((counting + signed) * most).min(budget);
                let down = (signed * most).min(budget);
                if sign > 0 {
                    low += known - down;
                    high += known + up;
                } else {
                    low -= known + up;
                    high -= known - down;
                }
            }
            low <= 0 && 0 <= high
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[allow(clippy::unnecessary_wraps)] // Values are optional by column.
    fn d(v: i64) -> Option<Decimal> {
        Some(Decimal::from_int(v))
    }

    #[test]
    fn one_combination_satisfies_the_column_identity() {
        // Rows a and b are ambiguous; c is fixed; identity: a + b = c in column 0.
        let pending = vec![
            ("a", vec![vec![d(22)], vec![d(2)]]),
            ("b", vec![vec![d(19)], vec![d(1)]]),
        ];
        let fixed = |r: &str, _c: usize| if r == "c" { d(41) } else { None };
        let holds =
            |v: Lookup<'_, &str>| sums_to(v("c", 0), &[v("a", 0), v("b", 0)]) != Some(false);
        assert_eq!(resolve(&pending, &fixed, &holds), Some(vec![0, 0]));
        // With c unknown, every choice holds: none is taken.
        let unknown = |_: &str, _: usize| None;
        assert_eq!(resolve(&pending, &unknown, &holds), None);
    }

    /// Rows of one page take their alternatives together: the only combination keeping the
    /// identity mixes the first of one row with the second of the other, which rows tied to one
    /// page cannot take; rows not tied take it.
    #[test]
    fn tied_rows_take_their_alternatives_together() {
        let pending = vec![
            ("a", vec![vec![d(1)], vec![d(2)]]),
            ("b", vec![vec![d(9)], vec![d(3)]]),
        ];
        let fixed = |r: &str, _c: usize| if r == "c" { d(4) } else { None };
        let holds =
            |v: Lookup<'_, &str>| sums_to(v("c", 0), &[v("a", 0), v("b", 0)]) != Some(false);
        assert_eq!(resolve(&pending, &fixed, &holds), Some(vec![0, 1]));
        assert_eq!(
            resolve_tied(&pending, &[Some(7), Some(7)], &fixed, &holds),
            None
        );
        // Tied, the second of both keeps it when c is 5.
        let five = |r: &str, _c: usize| if r == "c" { d(5) } else { None };
        assert_eq!(
            resolve_tied(&pending, &[Some(7), Some(7)], &five, &holds),
            Some(vec![1, 1])
        );
        // Rows of one tie with alternatives unlike in number are not settled.
        let uneven = vec![("a", vec![vec![d(1)], vec![d(2)]]), ("b", vec![vec![d(3)]])];
        assert_eq!(
            resolve_tied(&uneven, &[Some(7), Some(7)], &five, &holds),
            None
        );
    }

    #[test]
    fn identities_bound_the_cells_still_to_read() {
        use ogi_model::{RequestColumn as C, requests};
        let check = RowCheck::new(requests::IDENTITIES, requests::TEMPLATE_COLUMNS, &|_: C| {
            false
        });
        let read = [d(300), d(1)];
        // 总计 is at least 301: no cell of two digits makes it.
        assert!(!check.may_hold(&read, 7, 99, i128::MAX));
        assert!(check.may_hold(&read, 7, 999, i128::MAX));
        // A marker read leaves its identities unassessed; a column never read too.
        assert!(check.may_hold(&[d(300), None], 7, 99, i128::MAX));
        assert!(check.may_hold(&read, 6, 99, i128::MAX));
        // Cells of three digits each, but all of them together no more than 300: 总计 (at least
        // 301) cannot be read from them.
        assert!(!check.may_hold(&read, 7, 999, 300));
        assert!(check.may_hold(&read, 7, 999, 301));
    }

    #[test]
    fn registry_identities_decide() {
        use ogi_model::{RequestColumn as C, RequestRow as R, requests};
        let columns = requests::TEMPLATE_COLUMNS;
        let row = |v: [i64; 7]| v.iter().map(|x| d(*x)).collect::<Vec<_>>();
        let counts = |_: C| false;
        assert!(row_holds(
            requests::IDENTITIES,
            columns,
            &counts,
            &row([3, 1, 0, 0, 0, 0, 4])
        ));
        assert!(!row_holds(
            requests::IDENTITIES,
            columns,
            &counts,
            &row([3, 1, 0, 0, 0, 0, 5])
        ));
        assert!(!row_holds(
            requests::IDENTITIES,
            columns,
            &counts,
            &row([-1, 1, 0, 0, 0, 0, 0])
        ));
        // 一 + 二 = (七) + 四 in every column.
        let value = |r: R, _c: usize| match r {
            R::NewReceived => d(5),
            R::CarriedOver => d(1),
            R::TotalHandled => d(4),
            R::CarriedForward => d(2),
            _ => None,
        };
        assert!(columns_hold(requests::IDENTITIES, Format::V2021, 7, &value));
        let wrong = |r: R, c: usize| {
            if r == R::CarriedForward {
                d(3)
            } else {
                value(r, c)
            }
        };
        assert!(!columns_hold(
            requests::IDENTITIES,
            Format::V2021,
            7,
            &wrong
        ));
    }
}
