//! Who published a report, and for which year.
//!
//! The year the statistics cover is read, in order of trust, from the title, from the
//! 统计期限 sentence, from a phrase naming the year's report (`编制公布2020年政府信息公开工作
//! 年度报告`), and last from the years that open the body's sentences. The agency is the title's
//! text before its year.

use crate::date::{self, DateRead};
use crate::layout::Block;
use crate::numeral::PResult;
use crate::text::{Text, floor_boundary, window};
use nom::Parser;
use nom::bytes::complete::{tag, take_while_m_n};
use nom::character::complete::space0;
use nom::combinator::{map_res, verify};
use ogi_model::{Code, Date, Diagnostic, Severity, Spanned};
use std::ops::Range;

/// `year = ("19" | "20") digit digit ws "年"` — a year as the text writes it.
///
/// Example: `2019年` in `2019年度`; pdftotext writes `2023 年`.
fn year(i: &str) -> PResult<'_, u16> {
    let digits = verify(
        take_while_m_n(4, 4, |c: char| c.is_ascii_digit()),
        |d: &str| d.starts_with("19") || d.starts_with("20"),
    );
    (map_res(digits, str::parse::<u16>), space0, tag("年"))
        .map(|(y, _, _)| y)
        .parse(i)
}

/// A year found at `at` (clean-text range of its digits).
#[derive(Clone, Debug)]
struct YearAt {
    year: u16,
    at: Range<usize>,
}

