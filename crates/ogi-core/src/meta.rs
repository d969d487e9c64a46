//! Who published a report, and for which year.
//!
//! The year the statistics cover is read, in order of trust, from the title, from the
//! 统计期限 sentence, from a phrase naming the year's report (`编制公布2020年政府信息公开工作
//! 年度报告`), and last from the years that open the body's sentences. The agency is the title's
//! text before its year.

use crate::date::{self, DateRead};
use crate::layout::Block;
use crate::numeral::{self, PResult};
use crate::text::{Text, contains, find, floor_boundary, window};
use aho_corasick::AhoCorasick;
use nom::Parser;
use nom::bytes::complete::{tag, take_while_m_n};
use nom::character::complete::space0;
use nom::combinator::{map_res, verify};
use ogi_model::{Code, Date, Diagnostic, Severity, Spanned};
use std::ops::Range;
use std::sync::LazyLock;

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

/// Every `YYYY年` in `range` of the text: each `年` (found with memchr's substring search), read
/// back over spaces to a run of exactly four digits that [`year`] reads.
fn years_in(text: &Text, range: Range<usize>) -> Vec<YearAt> {
    static NIAN: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("年"));
    let s = text.get(range.clone());
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    for at in NIAN.find_iter(bytes) {
        let digits_end = at
            - bytes[..at]
                .iter()
                .rev()
                .take_while(|b| matches!(b, b' ' | b'\t'))
                .count();
        let run = bytes[..digits_end]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_digit())
            .count();
        // Four digits, not part of a longer number.
        if run != 4 {
            continue;
        }
        let i = digits_end - 4;
        if let Ok((_, y)) = year(&s[i..]) {
            out.push(YearAt {
                year: y,
                at: range.start + i..range.start + i + 4,
            });
        }
    }
    out
}

/// Characters that end a place name (咸宁市, 疏勒县, 平潭综合实验区).
const PLACE_ENDS: &[char] = &['省', '市', '县', '区', '州', '盟', '旗'];

/// Endings of the names of administrative bodies.
const ORG_ENDS: &[&str] = &[
    "人民政府",
    "管委会",
    "委员会",
    "办公室",
    "办公厅",
    "管理局",
    "中心",
    "政府",
    "局",
    "厅",
    "委",
    "办",
    "院",
    "署",
    "所",
    "站",
    "处",
    "队",
    "馆",
    "公司",
    "集团",
    "会",
];

/// Whether a name ends like a body's or a place's name.
fn names_a_body(name: &str) -> bool {
    ORG_ENDS.iter().any(|e| name.ends_with(e)) || name.ends_with(PLACE_ENDS)
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}')
}

/// Where the title is: a crawler's `标题:` line, the short lines before the body ending in one
/// that names a report (two lines when the title is split), or a title inside a dump's first line.
fn title(text: &Text, blocks: &[Block]) -> Option<Range<usize>> {
    let lines: Vec<Range<usize>> = blocks
        .iter()
        .take(80)
        .filter_map(|b| match b {
            Block::Line(r) | Block::Chrome(r) => Some(r.range()),
            Block::Grid(_) => None,
        })
        .collect();
    // `标题: 平潭综合实验区2020年度政府信息公开工作年度报告`
    for r in &lines {
        let s = text.get(r.clone());
        let t = s.trim_start();
        for key in ["标题", "题目", "名称"] {
            if let Some(rest) = t.strip_prefix(key) {
                let rest = rest.trim_start_matches([' ', ':', '：']);
                if contains(rest, "报告") || contains(rest, "年报") {
                    let start = r.start + (s.len() - rest.len());
                    let end = find(rest, "  ").map_or(r.end, |i| start + i);
                    return Some(start..end);
                }
            }
        }
    }
    // Short lines before the body; the title is the one naming a report, with the line before
    // it when it is split (`疏勒县人民政府2019年政府信息公开` / `工作年度报告`).
    let mut previous: Option<Range<usize>> = None;
    for block in blocks.iter().take(40) {
        let r = match block {
            Block::Line(r) => r.range(),
            Block::Chrome(_) => continue,
            Block::Grid(_) => break,
        };
        let s = text.get(r.clone()).trim();
        if s.is_empty() {
            previous = None;
            continue;
        }
        if s.chars().count() > 60 || s.starts_with("一、") || s.contains(['。', ',', '《', ':'])
        {
            break;
        }
        if contains(s, "报告") || contains(s, "年报") {
            // Split titles: the year on the second line with the body on the first
            // (`洪泽区人民政府` / `2023 年政府信息公开工作年度报告`), or the first line holding both.
            let first_year = years_in(text, r.clone()).into_iter().next();
            let body_before_year =
                first_year.is_some_and(|y| !text.get(r.start..y.at.start).trim().is_empty());
            let joined = match &previous {
                Some(p) if !body_before_year => p.start..r.end,
                _ => r.clone(),
            };
            return Some(joined);
        }
        previous = Some(r);
    }
    // A title inside a dump's line: `…年报 平潭综合实验区2011年政府信息公开工作年度报告 来源:…`.
    for r in lines.iter().take(12) {
        let head = r.start..r.start + floor_boundary(text.get(r.clone()), 1200);
        for y in years_in(text, head.clone()) {
            let after = window(&text.text, y.at.end, y.at.end + 60);
            let Some(end) = find(after, "报告") else {
                continue;
            };
            if after[..end].contains(['。', ',', '，']) {
                continue;
            }
            let before = text.get(head.start..y.at.start);
            let name_len: usize = before
                .chars()
                .rev()
                .take_while(|c| is_han(*c))
                .map(char::len_utf8)
                .sum();
            let name = &before[before.len() - name_len..];
            if name.chars().count() >= 3 && names_a_body(name) {
                return Some(y.at.start - name_len..y.at.end + end + "报告".len());
            }
        }
    }
    None
}

