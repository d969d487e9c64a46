//! HTML pages → clean lines and grids, every character keeping its source span.
//!
//! The page is parsed by html5ever (a spec-exact HTML parser). Scripts, styles, navigation,
//! footers, share bars and hidden elements are dropped; block elements become lines; a data
//! `<table>` becomes a [`Grid`] with rowspan and colspan expanded (the copies marked), its cell
//! text joined across `<br>`, `<p>` and split `<span>`s (Word writes `商业</p><p>企业` and
//! `自然</span><span>人`). Tables that hold other tables, or a single column, lay out the page
//! and are read as prose.
//!
//! html5ever keeps no source positions, so a [`Locator`] walks the source alongside the tree:
//! for each text node it finds the node's characters in the source, skipping markup and
//! decoding entities, and every rendered character maps to the bytes it came from.

use crate::dom::{Builder, Data, NodeId, Tree};
use crate::layout::{Evidence, Grid, GridCell, GridRow};
use crate::normalize::push_char;
use crate::offset::{MapBuilder, OffsetMap};
use html5ever::tendril::TendrilSink;
use html5ever::{ParseOpts, parse_document};
use std::ops::Range;

/// Whether decoded text is an HTML page rather than plain text.
pub(crate) fn looks_like_html(text: &str) -> bool {
    let start = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if start.starts_with('<') {
        // The first 4096 characters.
        let end = start
            .char_indices()
            .nth(4096)
            .map_or(start.len(), |(i, _)| i);
        let head = start[..end].to_ascii_lowercase();
        let tags = [
            "<html",
            "<!doctype html",
            "<head",
            "<body",
            "<meta",
            "<div",
            "<p",
            "<table",
        ];
        if tags.iter().any(|t| head.contains(t)) {
            return true;
        }
    }
    let body = &text[..crate::text::floor_boundary(text, 64 * 1024)];
    if !body.contains("</") {
        return false;
    }
    ["</p>", "</td>", "</div>", "</P>", "</TD>", "</DIV>"]
        .iter()
        .map(|t| body.matches(t).count())
        .sum::<usize>()
        >= 8
}

/// Deepest element nesting ogi renders as HTML. No report nests near it; html5ever's tree
/// builder scans the stack of open elements for many tags, so a page nested deeper (hostile or
/// broken) would cost time growing with the square of its size.
pub(crate) const MAX_DEPTH: usize = 512;

/// Elements without an end tag, or whose end tag is usually left out: they do not deepen.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "td", "th", "tr", "option", "dt", "dd", "tbody", "thead",
    "colgroup",
];

/// The name of the tag starting at `<` + 1 (`/` excluded), lowercase ASCII.
fn tag_name(rest: &[u8]) -> String {
    rest.iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .map(|b| b.to_ascii_lowercase() as char)
        .collect()
}

/// HTML elements whose start tag written `<div/>` still opens them (the slash means nothing on
/// an HTML element that is not void; it closes only foreign ones, `<path/>` in an `<svg>`).
const CONTAINERS: &[&str] = &[
    "a",
    "article",
    "aside",
    "b",
    "blockquote",
    "body",
    "button",
    "center",
    "div",
    "em",
    "font",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "html",
    "i",
    "label",
    "main",
    "nav",
    "ol",
    "pre",
    "section",
    "select",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "textarea",
    "u",
    "ul",
];

/// The formatting elements a parser reopens in every new paragraph while they are open
/// (HTML's "active formatting elements"): hundreds left open make every later paragraph a
/// chain of hundreds of elements.
const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// The most formatting elements that may stand open at once before the page is read without
/// its markup.
pub(crate) const MOST_OPEN_FORMATTING: usize = 64;

