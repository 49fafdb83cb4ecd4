use super::*;
use crate::case_record::split_report;
use crate::emails::operator_alert;
use crate::routing::{next_steps, RoutingMessage};
use crate::Reference;
use serde_json::json;

fn now() -> Timestamp {
    "2026-11-24T12:00:00Z".parse().unwrap()
}

/// The full example report (as in docs/openapi.json), with a date before `now()`.
fn full() -> Value {
    json!({
        "language": "zh-Hant",
        "reporter": {"role": "victim", "heritage": ["hong_kong"], "age_band": "25-34", "gender": "woman"},
        "contact": {
            "name": "Chan Tai Man", "phone": "07700 900123", "email": "chan@example.org",
            "preferred_method": "phone", "safe_to_leave_voicemail": false,
            "safe_times": "weekday evenings", "preferred_language": "yue", "interpreter_needed": true
        },
        "incident": {
            "occurred_on": "2026-11-20", "occurred_at": "18:30",
            "location": {"postcode": "m11ae", "town": "Manchester", "online": false, "place_type": "public_transport"},
            "types": ["verbal_abuse", "spitting_or_coughing"], "motivations": ["race"],
            "description": "Free text of what happened.", "injured": false, "ongoing": false,
            "reported_to_police_already": false, "police_reference": null
        },
        "perpetrators": {"count": "one", "description": "Free text.", "relationship": "stranger"},
        "consent": {
            "police": "anonymous", "advocate_support": true,
            "support_needs": ["emotional_wellbeing", "police_follow_up"], "privacy_notice_version": "2026-01"
        }
    })
}

/// The least a report can say: anonymous, no contact, online.
fn minimal() -> Value {
    json!({
        "language": "en",
        "reporter": {"role": "witness"},
        "incident": {"occurred_on": "2026-11-01", "types": ["online_abuse"], "description": "x", "location": {"online": true}},
        "consent": {"police": "no", "advocate_support": false, "privacy_notice_version": "2026-01"}
    })
}

fn errors(body: &Value) -> Vec<(String, ErrorCode)> {
    parse_report(body, now(), Submitter::Public)
        .expect_err("report should be refused")
        .into_iter()
        .map(|e| (e.field, e.code))
        .collect()
}

fn set(body: &mut Value, pointer: &str, value: Value) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    body.pointer_mut(parent).unwrap().as_object_mut().unwrap().insert(key.to_string(), value);
}

fn remove(body: &mut Value, pointer: &str) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    body.pointer_mut(parent).unwrap().as_object_mut().unwrap().remove(key);
}

#[test]
fn the_api_example_parses_and_normalises() {
    let report = parse_report(&full(), now(), Submitter::Public).unwrap();
    assert_eq!(report.language, Language::ChineseTraditional);
    assert_eq!(report.channel, Channel::Online);
    assert_eq!(report.contact.details.phone.as_ref().unwrap().as_str(), "+447700900123");
    assert_eq!(report.incident.location.postcode.as_ref().unwrap().to_string(), "M1 1AE");
    assert_eq!(report.incident.types, vec![IncidentType::VerbalAbuse, IncidentType::SpittingOrCoughing]);
    assert_eq!(report.consent.police, PoliceConsent::Anonymous);
    assert_eq!(report.nation(), Nation::England);
}

#[test]
fn a_minimal_anonymous_report_parses_with_defaults() {
    let report = parse_report(&minimal(), now(), Submitter::Public).unwrap();
    assert_eq!(report.incident.motivations, vec![Motivation::Race]);
    assert!(!report.contact.details.has_personal_data());
    assert_eq!(report.nation(), Nation::Unknown);
}

