//! The API's contract as the properties hold parsers to it: the field paths of each request
//! body (read from `docs/openapi.json`), the codes each field may be refused with, and the
//! checks of a refusal and of a parsed report.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use proptest::prelude::*;
use serde_json::Value;

use oys_shared::errors::{sanitised_field_name, MAX_ECHOED_FIELD_CHARS};
use oys_shared::geography;
use oys_shared::i18n::{self, Language};
use oys_shared::report::{limits, Channel, ContactMethod, PoliceConsent, Report, Submitter, FORM_FIELDS};
use oys_shared::{ErrorCode, FieldError};

pub fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

// ---------------------------------------------------------------------------------------------
// The API's field paths, read from docs/openapi.json.

pub static OPENAPI: LazyLock<Value> = LazyLock::new(|| {
    serde_json::from_str(include_str!("../../../docs/openapi.json")).expect("docs/openapi.json parses")
});

pub fn component(name: &str) -> &'static Value {
    let schema = &OPENAPI["components"]["schemas"][name];
    assert!(schema.is_object(), "docs/openapi.json has no schema {name}");
    schema
}

/// What a `$ref` (a JSON pointer into the document) points at.
pub fn referenced(reference: &str) -> &'static Value {
    let pointer = reference.strip_prefix('#').expect("a $ref within the document");
    OPENAPI.pointer(pointer).unwrap_or_else(|| panic!("docs/openapi.json has nothing at {reference}"))
}

pub fn resolved(node: &'static Value) -> &'static Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(reference) => resolved(referenced(reference)),
        None => node,
    }
}

pub fn allows_type(node: &Value, wanted: &str) -> bool {
    match node.get("type") {
        Some(Value::String(t)) => t == wanted,
        Some(Value::Array(types)) => types.iter().any(|t| t == wanted),
        _ => false,
    }
}

/// The fields of a request body as its schema names them: each object with the keys it takes,
/// each list, each other field.
#[derive(Debug, Default)]
pub struct Shape {
    pub objects: BTreeMap<String, BTreeSet<String>>,
    pub lists: BTreeSet<String>,
    pub leaves: BTreeSet<String>,
}

impl Shape {
    pub fn of(schema: &'static Value) -> Shape {
        let mut shape = Shape::default();
        shape.walk(String::new(), schema);
        shape
    }

    pub fn walk(&mut self, path: String, node: &'static Value) {
        let node = resolved(node);
        let Some(properties) = node.get("properties").and_then(Value::as_object) else {
            self.leaves.insert(path);
            return;
        };
        self.objects.insert(path.clone(), properties.keys().cloned().collect());
        for (key, child) in properties {
            let child_path = join(&path, key);
            if allows_type(resolved(child), "array") {
                self.lists.insert(child_path);
            } else {
                self.walk(child_path, child);
            }
        }
    }

    /// Every field path but the body itself.
    pub fn paths(&self) -> BTreeSet<String> {
        let objects = self.objects.keys().filter(|p| !p.is_empty()).cloned();
        objects.chain(self.lists.iter().cloned()).chain(self.leaves.iter().cloned()).collect()
    }

    /// The sanitised names of the keys the body has where the schema takes none, with their
    /// object's path: exactly the `unknown_field` errors a parser owes.
    pub fn unknown_fields(&self, body: &Value) -> Vec<String> {
        let mut unknown = Vec::new();
        for (path, allowed) in &self.objects {
            let Some(Value::Object(map)) = at(body, path) else { continue };
            let keys = map.keys().filter(|key| !allowed.contains(*key));
            unknown.extend(keys.map(|key| join(path, &sanitised_field_name(key))));
        }
        unknown.sort();
        unknown
    }
}

/// The value at a dotted path, through objects only.
pub fn at<'v>(body: &'v Value, path: &str) -> Option<&'v Value> {
    if path.is_empty() {
        return Some(body);
    }
    path.split('.').try_fold(body, |value, key| value.as_object()?.get(key))
}

pub static REPORT_SHAPE: LazyLock<Shape> = LazyLock::new(|| Shape::of(component("ReportRequest")));

