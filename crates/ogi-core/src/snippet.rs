//! Showing where values came from: the source line a span lies on, decoded for display (what
//! `ogi check` and Python's `Report.explain` show beside a value), and the clean text of a whole
//! input with the way from input spans to it ([`SourceView`], what `ogi inspect` draws).
//!
//! ```
//! use ogi_core::snippet::line_at;
//! use ogi_model::Span;
//!
//! let input = "标题\n一、本年新收政府信息公开申请数量 | 26 |\n".as_bytes();
//! let at = "标题\n一、本年新收政府信息公开申请数量 | ".len() as u32;
//! let line = line_at(input, "UTF-8", Span::new(at, at + 2), 60).unwrap();
//! assert_eq!(line.number, 2);
//! assert_eq!(&line.text[line.highlight.clone()], "26");
//! ```

use encoding_rs::Encoding;
use ogi_model::Span;
use std::ops::Range;

/// One line of the source, decoded, with the part a span covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceLine {
    /// The line's number, from 1.
    pub number: usize,
    /// The line's text, cropped around the span when long (marked with `…`).
    pub text: String,
    /// The byte range of the span within [`text`](Self::text).
    pub highlight: Range<usize>,
    /// The span's column in the file's line, from 1, in characters: where an editor puts it
    /// (the highlight's place in a cropped [`text`](Self::text) is not).
    pub column: usize,
}

/// The line of `input` holding `span`, decoded from `encoding` (a label such as `GBK`, as in
/// [`Meta::encoding`](ogi_model::Meta::encoding)); lines longer than `4 × context` bytes are
/// cropped to `context` bytes on each side of the span. `None` when the span lies outside the
/// input. A span over several lines shows from its first line to its last.
pub fn line_at(input: &[u8], encoding: &str, span: Span, context: usize) -> Option<SourceLine> {
    let (start, end) = (span.start as usize, span.end as usize);
    if start > end || end > input.len() {
        return None;
    }
    let encoding = Encoding::for_label(encoding.as_bytes()).unwrap_or(encoding_rs::UTF_8);
    // UTF-16 writes a newline as two bytes; every other supported encoding as one.
    let (unit, newline): (usize, &[u8]) = if encoding == encoding_rs::UTF_16LE {
        (2, b"\n\0")
    } else if encoding == encoding_rs::UTF_16BE {
        (2, b"\0\n")
    } else {
        (1, b"\n")
    };
    let is_newline = |i: usize| i % unit == 0 && input.get(i..i + unit) == Some(newline);
    let line_start = (0..start)
        .rev()
        .find(|&i| is_newline(i))
        .map_or(0, |i| i + unit);
    let line_end = (end..input.len())
        .find(|&i| is_newline(i))
        .unwrap_or(input.len());
    let (from, to) = if line_end - line_start <= 4 * context {
        (line_start, line_end)
    } else {
        let from = start.saturating_sub(context).max(line_start);
        let to = (end + context).min(line_end);
        // Keep UTF-16 cuts on unit boundaries.
        (
            from - (from - line_start) % unit,
            to - (to - line_start) % unit,
        )
    };
    let decode = |b: &[u8]| encoding.decode_without_bom_handling(b).0.into_owned();
    // A crop through a multi-byte character decodes to U+FFFD at the edge: drop it.
    let before = decode(&input[from..start]);
    let before = before.trim_start_matches('\u{fffd}').trim_end_matches('\r');
    let value = decode(&input[start..end]);
    let after = decode(&input[end..to]);
    let after = after.trim_end_matches('\u{fffd}').trim_end_matches('\r');
    let lead = if from > line_start { "…" } else { "" };
    let tail = if to < line_end { "…" } else { "" };
    let number = (0..start).filter(|&i| is_newline(i)).count() + 1;
    let column = decode(&input[line_start..start]).chars().count() + 1;
    let text = format!("{lead}{before}{value}{after}{tail}");
    let at = lead.len() + before.len();
    Some(SourceLine {
        number,
        text,
        highlight: at..at + value.len(),
        column,
    })
}

/// The clean text ogi reads from an input (as [`clean_text`](crate::clean_text)), with the way
/// from a span of the input to the text it became.
#[derive(Clone, Debug)]
pub struct SourceView {
    /// The clean text.
    pub text: String,
    /// `(input start, input end, text start, text end)` of every character, by input start.
    chars: Vec<(u32, u32, u32, u32)>,
}

