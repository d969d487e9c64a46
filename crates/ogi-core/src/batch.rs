//! Many reports at once: the report files under folders, read and parsed in parallel, every
//! input accounted for.
//!
//! [`find_reports`] expands folders (recursively, in sorted order) into the files that can hold
//! a report; [`parse_files`] reads them with the [`Inputs`] given ([`Inputs::TEXT`] here, one
//! that also knows PDF in `ogi-pdf`) on a rayon pool and hands each result, with its index, to a callback
//! in input order, holding only a few files ahead. A file that cannot be read, is not text, or (through a bug
//! of ogi) panics the parser becomes a [`FileError`] naming the file and the stage; the others
//! go on.
//!
//! ```
//! use ogi_core::batch::{REPORT_EXTENSIONS, find_reports, parse_files};
//! use ogi_core::input::Inputs;
//!
//! let dir = std::env::temp_dir().join(format!("ogi-batch-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir)?;
//! std::fs::write(dir.join("a.txt"), "四、政府信息公开行政复议、行政诉讼情况\n0 | 0 | 0 | 1 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n")?;
//! std::fs::write(dir.join("b.txt"), "")?;
//! std::fs::write(dir.join("notes.json"), "{}")?;
//!
//! let found = find_reports(&[dir.clone()], REPORT_EXTENSIONS);
//! let files = found.files;
//! assert_eq!(files.len(), 2);
//! assert!(found.missing.is_empty());
//! // The file that is not a report is listed, with the reason.
//! assert!(found.skipped[0].path.ends_with("notes.json"));
//! let mut results = Vec::new();
//! parse_files(&files, &Default::default(), Some(2), &Inputs::TEXT, |i, r| {
//!     results.push((i, r.map(|p| p.report.checks.len())));
//!     std::ops::ControlFlow::Continue(())
//! });
//! assert_eq!(results[0].0, 0);
//! assert!(results[0].1.is_ok());
//! assert_eq!(results[1].1.as_ref().unwrap_err().stage(), "decode");
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok::<(), std::io::Error>(())
//! ```

use crate::Options;
use crate::input::Inputs;
pub use crate::input::{FileError, FileErrorKind, Parsed, REPORT_EXTENSIONS, guarded, source_name};
use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, mpsc};

/// Whether `path` has one of `extensions` (lowercase, as [`REPORT_EXTENSIONS`]).
pub fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.contains(&e.to_ascii_lowercase().as_str()))
}

/// What [`find_reports`] found under the paths given.
#[derive(Debug, Default)]
pub struct Found {
    /// The report files to read, in order.
    pub files: Vec<PathBuf>,
    /// Paths that do not exist, and folders or entries that cannot be listed.
    pub missing: Vec<FileError>,
    /// Files under a folder that are not read, each with the reason (and what to do about it).
    pub skipped: Vec<Skipped>,
}

/// A file under a folder that [`find_reports`] does not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// The file.
    pub path: PathBuf,
    /// Why: not a report file type (with a hint for old Office files and images), not a regular
    /// file, or a link back to a folder above it.
    pub reason: String,
}

