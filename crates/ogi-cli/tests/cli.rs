//! The `ogi` binary, run as a user runs it.

#![allow(clippy::unwrap_used)] // Tests fail by panicking.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn ogi(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ogi"))
        .args(args)
        .output()
        .unwrap()
}

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ogi-core/tests/fixtures/seeds")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn tidy_is_the_schema_csv() {
    let path = seeds().join("002_c41c9a6468e2aa6e.txt");
    let o = ogi(&["parse", "--format", "tidy", path.to_str().unwrap()]);
    assert!(o.status.success());
    let out = stdout(&o);
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("source,table,row,column,value"));
    let rows: Vec<&str> = lines.collect();
    assert!(rows.iter().any(|l| l.ends_with(",meta,year,value,2020")));
    assert!(
        rows.iter()
            .any(|l| l.ends_with(",requests,new_received,commercial,0"))
    );
    assert_eq!(
        rows.iter()
            .filter(|l| l.contains(",review_litigation,"))
            .count(),
        15
    );
}

#[test]
fn folders_are_read_recursively_in_sorted_order() {
    let o = ogi(&["parse", "--format", "jsonl", seeds().to_str().unwrap()]);
    assert!(o.status.success());
    let sources: Vec<String> = stdout(&o)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["source"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    // The gold files are listed after the reports, as skipped, with the reason.
    assert_eq!(sources.len(), 10);
    let docs: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    for d in &docs[5..] {
        assert_eq!(d["status"], "skipped", "{d}");
        assert!(d["source"].as_str().unwrap().ends_with(".gold.json"));
        assert!(
            d["reason"]
                .as_str()
                .unwrap()
                .contains("not a report file type")
        );
    }
    let stderr = String::from_utf8(o.stderr.clone()).unwrap();
    assert!(stderr.contains(", 5 skipped"), "{stderr}");
    let sources = &sources[..5];
    let mut sorted = sources.to_vec();
    sorted.sort();
    assert_eq!(sources, sorted);
}

#[test]
fn a_bad_file_is_named_and_the_others_still_come_out() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let good = seeds().join("004_d0ad4e6dd563e698.txt");
    let missing = dir.path().join("missing.txt");
    let o = ogi(&[
        "parse",
        "--format",
        "json",
        empty.to_str().unwrap(),
        good.to_str().unwrap(),
        missing.to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "files failed while one came through"
    );
    let stderr = String::from_utf8(o.stderr.clone()).unwrap();
    assert!(stderr.contains("empty.txt: the input is empty"), "{stderr}");
    assert!(stderr.contains("missing.txt: "), "{stderr}");
    assert!(
        stderr.contains("3 files: 0 ok, 1 partial, 2 failed (decode 1, read 1)"),
        "{stderr}"
    );
    // Every input is accounted for in the output, in input order.
    let docs: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let status: Vec<_> = docs
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["status"].as_str().unwrap(), d["stage"].as_str()))
        .collect();
    assert_eq!(
        status,
        [
            ("failed", Some("decode")),
            ("partial", None),
            ("failed", Some("read"))
        ]
    );
    assert_eq!(docs[1]["reason"], "meta.year_conflict");
    assert_eq!(docs[1]["report"]["meta"]["format"], "legacy");
}

#[test]
fn nothing_processed_is_a_failure() {
    let dir = tempfile::tempdir().unwrap();
    let binary = dir.path().join("x.txt");
    std::fs::write(&binary, b"\x00\x01\x02").unwrap();
    let o = ogi(&["parse", binary.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "nothing read");
    assert!(String::from_utf8(o.stderr).unwrap().contains("binary"));
    // Wrong arguments are usage errors, and so are options that contradict each other.
    assert_eq!(
        ogi(&["parse", "--format", "xml", "x"]).status.code(),
        Some(2)
    );
    assert_eq!(ogi(&["parse"]).status.code(), Some(2));
    let seed = seeds().join("002_c41c9a6468e2aa6e.txt");
    let seed = seed.to_str().unwrap();
    for args in [
        &["parse", "--wide", "--format", "tidy", seed][..],
        &["parse", "--wide", "-o", "out.json", seed][..],
        &["check", "--all", seed][..],
    ] {
        let o = ogi(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(!Path::new("out.json").exists());
    }
    // An empty folder: nothing to read.
    let empty = tempfile::tempdir().unwrap();
    assert_eq!(
        ogi(&["parse", empty.path().to_str().unwrap()])
            .status
            .code(),
        Some(2)
    );
}

/// `ogi check` run from the fixtures folder, so that the paths it prints are relative.
fn check(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ogi"))
        .arg("check")
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../ogi-core/tests/fixtures"))
        .output()
        .unwrap()
}

#[test]
fn check_annotates_the_cells_of_failing_identities() {
    let o = check(&["corpus/024.txt"]);
    assert_eq!(o.status.code(), Some(1), "a hard check fails");
    insta::assert_snapshot!(stdout(&o));
}

/// Seed 003 announces the three tables of the 2019 template and holds none (lost when the page
/// was scraped): each is shown as not read, and the run fails although no identity does;
/// `--allow-partial` passes it.
#[test]
fn check_reports_structure_and_tables_announced_but_not_read() {
    let o = check(&["seeds/003_a932651d7d736ac0.txt", "corpus/027.pipe.txt"]);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!(stdout(&o));
    let relaxed = check(&[
        "--allow-partial",
        "seeds/003_a932651d7d736ac0.txt",
        "corpus/027.pipe.txt",
    ]);
    assert_eq!(relaxed.status.code(), Some(0));
}

#[test]
fn check_json_gives_the_same_as_data() {
    let o = check(&["--format", "json", "corpus/024.txt", "corpus/025.txt"]);
    assert_eq!(o.status.code(), Some(1));
    let docs: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let ids: Vec<&str> = docs
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["checks"].as_array().unwrap())
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "review_litigation.row_total[review]",
            "review_litigation.row_total[litigation_after_review]",
            "narrative.restates[requests_received]"
        ]
    );
    // Each check names its identity's formula, in Chinese and in English.
    let first = &docs[0]["checks"][0];
    assert_eq!(
        first["identity_label"],
        "总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结"
    );
    assert_eq!(
        first["identity_label_en"],
        "Total = upheld + corrected + other + pending"
    );
    let total = &docs[0]["checks"][0]["cells"][0];
    assert_eq!(total["column"], "total");
    assert_eq!(total["value"], 0);
    assert!(total["span"].is_array());

    let all = check(&["--format", "json", "--all", "corpus/024.txt"]);
    let docs: serde_json::Value = serde_json::from_slice(&all.stdout).unwrap();
    assert!(docs[0]["checks"].as_array().unwrap().len() > 40);
}

