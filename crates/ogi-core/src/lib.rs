//! Parse Chinese government information disclosure annual reports (政府信息公开工作年度报告)
//! into typed statistics.
//!
//! [`parse`] takes the bytes of a report — as saved from the web or extracted from a PDF — and
//! returns an [`ogi_model::Report`]: its meta (agency, year, template format), every table cell
//! under a stable key, and diagnostics for whatever could not be read. Every value keeps the
//! byte [`Span`](ogi_model::Span) of the input it came from. ogi never invents a number: a
//! blank cell stays blank, a row it cannot read is left out with a diagnostic saying why.
//!
//! ```
//! use ogi_model::{Format, RequestColumn, RequestRow, ReviewColumn, ReviewRow};
//!
//! let input = "\
//! 三、收到和处理政府信息公开申请情况
//! (本列数据的勾稽关系为:第一项加第二项之和等于第三项加第四项之和) | 申请人情况 |
//! 自然人 | 法人或其他组织 | 总计 |
//! 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |
//! 一、本年新收政府信息公开申请数量 | 21 | 1 | 0 | 0 | 0 | | 22 |
//! 四、政府信息公开行政复议、行政诉讼情况
//! 0 | 0 | 0 | 1 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0
//! ";
//! let report = ogi_core::parse(input.as_bytes())?;
//! let requests = report.requests.as_ref().unwrap();
//! let cell = requests.get(&RequestRow::NewReceived, &RequestColumn::Total).unwrap();
//! assert_eq!(cell.int(), Some(22));
//! // The span points at the bytes "22" of the input.
//! assert_eq!(&input[cell.span.range()], "22");
//! // A blank cell is not 0.
//! assert!(requests.get(&RequestRow::NewReceived, &RequestColumn::OtherOrg).unwrap().is_blank());
//! let review = report.review_litigation.as_ref().unwrap();
//! assert_eq!(review.get(&ReviewRow::Review, &ReviewColumn::Pending).unwrap().int(), Some(1));
//! # Ok::<(), ogi_core::Error>(())
//! ```
//!
//! The pipeline runs in one direction: decode (any encoding) → traditional to simplified (when
//! traditional) → normalise (NFKC) or render HTML, with an offset map back to the input → layout
//! detection (prose lines and grids) → outline → tables → meta. Parsers of the
//! report grammar are small nom combinators run on slices the earlier stages anchored; nom does
//! not appear in this crate's public API.

pub mod batch;
mod chrome;
mod date;
pub mod deadline;
mod decode;
mod docx;
mod dom;
mod error;
mod html;
pub mod input;
mod label;
mod layout;
mod meta;
mod narrative;
mod normalize;
mod numeral;
mod offset;
mod outline;
mod script;
pub mod snippet;
mod tables;
mod text;

pub use error::{Error, ErrorKind, ExtractError};
pub use ogi_model;
use ogi_model::{Code, Diagnostic, Format, Meta, Report, Script, SectionKind, Severity, TableName};

use offset::SourceMap;
use text::Text;

/// Limits and switches of a parse.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Options {
    /// Inputs larger than this many bytes are refused with [`ErrorKind::TooLarge`].
    pub max_input_bytes: usize,
    /// The time one file's extraction and parse may take: past it the parse stops and ends
    /// with [`ErrorKind::TimedOut`] (see [`deadline`]). `None`, the default, sets no deadline;
    /// the CLI and the Python package set 60 seconds.
    pub time_budget: Option<std::time::Duration>,
}

impl Options {
    /// These options with inputs above `bytes` refused.
    #[must_use]
    pub fn with_max_input_bytes(mut self, bytes: usize) -> Self {
        self.max_input_bytes = bytes;
        self
    }

    /// These options with a time budget per file (`None`: no deadline).
    #[must_use]
    pub fn with_time_budget(mut self, budget: Option<std::time::Duration>) -> Self {
        self.time_budget = budget;
        self
    }
}

impl Default for Options {
    fn default() -> Self {
        Self {
            max_input_bytes: 64 * 1024 * 1024,
            time_budget: None,
        }
    }
}

/// The most lines a report's text may have (after decoding and HTML rendering): 1,048,576. A
/// report has a few thousand (a 300-page PDF some 15,000; a real report repeated to 50 MB,
/// 800,000); the stages keep about 40 bytes per line, so a file of one-character lines needs
/// 20 times its size, and this bounds it to about 40 MB. A text of more lines is refused with
/// [`ErrorKind::TooManyLines`].
pub const MOST_LINES: usize = 1 << 20;

