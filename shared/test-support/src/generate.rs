//! Generators: arbitrary input of every kind, and valid reports and follow-ups over the whole
//! schema, each with what it must parse to.

use std::collections::BTreeSet;
use std::fmt::Debug;
use std::sync::LazyLock;

use jiff::civil::{Date, Time};
use jiff::{Span, Timestamp};
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{json, Value};

use oys_shared::calendar::london;
use oys_shared::case_record::ContactDetails;
use oys_shared::casework::{CallOutcome, WithdrawalScope, EVENT_TYPES};
use oys_shared::fields::{EmailAddress, LanguageTag, PhoneNumber, Postcode};
use oys_shared::follow_up::{FollowUpReceipt, FollowUpRequest};
use oys_shared::i18n::Language;
use oys_shared::report::{
    limits, AgeBand, Channel, Consent, Contact, ContactMethod, Gender, Heritage, Incident, IncidentType, Location,
    Motivation, PerpetratorCount, Perpetrators, PlaceType, PoliceConsent, Relationship, Report, Reporter, Role,
    Submitter, SupportNeed, FORM_FIELDS,
};
use oys_shared::{Choice, Reference};

use crate::contract::{at, EVENT_SHAPES, FOLLOW_UP_SHAPE, REPORT_SHAPE};

/// Every identifier of every enumeration a request may name, and some values of the right shape.
pub static IDENTIFIERS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut ids: Vec<&'static str> = [
        Language::identifiers(),
        Channel::identifiers(),
        Role::identifiers(),
        Heritage::identifiers(),
        AgeBand::identifiers(),
        Gender::identifiers(),
        ContactMethod::identifiers(),
        IncidentType::identifiers(),
        Motivation::identifiers(),
        PlaceType::identifiers(),
        PerpetratorCount::identifiers(),
        Relationship::identifiers(),
        PoliceConsent::identifiers(),
        SupportNeed::identifiers(),
        CallOutcome::identifiers(),
        WithdrawalScope::identifiers(),
        EVENT_TYPES,
    ]
    .concat();
    ids.extend([
        "2026-11-20",
        "18:30",
        "M1 1AE",
        "07700 900123",
        "chan@example.org",
        "yue",
        "2026-01",
        "OYS-7K2M-Q9XD",
        "true",
        "on",
        "reporter_added_information",
    ]);
    ids
});

/// Every key the report, event and follow-up schemas name.
pub static KEYS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut keys = BTreeSet::new();
    for shape in [&*REPORT_SHAPE, &*FOLLOW_UP_SHAPE] {
        keys.extend(shape.objects.values().flatten().cloned());
    }
    for shape in EVENT_SHAPES.values() {
        keys.extend(shape.objects.values().flatten().cloned());
    }
    keys.into_iter().collect()
});

pub fn wild_string() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => any::<String>(),
        2 => "\\PC{0,24}",
        3 => select(IDENTIFIERS.clone()).prop_map(String::from),
        1 => select(IDENTIFIERS.clone()).prop_map(|id| format!(" {} ", id.to_uppercase())),
        1 => "[ \t\r\n\u{a0}\u{85}\u{2028}\u{3000}\u{0}\u{7}\u{1b}\u{7f}\u{9f}\u{200b}]{0,6}",
        1 => "[0-9]{1,6}-[0-9]{1,3}-[0-9]{1,3}",
        1 => "[0-9]{1,3}:[0-9]{1,3}",
        1 => "[A-Za-z]{1,3}[0-9]{1,2}[A-Za-z]? ?[0-9][A-Za-z]{2}",
        1 => "[+0-9 ()-]{0,44}",
        1 => "[a-zA-Z0-9.]{0,8}@[a-z.-]{0,10}",
        1 => (any::<char>(), 0..12_000usize).prop_map(|(c, n)| std::iter::repeat_n(c, n).collect()),
    ]
}

pub fn wild_key() -> impl Strategy<Value = String> {
    prop_oneof![3 => select(KEYS.clone()), 1 => wild_string()]
}

pub fn wild_number() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        select(vec![json!(0), json!(-1), json!(1), json!(u64::MAX), json!(i64::MIN), json!(1e308), json!(-0.0)]),
    ]
}

pub fn wild_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        1 => Just(Value::Null),
        1 => any::<bool>().prop_map(Value::Bool),
        2 => wild_number(),
        4 => wild_string().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((wild_key(), inner), 0..6)
                .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
}

/// Sets the value at a dotted path, making objects on the way (replacing whatever else is there).
pub fn set_at(body: &mut Value, path: &str, value: Value) {
    if path.is_empty() {
        *body = value;
        return;
    }
    let (parent, last) = path.rsplit_once('.').unwrap_or(("", path));
    let mut node = body;
    for part in parent.split('.').filter(|p| !p.is_empty()) {
        if !node.is_object() {
            *node = json!({});
        }
        node = node.as_object_mut().expect("an object").entry(part).or_insert_with(|| json!({}));
    }
    if !node.is_object() {
        *node = json!({});
    }
    node.as_object_mut().expect("an object").insert(last.to_string(), value);
}

