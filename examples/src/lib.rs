//! Runnable examples live in `examples/`; run one with `cargo run -p ogi-examples --example parse_one`.
