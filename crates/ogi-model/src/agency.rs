//! The canonical agency key (机关标识): one body, one key, across years and spellings.
//!
//! A panel of agency × year needs the same body under the same name every year, and reports
//! name their publisher as they please: `平潭综合实验区管委会` one year, `平潭综合实验区` or
//! `平潭综合实验区管理委员会` the next; `洪泽区人民政府`, then `淮安市洪泽区人民政府`;
//! `市政务服务管理局`, leaving the city to the rest of the text. [`agency_key`] folds such
//! variants into one key by the rules of [`KEY_RULES`], applied in their order by one mechanism.
//! The rules are data: each says what it does, why, and the real report names it is for.
//!
//! The key also gives the body's [`AgencyLevel`] where its name tells it, and the
//! [`Division`] (with its GB/T 2260 code) its name places it in, where exactly one fits.
//!
//! ```
//! use ogi_model::agency::{agency_key, AgencyLevel};
//!
//! let a = agency_key("平潭综合实验区管委会", None).unwrap();
//! let b = agency_key("平潭综合实验区管理委员会", None).unwrap();
//! assert_eq!(a.key, "平潭综合实验区");
//! assert_eq!(a, b);
//! assert_eq!(a.level, Some(AgencyLevel::District));
//!
//! let hongze = agency_key("洪泽区人民政府", None).unwrap();
//! assert_eq!(hongze.key, "淮安市洪泽区");
//! assert_eq!(hongze.division.map(|d| d.code), Some("320813"));
//! assert_eq!(agency_key("淮安市洪泽区人民政府", None), Some(hongze));
//!
//! // A body named relatively takes the place the text names; without one it has no key.
//! let bureau = agency_key("市政务服务管理局", Some("昭通市")).unwrap();
//! assert_eq!((bureau.key.as_str(), bureau.level), ("昭通市政务服务管理局", Some(AgencyLevel::Department)));
//! assert_eq!(agency_key("市政务服务管理局", None), None);
//! ```

use crate::division::{self, Division, Tier};
use crate::vocab::vocabulary;

vocabulary! {
    /// The tier of a publishing body, where its name tells it.
    pub enum AgencyLevel ("agency level") {
        Province => "province", "省" / "Province";
        City => "city", "市" / "Prefecture-level city";
        County => "county", "县" / "County";
        District => "district", "区" / "District";
        Township => "township", "乡镇" / "Township";
        Department => "department", "部门" / "Department";
    }
}

/// What a rule of [`KEY_RULES`] does to a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Each character of `from` becomes the character at the same place in `to`.
    MapChars {
        /// The characters replaced.
        from: &'static str,
        /// Their replacements, one for one.
        to: &'static str,
    },
    /// These characters are dropped wherever they stand.
    DropChars(&'static str),
    /// Each of these words becomes the canonical one wherever it stands (longest first).
    Words {
        /// The variants.
        from: &'static [&'static str],
        /// The canonical word.
        to: &'static str,
    },
    /// A name that starts with one of these level words, and with no place (`市政务服务管理局`),
    /// is named relative to the place the report names elsewhere (the meta's `region`), ending
    /// in the same word: that place is put before it. Without that place the name has no key.
    RelativeTo(&'static str),
    /// The place a name begins with is looked up in the [division list](crate::division) and
    /// written as [`Division::key_name`] (`洪泽区` and `淮安市洪泽区` both as `淮安市洪泽区`).
    /// A place that fits several divisions, or none, stays as written.
    CanonicalPlace,
    /// A province before the name of a zone of its own (a proper name of two characters or
    /// more, then the first of these words, within its first twelve characters) is dropped: such
    /// zones are named without it. A prefecture stays (`莆田市经济开发区`: a generic zone name is
    /// no key without its city).
    ParentOfZone(&'static [&'static str]),
    /// A word ending a name whose rest is a place is dropped: a place's government is keyed
    /// by the place itself. Each word with the endings of the places it governs: the rest is
    /// the place found in the division list, or ends in one of them (`政府` of any place, `管委会`
    /// of a zone, `办事处` of a sub-district) — `城市管委会` (urban management) is no place's.
    GovernmentOf(&'static [(&'static str, &'static [&'static str])]),
}

