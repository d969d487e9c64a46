//! Crawler dumps: a whole report on one line, tables as streams of labels and digit runs.
//!
//! ```text
//! …一、本年新收政府信息公开申请数量713000074二、上年结转政府信息公开申请数量1000001三、本年度办理结果…
//! …其中：1.网站公开条41815092.政府公报公开条77受理依申请公开信息总数条00…
//! ```
//!
//! A long line is cut at its section headings (`一、 概述`, `二、主动公开政府信息情况`), so the
//! outline and the prose see them. Where a section holds a table (its anchors: 第二十条,
//! 本列数据的勾稽关系, 行政复议…行政诉讼, 指标名称), the rest of the section becomes a stream
//! grid: each label starts a row and the digit runs after it are its cells. Cell boundaries are
//! lost — `713000074` is seven cells — so the runs stay whole here; the table readers, which
//! know how many cells a row has and which identities hold, split them. Ordinals glued onto a
//! run (`…00000002.其他法律…`: the `2` is the next label's `2.`), years (`2011年度`) and
//! bracketed text stay in labels; a unit word ending a label (`主动公开信息数条`) becomes a cell.

use super::{Block, Boundaries, CellShape, Evidence, Grid, GridRow, shape};
use crate::label::{
    AnchorHits, OrdinalStyle, ends_with_row_label, is_data_row_label, opens_row_of, ordinal,
    section_kind, sibling_follows,
};
use crate::text::{Text, trim};
use aho_corasick::{AhoCorasick, MatchKind};
use ogi_model::TableName;
use std::ops::Range;
use std::sync::LazyLock;

/// Lines at least this long are dumps, not prose paragraphs (in bytes).
pub(crate) const LONG_LINE: usize = 600;

/// The digits a section heading's ordinal opens with.
const HEADING_DIGITS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// Where level-1 section headings start in `s`.
fn heading_starts(s: &str) -> Vec<usize> {
    // The digits found in one search (SIMD-accelerated) rather than by decoding every
    // character of a dump.
    static DIGITS: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .build(HEADING_DIGITS)
            .ok()
    });
    let at_digits: Vec<usize> = match DIGITS.as_ref() {
        Some(digits) => digits.find_iter(s).map(|m| m.start()).collect(),
        None => s
            .char_indices()
            .filter(|(_, c)| HEADING_DIGITS.iter().any(|d| d.starts_with(*c)))
            .map(|(i, _)| i)
            .collect(),
    };
    let mut out = Vec::new();
    for i in at_digits {
        // A heading follows a break, or is glued to what ends the text before it (a dump with
        // nothing between cells: `（七）总计四、政府信息公开行政复议…`); it is no part of a
        // larger numeral (`十四、`, `第四`).
        let prev = s[..i].chars().next_back();
        // Glued, it is a numeral and `、` (most numerals in a dump are counts: `三安全一稳定`).
        let glued = prev.is_some_and(|p| !(numeral_char(p) || p == '第'))
            && s[i..].trim_start_matches(numeral_char).starts_with('、');
        let broken =
            prev.is_none_or(|p| p.is_whitespace() || matches!(p, '。' | ')' | '）' | ';' | '；'));
        if !(broken || glued) {
            continue;
        }
        if let Ok((rest, o)) = ordinal(&s[i..]) {
            let title: String = rest
                .trim_start()
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != '。')
                .take(30)
                .collect();
            if o.style == OrdinalStyle::Chinese && section_kind(&title).is_some() {
                out.push(i);
            }
        }
    }
    out
}

/// Whether `c` writes a digit of a Chinese numeral.
fn numeral_char(c: char) -> bool {
    HEADING_DIGITS.iter().any(|d| d.starts_with(c)) || matches!(c, '百' | '千' | '零' | '〇' | '两')
}

/// How far after a header anchor's first word its other words may stand (bytes).
const ANCHOR_WINDOW: usize = 120;

/// Where a table starts in a section: where its header does (the registry's header anchors);
/// a header cell in brackets starts at its bracket (`(本列数据的勾稽关系为…)`).
#[cfg(test)]
fn table_start(s: &str) -> Option<(usize, TableName)> {
    table_start_in(s, &AnchorHits::new(s), 0..s.len())
}

/// [`table_start`] of the section `range` of `line`, whose anchor words are `hits`.
fn table_start_in(
    line: &str,
    hits: &AnchorHits,
    range: Range<usize>,
) -> Option<(usize, TableName)> {
    let s = &line[range.clone()];
    let (at, table) = hits.header_start(range, ANCHOR_WINDOW)?;
    let before = crate::text::window(s, at.saturating_sub(30), at);
    let open = before.rfind(['(', '（']);
    let closed = open.is_some_and(|o| before[o..].contains([')', '）']));
    let at = match open {
        Some(o) if !closed => at - (before.len() - o),
        _ => at,
    };
    Some((at, table))
}