pub use oys_shared::ErrorCode as E;
pub const CHOICE: &[ErrorCode] = &[E::InvalidType, E::InvalidChoice];
pub const REQUIRED_CHOICE: &[ErrorCode] = &[E::Required, E::InvalidType, E::InvalidChoice];
pub const LIST: &[ErrorCode] = &[E::InvalidType, E::TooMany];
pub const TEXT: &[ErrorCode] = &[E::InvalidType, E::InvalidCharacters, E::TooLong];
pub const REQUIRED_TEXT: &[ErrorCode] = &[E::Required, E::InvalidType, E::InvalidCharacters, E::TooLong];
pub const BOOL: &[ErrorCode] = &[E::InvalidType];
pub const SECTION: &[ErrorCode] = &[E::InvalidType];
pub const REQUIRED_SECTION: &[ErrorCode] = &[E::Required, E::InvalidType];

/// The codes each field of a report can be refused with (`docs/openapi.json`).
pub const REPORT_CODES: &[(&str, &[ErrorCode])] = &[
    ("language", REQUIRED_CHOICE),
    ("channel", &[E::InvalidType, E::InvalidChoice, E::NotAllowed]),
    ("reporter", REQUIRED_SECTION),
    ("reporter.role", REQUIRED_CHOICE),
    ("reporter.heritage", LIST),
    ("reporter.age_band", CHOICE),
    ("reporter.gender", CHOICE),
    ("contact", &[E::InvalidType, E::RequiredForPoliceContact]),
    ("contact.name", TEXT),
    ("contact.phone", &[E::InvalidType, E::InvalidCharacters, E::TooLong, E::InvalidPhone, E::RequiredForAdvocate]),
    ("contact.email", &[E::InvalidType, E::InvalidCharacters, E::TooLong, E::InvalidEmail]),
    ("contact.preferred_method", &[E::InvalidType, E::InvalidChoice, E::RequiredForPreferredMethod]),
    ("contact.safe_to_leave_voicemail", BOOL),
    ("contact.safe_times", TEXT),
    ("contact.preferred_language", &[E::InvalidType, E::InvalidCharacters, E::TooLong]),
    ("contact.interpreter_needed", BOOL),
    ("incident", REQUIRED_SECTION),
    ("incident.occurred_on", &[E::Required, E::InvalidType, E::InvalidDate, E::InFuture]),
    ("incident.occurred_at", &[E::InvalidType, E::InvalidTime, E::InFuture]),
    ("incident.location", &[E::InvalidType, E::LocationRequired]),
    ("incident.location.postcode", &[E::InvalidType, E::InvalidCharacters, E::TooLong, E::InvalidPostcode]),
    ("incident.location.town", TEXT),
    ("incident.location.online", BOOL),
    ("incident.location.place_type", CHOICE),
    ("incident.types", &[E::Required, E::InvalidType, E::TooMany]),
    ("incident.motivations", LIST),
    ("incident.description", REQUIRED_TEXT),
    ("incident.injured", BOOL),
    ("incident.ongoing", BOOL),
    ("incident.reported_to_police_already", BOOL),
    ("incident.police_reference", TEXT),
    ("perpetrators", SECTION),
    ("perpetrators.count", CHOICE),
    ("perpetrators.description", TEXT),
    ("perpetrators.relationship", CHOICE),
    ("consent", REQUIRED_SECTION),
    ("consent.police", REQUIRED_CHOICE),
    ("consent.advocate_support", &[E::Required, E::InvalidType]),
    ("consent.support_needs", LIST),
    ("consent.privacy_notice_version", REQUIRED_TEXT),
    // Staff only: from the public form the whole section is `not_allowed`.
    ("assisted", &[E::InvalidType, E::NotAllowed]),
    ("assisted.language_spoken", &[E::InvalidType, E::InvalidCharacters, E::TooLong]),
    ("assisted.interpreter_used", BOOL),
];

/// The codes a report's field error may carry, or `None` if the field is no field of the API:
/// `body`, a field of the table, or an item of a list (`incident.types[3]`).
pub fn report_codes(field: &str) -> Option<&'static [ErrorCode]> {
    if field == "body" {
        return Some(&[E::InvalidType]);
    }
    if let Some((_, codes)) = REPORT_CODES.iter().find(|(f, _)| *f == field) {
        return Some(codes);
    }
    let (list, index) = field.strip_suffix(']')?.split_once('[')?;
    let i: usize = index.parse().ok()?;
    (REPORT_SHAPE.lists.contains(list) && i < limits::LIST && i.to_string() == index).then_some(CHOICE)
}