/// One rule of the agency key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyRule {
    /// A short name (`management_committee`).
    pub name: &'static str,
    /// What it does.
    pub action: Action,
    /// Why: the variation among real reports it removes.
    pub doc: &'static str,
    /// Real report names it makes one: `(name, region, same as)` — the first (read with the
    /// region, when one is given) has the key of the last.
    pub examples: &'static [(&'static str, Option<&'static str>, &'static str)],
}

/// The characters of administrative names in traditional script and their simplified forms,
/// position by position (reports from Hong Kong and Taiwan sites, and pages converted back).
const TRADITIONAL: &str = "區縣鄉鎮園實驗綜會員辦廳處務門廣東開發衛計劃環護資產國稅監財農業術經濟貿價質檢認證審統體傳電視館檔隊銀險機關黨紀執據療藥勞動歸僑聯協議總書記紅華灣臺陽龍鳳雲貴遼陝蘇滬寧澤漢場興廠礦鐵運輸築設規畫裡歷倉儲進邊溫師範學層態氣災應練導組織醫軍營億萬團參莊橋岡崗臨遠豐嶺潔湯馬魯齊蘭烏爾鄭韓閩贛廈張義與為權責決訊網絡調採購競標準費徵屬轄轉換閣頭戶個";
/// The simplified forms of [`TRADITIONAL`].
const SIMPLIFIED: &str = "区县乡镇园实验综会员办厅处务门广东开发卫计划环护资产国税监财农业术经济贸价质检认证审统体传电视馆档队银险机关党纪执据疗药劳动归侨联协议总书记红华湾台阳龙凤云贵辽陕苏沪宁泽汉场兴厂矿铁运输筑设规画里历仓储进边温师范学层态气灾应练导组织医军营亿万团参庄桥冈岗临远丰岭洁汤马鲁齐兰乌尔郑韩闽赣厦张义与为权责决讯网络调采购竞标准费征属辖转换阁头户个";

/// The rules of the agency key, in the order they apply.
pub const KEY_RULES: &[KeyRule] = &[
    KeyRule {
        name: "traditional",
        action: Action::MapChars {
            from: TRADITIONAL,
            to: SIMPLIFIED,
        },
        doc: "Traditional characters of administrative names become simplified: a report read \
              from a traditional page names its body in them (ogi converts the text, and a name \
              given by hand may not be).",
        examples: &[("平潭綜合實驗區管委會", None, "平潭综合实验区管委会")],
    },
    KeyRule {
        name: "spacing",
        action: Action::DropChars(
            " \t\r\n\u{3000}\u{a0}·•・.,，、:：;；()（）[]【】〔〕《》<>\"'“”‘’-—_/",
        ),
        doc: "Whitespace and punctuation are dropped: pdftotext and crawlers space out or \
              bracket names (`淮安市 洪泽区人民政府`).",
        examples: &[("淮安市 洪泽区 人民政府", None, "淮安市洪泽区人民政府")],
    },
    KeyRule {
        name: "management_committee",
        action: Action::Words {
            from: &["管理委员会"],
            to: "管委会",
        },
        doc: "管理委员会 and its short form 管委会 are one word (the Pingtan zone's body signs \
              both ways).",
        examples: &[("平潭综合实验区管理委员会", None, "平潭综合实验区管委会")],
    },
    KeyRule {
        name: "peoples_government",
        action: Action::Words {
            from: &["人民政府"],
            to: "政府",
        },
        doc: "人民政府 and 政府 are one word: titles write 莆田市政府 for 莆田市人民政府, also inside \
              a body's name (莆田市人民政府办公室).",
        examples: &[("莆田市人民政府办公室", None, "莆田市政府办公室")],
    },
    KeyRule {
        name: "abbreviations",
        action: Action::Words {
            from: &["科学技术委员会"],
            to: "科委",
        },
        doc: "A body's usual short name is its full name: 上海市科委 is 上海市科学技术委员会.",
        examples: &[("上海市科学技术委员会", None, "上海市科委")],
    },
    KeyRule {
        name: "abbreviations",
        action: Action::Words {
            from: &["发展和改革委员会", "发展改革委员会", "发展改革委"],
            to: "发改委",
        },
        doc: "A body's usual short name is its full name: 发改委 is 发展和改革委员会.",
        examples: &[("淮安市发展和改革委员会", None, "淮安市发改委")],
    },
    KeyRule {
        name: "relative",
        action: Action::RelativeTo("省市县区州旗"),
        doc: "A name starting with a bare level word (`市政务服务管理局`) names the body relative \
              to its place; the key puts the place the report names (the meta's region, \
              ending in the same word) before it, and there is no key without one.",
        examples: &[
            ("市政务服务管理局", Some("昭通市"), "昭通市政务服务管理局"),
            (
                "市政务服务管理局",
                Some("乌鲁木齐市"),
                "乌鲁木齐市政务服务管理局",
            ),
        ],
    },
    KeyRule {
        name: "zone_parent",
        action: Action::ParentOfZone(&[
            "高新技术产业开发区",
            "经济技术开发区",
            "经济开发区",
            "综合实验区",
            "实验区",
            "试验区",
            "示范区",
            "开发区",
            "高新区",
            "新区",
        ]),
        doc: "A province before the name of a zone of its own is dropped: such zones are \
              named without it (福建省平潭综合实验区 is 平潭综合实验区).",
        examples: &[("福建省平潭综合实验区管委会", None, "平潭综合实验区管委会")],
    },
    KeyRule {
        name: "place",
        action: Action::CanonicalPlace,
        doc: "The place a name begins with is written as the division list has it, after its \
              prefecture when it is a county or district (淮安市洪泽区; 北京市朝阳区 apart from \
              长春市朝阳区), whether the report names the prefecture or the province or not.",
        examples: &[
            ("洪泽区人民政府", None, "淮安市洪泽区人民政府"),
            ("江苏省淮安市洪泽区人民政府", None, "洪泽区人民政府"),
        ],
    },
    KeyRule {
        name: "government",
        action: Action::GovernmentOf(&[
            (
                "政府",
                &["省", "市", "县", "区", "州", "盟", "旗", "乡", "镇"],
            ),
            ("管委会", &["区"]),
            ("办事处", &["街道"]),
        ]),
        doc: "A place's government (人民政府, a zone's 管委会, a sub-district's 办事处) is keyed by \
              the place: reports of 莆田市人民政府 are titled 莆田市 as often, and the Pingtan \
              zone's 管委会 signs as 平潭综合实验区.",
        examples: &[
            ("莆田市人民政府", None, "莆田市"),
            ("莆田市政府", None, "莆田市"),
            ("平潭综合实验区管委会", None, "平潭综合实验区"),
        ],
    },
];

