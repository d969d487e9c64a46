//! `ogi._ogi.Batch`: reports parsed in parallel, handed to Python as they are done.

use crate::{errors, report::Report};
use ogi_core::batch::{FileError, Parsed};
use pyo3::prelude::*;
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, channel};

type Done = (usize, Result<Parsed, FileError>);

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
        let (tx, rx) = channel::<Done>();
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
        let next = py.detach(|| match self.rx.lock() {
            Ok(rx) => rx.recv().ok(),
            Err(_) => None,
        });
        let Some((i, result)) = next else {
            return Ok(None);
        };
        Ok(Some(match result {
            Ok(parsed) => {
                let source = self.paths[i].display().to_string();
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
