//! One input path for every file kind: the bytes of a file become the text to parse and the
//! facts of the container it came in, once, and then a report.
//!
//! Text and HTML (any encoding) are their own text. A Word file's text is its
//! `word/document.xml`. Other containers are read by an [`Extract`] — `ogi-pdf` gives one for
//! PDF — that hands over the extracted text and its [`Container`] facts. [`Inputs`] is the set
//! of extractors a program reads with: it recognises a file by its bytes (not its name), and
//! sets `bytes`, `sha256` (of the file as given) and `container` in one place.
//!
//! ```
//! use ogi_core::input::Inputs;
//!
//! let page = "四、政府信息公开行政复议、行政诉讼情况\n0 | 0 | 0 | 1 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n";
//! let parsed = Inputs::TEXT.parse(page.as_bytes(), &Default::default())?;
//! assert_eq!(parsed.report.meta.bytes, page.len() as u64);
//! assert!(parsed.report.meta.container.is_none());
//! // The spans of the report index `parsed.input`: here the page itself.
//! assert_eq!(parsed.input, page.as_bytes());
//! # Ok::<(), ogi_core::Error>(())
//! ```

use crate::error::{Error, ErrorKind, ExtractError};
use crate::{Options, docx};
use ogi_model::Report;
use ogi_model::{Container, Decimal};
use std::borrow::Cow;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

/// A reader of a container format: recognises its files and takes their text out.
pub trait Extract: Send + Sync {
    /// The file name extensions of the format (lowercase, without the dot), for finding its
    /// files in folders.
    fn extensions(&self) -> &'static [&'static str];

    /// Whether `bytes` are a file of this format (by their content, not a name).
    fn recognises(&self, bytes: &[u8]) -> bool;

    /// The text of the file and the facts of its container.
    ///
    /// # Errors
    /// When no text can be taken out: the file is damaged, inflates past the limit of
    /// `options`, or holds no text layer.
    fn extract(&self, bytes: &[u8], options: &Options) -> Result<Extracted, ExtractError>;
}

/// File extensions (lowercase) of files that can hold a report, as saved from the web, and Word
/// files.
pub const REPORT_EXTENSIONS: &[&str] = &["txt", "text", "htm", "html", "shtml", "xhtml", "docx"];

