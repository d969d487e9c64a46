//! `ogi._ogi.Batch`: reports parsed in parallel, handed to Python as they are done.

use crate::{errors, report::Report};
use ogi_core::batch::{FileError, Parsed};
use pyo3::prelude::*;
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, RecvTimeoutError, sync_channel};
use std::time::Duration;

type Done = (usize, Result<Parsed, FileError>);

/// How often a wait for the next report looks for a signal to raise in Python.
const SIGNAL_CHECK: Duration = Duration::from_millis(100);

/// What the iterator yields: the file's index, its report or exception, the stage that failed.
type Item = (usize, Py<PyAny>, Option<&'static str>);

/// An iterator of `(index, report_or_exception, failed_stage)` over files parsed on Rust
/// threads, in the order of the paths; waiting for the next one releases the GIL. Dropping it stops the parsing of files
/// not yet started.
#[pyclass(module = "ogi._ogi", name = "Batch")]
pub(crate) struct Batch {
    rx: Mutex<Receiver<Done>>,
    paths: Vec<PathBuf>,
    keep_input: bool,
    options: ogi_core::Options,
}

impl Batch {
    /// Starts parsing `paths` on `threads` threads (all cores when `None`).
    pub(crate) fn start(
        paths: Vec<PathBuf>,
        threads: Option<usize>,
        keep_input: bool,
        options: ogi_core::Options,
    ) -> Self {
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        // At most four threads per core, however many were asked for.
        let threads = threads.map(|n| n.min(4 * cores));
        // Bounded: a consumer slower than the parsers holds them back rather than letting
        // finished reports pile up.
        let (tx, rx) = sync_channel::<Done>(2 * threads.unwrap_or(cores).max(1));
        let work = paths.clone();
        let thread_options = options.clone();
        std::thread::spawn(move || {
            ogi_core::batch::parse_files(
                &work,
                &thread_options,
                threads,
                &crate::INPUTS,
                |i, r| match tx.send((i, r)) {
                    Ok(()) => ControlFlow::Continue(()),
                    Err(_) => ControlFlow::Break(()),
                },
            );
        });
        Self {
            rx: Mutex::new(rx),
            paths,
            keep_input,
            options,
        }
    }
}

#[pymethods]
impl Batch {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<Item>> {
        // Waiting in slices, so that Ctrl-C (a KeyboardInterrupt) is delivered while a file
        // takes long.
        let (i, result) = loop {
            let next = py.detach(|| match self.rx.lock() {
                Ok(rx) => rx.recv_timeout(SIGNAL_CHECK),
                Err(_) => Err(RecvTimeoutError::Disconnected),
            });
            match next {
                Ok(done) => break done,
                Err(RecvTimeoutError::Timeout) => py.check_signals()?,
                Err(RecvTimeoutError::Disconnected) => return Ok(None),
            }
        };
        Ok(Some(match result {
            Ok(parsed) => {
                let source = ogi_core::batch::source_name(&self.paths[i]);
                let input = self.keep_input.then_some(parsed.input);
                let report = Report::new(parsed.report, Some(source), input)
                    .with_options(self.options.clone());
                (i, Py::new(py, report)?.into_any(), None)
            }
            Err(e) => (
                i,
                errors::file_error_to_py(&e).into_value(py).into_any(),
                Some(e.stage()),
            ),
        }))
    }

    /// How many files the batch parses.
    fn __len__(&self) -> usize {
        self.paths.len()
    }
}
