//! Table `proactive` — 主动公开政府信息情况 (formats 2019 and 2021).
//!
//! The table is printed in blocks headed 第二十条第（一）项, （五）项, （六）项, （八）项 and, in
//! 2019 only, （九）项; the columns of each block differ between the two formats. The registry's
//! declaration: each row with the columns each template prints for it, and the columns.

use crate::Format;
use crate::table::Table;
use crate::template::{ColumnSpec, Generations};
use crate::vocab::vocabulary;

/// The registry entry of a row of the proactive table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProactiveRowSpec {
    /// Other labels real reports print for the row.
    pub aliases: &'static [&'static str],
    /// The columns each template prints for the row, in order.
    pub columns: &'static [(Format, &'static [ProactiveColumn])],
}

impl ProactiveRowSpec {
    /// No alias, no columns.
    pub const DEFAULT: Self = Self {
        aliases: &[],
        columns: &[],
    };
}

use ProactiveColumn as C;

/// 第二十条第（一）项 of the 2019 template.
const DOCS_2019: &[C] = &[C::NewMade, C::NewPublished, C::TotalPublished];
/// 第二十条第（一）项 of the 2021 template.
const DOCS_2021: &[C] = &[C::Issued, C::Repealed, C::InForce];
/// 第二十条第（五）（六）项 of the 2019 template.
const ITEMS_2019: &[C] = &[C::PriorItems, C::Change, C::Decisions];

vocabulary! {
    /// Rows of the proactive disclosure table.
    pub enum ProactiveRow ("proactive row") : ProactiveRowSpec {
        Rules => "rules", "规章" / "Rules" {
            columns: &[(Format::V2019, DOCS_2019), (Format::V2021, DOCS_2021)],
        };
        NormativeDocs => "normative_docs", "规范性文件" / "Normative documents" {
            // The 2021 template's wording.
            aliases: &["行政规范性文件"],
            columns: &[(Format::V2019, DOCS_2019), (Format::V2021, DOCS_2021)],
        };
        Licensing => "licensing", "行政许可" / "Administrative licensing" {
            columns: &[(Format::V2019, ITEMS_2019), (Format::V2021, &[C::Decisions])],
        };
        OtherServices => "other_services", "其他对外管理服务事项" / "Other external administrative services" {
            columns: &[(Format::V2019, ITEMS_2019)],
        };
        Penalty => "penalty", "行政处罚" / "Administrative penalties" {
            columns: &[(Format::V2019, ITEMS_2019), (Format::V2021, &[C::Decisions])],
        };
        Enforcement => "enforcement", "行政强制" / "Administrative coercion" {
            columns: &[(Format::V2019, ITEMS_2019), (Format::V2021, &[C::Decisions])],
        };
        Fees => "fees", "行政事业性收费" / "Administrative fees" {
            columns: &[(Format::V2019, &[C::PriorItems, C::Change]), (Format::V2021, &[C::Amount])],
        };
        Procurement => "procurement", "政府集中采购" / "Centralized government procurement" {
            aliases: &["集中采购"],
            columns: &[(Format::V2019, &[C::Items, C::Amount])],
        };
    }
}

vocabulary! {
    /// Columns of the proactive disclosure table, over both formats.
    pub enum ProactiveColumn ("proactive column") : ColumnSpec {
        NewMade => "new_made", "本年新制作数量" / "Newly made this year", Case { generations: Generations::V2019 };
        NewPublished => "new_published", "本年新公开数量" / "Newly disclosed this year", Case { generations: Generations::V2019 };
        TotalPublished => "total_published", "对外公开总数量" / "Total disclosed", Case { generations: Generations::V2019 };
        Issued => "issued", "本年制发件数" / "Issued this year", Case { generations: Generations::V2021 };
        Repealed => "repealed", "本年废止件数" / "Repealed this year", Case { generations: Generations::V2021 };
        InForce => "in_force", "现行有效件数" / "Currently in force", Case { generations: Generations::V2021 };
        PriorItems => "prior_items", "上一年项目数量" / "Items in the previous year", Entry { generations: Generations::V2019 };
        Change => "change", "本年增/减" / "Increase/decrease this year", Entry {
            aliases: &["本年增减", "增/减"],
            generations: Generations::V2019,
            signed: true,
        };
        Decisions => "decisions", "处理决定数量" / "Decisions made", Case { aliases: &["本年处理决定数量"] };
        Amount => "amount", "金额" / "Amount", TenThousandYuan {
            aliases: &["本年收费金额", "本年收费金额（单位：万元）", "采购总金额", "采购金额"],
        };
        Items => "items", "采购项目数量" / "Procurement items", Entry { generations: Generations::V2019 };
    }
}

/// Header labels of the proactive table that name no value column: the block headings
/// (第二十条第（一）项 …) and the label column's head.
pub const HEADER_LABELS: &[&str] = &["信息内容"];

/// The proactive disclosure table.
pub type ProactiveTable = Table<ProactiveRow, ProactiveColumn>;

impl ProactiveRow {
    /// The columns the template of `format` prints for this row, in order (empty when the
    /// format does not print the row).
    pub fn template_columns(self, format: Format) -> &'static [ProactiveColumn] {
        self.spec()
            .columns
            .iter()
            .find(|(f, _)| *f == format)
            .map_or(&[], |(_, c)| c)
    }

    /// The generations whose template prints the row.
    pub fn generations(self) -> Generations {
        let printed = |f: Format| self.spec().columns.iter().any(|(g, _)| *g == f);
        match (printed(Format::V2019), printed(Format::V2021)) {
            (true, true) => Generations::V2019_V2021,
            (true, false) => Generations::V2019,
            (false, true) => Generations::V2021,
            (false, false) => Generations::NONE,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_differ_by_format() {
        assert_eq!(
            ProactiveRow::Fees.template_columns(Format::V2021),
            &[ProactiveColumn::Amount]
        );
        assert_eq!(ProactiveRow::Fees.template_columns(Format::V2019).len(), 2);
        assert!(
            ProactiveRow::OtherServices
                .template_columns(Format::V2021)
                .is_empty()
        );
        assert!(
            ProactiveRow::Procurement
                .template_columns(Format::Legacy)
                .is_empty()
        );
        assert_eq!(ProactiveRow::Procurement.generations(), Generations::V2019);
    }

    /// A column a row prints in a generation is one the registry says that generation prints.
    #[test]
    fn row_columns_agree_with_column_generations() {
        for row in ProactiveRow::ALL {
            for (format, columns) in row.spec().columns {
                for c in *columns {
                    assert!(c.spec().generations.contains(*format), "{row:?} {c:?}");
                }
            }
        }
    }
}
