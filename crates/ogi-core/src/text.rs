//! The clean text of a report, its lines, and the way back to the input.

use crate::offset::SourceMap;
use ogi_model::Span;
use std::ops::Range;

/// Clean text (decoded, normalised) and the chain of maps back to the input bytes.
#[derive(Debug)]
pub(crate) struct Text {
    pub(crate) text: String,
    pub(crate) map: SourceMap,
}

impl Text {
    /// The input span of a clean-text range.
    pub(crate) fn span(&self, range: Range<usize>) -> Span {
        self.map
            .span(Span::new(range.start as u32, range.end as u32))
    }

    /// The text of a clean-text range.
    pub(crate) fn get(&self, range: Range<usize>) -> &str {
        self.text.get(range).unwrap_or_default()
    }

    /// The lines of the clean text, as ranges without their `\n`.
    pub(crate) fn lines(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        let len = self.text.len();
        let breaks = memchr::memchr_iter(b'\n', self.text.as_bytes()).chain(std::iter::once(len));
        let mut start = 0;
        breaks.map(move |end| {
            let r = start..end;
            start = end + 1;
            r
        })
    }
}

/// Trims spaces and tabs from both ends of `range` within `text`.
pub(crate) fn trim(text: &str, range: Range<usize>) -> Range<usize> {
    // Byte by byte: a space or tab byte is always a whole character in UTF-8.
    let s = text[range.clone()].as_bytes();
    let blank = |b: &u8| matches!(b, b' ' | b'\t');
    let Some(lead) = s.iter().position(|b| !blank(b)) else {
        return range.start..range.start;
    };
    let trail = s.iter().rev().take_while(|b| blank(b)).count();
    range.start + lead..range.end - trail
}

/// `s.trim()`, answered without decoding when `s` neither opens nor ends with a character that
/// may be whitespace (most lines of a report open and end with an ideograph): only ASCII
/// whitespace and characters whose UTF-8 form opens with `C2`, `E1`, `E2` or `E3` may be.
pub(crate) fn trim_str(s: &str) -> &str {
    // Whether a character whose UTF-8 form opens with `b` may be whitespace.
    let may_be_space = |b: u8| matches!(b, b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1..=0xE3);
    let bytes = s.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return s;
    };
    // The first byte of the last character (at most three continuation bytes end it).
    let last_lead = if last < 0x80 {
        last
    } else {
        bytes
            .iter()
            .rev()
            .take(4)
            .find(|b| **b & 0xC0 != 0x80)
            .copied()
            .unwrap_or(last)
    };
    if may_be_space(first) || may_be_space(last_lead) {
        s.trim()
    } else {
        s
    }
}

/// The largest char boundary of `s` at or below `at`.
pub(crate) fn floor_boundary(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// `s[start..end]`, both ends moved down to char boundaries.
pub(crate) fn window(s: &str, start: usize, end: usize) -> &str {
    let end = floor_boundary(s, end);
    let start = floor_boundary(s, start.min(end));
    &s[start..end]
}

/// The byte offset of the first `needle` in `hay`, as [`str::find`] gives it, made for the short
/// clauses and labels of a report. `str::find` prepares a two-way searcher on every call, which
/// costs more than the search itself on a clause of twenty characters; this looks for the last
/// byte of the needle's first character (a continuation byte in Chinese text, so a selective
/// one) with `memchr`, then compares.
pub(crate) fn find(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some(first) = needle.chars().next() else {
        return Some(0);
    };
    let k = first.len_utf8() - 1;
    memchr::memchr_iter(n[k], h.get(k..)?).find(|&at| h[at..].starts_with(n))
}

/// Whether `hay` holds `needle` (see [`find`]).
pub(crate) fn contains(hay: &str, needle: &str) -> bool {
    find(hay, needle).is_some()
}

/// The characters of `s` whose UTF-8 form opens with a byte from `E4` to `E9` (U+4000–U+9FFF:
/// the CJK unified ideographs and the end of extension A), found by that byte alone: a scan
/// that skips everything else without decoding it.
pub(crate) fn ideographs(s: &str) -> impl Iterator<Item = char> + '_ {
    let bytes = s.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let b = bytes[i];
            if (0xE4..=0xE9).contains(&b) {
                // A lead byte of valid UTF-8: two continuation bytes follow.
                let (b1, b2) = (bytes.get(i + 1)?, bytes.get(i + 2)?);
                i += 3;
                let code = (u32::from(b & 0x0F) << 12)
                    | (u32::from(b1 & 0x3F) << 6)
                    | u32::from(b2 & 0x3F);
                return char::from_u32(code);
            }
            i += 1;
        }
        None
    })
}