impl SourceView {
    /// The range of [`text`](Self::text) that a span of the input became: the first run of
    /// adjacent characters whose source lies inside the span. `None` when no character does (a
    /// blank cell's empty span, or a span in markup that renders to nothing).
    pub fn locate(&self, span: Span) -> Option<Range<usize>> {
        let first = self.chars.partition_point(|c| c.0 < span.start);
        let mut inside: Vec<(u32, u32)> = self.chars[first..]
            .iter()
            .take_while(|c| c.0 < span.end)
            .filter(|c| c.1 <= span.end)
            .map(|c| (c.2, c.3))
            .collect();
        inside.sort_unstable();
        let (start, mut end) = *inside.first()?;
        for &(s, e) in &inside[1..] {
            if s > end {
                break;
            }
            end = end.max(e);
        }
        Some(start as usize..end as usize)
    }

    /// The place in [`text`](Self::text) where input offset `at` stands: the start of the
    /// first character read from at or after it (a blank cell's empty span). `None` past the
    /// last character.
    pub fn point(&self, at: u32) -> Option<usize> {
        let i = self.chars.partition_point(|c| c.0 < at);
        self.chars.get(i).map(|c| c.2 as usize)
    }
}

/// The line a reader is shown for a span: the file's own line for a text, the rendered text's
/// line for a page (HTML, or a Word file's XML), whose markup is not what anyone reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShownLine {
    /// The line, its number and column counted in the file (text) or in the rendered text
    /// (page).
    pub line: SourceLine,
    /// Whether the line is of the rendered text of a page.
    pub rendered: bool,
}

/// The line to show for `span` of `input` (decoded from `encoding`, lines longer than
/// `4 × context` bytes cropped): for a page, the line of its rendered text that the span
/// became, the span's characters highlighted (a blank cell's empty span: the place it stands
/// at); for a text, the file's line, as [`line_at`]. `None` when the span lies outside the
/// input or a page's span renders to nothing. For many spans of one input, [`ShownLines`]
/// renders a page once.
pub fn shown_line(input: &[u8], encoding: &str, span: Span, context: usize) -> Option<ShownLine> {
    ShownLines::new(input, encoding).get(span, context)
}

/// The lines to show for spans of one input ([`shown_line`]), a page rendered once.
#[derive(Debug)]
pub struct ShownLines<'a> {
    input: &'a [u8],
    encoding: &'a str,
    /// A page's rendered text, or `None` for a text.
    view: Option<SourceView>,
}

impl<'a> ShownLines<'a> {
    /// The lines of `input`, decoded from `encoding`.
    pub fn new(input: &'a [u8], encoding: &'a str) -> Self {
        let is_page = crate::decode::decode(input).is_ok_and(|d| {
            crate::html::looks_like_html(&d.text) || crate::docx::is_document_xml(&d.text)
        });
        Self {
            input,
            encoding,
            view: is_page.then(|| source_view(input).ok()).flatten(),
        }
    }

