//! Bytes → text: find the encoding, decode, and keep the offset map back to the bytes.
//!
//! The encoding is taken from, in order: a byte-order mark (UTF-8, UTF-16LE/BE); the bytes
//! themselves when they are valid UTF-8 (crawlers save decoded pages but keep the page's old
//! `<meta charset=gb2312>`); a `<meta charset>` declaration; and last chardetng's guess.
//! Government sites still serve GBK, GB2312 and Big5. Input that is UTF-8 but for a few runs of
//! bytes (a file cut in the middle of a character, a GBK paragraph pasted into a UTF-8 page) is
//! read as UTF-8, and each run that is not is read in the encoding chardetng finds for those runs
//! (GBK, Big5) when the run is plainly text in it, and reported. Bytes that are not valid in
//! the encoding become U+FFFD and are reported (never a failure of the whole input). Every
//! decoded character keeps the byte range it came from.

use crate::error::{Error, ErrorKind};
use crate::offset::{MapBuilder, OffsetMap};
use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};
use ogi_model::Span;

/// Decoded text with its map back to the input bytes.
#[derive(Debug)]
pub(crate) struct Decoded {
    pub(crate) text: String,
    pub(crate) map: OffsetMap,
    /// The encoding's WHATWG name (`UTF-8`, `GBK`, `Big5`, `UTF-16LE`).
    pub(crate) encoding: &'static str,
    /// How the encoding was found.
    pub(crate) source: EncodingSource,
    /// Input spans of bytes that were not valid and were replaced by U+FFFD.
    pub(crate) malformed: Vec<Span>,
    /// In UTF-8 input, the runs of bytes read in another encoding, and that encoding's name.
    pub(crate) foreign: Vec<Span>,
    /// The encoding of [`foreign`](Self::foreign) runs.
    pub(crate) foreign_encoding: Option<&'static str>,
}

/// How the encoding was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EncodingSource {
    /// A byte-order mark.
    Bom,
    /// The bytes are valid UTF-8.
    Utf8,
    /// The bytes are UTF-8 but for a few runs (see the module documentation).
    MostlyUtf8,
    /// UTF-16 recognised from its zero bytes, without a byte-order mark.
    Utf16Pattern,
    /// A `<meta charset>` declaration.
    Declared,
    /// chardetng's guess.
    Guessed,
}

/// How far into the input a `<meta charset>` is looked for (Word-exported pages have long heads).
const PRESCAN: usize = 4096;

