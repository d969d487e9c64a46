//! `ogi check`: the failing checks of reports, with the source lines they concern.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use ogi_core::snippet::ShownLines;
use ogi_model::{Check, CheckStatus, Coverage, Diagnostic, Report, Severity, Span};
use std::fmt::Write as _;

/// A report with the bytes it was read from.
pub(crate) struct Source {
    pub(crate) path: String,
    pub(crate) bytes: Vec<u8>,
    pub(crate) report: Report,
}

impl Source {
    /// The lines to show for its spans (a page rendered once, for every check of the file).
    fn lines(&self) -> ShownLines<'_> {
        ShownLines::new(&self.bytes, &self.report.meta.encoding)
    }
}

/// How much of a long line is shown on each side of a cell.
const CONTEXT: usize = 60;

/// The line to show for `span` (a page's rendered line), cropped around it: (line number,
/// text, span within text).
fn line_of(lines: &ShownLines<'_>, span: Span) -> Option<(usize, String, std::ops::Range<usize>)> {
    let line = lines.get(span, CONTEXT)?.line;
    Some((line.number, line.text, line.highlight))
}

/// Where `span` is in the file: `path:line:column (byte N)`, the column counted in the file's
/// line (a long line is shown cropped, so the renderer's own column would be the crop's); for
/// a page, whose rendered line is shown, `path, byte N (line L of the rendered page)`.
fn origin(source: &Source, lines: &ShownLines<'_>, span: Span) -> Option<String> {
    let shown = lines.get(span, CONTEXT)?;
    Some(if shown.rendered {
        format!(
            "{}, byte {} (line {} of the rendered page)",
            source.path, span.start, shown.line.number
        )
    } else {
        format!(
            "{}:{}:{} (byte {})",
            source.path, shown.line.number, shown.line.column, span.start
        )
    })
}

/// `rendered` with the `--> path:line:col` (`:::` after the first) of each snippet, in order,
/// replaced by the file's
/// own place of the annotation the renderer located it by (`origins`, in snippet order).
fn with_origins(rendered: &str, path: &str, origins: &[String]) -> String {
    // The first snippet's place follows `-->`, the others' `:::`.
    let markers = [format!("--> {path}:"), format!("::: {path}:")];
    let mut origins = origins.iter();
    let mut out = String::with_capacity(rendered.len());
    for (i, line) in rendered.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let found = markers.iter().find_map(|m| line.find(m.as_str()));
        match (found, found.map(|_| origins.next())) {
            (Some(at), Some(Some(o))) => {
                out.push_str(&line[..at + 4]);
                out.push_str(o);
            }
            _ => out.push_str(line),
        }
    }
    out
}

fn describe(check: &Check) -> String {
    let value = |v: Option<ogi_model::Decimal>| v.map_or_else(|| "?".to_owned(), |d| d.to_string());
    let soft = if check.soft { " (soft)" } else { "" };
    let mut s = format!(
        "{}: {} ≠ {}{soft}",
        check.identity.label(),
        value(check.lhs),
        value(check.rhs)
    );
    if check.blanks_as_zero {
        s.push_str("; blank cells counted as 0");
    }
    s
}

/// A span within a shown line, its label, and whether it is the check's left side.
type Annotation<'a> = (std::ops::Range<usize>, &'a str, bool);

/// One shown line of a check: its number, text, annotations, and their spans in the file
/// (with whether each is the left side).
type Merged<'a> = (usize, &'a str, Vec<Annotation<'a>>, Vec<(bool, Span)>);

/// Renders one failing check with the lines of its cells.
pub(crate) fn render(source: &Source, check: &Check) -> String {
    let title = format!("[{}] {}", check.id, describe(check));
    let level = if check.soft {
        Level::WARNING
    } else {
        Level::ERROR
    };
    let lines_of = source.lines();
    // The cells that differ from nothing: the left side, and right-side cells holding numbers.
    let shown: Vec<_> = check
        .cells
        .iter()
        .enumerate()
        .filter(|(i, c)| *i == 0 || c.value.is_some_and(|v| v != ogi_model::Decimal::ZERO))
        .take(6)
        .collect();
    let lines: Vec<_> = shown
        .iter()
        .filter_map(|(i, c)| {
            let span = c.span?;
            let (no, text, at) = line_of(&lines_of, span)?;
            let label = format!(
                "{} · {} = {}",
                c.row,
                c.column,
                c.value
                    .map_or_else(|| "blank".to_owned(), |v| v.to_string())
            );
            Some((no, text, at, label, *i == 0, span))
        })
        .collect();
    // Cells on one line (uncropped, so the same text) share a snippet.
    let mut merged: Vec<Merged<'_>> = Vec::new();
    for (no, text, at, label, primary, span) in &lines {
        match merged
            .iter_mut()
            .find(|(n, t, _, _)| n == no && *t == text.as_str())
        {
            Some(m) => {
                m.2.push((at.clone(), label.as_str(), *primary));
                m.3.push((*primary, *span));
            }
            None => merged.push((
                *no,
                text.as_str(),
                vec![(at.clone(), label.as_str(), *primary)],
                vec![(*primary, *span)],
            )),
        }
    }
    // Each snippet is located by its primary annotation, else its first in the line.
    let origins: Vec<String> = merged
        .iter()
        .filter_map(|(_, _, _, spans)| {
            let span = spans
                .iter()
                .find(|(primary, _)| *primary)
                .or_else(|| spans.iter().min_by_key(|(_, s)| s.start))?
                .1;
            origin(source, &lines_of, span)
        })
        .collect();
    let mut group = Group::with_title(level.primary_title(title.clone()));
    for (no, text, annotations, _) in &merged {
        let mut snippet = Snippet::source(*text)
            .line_start(*no)
            .path(source.path.as_str());
        for (at, label, primary) in annotations {
            let kind = if *primary {
                AnnotationKind::Primary
            } else {
                AnnotationKind::Context
            };
            snippet = snippet.annotation(kind.span(at.clone()).label(*label));
        }
        group = group.element(snippet);
    }
    let mut out = with_origins(&Renderer::plain().render(&[group]), &source.path, &origins);
    if let Some(en) = check.identity.label_en() {
        let _ = write!(out, "\n  = note: {en}");
    }
    if let Some(hint) = &check.hint {
        let _ = write!(out, "\n  = hint: {hint}");
    }
    out
}

