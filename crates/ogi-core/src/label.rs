//! The label matcher: folds the many ways a row or column label is written onto one key.
//!
//! A label is folded to its *core*: the ordinal (`三、`, `(二)`, `1.`, `其中:`) is parsed off
//! and kept apart, punctuation and spaces go, variant characters are unified (余/馀/餘,
//! 于/於, 复/復/複, 〇/○/零), and bracketed notes are dropped (the *full* fold keeps them).
//! Candidates are scored by edit similarity of cores and of full folds, with a bonus when the
//! ordinal agrees; the caller adds context (the parent a label stands under). A match is
//! [`Match::Exact`] when the cores are equal, [`Match::Loose`] when only similar — the caller
//! reports a loose match as a diagnostic — and [`Match::Ambiguous`] when two keys score alike.

use crate::numeral::{PResult, cn_small, small_digit};
use crate::text::{contains, find};
use aho_corasick::AhoCorasick;
use nom::Parser;
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while1};
use nom::character::complete::{char, satisfy};
use nom::combinator::{map_res, not, opt, peek, value};
use nom::sequence::{delimited, terminated};
use ogi_model::template::{TABLES, WORD_VARIANTS};
use ogi_model::{SectionKind, TableName};
use std::collections::HashMap;
use std::sync::LazyLock;

/// How an ordinal is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum OrdinalStyle {
    /// `一、`
    Chinese,
    /// `(一)`
    ParenChinese,
    /// `1.` or `1、`
    Arabic,
    /// `(1)`
    ParenArabic,
    /// `①`
    Circled,
    /// `其中:`
    Among,
}

impl OrdinalStyle {
    /// The outline level: 1 for `一、`, 2 for `(一)`, 3 for `1.`, 4 for `(1)` and `①`, 5 for `其中`.
    pub(crate) fn level(self) -> u8 {
        match self {
            OrdinalStyle::Chinese => 1,
            OrdinalStyle::ParenChinese => 2,
            OrdinalStyle::Arabic => 3,
            OrdinalStyle::ParenArabic | OrdinalStyle::Circled => 4,
            OrdinalStyle::Among => 5,
        }
    }
}

/// An ordinal prefix of a label or heading.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Ordinal {
    pub(crate) style: OrdinalStyle,
    /// Its number (三 → 3); 0 for `其中`.
    pub(crate) number: u32,
}

fn ws(i: &str) -> PResult<'_, &str> {
    take_while(|c| c == ' ' || c == '\t')(i)
}

fn arabic(i: &str) -> PResult<'_, u32> {
    map_res(take_while1(|c: char| c.is_ascii_digit()), str::parse).parse(i)
}

/// `ordinal = cn_small ws [、,.] | "(" cn_small ")" "、"? | digits ws [.、,] !digit
///          | "(" digits ")" | circled | "其中" [:,]?`
///
/// Examples from real reports: `三、` in `三、收到和处理政府信息公开申请情况`, `(二)` in
/// `(二)部分公开`, `1.` in `1.属于国家秘密`, `三 、` as pdftotext writes it, `其中:` in
/// `其中:主动公开规范性文件数`.
pub(crate) fn ordinal(i: &str) -> PResult<'_, Ordinal> {
    // Each form opens with a digit, `十`, `(`, a circled number or `其`: most labels and lines
    // open with none, and are told so by their first character.
    let opens = i.chars().next().is_some_and(|c| {
        matches!(c, '(' | '0'..='9' | '①'..='⑩' | '十' | '其') || small_digit(c).is_some()
    });
    if !opens {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Alt,
        )));
    }
    let chinese =
        terminated(cn_small, (ws, satisfy(|c| matches!(c, '、' | ',' | '.')))).map(|n| Ordinal {
            style: OrdinalStyle::Chinese,
            number: n,
        });
    let paren_chinese = terminated(
        delimited((char('('), ws), cn_small, (ws, char(')'))),
        opt(char('、')),
    )
    .map(|n| Ordinal {
        style: OrdinalStyle::ParenChinese,
        number: n,
    });
    let arabic_dot = terminated(
        arabic,
        (
            ws,
            satisfy(|c| matches!(c, '.' | '、' | ',')),
            not(peek(satisfy(|c| c.is_ascii_digit()))),
        ),
    )
    .map(|n| Ordinal {
        style: OrdinalStyle::Arabic,
        number: n,
    });
    let paren_arabic = delimited((char('('), ws), arabic, (ws, char(')'))).map(|n| Ordinal {
        style: OrdinalStyle::ParenArabic,
        number: n,
    });
    let circled = satisfy(|c| ('①'..='⑩').contains(&c)).map(|c| Ordinal {
        style: OrdinalStyle::Circled,
        number: u32::from(c) - u32::from('①') + 1,
    });
    let among = value(
        Ordinal {
            style: OrdinalStyle::Among,
            number: 0,
        },
        (tag("其中"), opt(satisfy(|c| matches!(c, ':' | ',' | '、')))),
    );
    alt((
        chinese,
        paren_chinese,
        arabic_dot,
        paren_arabic,
        circled,
        among,
    ))
    .parse(i)
}