/// A set of characters, tested with a lookup: ASCII and the CJK unified ideographs
/// (U+4E00–U+9FFF) in bitmaps, any other character in a short list. For the scans that ask of
/// every character of a text whether it may start something (a number, a negation).
pub(crate) struct CharSet {
    ascii: u128,
    cjk: Box<[u64; Self::CJK_WORDS]>,
    other: Vec<char>,
}

impl CharSet {
    const CJK_BASE: u32 = 0x4E00;
    const CJK_LEN: u32 = 0xA000 - Self::CJK_BASE;
    const CJK_WORDS: usize = (Self::CJK_LEN as usize).div_ceil(64);

    /// The set of `chars`.
    pub(crate) fn new(chars: impl IntoIterator<Item = char>) -> Self {
        let mut set = Self {
            ascii: 0,
            cjk: Box::new([0u64; Self::CJK_WORDS]),
            other: Vec::new(),
        };
        for c in chars {
            let i = u32::from(c).wrapping_sub(Self::CJK_BASE);
            if c.is_ascii() {
                set.ascii |= 1 << u32::from(c);
            } else if i < Self::CJK_LEN {
                set.cjk[i as usize / 64] |= 1 << (i % 64);
            } else if !set.other.contains(&c) {
                set.other.push(c);
            }
        }
        set
    }

    /// The characters of `s` that are in the set, with their byte offsets: a scan that tests an
    /// ASCII byte against the set's ASCII bits, decodes a three-byte character (all of Chinese
    /// text) from its bytes, and skips either unless the set holds it.
    pub(crate) fn members<'a>(&'a self, s: &'a str) -> impl Iterator<Item = (usize, char)> + 'a {
        let bytes = s.as_bytes();
        let mut i = 0;
        std::iter::from_fn(move || {
            while let Some(&b) = bytes.get(i) {
                let at = i;
                if b < 0x80 {
                    i += 1;
                    if self.ascii & (1 << b) != 0 {
                        return Some((at, char::from(b)));
                    }
                    continue;
                }
                let c = if (0xE0..0xF0).contains(&b) {
                    // Valid UTF-8: two continuation bytes follow.
                    i += 3;
                    let &[_, b1, b2] = bytes.get(at..at + 3)? else {
                        return None;
                    };
                    let code = (u32::from(b & 0x0F) << 12)
                        | (u32::from(b1 & 0x3F) << 6)
                        | u32::from(b2 & 0x3F);
                    // An ideograph (most characters) is looked up by its code point; only a
                    // member becomes a `char`.
                    match self.ideograph_member(code) {
                        Some(true) => return char::from_u32(code).map(|c| (at, c)),
                        Some(false) => continue,
                        None => char::from_u32(code)?,
                    }
                } else {
                    let c = s.get(at..)?.chars().next()?;
                    i += c.len_utf8();
                    c
                };
                if self.contains(c) {
                    return Some((at, c));
                }
            }
            None
        })
    }

    /// Whether the code point `code` is in the set, if it is a CJK unified ideograph (the
    /// bitmap); `None` for any other code point.
    #[allow(clippy::inline_always)]
    #[inline(always)]
    fn ideograph_member(&self, code: u32) -> Option<bool> {
        let i = code.wrapping_sub(Self::CJK_BASE);
        (i < Self::CJK_LEN).then(|| self.cjk[i as usize / 64] & (1 << (i % 64)) != 0)
    }