/// Sets `key` (taken whole, dots and all) in the object at `parent`, made if need be.
pub fn set_key(body: &mut Value, parent: &str, key: &str, value: Value) {
    if parent.is_empty() {
        if !body.is_object() {
            *body = json!({});
        }
        body.as_object_mut().expect("an object").insert(key.to_string(), value);
        return;
    }
    let mut object = at(body, parent).and_then(Value::as_object).cloned().unwrap_or_default();
    object.insert(key.to_string(), value);
    set_at(body, parent, Value::Object(object));
}

pub fn remove_at(body: &mut Value, path: &str) {
    let (parent, last) = path.rsplit_once('.').unwrap_or(("", path));
    let parent = if parent.is_empty() {
        Some(body)
    } else {
        parent.split('.').try_fold(body, |value, key| value.as_object_mut()?.get_mut(key))
    };
    if let Some(Value::Object(map)) = parent {
        map.remove(last);
    }
}

pub fn now() -> impl Strategy<Value = Timestamp> {
    // 2000 to 2100, by the second.
    (946_684_800i64..4_102_444_800i64).prop_map(|s| Timestamp::from_second(s).expect("in range"))
}

pub fn submitter() -> impl Strategy<Value = Submitter> {
    prop_oneof![3 => Just(Submitter::Public), 1 => Just(Submitter::Operator)]
}

pub fn language() -> impl Strategy<Value = Language> {
    select(Language::ALL)
}

// ---------------------------------------------------------------------------------------------
// Valid reports over the whole schema.

/// A value as the reporter typed it (`raw`) and what it must parse to (`want`).
#[derive(Debug, Clone)]
pub struct Typed<T> {
    pub raw: String,
    pub want: T,
}

/// An optional field: given, or left empty in one of the ways clients leave a field empty.
#[derive(Debug, Clone)]
pub enum Opt<T> {
    Given(T),
    Omitted,
    Null,
    /// An empty or blank string (for text fields only).
    Blank(String),
}

impl<T> Opt<T> {
    pub fn given(&self) -> Option<&T> {
        match self {
            Opt::Given(v) => Some(v),
            _ => None,
        }
    }
}

/// An optional list: given (possibly with repeats), or left empty.
#[derive(Debug, Clone)]
pub enum ListOpt<T> {
    Given(Vec<Typed<T>>),
    Omitted,
    Null,
    Empty,
}

/// How a section with nothing in it is sent: left out, `null` or `{}`.
#[derive(Debug, Clone, Copy)]
pub enum EmptySection {
    Omitted,
    Null,
    Object,
}

/// What one field of a report is sent as.
#[derive(Debug, Clone)]
pub enum Field {
    Text(String),
    Bool(bool),
    List(Vec<String>),
    Null,
    EmptyList,
    EmptyObject,
}

pub fn pad() -> impl Strategy<Value = String> {
    prop_oneof![4 => Just(String::new()), 1 => "[ \t\r\n\u{a0}\u{2003}\u{3000}]{1,3}"]
}

pub fn choice<T: Choice + Debug + 'static>() -> impl Strategy<Value = Typed<T>> {
    (select(T::identifiers()), pad(), pad()).prop_map(|(id, before, after)| Typed {
        raw: format!("{before}{id}{after}"),
        want: <T as Choice>::parse(id).expect("an identifier"),
    })
}

pub fn opt<T: Debug + Clone + 'static>(given: impl Strategy<Value = T> + 'static) -> BoxedStrategy<Opt<T>> {
    prop_oneof![
        4 => given.prop_map(Opt::Given),
        1 => Just(Opt::Omitted),
        1 => Just(Opt::Null),
        1 => "[ \t\u{a0}]{0,3}".prop_map(Opt::Blank),
    ]
    .boxed()
}

pub fn opt_bool() -> BoxedStrategy<Opt<bool>> {
    prop_oneof![2 => any::<bool>().prop_map(Opt::Given), 1 => Just(Opt::Omitted), 1 => Just(Opt::Null)].boxed()
}

pub fn list<T: Choice + Debug + Clone + 'static>(min: usize) -> BoxedStrategy<ListOpt<T>> {
    let given = prop::collection::vec(choice::<T>(), min.max(1)..8).prop_map(ListOpt::Given);
    if min > 0 {
        given.boxed()
    } else {
        prop_oneof![3 => given, 1 => Just(ListOpt::Omitted), 1 => Just(ListOpt::Null), 1 => Just(ListOpt::Empty)]
            .boxed()
    }
}

pub fn empty_section() -> impl Strategy<Value = EmptySection> {
    select(vec![EmptySection::Omitted, EmptySection::Null, EmptySection::Object])
}

