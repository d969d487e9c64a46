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
//!
//! numeral   = before? ("百分之" number | number) scale? after? "%"?
//! number    = decimal | chinese ("点" cn_digits)?                 8635 · 三百 · 二〇一九 · 三点五
//! chinese   = [零〇○一二两三…九十百千万亿 壹贰…拾佰仟]+            evaluated positionally, or digit
//!                                                                 by digit when it has no 十百千万亿
//! scale     = "万" | "亿"                                          3.5万 · 8232万
//! before    = "约" | "大约" | "近" | "将近" | "接近" | "不到" | "不足" | "逾" | "超过"
//! after     = "余" | "馀" | "多" | "以上" | "左右" | "以内" | "以下"
//! ```
//!
//! A [`Numeral`] keeps the approximation as a [`Bound`]: 余/多/以上/逾/超过 are at least the
//! number, 近/不到/不足/以内/以下 at most, 约/左右 about it.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while1};
use nom::character::complete::{anychar, char, digit1, satisfy};
use nom::combinator::{all_consuming, consumed, map_opt, map_res, opt, recognize, value, verify};
use nom::multi::many0_count;
use nom::sequence::delimited;
use nom::{IResult, Parser};
use ogi_model::{Bound, CellValue, Decimal, Marker, Quantity, Unit};
use std::ops::Range;
use std::sync::LazyLock;

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
            opt(satisfy(|c| matches!(c, '+' | '-'))),
            digit1,
            many0_count((char(','), verify(digit1, |d: &str| d.len() == 3))),
            opt((char('.'), digit1)),
        )),
        |text: &str| {
            if text.contains(',') {
                text.replace(',', "").parse::<Decimal>()
            } else {
                text.parse::<Decimal>()
            }
        },
    )
    .parse(i)
}

/// `cn_digit = "一" | "二" | "两" | … | "九"`, read with one look at the next character.
///
/// Example: `三` in `三、收到和处理政府信息公开申请情况` is 3.
fn cn_digit(i: &str) -> PResult<'_, u32> {
    map_opt(anychar, small_digit).parse(i)
}

/// The value of a digit of [`cn_digit`] (`三` → 3), or `None`.
pub(crate) fn small_digit(c: char) -> Option<u32> {
    Some(match c {
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
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

/// `unit = 万元 | 元 | 人次 | 件次 | 人 | 件 | …` — a unit of the vocabulary ([`Unit`]), printed
/// after a number inside a cell (`251000元`) or in a 统计表's unit column (`人次`).
pub(crate) fn unit(i: &str) -> PResult<'_, Unit> {
    // The vocabulary's units, longest first (`人次` before `人`, `万元` before `元`).
    static UNITS: LazyLock<Vec<Unit>> = LazyLock::new(|| {
        let mut units = Unit::ALL.to_vec();
        units.sort_by_key(|u| std::cmp::Reverse(u.label().len()));
        units
    });
    // Most texts open with no unit's first character: told without comparing every unit.
    let found = if i.chars().next().is_some_and(opens_unit) {
        UNITS.iter().find(|u| i.starts_with(u.label()))
    } else {
        None
    };
    match found {
        Some(u) => Ok((&i[u.label().len()..], *u)),
        None => Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Tag,
        ))),
    }
}