/// Why a file found under a folder is not read, from its name: `None` for a report file.
fn skip_reason(path: &Path, extensions: &[&str]) -> Option<String> {
    if has_extension(path, extensions) {
        return None;
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    Some(match ext.as_str() {
        "doc" | "wps" | "xls" | "et" | "ppt" | "rtf" | "odt" | "xlsx" => format!(
            "a .{ext} file is not read: convert it to .docx first (LibreOffice: `soffice --headless --convert-to docx FILE`)"
        ),
        "jpg" | "jpeg" | "png" | "gif" | "tif" | "tiff" | "bmp" | "webp" => format!(
            "a .{ext} image holds no text: OCR it first (e.g. `tesseract FILE out -l chi_sim`, or `ocrmypdf` for a scanned PDF)"
        ),
        "" => "no file name extension of a report (.txt, .html, .docx, .pdf, …)".to_owned(),
        _ => format!("a .{ext} file is not a report file type (.txt, .html, .docx, .pdf, …)"),
    })
}

/// Expands `paths` into report files: a file is taken as it is (whatever its extension), a
/// folder is walked recursively (`walkdir`, following links, in sorted order) for files with
/// one of `extensions` (such as [`REPORT_EXTENSIONS`]). Every other entry under a folder is in
/// [`Found::skipped`] with the reason: another file type (with a hint for old Office files and
/// images), a FIFO, device or socket (never opened), a link back to a folder above it (a
/// loop: each file is listed once). Paths that do not exist and entries that cannot be listed
/// are errors of the `read` stage.
pub fn find_reports(paths: &[PathBuf], extensions: &[&str]) -> Found {
    let mut found = Found::default();
    for path in paths {
        if path.is_dir() {
            walk(path, extensions, &mut found);
        } else if path.exists() || path.as_os_str() == "-" {
            found.files.push(path.clone());
        } else {
            // The system's own error (with its errno: not found, permission denied, a loop of
            // links), as opening the path would give.
            let error = std::fs::metadata(path).err().unwrap_or_else(|| {
                std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or folder")
            });
            found.missing.push(FileError::read(path, error));
        }
    }
    found
}

fn walk(dir: &Path, extensions: &[&str], found: &mut Found) {
    let entries = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by(|a, b| a.file_name().cmp(b.file_name()));
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().unwrap_or(dir).to_path_buf();
                if let Some(ancestor) = e.loop_ancestor() {
                    found.skipped.push(Skipped {
                        reason: format!(
                            "a link back to {}, a folder above it: not followed",
                            source_name(ancestor)
                        ),
                        path,
                    });
                } else {
                    let err = e
                        .into_io_error()
                        .unwrap_or_else(|| std::io::Error::other("the folder could not be walked"));
                    found.missing.push(FileError::read(&path, err));
                }
                continue;
            }
        };
        let kind = entry.file_type();
        if kind.is_dir() {
            continue;
        }
        let path = entry.into_path();
        if !kind.is_file() {
            found.skipped.push(Skipped {
                path,
                reason: "not a regular file (a FIFO, device or socket): not opened".to_owned(),
            });
        } else if let Some(reason) = skip_reason(&path, extensions) {
            found.skipped.push(Skipped { path, reason });
        } else {
            found.files.push(path);
        }
    }
}

