//! Numbers as printed: exact decimals and approximation bounds.
//!
//! Report values are counts (`件`, `条`) and amounts (`万元`, `4068.208`). They are kept as
//! [`Decimal`]s — a mantissa and a count of fraction digits — so that what was printed is what
//! comes out, with no binary floating-point rounding. Prose adds approximations (`三百余件`,
//! `近3万人次`), which a [`Quantity`] keeps as a [`Bound`] beside the value.

use crate::error::NumberError;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

/// Most fraction digits a [`Decimal`] keeps.
pub const MAX_SCALE: u8 = 12;

/// An exact decimal number: `mantissa × 10^-scale`.
///
/// `Decimal::from_str("4068.208")` has mantissa 4068208 and scale 3. Serialised as a JSON number
/// (see the `Serialize` impl for the one exception).
#[derive(Clone, Copy, Debug, Default)]
pub struct Decimal {
    mantissa: i64,
    scale: u8,
}

impl Decimal {
    /// Zero.
    pub const ZERO: Decimal = Decimal {
        mantissa: 0,
        scale: 0,
    };

    /// `mantissa × 10^-scale`.
    ///
    /// # Errors
    /// [`NumberError::TooPrecise`] if the scale is above [`MAX_SCALE`].
    pub const fn new(mantissa: i64, scale: u8) -> Result<Self, NumberError> {
        if scale > MAX_SCALE {
            return Err(NumberError::TooPrecise);
        }
        Ok(Self { mantissa, scale })
    }

    /// An integer.
    pub const fn from_int(value: i64) -> Self {
        Self {
            mantissa: value,
            scale: 0,
        }
    }

    /// The mantissa (the digits as an integer).
    pub const fn mantissa(self) -> i64 {
        self.mantissa
    }

    /// How many digits follow the decimal point.
    pub const fn scale(self) -> u8 {
        self.scale
    }

    /// The value as an integer, if it has no fractional part.
    pub fn as_int(self) -> Option<i64> {
        let n = self.normalized();
        (n.scale == 0).then_some(n.mantissa)
    }

    /// The nearest `f64`.
    #[allow(clippy::cast_precision_loss)]
    pub fn to_f64(self) -> f64 {
        self.mantissa as f64 / 10f64.powi(i32::from(self.scale))
    }

    /// Whether the value is below zero.
    pub const fn is_negative(self) -> bool {
        self.mantissa < 0
    }

    /// The same value with trailing fractional zeros removed (`1.50` → `1.5`).
    #[must_use]
    pub fn normalized(self) -> Self {
        let mut d = self;
        while d.scale > 0 && d.mantissa % 10 == 0 {
            d.mantissa /= 10;
            d.scale -= 1;
        }
        d
    }

    /// `self + other`, or `None` on overflow.
    #[inline]
    pub fn checked_add(self, other: Decimal) -> Option<Decimal> {
        if self.scale == other.scale {
            return Some(Decimal {
                mantissa: self.mantissa.checked_add(other.mantissa)?,
                scale: self.scale,
            });
        }
        let scale = self.scale.max(other.scale);
        let a = self.rescale(scale)?;
        let b = other.rescale(scale)?;
        Some(Decimal {
            mantissa: a.checked_add(b)?,
            scale,
        })
    }

    /// `self - other`, or `None` on overflow.
    pub fn checked_sub(self, other: Decimal) -> Option<Decimal> {
        self.checked_add(Decimal {
            mantissa: other.mantissa.checked_neg()?,
            scale: other.scale,
        })
    }

    /// `self × 10^exp` for a non-negative `exp` (`3.5` × 10⁴ for `3.5万`), or `None` on overflow.
    pub fn checked_shift(self, exp: u8) -> Option<Decimal> {
        let mut d = self;
        let mut left = exp;
        while left > 0 && d.scale > 0 {
            d.scale -= 1;
            left -= 1;
        }
        d.mantissa = d
            .mantissa
            .checked_mul(10i64.checked_pow(u32::from(left))?)?;
        Some(d)
    }

    fn rescale(self, scale: u8) -> Option<i64> {
        self.mantissa
            .checked_mul(10i64.checked_pow(u32::from(scale - self.scale))?)
    }
}

