//! `ogi inspect` pages, opened in a real headless browser (Debian's chromium): the DOM it
//! builds and a screenshot of what it draws.
//!
//! Without a browser the tests say so and pass, unless `CI` is set: `.ci/run` installs
//! chromium, so there a missing browser is a failure.

#![allow(clippy::unwrap_used, clippy::print_stderr)] // Tests fail by panicking.

use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    let found = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .into_iter()
        .chain(
            [
                "/usr/bin/chromium",
                "/usr/bin/chromium-browser",
                "/usr/bin/google-chrome",
            ]
            .into_iter()
            .map(PathBuf::from),
        )
        .find(|p| p.exists());
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have chromium to test `ogi inspect` (see .ci/run)"
        );
        eprintln!("skipped: no chromium to open the inspect page in");
    }
    found
}

/// Flags for a headless browser on a machine without a network or a desktop session.
const HEADLESS: [&str; 10] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--window-size=1400,1000",
];

/// Runs the browser headless on `page` with `args` (`--dump-dom`).
fn browse(browser: &Path, page: &Path, args: &[&str]) -> Vec<u8> {
    let profile = tempfile::tempdir().unwrap();
    let o = Command::new(browser)
        .args(HEADLESS)
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o.stdout
}

/// Writes the inspect page of a bundled fixture into `dir`.
fn inspect(fixture: &str, dir: &Path) -> PathBuf {
    let input = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../ogi-core/tests/fixtures")
        .join(fixture);
    let page = dir.join("page.html");
    let o = Command::new(env!("CARGO_BIN_EXE_ogi"))
        .args(["inspect", "-o"])
        .arg(&page)
        .arg(&input)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    page
}

/// The first id `{prefix}N` of an element whose attributes start with `attrs` in `html`.
fn first_id(html: &str, tag: &str, prefix: &str) -> String {
    let at = html.find(tag).unwrap();
    let id = &html[..at];
    let start = id.rfind(&format!("id=\"{prefix}")).unwrap() + 4;
    id[start..start + id[start..].find('"').unwrap()].to_owned()
}

/// A screenshot of `page` scrolled to `#fragment`: its size and the RGB pixels of its left
/// (source) and right (tables) halves.
fn screenshot(browser: &Path, page: &Path, fragment: &str, dir: &Path) -> (u32, u32, Pixels) {
    let png_path = dir.join("shot.png");
    let shot = format!("--screenshot={}", png_path.display());
    let profile = tempfile::tempdir().unwrap();
    let o = Command::new(browser)
        .args(HEADLESS)
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(&shot)
        .arg(format!("file://{}#{fragment}", page.display()))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(&png_path).unwrap(),
    ));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let step = info.color_type.samples();
    let mut halves = Pixels::default();
    for (i, p) in buf[..info.buffer_size()].chunks(step).enumerate() {
        let x = i as u32 % info.width;
        let rgb = [p[0], p[1], p[2]];
        if x < info.width / 2 {
            halves.left.push(rgb);
        } else {
            halves.right.push(rgb);
        }
    }
    (info.width, info.height, halves)
}

#[derive(Default)]
struct Pixels {
    left: Vec<[u8; 3]>,
    right: Vec<[u8; 3]>,
}

/// Pixels within a few levels of `rgb` (the browser may blend and colour-manage).
fn count(pixels: &[[u8; 3]], rgb: [u8; 3]) -> usize {
    pixels
        .iter()
        .filter(|p| p.iter().zip(rgb).all(|(a, b)| a.abs_diff(b) <= 6))
        .count()
}

#[test]
fn the_browser_links_every_value_to_its_cell_and_back() {
    let Some(browser) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let page = inspect("corpus/024.txt", dir.path());
    let dom = String::from_utf8(browse(&browser, &page, &["--dump-dom"])).unwrap();
    // Every highlighted value in the text links to a cell that exists, and that cell back.
    let ids = |prefix: &str| -> Vec<String> {
        dom.match_indices(&format!("id=\"{prefix}"))
            .map(|(i, m)| &dom[i + m.len()..])
            .map(|rest| &rest[..rest.find('"').unwrap()])
            .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            .map(|n| format!("{prefix}{n}"))
            .collect()
    };
    let sources = ids("s");
    let cells = ids("c");
    assert!(
        sources.len() > 150,
        "values highlighted in the text: {}",
        sources.len()
    );
    for s in &sources {
        let cell = format!("c{}", &s[1..]);
        assert!(cells.contains(&cell), "{s} links to {cell}");
        assert!(
            dom.contains(&format!("href=\"#{s}\"")),
            "{cell} links back to {s}"
        );
    }
    // 024's table 四 prints totals of 0 beside non-zero parts: those cells are marked.
    let failing_cells = dom
        .matches("class=\"fail\" title=\"review_litigation.")
        .count();
    assert_eq!(failing_cells, 10, "5 cells × 2 failing rows");
    assert_eq!(
        dom.matches("class=\"v fail\"").count(),
        10,
        "and their numbers in the text"
    );
    assert!(dom.contains("review_litigation.row_total[review]"));
}

#[test]
fn the_screenshot_shows_failing_cells_and_blanks() {
    let Some(browser) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let page = inspect("corpus/024.txt", dir.path());
    let html = std::fs::read_to_string(&page).unwrap();
    // Scrolled to a failing number in the text: highlighted in red (#fecaca) on the left.
    let value = first_id(&html, "class=\"v fail\"", "s");
    let (w, h, shot) = screenshot(&browser, &page, &value, dir.path());
    assert_eq!((w, h), (1400, 1000));
    assert!(
        count(&shot.left, [0xfe, 0xca, 0xca]) > 200,
        "failing number in the text"
    );
    // Scrolled to its cell: outlined in red (#cc0000) on the right.
    let cell = format!("c{}", &value[1..]);
    let (_, _, shot) = screenshot(&browser, &page, &cell, dir.path());
    assert!(
        count(&shot.right, [0xcc, 0x00, 0x00]) > 500,
        "failing cells outlined"
    );
    assert!(
        count(&shot.right, [0xfe, 0xe2, 0xe2]) > 500,
        "failing cells filled"
    );

    // 027 prints its 法人 columns blank: hatched cells (#e5e5e5 stripes), never zeros.
    let page = inspect("corpus/027.pipe.txt", dir.path());
    let html = std::fs::read_to_string(&page).unwrap();
    let blank = first_id(&html, "class=\"blank\"", "c");
    let (_, _, shot) = screenshot(&browser, &page, &blank, dir.path());
    // (Borders and anti-aliased text give about 2500 such pixels on a page without blanks.)
    assert!(
        count(&shot.right, [0xe5, 0xe5, 0xe5]) > 20_000,
        "hatched blank cells"
    );
    assert_eq!(
        count(&shot.right, [0xcc, 0x00, 0x00]),
        0,
        "027 fails no check"
    );
}