/// A table not fully read fails `ogi check` (017 loses a row of table 二 to a glued digit run
/// it cannot split), with the coverage shown under the heading; `--allow-partial` lets it pass.
#[test]
fn check_fails_on_tables_not_fully_read() {
    let o = check(&["corpus/017.txt"]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(
        text.contains("[coverage] proactive (主动公开政府信息情况): 7 of 10 cells read"),
        "{text}"
    );
    assert!(
        text.contains("missing: normative_docs (issued, repealed, in_force)"),
        "{text}"
    );
    assert!(text.contains("2 of 3 table(s) fully read"), "{text}");
    assert_eq!(
        check(&["--allow-partial", "corpus/017.txt"]).status.code(),
        Some(0)
    );
    let json = check(&["--format", "json", "corpus/017.txt"]);
    assert_eq!(json.status.code(), Some(1));
    let docs: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let proactive = &docs[0]["coverage"][1];
    assert_eq!(proactive["table"], "proactive");
    assert_eq!(
        (proactive["expected"].as_u64(), proactive["read"].as_u64()),
        (Some(10), Some(7))
    );
    assert!(proactive["announced"].is_array());
}

#[test]
fn check_across_years_of_one_agency() {
    let o = check(&[
        "--format",
        "json",
        "--all",
        "corpus/017.txt",
        "corpus/018.txt",
    ]);
    let docs: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let carried = docs[1]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["identity"] == "years.carried")
        .count();
    assert_eq!(carried, 7);
}

/// Reports of one body under two spellings (洪泽区人民政府 2023, 淮安市洪泽区人民政府 2024) are
/// one agency for the checks across years: they share the agency key.
#[test]
fn check_across_years_pairs_reports_by_the_agency_key() {
    let o = check(&[
        "--format",
        "json",
        "--all",
        "corpus/024.txt",
        "corpus/025.txt",
    ]);
    let docs: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let carried: Vec<&serde_json::Value> = docs[1]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["identity"] == "years.carried")
        .collect();
    assert_eq!(carried.len(), 7);
    assert_eq!(
        carried[0]["identity_label_en"],
        "Carried over (Y) = carried forward (Y-1)"
    );
}

/// An output that cannot be written (a full disk) is an error, in `check` as in `parse`.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_an_error() {
    let full = || {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap()
    };
    let seeds = seeds();
    for args in [&["check", "--allow-partial"][..], &["parse"][..]] {
        let o = Command::new(env!("CARGO_BIN_EXE_ogi"))
            .args(args)
            .arg(&seeds)
            .stdout(full())
            .output()
            .unwrap();
        let stderr = String::from_utf8(o.stderr).unwrap();
        assert_eq!(o.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains("No space left"), "{args:?}: {stderr}");
    }
}