/// Folds one character: variants onto one form; `None` drops it (punctuation, spaces).
pub(crate) fn fold_char(c: char) -> Option<char> {
    match c {
        '馀' | '餘' => Some('余'),
        '於' => Some('于'),
        '復' | '複' => Some('复'),
        '〇' | '○' => Some('零'),
        '臺' => Some('台'),
        // 其它 and 其他 are written interchangeably.
        '它' => Some('他'),
        c if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase()),
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' => Some(c),
        _ => None,
    }
}

/// Whether [`fold_char`] keeps `c` as it is (`fold_char(c) == Some(c)`), told quickly.
fn folds_to_itself(c: char) -> bool {
    match c {
        'a'..='z' | '0'..='9' => true,
        '馀' | '餘' | '於' | '復' | '複' | '臺' | '它' => false,
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' => true,
        _ => false,
    }
}

/// A label folded for matching.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Folded {
    pub(crate) ordinal: Option<Ordinal>,
    /// Without ordinal, punctuation and bracketed notes: `部分公开`.
    pub(crate) core: String,
    /// Without ordinal and punctuation, notes kept: `部分公开区分处理的只计这一情形不计其他情形`.
    pub(crate) full: String,
}

/// Folds a label (see the module documentation).
pub(crate) fn fold(label: &str) -> Folded {
    let mut folded = Folded {
        ordinal: None,
        core: String::with_capacity(label.len()),
        full: String::with_capacity(label.len()),
    };
    fold_into(label, &mut folded);
    folded
}

/// Folds a label into `out`, reusing its strings (see [`fold`]).
pub(crate) fn fold_into(label: &str, out: &mut Folded) {
    let mut rest = label.trim_start();
    let mut first = None;
    // A cell may carry a parent's ordinal and its own (`三、(一)`); the innermost counts.
    for _ in 0..3 {
        match ordinal(rest) {
            Ok((r, o)) => {
                first = Some(o);
                rest = r.trim_start();
            }
            Err(_) => break,
        }
    }
    out.ordinal = first;
    let (core, full) = (&mut out.core, &mut out.full);
    core.clear();
    full.clear();
    let mut depth = 0usize;
    // Runs of characters that fold to themselves are copied whole.
    let mut run = 0;
    for (i, c) in rest.char_indices() {
        if folds_to_itself(c) {
            continue;
        }
        full.push_str(&rest[run..i]);
        if depth == 0 {
            core.push_str(&rest[run..i]);
        }
        run = i + c.len_utf8();
        match c {
            '(' | '[' | '【' | '〔' => depth += 1,
            ')' | ']' | '】' | '〕' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if let Some(f) = fold_char(c) {
            full.push(f);
            if depth == 0 {
                core.push(f);
            }
        }
    }
    full.push_str(&rest[run..]);
    if depth == 0 {
        core.push_str(&rest[run..]);
    }
    for (variant, canonical) in WORD_VARIANTS {
        for s in [&mut *core, &mut *full] {
            if s.contains(variant) {
                *s = s.replace(variant, canonical);
            }
        }
    }
}

/// The section kind a heading title names, if any: the first kind of
/// [`SectionKind::PRECEDENCE`] with one of its registry keywords in the folded title.
pub(crate) fn section_kind(title: &str) -> Option<SectionKind> {
    // Every keyword, with the rank of its kind, found in one pass over the title.
    static KEYWORDS: LazyLock<Option<(AhoCorasick, Vec<usize>)>> = LazyLock::new(|| {
        let (ranks, words): (Vec<usize>, Vec<&str>) = SectionKind::PRECEDENCE
            .iter()
            .enumerate()
            .flat_map(|(k, kind)| kind.spec().keywords.iter().map(move |w| (k, *w)))
            .unzip();
        Some((AhoCorasick::new(words).ok()?, ranks))
    });
    let core = fold(title).full;
    let first = match KEYWORDS.as_ref() {
        Some((words, ranks)) => words
            .find_overlapping_iter(&core)
            .map(|m| ranks[m.pattern().as_usize()])
            .min(),
        None => SectionKind::PRECEDENCE
            .iter()
            .position(|k| k.spec().keywords.iter().any(|w| contains(&core, w))),
    };
    first.map(|k| SectionKind::PRECEDENCE[k])
}

/// The section kind of a line that is a level-1 heading (`三、收到和处理政府信息公开申请情况`).
pub(crate) fn heading_kind(line: &str) -> Option<SectionKind> {
    let (rest, o) = ordinal(line.trim_start()).ok()?;
    if o.style != OrdinalStyle::Chinese {
        return None;
    }
    section_kind(rest)
}

/// Every word of the registry's table anchors, found in one search.
struct AnchorWords {
    search: Option<AhoCorasick>,
    words: Vec<&'static str>,
}

fn anchor_words() -> &'static AnchorWords {
    static WORDS: LazyLock<AnchorWords> = LazyLock::new(|| {
        let mut words: Vec<&'static str> = Vec::new();
        for t in TABLES {
            for a in t.anchors {
                for w in a.all.iter().chain(a.none) {
                    if !words.contains(w) {
                        words.push(w);
                    }
                }
            }
        }
        AnchorWords {
            search: AhoCorasick::new(&words).ok(),
            words,
        }
    });
    &WORDS
}

