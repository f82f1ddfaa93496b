//! Exact decimal numbers for cell values.
//!
//! Counts are whole numbers and money is written with up to a handful of decimals
//! ("160.5964万元", "432.52元"); relations compare sums exactly, so no float ever takes part
//! in arithmetic. A value is `mantissa / 10^scale` with an `i128` mantissa, which holds any
//! figure a report prints.

use std::cmp::Ordering;
use std::fmt;

/// The largest scale kept; finer digits than this are not meaningful in a report.
const MAX_SCALE: u32 = 12;

/// The most significant digits a cell may have before it is considered unreadable.
pub const MAX_DIGITS: usize = 24;

/// An exact decimal number.
#[derive(Clone, Copy, Debug, Default)]
pub struct Decimal {
    mantissa: i128,
    scale: u32,
}

impl Decimal {
    pub const ZERO: Decimal = Decimal { mantissa: 0, scale: 0 };

    /// A whole number.
    pub const fn from_int(value: i64) -> Decimal {
        Decimal { mantissa: value as i128, scale: 0 }
    }

    /// Builds `mantissa / 10^scale`; `None` when the scale is beyond what is kept.
    pub fn new(mantissa: i128, scale: u32) -> Option<Decimal> {
        (scale <= MAX_SCALE).then_some(Decimal { mantissa, scale }.normalized())
    }

    /// Parses ASCII digits with an optional fractional part (no sign, no separators):
    /// `"123"`, `"160.5964"`. `None` for anything else or for more than [`MAX_DIGITS`] digits.
    pub fn parse_digits(int_part: &str, frac_part: &str) -> Option<Decimal> {
        if int_part.is_empty() && frac_part.is_empty() {
            return None;
        }
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(int_part) || !all_digits(frac_part) {
            return None;
        }
        let significant = int_part.trim_start_matches('0').len() + frac_part.len();
        if significant > MAX_DIGITS || frac_part.len() > MAX_SCALE as usize {
            return None;
        }
        let mut mantissa: i128 = 0;
        for b in int_part.bytes().chain(frac_part.bytes()) {
            mantissa = mantissa * 10 + i128::from(b - b'0');
        }
        Decimal::new(mantissa, frac_part.len() as u32)
    }

    /// Divides by 10^4: converts 元 to 万元.
    pub fn yuan_to_wan(self) -> Option<Decimal> {
        Decimal::new(self.mantissa, self.scale + 4)
    }

    pub fn is_zero(self) -> bool {
        self.mantissa == 0
    }

    pub fn is_negative(self) -> bool {
        self.mantissa < 0
    }

    /// Whether the number has no fractional part.
    pub fn is_integer(self) -> bool {
        self.scale == 0
    }

    /// The value as a whole number, when it is one and fits.
    pub fn to_i64(self) -> Option<i64> {
        if self.scale == 0 { i64::try_from(self.mantissa).ok() } else { None }
    }

    /// The nearest float, for JSON output only.
    pub fn to_f64(self) -> f64 {
        // For a mantissa below 2^53 both operands are exact in f64 (a power of ten up to 10^12
        // is) and IEEE division rounds correctly, so the quotient is the float nearest the
        // exact decimal; larger mantissas (beyond any report's figures) are approximate. This
        // keeps the float parser out of the browser build.
        self.mantissa as f64 / 10f64.powi(self.scale as i32)
    }

    pub fn negated(self) -> Decimal {
        Decimal { mantissa: -self.mantissa, scale: self.scale }
    }

    /// Exact sum; `None` on overflow (never reached by real figures).
    pub fn checked_add(self, other: Decimal) -> Option<Decimal> {
        // Counts, the common case: both whole numbers.
        if self.scale == 0 && other.scale == 0 {
            return Some(Decimal { mantissa: self.mantissa.checked_add(other.mantissa)?, scale: 0 });
        }
        let scale = self.scale.max(other.scale);
        let a = self.rescaled(scale)?;
        let b = other.rescaled(scale)?;
        Decimal::new(a.checked_add(b)?, scale)
    }

    pub fn checked_sub(self, other: Decimal) -> Option<Decimal> {
        self.checked_add(other.negated())
    }