/// Where the end tag `</name` (any case) first stands in `hay`, from a scan for `</`.
fn end_tag(hay: &[u8], name: &str) -> Option<usize> {
    memchr::memmem::find_iter(hay, b"</").find(|&at| {
        hay.get(at + 2..at + 2 + name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
    })
}

/// The most elements a page may hold to be rendered as a tree (a report's page holds a few
/// thousand; a Word export of a long report tens of thousands). Each costs a tree node of a
/// few hundred bytes, so a page of a million `<p>a</p>` would take half a gigabyte.
pub(crate) const MOST_ELEMENTS: usize = 1 << 17;

/// Whether the page nests elements deeper than `limit`, leaves more than
/// [`MOST_OPEN_FORMATTING`] formatting elements open, or holds more than [`MOST_ELEMENTS`]
/// elements (a linear scan of its tags: comments and the insides of scripts and styles skipped,
/// void elements and those whose end tag is optional not counted, `<div/>` opening a `div` as a
/// parser reads it, and an end tag closing only an element it matches — a stray `</span>`
/// closes nothing).
pub(crate) fn nests_deeper_than(src: &str, limit: usize) -> bool {
    let b = src.as_bytes();
    let mut i = 0;
    let mut open: Vec<String> = Vec::new();
    let mut formatting = 0usize;
    let mut elements = 0usize;
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        i += off + 1;
        let rest = &b[i..];
        if rest.starts_with(b"!--") {
            i += memchr::memmem::find(rest, b"-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name = tag_name(if closing { &rest[1..] } else { rest });
        let end = memchr::memchr(b'>', rest).map_or(rest.len(), |e| e + 1);
        let self_closing =
            end >= 2 && rest[end - 2] == b'/' && !CONTAINERS.contains(&name.as_str());
        i += end;
        if name.is_empty() {
            continue;
        }
        elements += usize::from(!closing);
        if elements > MOST_ELEMENTS {
            return true;
        }
        if NOT_NESTING.contains(&name.as_str()) {
            continue;
        }
        if closing {
            if let Some(at) = open.iter().rposition(|n| *n == name) {
                formatting -= open[at..]
                    .iter()
                    .filter(|n| FORMATTING.contains(&n.as_str()))
                    .count();
                open.truncate(at);
            }
        } else if !self_closing {
            if name == "script" || name == "style" {
                i += end_tag(&b[i..], &name).unwrap_or(b.len() - i);
                continue;
            }
            formatting += usize::from(FORMATTING.contains(&name.as_str()));
            open.push(name);
            if open.len() > limit || formatting > MOST_OPEN_FORMATTING {
                return true;
            }
        }
    }
    false
}

/// The text of a page nested too deep to render: every tag replaced by a line break (block
/// elements) or a space, the text between kept, offsets mapped. Tables are not rebuilt.
pub(crate) fn strip_tags(src: &str) -> (String, OffsetMap) {
    const BLOCKS: &[&str] = &[
        "div", "p", "br", "tr", "li", "table", "h1", "h2", "h3", "h4", "h5", "h6", "section",
    ];
    let b = src.as_bytes();
    let mut out = String::with_capacity(src.len() / 2);
    let mut map = MapBuilder::new();
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        out.push_str(&src[i..i + off]);
        map.copy(off);
        i += off;
        let rest = &b[i + 1..];
        let end = rest
            .iter()
            .position(|&c| c == b'>')
            .map_or(b.len() - i, |e| e + 2);
        let name = tag_name(rest.strip_prefix(b"/").unwrap_or(rest));
        let sep = if BLOCKS.contains(&name.as_str()) {
            "\n"
        } else {
            " "
        };
        out.push_str(sep);
        map.replace(end, sep.len());
        i += end;
    }
    out.push_str(&src[i..]);
    map.copy(src.len() - i);
    (out, map.finish())
}

/// The rendering of a page.
#[derive(Debug)]
pub(crate) struct Rendered {
    pub(crate) text: String,
    pub(crate) map: OffsetMap,
    /// Each data table: the range of `text` its lines occupy, and its grid.
    pub(crate) grids: Vec<(Range<usize>, Grid)>,
}

/// Renders a page (see the module documentation).
pub(crate) fn render(src: &str) -> Rendered {
    let tree = parse_document(Builder::default(), ParseOpts::default()).one(src);
    let mut r = Renderer {
        tree: &tree,
        loc: Locator { src, pos: 0 },
        out: String::with_capacity(src.len() / 3),
        map: MapBuilder::new(),
        src_at: 0,
        grids: Vec::new(),
        space: None,
    };
    r.walk(Tree::DOCUMENT, Mode::Block);
    r.newline();
    Rendered {
        text: r.out,
        map: r.map.finish(),
        grids: r.grids,
    }
}

/// Finds text nodes' characters in the source.
struct Locator<'s> {
    src: &'s str,
    pos: usize,
}

/// How far ahead of where it stands, in bytes of source, the locator looks for a text node it
/// did not find where it expected it.
const RESYNC_REACH: usize = 64 * 1024;

/// How far ahead the locator looks for the start tag of the next table cell.
const CELL_REACH: usize = 4 * 1024;

