//! The vocabulary enums: stable English keys, Chinese template labels, units.
//!
//! Every row and column of every table is a variant of an enum declared with the crate-internal
//! `vocabulary!` macro, one table per section: the variant, its snake_case key (as in
//! `schema.md` and the tidy export), its Chinese label as the template prints it (which is also
//! the variant's doc comment and its `Display`), its English label (the standard English
//! rendering of that wording, for data dictionaries), and optionally its unit.

use std::fmt;

/// Common interface of the vocabulary enums ([`RequestRow`](crate::RequestRow),
/// [`Unit`], …).
pub trait Vocabulary: Copy + Ord + Eq + std::hash::Hash + fmt::Debug + 'static {
    /// What the enum names, for messages: `"requests row"`.
    const KIND: &'static str;
    /// Every variant, in template order.
    const ALL: &'static [Self];
    /// The stable snake_case key (`new_received`).
    fn key(self) -> &'static str;
    /// The Chinese label the template prints (`一、本年新收政府信息公开申请数量`).
    fn label(self) -> &'static str;
    /// The English label: the standard English rendering of the template's wording
    /// (`New requests received this year`), for data dictionaries and English-language output.
    /// Every row and column of every table has one; `None` for vocabularies that declare none
    /// (diagnostic codes, whose label is already English).
    fn label_en(self) -> Option<&'static str>;
    /// The unit values of this row or column are counted in, when the template names one.
    fn unit(self) -> Option<crate::Unit>;
    /// The variant with this key.
    fn from_key(key: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.key() == key)
    }
    /// The variant's position in [`ALL`](Self::ALL).
    fn index(self) -> usize;
}

/// `unit_of!()` is `None`, `unit_of!(Case)` is `Some(Unit::Case)`.
macro_rules! unit_of {
    () => {
        None
    };
    ($unit:ident) => {
        Some($crate::Unit::$unit)
    };
}
pub(crate) use unit_of;

/// `label_en!()` is `None`, `label_en!("Upheld")` is `Some("Upheld")`.
macro_rules! label_en {
    () => {
        None
    };
    ($label:literal) => {
        Some($label)
    };
}
pub(crate) use label_en;

/// Declares a vocabulary enum. Each line: `Variant => "key", "中文标签" [/ "English label"] [, Unit];`
///
/// The English label is the standard English rendering of the template's wording; every row
/// and column of every table declares one.
///
/// With `: Spec` after the kind, each line may end in `{ field: value, … }` and the enum gets
/// `SPECS` and `spec()`: the line's [template registry](crate::template) entry, a `Spec` built
/// from those fields and `Spec::DEFAULT` for the rest. The one line is then everything the
/// project knows about the key.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        pub enum $name:ident ($kind:literal) : $spec:ident {
            $(
                $variant:ident => $key:literal, $label:literal $(/ $label_en:literal)? $(, $unit:ident)?
                $({ $($field:ident : $value:expr),* $(,)? })? ;
            )+
        }
    ) => {
        $crate::vocab::vocabulary! {
            $(#[$meta])*
            pub enum $name ($kind) {
                $( $variant => $key, $label $(/ $label_en)? $(, $unit)? ; )+
            }
        }

        impl $name {
            /// The registry entry of every variant, in the order of [`Self::ALL`].
            #[allow(clippy::needless_update)] // Lines name the fields they set; some set all.
            pub const SPECS: &'static [$spec] = &[
                $( $spec { $($($field: $value,)*)? ..$spec::DEFAULT }, )+
            ];

            /// The registry entry of this key: what the templates print for it.
            pub const fn spec(self) -> &'static $spec {
                &Self::SPECS[self as usize]
            }
        }
    };
    (
        $(#[$meta:meta])*
        pub enum $name:ident ($kind:literal) {
            $(
                $variant:ident => $key:literal, $label:literal $(/ $label_en:literal)?
                $(, $unit:ident)? ;
            )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $( #[doc = $label] $variant, )+
        }

        impl $name {
            /// Every variant, in template order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The stable snake_case key used in exports.
            pub const fn key(self) -> &'static str {
                match self { $(Self::$variant => $key),+ }
            }

            /// The Chinese label as the template prints it.
            pub const fn label(self) -> &'static str {
                match self { $(Self::$variant => $label),+ }
            }

            /// The English label, where the declaration gives one (see
            /// [`Vocabulary::label_en`](crate::Vocabulary::label_en)).
            pub const fn label_en(self) -> Option<&'static str> {
                match self { $(Self::$variant => $crate::vocab::label_en!($($label_en)?)),+ }
            }

            /// The unit the template names for this key, if any.
            pub const fn unit(self) -> Option<$crate::Unit> {
                match self { $(Self::$variant => $crate::vocab::unit_of!($($unit)?)),+ }
            }

            /// The variant with this key.
            pub fn from_key(key: &str) -> Option<Self> {
                match key { $($key => Some(Self::$variant),)+ _ => None }
            }
        }

        impl $crate::vocab::Vocabulary for $name {
            const KIND: &'static str = $kind;
            const ALL: &'static [Self] = $name::ALL;
            fn key(self) -> &'static str { $name::key(self) }
            fn label(self) -> &'static str { $name::label(self) }
            fn label_en(self) -> Option<&'static str> { $name::label_en(self) }
            fn unit(self) -> Option<$crate::Unit> { $name::unit(self) }
            fn from_key(key: &str) -> Option<Self> { $name::from_key(key) }
            fn index(self) -> usize { self as usize }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.label())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::UnknownKey;
            fn from_str(key: &str) -> Result<Self, Self::Err> {
                Self::from_key(key)
                    .ok_or_else(|| $crate::UnknownKey { kind: $kind, key: key.to_owned() })
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.key())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let key = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(d)?;
                key.parse().map_err(<D::Error as ::serde::de::Error>::custom)
            }
        }
    };
}
pub(crate) use vocabulary;

vocabulary! {
    /// Units printed in the 统计表 and inside cells.
    pub enum Unit ("unit") {
        Item => "item", "条" / "item";
        Case => "case", "件" / "case";
        Times => "times", "次" / "times";
        Article => "article", "篇" / "article";
        Count => "count", "个" / "count";
        Person => "person", "人" / "person";
        PersonTime => "person_time", "人次" / "person-time";
        PieceTime => "piece_time", "件次" / "piece-time";
        TenThousandYuan => "wan_yuan", "万元" / "10,000 yuan";
        Yuan => "yuan", "元" / "yuan";
        Entry => "entry", "项" / "entry";
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Unit;

    #[test]
    fn keys_labels_and_serde_agree() {
        assert_eq!(Unit::PersonTime.key(), "person_time");
        assert_eq!(Unit::PersonTime.to_string(), "人次");
        assert_eq!("wan_yuan".parse::<Unit>(), Ok(Unit::TenThousandYuan));
        assert!("yuan ".parse::<Unit>().is_err());
        assert_eq!(serde_json::to_string(&Unit::Case).unwrap(), "\"case\"");
        assert_eq!(
            serde_json::from_str::<Unit>("\"case\"").unwrap(),
            Unit::Case
        );
        for u in <Unit as Vocabulary>::ALL {
            assert_eq!(Unit::from_key(u.key()), Some(*u));
        }
    }
}
