//! Report references such as `OYS-7K2M-Q9XD`: quoted by reporters over the phone.
//!
//! Eight symbols of Crockford's base32 (no I, L, O or U, so nothing is misheard or misread),
//! 40 random bits: collisions are rare and the store refuses a duplicate, so the caller retries.

use serde::{Deserialize, Serialize};

use crate::crockford;

const PREFIX: &str = "OYS-";

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Reference(String);

impl Reference {
    /// A reference from 40 bits of randomness (the low 40 bits of `entropy`).
    pub fn from_entropy(entropy: u64) -> Reference {
        let symbols = crockford::encode(u128::from(entropy), 8);
        Reference(format!("{PREFIX}{}-{}", &symbols[..4], &symbols[4..]))
    }

    /// Reads a reference as a person might type it: any case, with or without the prefix,
    /// hyphens or spaces, and the look-alikes Crockford allows (O → 0, I and L → 1), in the
    /// prefix too (`0YS-`).
    pub fn parse(raw: &str) -> Option<Reference> {
        let typed = crockford::normalise(raw);
        // Eight symbols alone, or the prefix and eight: by length, so symbols that begin like
        // the prefix (`0YS…`) are not taken for it.
        let symbols = match typed.len() {
            8 => typed.as_str(),
            11 => typed.strip_prefix("0YS")?,
            _ => return None,
        };
        if !crockford::all_symbols(symbols) {
            return None;
        }
        Some(Reference(format!("{PREFIX}{}-{}", &symbols[..4], &symbols[4..])))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Reference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Reference {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Reference::parse(&value).ok_or_else(|| format!("not a report reference: `{value}`"))
    }
}

impl From<Reference> for String {
    fn from(value: Reference) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_and_alphabet() {
        for entropy in [0u64, 1, 0xff_ffff_ffff, 0x12_3456_789a, u64::MAX] {
            let reference = Reference::from_entropy(entropy);
            let s = reference.as_str();
            assert_eq!(s.len(), 13, "{s}");
            assert!(s.starts_with("OYS-") && &s[8..9] == "-", "{s}");
            assert!(!s[4..].contains(['I', 'L', 'O', 'U']), "{s}");
        }
        assert_eq!(Reference::from_entropy(0).as_str(), "OYS-0000-0000");
        assert_eq!(Reference::from_entropy(0xff_ffff_ffff).as_str(), "OYS-ZZZZ-ZZZZ");
    }

    #[test]
    fn distinct_entropy_gives_distinct_references() {
        let a = Reference::from_entropy(0x01_0000_0000);
        let b = Reference::from_entropy(0x02_0000_0000);
        assert_ne!(a, b);
    }

    #[test]
    fn parses_what_people_type() {
        let reference = Reference::from_entropy(0x12_3456_789a);
        let typed = reference.as_str().to_lowercase().replace('-', " ");
        assert_eq!(Reference::parse(&typed), Some(reference.clone()));
        assert_eq!(Reference::parse(&reference.as_str()[4..]), Some(reference));
        assert_eq!(Reference::parse("oys-o0il-1234").unwrap().as_str(), "OYS-0011-1234");
        assert_eq!(Reference::parse("OYS-1234"), None);
        assert_eq!(Reference::parse("OYS-UUUU-1234"), None);
    }

    #[test]
    fn symbols_that_begin_like_the_prefix_and_a_prefix_typed_with_a_zero() {
        // Found by tests/parsers.rs: `OYS-0YS1-2345` typed without its prefix, O for 0, was
        // taken for the prefix and five symbols; and `0YS-…` was refused.
        let reference = Reference::parse("OYS-0YS1-2345").unwrap();
        assert_eq!(Reference::parse("oys12345"), Some(reference.clone()));
        assert_eq!(Reference::parse("0YS1 2345"), Some(reference.clone()));
        assert_eq!(Reference::parse("oysoys12345"), Some(reference));
        assert_eq!(Reference::parse("0YS-0000-0000").unwrap().as_str(), "OYS-0000-0000");
        assert_eq!(Reference::parse("XYZ-0000-0000"), None);
        assert_eq!(Reference::parse("OYS-0000-000"), None);
    }
}