/// A check as `ogi check --format json` writes it: its fields, and its identity's formula in
/// Chinese and English (`identity_label`, `identity_label_en`).
pub(crate) fn to_json(check: &Check) -> serde_json::Result<serde_json::Value> {
    let mut value = serde_json::to_value(check)?;
    if let Some(fields) = value.as_object_mut() {
        fields.insert("identity_label".into(), check.identity.label().into());
        fields.insert(
            "identity_label_en".into(),
            check.identity.label_en().unwrap_or_default().into(),
        );
    }
    Ok(value)
}

/// Renders one structural diagnostic with its line.
pub(crate) fn render_diagnostic(source: &Source, diagnostic: &Diagnostic) -> String {
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::NOTE,
    };
    let title = format!("[{}] {}", diagnostic.code.key(), diagnostic.message);
    let mut group = Group::with_title(level.primary_title(title.clone()));
    let lines_of = source.lines();
    let line = diagnostic.span.and_then(|span| line_of(&lines_of, span));
    if let Some((no, text, at)) = &line {
        group = group.element(
            Snippet::source(text.as_str())
                .line_start(*no)
                .path(source.path.as_str())
                .annotation(AnnotationKind::Primary.span(at.clone())),
        );
    }
    let origins: Vec<String> = diagnostic
        .span
        .and_then(|span| origin(source, &lines_of, span))
        .into_iter()
        .collect();
    let mut out = with_origins(&Renderer::plain().render(&[group]), &source.path, &origins);
    if line.is_none() {
        let _ = write!(out, "\n  --> {}", source.path);
    }
    out
}

/// Renders a table not fully read: the cells read of those its template prints, the rows
/// missing (a row's columns when only some are), under the heading that announces it.
pub(crate) fn render_coverage(source: &Source, coverage: &Coverage) -> String {
    let table = coverage.table;
    let title = if coverage.read == 0 && coverage.expected == 0 {
        format!(
            "[coverage] {} ({}) announced, nothing read",
            table.key(),
            table.label()
        )
    } else {
        format!(
            "[coverage] {} ({}): {} of {} cells read",
            table.key(),
            table.label(),
            coverage.read,
            coverage.expected
        )
    };
    let mut group = Group::with_title(Level::ERROR.primary_title(title));
    let lines_of = source.lines();
    let line = coverage.announced.and_then(|span| line_of(&lines_of, span));
    if let Some((no, text, at)) = &line {
        group = group.element(
            Snippet::source(text.as_str())
                .line_start(*no)
                .path(source.path.as_str())
                .annotation(
                    AnnotationKind::Primary
                        .span(at.clone())
                        .label("announced here"),
                ),
        );
    }
    let origins: Vec<String> = coverage
        .announced
        .and_then(|span| origin(source, &lines_of, span))
        .into_iter()
        .collect();
    let mut out = with_origins(&Renderer::plain().render(&[group]), &source.path, &origins);
    if line.is_none() {
        let _ = write!(out, "\n  --> {}", source.path);
    }
    // Rows in template order, with the columns missing when not all are.
    let mut rows: Vec<(&str, Vec<&str>)> = Vec::new();
    for (row, column) in &coverage.missing {
        match rows.iter_mut().find(|(r, _)| *r == row.as_str()) {
            Some((_, columns)) => columns.push(column),
            None => rows.push((row, vec![column])),
        }
    }
    let whole = rows.iter().map(|(_, c)| c.len()).max().unwrap_or(0);
    let shown: Vec<String> = rows
        .iter()
        .map(|(row, columns)| {
            if columns.len() == whole && rows.len() > 1 || columns.len() > 3 {
                (*row).to_owned()
            } else {
                format!("{row} ({})", columns.join(", "))
            }
        })
        .collect();
    if !shown.is_empty() {
        let _ = write!(out, "\n  = missing: {}", shown.join("; "));
        let _ = write!(
            out,
            "\n  = the diagnostics say why (`ogi parse -f json`), or `ogi inspect` shows the page"
        );
    }
    out
}

/// Whether a check is a failure to show.
pub(crate) fn failed(check: &Check) -> bool {
    check.status == CheckStatus::Fail
}
