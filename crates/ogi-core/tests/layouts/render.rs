//! The layouts: one abstract report (a [`Case`] made a document of [`Block`]s) written in
//! each of the text shapes real reports arrive in.
//!
//! Lossless layouts keep a trace of every cell, blanks included, so a parse must give exactly
//! the truth; lossy ones drop blank cells or collapse repeated lines, so a parse may only give
//! part of it. The layouts' own choices (where a label splits across spans, where a page
//! breaks, how a column aligns) come from the case's seed, so a case renders the same bytes
//! every time.

use super::grid::{Block, Cell, Grid, Kind, document};
use super::model::{BlankCells, Case};
use super::pdftotext;
use std::fmt::Write as _;

/// A small deterministic generator (splitmix64) for the layouts' choices.
pub(crate) struct Rng(u64);

impl Rng {
    /// A generator for `seed`, different for each `salt` (the layout's name).
    pub(crate) fn new(seed: u64, salt: &str) -> Rng {
        let mut state = seed ^ 0x9e37_79b9_7f4a_7c15;
        for b in salt.bytes() {
            state = (state ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        Rng(state)
    }

    /// The next 64 random bits.
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    /// A number in `lo..=hi`.
    pub(crate) fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True once in `n` times.
    pub(crate) fn one_in(&mut self, n: u64) -> bool {
        self.next() % n == 0
    }
}

/// Every layout the harness writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Layout {
    /// The official HTML: `<table border="1">` with rowspan and colspan, prose as `<p>`.
    Html,
    /// HTML exported by Word: MsoNormal paragraphs in every cell, labels split over spans,
    /// `&nbsp;` in blank cells, conditional comments.
    WordHtml,
    /// Each `<tr>` as its cells joined by ` | `, no outer bars (a naive scraper).
    PipeOpen,
    /// Each `<tr>` as `| a | b | |`.
    PipeClosed,
    /// Markdown tables with the spans expanded into a full grid.
    Markdown,
    /// Each `<tr>` as its cells joined by tabs (a browser table copied).
    Tsv,
    /// Every `<td>` on its own line, a blank cell an empty line.
    CellPerLine,
    /// Every `<td>` on its own line followed by ` |`, a blank cell a line `|`.
    CellPerLineBar,
    /// Columns of spaces as `pdftotext -layout` writes them.
    Pdftotext,
    /// pdftotext with a table that moves a few characters aside on each page after a break:
    /// where no row of a page prints every cell, which cell a row's gap is can be lost.
    PdftotextPages,
    /// [`Layout::PipeOpen`] with `\r\n` line ends.
    CrlfPipeOpen,
    /// [`Layout::Tsv`] with `\r\n` line ends.
    CrlfTsv,
    /// [`Layout::CellPerLine`] with `\r\n` line ends.
    CrlfCellPerLine,
    /// [`Layout::CellPerLine`] with some header and label cells one character per line.
    HeaderChars,
    /// A crawler's dump: the whole report on one line, cells concatenated, blanks gone.
    Stream,
    /// [`Layout::Stream`] with single spaces between cells.
    StreamSpaced,
    /// A crawler's `page.txt`: text nodes one per line, blanks gone, consecutive equal lines
    /// collapsed, prose split at every number.
    PageTxt,
}

impl Layout {
    /// Every layout, in the order the matrix prints them.
    pub(crate) const ALL: [Layout; 17] = [
        Layout::Html,
        Layout::WordHtml,
        Layout::PipeOpen,
        Layout::PipeClosed,
        Layout::Markdown,
        Layout::Tsv,
        Layout::CellPerLine,
        Layout::CellPerLineBar,
        Layout::Pdftotext,
        Layout::PdftotextPages,
        Layout::CrlfPipeOpen,
        Layout::CrlfTsv,
        Layout::CrlfCellPerLine,
        Layout::HeaderChars,
        Layout::Stream,
        Layout::StreamSpaced,
        Layout::PageTxt,
    ];