/// UTF-16 without a byte-order mark: most characters of Chinese text have no zero byte, but
/// markup, digits and line breaks do, always on the same side.
fn utf16_pattern(input: &[u8]) -> Option<&'static Encoding> {
    let sample = &input[..input.len().min(4096) & !1];
    // Both patterns need zero bytes; most inputs have none, which memchr tells at once.
    if sample.len() < 8 || memchr::memchr(0, sample).is_none() {
        return None;
    }
    let (even, odd) = sample.chunks(2).fold((0, 0), |(e, o), pair| {
        (e + usize::from(pair[0] == 0), o + usize::from(pair[1] == 0))
    });
    let pairs = sample.len() / 2;
    // ASCII (digits, punctuation, line breaks) puts a zero on one side; characters such as 一
    // (U+4E00) put one on the other, far less often. Chinese prose may be mostly non-ASCII.
    if odd * 25 >= pairs && even * 4 < odd {
        Some(UTF_16LE)
    } else if even * 25 >= pairs && odd * 4 < even {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The encoding a `<meta charset=…>` or `<meta http-equiv … content="…; charset=…">` declares.
fn declared(input: &[u8]) -> Option<&'static Encoding> {
    let head = &input[..input.len().min(PRESCAN)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(i) = find(&lower[from..], b"charset") {
        let mut j = from + i + b"charset".len();
        while j < lower.len() && matches!(lower[j], b' ' | b'=' | b'"' | b'\'') {
            j += 1;
        }
        let end = lower[j..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':')))
            .map_or(lower.len(), |k| j + k);
        if let Some(enc) = Encoding::for_label(&lower[j..end]) {
            // A page cannot declare itself UTF-16 in ASCII bytes (WHATWG: treat as UTF-8).
            if enc != UTF_16LE && enc != UTF_16BE {
                return Some(enc);
            }
        }
        from = end.max(from + i + 1);
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Refuses inputs that are empty or binary.
fn check_text(input: &[u8]) -> Result<(), Error> {
    if input.iter().all(u8::is_ascii_whitespace) {
        return Err(ErrorKind::Empty.into());
    }
    // Text in the encodings we read (all but UTF-16, handled before) has no NUL byte.
    if let Some(offset) = memchr::memchr(0, &input[..input.len().min(64 * 1024)]) {
        return Err(ErrorKind::Binary { offset }.into());
    }
    Ok(())
}

/// Decodes the input (see the module documentation).
pub(crate) fn decode(input: &[u8]) -> Result<Decoded, Error> {
    // Validated once: most inputs are UTF-8 without a byte-order mark.
    let valid_utf8 = simdutf8::basic::from_utf8(input).ok();
    let (encoding, bom, source) = if let Some((enc, len)) = Encoding::for_bom(input) {
        (enc, len, EncodingSource::Bom)
    } else if let Some(enc) = utf16_pattern(input) {
        (enc, 0, EncodingSource::Utf16Pattern)
    } else {
        check_text(input)?;
        if valid_utf8.is_some() {
            (UTF_8, 0, EncodingSource::Utf8)
        } else if mostly_utf8(input) {
            (UTF_8, 0, EncodingSource::MostlyUtf8)
        } else if let Some(enc) = declared(input) {
            (enc, 0, EncodingSource::Declared)
        } else {
            let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
            detector.feed(input, true);
            // No `.cn` hint: with it chardetng reads Big5 pages as GBK.
            (
                detector.guess(None, Utf8Detection::Allow),
                0,
                EncodingSource::Guessed,
            )
        }
    };
    let body = &input[bom..];
    if body.iter().all(u8::is_ascii_whitespace) && (encoding != UTF_16LE && encoding != UTF_16BE) {
        return Err(ErrorKind::Empty.into());
    }
    let mut out = Sink {
        text: String::with_capacity(body.len() + body.len() / 2),
        map: MapBuilder::new(),
        malformed: Vec::new(),
        foreign: Vec::new(),
        foreign_encoding: None,
        at: bom,
    };
    out.map.skip(bom);
    if encoding == UTF_8 {
        match valid_utf8.filter(|_| bom == 0) {
            Some(text) => out.valid(text),
            None => out.utf8(body),
        }
    } else if encoding == UTF_16LE || encoding == UTF_16BE {
        out.utf16(body, encoding == UTF_16BE);
    } else if encoding.is_ascii_compatible() {
        out.multibyte(encoding, body);
    } else {
        // Stateful encodings (none of which Chinese sites use): decoded whole, mapped coarsely.
        let (text, had_errors) = encoding.decode_without_bom_handling(body);
        out.text.push_str(&text);
        out.map.replace(body.len(), text.len());
        if had_errors {
            out.malformed
                .push(Span::new(bom as u32, input.len() as u32));
        }
    }
    if out.text.trim().is_empty() {
        return Err(ErrorKind::Empty.into());
    }
    if let Some(percent) = controls(&out.text) {
        return Err(ErrorKind::Controls {
            encoding: encoding.name(),
            percent,
        }
        .into());
    }
    Ok(Decoded {
        text: out.text,
        map: out.map.finish(),
        encoding: encoding.name(),
        source,
        malformed: out.malformed,
        foreign: out.foreign,
        foreign_encoding: out.foreign_encoding.map(Encoding::name),
    })
}

/// How many characters of the decoded text's start are checked by [`controls`].
const CONTROL_SAMPLE: usize = 16 * 1024;

/// The share of control characters (C0 but tab, line and page breaks; C1; noncharacters) in
/// the text's first characters, in percent, when more than one in ten: binary data decoded.
/// Reports hold none or a few stray ones.
fn controls(text: &str) -> Option<u8> {
    // Counted on the bytes: a character at its first byte, each control character by its UTF-8
    // form (C0 and DEL one byte, C1 `C2 80`–`C2 9F`, U+FFFE/F `EF BF BE/F`).
    let end = if text.len() <= CONTROL_SAMPLE {
        text.len()
    } else {
        text.char_indices()
            .nth(CONTROL_SAMPLE)
            .map_or(text.len(), |(i, _)| i)
    };
    let bytes = &text.as_bytes()[..end];
    // Characters and C0/DEL controls, counted in byte lanes without a branch (so on vectors),
    // a chunk of at most 255 bytes at a time.
    let (mut all, mut c0) = (0usize, 0usize);
    for chunk in bytes.chunks(255) {
        let (mut a, mut z) = (0u8, 0u8);
        for &b in chunk {
            a = a.wrapping_add(u8::from(b & 0xC0 != 0x80));
            let control = u8::from(b < 0x20)
                .wrapping_sub(u8::from(b == b'\t'))
                .wrapping_sub(u8::from(b == b'\n'))
                .wrapping_sub(u8::from(b == 0x0C))
                .wrapping_sub(u8::from(b == b'\r'))
                .wrapping_add(u8::from(b == 0x7F));
            z = z.wrapping_add(control);
        }
        all += usize::from(a);
        c0 += usize::from(z);
    }
    let c1 = memchr::memchr_iter(0xC2, bytes)
        .filter(|&i| matches!(bytes.get(i + 1), Some(0x80..=0x9F)))
        .count();
    let nonchars = memchr::memchr_iter(0xEF, bytes)
        .filter(|&i| {
            bytes.get(i + 1) == Some(&0xBF) && matches!(bytes.get(i + 2), Some(0xBE | 0xBF))
        })
        .count();
    let bad = c0 + c1 + nonchars;
    (bad * 10 > all).then(|| u8::try_from(bad * 100 / all.max(1)).unwrap_or(100))
}

/// Valid UTF-8 outweighs what is not: non-ASCII bytes in valid sequences at least four times
/// the invalid ones. GBK or Big5 text forms valid UTF-8 sequences only by chance (one character
/// in seven or so), so it never passes; UTF-8 with a cut character or a pasted paragraph does.
fn mostly_utf8(input: &[u8]) -> bool {
    let (valid, invalid) = utf8_weights(input);
    valid >= 4 * invalid
}

/// Non-ASCII bytes in valid UTF-8 sequences, and bytes in invalid ones.
fn utf8_weights(bytes: &[u8]) -> (usize, usize) {
    bytes.utf8_chunks().fold((0, 0), |(v, i), chunk| {
        let non_ascii = chunk.valid().bytes().filter(|b| !b.is_ascii()).count();
        (v + non_ascii, i + chunk.invalid().len())
    })
}

/// The runs of non-ASCII bytes in `body`, as ranges: in mostly UTF-8 input, the unit judged to
/// be UTF-8 or not (Chinese text in any encoding is delimited by ASCII line breaks, spaces,
/// digits and markup).
fn non_ascii_runs(body: &[u8]) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        let start = i + body.get(i..)?.iter().position(|b| !b.is_ascii())?;
        let end = body[start..]
            .iter()
            .position(u8::is_ascii)
            .map_or(body.len(), |k| start + k);
        i = end;
        Some(start..end)
    })
}