/// The body a title names: the text before its year (`疏勒县人民政府`), or after it
/// (`2023年上海市人民政府办公厅政府信息公开工作年度报告`).
fn title_agency(text: &Text, title: Range<usize>) -> Option<(String, Range<usize>)> {
    let y = years_in(text, title.clone()).into_iter().next()?;
    let before = text.get(title.start..y.at.start);
    // The last word before the year, without a bracket opening the year (`局(2023年`).
    let word = before.split_whitespace().last().unwrap_or("");
    let name = word.trim_end_matches(['(', '（']);
    if name.chars().count() >= 2 {
        let start = title.start + before.trim_end().len() - word.len();
        return Some((name.to_owned(), start..start + name.len()));
    }
    let after = text.get(y.at.end..title.end);
    let after_year = after.trim_start_matches([' ', '年', '度']);
    let start = title.end - after.len() + (after.len() - after_year.len());
    let end = ["政府信息公开", "信息公开", "政务公开"]
        .iter()
        .filter_map(|w| find(after_year, w))
        .min()?;
    let name = &after_year[..end];
    (name.chars().count() >= 2 && names_a_body(name)).then(|| (name.to_owned(), start..start + end))
}

/// The body a crawler's `发布机构:` line names.
fn publisher(text: &Text, blocks: &[Block]) -> Option<(String, Range<usize>)> {
    for block in blocks.iter().take(80) {
        let (Block::Line(r) | Block::Chrome(r)) = block else {
            continue;
        };
        let r = r.range();
        let s = text.get(r.clone());
        for key in ["发布机构", "发文机关", "发布单位"] {
            let Some(at) = find(s, key) else { continue };
            let rest = &s[at + key.len()..];
            let value = rest.trim_start_matches([' ', ':', '：']);
            let name: String = value.chars().take_while(|c| is_han(*c)).collect();
            if name.chars().count() >= 3 && names_a_body(&name) {
                let start = r.start + at + key.len() + (rest.len() - value.len());
                return Some((name.clone(), start..start + name.len()));
            }
        }
    }
    None
}

/// Words before a body's name in a sentence: where a mention of it starts
/// (`…网站内市政务服务管理局`, `公开市政务服务管理局职能职责`, `请与淮安市洪泽区人民政府办公室联系`).
const NAME_STARTS: &[&str] = &[
    "公开", "发布", "根据", "按照", "关于", "贯彻", "落实", "配合", "协调", "联系", "请与", "通过",
    "报送", "印发", "以及", "组织", "在", "由", "对", "向", "经", "从", "为", "于", "是", "的",
    "内", "及", "将", "被", "同", "年",
];

