//! Bounds on what a PDF may ask of the readers, enforced on the loaded document before any
//! content stream is walked.
//!
//! pdf-extract follows a page's `/Parent` chain without remembering where it has been, draws a
//! Form XObject by recursing into it, and lopdf inflates a stream and undoes its PNG predictor
//! with whatever sizes the file states. A file can turn each of those against the reader: a
//! `/Parent` loop spins forever, a form that draws itself overflows the stack (an abort no
//! `catch_unwind` can catch), `/Columns 2147483647` asks for gigabytes, a few kilobytes of
//! Flate inflate to a gibibyte. [`sanitize`] rewrites the document so that none of that can
//! happen — the loop cut, the back edge between forms dropped, each stream inflated once under
//! a budget — and refuses the file only when its streams need more than the budget.

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};
use std::collections::{HashMap, HashSet};
use std::io::Read;

/// The widest row of pixels a predictor may state, in bytes (a 30 000-pixel row of four
/// 16-bit components is 240 000).
const WIDEST_ROW: i64 = 1 << 20;

/// The deepest forms may nest (a real report nests two or three).
const DEEPEST_FORMS: usize = 32;

/// The longest a `/Parent` chain may be.
const LONGEST_PARENTS: usize = 64;

/// What [`sanitize`] changed, for the extractor's notes.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Repairs {
    /// `/Parent` links cut because they closed a loop.
    pub(crate) parent_loops: usize,
    /// Form XObjects no longer drawn where they would draw themselves (or nest too deep, or
    /// draw too many forms in all).
    pub(crate) form_cycles: usize,
    /// Streams emptied because their predictor states impossible sizes.
    pub(crate) bad_predictors: usize,
}

/// The largest each decode parameter may state before the file is loaded (lopdf decodes
/// object and cross-reference streams while loading, with the sizes the file states): a row
/// of at most 65 536 pixels of 32 components of 16 bits.
const STATED_LIMITS: &[(&[u8], i64)] = &[
    (b"/Columns", 1 << 16),
    (b"/Colors", 32),
    (b"/BitsPerComponent", 16),
];