impl PartialEq for Decimal {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Decimal {}

impl std::hash::Hash for Decimal {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // Equal values (`1.5`, `1.50`) hash alike.
        let n = self.normalized();
        n.mantissa.hash(state);
        n.scale.hash(state);
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Decimal {
    #[inline]
    fn cmp(&self, other: &Self) -> Ordering {
        if self.scale == other.scale {
            return self.mantissa.cmp(&other.mantissa);
        }
        let scale = self.scale.max(other.scale);
        match (self.rescale(scale), other.rescale(scale)) {
            (Some(a), Some(b)) => a.cmp(&b),
            _ => self.to_f64().total_cmp(&other.to_f64()),
        }
    }
}

impl From<i64> for Decimal {
    fn from(value: i64) -> Self {
        Decimal::from_int(value)
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.scale == 0 {
            return write!(f, "{}", self.mantissa);
        }
        let digits = self.mantissa.unsigned_abs().to_string();
        let scale = usize::from(self.scale);
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (int, frac) = padded.split_at(padded.len() - scale);
        let sign = if self.mantissa < 0 { "-" } else { "" };
        write!(f, "{sign}{int}.{frac}")
    }
}

impl FromStr for Decimal {
    type Err = NumberError;

    /// Reads `[+-]digits[.digits]`, as printed in the tables (`4068.208`, `+1036`, `-18538`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (negative, body) = match s.as_bytes().first() {
            Some(b'-') => (true, &s[1..]),
            Some(b'+') => (false, &s[1..]),
            _ => (false, s),
        };
        let (int, frac) = body.split_once('.').unwrap_or((body, ""));
        if int.is_empty() && frac.is_empty() {
            return Err(NumberError::Empty);
        }
        if !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
            return Err(NumberError::NotANumber);
        }
        let scale = u8::try_from(frac.len()).map_err(|_| NumberError::TooPrecise)?;
        if scale > MAX_SCALE {
            return Err(NumberError::TooPrecise);
        }
        let mut mantissa: i64 = 0;
        for b in int.bytes().chain(frac.bytes()) {
            mantissa = mantissa
                .checked_mul(10)
                .and_then(|m| m.checked_add(i64::from(b - b'0')))
                .ok_or(NumberError::Overflow)?;
        }
        Ok(Decimal {
            mantissa: if negative { -mantissa } else { mantissa },
            scale,
        })
    }
}

