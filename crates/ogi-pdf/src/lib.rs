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
//! # Ok::<(), ogi_core::ExtractError>(())
//! ```

mod glyphs;
mod render;
mod sanitize;
mod stream;
mod words;

pub use glyphs::{Glyph, Page, Rule};
pub use render::{Drawn, page_layout, page_text};

use ogi_core::input::{self, Inputs};
use ogi_core::{ExtractError, Options};
use ogi_model::{Container, Decimal, Region, Span};
use std::panic::{AssertUnwindSafe, catch_unwind};

/// PDF files, for [`Inputs::with`].
#[derive(Clone, Copy, Debug, Default)]
pub struct Pdf;

/// Text, HTML, Word and PDF: what the command line and the Python package read.
pub const INPUTS: Inputs = Inputs::with(&[&Pdf]);

impl input::Extract for Pdf {
    fn extensions(&self) -> &'static [&'static str] {
        &["pdf"]
    }

    fn recognises(&self, bytes: &[u8]) -> bool {
        is_pdf(bytes)
    }

    fn extract(&self, bytes: &[u8], options: &Options) -> Result<input::Extracted, ExtractError> {
        let extracted = extract_with(bytes, options)?;
        // Three decimals are plenty for a share.
        #[allow(clippy::cast_possible_truncation)]
        let per_mille = (extracted.quality * 1000.0).round() as i64;
        Ok(input::Extracted {
            container: Container {
                format: "pdf".to_owned(),
                extractor: extracted.extractor.name().to_owned(),
                quality: Decimal::new(per_mille, 3).unwrap_or(Decimal::ZERO),
                pages: extracted.pages,
                regions: extracted.regions,
            },
            text: extracted.text,
        })
    }
}

/// An error of the PDF reader.
fn unreadable(message: impl Into<String>) -> ExtractError {
    ExtractError::Unreadable {
        format: "pdf",
        message: message.into(),
    }
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
    /// Where stretches of the text were drawn, in text order (from glyph positions only).
    pub regions: Vec<Region>,
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
    let laid: Vec<(String, Vec<Drawn>)> = pages.iter().map(|p| (p.clone(), Vec::new())).collect();
    join_laid(laid, extractor)
}

/// Pages with where their stretches were drawn, joined with a form feed as [`join`] does.
fn join_laid(pages: Vec<(String, Vec<Drawn>)>, extractor: Extractor) -> Extracted {
    let mut text = String::new();
    let mut spans = Vec::with_capacity(pages.len());
    let mut regions = Vec::new();
    // Tenths of a point; a page is far smaller than u32 can hold.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let tenths = |v: f64| (v.max(0.0) * 10.0).round() as u32;
    for (i, (page, drawn)) in pages.into_iter().enumerate() {
        if i > 0 {
            text.push_str("\u{c}\n");
        }
        let start = text.len();
        let body = page.trim_end_matches(['\u{c}', '\n']);
        text.push_str(body);
        let page_no = u32::try_from(i + 1).unwrap_or(u32::MAX);
        regions.extend(
            drawn
                .into_iter()
                .filter(|d| d.at.end <= body.len())
                .map(|d| Region {
                    span: Span::new((start + d.at.start) as u32, (start + d.at.end) as u32),
                    page: page_no,
                    rect: d.rect.map(tenths),
                }),
        );
        spans.push(Span::new(start as u32, text.len() as u32));
    }
    let quality = quality(&text);
    Extracted {
        text,
        pages: spans,
        regions,
        extractor,
        quality,
    }
}

/// Runs `read` on the document, its panics (pdf-extract has some on real files) as errors.
fn guarded<T>(read: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(read))
        .unwrap_or_else(|_| Err("the PDF reader panicked on this file".to_owned()))
}

/// Text by pdf-extract's own layout, page by page (a page it cannot read is left empty).
fn with_pdf_extract(doc: &lopdf::Document) -> Result<Extracted, String> {
    let pages = guarded(|| {
        // One walk of the document (pdf-extract's page-by-page call walks the page tree again
        // for each page: quadratic in the pages), a fresh text output for each page.
        let mut split = PageTexts::default();
        let walked = pdf_extract::output_doc(doc, &mut split);
        let mut pages = split.finish();
        let count = doc.get_pages().len();
        if walked.is_err() {
            // A page pdf-extract cannot walk ends the walk: that page has no text, and the
            // pages after it are read one by one, as pdf-extract reads a single page.
            let failed = pages.len().max(1);
            pages.truncate(failed - 1);
            pages.push(String::new());
            for n in failed + 1..=count {
                if ogi_core::deadline::passed() {
                    break;
                }
                let mut text = String::new();
                let mut output = pdf_extract::PlainTextOutput::new(&mut text);
                let number = u32::try_from(n).unwrap_or(u32::MAX);
                if pdf_extract::output_doc_page(doc, &mut output, number).is_err() {
                    text.clear();
                }
                pages.push(text);
            }
        }
        pages.resize(count, String::new());
        Ok(pages)
    })?;
    Ok(join(&pages, Extractor::PdfExtract))
}