/// The file with every decode parameter of [`STATED_LIMITS`] that states an impossible size
/// (over the limit, zero or negative) rewritten in place as `1` padded with zeros to the same
/// width — so that no offset of the file moves — before lopdf reads it.
pub(crate) fn clamp_stated_sizes(pdf: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    let mut out: Option<Vec<u8>> = None;
    for (key, most) in STATED_LIMITS {
        for found in memchr::memmem::find_iter(pdf, key) {
            let at = found + key.len();
            let start = at
                + pdf[at..]
                    .iter()
                    .take_while(|b| b.is_ascii_whitespace())
                    .count();
            let sign = usize::from(matches!(pdf.get(start), Some(b'-' | b'+')));
            let digits = pdf[start + sign..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            if digits == 0 {
                continue;
            }
            let end = start + sign + digits;
            let value = std::str::from_utf8(&pdf[start + sign..end])
                .ok()
                .and_then(|d| d.parse::<i64>().ok())
                .unwrap_or(i64::MAX);
            if pdf[start] != b'-' && (1..=*most).contains(&value) {
                continue;
            }
            let bytes = out.get_or_insert_with(|| pdf.to_vec());
            bytes[start..end].fill(b'0');
            bytes[end - 1] = b'1';
        }
    }
    out.map_or(std::borrow::Cow::Borrowed(pdf), std::borrow::Cow::Owned)
}

/// Streams that inflate to more than the budget.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct OverBudget;

/// Makes `doc` safe to walk: every Flate stream inflated once, the total under `budget` bytes;
/// impossible predictors emptied; `/Parent` loops cut; forms that would draw themselves not
/// drawn there.
///
/// # Errors
/// When the streams inflate to more than `budget` bytes.
pub(crate) fn sanitize(doc: &mut Document, budget: usize) -> Result<Repairs, OverBudget> {
    let mut repairs = Repairs::default();
    drop_truetype_programs(doc);
    inflate_streams(doc, budget, &mut repairs)?;
    cut_parent_loops(doc, &mut repairs);
    cut_form_cycles(doc, &mut repairs);
    Ok(repairs)
}

/// Empties the embedded TrueType programs (`/FontFile2`): no reader of ogi's uses them — glyph
/// widths come from the font dictionary, text from its encoding and `/ToUnicode` — yet they
/// are the largest streams of most PDFs, and pdf-extract inflates and copies each one for every
/// page that uses the font.
fn drop_truetype_programs(doc: &mut Document) {
    let programs: HashSet<ObjectId> = doc
        .objects
        .values()
        .filter_map(|o| match o {
            Object::Dictionary(d) => d.get(b"FontFile2").ok()?.as_reference().ok(),
            _ => None,
        })
        .collect();
    for id in programs {
        if let Some(Object::Stream(s)) = doc.objects.get_mut(&id) {
            s.dict.remove(b"Filter");
            s.dict.remove(b"DecodeParms");
            s.set_content(Vec::new());
        }
    }
}

/// The filter names of a stream, first to last.
fn filters(stream: &Stream) -> Vec<Vec<u8>> {
    match stream.dict.get(b"Filter") {
        Ok(Object::Name(n)) => vec![n.clone()],
        Ok(Object::Array(a)) => a
            .iter()
            .filter_map(|o| o.as_name().ok().map(<[u8]>::to_vec))
            .collect(),
        _ => Vec::new(),
    }
}

/// Whether a stream's decode parameters ask for a PNG or TIFF predictor with a row wider than
/// [`WIDEST_ROW`] (or negative sizes).
fn impossible_predictor(stream: &Stream) -> bool {
    let params: Vec<&Dictionary> = match stream.dict.get(b"DecodeParms") {
        Ok(Object::Dictionary(d)) => vec![d],
        Ok(Object::Array(a)) => a.iter().filter_map(|o| o.as_dict().ok()).collect(),
        _ => Vec::new(),
    };
    params.iter().any(|p| {
        let int = |key: &[u8], default: i64| p.get(key).and_then(Object::as_i64).unwrap_or(default);
        let predictor = int(b"Predictor", 1);
        if predictor < 2 {
            return false;
        }
        let (columns, colors, bits) = (
            int(b"Columns", 1),
            int(b"Colors", 1),
            int(b"BitsPerComponent", 8),
        );
        !(1..=WIDEST_ROW).contains(&columns)
            || !(1..=32).contains(&colors)
            || !(1..=16).contains(&bits)
            || columns * colors * bits / 8 > WIDEST_ROW
    })
}

/// Inflates `data` (zlib, or raw deflate when the zlib header is wrong, as lopdf also
/// accepts), reading at most `most + 1` bytes.
fn inflate(data: &[u8], most: usize) -> Option<Vec<u8>> {
    let cap = u64::try_from(most).unwrap_or(u64::MAX).saturating_add(1);
    let mut out = Vec::new();
    let zlib = flate2::read::ZlibDecoder::new(data)
        .take(cap)
        .read_to_end(&mut out);
    if zlib.is_err() {
        out.clear();
        // Some writers leave the zlib header off; what reads is kept, as lopdf does.
        let _ = flate2::read::DeflateDecoder::new(data)
            .take(cap)
            .read_to_end(&mut out);
    }
    (!out.is_empty()).then_some(out)
}

/// Inflates every Flate stream that is not an image once, under `budget` bytes in all; a
/// stream with only Flate (no predictor) keeps the inflated bytes, so that no reader inflates
/// it again. Streams with impossible predictors are emptied.
fn inflate_streams(
    doc: &mut Document,
    budget: usize,
    repairs: &mut Repairs,
) -> Result<(), OverBudget> {
    let mut left = budget;
    for object in doc.objects.values_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if stream
            .dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|n| n == b"Image")
        {
            continue;
        }
        if impossible_predictor(stream) {
            repairs.bad_predictors += 1;
            stream.dict.remove(b"Filter");
            stream.dict.remove(b"DecodeParms");
            stream.set_content(Vec::new());
            continue;
        }
        let names = filters(stream);
        if names.first().is_none_or(|n| n != b"FlateDecode") {
            continue;
        }
        let Some(plain) = inflate(&stream.content, left) else {
            continue;
        };
        if plain.len() > left {
            return Err(OverBudget);
        }
        left -= plain.len();
        if names.len() == 1 && stream.dict.get(b"DecodeParms").is_err() {
            stream.dict.remove(b"Filter");
            stream.set_content(plain);
        }
    }
    Ok(())
}