/// A run of mostly UTF-8 input that is rather in another encoding: fewer valid UTF-8 bytes than
/// twice the invalid ones.
fn is_foreign(run: &[u8]) -> bool {
    let (valid, invalid) = utf8_weights(run);
    invalid > 0 && valid < 2 * invalid
}

/// The encoding of the foreign runs of mostly UTF-8 input, by chardetng over them alone, when it
/// is one of the Chinese multi-byte encodings.
fn foreign_encoding(body: &[u8]) -> Option<&'static Encoding> {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    let mut any = false;
    for run in non_ascii_runs(body).filter(|r| is_foreign(&body[r.clone()])) {
        detector.feed(&body[run], false);
        detector.feed(b" ", false);
        any = true;
    }
    if !any {
        return None;
    }
    detector.feed(b"", true);
    let guess = detector.guess(None, Utf8Detection::Deny);
    [encoding_rs::GBK, encoding_rs::GB18030, encoding_rs::BIG5]
        .contains(&guess)
        .then_some(guess)
}

/// Decoded text being written, with its map and the input offset reached.
struct Sink {
    text: String,
    map: MapBuilder,
    malformed: Vec<Span>,
    foreign: Vec<Span>,
    foreign_encoding: Option<&'static Encoding>,
    at: usize,
}

