//! Any bytes → a report or a typed error; every span inside the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(report) = ogi_core::parse(data) {
        let len = data.len() as u32;
        for row in report.tidy() {
            if let Some(span) = row.span {
                assert!(span.start <= span.end && span.end <= len, "span {span} outside {len}");
            }
        }
        for d in &report.diagnostics {
            if let Some(span) = d.span {
                assert!(span.end <= len, "diagnostic span {span} outside {len}");
            }
        }
        let _ = ogi_model::check::validate_set(&[&report, &report]);
    }
});