/// Characters that end a place's name (咸宁市, 疏勒县, 平潭综合实验区, 霞林街道).
const PLACE_ENDS: &[&str] = &[
    "省", "市", "县", "区", "州", "盟", "旗", "乡", "镇", "街道", "地区",
];

/// The canonical key of an agency, with its level and division where its name tells them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgencyKey {
    /// The key: the name with [`KEY_RULES`] applied (`淮安市洪泽区`, `莆田市政府办公室`).
    pub key: String,
    /// The tier of the body: a place's government by the place's tier, anything else a
    /// [`AgencyLevel::Department`]; `None` where the name does not tell (a `市` without a
    /// code may be a prefecture or a county-level city).
    pub level: Option<AgencyLevel>,
    /// The division the name places the body in, when exactly one fits.
    pub division: Option<&'static Division>,
}

/// The name as the rules have made it so far, and what they found.
struct Work<'a> {
    name: String,
    region: Option<&'a str>,
    /// The place the name begins with: its length in bytes and its division, once known.
    place: Option<(usize, Option<&'static Division>)>,
}

fn apply(rule: &KeyRule, w: &mut Work<'_>) -> Option<()> {
    match rule.action {
        Action::MapChars { from, to } => {
            w.name = w
                .name
                .chars()
                .map(|c| {
                    from.chars()
                        .position(|f| f == c)
                        .and_then(|i| to.chars().nth(i))
                        .unwrap_or(c)
                })
                .collect();
        }
        Action::DropChars(chars) => w.name.retain(|c| !chars.contains(c)),
        Action::Words { from, to } => {
            for word in from {
                if w.name.contains(word) {
                    w.name = w.name.replace(word, to);
                }
            }
        }
        Action::RelativeTo(levels) => {
            let first = w.name.chars().next()?;
            if levels.contains(first) && !division::begins_with_a_name(&w.name) {
                let region = w.region.map(fold)?;
                if !region.ends_with(first) {
                    return None;
                }
                w.name = format!("{region}{}", &w.name[first.len_utf8()..]);
            }
        }
        Action::ParentOfZone(zones) => {
            if let Some((d, len)) = division::leading(&w.name) {
                let rest = &w.name[len..];
                let head: String = rest.chars().take(12).collect();
                // A zone with a proper name before its word, and no division of the list.
                // (the words generic ones too: 经济开发区 names no zone of its own).
                let named_zone = zones
                    .iter()
                    .filter_map(|z| head.find(z))
                    .min()
                    .is_some_and(|at| head[..at].chars().count() >= 2);
                if d.tier() == Tier::Province && named_zone && division::leading(rest).is_none() {
                    w.name = rest.to_owned();
                }
            }
        }
        Action::CanonicalPlace => {
            w.place = Some(match division::leading(&w.name) {
                Some((d, len)) => {
                    let place = d.key_name();
                    w.name = format!("{place}{}", &w.name[len..]);
                    (place.len(), Some(d))
                }
                None => (0, None),
            });
        }
        Action::GovernmentOf(words) => {
            let (len, _) = w.place.unwrap_or((0, None));
            if let Some((word, ends)) = words.iter().find(|(s, _)| w.name.ends_with(s)) {
                let rest = &w.name[..w.name.len() - word.len()];
                // The place found, or a name (of two characters or more after it) ending as
                // the places the word governs do.
                let own = rest.get(len..).unwrap_or_default();
                let is_place = (len > 0 && rest.len() == len)
                    || (own.chars().count() >= 2 && ends.iter().any(|e| rest.ends_with(e)));
                if is_place {
                    w.name.truncate(rest.len());
                }
            }
        }
    }
    Some(())
}