    /// The layout's name (file names, messages, the matrix).
    pub(crate) fn name(self) -> &'static str {
        match self {
            Layout::Html => "html",
            Layout::WordHtml => "word_html",
            Layout::PipeOpen => "pipe_open",
            Layout::PipeClosed => "pipe_closed",
            Layout::Markdown => "markdown",
            Layout::Tsv => "tsv",
            Layout::CellPerLine => "cell_per_line",
            Layout::CellPerLineBar => "cell_per_line_bar",
            Layout::Pdftotext => "pdftotext",
            Layout::PdftotextPages => "pdftotext_pages",
            Layout::CrlfPipeOpen => "crlf_pipe_open",
            Layout::CrlfTsv => "crlf_tsv",
            Layout::CrlfCellPerLine => "crlf_cell_per_line",
            Layout::HeaderChars => "header_chars",
            Layout::Stream => "stream",
            Layout::StreamSpaced => "stream_spaced",
            Layout::PageTxt => "page_txt",
        }
    }

    /// Whether every cell, blank or not, leaves a trace (the parse must give exactly the
    /// truth).
    pub(crate) fn lossless(self) -> bool {
        !matches!(
            self,
            Layout::Stream | Layout::StreamSpaced | Layout::PageTxt | Layout::PdftotextPages
        )
    }

    /// Where this layout's cases may have blank cells: a `page.txt` drops blank cells and
    /// collapses equal lines, so a blank among zeros leaves no trace there.
    pub(crate) fn blank_cells(self) -> BlankCells {
        match self {
            Layout::PageTxt => BlankCells::WholeRows,
            _ => BlankCells::Anywhere,
        }
    }

    /// The file extension of a rendering.
    pub(crate) fn extension(self) -> &'static str {
        match self {
            Layout::Html | Layout::WordHtml => "html",
            _ => "txt",
        }
    }

    /// The case written in this layout.
    pub(crate) fn render(self, case: &Case) -> Vec<u8> {
        let doc = document(case);
        let mut rng = Rng::new(case.style.seed, self.name());
        let text = match self {
            Layout::Html => html(&doc),
            Layout::WordHtml => word_html(&doc, &mut rng),
            Layout::PipeOpen => join(&lines(&doc, &pipe_open), "\n"),
            Layout::PipeClosed => join(&lines(&doc, &pipe_closed), "\n"),
            Layout::Markdown => markdown(&doc),
            Layout::Tsv => join(&lines(&doc, &tsv), "\n"),
            Layout::CellPerLine => join(&lines(&doc, &cell_per_line), "\n"),
            Layout::CellPerLineBar => join(&lines(&doc, &cell_per_line_bar), "\n"),
            Layout::Pdftotext => pdftotext::render(&doc, &mut rng, false),
            Layout::PdftotextPages => pdftotext::render(&doc, &mut rng, true),
            Layout::CrlfPipeOpen => join(&lines(&doc, &pipe_open), "\r\n"),
            Layout::CrlfTsv => join(&lines(&doc, &tsv), "\r\n"),
            Layout::CrlfCellPerLine => join(&lines(&doc, &cell_per_line), "\r\n"),
            Layout::HeaderChars => header_chars(&doc, &mut rng),
            Layout::Stream => stream(&doc, ""),
            Layout::StreamSpaced => stream(&doc, " "),
            Layout::PageTxt => page_txt(case, &doc),
        };
        text.into_bytes()
    }
}

/// The text of a block that is not a table.
fn block_text(block: &Block) -> Option<&str> {
    match block {
        Block::Title(t) | Block::Heading(t) | Block::Para(t) => Some(t),
        Block::Table(_) => None,
    }
}

/// Lines ending each with `eol`.
fn join(lines: &[String], eol: &str) -> String {
    let mut out = lines.join(eol);
    out.push_str(eol);
    out
}

/// One line per prose block, a table as `table` writes it.
fn lines(doc: &[Block], table: &dyn Fn(&Grid) -> Vec<String>) -> Vec<String> {
    let mut out = Vec::new();
    for block in doc {
        match block {
            Block::Table(grid) => out.extend(table(grid)),
            other => out.extend(block_text(other).map(str::to_owned)),
        }
    }
    out
}