/// Whether `c` opens a unit of the vocabulary.
pub(crate) fn opens_unit(c: char) -> bool {
    static FIRSTS: LazyLock<Vec<char>> = LazyLock::new(|| {
        Unit::ALL
            .iter()
            .filter_map(|u| u.label().chars().next())
            .collect()
    });
    FIRSTS.contains(&c)
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
    // Spaces and tabs trimmed byte by byte (each is one byte, never part of another character).
    let bytes = text.as_bytes();
    let start = bytes
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t'))
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !matches!(b, b' ' | b'\t'))
        .map_or(start, |i| i + 1);
    let body = &text[start..end];
    if body.is_empty() {
        return Some(CellText {
            value: CellValue::Blank,
            unit: None,
            note: None,
            at: start..start,
        });
    }
    // Most cells are plain digits: read them without the grammar.
    if body.len() <= 18
        && body.bytes().all(|b| b.is_ascii_digit())
        && (body == "0" || !body.starts_with('0'))
    {
        // At most 18 digits: no overflow of an i64.
        let value = body.bytes().fold(0i64, |m, b| m * 10 + i64::from(b - b'0'));
        return Some(CellText {
            value: CellValue::Number(Quantity::exact(Decimal::from_int(value))),
            unit: None,
            note: None,
            at: start..start + body.len(),
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

/// The value of a Chinese digit, or `None` (零 and its forms are 0).
fn cn_digit_value(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' | '○' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '兩' | '贰' | '貳' => 2,
        '三' | '叁' | '參' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' | '陸' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// The power of ten of a Chinese unit character.
fn cn_unit(c: char) -> Option<u32> {
    Some(match c {
        '十' | '拾' => 1,
        '百' | '佰' => 2,
        '千' | '仟' => 3,
        '万' | '萬' => 4,
        '亿' | '億' => 8,
        _ => return None,
    })
}

/// Whether `c` is a Chinese digit or unit character of the numeral grammar.
pub(crate) fn is_cn_numeral(c: char) -> bool {
    cn_digit_value(c).is_some() || cn_unit(c).is_some()
}

/// Evaluates a run of Chinese numeral characters: positionally (三千五百零八, 十二, 两万,
/// 八千二百三十二万), or digit by digit when it has no unit (二〇一九). `None` for runs that are
/// no number (二二, 十十, 万).
fn cn_value(run: &str) -> Option<u64> {
    if run.chars().all(|c| cn_digit_value(c).is_some()) {
        // Digit by digit: years and codes (二〇一九, 二○一二, 一九九九); a single digit is itself.
        // Two or three digits without a zero are a range (二三十 is 20 to 30), not a number.
        let zero = run.chars().any(|c| cn_digit_value(c) == Some(0));
        let len = run.chars().count();
        if len > 1 && len != 4 && !zero {
            return None;
        }
        return run.chars().try_fold(0u64, |acc, c| {
            acc.checked_mul(10)?.checked_add(cn_digit_value(c)?)
        });
    }
    // Positional: `yi` holds whole 亿s, `wan` whole 万s, `section` the part below 万.
    let (mut yi, mut wan, mut section, mut digit): (u64, u64, u64, Option<u64>) = (0, 0, 0, None);
    let mut last_unit = u32::MAX;
    for c in run.chars() {
        if let Some(d) = cn_digit_value(c) {
            if digit.is_some_and(|p| p != 0) && d != 0 {
                return None; // two digits without a unit between them
            }
            digit = Some(d);
            continue;
        }
        let power = cn_unit(c)?;
        match power {
            1..=3 => {
                // Inside a section units fall (千 > 百 > 十); a bare 十/百/千 is one of it.
                if power >= last_unit && last_unit <= 3 {
                    return None;
                }
                let d = digit.take().filter(|d| *d != 0).unwrap_or(1);
                section = section.checked_add(d.checked_mul(10u64.pow(power))?)?;
                last_unit = power;
            }
            4 => {
                let part = section + digit.take().unwrap_or(0);
                if part == 0 && wan == 0 && yi == 0 {
                    return None;
                }
                wan = wan.checked_add(part.max(u64::from(part == 0 && yi > 0)))?;
                section = 0;
                last_unit = u32::MAX;
            }
            _ => {
                let part = wan
                    .checked_mul(10_000)?
                    .checked_add(section + digit.take().unwrap_or(0))?;
                if part == 0 {
                    return None;
                }
                yi = yi.checked_add(part)?;
                wan = 0;
                section = 0;
                last_unit = u32::MAX;
            }
        }
    }
    let below = section + digit.unwrap_or(0);
    yi.checked_mul(100_000_000)?
        .checked_add(wan.checked_mul(10_000)?)?
        .checked_add(below)
}

/// `chinese ("点" cn_digits)?` — a number in Chinese characters.
///
/// Example: `三百` in `受理申请三百余件`; `二〇一九` in `二〇一九年度`.
fn chinese(i: &str) -> PResult<'_, Decimal> {
    let (rest, run) = take_while1(is_cn_numeral)(i)?;
    let value = cn_value(run)
        .and_then(|v| i64::try_from(v).ok())
        .ok_or_else(|| nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify)))?;
    // A decimal part: 三点五.
    if let Ok((after, frac)) = nom::sequence::preceded(
        char::<&str, nom::error::Error<&str>>('点'),
        take_while1(|c| cn_digit_value(c).is_some()),
    )
    .parse(rest)
    {
        let digits: String = frac
            .chars()
            .filter_map(cn_digit_value)
            .map(|d| char::from(b'0' + d as u8))
            .collect();
        if let Ok(d) = format!("{value}.{digits}").parse::<Decimal>() {
            return Ok((after, d));
        }
    }
    Ok((rest, Decimal::from_int(value)))
}

/// A number as prose states it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Numeral {
    pub(crate) quantity: Quantity,
    /// Stated as a percentage (`71.3%`, `百分之十`).
    pub(crate) percent: bool,
}

