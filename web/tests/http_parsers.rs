//! Property tests of the HTTP layer's readers of untrusted bytes: a report request (its media
//! type, size, JSON or urlencoded body, `Accept-Language` and `Idempotency-Key`), the report
//! form's fields, the follow-up page's fields and the operators' list query. The domain's parsers
//! behind them have their own properties (`shared/tests/parsers.rs`); the contract the refusals
//! are checked against and the generators of valid reports are the domain's test support
//! (`oys-shared-test-support`, `shared/test-support/`).
//!
//! The properties: whatever the bytes, nothing panics or aborts (JSON text nested 200,000 deep,
//! form keys thousands deep, bodies over the limit); every refusal is one field error with its
//! status, and renders as the API's answer; what is read parses to a `Report` or is refused field
//! by field; a valid report reads the same from JSON, from urlencoded bytes and from the form
//! page; a valid list query reads as what was asked.
//!
//! The default case counts keep this file to a few seconds of CPU in a debug build.
//! `PROPTEST_CASES` sets every property's count at once, e.g.
//! `PROPTEST_CASES=20000 cargo test --release -p oys-web --test http_parsers`.

use oys_shared_test_support as support;

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::IntoResponse;
use jiff::civil::{Date, Time};
use proptest::prelude::*;
use proptest::sample::{select, Index};
use serde_json::{json, Value};

use oys_shared::calendar::london;
use oys_shared::casework::CaseStatus;
use oys_shared::errors::sanitised_field_name;
use oys_shared::follow_up::{parse_follow_up, FOLLOW_UP_FIELDS};
use oys_shared::i18n::Language;
use oys_shared::report::{limits, parse_report, requested_language, Submitter, FORM_FIELDS};
use oys_shared::{ErrorCode, FieldError};
use oys_web::{follow_up_from_form, list_query, parse_json, read_report, report_from_form, value_from_form, ApiError};

use support::config;
use support::contract::*;
use support::generate::*;

fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread().build().expect("a runtime").block_on(future)
}

// ---------------------------------------------------------------------------------------------
// A report request.

/// What a client may put in a header: nothing, a usual value, or any bytes (those a header
/// cannot hold are left out, as the HTTP server would never pass them on).
fn header_value(usual: Vec<&'static str>) -> impl Strategy<Value = Option<Vec<u8>>> {
    prop_oneof![
        2 => Just(None),
        4 => select(usual).prop_map(|v| Some(v.as_bytes().to_vec())),
        1 => "[ -~]{0,60}".prop_map(|v| Some(v.into_bytes())),
        1 => prop::collection::vec(any::<u8>(), 0..60).prop_map(Some),
    ]
}

/// A request's headers, and whether it declares its true length, another or none.
#[derive(Debug, Clone)]
struct Headers {
    content_type: Option<Vec<u8>>,
    declared_length: Option<Option<Vec<u8>>>,
    accept_language: Option<Vec<u8>>,
    idempotency_key: Option<Vec<u8>>,
}

impl Headers {
    fn map(&self, body_length: usize) -> HeaderMap {
        let mut map = HeaderMap::new();
        let length = match &self.declared_length {
            Some(None) => Some(body_length.to_string().into_bytes()),
            Some(Some(other)) => Some(other.clone()),
            None => None,
        };
        let headers = [
            (header::CONTENT_TYPE, self.content_type.clone()),
            (header::CONTENT_LENGTH, length),
            (header::ACCEPT_LANGUAGE, self.accept_language.clone()),
            (HeaderName::from_static("idempotency-key"), self.idempotency_key.clone()),
        ];
        for (name, value) in headers {
            if let Some(value) = value.and_then(|v| HeaderValue::from_bytes(&v).ok()) {
                map.insert(name, value);
            }
        }
        map
    }
}

