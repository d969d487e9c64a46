//! Properties that hold for every input: the parser never panics, and every span it reports
//! lies inside the input.

#![allow(clippy::unwrap_used)] // Tests fail by panicking.

use proptest::prelude::*;

/// Pieces of real reports, to build inputs that look like reports but are scrambled.
const FRAGMENTS: &[&str] = &[
    "三、收到和处理政府信息公开申请情况\n",
    "(本列数据的勾稽关系为:第一项加第二项之和等于第三项加第四项之和) | 申请人情况 |\n",
    "自然人 | 法人或其他组织 | 总计 |\n",
    "商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |\n",
    "一、本年新收政府信息公开申请数量 | 21 | 0 | 0 | 0 | 0 | 0 | 21 |\n",
    "(三)不予公开 | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n",
    "(六)其他处理 | 0 | | | | | | 0 |\n",
    "0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n",
    "第二十条第(一)项 |\n信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n",
    "规章 | 0 | 0 | 0 |\n行政事业性收费 | 7730.28 |\n",
    "统计指标 |\n单位 |\n统计数 |\n",
    "(一)主动公开政府信息数 |\n条 |\n340 |\n",
    "四、行政复议数量 |\n件 |\n|\n",
    "|\n",
    "｜１２｜（二）部分公开\n",
    "2019年,市政务服务管理局主动公开政府信息5条。\n",
    "咸宁市政务服务中心管理办公室2018年度信息公开工作报告\n",
    "标题：沭阳县发展和改革局(2023年政府信息公开年度报告)\n",
    "\u{feff}",
    "\u{3000}\u{200b}①②\r\n",
    "—— / 无 - \t\t 1,234.5万元 (其中修订16件)\n",
];

