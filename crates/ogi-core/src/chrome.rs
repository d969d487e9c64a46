//! Web chrome and scrape damage in plain text.
//!
//! Saved pages carry the site around the report: navigation lists, 来源/日期/字号 lines, share
//! bars, 责任编辑, runs of `?` where a page's characters were lost, page footers of PDF text
//! (`-2-`, `— 5 —`), and sometimes pinyin injected after every character (`文(wen)章(zhang)`).
//! [`is_chrome_line`] recognises the lines, which the layout detector keeps apart from prose and
//! tables; [`strip_pinyin`] removes systematic pinyin.

use crate::offset::{MapBuilder, OffsetMap};
use crate::text::contains;
use aho_corasick::{AhoCorasick, MatchKind};
use std::sync::LazyLock;

/// Words that only site furniture uses.
const FURNITURE: &[&str] = &[
    "分享到",
    "字号",
    "打印本页",
    "打印",
    "关闭窗口",
    "关闭",
    "责任编辑",
    "浏览次数",
    "点击数",
    "访问量:",
    "【字体",
    "[字体",
    "大 中 小",
    "大中小",
    "收藏",
    "微信 微博",
    "QQ空间",
    "当前位置",
    "您的位置",
    "您现在的位置",
    "扫一扫",
    "返回顶部",
    "上一篇",
    "下一篇",
    "网站地图",
    "版权所有",
    "主办单位",
    "ICP备",
    "政府网站标识码",
    "公网安备",
];

// One bit per word in `furniture_words`.
const _: () = assert!(FURNITURE.len() <= 64);

/// How many different [`FURNITURE`] words `s` holds, found in one pass.
fn furniture_words(s: &str) -> u32 {
    // One automaton to tell whether a line holds any (leftmost-first, which lets the search run
    // its SIMD prefilter), one to find them all (overlapping).
    static WORDS: LazyLock<Option<(AhoCorasick, AhoCorasick)>> = LazyLock::new(|| {
        let any = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .build(FURNITURE)
            .ok()?;
        Some((any, AhoCorasick::new(FURNITURE).ok()?))
    });
    let Some((any, all)) = WORDS.as_ref() else {
        return 0;
    };
    // Most lines hold none.
    if !any.is_match(s) {
        return 0;
    }
    let seen = all
        .find_overlapping_iter(s)
        .fold(0u64, |seen, m| seen | 1 << m.pattern().as_usize());
    seen.count_ones()
}

/// Words that open a metadata line of the page (`来源:咸宁市人民政府 日期:2019-02-19`).
const META_STARTS: &[&str] = &[
    "来源:",
    "发布时间:",
    "发布日期:",
    "日期:",
    "时间:",
    "信息来源:",
    "作者:",
    "编辑:",
];

/// `footer = dash+ ws* number ws* dash+`, or `第 N 页`.
///
/// Examples from pdftotext of a 洪泽区 report: `-2-`; from a converted PDF: `— 5 —`.
pub(crate) fn is_page_footer(s: &str) -> bool {
    // Both forms hold a page number.
    if s.len() > 40 || !s.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    // At most 40 bytes, so at most 40 characters: read into arrays, not strings.
    let mut chars = ['\0'; 40];
    let mut n = 0;
    for c in s.chars().filter(|c| !c.is_whitespace()) {
        chars[n] = c;
        n += 1;
    }
    let t = &chars[..n];
    let is_dash = |c: &char| matches!(c, '-' | '—' | '–' | '－' | '―' | '─');
    let inner = t.iter().position(|c| !is_dash(c)).map_or(&t[..0], |first| {
        let last = t.iter().rposition(|c| !is_dash(c)).unwrap_or(first);
        &t[first..=last]
    });
    let dashed = t.first().is_some_and(is_dash) && t.last().is_some_and(is_dash);
    let numeric = !inner.is_empty() && inner.len() <= 4 && inner.iter().all(char::is_ascii_digit);
    if numeric && dashed {
        return true;
    }
    // 第 3 页 / 共 12 页 / 第3页,共12页
    let mut core = ['\0'; 40];
    let mut m = 0;
    for &c in t
        .iter()
        .filter(|c| !c.is_ascii_digit() && !matches!(c, ',' | '/'))
    {
        core[m] = c;
        m += 1;
    }
    t.iter().any(char::is_ascii_digit)
        && matches!(&core[..m], ['第' | '共', '页'] | ['第', '页', '共', '页'])
}