impl Locator<'_> {
    /// The next character of content at or after `pos`, with its source range.
    fn next_content(&mut self) -> Option<(char, Range<usize>)> {
        loop {
            let rest = &self.src[self.pos..];
            let c = rest.chars().next()?;
            if c == '<' {
                if let Some(skip) = markup_len(rest) {
                    self.pos += skip;
                    continue;
                }
            }
            if c == '&' {
                if let Some((decoded, len)) = entity(rest) {
                    let r = self.pos..self.pos + len;
                    self.pos += len;
                    return Some((decoded, r));
                }
            }
            let r = self.pos..self.pos + c.len_utf8();
            self.pos = r.end;
            return Some((c, r));
        }
    }

    /// Where the content of the next table cell starts in the source: just after the next
    /// `<td …>` or `<th …>` start tag, when nothing but markup and white space stands before
    /// it (within [`CELL_REACH`] bytes). Does not move. For a blank cell, which has no text
    /// node to be found by: its place is where its content would stand.
    fn peek_cell_start(&self) -> Option<usize> {
        let mut at = self.pos;
        let end = (self.pos + CELL_REACH).min(self.src.len());
        while at < end {
            let rest = self.src.get(at..)?;
            let c = rest.chars().next()?;
            if c != '<' {
                if !c.is_whitespace() {
                    return None;
                }
                at += c.len_utf8();
                continue;
            }
            let len = markup_len(rest)?;
            let name = tag_name(rest.as_bytes().get(1..)?);
            if name == "td" || name == "th" {
                return Some(at + len);
            }
            at += len;
        }
        None
    }

    /// Matches `text` from the current position; on success, moves past it.
    fn try_match(&mut self, text: &str) -> Option<Vec<Range<usize>>> {
        let save = self.pos;
        let mut ranges = Vec::with_capacity(text.len());
        for c in text.chars() {
            let Some((sc, r)) = self.next_content() else {
                self.pos = save;
                return None;
            };
            let matches = sc == c || (is_space(c) && is_space(sc)) || (c == '\n' && sc == '\r');
            if !matches {
                self.pos = save;
                return None;
            }
            ranges.push(r);
        }
        Some(ranges)
    }

    /// The source range of each character of a text node, `None` where it was not found.
    fn locate(&mut self, text: &str) -> Vec<Option<Range<usize>>> {
        if let Some(r) = self.try_match(text) {
            return r.into_iter().map(Some).collect();
        }
        // Resynchronise: content the tree dropped or moved (hidden elements, foster-parented
        // text) lies between here and the node. Look ahead for the node's first characters.
        let Some(first) = text.chars().find(|c| !is_space(*c)) else {
            return vec![None; text.chars().count()];
        };
        let lead = text.chars().take_while(|c| is_space(*c)).count();
        let save = self.pos;
        // Within reach: a node the tree moved further than that (or decoded otherwise) keeps no
        // span rather than costing a search of the rest of the page for every node after it.
        let reach = self.pos.saturating_add(RESYNC_REACH);
        while let Some((c, r)) = self.next_content() {
            if r.start > reach {
                break;
            }
            if c == first {
                let after = self.pos;
                self.pos = r.start;
                let trimmed: String = text.chars().skip(lead).collect();
                if let Some(found) = self.try_match(&trimmed) {
                    let mut out = vec![None; lead];
                    out.extend(found.into_iter().map(Some));
                    return out;
                }
                self.pos = after;
            }
        }
        self.pos = save;
        vec![None; text.chars().count()]
    }
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{3000}'
}

/// The length of the markup at the start of `s` (a tag, comment, doctype, or a script or style
/// element whole), or `None` if the `<` is text.
fn markup_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if let Some(comment) = s.strip_prefix("<!--") {
        return Some(comment.find("-->").map_or(s.len(), |i| i + 7));
    }
    if s.starts_with("<!") || s.starts_with("<?") {
        return Some(s.find('>').map_or(s.len(), |i| i + 1));
    }
    let second = *b.get(1)?;
    if !(second.is_ascii_alphabetic() || second == b'/') {
        return None;
    }
    // Skip the tag, respecting quoted attribute values.
    let mut quote = None;
    let mut end = s.len();
    for (i, &c) in b.iter().enumerate().skip(1) {
        match (quote, c) {
            (None, b'"' | b'\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, b'>') => {
                end = i + 1;
                break;
            }
            _ => {}
        }
    }
    let name: String = s[1..]
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    if matches!(
        name.as_str(),
        "script" | "style" | "textarea" | "title" | "xmp"
    ) && second != b'/'
    {
        // Raw text: skip to the closing tag.
        if name != "title" && name != "textarea" {
            return Some(end_tag(&b[end..], &name).map_or(s.len(), |i| end + i));
        }
    }
    Some(end)
}