fn spans_inside(input: &[u8]) {
    if let Ok(report) = ogi_core::parse(input) {
        let len = input.len() as u32;
        for row in report.tidy() {
            if let Some(span) = row.span {
                assert!(
                    span.start <= span.end && span.end <= len,
                    "span {span} outside input of {len} bytes"
                );
            }
        }
        for d in &report.diagnostics {
            if let Some(span) = d.span {
                assert!(
                    span.end <= len,
                    "diagnostic span {span} outside input of {len} bytes"
                );
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic(input in proptest::collection::vec(any::<u8>(), 0..2048)) {
        spans_inside(&input);
    }

    #[test]
    fn arbitrary_text_never_panics(input in "\\PC{0,400}") {
        spans_inside(input.as_bytes());
    }

    #[test]
    fn scrambled_report_fragments_never_panic(
        picks in proptest::collection::vec((0..FRAGMENTS.len(), 0usize..8), 0..40)
    ) {
        let mut input = String::new();
        for (i, cut) in picks {
            let f = FRAGMENTS[i];
            // Cut some fragments short, at a character boundary.
            let end = f.char_indices().map(|(i, _)| i).nth(f.chars().count().saturating_sub(cut)).unwrap_or(f.len());
            input.push_str(&f[..end]);
        }
        spans_inside(input.as_bytes());
    }
}

#[test]
fn values_map_back_to_their_text() {
    let input = "规章 | ０ | 1 | 2 |\n".to_owned();
    let full = format!(
        "二、主动公开政府信息情况\n第二十条第（一）项 |\n信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n{input}"
    );
    let report = ogi_core::parse(full.as_bytes()).unwrap();
    let cells: Vec<_> = report
        .proactive
        .as_ref()
        .unwrap()
        .iter()
        .map(|(_, _, c)| &full[c.span.range()])
        .collect();
    assert_eq!(cells, ["０", "1", "2"]);
}

/// The text a table cell's span covers, NFKC-normalised, without thousands separators.
fn covered(input: &str, span: ogi_model::Span) -> String {
    use unicode_normalization::UnicodeNormalization;
    input
        .get(span.range())
        .unwrap_or("")
        .nfkc()
        .filter(|c| *c != ',' && !c.is_whitespace())
        .collect()
}

/// Every number of every table cell is printed, digit for digit, where its span says.
fn values_where_their_spans_say(input: &str) {
    let Ok(report) = ogi_core::parse(input.as_bytes()) else {
        return;
    };
    for row in report.tidy() {
        if matches!(
            row.table,
            ogi_model::TableName::Meta | ogi_model::TableName::Narrative
        ) {
            continue;
        }
        let (ogi_model::TidyValue::Cell(cell), Some(span)) = (&row.value, row.span) else {
            continue;
        };
        if let Some(value) = cell.decimal() {
            let text = covered(input, span);
            // A change may be printed with its sign: `+6`.
            let digits = text.strip_prefix('+').unwrap_or(&text);
            assert!(
                digits.starts_with(&value.to_string()),
                "{}/{}/{} = {value} but its span covers `{text}`",
                row.table.key(),
                row.row,
                row.column
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn values_map_back_to_the_text_they_claim(
        picks in proptest::collection::vec(0..FRAGMENTS.len(), 0..30)
    ) {
        let input: String = picks.iter().map(|i| FRAGMENTS[*i]).collect();
        values_where_their_spans_say(&input);
    }

    #[test]
    fn clean_text_is_a_fixed_point(picks in proptest::collection::vec(0..FRAGMENTS.len(), 1..20)) {
        let input: String = picks.iter().map(|i| FRAGMENTS[*i]).collect();
        if let Ok(once) = ogi_core::clean_text(input.as_bytes()) {
            if !once.trim().is_empty() {
                let twice = ogi_core::clean_text(once.as_bytes()).unwrap();
                prop_assert_eq!(twice, once);
            }
        }
    }
}

/// The real reports bundled as fixtures: every table value where its span says.
#[test]
fn values_of_real_reports_map_back_to_their_text() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for sub in ["seeds", "corpus", "unlabeled"] {
        for entry in std::fs::read_dir(dir.join(sub)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt" || e == "html") {
                values_where_their_spans_say(&std::fs::read_to_string(&path).unwrap());
            }
        }
    }
}

/// Pages nested deeper than any report are read as text, without html5ever's tree builder
/// (whose scope checks would cost time growing with the square of the depth).
#[test]
fn deeply_nested_pages_are_read_as_text() {
    let page = |depth: usize| {
        format!(
            "<html><body>{}<p>四、政府信息公开行政复议、行政诉讼情况</p><p>收到行政复议申请12件。</p>{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        )
    };
    let deep = page(100_000);
    let report = ogi_core::parse(deep.as_bytes()).unwrap();
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.code.key() == "html.too_deep")
    );
    let text = ogi_core::clean_text(deep.as_bytes()).unwrap();
    assert!(
        text.contains("收到行政复议申请12件"),
        "{}",
        &text[..200.min(text.len())]
    );
    // The narrative number still points at its bytes.
    let reviews = report.narrative.iter().next().unwrap().2;
    assert_eq!(&deep[reviews.span.range()], "12");

    let shallow = ogi_core::parse(page(100).as_bytes()).unwrap();
    assert!(
        !shallow
            .diagnostics
            .iter()
            .any(|d| d.code.key() == "html.too_deep")
    );
}

/// A page of more elements than any report holds is read as text, as one nested too deep is
/// (its tree would take a few hundred bytes per element).
#[test]
fn pages_of_too_many_elements_are_read_as_text() {
    let page = |n: usize| {
        format!(
            "<html><body><p>收到行政复议申请12件。</p><p>{}</p></body></html>",
            "<span>a</span>".repeat(n)
        )
    };
    let too_deep = |n| {
        ogi_core::parse(page(n).as_bytes())
            .unwrap()
            .diagnostics
            .iter()
            .any(|d| d.code.key() == "html.too_deep")
    };
    assert!(too_deep(200_000));
    assert!(!too_deep(1_000));
    let big = page(200_000);
    let report = ogi_core::parse(big.as_bytes()).unwrap();
    let reviews = report.narrative.iter().next().unwrap().2;
    assert_eq!(&big[reviews.span.range()], "12");
}

/// A text of more lines than any report has is refused as over a limit, not read at a hundred
/// times its size in memory.
#[test]
fn texts_of_too_many_lines_are_refused() {
    let lines = "a\n".repeat(ogi_core::MOST_LINES);
    let err = ogi_core::parse(lines.as_bytes()).unwrap_err();
    assert_eq!(err.stage(), "limit");
    assert!(
        matches!(err.kind(), ogi_core::ErrorKind::TooManyLines { lines, .. } if *lines == ogi_core::MOST_LINES + 1),
        "{err}"
    );
    assert!(ogi_core::parse("公开\n".repeat(1000).as_bytes()).is_ok());
}

/// Inputs the fuzzers found crashing (`fuzz/`), kept as regression tests: each is wrapped the way
/// its target wraps it; every span must lie on character boundaries inside the input, and the
/// report must survive JSON and the tidy rows unchanged.
#[test]
fn fuzz_regressions() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/regressions");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let input = if name.starts_with("html_grids") {
            let body = String::from_utf8_lossy(&data);
            format!("<html><body><table><tr><td>一、本年新收政府信息公开申请数量</td>{body}</table></body></html>").into_bytes()
        } else {
            data
        };
        let _ = ogi_core::layout_text(&input);
        if let Ok(report) = ogi_core::parse(&input) {
            // What the round_trip target asserts: report → JSON → report, and the same tidy rows.
            let json = serde_json::to_string(&report).unwrap();
            let back: ogi_model::Report = serde_json::from_str(&json).unwrap();
            assert_eq!(back, report, "{name}");
            let rows = |r: &ogi_model::Report| {
                r.tidy()
                    .iter()
                    .map(|t| {
                        format!(
                            "{}/{}/{}={}@{:?}",
                            t.table.key(),
                            t.row,
                            t.column,
                            t.value,
                            t.span
                        )
                    })
                    .collect::<Vec<_>>()
            };
            assert_eq!(rows(&back), rows(&report), "{name}");
            let text = std::str::from_utf8(&input).ok();
            for row in report.tidy() {
                let Some(span) = row.span else { continue };
                assert!(span.end as usize <= input.len(), "{name}: {span}");
                if let Some(text) = text {
                    assert!(
                        text.is_char_boundary(span.start as usize)
                            && text.is_char_boundary(span.end as usize),
                        "{name}: {}/{}/{} at {span}",
                        row.table.key(),
                        row.row,
                        row.column
                    );
                }
            }
        }
    }
}

