//! Table `meta` — who published a report, for which year, in which format.

use crate::agency::AgencyLevel;
use crate::error::DateError;
use crate::number::Decimal;
use crate::span::{Span, Spanned};
use crate::vocab::vocabulary;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

vocabulary! {
    /// The template generation a report follows.
    pub enum Format ("format") {
        V2021 => "2021", "国办公开办函〔2021〕30号格式";
        V2019 => "2019", "国办公开办函〔2019〕60号格式（试行）";
        Legacy => "legacy", "政府信息公开情况统计表";
        Prose => "prose", "无统计表";
    }
}

vocabulary! {
    /// The script the source was written in.
    pub enum Script ("script") {
        Simplified => "simplified", "简体";
        Traditional => "traditional", "繁體";
    }
}

vocabulary! {
    /// Rows of the `meta` table in the tidy export.
    pub enum MetaRow ("meta row") {
        Agency => "agency", "发布机关" / "Publishing agency";
        Region => "region", "地区" / "Region";
        AgencyKey => "agency_key", "机关标识" / "Agency key";
        AgencyLevel => "agency_level", "机关层级" / "Agency level";
        DivisionCode => "division_code", "行政区划代码" / "Administrative division code";
        Division => "division", "行政区划" / "Administrative division";
        Year => "year", "统计年度" / "Reporting year";
        Format => "format", "年报格式" / "Report format";
        Published => "published", "成文日期" / "Date of issue";
        Script => "script", "字体" / "Script";
    }
}

/// A calendar date (`2019年1月31日` is `2019-01-31`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, e.g. 2019.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–31.
    pub day: u8,
}

impl Date {
    /// A date.
    ///
    /// # Errors
    /// [`DateError::OutOfRange`] if the day does not exist.
    pub fn new(year: u16, month: u8, day: u8) -> Result<Self, DateError> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return Err(DateError::OutOfRange),
        };
        if day == 0 || day > days {
            return Err(DateError::OutOfRange);
        }
        Ok(Self { year, month, day })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = DateError;
    /// Reads an ISO date, `2019-01-31`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut parts = s.splitn(3, '-');
        let mut next = || parts.next().ok_or(DateError::Format);
        let (y, m, d) = (next()?, next()?, next()?);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(DateError::Format);
        }
        let num = |p: &str| p.parse::<u16>().map_err(|_| DateError::Format);
        let (y, m, d) = (num(y)?, num(m)?, num(d)?);
        let (m, d) = (u8::try_from(m), u8::try_from(d));
        Date::new(
            y,
            m.map_err(|_| DateError::OutOfRange)?,
            d.map_err(|_| DateError::OutOfRange)?,
        )
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// What a report is: agency, place, year covered, format. Every value read from the text keeps
/// its span.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// The publishing body in simplified characters, as named in the report (疏勒县人民政府).
    pub agency: Option<Spanned<String>>,
    /// The place the agency belongs to, when the text names it (咸宁市).
    pub region: Option<Spanned<String>>,
    /// The canonical key of the agency (机关标识): one key for one body across years and
    /// spellings (`平潭综合实验区` for 平潭综合实验区管委会 and 平潭综合实验区管理委员会), by the
    /// rules of [`agency::KEY_RULES`](crate::agency::KEY_RULES). `None` without an agency, or
    /// for one named relative to a place the report does not name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency_key: Option<String>,
    /// The tier of the agency (机关层级), where its name tells it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency_level: Option<AgencyLevel>,
    /// The GB/T 2260 code of the administrative division (行政区划代码) the agency's name places
    /// it in (`320813`), when exactly one division fits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub division_code: Option<String>,
    /// The full name of that division (行政区划), `江苏省淮安市洪泽区`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub division: Option<String>,
    /// The year the statistics cover (not the year of publication).
    pub year: Option<Spanned<u16>>,
    /// The template generation.
    pub format: Format,
    /// The signing or publication date, when stated.
    pub published: Option<Spanned<Date>>,
    /// The script of the source.
    pub script: Script,
    /// The character encoding the input was decoded from (`UTF-8`, `GBK`, …).
    pub encoding: String,
    /// The size of the input in bytes.
    #[serde(default)]
    pub bytes: u64,
    /// The SHA-256 of the input, in lowercase hex: tells copies of one file apart from reports
    /// that merely look alike, and a file changed since it was read from the one that was read.
    #[serde(default)]
    pub sha256: String,
    /// For a PDF or Word file, how its text was extracted. Spans then index that text (as
    /// `ogi text` prints it), not the file's bytes; `bytes` and `sha256` are the file's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container: Option<Container>,
}

