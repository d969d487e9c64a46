//! `ogi parse`: many files in, one dataset out, every input accounted for.
//!
//! Files are parsed in parallel and written in input order. Each file gets a status in the
//! output — `ok`, `partial` (read with warnings; the reason lists their codes) or `failed` (with
//! the stage and the error) — and a summary goes to stderr. A progress bar shows on a terminal.
//! Ctrl-C stops reading new files and closes the output properly, so what was written is valid.

use ogi_core::Options;
use ogi_core::batch::{self, FileError, Parsed};
use ogi_model::{META_COLUMNS, Report, TIDY_HEADER, TableName, wide_keys};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{self, IsTerminal, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// What `ogi parse` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum OutputFormat {
    /// One JSON array of `{source, status, report}` objects.
    Json,
    /// One `{source, status, report}` object per line.
    Jsonl,
    /// CSV `source,table,row,column,value`, one line per value (`meta,status` rows give each
    /// file's status).
    Tidy,
    /// CSV with one line per file: source, status, meta, then one column per template cell.
    Wide,
    /// Parquet (Snappy): the tidy rows, or with --wide a row per file; typed columns (counts
    /// Int64, amounts Float64, year Int64, published Date32, markers apart).
    Parquet,
    /// Arrow IPC file (Feather v2): the columns of parquet.
    Arrow,
}

impl OutputFormat {
    /// The format an output file's extension asks for: `.json`, `.jsonl`/`.ndjson`, `.csv`
    /// (tidy, or wide when `wide`), `.parquet`, `.arrow`/`.feather`/`.ipc`.
    pub(crate) fn for_path(path: &Path, wide: bool) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "json" => Some(Self::Json),
            "jsonl" | "ndjson" => Some(Self::Jsonl),
            "csv" if wide => Some(Self::Wide),
            "csv" => Some(Self::Tidy),
            _ => match ogi_arrow::FileFormat::for_extension(&ext)? {
                ogi_arrow::FileFormat::Parquet => Some(Self::Parquet),
                ogi_arrow::FileFormat::Ipc => Some(Self::Arrow),
            },
        }
    }

    /// Whether the format writes binary columns (Parquet, Arrow), shaped tidy or wide.
    pub(crate) fn is_columnar(self) -> bool {
        matches!(self, Self::Parquet | Self::Arrow)
    }
}

/// One file in the JSON outputs: `{source, status, reason?, stage?, error?, report?}`.
#[derive(serde::Serialize)]
struct Doc<'a> {
    source: &'a str,
    status: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stage: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    report: Option<&'a Report>,
}

/// Where a sink writes: raw bytes (JSON), through a CSV writer, or through a Parquet or Arrow
/// writer.
enum Out<W: Write + Send> {
    Raw(W),
    Csv(Box<csv::Writer<W>>),
    Columns(Box<ogi_arrow::FileWriter<W>>),
}

/// Writes one file's result in the chosen format.
struct Sink<W: Write + Send> {
    format: OutputFormat,
    out: Out<W>,
    first: bool,
    wide: Vec<(TableName, &'static str, &'static str)>,
}

impl<W: Write + Send> Sink<W> {
    /// A sink of `format`; `wide` shapes the Parquet and Arrow formats.
    fn new(format: OutputFormat, wide: bool, mut out: W) -> io::Result<Sink<W>> {
        match format {
            OutputFormat::Parquet | OutputFormat::Arrow => {
                let (file, shape) = (
                    if format == OutputFormat::Parquet {
                        ogi_arrow::FileFormat::Parquet
                    } else {
                        ogi_arrow::FileFormat::Ipc
                    },
                    if wide {
                        ogi_arrow::Shape::Wide
                    } else {
                        ogi_arrow::Shape::Tidy
                    },
                );
                let writer =
                    ogi_arrow::FileWriter::new(out, file, ogi_arrow::Batches::of_shape(shape))
                        .map_err(io::Error::other)?;
                Ok(Sink {
                    format,
                    out: Out::Columns(Box::new(writer)),
                    first: true,
                    wide: Vec::new(),
                })
            }
            OutputFormat::Json | OutputFormat::Jsonl => {
                if format == OutputFormat::Json {
                    out.write_all(b"[")?;
                }
                Ok(Sink {
                    format,
                    out: Out::Raw(out),
                    first: true,
                    wide: Vec::new(),
                })
            }
            OutputFormat::Tidy => {
                let mut w = csv::Writer::from_writer(out);
                w.write_record(TIDY_HEADER)?;
                Ok(Sink {
                    format,
                    out: Out::Csv(Box::new(w)),
                    first: true,
                    wide: Vec::new(),
                })
            }
            OutputFormat::Wide => {
                let wide = wide_keys();
                let mut header: Vec<String> = ["source", "status", "reason"]
                    .iter()
                    .chain(META_COLUMNS.iter().map(|c| &c.key))
                    .map(|s| (*s).to_owned())
                    .collect();
                header.extend(wide.iter().map(|(t, r, c)| format!("{}.{r}.{c}", t.key())));
                let mut w = csv::Writer::from_writer(out);
                w.write_record(&header)?;
                Ok(Sink {
                    format,
                    out: Out::Csv(Box::new(w)),
                    first: true,
                    wide,
                })
            }
        }
    }