    /// Whether `c` is in the set.
    // Called for every character of a scan; measured: not inlined with a plain `#[inline]`.
    #[allow(clippy::inline_always)]
    #[inline(always)]
    pub(crate) fn contains(&self, c: char) -> bool {
        if let Some(member) = self.ideograph_member(u32::from(c)) {
            member
        } else if c.is_ascii() {
            self.ascii & (1 << u32::from(c)) != 0
        } else {
            self.other.contains(&c)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_ranges_without_newlines() {
        let t = Text {
            text: "ab\n\ncd".into(),
            map: SourceMap::default(),
        };
        let lines: Vec<_> = t.lines().collect();
        assert_eq!(lines, [0..2, 3..3, 4..6]);
        assert_eq!(t.get(4..6), "cd");
    }

    #[test]
    fn trim_keeps_positions() {
        assert_eq!(trim(" a b  ", 0..6), 1..4);
        assert_eq!(trim("x   y", 1..4), 1..1);
    }

    proptest::proptest! {
        /// Byte-wise trimming is trimming spaces and tabs as characters.
        #[test]
        fn trim_is_trimming_spaces_and_tabs(s in "[ \t\u{3000}a一]{0,12}") {
            let t = s.trim_matches([' ', '\t']);
            let expected = if t.is_empty() {
                0..0
            } else {
                let lead = s.len() - s.trim_start_matches([' ', '\t']).len();
                lead..lead + t.len()
            };
            proptest::prop_assert_eq!(trim(&s, 0..s.len()), expected);
        }
    }

    #[test]
    fn find_is_str_find() {
        for (hay, needle, at) in [
            ("本年收到申请54件", "申请", Some(12)),
            ("收到政府信息公开申请", "收到", Some(0)),
            ("未收到", "申请", None),
            ("申", "申请", None),
            ("a申请", "", Some(0)),
            ("不予公开3件", "不予公开", Some(0)),
        ] {
            assert_eq!(find(hay, needle), at, "{hay} / {needle}");
            assert_eq!(find(hay, needle), hay.find(needle));
        }
        assert!(contains("行政复议案件0件", "复议") && !contains("行政诉讼", "复议"));
    }

    #[test]
    fn ideographs_are_the_characters_from_u4000() {
        let s = "2019年,主动公开 é 信息〇条㐀";
        let all: String = s
            .chars()
            .filter(|c| ('\u{4000}'..='\u{9FFF}').contains(c))
            .collect();
        assert_eq!(ideographs(s).collect::<String>(), all);
    }

    #[test]
    fn a_scan_yields_members() {
        let set = CharSet::new("一〇é𝄞b\n".chars());
        let s = "a一二〇b é𝄞😀\n";
        let expected: Vec<(usize, char)> =
            s.char_indices().filter(|(_, c)| set.contains(*c)).collect();
        assert_eq!(expected.len(), 6);
        assert_eq!(set.members(s).collect::<Vec<_>>(), expected);
    }

    #[test]
    fn char_sets_hold_any_character() {
        let set = CharSet::new("一〇○|约é".chars());
        for c in "一〇○|约é".chars() {
            assert!(set.contains(c), "{c}");
        }
        for c in "二0 |x零e\u{10000}".chars().filter(|c| *c != '|') {
            assert!(!set.contains(c), "{c}");
        }
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// `trim_str` gives what `str::trim` gives, on any text and on text with the spaces
        /// of a report (ideographic space, no-break space, tabs) at its ends.
        #[test]
        fn trim_str_agrees_with_str_trim(s in any::<String>(), t in "[ \t\u{3000}\u{a0}\u{2003}\u{85}申。—a1]{0,8}") {
            prop_assert_eq!(trim_str(&s), s.trim());
            prop_assert_eq!(trim_str(&t), t.trim());
        }

        /// `find` gives what `str::find` gives, on text made of the characters of a report.
        #[test]
        fn find_agrees_with_str_find(hay in "[申请收到件0-9a 。]{0,24}", needle in "[申请收到件0-9a 。]{0,3}") {
            prop_assert_eq!(find(&hay, &needle), hay.find(needle.as_str()));
        }
    }
}