/// Splits a long line into prose segments and stream grids. A table runs on over the headings
/// that are its own rows (`四、行政复议数量 件 …`, `一、主动公开情况` in the 统计表).
pub(crate) fn split_line(text: &Text, line: Range<usize>) -> Vec<Block> {
    let s = &text.text[line.clone()];
    let mut cuts = vec![0];
    let mut open: Option<TableName> = None;
    let starts = heading_starts(s);
    // The anchor words of the line, found once for all its sections.
    let hits = AnchorHits::new(s);
    for (i, &at) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(s.len());
        if open.is_some_and(|t| opens_row_of(t, heading_text(&s[at..end]))) {
            continue;
        }
        let last = cuts.last().copied().unwrap_or(0);
        if let Some((_, t)) = table_start_in(s, &hits, last..at) {
            open = Some(t);
            if opens_row_of(t, heading_text(&s[at..end])) {
                continue;
            }
        }
        open = None;
        cuts.push(at);
    }
    cuts.push(s.len());
    cuts.dedup();
    let mut out = Vec::new();
    for w in cuts.windows(2) {
        let seg = line.start + w[0]..line.start + w[1];
        match table_start_in(s, &hits, w[0]..w[1]) {
            Some((at, _)) => {
                if at > 0 {
                    out.push(Block::line(trim(&text.text, seg.start..seg.start + at)));
                }
                let rows = rows(&text.text, seg.start + at..seg.end);
                out.push(Block::grid(Grid {
                    rows,
                    evidence: Evidence {
                        boundaries: Boundaries::Sequence,
                        blanks_lost: true,
                        glued: true,
                        collapsed: false,
                    },
                }));
            }
            None => out.push(Block::line(trim(&text.text, seg))),
        }
    }
    out
}

/// A heading's text up to the first value, whitespace or bracket after it: what names it.
fn heading_text(s: &str) -> &str {
    let body = ordinal(s).map_or(s, |(rest, _)| rest.trim_start());
    let end = body
        .find(|c: char| c.is_whitespace() || c.is_ascii_digit() || matches!(c, '(' | '（'))
        .unwrap_or(body.len());
    &body[..end]
}

/// A token of a stream.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Tok {
    Label(Range<usize>),
    Value(Range<usize>),
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
}

/// Splits a stream into label and value tokens (see the module documentation).
fn tokens(text: &str, range: Range<usize>) -> Vec<Tok> {
    let src = &text[range.clone()];
    let bytes = src.as_bytes();
    let mut out: Vec<Tok> = Vec::new();
    let mut label: Option<Range<usize>> = None;
    let mut depth = 0usize;
    let push_label = |out: &mut Vec<Tok>, label: &mut Option<Range<usize>>| {
        if let Some(l) = label.take() {
            out.push(Tok::Label(l));
        }
    };
    let mut pos = 0;
    while pos < src.len() {
        let ch = src[pos..].chars().next().unwrap_or(' ');
        let len = ch.len_utf8();
        match ch {
            '(' | '（' | '〔' | '【' | '[' | '《' => depth += 1,
            ')' | '）' | '〕' | '】' | ']' | '》' => depth = depth.saturating_sub(1),
            _ => {}
        }
        let sign = matches!(ch, '-' | '+')
            && bytes.get(pos + 1).is_some_and(u8::is_ascii_digit)
            && src[..pos]
                .chars()
                .next_back()
                .is_some_and(|p| p.is_ascii_digit() || p == ' ');
        if depth == 0 && (is_digit(ch) || sign) {
            // A run: [sign] digits [. digits].
            let mut j = pos + 1;
            while j < src.len()
                && (bytes[j].is_ascii_digit()
                    || (bytes[j] == b'.'
                        && bytes.get(j + 1).is_some_and(u8::is_ascii_digit)
                        && bytes[j - 1].is_ascii_digit()))
            {
                j += 1;
            }
            let after = src[j..].trim_start_matches(' ');
            let next = after.chars().next();
            // 2011年度, 12月: a date is label text.
            if matches!(next, Some('年' | '月' | '日' | '号')) {
                let l = label.get_or_insert(range.start + pos..range.start + pos);
                l.end = range.start + j;
                pos = j;
                continue;
            }
            // `…0000000` `2.其他`: the last digit is the next label's ordinal.
            let ordinal_follows = matches!(src[j..].chars().next(), Some('.' | '、'))
                && src[j..]
                    .chars()
                    .nth(1)
                    .is_some_and(|n| !n.is_ascii_digit() && !n.is_whitespace());
            let value_end = if ordinal_follows { j - 1 } else { j };
            if value_end > pos {
                push_label(&mut out, &mut label);
                let mut end = value_end;
                // A unit printed after an amount (`73802895.90元`).
                if !ordinal_follows {
                    for unit in ["万元", "元"] {
                        if src[end..].starts_with(unit) {
                            end += unit.len();
                            break;
                        }
                    }
                }
                out.push(Tok::Value(range.start + pos..range.start + end));
                pos = end;
            }
            if ordinal_follows {
                let l = label.get_or_insert(range.start + value_end..range.start + value_end);
                l.end = range.start + j;
                pos = j;
            }
            continue;
        }
        if ch.is_whitespace() {
            pos += len;
            continue;
        }
        let l = label.get_or_insert(range.start + pos..range.start + pos);
        l.end = range.start + pos + len;
        pos += len;
    }
    push_label(&mut out, &mut label);
    out
}