/// The words of `before`, in the order they are tried (a longer word before the word it ends with).
const BEFORE: &[(&str, Bound)] = &[
    ("大约", Bound::About),
    ("约", Bound::About),
    ("将近", Bound::AtMost),
    ("接近", Bound::AtMost),
    ("近", Bound::AtMost),
    ("不到", Bound::AtMost),
    ("不足", Bound::AtMost),
    ("超过", Bound::AtLeast),
    ("逾", Bound::AtLeast),
];

/// `before = "约" | "大约" | "近" | "将近" | "接近" | "不到" | "不足" | "逾" | "超过"`: an
/// approximation word in front of a number (`约1.2万条`). Read from one table ([`BEFORE`]),
/// which also tells the narrative reader where a number may start ([`bound_words`]).
pub(crate) fn bound_before(i: &str) -> PResult<'_, Bound> {
    bound_word(BEFORE, i)
}

/// The first of `words` that `i` opens with, as its bound.
fn bound_word<'a>(words: &[(&str, Bound)], i: &'a str) -> PResult<'a, Bound> {
    words
        .iter()
        .find_map(|(word, bound)| i.strip_prefix(word).map(|rest| (rest, *bound)))
        .ok_or_else(|| nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Tag)))
}

/// The words of `before`, for scans that look for where a number may start.
pub(crate) fn bound_words() -> impl Iterator<Item = &'static str> {
    BEFORE.iter().map(|(word, _)| *word)
}

/// The words of `after`, in the order they are tried.
const AFTER: &[(&str, Bound)] = &[
    ("余", Bound::AtLeast),
    ("馀", Bound::AtLeast),
    ("餘", Bound::AtLeast),
    ("多", Bound::AtLeast),
    ("以上", Bound::AtLeast),
    ("左右", Bound::About),
    ("以内", Bound::AtMost),
    ("以下", Bound::AtMost),
];

/// `after = "余" | "馀" | "多" | "以上" | "左右" | "以内" | "以下"`: an approximation word after a
/// number (`300余条`), read from one table ([`AFTER`]).
fn bound_after(i: &str) -> PResult<'_, Bound> {
    bound_word(AFTER, i)
}

/// `scale = "万" | "亿"` after Arabic digits, as a power of ten.
fn scale(i: &str) -> PResult<'_, u8> {
    alt((
        value(4u8, alt((char('万'), char('萬')))),
        value(8u8, alt((char('亿'), char('億')))),
    ))
    .parse(i)
}

