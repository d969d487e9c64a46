//! Report → JSON → report is the identity, and so is its tidy export.
#![no_main]

use libfuzzer_sys::fuzz_target;

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
});
