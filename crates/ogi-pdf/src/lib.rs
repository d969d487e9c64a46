//! PDF input for ogi: the text of a PDF report, extracted and then parsed like any other input.
//!
//! Text comes from the page's geometry: [pdf-extract](https://crates.io/crates/pdf-extract)
//! walks the content streams (fonts, encodings, text matrices) and hands over every glyph with
//! its position and every painted path ([`pages`]); ogi lays them out ([`page_text`]). Where
//! ruling lines cross into a grid, each cell is the region they enclose (a missing line merges
//! cells) and each row is written as its cells between `|`, a blank cell an empty one, the text
//! wrapped inside a cell joined; the rest of the page is written line by line in reading order,
//! glyphs after a gap at the column their position gives, so columns of numbers without rules
//! line up. The table readers then see explicit separators or positions, as from any input.
//!
//! When that fails (pdf-extract panics on some real files, run inside `catch_unwind`) or reads
//! too little text, pdf-extract's own text output is tried, then
//! [lopdf](https://crates.io/crates/lopdf)'s. Pages are joined with a form feed;
//! [`Meta::container`](ogi_model::Meta::container) records the extractor, a quality score and
//! where each page lies, and every span of the report indexes the extracted text.
//!
//! ```
//! // A PDF made of one page with one line of text.
//! let pdf = ogi_pdf::tests_support::one_line_pdf("Requests received: 12");
//! let extracted = ogi_pdf::extract(&pdf)?;
//! assert!(extracted.text.contains("Requests received: 12"));
//! assert_eq!(extracted.pages.len(), 1);
//! assert!(extracted.quality > 0.9);
//! # Ok::<(), ogi_pdf::PdfError>(())
//! ```

mod glyphs;
mod render;

pub use glyphs::{Glyph, Page, Rule};
pub use render::page_text;

use ogi_core::Options;
use ogi_core::batch::{FileError, FileErrorKind, Parsed};
use ogi_model::{Container, Decimal, Report, Span};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

/// File extensions this crate adds to [`ogi_core::batch::REPORT_EXTENSIONS`].
pub const EXTENSIONS: &[&str] = &[
    "txt", "text", "htm", "html", "shtml", "xhtml", "docx", "pdf",
];

/// Why no text could be had from a PDF.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PdfError {
    /// The bytes are not a PDF (no `%PDF-` header).
    #[error("not a PDF: no %PDF- header")]
    NotPdf,
    /// Neither extractor could read the file.
    #[error("the PDF could not be read: {0}")]
    Unreadable(String),
    /// The file was read but holds no text: scanned pages need OCR first.
    #[error("the PDF holds no text layer (scanned pages need OCR first)")]
    NoText,
    /// The extracted text is not a report.
    #[error(transparent)]
    Parse(#[from] ogi_core::Error),
}

/// Which extractor gave the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Extractor {
    /// Glyph positions and ruling lines (walked by pdf-extract), laid out by ogi: ruled tables
    /// as rows of `|`-separated cells, other text in columns of spaces.
    Positions,
    /// pdf-extract: text laid out line by line from glyph positions.
    PdfExtract,
    /// lopdf's own `extract_text`, page by page.
    Lopdf,
}

impl Extractor {
    /// The name and version line, as `meta.container.extractor` records it.
    pub const fn name(self) -> &'static str {
        match self {
            Extractor::Positions => "ogi glyph layout (pdf-extract 0.12)",
            Extractor::PdfExtract => "pdf-extract 0.12",
            Extractor::Lopdf => "lopdf 0.42",
        }
    }
}

/// The text of a PDF.
#[derive(Clone, Debug)]
pub struct Extracted {
    /// The pages' text, joined with `\f\n`.
    pub text: String,
    /// Where each page lies in [`text`](Self::text).
    pub pages: Vec<Span>,
    /// Which extractor gave it.
    pub extractor: Extractor,
    /// The share of non-space characters that read as text, 0 to 1 (see [`quality`]).
    pub quality: f64,
}

/// Whether `bytes` start like a PDF (`%PDF-`, possibly after a little junk, as the format allows).
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes
        .get(..1024.min(bytes.len()))
        .is_some_and(|head| head.windows(5).any(|w| w == b"%PDF-"))
}

/// The share of non-space characters that read as text: CJK ideographs and punctuation, ASCII
/// letters, digits and punctuation, full-width forms. Control characters, private-use glyphs
/// (unmapped fonts) and U+FFFD count against. 0 for no text at all.
pub fn quality(text: &str) -> f64 {
    let (mut good, mut all) = (0u32, 0u32);
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        all += 1;
        let ok = matches!(c,
            '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{3000}'..='\u{303f}'
            // Radicals and compatibility ideographs, which fonts' maps often give for the
            // ideographs they look like (normalisation folds them).
            | '\u{2e80}'..='\u{2fdf}' | '\u{f900}'..='\u{faff}'
            | '\u{ff00}'..='\u{ffef}' | '\u{2010}'..='\u{206f}' | '\u{00b7}' | '\u{2460}'..='\u{24ff}'
        ) || (c.is_ascii_graphic());
        if ok {
            good += 1;
        }
    }
    if all == 0 {
        0.0
    } else {
        f64::from(good) / f64::from(all)
    }
}