/// A path as text, without loss: a name that is not UTF-8 (possible on Unix) keeps each byte
/// that is not part of a character as `\xNN` (`b\xff.txt`), where [`Path::display`] would write
/// `�` for every such byte and two different files would print the same. Names that are UTF-8
/// are as they are.
pub fn source_name(path: &Path) -> String {
    if let Some(s) = path.to_str() {
        return s.to_owned();
    }
    #[cfg(unix)]
    {
        use std::fmt::Write as _;
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in path.as_os_str().as_bytes().utf8_chunks() {
            out.push_str(chunk.valid());
            for b in chunk.invalid() {
                let _ = write!(out, "\\x{b:02x}");
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        path.display().to_string()
    }
}

/// A report parsed from a file.
#[derive(Clone, Debug)]
pub struct Parsed {
    /// The report.
    pub report: Report,
    /// The bytes every span of the report points into: the file's, or for a PDF or Word file
    /// the text extracted from it (see [`Meta::container`](ogi_model::Meta::container)).
    pub input: Vec<u8>,
}

/// Why a file of a batch gave no report.
#[derive(Debug, thiserror::Error)]
#[error("{}: {kind}", source_name(path))]
pub struct FileError {
    /// The file.
    pub path: PathBuf,
    /// What went wrong.
    pub kind: FileErrorKind,
}

/// The kinds of [`FileError`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FileErrorKind {
    /// The file could not be read.
    #[error("{0}")]
    Read(#[source] std::io::Error),
    /// The file is not a report at all (empty, binary, over the size limit), or no text could
    /// be taken out of it (a damaged or scanned PDF or Word file).
    #[error("{0}")]
    Parse(#[source] Error),
    /// The parser panicked: a bug of ogi, reported rather than losing the file.
    #[error("the parser failed on this input (a bug of ogi, please report it): {0}")]
    Panic(String),
}

impl FileError {
    /// A file that could not be read.
    pub fn read(path: &Path, err: std::io::Error) -> Self {
        Self::new(path, FileErrorKind::Read(err))
    }

    /// A file of `path` failing with `kind`.
    pub fn new(path: &Path, kind: FileErrorKind) -> Self {
        Self {
            path: path.to_path_buf(),
            kind,
        }
    }

    /// The stage that failed: `read`, `extract`, `decode`, `limit` or `internal`.
    pub fn stage(&self) -> &'static str {
        match &self.kind {
            FileErrorKind::Read(_) => "read",
            FileErrorKind::Parse(e) => e.stage(),
            FileErrorKind::Panic(_) => "internal",
        }
    }
}

/// Runs `read` for the file `path`, turning a panic into a [`FileError`] of stage `internal`,
/// so that one input never takes a batch down.
///
/// # Errors
/// What `read` returns, or the panic.
pub fn guarded(
    path: &Path,
    read: impl FnOnce() -> Result<Parsed, FileError>,
) -> Result<Parsed, FileError> {
    match catch_unwind(AssertUnwindSafe(read)) {
        Ok(result) => result,
        Err(payload) => Err(FileError::new(
            path,
            FileErrorKind::Panic(
                payload
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_default(),
            ),
        )),
    }
}

/// The bytes of the regular file `path`, read only when it is within `limit` bytes: a file
/// over it is refused from its size, before it is read (and one that grows while read, at the
/// limit); a FIFO, device or socket is refused without being opened (reading one could block
/// forever or never end). Symbolic links are followed. The path `-` is standard input, read
/// to its end within the limit.
///
/// # Errors
/// When the file cannot be read, is not a regular file, or is over the limit (stage `limit`).
pub fn read_limited(path: &Path, limit: usize) -> Result<Vec<u8>, FileError> {
    use std::io::Read;
    let too_large = |size: u64| {
        FileError::new(
            path,
            FileErrorKind::Parse(
                ErrorKind::TooLarge {
                    size: usize::try_from(size).unwrap_or(usize::MAX),
                    limit,
                }
                .into(),
            ),
        )
    };
    if path.as_os_str() == "-" {
        // Standard input, as command line tools read `-`.
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(limit as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| FileError::read(path, e))?;
        if bytes.len() > limit {
            return Err(too_large(bytes.len() as u64));
        }
        return Ok(bytes);
    }
    let meta = std::fs::metadata(path).map_err(|e| FileError::read(path, e))?;
    if !meta.is_file() {
        return Err(FileError::read(
            path,
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "not a regular file (a folder, FIFO, device or socket): not read",
            ),
        ));
    }
    if meta.len() > limit as u64 {
        return Err(too_large(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(|e| FileError::read(path, e))?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| FileError::read(path, e))?;
    if bytes.len() > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// What an [`Extract`] takes out of a file.
#[derive(Clone, Debug)]
pub struct Extracted {
    /// The text every span of the report will index (UTF-8).
    pub text: String,
    /// How it was extracted: `format`, `extractor`, `quality`, `pages`.
    pub container: Container,
}

/// The set of formats a program reads: text, HTML and Word always, and the [`Extract`]s given.
#[derive(Clone, Copy)]
pub struct Inputs {
    extra: &'static [&'static dyn Extract],
}

impl std::fmt::Debug for Inputs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inputs")
            .field("extensions", &self.extensions())
            .finish()
    }
}

impl Inputs {
    /// Text and HTML in any encoding, and Word files (`.docx`).
    pub const TEXT: Inputs = Inputs { extra: &[] };

    /// Text, HTML and Word, and the formats `extra` read (tried in order).
    pub const fn with(extra: &'static [&'static dyn Extract]) -> Self {
        Self { extra }
    }

    /// The file name extensions of every format read (lowercase, without the dot).
    pub fn extensions(&self) -> Vec<&'static str> {
        let mut all: Vec<&'static str> = REPORT_EXTENSIONS.to_vec();
        for e in self.extra {
            all.extend(
                e.extensions()
                    .iter()
                    .filter(|x| !all.contains(x))
                    .collect::<Vec<_>>(),
            );
        }
        all
    }

    /// Parses the bytes of a file of any format read: a [`Parsed`] whose `input` is the text
    /// its spans index (the bytes themselves for text and HTML, `word/document.xml` for Word,
    /// the extracted text for the others).
    ///
    /// # Errors
    /// When the file is over the size limit, no text can be taken out, or it is not a report
    /// at all.
    pub fn parse(&self, bytes: &[u8], options: &Options) -> Result<Parsed, Error> {
        let (report, text) = self.parse_source(bytes, options)?;
        Ok(Parsed {
            report,
            input: text.map_or_else(|| bytes.to_vec(), String::into_bytes),
        })
    }

    /// Reads and parses one file. A panic of the parser is caught and returned as an error,
    /// so that one input never takes a batch down.
    ///
    /// # Errors
    /// When the file cannot be read, as [`parse`](Self::parse), or when the parser panics.
    pub fn read_file(&self, path: &Path, options: &Options) -> Result<Parsed, FileError> {
        guarded(path, || {
            let bytes = read_limited(path, options.max_input_bytes)?;
            let (report, text) = self
                .parse_source(&bytes, options)
                .map_err(|e| FileError::new(path, FileErrorKind::Parse(e)))?;
            Ok(Parsed {
                report,
                input: text.map_or(bytes, String::into_bytes),
            })
        })
    }

    /// The report of `bytes`, and the extracted text its spans index when that is not `bytes`.
    pub(crate) fn parse_source(
        &self,
        bytes: &[u8],
        options: &Options,
    ) -> Result<(ogi_model::Report, Option<String>), Error> {
        let _deadline = crate::deadline::Scope::start(options.time_budget);
        let timed_out = || -> Error {
            ErrorKind::TimedOut {
                budget: options.time_budget.unwrap_or_default(),
            }
            .into()
        };
        let source = self.extract(bytes, options);
        if crate::deadline::passed_now() {
            return Err(timed_out());
        }
        let source = source?;
        let report = crate::parse_source(&source, options);
        if crate::deadline::passed_now() {
            return Err(timed_out());
        }
        let report = report?;
        Ok((
            report,
            match source.text {
                Cow::Borrowed(_) => None,
                Cow::Owned(text) => Some(
                    String::from_utf8(text)
                        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
                ),
            },
        ))
    }

    /// The one extraction step: the text to parse and the facts of the file.
    fn extract<'a>(&self, bytes: &'a [u8], options: &Options) -> Result<Source<'a>, Error> {
        if bytes.len() > options.max_input_bytes {
            return Err(ErrorKind::TooLarge {
                size: bytes.len(),
                limit: options.max_input_bytes,
            }
            .into());
        }
        let facts = |container| Facts {
            bytes: bytes.len() as u64,
            sha256: crate::sha256_hex(bytes),
            container,
        };
        if docx::is_zip(bytes) {
            let xml = docx::document_xml(bytes, options.max_input_bytes)?;
            return Ok(Source {
                text: Cow::Owned(xml),
                word_xml: true,
                facts: facts(Some(Container {
                    format: "docx".to_owned(),
                    extractor: "ogi docx (zip + quick-xml)".to_owned(),
                    quality: Decimal::from_int(1),
                    pages: Vec::new(),
                    regions: Vec::new(),
                })),
            });
        }
        if let Some(extract) = self.extra.iter().find(|e| e.recognises(bytes)) {
            let extracted = extract.extract(bytes, options)?;
            return Ok(Source {
                text: Cow::Owned(extracted.text.into_bytes()),
                word_xml: false,
                facts: facts(Some(extracted.container)),
            });
        }
        if let Some((format, hint)) = unread_format(bytes) {
            return Err(ExtractError::Unsupported { format, hint }.into());
        }
        Ok(Source {
            text: Cow::Borrowed(bytes),
            word_xml: false,
            facts: facts(None),
        })
    }
}

