//! Any text inside a page and a table → the HTML renderer, the grids and the tables read from
//! them, with spans inside the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let body = String::from_utf8_lossy(data);
    let page = format!("<html><body><table><tr><td>一、本年新收政府信息公开申请数量</td>{body}</table></body></html>");
    let _ = ogi_core::layout_text(page.as_bytes());
    if let Ok(report) = ogi_core::parse(page.as_bytes()) {
        for row in report.tidy() {
            if let Some(span) = row.span {
                assert!(span.end as usize <= page.len());
                assert!(page.is_char_boundary(span.start as usize));
                assert!(page.is_char_boundary(span.end as usize));
            }
        }
    }
});
