//! Table cells: a number, a blank, or a printed marker — never confused.

use crate::Unit;
use crate::number::{Bound, Decimal, Quantity};
use crate::span::Span;
use crate::vocab::vocabulary;
use serde::{Deserialize, Serialize};

vocabulary! {
    /// A non-numeric mark printed in a cell instead of a number.
    pub enum Marker ("marker") {
        Slash => "slash", "/";
        Dash => "dash", "—";
        Nil => "nil", "无";
    }
}

/// What a cell holds.
///
/// A blank cell is not zero: [`CellValue::Blank`] keeps the difference, and so does a
/// [`CellValue::Marker`] such as `/` or `—`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CellValue {
    /// A number, exact or approximate.
    Number(Quantity),
    /// The report prints the cell but leaves it empty.
    Blank,
    /// The report prints a marker (`/`, `—`, `无`) instead of a number.
    Marker {
        /// Which marker.
        marker: Marker,
    },
}

/// One value of a table, with where it came from.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Cell {
    /// The value read.
    #[serde(flatten)]
    pub value: CellValue,
    /// The bytes of the original input the value was read from. For a blank cell, the place
    /// where the value would stand.
    pub span: Span,
    /// A unit printed inside the cell (`251000元`), when there was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Unit>,
    /// A note printed beside the value (`22（其中修订16件）` keeps `其中修订16件`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Cell {
    /// A cell holding an exact number.
    pub fn number(value: Decimal, span: Span) -> Self {
        Self::quantity(Quantity::exact(value), span)
    }

    /// A cell holding a quantity (possibly approximate).
    pub fn quantity(quantity: Quantity, span: Span) -> Self {
        Self {
            value: CellValue::Number(quantity),
            span,
            unit: None,
            note: None,
        }
    }

    /// A blank cell.
    pub fn blank(span: Span) -> Self {
        Self {
            value: CellValue::Blank,
            span,
            unit: None,
            note: None,
        }
    }

    /// A cell printing a marker.
    pub fn marker(marker: Marker, span: Span) -> Self {
        Self {
            value: CellValue::Marker { marker },
            span,
            unit: None,
            note: None,
        }
    }

    /// The number, if the cell holds one.
    pub fn decimal(&self) -> Option<Decimal> {
        match self.value {
            CellValue::Number(q) => Some(q.value),
            CellValue::Blank | CellValue::Marker { .. } => None,
        }
    }

    /// The number as an integer, if the cell holds a whole number.
    pub fn int(&self) -> Option<i64> {
        self.decimal().and_then(Decimal::as_int)
    }

    /// The approximation bound, for a number.
    pub fn bound(&self) -> Option<Bound> {
        match self.value {
            CellValue::Number(q) => Some(q.bound),
            CellValue::Blank | CellValue::Marker { .. } => None,
        }
    }

    /// Whether the cell is blank.
    pub fn is_blank(&self) -> bool {
        matches!(self.value, CellValue::Blank)
    }

    /// The value as the tidy export writes it: the number without trailing fractional zeros
    /// (`1.50` → `1.5`, as JSON writes it too), empty for a blank, the marker symbol for a
    /// marker.
    pub fn tidy_value(&self) -> String {
        match self.value {
            CellValue::Number(q) => q.value.normalized().to_string(),
            CellValue::Blank => String::new(),
            CellValue::Marker { marker } => marker.label().to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_serialise_flat() {
        let c = Cell::number(Decimal::from_int(12), Span::new(5, 7));
        assert_eq!(
            serde_json::to_string(&c).unwrap(),
            r#"{"kind":"number","value":12,"span":[5,7]}"#
        );
        let b = Cell::blank(Span::new(9, 9));
        assert_eq!(
            serde_json::to_string(&b).unwrap(),
            r#"{"kind":"blank","span":[9,9]}"#
        );
        let m = Cell::marker(Marker::Slash, Span::new(1, 2));
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(json, r#"{"kind":"marker","marker":"slash","span":[1,2]}"#);
        for cell in [c, b, m] {
            let json = serde_json::to_string(&cell).unwrap();
            assert_eq!(serde_json::from_str::<Cell>(&json).unwrap(), cell);
        }
    }

    #[test]
    fn blank_is_not_zero() {
        let b = Cell::blank(Span::default());
        assert_eq!(b.int(), None);
        assert_eq!(b.tidy_value(), "");
        assert_eq!(
            Cell::number(Decimal::ZERO, Span::default()).tidy_value(),
            "0"
        );
        assert_eq!(
            Cell::marker(Marker::Nil, Span::default()).tidy_value(),
            "无"
        );
    }
}