/// A refusal as the API would give it: a non-empty list of field errors, each on a field the
/// contract names with a code that field can have (`known`), parameters that quote nothing of
/// the input, a message in every language, and exactly the unknown keys of the body refused as
/// unknown (said `of` what).
pub fn check_refusal(
    errors: &[FieldError],
    known: impl Fn(&str) -> Option<&'static [ErrorCode]>,
    expected_unknown: Vec<String>,
    of: &str,
    language: Language,
) -> Result<(), TestCaseError> {
    prop_assert!(!errors.is_empty(), "a refusal without an error");
    let mut unknown = Vec::new();
    for error in errors {
        for (name, value) in &error.params {
            match *name {
                "allowed" => prop_assert!(value.len() < 400, "{error:?}"),
                "expected" => {
                    prop_assert!(["object", "string", "list", "true or false"].contains(&value.as_str()), "{error:?}")
                }
                "max" => prop_assert!(value.parse::<usize>().is_ok(), "{error:?}"),
                "of" => prop_assert_eq!(value, of, "{:?}", error),
                other => prop_assert!(false, "unexpected parameter {other} in {error:?}"),
            }
        }
        let message = i18n::error_message(language, error);
        prop_assert!(!message.trim().is_empty() && !message.contains("{$"), "{error:?} renders as {message:?}");
        if error.code == ErrorCode::UnknownField {
            prop_assert!(error.params.iter().any(|(name, _)| *name == "of"), "{error:?}");
            unknown.push(error.field.clone());
            continue;
        }
        let codes = known(&error.field);
        prop_assert!(codes.is_some(), "{error:?} names no field of the API");
        prop_assert!(codes.unwrap().contains(&error.code), "{error:?}: the field cannot have this code");
    }
    unknown.sort();
    prop_assert_eq!(unknown, expected_unknown, "the unknown keys, sanitised");
    Ok(())
}

pub fn check_report_refusal(body: &Value, errors: &[FieldError], language: Language) -> Result<(), TestCaseError> {
    check_refusal(errors, report_codes, REPORT_SHAPE.unknown_fields(body), "report", language)
}

/// What a `Report` holds is valid whatever input it came from: the invariants of the type.
pub fn check_report_invariants(report: &Report, submitter: Submitter) -> Result<(), TestCaseError> {
    fn text_ok(text: &str, max: usize, multiline: bool) -> bool {
        text == text.trim()
            && !text.is_empty()
            && text.chars().count() <= max
            && !text.chars().any(|c| c.is_control() && !(multiline && matches!(c, '\n' | '\r' | '\t')))
    }
    fn unique<T: PartialEq>(items: &[T]) -> bool {
        items.len() <= limits::LIST && items.iter().enumerate().all(|(i, a)| !items[..i].contains(a))
    }
    let details = &report.contact.details;
    prop_assert!(submitter == Submitter::Operator || report.channel == Channel::Online);
    prop_assert!(unique(&report.reporter.heritage) && unique(&report.incident.motivations));
    prop_assert!(!report.incident.types.is_empty() && unique(&report.incident.types));
    prop_assert!(!report.incident.motivations.is_empty() && unique(&report.consent.support_needs));
    let location = &report.incident.location;
    prop_assert!(location.postcode.is_some() || location.town.is_some() || location.online);
    if report.consent.advocate_support {
        prop_assert!(details.phone.is_some(), "an advocate without a phone");
    }
    if report.consent.police == PoliceConsent::WithContactDetails {
        prop_assert!(details.phone.is_some() || details.email.is_some());
    }
    match details.preferred_method {
        Some(ContactMethod::Phone | ContactMethod::TextMessage) => prop_assert!(details.phone.is_some()),
        Some(ContactMethod::Email) => prop_assert!(details.email.is_some()),
        None => {}
    }
    let texts = [
        (details.name.as_deref(), limits::NAME, false),
        (details.safe_times.as_deref(), limits::SAFE_TIMES, false),
        (location.town.as_deref(), limits::TOWN, false),
        (Some(report.incident.description.as_str()), limits::DESCRIPTION, true),
        (report.incident.police_reference.as_deref(), limits::POLICE_REFERENCE, false),
        (report.perpetrators.description.as_deref(), limits::PERPETRATOR_DESCRIPTION, true),
        (Some(report.consent.privacy_notice_version.as_str()), limits::PRIVACY_NOTICE_VERSION, false),
    ];
    for (text, max, multiline) in texts {
        if let Some(text) = text {
            prop_assert!(text_ok(text, max, multiline), "{text:?}");
        }
    }
    prop_assert!(report.incident.occurred_on.year() >= 1900);
    if let Some(postcode) = &location.postcode {
        prop_assert!(geography::is_known_area(postcode.area()));
        let _ = report.nation();
    }
    Ok(())
}