/// Reads `paths` with `inputs` in parallel on `threads` threads (all cores when `None`) and calls `each`, on
/// the calling thread, with every file's index and result **in the order of `paths`**. Returns
/// when every file has been handed to `each`, or soon after `each` returns
/// [`ControlFlow::Break`] (files not started then are never read).
///
/// Workers take files in order and run at most a few files per thread ahead of the one `each`
/// waits for, so memory stays bounded by a few reports, however many files there are. With one
/// thread, the files are read on the calling thread, one after the other.
pub fn parse_files<F>(
    paths: &[PathBuf],
    options: &Options,
    threads: Option<usize>,
    inputs: &Inputs,
    mut each: F,
) where
    F: FnMut(usize, Result<Parsed, FileError>) -> ControlFlow<()>,
{
    let sequential = |each: &mut F| {
        for (i, path) in paths.iter().enumerate() {
            if each(i, inputs.read_file(path, options)).is_break() {
                return;
            }
        }
    };
    let pool = match threads {
        // One thread: no pool, and no hand-over between threads for every file.
        Some(0 | 1) => return sequential(&mut each),
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .stack_size(WORKER_STACK)
            .build(),
        None => rayon::ThreadPoolBuilder::new()
            .stack_size(WORKER_STACK)
            .build(),
    };
    let Ok(pool) = pool else {
        // No threads to be had: parse on this one.
        return sequential(&mut each);
    };
    let workers = pool.current_num_threads();
    if workers <= 1 {
        return sequential(&mut each);
    }
    let window = 4 * workers;
    let claimed = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    // How many results `each` has taken, and how many workers wait for it to take more (they
    // wait while more than `window` ahead of it).
    let emitted = (Mutex::new(Progress::default()), Condvar::new());
    let (tx, rx) = mpsc::channel();
    std::thread::scope(|scope| {
        let work = || {
            pool.scope(|s| {
                for _ in 0..workers {
                    let tx = tx.clone();
                    let (claimed, stop, emitted) = (&claimed, &stop, &emitted);
                    s.spawn(move |_| {
                        loop {
                            let i = claimed.fetch_add(1, Ordering::Relaxed);
                            if i >= paths.len() || stop.load(Ordering::Relaxed) {
                                break;
                            }
                            let Ok(mut progress) = emitted.0.lock() else {
                                break;
                            };
                            while i >= progress.done + window && !stop.load(Ordering::Relaxed) {
                                progress.waiting += 1;
                                let Ok(next) = emitted.1.wait(progress) else {
                                    return;
                                };
                                progress = next;
                                progress.waiting -= 1;
                            }
                            drop(progress);
                            if stop.load(Ordering::Relaxed)
                                || tx.send((i, inputs.read_file(&paths[i], options))).is_err()
                            {
                                break;
                            }
                        }
                    });
                }
            });
            drop(tx);
        };
        scope.spawn(work);
        let mut pending = BTreeMap::new();
        let mut next = 0;
        for (i, result) in &rx {
            pending.insert(i, result);
            while let Some(result) = pending.remove(&next) {
                let flow = each(next, result);
                next += 1;
                if flow.is_break() {
                    stop.store(true, Ordering::Relaxed);
                }
                // Wake the workers only when one waits (most of the time none does).
                let waiting = emitted.0.lock().map_or(0, |mut progress| {
                    progress.done = next;
                    progress.waiting
                });
                if waiting > 0 || flow.is_break() {
                    emitted.1.notify_all();
                }
                if flow.is_break() {
                    return;
                }
            }
        }
    });
}

/// The stack of each worker thread: 64 MiB of address space (pages are committed only as they
/// are used), so that a recursion a hostile file drives deep (in a dependency's parser) has
/// room beyond the 2 MiB a thread gets by default; ogi's own walks keep visited sets and
/// depth limits.
const WORKER_STACK: usize = 64 << 20;

