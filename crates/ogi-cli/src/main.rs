//! `ogi`: annual government information disclosure reports in, statistics out.
//!
//! `ogi parse [-o OUT] [--format json|jsonl|tidy|wide|parquet|arrow] [--wide] PATH...` reads
//! each file (a folder is read recursively, in sorted order) in parallel and writes the
//! reports, in input order, as JSON, JSON lines, the tidy CSV `source,table,row,column,value`,
//! a wide CSV, or typed Parquet or Arrow IPC files (tidy, or wide with `--wide`; built by
//! `ogi-arrow` a batch at a time). Every file gets a
//! status in the output; one that cannot be read or parsed is also named on stderr and the
//! others still come out; the exit status is non-zero only when nothing could be processed.
//! `ogi check` checks reports' identities; `ogi text` shows the text ogi reads.

#![allow(clippy::print_stderr)] // The CLI is where messages are printed.

/// Writes `ogi: MESSAGE` to standard error with its control characters escaped (see
/// [`printable`]): a file name or report text holding terminal escape sequences cannot drive
/// the terminal.
macro_rules! say {
    ($($arg:tt)*) => {
        eprintln!("ogi: {}", crate::printable(&format!($($arg)*)))
    };
}

mod check;
mod inspect;
mod parse;
mod vocab;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use ogi_core::Options;
use ogi_core::batch::{self, FileError, Parsed};
use ogi_core::input::Inputs;
use parse::OutputFormat;

/// The formats read: text, HTML and Word, and PDF with the `pdf` feature.
#[cfg(feature = "pdf")]
pub(crate) const INPUTS: Inputs = ogi_pdf::INPUTS;
#[cfg(not(feature = "pdf"))]
pub(crate) const INPUTS: Inputs = Inputs::TEXT;
use std::io::{self, BufWriter, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The exit statuses, the same for every subcommand.
const EXIT_CODES: &str = "\
Exit status:
  0    every file was read (ok or partial); for check, no check failed and every table was read
  1    some file failed while others came through; for check, also a failing check or a table
       not fully read (unless --allow-partial)
  2    usage error, or nothing could be read
  130  interrupted (Ctrl-C, SIGTERM): the output holds the files finished, and is valid

A path `-` is standard input; `-o -` writes to standard output. Files under a folder that are
not read (other file types, FIFOs, links looping back) are listed as skipped, with the reason.";

#[derive(Parser)]
#[command(
    name = "ogi",
    version,
    about = "Read Chinese government information disclosure annual reports (政府信息公开工作年度报告) into statistics",
    after_help = EXIT_CODES
)]
struct Cli {
    /// Refuse inputs larger than this many megabytes (each file, or the text inside a PDF or
    /// Word file), with an error naming the file.
    #[arg(long, global = true, default_value_t = 64, value_name = "MB")]
    max_input_mb: usize,
    /// Give up on a file after this many seconds (its extraction and parse), with an error
    /// naming the file, and go on with the others; 0 sets no limit.
    #[arg(long, global = true, default_value_t = 60.0, value_name = "SECONDS", value_parser = seconds)]
    timeout: f64,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse reports into one dataset: JSON, JSON lines, CSV, Parquet or Arrow (the last three
    /// tidy or wide). Every file gets
    /// a status in the output (ok, partial, failed with the reason) and a summary goes to
    /// stderr; Ctrl-C stops and leaves a valid output of the files finished.
    Parse(ParseArgs),
    /// Check reports: every identity of their tables, their prose against their tables, and an
    /// agency's consecutive years against each other. Prints each table not fully read (its
    /// coverage: cells expected, cells read, rows missing) and each failing check with the
    /// source lines it concerns. Exit status 1 when a check (not a soft one) fails or a table
    /// was not fully read.
    Check {
        /// Output format: annotated text, or JSON data.
        #[arg(long, short, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
        /// Include passing and not assessable checks (JSON only).
        #[arg(long)]
        all: bool,
        /// Exit 0 when tables were not fully read (still shown); only failing checks fail.
        #[arg(long)]
        allow_partial: bool,
        /// Parse this many files at once (default: one per core; at most 4 per core).
        #[arg(long, short)]
        jobs: Option<usize>,
        /// Report files, or folders to read recursively.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Write one self-contained HTML page showing the text ogi read with every value highlighted
    /// and linked to its table cell, blanks and failing checks marked.
    Inspect {
        /// Write the page here (default: stdout).
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// A report file.
        path: PathBuf,
    },
    /// Print a completion script for a shell (e.g. `ogi completions bash >
    /// ~/.local/share/bash-completion/completions/ogi`).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff; e.g. `ogi man > ogi.1 && man ./ogi.1`).
    Man,
    /// Print the clean text ogi reads from a file (decoded, simplified, normalised, HTML
    /// rendered): what every span maps back from.
    Text {
        /// Show the blocks the layout detector found (prose, chrome, grids) instead.
        #[arg(long)]
        blocks: bool,
        /// A report file.
        path: PathBuf,
    },
    /// Print the data dictionary of the tidy export: one entry per row and column key of every
    /// table, with its Chinese and English labels, unit, the templates that print it and the
    /// identities it takes part in.
    Vocab {
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = vocab::VocabFormat::Csv)]
        format: vocab::VocabFormat,
    },
}