/// Where the last of [`NAME_STARTS`] in `s` ends (0 when none occurs): every occurrence found in
/// one pass.
fn last_name_start(s: &str) -> usize {
    static WORDS: LazyLock<Option<AhoCorasick>> =
        LazyLock::new(|| AhoCorasick::new(NAME_STARTS).ok());
    match WORDS.as_ref() {
        Some(words) => words
            .find_overlapping_iter(s)
            .map(|m| m.end())
            .max()
            .unwrap_or(0),
        None => NAME_STARTS
            .iter()
            .filter_map(|w| s.rfind(w).map(|k| k + w.len()))
            .max()
            .unwrap_or(0),
    }
}

/// Words that end a body's name, for [`body_agency`].
const END_WORDS: [&str; 7] = [
    "管理局",
    "办公室",
    "人民政府",
    "管委会",
    "委员会",
    "局",
    "中心",
];

/// Every occurrence of each of [`END_WORDS`] in `s`, as `(word, end)`: word by word, each
/// word's in order (none of them overlaps itself). Found in one pass.
fn end_word_hits(s: &str) -> Vec<(usize, usize)> {
    static WORDS: LazyLock<Option<AhoCorasick>> =
        LazyLock::new(|| AhoCorasick::new(END_WORDS).ok());
    let mut hits: Vec<(usize, usize)> = match WORDS.as_ref() {
        Some(words) => words
            .find_overlapping_iter(s)
            .map(|m| (m.pattern().as_usize(), m.end()))
            .collect(),
        None => END_WORDS
            .iter()
            .enumerate()
            .flat_map(|(w, word)| {
                let mut from = 0;
                std::iter::from_fn(move || {
                    let end = from + find(&s[from..], word)? + word.len();
                    from = end;
                    Some((w, end))
                })
            })
            .collect(),
    };
    hits.sort_unstable();
    hits
}

/// The body the report's sentences name most, when no title names it (`2019年,市政务服务管理局
/// 始终坚持…`): each name ending like a body's, read back to the start of its mention; the
/// commonest, the longer on a tie.
fn body_agency(text: &Text, blocks: &[Block]) -> Option<(String, Range<usize>)> {
    let mut counts: Vec<(String, usize, Range<usize>)> = Vec::new();
    let mut budget = 8000usize;
    for block in blocks {
        let Block::Line(r) = block else { continue };
        let r = r.range();
        let s = text.get(r.clone());
        budget = budget.saturating_sub(s.len());
        for (w, end) in end_word_hits(s) {
            let end_word = END_WORDS[w];
            let run: usize = s[..end]
                .chars()
                .rev()
                .take_while(|c| is_han(*c))
                .take(16)
                .map(char::len_utf8)
                .sum();
            let mention = &s[end - run..end];
            // Cut at the last word that starts a mention.
            let cut = last_name_start(&mention[..mention.len() - end_word.len()]);
            let name = &mention[cut..];
            // Not a body named in a document's title (《…管理局2019年…》).
            let context = window(s, (end - run).saturating_sub(12), end - run);
            if name.chars().count() < 4 || context.contains('《') {
                continue;
            }
            let at = r.start + end - name.len()..r.start + end;
            match counts.iter_mut().find(|(n, _, _)| n == name) {
                Some(c) => c.1 += 1,
                None => counts.push((name.to_owned(), 1, at)),
            }
        }
        if budget == 0 {
            break;
        }
    }
    let best = counts
        .iter()
        .filter(|c| c.1 >= 2)
        .max_by_key(|c| (c.1, c.0.chars().count()))?;
    Some((best.0.clone(), best.2.clone()))
}

/// The place an agency's name begins with (`咸宁市` of `咸宁市政务服务中心管理办公室`), within
/// its first eight characters.
fn place_of(agency: &str) -> Option<String> {
    let chars: Vec<char> = agency.chars().take(8).collect();
    let end = chars.iter().rposition(|c| PLACE_ENDS.contains(c))?;
    (end >= 1).then(|| chars[..=end].iter().collect())
}