#[test]
fn every_missing_required_field_is_reported_at_once() {
    let got = errors(&json!({}));
    for field in ["language", "reporter", "incident", "consent"] {
        assert!(got.contains(&(field.to_string(), ErrorCode::Required)), "{field}: {got:?}");
    }
    let got = errors(&json!({"reporter": {}, "incident": {}, "consent": {}}));
    for field in [
        "language",
        "reporter.role",
        "incident.occurred_on",
        "incident.types",
        "incident.description",
        "consent.police",
        "consent.advocate_support",
        "consent.privacy_notice_version",
    ] {
        assert!(got.contains(&(field.to_string(), ErrorCode::Required)), "{field}: {got:?}");
    }
    assert!(got.contains(&("incident.location".to_string(), ErrorCode::LocationRequired)), "{got:?}");
}

#[test]
fn enumerations_are_checked_with_their_path() {
    let mut body = full();
    set(&mut body, "/incident/types", json!(["verbal_abuse", "shouting"]));
    set(&mut body, "/reporter/role", json!("bystander"));
    set(&mut body, "/consent/police", json!("yes"));
    let got = errors(&body);
    assert!(got.contains(&("incident.types[1]".into(), ErrorCode::InvalidChoice)), "{got:?}");
    assert!(got.contains(&("reporter.role".into(), ErrorCode::InvalidChoice)));
    assert!(got.contains(&("consent.police".into(), ErrorCode::InvalidChoice)));
    assert_eq!(got.len(), 3, "{got:?}");
}

#[test]
fn invalid_choice_errors_list_the_allowed_values() {
    let mut body = minimal();
    set(&mut body, "/reporter/role", json!("bystander"));
    let err = parse_report(&body, now(), Submitter::Public).unwrap_err();
    assert_eq!(err[0].params, vec![("allowed", "victim, witness, on_behalf".to_string())]);
}

#[test]
fn consent_rules_need_contact_details() {
    let mut body = minimal();
    set(&mut body, "/consent/advocate_support", json!(true));
    assert_eq!(errors(&body), vec![("contact.phone".into(), ErrorCode::RequiredForAdvocate)]);

    let mut body = minimal();
    set(&mut body, "/consent/police", json!("with_contact_details"));
    assert_eq!(errors(&body), vec![("contact".into(), ErrorCode::RequiredForPoliceContact)]);

    // An email is enough for the police, not for an advocate.
    let mut body = minimal();
    set(&mut body, "/consent/police", json!("with_contact_details"));
    set(&mut body, "/contact", json!({"email": "a@example.org"}));
    assert!(parse_report(&body, now(), Submitter::Public).is_ok());
    set(&mut body, "/consent/advocate_support", json!(true));
    assert_eq!(errors(&body), vec![("contact.phone".into(), ErrorCode::RequiredForAdvocate)]);

    // Anonymous police referral needs nothing.
    let mut body = minimal();
    set(&mut body, "/consent/police", json!("anonymous"));
    assert!(parse_report(&body, now(), Submitter::Public).is_ok());
}

#[test]
fn consent_rules_read_the_police_choice_as_it_is_parsed() {
    // Found by tests/parsers.rs: `"with_contact_details\u{2003}"` parsed as that choice (choices
    // are trimmed) but the rule read it untrimmed, so a report with no contact details at all was
    // accepted for a referral with them.
    let mut body = minimal();
    set(&mut body, "/consent/police", json!("with_contact_details\u{2003}"));
    assert_eq!(errors(&body), vec![("contact".into(), ErrorCode::RequiredForPoliceContact)]);
    set(&mut body, "/consent/police", json!(" with_contact_details "));
    assert_eq!(errors(&body), vec![("contact".into(), ErrorCode::RequiredForPoliceContact)]);
}

#[test]
fn consent_rules_are_checked_even_when_other_consent_fields_are_wrong() {
    let mut body = minimal();
    set(&mut body, "/consent", json!({"police": "with_contact_details", "advocate_support": true}));
    let got = errors(&body);
    assert!(got.contains(&("contact".into(), ErrorCode::RequiredForPoliceContact)), "{got:?}");
    assert!(got.contains(&("contact.phone".into(), ErrorCode::RequiredForAdvocate)), "{got:?}");
    assert!(got.contains(&("consent.privacy_notice_version".into(), ErrorCode::Required)), "{got:?}");
}

