//! Text → clean text: NFKC, line breaks and invisible characters, with an offset map.
//!
//! NFKC turns full-width digits and punctuation into ASCII (`１２` → `12`, `（` → `(`, `，` →
//! `,`), ideographic and no-break spaces into spaces, Kangxi radicals and compatibility
//! ideographs into unified ideographs; the radicals of the supplement, which NFKC leaves, are
//! mapped too ([`RADICALS`]). Characters that NFKC would turn *into digits* although they
//! are not numbers in running text (circled `①`, superscripts, vulgar fractions) are kept as
//! they are, so that `①12件` never reads as `112件`. Line breaks become `\n` (a form feed, which
//! `pdftotext` writes between pages, too); zero-width and other control characters go.

use crate::offset::{MapBuilder, OffsetMap};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::canonical_combining_class;

/// Clean text with its map back to the stage's input.
#[derive(Debug)]
pub(crate) struct Normalized {
    pub(crate) text: String,
    pub(crate) map: OffsetMap,
}

/// Characters NFKC leaves alone and that never combine with their neighbours.
fn is_stable(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | ' '..='~'
        | '\u{3001}'..='\u{3002}' | '\u{3008}'..='\u{3011}' | '\u{3014}'..='\u{301B}'
        | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
        | '\u{2018}'..='\u{201D}' | '\u{2014}' | '\u{2026}' | '\u{00B7}')
}

/// The length of the [`is_stable`] character at byte `at` of `s`, 0 if it is not one, read from
/// its first byte where that suffices: ASCII, and the ideographs from U+5000 on, are known by one
/// byte, an ideograph from U+4000 by two; only other characters are decoded.
fn stable_step(s: &str, at: usize) -> usize {
    let bytes = s.as_bytes();
    match bytes[at] {
        b'\t' | b'\n' | b' '..=b'~' => 1,
        // U+5000–U+9FFF.
        0xE5..=0xE9 => 3,
        // U+4000–U+4FFF but the hexagrams U+4DC0–U+4DFF (`E4 B7 xx`).
        0xE4 if bytes.get(at + 1) != Some(&0xB7) => 3,
        0x00..=0x7F => 0,
        _ => match s[at..].chars().next() {
            Some(c) if is_stable(c) => c.len_utf8(),
            _ => 0,
        },
    }
}

/// How many bytes the chunked scan reads at a time.
const CHUNK: usize = 16;

/// Whether a byte can be part of a stable character that [`stable_step`] knows by its first
/// byte: printable ASCII, tab, line feed, a continuation byte, or the first byte of an ideograph
/// U+4000–U+9FFF (E4–E9). Bitwise, not lazy, operators: no branch, so that a chunk's test
/// compiles to SIMD.
#[allow(clippy::inline_always, clippy::needless_bitwise_bool)]
#[inline(always)]
fn quick_byte(b: u8) -> bool {
    (b.wrapping_sub(0x20) < 0x5F)
        | (b == b'\t')
        | (b == b'\n')
        | (b.wrapping_sub(0x80) < 0x40)
        | (b.wrapping_sub(0xE4) < 6)
}

/// How many bytes `s` opens with that are whole [`is_stable`] characters known by their first
/// byte ([`quick_byte`]) or, for `、` and `。` (`E3 80 81`, `E3 80 82`), by their three, read
/// [`CHUNK`] bytes at a time with no branch inside a chunk: the runs of Chinese text between two
/// full-width commas are skipped without deciding on each character. Ends at the first other
/// byte (or a hexagram, `E4 B7`), which opens a character, or near the end of `s` at a character
/// boundary; [`stable_step`] reads on from there.
#[allow(clippy::needless_bitwise_bool)] // Branch-free, as in `quick_byte`.
fn stable_chunks(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut i = 0;
    // A chunk and the two bytes after it (a hexagram's second byte, or the rest of a `、`, may
    // stand in the next chunk).
    while let Some(window) = bytes.get(i..i + CHUNK + 2) {
        let quick = |j: usize| {
            let (b, b1, b2) = (window[j], window[j + 1], window[j + 2]);
            let comma_or_stop = (b == 0xE3) & (b1 == 0x80) & (b2.wrapping_sub(0x81) < 2);
            (quick_byte(b) & !((b == 0xE4) & (b1 == 0xB7))) | comma_or_stop
        };
        let mut all = true;
        for j in 0..CHUNK {
            all &= quick(j);
        }
        if !all {
            return i + (0..CHUNK).find(|&j| !quick(j)).unwrap_or(0);
        }
        i += CHUNK;
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The length of the run of [`is_stable`] characters that `s` opens with.
#[cfg(test)]
fn stable_len(s: &str) -> usize {
    let mut i = 0;
    while i < s.len() {
        match stable_step(s, i) {
            0 => break,
            step => i += step,
        }
    }
    i
}

/// The NFKC form of a full-width ASCII character (U+FF01–U+FF5E) or the ideographic space.
fn fullwidth_ascii(c: char) -> Option<char> {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0),
        '\u{3000}' => Some(' '),
        _ => None,
    }
}