/// The character a character reference at the start of `s` (`&amp;`, `&#8220;`, `&copy2019`)
/// stands for and its length, decoded as html5ever decodes it in text — from html5ever's own
/// tables: the longest named reference the name starts with (the legacy ones such as `&copy`
/// need no `;`), numeric references with C1 controls read as Windows-1252 (`&#128;` is `€`)
/// and impossible code points as U+FFFD. `None` where html5ever keeps the `&` as text.
fn entity(s: &str) -> Option<(char, usize)> {
    use html5ever::data::{C1_REPLACEMENTS, NAMED_ENTITIES};
    let body = s.get(1..)?;
    if let Some(num) = body.strip_prefix('#') {
        let (digits, radix, skip) = match num.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16, 2),
            None => (num, 10, 1),
        };
        let end = digits
            .find(|c: char| !c.is_digit(radix))
            .unwrap_or(digits.len());
        if end == 0 {
            return None;
        }
        let code = u32::from_str_radix(&digits[..end], radix).unwrap_or(u32::MAX);
        let c = match code {
            0x80..=0x9F => C1_REPLACEMENTS[(code - 0x80) as usize]
                .unwrap_or_else(|| char::from_u32(code).unwrap_or('\u{fffd}')),
            0 => '\u{fffd}',
            _ => char::from_u32(code).unwrap_or('\u{fffd}'),
        };
        let len = 1 + skip + end + usize::from(digits[end..].starts_with(';'));
        return Some((c, len));
    }
    let end = body
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(body.len())
        .min(40);
    if end == 0 {
        return None;
    }
    let name = &body[..end];
    // The table also holds every prefix of a name, as (0, 0): no character.
    let first = |(a, _): &(u32, u32)| char::from_u32(*a).filter(|c| *c != '\0');
    if body[end..].starts_with(';')
        && let Some(c) = NAMED_ENTITIES.get(&body[..=end]).and_then(first)
    {
        return Some((c, end + 2));
    }
    // The legacy references without `;`: the longest the name starts with.
    (1..=name.len()).rev().find_map(|k| {
        NAMED_ENTITIES
            .get(&name[..k])
            .and_then(first)
            .map(|c| (c, k + 1))
    })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Blocks become lines.
    Block,
    /// Inside a table cell: everything joins into one line.
    Cell,
    /// Inside `<pre>`: white space is kept.
    Pre,
}

struct Renderer<'s> {
    /// The page's tree.
    tree: &'s Tree,
    loc: Locator<'s>,
    out: String,
    map: MapBuilder,
    /// How far the map has consumed the source.
    src_at: usize,
    grids: Vec<(Range<usize>, Grid)>,
    /// Pending white space: where it came from, and whether it held a line break.
    space: Option<(Range<usize>, bool)>,
}

const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math",
    "canvas", "select", "option", "button", "input", "textarea", "nav", "footer", "aside", "map",
    "audio", "video", "head",
];
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "center",
    "address",
    "figure",
    "figcaption",
    "hr",
    "table",
    "tr",
    "td",
    "th",
    "caption",
    "form",
    "fieldset",
    "legend",
    "details",
    "summary",
    "body",
    "html",
    "tbody",
    "thead",
    "tfoot",
    "title",
];
/// Class and id words of page furniture.
const CHROME: &[&str] = &[
    "nav",
    "menu",
    "footer",
    "breadcrumb",
    "crumb",
    "share",
    "sidebar",
    "copyright",
    "toolbar",
    "topbar",
    "login",
    "search",
    "bdshare",
    "jiathis",
    "qrcode",
];
const MAX_ROWSPAN: usize = 1000;
const MAX_COLSPAN: usize = 100;
/// The most slots a table's grid may have once its spans are expanded: a report's tables have a
/// few hundred; `rowspan=1000 colspan=100` on thousands of cells would ask for billions.
const MOST_GRID_SLOTS: usize = 1 << 20;
const MAX_CELL_TEXT: usize = 300;

/// An element's name, lowercase (`None` for other nodes).
fn tag(tree: &Tree, node: NodeId) -> Option<String> {
    match tree.data(node) {
        Some(Data::Element { name, .. }) => Some(name.to_ascii_lowercase().to_string()),
        _ => None,
    }
}

/// The value of an element's attribute (one of [`crate::dom::KEPT_ATTRIBUTES`]).
fn attr(tree: &Tree, node: NodeId, key: &str) -> Option<String> {
    tree.attrs(node)
        .iter()
        .find(|a| (*a.name.local).eq_ignore_ascii_case(key))
        .map(|a| a.value.to_string())
}

