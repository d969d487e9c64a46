//! Diagnostics: everything ogi noticed but could not read, or read with doubt.

use crate::span::Span;
use crate::vocab::vocabulary;
use serde::{Deserialize, Serialize};
use std::fmt;

vocabulary! {
    /// Stable diagnostic codes. The key is the code; the label says what it means.
    pub enum Code ("diagnostic code") {
        DecodeMalformed => "decode.malformed", "bytes that are not valid in the detected encoding were replaced";
        DecodeGuessed => "decode.guessed", "the encoding was guessed from the bytes";
        DecodeMixed => "decode.mixed", "runs of bytes in another encoding than the rest were read in theirs";
        TableMissing => "table.missing", "a table the format requires was not found";
        TableUnrecognized => "table.unrecognized", "a table that matches no known table";
        TableUnread => "table.unread", "a table found whose rows gave no cell: its text lost what told its cells apart, or holds none";
        TableDuplicate => "table.duplicate", "a table printed twice; the first copy is kept";
        HeaderUnrecognized => "table.header", "table columns could not be identified";
        RowUnmatched => "row.unmatched", "a row label that matches no row of its table";
        RowAmbiguous => "row.ambiguous", "a row label that matches several rows equally well";
        RowLoose => "row.loose", "a row label matched only approximately";
        RowDuplicate => "row.duplicate", "a row printed twice; the first is kept";
        RowCellCount => "row.cell_count", "a row with a different number of cells than its table has columns";
        RowLost => "row.lost", "a row whose label runs into the next row's: its cells were lost with its blanks";
        CellUnreadable => "cell.unreadable", "a cell that is neither a number, a blank nor a marker";
        CellSplitAmbiguous => "cell.split_ambiguous", "run-together digits that split into cells in more than one way";
        CellSplitSettled => "cell.split_settled", "run-together digits whose split only the table's identities across rows decided";
        CellInferred => "cell.inferred", "cells the text did not print one by one (a line printed once for a run of equal cells, a blank cell that left no trace) read as the only reading the row's identities allow";
        NarrativeConflict => "narrative.conflict", "the text states one number twice, differently; the first is kept";
        FormatYear => "format.year", "the template is not the one in force for the report's year";
        FormatConflict => "format.conflict", "labels of two template generations in one report";
        MetaYearMissing => "meta.year_missing", "the year the report covers was not found";
        MetaYearConflict => "meta.year_conflict", "the report names more than one year as the year it covers";
        MetaAgencyMissing => "meta.agency_missing", "the publishing agency was not found";
        OutlineOrder => "outline.order", "a heading numbered out of order";
        TextRepaired => "text.repaired", "characters lost by a scrape were restored";
        HtmlTooDeep => "html.too_deep", "a page nested too deep, or with too many elements, to render as a tree: its text read without its markup";
    }
}

impl Code {
    /// Whether the code concerns the report's structure rather than one value: a required table
    /// missing or printed twice, the template not matching the year, conflicting years, headings
    /// out of order. `ogi check` reports these beside the failing identities.
    pub const fn is_structural(self) -> bool {
        matches!(
            self,
            Code::TableMissing
                | Code::TableDuplicate
                | Code::FormatYear
                | Code::FormatConflict
                | Code::MetaYearMissing
                | Code::MetaYearConflict
                | Code::OutlineOrder
        )
    }
}

/// How much a diagnostic matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Something was read but with a doubt worth knowing.
    Info,
    /// A value could not be read, or was read loosely.
    Warning,
    /// A part of the report could not be read at all.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One thing the parser noticed, with where.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Diagnostic {
    /// The stable code.
    pub code: Code,
    /// How much it matters.
    pub severity: Severity,
    /// What happened, in words.
    pub message: String,
    /// Where in the original input, when it concerns a place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

impl Diagnostic {
    /// A diagnostic with a span.
    pub fn new(code: Code, severity: Severity, message: impl Into<String>, span: Span) -> Self {
        Self {
            code,
            severity,
            message: message.into(),
            span: Some(span),
        }
    }

    /// A diagnostic about the whole report.
    pub fn global(code: Code, severity: Severity, message: impl Into<String>) -> Self {
        Self {
            code,
            severity,
            message: message.into(),
            span: None,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}[{}]: {}",
            self.severity,
            self.code.key(),
            self.message
        )?;
        if let Some(span) = self.span {
            write!(f, " (at {span})")?;
        }
        Ok(())
    }
}