    /// The line to show for `span`, as [`shown_line`].
    pub fn get(&self, span: Span, context: usize) -> Option<ShownLine> {
        let Some(view) = &self.view else {
            return line_at(self.input, self.encoding, span, context).map(|line| ShownLine {
                line,
                rendered: false,
            });
        };
        let at = if let Some(r) = view.locate(span) {
            r
        } else {
            // The first character after the place: the separator after a blank cell, whose
            // place is the space before it (`12 |  | 3`: between the two spaces).
            let mut p = view.point(span.start)?;
            if view.text[..p].ends_with(' ') {
                p -= 1;
            }
            p..p
        };
        let text = view.text.as_str();
        let line_start = text[..at.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[at.end..].find('\n').map_or(text.len(), |i| at.end + i);
        let (from, to) = if line_end - line_start <= 4 * context {
            (line_start, line_end)
        } else {
            (
                floor_char(text, at.start.saturating_sub(context).max(line_start)),
                ceil_char(text, (at.end + context).min(line_end)),
            )
        };
        let lead = if from > line_start { "…" } else { "" };
        let tail = if to < line_end { "…" } else { "" };
        let shown = format!("{lead}{}{tail}", &text[from..to]);
        let start = lead.len() + at.start - from;
        Some(ShownLine {
            line: SourceLine {
                number: text[..at.start].matches('\n').count() + 1,
                text: shown,
                highlight: start..start + at.len(),
                column: text[line_start..at.start].chars().count() + 1,
            },
            rendered: true,
        })
    }
}

/// `i`, moved back to a character boundary of `s`.
fn floor_char(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// `i`, moved on to a character boundary of `s`.
fn ceil_char(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The clean text of `input` and the map from input spans to it.
///
/// # Errors
/// As [`parse`](crate::parse).
pub fn source_view(input: &[u8]) -> Result<SourceView, crate::Error> {
    let text = crate::prepared_text(input)?;
    let mut chars: Vec<(u32, u32, u32, u32)> = text
        .text
        .char_indices()
        .filter(|(_, c)| !c.is_whitespace())
        .map(|(i, c)| {
            let span = text.span(i..i + c.len_utf8());
            (span.start, span.end, i as u32, (i + c.len_utf8()) as u32)
        })
        .collect();
    chars.sort_unstable();
    Ok(SourceView {
        text: text.text,
        chars,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_cropped_around_the_span() {
        let line = format!("{}总计 12 3{}", "甲".repeat(100), "乙".repeat(100));
        let at = line.find("12").unwrap() as u32;
        let got = line_at(line.as_bytes(), "UTF-8", Span::new(at, at + 2), 12).unwrap();
        assert!(got.text.starts_with('…') && got.text.ends_with('…'));
        assert_eq!(&got.text[got.highlight.clone()], "12");
        assert!(!got.text.contains('\u{fffd}'));
        // The column is the file's, not the cropped text's.
        assert_eq!(got.column, 104);
    }

    #[test]
    fn pages_show_their_rendered_line() {
        let page = "<html><body><p>说明</p><table><tr><td>行政复议</td><td>12</td><td></td><td>3</td></tr></table></body></html>";
        let at = page.find(">12<").unwrap() as u32 + 1;
        let got = shown_line(page.as_bytes(), "UTF-8", Span::new(at, at + 2), 60).unwrap();
        assert!(got.rendered);
        assert_eq!(got.line.text, "行政复议 | 12 |  | 3");
        assert_eq!(&got.line.text[got.line.highlight.clone()], "12");
        assert_eq!((got.line.number, got.line.column), (2, 8));
        // A blank cell's empty span: the place it stands at, after its separator.
        let blank = page.find("<td></td>").unwrap() as u32 + 4;
        let got = shown_line(page.as_bytes(), "UTF-8", Span::new(blank, blank), 60).unwrap();
        assert!(got.line.highlight.is_empty());
        assert_eq!(&got.line.text[got.line.highlight.start..], " | 3");
        // Text is shown as it is in the file.
        let text = "共 12 件";
        let got = shown_line(text.as_bytes(), "UTF-8", Span::new(4, 6), 60).unwrap();
        assert!(!got.rendered);
        assert_eq!(got.line.text, text);
    }

    #[test]
    fn legacy_and_utf16_inputs_decode() {
        let (gbk, _, _) = encoding_rs::GBK.encode("第一行\n共受理 5 件\n");
        let at = gbk.iter().position(|b| *b == b'5').unwrap() as u32;
        let got = line_at(&gbk, "GBK", Span::new(at, at + 1), 60).unwrap();
        assert_eq!((got.number, got.text.as_str()), (2, "共受理 5 件"));

        let utf16: Vec<u8> = "第一行\n共受理 5 件\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let at = utf16.windows(2).position(|w| w == b"5\0").unwrap() as u32;
        let got = line_at(&utf16, "UTF-16LE", Span::new(at, at + 2), 60).unwrap();
        assert_eq!((got.number, &got.text[got.highlight.clone()]), (2, "5"));
        assert_eq!(got.column, 5);
    }

    #[test]
    fn input_spans_are_located_in_the_clean_text() {
        // Full-width digits and an HTML cell: the clean text differs from the input.
        let input = "<table><tr><td>总计</td><td>１２</td></tr></table>";
        let view = source_view(input.as_bytes()).unwrap();
        let at = input.find("１２").unwrap() as u32;
        let range = view
            .locate(Span::new(at, at + "１２".len() as u32))
            .unwrap();
        assert_eq!(&view.text[range], "12");
        assert_eq!(view.locate(Span::new(at, at)), None);
    }

    #[test]
    fn spans_outside_the_input_give_nothing() {
        assert_eq!(line_at(b"abc", "UTF-8", Span::new(2, 9), 60), None);
    }
}
