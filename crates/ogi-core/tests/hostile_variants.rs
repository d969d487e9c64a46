//! Variants of the hostile files (`tests/hostile/`, whose README says what each once did) at
//! other sizes and parameters, generated: each must end with a report or a typed error, on a
//! thread with a small stack (recursion without end would overflow it), without reaching the
//! time budget set as a hang detector (a bound on liveness, not a speed target: the growth
//! benchmark measures speed), and with every span inside the text it indexes.

#![allow(clippy::unwrap_used)] // Tests fail by panicking.

use std::fmt::Write as _;
use std::time::Duration;

/// `head`, then `unit(i)` for i in 0..n, then `tail`.
fn repeat(head: &str, n: usize, unit: impl Fn(usize) -> String, tail: &str) -> String {
    let mut s = String::from(head);
    for i in 0..n {
        s.push_str(&unit(i));
    }
    s.push_str(tail);
    s
}

/// A table of `rows` rows, each of `cells` cells spanning `rowspan` × `colspan`.
fn span_bomb(rows: usize, cells: usize, rowspan: &str, colspan: &str) -> String {
    let row = repeat(
        "<tr>",
        cells,
        |_| format!("<td rowspan={rowspan} colspan={colspan}>1</td>"),
        "</tr>",
    );
    repeat(
        "<html><body><table>",
        rows,
        |_| row.clone(),
        "</table></body></html>",
    )
}

/// A paragraph leaving `open` distinct formatting elements open, then `paragraphs` paragraphs.
fn open_formatting(open: usize, paragraphs: usize, tag: &str) -> String {
    let mut s = String::from("<html><body><p>");
    for i in 0..open {
        write!(s, "<{tag} a={i}>").unwrap();
    }
    s.push_str("</p>");
    s + &repeat("", paragraphs, |_| "<p>x</p>".to_owned(), "</body></html>")
}

/// `n` paragraphs each holding `entity` between two words of a report.
fn entity_soup(entity: &str, n: usize) -> String {
    repeat(
        "<html><body>",
        n,
        |_| format!("<p>申请{entity}件</p>"),
        "</body></html>",
    )
}

/// A numeral run of `n` characters `numeral` after a prose trigger.
fn numeral_run(numeral: &str, n: usize) -> String {
    format!("主动公开政府信息{}条。\n", numeral.repeat(n))
}

/// A Word document's XML: one table of `rows` rows under a vertical merge, cells spanning
/// `span` grid columns.
fn word_vmerge(rows: usize, span: &str) -> String {
    repeat(
        r#"<w:document xmlns:w="w"><w:body><w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>m</w:t></w:r></w:p></w:tc></w:tr>"#,
        rows,
        |i| {
            format!(
                r#"<w:tr><w:tc><w:tcPr><w:gridSpan w:val="{span}"/><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>{i}</w:t></w:r></w:p></w:tc></w:tr>"#
            )
        },
        "</w:tbl></w:body></w:document>",
    )
}

/// The variants: a name and the input.
fn variants() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (rows, cells, rowspan, colspan) in [
        (999, 3, "1000", "100"),
        (50, 50, "65534", "1000"),
        (10, 10, "2147483647", "2147483647"),
        (10, 10, "4294967296", "-1"),
        (200, 5, "0", "0"),
    ] {
        out.push((
            format!("span_bomb {rows}×{cells} rowspan={rowspan} colspan={colspan}"),
            span_bomb(rows, cells, rowspan, colspan),
        ));
    }
    for (open, paragraphs, tag) in [
        (64, 5000, "b"),
        (65, 5000, "b"),
        (500, 20_000, "i"),
        (5000, 2000, "font"),
    ] {
        out.push((
            format!("open_formatting {open} <{tag}> then {paragraphs} paragraphs"),
            open_formatting(open, paragraphs, tag),
        ));
    }
    for entity in [
        "&trade;",
        "&copy2019",
        "&#128;",
        "&#159;",
        "&#x80;",
        "&nbsp;",
        "&amp;amp;",
        "&#xD800;",
        "&#99999999;",
        "&",
    ] {
        out.push((
            format!("entity_soup {entity} × 10,000"),
            entity_soup(entity, 10_000),
        ));
    }
    for (unit, n) in [
        ("<script>var a = '<div>';</script><p>x</p>", 10_000),
        ("<style>p{}</style>", 10_000),
        ("<div/>", 40_000),
        ("</div>", 40_000),
        ("<div>", 5000),
        ("<table><tr><td>", 2000),
        ("<!--", 20_000),
    ] {
        out.push((
            format!("markup {unit} × {n}"),
            repeat("<html><body>", n, |_| unit.to_owned(), "</body></html>"),
        ));
    }
    for (numeral, n) in [
        ("一", 33_000),
        ("〇", 50_000),
        ("两", 20_000),
        ("万", 20_000),
    ] {
        out.push((
            format!("numeral_run {numeral} × {n}"),
            numeral_run(numeral, n),
        ));
    }
    for (rows, span) in [
        (20_000, "4294967295"),
        (20_000, "1"),
        (5000, "64"),
        (5000, "-7"),
    ] {
        out.push((
            format!("word_vmerge {rows} rows gridSpan={span}"),
            word_vmerge(rows, span),
        ));
    }
    // One line: a label and a run of digits, and a table row of a thousand cells.
    out.push((
        "digit_run 300,000 digits".to_owned(),
        format!("一、本年新收政府信息公开申请数量{}", "7".repeat(300_000)),
    ));
    out.push((
        "pipe row of 20,000 cells".to_owned(),
        format!(
            "一、本年新收政府信息公开申请数量{}\n",
            "| 1 ".repeat(20_000)
        ),
    ));
    out
}

#[test]
fn hostile_variants_end_with_a_report_or_a_typed_error() {
    let options = ogi_core::Options::default().with_time_budget(Some(Duration::from_secs(120)));
    let variants = variants();
    assert!(variants.len() >= 35);
    for (name, input) in variants {
        let options = options.clone();
        let ended = std::thread::Builder::new()
            .stack_size(1 << 20)
            .spawn(move || {
                ogi_core::input::Inputs::TEXT
                    .parse(input.as_bytes(), &options)
                    .map(|parsed| {
                        let rows = parsed.report.tidy();
                        let inside = rows
                            .iter()
                            .filter_map(|r| r.span)
                            .all(|s| s.range().end <= parsed.input.len());
                        (rows.len(), inside)
                    })
            })
            .unwrap()
            .join()
            .unwrap_or_else(|_| panic!("{name}: panicked"));
        match ended {
            Ok((_, inside)) => assert!(inside, "{name}: a span outside the text"),
            Err(e) => {
                assert!(
                    !matches!(e.kind(), ogi_core::ErrorKind::TimedOut { .. }),
                    "{name}: did not end"
                );
                assert!(
                    ["limit", "decode", "content"].contains(&e.stage()),
                    "{name}: {e}"
                );
            }
        }
    }
}
