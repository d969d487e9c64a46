//! Variants of the hostile PDFs (`tests/hostile/`) at other sizes and parameters, generated:
//! forms that draw themselves through cycles and chains, forms that draw the next form twice
//! (a drawing that doubles at each level), page trees that loop through `/Parent` or `/Kids`,
//! absurd predictor parameters, thousands of pages sharing one content stream, streams that
//! inflate far past the limit. Each must end with a report or a typed error, on a thread with a
//! small stack, without reaching the time budget set as a hang detector (a bound on liveness,
//! not a speed target).

#![allow(clippy::unwrap_used)] // Tests fail by panicking.

use lopdf::content::{Content, Operation};
use lopdf::{Document, Object, ObjectId, Stream, dictionary};
use std::io::Write as _;
use std::time::Duration;

/// A content stream that writes `text` and then draws each form of `forms`.
fn content(text: &str, forms: &[&str]) -> Vec<u8> {
    let mut operations = vec![
        Operation::new("BT", vec![]),
        Operation::new("Tf", vec!["F1".into(), 12.into()]),
        Operation::new("Td", vec![72.into(), 720.into()]),
        Operation::new("Tj", vec![Object::string_literal(text)]),
        Operation::new("ET", vec![]),
    ];
    for form in forms {
        operations.push(Operation::new(
            "Do",
            vec![Object::Name(form.as_bytes().to_vec())],
        ));
    }
    Content { operations }.encode().unwrap()
}

/// A document with a font; the caller adds pages under `tree`.
struct Builder {
    doc: Document,
    tree: ObjectId,
    font: ObjectId,
}

impl Builder {
    fn new() -> Self {
        let mut doc = Document::with_version("1.5");
        let tree = doc.new_object_id();
        let font = doc.add_object(dictionary! {
            "Type" => "Font",
            "Subtype" => "Type1",
            "BaseFont" => "Helvetica",
        });
        Self { doc, tree, font }
    }

