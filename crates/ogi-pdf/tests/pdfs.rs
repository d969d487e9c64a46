//! The PDFs of the corpus (淮安市洪泽区 2023 and 2024, 淮安市 2024), read from the file itself:
//! every gold cell read, nothing wrong, and every value's span pointing at its text.

#![allow(clippy::unwrap_used)] // Tests fail by panicking.

use ogi_model::{TableName, TidyValue};
use serde_json::Value;
use std::path::Path;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
    .unwrap()
}

/// A gold value as the tidy export writes it (`null` is a blank cell).
fn as_tidy(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[test]
fn the_corpus_pdfs_are_read_completely() {
    for stem in ["024", "025", "026"] {
        let pdf = fixture(&format!("{stem}.pdf"));
        let gold: Value = serde_json::from_slice(&fixture(&format!("{stem}.gold.json"))).unwrap();
        let (report, text) = ogi_pdf::parse(&pdf, &ogi_core::Options::default()).unwrap();

        let container = report.meta.container.as_ref().unwrap();
        assert_eq!(container.format, "pdf");
        assert_eq!(container.extractor, "pdf-extract 0.12", "{stem}");
        assert!(
            container.quality.to_f64() > 0.95,
            "{stem}: {}",
            container.quality
        );
        assert!(container.pages.len() >= 5, "{stem}");
        assert_eq!(report.meta.sha256, ogi_core::sha256_hex(&pdf));
        assert_eq!(
            report.meta.year.as_ref().map(|y| i64::from(y.value)),
            gold["meta"]["year"].as_i64()
        );

        let mut wrong = Vec::new();
        let mut missed = Vec::new();
        let tidy = report.tidy();
        for (key, value) in gold["cells"].as_object().unwrap() {
            let found = tidy
                .iter()
                .find(|r| format!("{}/{}/{}", r.table.key(), r.row, r.column) == *key);
            match found {
                None => missed.push(key.clone()),
                Some(r) if r.value.to_string() != as_tidy(value) => {
                    wrong.push(format!("{key}: {} ≠ {}", r.value, as_tidy(value)));
                }
                Some(_) => {}
            }
        }
        assert!(
            wrong.is_empty() && missed.is_empty(),
            "{stem}: {wrong:?} {missed:?}"
        );

        // Every number's span points at its digits in the extracted text, on a page.
        for r in tidy.iter().filter(|r| r.table != TableName::Meta) {
            let (TidyValue::Cell(cell), Some(span)) = (&r.value, r.span) else {
                continue;
            };
            if let Some(n) = cell.int() {
                let at = &text[span.range()];
                assert_eq!(
                    at.replace(',', ""),
                    n.to_string(),
                    "{stem} {}/{}",
                    r.row,
                    r.column
                );
                assert!(container.page_of(span.start).is_some());
            }
        }
    }
}

#[test]
fn the_review_table_of_024_is_on_page_4() {
    let (report, _) = ogi_pdf::parse(&fixture("024.pdf"), &ogi_core::Options::default()).unwrap();
    let container = report.meta.container.as_ref().unwrap();
    let review = report.review_litigation.as_ref().unwrap();
    let cell = review
        .get(
            &ogi_model::ReviewRow::Review,
            &ogi_model::ReviewColumn::Upheld,
        )
        .unwrap();
    assert_eq!(cell.int(), Some(10));
    // The PDF prints table 四 on the fourth of its five pages (page 3 ends inside table 三).
    assert_eq!(container.page_of(cell.span.start), Some(4));
    let new_received = report.requests.as_ref().unwrap();
    let first = new_received
        .get(
            &ogi_model::RequestRow::NewReceived,
            &ogi_model::RequestColumn::Total,
        )
        .unwrap();
    assert_eq!(container.page_of(first.span.start), Some(3));
}