/// A name with the character rules applied (script, spacing): how a region is compared.
fn fold(name: &str) -> String {
    let mut w = Work {
        name: name.to_owned(),
        region: None,
        place: None,
    };
    for rule in KEY_RULES {
        if matches!(rule.action, Action::MapChars { .. } | Action::DropChars(_)) {
            apply(rule, &mut w);
        }
    }
    w.name
}

/// The level a place's name ends with, where it tells one.
fn level_of_place(place: &str, division: Option<&Division>) -> Option<AgencyLevel> {
    if let Some(d) = division.filter(|d| d.key_name() == place) {
        return Some(match d.tier() {
            Tier::Province => AgencyLevel::Province,
            Tier::Prefecture => AgencyLevel::City,
            Tier::County if d.name.ends_with('区') => AgencyLevel::District,
            Tier::County => AgencyLevel::County,
        });
    }
    let ends = |words: &[&str]| words.iter().any(|w| place.ends_with(w));
    if ends(&["省", "自治区", "特别行政区"]) {
        Some(AgencyLevel::Province)
    } else if ends(&["州", "盟", "地区"]) {
        Some(AgencyLevel::City)
    } else if ends(&["县", "旗"]) {
        Some(AgencyLevel::County)
    } else if ends(&["区"]) {
        Some(AgencyLevel::District)
    } else if ends(&["乡", "镇", "街道"]) {
        Some(AgencyLevel::Township)
    } else {
        None
    }
}

