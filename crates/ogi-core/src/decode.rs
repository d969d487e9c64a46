//! Bytes → text: strip a byte-order mark, decode, and keep the offset map back to the bytes.
//!
//! Bytes that are not valid in the encoding become U+FFFD and are reported (never a failure of
//! the whole input).

use crate::error::{Error, ErrorKind};
use crate::offset::{MapBuilder, OffsetMap};
use ogi_model::Span;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decoded text with its map back to the input bytes.
#[derive(Debug)]
pub(crate) struct Decoded {
    pub(crate) text: String,
    pub(crate) map: OffsetMap,
    /// The encoding's name (`UTF-8`).
    pub(crate) encoding: &'static str,
    /// Input spans of bytes that were not valid and were replaced by U+FFFD.
    pub(crate) malformed: Vec<Span>,
}

/// Refuses inputs that are empty or binary.
fn check_text(input: &[u8]) -> Result<(), Error> {
    if input.iter().all(u8::is_ascii_whitespace) {
        return Err(ErrorKind::Empty.into());
    }
    // Text in any encoding we read (UTF-8, GB18030, Big5) has no NUL byte.
    if let Some(offset) = input.iter().take(64 * 1024).position(|&b| b == 0) {
        return Err(ErrorKind::Binary { offset }.into());
    }
    Ok(())
}

/// Decodes UTF-8 input, with or without a byte-order mark.
pub(crate) fn decode(input: &[u8]) -> Result<Decoded, Error> {
    check_text(input)?;
    let mut map = MapBuilder::new();
    let body = match input.strip_prefix(UTF8_BOM) {
        Some(rest) => {
            map.skip(UTF8_BOM.len());
            rest
        }
        None => input,
    };
    let mut text = String::with_capacity(body.len());
    let mut malformed = Vec::new();
    let mut at = input.len() - body.len();
    for chunk in body.utf8_chunks() {
        text.push_str(chunk.valid());
        map.copy(chunk.valid().len());
        at += chunk.valid().len();
        let bad = chunk.invalid();
        if !bad.is_empty() {
            text.push(char::REPLACEMENT_CHARACTER);
            map.replace(bad.len(), char::REPLACEMENT_CHARACTER.len_utf8());
            malformed.push(Span::new(at as u32, (at + bad.len()) as u32));
            at += bad.len();
        }
    }
    Ok(Decoded {
        text,
        map: map.finish(),
        encoding: "UTF-8",
        malformed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_bom_and_maps_offsets() {
        let d = decode("\u{feff}规章 | 0".as_bytes()).unwrap();
        assert_eq!(d.text, "规章 | 0");
        // "0" is the last byte of the text and of the input.
        let zero = d.text.len() as u32 - 1;
        assert_eq!(
            d.map.span(Span::new(zero, zero + 1)),
            Span::new(zero + 3, zero + 4)
        );
    }

    #[test]
    fn replaces_malformed_bytes() {
        let d = decode(b"ab\xFF\xFEcd").unwrap();
        assert_eq!(d.text, "ab\u{FFFD}\u{FFFD}cd");
        assert_eq!(d.malformed, [Span::new(2, 3), Span::new(3, 4)]);
        assert_eq!(d.map.span(Span::new(8, 10)), Span::new(4, 6));
    }

    #[test]
    fn refuses_empty_and_binary() {
        assert_eq!(decode(b"  \n").unwrap_err().kind(), &ErrorKind::Empty);
        assert_eq!(
            decode(b"PK\x03\x04\x00").unwrap_err().kind(),
            &ErrorKind::Binary { offset: 4 }
        );
    }
}
