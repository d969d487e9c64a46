//! The identities checked on real reports: unaltered reports pass (or fail where the report
//! itself is at fault); altering one printed number makes exactly the identities through that
//! cell fail, and each failing check names the cell and points at its bytes.

#![allow(clippy::unwrap_used)] // Tests fail by panicking.

use ogi_model::{Check, CheckStatus, Report};
use std::collections::BTreeSet;
use std::path::Path;

fn fixture(rel: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(rel),
    )
    .unwrap()
}

fn failing(report: &Report) -> BTreeSet<String> {
    report
        .checks
        .iter()
        .filter(|c| c.status == CheckStatus::Fail)
        .map(|c| c.id.clone())
        .collect()
}

fn set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|s| (*s).to_owned()).collect()
}

/// Replaces the only occurrence of `from` in `input` by `to`; returns the new input and the
/// byte offset where `to` stands.
fn alter(input: &str, from: &str, to: &str) -> (String, usize) {
    assert_eq!(input.matches(from).count(), 1, "`{from}` must occur once");
    let at = input.find(from).unwrap();
    (input.replacen(from, to, 1), at)
}

/// The check with `id`, and the cell of `row/column` in it.
fn cell_of<'a>(
    report: &'a Report,
    id: &str,
    row: &str,
    column: &str,
) -> (&'a Check, &'a ogi_model::CheckCell) {
    let check = report.checks.iter().find(|c| c.id == id).unwrap();
    let cell = check
        .cells
        .iter()
        .find(|c| c.row == row && c.column == column)
        .unwrap();
    (check, cell)
}

#[test]
fn an_altered_applicant_count_breaks_its_row_and_its_column() {
    let original = fixture("corpus/027.pipe.txt");
    let report = ogi_core::parse_str(&original).unwrap();
    assert_eq!(failing(&report), set(&[]));
    // The 法人 columns are blank: the checks say they counted them as 0.
    let balance = report
        .checks
        .iter()
        .find(|c| c.id == "requests.balance[commercial]")
        .unwrap();
    assert!(balance.blanks_as_zero && balance.status == CheckStatus::Pass);

    let (altered, _) = alter(
        &original,
        "一、本年新收政府信息公开申请数量 | 26 |",
        "一、本年新收政府信息公开申请数量 | 27 |",
    );
    let report = ogi_core::parse_str(&altered).unwrap();
    assert_eq!(
        failing(&report),
        // The text's 收到…26件 restates the 总计 cell, which still says 26.
        set(&[
            "requests.balance[natural_person]",
            "requests.row_total[new_received]"
        ])
    );
    let (check, cell) = cell_of(
        &report,
        "requests.balance[natural_person]",
        "new_received",
        "natural_person",
    );
    assert_eq!(check.delta.unwrap().to_string(), "1");
    assert_eq!(&altered[cell.span.unwrap().range()], "27");
}

#[test]
fn an_altered_total_in_pdf_text_breaks_three_identities() {
    let original = fixture("corpus/026.txt");
    assert_eq!(failing(&ogi_core::parse_str(&original).unwrap()), set(&[]));
    let (altered, at) = alter(
        &original,
        "（七）总计                           2932",
        "（七）总计                           2933",
    );
    let report = ogi_core::parse_str(&altered).unwrap();
    assert_eq!(
        failing(&report),
        set(&[
            "requests.balance[natural_person]",
            "requests.outcomes[natural_person]",
            "requests.row_total[total_handled]",
        ])
    );
    let (_, cell) = cell_of(
        &report,
        "requests.outcomes[natural_person]",
        "total_handled",
        "natural_person",
    );
    let span = cell.span.unwrap();
    assert_eq!(&altered[span.range()], "2933");
    assert!(span.start as usize > at);
}

#[test]
fn an_altered_legacy_total_breaks_the_sum_of_its_parts() {
    let original = fixture("corpus/005.txt");
    let before = failing(&ogi_core::parse_str(&original).unwrap());
    let (altered, _) = alter(
        &original,
        "受理依申请公开信息总数 条 0 0",
        "受理依申请公开信息总数 条 3 3",
    );
    let report = ogi_core::parse_str(&altered).unwrap();
    let after = failing(&report);
    let new: BTreeSet<_> = after.difference(&before).cloned().collect();
    assert_eq!(
        new,
        set(&[
            "legacy.parts[requests_received]",
            "narrative.restates[requests_received]"
        ])
    );
    let (_, cell) = cell_of(
        &report,
        "legacy.parts[requests_received]",
        "requests_received",
        "value",
    );
    assert_eq!(&altered[cell.span.unwrap().range()], "3");
}

#[test]
fn an_altered_review_total_in_a_crawler_dump() {
    let original = fixture("corpus/017.txt");
    assert_eq!(failing(&ogi_core::parse_str(&original).unwrap()), set(&[]));
    let (altered, _) = alter(
        &original,
        "总计 0 1 1 0 2 1 0 0 0 1 0 0 0 0 0",
        "总计 0 1 1 0 3 1 0 0 0 1 0 0 0 0 0",
    );
    let report = ogi_core::parse_str(&altered).unwrap();
    assert_eq!(
        failing(&report),
        set(&[
            "review_litigation.row_total[review]",
            "narrative.restates[reviews_total]"
        ])
    );
}