/// The texts of a row's cells (empty for blanks).
fn texts(row: &[Cell]) -> Vec<&str> {
    row.iter().map(|c| c.text.as_str()).collect()
}

/// `a | b |  | c`: a row's cells joined by ` | `, spans not expanded.
pub(crate) fn pipe_open(grid: &Grid) -> Vec<String> {
    grid.rows.iter().map(|row| texts(row).join(" | ")).collect()
}

/// `| a | b | |`: a row's cells between bars.
pub(crate) fn pipe_closed(grid: &Grid) -> Vec<String> {
    grid.rows
        .iter()
        .map(|row| {
            let cells: Vec<String> = row
                .iter()
                .map(|c| {
                    if c.text.is_empty() {
                        " ".to_owned()
                    } else {
                        format!(" {} ", c.text)
                    }
                })
                .collect();
            format!("|{}|", cells.join("|"))
        })
        .collect()
}

/// A row's cells joined by tabs.
pub(crate) fn tsv(grid: &Grid) -> Vec<String> {
    grid.rows.iter().map(|row| texts(row).join("\t")).collect()
}

/// Every cell on its own line.
pub(crate) fn cell_per_line(grid: &Grid) -> Vec<String> {
    grid.rows.iter().flatten().map(|c| c.text.clone()).collect()
}

/// Every cell on its own line followed by ` |`; a blank cell is `|`.
pub(crate) fn cell_per_line_bar(grid: &Grid) -> Vec<String> {
    grid.rows
        .iter()
        .flatten()
        .map(|c| {
            if c.text.is_empty() {
                "|".to_owned()
            } else {
                format!("{} |", c.text)
            }
        })
        .collect()
}

/// Markdown: `#` title, `##` headings, paragraphs, tables with the spans expanded (covered
/// positions empty) and a `|---|` row after the first.
fn markdown(doc: &[Block]) -> String {
    let mut out: Vec<String> = Vec::new();
    for block in doc {
        match block {
            Block::Title(t) => out.push(format!("# {t}")),
            Block::Heading(t) => out.push(format!("## {t}")),
            Block::Para(t) => out.push(t.clone()),
            Block::Table(grid) => {
                let expanded = grid.expand();
                let mut rows = Vec::new();
                for (r, positions) in expanded.iter().enumerate() {
                    let cells: Vec<&str> = positions
                        .iter()
                        .map(|p| {
                            if p.origin {
                                grid.rows[p.row][p.cell].text.as_str()
                            } else {
                                ""
                            }
                        })
                        .collect();
                    rows.push(format!("| {} |", cells.join(" | ")));
                    if r == 0 {
                        rows.push(format!("|{}", "---|".repeat(grid.width)));
                    }
                }
                out.push(rows.join("\n"));
            }
        }
    }
    join(&out, "\n\n")
}

/// Text escaped for HTML.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// ` rowspan="2" colspan="3"` for a spanning cell.
fn span_attrs(cell: &Cell, quoted: bool) -> String {
    let q = if quoted { "\"" } else { "" };
    let mut out = String::new();
    if cell.rowspan > 1 {
        let _ = write!(out, " rowspan={q}{}{q}", cell.rowspan);
    }
    if cell.colspan > 1 {
        let _ = write!(out, " colspan={q}{}{q}", cell.colspan);
    }
    out
}

