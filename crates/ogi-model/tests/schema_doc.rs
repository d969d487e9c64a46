//! `docs/schema.md` held against the template registry: every row and column key of every
//! table is documented under its table, and every key the document names under a table is one
//! of that table's keys.

#![allow(clippy::unwrap_used)] // Tests fail by panicking.

use ogi_model::TableName;
use std::collections::BTreeSet;

/// The sections of `docs/schema.md` headed `## Table \`name\``: name and text.
fn sections() -> Vec<(String, String)> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/schema.md");
    let doc = std::fs::read_to_string(path).unwrap();
    let mut out: Vec<(String, String)> = Vec::new();
    for line in doc.lines() {
        if let Some(rest) = line.strip_prefix("## ") {
            let name = rest
                .strip_prefix("Table `")
                .and_then(|r| r.split('`').next())
                .map(str::to_owned);
            out.push((name.unwrap_or_default(), format!("{rest}\n")));
        } else if let Some((_, text)) = out.last_mut() {
            text.push_str(line);
            text.push('\n');
        }
    }
    out.retain(|(name, _)| !name.is_empty());
    out
}

/// The keys a section names: words in backticks made of lower-case letters, digits and `_`.
fn named_keys(text: &str) -> BTreeSet<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .flat_map(|code| {
            code.split(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'))
        })
        .filter(|w| !w.is_empty() && w.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
        .map(str::to_owned)
        .collect()
}

#[test]
fn schema_doc_names_every_key_of_the_registry() {
    let sections = sections();
    for table in TableName::ALL {
        if *table == TableName::Meta {
            continue;
        }
        let Some((_, text)) = sections.iter().find(|(name, _)| name == table.key()) else {
            panic!("docs/schema.md has no section for table `{}`", table.key());
        };
        let named = named_keys(text);
        let keys: BTreeSet<String> = table
            .rows()
            .into_iter()
            .chain(table.columns())
            .map(|(k, _)| k.to_owned())
            .collect();
        let undocumented: Vec<&String> = keys.difference(&named).collect();
        assert!(
            undocumented.is_empty(),
            "table `{}`: keys of the registry docs/schema.md does not name: {undocumented:?}",
            table.key()
        );
        // Words of the document that are no key of the table: only the few it explains.
        let explained = ["unlisted", "value", "approximate"];
        let unknown: Vec<&String> = named
            .difference(&keys)
            .filter(|w| !explained.contains(&w.as_str()) && w.as_str() != table.key())
            // A pattern (`other_*`) names the keys it opens.
            .filter(|w| !(w.ends_with('_') && keys.iter().any(|k| k.starts_with(w.as_str()))))
            .collect();
        assert!(
            unknown.is_empty(),
            "table `{}`: docs/schema.md names keys the registry does not have: {unknown:?}",
            table.key()
        );
    }
}