/// The city of an agency named relatively (`市政务服务管理局`): how the text names a place ending
/// in the same character (`乌鲁木齐市政务服务网`, `昭通市公共资源交易中心`) — the longest name
/// before `市` as often written as the commonest.
fn place_in_text(text: &Text, relative: char) -> Option<(String, Range<usize>)> {
    let s = &text.text[..floor_boundary(&text.text, 20_000)];
    let mut runs: Vec<(usize, Vec<char>)> = Vec::new();
    for (i, c) in s.char_indices() {
        if c == relative {
            let before: Vec<char> = s[..i]
                .chars()
                .rev()
                .take(6)
                .take_while(|c| is_han(*c))
                .collect();
            if !before.is_empty() {
                runs.push((i, before.into_iter().rev().collect()));
            }
        }
    }
    let count = |k: usize, name: &[char]| {
        runs.iter()
            .filter(|(_, r)| r.len() >= k && r[r.len() - k..] == *name)
            .count()
    };
    let mut best: Option<(String, usize, usize)> = None;
    for (at, run) in &runs {
        for k in 2..=run.len() {
            let name = &run[run.len() - k..];
            let n = count(k, name);
            let shorter = if k > 2 {
                count(k - 1, &run[run.len() - k + 1..])
            } else {
                n
            };
            // Longer names are taken while no mention is lost.
            if n >= 2
                && n == shorter
                && best
                    .as_ref()
                    .is_none_or(|b| n > b.1 || (n == b.1 && k > b.0.chars().count()))
            {
                best = Some((name.iter().collect(), n, *at));
            }
        }
    }
    let (name, _, at) = best?;
    let full = format!("{name}{relative}");
    Some((full.clone(), at - name.len()..at + relative.len_utf8()))
}