/// Cuts every `/Parent` link that closes a loop or makes a chain longer than
/// [`LONGEST_PARENTS`], starting from each page.
fn cut_parent_loops(doc: &mut Document, repairs: &mut Repairs) {
    let pages: Vec<ObjectId> = doc.page_iter().collect();
    for page in pages {
        let mut seen = HashSet::from([page]);
        let mut node = page;
        loop {
            let parent = doc
                .get_dictionary(node)
                .ok()
                .and_then(|d| d.get(b"Parent").ok())
                .and_then(|p| p.as_reference().ok());
            let Some(parent) = parent else { break };
            if !seen.insert(parent) || seen.len() > LONGEST_PARENTS {
                if let Ok(d) = doc.get_dictionary_mut(node) {
                    d.remove(b"Parent");
                }
                repairs.parent_loops += 1;
                break;
            }
            node = parent;
        }
    }
}

/// A dictionary, following a reference.
fn dict_of<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Dictionary> {
    match object {
        Object::Dictionary(d) => Some(d),
        Object::Reference(id) => doc.get_dictionary(*id).ok(),
        _ => None,
    }
}

/// A page's resources, inherited from the page tree as pdf-extract looks them up.
fn page_resources(doc: &Document, page: ObjectId) -> Option<Dictionary> {
    let mut node = doc.get_dictionary(page).ok()?;
    for _ in 0..LONGEST_PARENTS {
        if let Some(r) = node.get(b"Resources").ok().and_then(|r| dict_of(doc, r)) {
            return Some(r.clone());
        }
        let parent = node.get(b"Parent").ok()?.as_reference().ok()?;
        node = doc.get_dictionary(parent).ok()?;
    }
    None
}

/// The names a content stream draws with `Do`: each `Do` operator (a token between white
/// space or delimiters) whose operand before it is a name. A scan of the bytes rather than a
/// parse of the stream (the content parser is the slow part of a PDF, and pdf-extract parses
/// every stream again); a `/Name Do` inside a string literal is taken too, which can only add
/// a cut where a form would draw itself.
fn drawn_names(content: &[u8]) -> Vec<Vec<u8>> {
    let delimiter = |b: u8| b.is_ascii_whitespace() || b"()<>[]{}/%".contains(&b);
    let mut names = Vec::new();
    for at in memchr::memmem::find_iter(content, b"Do") {
        let before = at.checked_sub(1).map(|i| content[i]);
        let after = content.get(at + 2).copied();
        if !before.is_some_and(|b| b.is_ascii_whitespace()) || after.is_some_and(|b| !delimiter(b))
        {
            continue;
        }
        let head = &content[..at];
        let end = head
            .iter()
            .rposition(|b| !b.is_ascii_whitespace())
            .map_or(0, |i| i + 1);
        let start = head[..end].iter().rposition(|&b| delimiter(b)).unwrap_or(0);
        if head.get(start) == Some(&b'/') && start + 1 < end {
            names.push(head[start + 1..end].to_vec());
        }
    }
    names
}