fn headers() -> impl Strategy<Value = Headers> {
    let content_type = header_value(vec![
        "application/json",
        "application/json; charset=utf-8",
        "Application/JSON",
        " application/json ;charset=x",
        "application/x-www-form-urlencoded",
        "application/x-www-form-urlencoded; charset=UTF-8",
        "text/plain",
        "multipart/form-data; boundary=x",
        "application/jsonx",
        "",
    ]);
    let declared_length = prop_oneof![
        2 => Just(None),
        2 => Just(Some(None)),
        1 => select(vec![
            "0".to_string(),
            limits::BODY_BYTES.to_string(),
            (limits::BODY_BYTES + 1).to_string(),
            "99999999999999999999".to_string(),
            "-1".to_string(),
            "abc".to_string(),
        ])
        .prop_map(|v| Some(Some(v.into_bytes()))),
    ];
    let accept_language = header_value(vec![
        "zh-HK, en;q=0.5",
        "vi",
        "de, fr;q=0.5",
        "en;q=NaN, ko;q=0.5",
        "en,en,en,en;q=0,en,en,en,en,en,en;q=NaN,en,en,en,en,en,en,en,en,en,en,en",
    ]);
    let idempotency_key = header_value(vec!["my-first-report", "a", "a key with spaces", "é"]);
    let long_key = "[!-~]{125,135}".prop_map(|k| Some(k.into_bytes()));
    let idempotency_key = prop_oneof![4 => idempotency_key, 1 => long_key];
    (content_type, declared_length, accept_language, idempotency_key).prop_map(
        |(content_type, declared_length, accept_language, idempotency_key)| Headers {
            content_type,
            declared_length,
            accept_language,
            idempotency_key,
        },
    )
}

/// JSON text `depth` arrays or objects deep, closed or not.
fn nested_json(depth: usize, kind: u8) -> Vec<u8> {
    match kind % 3 {
        0 => format!("{}{}", "[".repeat(depth), "]".repeat(depth)),
        1 => format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth)),
        _ => "[{\"a\":".repeat(depth),
    }
    .into_bytes()
}

/// Bodies of every kind: any bytes, JSON nested deeper than the parser allows, reports as JSON
/// and as urlencoded bytes (some with bytes changed), any JSON, any form, bodies at the limit.
fn body() -> impl Strategy<Value = Vec<u8>> {
    let corrupted = (valid_report(), any::<bool>(), prop::collection::vec((any::<Index>(), any::<u8>()), 1..4))
        .prop_map(|(spec, as_form, changes)| {
            let mut bytes =
                if as_form { form_bytes(&spec.form_pairs()) } else { serde_json::to_vec(&spec.json()).unwrap() };
            for (at, byte) in changes {
                let at = at.index(bytes.len());
                bytes[at] = byte;
            }
            bytes
        });
    prop_oneof![
        2 => prop::collection::vec(any::<u8>(), 0..2_000),
        1 => (prop_oneof![1..200usize, 200..40_000usize], any::<u8>()).prop_map(|(d, k)| nested_json(d, k)),
        2 => valid_report().prop_map(|spec| serde_json::to_vec(&spec.json()).unwrap()),
        2 => valid_report().prop_map(|spec| form_bytes(&spec.form_pairs())),
        2 => corrupted,
        2 => wild_value().prop_map(|value| serde_json::to_vec(&value).unwrap()),
        2 => form_body(),
        1 => (limits::BODY_BYTES - 3..limits::BODY_BYTES + 3, select(vec![b'a', b'[', b' ']))
            .prop_map(|(n, byte)| vec![byte; n]),
    ]
}

/// The media type's essence, as the server reads it.
fn essence(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    Some(value.split(';').next()?.trim().to_ascii_lowercase())
}

const JSON: &str = "application/json";
const FORM: &str = "application/x-www-form-urlencoded";

/// The key a request may be replayed under: 1 to 128 visible ASCII characters.
fn valid_key(headers: &HeaderMap) -> Result<Option<String>, ()> {
    let Some(value) = headers.get("idempotency-key") else { return Ok(None) };
    let bytes = value.as_bytes();
    if bytes.is_empty() || bytes.len() > 128 || !bytes.iter().all(|b| (0x21..=0x7e).contains(b)) {
        return Err(());
    }
    Ok(Some(String::from_utf8(bytes.to_vec()).unwrap()))
}

