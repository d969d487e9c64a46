//! Administrative divisions (行政区划) and their GB/T 2260 codes.
//!
//! The list is `data/divisions.tsv` of this crate: one line `CODE<TAB>NAME` per province,
//! prefecture and county-level division (3,219 of them), bundled with `include_str!` and read
//! once, on first use. Its source and licence are in `data/README.md` beside it.
//!
//! A name is matched whole or without its level word (`淮安` for 淮安市, `福建` for 福建省), and
//! a chain of names narrows each one to the divisions under the one before (`北京市朝阳区` is
//! 110105, not 220104 of 长春市). A name that still fits several divisions gives none: never a
//! wrong code.
//!
//! ```
//! use ogi_model::division::{self, Tier};
//!
//! let hongze = division::find("淮安市洪泽区").unwrap();
//! assert_eq!((hongze.code, hongze.tier()), ("320813", Tier::County));
//! assert_eq!(hongze.full_name(), "江苏省淮安市洪泽区");
//! assert_eq!(division::find("洪泽区"), Some(hongze));
//! // 朝阳区 is a district of 北京市 and of 长春市: no code unless the text says which.
//! assert_eq!(division::find("朝阳区"), None);
//! assert_eq!(division::find("北京市朝阳区").map(|d| d.code), Some("110105"));
//! ```

use std::collections::HashMap;
use std::sync::LazyLock;

/// The bundled list, `CODE<TAB>NAME` per line, sorted by code.
const DATA: &str = include_str!("../data/divisions.tsv");

/// Words that end a division's name and say its level, longest first: a name without one
/// (`淮安` of 淮安市) is its short form, matched where the full name is.
pub const LEVEL_WORDS: &[&str] = &[
    "特别行政区",
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "地区",
    "林区",
    "省",
    "市",
    "县",
    "区",
    "旗",
    "盟",
];

/// The tier of a division, from its code: `xx0000` a province, `xxyy00` a prefecture, any
/// other a county-level division.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tier {
    /// 省级: a province, autonomous region, municipality or special administrative region.
    Province,
    /// 地级: a prefecture-level city, prefecture, autonomous prefecture or league.
    Prefecture,
    /// 县级: a county, county-level city, district or banner.
    County,
}

/// One administrative division of the bundled list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Division {
    /// The six-digit GB/T 2260 code (`320813`).
    pub code: &'static str,
    /// The name as the list gives it (`洪泽区`).
    pub name: &'static str,
}

impl Division {
    /// The tier, from the code.
    pub fn tier(&self) -> Tier {
        if self.code.ends_with("0000") {
            Tier::Province
        } else if self.code.ends_with("00") {
            Tier::Prefecture
        } else {
            Tier::County
        }
    }

    /// The division it belongs to: a county's prefecture (its province when it has none, as
    /// 仙桃市 or the districts of a municipality), a prefecture's province; none for a province.
    pub fn parent(&self) -> Option<&'static Division> {
        let prefix = |n: usize| {
            let mut code = self.code[..n].to_owned();
            code.extend(std::iter::repeat_n('0', 6 - n));
            code
        };
        match self.tier() {
            Tier::Province => None,
            Tier::Prefecture => by_code(&prefix(2)),
            Tier::County => by_code(&prefix(4)).or_else(|| by_code(&prefix(2))),
        }
    }

    /// The name with every division above it: `江苏省淮安市洪泽区`.
    pub fn full_name(&self) -> String {
        let mut names = vec![self.name];
        let mut at = self.parent();
        while let Some(d) = at {
            names.push(d.name);
            at = d.parent();
        }
        names.iter().rev().copied().collect()
    }

    /// The name an agency key gives the division: a province or prefecture by its name
    /// (`福建省`, `莆田市`: these names are unique), a county-level division after its parent's
    /// (`淮安市洪泽区`, `北京市朝阳区`), since many share a name.
    pub fn key_name(&self) -> String {
        match (self.tier(), self.parent()) {
            (Tier::County, Some(p)) => format!("{}{}", p.name, self.name),
            _ => self.name.to_owned(),
        }
    }

    /// Whether `self` lies under `other` (at any depth).
    pub fn is_under(&self, other: &Division) -> bool {
        let n = match other.tier() {
            Tier::Province => 2,
            Tier::Prefecture => 4,
            Tier::County => return false,
        };
        self.code != other.code && self.code[..n] == other.code[..n]
    }
}

/// The list, read once: the divisions sorted by code, and every name form to the divisions it
/// names (`true` for a full name).
struct List {
    divisions: Vec<Division>,
    /// First character → `(form, index, full)`, longest form first.
    forms: HashMap<char, Vec<(&'static str, usize, bool)>>,
}

static LIST: LazyLock<List> = LazyLock::new(|| {
    let divisions: Vec<Division> = DATA
        .lines()
        .filter_map(|line| {
            let (code, name) = line.split_once('\t')?;
            let valid = code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit());
            (valid && !name.is_empty()).then_some(Division { code, name })
        })
        .collect();
    let mut forms: HashMap<char, Vec<(&'static str, usize, bool)>> = HashMap::new();
    for (i, d) in divisions.iter().enumerate() {
        let mut add = |form: &'static str, full: bool| {
            if let Some(c) = form.chars().next() {
                forms.entry(c).or_default().push((form, i, full));
            }
        };
        add(d.name, true);
        if let Some(short) = short_form(d.name) {
            add(short, false);
        }
    }
    for list in forms.values_mut() {
        list.sort_by_key(|(form, i, _)| (std::cmp::Reverse(form.len()), *i));
    }
    List { divisions, forms }
});

