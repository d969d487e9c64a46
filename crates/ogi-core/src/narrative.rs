//! Numbers stated in prose: `2019年主动公开政府信息5条`, `未收到政府信息公开申请`.
//!
//! The prose is cut into clauses (at `，。；` and line breaks). In each clause a row's *trigger*
//! (`主动公开政府信息`, `收到…申请`) is looked for, and the first number after it, within a few
//! characters, with a unit the row counts in (`5条`, `75件`), is the row's value — unless the
//! clause names a channel or another thing the number belongs to (`微信公众号发布信息407条`,
//! `目录1077条`, `群众诉求34件`), other than as a list of channels closed by `等渠道` that names
//! the website (`通过网站、微信公众号等渠道主动公开各类信息1146条`). Some wordings need more:
//! the sentence naming disclosure and the number counting information
//! (`在政府信息公开专栏，共更新发布10条信息`). A negation before a row's topic words states 0
//! (`未收到政府信息公开申请`, `没有…被申请行政复议或被提起行政诉讼`, which settles two rows);
//! so does a fee negated after it (`复印、邮寄等费用不进行收取`); words that only look negative
//! (`无法提供`, `未经复议`) are not negations. Approximate numbers (`300余`) keep their bound.
//! The first statement of a row is kept; a later different one is reported.
//!
//! The lines are first joined into paragraphs ([`joins`]): a long line that ends no sentence
//! goes on in the next (a PDF wrapped at the page width); so does a short one where the break
//! shows the sentence going on — the next line opens with a mark no sentence opens with, or a
//! number's unit, or is a number alone before its unit (`主动公开政府信息` / `18554` / `条。`).
//! In a text that shows its sentences so cut (a crawler that wrote each text node of a page on
//! its own line), every short line of text that ends no sentence goes on in the next
//! (`2019年,我局主动` / `公开政府信息` / `50条,…`). No line joins across a sentence's end,
//! a heading or numbered item, or a table row.

use crate::layout::Block;
use crate::numeral::{Numeral, numeral};
use crate::text::{CharSet, Text, contains, find};
use aho_corasick::AhoCorasick;
use ogi_model::{
    Bound, Cell, Code, Decimal, Diagnostic, NarrativeRow, NarrativeTable, Quantity, Severity,
    ValueColumn,
};
use std::borrow::Cow;
use std::ops::Range;
use std::sync::{LazyLock, OnceLock};

/// A number in a clause, with the unit after it.
#[derive(Clone, Debug)]
struct Num {
    /// Range in the clean text.
    at: Range<usize>,
    value: Numeral,
    unit: Option<&'static str>,
}

/// Units a number in these sentences can carry, longest first.
const UNITS: &[&str] = &[
    "人次", "万元", "余件", "余条", "条", "件", "个", "份", "次", "项", "元", "起", "宗", "篇",
    "人",
];

/// What may follow a number that is not a count (a date, a percentage, an ordinal word).
fn is_not_count(rest: &str) -> bool {
    rest.starts_with([
        '年', '月', '日', '号', '时', '分', '届', '是', '%', '、', '.', '-', '/', '〕', ']',
    ])
}

/// Chinese digits: a clause holding none (and no Arabic digit) states no number.
const CJK_DIGITS: &str = "零〇○一二两三四五六七八九十百千万";

/// The characters of [`CJK_DIGITS`], and those a number may start with: the Chinese digits
/// and the first characters of the numeral grammar's approximation words (`约`, `不足`).
fn char_sets() -> &'static (CharSet, CharSet) {
    static SETS: OnceLock<(CharSet, CharSet)> = OnceLock::new();
    SETS.get_or_init(|| {
        let starts = CJK_DIGITS
            .chars()
            .chain(crate::numeral::bound_words().filter_map(|w| w.chars().next()));
        (CharSet::new(CJK_DIGITS.chars()), CharSet::new(starts))
    })
}

/// The numbers of a clause, into `out` (emptied first): tried at each of `starts` (positions in
/// `text` where a number may start, ascending) that is not inside a number already read nor
/// right after a digit.
fn numbers(text: &str, clause: Range<usize>, starts: &[usize], out: &mut Vec<Num>) {
    let (digits, _) = char_sets();
    out.clear();
    let mut next = clause.start;
    for &at in starts {
        if at < next {
            continue;
        }
        let rest = &text[at..clause.end];
        let Some(c) = rest.chars().next() else { break };
        let could_start =
            c.is_ascii_digit() || digits.contains(c) || crate::numeral::bound_before(rest).is_ok();
        let after_digit = text[clause.start..at]
            .chars()
            .next_back()
            .is_some_and(|p| p.is_ascii_digit() || p == '.');
        if !could_start || after_digit {
            continue;
        }
        if let Ok((after, value)) = numeral(rest) {
            let len = rest.len() - after.len();
            let tail = after.trim_start_matches(' ');
            let unit = UNITS.iter().find(|u| tail.starts_with(*u)).copied();
            let chinese = !rest.starts_with(|c: char| c.is_ascii_digit())
                && !rest[..len].chars().any(|c| c.is_ascii_digit());
            // A number in characters counts only with a unit (not 一是, 二、).
            if !is_not_count(tail) && !value.percent && (unit.is_some() || !chinese) {
                out.push(Num {
                    at: at..at + len,
                    value,
                    unit,
                });
            }
            next = at + len.max(c.len_utf8());
        } else if crate::numeral::is_cn_numeral(c) {
            // A run of numeral characters longer than any number (`一一一…`) is no number
            // from any of its characters on: read once, not once per character.
            let run = rest
                .char_indices()
                .find(|(_, c)| !crate::numeral::is_cn_numeral(*c))
                .map_or(rest.len(), |(i, _)| i);
            if rest[..run].chars().nth(LONGEST_CN_NUMERAL).is_some() {
                next = at + run;
            }
        }
    }
}

/// The most characters a number in Chinese numerals has (`九千九百九十九万九千九百九十九` has
/// fifteen, `二〇二一` four).
const LONGEST_CN_NUMERAL: usize = 24;

/// A positive statement: a trigger, then (within `gap` characters holding no other number) a
/// number in one of `units`.
struct Positive {
    row: NarrativeRow,
    triggers: &'static [&'static str],
    units: &'static [&'static str],
    /// A number with no unit is taken when it ends the clause (`申请公开政府信息165,`).
    bare: bool,
    gap: usize,
    /// Words that, before the trigger in the clause or between it and the number, make the
    /// number another thing's.
    not_with: &'static [&'static str],
    /// Words the clause must contain.
    needs: &'static [&'static str],
    /// Words one of which the clause must contain when not empty: what makes it about
    /// disclosure (`收取信息处理费380元`, not `已公开排污收费744万元`).
    topics: &'static [&'static str],
    /// Whether `not_with` also applies before the trigger (a channel named earlier in the clause).
    scope_before: bool,
    /// A number may also come before the trigger, after one of these verbs
    /// (`收到1份有关政府信息公开行政复议申请`).
    verbs_before: &'static [&'static str],
    /// What the sentence must be about: a sentence naming one of `elsewhere` (another
    /// service's applications, cases or requests) states nothing for the row unless it also
    /// names one of `disclosure` ([`TopicRule`]).
    topic: Option<&'static TopicRule>,
    /// Words one of which must follow the number's unit when not empty: what the number
    /// counts, where the trigger alone does not say (`共更新发布10条信息`: `信息`).
    counts: &'static [&'static str],
}

/// The words that tell a sentence about another service from one about disclosure: the
/// numbers of `政务服务中心全年共受理申请121510件` are the service hall's, not information
/// requests, though the clause reads like one.
struct TopicRule {
    /// Words of other services and their counts.
    elsewhere: &'static [&'static str],
    /// Words that make a sentence about disclosure whatever else it names.
    disclosure: &'static [&'static str],
    /// Whether the sentence must name disclosure (one of `disclosure`) for the rule to read
    /// it at all, not only when it names another service: the rule's words alone say nothing
    /// of what was published (`更新发布10条信息`).
    named: bool,
}

/// Applications that are not information requests: 审批 and 政务服务 (the service hall's
/// 办件), 行政许可, 信访, the 12345 hotline, registrations.
const REQUESTS_TOPIC: TopicRule = TopicRule {
    elsewhere: &[
        "审批",
        "政务服务",
        "服务大厅",
        "服务中心",
        "办件",
        "行政许可",
        "许可",
        "信访",
        "12345",
        "热线",
        "便民",
        "登记",
        "备案",
        "不动产",
        "事项",
    ],
    disclosure: &["信息公开", "公开申请", "政府信息", "依申请公开"],
    named: false,
};

/// Wordings that say only that something was published: the sentence must name disclosure.
/// `在政府信息公开专栏，共更新发布10条信息` (corpus 120) does; `动态更新发布本年度制发行政规范性文件62件`
/// (corpus 019) does not, nor would `在政务服务网，共更新发布120条信息`.
const DISCLOSURE_TOPIC: TopicRule = TopicRule {
    elsewhere: &[],
    disclosure: &["信息公开", "政府信息", "主动公开"],
    named: true,
};

/// Where the clause `clause` of `s` stands: its sentence, from the mark that ends the one
/// before (`。！？；` or a line break) to the mark that ends it.
fn sentence_of(s: &str, clause: &Range<usize>) -> Range<usize> {
    let ends = ['。', '！', '？', '；', '\n', '!', '?', ';'];
    let start = s[..clause.start]
        .rfind(ends)
        .map_or(0, |i| i + s[i..].chars().next().map_or(1, char::len_utf8));
    let end = s[clause.end..]
        .find(ends)
        .map_or(s.len(), |i| clause.end + i);
    start..end
}