/// The rows of a stream: each run of labels and the values after it. A label is cut at the
/// spaces between its words outside brackets (`（一）维持具体行政行为数 件 （二）被依法纠错数`):
/// the pieces are cells, a unit word among them a cell of its own, and a piece that is a row's
/// whole label ends its row when another label follows (its cells were blank and left nothing),
/// as in a table printed one cell per line.
fn rows(text: &str, range: Range<usize>) -> Vec<GridRow> {
    let mut cells: Vec<(Range<usize>, bool)> = Vec::new();
    for tok in tokens(text, range) {
        match tok {
            Tok::Label(r) => cells.extend(words(text, r).into_iter().map(|w| (w, true))),
            Tok::Value(r) => cells.push((r, false)),
        }
    }
    let mut rows: Vec<Vec<Range<usize>>> = Vec::new();
    let mut in_values = false;
    let mut closed = false;
    for (i, (r, is_label)) in cells.iter().enumerate() {
        let piece = &text[r.clone()];
        // A word of a label is label text, digits of a year too (`2011 年度`); a unit word is a
        // cell of its own.
        let label = *is_label && shape(piece) != CellShape::Unit;
        if rows.is_empty() || (label && (in_values || closed)) {
            // A row of labels alone (its cells blank, nothing left of them) keeps its unit
            // apart too (`(二)举办各类培训班数次`).
            if let (false, Some(row)) = (in_values, rows.last_mut()) {
                split_unit(text, row);
            }
            rows.push(Vec::new());
            in_values = false;
        }
        let Some(row) = rows.last_mut() else { continue };
        if !is_label && !in_values {
            split_unit(text, row);
        }
        row.push(r.clone());
        closed = label
            && cells.get(i + 1).is_some_and(|(next, next_is_label)| {
                let next = &text[next.clone()];
                *next_is_label
                    && shape(next) != CellShape::Unit
                    && ((is_data_row_label(piece) && !next.starts_with(['(', '（', '[']))
                        || sibling_follows(piece, next))
            });
        in_values |= !label;
    }
    if let (false, Some(row)) = (in_values, rows.last_mut()) {
        split_unit(text, row);
    }
    rows.into_iter().map(GridRow::in_order).collect()
}