/// Depth of a value, without recursion.
pub fn depth(value: &Value) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(value, 1)];
    while let Some((v, d)) = stack.pop() {
        deepest = deepest.max(d);
        match v {
            Value::Object(map) => stack.extend(map.values().map(|c| (c, d + 1))),
            Value::Array(items) => stack.extend(items.iter().map(|c| (c, d + 1))),
            _ => {}
        }
    }
    deepest
}

/// Each event type's fields, from `docs/openapi.json` (`type` aside).
pub static EVENT_SHAPES: LazyLock<BTreeMap<String, Shape>> = LazyLock::new(|| {
    let mapping = OPENAPI["components"]["schemas"]["CaseEvent"]["discriminator"]["mapping"]
        .as_object()
        .expect("CaseEvent maps its types");
    let schema = |reference: &Value| referenced(reference.as_str().expect("a $ref"));
    mapping.iter().map(|(kind, reference)| (kind.clone(), Shape::of(schema(reference)))).collect()
});

/// The codes an event's field may carry: choices are `required` when not a string.
pub fn event_codes(kind: &str, field: &str) -> Option<&'static [ErrorCode]> {
    match field {
        "body" => Some(&[E::InvalidType]),
        "type" => Some(&[E::Required, E::InvalidChoice]),
        "outcome" | "channel" | "scope" => {
            EVENT_SHAPES[kind].leaves.contains(field).then_some(&[E::Required, E::InvalidChoice][..])
        }
        _ => EVENT_SHAPES[kind].leaves.contains(field).then_some(REQUIRED_TEXT),
    }
}

pub static FOLLOW_UP_SHAPE: LazyLock<Shape> = LazyLock::new(|| Shape::of(component("FollowUpRequest")));

pub fn follow_up_codes(field: &str) -> Option<&'static [ErrorCode]> {
    match field {
        "body" => Some(&[E::InvalidType]),
        "reference" => Some(&[E::Required, E::InvalidType, E::InvalidReference]),
        "receipt" => Some(&[E::Required, E::InvalidType, E::InvalidReceipt]),
        "information" => Some(&[E::InvalidType, E::InvalidCharacters, E::TooLong, E::NothingToAdd]),
        "advocate_phone" => Some(&[E::InvalidType, E::InvalidCharacters, E::TooLong, E::InvalidPhone]),
        _ => None,
    }
}

/// How many unknown keys `value_from_form` carries through (`FORM_UNKNOWN_KEYS_KEPT`).
pub const FORM_UNKNOWN_KEYS_KEPT: usize = 10;

/// What `value_from_form` must make of any pairs: a value no deeper than the report's shape,
/// with at most a handful of unknown keys, each under a short sanitised name.
pub fn check_form_value(value: &Value) -> Result<(), TestCaseError> {
    // The root, the form's deepest field (`incident.location.town`), and a list when it is repeated.
    let deepest = FORM_FIELDS.iter().map(|f| f.split('.').count()).max().unwrap_or(0) + 2;
    prop_assert!(depth(value) <= deepest, "deeper than the report's shape: {}", depth(value));
    let root = value.as_object();
    prop_assert!(root.is_some(), "not an object");
    let allowed = &REPORT_SHAPE.objects[""];
    let unknown: Vec<&String> = root.unwrap().keys().filter(|key| !allowed.contains(*key)).collect();
    prop_assert!(unknown.len() <= FORM_UNKNOWN_KEYS_KEPT, "{unknown:?}");
    for key in unknown {
        let shown = key.strip_suffix('…').unwrap_or(key);
        prop_assert!(shown.chars().count() <= MAX_ECHOED_FIELD_CHARS, "{key}");
        prop_assert!(shown.chars().all(|c| c.is_ascii_alphanumeric() || "._-?".contains(c)), "{key}");
    }
    Ok(())
}