fn join(pages: &[String], extractor: Extractor) -> Extracted {
    let mut text = String::new();
    let mut spans = Vec::with_capacity(pages.len());
    for (i, page) in pages.iter().enumerate() {
        if i > 0 {
            text.push_str("\u{c}\n");
        }
        let start = text.len() as u32;
        text.push_str(page.trim_end_matches(['\u{c}', '\n']));
        spans.push(Span::new(start, text.len() as u32));
    }
    let quality = quality(&text);
    Extracted {
        text,
        pages: spans,
        extractor,
        quality,
    }
}

/// Text by pdf-extract; its panics become errors.
fn with_pdf_extract(pdf: &[u8]) -> Result<Extracted, String> {
    let pages = catch_unwind(AssertUnwindSafe(|| {
        pdf_extract::extract_text_from_mem_by_pages(pdf)
    }));
    match pages {
        Ok(Ok(pages)) => Ok(join(&pages, Extractor::PdfExtract)),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => Err("pdf-extract panicked on this file".to_owned()),
    }
}

/// Each page's glyphs and ruling lines, read with pdf-extract; its panics become errors.
///
/// # Errors
/// When the bytes are no PDF lopdf can load, or pdf-extract fails or panics on them.
pub fn pages(pdf: &[u8]) -> Result<Vec<Page>, String> {
    let read = catch_unwind(AssertUnwindSafe(|| {
        let mut doc = lopdf::Document::load_mem(pdf).map_err(|e| e.to_string())?;
        if doc.is_encrypted() {
            doc.decrypt("").map_err(|e| e.to_string())?;
        }
        glyphs::pages(&doc)
    }));
    read.unwrap_or_else(|_| Err("pdf-extract panicked on this file".to_owned()))
}

/// Text from glyph positions and ruling lines, page by page (see [`Extractor::Positions`]).
fn with_positions(pdf: &[u8]) -> Result<Extracted, String> {
    let pages: Vec<String> = pages(pdf)?.iter().map(render::page_text).collect();
    Ok(join(&pages, Extractor::Positions))
}

/// Text by lopdf, page by page; a page it cannot read is left empty.
fn with_lopdf(pdf: &[u8]) -> Result<Extracted, String> {
    let read = catch_unwind(AssertUnwindSafe(|| {
        let doc = lopdf::Document::load_mem(pdf).map_err(|e| e.to_string())?;
        let pages: Vec<String> = doc
            .get_pages()
            .keys()
            .map(|&n| doc.extract_text(&[n]).unwrap_or_default())
            .collect();
        Ok::<_, String>(pages)
    }));
    match read {
        Ok(Ok(pages)) => Ok(join(&pages, Extractor::Lopdf)),
        Ok(Err(e)) => Err(e),
        Err(_) => Err("lopdf panicked on this file".to_owned()),
    }
}

/// The text of a PDF: pdf-extract's, or lopdf's when pdf-extract fails or reads worse.
///
/// # Errors
/// When the bytes are not a PDF, neither extractor reads them, or there is no text.
pub fn extract(pdf: &[u8]) -> Result<Extracted, PdfError> {
    if !is_pdf(pdf) {
        return Err(PdfError::NotPdf);
    }
    if let Ok(positioned) = with_positions(pdf)
        && positioned.quality >= 0.95
        && has_text(&positioned)
    {
        return Ok(positioned);
    }
    let first = with_pdf_extract(pdf);
    let good_enough = first
        .as_ref()
        .is_ok_and(|e| e.quality >= 0.95 && has_text(e));
    let best = if good_enough {
        first.map_err(PdfError::Unreadable)?
    } else {
        match (first, with_lopdf(pdf)) {
            (Ok(a), Ok(b)) => {
                if has_text(&b) && (!has_text(&a) || b.quality > a.quality) {
                    b
                } else {
                    a
                }
            }
            (Ok(a), Err(_)) => a,
            (Err(_), Ok(b)) => b,
            (Err(a), Err(b)) => return Err(PdfError::Unreadable(format!("{a}; {b}"))),
        }
    };
    if has_text(&best) {
        Ok(best)
    } else {
        Err(PdfError::NoText)
    }
}

/// Whether an extraction found any text at all (a few characters per page at least).
fn has_text(e: &Extracted) -> bool {
    e.text.chars().filter(|c| !c.is_whitespace()).count() >= 8 * e.pages.len().max(1)
}

