//! `ogi`: annual government information disclosure reports in, statistics out.
//!
//! `ogi parse [--format json|jsonl|tidy] PATH...` reads each file (a folder is read recursively,
//! in sorted order) and writes the reports as JSON, JSON lines, or the tidy CSV
//! `source,table,row,column,value`. A file that cannot be read or parsed is named on stderr and
//! the others still come out; the exit status is non-zero only when nothing could be processed.

#![allow(clippy::print_stderr)] // The CLI is where messages are printed.

mod check;

use clap::{Parser, Subcommand, ValueEnum};
use ogi_model::{Report, TIDY_HEADER};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Extensions read when a folder is given (a file named explicitly is always read).
const REPORT_EXTENSIONS: &[&str] = &["txt", "text", "htm", "html", "xhtml"];

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

/// Expands folders into the report files they hold, sorted; files are kept as given.
fn collect(paths: &[PathBuf], errors: &mut usize) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found, errors);
            found.sort();
            out.extend(found);
        } else if path.exists() {
            out.push(path.clone());
        } else {
            eprintln!("ogi: {}: no such file or folder", path.display());
            *errors += 1;
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, errors: &mut usize) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("ogi: {}: {e}", dir.display());
            *errors += 1;
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out, errors);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| REPORT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            out.push(path);
        }
    }
}

/// Reads and parses one file; the error is the message for stderr.
fn parse_file(path: &Path) -> Result<Report, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    ogi_core::parse(&bytes).map_err(|e| e.to_string())
}

/// Parses each file in order, handing each report to `emit`; returns how many failed.
fn each_report(
    files: &[PathBuf],
    mut emit: impl FnMut(&str, &Report) -> io::Result<()>,
) -> io::Result<usize> {
    let mut failed = 0;
    for path in files {
        match parse_file(path) {
            Ok(report) => emit(&path.display().to_string(), &report)?,
            Err(message) => {
                eprintln!("ogi: {}: {message}", path.display());
                failed += 1;
            }
        }
    }
    Ok(failed)
}

/// Writes the reports; returns how many files failed.
fn run_parse(format: OutputFormat, files: &[PathBuf], out: &mut impl Write) -> io::Result<usize> {
    let failed = match format {
        OutputFormat::Tidy => {
            let mut w = csv::Writer::from_writer(&mut *out);
            w.write_record(TIDY_HEADER)?;
            let failed = each_report(files, |source, report| {
                for row in report.tidy() {
                    let value = row.value.to_string();
                    w.write_record([source, row.table.key(), &row.row, &row.column, &value])?;
                }
                Ok(())
            })?;
            w.flush()?;
            failed
        }
        OutputFormat::Jsonl => each_report(files, |source, report| {
            let doc = serde_json::json!({ "source": source, "report": report });
            serde_json::to_writer(&mut *out, &doc)?;
            out.write_all(b"\n")
        })?,
        OutputFormat::Json => {
            out.write_all(b"[")?;
            let mut first = true;
            let failed = each_report(files, |source, report| {
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
fn run_check(format: CheckFormat, all: bool, paths: &[PathBuf]) -> ExitCode {
    let mut errors = 0;
    let files = collect(paths, &mut errors);
    let mut sources = Vec::new();
    for path in &files {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("ogi: {}: {e}", path.display());
                continue;
            }
        };
        match ogi_core::parse(&bytes) {
            Ok(report) => sources.push(check::Source {
                path: path.display().to_string(),
                bytes,
                report,
            }),
            Err(e) => eprintln!("ogi: {}: {e}", path.display()),
        }
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
        Command::Check { format, all, paths } => run_check(format, all, &paths),
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
        Command::Parse { format, paths } => {
            let mut errors = 0;
            let files = collect(&paths, &mut errors);
            if files.is_empty() {
                eprintln!("ogi: no report files found");
                return ExitCode::FAILURE;
            }
            let stdout = io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            match run_parse(format, &files, &mut out) {
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