/// Parses a report with the default [`Options`].
///
/// # Errors
/// Only when the input is not a report at all: empty, binary, or over the size limit.
/// Everything else — unreadable tables, unknown labels — is a diagnostic in the report.
pub fn parse(input: &[u8]) -> Result<Report, Error> {
    parse_with(input, &Options::default())
}

/// Parses a report.
///
/// # Errors
/// As [`parse`].
pub fn parse_with(input: &[u8], options: &Options) -> Result<Report, Error> {
    input::Inputs::TEXT
        .parse_source(input, options)
        .map(|(report, _)| report)
}

/// The report of a [`Source`](input::Source): its text prepared and parsed, the file's facts
/// set on the meta.
fn parse_source(source: &input::Source<'_>, options: &Options) -> Result<Report, Error> {
    let prepared = prepare_as(&source.text, options, source.word_xml)?;
    parse_prepared(prepared, source.facts.clone())
}

/// The report of a prepared input, or [`ErrorKind::NotAReport`] for a text that is none.
fn parse_prepared(prepared: Prepared, facts: input::Facts) -> Result<Report, Error> {
    let Prepared {
        text,
        premade,
        encoding,
        script,
        mut diagnostics,
    } = prepared;
    // Past the time budget a stage stops early; the caller turns this error into
    // `TimedOut` with the budget, and nothing read in part is reported.
    let out_of_time = || {
        deadline::passed_now().then(|| {
            Error::from(ErrorKind::TimedOut {
                budget: std::time::Duration::ZERO,
            })
        })
    };
    let blocks = layout::detect(&text, premade);
    if let Some(e) = out_of_time() {
        return Err(e);
    }
    let (outline, outline_diagnostics) = outline::outline(&text, &blocks);
    diagnostics.extend(outline_diagnostics);
    // The prose first: the figures it states settle run-together digits of the legacy form.
    let (narrative, narrative_diagnostics) = narrative::read(&text, &blocks);
    if let Some(e) = out_of_time() {
        return Err(e);
    }
    let tables = tables::extract(&text, &blocks, &outline, &narrative);
    if let Some(e) = out_of_time() {
        return Err(e);
    }
    diagnostics.extend(tables.diagnostics);
    let found = meta::read(&text, &blocks);
    diagnostics.extend(found.diagnostics);
    diagnostics.extend(narrative_diagnostics);

    let mut report = Report {
        meta: Meta {
            agency: found.agency,
            region: found.region,
            year: found.year,
            published: found.published,
            encoding: encoding.to_owned(),
            script,
            bytes: facts.bytes,
            sha256: facts.sha256,
            container: facts.container,
            ..Meta::default()
        },
        outline: outline.iter().map(|f| f.heading.clone()).collect(),
        proactive: tables.proactive.filter(|t| !t.is_empty()),
        requests: tables.requests.filter(|t| !t.is_empty()),
        review_litigation: tables.review_litigation.filter(|t| !t.is_empty()),
        legacy: tables.legacy.filter(|t| !t.is_empty()),
        narrative,
        ..Report::default()
    };
    report.meta.set_agency_key();
    report.meta.format = format(&report, &tables.format_hints, &mut diagnostics);
    let announced = missing_tables(&report, &mut diagnostics);
    report.coverage = report.compute_coverage(&announced);
    format_for_year(&report, &mut diagnostics);
    if nothing_read(&report)
        && !ogi_model::template::REPORT_WORDS
            .iter()
            .any(|w| text::contains(&text.text, w))
    {
        return Err(ErrorKind::NotAReport.into());
    }
    report.checks = ogi_model::check::validate(&report);
    report.diagnostics = diagnostics;
    Ok(report)
}

/// Whether nothing at all was read: no table cell, no stated figure, no year, no agency.
fn nothing_read(report: &Report) -> bool {
    report.tables_present().is_empty() && report.meta.year.is_none() && report.meta.agency.is_none()
}

/// The SHA-256 of `input` in lowercase hex, as [`Meta::sha256`] records it: tells whether a
/// file still holds the bytes a report was read from.
pub fn sha256_hex(input: &[u8]) -> String {
    use sha2::Digest as _;
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = sha2::Sha256::digest(input);
    digest.iter().fold(String::with_capacity(64), |mut s, b| {
        s.push(char::from(HEX[usize::from(b >> 4)]));
        s.push(char::from(HEX[usize::from(b & 0x0F)]));
        s
    })
}

/// The text ogi reads from an input, after decoding, script conversion, normalisation and HTML
/// rendering — what every span maps back from. Useful to see what a page looked like to ogi.
///
/// # Errors
/// As [`parse`].
pub fn clean_text(input: &[u8]) -> Result<String, Error> {
    prepare(input, &Options::default()).map(|p| p.text.text)
}

