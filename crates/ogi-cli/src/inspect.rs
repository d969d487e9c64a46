//! `ogi inspect`: one self-contained HTML page to trust or doubt a report's numbers.
//!
//! The left pane is the text ogi read, with every extracted value highlighted and linked to its
//! table cell; the right pane draws the tables as the template prints them, every cell linked
//! back to where it was read. Blank cells are hatched (a blank is not 0), cells not read are
//! dotted, cells of failing checks are outlined in red (orange for soft checks), and the
//! failing checks and diagnostics are listed on top with links. No script, no external files.

use ogi_core::snippet::SourceView;
use ogi_model::{CellValue, Report, TableName, TidyValue};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::Range;

const STYLE: &str = r#"
body{margin:0;font:14px/1.5 system-ui,"Noto Sans CJK SC","Noto Sans SC","WenQuanYi Zen Hei",sans-serif;color:#222}
header{padding:8px 16px;border-bottom:1px solid #ddd;background:#fafafa}
header h1{font-size:16px;margin:0 0 4px}
header .meta span{margin-right:14px;color:#555}
.ok{color:#1a7f37}.partial{color:#9a6700}
main{display:grid;grid-template-columns:1fr 1fr;height:calc(100vh - 170px)}
#source{overflow:auto;padding:8px 16px;border-right:1px solid #ddd}
#source pre{white-space:pre-wrap;word-break:break-all;font:13px/1.6 ui-monospace,"Noto Sans Mono CJK SC",monospace;margin:0}
#tables{overflow:auto;padding:8px 16px}
a.v{background:#dbeafe;color:inherit;text-decoration:none;border-radius:2px;padding:0 1px}
a.v.fail{background:#fecaca;outline:2px solid #c00}
a.v.soft{background:#fde68a}
a.v.narrative{background:#e9d5ff}
:target{outline:3px solid #f59e0b !important;scroll-margin:40vh}
table{border-collapse:collapse;margin:4px 0 14px;font-size:13px}
caption{text-align:left;font-weight:600;padding:2px 0}
th,td{border:1px solid #ccc;padding:1px 6px}
th{background:#f4f4f5;font-weight:500}
th.row{text-align:left;max-width:22em}
td{text-align:right;font-variant-numeric:tabular-nums}
td a{color:inherit;text-decoration:none}
td.blank{background:repeating-linear-gradient(45deg,#fff,#fff 3px,#e5e5e5 3px,#e5e5e5 6px)}
td.missing{color:#bbb;text-align:center}
td.marker{text-align:center;color:#555}
td.fail{background:#fee2e2;outline:2px solid #c00}
td.soft{background:#fef3c7}
.checks{margin:6px 0 0;padding-left:18px;max-height:64px;overflow:auto}
.checks li.fail{color:#b00}.checks li.soft{color:#9a6700}
.diag{color:#9a6700}
.legend span{margin-right:12px}
.legend i{display:inline-block;width:12px;height:12px;border:1px solid #ccc;vertical-align:-2px;margin-right:3px}
"#;

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// One value of the report: its key, what it shows, and where it was found.
struct Value {
    table: TableName,
    row: String,
    column: String,
    shown: String,
    kind: &'static str,
    approximate: bool,
    text: Option<Range<usize>>,
}

impl Value {
    fn key(&self) -> String {
        format!("{}.{}.{}", self.table.key(), self.row, self.column)
    }
}

/// The class a failing check gives a cell: `fail` (hard) wins over `soft`.
fn check_classes(
    report: &Report,
) -> HashMap<(TableName, String, String), (&'static str, Vec<String>)> {
    let mut out: HashMap<(TableName, String, String), (&'static str, Vec<String>)> = HashMap::new();
    for check in report
        .checks
        .iter()
        .filter(|c| c.status == ogi_model::CheckStatus::Fail)
    {
        let class = if check.soft { "soft" } else { "fail" };
        for cell in &check.cells {
            let entry = out
                .entry((cell.table, cell.row.to_string(), cell.column.to_string()))
                .or_insert((class, Vec::new()));
            if class == "fail" {
                entry.0 = "fail";
            }
            entry.1.push(check.id.clone());
        }
    }
    out
}

/// The page for the report read from `input` (named `path`), with `view` its clean text.
pub(crate) fn page(path: &str, report: &Report, view: &SourceView) -> String {
    let failing = check_classes(report);
    let values: Vec<Value> = report
        .tidy()
        .into_iter()
        .filter(|r| r.table != TableName::Meta)
        .map(|r| {
            let (kind, shown) = match &r.value {
                TidyValue::Cell(c) => match c.value {
                    CellValue::Number(_) => ("number", c.tidy_value()),
                    CellValue::Blank => ("blank", String::new()),
                    CellValue::Marker { .. } => ("marker", c.tidy_value()),
                },
                other => ("text", other.to_string()),
            };
            let approximate = r.is_approximate();
            Value {
                table: r.table,
                row: r.row.into_owned(),
                column: r.column.into_owned(),
                shown,
                kind,
                approximate,
                text: r.span.and_then(|s| view.locate(s)),
            }
        })
        .collect();

    let mut out = String::with_capacity(view.text.len() * 2 + 64 * 1024);
    let m = &report.meta;
    let agency = m
        .agency
        .as_ref()
        .map_or("agency not found", |a| a.value.as_str());
    let year = m
        .year
        .as_ref()
        .map_or_else(|| "year not found".to_owned(), |y| y.value.to_string());
    let (status, reason) = report.read_status();
    let _ = write!(
        out,
        "<!doctype html><html lang=\"zh\"><head><meta charset=\"utf-8\"><title>ogi inspect · {}</title><style>{STYLE}</style></head><body><header><h1>{} · {} · {}</h1><div class=\"meta\"><span>format {}</span><span>{}</span><span>{} bytes</span><span>sha256 {}…</span><span class=\"{}\">{}{}</span><span>{} values</span></div>",
        esc(path),
        esc(agency),
        esc(&year),
        esc(path),
        m.format.key(),
        esc(&m.encoding),
        m.bytes,
        esc(m.sha256.get(..12).unwrap_or("")),
        status.key(),
        status.key(),
        if reason.is_empty() {
            String::new()
        } else {
            format!(": {}", esc(&reason))
        },
        values.iter().filter(|v| v.kind == "number").count(),
    );
    out.push_str("<div class=\"legend\"><span><i style=\"background:#dbeafe\"></i>value read</span><span><i style=\"background:#e9d5ff\"></i>number stated in the text</span><span><i style=\"background:repeating-linear-gradient(45deg,#fff,#fff 3px,#e5e5e5 3px,#e5e5e5 6px)\"></i>blank cell (not 0)</span><span><i style=\"background:#fee2e2;outline:2px solid #c00\"></i>in a failing check</span><span><i style=\"background:#fef3c7\"></i>in a failing soft check</span><span>· not read</span></div>");
    let diagnostics: Vec<(usize, &ogi_model::Diagnostic, Option<Range<usize>>)> = report
        .diagnostics
        .iter()
        .enumerate()
        .filter(|(_, d)| d.severity >= ogi_model::Severity::Warning)
        .map(|(k, d)| (k, d, d.span.and_then(|s| view.locate(s))))
        .collect();
    let items = findings(report, &values, &diagnostics);
    if items.is_empty() {
        out.push_str("<div class=\"ok\">Every assessable check passes; no warnings.</div>");
    } else {
        let _ = write!(out, "<ul class=\"checks\">{items}</ul>");
    }
    out.push_str("</header><main><section id=\"source\"><pre>");
    source_pane(&mut out, view, &values, &failing, &diagnostics);
    out.push_str("</pre></section><section id=\"tables\">");
    for table in [
        TableName::Proactive,
        TableName::Requests,
        TableName::ReviewLitigation,
        TableName::Legacy,
        TableName::Narrative,
    ] {
        table_html(&mut out, table, &values, &failing);
    }
    out.push_str("</section></main></body></html>\n");
    out
}

/// The failing checks and the warnings, as list items linked to their cells and lines.
fn findings(
    report: &Report,
    values: &[Value],
    diagnostics: &[(usize, &ogi_model::Diagnostic, Option<Range<usize>>)],
) -> String {
    let index: HashMap<(TableName, &str, &str), usize> = values
        .iter()
        .enumerate()
        .map(|(i, v)| ((v.table, v.row.as_str(), v.column.as_str()), i))
        .collect();
    let mut items = String::new();
    for check in report
        .checks
        .iter()
        .filter(|c| c.status == ogi_model::CheckStatus::Fail)
    {
        let class = if check.soft { "soft" } else { "fail" };
        let value =
            |d: Option<ogi_model::Decimal>| d.map_or_else(|| "?".to_owned(), |d| d.to_string());
        let _ = write!(
            items,
            "<li class=\"{class}\"><code>{}</code> {} ≠ {}",
            esc(&check.id),
            value(check.lhs),
            value(check.rhs)
        );
        for cell in check.cells.iter().take(12) {
            if let Some(i) = index.get(&(cell.table, cell.row.as_ref(), cell.column.as_ref())) {
                let _ = write!(
                    items,
                    " <a href=\"#c{i}\">{}·{}</a>",
                    esc(&cell.row),
                    esc(&cell.column)
                );
            }
        }
        if let Some(hint) = &check.hint {
            let _ = write!(items, " — {}", esc(hint));
        }
        items.push_str("</li>");
    }
    for (k, d, at) in diagnostics {
        let link = if at.is_some() {
            format!(" <a href=\"#d{k}\">where</a>")
        } else {
            String::new()
        };
        let _ = write!(
            items,
            "<li class=\"diag\">{} <code>{}</code>: {}{link}</li>",
            d.severity,
            d.code.key(),
            esc(&d.message)
        );
    }
    items
}

/// The clean text with every located value marked and linked to its cell.
fn source_pane(
    out: &mut String,
    view: &SourceView,
    values: &[Value],
    failing: &HashMap<(TableName, String, String), (&'static str, Vec<String>)>,
    diagnostics: &[(usize, &ogi_model::Diagnostic, Option<Range<usize>>)],
) {
    // Marks by start; a range already marked (a cell copied by rowspan) keeps its first value.
    let mut marks: Vec<(Range<usize>, usize)> = values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.text.clone().map(|r| (r, i)))
        .collect();
    marks.sort_by_key(|(r, i)| (r.start, *i));
    let mut anchors: Vec<(usize, usize)> = diagnostics
        .iter()
        .filter_map(|(k, _, at)| at.as_ref().map(|r| (r.start, *k)))
        .collect();
    anchors.sort_unstable();
    let mut anchors = anchors.into_iter().peekable();
    let text = &view.text;
    let mut at = 0;
    let put_text =
        |out: &mut String,
         from: usize,
         to: usize,
         anchors: &mut std::iter::Peekable<std::vec::IntoIter<(usize, usize)>>| {
            let mut from = from;
            while let Some(&(pos, k)) = anchors.peek() {
                if pos > to {
                    break;
                }
                let pos = pos.max(from);
                out.push_str(&esc(text.get(from..pos).unwrap_or("")));
                let _ = write!(
                    out,
                    "<span id=\"d{k}\" class=\"diag\" title=\"diagnostic\">⚠</span>"
                );
                from = pos;
                anchors.next();
            }
            out.push_str(&esc(text.get(from..to).unwrap_or("")));
        };
    for (range, i) in marks {
        if range.start < at || range.end > text.len() {
            continue;
        }
        put_text(out, at, range.start, &mut anchors);
        let v = &values[i];
        let key = v.key();
        let mut class = String::from("v");
        if v.table == TableName::Narrative {
            class.push_str(" narrative");
        }
        let mut title = format!(
            "{key} = {}",
            if v.kind == "blank" { "blank" } else { &v.shown }
        );
        if let Some((c, ids)) = failing.get(&(v.table, v.row.clone(), v.column.clone())) {
            class.push(' ');
            class.push_str(c);
            let _ = write!(title, " · fails {}", ids.join(", "));
        }
        let _ = write!(
            out,
            "<a class=\"{class}\" id=\"s{i}\" href=\"#c{i}\" title=\"{}\">{}</a>",
            esc(&title),
            esc(text.get(range.clone()).unwrap_or(""))
        );
        at = range.end;
    }
    put_text(out, at, text.len(), &mut anchors);
}

/// One table drawn as the template prints it: rows and columns present, in template order.
fn table_html(
    out: &mut String,
    table: TableName,
    values: &[Value],
    failing: &HashMap<(TableName, String, String), (&'static str, Vec<String>)>,
) {
    let cells: HashMap<(&str, &str), usize> = values
        .iter()
        .enumerate()
        .filter(|(_, v)| v.table == table)
        .map(|(i, v)| ((v.row.as_str(), v.column.as_str()), i))
        .collect();
    if cells.is_empty() {
        return;
    }
    let row_labels = table.rows();
    let mut rows: Vec<(String, String)> = row_labels
        .iter()
        .filter(|(k, _)| cells.keys().any(|(r, _)| r == k))
        .map(|(k, l)| ((*k).to_owned(), (*l).to_owned()))
        .collect();
    let mut extra: Vec<&str> = cells
        .keys()
        .map(|(r, _)| *r)
        .filter(|r| !row_labels.iter().any(|(k, _)| k == r))
        .collect();
    extra.sort_unstable();
    extra.dedup();
    rows.extend(
        extra
            .into_iter()
            .map(|r| (r.to_owned(), r.trim_start_matches("unlisted:").to_owned())),
    );
    let columns: Vec<(&str, &str)> = table
        .columns()
        .into_iter()
        .filter(|(k, _)| cells.keys().any(|(_, c)| c == k))
        .collect();
    let _ = write!(
        out,
        "<table><caption>{} <code>{}</code></caption><tr><th></th>",
        esc(table.label()),
        table.key()
    );
    for (k, l) in &columns {
        let _ = write!(out, "<th title=\"{k}\">{}</th>", esc(l));
    }
    out.push_str("</tr>");
    for (row, label) in &rows {
        let _ = write!(
            out,
            "<tr><th class=\"row\" title=\"{}\">{}</th>",
            esc(row),
            esc(label)
        );
        for (column, _) in &columns {
            match cells.get(&(row.as_str(), *column)) {
                None => out.push_str("<td class=\"missing\" title=\"not read\">·</td>"),
                Some(&i) => {
                    let v = &values[i];
                    let mut class = match v.kind {
                        "blank" => "blank".to_owned(),
                        "marker" => "marker".to_owned(),
                        _ => String::new(),
                    };
                    let mut title = v.key();
                    if v.kind == "blank" {
                        title.push_str(" · blank in the report");
                    }
                    if v.approximate {
                        title.push_str(" · approximate");
                    }
                    if let Some((c, ids)) = failing.get(&(v.table, v.row.clone(), v.column.clone()))
                    {
                        class.push(' ');
                        class.push_str(c);
                        let _ = write!(title, " · fails {}", ids.join(", "));
                    }
                    let shown = if v.approximate {
                        format!("≈{}", v.shown)
                    } else {
                        v.shown.clone()
                    };
                    let body = if v.text.is_some() {
                        format!("<a href=\"#s{i}\">{}</a>", esc(&shown))
                    } else {
                        esc(&shown)
                    };
                    let _ = write!(
                        out,
                        "<td id=\"c{i}\" class=\"{}\" title=\"{}\">{body}</td>",
                        class.trim(),
                        esc(&title)
                    );
                }
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</table>");
}