/// Every `YYYY年` in `range` of the text.
fn years_in(text: &Text, range: Range<usize>) -> Vec<YearAt> {
    let s = text.get(range.clone());
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        let before_digit = s[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit());
        if !before_digit {
            if let Ok((_, y)) = year(rest) {
                out.push(YearAt {
                    year: y,
                    at: range.start + i..range.start + i + 4,
                });
            }
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    out
}

/// The title: the prose lines before the first heading or body paragraph that name a report.
fn title_lines(text: &Text, blocks: &[Block]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for block in blocks.iter().take(40) {
        let Block::Line(line) = block else { continue };
        let s = text.get(line.clone()).trim();
        if s.is_empty() {
            continue;
        }
        // A title is short and is not a sentence.
        if s.chars().count() > 60 || s.starts_with("一、") || s.contains(['。', ',', '《', ':'])
        {
            break;
        }
        if s.contains("报告") || s.contains("年报") {
            out.push(line.clone());
            break;
        }
        // A title split over two lines: `疏勒县人民政府2019年政府信息公开` / `工作年度报告`.
        out.push(line.clone());
        if out.len() > 3 {
            out.remove(0);
        }
    }
    if out
        .last()
        .is_some_and(|l| text.get(l.clone()).contains("报告"))
    {
        out
    } else {
        Vec::new()
    }
}

/// What meta reading found.
pub(crate) struct MetaFound {
    pub(crate) year: Option<Spanned<u16>>,
    pub(crate) agency: Option<Spanned<String>>,
    pub(crate) published: Option<Spanned<Date>>,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

/// Every date in `range` of the text, with the clean-text range it was read from.
fn dates_in(text: &Text, range: Range<usize>) -> Vec<(Range<usize>, DateRead)> {
    let s = text.get(range.clone());
    let mut out = Vec::new();
    let mut i = 0;
    let mut prev: Option<char> = None;
    while i < s.len() {
        let rest = &s[i..];
        let Some(c) = rest.chars().next() else { break };
        let starts_number = c.is_ascii_digit() || matches!(c, '一' | '二' | '〇' | '○');
        let after_digit = prev.is_some_and(|p| p.is_ascii_digit());
        if starts_number && !after_digit {
            if let Ok((after, d)) = date::date(rest) {
                let len = rest.len() - after.len();
                out.push((range.start + i..range.start + i + len, d));
                i += len;
                prev = s[..i].chars().next_back();
                continue;
            }
        }
        prev = Some(c);
        i += c.len_utf8();
    }
    out
}

/// The signing date at the end of the report, or else the date of a page's 日期/发布时间 line.
///
/// Example from seed 001: `2019131` (2019年1月31日 with 年月日 lost) is its last line.
fn published(
    text: &Text,
    blocks: &[Block],
    year: Option<u16>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Spanned<Date>> {
    let tail_start = floor_boundary(&text.text, text.text.len().saturating_sub(1500));
    let plausible = |d: &DateRead| year.is_none_or(|y| (y..=y + 1).contains(&d.date.year));
    let signed = dates_in(text, tail_start..text.text.len())
        .into_iter()
        .rfind(|(_, d)| plausible(d));
    let found = signed.or_else(|| {
        blocks.iter().find_map(|b| match b {
            Block::Chrome(line) => dates_in(text, line.clone()).into_iter().next(),
            _ => None,
        })
    });
    let (range, d) = found?;
    if d.repaired {
        diagnostics.push(Diagnostic::new(
            Code::TextRepaired,
            Severity::Info,
            format!(
                "`{}` read as the date {} (characters lost by the scrape)",
                text.get(range.clone()),
                d.date
            ),
            text.span(range.clone()),
        ));
    }
    Some(Spanned::new(d.date, text.span(range)))
}

const PERIOD_WORDS: &[&str] = &[
    "统计期限",
    "统计时限",
    "统计时间",
    "统计期",
    "数据统计",
    "统计区间",
];

/// Reads the year and agency.
pub(crate) fn read(text: &Text, blocks: &[Block]) -> MetaFound {
    let mut diagnostics = Vec::new();
    let title = title_lines(text, blocks);
    // (year, weight, where)
    let mut votes: Vec<(u16, u32, Range<usize>)> = Vec::new();
    let mut agency = None;

    if let (Some(first), Some(last)) = (title.first(), title.last()) {
        let range = first.start..last.end;
        let years = years_in(text, range.clone());
        if let Some(y) = years.first() {
            votes.push((y.year, 100, y.at.clone()));
            let before = text.get(range.start..y.at.start);
            let name: String = before.chars().filter(|c| !c.is_whitespace()).collect();
            let name = name.trim_end_matches(['(', '（']).to_owned();
            if name.chars().count() >= 2 {
                let start = range.start + (before.len() - before.trim_start().len());
                agency = Some(Spanned::new(name, text.span(start..y.at.start)));
            }
        }
    }

    for y in years_in(text, 0..floor_boundary(&text.text, 6000)) {
        let before = window(&text.text, y.at.start.saturating_sub(40), y.at.start);
        let after = window(&text.text, y.at.end, y.at.end + 40);
        if PERIOD_WORDS.iter().any(|w| before.contains(w)) {
            votes.push((y.year, 50, y.at.clone()));
        } else if (after.starts_with("年度") || after.starts_with('年'))
            && (after.contains("信息公开工作")
                || after.contains("年度报告")
                || after.contains("信息公开年报"))
            && !after.contains("要点")
        {
            votes.push((y.year, 20, y.at.clone()));
        } else if before.ends_with('\n')
            || before.ends_with('。')
            || before.is_empty()
            || before.ends_with(' ')
        {
            votes.push((y.year, 2, y.at.clone()));
        }
    }

    let mut tally: Vec<(u16, u32, Range<usize>)> = Vec::new();
    for (y, w, at) in votes {
        match tally.iter_mut().find(|(ty, _, _)| *ty == y) {
            Some(t) => t.1 += w,
            None => tally.push((y, w, at)),
        }
    }
    tally.sort_by_key(|t| std::cmp::Reverse(t.1));
    let year = tally
        .first()
        .map(|(y, _, at)| Spanned::new(*y, text.span(at.clone())));
    if let [(y1, w1, _), (y2, w2, at2), ..] = tally.as_slice() {
        if *w2 >= 20 && *w1 < 2 * *w2 {
            diagnostics.push(Diagnostic::new(
                Code::MetaYearConflict,
                Severity::Warning,
                format!("the report names {y1} and {y2} as the year it covers; {y1} is taken"),
                text.span(at2.clone()),
            ));
        }
    }
    if year.is_none() {
        diagnostics.push(Diagnostic::global(
            Code::MetaYearMissing,
            Severity::Warning,
            "no year the report covers was found",
        ));
    }
    if agency.is_none() {
        diagnostics.push(Diagnostic::global(
            Code::MetaAgencyMissing,
            Severity::Info,
            "no title naming the publishing agency was found",
        ));
    }
    let published = published(
        text,
        blocks,
        year.as_ref().map(|y| y.value),
        &mut diagnostics,
    );
    MetaFound {
        year,
        agency,
        published,
        diagnostics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_grammar() {
        assert_eq!(year("2019年度"), Ok(("度", 2019)));
        assert_eq!(year("2023 年政府"), Ok(("政府", 2023)));
        assert!(year("3019年").is_err());
        assert!(year("201年").is_err());
    }
}
