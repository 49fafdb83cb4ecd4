//! Anonymous follow-up: what a reporter may add to their report later with the reference and
//! the one-time receipt shown on the confirmation page, without ever having given a name.
//!
//! The receipt is 125 random bits written as 25 symbols of Crockford's base32 in five groups
//! (`7K3M0-…`), read back as a person might type it. Only its SHA-256 hash is stored (the
//! service's job; 125 random bits need no slow password hash); this module knows its shape and
//! the rules of a follow-up request.

use serde_json::Value;

use crate::crockford;
use crate::errors::{ErrorCode, FieldError};
use crate::fields::{PhoneNumber, TextRule};
use crate::reference::Reference;
use crate::report::limits;

const SYMBOLS: usize = 25;

/// The secret a reporter keeps to add to their report later. Never logged, never stored as is.
#[derive(Clone, PartialEq, Eq)]
pub struct FollowUpReceipt(String);

impl FollowUpReceipt {
    /// A receipt from 125 bits of randomness (the low 125 bits of `entropy`).
    pub fn from_entropy(entropy: u128) -> FollowUpReceipt {
        FollowUpReceipt::grouped(&crockford::encode(entropy, SYMBOLS))
    }

    /// Reads a receipt as typed: any case, spaces and hyphens anywhere, Crockford's look-alikes.
    /// The canonical form is what is hashed, so `7k3m0 …` and `7K3M0-…` are the same receipt.
    pub fn parse(raw: &str) -> Option<FollowUpReceipt> {
        if raw.len() > 200 {
            return None;
        }
        let symbols = crockford::normalise(raw);
        if symbols.len() != SYMBOLS || !crockford::all_symbols(&symbols) {
            return None;
        }
        Some(FollowUpReceipt::grouped(&symbols))
    }

    /// `SYMBOLS` symbols in five groups of five, joined by hyphens.
    fn grouped(symbols: &str) -> FollowUpReceipt {
        let groups: Vec<&str> = (0..5).map(|i| &symbols[i * 5..i * 5 + 5]).collect();
        FollowUpReceipt(groups.join("-"))
    }

    /// The canonical text: shown to the reporter once, and what the hash is taken of.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for FollowUpReceipt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FollowUpReceipt(…)")
    }
}

/// What a reporter adds: information, a request for an advocate (with the phone an advocate
/// will call), or both.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowUpRequest {
    pub reference: Reference,
    pub receipt: FollowUpReceipt,
    pub information: Option<String>,
    pub advocate_phone: Option<PhoneNumber>,
}

/// The fields of a follow-up, as the JSON body and the form name them.
pub const FOLLOW_UP_FIELDS: &[&str] = &["reference", "receipt", "information", "advocate_phone"];

/// Parses a follow-up with field errors, like a report. Unknown fields are refused; a
/// follow-up that adds nothing is refused on `information`.
pub fn parse_follow_up(body: &Value) -> Result<FollowUpRequest, Vec<FieldError>> {
    let Some(obj) = body.as_object() else {
        return Err(vec![FieldError::new("body", ErrorCode::InvalidType).with("expected", "object")]);
    };
    let mut errors = Vec::new();
    for key in obj.keys() {
        if !FOLLOW_UP_FIELDS.contains(&key.as_str()) {
            let field = crate::errors::sanitised_field_name(key);
            errors.push(FieldError::new(field, ErrorCode::UnknownField).with("of", "follow_up"));
        }
    }
    // Empty strings are what a form sends for a question left blank.
    let text = |errors: &mut Vec<FieldError>, key: &str| -> Option<String> {
        match obj.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if s.trim().is_empty() => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => {
                errors.push(FieldError::new(key, ErrorCode::InvalidType).with("expected", "string"));
                None
            }
        }
    };
    let reference = match text(&mut errors, "reference") {
        Some(raw) => Reference::parse(&raw).or_else(|| {
            errors.push(FieldError::new("reference", ErrorCode::InvalidReference));
            None
        }),
        None => {
            errors.push(FieldError::new("reference", ErrorCode::Required));
            None
        }
    };
    let receipt = match text(&mut errors, "receipt") {
        Some(raw) => FollowUpReceipt::parse(&raw).or_else(|| {
            errors.push(FieldError::new("receipt", ErrorCode::InvalidReceipt));
            None
        }),
        None => {
            errors.push(FieldError::new("receipt", ErrorCode::Required));
            None
        }
    };
    let information = text(&mut errors, "information").and_then(|raw| {
        TextRule::paragraphs(limits::DESCRIPTION).check("information", &raw).map_err(|e| errors.push(e)).ok()
    });
    // The rules of the report's `contact.phone`: one line of at most `limits::PHONE`, then a number.
    let advocate_phone = text(&mut errors, "advocate_phone").and_then(|raw| {
        let line = TextRule::line(limits::PHONE).check("advocate_phone", &raw).map_err(|e| errors.push(e)).ok()?;
        PhoneNumber::parse(&line).map_err(|code| errors.push(FieldError::new("advocate_phone", code))).ok()
    });
    // Null and blank are absent; a value of the wrong type has its own error.
    let given = |key: &str| match obj.get(key) {
        None | Some(Value::Null) => false,
        Some(Value::String(s)) => !s.trim().is_empty(),
        Some(_) => true,
    };
    let gave_something = given("information") || given("advocate_phone");
    if !gave_something {
        errors.push(FieldError::new("information", ErrorCode::NothingToAdd));
    }
    match (reference, receipt) {
        (Some(reference), Some(receipt)) if errors.is_empty() => {
            Ok(FollowUpRequest { reference, receipt, information, advocate_phone })
        }
        _ => Err(errors),
    }
}