    fn csv_record<I, T>(&mut self, record: I) -> io::Result<()>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<[u8]>,
    {
        match &mut self.out {
            Out::Csv(w) => {
                for field in record {
                    w.write_field(defused(field.as_ref()))?;
                }
                Ok(w.write_record(None::<&[u8]>)?)
            }
            Out::Raw(_) | Out::Columns(_) => {
                Err(io::Error::other("a CSV record for another output"))
            }
        }
    }

    /// A file's rows in a Parquet or Arrow output.
    fn columns(&mut self, entry: &ogi_arrow::Entry<'_>) -> io::Result<()> {
        match &mut self.out {
            Out::Columns(w) => w.push(entry).map_err(io::Error::other),
            Out::Raw(_) | Out::Csv(_) => Err(io::Error::other("columns for a text output")),
        }
    }

    fn json_doc(&mut self, doc: &Doc<'_>) -> io::Result<()> {
        let Out::Raw(out) = &mut self.out else {
            return Err(io::Error::other("a JSON document for a CSV output"));
        };
        if self.format == OutputFormat::Json {
            out.write_all(if self.first { b"\n" } else { b",\n" })?;
            serde_json::to_writer_pretty(&mut *out, doc)?;
        } else {
            serde_json::to_writer(&mut *out, doc)?;
            out.write_all(b"\n")?;
        }
        self.first = false;
        Ok(())
    }

    fn report(&mut self, source: &str, report: &Report) -> io::Result<()> {
        if self.format.is_columnar() {
            return self.columns(&ogi_arrow::Entry::Report { source, report });
        }
        let (status, reason) = report.read_status();
        match self.format {
            OutputFormat::Json | OutputFormat::Jsonl => self.json_doc(&Doc {
                source,
                status: status.key(),
                reason: (!reason.is_empty()).then_some(reason.as_str()),
                stage: None,
                error: None,
                report: Some(report),
            }),
            OutputFormat::Tidy => {
                self.csv_record([source, "meta", "status", "value", status.key()])?;
                if !reason.is_empty() {
                    self.csv_record([source, "meta", "status", "reason", &reason])?;
                }
                // One buffer for every value's text.
                let mut value = String::new();
                for row in report.tidy() {
                    value.clear();
                    let _ = write!(value, "{}", row.value);
                    self.csv_record([source, row.table.key(), &row.row, &row.column, &value])?;
                }
                Ok(())
            }
            OutputFormat::Wide => {
                let tidy = report.tidy();
                let mut cells: HashMap<(TableName, &str, &str), String> = HashMap::new();
                for row in &tidy {
                    if row.table != TableName::Meta {
                        cells.insert(
                            (row.table, row.row.as_ref(), row.column.as_ref()),
                            row.value.to_string(),
                        );
                    }
                }
                let mut record: Vec<String> =
                    vec![source.to_owned(), status.key().to_owned(), reason];
                for column in &META_COLUMNS {
                    record.push(
                        (column.value)(&report.meta).map_or_else(String::new, |v| v.to_string()),
                    );
                }
                for key in &self.wide {
                    record.push(cells.remove(key).unwrap_or_default());
                }
                self.csv_record(&record)
            }
            OutputFormat::Parquet | OutputFormat::Arrow => Ok(()),
        }
    }

