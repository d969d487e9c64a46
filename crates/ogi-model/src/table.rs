//! A keyed table: cells addressed by row and column keys.

use crate::cell::Cell;
use crate::vocab::Vocabulary;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;

/// A row or column key of a [`Table`]: a vocabulary enum, or a legacy row that may be unlisted.
pub trait TableKey: Clone + Ord + fmt::Debug {
    /// The key as written in exports (`new_received`, `unlisted:网站专栏页面访问量`).
    fn export_key(&self) -> Cow<'static, str>;
}

impl<T: Vocabulary> TableKey for T {
    fn export_key(&self) -> Cow<'static, str> {
        Cow::Borrowed(self.key())
    }
}

/// The single column of one-column tables (`legacy`, `narrative`, `meta`).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum ValueColumn {
    /// `value`, the only column.
    #[default]
    Value,
}

impl TableKey for ValueColumn {
    fn export_key(&self) -> Cow<'static, str> {
        Cow::Borrowed("value")
    }
}

/// Cells keyed by `(row, column)`, iterated in template order.
///
/// A cell that is absent was not found in the report (see the report's diagnostics for why); a
/// cell that is present may still be [blank](crate::CellValue::Blank).
#[derive(Clone, PartialEq, Eq)]
pub struct Table<R: TableKey, C: TableKey> {
    /// Sorted by key, each key once. Readers insert in template order, so an insert is most
    /// often a push; a lookup is a binary search.
    cells: Vec<((R, C), Cell)>,
}

impl<R: TableKey, C: TableKey> Default for Table<R, C> {
    fn default() -> Self {
        Self { cells: Vec::new() }
    }
}

impl<R: TableKey, C: TableKey> fmt::Debug for Table<R, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.cells.iter().map(|(k, cell)| (k, cell)))
            .finish()
    }
}

impl<R: TableKey, C: TableKey> Table<R, C> {
    /// An empty table.
    pub fn new() -> Self {
        Self::default()
    }

    /// Where the cell at `(row, column)` stands (`Ok`), or would stand (`Err`).
    fn search(&self, row: &R, column: &C) -> Result<usize, usize> {
        // Most inserts come in order: try the end first.
        match self.cells.last() {
            None => return Err(0),
            Some(((r, c), _)) if (r, c) < (row, column) => return Err(self.cells.len()),
            Some(_) => {}
        }
        self.cells
            .binary_search_by(|((r, c), _)| r.cmp(row).then_with(|| c.cmp(column)))
    }

    /// Stores a cell, returning the one it replaced.
    pub fn insert(&mut self, row: R, column: C, cell: Cell) -> Option<Cell> {
        match self.search(&row, &column) {
            Ok(i) => Some(std::mem::replace(&mut self.cells[i].1, cell)),
            Err(i) => {
                self.cells.insert(i, ((row, column), cell));
                None
            }
        }
    }

    /// The cell at `(row, column)`.
    pub fn get(&self, row: &R, column: &C) -> Option<&Cell> {
        self.search(row, column).ok().map(|i| &self.cells[i].1)
    }

    /// Whether a cell is stored at `(row, column)`.
    pub fn contains(&self, row: &R, column: &C) -> bool {
        self.get(row, column).is_some()
    }

    /// Removes and returns the cell at `(row, column)`.
    pub fn remove(&mut self, row: &R, column: &C) -> Option<Cell> {
        self.search(row, column)
            .ok()
            .map(|i| self.cells.remove(i).1)
    }

    /// All cells in template order (rows, then columns).
    pub fn iter(&self) -> impl Iterator<Item = (&R, &C, &Cell)> {
        self.cells.iter().map(|((r, c), cell)| (r, c, cell))
    }

    /// The cells of one row, in column order.
    pub fn row<'a>(&'a self, row: &'a R) -> impl Iterator<Item = (&'a C, &'a Cell)> + 'a {
        // Cells are ordered by row: the row's cells are one run.
        let start = self.cells.partition_point(|((r, _), _)| r < row);
        self.cells[start..]
            .iter()
            .take_while(move |((r, _), _)| r == row)
            .map(|((_, c), cell)| (c, cell))
    }

    /// Number of cells.
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    /// Whether the table holds no cells.
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }
}

#[derive(Serialize)]
struct EntryRef<'a, R, C> {
    row: &'a R,
    column: &'a C,
    #[serde(flatten)]
    cell: &'a Cell,
}

#[derive(Deserialize)]
struct Entry<R, C> {
    row: R,
    column: C,
    #[serde(flatten)]
    cell: Cell,
}

impl<R: TableKey + Serialize, C: TableKey + Serialize> Serialize for Table<R, C> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter().map(|(row, column, cell)| EntryRef {
            row,
            column,
            cell,
        }))
    }
}

impl<'de, R, C> Deserialize<'de> for Table<R, C>
where
    R: TableKey + Deserialize<'de>,
    C: TableKey + Deserialize<'de>,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let entries = Vec::<Entry<R, C>>::deserialize(deserializer)?;
        let mut table = Self::new();
        // A key given twice keeps its last cell.
        for e in entries {
            table.insert(e.row, e.column, e.cell);
        }
        Ok(table)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Decimal, RequestColumn as C, RequestRow as R, Span};

    fn cell(n: i64) -> Cell {
        Cell::number(Decimal::from_int(n), Span::new(0, 1))
    }

    fn value(t: &Table<R, C>, r: R, c: C) -> Option<i64> {
        t.get(&r, &c)
            .and_then(Cell::decimal)
            .and_then(Decimal::as_int)
    }

    #[test]
    fn cells_keep_template_order_whatever_the_order_of_inserts() {
        let mut t = Table::new();
        t.insert(R::CarriedOver, C::Total, cell(3));
        t.insert(R::NewReceived, C::Total, cell(1));
        t.insert(R::NewReceived, C::NaturalPerson, cell(2));
        assert_eq!(
            t.insert(R::NewReceived, C::Total, cell(4))
                .and_then(|c| c.decimal()),
            Some(Decimal::from_int(1))
        );
        let keys: Vec<(R, C)> = t.iter().map(|(r, c, _)| (*r, *c)).collect();
        assert_eq!(
            keys,
            [
                (R::NewReceived, C::NaturalPerson),
                (R::NewReceived, C::Total),
                (R::CarriedOver, C::Total),
            ]
        );
        assert_eq!(value(&t, R::NewReceived, C::Total), Some(4));
        assert_eq!(value(&t, R::CarriedOver, C::NaturalPerson), None);
        let row: Vec<C> = t.row(&R::NewReceived).map(|(c, _)| *c).collect();
        assert_eq!(row, [C::NaturalPerson, C::Total]);
        assert_eq!(t.row(&R::TotalHandled).count(), 0);
        assert!(t.remove(&R::NewReceived, &C::NaturalPerson).is_some());
        assert!(t.remove(&R::NewReceived, &C::NaturalPerson).is_none());
        assert_eq!(t.len(), 2);
    }

    #[test]
    fn a_key_read_twice_keeps_its_last_cell() {
        let json = r#"[{"row":"new_received","column":"total","kind":"number","value":1,"span":[0,1]},
                       {"row":"new_received","column":"total","kind":"number","value":2,"span":[0,1]}]"#;
        let t: Table<R, C> = serde_json::from_str(json).unwrap();
        assert_eq!(t.len(), 1);
        assert_eq!(value(&t, R::NewReceived, C::Total), Some(2));
    }
}
