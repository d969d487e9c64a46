//! Traditional characters → simplified, only when the text is traditional.
//!
//! Some sites publish their reports (or a 繁體 rendering of them) in traditional characters.
//! Detection counts frequent characters that exist in only one of the two scripts; conversion
//! uses OpenCC's `t2s` tables (Apache-2.0, bundled in `data/opencc/`) by OpenCC's own rule,
//! maximum forward matching, and then a small supplement of our own for 著 where it means 着,
//! which OpenCC leaves alone (`著力`, `隨著`). Both scripts' UTF-8 forms are three bytes a
//! character, so the conversion keeps offsets; where an entry changes the length, the map back
//! records that entry.

use crate::offset::{MapBuilder, OffsetMap};
use crate::text::{CharSet, ideographs};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use ogi_model::Script;
use std::collections::HashMap;
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

/// OpenCC's phrase table for `t2s` (`TSPhrases.txt`): `key<TAB>value[ value…]` lines.
const TS_PHRASES: &str = include_str!("../data/opencc/TSPhrases.txt");
/// OpenCC's character table for `t2s` (`TSCharacters.txt`), same format.
const TS_CHARACTERS: &str = include_str!("../data/opencc/TSCharacters.txt");

/// The entries of an OpenCC dictionary file, as OpenCC's dictionary compiler reads them: comment
/// (`#`) and blank lines skipped, exactly one tab between key and values, no empty value; the
/// first value is the conversion.
///
/// `entry = key TAB value *(SP value)`, e.g. `乾淨\t干净`.
fn entries(table: &str) -> impl Iterator<Item = (&str, &str)> {
    table.lines().filter_map(|line| {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            return None;
        }
        let (key, values) = line.split_once('\t')?;
        if key.is_empty() || values.contains('\t') || values.split(' ').any(str::is_empty) {
            return None;
        }
        Some((key, values.split(' ').next()?))
    })
}

/// OpenCC's `t2s` conversion: at each position the longest key of either table that starts
/// there is replaced by its value (a phrase before a character entry with the same key), and
/// the search goes on after it — maximum forward matching, which is what an aho-corasick
/// leftmost-longest search does in one pass over the text.
struct Converter {
    /// Every key of both tables.
    search: AhoCorasick,
    /// The value of each key, by pattern index.
    values: Vec<&'static str>,
}

impl Converter {
    fn new() -> Option<Self> {
        // Later lines of one file override earlier ones; phrases override characters.
        let mut table: HashMap<&'static str, &'static str> = entries(TS_CHARACTERS).collect();
        table.extend(entries(TS_PHRASES));
        let (keys, values): (Vec<&str>, Vec<&str>) = table.into_iter().unzip();
        let search = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            // As quick here as a DFA (a report converts in a fifth of a millisecond), built in
            // a fraction of the time and memory.
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(keys)
            .ok()?;
        Some(Self { search, values })
    }

    /// The converted text and the map back to `text`.
    fn convert(&self, text: &str) -> (String, OffsetMap) {
        let mut out = String::with_capacity(text.len());
        let mut map = MapBuilder::new();
        let mut last = 0;
        for m in self.search.find_iter(text) {
            let value = self.values[m.pattern().as_usize()];
            out.push_str(&text[last..m.start()]);
            out.push_str(value);
            map.copy(m.start() - last);
            map.replace(m.len(), value.len());
            last = m.end();
        }
        out.push_str(&text[last..]);
        map.copy(text.len() - last);
        (out, map.finish())
    }
}

fn converter() -> Option<&'static Converter> {
    static CONVERTER: OnceLock<Option<Converter>> = OnceLock::new();
    CONVERTER.get_or_init(Converter::new).as_ref()
}

/// Converts traditional text to simplified, with the map back; `None` if the tables could not
/// be loaded.
pub(crate) fn to_simplified(text: &str) -> Option<(String, OffsetMap)> {
    let (mut out, map) = converter()?.convert(text);
    // Every entry holds 著 and keeps the length: one search rules them all out in most texts.
    if out.contains('著') {
        for (from, to) in SUPPLEMENT {
            if out.contains(from) {
                out = out.replace(from, to);
            }
        }
    }
    Some((out, map))
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
    fn every_supplement_entry_holds_zhu_and_keeps_the_length() {
        // `to_simplified` skips the supplement when the text holds no 著, and keeps its map.
        assert!(
            SUPPLEMENT
                .iter()
                .all(|(from, to)| from.contains('著') && from.len() == to.len())
        );
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

    /// ferrous-opencc's converters: the reference for the same tables.
    fn opencc(config: ferrous_opencc::config::BuiltinConfig) -> ferrous_opencc::OpenCC {
        ferrous_opencc::OpenCC::from_config(config).unwrap()
    }

    #[test]
    fn converts_as_opencc_does_on_every_fixture() {
        use ferrous_opencc::config::BuiltinConfig;
        let (t2s, s2t) = (opencc(BuiltinConfig::T2s), opencc(BuiltinConfig::S2t));
        let ours = converter().unwrap();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut checked = 0;
        for dir in ["seeds", "corpus", "unlabeled"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let Ok(simplified) = std::fs::read_to_string(entry.unwrap().path()) else {
                    continue;
                };
                // Each report as it is and rendered in traditional characters.
                for text in [s2t.convert(&simplified), simplified] {
                    assert_eq!(ours.convert(&text).0, t2s.convert(&text));
                    checked += text.len();
                }
            }
        }
        assert!(checked > 500_000, "only {checked} bytes compared");
    }

    proptest::proptest! {
        #[test]
        fn converts_as_opencc_does_on_any_mix_of_table_characters(
            picks in proptest::collection::vec(0usize..10_000, 0..200)
        ) {
            // Characters of the phrase keys (where entries overlap and compete) and of the
            // character keys, ASCII, and a line break.
            let alphabet: Vec<char> = entries(TS_PHRASES)
                .flat_map(|(k, _)| k.chars())
                .chain(entries(TS_CHARACTERS).take(300).flat_map(|(k, v)| k.chars().chain(v.chars())))
                .chain("a1 \n".chars())
                .collect();
            let text: String = picks.iter().map(|i| alphabet[i % alphabet.len()]).collect();
            let reference = opencc(ferrous_opencc::config::BuiltinConfig::T2s);
            proptest::prop_assert_eq!(converter().unwrap().convert(&text).0, reference.convert(&text));
        }
    }

    #[test]
    fn an_entry_that_changes_the_length_maps_back_to_itself() {
        // An entry whose value is longer or shorter than its key (the supplementary-plane ones).
        let (key, value) = entries(TS_CHARACTERS)
            .chain(entries(TS_PHRASES))
            .find(|(k, v)| k.len() != v.len())
            .unwrap();
        let text = format!("關於{key}共3件");
        let (out, map) = to_simplified(&text).unwrap();
        assert_eq!(out, format!("关于{value}共3件"));
        let three = out.find('3').unwrap();
        let span = map.span(ogi_model::Span::new(three as u32, three as u32 + 1));
        assert_eq!(&text[span.start as usize..span.end as usize], "3");
    }
}