/// How many wrong receipts one client (its network address) may send in one window before its
/// every attempt is refused until the window ends. Per client, not per reference: references
/// travel in emails to forces and partners, and a per-reference lock would let anyone holding
/// one lock the reporter out; guessing a receipt's 125 random bits is hopeless either way, so
/// the limit only keeps the cost of trying (a hash and a read each) bounded.
pub const ATTEMPTS_PER_CLIENT: u32 = 10;
/// How many wrong receipts a reference takes in one window from everyone together: high, so
/// nobody locks a reporter out by accident, and a ceiling on what many addresses can try.
pub const ATTEMPTS_PER_REFERENCE: u32 = 100;
/// The window failed attempts are counted in, in seconds.
pub const FAILED_ATTEMPT_WINDOW_SECONDS: i64 = 60 * 60;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_receipt_reads_back_as_typed_and_never_prints() {
        let receipt = FollowUpReceipt::from_entropy(0x1234_5678_9abc_def0_1122_3344_5566_7788);
        let shown = receipt.expose().to_string();
        assert_eq!(shown.len(), 29, "{shown}");
        assert_eq!(FollowUpReceipt::parse(&shown), Some(receipt.clone()));
        let typed = shown.to_lowercase().replace('-', " ").replace('0', "o").replace('1', "l");
        assert_eq!(FollowUpReceipt::parse(&typed), Some(receipt.clone()));
        assert!(!format!("{receipt:?}").contains(&shown[..5]));
        assert_eq!(FollowUpReceipt::parse("ABCDE"), None);
        assert_eq!(FollowUpReceipt::parse(&"U".repeat(25)), None, "U is not a symbol");
        assert_ne!(FollowUpReceipt::from_entropy(1), FollowUpReceipt::from_entropy(2));
    }

    #[test]
    fn a_follow_up_must_add_something_and_every_mistake_is_a_field_error() {
        let receipt = FollowUpReceipt::from_entropy(42).expose().to_string();
        let ok = parse_follow_up(&json!({"reference": "oys-7k2m-q9xd", "receipt": receipt, "information": " more "}))
            .unwrap();
        assert_eq!(ok.reference.as_str(), "OYS-7K2M-Q9XD");
        assert_eq!(ok.information.as_deref(), Some("more"));
        assert_eq!(ok.advocate_phone, None);

        let errors =
            parse_follow_up(&json!({"reference": "", "receipt": "x", "advocate_phone": "12", "extra": 1})).unwrap_err();
        let codes: Vec<(String, ErrorCode)> = errors.into_iter().map(|e| (e.field, e.code)).collect();
        assert!(codes.contains(&("reference".into(), ErrorCode::Required)), "{codes:?}");
        assert!(codes.contains(&("receipt".into(), ErrorCode::InvalidReceipt)), "{codes:?}");
        assert!(codes.contains(&("advocate_phone".into(), ErrorCode::InvalidPhone)), "{codes:?}");
        assert!(codes.contains(&("extra".into(), ErrorCode::UnknownField)), "{codes:?}");

        let errors =
            parse_follow_up(&json!({"reference": "OYS-7K2M-Q9XD", "receipt": receipt, "information": ""})).unwrap_err();
        assert_eq!(errors[0].field, "information");
        assert_eq!(errors[0].code, ErrorCode::NothingToAdd);
        // Found by tests/parsers.rs: null was taken as something added, and a follow-up adding
        // nothing was accepted (the operators were alerted about it).
        let errors = parse_follow_up(&json!({"reference": "OYS-7K2M-Q9XD", "receipt": receipt, "information": null}))
            .unwrap_err();
        assert_eq!((errors[0].field.as_str(), errors[0].code), ("information", ErrorCode::NothingToAdd));
        let errors = parse_follow_up(&json!({"reference": "OYS-7K2M-Q9XD", "receipt": receipt, "advocate_phone": 7}))
            .unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!((errors[0].field.as_str(), errors[0].code), ("advocate_phone", ErrorCode::InvalidType));
        assert!(parse_follow_up(&json!([1])).is_err());
    }
}