/// The prepared clean text with its map back to the input (for [`snippet::source_view`]).
fn prepared_text(input: &[u8]) -> Result<Text, Error> {
    prepare(input, &Options::default()).map(|p| p.text)
}

/// The blocks the layout detector found, as text: prose lines, chrome lines, and grids with
/// their layout and one line per row (cells joined by ` | `). What the table readers see.
///
/// # Errors
/// As [`parse`].
pub fn layout_text(input: &[u8]) -> Result<String, Error> {
    use std::fmt::Write;
    let p = prepare(input, &Options::default())?;
    let blocks = layout::detect(&p.text, p.premade);
    let mut out = String::new();
    for block in &blocks {
        match block {
            layout::Block::Line(r) => {
                let line = p.text.get(r.range());
                if !line.trim().is_empty() {
                    out.push_str(line);
                    out.push('\n');
                }
            }
            layout::Block::Chrome(r) => {
                out.push_str("[chrome] ");
                out.push_str(p.text.get(r.range()).trim());
                out.push('\n');
            }
            layout::Block::Grid(g) => {
                let _ = writeln!(out, "[grid {}, {} rows]", g.evidence, g.rows.len());
                for row in &g.rows {
                    let cells: Vec<&str> = row
                        .cells
                        .iter()
                        .filter(|c| !c.copy)
                        .map(|c| p.text.get(c.range.clone()))
                        .collect();
                    out.push_str("  ");
                    out.push_str(&cells.join(" | "));
                    out.push('\n');
                }
                out.push_str("[end grid]\n");
            }
        }
    }
    Ok(out)
}

/// An input made ready for layout detection.
struct Prepared {
    text: Text,
    /// Grids built while rendering HTML, with the text range each occupies.
    premade: Vec<(std::ops::Range<usize>, layout::Grid)>,
    encoding: &'static str,
    script: Script,
    diagnostics: Vec<Diagnostic>,
}

/// Decodes, converts traditional script, and normalises plain text or renders HTML, keeping the
/// map from the resulting text back to the input.
fn prepare(input: &[u8], options: &Options) -> Result<Prepared, Error> {
    prepare_as(input, options, false)
}

/// As [`prepare`]; with `docx_xml`, the input is a Word file's `word/document.xml` (which is
/// also recognised by its root element).
fn prepare_as(input: &[u8], options: &Options, docx_xml: bool) -> Result<Prepared, Error> {
    if input.len() > options.max_input_bytes || u32::try_from(input.len()).is_err() {
        return Err(ErrorKind::TooLarge {
            size: input.len(),
            limit: options.max_input_bytes,
        }
        .into());
    }
    let decoded = decode::decode(input)?;
    let mut diagnostics = decode_diagnostics(&decoded);
    let mut map = SourceMap::default();
    map.push(decoded.map);
    let mut raw = decoded.text;
    let mut is_html = html::looks_like_html(&raw);
    if docx_xml || docx::is_document_xml(&raw) {
        let (html, stage) = docx::to_html(&raw);
        raw = html;
        map.push(stage);
        is_html = true;
    }
    let script = script::detect(&raw);
    if script == Script::Traditional {
        if let Some((simplified, stage)) = script::to_simplified(&raw) {
            raw = simplified;
            map.push(stage);
        }
    }
    if is_html && html::nests_deeper_than(&raw, html::MAX_DEPTH) {
        // Too deep to render in linear time: read the page's text without its markup.
        diagnostics.push(Diagnostic::global(
            Code::HtmlTooDeep,
            Severity::Warning,
            format!(
                "the page nests elements more than {} deep, leaves more than {} formatting elements open, or holds more than {} elements; its tags were dropped and its tables are read as text",
                html::MAX_DEPTH,
                html::MOST_OPEN_FORMATTING,
                html::MOST_ELEMENTS
            ),
        ));
        let (text, stage) = html::strip_tags(&raw);
        raw = text;
        map.push(stage);
        is_html = false;
    }
    let (clean, premade) = if is_html {
        let rendered = html::render(&raw);
        map.push(rendered.map);
        (rendered.text, rendered.grids)
    } else {
        let normalized = normalize::normalize(&raw);
        map.push(normalized.map);
        match chrome::strip_pinyin(&normalized.text) {
            Some((text, stage)) => {
                map.push(stage);
                (text, Vec::new())
            }
            None => (normalized.text, Vec::new()),
        }
    };
    if deadline::passed_now() {
        return Err(ErrorKind::TimedOut {
            budget: std::time::Duration::ZERO,
        }
        .into());
    }
    within_lines(&clean)?;
    // Offsets into the clean text are `u32`s (the source map's, the layout's lines): a text
    // decoded, rendered or normalised past 4 GiB is refused, not cut.
    if u32::try_from(clean.len()).is_err() {
        return Err(ErrorKind::TooLarge {
            size: clean.len(),
            limit: u32::MAX as usize,
        }
        .into());
    }
    Ok(Prepared {
        text: Text { text: clean, map },
        premade,
        encoding: decoded.encoding,
        script,
        diagnostics,
    })
}