/// Files are read through a limit: one over it is refused from its size without being read, a
/// FIFO or device without being opened.
#[cfg(unix)]
#[test]
fn files_are_read_within_the_limit_and_only_regular_ones() {
    use ogi_core::input::read_limited;
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    // Sparse: 4 GB that take no room and would take 4 GB of memory to read whole.
    std::fs::File::create(&big)
        .unwrap()
        .set_len(4 << 30)
        .unwrap();
    let err = read_limited(&big, 1 << 20).unwrap_err();
    assert_eq!(err.stage(), "limit");
    assert!(err.to_string().contains("4294967296 bytes"), "{err}");

    let fifo = dir.path().join("b.txt");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let err = read_limited(&fifo, 1 << 20).unwrap_err();
    assert_eq!(err.stage(), "read");
    assert!(err.to_string().contains("not a regular file"), "{err}");
    // A device behind a symbolic link is no regular file either.
    let zero = dir.path().join("zero.txt");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    assert_eq!(read_limited(&zero, 1 << 20).unwrap_err().stage(), "read");

    let small = dir.path().join("a.txt");
    std::fs::write(&small, "年度报告").unwrap();
    assert_eq!(
        read_limited(&small, 1 << 20).unwrap(),
        "年度报告".as_bytes()
    );
    assert_eq!(read_limited(&small, 4).unwrap_err().stage(), "limit");
}

/// The hostile inputs of `tests/hostile/` (its README says what each is and what bounds it):
/// each gives a report or a typed error. A quadratic path coming back shows as this test
/// taking minutes.
#[test]
fn hostile_inputs_give_a_report_or_a_typed_error() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        match ogi_core::input::Inputs::TEXT.parse(&bytes, &ogi_core::Options::default()) {
            Ok(parsed) => {
                // Every span of what was read lies in the text it indexes.
                for row in parsed.report.tidy() {
                    if let Some(span) = row.span {
                        assert!(span.range().end <= parsed.input.len(), "{name}");
                    }
                }
            }
            Err(e) => assert!(
                ["limit", "decode", "extract", "content"].contains(&e.stage()),
                "{name}: {e}"
            ),
        }
        seen += 1;
    }
    assert_eq!(seen, 9);
}

/// An old Word file or an image named directly is refused with what to do, not read as
/// mojibake "binary … windows-874".
#[test]
fn old_office_files_and_images_say_what_to_do() {
    let inputs = ogi_core::input::Inputs::TEXT;
    let options = ogi_core::Options::default();
    let mut doc = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    doc.extend(std::iter::repeat_n(0x20u8, 600));
    let err = inputs.parse(&doc, &options).unwrap_err();
    assert_eq!(err.stage(), "extract");
    assert!(err.to_string().contains("--convert-to docx"), "{err}");
    let err = inputs
        .parse(b"\x89PNG\r\n\x1A\n....", &options)
        .unwrap_err();
    assert!(err.to_string().contains("OCR"), "{err}");
    // A gold or export file caught by a glob is data, not a report; a text that merely opens
    // with a bracket is read.
    let gold = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/seeds/000_e4a1f978c3ba425a.gold.json"),
    )
    .unwrap();
    let err = inputs.parse(&gold, &options).unwrap_err();
    assert_eq!(err.stage(), "extract");
    assert!(err.to_string().contains("JSON"), "{err}");
    let bracketed = "[2019年]某局政府信息公开工作年度报告\n主动公开政府信息5条。".as_bytes();
    assert!(inputs.parse(bracketed, &options).is_ok());
}