/// On a page printed on one long line, `check` shows the rendered row and names the cell's
/// byte in the file, not a column of the markup line it would otherwise crop.
#[test]
fn check_locates_cells_in_the_file_not_the_cropped_line() {
    let dir = tempfile::tempdir().unwrap();
    let cells: String = [1, 1, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
        .iter()
        .map(|c| ["<td>", &c.to_string(), "</td>"].concat())
        .collect();
    let page = format!(
        "<html><body><p>{}</p><p>四、政府信息公开行政复议、行政诉讼情况</p><table><tr>{cells}</tr></table></body></html>",
        "说明".repeat(200)
    );
    let path = dir.path().join("long.html");
    std::fs::write(&path, &page).unwrap();
    let byte = page.find("<td>5</td>").unwrap() + 4;
    let o = ogi(&["check", path.to_str().unwrap()]);
    let out = stdout(&o);
    // A page shows its rendered row, not its markup, and names the cell's byte in the file.
    assert!(
        out.contains(&format!(
            "long.html, byte {byte} (line 3 of the rendered page)"
        )),
        "{out}"
    );
    assert!(
        out.contains("1 | 1 | 0 | 0 | 5 | 0") && !out.contains("<td>"),
        "{out}"
    );
}

/// Shell completions and a manual page that documents the exit statuses.
#[test]
fn completions_and_a_manual_page() {
    for shell in ["bash", "zsh", "fish"] {
        let o = ogi(&["completions", shell]);
        assert!(o.status.success(), "{shell}");
        assert!(stdout(&o).contains("parse"), "{shell}");
    }
    let man = ogi(&["man"]);
    assert!(man.status.success());
    let page = stdout(&man);
    assert!(
        page.starts_with(".ie") && page.contains(".TH ogi 1"),
        "{page}"
    );
    assert!(
        page.contains("Exit status"),
        "the exit statuses are documented"
    );
}

/// A folder of `n` copies of the bundled seeds.
fn many_copies(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let seeds: Vec<PathBuf> = std::fs::read_dir(seeds())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    for i in 0..n {
        let sub = dir.path().join(format!("{i:04}"));
        std::fs::create_dir(&sub).unwrap();
        for s in &seeds {
            std::fs::copy(s, sub.join(s.file_name().unwrap())).unwrap();
        }
    }
    dir
}

#[test]
fn output_files_take_their_format_from_the_extension() {
    let dir = tempfile::tempdir().unwrap();
    // The seeds without their gold files.
    let input = dir.path().join("seeds");
    std::fs::create_dir(&input).unwrap();
    for entry in std::fs::read_dir(seeds()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            std::fs::copy(&path, input.join(path.file_name().unwrap())).unwrap();
        }
    }
    for (name, wide, check) in [
        ("out.jsonl", false, "jsonl"),
        ("out.csv", false, "tidy"),
        ("out.csv", true, "wide"),
        ("out.json", false, "json"),
    ] {
        let out = dir.path().join(name);
        let mut args = vec![
            "parse",
            "-o",
            out.to_str().unwrap(),
            input.to_str().unwrap(),
        ];
        if wide {
            args.insert(1, "--wide");
        }
        let o = ogi(&args);
        assert!(o.status.success(), "{name}");
        assert!(o.stdout.is_empty(), "{name}: the output goes to the file");
        let text = std::fs::read_to_string(&out).unwrap();
        match check {
            "jsonl" => {
                let lines: Vec<serde_json::Value> = text
                    .lines()
                    .map(|l| serde_json::from_str(l).unwrap())
                    .collect();
                assert_eq!(lines.len(), 5);
                assert!(
                    lines
                        .iter()
                        .all(|d| d["status"] == "ok" || d["status"] == "partial")
                );
            }
            "json" => {
                let docs: serde_json::Value = serde_json::from_str(&text).unwrap();
                assert_eq!(docs.as_array().unwrap().len(), 5);
            }
            "tidy" => {
                assert!(text.starts_with("source,table,row,column,value\n"));
                let status = text
                    .lines()
                    .filter(|l| l.contains(",meta,status,value,"))
                    .count();
                assert_eq!(status, 5, "one status row per file");
                // The reason names the tables not fully read, then the warnings.
                assert!(text.contains(",meta,status,reason,") && text.contains("table.missing×3"));
            }
            _ => {
                let mut rows = csv::Reader::from_reader(text.as_bytes());
                let header = rows.headers().unwrap().clone();
                assert_eq!(&header[0], "source");
                assert_eq!(&header[1], "status");
                let col = header
                    .iter()
                    .position(|h| h == "requests.new_received.total")
                    .unwrap();
                let records: Vec<csv::StringRecord> = rows.records().map(|r| r.unwrap()).collect();
                assert_eq!(records.len(), 5);
                assert!(records.iter().all(|r| r.len() == header.len()));
                // Seed 002 (昭通市政务服务管理局 2020) prints 一、本年新收 … 总计 0; seed 004
                // (a 2016 统计表) has no requests table, but 主动公开信息数 340.
                let seed002 = records.iter().find(|r| r[0].contains("002_")).unwrap();
                assert_eq!(&seed002[col], "0");
                let year = header.iter().position(|h| h == "year").unwrap();
                assert_eq!(&seed002[year], "2020");
                let seed004 = records.iter().find(|r| r[0].contains("004_")).unwrap();
                assert_eq!(&seed004[col], "");
                let legacy = header
                    .iter()
                    .position(|h| h == "legacy.proactive_total.value")
                    .unwrap();
                assert_eq!(&seed004[legacy], "340");
            }
        }
    }
}

