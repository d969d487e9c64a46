//! Cost against input size: ogi must take time linear in its input, whatever the input. Inputs
//! of 10 KB to 50 MB of three shapes that a quadratic path would show up on:
//!
//! - `repeated_report`: a real report (corpus 027, pipe tables) repeated end to end — many
//!   tables, headings and sentences;
//! - `digit_run`: one line, a row label followed by a single run of digits (a crawler dump that
//!   lost every cell boundary);
//! - `nested_html`: `<div>`s nested as deep as the size allows around one sentence.
//!
//! Each is reported in bytes per second: flat throughput across sizes means linear time.
//! `cargo bench -p ogi-benches --bench growth` (the 50 MB inputs take a few seconds each).

#![allow(missing_docs)] // criterion_main! generates an undocumented `main`.

use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

const SIZES: &[usize] = &[10_000, 100_000, 1_000_000, 10_000_000, 50_000_000];

fn repeated_report(size: usize) -> Vec<u8> {
    let report = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../crates/ogi-core/tests/fixtures/corpus/027.pipe.txt"),
    )
    .expect("fixture is readable");
    report.iter().copied().cycle().take(size).collect()
}

fn digit_run(size: usize) -> Vec<u8> {
    let mut s = "一、本年新收政府信息公开申请数量".as_bytes().to_vec();
    s.extend(std::iter::repeat_n(b'7', size.saturating_sub(s.len())));
    s
}

fn nested_html(size: usize) -> Vec<u8> {
    let depth = size / 11;
    format!(
        "<html><body>{}<p>收到行政复议申请12件。</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    )
    .into_bytes()
}

/// An input of about the given size.
type Make = fn(usize) -> Vec<u8>;

fn growth(c: &mut Criterion) {
    let shapes: [(&str, Make); 3] = [
        ("repeated_report", repeated_report),
        ("digit_run", digit_run),
        ("nested_html", nested_html),
    ];
    for (name, make) in shapes {
        let mut group = c.benchmark_group(format!("growth_{name}"));
        group.sampling_mode(SamplingMode::Flat);
        group.sample_size(10);
        group.measurement_time(Duration::from_secs(5));
        for &size in SIZES {
            let input = make(size);
            group.throughput(Throughput::Bytes(input.len() as u64));
            group.bench_with_input(BenchmarkId::from_parameter(size), &input, |b, input| {
                b.iter(|| black_box(ogi_core::parse(black_box(input)).map(|r| r.tidy().len())));
            });
        }
        group.finish();
    }
}

criterion_group!(benches, growth);
criterion_main!(benches);