#[test]
fn a_contact_section_that_is_no_object_is_one_error_not_two() {
    // Found by tests/parsers.rs: `contact` sent as a number with an advocate asked for got
    // `contact.phone: required_for_advocate` beside the section's own error.
    let mut body = full();
    set(&mut body, "/contact", json!(3907046411551676u64));
    assert_eq!(errors(&body), vec![("contact".into(), ErrorCode::InvalidType)]);
    set(&mut body, "/consent/police", json!("with_contact_details"));
    set(&mut body, "/contact", json!("07700 900123"));
    assert_eq!(errors(&body), vec![("contact".into(), ErrorCode::InvalidType)]);
}

#[test]
fn an_invalid_phone_is_one_error_not_two() {
    let mut body = full();
    set(&mut body, "/contact/phone", json!("not a phone"));
    assert_eq!(errors(&body), vec![("contact.phone".into(), ErrorCode::InvalidPhone)]);
}

#[test]
fn preferred_method_needs_its_detail() {
    let mut body = minimal();
    set(&mut body, "/contact", json!({"email": "a@example.org", "preferred_method": "phone"}));
    assert_eq!(errors(&body), vec![("contact.preferred_method".into(), ErrorCode::RequiredForPreferredMethod)]);
}

#[test]
fn dates_and_times() {
    let mut body = minimal();
    set(&mut body, "/incident/occurred_on", json!("2026-11-25"));
    assert_eq!(errors(&body), vec![("incident.occurred_on".into(), ErrorCode::InFuture)]);
    set(&mut body, "/incident/occurred_on", json!("2026-02-30"));
    assert_eq!(errors(&body), vec![("incident.occurred_on".into(), ErrorCode::InvalidDate)]);
    set(&mut body, "/incident/occurred_on", json!("1850-01-01"));
    assert_eq!(errors(&body), vec![("incident.occurred_on".into(), ErrorCode::InvalidDate)]);
    set(&mut body, "/incident/occurred_on", json!("2026-11-24"));
    set(&mut body, "/incident/occurred_at", json!("25:00"));
    assert_eq!(errors(&body), vec![("incident.occurred_at".into(), ErrorCode::InvalidTime)]);
    // 13:00 UTC on 24 November is 13:00 in London: after `now` (12:00).
    set(&mut body, "/incident/occurred_at", json!("13:00"));
    assert_eq!(errors(&body), vec![("incident.occurred_at".into(), ErrorCode::InFuture)]);
    set(&mut body, "/incident/occurred_at", json!("11:59"));
    assert!(parse_report(&body, now(), Submitter::Public).is_ok());
}

#[test]
fn today_is_the_uk_date() {
    // 23:30 UTC on 30 June is 00:30 on 1 July in London (BST): 1 July is not in the future.
    let summer_night: Timestamp = "2026-06-30T23:30:00Z".parse().unwrap();
    let mut body = minimal();
    set(&mut body, "/incident/occurred_on", json!("2026-07-01"));
    assert!(parse_report(&body, summer_night, Submitter::Public).is_ok());
}

#[test]
fn lengths_and_characters() {
    let mut body = minimal();
    set(&mut body, "/incident/description", json!("x".repeat(limits::DESCRIPTION + 1)));
    assert_eq!(errors(&body), vec![("incident.description".into(), ErrorCode::TooLong)]);
    // Characters, not bytes: 10,000 Chinese characters are allowed.
    set(&mut body, "/incident/description", json!("字".repeat(limits::DESCRIPTION)));
    assert!(parse_report(&body, now(), Submitter::Public).is_ok());
    set(&mut body, "/incident/description", json!("   "));
    assert_eq!(errors(&body), vec![("incident.description".into(), ErrorCode::Required)]);
    set(&mut body, "/incident/description", json!("line one\nline two"));
    assert!(parse_report(&body, now(), Submitter::Public).is_ok());
    set(&mut body, "/contact", json!({"name": "Chan\u{0}"}));
    assert_eq!(errors(&body), vec![("contact.name".into(), ErrorCode::InvalidCharacters)]);
    set(&mut body, "/contact", json!({"name": "a".repeat(limits::NAME + 1)}));
    assert_eq!(errors(&body), vec![("contact.name".into(), ErrorCode::TooLong)]);
}

