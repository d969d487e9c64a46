//! `ogi`: annual government information disclosure reports in, statistics out.
//!
//! `ogi parse [--format json|jsonl|tidy] PATH...` reads each file (a folder is read recursively,
//! in sorted order) and writes the reports as JSON, JSON lines, or the tidy CSV
//! `source,table,row,column,value`. A file that cannot be read or parsed is named on stderr and
//! the others still come out; the exit status is non-zero only when nothing could be processed.

#![allow(clippy::print_stderr)] // The CLI is where messages are printed.

mod check;

use clap::{Parser, Subcommand, ValueEnum};
use ogi_core::Options;
use ogi_core::batch::{self, FileError, Parsed};
use ogi_model::{Report, TIDY_HEADER};
use std::collections::BTreeMap;
use std::io::{self, BufWriter, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "ogi",
    version,
    about = "Read Chinese government information disclosure annual reports (政府信息公开工作年度报告) into statistics"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse reports and print what they contain.
    Parse {
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = OutputFormat::Json)]
        format: OutputFormat,
        /// Parse this many files at once (default: one per core).
        #[arg(long, short)]
        jobs: Option<usize>,
        /// Report files, or folders to read recursively.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Check reports: every identity of their tables, their prose against their tables, and an
    /// agency's consecutive years against each other. Prints each failing check with the source
    /// lines it concerns. Exit status 1 when a check (not a soft one) fails.
    Check {
        /// Output format: annotated text, or JSON data.
        #[arg(long, short, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
        /// Include passing and not assessable checks (JSON only).
        #[arg(long)]
        all: bool,
        /// Parse this many files at once (default: one per core).
        #[arg(long, short)]
        jobs: Option<usize>,
        /// Report files, or folders to read recursively.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Print the clean text ogi reads from a file (decoded, simplified, normalised, HTML
    /// rendered): what every span maps back from.
    Text {
        /// Show the blocks the layout detector found (prose, chrome, grids) instead.
        #[arg(long)]
        blocks: bool,
        /// A report file.
        path: PathBuf,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CheckFormat {
    /// Failing checks with annotated source lines.
    Text,
    /// `{source, checks}` per file, as JSON.
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    /// One JSON array of `{source, report}` objects.
    Json,
    /// One `{source, report}` object per line.
    Jsonl,
    /// CSV `source,table,row,column,value`, one line per value.
    Tidy,
}

/// Expands folders into the report files they hold, sorted; files are kept as given. Paths
/// that cannot be read are named on stderr.
fn collect(paths: &[PathBuf], errors: &mut usize) -> Vec<PathBuf> {
    let (files, missing) = batch::find_reports(paths);
    for e in &missing {
        eprintln!("ogi: {e}");
    }
    *errors += missing.len();
    files
}

/// Parses `files` on `threads` threads and hands each result to `emit` in the order of
/// `files`, as soon as it and every file before it are done.
fn each_parsed(
    files: &[PathBuf],
    threads: Option<usize>,
    mut emit: impl FnMut(&Path, Result<Parsed, FileError>) -> io::Result<()>,
) -> io::Result<()> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::scope(|scope| {
        scope.spawn(move || {
            batch::parse_files(files, &Options::default(), threads, |i, r| {
                // The receiver is gone only when writing failed; the rest is not wanted then.
                match tx.send((i, r)) {
                    Ok(()) => ControlFlow::Continue(()),
                    Err(_) => ControlFlow::Break(()),
                }
            });
        });
        let mut pending = BTreeMap::new();
        let mut next = 0;
        for (i, result) in rx {
            pending.insert(i, result);
            while let Some(result) = pending.remove(&next) {
                emit(&files[next], result)?;
                next += 1;
            }
        }
        Ok(())
    })
}

/// Parses each file, handing each report to `emit` in input order; failures are named on
/// stderr. Returns how many failed.
fn each_report(
    files: &[PathBuf],
    threads: Option<usize>,
    mut emit: impl FnMut(&str, &Report) -> io::Result<()>,
) -> io::Result<usize> {
    let mut failed = 0;
    each_parsed(files, threads, |path, result| match result {
        Ok(parsed) => emit(&path.display().to_string(), &parsed.report),
        Err(e) => {
            eprintln!("ogi: {e}");
            failed += 1;
            Ok(())
        }
    })?;
    Ok(failed)
}

/// Writes the reports; returns how many files failed.
fn run_parse(
    format: OutputFormat,
    files: &[PathBuf],
    threads: Option<usize>,
    out: &mut impl Write,
) -> io::Result<usize> {
    let failed = match format {
        OutputFormat::Tidy => {
            let mut w = csv::Writer::from_writer(&mut *out);
            w.write_record(TIDY_HEADER)?;
            let failed = each_report(files, threads, |source, report| {
                for row in report.tidy() {
                    let value = row.value.to_string();
                    w.write_record([source, row.table.key(), &row.row, &row.column, &value])?;
                }
                Ok(())
            })?;
            w.flush()?;
            failed
        }
        OutputFormat::Jsonl => each_report(files, threads, |source, report| {
            let doc = serde_json::json!({ "source": source, "report": report });
            serde_json::to_writer(&mut *out, &doc)?;
            out.write_all(b"\n")
        })?,
        OutputFormat::Json => {
            out.write_all(b"[")?;
            let mut first = true;
            let failed = each_report(files, threads, |source, report| {
                out.write_all(if first { b"\n" } else { b",\n" })?;
                first = false;
                let doc = serde_json::json!({ "source": source, "report": report });
                serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::from)
            })?;
            out.write_all(b"\n]\n")?;
            failed
        }
    };
    out.flush()?;
    Ok(failed)
}