/// The CJK radicals supplement (U+2E80–U+2EFF) with the unified ideograph each stands for
/// (Unicode's `EquivalentUnifiedIdeograph.txt`, those in the Basic Multilingual Plane). NFKC
/// maps the Kangxi radicals but not these, and PDFs printed with the common CJK fonts (Noto
/// Sans CJK, Source Han) give them for the ideograph that shares their glyph: `人⺠政府` for
/// `人民政府`, `⻘山区` for `青山区`. Sorted by the radical.
const RADICALS: &[(char, char)] = &[
    ('\u{2E82}', '乛'),
    ('\u{2E83}', '乚'),
    ('\u{2E85}', '亻'),
    ('\u{2E89}', '刂'),
    ('\u{2E8B}', '㔾'),
    ('\u{2E8F}', '尣'),
    ('\u{2E90}', '尢'),
    ('\u{2E92}', '巳'),
    ('\u{2E93}', '幺'),
    ('\u{2E94}', '彑'),
    ('\u{2E95}', '彐'),
    ('\u{2E96}', '忄'),
    ('\u{2E98}', '扌'),
    ('\u{2E99}', '攵'),
    ('\u{2E9B}', '旡'),
    ('\u{2E9E}', '歺'),
    ('\u{2E9F}', '母'),
    ('\u{2EA0}', '民'),
    ('\u{2EA1}', '氵'),
    ('\u{2EA3}', '灬'),
    ('\u{2EA4}', '爫'),
    ('\u{2EA6}', '丬'),
    ('\u{2EA8}', '犭'),
    ('\u{2EAD}', '礻'),
    ('\u{2EAF}', '糹'),
    ('\u{2EB0}', '纟'),
    ('\u{2EB1}', '罓'),
    ('\u{2EB3}', '㓁'),
    ('\u{2EB9}', '耂'),
    ('\u{2EBA}', '肀'),
    ('\u{2EBE}', '艹'),
    ('\u{2EC2}', '衤'),
    ('\u{2EC5}', '见'),
    ('\u{2EC6}', '角'),
    ('\u{2EC8}', '讠'),
    ('\u{2EC9}', '贝'),
    ('\u{2ECB}', '车'),
    ('\u{2ECC}', '辶'),
    ('\u{2ED0}', '钅'),
    ('\u{2ED1}', '長'),
    ('\u{2ED2}', '镸'),
    ('\u{2ED3}', '长'),
    ('\u{2ED4}', '门'),
    ('\u{2ED6}', '阝'),
    ('\u{2ED8}', '青'),
    ('\u{2ED9}', '韦'),
    ('\u{2EDA}', '页'),
    ('\u{2EDB}', '风'),
    ('\u{2EDC}', '飞'),
    ('\u{2EDD}', '食'),
    ('\u{2EDF}', '飠'),
    ('\u{2EE0}', '饣'),
    ('\u{2EE2}', '马'),
    ('\u{2EE3}', '骨'),
    ('\u{2EE4}', '鬼'),
    ('\u{2EE5}', '鱼'),
    ('\u{2EE6}', '鸟'),
    ('\u{2EE7}', '卤'),
    ('\u{2EE8}', '麦'),
    ('\u{2EE9}', '黄'),
    ('\u{2EEA}', '黾'),
    ('\u{2EEB}', '斉'),
    ('\u{2EEC}', '齐'),
    ('\u{2EEE}', '齿'),
    ('\u{2EEF}', '竜'),
    ('\u{2EF0}', '龙'),
    ('\u{2EF1}', '龜'),
    ('\u{2EF2}', '亀'),
    ('\u{2EF3}', '龟'),
];