/// JSON as clients that escape everything but ASCII write it (Python's default): `\uXXXX`, a
/// surrogate pair for a character beyond the first plane.
fn ascii_json(value: &Value) -> String {
    let mut out = String::new();
    for c in serde_json::to_string(value).unwrap().chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

/// A report's fields as the no-script form sends them, urlencoded.
fn as_form(body: &Value) -> String {
    fn flatten(path: &str, value: &Value, pairs: &mut Vec<(String, String)>) {
        match value {
            Value::Object(map) => map.iter().for_each(|(k, v)| flatten(&join(path, k), v, pairs)),
            Value::Array(items) => items.iter().for_each(|v| flatten(path, v, pairs)),
            Value::String(s) => pairs.push((path.to_string(), s.clone())),
            Value::Bool(b) => pairs.push((path.to_string(), b.to_string())),
            _ => {}
        }
    }
    let mut pairs = Vec::new();
    flatten("", body, &mut pairs);
    form_urlencoded::Serializer::new(String::new()).extend_pairs(&pairs).finish()
}

#[test]
fn the_body_limit_takes_the_largest_valid_report_however_it_is_encoded() {
    // Found by the service's property tests: a description of 10,000 Chinese characters, sent
    // by the form (9 bytes each, percent-encoded), made a valid report a 413 under the old limit
    // of 64 KiB; so did a full description and perpetrators' description in JSON escaped as
    // `\u` (6 bytes a character, 90,000 bytes).
    let mut body = full();
    for (pointer, max) in [
        ("/contact/name", limits::NAME),
        ("/contact/safe_times", limits::SAFE_TIMES),
        ("/incident/location/town", limits::TOWN),
        ("/incident/description", limits::DESCRIPTION),
        ("/incident/police_reference", limits::POLICE_REFERENCE),
        ("/perpetrators/description", limits::PERPETRATOR_DESCRIPTION),
        ("/consent/privacy_notice_version", limits::PRIVACY_NOTICE_VERSION),
    ] {
        set(&mut body, pointer, json!("😀".repeat(max)));
    }
    set(&mut body, "/reporter/heritage", json!(vec!["prefer_not_to_say"; limits::LIST]));
    set(&mut body, "/incident/types", json!(vec!["discrimination_at_work"; limits::LIST]));
    set(&mut body, "/incident/motivations", json!(vec!["transgender_identity"; limits::LIST]));
    set(&mut body, "/consent/support_needs", json!(vec!["workplace_discrimination"; limits::LIST]));
    assert!(parse_report(&body, now(), Submitter::Public).is_ok(), "the largest report is valid");
    let form = as_form(&body);
    let sizes = [form.len(), ascii_json(&body).len(), serde_json::to_string(&body).unwrap().len()];
    assert!(sizes.iter().all(|size| *size <= limits::BODY_BYTES), "{sizes:?} bytes, over {}", limits::BODY_BYTES);

    let mut chinese = minimal();
    set(&mut chinese, "/incident/description", json!("字".repeat(limits::DESCRIPTION)));
    assert!(as_form(&chinese).len() > 64 * 1024, "the case found: over the old limit as a form");
}

#[test]
fn lists_are_bounded_and_deduplicated() {
    let mut body = minimal();
    set(&mut body, "/incident/types", json!(vec!["other"; limits::LIST + 1]));
    assert_eq!(errors(&body), vec![("incident.types".into(), ErrorCode::TooMany)]);
    set(&mut body, "/incident/types", json!(["other", "threats", "other"]));
    let report = parse_report(&body, now(), Submitter::Public).unwrap();
    assert_eq!(report.incident.types, vec![IncidentType::Other, IncidentType::Threats]);
    set(&mut body, "/incident/types", json!([]));
    assert_eq!(errors(&body), vec![("incident.types".into(), ErrorCode::Required)]);
    set(&mut body, "/incident/types", json!("threats"));
    assert_eq!(errors(&body), vec![("incident.types".into(), ErrorCode::InvalidType)]);
}

#[test]
fn wrong_types_and_unknown_fields() {
    let mut body = minimal();
    set(&mut body, "/consent/advocate_support", json!("yes"));
    set(&mut body, "/incident/injured", json!(1));
    set(&mut body, "/incident/colour", json!("red"));
    set(&mut body, "/reporter", json!("victim"));
    let got = errors(&body);
    assert!(got.contains(&("consent.advocate_support".into(), ErrorCode::InvalidType)), "{got:?}");
    assert!(got.contains(&("incident.injured".into(), ErrorCode::InvalidType)));
    assert!(got.contains(&("incident.colour".into(), ErrorCode::UnknownField)));
    assert!(got.contains(&("reporter".into(), ErrorCode::InvalidType)));
    assert_eq!(errors(&json!([1, 2])), vec![("body".into(), ErrorCode::InvalidType)]);
    // Found by tests/parsers.rs: a null body was refused with no error at all.
    assert_eq!(errors(&Value::Null), vec![("body".into(), ErrorCode::InvalidType)]);
}

#[test]
fn location_needs_postcode_town_or_online() {
    let mut body = minimal();
    set(&mut body, "/incident/location", json!({"online": false}));
    assert_eq!(errors(&body), vec![("incident.location".into(), ErrorCode::LocationRequired)]);
    set(&mut body, "/incident/location", json!({"town": "Leeds"}));
    assert!(parse_report(&body, now(), Submitter::Public).is_ok());
    set(&mut body, "/incident/location", json!({"postcode": "ZZ9 9ZZ"}));
    assert_eq!(errors(&body), vec![("incident.location.postcode".into(), ErrorCode::InvalidPostcode)]);
    remove(&mut body, "/incident/location");
    assert_eq!(errors(&body), vec![("incident.location".into(), ErrorCode::LocationRequired)]);
}

#[test]
fn the_public_form_cannot_claim_an_operator_channel() {
    let mut body = minimal();
    set(&mut body, "/channel", json!("phone"));
    assert_eq!(errors(&body), vec![("channel".into(), ErrorCode::NotAllowed)]);
    assert_eq!(parse_report(&body, now(), Submitter::Operator).unwrap().channel, Channel::Phone);
    set(&mut body, "/channel", json!("online"));
    assert!(parse_report(&body, now(), Submitter::Public).is_ok());
}

#[test]
fn only_staff_may_say_how_a_call_went() {
    let mut body = minimal();
    set(&mut body, "/assisted", json!({"language_spoken": "Cantonese", "interpreter_used": true}));
    assert_eq!(errors(&body), vec![("assisted".into(), ErrorCode::NotAllowed)]);
    let assisted = parse_report(&body, now(), Submitter::Operator).unwrap().assisted.unwrap();
    assert_eq!((assisted.language_spoken.unwrap().as_str(), assisted.interpreter_used), ("Cantonese", Some(true)));
    set(&mut body, "/assisted", json!({"interpreter_used": "perhaps", "other": 1}));
    let refused: Vec<String> =
        parse_report(&body, now(), Submitter::Operator).unwrap_err().into_iter().map(|e| e.field).collect();
    assert_eq!(refused, ["assisted.other", "assisted.interpreter_used"]);
}

#[test]
fn language_is_required_and_read_leniently() {
    let mut body = minimal();
    set(&mut body, "/language", json!("zh-hant"));
    assert_eq!(parse_report(&body, now(), Submitter::Public).unwrap().language, Language::ChineseTraditional);
    set(&mut body, "/language", json!("klingon"));
    assert_eq!(errors(&body), vec![("language".into(), ErrorCode::InvalidChoice)]);
    assert_eq!(requested_language(&json!({"language": "zh-Hant"})), Some(Language::ChineseTraditional));
}

#[test]
fn every_error_code_has_an_english_message_and_zh_hant_translation() {
    for code in ErrorCode::ALL {
        let id = format!("error-{}", code.as_str());
        for language in crate::i18n::translated_languages() {
            assert!(crate::i18n::has_own_message(language, &id), "{language} lacks {id}");
        }
    }
}

#[test]
fn unknown_json_keys_are_echoed_as_a_short_clean_prefix() {
    let mut body = minimal();
    let long_key = format!("<{}>", "x".repeat(60_000));
    body["incident"].as_object_mut().unwrap().insert(long_key, json!(1));
    let got = errors(&body);
    let (field, code) = &got[0];
    assert_eq!(*code, ErrorCode::UnknownField);
    assert!(field.starts_with("incident.?xxx") && field.ends_with('…') && field.chars().count() < 60, "{field}");
}

#[test]
fn the_split_keeps_personal_data_out_of_the_summary() {
    let report = parse_report(&full(), now(), Submitter::Public).unwrap();
    let reference = Reference::from_entropy(42);
    let parts = split_report(report, uuid::Uuid::nil(), reference, now());
    let summary = serde_json::to_string(&parts.summary).unwrap();
    for planted in [
        "Chan Tai Man",
        "+447700900123",
        "7700",
        "chan@example.org",
        "M1 1AE",
        "Manchester",
        "Free text",
        "weekday evenings",
    ] {
        assert!(!summary.contains(planted), "summary holds {planted}: {summary}");
    }
    assert_eq!(parts.summary.occurred_month, "2026-11");
    assert!(parts.summary.phone_given && parts.summary.email_given);
    let contact = parts.contact.expect("contact details given");
    assert_eq!(contact.name.as_deref(), Some("Chan Tai Man"));
    assert_eq!(parts.narrative.description, "Free text of what happened.");

    let crate::emails::EmailText { subject, body } = operator_alert(&parts.summary);
    let message =
        serde_json::to_string(&RoutingMessage::new(&parts.summary, crate::routing::Route::PoliceReferral)).unwrap();
    let steps = next_steps(&parts.summary);
    for text in [&subject, &body, &message, &steps] {
        for planted in ["Chan Tai Man", "7700", "chan@example.org", "M1 1AE", "Manchester", "Free text", "hong_kong"] {
            assert!(!text.contains(planted), "{planted} leaked into {text}");
        }
    }
    assert!(body.contains(parts.summary.reference.as_str()) && subject.contains(parts.summary.reference.as_str()));
}

#[test]
fn next_steps_follow_consent_and_language() {
    let report = parse_report(&full(), now(), Submitter::Public).unwrap();
    let parts = split_report(report, uuid::Uuid::nil(), Reference::from_entropy(7), now());
    let zh = next_steps(&parts.summary);
    assert!(zh.contains("OYS-0000-0007") && zh.contains("3 個工作天"), "{zh}");

    let report = parse_report(&minimal(), now(), Submitter::Public).unwrap();
    let parts = split_report(report, uuid::Uuid::nil(), Reference::from_entropy(7), now());
    let en = next_steps(&parts.summary);
    // An anonymous reporter who said no to the police hears both: nothing goes to the police,
    // and the report is still read and counted.
    assert!(en.contains("will not contact you") && en.contains("We will not tell the police"), "{en}");
    assert!(en.contains("We will still read your report"), "{en}");
    assert!(!en.contains("pass your report"), "{en}");

    let mut not_sure = minimal();
    not_sure["consent"]["police"] = "not_sure".into();
    let report = parse_report(&not_sure, now(), Submitter::Public).unwrap();
    let parts = split_report(report, uuid::Uuid::nil(), Reference::from_entropy(8), now());
    assert!(parts.summary.routes.is_empty(), "not sure yet: no police referral");
    assert!(next_steps(&parts.summary).contains("not sure yet whether to tell the police"));
}
