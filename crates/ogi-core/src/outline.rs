//! The outline: headings `一、` `(一)` `1.` and the kind of section each opens.

use crate::label::section_kind;
use crate::label::{LabelTable, Match, Ordinal, fold, ordinal};
use crate::layout::Block;
use crate::text::Text;
use ogi_model::{Code, Diagnostic, Heading, SectionKind, Severity};
use std::sync::LazyLock;

/// A heading found in the text, with its clean-text range.
#[derive(Clone, Debug)]
pub(crate) struct Found {
    pub(crate) heading: Heading,
    /// The index of the block the heading is.
    pub(crate) block: usize,
}

/// Whether a heading title is the 2019/2021 template's title of a section that holds a table
/// (`收到和处理政府信息公开申请情况`), as opposed to an older report's similar heading
/// (`政府信息依申请公开情况`).
pub(crate) fn is_template_title(title: &str, kind: SectionKind) -> bool {
    // The template's title of each kind, as a label table of its own.
    static TITLES: LazyLock<Vec<(SectionKind, LabelTable<SectionKind>)>> = LazyLock::new(|| {
        SectionKind::ALL
            .iter()
            .map(|k| (*k, LabelTable::new([(*k, k.label())])))
            .collect()
    });
    let Some((_, table)) = TITLES.iter().find(|(k, _)| *k == kind) else {
        return false;
    };
    match table.best(&fold(title), |_| Some(0.0)) {
        Match::Exact(_) => true,
        Match::Loose(_, s) => s >= 0.85,
        Match::Ambiguous(..) | Match::None => false,
    }
}

/// Longest title kept, in characters; a heading running into its paragraph is cut at the first
/// sentence end.
const MAX_TITLE: usize = 40;

/// `heading = ordinal title` — a line that opens with an ordinal.
///
/// Example from seed 002: `三、收到和处理政府信息公开申请情况`; `(一)做好职能职责主动公开。一是…`
/// is a level-2 heading titled `做好职能职责主动公开`.
fn heading(line: &str) -> Option<(Ordinal, String)> {
    let trimmed = line.trim_start();
    let (rest, ord) = ordinal(trimmed).ok()?;
    let rest = rest.trim();
    let end = rest
        .char_indices()
        .take_while(|(_, c)| !matches!(c, '。' | ':' | ';' | '!' | '?'))
        .take(MAX_TITLE)
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    let title = rest[..end].trim_end_matches(['.', ',', '、']).trim();
    if title.is_empty() || title.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some((ord, title.to_owned()))
}

/// Whether every level-1 number skipped between `prev` and `next` is printed (`三、`) in the
/// text between their headings: then the headings are there, run into lines of prose or of a
/// table (a crawler's dump), and the numbering is not at fault.
fn skipped_headings_present(between: &str, prev: u32, next: u32) -> bool {
    const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    next > prev + 1
        && (prev + 1..next).all(|n| {
            NUMERALS
                .get(n as usize - 1)
                .is_some_and(|numeral| between.contains(&format!("{numeral}、")))
        })
}

/// Finds the headings among the prose lines, and reports level-1 headings numbered out of order:
/// going back, repeating, or skipping a number printed nowhere in between.
pub(crate) fn outline(text: &Text, blocks: &[Block]) -> (Vec<Found>, Vec<Diagnostic>) {
    let mut found = Vec::new();
    let mut diagnostics = Vec::new();
    let mut last_top: Option<(u32, usize)> = None;
    for (i, block) in blocks.iter().enumerate() {
        let Block::Line(line) = block else { continue };
        let line = line.range();
        let Some((ord, title)) = heading(text.get(line.clone())) else {
            continue;
        };
        let level = ord.style.level();
        if level > 3 {
            continue;
        }
        let span = text.span(crate::text::trim(&text.text, line.clone()));
        if level == 1 {
            if let Some((prev, prev_start)) = last_top {
                let between = text.text.get(prev_start..line.start).unwrap_or("");
                if ord.number != prev + 1
                    && ord.number != 1
                    && !skipped_headings_present(between, prev, ord.number)
                {
                    diagnostics.push(Diagnostic::new(
                        Code::OutlineOrder,
                        Severity::Info,
                        format!("heading numbered {} follows heading {prev}", ord.number),
                        span,
                    ));
                }
            }
            last_top = Some((ord.number, line.start));
        }
        let kind = if level == 1 {
            section_kind(&title)
        } else {
            None
        };
        found.push(Found {
            heading: Heading {
                level,
                ordinal: Some(ord.number),
                title,
                kind,
                span,
            },
            block: i,
        });
    }
    (found, diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_and_kinds() {
        let (o, t) = heading("三、收到和处理政府信息公开申请情况").unwrap();
        assert_eq!(
            (o.number, t.as_str()),
            (3, "收到和处理政府信息公开申请情况")
        );
        assert_eq!(section_kind(&t), Some(SectionKind::Requests));
        let (o, t) = heading("(一)做好职能职责主动公开。一是主动公开业务信息。").unwrap();
        assert_eq!((o.style.level(), t.as_str()), (2, "做好职能职责主动公开"));
        assert_eq!(
            section_kind("因政府信息公开申请行政复议、提起行政诉讼的情况"),
            Some(SectionKind::ReviewLitigation)
        );
        assert_eq!(
            section_kind("政府信息公开的收费及减免情况"),
            Some(SectionKind::Fees)
        );
        assert_eq!(
            section_kind("存在主要问题及改进情况"),
            Some(SectionKind::Problems)
        );
        assert!(heading("2020年,上报市委").is_none());
        assert!(heading("1.5万人").is_none());
    }
}