/// How the text of a PDF or Word file was extracted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Container {
    /// `pdf` or `docx`.
    pub format: String,
    /// The extractor and its version (`ogi glyph layout (pdf-extract 0.12)`, `lopdf 0.42`, `ogi docx`).
    pub extractor: String,
    /// The share of the extracted characters that read as text (CJK, digits, letters,
    /// punctuation) rather than garbage (control characters, private-use glyphs, U+FFFD), from
    /// 0 to 1: below about 0.9 the numbers deserve a look at the file itself.
    pub quality: Decimal,
    /// Where each page lies in the extracted text (PDF; one span per page, in order).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pages: Vec<Span>,
    /// Where stretches of the extracted text were drawn (PDF read from glyph positions: each
    /// table cell and each run of glyphs of a line), in the order of the text. See
    /// [`Container::place`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<Region>,
}

/// A stretch of extracted text and the box on its page it was drawn in. Serialised compactly as
/// `[[start, end], page, [x0, top, x1, bottom]]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "RegionTuple", into = "RegionTuple")]
pub struct Region {
    /// The stretch of the extracted text (empty for a blank table cell).
    pub span: Span,
    /// The page, from 1.
    pub page: u32,
    /// The box, `[x0, top, x1, bottom]`, in tenths of a point from the page's top left.
    pub rect: [u32; 4],
}

/// [`Region`] as serialised.
type RegionTuple = (Span, u32, [u32; 4]);

impl From<RegionTuple> for Region {
    fn from((span, page, rect): RegionTuple) -> Self {
        Self { span, page, rect }
    }
}

impl From<Region> for RegionTuple {
    fn from(r: Region) -> Self {
        (r.span, r.page, r.rect)
    }
}

impl Container {
    /// Where `span` of the extracted text was drawn: the page and the box holding every
    /// region it overlaps on the page of its first (a blank cell's empty span, the region it
    /// starts), or `None` when the extractor gave no positions.
    pub fn place(&self, span: Span) -> Option<Region> {
        // Regions are in text order and do not overlap: those ending after the start.
        let first = self.regions.partition_point(|r| {
            r.span.end < span.start || (r.span.end == span.start && !r.span.is_empty())
        });
        let hits = self.regions[first..].iter().take_while(|r| {
            r.span.start < span.end || (r.span.start == span.start && span.is_empty())
        });
        let mut place: Option<Region> = None;
        for r in hits {
            match &mut place {
                None => place = Some(*r),
                Some(p) if p.page == r.page => {
                    p.rect = [
                        p.rect[0].min(r.rect[0]),
                        p.rect[1].min(r.rect[1]),
                        p.rect[2].max(r.rect[2]),
                        p.rect[3].max(r.rect[3]),
                    ];
                }
                Some(_) => {}
            }
        }
        place.map(|mut p| {
            p.span = span;
            p
        })
    }

    /// The page (from 1) holding byte `offset` of the extracted text, if pages are known.
    pub fn page_of(&self, offset: u32) -> Option<usize> {
        let i = self.pages.partition_point(|p| p.end <= offset);
        (i < self.pages.len() && self.pages[i].start <= offset).then_some(i + 1)
    }
}

impl Meta {
    /// Sets [`agency_key`](Self::agency_key), [`agency_level`](Self::agency_level),
    /// [`division_code`](Self::division_code) and [`division`](Self::division) from the agency
    /// and region read ([`agency::agency_key`](crate::agency::agency_key)); clears them when
    /// the agency has no key.
    pub fn set_agency_key(&mut self) {
        let key = self.agency.as_ref().and_then(|a| {
            crate::agency::agency_key(&a.value, self.region.as_ref().map(|r| r.value.as_str()))
        });
        self.agency_level = key.as_ref().and_then(|k| k.level);
        self.division_code = key
            .as_ref()
            .and_then(|k| k.division)
            .map(|d| d.code.to_owned());
        self.division = key
            .as_ref()
            .and_then(|k| k.division)
            .map(crate::Division::full_name);
        self.agency_key = key.map(|k| k.key);
    }
}

