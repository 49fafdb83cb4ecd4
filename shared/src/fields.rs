//! Field types that can only hold valid values: parse, don't validate.

use crate::errors::ErrorCode;
use crate::geography;
use serde::{Deserialize, Serialize};

/// A UK postcode, normalised to upper case with one space (`M1 1AE`), or only its outward code
/// (`M1`) when the reporter gave no more: a district is enough to route and less identifying.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Postcode {
    outward: String,
    inward: Option<String>,
}

impl Postcode {
    /// A postcode a reporter typed: well formed, and in an area the reference data knows.
    pub fn parse(raw: &str) -> Result<Self, ErrorCode> {
        let postcode = Postcode::well_formed(raw)?;
        if !geography::is_known_area(postcode.area()) {
            return Err(ErrorCode::InvalidPostcode);
        }
        Ok(postcode)
    }

    /// The shape alone. Stored postcodes are read back with this, not `parse`: a postcode area
    /// later removed from the reference data must not make a stored case unreadable.
    fn well_formed(raw: &str) -> Result<Self, ErrorCode> {
        let compact: String = raw.chars().filter(|c| !c.is_whitespace()).map(|c| c.to_ascii_uppercase()).collect();
        if !compact.is_ascii() || compact.len() < 2 || compact.len() > 7 {
            return Err(ErrorCode::InvalidPostcode);
        }
        // A full postcode ends in digit-letter-letter; anything else must be an outward code alone.
        let (outward, inward) = match compact.len().checked_sub(3) {
            Some(split) if split >= 2 && is_inward(&compact[split..]) => {
                (compact[..split].to_string(), Some(compact[split..].to_string()))
            }
            _ => (compact, None),
        };
        if !is_outward(&outward) {
            return Err(ErrorCode::InvalidPostcode);
        }
        Ok(Postcode { outward, inward })
    }

    /// The postcode area: the leading letters (`M`, `SW`, `BT`).
    pub fn area(&self) -> &str {
        let letters = self.outward.chars().take_while(|c| c.is_ascii_alphabetic()).count();
        &self.outward[..letters]
    }

    /// The district (outward code without a trailing sub-district letter): `SW1A` -> `SW1`.
    pub fn district(&self) -> &str {
        let trimmed = self.outward.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        if trimmed.len() > self.area().len() {
            trimmed
        } else {
            &self.outward
        }
    }

    /// The district alone (`M1 1AE` -> `M1`), for where the full postcode would say too much.
    pub fn district_only(&self) -> Postcode {
        Postcode { outward: self.district().to_string(), inward: None }
    }

    pub fn outward(&self) -> &str {
        &self.outward
    }

    pub fn is_full(&self) -> bool {
        self.inward.is_some()
    }
}

fn is_inward(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 3 && b[0].is_ascii_digit() && b[1].is_ascii_alphabetic() && b[2].is_ascii_alphabetic()
}

/// Outward codes: A9, A99, AA9, AA99, A9A, AA9A.
fn is_outward(s: &str) -> bool {
    let letters = s.chars().take_while(|c| c.is_ascii_alphabetic()).count();
    let rest = &s[letters..];
    let rb = rest.as_bytes();
    (1..=2).contains(&letters)
        && match rb {
            [d] => d.is_ascii_digit(),
            [d1, d2] => d1.is_ascii_digit() && (d2.is_ascii_digit() || d2.is_ascii_alphabetic()),
            _ => false,
        }
}

impl std::fmt::Display for Postcode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.inward {
            Some(inward) => write!(f, "{} {}", self.outward, inward),
            None => f.write_str(&self.outward),
        }
    }
}

impl TryFrom<String> for Postcode {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        // No value in the message: it may end up in a log.
        Postcode::well_formed(&value).map_err(|_| "stored postcode is not well formed".to_string())
    }
}

impl From<Postcode> for String {
    fn from(value: Postcode) -> Self {
        value.to_string()
    }
}

/// A telephone number in E.164 (`+447700900123`). National numbers are read as UK numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PhoneNumber(String);

