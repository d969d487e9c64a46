//! The numeral grammars on any text: no panic, no overflow, and what they consume is a prefix.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Some((quantity, used)) = ogi_core::stages::numeral(text) {
        assert!(used <= text.len() && text.is_char_boundary(used));
        // A number prints and reads back as itself.
        let printed = quantity.value.to_string();
        assert_eq!(printed.parse::<ogi_model::Decimal>().ok(), Some(quantity.value), "{printed}");
    }
    let _ = ogi_core::stages::cell(text);
});
