//! Text → clean text: NFKC, line breaks and invisible characters, with an offset map.
//!
//! NFKC turns full-width digits and punctuation into ASCII (`１２` → `12`, `（` → `(`, `，` →
//! `,`), ideographic and no-break spaces into spaces, Kangxi radicals and compatibility
//! ideographs into unified ideographs. Characters that NFKC would turn *into digits* although they
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