/// A text writer several [`pdf_extract::PlainTextOutput`]s can share.
#[derive(Clone, Default)]
struct SharedText(std::rc::Rc<std::cell::RefCell<String>>);

impl std::fmt::Write for SharedText {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.borrow_mut().push_str(s);
        Ok(())
    }
}

impl pdf_extract::ConvertToFmt for SharedText {
    type Writer = SharedText;
    fn convert(self) -> SharedText {
        self
    }
}

/// pdf-extract's plain text of each page, as its own output gives it for one page at a time.
#[derive(Default)]
struct PageTexts {
    text: SharedText,
    /// Where each page's text starts.
    starts: Vec<usize>,
    page: Option<pdf_extract::PlainTextOutput<SharedText>>,
}

impl PageTexts {
    /// The pages' texts.
    fn finish(self) -> Vec<String> {
        drop(self.page);
        let text = self.text.0.borrow();
        let mut ends = self.starts.iter().skip(1).copied().chain([text.len()]);
        self.starts
            .iter()
            .map(|&start| {
                let end = ends.next().unwrap_or(start);
                text.get(start..end).unwrap_or_default().to_owned()
            })
            .collect()
    }
}

impl pdf_extract::OutputDev for PageTexts {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &pdf_extract::MediaBox,
        art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), pdf_extract::OutputError> {
        if ogi_core::deadline::passed() {
            return Err(pdf_extract::OutputError::FormatError(std::fmt::Error));
        }
        self.starts.push(self.text.0.borrow().len());
        let page = self
            .page
            .insert(pdf_extract::PlainTextOutput::new(self.text.clone()));
        page.begin_page(page_num, media_box, art_box)
    }

    fn end_page(&mut self) -> Result<(), pdf_extract::OutputError> {
        self.page
            .as_mut()
            .map_or(Ok(()), pdf_extract::OutputDev::end_page)
    }

    fn output_character(
        &mut self,
        trm: &pdf_extract::Transform,
        width: f64,
        spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), pdf_extract::OutputError> {
        self.page.as_mut().map_or(Ok(()), |p| {
            p.output_character(trm, width, spacing, font_size, char)
        })
    }

    fn begin_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        self.page
            .as_mut()
            .map_or(Ok(()), pdf_extract::OutputDev::begin_word)
    }

    fn end_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        self.page
            .as_mut()
            .map_or(Ok(()), pdf_extract::OutputDev::end_word)
    }

    fn end_line(&mut self) -> Result<(), pdf_extract::OutputError> {
        self.page
            .as_mut()
            .map_or(Ok(()), pdf_extract::OutputDev::end_line)
    }
}

/// Each page's glyphs and ruling lines, read with pdf-extract; its panics become errors.
///
/// # Errors
/// When the bytes are no PDF lopdf can load, its streams inflate past the size limit of
/// `options`, or pdf-extract fails or panics on them.
pub fn pages(pdf: &[u8], options: &Options) -> Result<Vec<Page>, String> {
    let doc = load(pdf, options).map_err(|e| e.to_string())?;
    guarded(|| glyphs::pages(&doc))
}

/// The document of `pdf`, decrypted (with the empty password, as readers open such files) and
/// made safe to walk (see [`sanitize`]): its streams inflate under the size limit of `options`.
/// lopdf's panics become errors.
fn load(pdf: &[u8], options: &Options) -> Result<lopdf::Document, ExtractError> {
    let limit = options.max_input_bytes;
    catch_unwind(AssertUnwindSafe(|| {
        let pdf = sanitize::clamp_stated_sizes(pdf);
        let mut doc = lopdf::Document::load_mem(&pdf).map_err(|e| unreadable(e.to_string()))?;
        if doc.is_encrypted() {
            doc.decrypt("").map_err(|e| unreadable(e.to_string()))?;
        }
        sanitize::sanitize(&mut doc, limit).map_err(|sanitize::OverBudget| {
            ExtractError::Inflates {
                format: "pdf",
                limit,
            }
        })?;
        Ok(doc)
    }))
    .unwrap_or_else(|_| Err(unreadable("the PDF reader panicked on this file")))
}

