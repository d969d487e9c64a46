//! Numbers as reports print them, in nom.
//!
//! Grammar (over NFKC-normalised text, so full-width digits are already ASCII):
//!
//! ```text
//! decimal   = sign? digits ("," ddd)* ("." digits)?        4068.208 · +1036 · 1,234
//! cn_small  = [一二三四五六七八九]? "十" [一二三四五六七八九]? | [一二三四五六七八九]
//!                                                            (ordinals: 三 → 3, 十二 → 12)
//! unit      = "万元" | "元" | "人次" | "人" | "件" | "条" | "次" | "篇" | "个" | "项"
//! note      = "(" [^)]* ")"                                  22(其中修订16件)
//! marker    = "/" | dash+ | "无"
//! cell      = ws* (marker | decimal ws* unit? ws* note?)? ws*
//! ```

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while1};
use nom::character::complete::{char, digit1, one_of};
use nom::combinator::{all_consuming, consumed, map_res, opt, recognize, value, verify};
use nom::multi::many0;
use nom::sequence::delimited;
use nom::{IResult, Parser};
use ogi_model::{CellValue, Decimal, Marker, Quantity, Unit};
use std::ops::Range;

/// The result type of the grammar's parsers; nom stays inside the crate.
pub(crate) type PResult<'a, O> = IResult<&'a str, O>;

fn is_ws(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// `decimal = sign? digits ("," ddd)* ("." digits)?` — a number as tables print it.
///
/// Example from a 2021-format report (洪泽区): `7730.28`; from a 2019 table: `+1036`.
pub(crate) fn decimal(i: &str) -> PResult<'_, Decimal> {
    map_res(
        recognize((
            opt(one_of("+-")),
            digit1,
            many0((char(','), verify(digit1, |d: &str| d.len() == 3))),
            opt((char('.'), digit1)),
        )),
        |text: &str| text.replace(',', "").parse::<Decimal>(),
    )
    .parse(i)
}

/// One of 一 … 九.
fn cn_digit(i: &str) -> PResult<'_, u32> {
    alt((
        value(1, char('一')),
        value(2, alt((char('二'), char('两')))),
        value(3, char('三')),
        value(4, char('四')),
        value(5, char('五')),
        value(6, char('六')),
        value(7, char('七')),
        value(8, char('八')),
        value(9, char('九')),
    ))
    .parse(i)
}

/// `cn_small = cn_digit? "十" cn_digit? | cn_digit` — the number of an ordinal, 1–99.
///
/// Example: `十` in `十、政府信息公开会议和培训情况` is 10; `二十一` is 21.
pub(crate) fn cn_small(i: &str) -> PResult<'_, u32> {
    alt((
        (opt(cn_digit), char('十'), opt(cn_digit))
            .map(|(tens, _, ones)| tens.unwrap_or(1) * 10 + ones.unwrap_or(0)),
        cn_digit,
    ))
    .parse(i)
}

/// `unit` — a unit printed after a number inside a cell (`251000元`).
pub(crate) fn unit(i: &str) -> PResult<'_, Unit> {
    alt((
        value(Unit::TenThousandYuan, tag("万元")),
        value(Unit::Yuan, tag("元")),
        value(Unit::PersonTime, tag("人次")),
        value(Unit::Person, tag("人")),
        value(Unit::Case, tag("件")),
        value(Unit::Item, tag("条")),
        value(Unit::Times, tag("次")),
        value(Unit::Article, tag("篇")),
        value(Unit::Count, tag("个")),
        value(Unit::Entry, tag("项")),
    ))
    .parse(i)
}

fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '—' | '–' | '―' | '─' | '━' | '‐' | '‑' | '‒' | '﹣'
    )
}

/// `marker = "/" | dash+ | "无"` — a mark printed instead of a number.
///
/// Example: `—` in an HTML table cell, `/` in a 2019 table-2 cell.
pub(crate) fn marker(i: &str) -> PResult<'_, Marker> {
    alt((
        value(Marker::Slash, alt((tag("/"), tag("\\")))),
        value(Marker::Dash, take_while1(is_dash)),
        value(Marker::Nil, tag("无")),
    ))
    .parse(i)
}