/// Where each anchor word stands in `s`: `(start, word)`, in order.
fn anchor_hits(s: &str) -> Vec<(usize, &'static str)> {
    let w = anchor_words();
    if let Some(search) = &w.search {
        return search
            .find_overlapping_iter(s)
            .map(|m| (m.start(), w.words[m.pattern().as_usize()]))
            .collect();
    }
    let mut hits: Vec<(usize, &'static str)> = w
        .words
        .iter()
        .flat_map(|word| s.match_indices(word).map(move |(i, _)| (i, *word)))
        .collect();
    hits.sort_unstable();
    hits
}

/// The table a row's folded label text announces: the first table of the registry's
/// [`TABLES`] one of whose anchors it satisfies (all its words, none of its excluded ones).
pub(crate) fn announced_table(folded: &str) -> Option<TableName> {
    let hits = anchor_hits(folded);
    if hits.is_empty() {
        return None;
    }
    let has = |w: &str| hits.iter().any(|(_, h)| *h == w);
    TABLES
        .iter()
        .find(|t| {
            t.anchors
                .iter()
                .any(|a| a.all.iter().all(|w| has(w)) && !a.none.iter().any(|w| has(w)))
        })
        .map(|t| t.name)
}

/// Where a table's header starts in running text `s` (whitespace removed), and which table's:
/// the start of the first word of the first [header anchor](ogi_model::template::Anchor::header)
/// whose other words follow within `window` bytes.
pub(crate) fn table_header_start(s: &str, window: usize) -> Option<(usize, TableName)> {
    header_start_in(&anchor_hits(s), window)
}

/// The anchor words of a text, found once, for asking [`table_header_start`] of several of its
/// slices (the sections of a long line, the suffixes of a run's joined text) without searching
/// each again.
pub(crate) struct AnchorHits {
    /// `(start, word)` in the text, in the order [`anchor_hits`] gives them.
    hits: Vec<(usize, &'static str)>,
}

impl AnchorHits {
    /// The anchor words of `s`.
    pub(crate) fn new(s: &str) -> Self {
        Self {
            hits: anchor_hits(s),
        }
    }

    /// [`table_header_start`] of the text's slice `range`: the words that lie within it are the
    /// words a search of the slice finds, in the same order (a search reports the words ending
    /// at a place longest first, and those of the slice are among those of the text).
    pub(crate) fn header_start(
        &self,
        range: std::ops::Range<usize>,
        window: usize,
    ) -> Option<(usize, TableName)> {
        let within: Vec<(usize, &'static str)> = self
            .hits
            .iter()
            .filter(|(at, w)| *at >= range.start && at + w.len() <= range.end)
            .map(|(at, w)| (at - range.start, *w))
            .collect();
        header_start_in(&within, window)
    }
}

/// [`table_header_start`] over the anchor words `hits` of a text.
fn header_start_in(hits: &[(usize, &'static str)], window: usize) -> Option<(usize, TableName)> {
    for (i, (at, word)) in hits.iter().enumerate() {
        let near = |w: &str| {
            hits[i..]
                .iter()
                .take_while(|(b, _)| *b <= at + window)
                .any(|(_, h)| *h == w)
        };
        let table = TABLES.iter().find(|t| {
            t.anchors.iter().any(|a| {
                a.header
                    && a.all.first() == Some(word)
                    && a.all.iter().all(|w| near(w))
                    && !a.none.iter().any(|w| near(w))
            })
        });
        if let Some(t) = table {
            return Some((*at, t.name));
        }
    }
    None
}

/// A row label of the registry, folded.
struct RowLabel {
    table: TableName,
    /// Its folded core (two characters or more).
    core: String,
    /// Whether the core has four characters or more: long enough to be found inside a line.
    long: bool,
    /// Whether it names a row of cells alone: not a heading that groups rows (`一、主动公开情况`
    /// in the 统计表, `（六）其他处理` over the 2021 rows under it).
    data: bool,
}

/// Every row label of the registry's tables (folded cores of two characters or more), with
/// their aliases and the headings that group the 统计表's and table 三's rows.
static ROW_LABELS: LazyLock<Vec<RowLabel>> = LazyLock::new(|| {
    use ogi_model::{
        LegacyRow, ProactiveColumn, ProactiveRow, RequestColumn, RequestGroup, RequestRow,
        ReviewColumn, ReviewRow, Vocabulary,
    };
    fn of<V: Vocabulary>(
        table: TableName,
        aliases: impl Fn(V) -> &'static [&'static str],
    ) -> impl Iterator<Item = (TableName, &'static str)> {
        V::ALL.iter().flat_map(move |v| {
            std::iter::once(v.label())
                .chain(aliases(*v).iter().copied())
                .map(move |l| (table, l))
        })
    }
    let groups: Vec<(TableName, &str)> = ogi_model::legacy::HEADINGS
        .iter()
        .map(|h| (TableName::Legacy, *h))
        .chain(of::<RequestGroup>(TableName::Requests, |g| {
            g.spec().aliases
        }))
        .collect();
    // Labels that also head a column (`总计`) or group rows name no row of cells alone.
    let columns = of::<RequestColumn>(TableName::Requests, |_| &[])
        .chain(of::<ReviewColumn>(TableName::ReviewLitigation, |_| &[]))
        .chain(of::<ProactiveColumn>(TableName::Proactive, |_| &[]));
    // Template labels are written as printed (full-width brackets); the input is NFKC.
    let core = |l: &str| fold(&crate::normalize::normalize(l).text).core;
    let not_alone: Vec<String> = groups
        .iter()
        .copied()
        .chain(columns)
        .map(|(_, l)| core(l))
        .collect();
    let rows = of::<LegacyRow>(TableName::Legacy, |r| r.spec().aliases)
        .chain(of::<RequestRow>(TableName::Requests, |r| r.spec().aliases))
        .chain(of::<ProactiveRow>(TableName::Proactive, |r| {
            r.spec().aliases
        }))
        .chain(of::<ReviewRow>(TableName::ReviewLitigation, |r| {
            r.spec().aliases
        }))
        .map(|(table, l)| (table, core(l), true));
    let groups = groups.into_iter().map(|(table, l)| (table, core(l), false));
    rows.chain(groups)
        .filter(|(_, core, _)| core.chars().count() >= 2)
        .map(|(table, core, data)| RowLabel {
            data: data && !not_alone.contains(&core),
            long: core.chars().count() >= 4,
            table,
            core,
        })
        .collect()
});

/// Whether `cell` is the whole label of a row of cells of some table (folded; not a heading
/// that groups rows, nor a column's label as `总计` is too): in a table printed one cell per
/// line whose blank cells leave no line, a label after it starts another row
/// (`其他对外管理服务事项` / `第二十条第（六）项`, `规章` / `行政规范性文件`: the first row's
/// cells were all blank).
pub(crate) fn is_data_row_label(cell: &str) -> bool {
    let core = fold(cell).core;
    ROW_LABELS.iter().any(|l| l.data && l.core == core)
}

/// Whether a line that reads as a section heading (`四、行政复议数量`) opens a row of `table`
/// instead: the text after its ordinal starts with the folded label of one of the table's rows
/// in the registry (four characters or more), or with one of the headings that group its rows
/// (`一、主动公开情况` in the 统计表).
pub(crate) fn opens_row_of(table: TableName, heading: &str) -> bool {
    let core = fold(heading).core;
    ROW_LABELS
        .iter()
        .any(|l| l.long && l.table == table && core.starts_with(l.core.as_str()))
}

/// Whether a line that reads as a section heading opens a row of any table instead
/// ([`opens_row_of`]): `一、主动公开情况` in a 统计表 laid out in columns, or the first line
/// of a row's label wrapped in its column (`八、依申请公开信息` / `收取的费用`: four
/// characters or more that begin a row's label).
pub(crate) fn opens_any_row(heading: &str) -> bool {
    let core = fold(heading).core;
    let piece = core.chars().nth(3).is_some();
    ROW_LABELS.iter().any(|l| {
        l.long && (core.starts_with(l.core.as_str()) || (piece && l.core.starts_with(&core)))
    })
}

/// Whether the label cell `next` starts a sibling of the label cell `cell`, not a part of it:
/// both open with ordinals (text is normalised: half-width brackets) and `next`'s is of `cell`'s level or an outer one (`（六）其他处理` /
/// `（七）总计`, where `1.` under `（六）` would be its part). `其中` is always a part.
pub(crate) fn sibling_follows(cell: &str, next: &str) -> bool {
    let level = |s: &str| {
        ordinal(s.trim_start())
            .ok()
            .map(|(_, o)| o.style)
            .filter(|s| *s != OrdinalStyle::Among)
            .map(OrdinalStyle::level)
    };
    matches!((level(cell), level(next)), (Some(a), Some(b)) if b <= a)
}

/// Whether `text` ends with the whole label of a row of any table (four characters or more):
/// a unit word that ends it is the label's (`规范性文件`, `其他对外管理服务事项`), not a cell.
pub(crate) fn ends_with_row_label(text: &str) -> bool {
    let core = fold(text).core;
    ROW_LABELS
        .iter()
        .any(|l| l.long && core.ends_with(l.core.as_str()))
}

/// The result of matching a label against a [`LabelTable`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Match<K> {
    /// The folded core equals a known label's.
    Exact(K),
    /// Similar enough to one key; the text similarity (below 1) is kept for the diagnostic.
    Loose(K, f64),
    /// Two keys score alike.
    Ambiguous(K, K),
    /// Nothing is close.
    None,
}

struct Entry<K> {
    key: K,
    ordinal: Option<Ordinal>,
    core: Measured,
    full: Measured,
}

/// A folded label with what matching asks of it again and again: its length in characters and
/// the set of its characters (hashed to 128 bits; collisions only loosen the bounds).
struct Measured {
    text: String,
    chars: usize,
    mask: u128,
    /// How many of its characters have each bit of `mask`.
    counts: Box<[u32; 128]>,
}

impl Measured {
    fn new(text: &str) -> Self {
        let mut counts = Box::new([0u32; 128]);
        let (mut chars, mut mask) = (0, 0u128);
        for c in text.chars() {
            let bit = char_bit(c);
            counts[usize::from(bit)] += 1;
            mask |= 1 << bit;
            chars += 1;
        }
        Self {
            text: text.to_owned(),
            chars,
            mask,
            counts,
        }
    }

    /// Whether `self` may hold `other` as a substring: every character of `other` is in
    /// `self`'s set, and it is not longer.
    fn may_contain(&self, other: &Measured) -> bool {
        other.text.len() <= self.text.len() && other.mask & !self.mask == 0
    }

    /// Whether `self` holds `other` as a substring.
    fn contains(&self, other: &Measured) -> bool {
        self.may_contain(other) && contains(&self.text, &other.text)
    }
}

/// The bit of a character in a 128-bit character set.
fn char_bit(c: char) -> u8 {
    (u32::from(c).wrapping_mul(2_654_435_761) >> 25) as u8
}

/// An upper bound of [`similarity`] by edit distance: a character of `a` whose value `b` does not
/// hold cannot be matched, and similarity is at most matches / longer length.
fn edit_bound(a: &Measured, b: &Measured) -> f64 {
    // The characters of `a` whose bit `b` has, counted bit by bit.
    let mut common = a.mask & b.mask;
    let mut matchable = 0u32;
    while common != 0 {
        matchable += a.counts[common.trailing_zeros() as usize];
        common &= common - 1;
    }
    let longer = (a.chars as u32).max(b.chars as u32).max(1);
    f64::from(matchable) / f64::from(longer)
}

/// [`similarity`], skipped when [`edit_bound`] shows it cannot reach `floor` and `a` is not
/// contained in `b` or the reverse.
fn similarity_masked(a: &Measured, b: &Measured, floor: f64) -> f64 {
    if a.text.is_empty() || b.text.is_empty() {
        return 0.0;
    }
    if edit_bound(a, b) < floor && !b.contains(a) && !a.contains(b) {
        return 0.0;
    }
    similarity(a, b, floor)
}

/// Known labels of one section: each key with its template label and the variants seen.
pub(crate) struct LabelTable<K> {
    entries: Vec<Entry<K>>,
    /// The entries of each core, in order.
    by_core: HashMap<String, Vec<usize>>,
    /// The number of each entry's key (see `keys`).
    slots: Vec<usize>,
    /// How many keys the entries have.
    keys: usize,
}

/// Lowest score a loose match needs.
const THRESHOLD: f64 = 0.72;
/// How far ahead of the next key the best one must be.
const MARGIN: f64 = 0.04;

/// Similarity of a folded label `a` to a known folded label `b`, 0–1; 0 when it cannot reach
/// `floor` (the edit distance is then not computed).
fn similarity(a: &Measured, b: &Measured, floor: f64) -> f64 {
    if a.text.is_empty() || b.text.is_empty() {
        return 0.0;
    }
    if a.text == b.text {
        return 1.0;
    }
    let (la, lb) = (a.chars, b.chars);
    let (short, long, ls, ll) = if la <= lb {
        (a, b, la, lb)
    } else {
        (b, a, lb, la)
    };
    // A label cut short by a line break still names its row; so does one carrying a stray
    // fragment of a merged label (`法提供` of `(四)无法提供`). A label with words of its own
    // around a known one (`全文电子化的主动公开信息数`) is another indicator.
    let label_is_short = la <= lb;
    #[allow(clippy::cast_precision_loss)]
    let contained = if ls >= 4 && (label_is_short || ll - ls <= 3) && long.contains(short) {
        0.8 + 0.15 * ls as f64 / ll as f64
    } else {
        0.0
    };
    // Edit similarity is at most 1 - (length difference) / (longer length).
    #[allow(clippy::cast_precision_loss)]
    let edit_bound = 1.0 - (ll - ls) as f64 / ll as f64;
    if edit_bound < floor || edit_bound <= contained {
        return contained;
    }
    // strsim's normalized Levenshtein, on the characters decoded once (its `&str` form decodes
    // the second string again for every character of the first).
    let (ca, cb): (Vec<char>, Vec<char>) = (a.text.chars().collect(), b.text.chars().collect());
    #[allow(clippy::cast_precision_loss)]
    let edit = 1.0 - (strsim::generic_levenshtein(&ca, &cb) as f64) / (la.max(lb) as f64);
    edit.max(contained)
}

impl<K: Copy + PartialEq> LabelTable<K> {
    /// Builds a table from `(key, label)` pairs; a key may have several labels.
    pub(crate) fn new(labels: impl IntoIterator<Item = (K, &'static str)>) -> Self {
        let entries = labels
            .into_iter()
            .map(|(key, label)| {
                // Template labels are written as printed (full-width brackets); the input is NFKC.
                let f = fold(&crate::normalize::normalize(label).text);
                Entry {
                    key,
                    ordinal: f.ordinal,
                    core: Measured::new(&f.core),
                    full: Measured::new(&f.full),
                }
            })
            .collect::<Vec<Entry<K>>>();
        let mut by_core: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            by_core.entry(e.core.text.clone()).or_default().push(i);
        }
        // Each entry's key, numbered in the order keys first appear.
        let mut keys: Vec<K> = Vec::new();
        let slots = entries
            .iter()
            .map(|e| {
                keys.iter().position(|k| *k == e.key).unwrap_or_else(|| {
                    keys.push(e.key);
                    keys.len() - 1
                })
            })
            .collect();
        Self {
            entries,
            by_core,
            slots,
            keys: keys.len(),
        }
    }

    /// The entries whose core is `core` (not empty), in order.
    fn exact(&self, core: &str) -> &[usize] {
        if core.is_empty() {
            return &[];
        }
        self.by_core.get(core).map_or(&[], Vec::as_slice)
    }

    /// Whether a folded label's core is a known label's core exactly.
    pub(crate) fn knows(&self, label: &Folded) -> bool {
        !self.exact(&label.core).is_empty()
    }

    /// The key of [`best`](Self::best)'s [`Match::Exact`], if that is its answer. Only a label
    /// whose core is a known core can match exactly: any other is answered without comparing it
    /// with every entry.
    pub(crate) fn exact_key(
        &self,
        label: &Folded,
        context: impl Fn(K) -> Option<f64>,
    ) -> Option<K> {
        if !self.knows(label) {
            return None;
        }
        match self.best(label, context) {
            Match::Exact(k) => Some(k),
            _ => None,
        }
    }

    /// The best text similarity of `label` to any known label, or 0 when none reaches `floor`
    /// (for choosing among ways to join a wrapped label).
    pub(crate) fn score(&self, label: &str, floor: f64) -> f64 {
        let f = fold(label);
        if !self.exact(&f.core).is_empty() {
            return 1.0;
        }
        let (core, full) = (Measured::new(&f.core), Measured::new(&f.full));
        // Only the best counts, so each entry needs only to beat the best so far: the floor rises
        // as better entries are found, and entries that cannot beat it are not measured.
        self.entries.iter().fold(0.0, |best: f64, e| {
            let floor = floor.max(best);
            best.max(similarity_masked(&core, &e.core, floor))
                .max(similarity_masked(&full, &e.full, floor))
        })
    }

    /// The longest known label core (two characters or more) that `core` ends with: a crawler
    /// glues a row's label to the header text before it
    /// (`第二十条第(一)项信息内容本年制发件数本年废止件数现行有效件数规章`).
    pub(crate) fn known_suffix(&self, core: &str) -> Option<String> {
        self.entries
            .iter()
            .filter(|e| e.core.chars >= 2 && core.ends_with(e.core.text.as_str()))
            .max_by_key(|e| e.core.text.len())
            .map(|e| e.core.text.clone())
    }

    /// The keys of the known label cores of four characters or more that `core` holds before
    /// its last `tail` bytes, in the order they stand there: labels of several rows run
    /// together, as where a crawler's dump lost the cells of the rows before the last.
    pub(crate) fn labels_before(&self, core: &str, tail: usize) -> Vec<K> {
        let head = &core[..core.len().saturating_sub(tail)];
        let mut found: Vec<(usize, K)> = Vec::new();
        for e in &self.entries {
            if e.core.chars < 4 || found.iter().any(|(_, k)| *k == e.key) {
                continue;
            }
            // `text::find`, not `str::find`: a two-way searcher prepared for every entry cost
            // more than the searches.
            if let Some(at) = find(head, e.core.text.as_str()) {
                found.push((at, e.key));
            }
        }
        found.sort_by_key(|(at, _)| *at);
        found.into_iter().map(|(_, k)| k).collect()
    }

    /// Matches a folded label. `context` adjusts each key's score (parents, position); return
    /// `None` from it to rule a key out.
    ///
    /// Labels whose core equals a known core are decided among those keys alone; only other
    /// labels are compared by edit distance with every entry.
    pub(crate) fn best(&self, label: &Folded, context: impl Fn(K) -> Option<f64>) -> Match<K> {
        if label.core.is_empty() && label.full.is_empty() {
            return Match::None;
        }
        let exact_entries = self.exact(&label.core);
        let exact_only = !exact_entries.is_empty();
        // The label measured for edit similarity, when no entry matches it exactly.
        let measured =
            (!exact_only).then(|| (Measured::new(&label.core), Measured::new(&label.full)));
        // With an exact match, only the entries of that core; else every entry, none exact.
        let all: &[usize] = &[];
        let (exact_entries, every) = if exact_only {
            (exact_entries, 0..0)
        } else {
            (all, 0..self.entries.len())
        };
        // Best (score with context, text similarity, exact, slot) per key, in the order keys
        // were first scored; where each key's stands, by its slot (a few exact entries are
        // searched).
        let mut scores: Vec<(K, f64, f64, bool, usize)> = Vec::with_capacity(if exact_only {
            exact_entries.len()
        } else {
            self.keys
        });
        let mut slot_at: Vec<Option<usize>> = vec![None; if exact_only { 0 } else { self.keys }];
        for i in exact_entries.iter().copied().chain(every) {
            let e = &self.entries[i];
            let exact = exact_only;
            let Some(bonus) = context(e.key) else {
                continue;
            };
            let text = match &measured {
                None => 1.0,
                Some((core, full)) => {
                    // The most context and ordinal can add; below this the text cannot win.
                    let floor = THRESHOLD - bonus - 0.06;
                    similarity_masked(core, &e.core, floor)
                        .max(similarity_masked(full, &e.full, floor))
                }
            };
            let mut s = text + bonus;
            if let (Some(a), Some(b)) = (label.ordinal, e.ordinal) {
                if a.style == b.style {
                    s += if a.number == b.number { 0.06 } else { -0.04 };
                }
            }
            let slot = self.slots[i];
            let at = if exact_only {
                scores.iter().position(|k| k.4 == slot)
            } else {
                slot_at[slot]
            };
            match at {
                Some(j) if s > scores[j].1 => scores[j] = (e.key, s, text, exact, slot),
                Some(_) => {}
                None => {
                    if !exact_only {
                        slot_at[slot] = Some(scores.len());
                    }
                    scores.push((e.key, s, text, exact, slot));
                }
            }
        }
        scores.sort_by(|a, b| b.1.total_cmp(&a.1));
        match scores.as_slice() {
            [] => Match::None,
            [(k, s, text, exact, _), rest @ ..] => {
                if *s < THRESHOLD {
                    return Match::None;
                }
                if let Some((k2, s2, ..)) = rest.first() {
                    if s - s2 < MARGIN {
                        return Match::Ambiguous(*k, *k2);
                    }
                }
                if *exact {
                    return Match::Exact(*k);
                }
                // A label holding the words of two rows (`信函、传真申请数`) names neither.
                if let Some(other) = self.conjoined(&label.core, *k) {
                    return Match::Ambiguous(*k, other);
                }
                Match::Loose(*k, *text)
            }
        }
    }

    /// Another key that a label holding one of `key`'s labels whole also names: the other
    /// key's label (four characters or more) stands in it with gaps (`信函申请数` in
    /// `信函传真申请数`, which holds `传真申请数` whole) and is not within `key`'s label.
    fn conjoined(&self, core: &str, key: K) -> Option<K> {
        let holds_whole = self
            .entries
            .iter()
            .filter(|e| e.key == key && e.core.chars >= 2)
            .find(|e| core.len() > e.core.text.len() && contains(core, &e.core.text))?;
        let subsequence = |short: &str, long: &str| {
            let mut chars = long.chars();
            short.chars().all(|c| chars.any(|l| l == c))
        };
        self.entries
            .iter()
            .filter(|e| e.key != key && e.core.chars >= 4)
            .find(|e| {
                subsequence(&e.core.text, core)
                    && !contains(core, &e.core.text)
                    && !subsequence(&e.core.text, &holds_whole.core.text)
            })
            .map(|e| e.key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The registry's row labels: whole labels of rows of cells, headings that are rows.
    #[test]
    fn row_labels_of_the_registry() {
        assert!(is_data_row_label("其他对外管理服务事项"));
        assert!(is_data_row_label("规章"));
        // The text is NFKC (half-width brackets), the registry as printed (full-width).
        assert!(is_data_row_label(
            "(二)部分公开(区分处理的,只计这一情形,不计其他情形)"
        ));
        // A merged label over rows, and a column's label, name no row alone.
        assert!(!is_data_row_label("(六)其他处理"));
        assert!(!is_data_row_label("（六）其他处理"));
        assert!(!is_data_row_label("总计"));
        assert!(opens_row_of(TableName::Legacy, "一、主动公开情况"));
        assert!(opens_row_of(
            TableName::Legacy,
            "四、行政复议数量件（一）维持"
        ));
        assert!(!opens_row_of(
            TableName::Legacy,
            "五、存在的主要问题及改进措施"
        ));
        assert!(opens_any_row("八、依申请公开信息"));
        assert!(!opens_any_row("五、存在的主要问题及改进措施"));
        assert!(!opens_any_row("二、主动公开政府信息情况"));
        assert!(ends_with_row_label("规范性文件"));
        assert!(!ends_with_row_label("主动公开信息数条"));
        // A sibling's ordinal ends a label; a child's does not.
        assert!(sibling_follows("(六)其他处理", "(七)总计"));
        assert!(!sibling_follows(
            "(六)其他处理",
            "1.申请人无正当理由逾期不补正"
        ));
        assert!(sibling_follows("3.其他", "(七)总计"));
        assert!(!sibling_follows("行政许可", "(七)总计"));
        // 政务信息 is written for 政府信息 in any label.
        assert_eq!(fold("主动公开政务信息数").core, "主动公开政府信息数");
    }

    #[test]
    fn ordinals_leave_the_label() {
        let o = |s| ordinal(s).map(|(r, o)| (r, o.style, o.number));
        assert_eq!(o("三、收到"), Ok(("收到", OrdinalStyle::Chinese, 3)));
        assert_eq!(o("三 、本 年"), Ok(("本 年", OrdinalStyle::Chinese, 3)));
        assert_eq!(
            o("(二)部分公开"),
            Ok(("部分公开", OrdinalStyle::ParenChinese, 2))
        );
        assert_eq!(o("12.重复"), Ok(("重复", OrdinalStyle::Arabic, 12)));
        assert_eq!(
            o("1、当面申请数"),
            Ok(("当面申请数", OrdinalStyle::Arabic, 1))
        );
        assert_eq!(o("(3)其他"), Ok(("其他", OrdinalStyle::ParenArabic, 3)));
        assert_eq!(o("其中:主动"), Ok(("主动", OrdinalStyle::Among, 0)));
        assert!(ordinal("1.5万").is_err());
        assert!(ordinal("2019年").is_err());
        assert!(ordinal("规章").is_err());
    }

    #[test]
    fn characters_that_fold_to_themselves() {
        for c in "馀餘於復複〇○臺它aZ9一㐀(".chars() {
            assert_eq!(folds_to_itself(c), fold_char(c) == Some(c), "{c}");
        }
    }

    #[test]
    fn fold_strips_ordinal_punctuation_and_notes() {
        let f = fold("(二)不分公开(区分处理的,只计这一情形,不计其他情形)");
        assert_eq!(
            f.ordinal,
            Some(Ordinal {
                style: OrdinalStyle::ParenChinese,
                number: 2
            })
        );
        assert_eq!(f.core, "不分公开");
        assert_eq!(f.full, "不分公开区分处理的只计这一情形不计其他情形");
        assert_eq!(fold("3.危及“三安全一稳定”").core, "危及三安全一稳定");
        assert_eq!(fold("关於三百馀件").core, "关于三百余件");
    }

    #[derive(Clone, Copy, Debug, PartialEq)]
    enum K {
        Granted,
        Partial,
        Denied,
    }

    fn table() -> LabelTable<K> {
        LabelTable::new([
            (K::Granted, "(一)予以公开"),
            (
                K::Partial,
                "(二)部分公开(区分处理的,只计这一情形,不计其他情形)",
            ),
            (K::Denied, "(三)不予公开"),
        ])
    }

    #[test]
    fn typos_match_loosely_and_notes_decide() {
        let t = table();
        assert_eq!(
            t.best(&fold("(一)予以公开"), |_| Some(0.0)),
            Match::Exact(K::Granted)
        );
        let m = t.best(
            &fold("(二)不分公开(区分处理的,只计这一情形,不计其他情形)"),
            |_| Some(0.0),
        );
        assert!(matches!(m, Match::Loose(K::Partial, _)), "{m:?}");
        // Without the note, 不分公开 is one edit from both 部分公开 and 不予公开; the ordinal decides.
        let m = t.best(&fold("(二)不分公开"), |_| Some(0.0));
        assert!(matches!(m, Match::Loose(K::Partial, _)), "{m:?}");
        assert_eq!(
            t.best(&fold("不分公开"), |_| Some(0.0)),
            Match::Ambiguous(K::Partial, K::Denied)
        );
        assert_eq!(t.best(&fold("政策解读"), |_| Some(0.0)), Match::None);
        // Context can rule keys out.
        let m = t.best(&fold("不分公开"), |k| (k != K::Denied).then_some(0.0));
        assert!(matches!(m, Match::Loose(K::Partial, _)));
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// A character folds to itself exactly when the quick test says so.
        #[test]
        fn folds_to_itself_is_fold_char(c in any::<char>()) {
            prop_assert_eq!(folds_to_itself(c), fold_char(c) == Some(c));
        }

        /// The edit similarity is strsim's normalized Levenshtein of the two texts; only a
        /// containment scores above it.
        #[test]
        fn similarity_is_normalized_levenshtein(
            a in "[予以公开部分不一二]{1,12}",
            b in "[予以公开部分不一二]{1,12}",
        ) {
            let (ma, mb) = (Measured::new(&a), Measured::new(&b));
            let s = similarity(&ma, &mb, 0.0);
            let expected = strsim::normalized_levenshtein(&a, &b);
            prop_assert!(s >= expected);
            // Exactly the same computation, so exactly the same number.
            #[allow(clippy::float_cmp)]
            let same = s == expected;
            prop_assert!(same || ma.contains(&mb) || mb.contains(&ma), "{a} {b}");
        }
    }
}