    fn failed(&mut self, source: &str, error: &FileError) -> io::Result<()> {
        let message = error.kind.to_string();
        match self.format {
            OutputFormat::Json | OutputFormat::Jsonl => self.json_doc(&Doc {
                source,
                status: "failed",
                reason: None,
                stage: Some(error.stage()),
                error: Some(&message),
                report: None,
            }),
            OutputFormat::Tidy => {
                let reason = format!("{}: {message}", error.stage());
                self.csv_record([source, "meta", "status", "value", "failed"])?;
                self.csv_record([source, "meta", "status", "reason", &reason])
            }
            OutputFormat::Wide => {
                let mut record = vec![
                    source.to_owned(),
                    "failed".to_owned(),
                    format!("{}: {message}", error.stage()),
                ];
                record.resize(3 + META_COLUMNS.len() + self.wide.len(), String::new());
                self.csv_record(&record)
            }
            OutputFormat::Parquet | OutputFormat::Arrow => {
                let reason = format!("{}: {message}", error.stage());
                self.columns(&ogi_arrow::Entry::Failed {
                    source,
                    reason: &reason,
                })
            }
        }
    }

    /// A file under a folder that was not read, with the reason.
    fn skipped(&mut self, source: &str, reason: &str) -> io::Result<()> {
        match self.format {
            OutputFormat::Json | OutputFormat::Jsonl => self.json_doc(&Doc {
                source,
                status: "skipped",
                reason: Some(reason),
                stage: None,
                error: None,
                report: None,
            }),
            OutputFormat::Tidy => {
                self.csv_record([source, "meta", "status", "value", "skipped"])?;
                self.csv_record([source, "meta", "status", "reason", reason])
            }
            OutputFormat::Wide => {
                let mut record = vec![source.to_owned(), "skipped".to_owned(), reason.to_owned()];
                record.resize(3 + META_COLUMNS.len() + self.wide.len(), String::new());
                self.csv_record(&record)
            }
            OutputFormat::Parquet | OutputFormat::Arrow => {
                self.columns(&ogi_arrow::Entry::Skipped { source, reason })
            }
        }
    }

    /// Closes the output so that it is valid however many files were written.
    fn finish(self) -> io::Result<()> {
        match self.out {
            Out::Csv(mut w) => w.flush(),
            Out::Columns(w) => w.finish().map_err(io::Error::other)?.flush(),
            Out::Raw(mut out) => {
                if self.format == OutputFormat::Json {
                    out.write_all(if self.first { b"]\n" } else { b"\n]\n" })?;
                }
                out.flush()
            }
        }
    }
}

/// A CSV field as written: one that a spreadsheet would take for a formula (it starts with `=`,
/// `+`, `-`, `@`, a tab or a carriage return, and is not a number) gets a `'` before it, which
/// spreadsheets show as text (OWASP's advice for CSV injection). An agency named
/// `=HYPERLINK(…)` stays text; `-3` and `1.5` stay numbers.
fn defused(field: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    let formula = matches!(
        field.first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    ) && std::str::from_utf8(field).map_or(true, |s| s.parse::<f64>().is_err());
    if formula {
        let mut quoted = Vec::with_capacity(field.len() + 1);
        quoted.push(b'\'');
        quoted.extend_from_slice(field);
        std::borrow::Cow::Owned(quoted)
    } else {
        std::borrow::Cow::Borrowed(field)
    }
}

/// What happened to the files of a run.
#[derive(Default)]
pub(crate) struct Summary {
    pub(crate) files: usize,
    pub(crate) ok: usize,
    pub(crate) partial: usize,
    pub(crate) failed: Vec<&'static str>,
    pub(crate) bytes: u64,
    pub(crate) interrupted: bool,
    /// Files under folders not read (listed in the output with the reason).
    pub(crate) skipped: usize,
}