/// Free text as people type it: any characters but controls (line breaks and tabs too, in
/// paragraphs), perhaps padded with white space, at most `max` characters once trimmed.
pub fn text(max: usize, multiline: bool) -> BoxedStrategy<Typed<String>> {
    let body = if multiline { "[\\PC\n\r\t]{1,40}" } else { "\\PC{1,40}" };
    let long = (select(vec!['a', '字', 'é', '😀', '-']), 0..3usize)
        .prop_map(move |(c, short)| std::iter::repeat_n(c, max - short).collect::<String>());
    (prop_oneof![4 => body.prop_map(String::from), 1 => long], pad(), pad())
        .prop_map(|(body, before, after)| format!("{before}{body}{after}"))
        .prop_filter_map("blank or too long", move |raw| {
            let want = raw.trim().to_string();
            (!want.is_empty() && want.chars().count() <= max).then_some(Typed { raw, want })
        })
        .boxed()
}

pub static POSTCODE_AREAS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let data: Value = serde_json::from_str(include_str!("../../data/uk-postcode-areas-police-forces.json"))
        .expect("the shipped postcode areas parse");
    data["areas"].as_array().expect("areas").iter().map(|a| a["area"].as_str().expect("an area").to_string()).collect()
});

/// A postcode of any known area, in every outward shape (A9, A99, A9A, AA9, AA99, AA9A), full or
/// the outward code alone, in any case and spacing; `want` is its normal form (`SW1A 1AA`).
pub fn postcode() -> impl Strategy<Value = Typed<String>> {
    let outward =
        (select(POSTCODE_AREAS.clone()), 0..10u8, 0..10u8, "[A-Z]", 0..3u8).prop_map(|(area, d1, d2, l, shape)| {
            match shape {
                0 => format!("{area}{d1}"),
                1 => format!("{area}{d1}{d2}"),
                _ => format!("{area}{d1}{l}"),
            }
        });
    let inward = prop::option::of((0..10u8, "[A-Z]{2}").prop_map(|(d, ls)| format!("{d}{ls}")));
    (outward, inward, prop::collection::vec(any::<bool>(), 8), prop::collection::vec(0..4u8, 8), pad(), pad())
        .prop_filter_map("longer than a postcode field takes", |(outward, inward, lower, spaces, before, after)| {
            let want = match &inward {
                Some(inward) => format!("{outward} {inward}"),
                None => outward.clone(),
            };
            let compact = format!("{outward}{}", inward.unwrap_or_default());
            let mut typed = String::new();
            for (i, c) in compact.chars().enumerate() {
                typed.push(if lower[i % 8] { c.to_ascii_lowercase() } else { c });
                typed.push_str(match spaces[i % 8] {
                    0 | 1 => "",
                    2 => " ",
                    _ => "\u{a0}",
                });
            }
            let raw = format!("{before}{}{after}", typed.trim_end());
            (raw.trim().chars().count() <= limits::POSTCODE).then_some(Typed { raw, want })
        })
}

/// A UK number of ten national digits (mobile or geographic) in the ways people write them,
/// or an international number; `want` is its E.164 form.
pub fn phone() -> impl Strategy<Value = Typed<String>> {
    let uk = (select(vec!['7', '1', '2', '3']), "[0-9]{9}", 0..7u8).prop_map(|(first, rest, style)| {
        let national = format!("{first}{rest}");
        let (a, b) = national.split_at(4);
        let raw = match style {
            0 => format!("0{national}"),
            1 => format!("0{a} {b}"),
            2 => format!("0{a}-{}-{}", &b[..3], &b[3..]),
            3 => format!("(0{a}) {b}"),
            4 => format!("+44 {a} {b}"),
            5 => format!("+44{national}"),
            _ => format!("0044 {a} {b}"),
        };
        Typed { raw, want: format!("+44{national}") }
    });
    let international = select(vec![
        ("+852 2123 4567", "+85221234567"),
        ("+33 1 42 68 53 00", "+33142685300"),
        ("+65 6123 4567", "+6561234567"),
    ])
    .prop_map(|(raw, want)| Typed { raw: raw.to_string(), want: want.to_string() });
    (prop_oneof![4 => uk, 1 => international], pad(), pad())
        .prop_map(|(t, before, after)| Typed { raw: format!("{before}{}{after}", t.raw), want: t.want })
}

pub fn email() -> impl Strategy<Value = Typed<String>> {
    ("[a-zA-Z0-9]{1,8}(\\.[a-zA-Z0-9+_-]{1,8}){0,2}", "[a-z0-9]{1,10}(-[a-z0-9]{1,5})?\\.[a-z]{2,6}", pad(), pad())
        .prop_map(|(local, domain, before, after)| {
            let address = format!("{local}@{domain}");
            Typed { raw: format!("{before}{address}{after}"), want: address }
        })
}

/// A spoken language as people might write its tag; `want` is the canonical tag.
pub fn language_tag() -> impl Strategy<Value = Typed<String>> {
    let tags = vec![
        ("yue", "yue"),
        ("YUE", "yue"),
        ("nan", "nan"),
        ("hak", "hak"),
        ("zh-hant", "zh-Hant"),
        ("ZH-HANT-hk", "zh-Hant-HK"),
        ("en-gb", "en-GB"),
        ("vi", "vi"),
        ("fil", "fil"),
        ("ms-my", "ms-MY"),
        ("th", "th"),
    ];
    (select(tags), pad(), pad())
        .prop_map(|((raw, want), before, after)| Typed { raw: format!("{before}{raw}{after}"), want: want.to_string() })
}