/// Whether an element is page furniture or hidden.
fn is_chrome(tree: &Tree, node: NodeId) -> bool {
    let style = attr(tree, node, "style")
        .unwrap_or_default()
        .to_ascii_lowercase()
        .replace(' ', "");
    if style.contains("display:none") || style.contains("visibility:hidden") {
        return true;
    }
    ["class", "id"]
        .iter()
        .filter_map(|k| attr(tree, node, k))
        .any(|v| {
            let v = v.to_ascii_lowercase();
            CHROME.iter().any(|w| {
                v.split(|c: char| c.is_whitespace())
                    .any(|token| token.contains(w))
            })
        })
}

/// Text length below a node, up to `limit`.
fn text_len(tree: &Tree, node: NodeId, limit: usize) -> usize {
    let mut n = 0;
    let mut stack = vec![node];
    while let Some(h) = stack.pop() {
        if let Some(Data::Text(contents)) = tree.data(h) {
            n += contents.chars().filter(|c| !is_space(*c)).count();
            if n > limit {
                return n;
            }
        }
        stack.extend(tree.children(h));
    }
    n
}

/// The rows of a table, through `thead`/`tbody`/`tfoot`.
fn table_rows(tree: &Tree, table: NodeId) -> Vec<NodeId> {
    let mut rows = Vec::new();
    for child in tree.children(table) {
        match tag(tree, child).as_deref() {
            Some("tr") => rows.push(child),
            Some("thead" | "tbody" | "tfoot") => {
                rows.extend(
                    tree.children(child)
                        .filter(|c| tag(tree, *c).as_deref() == Some("tr")),
                );
            }
            _ => {}
        }
    }
    rows
}

/// The cells of a table row.
fn cells_of(tree: &Tree, row: NodeId) -> Vec<NodeId> {
    tree.children(row)
        .filter(|c| matches!(tag(tree, *c).as_deref(), Some("td" | "th")))
        .collect()
}

/// A cell's span attribute, 1 to `max`.
fn span_attr(tree: &Tree, node: NodeId, key: &str, max: usize) -> usize {
    attr(tree, node, key)
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, max)
}

/// A table that holds data: no table inside, at least two columns, short cells.
fn is_data_table(tree: &Tree, table: NodeId) -> bool {
    let rows = table_rows(tree, table);
    let mut stack: Vec<NodeId> = tree.children(table).collect();
    while let Some(h) = stack.pop() {
        if tag(tree, h).as_deref() == Some("table") {
            return false;
        }
        stack.extend(tree.children(h));
    }
    let widest = rows
        .iter()
        .map(|r| cells_of(tree, *r).len())
        .max()
        .unwrap_or(0);
    widest >= 2
        && rows
            .iter()
            .flat_map(|r| cells_of(tree, *r))
            .all(|c| text_len(tree, c, MAX_CELL_TEXT) <= MAX_CELL_TEXT)
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{3400}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}')
}

