//! Word files (`.docx`): the body of `word/document.xml` as the HTML the rest of the pipeline
//! reads, with every character mapped back to the XML.
//!
//! Paragraphs (`w:p`) become `<p>` lines; tables (`w:tbl`) become `<table>`s whose merged cells
//! keep their extent — `w:gridSpan` as `colspan`, a `w:vMerge` restart and the continuing cells
//! below it as one cell with a `rowspan` — so that the HTML renderer turns them into the same
//! grids as any HTML table. Only the text of `w:t` elements is copied (field instructions and
//! deleted text are not); it is copied byte for byte, entities included, which HTML reads as XML
//! does, so every span of the report indexes `word/document.xml`.

use crate::error::{Error, ExtractError};
use crate::offset::{MapBuilder, OffsetMap};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::io::Read;

/// Whether `input` is a zip archive (by its first local header): read as a Word file, the only
/// zip container reports come in, so that a truncated or foreign archive is an extraction error
/// that says so rather than "binary".
pub(crate) fn is_zip(input: &[u8]) -> bool {
    input.starts_with(b"PK\x03\x04")
}

/// Whether a text is a `word/document.xml`: its root element, near the start, is `w:document`.
pub(crate) fn is_document_xml(text: &str) -> bool {
    let head = crate::text::window(text, 0, 2048);
    head.trim_start().starts_with('<') && head.contains("<w:document")
}

/// The bytes of `word/document.xml`, refusing to inflate more than `limit` bytes (a zip bomb
/// gives [`ExtractError::Inflates`], not an exhausted machine).
pub(crate) fn document_xml(input: &[u8], limit: usize) -> Result<Vec<u8>, Error> {
    let unreadable = |e: &dyn std::fmt::Display| -> Error {
        ExtractError::Unreadable {
            format: "docx",
            message: e.to_string(),
        }
        .into()
    };
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(input)).map_err(|e| unreadable(&e))?;
    let file = archive.by_name("word/document.xml").map_err(|e| match e {
        zip::result::ZipError::FileNotFound => {
            unreadable(&"a zip archive without word/document.xml, not a Word file")
        }
        e => unreadable(&e),
    })?;
    let mut xml = Vec::new();
    let read = file
        .take(limit as u64 + 1)
        .read_to_end(&mut xml)
        .map_err(|e| unreadable(&e))?;
    if read > limit {
        return Err(ExtractError::Inflates {
            format: "docx",
            limit,
        }
        .into());
    }
    Ok(xml)
}

/// What a `w:tc` becomes: a cell with its extent, or nothing (a cell continuing a vertical merge).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Plan {
    Cell { colspan: u32, rowspan: u32 },
    Covered,
}

/// A cell seen in the first pass: its grid column, width, merge state and plan slot.
struct Seen {
    col: u32,
    span: u32,
    merge: Option<bool>,
    slot: usize,
}

fn val(e: &BytesStart<'_>) -> Option<String> {
    e.attributes()
        .flatten()
        .find_map(|a| (a.key.local_name().as_ref() == "val").then(|| a.value.to_string()))
}