    /// A page drawing `contents` with `xobjects` (name → form) as its resources.
    fn page(&mut self, contents: ObjectId, xobjects: &[(&str, ObjectId)]) -> ObjectId {
        let mut names = lopdf::Dictionary::new();
        for (name, id) in xobjects {
            names.set(*name, *id);
        }
        self.doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => self.tree,
            "Contents" => contents,
            "Resources" => dictionary! {
                "Font" => dictionary! { "F1" => self.font },
                "XObject" => names,
            },
        })
    }

    /// A form XObject drawing `forms` (resolved through its own resources).
    fn form(&mut self, id: ObjectId, text: &str, forms: &[(&str, ObjectId)]) {
        let mut names = lopdf::Dictionary::new();
        for (name, target) in forms {
            names.set(*name, *target);
        }
        let drawn: Vec<&str> = forms.iter().map(|(n, _)| *n).collect();
        self.doc.objects.insert(
            id,
            Object::Stream(Stream::new(
                dictionary! {
                    "Type" => "XObject",
                    "Subtype" => "Form",
                    "BBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
                    "Resources" => dictionary! {
                        "Font" => dictionary! { "F1" => self.font },
                        "XObject" => names,
                    },
                },
                content(text, &drawn),
            )),
        );
    }

    /// The bytes of the document with `kids` as its page tree's pages.
    fn finish(mut self, kids: Vec<ObjectId>) -> Vec<u8> {
        let count = i64::try_from(kids.len()).unwrap();
        self.doc.objects.insert(
            self.tree,
            Object::Dictionary(dictionary! {
                "Type" => "Pages",
                "Kids" => kids.into_iter().map(Object::from).collect::<Vec<_>>(),
                "Count" => count,
                "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            }),
        );
        let catalog = self.doc.add_object(dictionary! {
            "Type" => "Catalog",
            "Pages" => self.tree,
        });
        self.doc.trailer.set("Root", catalog);
        let mut out = Vec::new();
        self.doc.save_to(&mut out).unwrap();
        out
    }
}

/// One page drawing form 0 of a chain of `n` forms, form i drawing form i+1 `fanout` times
/// and, when `back_to` is set, form `back_to` from the last one (a cycle).
fn form_chain(n: usize, fanout: usize, back_to: Option<usize>) -> Vec<u8> {
    let mut b = Builder::new();
    let ids: Vec<ObjectId> = (0..n).map(|_| b.doc.new_object_id()).collect();
    let names: Vec<String> = (0..fanout).map(|k| format!("X{k}")).collect();
    for i in 0..n {
        let next = match (ids.get(i + 1), back_to) {
            (Some(next), _) => Some(*next),
            (None, Some(to)) => Some(ids[to]),
            (None, None) => None,
        };
        let forms: Vec<(&str, ObjectId)> = next
            .map(|next| names.iter().map(|n| (n.as_str(), next)).collect())
            .unwrap_or_default();
        b.form(ids[i], &format!("Form {i}"), &forms);
    }
    let contents = b
        .doc
        .add_object(Stream::new(dictionary! {}, content("Total 12", &["X0"])));
    let page = b.page(contents, &[("X0", ids[0])]);
    b.finish(vec![page])
}

/// `pages` pages sharing one content stream.
fn shared_content(pages: usize) -> Vec<u8> {
    let mut b = Builder::new();
    let contents = b.doc.add_object(Stream::new(
        dictionary! {},
        content("主动公开政府信息 12 条", &[]),
    ));
    let kids = (0..pages).map(|_| b.page(contents, &[])).collect();
    b.finish(kids)
}

/// One page whose `/Parent` is itself, or whose tree lists the tree among its kids.
fn tree_loop(kids_loop: bool) -> Vec<u8> {
    let mut b = Builder::new();
    let contents = b
        .doc
        .add_object(Stream::new(dictionary! {}, content("Total 12", &[])));
    let page = b.page(contents, &[]);
    let tree = b.tree;
    if kids_loop {
        b.finish(vec![page, tree])
    } else {
        if let Ok(Object::Dictionary(d)) = b.doc.get_object_mut(page) {
            d.set("Parent", page);
        }
        b.finish(vec![page])
    }
}

/// One page whose content stream is Flate with the predictor parameters given.
fn predictor(predictor: i64, columns: i64, colors: i64, bits: i64) -> Vec<u8> {
    let mut b = Builder::new();
    let mut zip = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    zip.write_all(&vec![2u8; 4096]).unwrap();
    let contents = b.doc.add_object(Stream::new(
        dictionary! {
            "Filter" => "FlateDecode",
            "DecodeParms" => dictionary! {
                "Predictor" => predictor,
                "Columns" => columns,
                "Colors" => colors,
                "BitsPerComponent" => bits,
            },
        },
        zip.finish().unwrap(),
    ));
    let page = b.page(contents, &[]);
    b.finish(vec![page])
}

/// One page whose content stream inflates to `bytes` spaces.
fn flate_bomb(bytes: usize) -> Vec<u8> {
    let mut b = Builder::new();
    let mut zip = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..bytes >> 20 {
        zip.write_all(&chunk).unwrap();
    }
    let contents = b.doc.add_object(Stream::new(
        dictionary! { "Filter" => "FlateDecode" },
        zip.finish().unwrap(),
    ));
    let page = b.page(contents, &[]);
    b.finish(vec![page])
}

fn variants() -> Vec<(String, Vec<u8>)> {
    let mut out = vec![
        (
            "a form drawing itself".to_owned(),
            form_chain(1, 1, Some(0)),
        ),
        (
            "two forms drawing each other".to_owned(),
            form_chain(2, 1, Some(0)),
        ),
        (
            "a cycle of 50 forms".to_owned(),
            form_chain(50, 1, Some(10)),
        ),
        (
            "a chain of 5,000 forms".to_owned(),
            form_chain(5000, 1, None),
        ),
        (
            "40 forms each drawing the next twice".to_owned(),
            form_chain(40, 2, None),
        ),
        (
            "20 forms each drawing the next 8 times".to_owned(),
            form_chain(20, 8, None),
        ),
        ("a page that is its own parent".to_owned(), tree_loop(false)),
        ("a page tree among its own kids".to_owned(), tree_loop(true)),
        (
            "1,000 pages sharing a content stream".to_owned(),
            shared_content(1000),
        ),
        (
            "a stream inflating to 100 MB".to_owned(),
            flate_bomb(100 << 20),
        ),
    ];
    for (p, columns, colors, bits) in [
        (12, 2_147_483_647, 255, 16),
        (12, 1_000_000_000, 1, 8),
        (15, 0, 0, 0),
        (2, 1 << 40, 4, 8),
        (12, -1, -1, -1),
        (10, 3, 3, 3),
    ] {
        out.push((
            format!("predictor {p} columns {columns} colors {colors} bits {bits}"),
            predictor(p, columns, colors, bits),
        ));
    }
    out
}

#[test]
fn hostile_pdf_variants_end_with_a_report_or_a_typed_error() {
    let options = ogi_core::Options::default().with_time_budget(Some(Duration::from_secs(120)));
    for (name, pdf) in variants() {
        assert!(pdf.len() < 4 << 20, "{name}: {} bytes", pdf.len());
        let options = options.clone();
        let ended = std::thread::Builder::new()
            .stack_size(1 << 20)
            .spawn(move || {
                ogi_pdf::INPUTS
                    .parse(&pdf, &options)
                    .map(|p| p.report.meta.container.map(|c| c.format))
            })
            .unwrap()
            .join()
            .unwrap_or_else(|_| panic!("{name}: panicked"));
        match ended {
            Ok(format) => assert_eq!(format.as_deref(), Some("pdf"), "{name}"),
            Err(e) => {
                assert!(
                    !matches!(e.kind(), ogi_core::ErrorKind::TimedOut { .. }),
                    "{name}: did not end"
                );
                assert!(
                    ["extract", "limit", "content"].contains(&e.stage()),
                    "{name}: {e}"
                );
            }
        }
    }
}
