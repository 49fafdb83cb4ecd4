//! The no-script form's answers (`name=value` pairs, flattened paths) turned into the JSON shape
//! of the API, so one parser, the domain's, serves the form and the API alike.

use serde_json::{Map, Value};

use oys_shared::report::FORM_FIELDS;

/// The fields the no-script form sends as repeated `name=value` pairs.
const FORM_LIST_FIELDS: &[&str] =
    &["reporter.heritage", "incident.types", "incident.motivations", "consent.support_needs"];
/// The fields the no-script form sends as `true`/`false` (radio buttons) or `on` (checkboxes).
const FORM_BOOL_FIELDS: &[&str] = &[
    "contact.safe_to_leave_voicemail",
    "contact.interpreter_needed",
    "incident.location.online",
    "incident.injured",
    "incident.ongoing",
    "incident.reported_to_police_already",
    "consent.advocate_support",
    "assisted.interpreter_used",
];

/// How many unknown form keys are carried through to the parser (each becomes one
/// `unknown_field` error); the rest are only counted.
const FORM_UNKNOWN_KEYS_KEPT: usize = 10;

/// Turns the no-script form's flattened fields (`incident.types=a&incident.types=b`,
/// `contact.phone=…`) into the JSON shape of the API, so one parser serves both.
/// Empty values are dropped (an untouched input); a repeated single field becomes a list,
/// which the parser then refuses with a clear error. A key naming a section (`contact`,
/// `incident.location`) is that section given a text, which the parser refuses as the wrong
/// type, as it would `{"contact": "…"}`. Any other key that is not one of `FORM_FIELDS` is
/// kept, under its sanitised name at the top level, so the parser refuses it as unknown;
/// the depth of the result is bounded by `FORM_FIELDS` whatever the input.
pub fn value_from_form<I, K, V>(pairs: I) -> Value
where
    I: IntoIterator<Item = (K, V)>,
    K: AsRef<str>,
    V: AsRef<str>,
{
    let mut root = Map::new();
    let mut unknown_kept = 0;
    'pairs: for (key, raw) in pairs {
        let (key, raw) = (key.as_ref(), raw.as_ref());
        if is_form_section(key) {
            let (parent, last) = key.rsplit_once('.').unwrap_or(("", key));
            let mut node = &mut root;
            for part in parent.split('.').filter(|part| !part.is_empty()) {
                let entry = node.entry(part.to_string()).or_insert_with(|| Value::Object(Map::new()));
                let Some(object) = entry.as_object_mut() else { continue 'pairs };
                node = object;
            }
            node.insert(last.to_string(), Value::String(raw.to_string()));
            continue;
        }
        let Some(&known) = FORM_FIELDS.iter().find(|field| **field == key) else {
            if !key.is_empty() && unknown_kept < FORM_UNKNOWN_KEYS_KEPT {
                let name = oys_shared::errors::sanitised_field_name(key);
                if !root.contains_key(&name) {
                    unknown_kept += 1;
                    root.insert(name, Value::Null);
                }
            }
            continue;
        };
        if raw.trim().is_empty() {
            continue;
        }
        let value = if FORM_BOOL_FIELDS.contains(&known) {
            match raw.trim() {
                "true" | "on" | "yes" => Value::Bool(true),
                "false" | "off" | "no" => Value::Bool(false),
                other => Value::String(other.to_string()),
            }
        } else {
            Value::String(raw.to_string())
        };
        let mut parts: Vec<&str> = known.split('.').collect();
        let last = parts.pop().expect("split yields at least one part");
        let mut node = &mut root;
        for part in parts {
            let entry = node.entry(part.to_string()).or_insert_with(|| Value::Object(Map::new()));
            // A section given a text (above), or an unknown key by its name: it stays, so the
            // parser refuses it, and the field is dropped.
            let Some(object) = entry.as_object_mut() else { continue 'pairs };
            node = object;
        }
        match node.get_mut(last) {
            Some(Value::Array(items)) => items.push(value),
            Some(existing) => {
                let first = existing.take();
                *existing = Value::Array(vec![first, value]);
            }
            None if FORM_LIST_FIELDS.contains(&known) => {
                node.insert(last.to_string(), Value::Array(vec![value]));
            }
            None => {
                node.insert(last.to_string(), value);
            }
        }
    }
    Value::Object(root)
}

/// Whether a form key names a section of the report (a path with form fields under it).
fn is_form_section(key: &str) -> bool {
    FORM_FIELDS.iter().any(|field| field.strip_prefix(key).is_some_and(|rest| rest.starts_with('.')))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::Timestamp;
    use oys_shared::report::{parse_report, Submitter};
    use oys_shared::ErrorCode;
    use oys_shared_test_support::contract::depth;
    use serde_json::json;

    fn now() -> Timestamp {
        "2026-11-24T12:00:00Z".parse().unwrap()
    }

    fn errors(body: &Value) -> Vec<(String, ErrorCode)> {
        parse_report(body, now(), Submitter::Public)
            .expect_err("report should be refused")
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect()
    }

    #[test]
    fn form_fields_become_the_json_shape() {
        let pairs = [
            ("language", "en"),
            ("reporter.role", "victim"),
            ("incident.types", "verbal_abuse"),
            ("incident.types", "threats"),
            ("incident.motivations", "race"),
            ("incident.occurred_on", "2026-11-20"),
            ("incident.location.postcode", "M1 1AE"),
            ("incident.location.online", "false"),
            ("incident.description", "It happened."),
            ("contact.phone", "07700 900123"),
            ("contact.email", ""),
            ("consent.police", "anonymous"),
            ("consent.advocate_support", "true"),
            ("consent.privacy_notice_version", "2026-01"),
        ];
        let value = value_from_form(pairs);
        assert_eq!(value["incident"]["types"], json!(["verbal_abuse", "threats"]));
        assert_eq!(value["incident"]["motivations"], json!(["race"]));
        assert_eq!(value["consent"]["advocate_support"], json!(true));
        assert!(value["contact"].get("email").is_none());
        let report = parse_report(&value, now(), Submitter::Public).unwrap();
        assert_eq!(report.contact.details.phone.unwrap().as_str(), "+447700900123");
    }

    #[test]
    fn a_repeated_single_form_field_is_refused_not_guessed() {
        let value = value_from_form([("reporter.role", "victim"), ("reporter.role", "witness")]);
        let got = errors(&value);
        assert!(got.contains(&("reporter.role".into(), ErrorCode::InvalidType)), "{got:?}");
    }

    #[test]
    fn a_form_key_naming_a_section_is_refused_not_ignored() {
        // Found by tests/parsers.rs: `reporter=` beside `reporter.role=…` was silently dropped (the
        // unknown key's name was taken), and `contact=` alone read as no contact at all.
        let base = [
            ("language", "en"),
            ("reporter.role", "victim"),
            ("incident.types", "threats"),
            ("incident.occurred_on", "2026-11-20"),
            ("incident.location.online", "true"),
            ("incident.description", "It happened."),
            ("consent.police", "no"),
            ("consent.advocate_support", "false"),
            ("consent.privacy_notice_version", "2026-01"),
        ];
        assert!(parse_report(&value_from_form(base), now(), Submitter::Public).is_ok());
        for (section, at) in
            [("reporter", 9), ("reporter", 0), ("contact", 3), ("incident.location", 9), ("consent", 2)]
        {
            let mut pairs = base.to_vec();
            pairs.insert(at, (section, ""));
            assert_eq!(
                errors(&value_from_form(pairs)),
                vec![(section.to_string(), ErrorCode::InvalidType)],
                "{section}"
            );
        }
    }

    #[test]
    fn unknown_form_keys_are_refused_without_building_their_shape() {
        let deep_key = vec!["a"; 30_000].join(".");
        let value = value_from_form([(deep_key.as_str(), "1"), ("incident.location.town.x", "y")]);
        assert!(depth(&value) <= 4, "the form object's depth is bounded by the known fields");
        let got = errors(&value);
        let unknown: Vec<&String> = got.iter().filter(|(_, c)| *c == ErrorCode::UnknownField).map(|(f, _)| f).collect();
        assert_eq!(unknown.len(), 2, "{unknown:?}");
        assert!(unknown.iter().all(|f| f.chars().count() <= 41), "{unknown:?}");
        // Thousands of unknown keys carry a handful of errors, not thousands.
        let many: Vec<(String, String)> = (0..8_000).map(|i| (format!("k{i}"), "1".to_string())).collect();
        let value = value_from_form(many);
        assert!(value.as_object().unwrap().len() <= 10);
    }
}