impl Default for Meta {
    fn default() -> Self {
        Self {
            agency: None,
            region: None,
            agency_key: None,
            agency_level: None,
            division_code: None,
            division: None,
            year: None,
            format: Format::Prose,
            published: None,
            script: Script::Simplified,
            encoding: "UTF-8".to_owned(),
            bytes: 0,
            sha256: String::new(),
            container: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_joins_the_regions_a_span_covers_on_its_page() {
        let region = |a, b, page, rect| Region {
            span: Span::new(a, b),
            page,
            rect,
        };
        let c = Container {
            format: "pdf".into(),
            extractor: "test".into(),
            quality: Decimal::from_int(1),
            pages: vec![Span::new(0, 20), Span::new(22, 40)],
            regions: vec![
                region(0, 4, 1, [10, 10, 50, 20]),
                region(6, 6, 1, [60, 10, 90, 20]),
                region(8, 12, 1, [100, 10, 140, 22]),
                region(22, 30, 2, [10, 5, 80, 15]),
            ],
        };
        // A span inside one region: that region's box, the span its own.
        let p = c.place(Span::new(1, 3)).unwrap();
        assert_eq!(
            (p.page, p.rect, p.span),
            (1, [10, 10, 50, 20], Span::new(1, 3))
        );
        // A blank cell's empty span: the empty region it starts.
        assert_eq!(c.place(Span::new(6, 6)).unwrap().rect, [60, 10, 90, 20]);
        // Over two regions: the box holding both.
        assert_eq!(c.place(Span::new(2, 10)).unwrap().rect, [10, 10, 140, 22]);
        // Over a page break: the first page's part.
        let p = c.place(Span::new(10, 25)).unwrap();
        assert_eq!((p.page, p.rect), (1, [100, 10, 140, 22]));
        // Between regions, or past them: nowhere.
        assert_eq!(c.place(Span::new(4, 5)), None);
        assert_eq!(c.place(Span::new(35, 38)), None);
        // Serialised compactly, and read back.
        let json = serde_json::to_string(&c.regions[0]).unwrap();
        assert_eq!(json, "[[0,4],1,[10,10,50,20]]");
        assert_eq!(serde_json::from_str::<Region>(&json).unwrap(), c.regions[0]);
    }

    #[test]
    fn the_agency_key_is_set_from_the_agency_and_region_and_serialised() {
        let mut meta = Meta {
            agency: Some(Spanned::new("市政务服务管理局".into(), Span::new(0, 24))),
            region: Some(Spanned::new("昭通市".into(), Span::new(30, 39))),
            ..Meta::default()
        };
        meta.set_agency_key();
        assert_eq!(meta.agency_key.as_deref(), Some("昭通市政务服务管理局"));
        assert_eq!(meta.agency_level, Some(AgencyLevel::Department));
        assert_eq!(meta.division_code.as_deref(), Some("530600"));
        assert_eq!(meta.division.as_deref(), Some("云南省昭通市"));
        let json = serde_json::to_value(&meta).unwrap();
        assert_eq!(json["agency_key"], "昭通市政务服务管理局");
        assert_eq!(json["agency_level"], "department");
        assert_eq!(json["division_code"], "530600");
        assert_eq!(serde_json::from_value::<Meta>(json).unwrap(), meta);
        // Without the region the name is relative to nothing: no key, and none in JSON.
        meta.region = None;
        meta.set_agency_key();
        assert_eq!(
            (meta.agency_key.as_ref(), meta.division_code.as_ref()),
            (None, None)
        );
        let json = serde_json::to_value(&meta).unwrap();
        assert!(json.get("agency_key").is_none() && json.get("division").is_none());
        // JSON written before these fields reads.
        let old = r#"{"agency":null,"region":null,"year":null,"format":"prose","published":null,"script":"simplified","encoding":"UTF-8"}"#;
        assert_eq!(serde_json::from_str::<Meta>(old).unwrap().agency_key, None);
    }

    #[test]
    fn dates_validate_and_print_iso() {
        assert_eq!(Date::new(2019, 1, 31).unwrap().to_string(), "2019-01-31");
        assert_eq!(Date::new(2019, 2, 29), Err(DateError::OutOfRange));
        assert!(Date::new(2020, 2, 29).is_ok());
        assert_eq!("2023-01-09".parse::<Date>(), Date::new(2023, 1, 9));
        assert_eq!("2023-1-9".parse::<Date>(), Err(DateError::Format));
    }

    #[test]
    fn format_keys_are_the_schema_keys() {
        assert_eq!(Format::V2021.key(), "2021");
        assert_eq!("legacy".parse::<Format>(), Ok(Format::Legacy));
        assert_eq!(serde_json::to_string(&Format::V2019).unwrap(), "\"2019\"");
    }
}
