//! Any bytes through the PDF path (sanitising, glyph positions, pdf-extract and lopdf text,
//! then the parser) → a report or a typed error, never a crash; every span inside the
//! extracted text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::Once;

static QUIET: Once = Once::new();

fuzz_target!(|data: &[u8]| {
    // pdf-extract panics on some damaged files and ogi-pdf catches those panics (the file is
    // an extraction error). libFuzzer's hook would abort on them before they are caught; a
    // panic that escapes ogi still aborts the run, as libfuzzer-sys catches it and aborts.
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let options = ogi_core::Options::default().with_max_input_bytes(16 << 20);
    if let Ok(parsed) = ogi_pdf::INPUTS.parse(data, &options) {
        let len = parsed.input.len() as u32;
        for row in parsed.report.tidy() {
            if let Some(span) = row.span {
                assert!(span.start <= span.end && span.end <= len, "span {span} outside {len}");
            }
        }
        if let Some(container) = &parsed.report.meta.container {
            for page in &container.pages {
                assert!(page.end <= len, "page {page} outside {len}");
            }
        }
    }
});