/// The options of `ogi parse`.
#[derive(clap::Args)]
struct ParseArgs {
    /// Output format (default: from the extension of --output, else json).
    #[arg(long, short, value_enum)]
    format: Option<OutputFormat>,
    /// Write to this file instead of stdout; the extension names the format: `.json`,
    /// `.jsonl`, `.csv`, `.parquet`, `.arrow` or `.feather` (Arrow IPC file).
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// With a CSV, Parquet or Arrow output: one row per file and a column per template cell
    /// (counts Int64, amounts Float64 in Parquet and Arrow), rather than the tidy rows.
    #[arg(long)]
    wide: bool,
    /// Parse this many files at once (default: one per core; at most 4 per core).
    #[arg(long, short)]
    jobs: Option<usize>,
    /// Never draw a progress bar (it is drawn only on a terminal anyway).
    #[arg(long)]
    no_progress: bool,
    /// Print nothing on stderr but errors: no progress bar, no summary, no skipped files.
    #[arg(long, short)]
    quiet: bool,
    /// Report files, or folders to read recursively (`-`: standard input).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CheckFormat {
    /// Failing checks with annotated source lines.
    Text,
    /// `{source, checks}` per file, as JSON.
    Json,
}

/// Expands folders into the report files they hold, sorted; files are kept as given (`-` is
/// standard input). A path that cannot be read stays in the list, in its place, so that it is
/// reported as failed. The files under folders that are not read come second, with reasons.
fn collect(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<batch::Skipped>) {
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    for path in paths {
        let found = batch::find_reports(std::slice::from_ref(path), &INPUTS.extensions());
        out.extend(found.files);
        out.extend(found.missing.into_iter().map(|e| e.path));
        skipped.extend(found.skipped);
    }
    (out, skipped)
}

/// The threads to parse on: as asked, but at most four per core (`-j 100000` would start that
/// many threads, each with its stack and a window of files ahead).
fn threads(jobs: Option<usize>) -> Option<usize> {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    jobs.map(|n| n.min(4 * cores))
}

/// Whether `output` is one of `files` (the same file, by any path): writing it would destroy
/// an input before it is read.
fn names_an_input(output: &Path, files: &[PathBuf]) -> bool {
    let Ok(out) = output.canonicalize() else {
        return false;
    };
    files
        .iter()
        .any(|f| f.canonicalize().is_ok_and(|f| f == out))
}

