//! Cost against input size: ogi must take time linear in its input, and memory a small multiple
//! of it, whatever the input. Inputs of 10 KB to 50 MB of shapes that a quadratic path or an
//! unbounded structure would show up on:
//!
//! - `repeated_report`: a real report (corpus 027, pipe tables) repeated end to end — many
//!   tables, headings and sentences;
//! - `digit_run`: one line, a row label followed by a single run of digits (a crawler dump that
//!   lost every cell boundary);
//! - `nested_html`: `<div>`s nested as deep as the size allows around one sentence;
//! - the shapes of the hostile fixtures (`crates/ogi-core/tests/hostile`), at every size:
//!   `entity_soup` (`&trade;` in every paragraph), `scripts`, `div_selfclose`, `open_formatting`
//!   (500 formatting elements left open, then paragraphs), `numeral_run` (a run of 一 after a
//!   prose trigger), `short_lines` (one character per line; past 2^20 lines refused),
//!   `word_vmerge` (one vertical merge down a Word table).
//!
//! Each is reported in bytes per second: flat throughput across sizes means linear time. Before
//! each size, one parse's peak memory is measured in a fresh process (the resident set's peak
//! over the parse; Linux) and printed to stderr with its ratio to the input
//! (`peak 30.1 MB = 5.0× the input`).
//! `cargo bench -p ogi-benches --bench growth` (the 50 MB inputs take a few seconds each).

#![allow(missing_docs)] // criterion_main! generates an undocumented `main`.
#![allow(clippy::print_stderr, clippy::print_stdout)] // Peak memory, beside criterion's lines.

use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group};
use std::fmt::Write as _;
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

/// `unit` repeated to about `size` bytes between `head` and `tail`.
fn repeated(head: &str, unit: &str, tail: &str, size: usize) -> Vec<u8> {
    let n = size.saturating_sub(head.len() + tail.len()) / unit.len();
    let mut s = String::with_capacity(size);
    s.push_str(head);
    for _ in 0..n.max(1) {
        s.push_str(unit);
    }
    s.push_str(tail);
    s.into_bytes()
}

const PAGE: &str = "<html><body><p>收到行政复议申请12件。</p>";
const END: &str = "</body></html>";

fn entity_soup(size: usize) -> Vec<u8> {
    repeated(PAGE, "<p>申请&trade;件&copy2019&#150;</p>", END, size)
}

fn scripts(size: usize) -> Vec<u8> {
    repeated(PAGE, "<script>var a = '<p>';</script><p>x</p>", END, size)
}

fn div_selfclose(size: usize) -> Vec<u8> {
    repeated(PAGE, "<div/>", END, size)
}

fn open_formatting(size: usize) -> Vec<u8> {
    let open = (0..500).fold(String::new(), |mut s, i| {
        let _ = write!(s, "<b a={i}>");
        s
    });
    repeated(&format!("{PAGE}<p>{open}</p>"), "<p>x</p>", END, size)
}

fn numeral_run(size: usize) -> Vec<u8> {
    repeated("主动公开政府信息", "一", "条", size)
}

fn short_lines(size: usize) -> Vec<u8> {
    repeated("", "a\n", "", size)
}

fn word_vmerge(size: usize) -> Vec<u8> {
    repeated(
        r#"<w:document xmlns:w="w"><w:body><w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>m</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr>"#,
        "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr>",
        "</w:tbl></w:body></w:document>",
        size,
    )
}

/// An input of about the given size.
type Make = fn(usize) -> Vec<u8>;

/// A field of `/proc/self/status` in bytes (`VmRSS`, `VmHWM`), on Linux.
fn status_bytes(field: &str) -> Option<usize> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kb: usize = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Set in the child process that measures one parse: `shape:size`.
const PEAK_OF: &str = "OGI_GROWTH_PEAK_OF";

/// In the child: makes the input, parses it once and prints the peak resident memory the
/// parse added (the peak is reset after the input is made; Linux).
fn measure_child(shape: &str, size: usize) {
    let Some((_, make)) = SHAPES.iter().find(|(name, _)| *name == shape) else {
        return;
    };
    let input = make(size);
    let before = status_bytes("VmRSS").unwrap_or(0);
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let _ = black_box(ogi_core::parse(black_box(&input)).map(|r| r.tidy().len()));
    let peak = status_bytes("VmHWM").unwrap_or(0).saturating_sub(before);
    println!("{peak} {}", input.len());
}

/// The peak memory of one parse of the shape at the size, measured in a fresh process (this
/// one, run again), so that memory kept by earlier parses does not hide it.
fn peak_of(shape: &str, size: usize) -> Option<(usize, usize)> {
    let out = std::process::Command::new(std::env::current_exe().ok()?)
        .env(PEAK_OF, format!("{shape}:{size}"))
        .output()
        .ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    let mut words = text.split_whitespace().map(str::parse::<usize>);
    Some((words.next()?.ok()?, words.next()?.ok()?))
}

const SHAPES: [(&str, Make); 10] = [
    ("repeated_report", repeated_report),
    ("digit_run", digit_run),
    ("nested_html", nested_html),
    ("entity_soup", entity_soup),
    ("scripts", scripts),
    ("div_selfclose", div_selfclose),
    ("open_formatting", open_formatting),
    ("numeral_run", numeral_run),
    ("short_lines", short_lines),
    ("word_vmerge", word_vmerge),
];

fn growth(c: &mut Criterion) {
    for (name, make) in SHAPES {
        let mut group = c.benchmark_group(format!("growth_{name}"));
        group.sampling_mode(SamplingMode::Flat);
        group.sample_size(10);
        group.measurement_time(Duration::from_secs(5));
        for &size in SIZES {
            if let Some((peak, len)) = peak_of(name, size) {
                #[allow(clippy::cast_precision_loss)] // Figures for a human to read.
                let (mb, ratio) = (peak as f64 / 1e6, peak as f64 / len as f64);
                eprintln!("growth_{name}/{size}: peak {mb:.1} MB = {ratio:.1}× the input");
            }
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

fn main() {
    // The child that measures one parse's memory (see `peak_of`).
    if let Ok(job) = std::env::var(PEAK_OF) {
        if let Some((shape, size)) = job.split_once(':') {
            measure_child(shape, size.parse().unwrap_or(0));
        }
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