impl Serialize for Decimal {
    /// An integer as a JSON integer; a fraction as a JSON number when the nearest `f64` reads
    /// back as the same value (every amount a report prints), otherwise as a string of its
    /// digits (`"1234567890.123456789"`), so that a report read back from JSON is equal to it.
    /// The scale is not kept: `1.50` is written `1.5`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let n = self.normalized();
        if n.scale == 0 {
            return serializer.serialize_i64(n.mantissa);
        }
        let f = n.to_f64();
        if f.to_string().parse::<Decimal>() == Ok(n) {
            serializer.serialize_f64(f)
        } else {
            serializer.collect_str(&n)
        }
    }
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Decimal;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Decimal, E> {
                Ok(Decimal::from_int(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Decimal, E> {
                i64::try_from(v).map(Decimal::from_int).map_err(E::custom)
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Decimal, E> {
                // The shortest representation that reads back as `v` is the printed number.
                v.to_string().parse().map_err(E::custom)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Decimal, E> {
                v.parse().map_err(E::custom)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// How a stated number relates to the true value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// The number as stated (`165件`).
    #[default]
    Exact,
    /// At least the number (`余`, `多`, `以上`: `300余条`).
    AtLeast,
    /// At most the number (`近`, `不到`, `将近`: `近3万`).
    AtMost,
    /// Around the number (`约`, `左右`: `约9.8亿元`).
    About,
}

impl Bound {
    /// Whether the number is approximate (anything but [`Bound::Exact`]).
    pub const fn is_approximate(self) -> bool {
        !matches!(self, Bound::Exact)
    }

    /// The key used in exports: `exact`, `at_least`, `at_most`, `about`.
    pub const fn key(self) -> &'static str {
        match self {
            Bound::Exact => "exact",
            Bound::AtLeast => "at_least",
            Bound::AtMost => "at_most",
            Bound::About => "about",
        }
    }
}

/// A number with its approximation bound.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Quantity {
    /// The number stated, already multiplied by any `万`/`亿` it carried.
    pub value: Decimal,
    /// Whether it was exact, a lower bound, an upper bound or an estimate.
    #[serde(default, skip_serializing_if = "is_exact")]
    pub bound: Bound,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_exact(bound: &Bound) -> bool {
    *bound == Bound::Exact
}

impl Quantity {
    /// An exact quantity.
    pub const fn exact(value: Decimal) -> Self {
        Self {
            value,
            bound: Bound::Exact,
        }
    }

    /// An exact integer quantity.
    pub const fn int(value: i64) -> Self {
        Self::exact(Decimal::from_int(value))
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.bound {
            Bound::Exact => write!(f, "{}", self.value),
            Bound::AtLeast => write!(f, "≥{}", self.value),
            Bound::AtMost => write!(f, "≤{}", self.value),
            Bound::About => write!(f, "≈{}", self.value),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_decimals_exactly() {
        for s in ["0", "4068.208", "-18538", "7730.28", "0.05", "-0.5"] {
            let d: Decimal = s.parse().unwrap();
            assert_eq!(d.to_string(), s);
        }
        assert_eq!("+1036".parse::<Decimal>().unwrap(), Decimal::from_int(1036));
        assert_eq!("1.50".parse::<Decimal>().unwrap(), "1.5".parse().unwrap());
        assert_eq!("".parse::<Decimal>(), Err(NumberError::Empty));
        assert_eq!("1x".parse::<Decimal>(), Err(NumberError::NotANumber));
        assert_eq!(
            "99999999999999999999".parse::<Decimal>(),
            Err(NumberError::Overflow)
        );
    }

    #[test]
    fn arithmetic_aligns_scales() {
        let a: Decimal = "1.25".parse().unwrap();
        let b: Decimal = "2".parse().unwrap();
        assert_eq!(a.checked_add(b).unwrap().to_string(), "3.25");
        assert_eq!(b.checked_sub(a).unwrap().to_string(), "0.75");
        assert_eq!(
            "3.5".parse::<Decimal>().unwrap().checked_shift(4),
            Some(Decimal::from_int(35000))
        );
        assert_eq!(
            Decimal::from_int(i64::MAX).checked_add(Decimal::from_int(1)),
            None
        );
    }

    #[test]
    fn serialises_as_json_number() {
        let d: Decimal = "4068.208".parse().unwrap();
        assert_eq!(serde_json::to_string(&d).unwrap(), "4068.208");
        assert_eq!(serde_json::to_string(&Decimal::from_int(12)).unwrap(), "12");
        let back: Decimal = serde_json::from_str("4068.208").unwrap();
        assert_eq!(back, d);
        let q = Quantity {
            value: Decimal::from_int(300),
            bound: Bound::AtLeast,
        };
        assert_eq!(
            serde_json::to_string(&q).unwrap(),
            r#"{"value":300,"bound":"at_least"}"#
        );
        assert_eq!(
            serde_json::to_string(&Quantity::int(5)).unwrap(),
            r#"{"value":5}"#
        );
    }

    #[test]
    fn json_keeps_every_value_and_drops_only_the_scale() {
        for printed in [
            "1.0",
            "4068.210",
            "0.5",
            "-18538.25",
            "1234567890.123456789",
            "0.000000000001",
        ] {
            let d: Decimal = printed.parse().unwrap();
            let json = serde_json::to_string(&d).unwrap();
            let back: Decimal = serde_json::from_str(&json).unwrap();
            assert_eq!(back, d, "{printed} → {json}");
            assert_eq!(
                back.to_string(),
                d.normalized().to_string(),
                "{printed} → {json}"
            );
        }
        // Too many digits for an f64: written as a string of the digits.
        let long: Decimal = "1234567890.123456789".parse().unwrap();
        assert_eq!(
            serde_json::to_string(&long).unwrap(),
            r#""1234567890.123456789""#
        );
        assert_eq!(
            serde_json::to_string(&"1.0".parse::<Decimal>().unwrap()).unwrap(),
            "1"
        );
    }
}