/// `numeral = before? ("百分之" number | number) scale? after? "%"?` — a number in prose.
///
/// Examples from real reports: `1683` in `全年公开发布各类信息1683条`; `300余` in
/// `答复群众咨询300余条`; `近3万` in `访问量近3万余人次`; `约9.8亿` in `累计交易金额约9.8亿元`;
/// `71.3%` in `占71.3%`; `二〇一二` in `二〇一二年二月二十日`.
pub(crate) fn numeral(i: &str) -> PResult<'_, Numeral> {
    let (i, before) = opt(bound_before).parse(i)?;
    let (i, per_cent_of) = opt(tag("百分之")).parse(i)?;
    let (i, arabic_value) = opt(decimal).parse(i)?;
    let (i, value) = match arabic_value {
        Some(v) => (i, v),
        None => chinese(i)?,
    };
    // A scale after the digits (3.5万, 三点五万); a Chinese integer has read its own.
    let (i, shift) = opt((take_while(is_ws), scale)).parse(i)?;
    let (i, value, shifted) = match shift {
        Some((_, exp)) => {
            let shifted = value.checked_shift(exp).ok_or_else(|| {
                nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::TooLarge))
            })?;
            (i, shifted, true)
        }
        None => (i, value, false),
    };
    // 余 may stand before the scale too (`50余万`); then the scale follows.
    let (i, after) = opt(bound_after).parse(i)?;
    let (i, value) = match (after, shifted, arabic_value.is_some()) {
        (Some(_), false, true) => match opt(scale).parse(i)? {
            (i, Some(exp)) => (i, value.checked_shift(exp).unwrap_or(value)),
            (i, None) => (i, value),
        },
        _ => (i, value),
    };
    let (i, after) = match after {
        Some(b) => (i, Some(b)),
        None => opt(bound_after).parse(i)?,
    };
    let (i, pct) = opt(alt((char('%'), char('％')))).parse(i)?;
    // 近3万余: the prefix speaks louder than the suffix.
    let bound = before.or(after).unwrap_or(Bound::Exact);
    Ok((
        i,
        Numeral {
            quantity: Quantity { value, bound },
            percent: per_cent_of.is_some() || pct.is_some(),
        },
    ))
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

    fn n(s: &str) -> (&str, String, Bound, bool) {
        let (rest, v) = numeral(s).unwrap();
        (
            rest,
            v.quantity.value.to_string(),
            v.quantity.bound,
            v.percent,
        )
    }

    #[test]
    fn chinese_numbers() {
        assert_eq!(n("三百余件"), ("件", "300".into(), Bound::AtLeast, false));
        assert_eq!(n("十二条"), ("条", "12".into(), Bound::Exact, false));
        assert_eq!(n("两千三百"), ("", "2300".into(), Bound::Exact, false));
        assert_eq!(n("一万零五"), ("", "10005".into(), Bound::Exact, false));
        assert_eq!(
            n("三千五百万元"),
            ("元", "35000000".into(), Bound::Exact, false)
        );
        assert_eq!(
            n("八千二百三十二万"),
            ("", "82320000".into(), Bound::Exact, false)
        );
        assert_eq!(n("一百零八"), ("", "108".into(), Bound::Exact, false));
        assert_eq!(n("二〇一九年"), ("年", "2019".into(), Bound::Exact, false));
        assert_eq!(n("二○一二年"), ("年", "2012".into(), Bound::Exact, false));
        assert_eq!(n("百余人"), ("人", "100".into(), Bound::AtLeast, false));
        assert_eq!(n("三点五万"), ("", "35000".into(), Bound::Exact, false));
        assert_eq!(
            n("一亿二千万"),
            ("", "120000000".into(), Bound::Exact, false)
        );
        assert!(numeral("二二").is_err());
        assert!(numeral("十十").is_err());
        assert!(numeral("万").is_err());
    }

    #[test]
    fn arabic_numbers_scales_and_bounds() {
        assert_eq!(n("1683条"), ("条", "1683".into(), Bound::Exact, false));
        assert_eq!(n("300余条"), ("条", "300".into(), Bound::AtLeast, false));
        assert_eq!(
            n("近3万余人次"),
            ("人次", "30000".into(), Bound::AtMost, false)
        );
        assert_eq!(
            n("约9.8亿元"),
            ("元", "980000000".into(), Bound::About, false)
        );
        assert_eq!(n("3.5万"), ("", "35000".into(), Bound::Exact, false));
        assert_eq!(n("536 万"), ("", "5360000".into(), Bound::Exact, false));
        assert_eq!(
            n("50余万元"),
            ("元", "500000".into(), Bound::AtLeast, false)
        );
        assert_eq!(n("20左右"), ("", "20".into(), Bound::About, false));
        assert_eq!(n("不到10件"), ("件", "10".into(), Bound::AtMost, false));
        assert_eq!(n("71.3%"), ("", "71.3".into(), Bound::Exact, true));
        assert_eq!(n("百分之十"), ("", "10".into(), Bound::Exact, true));
        assert_eq!(n("+1036"), ("", "1036".into(), Bound::Exact, false));
        assert_eq!(n("-18538"), ("", "-18538".into(), Bound::Exact, false));
        assert!(numeral("件").is_err());
    }

    proptest::proptest! {
        /// Numbers rendered by the chinese-number crate (simplified and traditional, lower and
        /// financial upper case) read back as themselves, with nothing left over.
        #[test]
        fn round_trips_chinese_number(n in 0u64..1_000_000_000_000, variant in 0..2usize, case in 0..2usize) {
            use chinese_number::{ChineseCase, ChineseCountMethod, ChineseVariant, NumberToChinese};
            let variant = [ChineseVariant::Simple, ChineseVariant::Traditional][variant];
            let case = [ChineseCase::Lower, ChineseCase::Upper][case];
            let text = n.to_chinese(variant, case, ChineseCountMethod::TenThousand).unwrap();
            let (rest, v) = numeral(&text).unwrap();
            proptest::prop_assert_eq!(rest, "");
            proptest::prop_assert_eq!(v.quantity.value, Decimal::from_int(i64::try_from(n).unwrap()), "{}", text);
        }
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