/// First pass: the plan of every `w:tc` in document order (merges need to look ahead).
fn plan(xml: &str) -> Vec<Plan> {
    let mut plans = Vec::new();
    // Per open table: its rows of cells seen; per open cell: its properties.
    let mut tables: Vec<Vec<Vec<Seen>>> = Vec::new();
    let mut cell: Option<Seen> = None;
    let mut grid_before = 0u32;
    let mut reader = Reader::from_str(xml);
    loop {
        if crate::deadline::passed() {
            break;
        }
        let event = match reader.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(e) => e,
        };
        match event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "tbl" => tables.push(Vec::new()),
                "tr" => {
                    grid_before = 0;
                    if let Some(t) = tables.last_mut() {
                        t.push(Vec::new());
                    }
                }
                "gridBefore" => {
                    grid_before = val(&e)
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0)
                        .min(MOST_GRID_COLUMNS);
                }
                "tc" => {
                    let col = tables
                        .last()
                        .and_then(|t| t.last())
                        .and_then(|r| r.last())
                        .map_or(grid_before, |c| c.col.saturating_add(c.span));
                    plans.push(Plan::Cell {
                        colspan: 1,
                        rowspan: 1,
                    });
                    cell = Some(Seen {
                        col,
                        span: 1,
                        merge: None,
                        slot: plans.len() - 1,
                    });
                }
                "gridSpan" => {
                    if let Some(c) = &mut cell {
                        c.span = val(&e)
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(1)
                            .clamp(1, MOST_GRID_COLUMNS);
                    }
                }
                "vMerge" => {
                    if let Some(c) = &mut cell {
                        c.merge = Some(val(&e).as_deref() == Some("restart"));
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "tc" => {
                    if let (Some(c), Some(row)) =
                        (cell.take(), tables.last_mut().and_then(|t| t.last_mut()))
                    {
                        row.push(c);
                    }
                }
                "tbl" => {
                    if let Some(rows) = tables.pop() {
                        settle(&rows, &mut plans);
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
    plans
}

/// The most grid columns a Word table has (Word allows 63); a `gridSpan` or `gridBefore`
/// stating more is cut to it (4294967295 would wrap the column count).
const MOST_GRID_COLUMNS: u32 = 64;

/// Fills in the plans of one table's cells: spans, and vertical merges as row spans. Each row's
/// continuing cells are indexed by column once, so that a merge is followed down in as many
/// steps as it has rows.
fn settle(rows: &[Vec<Seen>], plans: &mut [Plan]) {
    let continuing: Vec<std::collections::HashSet<u32>> = rows
        .iter()
        .map(|row| {
            row.iter()
                .filter(|x| x.merge == Some(false))
                .map(|x| x.col)
                .collect()
        })
        .collect();
    for (r, row) in rows.iter().enumerate() {
        for c in row {
            let plan = match c.merge {
                Some(false) => Plan::Covered,
                Some(true) => {
                    let below = continuing[r + 1..]
                        .iter()
                        .take_while(|next| next.contains(&c.col))
                        .count();
                    Plan::Cell {
                        colspan: c.span,
                        rowspan: 1 + below as u32,
                    }
                }
                None => Plan::Cell {
                    colspan: c.span,
                    rowspan: 1,
                },
            };
            if let Some(slot) = plans.get_mut(c.slot) {
                *slot = plan;
            }
        }
    }
}

/// Writes HTML while recording where each piece came from in the XML.
struct Writer {
    html: String,
    map: MapBuilder,
    /// XML bytes consumed so far.
    at: usize,
}

impl Writer {
    /// Markup standing for the XML from `self.at` to `to`.
    fn markup(&mut self, to: usize, markup: &str) {
        let to = to.max(self.at);
        self.map.replace(to - self.at, markup.len());
        self.html.push_str(markup);
        self.at = to;
    }

    /// XML text `from..to` copied as it is.
    fn copy(&mut self, xml: &str, from: usize, to: usize) {
        self.markup(from, "");
        if let Some(text) = xml.get(from..to) {
            self.map.copy(text.len());
            self.html.push_str(text);
            self.at = to;
        }
    }
}

/// The opening tag of a cell with its extent.
fn cell_tag(plan: Plan) -> String {
    match plan {
        Plan::Cell { colspan, rowspan } => {
            let colspan = if colspan > 1 {
                format!(" colspan=\"{colspan}\"")
            } else {
                String::new()
            };
            let rowspan = if rowspan > 1 {
                format!(" rowspan=\"{rowspan}\"")
            } else {
                String::new()
            };
            format!("<td{colspan}{rowspan}>")
        }
        Plan::Covered => String::new(),
    }
}

/// The body of `word/document.xml` as HTML, and the map from it back to the XML.
pub(crate) fn to_html(xml: &str) -> (String, OffsetMap) {
    let plans = plan(xml);
    let mut next_plan = 0;
    let mut w = Writer {
        html: String::with_capacity(xml.len() / 2),
        map: MapBuilder::new(),
        at: 0,
    };
    w.markup(0, "<html><body>");
    let mut reader = Reader::from_str(xml);
    let mut in_text = false;
    // Depth of covered cells being skipped, and whether a paragraph in the current cell came.
    let mut covered = 0usize;
    let mut cell_paragraphs: Vec<usize> = Vec::new();
    loop {
        let start = reader.buffer_position() as usize;
        if crate::deadline::passed() {
            break;
        }
        let event = match reader.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(e) => e,
        };
        let end = reader.buffer_position() as usize;
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                "tc" => {
                    let plan = plans.get(next_plan).copied().unwrap_or(Plan::Cell {
                        colspan: 1,
                        rowspan: 1,
                    });
                    next_plan += 1;
                    if covered > 0 || plan == Plan::Covered {
                        covered += 1;
                    } else {
                        w.markup(end, &cell_tag(plan));
                        cell_paragraphs.push(0);
                    }
                }
                _ if covered > 0 => {}
                "tbl" => w.markup(end, "<table>"),
                "tr" => w.markup(end, "<tr>"),
                "p" => {
                    if let Some(n) = cell_paragraphs.last_mut() {
                        *n += 1;
                        if *n > 1 {
                            w.markup(end, "<br>");
                        }
                    } else {
                        w.markup(end, "<p>");
                    }
                }
                "t" => in_text = true,
                _ => {}
            },
            Event::Empty(e) if covered == 0 => match e.local_name().as_ref() {
                "tab" => w.markup(end, "\t"),
                "br" | "cr" => w.markup(end, "<br>"),
                "tc" => {
                    // An empty cell element: still a cell of the grid.
                    let plan = plans.get(next_plan).copied();
                    next_plan += 1;
                    if let Some(plan @ Plan::Cell { .. }) = plan {
                        w.markup(end, &(cell_tag(plan) + "</td>"));
                    }
                }
                _ => {}
            },
            Event::Empty(e) if e.local_name().as_ref() == "tc" => next_plan += 1,
            Event::Text(_) | Event::GeneralRef(_) if in_text && covered == 0 => {
                w.copy(xml, start, end);
            }
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "tc" if covered > 0 => covered -= 1,
                _ if covered > 0 => {}
                "tc" => {
                    cell_paragraphs.pop();
                    w.markup(end, "</td>");
                }
                "tr" => w.markup(end, "</tr>\n"),
                "tbl" => w.markup(end, "</table>\n"),
                "p" if cell_paragraphs.is_empty() => w.markup(end, "</p>\n"),
                _ => {}
            },
            _ => {}
        }
    }
    w.markup(xml.len(), "</body></html>\n");
    (w.html, w.map.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<w:document xmlns:w="w"><w:body>
<w:p><w:r><w:t>四、复议</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>行政复议</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>A &amp; B</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:instrText>PAGE</w:instrText><w:t>2</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
</w:body></w:document>"#;

    #[test]
    fn merges_become_spans_and_text_maps_back() {
        let (html, map) = to_html(XML);
        assert!(html.contains("<td rowspan=\"2\">行政复议</td><td colspan=\"2\">A &amp; B</td>"));
        assert!(html.contains("<tr><td>1</td><td>2</td></tr>"), "{html}");
        assert!(!html.contains("PAGE"), "field instructions are not text");
        // The `2` of the HTML maps to the `2` of the XML.
        let at = html.find("<td>2<").unwrap() + 4;
        let back = map.span(ogi_model::Span::new(at as u32, at as u32 + 1));
        assert_eq!(&XML[back.range()], "2");
        let at = html.find("行政复议").unwrap();
        let back = map.span(ogi_model::Span::new(
            at as u32,
            (at + "行政复议".len()) as u32,
        ));
        assert_eq!(&XML[back.range()], "行政复议");
    }

    #[test]
    fn absurd_spans_are_cut_and_long_merges_settle() {
        // A gridSpan that would wrap the column count (hostile .docx) spans the most a Word
        // table has, and the cell after it still gets a column.
        let xml = r#"<w:document xmlns:w="w"><w:body><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="4294967295"/></w:tcPr><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"#;
        let (html, _) = to_html(xml);
        assert!(
            html.contains("<td colspan=\"64\">a</td><td>b</td>"),
            "{html}"
        );

        // A merge continued down 3,000 rows is one cell spanning them all.
        let mut xml = String::from(r#"<w:document xmlns:w="w"><w:body><w:tbl>"#);
        xml.push_str(r#"<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>m</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr>"#);
        for _ in 0..2999 {
            xml.push_str(
                "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr>",
            );
        }
        xml.push_str("</w:tbl></w:body></w:document>");
        let (html, _) = to_html(&xml);
        assert!(
            html.contains("<td rowspan=\"3000\">m</td>"),
            "{}",
            &html[..200]
        );
    }

    #[test]
    fn zips_are_read_as_word_files_and_say_why_they_are_not() {
        use std::io::Write;
        assert!(is_zip(b"PK\x03\x04 not really"));
        assert!(!is_zip(b"hello"));
        let err = document_xml(b"PK\x03\x04 not really", 1 << 20).unwrap_err();
        assert_eq!(err.stage(), "extract");
        assert!(
            err.to_string()
                .starts_with("the docx file could not be read: "),
            "{err}"
        );

        let mut other = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        other
            .start_file("xl/workbook.xml", zip::write::SimpleFileOptions::default())
            .unwrap();
        other.write_all(b"<workbook/>").unwrap();
        let other = other.finish().unwrap().into_inner();
        let err = document_xml(&other, 1 << 20).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the docx file could not be read: a zip archive without word/document.xml, not a Word file"
        );
    }
}