/// A refusal of the HTTP layer: one field error, its status, and the API's answer made of it.
fn check_http_refusal(status: StatusCode, language: Language, errors: &[FieldError]) -> Result<(), TestCaseError> {
    prop_assert_eq!(errors.len(), 1, "{:?}", errors);
    let error = &errors[0];
    let (want_status, want_field) = match error.code {
        ErrorCode::MalformedBody | ErrorCode::InvalidType => (StatusCode::BAD_REQUEST, "body"),
        ErrorCode::InvalidIdempotencyKey => (StatusCode::BAD_REQUEST, "Idempotency-Key"),
        ErrorCode::BodyTooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "body"),
        ErrorCode::UnsupportedMediaType => (StatusCode::UNSUPPORTED_MEDIA_TYPE, "body"),
        other => return Err(TestCaseError::fail(format!("a request refused with {other}"))),
    };
    prop_assert_eq!((status, error.field.as_str()), (want_status, want_field));
    let response = ApiError::fields(status, language, errors.to_vec()).into_response();
    prop_assert_eq!(response.status(), status);
    let bytes = block_on(axum::body::to_bytes(response.into_body(), usize::MAX)).unwrap();
    let answer: Value = serde_json::from_slice(&bytes).unwrap();
    prop_assert_eq!(&answer["errors"][0]["field"], &json!(error.field), "{}", answer);
    prop_assert_eq!(&answer["errors"][0]["code"], &json!(error.code.as_str()));
    prop_assert!(answer["errors"][0]["message"].as_str().is_some_and(|m| !m.trim().is_empty()), "{}", answer);
    Ok(())
}

proptest! {
    #![proptest_config(config(384))]

    /// Any request is read into a submission whose body parses or is refused field by field,
    /// or is refused with one field error of the right status, for the right reason.
    #[test]
    fn any_report_request_is_read_or_refused_with_a_field_error(
        body in body(),
        headers in headers(),
        submitter in submitter(),
        now in now(),
        language in language(),
    ) {
        let map = headers.map(body.len());
        let kind = essence(&map);
        let declared = map.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<usize>().ok());
        let too_large = body.len() > limits::BODY_BYTES || declared.is_some_and(|n| n > limits::BODY_BYTES);
        match block_on(read_report(&map, Body::from(body.clone()), submitter)) {
            Ok((submission, answer_language)) => {
                prop_assert!(kind.as_deref() == Some(JSON) || kind.as_deref() == Some(FORM), "{kind:?} read");
                prop_assert!(!too_large, "{} bytes read", body.len());
                prop_assert!(submission.body.is_object());
                prop_assert_eq!(submission.submitter, submitter);
                prop_assert_eq!(Ok(submission.idempotency_key.clone()), valid_key(&map));
                if kind.as_deref() == Some(FORM) {
                    check_form_value(&submission.body)?;
                }
                if let Some(named) = requested_language(&submission.body) {
                    prop_assert_eq!(answer_language, named);
                }
                match parse_report(&submission.body, now, submitter) {
                    Ok(report) => check_report_invariants(&report, submitter)?,
                    Err(errors) => check_report_refusal(&submission.body, &errors, language)?,
                }
            }
            Err(ApiError::Fields { status, language: answer_language, errors }) => {
                check_http_refusal(status, answer_language, &errors)?;
                let why = match errors[0].code {
                    ErrorCode::UnsupportedMediaType => kind.as_deref() != Some(JSON) && kind.as_deref() != Some(FORM),
                    ErrorCode::BodyTooLarge => too_large,
                    ErrorCode::MalformedBody => kind.as_deref() == Some(JSON) && serde_json::from_slice::<Value>(&body).is_err(),
                    ErrorCode::InvalidType => serde_json::from_slice::<Value>(&body).is_ok_and(|v| !v.is_object()),
                    ErrorCode::InvalidIdempotencyKey => valid_key(&map).is_err(),
                    _ => false,
                };
                prop_assert!(why, "{:?} for {:?}", errors, headers);
            }
            Err(other) => prop_assert!(false, "refused with {other:?}"),
        }
    }

    /// A valid report reads alike as JSON, as urlencoded bytes and from the form page (with its
    /// own key), in the language it names, under the key it was sent with.
    #[test]
    fn a_valid_report_reads_alike_as_json_as_form_bytes_and_from_the_form_page(
        spec in valid_report(),
        weights in prop::collection::vec(any::<u32>(), FORM_FIELDS.len()),
        key in prop::option::of("[!-~]{1,128}"),
        page_language in language(),
    ) {
        let expected = Ok(spec.expected());
        let form = form_bytes(&shuffled(spec.form_pairs(), &weights));
        for (media_type, bytes) in [(JSON, serde_json::to_vec(&spec.json()).unwrap()), (FORM, form.clone())] {
            let mut map = HeaderMap::new();
            map.insert(header::CONTENT_TYPE, HeaderValue::from_static(media_type));
            if let Some(key) = &key {
                map.insert("idempotency-key", HeaderValue::from_str(key).unwrap());
            }
            let read = block_on(read_report(&map, Body::from(bytes), spec.submitter));
            prop_assert!(read.is_ok(), "{media_type}: {:?}", read.err());
            let (submission, language) = read.unwrap();
            prop_assert_eq!(language, spec.language.want);
            prop_assert_eq!(&submission.idempotency_key, &key);
            prop_assert_eq!(parse_report(&submission.body, spec.now, spec.submitter), expected.clone(), "{}", media_type);
        }
        let mut page = spec.form_pairs();
        page.push(("form_key".to_string(), key.unwrap_or_default()));
        let value = report_from_form(&form_bytes(&page), page_language);
        prop_assert_eq!(parse_report(&value, spec.now, spec.submitter), expected);
    }
}

