//! Criterion benchmarks over real reports; run them with `cargo bench -p ogi-benches`.
