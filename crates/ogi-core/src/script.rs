//! Traditional characters → simplified, only when the text is traditional.
//!
//! Some sites publish their reports (or a 繁體 rendering of them) in traditional characters.
//! Detection counts frequent characters that exist in only one of the two scripts; conversion
//! uses the OpenCC tables (ferrous-opencc, Apache-2.0) and then a small supplement of our own for
//! 著 where it means 着, which OpenCC leaves alone (`著力`, `隨著`). Both scripts' UTF-8 forms are
//! three bytes a character, so the conversion keeps offsets; where it does not, lines are mapped
//! whole.

use crate::offset::{MapBuilder, OffsetMap};
use crate::text::{CharSet, ideographs};
use aho_corasick::AhoCorasick;
use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;
use ogi_model::Script;
use std::sync::{LazyLock, OnceLock};

/// Frequent characters that only traditional text has, and their simplified forms, which only
/// simplified text has. The first [`FREQUENT`] are the most frequent of them.
const TRADITIONAL: &str = "們這個來時會對說與為國發關開經過還進動點體麼現後從機長義實學問業將應間並數區報據務縣處總條統議歷變產請辦資類項費聯網頁訊號";
const SIMPLIFIED: &str = "们这个来时会对说与为国发关开经过还进动点体么现后从机长义实学问业将应间并数区报据务县处总条统议历变产请办资类项费联网页讯号";

/// How many of the first [`TRADITIONAL`] characters the quick test searches for: any traditional
/// text of a few lines holds five of these sixteen (們這個來時會對說與為國發關開經過).
const FREQUENT: usize = 16;

/// How much of the text decides the script.
const SAMPLE: usize = 64 * 1024;

/// The script the text is written in.
pub(crate) fn detect(text: &str) -> Script {
    static TRADITIONAL_CHARS: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
        let chars: Vec<String> = TRADITIONAL
            .chars()
            .take(FREQUENT)
            .map(String::from)
            .collect();
        // Leftmost-first lets the search use its SIMD prefilter (one character per pattern, so
        // the match kind changes nothing else). Sixteen patterns fit the narrow SIMD searcher,
        // several times quicker on CJK text than the wide one all sixty would need.
        AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .build(chars)
            .ok()
    });
    // The characters of either script, and those of the traditional one.
    static SETS: OnceLock<(CharSet, CharSet)> = OnceLock::new();
    let (either, trad) = SETS.get_or_init(|| {
        (
            CharSet::new(TRADITIONAL.chars().chain(SIMPLIFIED.chars())),
            CharSet::new(TRADITIONAL.chars()),
        )
    });
    let mut end = text.len().min(SAMPLE);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    // Fewer than five of the frequent traditional characters decide it at once; most texts hold
    // none, and a search for them alone (SIMD-accelerated) is far quicker than reading every
    // character.
    if let Some(search) = TRADITIONAL_CHARS.as_ref() {
        if search.find_iter(&text[..end]).take(5).count() < 5 {
            return Script::Simplified;
        }
    }
    let (mut t, mut s) = (0usize, 0usize);
    // Both sets are CJK ideographs.
    for c in ideographs(&text[..end]).filter(|c| either.contains(*c)) {
        if trad.contains(c) {
            t += 1;
        } else {
            s += 1;
        }
    }
    if t >= 5 && t > 2 * s {
        Script::Traditional
    } else {
        Script::Simplified
    }
}

/// 著 that means 着, after OpenCC has converted the characters around it (each entry holds 著).
const SUPPLEMENT: &[(&str, &str)] = &[
    ("著力", "着力"),
    ("著重", "着重"),
    ("著手", "着手"),
    ("著眼", "着眼"),
    ("著想", "着想"),
    ("随著", "随着"),
    ("沿著", "沿着"),
    ("接著", "接着"),
    ("本著", "本着"),
    ("有著", "有着"),
    ("带著", "带着"),
    ("意味著", "意味着"),
    ("围绕著", "围绕着"),
];

fn converter() -> Option<&'static OpenCC> {
    static CONVERTER: OnceLock<Option<OpenCC>> = OnceLock::new();
    CONVERTER
        .get_or_init(|| OpenCC::from_config(BuiltinConfig::T2s).ok())
        .as_ref()
}

fn convert_piece(cc: &OpenCC, text: &str) -> String {
    let mut out = cc.convert(text);
    // Every entry holds 著: one search rules them all out in most texts.
    if !out.contains('著') {
        return out;
    }
    for (from, to) in SUPPLEMENT {
        if out.contains(from) {
            out = out.replace(from, to);
        }
    }
    out
}

/// Converts traditional text to simplified, with the map back; `None` if the tables could not
/// be loaded.
pub(crate) fn to_simplified(text: &str) -> Option<(String, OffsetMap)> {
    let cc = converter()?;
    let whole = convert_piece(cc, text);
    let mut map = MapBuilder::new();
    if whole.len() == text.len() {
        map.copy(text.len());
        return Some((whole, map.finish()));
    }
    // Lengths changed somewhere: convert line by line (no table entry spans a line break).
    let mut out = String::with_capacity(whole.len());
    for line in text.split_inclusive('\n') {
        let converted = convert_piece(cc, line);
        map.replace(line.len(), converted.len());
        out.push_str(&converted);
    }
    Some((out, map.finish()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_the_script() {
        assert_eq!(
            detect("本報告根據《中華人民共和國政府信息公開條例》的有關規定編制。我們這個區"),
            Script::Traditional
        );
        assert_eq!(
            detect("本报告根据《中华人民共和国政府信息公开条例》的有关规定编制。"),
            Script::Simplified
        );
        // A traditional table alone: the quick test counts occurrences (公開 four times).
        assert_eq!(
            detect("依申請公開 予以公開 部分公開 不予公開 屬於國家秘密 無法提供"),
            Script::Traditional
        );
        // A few traditional characters in simplified text (a quoted name) do not count.
        assert_eq!(
            detect("臺灣同胞來訪，我们这个县的统计数据"),
            Script::Simplified
        );
    }

    #[test]
    fn every_supplement_entry_holds_zhu() {
        // `convert_piece` skips the supplement when the text holds no 著.
        assert!(SUPPLEMENT.iter().all(|(from, _)| from.contains('著')));
    }

    #[test]
    fn converts_with_supplement_and_keeps_offsets() {
        let (out, map) = to_simplified("關於三百餘件，屬於行政復議，著力推進，隨著發展").unwrap();
        assert_eq!(out, "关于三百余件，属于行政复议，着力推进，随着发展");
        assert_eq!(map, OffsetMap::identity());
        // 著作 and 顯著 keep 著.
        assert_eq!(
            to_simplified("著作權，成效顯著").unwrap().0,
            "著作权，成效显著"
        );
    }
}