impl Sink {
    fn bad(&mut self, len: usize) {
        self.text.push(char::REPLACEMENT_CHARACTER);
        self.map
            .replace(len, char::REPLACEMENT_CHARACTER.len_utf8());
        self.malformed
            .push(Span::new(self.at as u32, (self.at + len) as u32));
        self.at += len;
    }

    /// Valid text, copied.
    fn valid(&mut self, text: &str) {
        self.text.push_str(text);
        self.map.copy(text.len());
        self.at += text.len();
    }

    /// UTF-8, with the foreign runs of mostly UTF-8 input read in their own encoding.
    fn utf8(&mut self, body: &[u8]) {
        if let Ok(text) = simdutf8::basic::from_utf8(body) {
            self.valid(text);
            return;
        }
        let Some(encoding) = foreign_encoding(body) else {
            self.utf8_lossy(body);
            return;
        };
        self.foreign_encoding = Some(encoding);
        let mut done = 0;
        for run in non_ascii_runs(body) {
            if run.start < done || !is_foreign(&body[run.clone()]) {
                continue;
            }
            self.utf8_lossy(&body[done..run.start]);
            // A GBK trail byte may be ASCII (`0x40..=0x7E`): take it when it completes the run.
            let mut end = run.end;
            if end < body.len()
                && encoding
                    .decode_without_bom_handling_and_without_replacement(&body[run.start..end])
                    .is_none()
                && encoding
                    .decode_without_bom_handling_and_without_replacement(&body[run.start..=end])
                    .is_some()
            {
                end += 1;
            }
            let start = self.at;
            self.multibyte(encoding, &body[run.start..end]);
            self.foreign.push(Span::new(start as u32, self.at as u32));
            done = end;
        }
        self.utf8_lossy(&body[done..]);
    }

    /// UTF-8, invalid sequences replaced.
    fn utf8_lossy(&mut self, body: &[u8]) {
        for chunk in body.utf8_chunks() {
            self.text.push_str(chunk.valid());
            self.map.copy(chunk.valid().len());
            self.at += chunk.valid().len();
            if !chunk.invalid().is_empty() {
                self.bad(chunk.invalid().len());
            }
        }
    }

    fn utf16(&mut self, body: &[u8], big_endian: bool) {
        let units = body.chunks_exact(2).map(|p| {
            if big_endian {
                u16::from_be_bytes([p[0], p[1]])
            } else {
                u16::from_le_bytes([p[0], p[1]])
            }
        });
        for c in char::decode_utf16(units) {
            match c {
                Ok(c) => {
                    let len = if c.len_utf16() == 2 { 4 } else { 2 };
                    self.text.push(c);
                    self.map.replace(len, c.len_utf8());
                    self.at += len;
                }
                Err(_) => self.bad(2),
            }
        }
        if body.len() % 2 == 1 {
            self.bad(1);
        }
    }

