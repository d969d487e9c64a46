//! Throughput of `ogi_core::parse` and of its stages over the real reports bundled as test
//! fixtures, grouped by input kind, in bytes per second.
//!
//! Each benchmark cuts the pipeline after one stage, so the cost of a stage is the difference
//! between its line and the one before: `1_decode`, `2_prepare` (script conversion and NFKC, or
//! HTML rendering), `3_layout` (prose lines and grids), `4_parse` (outline, tables, meta, and the
//! tidy export).
//!
//! `cargo bench -p ogi-benches`

#![allow(missing_docs)] // criterion_main! generates an undocumented `main`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/ogi-core/tests/fixtures")
}

/// Every fixture whose name ends with `ext`, read into memory.
fn inputs(ext: &str) -> Vec<Vec<u8>> {
    let mut paths: Vec<PathBuf> = ["seeds", "corpus", "unlabeled", "inputs"]
        .iter()
        .flat_map(|d| std::fs::read_dir(fixtures().join(d)).into_iter().flatten())
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(ext))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read(p).expect("fixture is readable"))
        .collect()
}

type Stage = fn(&[u8]) -> Result<usize, ogi_core::Error>;

fn full_parse(input: &[u8]) -> Result<usize, ogi_core::Error> {
    ogi_core::parse(input).map(|r| r.tidy().len())
}

const STAGES: &[(&str, Stage)] = &[
    ("1_decode", ogi_core::stages::decode),
    ("2_prepare", ogi_core::stages::prepare_text),
    ("3_layout", ogi_core::stages::layout),
    ("4_parse", full_parse),
];

fn stages(c: &mut Criterion) {
    for ext in [".txt", ".html"] {
        let docs = inputs(ext);
        let bytes: usize = docs.iter().map(Vec::len).sum();
        let kind = ext.trim_start_matches('.');
        let mut group = c.benchmark_group(format!("{kind}_{}_files", docs.len()));
        group.throughput(Throughput::Bytes(bytes as u64));
        for (name, stage) in STAGES {
            group.bench_function(*name, |b| {
                b.iter(|| {
                    for doc in &docs {
                        let _ = black_box(stage(black_box(doc)));
                    }
                });
            });
        }
        group.finish();
    }
}

criterion_group!(benches, stages);
criterion_main!(benches);
