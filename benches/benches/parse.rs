//! Throughput of `ogi_core::parse` and of its stages over the real reports bundled as test
//! fixtures, grouped by input kind (text, HTML, PDF, Word), in bytes per second of input.
//!
//! Each benchmark cuts the pipeline after one stage, so the cost of a stage is the difference
//! between its line and the one before: `1_decode`, `2_prepare` (script conversion and NFKC, or
//! HTML rendering), `3_layout` (prose lines and grids), `4_parse` (outline, tables, meta,
//! checks, and the tidy export). PDFs add `0_extract` (pdf-extract) before them, Word files
//! `0_extract` (unzip and XML); their later stages run on the extracted text.
//!
//! `cargo bench -p ogi-benches`. The benchmark runs with the allocator of the command line tool
//! (mimalloc), as `ogi parse` does.

#![allow(missing_docs)] // criterion_main! generates an undocumented `main`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// The allocator the `ogi` command line tool runs with, so that these figures are its own.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::hint::black_box;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/ogi-core/tests/fixtures")
}

/// Every fixture whose name ends with `ext`, read into memory.
fn inputs(ext: &str) -> Vec<Vec<u8>> {
    let pdfs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/ogi-pdf/tests/fixtures");
    let mut paths: Vec<PathBuf> = ["seeds", "corpus", "unlabeled", "inputs"]
        .iter()
        .map(|d| fixtures().join(d))
        .chain([pdfs.join("printed"), pdfs])
        .flat_map(|d| std::fs::read_dir(d).into_iter().flatten())
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

/// The text a container's later stages run on: a PDF's extracted text, a Word file's XML.
fn extracted(ext: &str, doc: &[u8]) -> Vec<u8> {
    match ext {
        ".pdf" => ogi_pdf::extract(doc)
            .map(|e| e.text.into_bytes())
            .unwrap_or_default(),
        ".docx" => ogi_pdf::INPUTS
            .parse(doc, &ogi_core::Options::default())
            .map(|p| p.input)
            .unwrap_or_default(),
        _ => doc.to_vec(),
    }
}

#[allow(clippy::unnecessary_wraps)] // A `Stage`, like the others.
fn pdf_extract(input: &[u8]) -> Result<usize, ogi_core::Error> {
    Ok(ogi_pdf::extract(input).map_or(0, |e| e.text.len()))
}

fn docx_extract(input: &[u8]) -> Result<usize, ogi_core::Error> {
    ogi_pdf::INPUTS
        .parse(input, &ogi_core::Options::default())
        .map(|p| p.input.len())
}

fn stages(c: &mut Criterion) {
    for ext in [".txt", ".html", ".pdf", ".docx"] {
        let files = inputs(ext);
        let kind = ext.trim_start_matches('.');
        let container = ext == ".pdf" || ext == ".docx";
        if container {
            let bytes: usize = files.iter().map(Vec::len).sum();
            let mut group = c.benchmark_group(format!("{kind}_{}_files", files.len()));
            group.throughput(Throughput::Bytes(bytes as u64));
            let extract: Stage = if ext == ".pdf" {
                pdf_extract
            } else {
                docx_extract
            };
            group.bench_function("0_extract", |b| {
                b.iter(|| {
                    for doc in &files {
                        let _ = black_box(extract(black_box(doc)));
                    }
                });
            });
            group.bench_function("5_whole_file", |b| {
                b.iter(|| {
                    for doc in &files {
                        let _ = black_box(
                            ogi_pdf::INPUTS
                                .parse(black_box(doc), &ogi_core::Options::default())
                                .map_or(0, |p| p.report.tidy().len()),
                        );
                    }
                });
            });
            group.finish();
        }
        let docs: Vec<Vec<u8>> = files.iter().map(|d| extracted(ext, d)).collect();
        let bytes: usize = docs.iter().map(Vec::len).sum();
        let suffix = if container { "_extracted" } else { "" };
        let mut group = c.benchmark_group(format!("{kind}_{}_files{suffix}", docs.len()));
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