/// Parses `files` on `threads` threads and hands each result to `emit` in the order of `files`.
fn each_parsed(
    files: &[PathBuf],
    options: &Options,
    threads: Option<usize>,
    mut emit: impl FnMut(&Path, Result<Parsed, FileError>) -> io::Result<()>,
) -> io::Result<()> {
    let mut outcome = Ok(());
    batch::parse_files(files, options, threads, &INPUTS, |i, result| {
        match emit(&files[i], result) {
            Ok(()) => ControlFlow::Continue(()),
            Err(e) => {
                outcome = Err(e);
                ControlFlow::Break(())
            }
        }
    });
    outcome
}

/// What `ogi check` counts over the reports.
#[derive(Default)]
struct CheckTally {
    reports: usize,
    checks: usize,
    hard_failures: usize,
    structure_notes: usize,
    tables: usize,
    incomplete: usize,
}

/// A report kept for the checks across years once its own output is written: its tables and
/// meta, without its narrative, diagnostics, checks, coverage or source bytes.
fn skeleton(mut report: ogi_model::Report) -> ogi_model::Report {
    report.narrative = ogi_model::NarrativeTable::default();
    report.diagnostics = Vec::new();
    report.checks = Vec::new();
    report.coverage = Vec::new();
    report.outline = Vec::new();
    report
}

/// `ogi check` as it goes through the files: what it writes and what it keeps.
struct Checker<'a, W: Write> {
    format: CheckFormat,
    all: bool,
    options: &'a Options,
    out: W,
    /// Whether `out` is a terminal: the report's own control characters are then escaped.
    terminal: bool,
    tally: CheckTally,
    /// Each report read, as a skeleton, with its file.
    kept: Vec<(PathBuf, ogi_model::Report)>,
    json_docs: Vec<serde_json::Value>,
}

impl<W: Write> Checker<'_, W> {
    fn shown(&self, s: String) -> String {
        if self.terminal {
            printable_but(&s, &['\n', '\t']).into_owned()
        } else {
            s
        }
    }

    /// Writes (text) or keeps (JSON) one file's coverage, structure and failing checks.
    fn file(&mut self, path: &Path, parsed: Parsed) -> io::Result<()> {
        let source = check::Source {
            path: batch::source_name(path),
            bytes: parsed.input,
            report: parsed.report,
        };
        let report = &source.report;
        let tally = &mut self.tally;
        tally.reports += 1;
        tally.checks += report.checks.len();
        tally.hard_failures += report
            .checks
            .iter()
            .filter(|c| check::failed(c) && !c.soft)
            .count();
        let mut structural: Vec<&ogi_model::Diagnostic> = report
            .diagnostics
            .iter()
            .filter(|d| d.code.is_structural())
            .collect();
        structural.sort_by_key(|d| d.span.map(|s| s.start));
        tally.structure_notes += structural.len();
        let partial: Vec<&ogi_model::Coverage> = report
            .coverage
            .iter()
            .filter(|c| !c.is_complete())
            .collect();
        tally.tables += report.coverage.len();
        tally.incomplete += partial.len();
        match self.format {
            CheckFormat::Text => {
                let mut text = Vec::new();
                text.extend(partial.iter().map(|c| check::render_coverage(&source, c)));
                text.extend(
                    structural
                        .iter()
                        .map(|d| check::render_diagnostic(&source, d)),
                );
                text.extend(
                    report
                        .checks
                        .iter()
                        .filter(|c| check::failed(c))
                        .map(|c| check::render(&source, c)),
                );
                for t in text {
                    let t = self.shown(t);
                    writeln!(self.out, "{t}\n")?;
                }
            }
            CheckFormat::Json => {
                let checks = report
                    .checks
                    .iter()
                    .filter(|c| self.all || check::failed(c))
                    .map(check::to_json)
                    .collect::<serde_json::Result<Vec<_>>>()
                    .map_err(io::Error::other)?;
                self.json_docs.push(serde_json::json!({
                    "source": source.path,
                    "coverage": report.coverage,
                    "checks": checks,
                    "structure": structural,
                }));
            }
        }
        self.kept
            .push((path.to_path_buf(), skeleton(source.report)));
        Ok(())
    }

    /// The checks across years, then the JSON documents or the summary line.
    fn finish(&mut self) -> io::Result<()> {
        let reports: Vec<&ogi_model::Report> = self.kept.iter().map(|(_, r)| r).collect();
        let across = ogi_model::check::validate_set(&reports);
        self.tally.checks += across.len();
        for (i, c) in &across {
            self.tally.hard_failures += usize::from(check::failed(c) && !c.soft);
            match self.format {
                CheckFormat::Text if check::failed(c) => {
                    // The later report's lines, read again: its bytes were not kept.
                    let path = &self.kept[*i].0;
                    match INPUTS.read_file(path, self.options) {
                        Ok(parsed) => {
                            let source = check::Source {
                                path: batch::source_name(path),
                                bytes: parsed.input,
                                report: parsed.report,
                            };
                            let t = self.shown(check::render(&source, c));
                            writeln!(self.out, "{t}\n")?;
                        }
                        Err(e) => say!("{e}"),
                    }
                }
                CheckFormat::Json if self.all || check::failed(c) => {
                    if let Some(list) = self.json_docs[*i]["checks"].as_array_mut() {
                        list.push(check::to_json(c).map_err(io::Error::other)?);
                    }
                }
                _ => {}
            }
        }
        let t = &self.tally;
        if self.format == CheckFormat::Json {
            serde_json::to_writer_pretty(&mut self.out, &self.json_docs)?;
            writeln!(self.out)?;
        } else if t.reports > 0 {
            let tables = if t.tables > 0 {
                format!(
                    "; {} of {} table(s) fully read",
                    t.tables - t.incomplete,
                    t.tables
                )
            } else {
                String::new()
            };
            writeln!(
                self.out,
                "{} report(s), {} checks, {} failing (soft checks not counted), \
                 {} structural diagnostic(s){tables}",
                t.reports, t.checks, t.hard_failures, t.structure_notes,
            )?;
        }
        self.out.flush()
    }
}

