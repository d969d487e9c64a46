//! Dates as reports write them, and the repair of dates a scrape damaged.
//!
//! ```text
//! date     = year "年" month "月" day "日"        2019年1月31日 · 二〇一九年一月三十一日
//! iso      = yyyy ("-" | "/" | ".") m ("-" | "/" | ".") d     2019-02-19
//! dropped  = yyyy m{1,2} "月"                     20186月   (年 lost: 2018年6月)
//!          | yyyy digit{2,4}                      2019131   (年月日 lost: 2019年1月31日)
//! ```
//!
//! A damaged date is read only when one reading is possible; `2019111` (1月11日 or 11月1日)
//! is not read. Repairs are reported by the caller.

use crate::numeral::{PResult, numeral};
use nom::Parser;
use nom::branch::alt;
use nom::bytes::complete::take_while_m_n;
use nom::character::complete::{char, one_of, space0};
use nom::combinator::{map_res, verify};
use ogi_model::Date;

/// A date read from the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct DateRead {
    pub(crate) date: Date,
    /// Characters lost by the scrape were restored to read it.
    pub(crate) repaired: bool,
}

fn digits(min: usize, max: usize) -> impl FnMut(&str) -> PResult<'_, u32> {
    move |i| {
        map_res(
            take_while_m_n(min, max, |c: char| c.is_ascii_digit()),
            str::parse::<u32>,
        )
        .parse(i)
    }
}

/// A small whole number in Arabic or Chinese digits (月 and 日: `1`, `十二`, `三十一`).
fn small(i: &str) -> PResult<'_, u32> {
    let (rest, n) = numeral(i)?;
    let v = n
        .quantity
        .value
        .as_int()
        .filter(|v| (1..=31).contains(v) && !n.percent && !n.quantity.bound.is_approximate());
    match v.and_then(|v| u32::try_from(v).ok()) {
        Some(v) => Ok((rest, v)),
        None => Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        ))),
    }
}

fn year(i: &str) -> PResult<'_, u32> {
    let (rest, n) = numeral(i)?;
    match n
        .quantity
        .value
        .as_int()
        .filter(|y| (1990..=2100).contains(y))
    {
        Some(y) if !n.percent => Ok((rest, u32::try_from(y).unwrap_or_default())),
        _ => Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        ))),
    }
}

fn make(y: u32, m: u32, d: u32) -> Option<Date> {
    Date::new(
        u16::try_from(y).ok()?,
        u8::try_from(m).ok()?,
        u8::try_from(d).ok()?,
    )
    .ok()
}

/// `date = year "年" month "月" day "日"` (Arabic or Chinese digits).
///
/// Example from seed 001's signature: `2019年1月31日`; from a Pingtan report: `二○一二年二月二十日`.
fn full(i: &str) -> PResult<'_, DateRead> {
    map_res(
        (
            year,
            space0,
            char('年'),
            space0,
            small,
            space0,
            char('月'),
            space0,
            small,
            space0,
            char('日'),
        ),
        |(y, _, _, _, m, _, _, _, d, _, _)| {
            make(y, m, d)
                .map(|date| DateRead {
                    date,
                    repaired: false,
                })
                .ok_or(())
        },
    )
    .parse(i)
}

/// `iso = yyyy sep m sep d` — `2019-02-19` in a page's 日期 line.
fn iso(i: &str) -> PResult<'_, DateRead> {
    let (rest, (y, sep, m)) = (digits(4, 4), one_of("-/."), digits(1, 2)).parse(i)?;
    let (rest, (_, d)) = (char(sep), digits(1, 2)).parse(rest)?;
    // A time may follow; more digits may not.
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    match make(y, m, d) {
        Some(date) => Ok((
            rest,
            DateRead {
                date,
                repaired: false,
            },
        )),
        None => Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        ))),
    }
}

/// `yyyy m "月" d "日"` with 年 lost (`20186月30日`), or `yyyy digit{2,4}` with all three lost
/// (`2019131`), when exactly one reading is a real date.
fn dropped(i: &str) -> PResult<'_, DateRead> {
    let (rest, run) = take_while_m_n(5, 8, |c: char| c.is_ascii_digit())(i)?;
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    let fail = || nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify));
    let year: u32 = run[..4].parse().map_err(|_| fail())?;
    if !(1990..=2100).contains(&year) {
        return Err(fail());
    }
    let tail = &run[4..];
    // 年 lost, 月 kept: the month is the whole tail.
    if let Ok((after, (_, _))) = (char::<&str, nom::error::Error<&str>>('月'), space0).parse(rest)
    {
        let month: u32 = tail.parse().map_err(|_| fail())?;
        if !(1..=12).contains(&month) {
            return Err(fail());
        }
        let (after, day) = match (small, space0, char('日')).parse(after) {
            Ok((rest_after, (day, _, _))) => (rest_after, Some(day)),
            Err(_) => (after, None),
        };
        let date = make(year, month, day.unwrap_or(1)).ok_or_else(fail)?;
        // Without a day, a month is no date; the caller reads the year from it.
        return if day.is_some() {
            Ok((
                after,
                DateRead {
                    date,
                    repaired: true,
                },
            ))
        } else {
            Err(fail())
        };
    }
    // 年, 月 and 日 lost: every split of the tail into month and day.
    let readings: Vec<Date> = (1..tail.len())
        .filter_map(|k| {
            let (month, day) = tail.split_at(k);
            if month.starts_with('0') && month.len() > 1 || day.starts_with('0') && day.len() > 1 {
                return None;
            }
            make(year, month.parse().ok()?, day.parse().ok()?)
        })
        .collect();
    match readings.as_slice() {
        [date] => Ok((
            rest,
            DateRead {
                date: *date,
                repaired: true,
            },
        )),
        _ => Err(fail()),
    }
}

/// `date | iso | dropped` — a date at the start of `i`.
pub(crate) fn date(i: &str) -> PResult<'_, DateRead> {
    alt((full, iso, verify(dropped, |d: &DateRead| d.repaired))).parse(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> (&str, String, bool) {
        let (rest, r) = date(s).unwrap();
        (rest, r.date.to_string(), r.repaired)
    }

    #[test]
    fn dates() {
        assert_eq!(d("2019年1月31日。"), ("。", "2019-01-31".into(), false));
        assert_eq!(d("2023 年 1 月 9 日"), ("", "2023-01-09".into(), false));
        assert_eq!(
            d("二○一二年二月二十日 附件"),
            (" 附件", "2012-02-20".into(), false)
        );
        assert_eq!(d("2019-02-19 字号"), (" 字号", "2019-02-19".into(), false));
        assert_eq!(
            d("2021-03-05 08:58"),
            (" 08:58", "2021-03-05".into(), false)
        );
        assert!(date("2019年2月30日").is_err());
    }

    #[test]
    fn repairs_only_what_is_unambiguous() {
        assert_eq!(d("2019131"), ("", "2019-01-31".into(), true));
        assert_eq!(d("20186月30日"), ("", "2018-06-30".into(), true));
        // 1月11日 or 11月1日: not read.
        assert!(date("2019111").is_err());
        // A phone number or an amount is no date.
        assert!(date("20191234").is_err());
        assert!(date("1291351").is_err());
        // A month alone is no date.
        assert!(date("20186月市政务办").is_err());
    }
}