/// The diagnostics of decoding: bytes replaced, a passage in another encoding, a guess.
fn decode_diagnostics(decoded: &decode::Decoded) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    if let Some(first) = decoded.malformed.first() {
        diagnostics.push(Diagnostic::new(
            Code::DecodeMalformed,
            Severity::Warning,
            format!(
                "{} byte sequence(s) are not valid {} and were replaced",
                decoded.malformed.len(),
                decoded.encoding
            ),
            *first,
        ));
    }
    if let (Some(first), Some(encoding)) = (decoded.foreign.first(), decoded.foreign_encoding) {
        diagnostics.push(Diagnostic::new(
            Code::DecodeMixed,
            Severity::Warning,
            format!(
                "{} run(s) of bytes are not {} like the rest and were read as {encoding}",
                decoded.foreign.len(),
                decoded.encoding
            ),
            *first,
        ));
    }
    if decoded.source == decode::EncodingSource::Guessed {
        diagnostics.push(Diagnostic::global(
            Code::DecodeGuessed,
            Severity::Info,
            format!(
                "no byte-order mark or charset declaration; the bytes read as {}",
                decoded.encoding
            ),
        ));
    }
    diagnostics
}

/// Refuses a text of more than [`MOST_LINES`] lines.
fn within_lines(text: &str) -> Result<(), Error> {
    let lines = memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1;
    if lines > MOST_LINES {
        return Err(ErrorKind::TooManyLines {
            lines,
            limit: MOST_LINES,
        }
        .into());
    }
    Ok(())
}

/// Stages of the pipeline, for the benchmarks in `benches/` (not a stable API).
#[doc(hidden)]
pub mod stages {
    use super::{Error, Options, layout, prepare};

    /// Decoding alone; returns the decoded length.
    ///
    /// # Errors
    /// As [`parse`](crate::parse).
    pub fn decode(input: &[u8]) -> Result<usize, Error> {
        crate::decode::decode(input).map(|d| d.text.len())
    }

    /// Decoding, script conversion and normalisation or HTML rendering; returns the text length.
    ///
    /// # Errors
    /// As [`parse`](crate::parse).
    pub fn prepare_text(input: &[u8]) -> Result<usize, Error> {
        prepare(input, &Options::default()).map(|p| p.text.text.len())
    }

    /// The prose numeral grammar on `text`: the quantity read and the bytes it took, or `None`.
    /// For the fuzz target of the numeral grammar.
    pub fn numeral(text: &str) -> Option<(ogi_model::Quantity, usize)> {
        crate::numeral::numeral(text)
            .ok()
            .map(|(rest, n)| (n.quantity, text.len() - rest.len()))
    }

    /// The table-cell grammar on `text`: the value read, or `None`.
    pub fn cell(text: &str) -> Option<ogi_model::CellValue> {
        crate::numeral::cell(text).map(|c| c.value)
    }

    /// The above, then layout detection; returns the number of blocks.
    ///
    /// # Errors
    /// As [`parse`](crate::parse).
    pub fn layout(input: &[u8]) -> Result<usize, Error> {
        let p = prepare(input, &Options::default())?;
        Ok(layout::detect(&p.text, p.premade).len())
    }
}

/// Parses a report given as text.
///
/// # Errors
/// As [`parse`].
pub fn parse_str(input: &str) -> Result<Report, Error> {
    parse(input.as_bytes())
}

