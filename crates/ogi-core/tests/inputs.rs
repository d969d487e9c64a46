//! Every kind of input a user saves gives the same cells: a Word-exported GBK page, a Big5
//! page, UTF-16 with and without a byte-order mark, an HTML page and a naive text rendering of
//! it. And every span still points at the bytes of the input it was read from.
//!
//! The inputs in `fixtures/inputs/` are real reports re-encoded by `make_inputs.py`.

#![allow(clippy::unwrap_used)] // Tests fail by panicking.

use ogi_model::{Report, TableName};
use std::collections::BTreeMap;
use std::path::Path;

fn read(rel: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(rel),
    )
    .unwrap()
}

fn parse(rel: &str) -> Report {
    ogi_core::parse(&read(rel)).unwrap()
}

/// The table cells (not meta), `table/row/column` → value.
fn cells(r: &Report) -> BTreeMap<String, String> {
    r.tidy()
        .iter()
        .filter(|row| row.table != TableName::Meta)
        .map(|row| {
            (
                format!("{}/{}/{}", row.table.key(), row.row, row.column),
                row.value.to_string(),
            )
        })
        .collect()
}

#[test]
fn word_exported_gbk_page_reads_like_the_html_and_the_text() {
    let word = parse("inputs/027.word-gbk.html");
    let html = parse("corpus/027.html");
    let pipe = parse("corpus/027.pipe.txt");
    assert_eq!(word.meta.encoding, "GBK");
    assert_eq!(cells(&html), cells(&pipe));
    assert_eq!(cells(&word), cells(&pipe));
    let tables = cells(&pipe)
        .keys()
        .filter(|k| !k.starts_with("narrative/"))
        .count();
    assert_eq!(tables, 200);
    assert_eq!(word.meta.format, html.meta.format);
    assert_eq!(
        word.meta.agency.as_ref().unwrap().value,
        "沭阳县发展和改革局"
    );
}

#[test]
fn spans_point_into_the_gbk_bytes() {
    let bytes = read("inputs/027.word-gbk.html");
    let report = ogi_core::parse(&bytes).unwrap();
    let mut checked = 0;
    for row in report.tidy() {
        let (Some(span), ogi_model::TidyValue::Cell(cell)) = (row.span, &row.value) else {
            continue;
        };
        // A table cell's span is its digits; a negation's (narrative) is the words stating it.
        if cell.is_blank() || row.table == TableName::Narrative {
            continue;
        }
        let (text, _, _) = encoding_rs::GBK.decode(&bytes[span.range()]);
        assert_eq!(text, cell.tidy_value(), "{}/{}", row.row, row.column);
        checked += 1;
    }
    assert!(checked > 50, "{checked}");
    let agency = report.meta.agency.unwrap();
    let (text, _, _) = encoding_rs::GBK.decode(&bytes[agency.span.range()]);
    assert!(text.contains("沭阳县发展和改革局"), "{text}");
}

#[test]
fn big5_page_is_read_and_converted_to_simplified() {
    let big5 = parse("inputs/000.big5.html");
    let utf8 = parse("seeds/000_e4a1f978c3ba425a.txt");
    assert_eq!(big5.meta.encoding, "Big5");
    assert_eq!(big5.meta.script, ogi_model::Script::Traditional);
    assert_eq!(utf8.meta.script, ogi_model::Script::Traditional);
    assert_eq!(big5.meta.year.as_ref().map(|y| y.value), Some(2019));
    assert_eq!(cells(&big5), cells(&utf8));
}

#[test]
fn utf16_with_and_without_bom() {
    let le = parse("inputs/002.utf16le.txt");
    assert_eq!(le.meta.encoding, "UTF-16LE");
    assert_eq!(cells(&le), cells(&parse("seeds/002_c41c9a6468e2aa6e.txt")));
    let be = parse("inputs/004.utf16be-nobom.txt");
    assert_eq!(be.meta.encoding, "UTF-16BE");
    assert_eq!(cells(&be), cells(&parse("seeds/004_d0ad4e6dd563e698.txt")));
    // A value's span covers its UTF-16 code units.
    let bytes = read("inputs/002.utf16le.txt");
    let cell = le
        .review_litigation
        .as_ref()
        .unwrap()
        .iter()
        .next()
        .unwrap()
        .2;
    assert_eq!(
        &bytes[cell.span.range()],
        "0".encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect::<Vec<_>>()
    );
}