/// The canonical key of the agency `name`, read with the `region` the report names (used for
/// a name relative to it, `市政务服务管理局`). `None` for a name that is empty once folded, or
/// relative to a place the report does not name.
pub fn agency_key(name: &str, region: Option<&str>) -> Option<AgencyKey> {
    let mut w = Work {
        name: name.to_owned(),
        region,
        place: None,
    };
    for rule in KEY_RULES {
        apply(rule, &mut w)?;
    }
    if w.name.is_empty() {
        return None;
    }
    let division = w.place.and_then(|(_, d)| d);
    // A key that ends as a place's name is the place's government; anything else a department.
    let level = if PLACE_ENDS.iter().any(|e| w.name.ends_with(e)) {
        level_of_place(&w.name, division)
    } else {
        Some(AgencyLevel::Department)
    };
    Some(AgencyKey {
        key: w.name,
        level,
        division,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(name: &str, region: Option<&str>) -> Option<String> {
        agency_key(name, region).map(|k| k.key)
    }

    #[test]
    fn every_rule_holds_for_its_examples() {
        for rule in KEY_RULES {
            assert!(!rule.examples.is_empty(), "{}", rule.name);
            for (name, region, same_as) in rule.examples {
                let k = key(name, *region);
                assert!(k.is_some(), "{}: {name}", rule.name);
                assert_eq!(k, key(same_as, None), "{}: {name} / {same_as}", rule.name);
            }
        }
    }

    #[test]
    fn character_tables_pair_up() {
        let (t, s): (Vec<char>, Vec<char>) =
            (TRADITIONAL.chars().collect(), SIMPLIFIED.chars().collect());
        assert_eq!(t.len(), s.len());
        let mut seen = std::collections::HashSet::new();
        for (a, b) in t.iter().zip(&s) {
            assert!(seen.insert(*a), "{a} twice");
            assert_ne!(a, b);
        }
    }

    /// A name, the region read with it, its key, level and code.
    type Case = (
        &'static str,
        Option<&'static str>,
        &'static str,
        Option<AgencyLevel>,
        Option<&'static str>,
    );

    /// The agencies ogi reads from the bundled real reports.
    const CORPUS: &[Case] = &[
        (
            "平潭综合实验区",
            Some("平潭综合实验区"),
            "平潭综合实验区",
            Some(AgencyLevel::District),
            None,
        ),
        (
            "平潭县人民政府",
            Some("平潭县"),
            "福州市平潭县",
            Some(AgencyLevel::County),
            Some("350128"),
        ),
        (
            "平潭综合实验区君山片区管理局",
            Some("平潭综合实验区"),
            "平潭综合实验区君山片区管理局",
            Some(AgencyLevel::Department),
            None,
        ),
        (
            "莆田市",
            Some("莆田市"),
            "莆田市",
            Some(AgencyLevel::City),
            Some("350300"),
        ),
        (
            "莆田市人民政府办公室",
            Some("莆田市"),
            "莆田市政府办公室",
            Some(AgencyLevel::Department),
            Some("350300"),
        ),
        (
            "莆田市城市管理局",
            Some("莆田市城市"),
            "莆田市城市管理局",
            Some(AgencyLevel::Department),
            Some("350300"),
        ),
        (
            "沭阳县发展和改革局",
            Some("沭阳县"),
            "宿迁市沭阳县发展和改革局",
            Some(AgencyLevel::Department),
            Some("321322"),
        ),
        (
            "淮安市人民政府",
            Some("淮安市"),
            "淮安市",
            Some(AgencyLevel::City),
            Some("320800"),
        ),
        (
            "上海市科委",
            Some("上海市"),
            "上海市科委",
            Some(AgencyLevel::Department),
            Some("310000"),
        ),
        (
            "上海市人民政府办公厅",
            Some("上海市"),
            "上海市政府办公厅",
            Some(AgencyLevel::Department),
            Some("310000"),
        ),
        (
            "疏勒县人民政府",
            Some("疏勒县"),
            "喀什地区疏勒县",
            Some(AgencyLevel::County),
            Some("653122"),
        ),
        (
            "咸宁市政务服务中心管理办公室",
            Some("咸宁市"),
            "咸宁市政务服务中心管理办公室",
            Some(AgencyLevel::Department),
            Some("421200"),
        ),
        (
            "市政务服务管理局",
            Some("乌鲁木齐市"),
            "乌鲁木齐市政务服务管理局",
            Some(AgencyLevel::Department),
            Some("650100"),
        ),
        // A misspelt county (沐阳 for 沭阳) is no division: a key, no code.
        (
            "沐阳县人民政府",
            Some("沐阳县"),
            "沐阳县",
            Some(AgencyLevel::County),
            None,
        ),
    ];

    #[test]
    fn the_corpus_names() {
        let cases = CORPUS;
        for (name, region, k, level, code) in cases {
            let got = agency_key(name, *region).unwrap();
            assert_eq!(
                (got.key.as_str(), got.level, got.division.map(|d| d.code)),
                (*k, *level, *code),
                "{name}"
            );
        }
    }

    #[test]
    fn only_a_place_s_government_is_keyed_by_the_place() {
        // 城市管理委员会 governs no place: a department, its name kept.
        let urban = agency_key("莆田市城市管理委员会", None).unwrap();
        assert_eq!(
            (urban.key.as_str(), urban.level),
            ("莆田市城市管委会", Some(AgencyLevel::Department))
        );
        // A zone's committee, a sub-district's office: the place. A zone keeps its city.
        let zone = agency_key("莆田市湄洲湾北岸经济开发区管理委员会", None).unwrap();
        assert_eq!(
            (zone.key.as_str(), zone.level, zone.division.map(|d| d.code)),
            (
                "莆田市湄洲湾北岸经济开发区",
                Some(AgencyLevel::District),
                Some("350300")
            )
        );
        assert_eq!(
            key("莆田市经济开发区管委会", None).as_deref(),
            Some("莆田市经济开发区")
        );
        assert_eq!(
            key("福建省经济开发区管委会", None).as_deref(),
            Some("福建省经济开发区")
        );
        let street = agency_key("城厢区霞林街道办事处", None).unwrap();
        assert_eq!(
            (street.key.as_str(), street.level),
            ("莆田市城厢区霞林街道", Some(AgencyLevel::Township))
        );
        // The office of a government is a department of it.
        assert_eq!(
            agency_key("莆田市人民政府办公室", None).unwrap().level,
            Some(AgencyLevel::Department)
        );
    }

    #[test]
    fn names_without_a_place_or_with_several() {
        assert_eq!(key("区政务服务中心管理办公室", None), None);
        // 市中区 is a district of four cities, not a name relative to one.
        let shizhong = agency_key("市中区人民政府", None).unwrap();
        assert_eq!((shizhong.key.as_str(), shizhong.division), ("市中区", None));
        assert_eq!(
            key("济南市市中区人民政府", None).as_deref(),
            Some("济南市市中区")
        );
        assert_eq!(key("", None), None);
        assert_eq!(key(" · ", None), None);
        // The Pingtan county and the Pingtan zone are two bodies (both report for 2011–2013).
        assert_ne!(key("平潭县人民政府", None), key("平潭综合实验区", None));
        // 朝阳区 is in 北京市 and 长春市: no code, and no prefecture made up.
        let chaoyang = agency_key("朝阳区人民政府", None).unwrap();
        assert_eq!((chaoyang.key.as_str(), chaoyang.division), ("朝阳区", None));
    }

    /// Names of real reports, and the variations of them the rules make one.
    const NAMES: &[&str] = &[
        "平潭综合实验区管委会",
        "莆田市人民政府",
        "淮安市洪泽区人民政府",
        "莆田市文化和旅游局",
        "沭阳县发展和改革局",
        "上海市人民政府办公厅",
        "咸宁市政务服务中心管理办公室",
    ];

    /// `name` varied: spaces and brackets put in, words swapped for their variants, characters
    /// written traditional, its place written with its province, each as `choices` picks.
    fn vary(name: &str, choices: &[u8]) -> String {
        let mut s = name.to_owned();
        let pick = |i: usize| choices.get(i).copied().unwrap_or(0);
        if pick(0) % 2 == 1 {
            s = s.replace("管委会", "管理委员会");
        }
        if pick(1) % 2 == 1 {
            s = s.replace("政府", "人民政府").replace("人民人民", "人民");
        } else {
            s = s.replace("人民政府", "政府");
        }
        if pick(2) % 3 == 1 {
            s = s
                .chars()
                .map(|c| {
                    SIMPLIFIED
                        .chars()
                        .position(|x| x == c)
                        .and_then(|i| TRADITIONAL.chars().nth(i))
                        .unwrap_or(c)
                })
                .collect();
        }
        if pick(3) % 2 == 1 {
            for (city, province) in [
                ("莆田市", "福建省"),
                ("淮安市", "江苏省"),
                ("咸宁市", "湖北省"),
            ] {
                if s.starts_with(city) {
                    s = format!("{province}{s}");
                }
            }
        }
        let spaces = [" ", "\u{3000}", "·", "（", "）", " "];
        let mut out = String::new();
        for (i, c) in s.chars().enumerate() {
            let p = pick(4 + i);
            if p % 4 == 1 {
                out.push_str(spaces[usize::from(p) % spaces.len()]);
            }
            out.push(c);
        }
        out
    }

    proptest::proptest! {
        /// The key of a name does not change under the variations its rules list.
        #[test]
        fn the_key_is_invariant_under_the_listed_variations(
            which in 0..NAMES.len(),
            choices in proptest::collection::vec(0u8..12, 40),
        ) {
            let name = NAMES[which];
            let varied = vary(name, &choices);
            proptest::prop_assert_eq!(agency_key(&varied, None), agency_key(name, None), "{}", varied);
        }
    }
}