impl Summary {
    fn line(&self, total: usize, seconds: f64) -> String {
        let done = self.ok + self.partial + self.failed.len();
        let mut stages: Vec<(&str, usize)> = Vec::new();
        for s in &self.failed {
            match stages.iter_mut().find(|(k, _)| k == s) {
                Some((_, n)) => *n += 1,
                None => stages.push((s, 1)),
            }
        }
        let stages = if stages.is_empty() {
            String::new()
        } else {
            let list: Vec<String> = stages.iter().map(|(s, n)| format!("{s} {n}")).collect();
            format!(" ({})", list.join(", "))
        };
        let secs = seconds.max(1e-9);
        #[allow(clippy::cast_precision_loss)] // Rates for a human to read.
        let (rate, mb) = (done as f64 / secs, self.bytes as f64 / 1e6 / secs);
        let head = if self.interrupted {
            format!("interrupted after {done} of {total} files")
        } else {
            format!("{done} files")
        };
        let skipped = if self.skipped > 0 {
            format!(", {} skipped", self.skipped)
        } else {
            String::new()
        };
        format!(
            "{head}: {} ok, {} partial, {} failed{stages}{skipped} · {seconds:.2} s, {rate:.0} files/s, {mb:.1} MB/s",
            self.ok,
            self.partial,
            self.failed.len()
        )
    }
}

/// The sink of a run, shared with the signal handler so that either can close it: the run when
/// it ends, the handler when a file being parsed does not let it end.
type Shared<W> = Arc<Mutex<Option<Sink<W>>>>;

/// How long after a stop signal the files being parsed may take to finish before they are
/// abandoned.
const GRACE: std::time::Duration = std::time::Duration::from_secs(1);

/// Stops a run at the first SIGINT or SIGTERM: no new file is started, the ones being parsed
/// get [`GRACE`] to finish, then the output is closed validly without them and the process
/// ends (status 130); a second signal closes it at once. Returns the flag the run watches.
fn on_stop<W: Write + Send + 'static>(
    sink: &Shared<W>,
    written: &Arc<AtomicUsize>,
) -> Arc<AtomicBool> {
    let flag = Arc::new(AtomicBool::new(false));
    let presses = Arc::new(AtomicUsize::new(0));
    let set = Arc::clone(&flag);
    let sink = Arc::clone(sink);
    let written = Arc::clone(written);
    // Without a handler (one is already set), a signal ends the process as usual.
    let _ = ctrlc::set_handler(move || {
        set.store(true, Ordering::SeqCst);
        let abandon = {
            let (sink, written) = (Arc::clone(&sink), Arc::clone(&written));
            move || {
                // The run may be writing a file's record: the lock waits for it to end.
                let taken = sink.lock().ok().and_then(|mut s| s.take());
                if let Some(sink) = taken {
                    let _ = sink.finish();
                    say!(
                        "interrupted after {} files; the files being parsed were abandoned",
                        written.load(Ordering::SeqCst)
                    );
                    std::process::exit(130);
                }
                // Else the run closed it and ends on its own.
            }
        };
        if presses.fetch_add(1, Ordering::SeqCst) == 0 {
            std::thread::spawn(move || {
                std::thread::sleep(GRACE);
                abandon();
            });
        } else {
            abandon();
        }
    });
    flag
}

/// One `ogi parse` run: the files to read, those skipped, and how.
pub(crate) struct Run<'a> {
    pub(crate) files: &'a [PathBuf],
    pub(crate) skipped: &'a [batch::Skipped],
    pub(crate) format: OutputFormat,
    /// The Parquet and Arrow formats: a row per file rather than per cell.
    pub(crate) wide: bool,
    pub(crate) options: &'a Options,
    pub(crate) threads: Option<usize>,
    pub(crate) progress: bool,
    /// Nothing on stderr but errors.
    pub(crate) quiet: bool,
}

impl Run<'_> {
    /// Parses the files into `out`, then lists the skipped ones; returns what happened.
    ///
    /// # Errors
    /// When the output cannot be written.
    pub(crate) fn write<W: Write + Send + 'static>(&self, out: W) -> io::Result<Summary> {
        let summary = run(
            self.files,
            self.format,
            self.options,
            self.threads,
            out,
            self,
        )?;
        Ok(summary)
    }
}