/// `ogi check`: returns the exit code. Each file's coverage, structure and failing checks are
/// written as soon as it is read (text), or kept as a small JSON document; only a skeleton of
/// each report stays for the checks across years, which come last (in JSON, in the later
/// report's document). An output that cannot be written is an error (exit 1).
fn run_check(
    format: CheckFormat,
    all: bool,
    allow_partial: bool,
    options: &Options,
    threads: Option<usize>,
    paths: &[PathBuf],
) -> ExitCode {
    let (files, skipped) = collect(paths);
    for s in &skipped {
        say!("{}: skipped: {}", batch::source_name(&s.path), s.reason);
    }
    let out = io::stdout().lock();
    let mut checker = Checker {
        format,
        all,
        options,
        terminal: io::IsTerminal::is_terminal(&out),
        out,
        tally: CheckTally::default(),
        kept: Vec::new(),
        json_docs: Vec::new(),
    };
    let finished = each_parsed(&files, options, threads, |path, result| match result {
        Ok(parsed) => checker.file(path, parsed),
        Err(e) => {
            say!("{e}");
            Ok(())
        }
    })
    .and_then(|()| checker.finish());
    match finished {
        Ok(()) => {}
        // A closed pipe (`ogi check … | head`) is not an error of ours.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return ExitCode::SUCCESS,
        Err(e) => {
            say!("writing the output: {e}");
            return ExitCode::FAILURE;
        }
    }
    let t = &checker.tally;
    if t.reports == 0 {
        say!("no report could be read");
        return ExitCode::from(2);
    }
    if t.hard_failures > 0 || (t.incomplete > 0 && !allow_partial) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// `ogi inspect`: returns the exit code.
fn run_inspect(path: &Path, output: Option<&Path>, options: &Options) -> ExitCode {
    let page = INPUTS
        .read_file(path, options)
        .map_err(|e| e.to_string())
        .and_then(|parsed| {
            let view = ogi_core::snippet::source_view(&parsed.input)
                .map_err(|e| format!("{}: {e}", batch::source_name(path)))?;
            Ok(inspect::page(
                &batch::source_name(path),
                &parsed.report,
                &view,
            ))
        });
    let page = match page {
        Ok(p) => p,
        Err(message) => {
            say!("{message}");
            return ExitCode::FAILURE;
        }
    };
    let written = match output {
        Some(out) => std::fs::write(out, page.as_bytes()),
        None => io::stdout().lock().write_all(page.as_bytes()),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            say!("{e}");
            ExitCode::FAILURE
        }
    }
}

