//! Settling glued digit runs with the identities that hold across rows.
//!
//! A row of table 三 split on its own identity can leave two splits (`220000022`: `22 0 0 0 0 0
//! 22` or `2 20 0 0 0 0 22`). The column identities — 一+二 = (七)+四, the outcome rows summing to
//! (七), the 统计表's parts summing to their totals — often leave one combination of the
//! rows' splits. It is taken only when exactly one combination breaks no identity that can be
//! assessed.

use ogi_model::Decimal;

/// Most combinations of alternative splits examined.
const MAX_COMBINATIONS: usize = 50_000;

/// Values by row and column index: the rows still to settle take the alternative chosen.
pub(crate) type Lookup<'a, R> = &'a dyn Fn(R, usize) -> Option<Decimal>;

/// Chooses one alternative for each pending row (`(row, alternatives)`, each alternative the
/// row's values by column), the only choice under which `holds` — every identity that can be
/// assessed with `fixed` values and the choice — is true. `None` when no choice or several do.
pub(crate) fn resolve<R: Copy + PartialEq>(
    pending: &[(R, Vec<Vec<Decimal>>)],
    fixed: Lookup<'_, R>,
    holds: &dyn Fn(Lookup<'_, R>) -> bool,
) -> Option<Vec<usize>> {
    if pending.is_empty() || pending.iter().any(|(_, alts)| alts.is_empty()) {
        return None;
    }
    let total: usize = pending
        .iter()
        .try_fold(1usize, |acc, (_, alts)| acc.checked_mul(alts.len()))?;
    if total > MAX_COMBINATIONS {
        return None;
    }
    let mut choice = vec![0usize; pending.len()];
    let mut found: Option<Vec<usize>> = None;
    for _ in 0..total {
        let lookup = |row: R, col: usize| match pending.iter().position(|(r, _)| *r == row) {
            Some(i) => pending[i].1[choice[i]].get(col).copied(),
            None => fixed(row, col),
        };
        if holds(&lookup) {
            if found.is_some() {
                return None;
            }
            found = Some(choice.clone());
        }
        // Next combination (odometer).
        for (i, c) in choice.iter_mut().enumerate() {
            *c += 1;
            if *c < pending[i].1.len() {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn d(v: i64) -> Decimal {
        Decimal::from_int(v)
    }

    #[test]
    fn one_combination_satisfies_the_column_identity() {
        // Rows a and b are ambiguous; c is fixed; identity: a + b = c in column 0.
        let pending = vec![
            ("a", vec![vec![d(22)], vec![d(2)]]),
            ("b", vec![vec![d(19)], vec![d(1)]]),
        ];
        let fixed = |r: &str, _c: usize| (r == "c").then(|| d(41));
        let holds =
            |v: Lookup<'_, &str>| sums_to(v("c", 0), &[v("a", 0), v("b", 0)]) != Some(false);
        assert_eq!(resolve(&pending, &fixed, &holds), Some(vec![0, 0]));
        // With c = 21 two choices hold (2+19, 22+... no: 2+19 = 21 only) — and with c unknown, all.
        let unknown = |_: &str, _: usize| None;
        assert_eq!(resolve(&pending, &unknown, &holds), None);
    }
}