/// The report's language as a client might name it: the identifier, another case, a region.
pub fn report_language() -> impl Strategy<Value = Typed<Language>> {
    let exact = select(Language::ALL).prop_map(|l| (l.as_str().to_string(), l));
    let lenient = select(vec![
        ("zh-hant", Language::ChineseTraditional),
        ("zh-HK", Language::ChineseTraditional),
        ("zh-TW", Language::ChineseTraditional),
        ("zh-Hans", Language::ChineseSimplified),
        ("zh-CN", Language::ChineseSimplified),
        ("zh", Language::ChineseSimplified),
        ("en-GB", Language::English),
        ("EN", Language::English),
        ("vi-VN", Language::Vietnamese),
        ("ko-KR", Language::Korean),
        ("fil", Language::Tagalog),
        ("ms-MY", Language::Malay),
    ])
    .prop_map(|(raw, l)| (raw.to_string(), l));
    (prop_oneof![3 => exact, 1 => lenient], pad(), pad())
        .prop_map(|((raw, want), before, after)| Typed { raw: format!("{before}{raw}{after}"), want })
}

/// A generated valid report: every field, how each is sent, and what it must parse to.
#[derive(Debug, Clone)]
pub struct Spec {
    pub now: Timestamp,
    pub submitter: Submitter,
    pub language: Typed<Language>,
    pub channel: Opt<Typed<Channel>>,
    pub role: Typed<Role>,
    pub heritage: ListOpt<Heritage>,
    pub age_band: Opt<Typed<AgeBand>>,
    pub gender: Opt<Typed<Gender>>,
    pub name: Opt<Typed<String>>,
    pub phone: Opt<Typed<String>>,
    pub email: Opt<Typed<String>>,
    pub preferred_method: Opt<Typed<ContactMethod>>,
    pub voicemail: Opt<bool>,
    pub safe_times: Opt<Typed<String>>,
    pub preferred_language: Opt<Typed<String>>,
    pub interpreter: Opt<bool>,
    pub empty_contact: EmptySection,
    /// Days before the UK date of `now`.
    pub days_ago: u32,
    /// Hour and minute, if a time is given (moved back to `now` if it would be later today).
    pub occurred_at: Option<(i8, i8, String, String)>,
    pub occurred_at_absent: Opt<()>,
    pub postcode: Opt<Typed<String>>,
    pub town: Opt<Typed<String>>,
    pub online: Opt<bool>,
    pub place_type: Opt<Typed<PlaceType>>,
    pub types: ListOpt<IncidentType>,
    pub motivations: ListOpt<Motivation>,
    pub description: Typed<String>,
    pub injured: Opt<bool>,
    pub ongoing: Opt<bool>,
    pub reported_already: Opt<bool>,
    pub police_reference: Opt<Typed<String>>,
    pub count: Opt<Typed<PerpetratorCount>>,
    pub perpetrator_description: Opt<Typed<String>>,
    pub relationship: Opt<Typed<Relationship>>,
    pub empty_perpetrators: EmptySection,
    pub police: Typed<PoliceConsent>,
    pub advocate: bool,
    pub support_needs: ListOpt<SupportNeed>,
    pub version: Typed<String>,
    /// How the form spells each boolean (`true`, `on`, `yes`; `false`, `off`, `no`).
    pub bool_spelling: u8,
}