/// A page's content, its streams concatenated.
fn page_content(doc: &Document, page: ObjectId) -> Vec<u8> {
    doc.get_page_contents(page)
        .into_iter()
        .filter_map(|id| doc.get_object(id).ok()?.as_stream().ok())
        .flat_map(|s| {
            s.decompressed_content()
                .unwrap_or_else(|_| s.content.clone())
        })
        .collect()
}

/// The Form XObject `name` stands for in `resources`.
fn form_named(doc: &Document, resources: &Dictionary, name: &[u8]) -> Option<ObjectId> {
    let xobjects = dict_of(doc, resources.get(b"XObject").ok()?)?;
    let id = xobjects.get(name).ok()?.as_reference().ok()?;
    let stream = doc.get_object(id).ok()?.as_stream().ok()?;
    let form = stream
        .dict
        .get(b"Subtype")
        .and_then(Object::as_name)
        .is_ok_and(|n| n == b"Form");
    form.then_some(id)
}

/// Where a form must stop drawing a name: the form, the resources it draws with, the name.
type Cut = (ObjectId, Dictionary, Vec<u8>);

/// The most times drawing one form may draw forms, itself and all it draws counted (a real
/// report's forms draw a few others; forms that each draw the next several times would make
/// the drawing grow exponentially with their depth).
const MOST_FORM_DRAWS: u64 = 4096;

/// Walks the forms a page draws, depth first, and records a cut wherever a form would draw one
/// already being drawn (or nest deeper than [`DEEPEST_FORMS`], or draw more than
/// [`MOST_FORM_DRAWS`] forms in all). `draws` keeps, for each form walked, how many forms
/// drawing it draws (itself included), after the cuts; the form's count is returned.
fn walk_forms(
    doc: &Document,
    form: ObjectId,
    inherited: &Dictionary,
    stack: &mut Vec<ObjectId>,
    draws: &mut HashMap<ObjectId, u64>,
    cuts: &mut Vec<Cut>,
) -> u64 {
    let Some(stream) = doc.get_object(form).ok().and_then(|o| o.as_stream().ok()) else {
        return 1;
    };
    let resources = stream
        .dict
        .get(b"Resources")
        .ok()
        .and_then(|r| dict_of(doc, r))
        .cloned()
        .unwrap_or_else(|| inherited.clone());
    let content = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    stack.push(form);
    // Each name drawn, with how many times.
    let mut names: Vec<(Vec<u8>, u64)> = Vec::new();
    for name in drawn_names(&content) {
        match names.iter_mut().find(|(n, _)| *n == name) {
            Some((_, times)) => *times += 1,
            None => names.push((name, 1)),
        }
    }
    let mut total: u64 = 1;
    for (name, times) in names {
        let Some(target) = form_named(doc, &resources, &name) else {
            continue;
        };
        let each = if stack.contains(&target) || stack.len() >= DEEPEST_FORMS {
            None
        } else if let Some(&known) = draws.get(&target) {
            Some(known)
        } else {
            Some(walk_forms(doc, target, &resources, stack, draws, cuts))
        };
        match each.map(|each| total.saturating_add(each.saturating_mul(times))) {
            Some(sum) if sum <= MOST_FORM_DRAWS => total = sum,
            _ => cuts.push((form, resources.clone(), name)),
        }
    }
    stack.pop();
    draws.insert(form, total);
    total
}

