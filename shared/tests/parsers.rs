//! Property tests of every parser of untrusted input in the domain: reports (JSON, and the
//! no-script form's fields and bytes), case events, follow-ups, follow-up receipts, references,
//! the field types (postcodes, phones, emails, language tags, free text) and the languages a
//! request names (`Accept-Language`).
//!
//! The properties:
//! 1. Nothing panics or aborts, whatever the input: arbitrary JSON (nested, unicode, control
//!    characters, extreme numbers, wrong types at every field path, values thousands of levels
//!    deep), arbitrary form pairs and bytes (dotted and bracketed keys thousands deep).
//! 2. Every refusal is a non-empty list of field errors, each naming a field of the API (the
//!    paths are read from `docs/openapi.json`) with a code that field can have, and every unknown
//!    key comes back as exactly its sanitised name; every error renders as a message.
//! 3. Valid reports generated over the whole schema parse to exactly the `Report` generated
//!    (normalised postcodes, phones and language tags, trimmed text, defaults, routes), and the
//!    same report sent as the form's urlencoded bytes parses to the same `Report`.
//! 4. A valid report with one field broken is refused with errors on exactly that field.
//! 5. Receipts and references read back as people type them; random text never panics.
//! 6. Valid case events and follow-ups parse to what was generated; anything else is refused
//!    field by field.
//!
//! The default case counts (128 to 512 a property) keep this file to about 15 seconds of CPU in
//! a debug build. `PROPTEST_CASES` sets every property's count at once for a longer search, e.g.
//! `PROPTEST_CASES=20000 cargo test --release -p oys-shared --test parsers`.

use std::collections::BTreeSet;
use std::fmt::Debug;

use jiff::Span;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::strategy::Union;
use serde_json::{json, Map, Value};

use oys_shared::case_record::split_report;
use oys_shared::casework::{parse_event, CallOutcome, CaseEvent, WithdrawalScope, EVENT_TYPES};
use oys_shared::errors::sanitised_field_name;
use oys_shared::fields::{EmailAddress, LanguageTag, PhoneNumber, Postcode, TextRule};
use oys_shared::follow_up::{parse_follow_up, FollowUpReceipt, FOLLOW_UP_FIELDS};
use oys_shared::geography;
use oys_shared::i18n::Language;
use oys_shared::report::{
    limits, parse_report, requested_language, AgeBand, Channel, ContactMethod, Gender, Heritage, IncidentType,
    Motivation, PerpetratorCount, PlaceType, PoliceConsent, Relationship, Role, Submitter, SupportNeed, FORM_FIELDS,
};
use oys_shared::routing::{routes_for, Route};
use oys_shared::{Choice, ErrorCode, Reference};

use oys_shared_test_support as support;
use support::config;
use support::contract::*;
use support::generate::*;