/// A file format recognised by its first bytes that holds no text ogi reads, with what to do:
/// old binary Office files (`.doc`, `.wps`, `.xls`: OLE2 compound files) and images.
fn unread_format(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    const OFFICE: &str =
        "convert it to .docx first (LibreOffice: `soffice --headless --convert-to docx FILE`)";
    const IMAGE: &str =
        "an image holds no text: OCR it first (e.g. `tesseract FILE out -l chi_sim`)";
    let magic: [(&[u8], &str, &str); 6] = [
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "old Office (.doc, .wps, .xls)",
            OFFICE,
        ),
        (b"\x89PNG\r\n\x1A\n", "PNG", IMAGE),
        (b"\xFF\xD8\xFF", "JPEG", IMAGE),
        (b"GIF8", "GIF", IMAGE),
        (b"II*\0", "TIFF", IMAGE),
        (b"MM\0*", "TIFF", IMAGE),
    ];
    magic
        .iter()
        .find(|(m, _, _)| bytes.starts_with(m))
        .map(|(_, format, hint)| (*format, *hint))
        .or_else(|| {
            is_json(bytes).then_some((
                "JSON",
                "data, not a report's text (a gold or export file?): ogi reads reports as text, HTML, Word or PDF",
            ))
        })
}

/// Whether `bytes` are a JSON object or array (a gold file or an export caught by a glob):
/// tried only when the first character after a byte-order mark and spaces is `{` or `[`.
fn is_json(bytes: &[u8]) -> bool {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    body.iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| matches!(b, b'{' | b'['))
        && serde_json::from_slice::<serde_json::Value>(body).is_ok()
}