    /// ASCII-compatible multi-byte encodings (GBK, GB18030, Big5, …): ASCII runs are copied;
    /// each other character is the shortest byte sequence (1–4 bytes) that decodes cleanly.
    fn multibyte(&mut self, encoding: &'static Encoding, body: &[u8]) {
        let mut i = 0;
        while i < body.len() {
            let run = body[i..]
                .iter()
                .position(|b| !b.is_ascii())
                .unwrap_or(body.len() - i);
            if run > 0 {
                // ASCII bytes are ASCII characters in these encodings.
                self.text
                    .extend(body[i..i + run].iter().map(|&b| char::from(b)));
                self.map.copy(run);
                self.at += run;
                i += run;
                continue;
            }
            let decoded = (1..=4).filter(|n| i + n <= body.len()).find_map(|n| {
                encoding
                    .decode_without_bom_handling_and_without_replacement(&body[i..i + n])
                    .map(|s| (n, s))
            });
            if let Some((n, s)) = decoded {
                self.text.push_str(&s);
                self.map.replace(n, s.len());
                self.at += n;
                i += n;
            } else {
                self.bad(1);
                i += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_bom_and_maps_offsets() {
        let d = decode("\u{feff}规章 | 0".as_bytes()).unwrap();
        assert_eq!(
            (d.text.as_str(), d.source),
            ("规章 | 0", EncodingSource::Bom)
        );
        let zero = d.text.len() as u32 - 1;
        assert_eq!(
            d.map.span(Span::new(zero, zero + 1)),
            Span::new(zero + 3, zero + 4)
        );
    }

    #[test]
    fn gbk_declared_in_meta() {
        let (bytes, _, _) = encoding_rs::GBK.encode("<meta charset=\"gb2312\"><p>规章 12件</p>");
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "GBK");
        assert_eq!(d.source, EncodingSource::Declared);
        assert!(d.text.contains("规章 12件"));
        // "12" maps back to its two bytes in the GBK input.
        let at = d.text.find("12").unwrap() as u32;
        let span = d.map.span(Span::new(at, at + 2));
        assert_eq!(&bytes[span.range()], b"12");
        // "规" is two bytes in GBK.
        let at = d.text.find('规').unwrap() as u32;
        assert_eq!(d.map.span(Span::new(at, at + 3)).len(), 2);
    }

    #[test]
    fn big5_guessed() {
        let text = "本報告根據《中華人民共和國政府信息公開條例》的有關規定編制。".repeat(4);
        let (bytes, _, _) = encoding_rs::BIG5.encode(&text);
        let d = decode(&bytes).unwrap();
        assert_eq!((d.encoding, d.source), ("Big5", EncodingSource::Guessed));
        assert_eq!(d.text, text);
        assert!(d.malformed.is_empty());
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let text = "一、总体情况\n申请165件";
        let mut le: Vec<u8> = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let d = decode(&le).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (text, "UTF-16LE"));
        let at = d.text.find("165").unwrap() as u32;
        let span = d.map.span(Span::new(at, at + 3));
        assert_eq!(span.len(), 6);
        let be: Vec<u8> = format!("{text}\n2019年")
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        let d = decode(&be).unwrap();
        assert_eq!(
            (d.encoding, d.source),
            ("UTF-16BE", EncodingSource::Utf16Pattern)
        );
    }

    #[test]
    fn replaces_malformed_bytes() {
        // 0xFF is never a GBK byte.
        let d = decode(b"<meta charset=gbk>ab\xFF\xFFcd").unwrap();
        assert!(d.text.ends_with("ab\u{FFFD}\u{FFFD}cd"), "{:?}", d.text);
        assert_eq!(d.malformed, [Span::new(20, 21), Span::new(21, 22)]);
    }

    #[test]
    fn binary_that_decodes_is_still_refused() {
        // Zero bytes on one side, as in UTF-16, but decoding to control characters.
        let d = decode(&[0u8, 1, 2, 3, 0xFF, 0xFE].repeat(100)).unwrap_err();
        assert_eq!(
            d.kind(),
            &ErrorKind::Controls {
                encoding: "UTF-16BE",
                percent: 66
            }
        );
        // No NUL byte at all.
        let bytes: Vec<u8> = (1..=255).cycle().take(2000).collect();
        assert!(matches!(
            decode(&bytes).unwrap_err().kind(),
            ErrorKind::Controls { .. }
        ));
        // A few stray controls in text are text.
        let text = "本年度主动公开政府信息1234条，其中规范性文件12件。\x0b\n\x1a";
        assert!(decode(text.as_bytes()).is_ok());
    }

    #[test]
    fn utf8_cut_in_a_character_stays_utf8() {
        // The end of seed 024's title, cut after the first byte of 报.
        let input = "2023 年政府信息公开工作年度".as_bytes();
        let mut cut = input.to_vec();
        cut.extend_from_slice(&"报".as_bytes()[..1]);
        let d = decode(&cut).unwrap();
        assert_eq!(
            (d.encoding, d.source),
            ("UTF-8", EncodingSource::MostlyUtf8)
        );
        assert_eq!(d.text, "2023 年政府信息公开工作年度\u{FFFD}");
        assert_eq!(
            d.malformed,
            [Span::new(input.len() as u32, cut.len() as u32)]
        );
        assert!(d.foreign.is_empty());
    }

    #[test]
    fn a_gbk_passage_in_utf8_is_read_as_gbk() {
        let (gbk, _, _) = encoding_rs::GBK.encode("二、收到和处理政府信息公开申请情况");
        let mut input = "一、总体情况\n本年度主动公开政府信息1234条。\n"
            .as_bytes()
            .to_vec();
        let at = input.len();
        input.extend_from_slice(&gbk);
        input.extend_from_slice("\n三、政府信息公开行政复议、行政诉讼情况\n".as_bytes());
        let d = decode(&input).unwrap();
        assert_eq!(
            (d.encoding, d.source),
            ("UTF-8", EncodingSource::MostlyUtf8)
        );
        assert_eq!(d.foreign_encoding, Some("GBK"));
        assert!(
            d.text
                .contains("\n二、收到和处理政府信息公开申请情况\n三、"),
            "{}",
            d.text
        );
        assert!(d.malformed.is_empty());
        assert_eq!(d.foreign, [Span::new(at as u32, (at + gbk.len()) as u32)]);
        // The passage's characters map back to their GBK bytes.
        let i = d.text.find("收到").unwrap();
        let back = d.map.span(Span::new(i as u32, (i + "收到".len()) as u32));
        assert_eq!(back, Span::new(at as u32 + 4, at as u32 + 8));
    }

    #[test]
    fn valid_utf8_beats_a_stale_meta_charset() {
        let d = decode("<meta charset=gbk><p>规章</p>".as_bytes()).unwrap();
        assert_eq!((d.encoding, d.source), ("UTF-8", EncodingSource::Utf8));
    }

    #[test]
    fn refuses_empty_and_binary() {
        assert_eq!(decode(b"  \n").unwrap_err().kind(), &ErrorKind::Empty);
        assert_eq!(
            decode(b"PK\x03\x04\x00").unwrap_err().kind(),
            &ErrorKind::Binary { offset: 4 }
        );
        assert_eq!(
            decode(b"\xEF\xBB\xBF  ").unwrap_err().kind(),
            &ErrorKind::Empty
        );
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// [`controls`] as its documentation states it, character by character.
    fn controls_by_char(text: &str) -> Option<u8> {
        let (mut all, mut bad) = (0usize, 0usize);
        for c in text.chars().take(CONTROL_SAMPLE) {
            all += 1;
            let control = (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c'))
                || matches!(c, '\u{FFFE}' | '\u{FFFF}');
            bad += usize::from(control);
        }
        (bad * 10 > all).then(|| u8::try_from(bad * 100 / all.max(1)).unwrap_or(100))
    }

    proptest! {
        /// Control characters counted byte by byte are those counted character by character.
        #[test]
        fn controls_are_counted_as_characters(
            text in "[\\x00-\\x20a\\u{7f}-\\u{a0}é一\u{fffd}-\u{ffff}]{0,600}",
        ) {
            prop_assert_eq!(controls(&text), controls_by_char(&text));
        }
    }
}