/// The official HTML.
fn html(doc: &[Block]) -> String {
    let title = doc.iter().find_map(|b| match b {
        Block::Title(t) => Some(t.as_str()),
        _ => None,
    });
    let mut out = format!(
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n</head>\n<body>\n",
        escape(title.unwrap_or_default())
    );
    for block in doc {
        match block {
            Block::Title(t) => {
                let _ = writeln!(out, "<h1>{}</h1>", escape(t));
            }
            Block::Heading(t) | Block::Para(t) => {
                let _ = writeln!(out, "<p>{}</p>", escape(t));
            }
            Block::Table(grid) => {
                out.push_str("<table border=\"1\">\n");
                for row in &grid.rows {
                    out.push_str("<tr>");
                    for cell in row {
                        let _ = write!(
                            out,
                            "<td{}>{}</td>",
                            span_attrs(cell, true),
                            escape(&cell.text)
                        );
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</table>\n");
            }
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// Pieces of a text: runs of ASCII digits (with `.` between digits) and runs of the rest.
pub(crate) fn number_runs(text: &str) -> Vec<(bool, String)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<(bool, String)> = Vec::new();
    for (i, c) in chars.iter().enumerate() {
        let digit = c.is_ascii_digit()
            || (*c == '.'
                && i > 0
                && chars[i - 1].is_ascii_digit()
                && chars.get(i + 1).is_some_and(char::is_ascii_digit));
        match out.last_mut() {
            Some((d, s)) if *d == digit => s.push(*c),
            _ => out.push((digit, c.to_string())),
        }
    }
    out
}

/// A span of Word's: CJK text in a 宋体-like font.
fn word_span(text: &str, size: &str, font: &str) -> String {
    format!(
        "<span style='font-size:{size};font-family:{font};mso-ascii-font-family:\"Times New Roman\";mso-hansi-font-family:\"Times New Roman\"'>{}</span>",
        escape(text)
    )
}

/// A span of Word's for ASCII text (numbers): `lang=EN-US`.
fn word_ascii(text: &str, size: &str) -> String {
    format!(
        "<span lang=EN-US style='font-size:{size};font-family:\"Times New Roman\";mso-fareast-font-family:仿宋_GB2312'>{}</span>",
        escape(text)
    )
}

/// A text as Word writes it: ASCII runs in `lang=EN-US` spans, the rest split at up to
/// `splits` random places into spans of its own (never inside a number).
fn word_runs(text: &str, size: &str, font: &str, splits: usize, rng: &mut Rng) -> String {
    let mut out = String::new();
    for (digits, piece) in number_runs(text) {
        if digits || piece.is_ascii() {
            out.push_str(&word_ascii(&piece, size));
            continue;
        }
        let chars: Vec<char> = piece.chars().collect();
        let mut cuts: Vec<usize> = (0..splits)
            .map(|_| rng.below(chars.len()))
            .filter(|c| *c > 0)
            .collect();
        cuts.sort_unstable();
        cuts.dedup();
        let mut start = 0;
        for cut in cuts.into_iter().chain([chars.len()]) {
            let part: String = chars[start..cut].iter().collect();
            if rng.one_in(4) {
                let _ = write!(out, "<b>{}</b>", word_span(&part, size, font));
            } else {
                out.push_str(&word_span(&part, size, font));
            }
            start = cut;
        }
    }
    out
}

/// HTML exported by Word.
fn word_html(doc: &[Block], rng: &mut Rng) -> String {
    let title = doc
        .iter()
        .find_map(|b| match b {
            Block::Title(t) => Some(t.clone()),
            _ => None,
        })
        .unwrap_or_default();
    let mut out = String::from(
        "<html xmlns:v=\"urn:schemas-microsoft-com:vml\"\nxmlns:o=\"urn:schemas-microsoft-com:office:office\"\nxmlns:w=\"urn:schemas-microsoft-com:office:word\"\nxmlns:m=\"http://schemas.microsoft.com/office/2004/12/omml\"\nxmlns=\"http://www.w3.org/TR/REC-html40\">\n\n<head>\n<meta http-equiv=Content-Type content=\"text/html; charset=utf-8\">\n<meta name=ProgId content=Word.Document>\n<meta name=Generator content=\"Microsoft Word 15\">\n<meta name=Originator content=\"Microsoft Word 15\">\n",
    );
    let _ = writeln!(out, "<title>{}</title>", escape(&title));
    out.push_str(
        "<!--[if gte mso 9]><xml>\n <o:DocumentProperties>\n  <o:Author>user</o:Author>\n  <o:Pages>5</o:Pages>\n  <o:Words>2315</o:Words>\n </o:DocumentProperties>\n</xml><![endif]-->\n<!--[if gte mso 9]><xml>\n <w:WordDocument>\n  <w:SpellingState>Clean</w:SpellingState>\n  <w:DrawingGridVerticalSpacing>7.8 磅</w:DrawingGridVerticalSpacing>\n  <w:Compatibility>\n   <w:SpaceForUL/>\n  </w:Compatibility>\n </w:WordDocument>\n</xml><![endif]-->\n<style>\n<!--\n /* Font Definitions */\n @font-face\n\t{font-family:宋体;\n\tpanose-1:2 1 6 0 3 1 1 1 1 1;}\n@font-face\n\t{font-family:仿宋_GB2312;\n\tmso-font-charset:134;}\n /* Style Definitions */\n p.MsoNormal, li.MsoNormal, div.MsoNormal\n\t{mso-style-unhide:no;\n\tmargin:0cm;\n\ttext-align:justify;\n\tfont-size:10.5pt;\n\tfont-family:\"Times New Roman\",serif;}\n@page WordSection1\n\t{size:595.3pt 841.9pt;\n\tmargin:72.0pt 90.0pt 72.0pt 90.0pt;}\ndiv.WordSection1\n\t{page:WordSection1;}\n-->\n</style>\n<!--[if gte mso 10]>\n<style>\n /* Style Definitions */\n table.MsoNormalTable\n\t{mso-style-name:普通表格;\n\tmso-tstyle-rowband-size:0;}\n</style>\n<![endif]-->\n</head>\n\n<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>\n\n<div class=WordSection1 style='layout-grid:15.6pt'>\n\n",
    );
    for block in doc {
        match block {
            Block::Title(t) => {
                let _ = write!(
                    out,
                    "<p class=MsoNormal align=center style='text-align:center;line-height:28.0pt;mso-line-height-rule:exactly'>{}<span lang=EN-US style='font-size:22.0pt'><o:p></o:p></span></p>\n\n",
                    word_runs(t, "22.0pt", "方正小标宋简体", 1, rng)
                );
            }
            Block::Heading(t) => {
                let _ = write!(
                    out,
                    "<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0;line-height:28.0pt;mso-line-height-rule:exactly'>{}<span lang=EN-US style='font-size:16.0pt;font-family:黑体'><o:p></o:p></span></p>\n\n",
                    word_runs(t, "16.0pt", "黑体", rng.below(3), rng)
                );
                if rng.one_in(4) {
                    out.push_str(
                        "<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>\n\n",
                    );
                }
            }
            Block::Para(t) => {
                let _ = write!(
                    out,
                    "<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0;line-height:28.0pt;mso-line-height-rule:exactly'>{}<span lang=EN-US style='font-size:16.0pt;font-family:仿宋_GB2312'><o:p></o:p></span></p>\n\n",
                    word_runs(t, "16.0pt", "仿宋_GB2312", rng.below(4), rng)
                );
            }
            Block::Table(grid) => word_table(&mut out, grid, rng),
        }
    }
    out.push_str("<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>\n\n</div>\n\n</body>\n\n</html>\n");
    out
}

/// A table as Word exports it.
fn word_table(out: &mut String, grid: &Grid, rng: &mut Rng) {
    if rng.one_in(2) {
        out.push_str("<!--[if gte mso 9]><xml>\n <w:LatentStyles DefLockedState=\"false\"/>\n</xml><![endif]-->\n");
    }
    out.push_str("<div align=center>\n\n<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0\n style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>\n");
    let columns = grid.columns();
    for (r, row) in grid.rows.iter().enumerate() {
        let _ = writeln!(out, " <tr style='mso-yfti-irow:{r};height:20.0pt'>");
        for (i, cell) in row.iter().enumerate() {
            let width = 40 + 12 * (columns[r][i] % 5);
            let _ = write!(
                out,
                "  <td width={width}{} valign=center style='width:{}.0pt;border:solid windowtext 1.0pt;border-top:none;mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt;height:20.0pt'>\n  <p class=MsoNormal align=center style='text-align:center;mso-pagination:widow-orphan'>",
                span_attrs(cell, false),
                width * 3 / 4
            );
            match cell.kind {
                Kind::Label => {
                    let splits = if cell.text.chars().count() > 3 {
                        rng.below(3)
                    } else {
                        0
                    };
                    out.push_str(&word_runs(&cell.text, "10.0pt", "宋体", splits, rng));
                    out.push_str("<span lang=EN-US style='font-size:10.0pt'><o:p></o:p></span>");
                }
                Kind::Value => {
                let _ = write!(out,
                    "<span lang=EN-US style='font-size:10.0pt;font-family:\"Times New Roman\";mso-fareast-font-family:宋体'>{}<o:p></o:p></span>",
                    escape(&cell.text)
                );
            }
                Kind::Blank => out.push_str(
                    "<span lang=EN-US style='font-size:10.0pt;font-family:\"Times New Roman\"'><o:p>&nbsp;</o:p></span>",
                ),
            }
            out.push_str("</p>\n  </td>\n");
        }
        out.push_str(" </tr>\n");
    }
    if rng.one_in(2) {
        // Word's row of column widths, shown to browsers that are not Word.
        out.push_str(" <![if !supportMisalignedColumns]>\n <tr height=0>\n");
        for _ in 0..grid.width {
            out.push_str("  <td width=57 style='border:none'></td>\n");
        }
        out.push_str(" </tr>\n <![endif]>\n");
    }
    out.push_str("</table>\n\n</div>\n\n");
}

/// [`cell_per_line`] with header cells (and, in some reports, row labels too) longer than two
/// characters written one character per line, as some crawlers write vertical text. Labels
/// with ASCII digits (`1.属于国家秘密`) stay whole; so do values.
fn header_chars(doc: &[Block], rng: &mut Rng) -> String {
    let labels_too = rng.one_in(2);
    let mut out = Vec::new();
    for block in doc {
        match block {
            Block::Table(grid) => {
                for cell in grid.rows.iter().flatten() {
                    let splittable = cell.kind == Kind::Label
                        && (cell.header || labels_too)
                        && cell.text.chars().count() > 2
                        && !cell.text.chars().any(|c| c.is_ascii_digit());
                    if splittable && !rng.one_in(3) {
                        out.extend(cell.text.chars().map(String::from));
                    } else {
                        out.push(cell.text.clone());
                    }
                }
            }
            other => out.extend(block_text(other).map(str::to_owned)),
        }
    }
    join(&out, "\n")
}

/// The whole report on one line: every text, every non-blank cell, joined by `sep`.
fn stream(doc: &[Block], sep: &str) -> String {
    let mut pieces: Vec<&str> = Vec::new();
    for block in doc {
        match block {
            Block::Table(grid) => pieces.extend(
                grid.rows
                    .iter()
                    .flatten()
                    .filter(|c| !c.text.is_empty())
                    .map(|c| c.text.as_str()),
            ),
            other => pieces.extend(block_text(other)),
        }
    }
    let mut out = pieces.join(sep);
    out.push('\n');
    out
}

/// A crawler's `page.txt`: a header of fields, then every text node on its own line — prose
/// split at every number, blank cells gone — and runs of equal lines collapsed into one.
fn page_txt(case: &Case, doc: &[Block]) -> String {
    let mut nodes: Vec<String> = Vec::new();
    for block in doc {
        match block {
            Block::Title(_) => {}
            Block::Table(grid) => nodes.extend(
                grid.rows
                    .iter()
                    .flatten()
                    .filter(|c| !c.text.is_empty())
                    .map(|c| c.text.clone()),
            ),
            other => {
                if let Some(text) = block_text(other) {
                    nodes.extend(number_runs(text).into_iter().map(|(_, s)| s));
                }
            }
        }
    }
    let title = doc.iter().find_map(|b| match b {
        Block::Title(t) => Some(t.as_str()),
        _ => None,
    });
    let mut out = vec![
        format!("标题: {}", title.unwrap_or_default()),
        format!("发布时间: {}-01-20 09:56", case.year + 1),
        "文号: ".to_owned(),
        format!("发布机构: {}", case.agency),
        "正文:".to_owned(),
    ];
    for node in nodes {
        if out.last() != Some(&node) {
            out.push(node);
        }
    }
    join(&out, "\n")
}