proptest! {
    #![proptest_config(config(64))]

    /// JSON text nested far deeper than the parser's limit, closed or not, is malformed, not a
    /// crash; text within it reads.
    #[test]
    fn json_nested_past_the_parsers_limit_is_malformed_not_a_crash(
        depth in prop_oneof![1..100usize, 200..200_000usize],
        kind in any::<u8>(),
        language in language(),
    ) {
        match parse_json(&nested_json(depth, kind), language) {
            Ok(value) => {
                prop_assert!(depth < 200 && kind % 3 != 2, "{depth} levels read");
                prop_assert_eq!(support::contract::depth(&value), depth + usize::from(kind % 3 == 1));
            }
            Err(ApiError::Fields { status, language, errors }) => {
                prop_assert!(depth >= 200 || kind % 3 == 2, "{depth} levels refused");
                prop_assert_eq!(errors[0].code, ErrorCode::MalformedBody);
                check_http_refusal(status, language, &errors)?;
            }
            Err(other) => prop_assert!(false, "refused with {other:?}"),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The form page and the follow-up page.

proptest! {
    #![proptest_config(config(256))]

    /// Any form page body makes a bounded report in the page's language that parses or is
    /// refused field by field; the form's own key never reaches it.
    #[test]
    fn any_form_page_body_is_parsed_or_refused_field_by_field(
        bytes in prop_oneof![form_body(), valid_report().prop_map(|spec| form_bytes(&spec.form_pairs()))],
        page_language in language(),
        now in now(),
    ) {
        let value = report_from_form(&bytes, page_language);
        check_form_value(&value)?;
        let root = value.as_object().unwrap();
        prop_assert!(!root.contains_key("form_key"), "{}", value);
        for section in ["language", "reporter", "incident", "consent"] {
            prop_assert!(root.contains_key(section), "{section} missing: {value}");
        }
        match parse_report(&value, now, Submitter::Public) {
            Ok(report) => check_report_invariants(&report, Submitter::Public)?,
            Err(errors) => check_report_refusal(&value, &errors, page_language)?,
        }
    }

    /// Any follow-up page body reads only the page's fields, and parses to a follow-up that
    /// adds something or is refused field by field.
    #[test]
    fn any_follow_up_page_body_is_parsed_or_refused_field_by_field(
        bytes in prop_oneof![
            form_body(),
            prop::collection::vec((select(FOLLOW_UP_FIELDS).prop_map(String::from), form_value()), 0..8)
                .prop_map(|pairs| form_bytes(&pairs)),
        ],
        language in language(),
    ) {
        let (typed, value) = follow_up_from_form(&bytes);
        prop_assert!(typed.keys().all(|key| FOLLOW_UP_FIELDS.contains(&key.as_str())), "{typed:?}");
        for (key, text) in &typed {
            prop_assert_eq!(&value[key], &json!(text));
        }
        match parse_follow_up(&value) {
            Ok(request) => prop_assert!(request.information.is_some() || request.advocate_phone.is_some()),
            Err(errors) => check_refusal(&errors, follow_up_codes, vec![], "follow_up", language)?,
        }
    }

    /// A valid follow-up sent from the page parses to what was generated.
    #[test]
    fn a_valid_follow_up_from_the_page_parses_to_what_was_generated((body, request) in valid_follow_up()) {
        let pairs: Vec<(String, String)> = body
            .as_object()
            .unwrap()
            .iter()
            .map(|(key, value)| (key.clone(), value.as_str().unwrap_or_default().to_string()))
            .collect();
        let (_, value) = follow_up_from_form(&form_bytes(&pairs));
        prop_assert_eq!(parse_follow_up(&value), Ok(request));
    }
}

// ---------------------------------------------------------------------------------------------
// The operators' list query.

/// A `due_before` as an operator may type it: an RFC 3339 time, or a date (its start, UK time).
#[derive(Debug, Clone)]
enum Due {
    At(jiff::Timestamp),
    On(Date),
}

fn due() -> impl Strategy<Value = Due> {
    prop_oneof![
        now().prop_map(Due::At),
        // Since 1972 the UK's clocks change at 01:00 UTC, never at midnight.
        (1972i16..2200, 1i8..13, 1i8..29).prop_map(|(y, m, d)| Due::On(Date::new(y, m, d).unwrap())),
    ]
}

fn query() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        4 => select(vec!["status", "due_before"]).prop_map(String::from),
        1 => wild_string(),
        1 => deep_key(),
    ];
    let value = prop_oneof![
        select(<CaseStatus as oys_shared::Choice>::identifiers()).prop_map(String::from),
        due().prop_map(|due| match due {
            Due::At(at) => at.to_string(),
            Due::On(date) => date.to_string(),
        }),
        wild_string(),
    ];
    prop_oneof![
        1 => wild_string(),
        1 => prop::collection::vec(any::<u8>(), 0..200).prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        3 => prop::collection::vec((key, value), 0..6).prop_map(|pairs| String::from_utf8(form_bytes(&pairs)).unwrap()),
    ]
}

/// The codes a list query's field may be refused with: the two it takes, or a name it does
/// not (`unknown_field`), each `too_many` when repeated.
fn list_codes(field: &str) -> Option<&'static [ErrorCode]> {
    match field {
        "status" => Some(&[ErrorCode::InvalidChoice, ErrorCode::TooMany]),
        "due_before" => Some(&[ErrorCode::InvalidDateTime, ErrorCode::TooMany]),
        _ => Some(&[ErrorCode::TooMany]),
    }
}

