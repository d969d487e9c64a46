//! The canonical agency key and division code of the bundled real reports: one key for one
//! body across its years and spellings, and no code that is not the place's.

#![allow(clippy::unwrap_used)] // Tests fail by panicking.

use std::path::Path;

fn fixture(name: &str) -> ogi_model::Report {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    ogi_core::parse(&std::fs::read(&path).unwrap()).unwrap()
}

/// `(agency, agency_key, division_code)` of a fixture.
fn keyed(name: &str) -> (String, Option<String>, Option<String>) {
    let meta = fixture(name).meta;
    (
        meta.agency.map(|a| a.value).unwrap_or_default(),
        meta.agency_key,
        meta.division_code,
    )
}

/// The Pingtan zone's reports, 2011–2024, titled `平潭综合实验区` and signed
/// `平潭综合实验区管委会`, are one body; the Pingtan county's (`平潭县人民政府`, 2011–2013, the
/// same years) another; the zone's 君山片区管理局 a third.
#[test]
fn the_pingtan_reports_give_one_key_per_body() {
    let zone = [
        ("corpus/002.txt", 2011),
        ("corpus/005.txt", 2012),
        ("corpus/008.txt", 2013),
        ("corpus/015.txt", 2020),
        ("corpus/017.txt", 2022),
        ("corpus/018.txt", 2023),
        ("corpus/019.txt", 2024),
    ];
    for (name, year) in zone {
        let report = fixture(name);
        assert_eq!(report.meta.year.map(|y| y.value), Some(year), "{name}");
        assert_eq!(
            report.meta.agency_key.as_deref(),
            Some("平潭综合实验区"),
            "{name}"
        );
        // The zone is no division of the list: no code rather than the county's.
        assert_eq!(report.meta.division_code, None, "{name}");
        // The report signs with the committee's name: the same key.
        let signed = ogi_model::agency_key("平潭综合实验区管委会", None).unwrap();
        assert_eq!(Some(signed.key), report.meta.agency_key);
    }
    for name in ["corpus/003.txt", "corpus/004.txt", "corpus/006.txt"] {
        assert_eq!(
            keyed(name),
            (
                "平潭县人民政府".into(),
                Some("福州市平潭县".into()),
                Some("350128".into())
            ),
            "{name}"
        );
    }
    assert_eq!(
        keyed("corpus/028.txt").1.as_deref(),
        Some("平潭综合实验区君山片区管理局")
    );
}

/// Every code given to a bundled report is the code of the place it names (checked against
/// the list by hand), and the reports of one body share a key.
#[test]
fn bundled_reports_get_their_place_codes_and_no_wrong_one() {
    let expected: &[(&str, &str, Option<&str>)] = &[
        ("corpus/024.txt", "淮安市洪泽区", Some("320813")),
        ("corpus/025.txt", "淮安市洪泽区", Some("320813")),
        ("corpus/026.txt", "淮安市", Some("320800")),
        (
            "corpus/027.html",
            "宿迁市沭阳县发展和改革局",
            Some("321322"),
        ),
        (
            "corpus/027.pipe.txt",
            "宿迁市沭阳县发展和改革局",
            Some("321322"),
        ),
        ("corpus/101.txt", "莆田市", Some("350300")),
        ("corpus/108.txt", "莆田市", Some("350300")),
        ("corpus/109.txt", "莆田市政府办公室", Some("350300")),
        ("corpus/111.txt", "莆田市文化和旅游局", Some("350300")),
        ("corpus/112.txt", "莆田市文化和旅游局", Some("350300")),
        ("corpus/121.txt", "莆田市城市管理局", Some("350300")),
        ("corpus/122.txt", "莆田市城市管理局", Some("350300")),
        ("unlabeled/021.txt", "沐阳县", None),
        ("unlabeled/022.txt", "上海市科委", Some("310000")),
        ("unlabeled/023.txt", "上海市政府办公厅", Some("310000")),
        (
            "seeds/000_e4a1f978c3ba425a.txt",
            "乌鲁木齐市政务服务管理局",
            Some("650100"),
        ),
        (
            "seeds/001_a9b77dac68e11cb2.txt",
            "咸宁市政务服务中心管理办公室",
            Some("421200"),
        ),
        (
            "seeds/002_c41c9a6468e2aa6e.txt",
            "昭通市政务服务管理局",
            Some("530600"),
        ),
        (
            "seeds/003_a932651d7d736ac0.txt",
            "喀什地区疏勒县",
            Some("653122"),
        ),
    ];
    for (name, key, code) in expected {
        let (_, k, c) = keyed(name);
        assert_eq!((k.as_deref(), c.as_deref()), (Some(*key), *code), "{name}");
    }
    // In the tidy export, as `meta` rows after the region.
    let report = fixture("corpus/025.txt");
    let meta: Vec<(String, String)> = report
        .tidy()
        .iter()
        .filter(|r| r.table == ogi_model::TableName::Meta)
        .map(|r| (r.row.to_string(), r.value.to_string()))
        .collect();
    let at = |row: &str| meta.iter().position(|(r, _)| r == row).unwrap();
    assert!(at("region") < at("agency_key") && at("division") < at("year"));
    assert_eq!(meta[at("agency_key")].1, "淮安市洪泽区");
    assert_eq!(meta[at("agency_level")].1, "district");
    assert_eq!(meta[at("division_code")].1, "320813");
    assert_eq!(meta[at("division")].1, "江苏省淮安市洪泽区");
    // A body named relatively (`区政务服务中心管理办公室`) in a text naming no district: no key.
    assert_eq!(keyed("seeds/004_d0ad4e6dd563e698.txt").1, None);
}