/// Whether the sentence around `clause` is about something else than the rule's row
/// (see [`TopicRule`]).
fn off_topic(s: &str, clause: &Range<usize>, rule: &Positive) -> bool {
    let Some(topic) = rule.topic else {
        return false;
    };
    let sentence = &s[sentence_of(s, clause)];
    (topic.named || topic.elsewhere.iter().any(|w| contains(sentence, w)))
        && !topic.disclosure.iter().any(|w| contains(sentence, w))
}

/// Channels and other things whose counts are not the report's totals.
const CHANNELS: &[&str] = &[
    "微信",
    "微博",
    "公众号",
    "新媒体",
    "客户端",
    "头条",
    "抖音",
    "专栏",
    "目录",
    "依申请",
    "网站",
    "网上",
    "诉求",
    "咨询",
    "留言",
    "新闻",
    "动态",
    "信息资源",
    "归集",
    "类信息",
    "讯息",
    // Counts since the office opened (`历年累计`), not the year's.
    "历年",
];

/// Words that close a list of channels: the number after them is the total over the channels
/// listed, not one channel's, where the list names the website — a list of new media
/// alone (`通过微信、微博等平台`) still counts as a channel.
///
/// `across = channel ("、" channel)* closer`, `closer = 等渠道 | 等多种渠道 | 等平台 | 等载体 | 等途径`
///
/// Example (corpus 117): `我局通过网站、微信公众号等渠道主动公开各类信息1146条`.
const ACROSS_CHANNELS: [&str; 5] = ["等渠道", "等多种渠道", "等平台", "等载体", "等途径"];

/// Where the list of channels that the clause `s` names before `t` ends, if it closes with one
/// of [`ACROSS_CHANNELS`] and names the website: the end of its closer.
fn across_channels(s: &str, t: usize) -> Option<usize> {
    let before = &s[..t];
    let (at, closer) = ACROSS_CHANNELS
        .iter()
        .filter_map(|w| before.rfind(w).map(|i| (i, *w)))
        .max_by_key(|(i, _)| *i)?;
    contains(&before[..at], "网站").then_some(at + closer.len())
}

const POSITIVES: &[Positive] = &[
    Positive {
        row: NarrativeRow::ProactiveViaWebsite,
        triggers: &["政府网站公开", "门户网站公开", "网站公开"],
        units: &["条", "余条"],
        bare: false,
        gap: 4,
        not_with: &["访问", "浏览", "微信", "微博"],
        needs: &[],
        topics: &[],
        scope_before: true,
        verbs_before: &[],
        topic: None,
        counts: &[],
    },
    Positive {
        row: NarrativeRow::ProactiveTotal,
        triggers: &[
            "主动公开政府信息",
            "主动公开信息数",
            "主动公开信息",
            "主动公开各类信息",
            "主动公开各类政府信息",
            "公开发布各类信息",
            "发布各类信息",
            "公布政府信息",
        ],
        units: &["条", "余条", "件", "余件"],
        bare: false,
        gap: 6,
        not_with: CHANNELS,
        needs: &[],
        topics: &[],
        scope_before: true,
        verbs_before: &[],
        topic: None,
        counts: &[],
    },
    // `通过政府网站政府信息公开专栏公开277件` (corpus 109): the website's disclosure column, the
    // website's count. Another column of the website (`财政预决算专栏`) is a topic's.
    Positive {
        row: NarrativeRow::ProactiveViaWebsite,
        triggers: &[
            "信息公开专栏公开",
            "信息公开专栏主动公开信息",
            "信息公开专栏主动公开",
        ],
        units: &["条", "余条", "件", "余件"],
        bare: false,
        gap: 2,
        not_with: &["访问", "浏览", "微信", "微博"],
        needs: &["网站"],
        topics: &[],
        scope_before: true,
        verbs_before: &[],
        topic: None,
        counts: &[],
    },
    // `在政府信息公开专栏，共更新发布10条信息` (corpus 120): published, counted as information, in
    // a sentence about disclosure.
    Positive {
        row: NarrativeRow::ProactiveTotal,
        triggers: &["更新发布"],
        units: &["条", "余条", "件", "余件"],
        bare: false,
        gap: 2,
        not_with: CHANNELS,
        needs: &[],
        topics: &[],
        scope_before: true,
        verbs_before: &[],
        topic: Some(&DISCLOSURE_TOPIC),
        counts: &["信息", "政府信息", "各类信息"],
    },
    // `我局及时准确公开了政府信息共164件` (corpus 112).
    Positive {
        row: NarrativeRow::ProactiveTotal,
        triggers: &["公开了政府信息"],
        units: &["条", "余条", "件", "余件"],
        bare: false,
        gap: 2,
        not_with: CHANNELS,
        needs: &[],
        topics: &[],
        scope_before: true,
        verbs_before: &[],
        topic: None,
        counts: &[],
    },
    Positive {
        row: NarrativeRow::RequestsReceived,
        triggers: &["收到", "受理", "接收", "接到", "申请公开政府信息"],
        units: &["件", "条", "个", "份", "余件"],
        bare: true,
        gap: 30,
        not_with: &[
            "复议",
            "诉讼",
            "办结",
            "答复",
            "予以公开",
            "不予",
            "当面",
            "网上申请",
            "信函",
            "电子邮件",
            "事项",
            "诉求",
            "咨询",
            "历年",
        ],
        needs: &["申请"],
        topics: &[],
        scope_before: false,
        verbs_before: &[],
        topic: Some(&REQUESTS_TOPIC),
        counts: &[],
    },
    Positive {
        row: NarrativeRow::RequestsDenied,
        triggers: &["不予公开"],
        units: &["件"],
        bare: false,
        gap: 2,
        not_with: &["信息数"],
        needs: &[],
        topics: &[],
        scope_before: false,
        verbs_before: &[],
        topic: None,
        counts: &[],
    },
    Positive {
        row: NarrativeRow::FeesCollected,
        triggers: &["收取", "收费"],
        units: &["元", "万元"],
        bare: false,
        gap: 20,
        not_with: &["行政事业性"],
        needs: &["费"],
        topics: &["信息", "申请", "检索", "复制", "邮寄"],
        scope_before: true,
        verbs_before: &[],
        topic: None,
        counts: &[],
    },
    Positive {
        row: NarrativeRow::ReviewsTotal,
        triggers: &["行政复议案件", "行政复议"],
        units: &["件", "起", "宗", "份"],
        bare: false,
        gap: 4,
        not_with: &["诉讼"],
        needs: &[],
        topics: &[],
        scope_before: false,
        verbs_before: &["收到", "发生", "产生", "共有", "有"],
        topic: None,
        counts: &[],
    },
    Positive {
        row: NarrativeRow::LawsuitsTotal,
        triggers: &["行政诉讼案件", "行政诉讼"],
        units: &["件", "起", "宗", "份"],
        bare: false,
        gap: 4,
        not_with: &["复议"],
        needs: &[],
        topics: &[],
        scope_before: false,
        verbs_before: &["收到", "发生", "产生", "共有", "有"],
        topic: None,
        counts: &[],
    },
];

fn chars_between(s: &str) -> usize {
    s.chars().count()
}

/// Every word the [`POSITIVES`] look for in a clause (triggers, needed words, words that make
/// a number another thing's), each once, with each rule's words as indices into them, so that
/// a clause is searched for all of them in one pass ([`Hits`]).
struct RuleWords {
    words: Vec<&'static str>,
    /// For each rule, the index of each of its triggers, in order.
    triggers: Vec<Vec<usize>>,
    /// For each rule, the index of each word it needs.
    needs: Vec<Vec<usize>>,
    /// For each rule, the index of each of its topic words.
    topics: Vec<Vec<usize>>,
    /// For each rule, the index of each of its `not_with` words.
    not_with: Vec<Vec<usize>>,
    /// The index of `申请`, which the gap of a request statement must hold.
    application: usize,
    automaton: Option<AhoCorasick>,
    /// [`STATEMENT_MARKS`], to tell quickly (leftmost-first: with its SIMD prefilter) whether a
    /// paragraph, or a clause, may state anything at all.
    any_statement: Option<AhoCorasick>,
}

impl RuleWords {
    fn get() -> &'static RuleWords {
        static WORDS: LazyLock<RuleWords> = LazyLock::new(|| {
            let mut words: Vec<&'static str> = Vec::new();
            let mut index = |w: &'static str| {
                words.iter().position(|x| *x == w).unwrap_or_else(|| {
                    words.push(w);
                    words.len() - 1
                })
            };
            let mut ids = |pick: fn(&Positive) -> &'static [&'static str]| -> Vec<Vec<usize>> {
                POSITIVES
                    .iter()
                    .map(|r| pick(r).iter().map(|w| index(w)).collect())
                    .collect()
            };
            let triggers = ids(|r| r.triggers);
            let needs = ids(|r| r.needs);
            let topics = ids(|r| r.topics);
            let not_with = ids(|r| r.not_with);
            let application = index("申请");
            let automaton = AhoCorasick::new(&words).ok();
            let any_statement = AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostFirst)
                .build(STATEMENT_MARKS)
                .ok();
            RuleWords {
                words,
                triggers,
                needs,
                topics,
                not_with,
                application,
                automaton,
                any_statement,
            }
        });
        &WORDS
    }
}

/// Where the words of [`RuleWords`] occur in a clause: every occurrence, overlapping ones too,
/// found in one pass, as `(word, start)` with starts relative to the clause; none at all when
/// the clause holds none of [`STATEMENT_MARKS`] (then it holds no trigger, or not a word the
/// rule needs, and no rule applies).
struct Hits {
    hits: Vec<(usize, usize)>,
}