/// The facts of the file a report was read from, set once on its meta.
#[derive(Clone, Debug)]
pub(crate) struct Facts {
    /// The file's size in bytes.
    pub(crate) bytes: u64,
    /// The file's SHA-256.
    pub(crate) sha256: String,
    /// How its text was extracted, for a container.
    pub(crate) container: Option<Container>,
}

/// The text to parse and the facts of its file.
#[derive(Debug)]
pub(crate) struct Source<'a> {
    /// The text every span indexes.
    pub(crate) text: Cow<'a, [u8]>,
    /// Whether it is a Word file's `word/document.xml`.
    pub(crate) word_xml: bool,
    /// The file's facts.
    pub(crate) facts: Facts,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A format of lines prefixed `ROT1:` whose text is every byte after the prefix minus one.
    struct Rot1;

    impl Extract for Rot1 {
        fn extensions(&self) -> &'static [&'static str] {
            &["rot1", "txt"]
        }
        fn recognises(&self, bytes: &[u8]) -> bool {
            bytes.starts_with(b"ROT1:")
        }
        fn extract(&self, bytes: &[u8], _: &Options) -> Result<Extracted, ExtractError> {
            let text: Vec<u8> = bytes[5..].iter().map(|b| b.wrapping_sub(1)).collect();
            Ok(Extracted {
                text: String::from_utf8(text).map_err(|e| ExtractError::Unreadable {
                    format: "rot1",
                    message: e.to_string(),
                })?,
                container: Container {
                    format: "rot1".into(),
                    extractor: "test".into(),
                    quality: Decimal::from_int(1),
                    pages: Vec::new(),
                    regions: Vec::new(),
                },
            })
        }
    }

    const ROT1: Inputs = Inputs::with(&[&Rot1]);

    #[test]
    fn an_extractor_gives_the_text_and_the_file_gives_the_facts() {
        let plain = "四、政府信息公开行政复议、行政诉讼情况\n0 | 0 | 0 | 1 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n";
        let mut file = b"ROT1:".to_vec();
        file.extend(plain.bytes().map(|b| b.wrapping_add(1)));
        let parsed = ROT1.parse(&file, &Options::default()).unwrap();
        assert_eq!(parsed.input, plain.as_bytes());
        let meta = &parsed.report.meta;
        assert_eq!(meta.bytes, file.len() as u64);
        assert_eq!(meta.sha256, crate::sha256_hex(&file));
        assert_eq!(meta.container.as_ref().unwrap().format, "rot1");
        assert!(parsed.report.review_litigation.is_some());
        // Without the extractor the same file is text of another kind: no report at all.
        let as_text = Inputs::TEXT.parse(&file, &Options::default()).unwrap_err();
        assert_eq!(as_text.kind(), &crate::ErrorKind::NotAReport);
    }

    #[test]
    fn the_size_limit_is_the_files_whatever_its_kind() {
        let file = b"ROT1:abc".repeat(100);
        let err = ROT1
            .parse(&file, &Options::default().with_max_input_bytes(100))
            .unwrap_err();
        assert!(matches!(
            err.kind(),
            ErrorKind::TooLarge {
                size: 800,
                limit: 100
            }
        ));
        assert_eq!(err.stage(), "limit");
    }

    #[test]
    fn extensions_are_listed_once() {
        let all = ROT1.extensions();
        assert_eq!(all.iter().filter(|e| **e == "txt").count(), 1);
        assert!(all.contains(&"rot1") && all.contains(&"docx"));
    }
}