/// The faults real reports print, as the corpus notes describe them.
#[test]
fn faults_of_real_reports_are_found() {
    let cases: &[(&str, &[&str])] = &[
        // 015: the outcome rows add up to 26/27 while (七)总计 prints 20/21.
        (
            "corpus/015.txt",
            &[
                "requests.outcomes[natural_person]",
                "requests.outcomes[total]",
            ],
        ),
        // 024: table 四 prints totals of 0 beside non-zero parts.
        (
            "corpus/024.txt",
            &[
                "review_litigation.row_total[litigation_after_review]",
                "review_litigation.row_total[review]",
            ],
        ),
        // 025: the text says 17 applications, the table 95.
        ("corpus/025.txt", &["narrative.restates[requests_received]"]),
        // 028: (四)1 prints 3 0 0 0 0 2 5 while every count row is 0.
        (
            "corpus/028.txt",
            &[
                "requests.outcomes[natural_person]",
                "requests.outcomes[other_org]",
                "requests.outcomes[total]",
            ],
        ),
        // 008: the text says 4970 items and 1 review, the table 72804 and 0.
        (
            "corpus/008.txt",
            &[
                "narrative.restates[proactive_total]",
                "narrative.restates[reviews_total]",
            ],
        ),
    ];
    for (file, expected) in cases {
        let report = ogi_core::parse_str(&fixture(file)).unwrap();
        assert_eq!(failing(&report), set(expected), "{file}");
    }
}

/// Across years: carried over (Y) against carried forward (Y−1), and repeated reports.
#[test]
fn checks_across_years() {
    let a = ogi_core::parse_str(&fixture("corpus/017.txt")).unwrap();
    let b = ogi_core::parse_str(&fixture("corpus/018.txt")).unwrap();
    let checks = ogi_model::check::validate_set(&[&a, &b]);
    let carried: Vec<_> = checks
        .iter()
        .filter(|(_, c)| c.id.starts_with("years.carried[2023,"))
        .collect();
    assert_eq!(carried.len(), 7);
    assert!(
        carried
            .iter()
            .all(|(i, c)| *i == 1 && c.status == CheckStatus::Pass),
        "{carried:?}"
    );
    // The 2023 report with the year changed is no longer 2023's: a repeated report.
    let copy = fixture("corpus/017.txt").replace("2022", "2023");
    let c = ogi_core::parse_str(&copy).unwrap();
    let checks = ogi_model::check::validate_set(&[&a, &c]);
    let repeated = checks
        .iter()
        .find(|(_, c)| c.id == "years.repeated[2023]")
        .unwrap();
    assert_eq!(repeated.1.status, CheckStatus::Fail);
}

/// Failing rows read for reading problems: a number split across two cells, a row shifted by one
/// column.
#[test]
fn failing_rows_suggest_the_reading_problem_that_fits() {
    let original = fixture("corpus/017.txt");
    let hint_of = |from: &str, to: &str| {
        let (altered, _) = alter(&original, from, to);
        let report = ogi_core::parse_str(&altered).unwrap();
        let check = report
            .checks
            .iter()
            .find(|c| c.id == "review_litigation.row_total[review]")
            .unwrap()
            .clone();
        assert_eq!(check.status, CheckStatus::Fail);
        check.hint
    };
    // 12 printed as `1 2`: upheld and corrected joined make the row add up.
    let split = hint_of(
        "总计 0 1 1 0 2 1 0 0 0 1 0 0 0 0 0",
        "总计 1 2 0 0 12 1 0 0 0 1 0 0 0 0 0",
    );
    assert!(
        split
            .as_deref()
            .is_some_and(|h| h.contains("`upheld` and `corrected` read as 12")),
        "{split:?}"
    );
    // The parts add up into the pending column: shifted by one.
    let shifted = hint_of(
        "总计 0 1 1 0 2 1 0 0 0 1 0 0 0 0 0",
        "总计 1 1 0 2 0 1 0 0 0 1 0 0 0 0 0",
    );
    assert!(
        shifted.as_deref().is_some_and(|h| h.contains("shifted")),
        "{shifted:?}"
    );
    // A plain wrong total suggests nothing.
    let plain = hint_of(
        "总计 0 1 1 0 2 1 0 0 0 1 0 0 0 0 0",
        "总计 0 1 1 0 5 1 0 0 0 1 0 0 0 0 0",
    );
    assert_eq!(plain, None);
}

fn codes(report: &Report) -> BTreeSet<String> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.code.is_structural())
        .map(|d| format!("{}@{}", d.code.key(), d.span.map_or(0, |s| s.start)))
        .collect()
}

/// Structure: required tables missing, the template not the year's, headings out of order.
#[test]
fn structural_faults_are_diagnosed() {
    let original = fixture("corpus/027.pipe.txt");
    assert_eq!(codes(&ogi_core::parse_str(&original).unwrap()), set(&[]));

    // Seed 003 prints the 2021 headings but none of their tables.
    let seed = fixture("seeds/003_a932651d7d736ac0.txt");
    let report = ogi_core::parse_str(&seed).unwrap();
    let missing: Vec<&str> = report
        .diagnostics
        .iter()
        .filter(|d| d.code.key() == "table.missing")
        .map(|d| &seed[d.span.unwrap().range()])
        .collect();
    assert_eq!(
        missing,
        [
            "二、主动公开政府信息情况",
            "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况"
        ]
    );

    // The 2021 template in a report that says it covers 2018.
    let report = ogi_core::parse_str(&original.replace("2023", "2018")).unwrap();
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.code.key() == "format.year" && d.message.contains("2018")),
        "{:?}",
        report.diagnostics
    );

    // 六、 printed where 四、 belongs.
    let (altered, at) = alter(
        &original,
        "四、政府信息公开行政复议",
        "六、政府信息公开行政复议",
    );
    let report = ogi_core::parse_str(&altered).unwrap();
    let order: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code.key() == "outline.order")
        .collect();
    assert!(
        order.iter().any(|d| d.span.unwrap().start as usize >= at),
        "{order:?}"
    );
}
