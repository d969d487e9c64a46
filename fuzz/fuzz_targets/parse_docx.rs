//! The Word path: a `word/document.xml` the fuzzer writes, zipped as a Word file (so that
//! mutation works on the XML — merges, spans, nesting — not on the zip's checksums), or, when
//! the first byte is 0, the bytes as a file themselves (the zip reader) → a report or a typed
//! error, never a crash; every span inside the XML the report indexes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::io::Write;

fuzz_target!(|data: &[u8]| {
    let options = ogi_core::Options::default().with_max_input_bytes(16 << 20);
    let file = match data.split_first() {
        Some((0, rest)) => rest.to_vec(),
        _ => {
            let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
            let stored = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored);
            if zip.start_file("word/document.xml", stored).is_err()
                || zip.write_all(data.get(1..).unwrap_or_default()).is_err()
            {
                return;
            }
            match zip.finish() {
                Ok(cursor) => cursor.into_inner(),
                Err(_) => return,
            }
        }
    };
    if let Ok(parsed) = ogi_core::input::Inputs::TEXT.parse(&file, &options) {
        let len = parsed.input.len() as u32;
        for row in parsed.report.tidy() {
            if let Some(span) = row.span {
                assert!(span.start <= span.end && span.end <= len, "span {span} outside {len}");
            }
        }
    }
});