/// The template generation: from the labels of the tables, never from the year alone.
fn format(
    report: &Report,
    hints: &[(Format, ogi_model::Span)],
    diagnostics: &mut Vec<Diagnostic>,
) -> Format {
    if report.legacy.is_some() {
        return Format::Legacy;
    }
    let has_template_table = report.requests.is_some()
        || report.proactive.is_some()
        || report.review_litigation.is_some();
    if !has_template_table {
        return Format::Prose;
    }
    let count = |f: Format| hints.iter().filter(|(h, _)| *h == f).count();
    let (n21, n19) = (count(Format::V2021), count(Format::V2019));
    if n21 > 0 && n19 > 0 {
        let minority = if n21 >= n19 {
            Format::V2019
        } else {
            Format::V2021
        };
        if let Some((_, span)) = hints.iter().find(|(h, _)| *h == minority) {
            diagnostics.push(Diagnostic::new(
                Code::FormatConflict,
                Severity::Warning,
                "labels of both the 2019 and the 2021 template".to_owned(),
                *span,
            ));
        }
    }
    if n21 >= n19 && n21 > 0 {
        Format::V2021
    } else if n19 > 0 {
        Format::V2019
    } else {
        // No label tells the two apart (only tables 三 and 四, with a single (六) row): the
        // 2021 template is in force for reports on 2021 onwards.
        match &report.meta.year {
            Some(y) if y.value >= 2021 => Format::V2021,
            _ => Format::V2019,
        }
    }
}

/// Reports a template used outside its years: the 2019 form is for 2019–2020 reports, the 2021
/// form from 2021 on (agencies sometimes keep an old form; the labels decide the format).
fn format_for_year(report: &Report, diagnostics: &mut Vec<Diagnostic>) {
    let Some(year) = &report.meta.year else {
        return;
    };
    let expected = match (report.meta.format, year.value) {
        (Format::V2019, y) if y >= 2021 => Some("2021"),
        (Format::V2021, y) if y <= 2020 => Some("2019"),
        (Format::V2019 | Format::V2021, y) if y <= 2018 => Some("legacy"),
        _ => None,
    };
    if let Some(expected) = expected {
        diagnostics.push(Diagnostic::new(
            Code::FormatYear,
            Severity::Info,
            format!(
                "a {} report on the {} template (the {expected} form was in force)",
                year.value,
                report.meta.format.key()
            ),
            year.span,
        ));
    }
}

/// Reports the tables the outline announces but the text does not hold (tables lost in a
/// scrape are missing, not zero). Only headings worded as the 2019/2021 template words them
/// announce a table; older reports have sections of similar names and no tables. Once two such
/// headings show the template's outline, a table with neither its section nor its rows (a text
/// cut short) is missing too.
///
/// Returns the tables announced, each with its heading's span: those of the template's outline,
/// and a 统计表 whose heading stands in a report of before 2019 (or of no known year) with no
/// table of the 2019/2021 templates.
fn missing_tables(
    report: &Report,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(TableName, ogi_model::Span)> {
    let present = report.tables_present();
    if report.legacy.is_some() {
        return Vec::new();
    }
    let template_tables = [
        TableName::Proactive,
        TableName::Requests,
        TableName::ReviewLitigation,
    ];
    let before_2019 = report.meta.year.as_ref().is_none_or(|y| y.value <= 2018);
    if before_2019
        && !template_tables.iter().any(|t| present.contains(t))
        && let Some(h) = report
            .outline
            .iter()
            .find(|h| h.kind == Some(SectionKind::LegacyStats))
    {
        diagnostics.push(Diagnostic::new(
            Code::TableMissing,
            Severity::Warning,
            format!("section `{}` has no readable 统计表", h.title),
            h.span,
        ));
        return vec![(TableName::Legacy, h.span)];
    }
    let announced: Vec<(&ogi_model::Heading, TableName)> = report
        .outline
        .iter()
        .filter_map(|h| {
            let table = match h.kind? {
                SectionKind::Proactive => TableName::Proactive,
                SectionKind::Requests => TableName::Requests,
                SectionKind::ReviewLitigation => TableName::ReviewLitigation,
                _ => return None,
            };
            h.kind
                .filter(|k| outline::is_template_title(&h.title, *k))
                .map(|_| (h, table))
        })
        .collect();
    // One such heading may be a coincidence of wording; two are the template's outline.
    if announced.len() < 2 {
        return Vec::new();
    }
    // A template outline with a table neither present nor announced: the text ends, or the
    // section was lost, before it.
    for table in template_tables {
        if !present.contains(&table) && !announced.iter().any(|(_, t)| *t == table) {
            diagnostics.push(Diagnostic::global(
                Code::TableMissing,
                Severity::Warning,
                format!(
                    "no {} table and no section for it, which the template requires",
                    table.key()
                ),
            ));
        }
    }
    for (h, table) in &announced {
        if !present.contains(table) {
            diagnostics.push(Diagnostic::new(
                Code::TableMissing,
                Severity::Warning,
                format!(
                    "section `{}` has no readable {} table",
                    h.title,
                    table.key()
                ),
                h.span,
            ));
        }
    }
    announced.iter().map(|(h, t)| (*t, h.span)).collect()
}