/// A label token cut at the whitespace between its words outside brackets.
fn words(text: &str, r: Range<usize>) -> Vec<Range<usize>> {
    let s = &text[r.clone()];
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        match c {
            '(' | '（' | '〔' | '【' | '[' | '《' => depth += 1,
            ')' | '）' | '〕' | '】' | ']' | '》' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if c.is_whitespace() && depth == 0 {
            if let Some(st) = start.take() {
                out.push(r.start + st..r.start + i);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        out.push(r.start + st..r.end);
    }
    out
}

/// Splits a unit word off the end of a row's label (`主动公开信息数条` → `主动公开信息数`, `条`).
fn split_unit(text: &str, row: &mut Vec<Range<usize>>) {
    let Some(label) = row.last().cloned() else {
        return;
    };
    let s = &text[label.clone()];
    if ends_with_row_label(s) {
        return;
    }
    // The vocabulary's units, longest first (`人次` before `次`).
    let mut units: Vec<&str> = ogi_model::Unit::ALL.iter().map(|u| u.label()).collect();
    units.sort_by_key(|u| std::cmp::Reverse(u.len()));
    for unit in units {
        if s.len() > unit.len() + 3 && s.ends_with(unit) {
            let at = label.end - unit.len();
            if let Some(last) = row.last_mut() {
                *last = trim(text, label.start..at);
            }
            row.push(at..label.end);
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(s: &str, rows: &[GridRow]) -> Vec<String> {
        rows.iter()
            .map(|r| {
                r.cells
                    .iter()
                    .map(|c| &s[c.range.clone()])
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect()
    }

    #[test]
    fn requests_stream() {
        let s = "一、本年新收政府信息公开申请数量713000074二、上年结转政府信息公开申请数量1000001(三)不予公开1.属于国家秘密00000002.其他法律行政法规禁止公开0000000(七)总计20 0 00 0 121";
        assert_eq!(
            show(s, &rows(s, 0..s.len())),
            [
                "一、本年新收政府信息公开申请数量|713000074",
                "二、上年结转政府信息公开申请数量|1000001",
                "(三)不予公开1.属于国家秘密|0000000",
                "2.其他法律行政法规禁止公开|0000000",
                "(七)总计|20|0|00|0|121",
            ]
        );
    }

    #[test]
    fn legacy_stream_keeps_years_and_splits_units() {
        let s = "指标名称计量单位2011年度历年累计主动公开信息数条4251516其中:1.网站公开条41815092.政府公报公开条77";
        assert_eq!(
            show(s, &rows(s, 0..s.len())),
            [
                "指标名称计量单位2011年度历年累计主动公开信息数|条|4251516",
                "其中:1.网站公开|条|4181509",
                "2.政府公报公开|条|77"
            ]
        );
        let s = "指标名称 计量 单位 2011 年度 历年累计 主动公开信息数 条 425 1516";
        assert_eq!(
            show(s, &rows(s, 0..s.len())),
            ["指标名称|计量|单位|2011|年度|历年累计|主动公开信息数|条|425|1516"]
        );
    }

    #[test]
    fn signs_decimals_and_amounts() {
        let s = "行政处罚2648-18538行政事业性收费9116.36政府集中采购39573802895.90元三、收到";
        assert_eq!(
            show(s, &rows(s, 0..s.len())),
            [
                "行政处罚|2648|-18538",
                "行政事业性收费|9116.36",
                "政府集中采购|39573802895.90元",
                "三、收到"
            ]
        );
        // Numbers inside brackets belong to the label.
        let s = "(国办公开办函〔2021〕30号)规章000";
        assert_eq!(
            show(s, &rows(s, 0..s.len())),
            ["(国办公开办函〔2021〕30号)规章|000"]
        );
    }

    #[test]
    fn headings_cut_long_lines() {
        let s = "前言。 一、 概述 推进工作。二、主动公开政府信息情况 第二十条第(一)项信息内容 三、收到和处理政府信息公开申请情况(本列";
        let cuts: Vec<&str> = heading_starts(s).iter().map(|i| &s[*i..*i + 6]).collect();
        assert_eq!(cuts, ["一、", "二、", "三、"]);
        assert_eq!(
            table_start("二、主动公开政府信息情况 第二十条第(一)项"),
            Some((37, TableName::Proactive))
        );
    }

    #[test]
    fn headings_glued_to_a_dump_cut_it() {
        // Nothing between a table's last cell and the next section (harness, 2021 stream).
        let s = "(七)总计四、结转下年度继续办理四、政府信息公开行政复议、行政诉讼情况行政复议";
        let cuts: Vec<&str> = heading_starts(s).iter().map(|i| &s[*i..]).collect();
        assert_eq!(
            cuts,
            [
                "四、结转下年度继续办理四、政府信息公开行政复议、行政诉讼情况行政复议",
                "四、政府信息公开行政复议、行政诉讼情况行政复议"
            ]
        );
        // A numeral's last digit is no heading (`十四、`), nor is `第四`.
        assert_eq!(
            heading_starts("共十四、政府信息公开工作存在的主要问题及改进情况"),
            [3]
        );
        assert_eq!(
            heading_starts("第四、政府信息公开工作存在的主要问题及改进情况"),
            Vec::<usize>::new()
        );
    }

    #[test]
    fn rows_of_labels_alone_keep_their_units_apart() {
        // The 统计表's last rows, blank, at the end of a dump.
        let s = "会议或专题会议数次0(二)举办各类培训班数次(三)接受培训人员数人次";
        assert_eq!(
            show(s, &rows(s, 0..s.len())),
            [
                "会议或专题会议数|次|0",
                "(二)举办各类培训班数次(三)接受培训人员数|人次"
            ]
        );
    }
}