/// The record batches of a Parquet or Arrow IPC file.
fn read_columns(path: &Path) -> Vec<arrow_array::RecordBatch> {
    let file = std::fs::File::open(path).unwrap();
    if path.extension().is_some_and(|e| e == "parquet") {
        parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
            .unwrap()
            .build()
            .unwrap()
            .map(Result::unwrap)
            .collect()
    } else {
        arrow_ipc::reader::FileReader::try_new(file, None)
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }
}

#[test]
fn parquet_and_arrow_outputs_are_typed_tidy_or_wide() {
    use arrow_array::Array;
    use arrow_array::cast::AsArray;
    use arrow_array::types::Int64Type;
    use arrow_schema::DataType;
    let dir = tempfile::tempdir().unwrap();
    let seeds = seeds();
    for (name, wide) in [
        ("out.parquet", false),
        ("panel.parquet", true),
        ("out.arrow", false),
        ("panel.feather", true),
    ] {
        let out = dir.path().join(name);
        let mut args = vec![
            "parse",
            "-o",
            out.to_str().unwrap(),
            seeds.to_str().unwrap(),
        ];
        if wide {
            args.insert(1, "--wide");
        }
        let o = ogi(&args);
        assert!(
            o.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let batches = read_columns(&out);
        let schema = batches[0].schema();
        let kind = |n: &str| schema.field_with_name(n).unwrap().data_type().clone();
        assert_eq!(kind("year"), DataType::Int64, "{name}");
        assert_eq!(kind("published"), DataType::Date32, "{name}");
        assert_eq!(kind("status"), DataType::Utf8, "{name}");
        let rows: usize = batches.iter().map(arrow_array::RecordBatch::num_rows).sum();
        let batch = arrow_select_concat(&batches);
        let source = batch
            .column_by_name("source")
            .unwrap()
            .as_string::<i32>()
            .clone();
        let status = batch
            .column_by_name("status")
            .unwrap()
            .as_string::<i32>()
            .clone();
        // The five reports and the five gold files, skipped.
        let skipped = (0..rows).filter(|&i| status.value(i) == "skipped").count();
        assert_eq!(skipped, 5, "{name}");
        if wide {
            assert_eq!(rows, 10, "{name}");
            assert_eq!(kind("requests.new_received.total"), DataType::Int64);
            assert_eq!(kind("proactive.fees.amount"), DataType::Float64);
            let total = batch
                .column_by_name("requests.new_received.total")
                .unwrap()
                .as_primitive::<Int64Type>()
                .clone();
            let seed002 = (0..rows)
                .find(|&i| source.value(i).contains("002_"))
                .unwrap();
            assert_eq!(total.value(seed002), 0);
            let seed004 = (0..rows)
                .find(|&i| source.value(i).contains("004_"))
                .unwrap();
            assert!(total.is_null(seed004));
        } else {
            assert_eq!(kind("value"), DataType::Float64);
            assert_eq!(kind("marker"), DataType::Utf8);
            // As many cells as the tidy CSV has values outside meta.
            let csv = ogi(&["parse", "--format", "tidy", seeds.to_str().unwrap()]);
            let cells = stdout(&csv)
                .lines()
                .filter(|l| !l.contains(",meta,"))
                .count()
                - 1;
            assert_eq!(
                rows,
                cells + 5,
                "{name}: the cells, and a row per skipped file"
            );
        }
    }
    // To standard output when it is not a terminal: the same file.
    let o = ogi(&[
        "parse",
        "--format",
        "parquet",
        "--quiet",
        seeds.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    assert!(o.stdout.starts_with(b"PAR1") && o.stdout.ends_with(b"PAR1"));
}

/// The batches as one.
fn arrow_select_concat(batches: &[arrow_array::RecordBatch]) -> arrow_array::RecordBatch {
    arrow_select::concat::concat_batches(&batches[0].schema(), batches).unwrap()
}

#[test]
fn parallel_output_is_in_input_order_and_the_same_as_serial() {
    let dir = many_copies(8);
    let path = dir.path().to_str().unwrap();
    let serial = ogi(&["parse", "-j", "1", "--format", "tidy", path]);
    let parallel = ogi(&["parse", "-j", "4", "--format", "tidy", path]);
    assert!(serial.status.success() && parallel.status.success());
    assert_eq!(serial.stdout, parallel.stdout);
    let stderr = String::from_utf8(parallel.stderr).unwrap();
    assert!(stderr.contains("40 files: "), "{stderr}");
}

#[test]
fn ctrl_c_leaves_a_valid_output_of_what_was_finished() {
    let dir = many_copies(400);
    let out = dir.path().join("out.json");
    let child = Command::new(env!("CARGO_BIN_EXE_ogi"))
        .args(["parse", "-j", "1", "-o", out.to_str().unwrap()])
        .arg(dir.path())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until it has written something, then interrupt it.
    for _ in 0..200 {
        if std::fs::metadata(&out).is_ok_and(|m| m.len() > 10_000) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let killed = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let o = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(o.stderr).unwrap();
    let docs: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap())
        .unwrap_or_else(|e| panic!("the output is valid JSON: {e}; {stderr}"));
    let n = docs.as_array().unwrap().len();
    if o.status.code() == Some(130) {
        assert!(n < 2000, "stopped early: {n}");
        assert!(
            stderr.contains(&format!("interrupted after {n} of 2000 files")),
            "{stderr}"
        );
    } else {
        // The run finished before the signal arrived: everything is there.
        assert_eq!(n, 2000, "{stderr}");
    }
}

/// A folder of one small report and one that takes seconds to parse (a report repeated to
/// 56 MiB, under the default input limit: a few seconds in a release build, where 24 MB once
/// took over 3 and now takes 1.3), for signals arriving while a file is being parsed.
fn slow_folder() -> tempfile::TempDir {
    let report = std::fs::read(seeds().join("002_c41c9a6468e2aa6e.txt")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), &report).unwrap();
    let mut big = Vec::new();
    while big.len() < 56 << 20 {
        big.extend_from_slice(&report);
        big.push(b'\n');
    }
    std::fs::write(dir.path().join("b.txt"), big).unwrap();
    dir
}

/// `--timeout`: a file that takes longer is a `limit` failure named in the output, and the
/// others come through; a timeout that is not a number of seconds is a usage error. A text
/// that is no report is a `content` failure.
#[test]
fn a_file_over_the_time_budget_fails_and_the_others_come_through() {
    let dir = slow_folder();
    std::fs::write(dir.path().join("c.txt"), "hello world\n").unwrap();
    let o = ogi(&[
        "--timeout",
        "1",
        "parse",
        "--format",
        "jsonl",
        dir.path().to_str().unwrap(),
    ]);
    let docs: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let got: Vec<_> = docs
        .iter()
        .map(|d| (d["status"].as_str().unwrap(), d["stage"].as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("ok", None),
            ("failed", Some("limit")),
            ("failed", Some("content"))
        ]
    );
    assert!(
        docs[1]["error"]
            .as_str()
            .unwrap()
            .contains("time budget of 1s")
    );
    assert_eq!(o.status.code(), Some(1), "some failed, others read");
    for bad in ["-1", "nan", "inf", "soon"] {
        let seed = seeds().join("002_c41c9a6468e2aa6e.txt");
        let o = ogi(&["--timeout", bad, "parse", seed.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2), "{bad}");
    }
}

/// SIGTERM (or Ctrl-C) while a file is being parsed: the file gets a second to finish, then
/// is abandoned, and the output is closed validly in every format; a second signal closes it
/// at once.
#[cfg(unix)]
#[test]
fn a_stop_signal_while_a_file_is_parsed_closes_the_output_within_seconds() {
    let dir = slow_folder();
    for (format, signals) in [
        ("json", &["-TERM"][..]),
        ("jsonl", &["-INT"][..]),
        ("tidy", &["-TERM"][..]),
        ("wide", &["-INT", "-INT"][..]),
    ] {
        let child = Command::new(env!("CARGO_BIN_EXE_ogi"))
            .args(["parse", "-j", "1", "--no-progress", "--format", format])
            .args(["--max-input-mb", "100"])
            .arg(dir.path())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(300));
        let sent = std::time::Instant::now();
        for signal in signals {
            assert!(
                Command::new("kill")
                    .args([*signal, &child.id().to_string()])
                    .status()
                    .unwrap()
                    .success()
            );
        }
        let o = child.wait_with_output().unwrap();
        let took = sent.elapsed();
        let stderr = String::from_utf8(o.stderr).unwrap();
        // Parsing the big file takes far longer than this (seconds in a release build).
        assert!(took.as_secs() < 5, "{format}: {took:?}; {stderr}");
        assert_eq!(o.status.code(), Some(130), "{format}: {stderr}");
        assert!(stderr.contains("interrupted"), "{stderr}");
        let out = String::from_utf8(o.stdout).unwrap();
        match format {
            "json" => {
                let docs: serde_json::Value =
                    serde_json::from_str(&out).unwrap_or_else(|e| panic!("valid JSON: {e}: {out}"));
                assert!(docs.as_array().unwrap().len() <= 1);
            }
            "jsonl" => {
                for line in out.lines() {
                    let _: serde_json::Value = serde_json::from_str(line).unwrap();
                }
            }
            _ => {
                let mut csv = csv::Reader::from_reader(out.as_bytes());
                let width = csv.headers().unwrap().len();
                for record in csv.records() {
                    assert_eq!(record.unwrap().len(), width, "{format}");
                }
            }
        }
        assert!(
            !out.contains("b.txt"),
            "{format}: the big file was not finished"
        );
    }
}

/// File names that are not UTF-8 are written without loss (two names differing in one byte
/// stay two names), and control characters in names reach standard error escaped.
#[cfg(unix)]
#[test]
fn odd_file_names_are_kept_and_shown_safely() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let name = |b: &[u8]| dir.path().join(std::ffi::OsStr::from_bytes(b));
    let report = std::fs::read(seeds().join("002_c41c9a6468e2aa6e.txt")).unwrap();
    std::fs::write(name(b"b\xff.txt"), &report).unwrap();
    std::fs::write(name(b"b\xfe.txt"), &report).unwrap();
    std::fs::write(name(b"c\x1b[31mred.txt"), b"").unwrap();
    let o = ogi(&["parse", "--format", "jsonl", dir.path().to_str().unwrap()]);
    let sources: Vec<String> = stdout(&o)
        .lines()
        .map(|l| {
            let doc: serde_json::Value = serde_json::from_str(l).unwrap();
            doc["source"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(
        sources,
        ["b\\xfe.txt", "b\\xff.txt", "c\u{1b}[31mred.txt"],
        "sorted by their bytes, each named as it is"
    );
    let stderr = String::from_utf8(o.stderr).unwrap();
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
    assert!(
        stderr.contains("c\\u{1b}[31mred.txt: the input is empty"),
        "{stderr}"
    );
}

/// Every hostile input of the repository (`crates/ogi-core/tests/hostile`,
/// `crates/ogi-pdf/tests/hostile`) in one batch with good reports, run with its address space
/// limited to 3 GB (the span bomb alone once took 11 GB): the batch ends, the output is valid,
/// every file is in it once, and the good reports are read.
#[cfg(unix)]
#[test]
fn hostile_files_in_a_batch_under_a_memory_limit() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let dir = tempfile::tempdir().unwrap();
    let mut names = Vec::new();
    for folder in ["ogi-core/tests/hostile", "ogi-pdf/tests/hostile"] {
        for entry in std::fs::read_dir(root.join(folder)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e != "md") {
                let name = path.file_name().unwrap().to_str().unwrap().to_owned();
                std::fs::copy(&path, dir.path().join(&name)).unwrap();
                names.push(name);
            }
        }
    }
    let fixtures = root.join("ogi-core/tests/fixtures/corpus");
    std::fs::copy(fixtures.join("024.txt"), dir.path().join("a_good.txt")).unwrap();
    std::fs::copy(fixtures.join("027.html"), dir.path().join("z_good.html")).unwrap();
    names.extend(["a_good.txt".to_owned(), "z_good.html".to_owned()]);
    names.sort();
    let o = Command::new("sh")
        .arg("-c")
        .arg(r#"ulimit -v 3000000 && exec "$0" parse --format jsonl "$1""#)
        .arg(env!("CARGO_BIN_EXE_ogi"))
        .arg(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(
        o.status.code(),
        Some(1),
        "some failed, others read: {stderr}"
    );
    let docs: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let got: Vec<String> = docs
        .iter()
        .map(|d| {
            d["source"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(got, names, "every file once, in order");
    for d in &docs {
        let status = d["status"].as_str().unwrap();
        assert!(["ok", "partial", "failed"].contains(&status), "{d}");
        if status == "failed" {
            assert!(
                ["extract", "limit", "decode", "content"].contains(&d["stage"].as_str().unwrap()),
                "{d}"
            );
        }
    }
    assert_eq!(docs[0]["status"], "ok");
    assert_eq!(docs[docs.len() - 1]["status"], "ok");
    assert!(
        !stderr.contains("panicked"),
        "no panic reaches the user: {stderr}"
    );
}

/// `-` reads standard input and `-o -` writes standard output.
#[test]
fn a_dash_is_standard_input_and_output() {
    use std::io::Write;
    let report = std::fs::read(seeds().join("002_c41c9a6468e2aa6e.txt")).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_ogi"))
        .args(["parse", "--format", "tidy", "-o", "-", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&report).unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = stdout(&o);
    assert!(out.contains("-,meta,year,value,2020"), "{out}");
    assert!(!Path::new("-").exists(), "no file named -");
}

/// An output that is one of the inputs is refused before anything is written.
#[test]
fn an_output_naming_an_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("a.json");
    let report = std::fs::read(seeds().join("002_c41c9a6468e2aa6e.txt")).unwrap();
    std::fs::write(&input, &report).unwrap();
    let o = ogi(&[
        "parse",
        "-o",
        input.to_str().unwrap(),
        input.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8(o.stderr)
            .unwrap()
            .contains("one of the inputs")
    );
    assert_eq!(
        std::fs::read(&input).unwrap(),
        report,
        "the input is untouched"
    );
}

/// A name a spreadsheet would run as a formula is written as text.
#[test]
fn csv_cells_that_would_be_formulas_are_defused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("=1+1.txt");
    std::fs::write(
        &path,
        "标题：=HYPERLINK(\"http://evil.example/\",\"x\")某县人民政府2023年政府信息公开年度报告\n",
    )
    .unwrap();
    for format in ["tidy", "wide"] {
        let o = ogi(&["parse", "--format", format, path.to_str().unwrap()]);
        let mut csv = csv::Reader::from_reader(o.stdout.as_slice());
        for record in csv.records() {
            for field in &record.unwrap() {
                assert!(
                    !field.starts_with(['=', '+', '@']) && !field.starts_with("-c"),
                    "{format}: {field}"
                );
            }
        }
    }
}

#[test]
fn pdfs_are_read_in_folders_and_alone() {
    let pdfs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ogi-pdf/tests/fixtures");
    let o = ogi(&["parse", "--format", "jsonl", pdfs.to_str().unwrap()]);
    assert!(o.status.success());
    let docs: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|d| d["status"] != "skipped")
        .collect();
    // The three corpus PDFs and the printed ones in `printed/` and `unruled/`, not their gold
    // files.
    let printed: usize = ["printed", "unruled"]
        .iter()
        .map(|dir| {
            std::fs::read_dir(pdfs.join(dir))
                .unwrap()
                .filter(|e| {
                    e.as_ref()
                        .unwrap()
                        .path()
                        .extension()
                        .is_some_and(|x| x == "pdf")
                })
                .count()
        })
        .sum();
    assert_eq!(docs.len(), 3 + printed, "the PDFs, not their gold files");
    for d in &docs {
        let container = &d["report"]["meta"]["container"];
        assert_eq!(container["format"], "pdf");
        assert!(container["pages"].as_array().unwrap().len() >= 2);
    }
    // `ogi text` shows the extracted text the spans index.
    let text = ogi(&["text", pdfs.join("024.pdf").to_str().unwrap()]);
    assert!(text.status.success());
    assert!(stdout(&text).contains("一、本年新收政府信息公开申请数量"));
}

#[test]
fn inputs_over_the_size_limit_are_refused_by_name() {
    let big = seeds().join("004_d0ad4e6dd563e698.txt");
    let small = seeds().join("002_c41c9a6468e2aa6e.txt");
    // Both are about 9 KB; a limit of 0 MB refuses both, and says why.
    let o = ogi(&[
        "parse",
        "--max-input-mb",
        "0",
        "--format",
        "jsonl",
        big.to_str().unwrap(),
        small.to_str().unwrap(),
    ]);
    assert!(!o.status.success(), "nothing could be processed");
    let docs: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(
        docs.iter()
            .all(|d| d["status"] == "failed" && d["stage"] == "limit")
    );
    let stderr = String::from_utf8(o.stderr).unwrap();
    assert!(
        stderr.contains(
            "004_d0ad4e6dd563e698.txt: the input has 9562 bytes, more than the limit of 0"
        ),
        "{stderr}"
    );
    // The default limit reads them.
    assert!(ogi(&["parse", big.to_str().unwrap()]).status.success());
}

/// A folder of broken inputs of every kind, made from the bundled reports (the Python tests
/// make the same).
fn hostile_folder() -> tempfile::TempDir {
    use std::io::Write;
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ogi-core/tests/fixtures");
    let report = std::fs::read(fixtures.join("corpus/024.txt")).unwrap();
    let page = std::fs::read(fixtures.join("corpus/027.html")).unwrap();
    let word = std::fs::read(fixtures.join("inputs/027.docx")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.path().join(name), bytes).unwrap();

    write("a_good.txt", &report);
    write("b_empty.txt", b"");
    write("c_binary.txt", &[0u8, 1, 2, 3, 0xFF, 0xFE].repeat(100));
    // Cut in the middle of a character.
    let mut cut = report.len() / 2;
    while report[cut] & 0xC0 != 0x80 {
        cut += 1;
    }
    write("d_truncated.txt", &report[..cut]);
    write("e_truncated.html", &page[..page.len() * 2 / 3]);
    write("f_truncated.docx", &word[..word.len() / 2]);
    // A paragraph of the UTF-8 report in GBK.
    let text = std::str::from_utf8(&report).unwrap();
    let at = text.find("二、").unwrap();
    let end = at + text[at..].find('\n').unwrap();
    let mut mixed = report[..at].to_vec();
    mixed.extend_from_slice(&encoding_rs::GBK.encode(&text[at..end]).0);
    mixed.extend_from_slice(&report[end..]);
    write("g_mixed.txt", &mixed);
    // 4 MB of XML deflating to a few KB, over a limit of 1 MB.
    let mut bomb = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    bomb.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    bomb.write_all(&vec![b' '; 4 << 20]).unwrap();
    write("h_bomb.docx", &bomb.finish().unwrap().into_inner());
    write("i_good.txt", &report);
    dir
}

/// Broken inputs of every kind: each is reported with a clear reason, or read with diagnostics
/// that say what was wrong, and the rest of the batch goes on.
#[test]
fn hostile_inputs_are_each_reported_and_the_rest_goes_on() {
    let dir = hostile_folder();
    let o = ogi(&[
        "parse",
        "--max-input-mb",
        "1",
        "--format",
        "jsonl",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "some files failed, others came through"
    );
    let docs: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let got: Vec<_> = docs
        .iter()
        .map(|d| {
            let name = Path::new(d["source"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .to_owned();
            let why = d["stage"].as_str().or(d["reason"].as_str()).unwrap_or("");
            (
                name,
                d["status"].as_str().unwrap().to_owned(),
                why.to_owned(),
            )
        })
        .collect();
    let expected = [
        ("a_good.txt", "ok", ""),
        ("b_empty.txt", "failed", "decode"),
        ("c_binary.txt", "failed", "decode"),
        (
            "d_truncated.txt",
            "partial",
            "requests 7/175 decode.malformed table.missing",
        ),
        (
            "e_truncated.html",
            "partial",
            "requests 105/175 row.cell_count table.missing",
        ),
        ("f_truncated.docx", "failed", "extract"),
        ("g_mixed.txt", "partial", "decode.mixed"),
        ("h_bomb.docx", "failed", "limit"),
        ("i_good.txt", "ok", ""),
    ];
    let expected: Vec<_> = expected
        .iter()
        .map(|(n, s, w)| ((*n).to_owned(), (*s).to_owned(), (*w).to_owned()))
        .collect();
    assert_eq!(got, expected);

    // The mixed file reads as the good one does: the GBK paragraph is its heading.
    let values = |d: &serde_json::Value| -> Vec<(String, String, serde_json::Value)> {
        d["report"]["requests"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                let key = |k: &str| c[k].as_str().unwrap().to_owned();
                (key("row"), key("column"), c["value"].clone())
            })
            .collect()
    };
    assert_eq!(values(&docs[6]).len(), 161);
    assert_eq!(values(&docs[6]), values(&docs[0]));
    assert_eq!(docs[6]["report"]["meta"]["year"]["value"], 2023);
    let stderr = String::from_utf8(o.stderr).unwrap();
    for line in [
        "b_empty.txt: the input is empty",
        "c_binary.txt: the input is binary, not text (66% of its first characters read as UTF-16BE are control characters)",
        "f_truncated.docx: the docx file could not be read: ",
        "h_bomb.docx: the docx file inflates to more than the limit of 1048576 bytes",
        "9 files: 2 ok, 3 partial, 4 failed (decode 2, extract 1, limit 1)",
    ] {
        assert!(stderr.contains(line), "{line}\n{stderr}");
    }
}

/// `ogi vocab` prints the data dictionary in every format: one entry per row and column key of
/// every table, each with an English label.
/// `docs/vocabulary.md` is the dictionary `ogi vocab --format markdown` prints, under its
/// introduction: regenerate it when the registry changes.
#[test]
fn the_documented_dictionary_is_the_generated_one() {
    let doc = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/vocabulary.md"),
    )
    .unwrap();
    let printed = ogi(&["vocab", "--format", "markdown"]);
    assert!(printed.status.success());
    let table = doc
        .find("| table |")
        .map(|at| &doc[at..])
        .expect("docs/vocabulary.md holds the table");
    assert_eq!(
        table,
        stdout(&printed),
        "docs/vocabulary.md is stale: run `ogi vocab --format markdown` and paste its output"
    );
}

#[test]
fn vocab_prints_the_data_dictionary_in_every_format() {
    let csv_out = ogi(&["vocab"]);
    assert!(csv_out.status.success());
    let mut reader = csv::Reader::from_reader(csv_out.stdout.as_slice());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header,
        [
            "table",
            "axis",
            "key",
            "label_zh",
            "label_en",
            "unit",
            "templates",
            "identities"
        ]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    for r in &records {
        assert!(!r[4].is_empty() && r[4].is_ascii(), "{r:?}");
    }
    let find = |table: &str, key: &str| {
        records
            .iter()
            .find(|r| &r[0] == table && &r[2] == key)
            .unwrap()
    };
    let new_received = find("requests", "new_received");
    assert_eq!(&new_received[4], "New requests received this year");
    assert_eq!(&new_received[5], "件");
    assert_eq!(&new_received[7], "requests.balance");
    assert_eq!(&find("requests", "other")[6], "2019");
    assert_eq!(&find("legacy", "trainees")[6], "legacy");
    assert_eq!(&find("review_litigation", "pending")[4], "Pending");

    let json_out = ogi(&["vocab", "--format", "json"]);
    assert!(json_out.status.success());
    let json: Vec<serde_json::Value> = serde_json::from_slice(&json_out.stdout).unwrap();
    assert_eq!(json.len(), records.len());
    for e in &json {
        let en = e["label_en"].as_str().unwrap();
        assert!(!en.is_empty() && en.is_ascii(), "{e}");
    }
    assert_eq!(json[0]["table"], "meta");

    let md_out = ogi(&["vocab", "--format", "markdown"]);
    assert!(md_out.status.success());
    let md = stdout(&md_out);
    let lines: Vec<&str> = md.lines().collect();
    assert!(lines[0].starts_with("| table | axis | key |"));
    assert_eq!(lines.len(), records.len() + 2);
    for line in &lines[2..] {
        // Unescaped pipes delimit the 8 cells; the English label is the fifth.
        let cells: Vec<&str> = line.split(" | ").collect();
        assert_eq!(cells.len(), 8, "{line}");
        assert!(!cells[4].trim().is_empty(), "{line}");
    }
}
