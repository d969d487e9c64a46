//! Throughput of `ogi_core::parse` and of its stages over the real reports bundled as test
//! fixtures, grouped by input kind, in bytes per second.
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
    let mut paths: Vec<PathBuf> = ["seeds", "corpus", "unlabeled"]
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

fn parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    for ext in [".txt", ".html"] {
        let docs = inputs(ext);
        let bytes: usize = docs.iter().map(Vec::len).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(
            format!("{}_files_{}", docs.len(), ext.trim_start_matches('.')),
            |b| {
                b.iter(|| {
                    for doc in &docs {
                        let _ = black_box(ogi_core::parse(black_box(doc)));
                    }
                });
            },
        );
    }
    group.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