impl Hits {
    fn new(clause: &str) -> Self {
        let words = RuleWords::get();
        let mut hits = Vec::new();
        if words
            .any_statement
            .as_ref()
            .is_some_and(|any| !any.is_match(clause))
        {
            return Self { hits };
        }
        match &words.automaton {
            Some(automaton) => {
                hits.extend(
                    automaton
                        .find_overlapping_iter(clause)
                        .map(|m| (m.pattern().as_usize(), m.start())),
                );
            }
            None => {
                for (w, word) in words.words.iter().enumerate() {
                    let mut from = 0;
                    while let Some(at) = find(&clause[from..], word) {
                        hits.push((w, from + at));
                        from += at + word.chars().next().map_or(1, char::len_utf8);
                    }
                }
            }
        }
        Self { hits }
    }

    /// Where word `w` first occurs, as [`find`] gives it.
    fn first(&self, w: usize) -> Option<usize> {
        self.all(w).min()
    }

    /// Every place where word `w` occurs, in the order found.
    fn all(&self, w: usize) -> impl Iterator<Item = usize> + '_ {
        self.hits
            .iter()
            .filter(move |(word, _)| *word == w)
            .map(|(_, at)| *at)
    }

    /// Whether word `w` occurs inside `range` of the clause, as [`contains`] on that slice
    /// tells.
    fn within(&self, w: usize, range: Range<usize>) -> bool {
        let len = RuleWords::get().words[w].len();
        self.hits
            .iter()
            .any(|&(word, at)| word == w && at >= range.start && at + len <= range.end)
    }

    /// Whether any of the words `ws` occurs inside `range`.
    fn any_within(&self, ws: &[usize], range: Range<usize>) -> bool {
        ws.iter().any(|&w| self.within(w, range.clone()))
    }
}

/// The value the positive rule `POSITIVES[r]` finds in a clause, whose words are `hits`.
fn positive(text: &str, clause: Range<usize>, nums: &[Num], r: usize, hits: &Hits) -> Option<Num> {
    let rule = &POSITIVES[r];
    let words = RuleWords::get();
    let not_with = &words.not_with[r];
    let s = &text[clause.clone()];
    if !words.needs[r].iter().all(|&w| hits.first(w).is_some()) {
        return None;
    }
    if off_topic(text, &clause, rule) {
        return None;
    }
    let topics = &words.topics[r];
    if !topics.is_empty() && !topics.iter().any(|&w| hits.first(w).is_some()) {
        return None;
    }
    // Each place of each trigger, in the rule's order: a clause may name the topic before it
    // states it (`…主动公开政府信息的数量2009年全市主动公开政府信息共30293条`).
    let places = rule
        .triggers
        .iter()
        .zip(&words.triggers[r])
        .flat_map(|(trigger, &id)| {
            let mut at: Vec<usize> = hits.all(id).collect();
            at.sort_unstable();
            at.into_iter().map(move |t| (trigger, t))
        });
    for (trigger, t) in places {
        let t_end = clause.start + t + trigger.len();
        if rule.scope_before && hits.any_within(not_with, 0..t) {
            // Channels listed and closed (`通过网站、微信公众号等渠道`) are the total's ways.
            let closed = across_channels(s, t).filter(|&e| !hits.any_within(not_with, e..t));
            if closed.is_none() {
                continue;
            }
        }
        // `收到1份…行政复议申请`: the number before the trigger, after a verb.
        if let Some(num) = nums.iter().rev().find(|n| n.at.end <= clause.start + t) {
            let between = &text[num.at.end..clause.start + t];
            let lead = &text[clause.start..num.at.start];
            // What stands between may say what the case arose from, at more length when it
            // names disclosure (`发生1起因政府信息公开申请而引起行政诉讼`).
            let reach = if contains(between, "信息公开") {
                20
            } else {
                12
            };
            if rule.verbs_before.iter().any(|v| lead.ends_with(v))
                && chars_between(between) <= reach
                && num.unit.is_some_and(|u| rule.units.contains(&u))
                && !hits.any_within(not_with, num.at.end - clause.start..t)
            {
                return Some(num.clone());
            }
        }
        let Some(num) = nums.iter().find(|n| n.at.start >= t_end) else {
            continue;
        };
        let gap = &text[t_end..num.at.start];
        let gap_range = t_end - clause.start..num.at.start - clause.start;
        if chars_between(gap) > rule.gap || hits.any_within(not_with, gap_range.clone()) {
            continue;
        }
        // Requests: the words between are about the application, not what became of it.
        if rule.row == NarrativeRow::RequestsReceived
            && !hits.within(words.application, gap_range)
            && !contains(trigger, "申请")
        {
            continue;
        }
        if rule.row == NarrativeRow::RequestsReceived && hits.any_within(not_with, 0..s.len()) {
            continue;
        }
        let unit_ok = match num.unit {
            Some(u) => rule.units.contains(&u),
            None => rule.bare && text[num.at.end..clause.end].trim().is_empty(),
        };
        // What the number counts, after its unit (`10条信息`).
        let counted = rule.counts.is_empty()
            || num.unit.is_some_and(|u| {
                text[num.at.end..clause.end]
                    .trim_start_matches(' ')
                    .strip_prefix(u)
                    .is_some_and(|rest| rule.counts.iter().any(|w| rest.starts_with(w)))
            });
        if unit_ok && counted {
            return Some(num.clone());
        }
    }
    None
}

/// Characters that, after 无/未, make no negation (`无法提供`, `未经复议`, `未按`).
fn false_negation(after: &str) -> bool {
    [
        "法", "经", "按", "正当", "关", "偿", "误", "来", "论", "缝", "效", "须", "必",
    ]
    .iter()
    .any(|w| after.starts_with(w))
}

/// Where a negation starts in a clause `s`, if any: the first of `marks` (positions in `s`
/// where a negation word may start, ascending) where one does.
fn negation(s: &str, marks: impl IntoIterator<Item = usize>) -> Option<usize> {
    marks.into_iter().find(|&i| {
        let rest = &s[i..];
        NEGATIONS.iter().any(|w| {
            rest.strip_prefix(w)
                .is_some_and(|after| !false_negation(after))
        })
    })
}

/// Words that stand for what a heading names (`上述情况`).
const ANAPHORS: [&str; 6] = [
    "上述情况",
    "上述情形",
    "以上情况",
    "此类情况",
    "该类情况",
    "前述情况",
];

/// Whether a paragraph reads as a heading: short, and not a sentence.
fn is_heading(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty() && s.chars().count() <= 60 && !s.ends_with(['。', '；', '，', '：', ':'])
}

/// In a short answer (`无发生上述情况。`, `未出现上述情形`), where its negation of what the
/// heading above names stands: from the negation to the end of the anaphor.
fn negated_anaphor(s: &str) -> Option<Range<usize>> {
    if s.trim().chars().count() > 30 {
        return None;
    }
    let n = negation(s, s.char_indices().map(|(i, _)| i))?;
    ANAPHORS
        .iter()
        .filter_map(|a| find(&s[n..], a).map(|i| n + i + a.len()))
        .filter(|&end| chars_between(&s[n..end]) <= 10)
        .min()
        .map(|end| n..end)
}

/// Keeps the first statement of a row; a later different one is reported.
fn keep_first(
    table: &mut NarrativeTable,
    diagnostics: &mut Vec<Diagnostic>,
    row: NarrativeRow,
    value: Quantity,
    span: ogi_model::Span,
) {
    match table.get(&row, &ValueColumn::Value) {
        Some(first) => {
            if first.decimal() != Some(value.value) {
                diagnostics.push(Diagnostic::new(
                    Code::NarrativeConflict,
                    Severity::Info,
                    format!(
                        "the text states {} as {} after stating {}",
                        row.key(),
                        value,
                        first.tidy_value()
                    ),
                    span,
                ));
            }
        }
        None => {
            table.insert(row, ValueColumn::Value, Cell::quantity(value, span));
        }
    }
}

/// The rows a short answer `s` under the heading `h` settles at 0 (`无发生上述情况。`), each
/// with where the answer negates.
fn answered(h: &str, s: &str) -> Vec<(NarrativeRow, Range<usize>)> {
    let Some(at) = negated_anaphor(s) else {
        return Vec::new();
    };
    negated_rows(&format!("无{h}"), Some(0))
        .into_iter()
        .map(|(row, _)| (row, at.clone()))
        .collect()
}

/// Words that negate what follows them in a clause.
const NEGATIONS: [&str; 8] = [
    "没有",
    "沒有",
    "未",
    "无",
    "零",
    "不收",
    "不进行收",
    "不存在",
];

/// Words one of which must stand before a fee negated after it (`…费用不进行收取`): what
/// makes the fee one for disclosure (the words of the fee statement's topics, and 复印).
const FEE_TOPICS: [&str; 6] = ["信息", "申请", "检索", "复制", "复印", "邮寄"];

/// Words that make a negated review or lawsuit clause speak of outcomes, not of cases.
const OUTCOME_WORDS: [&str; 6] = ["纠错", "纠正", "败诉", "撤销", "确认违法", "被改变"];

/// Words one of which every row [`negated_rows`] settles needs after its negation: a clause
/// without any states no zero (each holds one of [`STATEMENT_MARKS`]: tested).
#[cfg(test)]
const NEGATED_TOPICS: [&str; 5] = ["复议", "诉讼", "申请", "不予公开", "费"];

/// Pieces of text one of which every statement holds: each rule's triggers all hold one, or a
/// word the rule needs does, and so does each word a negated row needs (`复议`, `诉讼`, `申请`,
/// `不予公开`, `费`; tested). A paragraph or clause without any states nothing. They are the
/// rarer parts of those words (`动公开` of `主动公开…`, the `申请` that 收到/受理/… statements
/// need), so that the search for them, which stops at every place where a piece's first
/// character stands, stops at few.
const STATEMENT_MARKS: [&str; 12] = [
    "站公开",
    "栏公开",
    "动公开",
    "更新发布",
    "了政府信息",
    "类信息",
    "布政府信息",
    "申请",
    "予公开",
    "费",
    "复议",
    "诉讼",
];