/// The unified ideograph a radical of the supplement stands for (see [`RADICALS`]).
fn radical(c: char) -> Option<char> {
    if !('\u{2E80}'..='\u{2EFF}').contains(&c) {
        return None;
    }
    RADICALS
        .binary_search_by_key(&c, |(r, _)| *r)
        .ok()
        .map(|i| RADICALS[i].1)
}

/// Characters whose compatibility decomposition contains digits or letters that were not
/// written as such (`①`, `²`, `½`, `⒈`): NFKC is not applied to them.
fn keep_as_is(c: char) -> bool {
    matches!(c,
        '\u{00B2}' | '\u{00B3}' | '\u{00B9}' | '\u{00BC}'..='\u{00BE}'
        | '\u{2070}'..='\u{209F}'
        | '\u{2150}'..='\u{218F}'
        | '\u{2460}'..='\u{24FF}'
        | '\u{2776}'..='\u{2793}'
        | '\u{3248}'..='\u{325F}'
        | '\u{3280}'..='\u{32BF}')
}

/// Characters dropped outright: zero-width marks, the BOM, soft hyphens, stray controls.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    ) || (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0B}' | '\u{0C}'))
}

/// Appends the normal form of one character to `out` (nothing for an invisible one). Used where
/// text arrives a character at a time (HTML rendering); combining marks are not composed.
pub(crate) fn push_char(c: char, out: &mut String) {
    match c {
        '\r' | '\u{0B}' | '\u{0C}' => out.push('\n'),
        c if is_stable(c) || keep_as_is(c) => out.push(c),
        c if is_invisible(c) => {}
        c if radical(c).is_some() => out.push(radical(c).unwrap_or(c)),
        c => out.extend(std::iter::once(c).nfkc()),
    }
}

/// Whether the character starting `rest` has canonical combining class 0, told from its first
/// byte for ASCII and the ideographs U+4000–U+9FFF (the characters after most full-width forms).
fn starts_with_starter(rest: &str) -> bool {
    match rest.as_bytes().first() {
        None | Some(0x00..=0x7F | 0xE4..=0xE9) => true,
        Some(_) => rest
            .chars()
            .next()
            .is_none_or(|m| canonical_combining_class(m) == 0),
    }
}