/// `ogi text`: returns the exit code.
fn run_text(path: &Path, blocks: bool, options: &Options) -> ExitCode {
    let render = if blocks {
        ogi_core::layout_text
    } else {
        ogi_core::clean_text
    };
    // The text a reader gives: the file's bytes, or what was extracted from a PDF.
    let text = INPUTS
        .read_file(path, options)
        .map_err(|e| e.to_string())
        .and_then(|parsed| {
            render(&parsed.input).map_err(|e| format!("{}: {e}", batch::source_name(path)))
        });
    match text {
        Ok(text) => {
            let mut out = io::stdout().lock();
            // On a terminal, the report's control characters are shown, not obeyed.
            let text = if io::IsTerminal::is_terminal(&out) {
                printable_but(&text, &['\n', '\t', '\r'])
            } else {
                std::borrow::Cow::Borrowed(text.as_str())
            };
            match out.write_all(text.as_bytes()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    say!("{e}");
                    ExitCode::FAILURE
                }
            }
        }
        Err(message) => {
            say!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// `s` with every control character (C0, DEL, C1: among them the escape that starts a
/// terminal sequence) written as its escape (`\u{1b}`, `\n`), for a line on a terminal.
pub(crate) fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    printable_but(s, &[])
}

/// As [`printable`], keeping the control characters of `keep` (line breaks and tabs of a text).
pub(crate) fn printable_but<'a>(s: &'a str, keep: &[char]) -> std::borrow::Cow<'a, str> {
    let escaped = |c: char| c.is_control() && !keep.contains(&c);
    if !s.chars().any(escaped) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if escaped(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// `ogi parse`: returns the exit code.
fn run_parse(args: ParseArgs, options: &Options) -> ExitCode {
    let ParseArgs {
        format,
        output,
        wide,
        jobs,
        no_progress,
        quiet,
        paths,
    } = args;
    // `-o -` is standard output.
    let output = output.filter(|o| o.as_os_str() != "-");
    // --wide shapes the tables: the CSV, Parquet and Arrow outputs.
    let shaped = |f: OutputFormat| matches!(f, OutputFormat::Wide) || f.is_columnar();
    if wide
        && (matches!(format, Some(f) if !shaped(f))
            || output.as_deref().is_some_and(|o| {
                OutputFormat::for_path(o, false)
                    .is_some_and(|f| f != OutputFormat::Tidy && !f.is_columnar())
            }))
    {
        say!(
            "--wide is a shape of the CSV, Parquet and Arrow outputs: it goes with a .csv, \
             .parquet, .arrow or .feather output, or --format wide, parquet or arrow"
        );
        return ExitCode::from(2);
    }
    let format = match (format, &output) {
        (Some(f), _) => f,
        (None, Some(path)) => {
            let Some(f) = OutputFormat::for_path(path, wide) else {
                say!(
                    "{}: say --format, or name a .json, .jsonl, .csv, .parquet or .arrow file",
                    batch::source_name(path)
                );
                return ExitCode::from(2);
            };
            f
        }
        (None, None) if wide => OutputFormat::Wide,
        (None, None) => OutputFormat::Json,
    };
    if format.is_columnar() && output.is_none() && io::IsTerminal::is_terminal(&io::stdout()) {
        say!("Parquet and Arrow are binary: name a file with -o, or redirect standard output");
        return ExitCode::from(2);
    }
    let (files, skipped) = collect(&paths);
    if files.is_empty() && skipped.is_empty() {
        say!("no report files found");
        return ExitCode::from(2);
    }
    if let Some(out) = output.as_deref().filter(|o| names_an_input(o, &files)) {
        say!(
            "{}: the output is one of the inputs; it would be overwritten before it is read",
            batch::source_name(out)
        );
        return ExitCode::from(2);
    }
    let jobs = threads(jobs);
    let progress = !no_progress && !quiet && parse::want_progress(output.is_some());
    let run = parse::Run {
        files: &files,
        skipped: &skipped,
        format,
        wide,
        options,
        threads: jobs,
        progress,
        quiet,
    };
    let result = match &output {
        Some(path) => match std::fs::File::create(path) {
            Ok(file) => run.write(BufWriter::new(file)),
            Err(e) => {
                say!("{}: {e}", batch::source_name(path));
                return ExitCode::from(2);
            }
        },
        None => run.write(BufWriter::new(io::stdout())),
    };
    match result {
        Ok(summary) if summary.interrupted => ExitCode::from(130),
        Ok(summary) if summary.ok + summary.partial == 0 => ExitCode::from(2),
        Ok(summary) if !summary.failed.is_empty() => ExitCode::FAILURE,
        Ok(_) => ExitCode::SUCCESS,
        // A closed pipe (`ogi parse … | head`) is not an error of ours.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            say!("{e}");
            ExitCode::FAILURE
        }
    }
}