/// How far [`parse_files`] has come: results handed to `each`, and workers waiting for more.
#[derive(Default)]
struct Progress {
    done: usize,
    waiting: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_is_accounted_for_in_input_order() {
        let dir = std::env::temp_dir().join(format!("ogi-batch-{}", std::process::id()));
        let sub = dir.join("sub");
        std::fs::create_dir_all(&sub).unwrap();
        let table = "四、政府信息公开行政复议、行政诉讼情况\n0 | 0 | 0 | 1 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n";
        std::fs::write(dir.join("b.TXT"), table).unwrap();
        std::fs::write(sub.join("a.html"), format!("<p>{table}</p>")).unwrap();
        std::fs::write(dir.join("c.txt"), [0u8, 1, 2, 3]).unwrap();
        std::fs::write(dir.join("gold.json"), "{}").unwrap();

        let found = find_reports(&[dir.clone(), dir.join("missing.txt")], REPORT_EXTENSIONS);
        let (files, errors) = (found.files, found.missing);
        assert_eq!(found.skipped.len(), 1, "gold.json");
        let names: Vec<_> = files
            .iter()
            .map(|p| p.strip_prefix(&dir).unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["b.TXT", "c.txt", "sub/a.html"]);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].stage(), "read");

        let mut got = Vec::new();
        parse_files(
            &files,
            &Options::default(),
            Some(3),
            &Inputs::TEXT,
            |i, r| {
                got.push((i, r.map_err(|e| e.stage())));
                ControlFlow::Continue(())
            },
        );
        assert_eq!(got.iter().map(|(i, _)| *i).collect::<Vec<_>>(), [0, 1, 2]);
        assert!(got[0].1.is_ok() && got[2].1.is_ok());
        assert_eq!(got[1].1.as_ref().err(), Some(&"decode"));

        // Stopping: no file is handed over after the one that said stop.
        let mut seen = 0;
        parse_files(
            &files,
            &Options::default(),
            Some(2),
            &Inputs::TEXT,
            |_, _| {
                seen += 1;
                ControlFlow::Break(())
            },
        );
        assert_eq!(seen, 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_are_kept_byte_for_byte() {
        use std::os::unix::ffi::OsStrExt;
        let name = |b: &[u8]| source_name(Path::new(std::ffi::OsStr::from_bytes(b)));
        assert_eq!(name(b"a/b\xff.txt"), "a/b\\xff.txt");
        assert_ne!(name(b"b\xff.txt"), name(b"b\xfe.txt"));
        assert_eq!(name("报告.txt".as_bytes()), "报告.txt");
        // A character cut short: its bytes, each escaped.
        assert_eq!(name(b"\xe6\x8a.txt"), "\\xe6\\x8a.txt");
    }

    #[cfg(unix)]
    #[test]
    fn folders_are_walked_once_and_what_is_not_read_is_named() {
        let dir = std::env::temp_dir().join(format!("ogi-walk-{}", std::process::id()));
        let sub = dir.join("sub");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(dir.join("a.txt"), "x").unwrap();
        std::fs::write(sub.join("b.html"), "x").unwrap();
        std::fs::write(dir.join("old.doc"), "x").unwrap();
        std::fs::write(dir.join("scan.png"), "x").unwrap();
        std::fs::write(dir.join("data.bin"), "x").unwrap();
        // A loop: sub/up is the folder itself.
        std::os::unix::fs::symlink("..", sub.join("up")).unwrap();
        assert!(
            std::process::Command::new("mkfifo")
                .arg(dir.join("pipe.txt"))
                .status()
                .unwrap()
                .success()
        );
        let found = find_reports(std::slice::from_ref(&dir), REPORT_EXTENSIONS);
        let names = |paths: Vec<&Path>| -> Vec<String> {
            paths
                .iter()
                .map(|p| p.strip_prefix(&dir).unwrap().to_string_lossy().into_owned())
                .collect()
        };
        assert_eq!(
            names(found.files.iter().map(PathBuf::as_path).collect()),
            ["a.txt", "sub/b.html"],
            "each file once, however many links lead to it"
        );
        assert!(found.missing.is_empty(), "{:?}", found.missing);
        let skipped: Vec<(String, String)> = found
            .skipped
            .iter()
            .map(|s| {
                (
                    names(vec![s.path.as_path()]).remove(0),
                    s.reason.split(':').next().unwrap().to_owned(),
                )
            })
            .collect();
        assert_eq!(
            skipped,
            [
                (
                    "data.bin".to_owned(),
                    "a .bin file is not a report file type (.txt, .html, .docx, .pdf, …)"
                        .to_owned()
                ),
                ("old.doc".to_owned(), "a .doc file is not read".to_owned()),
                (
                    "pipe.txt".to_owned(),
                    "not a regular file (a FIFO, device or socket)".to_owned()
                ),
                (
                    "scan.png".to_owned(),
                    "a .png image holds no text".to_owned()
                ),
                (
                    "sub/up".to_owned(),
                    format!("a link back to {}, a folder above it", source_name(&dir))
                ),
            ]
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn workers_ahead_of_the_writer_wait_and_every_file_comes_in_order() {
        let files: Vec<PathBuf> = (0..60)
            .map(|i| PathBuf::from(format!("/nonexistent/ogi-{i}.txt")))
            .collect();
        for threads in [Some(1), Some(2), Some(4), None] {
            let mut got = Vec::new();
            parse_files(
                &files,
                &Options::default(),
                threads,
                &Inputs::TEXT,
                |i, r| {
                    // A slow start: the workers reach the end of their window and wait.
                    if i < 3 {
                        std::thread::sleep(std::time::Duration::from_millis(20));
                    }
                    got.push((i, r.map_err(|e| e.stage()).err()));
                    ControlFlow::Continue(())
                },
            );
            let expected: Vec<_> = (0..60).map(|i| (i, Some("read"))).collect();
            assert_eq!(got, expected, "{threads:?} threads");
        }
    }
}
