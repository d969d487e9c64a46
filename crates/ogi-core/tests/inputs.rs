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