/// `ogi check`: returns the exit code.
fn run_check(
    format: CheckFormat,
    all: bool,
    threads: Option<usize>,
    paths: &[PathBuf],
) -> ExitCode {
    let mut errors = 0;
    let files = collect(paths, &mut errors);
    let mut sources = Vec::new();
    let written = each_parsed(&files, threads, |path, result| {
        match result {
            Ok(parsed) => sources.push(check::Source {
                path: path.display().to_string(),
                bytes: parsed.input,
                report: parsed.report,
            }),
            Err(e) => eprintln!("ogi: {e}"),
        }
        Ok(())
    });
    if let Err(e) = written {
        eprintln!("ogi: {e}");
    }
    if sources.is_empty() {
        eprintln!("ogi: no report could be read");
        return ExitCode::from(2);
    }
    let reports: Vec<&ogi_model::Report> = sources.iter().map(|s| &s.report).collect();
    let across = ogi_model::check::validate_set(&reports);
    let mut hard_failures = 0;
    let mut structure_notes = 0;
    let mut out = io::stdout().lock();
    let mut json_docs = Vec::new();
    for (i, source) in sources.iter().enumerate() {
        let checks: Vec<&ogi_model::Check> = source
            .report
            .checks
            .iter()
            .chain(across.iter().filter(|(j, _)| *j == i).map(|(_, c)| c))
            .collect();
        hard_failures += checks
            .iter()
            .filter(|c| check::failed(c) && !c.soft)
            .count();
        let mut structural: Vec<&ogi_model::Diagnostic> = source
            .report
            .diagnostics
            .iter()
            .filter(|d| d.code.is_structural())
            .collect();
        structural.sort_by_key(|d| d.span.map(|s| s.start));
        structure_notes += structural.len();
        match format {
            CheckFormat::Text => {
                for d in &structural {
                    if writeln!(out, "{}\n", check::render_diagnostic(source, d)).is_err() {
                        return ExitCode::SUCCESS;
                    }
                }
                for c in checks.iter().filter(|c| check::failed(c)) {
                    if writeln!(out, "{}\n", check::render(source, c)).is_err() {
                        return ExitCode::SUCCESS;
                    }
                }
            }
            CheckFormat::Json => {
                let shown: Vec<_> = checks
                    .into_iter()
                    .filter(|c| all || check::failed(c))
                    .collect();
                json_docs.push(serde_json::json!({
                    "source": source.path,
                    "checks": shown,
                    "structure": structural,
                }));
            }
        }
    }
    if format == CheckFormat::Json {
        if serde_json::to_writer_pretty(&mut out, &json_docs).is_err() || writeln!(out).is_err() {
            return ExitCode::SUCCESS;
        }
    } else {
        let total: usize =
            sources.iter().map(|s| s.report.checks.len()).sum::<usize>() + across.len();
        let _ = writeln!(
            out,
            "{} report(s), {total} checks, {hard_failures} failing (soft checks not counted), \
             {structure_notes} structural diagnostic(s)",
            sources.len()
        );
    }
    if hard_failures > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check {
            format,
            all,
            jobs,
            paths,
        } => run_check(format, all, jobs, &paths),
        Command::Text { blocks, path } => {
            let render = if blocks {
                ogi_core::layout_text
            } else {
                ogi_core::clean_text
            };
            let text = std::fs::read(&path)
                .map_err(|e| e.to_string())
                .and_then(|bytes| render(&bytes).map_err(|e| e.to_string()));
            match text {
                Ok(text) => {
                    let mut out = io::stdout().lock();
                    match out.write_all(text.as_bytes()) {
                        Ok(()) => ExitCode::SUCCESS,
                        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                        Err(e) => {
                            eprintln!("ogi: {e}");
                            ExitCode::FAILURE
                        }
                    }
                }
                Err(message) => {
                    eprintln!("ogi: {}: {message}", path.display());
                    ExitCode::FAILURE
                }
            }
        }
        Command::Parse {
            format,
            jobs,
            paths,
        } => {
            let mut errors = 0;
            let files = collect(&paths, &mut errors);
            if files.is_empty() {
                eprintln!("ogi: no report files found");
                return ExitCode::FAILURE;
            }
            let stdout = io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            match run_parse(format, &files, jobs, &mut out) {
                Ok(failed) if failed == files.len() => ExitCode::FAILURE,
                Ok(_) => ExitCode::SUCCESS,
                // A closed pipe (`ogi parse … | head`) is not an error of ours.
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("ogi: {e}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