pub fn valid_report() -> impl Strategy<Value = Spec> {
    let head = (
        (now(), submitter(), report_language(), opt(choice::<Channel>()), choice::<Role>(), list::<Heritage>(0)),
        opt(choice::<AgeBand>()),
        opt(choice::<Gender>()),
    );
    let contact = (
        opt(text(limits::NAME, false)),
        opt(phone()),
        opt(email()),
        opt(choice::<ContactMethod>()),
        opt_bool(),
        opt(text(limits::SAFE_TIMES, false)),
        opt(language_tag()),
        opt_bool(),
        empty_section(),
        phone(),
        email(),
        any::<bool>(),
    );
    let when = (
        prop_oneof![2 => 0..3u32, 3 => 0..46_000u32],
        prop::option::of((0..24i8, 0..60i8, pad(), pad())),
        prop_oneof![Just(Opt::Omitted), Just(Opt::Null), "[ ]{0,2}".prop_map(Opt::Blank)],
    );
    let location = (opt(postcode()), opt(text(limits::TOWN, false)), opt_bool(), opt(choice::<PlaceType>()));
    let incident = (
        list::<IncidentType>(1),
        list::<Motivation>(0),
        text(limits::DESCRIPTION, true),
        opt_bool(),
        opt_bool(),
        opt_bool(),
        opt(text(limits::POLICE_REFERENCE, false)),
    );
    let perpetrators = (
        opt(choice::<PerpetratorCount>()),
        opt(text(limits::PERPETRATOR_DESCRIPTION, true)),
        opt(choice::<Relationship>()),
        empty_section(),
    );
    let consent = (
        choice::<PoliceConsent>(),
        any::<bool>(),
        list::<SupportNeed>(0),
        text(limits::PRIVACY_NOTICE_VERSION, false),
        any::<u8>(),
    );
    (head, contact, when, location, incident, perpetrators, consent).prop_map(
        |(head, contact, when, location, incident, perpetrators, consent)| {
            let ((now, submitter, language, channel, role, heritage), age_band, gender) = head;
            let (name, phone, email, preferred_method, voicemail, safe_times, preferred_language, interpreter) =
                (contact.0, contact.1, contact.2, contact.3, contact.4, contact.5, contact.6, contact.7);
            let (empty_contact, spare_phone, spare_email, spare_is_phone) =
                (contact.8, contact.9, contact.10, contact.11);
            let (postcode, town, online, place_type) = location;
            let (types, motivations, description, injured, ongoing, reported_already, police_reference) = incident;
            let (count, perpetrator_description, relationship, empty_perpetrators) = perpetrators;
            let (police, advocate, support_needs, version, bool_spelling) = consent;
            let mut spec = Spec {
                now,
                submitter,
                language,
                channel,
                role,
                heritage,
                age_band,
                gender,
                name,
                phone,
                email,
                preferred_method,
                voicemail,
                safe_times,
                preferred_language,
                interpreter,
                empty_contact,
                days_ago: when.0,
                occurred_at: when.1,
                occurred_at_absent: when.2,
                postcode,
                town,
                online,
                place_type,
                types,
                motivations,
                description,
                injured,
                ongoing,
                reported_already,
                police_reference,
                count,
                perpetrator_description,
                relationship,
                empty_perpetrators,
                police,
                advocate,
                support_needs,
                version,
                bool_spelling,
            };
            // The rules that tie fields together, met by changing as little as possible.
            if spec.submitter == Submitter::Public && spec.channel.given().is_some_and(|c| c.want != Channel::Online) {
                spec.channel = Opt::Given(Typed { raw: "online".into(), want: Channel::Online });
            }
            if spec.postcode.given().is_none()
                && spec.town.given().is_none()
                && !matches!(spec.online, Opt::Given(true))
            {
                spec.online = Opt::Given(true);
            }
            if spec.advocate && spec.phone.given().is_none() {
                spec.phone = Opt::Given(spare_phone.clone());
            }
            if spec.police.want == PoliceConsent::WithContactDetails
                && spec.phone.given().is_none()
                && spec.email.given().is_none()
            {
                if spare_is_phone {
                    spec.phone = Opt::Given(spare_phone);
                } else {
                    spec.email = Opt::Given(spare_email);
                }
            }
            let needs_missing = match spec.preferred_method.given().map(|m| m.want) {
                Some(ContactMethod::Phone | ContactMethod::TextMessage) => spec.phone.given().is_none(),
                Some(ContactMethod::Email) => spec.email.given().is_none(),
                None => false,
            };
            if needs_missing {
                spec.preferred_method = Opt::Omitted;
            }
            spec
        },
    )
}

pub fn dedup<T: PartialEq + Copy>(items: &[Typed<T>]) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for item in items {
        if !out.contains(&item.want) {
            out.push(item.want);
        }
    }
    out
}

pub fn list_want<T: PartialEq + Copy>(list: &ListOpt<T>) -> Vec<T> {
    match list {
        ListOpt::Given(items) => dedup(items),
        _ => Vec::new(),
    }
}

pub fn from_text<T: serde::de::DeserializeOwned>(text: &str) -> T {
    serde_json::from_value(json!(text)).expect("a normal form reads back")
}

impl Spec {
    pub fn uk_now(&self) -> jiff::ZonedDateTime {
        self.now.to_zoned_datetime(london())
    }

    pub fn occurred_on(&self) -> Date {
        let today = self.uk_now().date();
        let floor = Date::new(1900, 1, 1).expect("a date");
        today.checked_sub(Span::new().days(i64::from(self.days_ago))).map_or(floor, |d| d.max(floor))
    }

    /// The time given, moved back to the current minute if it would be later today.
    pub fn occurred_at(&self) -> Option<(Time, String)> {
        let (hour, minute, before, after) = self.occurred_at.as_ref()?;
        let mut time = Time::new(*hour, *minute, 0, 0).expect("a time");
        let now = self.uk_now();
        if self.occurred_on() == now.date() && time > now.time() {
            time = Time::new(now.hour(), now.minute(), 0, 0).expect("a time");
        }
        Some((time, format!("{before}{:02}:{:02}{after}", time.hour(), time.minute())))
    }