/// A name without its level word, when two characters or more remain (`淮安` of 淮安市; none
/// for 沙市区… whose rest is one character).
fn short_form(name: &'static str) -> Option<&'static str> {
    let word = LEVEL_WORDS.iter().find(|w| name.ends_with(*w))?;
    let short = &name[..name.len() - word.len()];
    (short.chars().count() >= 2).then_some(short)
}

/// Every division of the list, sorted by code.
pub fn divisions() -> &'static [Division] {
    &LIST.divisions
}

/// The division with this six-digit code.
pub fn by_code(code: &str) -> Option<&'static Division> {
    let list = &LIST.divisions;
    list.binary_search_by(|d| d.code.cmp(code))
        .ok()
        .map(|i| &list[i])
}

/// The division a text begins with, and how many bytes of it name it: the longest chain of
/// names each under the one before (`江苏省淮安市洪泽区`, `淮安洪泽区`), ending in a full name
/// (a short form is taken only before another name of the chain). `None` when the text begins
/// with no division, or with a name that fits several divisions the chain does not tell apart.
///
/// ```
/// use ogi_model::division;
///
/// let (d, len) = division::leading("莆田市文化和旅游局").unwrap();
/// assert_eq!((d.code, &"莆田市文化和旅游局"[len..]), ("350300", "文化和旅游局"));
/// // 莆田 is not 莆田市 where no other name follows it.
/// assert_eq!(division::leading("莆田学院"), None);
/// ```
pub fn leading(text: &str) -> Option<(&'static Division, usize)> {
    let list = &*LIST;
    let mut pos = 0;
    // The candidates of the chain's last name.
    let mut candidates: Vec<usize> = Vec::new();
    // The last full name reached: its candidates and where it ends.
    let mut best: Option<(Vec<usize>, usize)> = None;
    loop {
        let rest = &text[pos..];
        let Some(first) = rest.chars().next() else {
            break;
        };
        let Some(forms) = list.forms.get(&first) else {
            break;
        };
        let fits = |i: usize| {
            candidates.is_empty()
                || candidates
                    .iter()
                    .any(|c| list.divisions[i].is_under(&list.divisions[*c]))
        };
        // The longest form that starts the rest and fits under the chain.
        let Some(len) = forms
            .iter()
            .find(|(form, i, _)| rest.starts_with(form) && fits(*i))
            .map(|(form, _, _)| form.len())
        else {
            break;
        };
        let matched: Vec<(usize, bool)> = forms
            .iter()
            .filter(|(form, i, _)| form.len() == len && rest.starts_with(form) && fits(*i))
            .map(|(_, i, full)| (*i, *full))
            .collect();
        candidates = matched.iter().map(|(i, _)| *i).collect();
        candidates.dedup();
        pos += len;
        if matched.iter().all(|(_, full)| *full) || pos == text.len() {
            best = Some((candidates.clone(), pos));
        }
    }
    let (found, end) = best?;
    match found.as_slice() {
        [one] => Some((&list.divisions[*one], end)),
        _ => None,
    }
}

/// Whether a text begins with the full name of a division, whichever (`市中区` is in 济南市 and
/// three other cities: the text names a place, not which).
pub fn begins_with_a_name(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    LIST.forms.get(&first).is_some_and(|forms| {
        forms
            .iter()
            .any(|(form, _, full)| *full && text.starts_with(form))
    })
}

/// The division a whole name names (`淮安市洪泽区`, `洪泽区`, `淮安`), when exactly one fits.
pub fn find(name: &str) -> Option<&'static Division> {
    leading(name).and_then(|(d, len)| (len == name.len()).then_some(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_reads_whole() {
        let lines = DATA.lines().count();
        assert_eq!(divisions().len(), lines);
        assert!(lines > 3000);
        assert!(divisions().windows(2).all(|w| w[0].code < w[1].code));
        // Every county and prefecture has a parent in the list.
        for d in divisions() {
            assert_eq!(d.parent().is_none(), d.tier() == Tier::Province, "{d:?}");
        }
    }

    #[test]
    fn the_corpus_places() {
        for (name, code) in [
            ("莆田市", "350300"),
            ("平潭县", "350128"),
            ("淮安市", "320800"),
            ("洪泽区", "320813"),
            ("淮安市洪泽区", "320813"),
            ("沭阳县", "321322"),
            ("咸宁市", "421200"),
            ("昭通市", "530600"),
            ("乌鲁木齐市", "650100"),
            ("疏勒县", "653122"),
            ("上海市", "310000"),
            ("福建省", "350000"),
            ("福建莆田市", "350300"),
            ("江苏淮安市洪泽区", "320813"),
        ] {
            assert_eq!(find(name).map(|d| d.code), Some(code), "{name}");
        }
        assert_eq!(find("莆田").map(|d| d.code), Some("350300"));
        // 淮安 is 淮安市 and its district 淮安区.
        assert_eq!(find("淮安"), None);
        assert_eq!(by_code("653122").unwrap().key_name(), "喀什地区疏勒县");
        assert_eq!(by_code("110105").unwrap().key_name(), "北京市朝阳区");
    }

    #[test]
    fn ambiguous_names_give_no_code() {
        for name in ["朝阳区", "鼓楼区", "城关区", "平潭综合实验区", "沐阳县"] {
            assert_eq!(find(name), None, "{name}");
        }
        assert_eq!(find("福建省鼓楼区").map(|d| d.code), Some("350102"));
        assert_eq!(find("南京市鼓楼区").map(|d| d.code), Some("320106"));
        // A chain that leaves its parent is no chain: 莆田市 then 鼓楼区 (none under it).
        assert_eq!(
            leading("莆田市鼓楼区").map(|(d, n)| (d.code, n)),
            Some(("350300", 9))
        );
    }
}