/// `note = "(" [^)]* ")"` — a remark after a value (`(其中修订16件)`), returned without brackets.
fn note(i: &str) -> PResult<'_, &str> {
    delimited(char('('), take_while(|c| c != ')'), char(')')).parse(i)
}

/// A cell read by [`cell`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct CellText<'a> {
    pub(crate) value: CellValue,
    pub(crate) unit: Option<Unit>,
    pub(crate) note: Option<&'a str>,
    /// Where the number or marker stands in the cell text (empty for a blank cell).
    pub(crate) at: Range<usize>,
}

/// `cell = ws* (marker | decimal ws* unit? ws* note?)? ws*` — the whole text of one cell.
///
/// Example from seed 002: `0`; from a 2019 table: `251000元`; from a 2021 table:
/// `22(其中修订16件)`. Returns `None` when the text is not a cell value (a label, prose).
pub(crate) fn cell(text: &str) -> Option<CellText<'_>> {
    let start = text.len() - text.trim_start_matches(is_ws).len();
    let body = text.trim_matches(is_ws);
    if body.is_empty() {
        return Some(CellText {
            value: CellValue::Blank,
            unit: None,
            note: None,
            at: start..start,
        });
    }
    let parsed: PResult<'_, CellText<'_>> = alt((
        all_consuming(marker).map(|m| CellText {
            value: CellValue::Marker { marker: m },
            unit: None,
            note: None,
            at: 0..body.len(),
        }),
        all_consuming((
            consumed(decimal),
            take_while(is_ws),
            opt(unit),
            take_while(is_ws),
            opt(note),
        ))
        .map(|((digits, d), _, u, _, n)| CellText {
            value: CellValue::Number(Quantity::exact(d)),
            unit: u,
            note: n.map(str::trim),
            at: 0..digits.len(),
        }),
    ))
    .parse(body);
    parsed.ok().map(|(_, mut c)| {
        c.at = c.at.start + start..c.at.end + start;
        c
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn decimal_reads_prefix_and_leaves_rest() {
        assert_eq!(decimal("7730.28 |"), Ok((" |", d("7730.28"))));
        assert_eq!(decimal("+1036件"), Ok(("件", d("1036"))));
        assert_eq!(decimal("1,234,567条"), Ok(("条", d("1234567"))));
        // A comma not followed by three digits ends the number.
        assert_eq!(decimal("12,34"), Ok((",34", d("12"))));
        assert!(decimal("件").is_err());
    }

    #[test]
    fn cn_small_reads_ordinal_numbers() {
        assert_eq!(cn_small("三、收到"), Ok(("、收到", 3)));
        assert_eq!(cn_small("十、"), Ok(("、", 10)));
        assert_eq!(cn_small("十二)"), Ok((")", 12)));
        assert_eq!(cn_small("二十一"), Ok(("", 21)));
        assert!(cn_small("零").is_err());
    }

    #[test]
    fn cells() {
        let c = cell(" 0 ").unwrap();
        assert_eq!(c.value, CellValue::Number(Quantity::int(0)));
        assert_eq!(c.at, 1..2);
        let c = cell("251000元").unwrap();
        assert_eq!((c.unit, c.at), (Some(Unit::Yuan), 0..6));
        let c = cell("22(其中修订16件)").unwrap();
        assert_eq!(c.value, CellValue::Number(Quantity::int(22)));
        assert_eq!(c.note, Some("其中修订16件"));
        assert_eq!(cell("  ").unwrap().value, CellValue::Blank);
        assert_eq!(
            cell("——").unwrap().value,
            CellValue::Marker {
                marker: Marker::Dash
            }
        );
        assert_eq!(
            cell("/").unwrap().value,
            CellValue::Marker {
                marker: Marker::Slash
            }
        );
        assert_eq!(
            cell("无").unwrap().value,
            CellValue::Marker {
                marker: Marker::Nil
            }
        );
        assert_eq!(
            cell("4068.208万元").unwrap().unit,
            Some(Unit::TenThousandYuan)
        );
        assert_eq!(cell("规章"), None);
        assert_eq!(cell("12 34"), None);
        assert_eq!(cell("1.属于国家秘密"), None);
    }
}