/// Whether a whole line is web chrome or scrape damage rather than report text.
pub(crate) fn is_chrome_line(line: &str) -> bool {
    let s = crate::text::trim_str(line);
    if s.is_empty() {
        return false;
    }
    // Lost characters: a line of question marks or replacement characters.
    if s.chars()
        .filter(|c| !c.is_whitespace())
        .all(|c| matches!(c, '?' | '？' | '\u{fffd}'))
        && s.chars().filter(|c| !c.is_whitespace()).count() >= 3
    {
        return true;
    }
    if is_page_footer(s) {
        return true;
    }
    // Word's conditional comments left in a text dump (`<!--[if gte mso 9]>`, `<![endif]-->`).
    if memchr::memchr(b'[', s.as_bytes()).is_some()
        && (contains(s, "[if ")
            && (contains(s, "mso") || contains(s, "supportLists") || contains(s, "IE"))
            || contains(s, "[endif]"))
    {
        return true;
    }
    let chars = s.chars().count();
    if chars > 120 {
        // Long lines are report text, even if a breadcrumb opens them.
        return false;
    }
    // A bulleted navigation item (`• 政 策`).
    if s.starts_with(['•', '●', '▪', '◆', '■', '►', '▶', '·']) && chars <= 20 {
        return true;
    }
    let furniture = furniture_words(s);
    let meta_start = META_STARTS.iter().any(|w| s.starts_with(w));
    furniture >= 1 && (chars <= 40 || furniture >= 2 || meta_start) || (meta_start && chars <= 60)
}

/// A pinyin syllable as scrapers inject it: lowercase letters, maybe a tone digit.
fn pinyin_len(s: &str) -> Option<usize> {
    let body = s.strip_prefix('(')?;
    let end = body.find(')')?;
    let syllable = &body[..end];
    let letters = syllable.trim_end_matches(|c: char| c.is_ascii_digit());
    let ok = (1..=6).contains(&letters.len())
        && letters.chars().all(|c| {
            c.is_ascii_lowercase()
                || matches!(
                    c,
                    'ü' | 'ā'
                        | 'á'
                        | 'ǎ'
                        | 'à'
                        | 'ē'
                        | 'é'
                        | 'ě'
                        | 'è'
                        | 'ī'
                        | 'í'
                        | 'ǐ'
                        | 'ì'
                        | 'ō'
                        | 'ó'
                        | 'ǒ'
                        | 'ò'
                        | 'ū'
                        | 'ú'
                        | 'ǔ'
                        | 'ù'
                )
        });
    ok.then_some(end + 2)
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}')
}

/// Removes pinyin injected after Chinese characters (`文(wen)章(zhang)` → `文章`), when the text
/// has enough of it to be systematic; `None` when there is nothing to remove.
pub(crate) fn strip_pinyin(text: &str) -> Option<(String, OffsetMap)> {
    let mut hits = Vec::new();
    for i in memchr::memchr_iter(b'(', text.as_bytes()) {
        let prev_han = text[..i].chars().next_back().is_some_and(is_han);
        if prev_han {
            if let Some(len) = pinyin_len(&text[i..]) {
                hits.push(i..i + len);
            }
        }
    }
    // A stray `(a)` after a character is no pattern; a page of annotations is.
    if hits.len() < 8 {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut map = MapBuilder::new();
    let mut at = 0;
    for hit in hits {
        out.push_str(&text[at..hit.start]);
        map.copy(hit.start - at);
        map.skip(hit.len());
        at = hit.end;
    }
    out.push_str(&text[at..]);
    map.copy(text.len() - at);
    Some((out, map.finish()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ogi_model::Span;

    #[test]
    fn chrome_lines() {
        for s in [
            "?????????????????",
            "                                           -1-",
            "— 5 —",
            "第 3 页 共 12 页",
            "来源:咸宁市人民政府 日期:2019-02-19 字号: 分享到:",
            "责任编辑:杨伟杰",
            "  • 政 策",
            "【字体:大 中 小】 打印本页 关闭窗口",
            "<!--[if gte mso 9]><xml>",
            "<![endif]-->",
        ] {
            assert!(is_chrome_line(s), "{s}");
        }
        for s in [
            "一、总体情况",
            "2019年,市政务服务管理局主动公开政府信息5条。",
            "行政处罚 4119",
            "0 1 1 0 2 1 0 0 0 1 0 0 0 0 0",
            "-18538",
            "-2",
            "规章 | 0 | 0 | 0 |",
            "(四)政府信息公开平台建设情况。加强对区政府网站、政务新媒体动态全面监管,及时关停用户关注度低的账号",
        ] {
            assert!(!is_chrome_line(s), "{s}");
        }
    }

    #[test]
    fn systematic_pinyin_goes_and_offsets_follow() {
        let text = "本(ben)报(bao)告(gao)根(gen)据(ju)条(tiao)例(li)编(bian)制(zhi)。共12件";
        let (out, map) = strip_pinyin(text).unwrap();
        assert_eq!(out, "本报告根据条例编制。共12件");
        let at = out.find("12").unwrap() as u32;
        assert_eq!(&text[map.span(Span::new(at, at + 2)).range()], "12");
        // A few parenthesised letters are left alone.
        assert!(strip_pinyin("附件(a)与附件(b)").is_none());
    }
}