/// Text from glyph positions and ruling lines, page by page (see [`Extractor::Positions`]).
fn with_positions(doc: &lopdf::Document) -> Result<Extracted, String> {
    // An unruled table going on over a page break keeps its columns.
    let mut carry = None;
    let pages: Vec<(String, Vec<Drawn>)> = guarded(|| glyphs::pages(doc))?
        .iter()
        .map(|page| render::page_layout_carrying(page, &mut carry))
        .collect();
    Ok(join_laid(pages, Extractor::Positions))
}

/// Text by lopdf, page by page; a page it cannot read is left empty.
fn with_lopdf(doc: &lopdf::Document) -> Result<Extracted, String> {
    let pages = guarded(|| {
        let numbers: Vec<u32> = doc.get_pages().into_keys().collect();
        if numbers.len() > LOPDF_PAGES_APART {
            // lopdf walks the page tree again for each call: past a few hundred pages the
            // text is taken in one call, as one page.
            return Ok(vec![doc.extract_text(&numbers).unwrap_or_default()]);
        }
        Ok(numbers
            .iter()
            .take_while(|_| !ogi_core::deadline::passed())
            .map(|&n| doc.extract_text(&[n]).unwrap_or_default())
            .collect::<Vec<_>>())
    })?;
    Ok(join(&pages, Extractor::Lopdf))
}

/// The most pages whose lopdf text is taken page by page (each call walks the page tree: the
/// cost grows with the square of the pages).
const LOPDF_PAGES_APART: usize = 256;

/// The text of a PDF, with the default [`Options`]: see [`extract_with`].
///
/// # Errors
/// As [`extract_with`].
pub fn extract(pdf: &[u8]) -> Result<Extracted, ExtractError> {
    extract_with(pdf, &Options::default())
}

/// The text of a PDF: from glyph positions when they read as text, else pdf-extract's own
/// layout, else lopdf's, whichever reads better.
///
/// # Errors
/// When the bytes are not a PDF, no extractor reads them, their streams inflate past the size
/// limit of `options`, or there is no text (scanned pages: [`ExtractError::NoText`]).
pub fn extract_with(pdf: &[u8], options: &Options) -> Result<Extracted, ExtractError> {
    if !is_pdf(pdf) {
        return Err(unreadable("not a PDF: no %PDF- header"));
    }
    // Past the time budget each step stops early; the parse then ends as timed out.
    let out_of_time = || unreadable("stopped: the time budget of the file is spent");
    let doc = load(pdf, options)?;
    if ogi_core::deadline::passed() {
        return Err(out_of_time());
    }
    if let Ok(positioned) = with_positions(&doc)
        && positioned.quality >= 0.95
        && has_text(&positioned)
    {
        return Ok(positioned);
    }
    if ogi_core::deadline::passed() {
        return Err(out_of_time());
    }
    let first = with_pdf_extract(&doc);
    if ogi_core::deadline::passed() {
        return Err(out_of_time());
    }
    let good_enough = first
        .as_ref()
        .is_ok_and(|e| e.quality >= 0.95 && has_text(e));
    let best = if good_enough {
        first.map_err(unreadable)?
    } else {
        match (first, with_lopdf(&doc)) {
            (Ok(a), Ok(b)) => {
                if has_text(&b) && (!has_text(&a) || b.quality > a.quality) {
                    b
                } else {
                    a
                }
            }
            (Ok(a), Err(_)) => a,
            (Err(_), Ok(b)) => b,
            (Err(a), Err(b)) => return Err(unreadable(format!("{a}; {b}"))),
        }
    };
    if has_text(&best) {
        Ok(best)
    } else {
        Err(ExtractError::NoText { format: "pdf" })
    }
}

/// Whether an extraction found any text at all (a few characters per page at least).
fn has_text(e: &Extracted) -> bool {
    e.text.chars().filter(|c| !c.is_whitespace()).count() >= 8 * e.pages.len().max(1)
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
        assert!(matches!(
            extract(b"hello"),
            Err(ExtractError::Unreadable { format: "pdf", .. })
        ));
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
        let doc = load(&pdf, &Options::default()).unwrap();
        let e = with_lopdf(&doc).unwrap();
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
            regions: Vec::new(),
        };
        assert_eq!(c.page_of(0), Some(1));
        assert_eq!(c.page_of(e.pages[1].start), Some(2));
    }
}