/// The rows a negated clause settles at 0: `(row, end of its topic words)`.
fn negated_rows(s: &str, negation: Option<usize>) -> Vec<(NarrativeRow, usize)> {
    let Some(n) = negation else {
        return Vec::new();
    };
    let after = &s[n..];
    let mut rows = Vec::new();
    // `未被复议机关纠错`, `未发生…被行政复议纠错或行政诉讼败诉情形`: no case lost, not no case.
    let outcome = OUTCOME_WORDS.iter().any(|w| contains(after, w));
    let review = find(after, "复议").filter(|_| !outcome);
    let lawsuit = find(after, "诉讼").filter(|_| !outcome);
    if let Some(i) = review {
        rows.push((NarrativeRow::ReviewsTotal, n + i + "复议".len()));
    }
    if let Some(i) = lawsuit {
        rows.push((NarrativeRow::LawsuitsTotal, n + i + "诉讼".len()));
    }
    if review.is_none() && lawsuit.is_none() {
        let received =
            ["收到", "接到", "受理"].iter().any(|v| contains(after, v)) || after.starts_with('无');
        if let (true, Some(i)) = (received, find(after, "申请")) {
            if !s[..n].contains("申请")
                || ["收到", "接到", "受理"].iter().any(|v| contains(after, v))
            {
                rows.push((NarrativeRow::RequestsReceived, n + i + "申请".len()));
            }
        }
    }
    if let Some(i) = find(after, "不予公开") {
        if after.starts_with('无') && i == '无'.len_utf8() {
            rows.push((NarrativeRow::RequestsDenied, n + i + "不予公开".len()));
        }
    }
    let charges = ["收取", "收费", "产生"]
        .iter()
        .filter_map(|w| find(after, w))
        .min();
    // The fee named after the negation (`未收取任何政府信息公开费用`), or before it, the
    // negation then charging nothing (`对依申请过程中产生的复印、邮寄等费用不进行收取`, corpus 101).
    let before = &s[..n];
    let postposed = || {
        before.contains('费')
            && charges.is_some_and(|c| after[..c].chars().count() <= 3)
            && FEE_TOPICS.iter().any(|w| contains(before, w))
    };
    if let (Some(c), true) = (charges, after.contains('费') || postposed()) {
        rows.push((NarrativeRow::FeesCollected, n + c + 6));
    }
    rows
}

/// A clause of a paragraph, as [`scan`] finds it.
struct Clause {
    range: Range<usize>,
    /// Whether it holds a digit (Arabic or Chinese): a clause without one states no number.
    digits: bool,
    /// Its part of [`Scan::starts`].
    starts: Range<usize>,
    /// Its part of [`Scan::negations`].
    negations: Range<usize>,
}

/// What one pass over a paragraph's characters finds: its clauses (cut at `，。；` and line
/// breaks), where a number may start (an Arabic or Chinese digit, the first character of an
/// approximation word) and where a negation word may start, ascending.
#[derive(Default)]
struct Scan {
    clauses: Vec<Clause>,
    starts: Vec<usize>,
    negations: Vec<usize>,
}

/// The characters that end a clause.
const STOPS: [char; 12] = [
    ',', '，', '。', ';', '；', '!', '！', '?', '？', '\n', ':', '：',
];

/// Whether `c` ends a clause.
fn ends_clause(c: char) -> bool {
    STOPS.contains(&c)
}

/// Every character [`scan`] acts on: the starts of numbers (Arabic digits among them) and
/// negations, and the clause stops; most characters are none of them, told by one lookup.
fn marked_chars() -> &'static CharSet {
    static MARKED: OnceLock<CharSet> = OnceLock::new();
    MARKED.get_or_init(|| {
        let firsts = |words: &[&str]| {
            words
                .iter()
                .filter_map(|w| w.chars().next())
                .collect::<Vec<_>>()
        };
        let bounds: Vec<&str> = crate::numeral::bound_words().collect();
        CharSet::new(
            CJK_DIGITS
                .chars()
                .chain('0'..='9')
                .chain(firsts(&bounds))
                .chain(firsts(&NEGATIONS))
                .chain(STOPS),
        )
    })
}

/// Scans a paragraph into `out` (see [`Scan`]; its vectors are emptied and reused).
fn scan(s: &str, out: &mut Scan) {
    let (digits, starts) = char_sets();
    let negations = negation_starts();
    // Sized for Chinese prose (a clause every ten characters or so, a number start every
    // twenty), so that a long paragraph's vectors are not grown again and again.
    out.clauses.clear();
    out.starts.clear();
    out.negations.clear();
    out.clauses.reserve(s.len() / 32 + 1);
    out.starts.reserve(s.len() / 64 + 1);
    let mut open = 0;
    let mut has_digits = false;
    // An empty clause (two stops in a row) holds no marks and is left out.
    let close = |out: &mut Scan, end: usize, open: usize, has_digits: bool| {
        let (s0, n0) = out
            .clauses
            .last()
            .map_or((0, 0), |c| (c.starts.end, c.negations.end));
        if end > open {
            out.clauses.push(Clause {
                range: open..end,
                digits: has_digits,
                starts: s0..out.starts.len(),
                negations: n0..out.negations.len(),
            });
        }
    };
    let marked = marked_chars();
    for (i, c) in marked.members(s) {
        if ends_clause(c) {
            close(out, i, open, has_digits);
            open = i + c.len_utf8();
            has_digits = false;
            continue;
        }
        if c.is_ascii_digit() {
            has_digits = true;
            out.starts.push(i);
        } else if starts.contains(c) {
            has_digits |= digits.contains(c);
            out.starts.push(i);
        }
        if negations.contains(c) {
            out.negations.push(i);
        }
    }
    if open < s.len() {
        close(out, s.len(), open, has_digits);
    }
}

/// The first characters of [`NEGATIONS`].
fn negation_starts() -> &'static CharSet {
    static FIRST: OnceLock<CharSet> = OnceLock::new();
    FIRST.get_or_init(|| CharSet::new(NEGATIONS.iter().filter_map(|w| w.chars().next())))
}

/// A paragraph's line pieces: `(start in its paragraph's text, start in the clean text)` of
/// each line, in order.
type Pieces = Vec<(usize, usize)>;

/// The clean-text range of a range `r` of a paragraph whose line pieces are `pieces`.
fn map_back(pieces: &[(usize, usize)], r: Range<usize>) -> Range<usize> {
    let at = |pos: usize, end: bool| {
        let i = pieces
            .partition_point(|p| if end { p.0 < pos } else { p.0 <= pos })
            .saturating_sub(1);
        pieces
            .get(i)
            .map_or(pos, |&(para, clean)| clean + (pos - para))
    };
    at(r.start, false)..at(r.end, true)
}

/// Whether a line ends a sentence (so the next line starts a new one):
/// `ends_sentence = … [。；！？:]`, a colon counted as it opens what follows (`分别是：`).
///
/// Example: `信息公开申请 17 件,均已在法定期限内予以答复。` ends one; `区政府办代表区政府受理政府`
/// does not.
fn ends_sentence(line: &str) -> bool {
    line.trim_end()
        .ends_with(['。', ';', '；', '!', '！', '?', '？', ':', '：'])
}

/// Characters no sentence opens with: clause and sentence marks, closing brackets and quotes,
/// a percent sign. A line that opens with one goes on with the line before it
/// (`逐步完善多层次公开渠道` / `,形成政府网站、政府公报…`).
const GOES_ON: [char; 22] = [
    ',', '，', '、', '。', '.', ';', '；', ':', '：', ')', '）', '》', '」', '』', '”', '’', '%',
    '％', '!', '！', '?', '？',
];

/// Characters that follow a number in prose and open no sentence: units and measure words,
/// the parts of a date, the `余`/`多` of an approximation (`277` / `件。二是…`, `2019` / `年,…`).
const NUMBER_TAILS: &str = "件条个份次项元起宗篇人万亿余多年月日号时分届期场家名位幅批页台天倍%％";

/// Whether `c` may follow a number and open no sentence: `number_tail = [件条个…年月日…%]`
/// ([`NUMBER_TAILS`]).
///
/// Example: the `件` of `277` / `件。二是继续发挥政府公报等传统平台作用。` (corpus 109).
fn is_number_tail(c: char) -> bool {
    NUMBER_TAILS.contains(c)
}

/// What a prose line is, for joining it to the lines around it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LineKind {
    /// `ordinal …`: a heading or a numbered item (`一、总体情况`, `(二)依申请公开`,
    /// `1.深化政务公开工作。`, `其中:`). Never joined to another line.
    Heading,
    /// `cell (ws cell)+`, every cell a number, unit or mark: a table row whose cells a scraper
    /// spaced (`46 0 46`). Never joined to another line.
    Row,
    /// `cell`: one number, unit or mark alone (`277`, `件`, `—`), as a crawler writes each
    /// text node of a page on its own line, or a table cell. Joined only where its
    /// neighbours show the number's sentence going on.
    Cell,
    /// Anything else (`2019年,我局主动`, `,形成政府网站、政府公报…`).
    Text,
}

/// `line_kind = ordinal → Heading | cell (ws cell)+ → Row | cell → Cell | → Text` (see
/// [`LineKind`]); `line` is trimmed and not empty.
///
/// Example (corpus 109, whose crawler wrote every text node on its own line): `277` is a
/// cell, `件` too, `,依托政府信息公开查阅点开展便民信息服务。` text, `(三)强化信息管理,保障信息质量`
/// a heading.
fn line_kind(line: &str) -> LineKind {
    use crate::layout::{CellShape, shape};
    if crate::label::ordinal(line).is_ok() {
        return LineKind::Heading;
    }
    if shape(line) != CellShape::Label {
        return LineKind::Cell;
    }
    // A row opens with a cell; most lines open with a word, told by the text before their
    // first space.
    let first_space = memchr::memchr2(b' ', b'\t', line.as_bytes());
    if first_space.is_some_and(|i| shape(&line[..i]) != CellShape::Label)
        && line
            .split_whitespace()
            .all(|w| shape(w) != CellShape::Label)
    {
        return LineKind::Row;
    }
    LineKind::Text
}