/// Gives each form that must stop drawing a name its own resources without that name.
fn cut_form_cycles(doc: &mut Document, repairs: &mut Repairs) {
    let mut cuts = Vec::new();
    let mut draws = HashMap::new();
    for page in doc.page_iter().collect::<Vec<_>>() {
        let Some(resources) = page_resources(doc, page) else {
            continue;
        };
        for name in drawn_names(&page_content(doc, page)) {
            if let Some(form) = form_named(doc, &resources, &name)
                && !draws.contains_key(&form)
            {
                walk_forms(
                    doc,
                    form,
                    &resources,
                    &mut Vec::new(),
                    &mut draws,
                    &mut cuts,
                );
            }
        }
    }
    let mut own: HashMap<ObjectId, Dictionary> = HashMap::new();
    for (form, resources, name) in cuts {
        let mine = own.entry(form).or_insert_with(|| {
            let mut r = resources;
            let xobjects = r
                .get(b"XObject")
                .ok()
                .and_then(|x| dict_of(doc, x))
                .cloned()
                .unwrap_or_default();
            r.set("XObject", Object::Dictionary(xobjects));
            r
        });
        if let Ok(Object::Dictionary(x)) = mine.get_mut(b"XObject") {
            x.remove(&name);
        }
        repairs.form_cycles += 1;
    }
    for (form, resources) in own {
        if let Ok(Object::Stream(s)) = doc.get_object_mut(form) {
            s.dict.set("Resources", Object::Dictionary(resources));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hostile(name: &str) -> Document {
        let path = format!("{}/tests/hostile/{name}", env!("CARGO_MANIFEST_DIR"));
        Document::load_mem(&std::fs::read(path).unwrap()).unwrap()
    }

    #[test]
    fn a_form_that_draws_itself_stops_drawing_itself() {
        let mut doc = hostile("pdf_xobject_loop.pdf");
        let repairs = sanitize(&mut doc, 1 << 20).unwrap();
        assert_eq!(repairs.form_cycles, 1);
        // Walking again finds nothing to cut.
        assert_eq!(sanitize(&mut doc, 1 << 20).unwrap(), Repairs::default());
    }

    #[test]
    fn drawn_names_are_the_operands_of_do() {
        let names = drawn_names(b"q /X5 Do Q\n/Im1  Do\nBT (Do) Tj ET /Fm0 Do");
        assert_eq!(names, [b"X5".to_vec(), b"Im1".to_vec(), b"Fm0".to_vec()]);
        // `Do` inside a longer token, or without a name before it, is not drawing.
        assert!(drawn_names(b"/Done Tf 1 Dox 2 Do").is_empty());
        assert!(drawn_names(b"").is_empty());
    }

    #[test]
    fn impossible_stated_sizes_are_rewritten_in_place() {
        let pdf = b"<< /Predictor 12 /Columns 2147483647 /Colors -3 /BitsPerComponent 16 >>";
        let clamped = clamp_stated_sizes(pdf);
        assert_eq!(
            &clamped[..],
            b"<< /Predictor 12 /Columns 0000000001 /Colors 01 /BitsPerComponent 16 >>"
        );
        // Sizes a real image states are left alone, and nothing is copied.
        let fine = b"<< /Columns 5 /Colors 3 /BitsPerComponent 8 >>";
        assert!(matches!(
            clamp_stated_sizes(fine),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn a_parent_loop_is_cut() {
        let mut doc = hostile("pdf_parent_loop.pdf");
        let repairs = sanitize(&mut doc, 1 << 20).unwrap();
        assert_eq!(repairs.parent_loops, 1);
    }

    #[test]
    fn an_impossible_predictor_empties_its_stream() {
        let mut doc = hostile("pdf_predictor.pdf");
        let repairs = sanitize(&mut doc, 1 << 20).unwrap();
        assert_eq!(repairs.bad_predictors, 1);
    }

    #[test]
    fn streams_past_the_budget_refuse_the_file() {
        use flate2::write::ZlibEncoder;
        use std::io::Write;
        let mut zip = ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        zip.write_all(&vec![b' '; 1 << 20]).unwrap();
        let mut doc = Document::with_version("1.5");
        doc.add_object(Stream::new(
            lopdf::dictionary! { "Filter" => "FlateDecode" },
            zip.finish().unwrap(),
        ));
        assert!(sanitize(&mut doc.clone(), 1 << 21).is_ok());
        assert_eq!(sanitize(&mut doc, 1 << 19), Err(OverBudget));
    }
}