/// A blank cell's span is its own place — an empty span inside its `<td>` — not the end of the
/// number before it (where `explain` and `check` would draw the caret under the neighbour).
#[test]
fn blank_cells_point_at_their_own_place() {
    use ogi_model::review::{ReviewColumn, ReviewRow};
    use std::fmt::Write as _;
    let cells = [
        "0", "0", "", " ", "1", "", "0", "0", "0", "0", "0", "0", "0", "0", "0",
    ];
    let row = cells
        .iter()
        .enumerate()
        .fold(String::new(), |mut row, (i, c)| {
            let _ = writeln!(row, "<td class=\"c{i}\">{c}</td>");
            row
        });
    let page = format!(
        "<html><body><p>四、政府信息公开行政复议、行政诉讼情况</p><table><tr>\n{row}</tr></table></body></html>"
    );
    let report = ogi_core::parse(page.as_bytes()).unwrap();
    let review = report.review_litigation.unwrap();
    for (i, column) in ReviewColumn::ALL.iter().enumerate() {
        let cell = review.get(&ReviewRow::Review, column).unwrap();
        if cells[i].trim().is_empty() {
            let span = cell.span;
            assert!(span.is_empty(), "{i}");
            // Right after the cell's own start tag.
            let tag = format!("<td class=\"c{i}\">");
            let at = page.find(&tag).unwrap() + tag.len();
            assert_eq!(span.start as usize, at, "cell {i}");
        }
    }
}

/// A file that takes longer than the time budget ends with a typed `limit` error, and the
/// stages stop early rather than finishing the file first: with the budget spent at once, the
/// parse of a large report takes a fraction of the time of the whole parse.
#[test]
fn the_time_budget_ends_a_file_early_with_a_typed_error() {
    use ogi_core::{ErrorKind, Options};
    use std::time::{Duration, Instant};
    let one = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/seeds/002_c41c9a6468e2aa6e.txt"),
    )
    .unwrap();
    let big: Vec<u8> = one.repeat(4_000_000 / one.len());
    let started = Instant::now();
    let whole = ogi_core::parse(&big);
    let whole_time = started.elapsed();
    assert!(whole.is_ok());
    let started = Instant::now();
    let err = ogi_core::parse_with(
        &big,
        &Options::default().with_time_budget(Some(Duration::from_millis(1))),
    )
    .unwrap_err();
    let budgeted_time = started.elapsed();
    assert!(
        matches!(err.kind(), ErrorKind::TimedOut { budget } if *budget == Duration::from_millis(1)),
        "{err}"
    );
    assert_eq!(err.stage(), "limit");
    assert!(
        budgeted_time < whole_time / 2,
        "stopped early: {budgeted_time:?} of {whole_time:?}"
    );
    // A budget the parse fits in changes nothing.
    let roomy = ogi_core::parse_with(
        &one,
        &Options::default().with_time_budget(Some(Duration::from_secs(3600))),
    )
    .unwrap();
    assert_eq!(roomy, ogi_core::parse(&one).unwrap());
}

/// A text with no word of a report and nothing read is not a report (a typed `content`
/// error), while a text that reads as one, however little, is a report.
#[test]
fn a_text_that_is_no_report_is_said_to_be_none() {
    for text in [
        "hello world",
        "Lorem ipsum dolor sit amet.\n\n1 2 3",
        "首页 | 新闻 | 联系我们",
    ] {
        let err = ogi_core::parse(text.as_bytes()).unwrap_err();
        assert_eq!(err.kind(), &ogi_core::ErrorKind::NotAReport, "{text}");
        assert_eq!(err.stage(), "content");
    }
    for text in [
        "主动公开政府信息38954条。",
        "某某局2019年政府信息公开工作年度报告",
        "2019年度報告：本機關主動公開政府資訊1200則",
    ] {
        assert!(ogi_core::parse(text.as_bytes()).is_ok(), "{text}");
    }
}