/// A non-empty prose line: its text trimmed, where that starts in the clean text, its kind.
#[derive(Clone, Copy, Debug)]
struct ProseLine<'a> {
    text: &'a str,
    start: usize,
    kind: LineKind,
}

impl<'a> ProseLine<'a> {
    /// The prose line a block is: `prose_line = Line(ws* text ws*)`, trimmed; `None` for a
    /// table, chrome or an empty line, where a paragraph ends.
    ///
    /// Example: the line `   一、总体情况` (pdftotext's indent) is the heading `一、总体情况`.
    fn of(text: &'a Text, block: &Block) -> Option<Self> {
        let Block::Line(range) = block else {
            return None;
        };
        let range = range.range();
        let line = text.get(range.clone());
        let trimmed = line.trim();
        if trimmed.is_empty() {
            return None;
        }
        Some(Self {
            text: trimmed,
            start: range.start + (line.len() - line.trim_start().len()),
            kind: line_kind(trimmed),
        })
    }

    /// Whether it is as long as lines a PDF extractor wrapped at the page width are:
    /// `wrapped = char{15,}`.
    ///
    /// Example: `   2024 年,区政府办代表区政府受理政府` (wrapped before `信息公开申请 17 件`).
    fn wrapped(&self) -> bool {
        self.text.chars().nth(14).is_some()
    }

    /// Whether it opens with a count: `opens_count = [0-9.,]+ unit …`, a unit of [`UNITS`],
    /// not a date's part (`2019年`).
    ///
    /// Example: `32条，莆田数字城管微信公众号公开发布信息49条。` (corpus 121).
    fn opens_count(&self) -> bool {
        let rest = self
            .text
            .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',');
        rest.len() < self.text.len()
            && self.text.starts_with(|c: char| c.is_ascii_digit())
            && UNITS.iter().any(|u| rest.starts_with(u))
    }

    /// Whether it is a number alone, no unit or mark: `bare_number = [0-9] … [0-9]`, a cell.
    ///
    /// Example: `18554` between `…主动公开政府信息` and `条。其中，…` (corpus 107).
    fn bare_number(&self) -> bool {
        self.kind == LineKind::Cell
            && self.text.starts_with(|c: char| c.is_ascii_digit())
            && self.text.ends_with(|c: char| c.is_ascii_digit())
    }
}

/// Whether the break between `prev` and `next` shows a sentence going on, whatever the
/// document: `next` opens with a mark no sentence opens with ([`GOES_ON`]), or a number's unit
/// follows it on the next line (`277` / `件。`), or a number alone stands between the words
/// before it and its unit (`主动公开政府信息` / `18554` / `条。`; `after` is the line after
/// `next`). Two digits on either side of the break never show it (one number cut in two, or
/// two cells):
///
/// `goes_on = ¬(digit / digit) ∧ (/ goes_on_mark | digit / number_tail | text / bare_number / (number_tail | goes_on_mark))`
///
/// Example (corpus 107): `年，全市各级政府及其工作部门主动公开政府信息` / `18554` / `条。其中，…`.
fn goes_on(prev: &ProseLine<'_>, next: &ProseLine<'_>, after: Option<&ProseLine<'_>>) -> bool {
    let last = prev.text.chars().next_back().unwrap_or(' ');
    let first = next.text.chars().next().unwrap_or(' ');
    if last.is_ascii_digit() && first.is_ascii_digit() {
        // One number cut in two, or two cells: not told apart.
        return false;
    }
    GOES_ON.contains(&first)
        || (last.is_ascii_digit() && is_number_tail(first))
        || (prev.kind == LineKind::Text
            && next.bare_number()
            && after.is_some_and(|a| {
                a.text
                    .starts_with(|c: char| is_number_tail(c) || GOES_ON.contains(&c))
            }))
}

/// Whether `next` continues the paragraph whose last line is `prev` (`after`: the prose line
/// after `next`, if any; `cut`: whether the document cuts its sentences over short lines,
/// [`cuts_sentences`]):
///
/// `joins = ¬heading ∧ ¬row ∧ ¬ends_sentence(prev) ∧ (wrapped(prev) ∨ goes_on ∨ cut ∧ text(prev) ∧ (text(next) ∨ opens_count(next)))`
///
/// No line joins across a heading or a numbered item, a table row, or a sentence's end.
///
/// Examples: `   2024 年,区政府办代表区政府受理政府` / `信息公开申请 17 件,…` (a PDF wrapped at
/// the page width: the first line is long); `2019年，我局主动` / `公开政府信息` /
/// `50条，其中：…` (corpus 121, cut by its crawler at every text node).
fn joins(
    prev: &ProseLine<'_>,
    next: &ProseLine<'_>,
    after: Option<&ProseLine<'_>>,
    cut: bool,
) -> bool {
    let apart = |k: LineKind| matches!(k, LineKind::Heading | LineKind::Row);
    if apart(prev.kind) || apart(next.kind) || ends_sentence(prev.text) {
        return false;
    }
    prev.wrapped()
        || goes_on(prev, next, after)
        || (cut
            && prev.kind == LineKind::Text
            && (next.kind == LineKind::Text || next.opens_count()))
}

/// How many short lines of text a document must show cut inside a sentence ([`goes_on`]) for
/// its other short lines that end no sentence to be taken as cut too.
const CUTS: usize = 3;

/// Whether the document cuts its sentences over short lines, as a crawler that writes each
/// text node of a page on its own line does: at least [`CUTS`] short lines of text end no
/// sentence and are shown to go on by the line after them ([`goes_on`]). A text wrapped at a
/// page width cuts only its long lines; one line per paragraph, none.
///
/// Example (corpus 121): `2019年以来，` / `我局在市政府网站更新各类信息` / `191` / `条，向` /
/// `市` / `“两馆”送交信息公开材料各` / `50` / `份`: `“两馆”送交信息公开材料各` is shown cut (a
/// number and its unit follow it), and so are enough lines elsewhere for `条，向` and `市` to be
/// taken as cut.
fn cuts_sentences(lines: &ProseLines<'_, '_>) -> bool {
    let mut cuts = 0;
    // The line, the one after it and the one after that, slid down the document: each line is
    // read once.
    let mut next = lines.get(0);
    let mut after = lines.get(1);
    for i in 0..lines.kinds.len() {
        let line = std::mem::replace(&mut next, std::mem::replace(&mut after, lines.get(i + 2)));
        let Some(line) = line else { continue };
        if line.kind != LineKind::Text || line.wrapped() {
            continue;
        }
        if next.is_some_and(|next| joins(&line, &next, after.as_ref(), false)) {
            cuts += 1;
            if cuts >= CUTS {
                return true;
            }
        }
    }
    false
}

/// The prose lines of a document: each block's [`LineKind`], told once, beside the blocks
/// (one byte a line: a document of one-character lines has a million of them).
struct ProseLines<'a, 'b> {
    text: &'a Text,
    blocks: &'b [Block],
    /// The kind of each block's line; `None` where a paragraph ends whatever the lines say (a
    /// table, chrome, an empty line).
    kinds: Vec<Option<LineKind>>,
}

impl<'a, 'b> ProseLines<'a, 'b> {
    fn new(text: &'a Text, blocks: &'b [Block]) -> Self {
        let kinds = blocks
            .iter()
            .map(|b| ProseLine::of(text, b).map(|l| l.kind))
            .collect();
        Self {
            text,
            blocks,
            kinds,
        }
    }

    /// The prose line of block `i`, or `None` (see [`ProseLines::kinds`]).
    fn get(&self, i: usize) -> Option<ProseLine<'a>> {
        let kind = (*self.kinds.get(i)?)?;
        let Some(Block::Line(range)) = self.blocks.get(i) else {
            return None;
        };
        let range = range.range();
        let line = self.text.get(range.clone());
        let text = line.trim();
        Some(ProseLine {
            text,
            start: range.start + (line.len() - line.trim_start().len()),
            kind,
        })
    }
}

/// The prose lines joined into paragraphs, each line to the one before where [`joins`] says
/// so: `paragraph = prose_line (joined prose_line)*`. Read one paragraph at a time
/// ([`Paragraphs::next`]): only the paragraph being read is held.
///
/// Example (corpus 111): `年，我局共受理依申请公开` / `2` / `件，均为` / `网络申请，` / … are
/// joined into the paragraph `年，我局共受理依申请公开2件，均为网络申请，…`.
struct Paragraphs<'a, 'b> {
    lines: ProseLines<'a, 'b>,
    /// Whether the document cuts its sentences over short lines ([`cuts_sentences`]).
    cut: bool,
    /// The block read next.
    i: usize,
    /// The prose lines of blocks `i` and `i + 1`.
    line: Option<ProseLine<'a>>,
    after: Option<ProseLine<'a>>,
    /// The prose line before block `i`, if it is one.
    prev: Option<ProseLine<'a>>,
}

impl<'a, 'b> Paragraphs<'a, 'b> {
    fn new(text: &'a Text, blocks: &'b [Block]) -> Self {
        let lines = ProseLines::new(text, blocks);
        let cut = cuts_sentences(&lines);
        Self {
            line: lines.get(0),
            after: lines.get(1),
            lines,
            cut,
            i: 0,
            prev: None,
        }
    }