/// The parser allocates many small strings and vectors per report; mimalloc serves them faster
/// than the system allocator (about 8 % of the time of `ogi parse` on text, measured).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A number of seconds: finite and not negative.
fn seconds(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        _ => Err(format!("`{s}` is not a number of seconds (0 or more)")),
    }
}

/// The time budget per file of `--timeout`: none for 0.
fn time_budget(seconds: f64) -> Option<std::time::Duration> {
    (seconds > 0.0)
        .then(|| std::time::Duration::try_from_secs_f64(seconds).ok())
        .flatten()
}

fn main() -> ExitCode {
    // A panic inside a file's extraction or parse is caught and reported with the file (a
    // dependency's, as an extraction error; ogi's own, as an internal error asking for a
    // report): the default hook would also print it, with a backtrace, amid the output.
    if std::env::var_os("OGI_SHOW_PANICS").is_none() {
        std::panic::set_hook(Box::new(|_| {}));
    }
    let cli = Cli::parse();
    let options = Options::default()
        .with_max_input_bytes(cli.max_input_mb.saturating_mul(1 << 20))
        .with_time_budget(time_budget(cli.timeout));
    match cli.command {
        Command::Check {
            format,
            all,
            allow_partial,
            jobs,
            paths,
        } => {
            if all && format != CheckFormat::Json {
                say!("--all lists passing checks in JSON only: add --format json");
                return ExitCode::from(2);
            }
            run_check(format, all, allow_partial, &options, threads(jobs), &paths)
        }
        Command::Inspect { output, path } => run_inspect(&path, output.as_deref(), &options),
        Command::Text { blocks, path } => run_text(&path, blocks, &options),
        Command::Parse(args) => run_parse(args, &options),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "ogi", &mut io::stdout());
            ExitCode::SUCCESS
        }
        Command::Vocab { format } => match vocab::write(format, &mut io::stdout().lock()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            Err(e) => {
                say!("{e}");
                ExitCode::FAILURE
            }
        },
        Command::Man => {
            let written = clap_mangen::Man::new(Cli::command()).render(&mut io::stdout());
            match written {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    say!("{e}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