impl PhoneNumber {
    pub fn parse(raw: &str) -> Result<Self, ErrorCode> {
        crate::phone::to_e164(raw).map(PhoneNumber).ok_or(ErrorCode::InvalidPhone)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An email address, trimmed, checked for RFC 5322 shape and a dotted domain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(raw: &str) -> Result<Self, ErrorCode> {
        let trimmed = raw.trim();
        let parsed = email_address::EmailAddress::parse_with_options(
            trimmed,
            email_address::Options::default().without_display_text().without_domain_literal(),
        )
        .map_err(|_| ErrorCode::InvalidEmail)?;
        if !parsed.domain().contains('.') {
            return Err(ErrorCode::InvalidEmail);
        }
        Ok(EmailAddress(trimmed.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A spoken language or dialect as a BCP 47 tag (`yue`, `zh-Hant`, `nan`), canonicalised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LanguageTag(String);

impl LanguageTag {
    pub fn parse(raw: &str) -> Result<Self, ErrorCode> {
        let tag: unic_langid::LanguageIdentifier = raw.trim().parse().map_err(|_| ErrorCode::InvalidLanguageTag)?;
        if tag.language.is_empty() {
            return Err(ErrorCode::InvalidLanguageTag);
        }
        Ok(LanguageTag(tag.to_string()))
    }

    /// A reporter's answer to "which language would you like to speak": a language code
    /// (`yue`, `zh-Hant`), canonicalised, or else the language in their own words (`Cantonese`,
    /// `粵語`), kept as written, since an optional question must never stop a report. Only a
    /// tag whose language is an ISO 639 code (two or three letters) counts as a code: `Korean`
    /// is a well-formed tag but a name.
    pub fn from_answer(raw: &str) -> Self {
        let raw = raw.trim();
        match LanguageTag::parse(raw) {
            Ok(tag) if matches!(tag.0.split('-').next().map(str::len), Some(2 | 3)) => tag,
            _ => LanguageTag(raw.to_string()),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The rules every free-text field shares, in a report and in a case event: trimmed, no
/// control characters (line breaks and tabs only in paragraphs), at most `max` characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextRule {
    pub max: usize,
    pub multiline: bool,
}

impl TextRule {
    /// One line: a name, a town, a version.
    pub const fn line(max: usize) -> TextRule {
        TextRule { max, multiline: false }
    }

    /// Paragraphs: what happened, a note.
    pub const fn paragraphs(max: usize) -> TextRule {
        TextRule { max, multiline: true }
    }

    /// The text, trimmed, or the error for `field` (which never quotes the text).
    pub fn check(self, field: &str, raw: &str) -> Result<String, crate::FieldError> {
        let text = raw.trim();
        if text.chars().any(|c| c.is_control() && !(self.multiline && matches!(c, '\n' | '\r' | '\t'))) {
            return Err(crate::FieldError::new(field, crate::ErrorCode::InvalidCharacters));
        }
        if text.chars().count() > self.max {
            return Err(crate::FieldError::new(field, crate::ErrorCode::TooLong).with("max", self.max));
        }
        Ok(text.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_postcodes_are_read_back_without_the_reference_data_and_errors_carry_no_value() {
        // `ZZ` is no postcode area: refused from a reporter, but a stored one still reads.
        assert_eq!(Postcode::parse("ZZ1 1AA"), Err(ErrorCode::InvalidPostcode));
        let stored: Postcode = serde_json::from_str("\"ZZ1 1AA\"").unwrap();
        assert_eq!(stored.to_string(), "ZZ1 1AA");
        let error = serde_json::from_str::<Postcode>("\"NOT A POSTCODE 123\"").unwrap_err().to_string();
        assert!(!error.contains("NOT A POSTCODE"), "{error}");
        let error = serde_json::from_str::<crate::report::IncidentType>("\"secret words\"").unwrap_err().to_string();
        assert!(!error.contains("secret"), "{error}");
    }

    #[test]
    fn postcodes_are_normalised() {
        for (raw, want) in [
            ("m11ae", "M1 1AE"),
            ("  sw1a 1aa ", "SW1A 1AA"),
            ("EH1  1YZ", "EH1 1YZ"),
            ("bt7 1nn", "BT7 1NN"),
            ("cf10", "CF10"),
            ("E1W", "E1W"),
        ] {
            assert_eq!(Postcode::parse(raw).unwrap().to_string(), want, "{raw}");
        }
    }

    #[test]
    fn postcode_parts() {
        let p = Postcode::parse("SW1A 1AA").unwrap();
        assert_eq!((p.area(), p.district(), p.outward()), ("SW", "SW1", "SW1A"));
        let p = Postcode::parse("M1 1AE").unwrap();
        assert_eq!((p.area(), p.district()), ("M", "M1"));
        assert!(p.is_full());
        assert!(!Postcode::parse("M1").unwrap().is_full());
    }

    #[test]
    fn bad_postcodes_are_refused() {
        for raw in ["", "1AA", "M", "QQ1 1AA", "M1 1A", "ABC1 1AA", "M1 1AE X", "∞1 1AA", "12345"] {
            assert_eq!(Postcode::parse(raw), Err(ErrorCode::InvalidPostcode), "{raw}");
        }
    }

    #[test]
    fn uk_phone_numbers_become_e164() {
        for raw in ["07700 900123", "+44 7700 900123", "0161 496 0000", "(020) 7946 0018"] {
            let phone = PhoneNumber::parse(raw).unwrap();
            assert!(phone.as_str().starts_with("+44"), "{raw} -> {}", phone.as_str());
            assert!(!phone.as_str().contains(' '));
        }
        assert_eq!(PhoneNumber::parse("07700 900123").unwrap().as_str(), "+447700900123");
        // An overseas number written internationally is kept as given.
        assert_eq!(PhoneNumber::parse("+852 2123 4567").unwrap().as_str(), "+85221234567");
    }

    #[test]
    fn bad_phone_numbers_are_refused() {
        for raw in ["", "12", "phone me", "077009001", "+44 7700 9001234567", "+1 555"] {
            assert_eq!(PhoneNumber::parse(raw), Err(ErrorCode::InvalidPhone), "{raw}");
        }
    }

    #[test]
    fn emails_are_checked() {
        assert_eq!(EmailAddress::parse(" chan@example.org ").unwrap().as_str(), "chan@example.org");
        for raw in ["chan", "chan@", "@example.org", "chan@localhost", "Chan <chan@example.org>", "a b@example.org"] {
            assert_eq!(EmailAddress::parse(raw), Err(ErrorCode::InvalidEmail), "{raw}");
        }
    }

    #[test]
    fn language_tags_are_canonical() {
        assert_eq!(LanguageTag::parse("YUE").unwrap().as_str(), "yue");
        assert_eq!(LanguageTag::parse("zh-hant").unwrap().as_str(), "zh-Hant");
        assert_eq!(LanguageTag::parse("not a tag"), Err(ErrorCode::InvalidLanguageTag));
        assert_eq!(LanguageTag::from_answer(" YUE ").as_str(), "yue");
        assert_eq!(LanguageTag::from_answer("zh-hant").as_str(), "zh-Hant");
        for name in ["Cantonese", "粵語", "Korean", "Hokkien or Mandarin"] {
            assert_eq!(LanguageTag::from_answer(name).as_str(), name);
        }
    }
}