/// A report read from a PDF: the extracted text parsed, with
/// [`Meta::container`](ogi_model::Meta::container) filled in and `bytes`/`sha256` those of the
/// PDF. Returns the report and the extracted text its spans index.
///
/// # Errors
/// As [`extract`], and when the text is not a report at all.
pub fn parse(pdf: &[u8], options: &Options) -> Result<(Report, String), PdfError> {
    let extracted = extract(pdf)?;
    let mut report = ogi_core::parse_with(extracted.text.as_bytes(), options)?;
    report.meta.bytes = pdf.len() as u64;
    report.meta.sha256 = ogi_core::sha256_hex(pdf);
    // Three decimals are plenty for a share.
    #[allow(clippy::cast_possible_truncation)]
    let per_mille = (extracted.quality * 1000.0).round() as i64;
    report.meta.container = Some(Container {
        format: "pdf".to_owned(),
        extractor: extracted.extractor.name().to_owned(),
        quality: Decimal::new(per_mille, 3).unwrap_or(Decimal::ZERO),
        pages: extracted.pages,
    });
    Ok((report, extracted.text))
}

/// Reads one file: a PDF through [`parse`], anything else as
/// [`ogi_core::batch::read_file`] does. A [`Reader`](ogi_core::batch::Reader) for batches.
///
/// # Errors
/// When the file cannot be read, no text can be extracted from it, or it is not a report.
pub fn read_file(path: &Path, options: &Options) -> Result<Parsed, FileError> {
    ogi_core::batch::guarded(path, || {
        let bytes = std::fs::read(path).map_err(|e| FileError::read(path, e))?;
        if !is_pdf(&bytes) {
            return ogi_core::batch::parse_bytes(bytes, options)
                .map_err(|e| FileError::new(path, FileErrorKind::Parse(e)));
        }
        match parse(&bytes, options) {
            Ok((report, text)) => Ok(Parsed {
                report,
                input: text.into_bytes(),
            }),
            Err(PdfError::Parse(e)) => Err(FileError::new(path, FileErrorKind::Parse(e))),
            Err(e) => Err(FileError::new(path, FileErrorKind::Extract(e.to_string()))),
        }
    })
}

/// Support for examples and tests: tiny PDFs made in memory.
#[doc(hidden)]
pub mod tests_support {
    /// A one-page PDF with one line of ASCII text in Helvetica.
    pub fn one_line_pdf(line: &str) -> Vec<u8> {
        use lopdf::content::{Content, Operation};
        use lopdf::{Document, Object, Stream, dictionary};
        let mut doc = Document::with_version("1.5");
        let tree_id = doc.new_object_id();
        let font_id = doc.add_object(dictionary! {
            "Type" => "Font",
            "Subtype" => "Type1",
            "BaseFont" => "Helvetica",
        });
        let resources_id = doc.add_object(dictionary! {
            "Font" => dictionary! { "F1" => font_id },
        });
        let content = Content {
            operations: vec![
                Operation::new("BT", vec![]),
                Operation::new("Tf", vec!["F1".into(), 12.into()]),
                Operation::new("Td", vec![72.into(), 720.into()]),
                Operation::new("Tj", vec![Object::string_literal(line)]),
                Operation::new("ET", vec![]),
            ],
        };
        let content_id = doc.add_object(Stream::new(
            dictionary! {},
            content.encode().unwrap_or_default(),
        ));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => tree_id,
            "Contents" => content_id,
        });
        doc.objects.insert(
            tree_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages",
                "Kids" => vec![page_id.into()],
                "Count" => 1,
                "Resources" => resources_id,
                "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            }),
        );
        let catalog_id = doc.add_object(dictionary! {
            "Type" => "Catalog",
            "Pages" => tree_id,
        });
        doc.trailer.set("Root", catalog_id);
        let mut out = Vec::new();
        let _ = doc.save_to(&mut out);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quality_counts_garbage_against() {
        assert!((quality("总计 12 件") - 1.0).abs() < 1e-9);
        assert!(quality("\u{e000}\u{e001}12") < 0.6);
        assert!(quality("") < 1e-9);
    }

    #[test]
    fn not_a_pdf_and_broken_pdfs_are_errors_not_panics() {
        assert!(matches!(extract(b"hello"), Err(PdfError::NotPdf)));
        let broken =
            b"%PDF-1.5\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF";
        assert!(extract(broken).is_err());
        let mut cut = tests_support::one_line_pdf("Total 12");
        cut.truncate(cut.len() / 2);
        assert!(extract(&cut).is_err());
    }

    #[test]
    fn lopdf_reads_what_it_wrote() {
        let pdf = tests_support::one_line_pdf("Requests received: 12");
        let e = with_lopdf(&pdf).unwrap();
        assert!(e.text.contains("Requests received: 12"), "{:?}", e.text);
        assert_eq!(e.extractor, Extractor::Lopdf);
    }

    #[test]
    fn pages_are_spans_of_the_text() {
        let e = join(&["一页".into(), "二页\n\u{c}".into()], Extractor::Lopdf);
        assert_eq!(e.text, "一页\u{c}\n二页");
        assert_eq!(&e.text[e.pages[1].range()], "二页");
        let c = Container {
            format: "pdf".into(),
            extractor: e.extractor.name().into(),
            quality: Decimal::ZERO,
            pages: e.pages.clone(),
        };
        assert_eq!(c.page_of(0), Some(1));
        assert_eq!(c.page_of(e.pages[1].start), Some(2));
    }
}
