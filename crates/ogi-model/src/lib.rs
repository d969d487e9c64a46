//! The statistics schema of Chinese government information disclosure annual reports
//! (政府信息公开工作年度报告), as Rust types.
//!
//! This crate is the vocabulary shared by the parser ([`ogi-core`]), the command line tool and
//! the Python package: the [`Report`] a parse returns, its [`Meta`], the tables of the three
//! template generations keyed by enums whose variants carry the Chinese labels
//! ([`RequestRow`], [`ProactiveColumn`], [`LegacyRow`] …), the [`Cell`] that tells a number from
//! a blank and from a printed marker, the [`Span`] every value keeps into the original input,
//! and the tidy export. It depends on serde and thiserror only.
//!
//! ```
//! use ogi_model::{Cell, Decimal, Report, RequestColumn, RequestRow, RequestsTable, Span};
//!
//! let mut requests = RequestsTable::new();
//! let cell = Cell::number(Decimal::from_int(217), Span::new(120, 123));
//! requests.insert(RequestRow::NewReceived, RequestColumn::NaturalPerson, cell);
//! requests.insert(RequestRow::NewReceived, RequestColumn::Commercial, Cell::blank(Span::new(125, 125)));
//!
//! let report = Report { requests: Some(requests), ..Report::default() };
//! let granted = report.requests.as_ref().unwrap();
//! assert_eq!(granted.get(&RequestRow::NewReceived, &RequestColumn::NaturalPerson).unwrap().int(), Some(217));
//! // A blank cell is not zero.
//! assert_eq!(granted.get(&RequestRow::NewReceived, &RequestColumn::Commercial).unwrap().int(), None);
//! assert_eq!(RequestRow::NewReceived.key(), "new_received");
//! assert_eq!(RequestRow::NewReceived.to_string(), "一、本年新收政府信息公开申请数量");
//!
//! let csv: Vec<String> = report.tidy().iter()
//!     .filter(|r| r.table.key() == "requests")
//!     .map(|r| format!("{},{},{},{}", r.table.key(), r.row, r.column, r.value))
//!     .collect();
//! assert_eq!(csv, ["requests,new_received,natural_person,217", "requests,new_received,commercial,"]);
//! ```
//!
//! [`ogi-core`]: https://docs.rs/ogi-core

pub mod agency;
pub mod cell;
pub mod check;
pub mod diagnostic;
pub mod division;
pub mod error;
pub mod legacy;
pub mod meta;
pub mod narrative;
pub mod number;
pub mod outcome;
pub mod proactive;
pub mod report;
pub mod requests;
pub mod review;
pub mod span;
pub mod table;
pub mod template;
pub mod tidy;
pub mod vocab;

pub use agency::{AgencyKey, AgencyLevel, agency_key};
pub use cell::{Cell, CellValue, Marker};
pub use check::{Check, CheckCell, CheckStatus, Identity};
pub use diagnostic::{Code, Diagnostic, Severity};
pub use division::Division;
pub use error::{DateError, NumberError, UnknownKey};
pub use legacy::{LegacyKey, LegacyRow, LegacyTable};
pub use meta::{Container, Date, Format, Meta, MetaRow, Region, Script};
pub use narrative::{NarrativeRow, NarrativeTable};
pub use number::{Bound, Decimal, Quantity};
pub use proactive::{ProactiveColumn, ProactiveRow, ProactiveTable};
pub use report::{Coverage, Heading, ReadStatus, Report, SectionKind, TableName};
pub use requests::{RequestColumn, RequestGroup, RequestRow, RequestsTable};
pub use review::{ReviewColumn, ReviewRow, ReviewTable};
pub use span::{Span, Spanned};
pub use table::{Table, TableKey, ValueColumn};
pub use tidy::{
    META_COLUMNS, MetaColumn, MetaKind, MetaValue, TIDY_HEADER, TidyRow, TidyValue, wide_keys,
};
pub use vocab::{Unit, Vocabulary};
