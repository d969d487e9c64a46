//! Report → JSON → report is the identity; report → tidy CSV → records gives back every row,
//! and every number in it reads back as the cell's value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ogi_model::{CellValue, TidyValue};

fuzz_target!(|data: &[u8]| {
    let Ok(report) = ogi_core::parse(data) else { return };
    let json = serde_json::to_string(&report).expect("a report serialises");
    let back: ogi_model::Report = serde_json::from_str(&json).expect("and deserialises");
    assert_eq!(back, report);
    let rows = |r: &ogi_model::Report| {
        r.tidy()
            .iter()
            .map(|t| format!("{}/{}/{}={}@{:?}", t.table.key(), t.row, t.column, t.value, t.span))
            .collect::<Vec<_>>()
    };
    assert_eq!(rows(&back), rows(&report));

    // The tidy CSV, as `ogi parse --format tidy` writes it, read back.
    let tidy = report.tidy();
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(ogi_model::TIDY_HEADER).expect("header");
    for t in &tidy {
        let value = t.value.to_string();
        writer
            .write_record(["fuzz", t.table.key(), &t.row, &t.column, &value])
            .expect("a record");
    }
    let bytes = writer.into_inner().expect("flushed");
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a record reads back")).collect();
    assert_eq!(records.len(), tidy.len());
    for (record, t) in records.iter().zip(&tidy) {
        assert_eq!(record.len(), 5);
        assert_eq!((&record[1], &record[2], &record[3]), (t.table.key(), &*t.row, &*t.column));
        if let TidyValue::Cell(cell) = t.value {
            match cell.value {
                CellValue::Number(q) => {
                    assert_eq!(record[4].parse::<ogi_model::Decimal>().ok(), Some(q.value));
                }
                CellValue::Blank => assert_eq!(&record[4], ""),
                CellValue::Marker { .. } => assert!(!record[4].is_empty()),
            }
        }
    }
});