/// Parses `files` into `out` in `format`; returns what happened.
///
/// # Errors
/// When the output cannot be written.
fn run<W: Write + Send + 'static>(
    files: &[PathBuf],
    format: OutputFormat,
    options: &Options,
    threads: Option<usize>,
    out: W,
    how: &Run<'_>,
) -> io::Result<Summary> {
    let progress = how.progress;
    let started = Instant::now();
    let bar = if progress {
        let bar = indicatif::ProgressBar::new(files.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {pos}/{len} files [{bar:30}] {per_sec} eta {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let sink: Shared<W> = Arc::new(Mutex::new(Some(Sink::new(format, how.wide, out)?)));
    let written = Arc::new(AtomicUsize::new(0));
    let interrupted = on_stop(&sink, &written);
    let mut summary = Summary {
        files: files.len(),
        ..Summary::default()
    };
    let mut written_ok = Ok(());
    batch::parse_files(files, options, threads, &crate::INPUTS, |i, result| {
        if interrupted.load(Ordering::SeqCst) {
            summary.interrupted = true;
            return ControlFlow::Break(());
        }
        let source = batch::source_name(&files[i]);
        let Ok(mut guard) = sink.lock() else {
            return ControlFlow::Break(());
        };
        // Taken by the signal handler: the process is ending.
        let Some(sink) = guard.as_mut() else {
            return ControlFlow::Break(());
        };
        let step = match &result {
            Ok(Parsed { report, input }) => {
                summary.bytes += input.len() as u64;
                match report.read_status().0 {
                    ogi_model::ReadStatus::Ok => summary.ok += 1,
                    ogi_model::ReadStatus::Partial => summary.partial += 1,
                }
                sink.report(&source, report)
            }
            Err(e) => {
                summary.failed.push(e.stage());
                bar.suspend(|| say!("{e}"));
                sink.failed(&source, e)
            }
        };
        drop(guard);
        written.fetch_add(1, Ordering::SeqCst);
        bar.inc(1);
        match step {
            Ok(()) => ControlFlow::Continue(()),
            Err(e) => {
                written_ok = Err(e);
                ControlFlow::Break(())
            }
        }
    });
    bar.finish_and_clear();
    if interrupted.load(Ordering::SeqCst) {
        summary.interrupted = true;
    }
    written_ok?;
    let taken = sink.lock().ok().and_then(|mut s| s.take());
    match taken {
        Some(mut sink) => {
            if !summary.interrupted {
                for s in how.skipped {
                    sink.skipped(&batch::source_name(&s.path), &s.reason)?;
                }
                summary.skipped = how.skipped.len();
            }
            sink.finish()?;
        }
        // The signal handler closed the output and ends the process.
        None => loop {
            std::thread::park();
        },
    }
    if !how.quiet && (summary.files > 1 || !summary.failed.is_empty() || summary.interrupted) {
        say!(
            "{}",
            summary.line(files.len(), started.elapsed().as_secs_f64())
        );
    }
    Ok(summary)
}

/// Whether to draw a progress bar: on a terminal, unless the output goes to that terminal.
pub(crate) fn want_progress(to_file: bool) -> bool {
    io::stderr().is_terminal() && (to_file || !io::stdout().is_terminal())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_that_would_be_formulas_are_defused() {
        let d = |s: &str| String::from_utf8(defused(s.as_bytes()).into_owned()).unwrap();
        assert_eq!(d("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
        assert_eq!(d("+1+cmd"), "'+1+cmd");
        assert_eq!(d("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(d("-cmd|' /C calc'!A0"), "'-cmd|' /C calc'!A0");
        assert_eq!(d("\t=1"), "'\t=1");
        // Numbers and ordinary text stay as they are.
        assert_eq!(d("-3"), "-3");
        assert_eq!(d("+1.5"), "+1.5");
        assert_eq!(d("平潭综合实验区"), "平潭综合实验区");
        assert_eq!(d(""), "");
    }

    #[test]
    fn output_format_follows_the_extension() {
        let f = |p: &str, wide| OutputFormat::for_path(Path::new(p), wide);
        assert_eq!(f("out.jsonl", false), Some(OutputFormat::Jsonl));
        assert_eq!(f("out.JSON", false), Some(OutputFormat::Json));
        assert_eq!(f("out.csv", false), Some(OutputFormat::Tidy));
        assert_eq!(f("out.csv", true), Some(OutputFormat::Wide));
        assert_eq!(f("out.txt", false), None);
        assert_eq!(f("panel.parquet", true), Some(OutputFormat::Parquet));
        assert_eq!(f("out.Feather", false), Some(OutputFormat::Arrow));
        assert_eq!(f("out.arrow", false), Some(OutputFormat::Arrow));
    }
}