/// What meta reading found.
pub(crate) struct MetaFound {
    pub(crate) year: Option<Spanned<u16>>,
    pub(crate) agency: Option<Spanned<String>>,
    pub(crate) region: Option<Spanned<String>>,
    pub(crate) published: Option<Spanned<Date>>,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

/// Whether a number that opens `rest` with ASCII digits may be a date's year (1990–2100): it has
/// four digits or more, or goes on as a numeral does (`2,019`, `0.2019万`). Most numbers in a
/// report's tables have fewer and are no date: the date grammar is not tried on them.
fn may_be_year(rest: &str) -> bool {
    let run = rest.bytes().take_while(u8::is_ascii_digit).count();
    run >= 4
        || matches!(rest.as_bytes().get(run), Some(b',' | b'.'))
        || rest[run..].starts_with(['万', '亿'])
}

/// Whether a number opening with `一`, `二`, `〇` or `○`, followed by `after`, may be a year
/// (`二〇一九`, `一九九九`, `二千零一十九`): its next character is a digit, a character of the
/// numeral grammar ([`numeral::is_cn_numeral`]) or a space. `一是`, `一些`, `二、` (most of
/// them, in prose) are not.
fn may_be_chinese_year(after: &str) -> bool {
    after
        .chars()
        .next()
        .is_some_and(|n| n.is_ascii_digit() || n.is_whitespace() || numeral::is_cn_numeral(n))
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
        if starts_number
            && !after_digit
            && (if c.is_ascii_digit() {
                may_be_year(rest)
            } else {
                may_be_chinese_year(&rest[c.len_utf8()..])
            })
        {
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
            Block::Chrome(line) => dates_in(text, line.range()).into_iter().next(),
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

/// Words before a year that name the period the statistics cover (`统计期限为2023年…`); each
/// holds `统计`, which [`read`] looks for first.
const PERIOD_WORDS: &[&str] = &[
    "统计期限",
    "统计时限",
    "统计时间",
    "统计期",
    "数据统计",
    "统计区间",
];

/// The agency and the place it belongs to.
fn agency_and_region(
    text: &Text,
    blocks: &[Block],
    title: Option<Range<usize>>,
) -> (Option<Spanned<String>>, Option<Spanned<String>>) {
    let found = title
        .and_then(|t| title_agency(text, t))
        .or_else(|| publisher(text, blocks))
        .or_else(|| body_agency(text, blocks));
    let Some((name, at)) = found else {
        return (None, None);
    };
    let region = match name.chars().next() {
        // 市政务服务管理局: the report names its city elsewhere.
        Some(c @ ('市' | '县')) => {
            place_in_text(text, c).map(|(p, r)| Spanned::new(p, text.span(r)))
        }
        _ => place_of(&name)
            .map(|p| Spanned::new(p.clone(), text.span(at.start..at.start + p.len()))),
    };
    (Some(Spanned::new(name, text.span(at))), region)
}

/// Reads the year, agency, region and publication date.
pub(crate) fn read(text: &Text, blocks: &[Block]) -> MetaFound {
    let mut diagnostics = Vec::new();
    let title = title(text, blocks);
    // (year, weight, where)
    let mut votes: Vec<(u16, u32, Range<usize>)> = Vec::new();
    if let Some(y) = title
        .clone()
        .and_then(|t| years_in(text, t).into_iter().next())
    {
        votes.push((y.year, 100, y.at.clone()));
    }
    let (agency, region) = agency_and_region(text, blocks, title);

    for y in years_in(text, 0..floor_boundary(&text.text, 6000)) {
        let before = window(&text.text, y.at.start.saturating_sub(40), y.at.start);
        let after = window(&text.text, y.at.end, y.at.end + 40);
        // Every period word holds `统计`.
        if contains(before, "统计") && PERIOD_WORDS.iter().any(|w| contains(before, w)) {
            votes.push((y.year, 50, y.at.clone()));
        } else if (after.starts_with("年度") || after.starts_with('年'))
            && (contains(after, "信息公开工作")
                || contains(after, "年度报告")
                || contains(after, "信息公开年报"))
            && !contains(after, "要点")
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
    // An annex's title (`…统计表`) names a year too, a weaker witness: a template left over.
    for block in blocks {
        let Block::Line(r) = block else { continue };
        let r = r.range();
        let line = text.get(r.clone());
        if contains(line, "统计表") && line.chars().count() <= 60 {
            if let Some(y) = years_in(text, r.clone()).into_iter().next() {
                votes.push((y.year, 20, y.at));
            }
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
    if let [(y1, _, _), rest @ ..] = tally.as_slice() {
        // Another year named as the report's, in a title or a statistics period.
        for (y2, w2, at2) in rest.iter().filter(|t| t.1 >= 20) {
            diagnostics.push(Diagnostic::new(
                Code::MetaYearConflict,
                Severity::Warning,
                format!(
                    "the report also names {y2} as the year it covers (support {w2}); {y1} is taken"
                ),
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
            "no publishing agency was found",
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
        region,
        published,
        diagnostics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_years_pass_the_quick_test() {
        for s in [
            "二〇一九年一月三十一日",
            "二○一二年二月二十日",
            "一九九九年十二月一日",
            "二 〇 一 九年一月一日",
        ] {
            let mut chars = s.chars();
            chars.next();
            assert!(may_be_chinese_year(chars.as_str()), "{s}");
        }
        assert!(crate::date::date("二〇一九年一月三十一日").is_ok());
        assert!(!may_be_chinese_year("是加强"));
    }

    proptest::proptest! {
        /// What the quick test turns away is no date.
        #[test]
        fn what_the_quick_test_turns_away_is_no_date(
            first in "[一二〇○]",
            second in "[年月日是些点余多几数%.、,个项条件次]",
            rest in "[〇○零一二两三四五六七八九十百千万年月日 0-9]{0,12}",
        ) {
            let after = format!("{second}{rest}");
            proptest::prop_assert!(!may_be_chinese_year(&after));
            let s = format!("{first}{after}");
            proptest::prop_assert!(crate::date::date(&s).is_err(), "{}", s);
        }
    }

    #[test]
    fn period_words_hold_the_word_looked_for_first() {
        assert!(PERIOD_WORDS.iter().all(|w| w.contains("统计")));
    }

    #[test]
    fn only_numbers_that_may_be_years_are_tried_as_dates() {
        assert!(may_be_year("2019年1月31日"));
        assert!(may_be_year("20186月30日"));
        assert!(may_be_year("2,019年"));
        assert!(may_be_year("0.2019万年"));
        assert!(!may_be_year("12件"));
        assert!(!may_be_year("345 0 0"));
        // Whatever the grammar makes of them, numbers of three digits or fewer are no dates.
        assert!(date::date("12件").is_err() && date::date("345 0 0").is_err());
    }

    #[test]
    fn year_grammar() {
        assert_eq!(year("2019年度"), Ok(("度", 2019)));
        assert_eq!(year("2023 年政府"), Ok(("政府", 2023)));
        assert!(year("3019年").is_err());
        assert!(year("201年").is_err());
    }
}
