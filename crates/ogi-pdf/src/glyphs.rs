//! What a PDF page draws, as positions: each glyph with its box and size, and the ruling lines
//! (thin filled rectangles, stroked lines and rectangles) that tables are drawn with.
//!
//! pdf-extract walks the content streams (fonts, encodings, text matrices) and calls an
//! [`OutputDev`] for each character and each painted path; [`Collector`] keeps them in page
//! coordinates with y growing downwards, as the page is read.

use pdf_extract::{ColorSpace, MediaBox, OutputDev, OutputError, Path, PathOp, Transform};

/// A glyph drawn on a page.
#[derive(Clone, Debug, PartialEq)]
pub struct Glyph {
    /// The text it stands for (one character, sometimes a ligature's several).
    pub text: String,
    /// Left edge, in points from the page's left.
    pub x0: f64,
    /// Right edge (left edge plus the advance).
    pub x1: f64,
    /// The baseline, in points from the page's top.
    pub baseline: f64,
    /// The font size as drawn, in points.
    pub size: f64,
}

impl Glyph {
    /// The top of the glyph's box.
    pub fn top(&self) -> f64 {
        self.baseline - 0.85 * self.size
    }

    /// The bottom of the glyph's box.
    pub fn bottom(&self) -> f64 {
        self.baseline + 0.15 * self.size
    }

    /// The centre of the glyph's box.
    pub fn centre(&self) -> (f64, f64) {
        (
            f64::midpoint(self.x0, self.x1),
            f64::midpoint(self.top(), self.bottom()),
        )
    }

    /// Whether it is white space.
    pub fn is_space(&self) -> bool {
        self.text.chars().all(char::is_whitespace)
    }
}

/// A ruling line: horizontal (`y0 == y1`) or vertical (`x0 == x1`), from the smaller
/// coordinate to the larger.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rule {
    /// Left end (or the x of a vertical line).
    pub x0: f64,
    /// Top end (or the y of a horizontal line).
    pub y0: f64,
    /// Right end.
    pub x1: f64,
    /// Bottom end.
    pub y1: f64,
}

impl Rule {
    /// Whether it runs left to right.
    pub fn is_horizontal(&self) -> bool {
        (self.y1 - self.y0).abs() < f64::EPSILON
    }
}

/// One page: its size, glyphs and ruling lines.
#[derive(Clone, Debug, Default)]
pub struct Page {
    /// Width in points.
    pub width: f64,
    /// Height in points.
    pub height: f64,
    /// The glyphs in drawing order.
    pub glyphs: Vec<Glyph>,
    /// The ruling lines.
    pub rules: Vec<Rule>,
}

/// The thickest a filled rectangle may be and still be a line, in points.
const LINE_WIDTH: f64 = 2.5;

/// The shortest a line may be to count, in points (shorter ones are dots and ticks).
const SHORTEST: f64 = 3.0;

/// Most glyphs kept over a document: a page drawing more is no report's.
const MOST_GLYPHS: usize = 2_000_000;

/// Collects every page's glyphs and rules.
#[derive(Default)]
pub(crate) struct Collector {
    /// The pages read so far.
    pub(crate) pages: Vec<Page>,
    /// Each page's `/Rotate` (clockwise degrees: 0, 90, 180 or 270), by page number from 1.
    rotations: Vec<u16>,
    /// The page being read: its media box `(llx, lly, urx, ury)` and rotation.
    media: (f64, f64, f64, f64),
    rotate: u16,
    glyphs: usize,
}

impl Collector {
    fn page(&mut self) -> Option<&mut Page> {
        self.pages.last_mut()
    }

    /// A point of PDF space (y up) in page space as the page is shown: turned by its
    /// `/Rotate`, from the top left, y down.
    fn view(&self, x: f64, y: f64) -> (f64, f64) {
        let (llx, lly, urx, ury) = self.media;
        match self.rotate {
            90 => (y - lly, x - llx),
            180 => (urx - x, y - lly),
            270 => (ury - y, urx - x),
            _ => (x - llx, ury - y),
        }
    }

    /// A direction of PDF space as the page is shown.
    fn turn(&self, dx: f64, dy: f64) -> (f64, f64) {
        match self.rotate {
            90 => (dy, dx),
            180 => (-dx, dy),
            270 => (-dy, -dx),
            _ => (dx, -dy),
        }
    }