    /// The absolute value.
    pub fn abs(self) -> Decimal {
        Decimal { mantissa: self.mantissa.abs(), scale: self.scale }
    }

    /// Sums values exactly; `None` on overflow.
    pub fn sum<I: IntoIterator<Item = Decimal>>(values: I) -> Option<Decimal> {
        values.into_iter().try_fold(Decimal::ZERO, Decimal::checked_add)
    }

    /// The number of decimals.
    pub fn scale(self) -> u32 {
        self.scale
    }

    /// The value times `10^scale`, as an integer; `None` when `scale` is below the value's
    /// own or the result overflows.
    pub fn rescaled(self, scale: u32) -> Option<i128> {
        if scale < self.scale {
            return None;
        }
        let factor = 10i128.checked_pow(scale - self.scale)?;
        self.mantissa.checked_mul(factor)
    }

    fn normalized(mut self) -> Decimal {
        while self.scale > 0 && self.mantissa % 10 == 0 {
            self.mantissa /= 10;
            self.scale -= 1;
        }
        self
    }
}

impl PartialEq for Decimal {
    fn eq(&self, other: &Self) -> bool {
        // Values are kept normalised, so equal numbers have equal representations.
        self.mantissa == other.mantissa && self.scale == other.scale
    }
}

impl Eq for Decimal {}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Self) -> Ordering {
        let scale = self.scale.max(other.scale);
        match (self.rescaled(scale), other.rescaled(scale)) {
            (Some(a), Some(b)) => a.cmp(&b),
            // Only reachable for values far beyond MAX_DIGITS; compare signs then magnitude.
            _ => self.mantissa.signum().cmp(&other.mantissa.signum()).then(self.scale.cmp(&other.scale).reverse()),
        }
    }
}

impl From<i64> for Decimal {
    fn from(value: i64) -> Decimal {
        Decimal::from_int(value)
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.scale == 0 {
            return write!(f, "{}", self.mantissa);
        }
        let sign = if self.mantissa < 0 { "-" } else { "" };
        let digits = self.mantissa.unsigned_abs().to_string();
        let scale = self.scale as usize;
        let padded = if digits.len() <= scale { format!("{}{}", "0".repeat(scale + 1 - digits.len()), digits) } else { digits };
        let (int, frac) = padded.split_at(padded.len() - scale);
        write!(f, "{sign}{int}.{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        let (int, frac) = s.split_once('.').unwrap_or((s, ""));
        Decimal::parse_digits(int, frac).unwrap()
    }

    #[test]
    fn parses_and_prints_exactly() {
        assert_eq!(d("160.5964").to_string(), "160.5964");
        assert_eq!(d("0007").to_string(), "7");
        assert_eq!(d("25.10").to_string(), "25.1");
        assert_eq!(d("0.0").to_string(), "0");
        assert_eq!(d("251000").yuan_to_wan().unwrap().to_string(), "25.1");
        assert_eq!(d("432.52").yuan_to_wan().unwrap().to_string(), "0.043252");
        assert_eq!(Decimal::from_int(-8).to_string(), "-8");
    }

    #[test]
    fn rejects_what_is_not_a_plain_number() {
        assert_eq!(Decimal::parse_digits("", ""), None);
        assert_eq!(Decimal::parse_digits("1a", ""), None);
        assert_eq!(Decimal::parse_digits(&"9".repeat(MAX_DIGITS + 1), ""), None);
        assert!(Decimal::parse_digits(&"9".repeat(MAX_DIGITS), "").is_some());
    }

    #[test]
    fn arithmetic_is_exact() {
        let sum = Decimal::sum([d("0.1"), d("0.2")]).unwrap();
        assert_eq!(sum, d("0.3"));
        assert_eq!(d("1.50"), d("1.5"));
        assert!(d("2") > d("1.999"));
        assert_eq!(d("10").checked_sub(d("12")).unwrap(), Decimal::from_int(-2));
        assert!(d("2.5").to_i64().is_none());
        assert_eq!(d("12").to_i64(), Some(12));
        assert_eq!(d("0.043252").to_f64(), 0.043252);
    }
}