#[test]
fn clean_text_of_a_page_drops_chrome() {
    let text = ogi_core::clean_text(&read("inputs/027.word-gbk.html")).unwrap();
    assert!(text.starts_with("沭阳县发展和改革局2023年政府信息公开年度报告\n"));
    assert!(!text.contains("mso-"), "style sheet leaked");
    assert!(!text.contains("DocumentProperties"), "XML island leaked");
    assert!(
        text.contains("\n(一) 主动公开政府信息情况\n"),
        "list bullet lost"
    );
}

/// A Word file of report 027 (made from its saved page by `make_docx.py`: paragraphs, and
/// tables with Word's merged cells): the same cells as the page, spans into word/document.xml.
#[test]
fn word_file_reads_like_the_page_and_spans_index_its_xml() {
    let docx = read("inputs/027.docx");
    let parsed = ogi_core::input::Inputs::TEXT
        .parse(&docx, &ogi_core::Options::default())
        .unwrap();
    let (report, xml) = (parsed.report, parsed.input);
    let html = parse("corpus/027.html");
    assert_eq!(cells(&report), cells(&html));
    assert_eq!(
        report.meta.year,
        html.meta.year.clone().map(|mut y| {
            y.span = report.meta.year.as_ref().unwrap().span;
            y
        })
    );
    let container = report.meta.container.as_ref().unwrap();
    assert_eq!(container.format, "docx");
    assert_eq!(report.meta.sha256, ogi_core::sha256_hex(&docx));
    // `parse` reads the Word file too.
    assert_eq!(cells(&ogi_core::parse(&docx).unwrap()), cells(&report));

    let xml = String::from_utf8(xml).unwrap();
    let requests = report.requests.as_ref().unwrap();
    let cell = requests
        .get(
            &ogi_model::RequestRow::NewReceived,
            &ogi_model::RequestColumn::Total,
        )
        .unwrap();
    assert_eq!(&xml[cell.span.range()], "26");
    assert!(xml[..cell.span.start as usize].ends_with("<w:t>"));
    let agency = report.meta.agency.as_ref().unwrap();
    assert_eq!(&xml[agency.span.range()], "沭阳县发展和改革局");
}

/// A Word file whose XML inflates past the size limit is refused, not inflated.
#[test]
fn word_file_bombs_are_refused() {
    use std::io::Write;
    // 10 MB of spaces deflate to a few KB.
    let mut zipped = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zipped
        .start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
    zipped.write_all(b"<w:document><w:body>").unwrap();
    zipped.write_all(&vec![b' '; 10 << 20]).unwrap();
    zipped.write_all(b"</w:body></w:document>").unwrap();
    let bomb = zipped.finish().unwrap().into_inner();
    assert!(bomb.len() < 100_000, "{}", bomb.len());
    let mut options = ogi_core::Options::default();
    options.max_input_bytes = 1 << 20;
    let err = ogi_core::input::Inputs::TEXT
        .parse(&bomb, &options)
        .unwrap_err();
    assert_eq!(err.stage(), "limit", "{err}");
    assert!(
        matches!(
            err.kind(),
            ogi_core::ErrorKind::Extract(ogi_core::ExtractError::Inflates { format: "docx", .. })
        ),
        "{err}"
    );
    // `parse` refuses it the same way.
    assert_eq!(
        ogi_core::parse_with(&bomb, &options).unwrap_err().stage(),
        "limit"
    );
    // Not a Word file at all.
    let err = ogi_core::parse(b"PK\x03\x04junk").unwrap_err();
    assert_eq!(err.stage(), "extract");
}