    pub fn expected(&self) -> Report {
        let text = |t: &Opt<Typed<String>>| t.given().map(|t| t.want.clone());
        fn choice<T: Copy>(t: Option<&Typed<T>>) -> Option<T> {
            t.map(|t| t.want)
        }
        let flag = |b: &Opt<bool>| b.given().copied();
        Report {
            language: self.language.want,
            channel: match (self.submitter, self.channel.given()) {
                (_, Some(channel)) => channel.want,
                (Submitter::Public, None) => Channel::Online,
                (Submitter::Operator, None) => Channel::Phone,
            },
            reporter: Reporter {
                role: self.role.want,
                heritage: list_want(&self.heritage),
                age_band: choice(self.age_band.given()),
                gender: choice(self.gender.given()),
            },
            contact: Contact {
                details: ContactDetails {
                    name: text(&self.name),
                    phone: self.phone.given().map(|p| from_text::<PhoneNumber>(&p.want)),
                    email: self.email.given().map(|e| from_text::<EmailAddress>(&e.want)),
                    preferred_method: choice(self.preferred_method.given()),
                    safe_to_leave_voicemail: flag(&self.voicemail),
                    safe_times: text(&self.safe_times),
                    proposed_phone: None,
                },
                preferred_language: self.preferred_language.given().map(|t| from_text::<LanguageTag>(&t.want)),
                interpreter_needed: flag(&self.interpreter),
            },
            incident: Incident {
                occurred_on: self.occurred_on(),
                occurred_at: self.occurred_at().map(|(time, _)| time),
                location: Location {
                    postcode: self.postcode.given().map(|p| from_text::<Postcode>(&p.want)),
                    town: text(&self.town),
                    online: flag(&self.online).unwrap_or(false),
                    place_type: choice(self.place_type.given()),
                },
                types: list_want(&self.types),
                motivations: match list_want(&self.motivations) {
                    none if none.is_empty() => vec![Motivation::Race],
                    some => some,
                },
                description: self.description.want.clone(),
                injured: flag(&self.injured),
                ongoing: flag(&self.ongoing),
                reported_to_police_already: flag(&self.reported_already),
                police_reference: text(&self.police_reference),
            },
            perpetrators: Perpetrators {
                count: choice(self.count.given()),
                description: text(&self.perpetrator_description),
                relationship: choice(self.relationship.given()),
            },
            consent: Consent {
                police: self.police.want,
                advocate_support: self.advocate,
                support_needs: list_want(&self.support_needs),
                privacy_notice_version: self.version.want.clone(),
            },
            // The generator makes no staff-only `assisted` section.
            assisted: None,
        }
    }