    /// A point of user space under `ctm`, in page space.
    fn point(&self, ctm: &Transform, x: f64, y: f64) -> (f64, f64) {
        let px = ctm.m11 * x + ctm.m21 * y + ctm.m31;
        let py = ctm.m12 * x + ctm.m22 * y + ctm.m32;
        self.view(px, py)
    }

    /// Keeps the box `(x0, y0)–(x1, y1)` (page space) as a rule when it is thin, or as its
    /// four sides when `outline` (a stroked rectangle).
    fn boxed(&mut self, (ax, ay): (f64, f64), (bx, by): (f64, f64), outline: bool) {
        let (x0, x1) = (ax.min(bx), ax.max(bx));
        let (y0, y1) = (ay.min(by), ay.max(by));
        let (w, h) = (x1 - x0, y1 - y0);
        let mut rules = Vec::new();
        if w <= LINE_WIDTH && h >= SHORTEST {
            let x = f64::midpoint(x0, x1);
            rules.push(Rule {
                x0: x,
                y0,
                x1: x,
                y1,
            });
        } else if h <= LINE_WIDTH && w >= SHORTEST {
            let y = f64::midpoint(y0, y1);
            rules.push(Rule {
                x0,
                y0: y,
                x1,
                y1: y,
            });
        } else if outline && w >= SHORTEST && h >= SHORTEST {
            rules.extend([
                Rule { x0, y0, x1, y1: y0 },
                Rule { x0, y0: y1, x1, y1 },
                Rule { x0, y0, x1: x0, y1 },
                Rule { x0: x1, y0, x1, y1 },
            ]);
        }
        if let Some(page) = self.page() {
            page.rules.extend(rules);
        }
    }

    /// The rules a painted path draws: its rectangles and the boxes of its sub-paths (filled),
    /// or its straight horizontal and vertical segments and rectangles (stroked).
    fn path(&mut self, ctm: &Transform, path: &Path, stroked: bool) {
        let mut start: Option<(f64, f64)> = None;
        let mut at: Option<(f64, f64)> = None;
        let mut sub: Vec<(f64, f64)> = Vec::new();
        let mut subpaths: Vec<Vec<(f64, f64)>> = Vec::new();
        for op in &path.ops {
            match *op {
                PathOp::MoveTo(x, y) => {
                    if sub.len() > 1 {
                        subpaths.push(std::mem::take(&mut sub));
                    }
                    sub.clear();
                    let p = self.point(ctm, x, y);
                    sub.push(p);
                    start = Some(p);
                    at = Some(p);
                }
                PathOp::LineTo(x, y) => {
                    let p = self.point(ctm, x, y);
                    if stroked && let Some(a) = at {
                        self.segment(a, p);
                    }
                    sub.push(p);
                    at = Some(p);
                }
                PathOp::CurveTo(.., x, y) => {
                    let p = self.point(ctm, x, y);
                    // A curve is no rule: the sub-path is not a box.
                    sub.push((f64::NAN, f64::NAN));
                    at = Some(p);
                }
                PathOp::Rect(x, y, width, height) => {
                    let corner = self.point(ctm, x, y);
                    let opposite = self.point(ctm, x + width, y + height);
                    self.boxed(corner, opposite, stroked);
                }
                PathOp::Close => {
                    if stroked && let (Some(a), Some(s)) = (at, start) {
                        self.segment(a, s);
                    }
                    at = start;
                }
            }
        }
        if sub.len() > 1 {
            subpaths.push(sub);
        }
        if !stroked {
            for points in subpaths {
                if points.iter().any(|p| p.0.is_nan()) || points.len() < 3 {
                    continue;
                }
                let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
                for (x, y) in points {
                    x0 = x0.min(x);
                    y0 = y0.min(y);
                    x1 = x1.max(x);
                    y1 = y1.max(y);
                }
                self.boxed((x0, y0), (x1, y1), false);
            }
        }
    }