#[test]
fn the_code_table_names_every_field_of_the_contract_and_no_other() {
    let table: BTreeSet<String> = REPORT_CODES.iter().map(|(f, _)| f.to_string()).collect();
    assert_eq!(table, REPORT_SHAPE.paths(), "REPORT_CODES against docs/openapi.json's ReportRequest");
    let form: BTreeSet<String> = FORM_FIELDS.iter().map(|f| f.to_string()).collect();
    let leaves: BTreeSet<String> = REPORT_SHAPE.leaves.union(&REPORT_SHAPE.lists).cloned().collect();
    assert_eq!(form, leaves, "the form's fields are the report's leaves");
    let codes = OPENAPI["components"]["schemas"]["ErrorList"]["properties"]["errors"]["items"]["properties"]["code"]
        ["enum"]
        .as_array()
        .expect("ErrorList lists its codes");
    for (_, table_codes) in REPORT_CODES {
        for code in *table_codes {
            assert!(codes.contains(&json!(code.as_str())), "{code} is not in the contract");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Arbitrary input.

/// One change to a body: a field set to anything, removed, an item of a list replaced, or a key
/// added where it may or may not belong.
#[derive(Debug, Clone)]
enum Mutation {
    Set(String, Value),
    Remove(String),
    SetItem(String, usize, Value),
    AddKey(String, String, Value),
}

fn mutation(shape: &'static Shape) -> impl Strategy<Value = Mutation> {
    let mut paths: Vec<String> = shape.paths().into_iter().collect();
    paths.push(String::new());
    let objects: Vec<String> = shape.objects.keys().cloned().collect();
    let lists: Vec<String> = shape.lists.iter().cloned().collect();
    prop_oneof![
        4 => (select(paths.clone()), wild_value()).prop_map(|(p, v)| Mutation::Set(p, v)),
        2 => select(paths).prop_map(Mutation::Remove),
        2 => (select(lists), 0..30usize, wild_value()).prop_map(|(p, i, v)| Mutation::SetItem(p, i, v)),
        2 => (select(objects), wild_key(), wild_value()).prop_map(|(p, k, v)| Mutation::AddKey(p, k, v)),
    ]
}

fn apply(body: &mut Value, mutation: &Mutation) {
    match mutation {
        Mutation::Set(path, value) => set_at(body, path, value.clone()),
        Mutation::Remove(path) if path.is_empty() => *body = Value::Null,
        Mutation::Remove(path) => remove_at(body, path),
        Mutation::SetItem(path, i, value) => {
            let mut items = at(body, path).and_then(Value::as_array).cloned().unwrap_or_default();
            if *i < items.len() {
                items[*i] = value.clone();
            } else {
                items.push(value.clone());
            }
            set_at(body, path, Value::Array(items));
        }
        Mutation::AddKey(path, key, value) => set_key(body, path, key, value.clone()),
    }
}

/// A value that takes itself apart without recursion when dropped: dropping a value thousands
/// of levels deep the ordinary way overflows the stack (the bug the form once had).
struct Deep(Value);

impl Drop for Deep {
    fn drop(&mut self) {
        let mut stack = vec![self.0.take()];
        while let Some(value) = stack.pop() {
            match value {
                Value::Array(items) => stack.extend(items),
                Value::Object(map) => stack.extend(map.into_iter().map(|(_, v)| v)),
                _ => {}
            }
        }
    }
}

/// `depth` arrays and objects around `leaf`, in the order `shape`'s bits give, built without
/// recursion.
fn deep_value(depth: usize, shape: u64, leaf: Value) -> Value {
    let mut value = leaf;
    for level in 0..depth {
        value = if shape.rotate_left((level % 64) as u32) & 1 == 0 {
            Value::Array(vec![value])
        } else {
            Value::Object(Map::from_iter([("a".to_string(), value)]))
        };
    }
    value
}

fn any_report_body() -> impl Strategy<Value = Value> {
    prop_oneof![
        1 => wild_value(),
        1 => prop::collection::vec((wild_key(), wild_value()), 0..8)
            .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        4 => (valid_report(), prop::collection::vec(mutation(&REPORT_SHAPE), 1..6)).prop_map(|(spec, mutations)| {
            let mut body = spec.json();
            for m in &mutations {
                apply(&mut body, m);
            }
            body
        }),
    ]
}

proptest! {
    #![proptest_config(config(384))]

    /// Properties 1 and 2 on JSON: any body is a valid `Report` or is refused field by field.
    #[test]
    fn any_json_report_is_parsed_or_refused_field_by_field(
        body in any_report_body(),
        now in now(),
        submitter in submitter(),
        language in language(),
    ) {
        let _ = requested_language(&body);
        match parse_report(&body, now, submitter) {
            Ok(report) => check_report_invariants(&report, submitter)?,
            Err(errors) => check_report_refusal(&body, &errors, language)?,
        }
    }
}

proptest! {
    #![proptest_config(config(128))]

    /// Property 1 on depth: a value thousands of levels deep, at any field path or as the body,
    /// is refused field by field; nothing walks, copies or drops it recursively (in a debug
    /// build a recursive clone of 3,000 levels already overflows a test thread's 2 MiB stack,
    /// which aborts the whole test binary).
    #[test]
    fn deeply_nested_values_anywhere_are_refused_without_recursion(
        spec in valid_report(),
        path in select(REPORT_SHAPE.paths().into_iter().chain([String::new()]).collect::<Vec<_>>()),
        as_item in any::<bool>(),
        depth in prop_oneof![1..64usize, 3_000..30_000usize],
        shape in any::<u64>(),
        leaf in prop_oneof![Just(Value::Null), Just(json!("victim")), Just(json!(1))],
    ) {
        let mut body = Deep(spec.json());
        let nested = deep_value(depth, shape, leaf);
        let nested = if as_item && REPORT_SHAPE.lists.contains(&path) { Value::Array(vec![nested]) } else { nested };
        set_at(&mut body.0, &path, nested);
        let _ = requested_language(&body.0);
        let errors = parse_report(&body.0, spec.now, spec.submitter).expect_err("a container where none belongs");
        check_report_refusal(&body.0, &errors, spec.language.want)?;
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// Property 3: a valid report parses to exactly what was generated; its routes follow its
    /// consent; its language is read before anything else.
    #[test]
    fn valid_reports_parse_to_what_was_generated(spec in valid_report()) {
        let body = spec.json();
        let expected = spec.expected();
        let report = parse_report(&body, spec.now, spec.submitter);
        prop_assert_eq!(report.as_ref(), Ok(&expected), "{}", body);
        let report = report.unwrap();
        check_report_invariants(&report, spec.submitter)?;
        prop_assert_eq!(requested_language(&body), Some(spec.language.want));

        let mut routes = Vec::new();
        // "Not sure yet" refers nothing: only an agreement sends the report to the police.
        if matches!(spec.police.want, PoliceConsent::Anonymous | PoliceConsent::WithContactDetails) {
            routes.push(Route::PoliceReferral);
        }
        if spec.advocate {
            routes.push(Route::AdvocateAssignment);
        }
        prop_assert_eq!(routes_for(report.consent.police, report.consent.advocate_support), routes.clone());
        let parts = split_report(report, uuid::Uuid::nil(), Reference::from_entropy(7), spec.now);
        prop_assert_eq!(parts.summary.routes, routes);
        prop_assert_eq!(parts.contact.is_some(), expected.contact.details.has_personal_data());
    }

}

// ---------------------------------------------------------------------------------------------
// One field broken.

/// A change that breaks exactly one field, and the errors it must get.
#[derive(Debug, Clone)]
struct Break {
    /// Where the bad value goes (the object's path and the key in it); `None` removes the field.
    parent: String,
    key: String,
    value: Option<Value>,
    /// The one field every error must name, and the codes it may carry.
    field: String,
    codes: Vec<ErrorCode>,
    /// What the report must be for this to break it, or the value that depends on the report.
    needs: Needs,
}

#[derive(Debug, Clone, Copy)]
enum Needs {
    Nothing,
    /// A public report (an operator may name any channel).
    Public,
    /// No email given (or no phone): `preferred_method` then names a detail that is not there.
    NoEmail,
    NoPhone,
    /// The date this many days after the report's today (UK).
    DaysAhead(i64),
    /// A report that happened today, and the time this many minutes after now.
    MinutesAhead(i32),
}

impl Break {
    fn at(path: &str, value: Option<Value>, field: String, codes: Vec<ErrorCode>) -> Break {
        let (parent, key) = path.rsplit_once('.').unwrap_or(("", path));
        Break { parent: parent.to_string(), key: key.to_string(), value, field, codes, needs: Needs::Nothing }
    }

    fn needing(mut self, needs: Needs) -> Break {
        self.needs = needs;
        self
    }

    /// The bad value for this report, or `None` if this break cannot apply to it.
    fn value_for(&self, spec: &Spec) -> Option<Option<Value>> {
        let now = spec.uk_now();
        match self.needs {
            Needs::Nothing => Some(self.value.clone()),
            Needs::Public => (spec.submitter == Submitter::Public).then(|| self.value.clone()),
            Needs::NoEmail => spec.email.given().is_none().then(|| self.value.clone()),
            Needs::NoPhone => spec.phone.given().is_none().then(|| self.value.clone()),
            Needs::DaysAhead(days) => {
                let date = now.date().checked_add(Span::new().days(days)).ok()?;
                Some(Some(json!(date.to_string())))
            }
            Needs::MinutesAhead(minutes) => {
                let at = i32::from(now.hour()) * 60 + i32::from(now.minute()) + minutes;
                (spec.occurred_on() == now.date() && at < 24 * 60)
                    .then(|| Some(json!(format!("{:02}:{:02}", at / 60, at % 60))))
            }
        }
    }
}

fn breaking(path: &str, value: impl Strategy<Value = Value> + 'static, codes: &[ErrorCode]) -> BoxedStrategy<Break> {
    let (path, codes) = (path.to_string(), codes.to_vec());
    value.prop_map(move |v| Break::at(&path, Some(v), path.clone(), codes.clone())).boxed()
}

fn removing(path: &str, code: ErrorCode) -> BoxedStrategy<Break> {
    Just(Break::at(path, None, path.to_string(), vec![code])).boxed()
}

/// JSON of any type but `kind` (`string`, `bool`, `list`, `object`), never null.
fn wrong_type(kind: &'static str) -> BoxedStrategy<Value> {
    let mut options: Vec<BoxedStrategy<Value>> = vec![wild_number().prop_filter("not null", |v| !v.is_null()).boxed()];
    if kind != "bool" {
        options.push(any::<bool>().prop_map(Value::Bool).boxed());
    }
    if kind != "string" {
        // Not blank: a blank text is a field left empty (`required` where one is).
        options.push(wild_string().prop_filter("blank", |s| !s.trim().is_empty()).prop_map(Value::String).boxed());
    }
    if kind != "list" {
        options.push(prop::collection::vec(wild_value(), 0..3).prop_map(Value::Array).boxed());
    }
    if kind != "object" {
        options.push(
            prop::collection::vec(("[a-z]{1,6}", wild_value()), 0..3)
                .prop_map(|entries| Value::Object(entries.into_iter().collect()))
                .boxed(),
        );
    }
    Union::new(options).boxed()
}

/// A string that is none of `T`'s identifiers and not blank.
fn not_a<T: Choice>() -> impl Strategy<Value = Value> {
    prop_oneof![wild_string(), "[a-z_]{1,12}", select(T::identifiers()).prop_map(|id| format!("{id}x"))]
        .prop_filter("blank, or an identifier", |s| !s.trim().is_empty() && <T as Choice>::parse(s.trim()).is_none())
        .prop_map(Value::String)
}

/// Text too long for `max`, or with a control character inside (`multiline` allows line
/// breaks and tabs).
fn bad_text(max: usize, multiline: bool) -> impl Strategy<Value = (Value, ErrorCode)> {
    let long = (select(vec!['a', '字', '😀']), 1..20usize)
        .prop_map(move |(c, over)| (json!(std::iter::repeat_n(c, max + over).collect::<String>()), E::TooLong));
    let controls: Vec<char> = if multiline {
        vec!['\u{0}', '\u{7}', '\u{1b}', '\u{7f}', '\u{85}', '\u{9f}']
    } else {
        vec!['\u{0}', '\t', '\n', '\r', '\u{1b}', '\u{85}']
    };
    let control = (select(controls), 0..3usize)
        .prop_map(|(c, at)| (json!(format!("a{}{c}b", "x".repeat(at))), E::InvalidCharacters));
    prop_oneof![long, control]
}

fn text_breaks(path: &str, max: usize, multiline: bool, required: bool) -> Vec<BoxedStrategy<Break>> {
    let path_owned = path.to_string();
    let mut breaks = vec![
        bad_text(max, multiline)
            .prop_map(move |(v, code)| Break::at(&path_owned, Some(v), path_owned.clone(), vec![code]))
            .boxed(),
        breaking(path, wrong_type("string"), &[E::InvalidType]),
    ];
    if required {
        breaks.push(removing(path, E::Required));
        breaks.push(breaking(path, "[ \t\u{a0}]{0,3}".prop_map(Value::from), &[E::Required]));
    }
    breaks
}

fn choice_breaks<T: Choice + 'static>(path: &str, required: bool) -> Vec<BoxedStrategy<Break>> {
    let mut breaks = vec![
        breaking(path, not_a::<T>(), &[E::InvalidChoice]),
        breaking(path, wrong_type("string"), &[E::InvalidType]),
    ];
    if required {
        breaks.push(removing(path, E::Required));
    }
    breaks
}

fn list_breaks<T: Choice + 'static>(path: &'static str) -> Vec<BoxedStrategy<Break>> {
    let items = prop::collection::vec(select(T::identifiers()), 0..4);
    let bad_item = prop_oneof![
        not_a::<T>().prop_map(|v| (v, E::InvalidChoice)),
        wrong_type("string").prop_map(|v| (v, E::InvalidType))
    ];
    vec![
        breaking(path, wrong_type("list"), &[E::InvalidType]),
        breaking(
            path,
            prop::collection::vec(select(T::identifiers()), limits::LIST + 1..limits::LIST + 8)
                .prop_map(|ids| json!(ids)),
            &[E::TooMany],
        ),
        (items, 0..4usize, bad_item)
            .prop_map(move |(mut ids, at, (bad, code))| {
                let at = at.min(ids.len());
                let mut list: Vec<Value> = ids.drain(..).map(Value::from).collect();
                list.insert(at, bad);
                Break::at(path, Some(Value::Array(list)), format!("{path}[{at}]"), vec![code])
            })
            .boxed(),
    ]
}

fn bool_breaks(path: &str) -> BoxedStrategy<Break> {
    breaking(path, wrong_type("bool"), &[E::InvalidType])
}

fn parsed_breaks(path: &str, max: usize, bad: Vec<&'static str>, code: ErrorCode) -> Vec<BoxedStrategy<Break>> {
    let mut breaks = text_breaks(path, max, false, false);
    breaks.push(breaking(path, select(bad).prop_map(Value::from), &[code]));
    breaks
}

/// Every way of breaking one field of a report.
fn breaks() -> Vec<BoxedStrategy<Break>> {
    let mut all = vec![
        removing("language", E::Required),
        breaking("language", "[a-z]{4,8}".prop_map(Value::from), &[E::InvalidChoice]),
        breaking("language", wrong_type("string"), &[E::InvalidType]),
        breaking("channel", not_a::<Channel>(), &[E::InvalidChoice]),
        breaking("channel", wrong_type("string"), &[E::InvalidType]),
        removing("reporter", E::Required),
        breaking("reporter", wrong_type("object"), &[E::InvalidType]),
        breaking("contact", wrong_type("object"), &[E::InvalidType]),
        bool_breaks("contact.safe_to_leave_voicemail"),
        bool_breaks("contact.interpreter_needed"),
        removing("incident", E::Required),
        breaking("incident", wrong_type("object"), &[E::InvalidType]),
        removing("incident.occurred_on", E::Required),
        breaking("incident.occurred_on", wrong_type("string"), &[E::InvalidType]),
        breaking(
            "incident.occurred_on",
            select(vec![
                "2026-02-30",
                "1850-01-01",
                "1899-12-31",
                "yesterday",
                "20/11/2026",
                "2026-13-01",
                "0000-01-01",
            ])
            .prop_map(Value::from),
            &[E::InvalidDate],
        ),
        breaking(
            "incident.occurred_at",
            select(vec!["25:00", "12:60", "noon", "24:01", "-1:00"]).prop_map(Value::from),
            &[E::InvalidTime],
        ),
        breaking("incident.occurred_at", wrong_type("string"), &[E::InvalidType]),
        removing("incident.location", E::LocationRequired),
        breaking("incident.location", Just(json!({"online": false})), &[E::LocationRequired]),
        breaking("incident.location", wrong_type("object"), &[E::InvalidType]),
        bool_breaks("incident.location.online"),
        bool_breaks("incident.injured"),
        bool_breaks("incident.ongoing"),
        bool_breaks("incident.reported_to_police_already"),
        removing("incident.types", E::Required),
        breaking("incident.types", Just(json!([])), &[E::Required]),
        breaking("perpetrators", wrong_type("object"), &[E::InvalidType]),
        removing("consent", E::Required),
        breaking("consent", wrong_type("object"), &[E::InvalidType]),
        removing("consent.advocate_support", E::Required),
        bool_breaks("consent.advocate_support"),
    ];
    // A date in the future: tomorrow (UK) or later; a time later today.
    all.push(
        (1..4000i64)
            .prop_map(|days| {
                Break::at("incident.occurred_on", None, "incident.occurred_on".into(), vec![E::InFuture])
                    .needing(Needs::DaysAhead(days))
            })
            .boxed(),
    );
    all.push(
        (1..600i32)
            .prop_map(|minutes| {
                Break::at("incident.occurred_at", None, "incident.occurred_at".into(), vec![E::InFuture])
                    .needing(Needs::MinutesAhead(minutes))
            })
            .boxed(),
    );
    let needing = |b: BoxedStrategy<Break>, needs: Needs| b.prop_map(move |b| b.needing(needs)).boxed();
    let channel = select(vec!["phone", "webchat"]).prop_map(Value::from);
    all.push(needing(breaking("channel", channel, &[E::NotAllowed]), Needs::Public));
    let email = breaking("contact.preferred_method", Just(json!("email")), &[E::RequiredForPreferredMethod]);
    all.push(needing(email, Needs::NoEmail));
    let method = select(vec!["phone", "text_message"]).prop_map(Value::from);
    let phone = breaking("contact.preferred_method", method, &[E::RequiredForPreferredMethod]);
    all.push(needing(phone, Needs::NoPhone));
    all.extend(choice_breaks::<Role>("reporter.role", true));
    all.extend(choice_breaks::<AgeBand>("reporter.age_band", false));
    all.extend(choice_breaks::<Gender>("reporter.gender", false));
    all.extend(choice_breaks::<ContactMethod>("contact.preferred_method", false));
    all.extend(choice_breaks::<PlaceType>("incident.location.place_type", false));
    all.extend(choice_breaks::<PerpetratorCount>("perpetrators.count", false));
    all.extend(choice_breaks::<Relationship>("perpetrators.relationship", false));
    all.extend(choice_breaks::<PoliceConsent>("consent.police", true));
    all.extend(list_breaks::<Heritage>("reporter.heritage"));
    all.extend(list_breaks::<IncidentType>("incident.types"));
    all.extend(list_breaks::<Motivation>("incident.motivations"));
    all.extend(list_breaks::<SupportNeed>("consent.support_needs"));
    all.extend(text_breaks("contact.name", limits::NAME, false, false));
    all.extend(text_breaks("contact.safe_times", limits::SAFE_TIMES, false, false));
    all.extend(text_breaks("incident.location.town", limits::TOWN, false, false));
    all.extend(text_breaks("incident.description", limits::DESCRIPTION, true, true));
    all.extend(text_breaks("incident.police_reference", limits::POLICE_REFERENCE, false, false));
    all.extend(text_breaks("perpetrators.description", limits::PERPETRATOR_DESCRIPTION, true, false));
    all.extend(text_breaks("consent.privacy_notice_version", limits::PRIVACY_NOTICE_VERSION, false, true));
    let bad_phones = vec!["12", "phone me", "+1 555", "077009001", "+44 7700 9001234567", "999", "+"];
    all.extend(parsed_breaks("contact.phone", limits::PHONE, bad_phones, E::InvalidPhone));
    let bad_emails = vec!["chan", "chan@", "@example.org", "chan@localhost", "a b@example.org", "Chan <c@example.org>"];
    all.extend(parsed_breaks("contact.email", limits::EMAIL, bad_emails, E::InvalidEmail));
    // A language code or the language's name in the reporter's words: only the text rules.
    all.extend(text_breaks("contact.preferred_language", limits::LANGUAGE_TAG, false, false));
    let bad_postcodes = vec!["ZZ9 9ZZ", "QQ1 1AA", "12345", "M1 1A", "ABC1 1AA", "∞1 1AA", "M", "M1 1AE X"];
    all.extend(parsed_breaks("incident.location.postcode", limits::POSTCODE, bad_postcodes, E::InvalidPostcode));
    // A key the object does not take, at every object of the report.
    for (object, allowed) in &REPORT_SHAPE.objects {
        let (object, allowed) = (object.clone(), allowed.clone());
        all.push(
            (wild_key(), wild_value())
                .prop_filter("a key the object takes", move |(key, _)| !allowed.contains(key))
                .prop_map(move |(key, value)| Break {
                    parent: object.clone(),
                    field: join(&object, &sanitised_field_name(&key)),
                    key,
                    value: Some(value),
                    codes: vec![E::UnknownField],
                    needs: Needs::Nothing,
                })
                .boxed(),
        );
    }
    all
}

proptest! {
    #![proptest_config(config(512))]

    /// Property 4: one field broken, and every error is on that field.
    #[test]
    fn a_report_with_one_field_broken_is_refused_on_that_field(
        spec in valid_report(),
        broken in Union::new(breaks()),
    ) {
        let value = broken.value_for(&spec);
        prop_assume!(value.is_some(), "this break needs another report");
        let mut body = spec.json();
        match &value.unwrap() {
            Some(value) => set_key(&mut body, &broken.parent, &broken.key, value.clone()),
            None => remove_at(&mut body, &join(&broken.parent, &broken.key)),
        }
        let errors = parse_report(&body, spec.now, spec.submitter);
        prop_assert!(errors.is_err(), "accepted: {}", body);
        let errors = errors.unwrap_err();
        for error in &errors {
            prop_assert_eq!(&error.field, &broken.field, "{:?} in {}", errors, body);
            prop_assert!(broken.codes.contains(&error.code), "{:?}: expected {:?}", errors, broken.codes);
        }
        check_report_refusal(&body, &errors, spec.language.want)?;
    }
}

// ---------------------------------------------------------------------------------------------
// Case events.

#[test]
fn the_event_types_are_the_contracts() {
    let contract: BTreeSet<&str> = EVENT_SHAPES.keys().map(String::as_str).collect();
    let parsed: BTreeSet<&str> = EVENT_TYPES.iter().copied().collect();
    assert_eq!(contract, parsed);
    assert!(EVENT_SHAPES["call_made"].leaves.contains("outcome"), "each type's fields are read");
}

/// A valid event of every type, with what it must parse to. Choices are exact (no padding):
/// the event parser reads them as sent.
fn valid_event() -> impl Strategy<Value = (Value, CaseEvent)> {
    let channel = select(Channel::ALL);
    let partner = text(64, false);
    let version = text(limits::PRIVACY_NOTICE_VERSION, false);
    prop_oneof![
        select(CallOutcome::ALL)
            .prop_map(|o| (json!({"type": "call_made", "outcome": o.as_str()}), CaseEvent::CallMade { outcome: o })),
        partner.clone().prop_map(|p| (
            json!({"type": "assignment_confirmed", "partner_id": p.raw}),
            CaseEvent::AssignmentConfirmed { partner_id: p.want }
        )),
        (partner.clone(), channel.clone(), version.clone()).prop_map(|(p, c, v)| (
            json!({"type": "share_consent_given", "partner_id": p.raw, "channel": c.as_str(), "privacy_notice_version": v.raw}),
            CaseEvent::ShareConsentGiven { partner_id: p.want, channel: c, privacy_notice_version: v.want }
        )),
        (partner.clone(), channel.clone()).prop_map(|(p, c)| (
            json!({"type": "share_consent_refused", "partner_id": p.raw, "channel": c.as_str()}),
            CaseEvent::ShareConsentRefused { partner_id: p.want, channel: c }
        )),
        Just((json!({"type": "advocate_contact_made"}), CaseEvent::AdvocateContactMade)),
        partner.prop_map(|f| (json!({"type": "police_force_chosen", "force": f.raw}), CaseEvent::PoliceForceChosen { force: f.want })),
        (select(WithdrawalScope::ALL), channel, version).prop_map(|(s, c, v)| (
            json!({"type": "consent_withdrawn", "scope": s.as_str(), "channel": c.as_str(), "privacy_notice_version": v.raw}),
            CaseEvent::ConsentWithdrawn { scope: s, channel: c, privacy_notice_version: v.want }
        )),
        text(500, true).prop_map(|r| (json!({"type": "case_closed", "reason": r.raw}), CaseEvent::CaseClosed { reason: r.want })),
        text(limits::DESCRIPTION, true).prop_map(|t| (json!({"type": "note", "text": t.raw}), CaseEvent::Note { text: t.want })),
        Just((json!({"type": "police_referral_released"}), CaseEvent::PoliceReferralReleased)),
        Just((json!({"type": "withdrawn_as_duplicate_or_spam"}), CaseEvent::WithdrawnAsDuplicateOrSpam)),
        Just((json!({"type": "reporter_phone_confirmed"}), CaseEvent::ReporterPhoneConfirmed)),
    ]
}

fn any_event_body() -> impl Strategy<Value = Value> {
    let event_keys: Vec<String> = KEYS.iter().cloned().chain(["type".to_string()]).collect();
    let change = prop_oneof![
        (select(event_keys.clone()), wild_value()).prop_map(|(k, v)| Mutation::Set(k, v)),
        (select(event_keys), wild_value()).prop_map(|(k, v)| Mutation::AddKey(String::new(), k, v)),
        (wild_key(), wild_value()).prop_map(|(k, v)| Mutation::AddKey(String::new(), k, v)),
        select(vec!["type", "outcome", "partner_id", "text"]).prop_map(|k| Mutation::Remove(k.to_string())),
        select(IDENTIFIERS.clone()).prop_map(|t| Mutation::Set("type".into(), json!(t))),
    ];
    prop_oneof![
        1 => wild_value(),
        3 => (valid_event(), prop::collection::vec(change, 1..4)).prop_map(|((mut body, _), changes)| {
            for change in &changes {
                match change {
                    // Keys with dots are one key here, not a path.
                    Mutation::Set(key, value) | Mutation::AddKey(_, key, value) => {
                        if let Some(map) = body.as_object_mut() {
                            map.insert(key.clone(), value.clone());
                        }
                    }
                    Mutation::Remove(key) => {
                        if let Some(map) = body.as_object_mut() {
                            map.remove(key);
                        }
                    }
                    Mutation::SetItem(..) => {}
                }
            }
            body
        }),
    ]
}

proptest! {
    #![proptest_config(config(512))]

    /// Property 6: every valid event parses to what was generated.
    #[test]
    fn valid_events_parse_to_what_was_generated((body, event) in valid_event()) {
        prop_assert_eq!(parse_event(&body), Ok(event));
    }

    /// Properties 1, 2 and 6: any event body parses or is refused field by field, on the
    /// fields of its type in the contract.
    #[test]
    fn any_event_is_parsed_or_refused_field_by_field(body in any_event_body(), language in language()) {
        let Err(errors) = parse_event(&body) else { return Ok(()) };
        let Some(obj) = body.as_object() else {
            prop_assert_eq!(errors.len(), 1);
            return check_refusal(&errors, |f| (f == "body").then_some(&[E::InvalidType][..]), vec![], "", language);
        };
        let kind = obj.get("type").and_then(Value::as_str).unwrap_or_default();
        if !EVENT_SHAPES.contains_key(kind) {
            prop_assert_eq!(errors.len(), 1);
            return check_refusal(&errors, |f| (f == "type").then_some(&[E::Required, E::InvalidChoice][..]), vec![], "", language);
        }
        let mut unknown: Vec<String> = obj
            .keys()
            .filter(|key| *key != "type" && !EVENT_SHAPES[kind].leaves.contains(*key))
            .map(|key| sanitised_field_name(key))
            .collect();
        unknown.sort();
        check_refusal(&errors, |f| event_codes(kind, f), unknown, kind, language)?;
    }
}

// ---------------------------------------------------------------------------------------------
// References and follow-up receipts, as people type them.

/// Eight symbols, each any of Crockford's or (often) one of the symbols a typed prefix could be
/// mistaken for, as the entropy that makes them.
fn reference_entropy() -> impl Strategy<Value = u64> {
    let symbol = prop_oneof![select(CROCKFORD.as_bytes().to_vec()), select(b"0YS1".to_vec())];
    prop::collection::vec(symbol, 8).prop_map(|symbols| {
        symbols.iter().fold(0u64, |acc, s| (acc << 5) | CROCKFORD.bytes().position(|c| c == *s).unwrap() as u64)
    })
}

proptest! {
    #![proptest_config(config(512))]

    /// Property 5: a reference reads back as typed, with its prefix, without it, or with the
    /// prefix's O typed as a zero.
    #[test]
    fn references_read_back_as_people_type_them(
        entropy in reference_entropy(),
        prefix in select(vec!["OYS-", "oys-", "OYS ", "oys", "Oys-", "0YS-", ""]),
        (lower, confuse, separators, before, after) in typing(),
    ) {
        let reference = Reference::from_entropy(entropy);
        let typed = format!("{before}{prefix}{}{after}", as_typed(&reference.as_str()[4..], &lower, &confuse, &separators));
        prop_assert_eq!(Reference::parse(&typed), Some(reference.clone()), "{:?}", typed);
        prop_assert_eq!(Reference::parse(reference.as_str()), Some(reference));
    }

    /// Property 5: a receipt reads back as typed; distinct 125 bits make distinct receipts.
    #[test]
    fn receipts_read_back_as_people_type_them(
        entropy in any::<u128>(),
        other in any::<u128>(),
        (lower, confuse, separators, before, after) in typing(),
    ) {
        let receipt = FollowUpReceipt::from_entropy(entropy);
        let shown = receipt.expose().to_string();
        prop_assert!(is_canonical_receipt(&shown), "{shown}");
        let typed = format!("{before}{}{after}", as_typed(&shown, &lower, &confuse, &separators));
        prop_assume!(typed.len() <= 200);
        prop_assert_eq!(FollowUpReceipt::parse(&typed).map(|r| r.expose().to_string()), Some(shown.clone()), "{:?}", typed);
        prop_assert!(!format!("{receipt:?}").contains(&shown[..5]), "a receipt's Debug shows it");
        let mask = (1u128 << 125) - 1;
        prop_assert_eq!(FollowUpReceipt::from_entropy(other) == receipt, other & mask == entropy & mask);
    }

    /// Property 5: any text read as a reference or a receipt gives nothing or a canonical one
    /// that reads back as itself.
    #[test]
    fn any_text_is_a_canonical_reference_and_receipt_or_none(
        raw in prop_oneof![wild_string(), "[0-9A-Za-z -]{20,40}", "[0-9A-Za-z -]{6,16}"],
    ) {
        if let Some(reference) = Reference::parse(&raw) {
            let s = reference.as_str();
            prop_assert!(s.len() == 13 && s.starts_with("OYS-") && &s[8..9] == "-", "{s}");
            prop_assert!(s[4..].chars().all(|c| c == '-' || CROCKFORD.contains(c)), "{s}");
            prop_assert_eq!(Reference::parse(s), Some(reference.clone()));
        }
        if let Some(receipt) = FollowUpReceipt::parse(&raw) {
            prop_assert!(is_canonical_receipt(receipt.expose()), "{}", receipt.expose());
            prop_assert_eq!(FollowUpReceipt::parse(receipt.expose()), Some(receipt));
        }
    }
}

fn is_canonical_receipt(s: &str) -> bool {
    s.len() == 29
        && s.split('-').count() == 5
        && s.split('-').all(|group| group.len() == 5 && group.chars().all(|c| CROCKFORD.contains(c)))
}

// ---------------------------------------------------------------------------------------------
// Follow-ups.

#[test]
fn the_follow_up_fields_are_the_contracts() {
    let contract: BTreeSet<&str> = FOLLOW_UP_SHAPE.leaves.iter().map(String::as_str).collect();
    assert_eq!(contract, FOLLOW_UP_FIELDS.iter().copied().collect());
    for field in FOLLOW_UP_FIELDS {
        assert!(follow_up_codes(field).is_some(), "{field}");
    }
}

fn any_follow_up_body() -> impl Strategy<Value = Value> {
    let keys = vec!["reference", "receipt", "information", "advocate_phone"];
    let change = prop_oneof![
        (select(keys.clone()), wild_value()).prop_map(|(k, v)| Mutation::Set(k.to_string(), v)),
        select(keys).prop_map(|k| Mutation::Remove(k.to_string())),
        (wild_key(), wild_value()).prop_map(|(k, v)| Mutation::AddKey(String::new(), k, v)),
    ];
    prop_oneof![
        1 => wild_value(),
        3 => (valid_follow_up(), prop::collection::vec(change, 1..4)).prop_map(|((mut body, _), changes)| {
            for change in &changes {
                if let Some(map) = body.as_object_mut() {
                    match change {
                        Mutation::Set(key, value) | Mutation::AddKey(_, key, value) => {
                            map.insert(key.clone(), value.clone());
                        }
                        Mutation::Remove(key) => {
                            map.remove(key);
                        }
                        Mutation::SetItem(..) => {}
                    }
                }
            }
            body
        }),
    ]
}

fn blank(value: Option<&Value>) -> bool {
    match value {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.trim().is_empty(),
        Some(_) => false,
    }
}

proptest! {
    #![proptest_config(config(384))]

    /// Property 6: a valid follow-up parses to what was generated.
    #[test]
    fn valid_follow_ups_parse_to_what_was_generated((body, request) in valid_follow_up()) {
        prop_assert_eq!(parse_follow_up(&body), Ok(request), "{}", body);
    }

    /// Properties 1 and 2: any follow-up parses to one that adds something, or is refused
    /// field by field.
    #[test]
    fn any_follow_up_is_parsed_or_refused_field_by_field(body in any_follow_up_body(), language in language()) {
        match parse_follow_up(&body) {
            Ok(request) => {
                prop_assert!(request.information.is_some() || request.advocate_phone.is_some(), "adds nothing: {}", body);
                prop_assert!(!blank(body.get("information")) || !blank(body.get("advocate_phone")));
            }
            Err(errors) => {
                let unknown = FOLLOW_UP_SHAPE.unknown_fields(&body);
                check_refusal(&errors, follow_up_codes, unknown, "follow_up", language)?;
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The field types and the language of a request.

proptest! {
    #![proptest_config(config(512))]

    /// Postcodes of every known area and shape, typed any way, read as their normal form.
    #[test]
    fn postcodes_read_as_their_normal_form(typed in postcode()) {
        let parsed = Postcode::parse(&typed.raw);
        prop_assert_eq!(parsed.as_ref().map(ToString::to_string), Ok(typed.want.clone()), "{:?}", typed.raw);
        prop_assert_eq!(Postcode::parse(&typed.want), parsed);
    }

    /// Phones as people write them read as E.164.
    #[test]
    fn phones_read_as_e164(typed in phone()) {
        let parsed = PhoneNumber::parse(&typed.raw);
        prop_assert_eq!(parsed.as_ref().map(PhoneNumber::as_str), Ok(typed.want.as_str()), "{:?}", typed.raw);
        prop_assert_eq!(PhoneNumber::parse(&typed.want), parsed);
    }

    /// Any text through every field parser: no panic, and what is accepted is in its normal
    /// form, reads back as itself and keeps what a later reader relies on.
    #[test]
    fn any_text_through_the_field_parsers(
        raw in prop_oneof![wild_string(), postcode().prop_map(|t| t.raw), phone().prop_map(|t| t.raw)],
        max in 0..60usize,
        multiline in any::<bool>(),
    ) {
        if let Ok(postcode) = Postcode::parse(&raw) {
            let shown = postcode.to_string();
            prop_assert!(geography::is_known_area(postcode.area()), "{shown}");
            prop_assert!(shown.len() <= 8 && shown == shown.to_ascii_uppercase(), "{shown}");
            let compact: String = raw.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
            prop_assert_eq!(shown.replace(' ', ""), compact);
            prop_assert_eq!(Postcode::parse(&shown), Ok(postcode.clone()));
            let _ = (postcode.district(), postcode.district_only(), geography::nation_of(&postcode));
        }
        if let Ok(phone) = PhoneNumber::parse(&raw) {
            let s = phone.as_str();
            prop_assert!(s.starts_with('+') && s.len() <= 16 && s[1..].bytes().all(|b| b.is_ascii_digit()), "{s}");
            prop_assert_eq!(PhoneNumber::parse(s), Ok(phone.clone()));
        }
        if let Ok(email) = EmailAddress::parse(&raw) {
            prop_assert_eq!(email.as_str(), raw.trim());
            prop_assert!(email.as_str().contains('@'));
            prop_assert_eq!(EmailAddress::parse(email.as_str()), Ok(email.clone()));
        }
        if let Ok(tag) = LanguageTag::parse(&raw) {
            prop_assert_eq!(LanguageTag::parse(tag.as_str()), Ok(tag.clone()));
        }
        if let Some(language) = Language::from_tag(&raw) {
            prop_assert_eq!(Language::from_tag(language.as_str()), Some(language));
        }
        // The free-text rule against its statement.
        let rule = TextRule { max, multiline };
        let trimmed = raw.trim();
        let bad_char = trimmed.chars().any(|c| c.is_control() && !(multiline && matches!(c, '\n' | '\r' | '\t')));
        match rule.check("some.field", &raw) {
            Ok(text) => {
                prop_assert!(!bad_char && trimmed.chars().count() <= max);
                prop_assert_eq!(text, trimmed);
            }
            Err(error) => {
                prop_assert_eq!(error.field.as_str(), "some.field");
                let code = if bad_char { E::InvalidCharacters } else { E::TooLong };
                prop_assert_eq!(error.code, code);
                prop_assert!(bad_char || trimmed.chars().count() > max);
            }
        }
    }

    /// Any `Accept-Language` header: no panic; the language chosen is the supported one the
    /// header prefers most (the earliest of equal preference), never one it refuses (`q=0`).
    #[test]
    fn any_accept_language_header_chooses_its_preferred_supported_language(
        ranges in prop::collection::vec(
            (
                prop_oneof![
                    3 => select(vec!["en", "en-GB", "zh-Hant", "zh-HK", "zh", "vi", "ko", "fil", "de", "fr", "*", "", "x-klingon"]).prop_map(String::from),
                    1 => wild_string(),
                ],
                prop_oneof![
                    2 => Just(None),
                    3 => select(vec!["1", "0", "0.5", "0.9", "0.001", "1.0", "NaN", "nan", "inf", "-1", "-inf", "0.5x", "", "1e3"]).prop_map(Some),
                ],
            ),
            0..60,
        ),
        raw in wild_string(),
    ) {
        let _ = Language::from_accept_language(&raw);
        let header = ranges
            .iter()
            .map(|(tag, q)| match q {
                Some(q) => format!("{tag};q={q}"),
                None => tag.clone(),
            })
            .collect::<Vec<_>>()
            .join(", ");
        let chosen = Language::from_accept_language(&header);
        // The model: a range's quality is 1 without `q`, its number if it is one above 0,
        // else it is refused; the highest quality wins, then the earliest.
        let mut best: Option<(f32, Language)> = None;
        for (tag, q) in &ranges {
            if tag.contains([',', ';']) {
                return Ok(()); // a wild tag that splits the header itself: no simple model
            }
            let quality = match q {
                None => 1.0,
                Some(q) => q.parse::<f32>().ok().filter(|q| *q > 0.0).unwrap_or(0.0),
            };
            if quality > 0.0 {
                if let Some(language) = Language::from_tag(&tag.replace(' ', "")) {
                    if best.is_none_or(|(b, _)| quality > b) {
                        best = Some((quality, language));
                    }
                }
            }
        }
        prop_assert_eq!(chosen, best.map(|(_, l)| l), "{:?}", header);
    }
}