proptest! {
    #![proptest_config(config(384))]

    /// Any query reads or is refused field by field: each key it does not take once, each
    /// repeat, each bad value.
    #[test]
    fn any_list_query_is_read_or_refused_field_by_field(query in query(), language in language()) {
        let mut seen = std::collections::HashSet::new();
        let mut unknown: Vec<String> = form_urlencoded::parse(query.as_bytes())
            .filter(|(key, _)| seen.insert(key.clone()))
            .filter(|(key, _)| key != "status" && key != "due_before")
            .map(|(key, _)| sanitised_field_name(&key))
            .collect();
        unknown.sort();
        match list_query(Some(&query)) {
            Ok((status, due_before)) => {
                prop_assert!(unknown.is_empty());
                let pairs: Vec<(String, String)> =
                    form_urlencoded::parse(query.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
                let given = |name: &str| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
                prop_assert_eq!(status.map(|s| s.as_str().to_string()), given("status"));
                prop_assert_eq!(due_before.is_some(), given("due_before").is_some());
            }
            Err(errors) => check_refusal(&errors, list_codes, unknown, "list", language)?,
        }
    }

    /// A valid query, in any order, reads as what was asked; a date is its start in UK time.
    #[test]
    fn a_valid_list_query_reads_as_asked(
        status in prop::option::of(select(CaseStatus::ALL)),
        due in prop::option::of(due()),
        status_first in any::<bool>(),
    ) {
        let mut pairs = Vec::new();
        if let Some(status) = status {
            pairs.push(("status".to_string(), status.as_str().to_string()));
        }
        if let Some(due) = &due {
            let text = match due {
                Due::At(at) => at.to_string(),
                Due::On(date) => date.to_string(),
            };
            pairs.push(("due_before".to_string(), text));
        }
        if !status_first {
            pairs.reverse();
        }
        let query = String::from_utf8(form_bytes(&pairs)).unwrap();
        let read = list_query(Some(&query));
        prop_assert!(read.is_ok(), "{query}: {:?}", read);
        let (read_status, read_due) = read.unwrap();
        prop_assert_eq!(read_status, status);
        match (due, read_due) {
            (None, None) => {}
            (Some(Due::At(at)), Some(read)) => prop_assert_eq!(read, at),
            (Some(Due::On(date)), Some(read)) => {
                let uk = read.to_zoned_datetime(london());
                prop_assert_eq!((uk.date(), uk.time()), (date, Time::midnight()), "{}", read);
            }
            (due, read) => prop_assert!(false, "{due:?} read as {read:?}"),
        }
        prop_assert_eq!(list_query(None), Ok((None, None)));
    }
}

// ---------------------------------------------------------------------------------------------
// The no-script form's mapping (`value_from_form`): arbitrary pairs and bytes, and a valid
// report's fields in any order.

proptest! {
    #![proptest_config(config(256))]

    /// Property 3: the same report as the form's urlencoded bytes, its fields in any order,
    /// parses to the same `Report` as the JSON.
    #[test]
    fn a_valid_report_as_form_bytes_parses_to_the_same_report(
        spec in valid_report(),
        weights in prop::collection::vec(any::<u32>(), FORM_FIELDS.len()),
    ) {
        let pairs = shuffled(spec.form_pairs(), &weights);
        let bytes = form_bytes(&pairs);
        let value = value_from_form(form_urlencoded::parse(&bytes));
        let from_form = parse_report(&value, spec.now, spec.submitter);
        prop_assert_eq!(from_form.as_ref(), Ok(&spec.expected()), "{}", value);
        prop_assert_eq!(from_form, parse_report(&spec.json(), spec.now, spec.submitter));
    }

    /// Properties 1 and 2 on the form: any pairs make a bounded value that parses or is
    /// refused field by field; a key that is no form field never goes unnoticed.
    #[test]
    fn any_form_pairs_are_parsed_or_refused_field_by_field(
        pairs in prop::collection::vec((form_key(), form_value()), 0..40),
        spec in valid_report(),
        extra_at in any::<prop::sample::Index>(),
        language in language(),
    ) {
        // Arbitrary pairs alone, and mixed into a valid report.
        let mut mixed = spec.form_pairs();
        if !pairs.is_empty() {
            let at = extra_at.index(mixed.len() + 1);
            let extra = &pairs[..pairs.len().min(3)];
            mixed.splice(at..at, extra.iter().cloned());
        }
        for pairs in [pairs.clone(), mixed] {
            let value = value_from_form(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
            check_form_value(&value)?;
            let _ = requested_language(&value);
            match parse_report(&value, spec.now, spec.submitter) {
                Ok(report) => {
                    check_report_invariants(&report, spec.submitter)?;
                    let strangers: Vec<&String> = pairs
                        .iter()
                        .map(|(k, _)| k)
                        .filter(|k| !k.is_empty() && !FORM_FIELDS.contains(&k.as_str()))
                        .collect();
                    prop_assert!(strangers.is_empty(), "accepted with keys that are no form field: {strangers:?}");
                }
                Err(errors) => check_report_refusal(&value, &errors, language)?,
            }
        }
    }

    /// Properties 1 and 2 on the form's bytes, as the HTTP layer reads them.
    #[test]
    fn any_form_bytes_are_parsed_or_refused_field_by_field(
        bytes in form_body(),
        now in now(),
        submitter in submitter(),
        language in language(),
    ) {
        let value = value_from_form(form_urlencoded::parse(&bytes));
        check_form_value(&value)?;
        match parse_report(&value, now, submitter) {
            Ok(report) => check_report_invariants(&report, submitter)?,
            Err(errors) => check_report_refusal(&value, &errors, language)?,
        }
    }
}