    /// The next paragraph's text (borrowed from the clean text while it is one line, as most
    /// are), its line pieces in `pieces`.
    fn next(&mut self, pieces: &mut Pieces) -> Option<Cow<'a, str>> {
        pieces.clear();
        let mut paragraph: Option<Cow<'a, str>> = None;
        while self.i < self.lines.kinds.len() {
            let Some(line) = self.line else {
                self.prev = None;
                self.advance();
                continue;
            };
            let joined = self
                .prev
                .is_some_and(|p| joins(&p, &line, self.after.as_ref(), self.cut));
            match &mut paragraph {
                Some(p) if joined => {
                    pieces.push((p.len(), line.start));
                    p.to_mut().push_str(line.text);
                }
                // The line opens the next paragraph: read again by the next call.
                Some(_) => return paragraph,
                None => {
                    pieces.push((0, line.start));
                    paragraph = Some(Cow::Borrowed(line.text));
                }
            }
            self.prev = Some(line);
            self.advance();
        }
        paragraph
    }

    /// Moves on to the next block.
    fn advance(&mut self) {
        self.i += 1;
        self.line = std::mem::replace(&mut self.after, self.lines.get(self.i + 1));
    }
}

/// The numbers the prose states.
pub(crate) fn read(text: &Text, blocks: &[Block]) -> (NarrativeTable, Vec<Diagnostic>) {
    let mut table = NarrativeTable::new();
    let mut diagnostics = Vec::new();
    let mut store = |row: NarrativeRow, value: Quantity, at: Range<usize>, table: &mut _| {
        keep_first(table, &mut diagnostics, row, value, text.span(at));
    };
    let mut prose = Paragraphs::new(text, blocks);
    let mut pieces = Pieces::new();
    // Buffers reused from paragraph to paragraph and clause to clause.
    let mut scanned = Scan::default();
    let mut nums = Vec::new();
    let any_statement = RuleWords::get().any_statement.as_ref();
    let mut heading: Option<Cow<'_, str>> = None;
    while let Some(para) = prose.next(&mut pieces) {
        if crate::deadline::passed() {
            break;
        }
        let s = &*para;
        // `无发生上述情况。` under `五、有关政府信息公开行政复议、行政诉讼…的情况`: the heading
        // names what the answer negates.
        if let Some(h) = heading.take() {
            for (row, at) in answered(&h, s) {
                store(
                    row,
                    Quantity::exact(Decimal::ZERO),
                    map_back(&pieces, at),
                    &mut table,
                );
            }
        }
        // Kept for the paragraph after it; most headings are one line, borrowed.
        heading = is_heading(s).then(|| para.clone());
        // Most paragraphs hold neither a trigger nor a negated topic: they state nothing.
        if any_statement.is_some_and(|any| !any.is_match(s)) {
            continue;
        }
        scan(s, &mut scanned);
        for clause_scan in &scanned.clauses {
            let clause = clause_scan.range.clone();
            let c = &s[clause.clone()];
            // Most clauses state nothing: no number and no negation.
            let negation = negation(
                c,
                scanned.negations[clause_scan.negations.clone()]
                    .iter()
                    .map(|at| at - clause.start),
            );
            let negated = negated_rows(c, negation);
            if !clause_scan.digits && negated.is_empty() {
                continue;
            }
            nums.clear();
            if clause_scan.digits {
                numbers(
                    s,
                    clause.clone(),
                    &scanned.starts[clause_scan.starts.clone()],
                    &mut nums,
                );
            }
            let hits = Hits::new(if nums.is_empty() { "" } else { c });
            for (row, end) in &negated {
                let at = clause.start + negation.unwrap_or(0)..clause.start + (*end).min(c.len());
                // A negation followed by a number of the same row is no zero.
                let counted = !nums.is_empty()
                    && (0..POSITIVES.len())
                        .filter(|&r| POSITIVES[r].row == *row)
                        .any(|r| positive(s, clause.clone(), &nums, r, &hits).is_some());
                if !counted {
                    store(
                        *row,
                        Quantity::exact(Decimal::ZERO),
                        map_back(&pieces, at),
                        &mut table,
                    );
                }
            }
            for (r, rule) in POSITIVES.iter().enumerate() {
                if nums.is_empty() {
                    break;
                }
                if negated.iter().any(|(row, _)| *row == rule.row) {
                    continue;
                }
                if let Some(num) = positive(s, clause.clone(), &nums, r, &hits) {
                    let mut q = num.value.quantity;
                    if num.unit.is_some_and(|u| u.starts_with('余')) && q.bound == Bound::Exact {
                        q.bound = Bound::AtLeast;
                    }
                    store(rule.row, q, map_back(&pieces, num.at.clone()), &mut table);
                }
            }
        }
    }
    (table, diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::offset::SourceMap;

    fn facts(s: &str) -> Vec<(String, String)> {
        let text = Text {
            text: s.to_owned(),
            map: SourceMap::default(),
        };
        let blocks: Vec<Block> = text.lines().map(Block::line).collect();
        let (table, _) = read(&text, &blocks);
        table
            .iter()
            .map(|(r, _, c)| {
                let approx = if c.bound().is_some_and(Bound::is_approximate) {
                    "~"
                } else {
                    ""
                };
                (r.key().to_owned(), format!("{approx}{}", c.tidy_value()))
            })
            .collect()
    }

    fn f(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    }

    #[test]
    fn answers_negate_what_their_heading_names() {
        assert_eq!(
            facts("五、有关政府信息公开行政复议、行政诉讼、行政申诉的情况\n无发生上述情况。"),
            f(&[("reviews_total", "0"), ("lawsuits_total", "0")])
        );
        assert_eq!(
            facts("四、政府信息公开的收费及减免情况\n本年度未出现上述情形。"),
            f(&[("fees_collected", "0")])
        );
        // Under a sentence, or far from the negation, the anaphor points nowhere known.
        assert_eq!(
            facts("本机关受理了行政复议和行政诉讼。\n无发生上述情况。"),
            f(&[])
        );
        assert_eq!(
            facts("五、行政复议、行政诉讼情况\n今年我们继续努力做好工作，无论上述情况如何变化。"),
            f(&[])
        );
    }

    /// A run of numerals no number reads is read once (it was read from each of its
    /// characters: 4 s for 100 KB); the statement after it still counts.
    #[test]
    fn long_numeral_runs_are_read_once() {
        let text = format!(
            "主动公开政府信息{}条。主动公开政府信息5条。",
            "一".repeat(30_000)
        );
        assert_eq!(facts(&text), f(&[("proactive_total", "5")]));
    }

    #[test]
    fn statements_from_the_pre_2019_reports() {
        // A case and what it arose from, before its kind.
        assert_eq!(
            facts("2010年市规划局发生一起因政府信息公开申请而引起行政诉讼。"),
            f(&[("lawsuits_total", "1")])
        );
        // 不存在 negates as 没有 does.
        assert_eq!(
            facts("无收到政府信息公开申请，不存在收费及减免情况。"),
            f(&[("requests_received", "0"), ("fees_collected", "0")])
        );
        // A long reason that does not name disclosure is too far from the kind.
        assert_eq!(
            facts("发生1起因规划许可和房屋拆迁补偿纠纷而引起的行政诉讼。"),
            f(&[])
        );
    }

    /// Applications to other services read like information requests clause by clause; the
    /// sentence tells them apart (the first two as real reports print them).
    #[test]
    fn applications_to_other_services_are_no_requests() {
        for sentence in [
            "区政务服务中心全年共受理申请121510件，办结121510件。",
            "12345政务服务便民热线共受理群众申请136437件。",
            "全年共受理行政许可申请3208件，按时办结率100%。",
            "受理信访事项申请42件。",
            "共受理不动产登记申请5600件。",
        ] {
            assert_eq!(facts(sentence), f(&[]), "{sentence}");
        }
        // A sentence that names disclosure is about it, whatever else it names.
        assert_eq!(
            facts("本机关政务服务中心共受理政府信息公开申请12件。"),
            f(&[("requests_received", "12")])
        );
        // The other service in another sentence does not matter.
        assert_eq!(
            facts("政务服务中心办件3000件。共受理申请15件，均按时答复。"),
            f(&[("requests_received", "15")])
        );
    }

    #[test]
    fn sentences_end_at_their_marks() {
        let s = "甲，乙。丙，丁；戊";
        let clause = s.find('丙').unwrap()..s.find('丁').unwrap();
        assert_eq!(&s[sentence_of(s, &clause)], "丙，丁");
        let last = s.find('戊').unwrap()..s.len();
        assert_eq!(&s[sentence_of(s, &last)], "戊");
    }

    #[test]
    fn statements_from_real_reports() {
        assert_eq!(
            facts("2019年主动公开政府信息5条。"),
            f(&[("proactive_total", "5")])
        );
        assert_eq!(
            facts("2018年公开发布各类信息1683条。"),
            f(&[("proactive_total", "1683")])
        );
        assert_eq!(
            facts(
                "截至2019年12月31日,全县各级政府及其工作部门累计主动公开政府信息8635条,其中政府网站公开254条,政府门户网站日均访问量523人次。"
            ),
            f(&[
                ("proactive_total", "8635"),
                ("proactive_via_website", "254")
            ])
        );
        assert_eq!(
            facts("2018年度市政务办申请公开政府信息165,均已按期回复,无不予公开信息。"),
            f(&[("requests_received", "165"), ("requests_denied", "0")])
        );
        assert_eq!(
            facts(
                "2023年全区接收通过邮寄、网络提交的各类政府信息公开申请共计81件,涉及自然人80件。"
            ),
            f(&[("requests_received", "81")])
        );
        assert_eq!(
            facts("因政府信息公开引起的行政复议案件2件、行政诉讼案件7件。"),
            f(&[("reviews_total", "2"), ("lawsuits_total", "7")])
        );
        assert_eq!(
            facts(
                "2013年全区未收到有关政府信息公开的申请,收到1份有关政府信息公开行政复议申请已及时处理。"
            ),
            f(&[("requests_received", "0"), ("reviews_total", "1")])
        );
        assert_eq!(
            facts("2022年,全区政府信息公开工作方面共有行政诉讼案件1件、行政复议案件2件,均已结案。"),
            f(&[("reviews_total", "2"), ("lawsuits_total", "1")])
        );
        assert_eq!(
            facts("不予公开5件,占6.17%。"),
            f(&[("requests_denied", "5")])
        );
    }

    #[test]
    fn negations_state_zero() {
        assert_eq!(
            facts("2019年,我局未收到政府信息公开申请件。"),
            f(&[("requests_received", "0")])
        );
        assert_eq!(
            facts("2016年度,我单位没有收到政府信息公开申请。"),
            f(&[("requests_received", "0")])
        );
        assert_eq!(
            facts("2022年未收到依申请公开事宜。"),
            f(&[("requests_received", "0")])
        );
        assert_eq!(
            facts("2018年,市政务办未收取任何政府信息公开费用。"),
            f(&[("fees_collected", "0")])
        );
        assert_eq!(
            facts("2022年,无收取信息处理费情况。"),
            f(&[("fees_collected", "0")])
        );
        assert_eq!(
            facts("本年度没有产生信息公开处理费。"),
            f(&[("fees_collected", "0")])
        );
        assert_eq!(
            facts(
                "2019年1-12月,我局没有因政府信息公开工作而被申请行政复议或被提起行政诉讼的情况。"
            ),
            f(&[("reviews_total", "0"), ("lawsuits_total", "0")])
        );
        assert_eq!(
            facts("2016年度,我单位无政府信息公开申请行政复议、提起行政诉讼的情况。"),
            f(&[("reviews_total", "0"), ("lawsuits_total", "0")])
        );
        assert_eq!(
            facts(
                "我局对主动公开和依申请公开政府信息的单位或个人均未收取复印、邮寄递送等信息公开成本费用。"
            ),
            f(&[("fees_collected", "0")])
        );
    }

    #[test]
    fn distractors_give_nothing() {
        assert_eq!(
            facts("梳理确认市40个级部门政务信息资源目录1077条,为我市提供目录支撑。"),
            f(&[])
        );
        assert_eq!(
            facts("全年全县通过政务网站民政互动栏目办理群众诉求34件、反馈回复率100%。"),
            f(&[])
        );
        assert_eq!(
            facts("截至2020年12月29日,市政务服务管理局从微信公众号发布信息407条,原创内容7篇。"),
            f(&[])
        );
        assert_eq!(
            facts("2016年,已发布讯息1000余条,接受群众咨询300余条。"),
            f(&[])
        );
        assert_eq!(
            facts("作为依申请公开信息数46条,不予公开信息数1402。"),
            f(&[])
        );
        assert_eq!(
            facts("窗口共受理各类审批及服务事项1291351窗口即办件率为95.1%。"),
            f(&[])
        );
        assert_eq!(facts("(四)无法提供3件。未经复议直接起诉1件。"), f(&[]));
        // Outcomes denied, not cases.
        assert_eq!(facts("该行政复议件未被复议审查机关纠错。"), f(&[]));
        assert_eq!(
            facts("全年未发生因依申请公开被行政复议纠错或行政诉讼败诉情形。"),
            f(&[])
        );
        assert_eq!(
            facts("一是主动公开业务信息。二是主动公开财政信息。"),
            f(&[])
        );
        // A fee the report discloses, not one charged for disclosure.
        assert_eq!(
            facts("2013年已公开排污收费744万元,行政处罚立案9件。"),
            f(&[])
        );
        // Counts since the office opened.
        assert_eq!(facts("历年累计受理申请26条,其中同意公开答复26条。"), f(&[]));
    }

    /// Wordings that say what was published, not that it was disclosed: read where the
    /// sentence is about disclosure and the number counts information (issue 27). The
    /// sentences are real reports' (the corpus documents named), the negatives too.
    #[test]
    fn published_information_in_sentences_about_disclosure() {
        // 120, 123: in the disclosure column, information published.
        assert_eq!(
            facts(
                "在政府信息公开专栏，共更新发布10条信息（常态信息不计入当年度新信息），其中规划计划类信息1条，其他信息9条。"
            ),
            f(&[("proactive_total", "10")])
        );
        assert_eq!(
            facts(
                "在政府信息公开专栏，共更新发布\n56\n条信息（常态信息不计入当年度新信息），其中发展规划\n2\n条。"
            ),
            f(&[("proactive_total", "56")])
        );
        // 112.
        assert_eq!(
            facts(
                "根据2022年政务公开工作要点，我局及时准确公开了政府信息共164件，其中机构职能类信息24件。"
            ),
            f(&[("proactive_total", "164")])
        );
        // 109: the website's disclosure column; the other channels are not the website's.
        assert_eq!(
            facts(
                "从公布渠道来看,通过政府网站政府信息公开专栏公开277件,通过政务微信公开210件,通过政府公报公开130件,通过新闻发布会公开7件。"
            ),
            f(&[("proactive_via_website", "277")])
        );
        assert_eq!(
            facts("莆田市人民政府网站政府信息公开专栏主动公开信息277件。"),
            f(&[("proactive_via_website", "277")])
        );
        for sentence in [
            // 019: a kind of document published, not information.
            "巩固行政规范性文件集中统一公开成果，动态更新发布本年度制发行政规范性文件62件，并同步做好全真版上传等工作。",
            // 108: policies, counted in times.
            "发布资格审核结果名单公示、选房方案公示、分配结果公示等共计20次；更新发布准入条件、申请材料、政策性住房上市规定等政策5次。",
            // 112: a channel's information, and no 更新发布.
            "2022年全年“莆田文旅”微信公众号总共发布1427条信息，阅读量898867次。",
            // 017: a topic's column of the website, not the disclosure column.
            "在网站显眼位置设立专栏，发布政策文件20件，同时共享全省政策文件。",
            // 106: the column's visits.
            "网站政府信息公开专栏访问量达117.72万人次。",
            // 002: the same.
            "2011年政府信息公开专栏访问量达11460人次。",
            // 101: what a category disclosed, no number.
            "4.政府机构和人事公开了政府机关管理职能、内设机构和直属单位、主要领导人简历。",
        ] {
            assert_eq!(facts(sentence), f(&[]), "{sentence}");
        }
        // Information published, but in a sentence that does not name disclosure: whose it is
        // the sentence does not say.
        assert_eq!(facts("在政务服务网，共更新发布120条信息。"), f(&[]));
        // A channel's update before the trigger in the clause.
        assert_eq!(
            facts("在政府信息公开工作中，微信公众号更新发布300条信息。"),
            f(&[])
        );
    }

    /// Channels listed and closed (`…等渠道`) before a total, and a fee negated after it
    /// (issue 27; real reports' sentences, the corpus documents named).
    #[test]
    fn totals_over_channels_and_fees_negated_after() {
        // 117.
        assert_eq!(
            facts(
                "2024年，我局通过网站、微信公众号等渠道主动公开各类信息1146条，有效保障群众知情权。"
            ),
            f(&[("proactive_total", "1146")])
        );
        // New media alone, or a channel named after the list, are still channels.
        assert_eq!(facts("通过微信、微博等平台主动公开信息300条。"), f(&[]));
        assert_eq!(
            facts("通过网站、微信公众号等渠道及微博主动公开信息300条。"),
            f(&[])
        );
        // 015, 108: channels listed and closed, no number.
        assert_eq!(
            facts(
                "并通过政府门户网站、区行政服务中心官网、行政服务中心微信公众号等渠道及时对外公开。"
            ),
            f(&[])
        );
        // 112: a list closed, then another channel's count (no trigger).
        assert_eq!(
            facts("2022年全年“莆田文旅”微信公众号总共发布1427条信息，阅读量898867次。"),
            f(&[])
        );
        // 101: the fee named, then charged nothing.
        assert_eq!(
            facts(
                "因2008年依申请提供政府信息收费具体项目和标准尚未制定出台，所以全市各公开单位对依申请过程中产生的复印、邮寄等费用不进行收取，全部实行免费提供。"
            ),
            f(&[("fees_collected", "0")])
        );
        // A fee for something else, negated after it.
        assert_eq!(facts("对困难群众的物业费不进行收取。"), f(&[]));
        // 106: a fee the report discloses; no negation.
        assert_eq!(
            facts(
                "通过校园网、宣传橱窗、招生信息表、新生入学须知和财务处收费公示栏等载体，公开学费、住宿费、代办费。"
            ),
            f(&[])
        );
    }

    /// Statements found in real Putian reports that the first rules missed or misread.
    #[test]
    fn statements_after_their_topic() {
        // A heading naming the topic is its own paragraph; the statement after it is read.
        assert_eq!(
            facts(
                "(一)本市各级政府及政府部门主动公开政府信息的数量\n2009年全市主动公开政府信息共30293条。\n"
            ),
            f(&[("proactive_total", "30293")])
        );
        // The topic named twice in a clause: the place followed by the number counts.
        assert_eq!(
            facts("主动公开政府信息的数量为2009年全市主动公开政府信息共30293条。"),
            f(&[("proactive_total", "30293")])
        );
        assert_eq!(
            facts("2013年,全市因政府信息公开产生1件行政复议。"),
            f(&[("reviews_total", "1")])
        );
        assert_eq!(
            facts("全市各级政府机关对政府信息依申请公开均不收取任何费用。"),
            f(&[("fees_collected", "0")])
        );
    }

    #[test]
    fn every_statement_holds_a_mark() {
        let marked = |w: &str| STATEMENT_MARKS.iter().any(|m| w.contains(m));
        for rule in POSITIVES {
            assert!(
                rule.needs.iter().any(|w| marked(w)) || rule.triggers.iter().all(|t| marked(t)),
                "{:?}",
                rule.row
            );
        }
        assert!(NEGATED_TOPICS.iter().all(|w| marked(w)));
    }

    #[test]
    fn wrapped_lines_are_one_paragraph() {
        // pdftotext wraps at the page width; the statement spans two lines.
        let s = "   2024 年,区政府办代表区政府受理政府\n信息公开申请 17 件,均已在法定期限内予以答复。\n";
        assert_eq!(facts(s), f(&[("requests_received", "17")]));
        // The span still points at the digits.
        let text = Text {
            text: s.to_owned(),
            map: SourceMap::default(),
        };
        let blocks: Vec<Block> = text.lines().map(Block::line).collect();
        let (table, _) = read(&text, &blocks);
        let cell = table.iter().next().unwrap().2;
        assert_eq!(&s[cell.span.range()], "17");
    }

    /// A page of corpus 109 as its crawler wrote it, each text node on its own line: a text
    /// that shows it cuts its sentences over short lines (three times) and states nothing.
    const CUT_PAGE: &str = "《莆田市人民政府公报》刊出\n12\n期\n,公开文件\n130\n件\n,提供免费赠阅\n1.4\n万本\n,电子版同步发布在市政府网站供公众查阅。";

    /// Real paragraphs that state numbers (corpus 107, 108, 109, 111, 112, 117, 120, 121,
    /// 123), as their crawler's lines join back.
    const STATED: [&str; 9] = [
        "2019年,我局主动公开政府信息50条,其中:部门文件类12条,机构职能类15条,政策规定类4条,资金监管类12条,其他信息7条。",
        "2016年,全市各级政府及其工作部门主动公开政府信息18554条。其中,市本级政府及工作部门主动公开政府信息5913条,各县(区)政府(管委会)及其工作部门、各乡(镇、街道)共主动公开政府信息12641条。",
        "2018年,全市各级政府及工作部门主动公开政府信息17407条。其中,市本级政府及工作部门主动公开政府信息4632条,各县(区)政府(管委会)及工作部门、各乡(镇、街道)共主动公开政府信息12775条。",
        "2020年,我局共受理依申请公开2件,均为网络申请,要求公开:湄洲岛旅游产业、文化产业相关统计数据和疫情期间境外旅行退费政策等信息,同意公开1件,部分公开1件。",
        "2024年,收到依申请公开5件,均为网络申请件,我局严格按照《中华人民共和国政府信息公开条例》,在规定时限内予以规范答复,没有因政府信息公开而被申请行政复议、提起行政诉讼情况。",
        "2008年,我局信息化工作办公室未收到任何申请,不存在依申请公开政府信息的办理情况,也不存在有关政府信息公开的任何收费及减免情况,更没有发生因政府信息公开申请而发生的行政复议、提起行政诉讼等相关情况。",
        "五是免费开放政府信息公开查阅点。向莆田市档案馆、图书馆送交主动公开政府信息277件,依托政府信息公开查阅点开展便民信息服务。",
        "共移交政府信息164件。无被申请行政复议、被提起行政诉讼和接受行政申诉、举报的情况。",
        "未收到任何形式的依申请公开的申请,也没有发生因依申请公开引起的行政复议与行政诉讼的情况。",
    ];

    /// What [`read`] finds in `s`: each row, its value and the text its span covers (without
    /// the line breaks inside it).
    fn facts_at(s: &str) -> Vec<(String, String, String)> {
        let text = Text {
            text: s.to_owned(),
            map: SourceMap::default(),
        };
        let blocks: Vec<Block> = text.lines().map(Block::line).collect();
        let (table, _) = read(&text, &blocks);
        table
            .iter()
            .map(|(r, _, c)| {
                (
                    r.key().to_owned(),
                    c.tidy_value().clone(),
                    s[c.span.range()].replace(['\r', '\n'], ""),
                )
            })
            .collect()
    }

    /// The texts of the paragraphs [`Paragraphs`] makes of `s`'s lines.
    fn paragraph_texts(s: &str) -> Vec<String> {
        let text = Text {
            text: s.to_owned(),
            map: SourceMap::default(),
        };
        let blocks: Vec<Block> = text.lines().map(Block::line).collect();
        let mut paragraphs = Paragraphs::new(&text, &blocks);
        let mut pieces = Pieces::new();
        std::iter::from_fn(|| paragraphs.next(&mut pieces).map(Cow::into_owned)).collect()
    }

    /// `paragraph` cut into lines ended by `eol` as a crawler cuts a page: around each number
    /// when `numbers` (every number there is followed by its unit or a date's part), and at
    /// each character position of `at` where a line may be cut — not inside a number, not
    /// after a colon (which opens what follows), not before an ordinal (a line opening with
    /// one is a numbered item), and no nearer than two characters to another cut (so that a
    /// unit or mark stands alone only after its number).
    fn cut(paragraph: &str, numbers: bool, at: &[usize], eol: &str) -> String {
        let chars: Vec<(usize, char)> = paragraph.char_indices().collect();
        let part_of_number = |c: char| c.is_ascii_digit() || c == '.';
        let mut cuts: Vec<usize> = Vec::new();
        if numbers {
            for i in 1..chars.len() {
                let (prev, next) = (chars[i - 1].1, chars[i].1);
                if part_of_number(prev) != part_of_number(next) {
                    cuts.push(i);
                }
            }
        }
        for &i in at {
            let i = i % chars.len().max(1);
            if i == 0 {
                continue;
            }
            let (prev, next) = (chars[i - 1].1, chars[i].1);
            let rest = &paragraph[chars[i].0..];
            let inside_number = part_of_number(prev) && part_of_number(next);
            let allowed = !inside_number
                && !matches!(prev, ':' | '：')
                && crate::label::ordinal(rest).is_err()
                && cuts.iter().all(|&c| c.abs_diff(i) >= 2);
            if allowed {
                cuts.push(i);
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        let mut out = String::new();
        let mut from = 0;
        for c in cuts.into_iter().chain(std::iter::once(chars.len())) {
            let piece = &paragraph[chars.get(from).map_or(paragraph.len(), |x| x.0)
                ..chars.get(c).map_or(paragraph.len(), |x| x.0)];
            if !piece.is_empty() {
                if !out.is_empty() {
                    out.push_str(eol);
                }
                out.push_str(piece);
            }
            from = c;
        }
        out
    }

    proptest::proptest! {
        /// A real paragraph cut over short lines at random places, in a page that cuts its
        /// sentences so, states what it states whole, at the same digits.
        #[test]
        fn cut_paragraphs_read_as_whole(
            p in 0..STATED.len(),
            numbers in proptest::bool::ANY,
            crlf in proptest::bool::ANY,
            at in proptest::collection::vec(0usize..200, 0..80),
        ) {
            let eol = if crlf { "\r\n" } else { "\n" };
            let whole = facts_at(&format!("{CUT_PAGE}\n{}", STATED[p]));
            proptest::prop_assert!(!whole.is_empty());
            let page = format!("{}{eol}{}", CUT_PAGE.replace('\n', eol), cut(STATED[p], numbers, &at, eol));
            proptest::prop_assert_eq!(facts_at(&page), whole, "{}", page);
        }
    }

    /// Corpus 107: a number alone on its line between the words before it and its unit joins
    /// its sentence, whatever the rest of the text does.
    #[test]
    fn numbers_alone_join_their_sentence() {
        let s = "2016\n年，全市各级政府及其工作部门主动公开政府信息\n18554\n条。其中，市本级政府及工作部门主动公开政府信息\n5913\n条，";
        assert_eq!(facts(s), f(&[("proactive_total", "18554")]));
    }

    /// Short lines of text are joined only in a text that shows its sentences cut over short
    /// lines (corpus 121's crawler, and [`CUT_PAGE`]); on their own they may be headings.
    #[test]
    fn short_lines_join_where_the_text_cuts_its_sentences() {
        let lines = "2019年,我局主动\n公开政府信息\n50条,其中:部门文件类12条。";
        assert_eq!(facts(lines), f(&[]));
        assert_eq!(
            facts(&format!("{CUT_PAGE}\n{lines}")),
            f(&[("proactive_total", "50")])
        );
    }

    /// Whatever the text, a line that ends a sentence ends its paragraph, a line that opens
    /// with an ordinal opens one, and a table row or a cell before a cell stands apart.
    #[test]
    fn sentences_items_and_rows_stay_apart() {
        let apart = |lines: &[&str]| {
            let page = format!("{CUT_PAGE}\n{}", lines.join("\n"));
            let paras = paragraph_texts(&page);
            for line in lines {
                assert!(
                    paras.iter().any(|p| p == line),
                    "{line:?} joined: {paras:?}"
                );
            }
        };
        apart(&["本年度主动公开政府信息。", "3008条为转载信息"]);
        apart(&["收到政府信息公开申请;", "12件已办结"]);
        apart(&["本年度主动公开政府信息", "2、共120条意见已办结"]);
        apart(&["本年度主动公开政府信息", "(二)120条意见已办结"]);
        apart(&["其中:", "政府网站公开数"]);
        apart(&["主动公开政府信息数", "46 0 46", "条"]);
        apart(&["件", "0", "0"]);
        // Joined, each would be read as a statement.
        let page = format!("{CUT_PAGE}\n本年度主动公开政府信息\n2、共120条意见已办结。");
        assert_eq!(facts(&page), f(&[]));
        let page = format!("{CUT_PAGE}\n本年度主动公开政府信息\n(二)120条意见已办结。");
        assert_eq!(facts(&page), f(&[]));
    }

    #[test]
    fn approximations_keep_their_bound() {
        assert_eq!(
            facts("全年主动公开政府信息3000余条。"),
            f(&[("proactive_total", "~3000")])
        );
        assert_eq!(
            facts("全年主动公开政府信息约1.2万条。"),
            f(&[("proactive_total", "~12000")])
        );
        // Every word of the numeral grammar's `before`, not a copy of some of them.
        assert_eq!(
            facts("全年主动公开政府信息不足300条。"),
            f(&[("proactive_total", "~300")])
        );
        assert_eq!(
            facts("全年主动公开政府信息接近300条。"),
            f(&[("proactive_total", "~300")])
        );
    }
}