/// Normalises `input` (see the module documentation).
pub(crate) fn normalize(input: &str) -> Normalized {
    let mut out = String::with_capacity(input.len());
    let mut map = MapBuilder::new();
    let bytes = input.as_bytes();
    // `input[run..at]` is a run of stable characters not yet copied: runs are copied whole.
    let mut run = 0;
    let mut at = 0;
    while at < bytes.len() {
        at += stable_chunks(&input[at..]);
        if at == bytes.len() {
            break;
        }
        let step = stable_step(input, at);
        if step > 0 {
            at += step;
            continue;
        }
        out.push_str(&input[run..at]);
        map.copy(at - run);
        let rest = &input[at..];
        let Some(c) = rest.chars().next() else { break };
        let len = c.len_utf8();
        at += match c {
            '\r' => {
                // `\r\n` and a lone `\r` both become `\n`.
                let n = if rest[1..].starts_with('\n') { 2 } else { 1 };
                out.push('\n');
                map.replace(n, 1);
                n
            }
            '\u{0B}' | '\u{0C}' => {
                out.push('\n');
                map.replace(1, 1);
                1
            }
            c if is_invisible(c) => {
                map.skip(len);
                len
            }
            c if keep_as_is(c) => {
                out.push(c);
                map.copy(len);
                len
            }
            c if radical(c).is_some() => {
                let ideograph = radical(c).unwrap_or(c);
                out.push(ideograph);
                map.replace(len, ideograph.len_utf8());
                len
            }
            // Full-width ASCII (`，（）：１２`) and the ideographic space, the characters Chinese
            // text holds most that NFKC changes, alone in their cluster: their NFKC is known.
            c if fullwidth_ascii(c).is_some() && starts_with_starter(&rest[len..]) => {
                out.push(fullwidth_ascii(c).unwrap_or(c));
                map.replace(len, 1);
                len
            }
            _ => {
                // A cluster: this character and the combining marks after it.
                let cluster_len = len
                    + rest[len..]
                        .char_indices()
                        .find(|&(_, m)| canonical_combining_class(m) == 0)
                        .map_or(rest.len() - len, |(i, _)| i);
                let cluster = &rest[..cluster_len];
                let before = out.len();
                out.extend(cluster.nfkc());
                map.replace(cluster_len, out.len() - before);
                cluster_len
            }
        };
        run = at;
    }
    out.push_str(&input[run..]);
    map.copy(input.len() - run);
    Normalized {
        text: out,
        map: map.finish(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ogi_model::Span;

    #[test]
    fn folds_full_width_forms() {
        let n = normalize("（一）予以公开　１２，３件\r\n");
        assert_eq!(n.text, "(一)予以公开 12,3件\n");
        // "12" is at 20..22 in the clean text; in the input it is two 3-byte digits.
        let at = n.text.find("12").unwrap() as u32;
        let src = n.map.span(Span::new(at, at + 2));
        assert_eq!(&"（一）予以公开　１２，３件\r\n"[src.range()], "１２");
    }

    #[test]
    fn keeps_circled_numbers_and_drops_invisibles() {
        assert_eq!(normalize("①12件\u{200B}").text, "①12件");
        assert_eq!(normalize("a\u{feff}b\u{0C}c").text, "ab\nc");
        // Kangxi radical 一 (U+2F00) becomes the unified ideograph.
        assert_eq!(normalize("\u{2F00}、").text, "一、");
        // So do the radicals of the supplement a PDF's font gives for an ideograph.
        assert_eq!(normalize("白沙镇人\u{2EA0}政府").text, "白沙镇人民政府");
        assert_eq!(normalize("\u{2ED8}山区").text, "青山区");
        let mut pushed = String::new();
        push_char('\u{2EA0}', &mut pushed);
        assert_eq!(pushed, "民");
        assert!(RADICALS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn is_idempotent_on_examples() {
        for s in ["（二）部分公开", "ｅ́x", "２０１９年", "\u{3220}行政复议"] {
            let once = normalize(s).text;
            assert_eq!(normalize(&once).text, once);
        }
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn fullwidth_ascii_is_its_nfkc() {
        for c in ('\u{FF01}'..='\u{FF5E}').chain(['\u{3000}']) {
            let nfkc: String = std::iter::once(c).nfkc().collect();
            assert_eq!(fullwidth_ascii(c).map(String::from), Some(nfkc), "{c}");
        }
    }

    proptest! {
        /// The byte-wise run of stable characters is the run `is_stable` gives.
        #[test]
        fn stable_runs_are_is_stable(
            s in "[\t\n\r a~\u{7f}\u{b7}\u{2014}\u{2026}\u{3000}-\u{3020}\u{33ff}\u{3400}\u{4dbf}-\u{4e00}\u{9fff}\u{a000}\u{ff10}①]{0,16}",
        ) {
            let expected = s.find(|c: char| !is_stable(c)).unwrap_or(s.len());
            prop_assert_eq!(stable_len(&s), expected);
        }

        /// The chunked scan stops at a character boundary within the stable run, and past a
        /// chunk only where the byte there is one it cannot vouch for.
        #[test]
        fn stable_chunks_stay_within_the_stable_run(
            s in "[\t\n a~\u{7f}\u{b7}\u{3000}-\u{3003}\u{3080}\u{4dc0}\u{4dbf}\u{4e00}\u{4e8c}\u{9fff}\u{ff0c}\u{1f600}]{0,80}",
        ) {
            let n = stable_chunks(&s);
            prop_assert!(s.is_char_boundary(n));
            prop_assert!(n <= stable_len(&s));
            if n + CHUNK + 3 < s.len() {
                let b = s.as_bytes();
                let hexagram = b[n] == 0xE4 && b[n + 1] == 0xB7;
                let comma_or_stop = b[n] == 0xE3 && b[n + 1] == 0x80 && matches!(b[n + 2], 0x81 | 0x82);
                prop_assert!((!quick_byte(b[n]) && !comma_or_stop) || hexagram);
            }
        }
    }
}