    /// Every field sent, by path, in the order a form lays them out.
    pub fn sent(&self) -> Vec<(&'static str, Field)> {
        let mut sent = Vec::new();
        fn text<T>(sent: &mut Vec<(&'static str, Field)>, path: &'static str, value: &Opt<Typed<T>>) {
            match value {
                Opt::Given(t) => sent.push((path, Field::Text(t.raw.clone()))),
                Opt::Omitted => {}
                Opt::Null => sent.push((path, Field::Null)),
                Opt::Blank(blank) => sent.push((path, Field::Text(blank.clone()))),
            }
        }
        fn flag(sent: &mut Vec<(&'static str, Field)>, path: &'static str, value: &Opt<bool>) {
            match value {
                Opt::Given(b) => sent.push((path, Field::Bool(*b))),
                Opt::Null => sent.push((path, Field::Null)),
                Opt::Omitted | Opt::Blank(_) => {}
            }
        }
        fn list<T>(sent: &mut Vec<(&'static str, Field)>, path: &'static str, value: &ListOpt<T>) {
            match value {
                ListOpt::Given(items) => sent.push((path, Field::List(items.iter().map(|t| t.raw.clone()).collect()))),
                ListOpt::Omitted => {}
                ListOpt::Null => sent.push((path, Field::Null)),
                ListOpt::Empty => sent.push((path, Field::EmptyList)),
            }
        }
        fn section(sent: &mut Vec<(&'static str, Field)>, path: &'static str, before: usize, empty: EmptySection) {
            if sent.len() == before {
                match empty {
                    EmptySection::Omitted => {}
                    EmptySection::Null => sent.push((path, Field::Null)),
                    EmptySection::Object => sent.push((path, Field::EmptyObject)),
                }
            }
        }
        sent.push(("language", Field::Text(self.language.raw.clone())));
        text(&mut sent, "channel", &self.channel);
        sent.push(("reporter.role", Field::Text(self.role.raw.clone())));
        list(&mut sent, "reporter.heritage", &self.heritage);
        text(&mut sent, "reporter.age_band", &self.age_band);
        text(&mut sent, "reporter.gender", &self.gender);
        let before = sent.len();
        text(&mut sent, "contact.name", &self.name);
        text(&mut sent, "contact.phone", &self.phone);
        text(&mut sent, "contact.email", &self.email);
        text(&mut sent, "contact.preferred_method", &self.preferred_method);
        flag(&mut sent, "contact.safe_to_leave_voicemail", &self.voicemail);
        text(&mut sent, "contact.safe_times", &self.safe_times);
        text(&mut sent, "contact.preferred_language", &self.preferred_language);
        flag(&mut sent, "contact.interpreter_needed", &self.interpreter);
        section(&mut sent, "contact", before, self.empty_contact);
        sent.push(("incident.occurred_on", Field::Text(format!(" {} ", self.occurred_on()))));
        match (self.occurred_at(), &self.occurred_at_absent) {
            (Some((_, raw)), _) => sent.push(("incident.occurred_at", Field::Text(raw))),
            (None, absent) => text::<()>(&mut sent, "incident.occurred_at", &absent.clone().map_typed()),
        }
        text(&mut sent, "incident.location.postcode", &self.postcode);
        text(&mut sent, "incident.location.town", &self.town);
        flag(&mut sent, "incident.location.online", &self.online);
        text(&mut sent, "incident.location.place_type", &self.place_type);
        list(&mut sent, "incident.types", &self.types);
        list(&mut sent, "incident.motivations", &self.motivations);
        sent.push(("incident.description", Field::Text(self.description.raw.clone())));
        flag(&mut sent, "incident.injured", &self.injured);
        flag(&mut sent, "incident.ongoing", &self.ongoing);
        flag(&mut sent, "incident.reported_to_police_already", &self.reported_already);
        text(&mut sent, "incident.police_reference", &self.police_reference);
        let before = sent.len();
        text(&mut sent, "perpetrators.count", &self.count);
        text(&mut sent, "perpetrators.description", &self.perpetrator_description);
        text(&mut sent, "perpetrators.relationship", &self.relationship);
        section(&mut sent, "perpetrators", before, self.empty_perpetrators);
        sent.push(("consent.police", Field::Text(self.police.raw.clone())));
        sent.push(("consent.advocate_support", Field::Bool(self.advocate)));
        list(&mut sent, "consent.support_needs", &self.support_needs);
        sent.push(("consent.privacy_notice_version", Field::Text(self.version.raw.clone())));
        sent
    }

    pub fn json(&self) -> Value {
        let mut body = json!({});
        for (path, field) in self.sent() {
            let value = match field {
                Field::Text(s) => json!(s),
                Field::Bool(b) => json!(b),
                Field::List(items) => json!(items),
                Field::Null => Value::Null,
                Field::EmptyList => json!([]),
                Field::EmptyObject => json!({}),
            };
            set_at(&mut body, path, value);
        }
        body
    }

    /// The same report as the no-script form sends it: one pair per field, a pair per item of
    /// a list, booleans as the form's words, nothing for a field left empty.
    pub fn form_pairs(&self) -> Vec<(String, String)> {
        let mut pairs = Vec::new();
        for (i, (path, field)) in self.sent().into_iter().enumerate() {
            let spelling = self.bool_spelling.rotate_left(i as u32);
            match field {
                Field::Text(s) => pairs.push((path.to_string(), s)),
                Field::Bool(b) => {
                    let word = match (b, spelling % 3) {
                        (true, 0) => "true",
                        (true, 1) => "on",
                        (true, _) => "yes",
                        (false, 0) => "false",
                        (false, 1) => "off",
                        (false, _) => "no",
                    };
                    let word = if spelling & 4 == 0 { word.to_string() } else { format!(" {word} ") };
                    pairs.push((path.to_string(), word));
                }
                Field::List(items) => pairs.extend(items.into_iter().map(|item| (path.to_string(), item))),
                // An untouched input sends an empty value; a section is not a form field.
                Field::Null | Field::EmptyList if spelling & 8 == 0 && FORM_FIELDS.contains(&path) => {
                    pairs.push((path.to_string(), String::new()))
                }
                Field::Null | Field::EmptyList | Field::EmptyObject => {}
            }
        }
        pairs
    }
}

impl Opt<()> {
    pub fn map_typed(self) -> Opt<Typed<()>> {
        match self {
            Opt::Given(()) => Opt::Given(Typed { raw: String::new(), want: () }),
            Opt::Omitted => Opt::Omitted,
            Opt::Null => Opt::Null,
            Opt::Blank(b) => Opt::Blank(b),
        }
    }
}

/// The pairs in another order, each field's own pairs (a list's items) kept in theirs.
pub fn shuffled(pairs: Vec<(String, String)>, weights: &[u32]) -> Vec<(String, String)> {
    let fields: Vec<&str> = FORM_FIELDS.to_vec();
    let mut keyed: Vec<(u32, usize, (String, String))> = pairs
        .into_iter()
        .enumerate()
        .map(|(i, pair)| {
            let field = fields.iter().position(|f| *f == pair.0).unwrap_or(0);
            (weights[field % weights.len()], i, pair)
        })
        .collect();
    keyed.sort_by_key(|(weight, i, _)| (*weight, *i));
    keyed.into_iter().map(|(_, _, pair)| pair).collect()
}

pub fn form_bytes(pairs: &[(String, String)]) -> Vec<u8> {
    form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish().into_bytes()
}

pub const CROCKFORD: &str = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// `canonical` as a person might type it: any case, the look-alikes Crockford allows (O for 0,
/// I and L for 1), spaces and hyphens anywhere or nowhere.
pub fn as_typed(canonical: &str, lower: &[bool], confuse: &[bool], separators: &[u8]) -> String {
    let mut typed = String::new();
    for (i, c) in canonical.chars().filter(|c| *c != '-').enumerate() {
        let c = match (c, confuse[i % confuse.len()], i % 3) {
            ('0', true, _) => 'O',
            ('1', true, 0) => 'I',
            ('1', true, _) => 'L',
            (c, _, _) => c,
        };
        typed.push(if lower[i % lower.len()] { c.to_ascii_lowercase() } else { c });
        typed.push_str(match separators[i % separators.len()] {
            0..=5 => "",
            6 => " ",
            7 => "-",
            8 => " - ",
            9 => "\u{a0}",
            _ => "\t",
        });
    }
    typed
}

pub fn typing() -> impl Strategy<Value = (Vec<bool>, Vec<bool>, Vec<u8>, String, String)> {
    (
        prop::collection::vec(any::<bool>(), 1..30),
        prop::collection::vec(any::<bool>(), 1..30),
        prop::collection::vec(0..11u8, 1..30),
        pad(),
        pad(),
    )
}

/// A valid follow-up: a reference and a receipt as typed, information, a phone, or both;
/// what is not given left out, null or blank.
pub fn valid_follow_up() -> impl Strategy<Value = (Value, FollowUpRequest)> {
    let absent = || select(vec![None, Some(Value::Null), Some(json!("")), Some(json!("  "))]);
    (
        any::<u64>(),
        any::<u128>(),
        typing(),
        opt(text(limits::DESCRIPTION, true)),
        opt(phone()),
        absent(),
        absent(),
    )
        .prop_filter("adds nothing", |(_, _, _, information, phone, _, _)| {
            information.given().is_some() || phone.given().is_some()
        })
        .prop_map(|(r, e, (lower, confuse, separators, before, after), information, phone, absent_info, absent_phone)| {
            let reference = Reference::from_entropy(r);
            let receipt = FollowUpReceipt::from_entropy(e);
            let mut body = json!({
                "reference": format!("{before}{}{after}", as_typed(reference.as_str(), &lower, &confuse, &separators)),
                "receipt": as_typed(receipt.expose(), &lower, &confuse, &separators),
            });
            let mut put = |key: &str, given: Option<&Typed<String>>, absent: Option<Value>| match (given, absent) {
                (Some(t), _) => set_at(&mut body, key, json!(t.raw)),
                (None, Some(absent)) => set_at(&mut body, key, absent),
                (None, None) => {}
            };
            put("information", information.given(), absent_info);
            put("advocate_phone", phone.given(), absent_phone);
            let request = FollowUpRequest {
                reference,
                receipt,
                information: information.given().map(|t| t.want.clone()),
                advocate_phone: phone.given().map(|p| from_text(&p.want)),
            };
            (body, request)
        })
}

pub fn deep_key() -> impl Strategy<Value = String> {
    let segments = select(vec!["a", "incident", "location", "contact", "types", "0", ""]);
    prop_oneof![
        (select(vec!["", "incident.", "incident.location.town.", "contact."]), segments.clone(), 1..5_000usize)
            .prop_map(|(prefix, segment, n)| format!("{prefix}{}", vec![segment; n].join("."))),
        (
            select(vec!["incident", "a", "consent", ""]),
            select(vec!["[location]", "[", "[]", "[a][", "%5B"]),
            1..5_000usize
        )
            .prop_map(|(prefix, bracket, n)| format!("{prefix}{}", bracket.repeat(n))),
    ]
}

pub fn form_key() -> impl Strategy<Value = String> {
    let sections = vec!["reporter", "contact", "incident", "perpetrators", "consent", "incident.location", "form_key"];
    prop_oneof![
        6 => select(FORM_FIELDS).prop_map(String::from),
        1 => select(sections).prop_map(String::from),
        1 => select(FORM_FIELDS).prop_map(|f| format!("{f}.x")),
        1 => deep_key(),
        2 => wild_string(),
    ]
}

pub fn form_value() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => wild_string(),
        2 => select(IDENTIFIERS.clone()).prop_map(String::from),
        1 => select(vec!["", " ", "true", "on", "yes", "false", "off", "no", "TRUE"]).prop_map(String::from),
    ]
}

/// urlencoded bytes of any kind: raw bytes, pairs written out by hand (percent escapes, `+`,
/// stray `&` and `=`, invalid UTF-8), and properly encoded pairs.
pub fn form_body() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        form_key().prop_map(String::into_bytes),
        select(vec!["&", "=", "+", "%", "%2", "%FF", "%C3%28", "%00", "%5B", "%5D", "%2E", "&&", "=="])
            .prop_map(|s| s.as_bytes().to_vec()),
        form_value().prop_map(String::into_bytes),
    ];
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..2_000),
        prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat()),
        prop::collection::vec((form_key(), form_value()), 0..40).prop_map(|pairs| form_bytes(&pairs)),
    ]
}