    /// A stroked segment, kept when it runs (nearly) horizontally or vertically.
    fn segment(&mut self, (ax, ay): (f64, f64), (bx, by): (f64, f64)) {
        let rule = if (ay - by).abs() < 0.5 && (ax - bx).abs() >= SHORTEST {
            let y = f64::midpoint(ay, by);
            Rule {
                x0: ax.min(bx),
                y0: y,
                x1: ax.max(bx),
                y1: y,
            }
        } else if (ax - bx).abs() < 0.5 && (ay - by).abs() >= SHORTEST {
            let x = f64::midpoint(ax, bx);
            Rule {
                x0: x,
                y0: ay.min(by),
                x1: x,
                y1: ay.max(by),
            }
        } else {
            return;
        };
        if let Some(page) = self.page() {
            page.rules.push(rule);
        }
    }
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        out_of_time()?;
        let (llx, urx) = (
            media_box.llx.min(media_box.urx),
            media_box.llx.max(media_box.urx),
        );
        let (lly, ury) = (
            media_box.lly.min(media_box.ury),
            media_box.lly.max(media_box.ury),
        );
        self.media = (llx, lly, urx, ury);
        self.rotate = usize::try_from(page_num)
            .ok()
            .and_then(|n| self.rotations.get(n.checked_sub(1)?))
            .copied()
            .unwrap_or(0);
        let (width, height) = if self.rotate % 180 == 90 {
            (ury - lly, urx - llx)
        } else {
            (urx - llx, ury - lly)
        };
        self.pages.push(Page {
            width,
            height,
            ..Page::default()
        });
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        out_of_time()?;
        if self.glyphs >= MOST_GLYPHS {
            return Ok(());
        }
        // The size as drawn: the side of the square with the area the matrix gives a square of
        // the font size (as pdf-extract's own text output measures it).
        let sx = (trm.m11 * font_size).hypot(trm.m12 * font_size);
        let sy = (trm.m21 * font_size).hypot(trm.m22 * font_size);
        let size = (sx * sy).sqrt();
        if !size.is_finite() || size <= 0.0 {
            return Ok(());
        }
        let (x, baseline) = self.view(trm.m31, trm.m32);
        if !x.is_finite() || !baseline.is_finite() {
            return Ok(());
        }
        // The advance runs along the text's direction as shown; text that runs down or up the
        // page as shown (not turned with it) is placed by its origin alone.
        let (dx, dy) = self.turn(trm.m11, trm.m12);
        let along = if dx > 0.0 && dy.abs() <= dx { 1.0 } else { 0.0 };
        let advance = (width * size).max(0.0) * along;
        self.glyphs += 1;
        if let Some(page) = self.page() {
            page.glyphs.push(Glyph {
                text: char.to_owned(),
                x0: x,
                x1: x + advance,
                baseline,
                size,
            });
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn stroke(
        &mut self,
        ctm: &Transform,
        _colorspace: &ColorSpace,
        _color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.path(ctm, path, true);
        Ok(())
    }

    fn fill(
        &mut self,
        ctm: &Transform,
        _colorspace: &ColorSpace,
        _color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.path(ctm, path, false);
        Ok(())
    }
}

/// Every page of `doc`: its glyphs and rules.
///
/// Ends the walk once the file's time budget is spent (see [`ogi_core::deadline`]).
fn out_of_time() -> Result<(), OutputError> {
    if ogi_core::deadline::passed() {
        Err(OutputError::FormatError(std::fmt::Error))
    } else {
        Ok(())
    }
}

/// # Errors
/// When pdf-extract cannot walk the document.
pub(crate) fn pages(doc: &lopdf::Document) -> Result<Vec<Page>, String> {
    let mut collector = Collector {
        rotations: doc.page_iter().map(|id| rotation(doc, id)).collect(),
        ..Collector::default()
    };
    pdf_extract::output_doc(doc, &mut collector).map_err(|e| format!("{e:?}"))?;
    Ok(collector.pages)
}

/// A page's `/Rotate`, inherited from the page tree, as 0, 90, 180 or 270.
fn rotation(doc: &lopdf::Document, page: lopdf::ObjectId) -> u16 {
    let mut node = doc.get_dictionary(page).ok();
    for _ in 0..64 {
        let Some(dict) = node else { break };
        if let Ok(r) = dict.get(b"Rotate").and_then(lopdf::Object::as_i64) {
            // Multiples of 90 only; anything else reads as upright.
            let r = r.rem_euclid(360);
            return u16::try_from(r).ok().filter(|r| r % 90 == 0).unwrap_or(0);
        }
        node = dict
            .get(b"Parent")
            .and_then(lopdf::Object::as_reference)
            .and_then(|id| doc.get_dictionary(id))
            .ok();
    }
    0
}