impl Renderer<'_> {
    /// Writes `s`, which came from `src` (or from nowhere: inserted).
    fn emit(&mut self, s: &str, src: Option<Range<usize>>) {
        match src {
            Some(r) if r.start >= self.src_at => {
                self.map.skip(r.start - self.src_at);
                self.map.replace(r.len(), s.len());
                self.src_at = r.end;
            }
            _ => self.map.replace(0, s.len()),
        }
        self.out.push_str(s);
    }

    fn newline(&mut self) {
        self.space = None;
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.emit("\n", None);
        }
    }

    /// A block boundary inside a cell: like white space holding a line break.
    fn soft_break(&mut self) {
        if self.space.is_none() {
            self.space = Some((self.src_at..self.src_at, true));
        }
    }

    fn text(&mut self, text: &str, mode: Mode) {
        let ranges = self.loc.locate(text);
        let mut buf = String::new();
        for (c, r) in text.chars().zip(ranges) {
            if mode != Mode::Pre && is_space(c) {
                if self.space.is_none() {
                    self.space = Some((r.unwrap_or(self.src_at..self.src_at), c == '\n'));
                } else if c == '\n' {
                    if let Some(s) = &mut self.space {
                        s.1 = true;
                    }
                }
                continue;
            }
            if let Some((sr, broke)) = self.space.take() {
                let prev = self.out.chars().next_back();
                let drop = prev.is_none_or(|p| p == '\n' || p == ' ')
                    // A line break between two Chinese characters is no space (CSS Text 3).
                    || (broke && prev.is_some_and(is_cjk) && is_cjk(c))
                    || (mode == Mode::Cell && broke && !(prev.is_some_and(|p| p.is_ascii_alphanumeric()) && c.is_ascii_alphanumeric()));
                if !drop {
                    self.emit(" ", Some(sr));
                }
            }
            buf.clear();
            push_char(c, &mut buf);
            if mode == Mode::Cell && buf.contains('\n') {
                buf = buf.replace('\n', " ");
            }
            if !buf.is_empty() {
                let s = std::mem::take(&mut buf);
                self.emit(&s, r);
                buf = s;
            }
        }
    }

    /// Renders a node and everything below it.
    fn walk(&mut self, root: NodeId, mode: Mode) {
        /// A node to render (and, when it says so, the siblings after it), or the end of an
        /// element.
        enum Step {
            Enter(NodeId, Mode, bool),
            Exit(bool, Mode),
        }
        let tree = self.tree;
        // A node's next sibling waits on the stack while it is rendered, not all its siblings:
        // the stack holds a step or two for each level of nesting.
        let mut stack = vec![Step::Enter(root, mode, false)];
        while let Some(step) = stack.pop() {
            if crate::deadline::passed() {
                return;
            }
            let (node, mode) = match step {
                Step::Exit(block, mode) => {
                    if block {
                        if mode == Mode::Block {
                            self.newline();
                        } else {
                            self.soft_break();
                        }
                    }
                    continue;
                }
                Step::Enter(node, mode, siblings) => {
                    if let Some(next) = tree.next_sibling(node).filter(|_| siblings) {
                        stack.push(Step::Enter(next, mode, true));
                    }
                    (node, mode)
                }
            };
            match tree.data(node) {
                Some(Data::Text(contents)) => {
                    self.text(contents, mode);
                    continue;
                }
                Some(Data::Document | Data::Element { .. }) => {}
                Some(Data::Other) | None => continue,
            }
            let name = tag(tree, node).unwrap_or_default();
            if name == "head" {
                // The page title names the report: it is the first line.
                if let Some(title) = tree
                    .children(node)
                    .find(|c| tag(tree, *c).as_deref() == Some("title"))
                {
                    self.walk(title, Mode::Block);
                    self.newline();
                }
                continue;
            }
            if SKIP.contains(&name.as_str()) || (!name.is_empty() && is_chrome(tree, node)) {
                continue;
            }
            if name == "br" {
                if mode == Mode::Block {
                    self.newline();
                } else {
                    self.soft_break();
                }
                continue;
            }
            if name == "table" && mode == Mode::Block && is_data_table(tree, node) {
                self.table(node);
                continue;
            }
            let block = BLOCKS.contains(&name.as_str());
            let inner = if name == "pre" && mode == Mode::Block {
                Mode::Pre
            } else {
                mode
            };
            if block {
                if mode == Mode::Block {
                    self.newline();
                } else {
                    self.soft_break();
                }
            }
            stack.push(Step::Exit(block, mode));
            if let Some(first) = tree.first_child(node) {
                stack.push(Step::Enter(first, inner, true));
            }
        }
    }

    /// Renders a data table: one line per row, cells joined by ` | `, and records its grid.
    fn table(&mut self, table: NodeId) {
        let tree = self.tree;
        if let Some(caption) = tree
            .children(table)
            .find(|c| tag(tree, *c).as_deref() == Some("caption"))
        {
            self.newline();
            self.walk(caption, Mode::Block);
        }
        self.newline();
        let start = self.out.len();
        let rows = table_rows(tree, table);
        // occupancy[row][col] = index into `cells`
        let mut occupancy: Vec<Vec<Option<usize>>> = vec![Vec::new(); rows.len()];
        // Each cell: its text, its row, its first column and its width.
        let mut cells: Vec<(Range<usize>, usize, usize, usize)> = Vec::new();
        let mut slots = 0usize;
        for (r, tr) in rows.iter().enumerate() {
            let mut col = 0;
            for (i, &td) in cells_of(tree, *tr).iter().enumerate() {
                while occupancy[r].get(col).is_some_and(Option::is_some) {
                    col += 1;
                }
                let mut rowspan = span_attr(tree, td, "rowspan", MAX_ROWSPAN).min(rows.len() - r);
                let mut colspan = span_attr(tree, td, "colspan", MAX_COLSPAN);
                // Past the budget a cell spans nothing, and then has no place in the grid: its
                // text is still written.
                if slots + rowspan * colspan > MOST_GRID_SLOTS {
                    (rowspan, colspan) = (1, 1);
                }
                let placed = slots < MOST_GRID_SLOTS;
                if placed {
                    slots += rowspan * colspan;
                }
                if i > 0 {
                    self.space = None;
                    self.emit(" | ", None);
                }
                let at = self.out.len();
                let cell_start = self.loc.peek_cell_start();
                self.space = None;
                self.walk(td, Mode::Cell);
                self.space = None;
                let end = self.out.len();
                let text = &self.out[at..end];
                let lead = text.len() - text.trim_start().len();
                let trail = text.len() - text.trim_end().len();
                let range = if lead == text.len() {
                    // A blank cell stands where its content would: its empty span points
                    // there, not at the end of the cell before it.
                    if end == at {
                        if let Some(p) = cell_start.filter(|p| *p >= self.src_at) {
                            self.emit("", Some(p..p));
                            // The next cell is looked for after this one's start tag.
                            self.loc.pos = self.loc.pos.max(p);
                        }
                    }
                    at..at
                } else {
                    at + lead..end - trail
                };
                if !placed {
                    continue;
                }
                let id = cells.len();
                cells.push((range, r, col, colspan));
                for row in occupancy.iter_mut().skip(r).take(rowspan) {
                    if row.len() < col + colspan {
                        row.resize(col + colspan, None);
                    }
                    for slot in &mut row[col..col + colspan] {
                        *slot = Some(id);
                    }
                }
                col += colspan;
            }
            self.newline();
        }
        let grid_rows = occupancy
            .iter()
            .enumerate()
            .map(|(r, row)| GridRow {
                cells: row
                    .iter()
                    .enumerate()
                    .filter_map(|(c, slot)| {
                        let (range, r0, c0, width) = &cells[(*slot)?];
                        Some(GridCell {
                            range: range.clone(),
                            at: *c0 as u32..(*c0 + *width) as u32,
                            copy: (*r0, *c0) != (r, c),
                            label: false,
                        })
                    })
                    .collect(),
            })
            .collect();
        self.grids.push((
            start..self.out.len(),
            Grid {
                rows: grid_rows,
                // Spans expanded: every row's cells stand in the grid's columns.
                evidence: Evidence::separated(true),
            },
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(r: &Rendered, i: usize) -> Vec<Vec<(String, bool)>> {
        r.grids[i]
            .1
            .rows
            .iter()
            .map(|row| {
                row.cells
                    .iter()
                    .map(|c| (r.text[c.range.clone()].to_owned(), c.copy))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn detects_pages() {
        assert!(looks_like_html(
            "<!DOCTYPE html><html><body><p>x</p></body></html>"
        ));
        assert!(looks_like_html(
            "  <div class=main><p>一、总体情况</p></div>"
        ));
        assert!(!looks_like_html("一、总体情况\n规章 | 0 | 0 |\n"));
    }

    #[test]
    fn paragraphs_become_lines_and_chrome_goes() {
        let src = "<html><head><title>某局2023年报告</title><script>var a='<p>x</p>';</script></head>\
                   <body><div class=\"top-nav\">首页 | 政务公开</div><p>一、总体<span>情况</span></p>\
                   <p>本年&nbsp;共收到申请<b>１２</b>件。</p><div style=\"display: none\">隐藏</div>\
                   <div class=\"bdsharebuttonbox\">分享到</div></body></html>";
        let r = render(src);
        assert_eq!(
            r.text,
            "某局2023年报告\n一、总体情况\n本年 共收到申请12件。\n"
        );
        // "12" maps back to the full-width digits inside <b>.
        let at = r.text.find("12").unwrap();
        let span = r.map.span(ogi_model::Span::new(at as u32, at as u32 + 2));
        assert_eq!(&src[span.range()], "１２");
    }

    #[test]
    fn tables_expand_spans_and_join_split_cells() {
        let src = "<table><tr><td rowspan=2>三、本年度办理结果</td><td>(一)予以<br/>公开</td><td>26</td></tr>\
                   <tr><td><p>商业</p><p>企业</p></td><td>&nbsp;</td></tr>\
                   <tr><td colspan=2>四、结转下年度继续办理</td><td>0</td></tr></table>";
        let r = render(src);
        assert_eq!(
            cells(&r, 0),
            [
                vec![
                    ("三、本年度办理结果".into(), false),
                    ("(一)予以公开".into(), false),
                    ("26".into(), false)
                ],
                vec![
                    ("三、本年度办理结果".into(), true),
                    ("商业企业".into(), false),
                    (String::new(), false)
                ],
                vec![
                    ("四、结转下年度继续办理".into(), false),
                    ("四、结转下年度继续办理".into(), true),
                    ("0".into(), false)
                ],
            ]
        );
        let at = r.text.find("26").unwrap();
        let span = r.map.span(ogi_model::Span::new(at as u32, at as u32 + 2));
        assert_eq!(&src[span.range()], "26");
    }

    #[test]
    fn layout_tables_are_prose() {
        let src = "<table><tr><td><table><tr><td>a</td><td>1</td></tr></table></td></tr></table>\
                   <table><tr><td>整篇正文在一个单元格里</td></tr></table>";
        let r = render(src);
        assert_eq!(r.grids.len(), 1);
        assert!(r.text.contains("整篇正文在一个单元格里\n"));
    }

    /// Every text node after an entity the locator once decoded otherwise than html5ever keeps
    /// its span (each was searched for through the rest of the page: 177 s for 480 KB).
    #[test]
    fn text_after_word_entities_keeps_its_spans() {
        let page = "<p>申请&trade;件</p><p>收到&copy2019申请&#150;5件</p>".repeat(3);
        let rendered = render(&page);
        let at = u32::try_from(rendered.text.rfind('5').unwrap()).unwrap();
        let source = rendered.map.span(ogi_model::Span::new(at, at + 1));
        assert_eq!(&page[source.range()], "5");
        let at = u32::try_from(rendered.text.rfind('件').unwrap()).unwrap();
        let source = rendered.map.span(ogi_model::Span::new(at, at + 3));
        assert_eq!(&page[source.range()], "件");
    }

    #[test]
    fn spans_expand_within_a_budget() {
        let row = "<td rowspan=1000 colspan=100>1</td>".repeat(40);
        let page = format!("<table>{}</table>", format!("<tr>{row}</tr>").repeat(40));
        let rendered = render(&page);
        let slots: usize = rendered.grids[0].1.rows.iter().map(|r| r.cells.len()).sum();
        assert!(slots <= MOST_GRID_SLOTS, "{slots}");
        // The text of every cell is still there.
        assert_eq!(rendered.text.matches('1').count(), 1600);
    }

    #[test]
    fn depth_is_counted_as_a_parser_nests() {
        // `<div/>` opens a div; `<path/>` closes itself.
        assert!(nests_deeper_than(&"<div/>".repeat(20), 10));
        assert!(!nests_deeper_than(&"<path/>".repeat(20), 10));
        // A stray end tag closes nothing; a matching one closes what it matches.
        let stray = "<div><b>".repeat(10) + &"</span>".repeat(100) + "<div>";
        assert!(nests_deeper_than(&stray, 10));
        assert!(!nests_deeper_than(&"<div><b></b></div>".repeat(50), 10));
        // Formatting elements left open: every later paragraph would reopen them all.
        let opened: Vec<String> = (0..100).map(|i| format!("<b a={i}>")).collect();
        let afe = format!("<p>{}</p>{}", opened.concat(), "<p>x</p>".repeat(10));
        assert!(nests_deeper_than(&afe, MAX_DEPTH));
        assert!(!nests_deeper_than(
            &"<p><b>x</b><font>y</font></p>".repeat(500),
            MAX_DEPTH
        ));
        // The inside of a script is no markup, whatever the case of its end tag.
        let script = format!("<script>{}</SCRIPT><p>", "<div>".repeat(50));
        assert!(!nests_deeper_than(&script, 10));
        assert_eq!(end_tag(b"a</b></ScRiPt>", "script"), Some(5));
        assert_eq!(markup_len("<style>x</STYLE>y"), Some(8));
    }

    #[test]
    fn entities_and_markup_lengths() {
        assert_eq!(entity("&nbsp;x"), Some(('\u{a0}', 6)));
        assert_eq!(entity("&#65297;"), Some(('１', 8)));
        assert_eq!(entity("&#x4e00;"), Some(('一', 8)));
        assert_eq!(entity("&unknown;"), None);
        // As html5ever decodes them (Word exports write these): every named reference, the
        // legacy ones without `;`, C1 numbers as Windows-1252.
        assert_eq!(entity("&trade;"), Some(('™', 7)));
        assert_eq!(entity("&copy2019"), Some(('©', 5)));
        assert_eq!(entity("&amp"), Some(('&', 4)));
        assert_eq!(entity("&#128;"), Some(('€', 6)));
        assert_eq!(entity("&#150;"), Some(('–', 6)));
        assert_eq!(entity("&#0;"), Some(('\u{fffd}', 4)));
        assert_eq!(entity("&#;"), None);
        assert_eq!(entity("& x"), None);
        assert_eq!(markup_len("<!-- a --><p>"), Some(10));
        assert_eq!(markup_len("<a href='>'>x"), Some(12));
        assert_eq!(markup_len("< 3"), None);
        assert_eq!(markup_len("<script>if (a<b) x='</p>'</script>z"), Some(25));
    }
}
