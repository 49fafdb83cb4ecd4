//! The report a reporter sends (`POST /v1/reports` in docs/openapi.json), parsed into a `Report` that can only
//! hold valid values, or into the complete list of field errors.
//!
//! The parser walks a `serde_json::Value` rather than deriving `Deserialize`, so that one request
//! gets every problem at once, each with its field path, instead of stopping at the first.

use jiff::civil::{Date, Time};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::case_record::ContactDetails;
use crate::choice::Choice;
use crate::errors::{ErrorCode, FieldError};
use crate::fields::{EmailAddress, LanguageTag, PhoneNumber, Postcode};
use crate::geography::{self, Nation};
use crate::i18n::Language;

choice! {
    pub enum Role { Victim => "victim", Witness => "witness", OnBehalf => "on_behalf" }
}

choice! {
    /// East and Southeast Asian heritage, as the reporter describes it (special category data:
    /// optional, and never in a queue message or an alert).
    pub enum Heritage {
        China => "china", HongKong => "hong_kong", Macao => "macao", Mongolia => "mongolia",
        Japan => "japan", NorthKorea => "north_korea", SouthKorea => "south_korea",
        Taiwan => "taiwan", Brunei => "brunei", Cambodia => "cambodia",
        Indonesia => "indonesia", Laos => "laos", Malaysia => "malaysia", Myanmar => "myanmar",
        Philippines => "philippines", Singapore => "singapore", Thailand => "thailand",
        TimorLeste => "timor_leste", Vietnam => "vietnam", Mixed => "mixed", Other => "other",
        PreferNotToSay => "prefer_not_to_say",
    }
}

choice! {
    pub enum AgeBand {
        Under18 => "under-18", From18To24 => "18-24", From25To34 => "25-34",
        From35To44 => "35-44", From45To54 => "45-54", From55To64 => "55-64",
        From65To74 => "65-74", Over75 => "75+", PreferNotToSay => "prefer_not_to_say",
    }
}

choice! {
    pub enum Gender {
        Woman => "woman", Man => "man", NonBinary => "non_binary", Other => "other",
        PreferNotToSay => "prefer_not_to_say",
    }
}

choice! {
    pub enum ContactMethod { Phone => "phone", TextMessage => "text_message", Email => "email" }
}

choice! {
    pub enum IncidentType {
        VerbalAbuse => "verbal_abuse", PhysicalAssault => "physical_assault",
        Threats => "threats", Harassment => "harassment",
        DamageToProperty => "damage_to_property", OnlineAbuse => "online_abuse",
        SpittingOrCoughing => "spitting_or_coughing",
        DiscriminationAtWork => "discrimination_at_work", RefusedService => "refused_service",
        HateMaterial => "hate_material", Other => "other",
    }
}

choice! {
    pub enum Motivation {
        Race => "race", Religion => "religion", SexualOrientation => "sexual_orientation",
        Disability => "disability", TransgenderIdentity => "transgender_identity",
        SexOrGender => "sex_or_gender", Other => "other",
    }
}

choice! {
    pub enum PlaceType {
        Street => "street", PublicTransport => "public_transport",
        ShopOrBusiness => "shop_or_business", Workplace => "workplace",
        SchoolOrUniversity => "school_or_university",
        HomeOrNeighbourhood => "home_or_neighbourhood", Healthcare => "healthcare",
        Online => "online", Other => "other",
    }
}

choice! {
    pub enum PerpetratorCount {
        One => "one", TwoToFive => "two_to_five", MoreThanFive => "more_than_five",
        Unknown => "unknown",
    }
}

choice! {
    pub enum Relationship {
        Stranger => "stranger", Neighbour => "neighbour", Colleague => "colleague",
        PartnerOrFamily => "partner_or_family", OtherKnown => "other_known", Unknown => "unknown",
    }
}

choice! {
    pub enum PoliceConsent {
        No => "no", Anonymous => "anonymous", WithContactDetails => "with_contact_details",
        /// "Not sure yet, talk to me first": no referral; operators see it on the call list.
        NotSure => "not_sure",
    }
}

impl PoliceConsent {
    /// Whether the reporter agreed to a police referral (anonymous or with contact details).
    /// "Not sure yet" is no agreement: nothing goes to the police.
    pub fn agreed(self) -> bool {
        matches!(self, PoliceConsent::Anonymous | PoliceConsent::WithContactDetails)
    }
}

choice! {
    pub enum SupportNeed {
        EmotionalWellbeing => "emotional_wellbeing", PoliceFollowUp => "police_follow_up",
        WorkplaceDiscrimination => "workplace_discrimination", LegalHelp => "legal_help",
        DomesticAbuse => "domestic_abuse", Other => "other",
    }
}

choice! {
    /// How the report reached us: the public form, or an operator on the phone or webchat.
    pub enum Channel { Online => "online", Phone => "phone", Webchat => "webchat" }
}

/// Listings stored before the channel was listed came from the public form.
impl Default for Channel {
    fn default() -> Self {
        Channel::Online
    }
}

/// Length limits, in characters, of the free-text fields.
pub mod limits {
    pub const NAME: usize = 200;
    pub const SAFE_TIMES: usize = 200;
    pub const TOWN: usize = 100;
    pub const DESCRIPTION: usize = 10_000;
    pub const PERPETRATOR_DESCRIPTION: usize = 5_000;
    pub const POLICE_REFERENCE: usize = 50;
    pub const PRIVACY_NOTICE_VERSION: usize = 32;
    pub const PHONE: usize = 40;
    pub const EMAIL: usize = 254;
    pub const POSTCODE: usize = 16;
    /// A language code or the language's name in the reporter's words.
    pub const LANGUAGE_TAG: usize = 60;
    /// Any list: enough for every value of the longest enumeration, with repeats.
    pub const LIST: usize = 25;
    /// The request body (docs/openapi.json): larger bodies are answered 413. Enough for the largest valid
    /// report however a client encodes it: its ~16,000 characters of text may take 12 bytes each
    /// (a 4-byte character percent-encoded by a form, or escaped as a `\u` pair in JSON), ~190 KiB.
    pub const BODY_BYTES: usize = 256 * 1024;
}

/// The privacy notice in force: the form shows it and posts its version with every report.
pub const PRIVACY_NOTICE_VERSION: &str = "2026-12";

/// A valid report. Every field has been checked; contact details may still be absent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub language: Language,
    pub channel: Channel,
    pub reporter: Reporter,
    pub contact: Contact,
    pub incident: Incident,
    pub perpetrators: Perpetrators,
    pub consent: Consent,
    /// A report taken by staff (phone, webchat): how the call went. Staff only, as `channel`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assisted: Option<Assisted>,
}

/// How a report taken by phone or webchat was taken: the language the caller spoke and whether an
/// interpreter was used. Only staff may send it (the public form cannot claim a call).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Assisted {
    pub language_spoken: Option<LanguageTag>,
    pub interpreter_used: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reporter {
    pub role: Role,
    pub heritage: Vec<Heritage>,
    pub age_band: Option<AgeBand>,
    pub gender: Option<Gender>,
}

/// The form's contact section: the details that reach the reporter (stored apart, see
/// `case_record`) and the language to speak to them in (which the summary keeps).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    #[serde(flatten)]
    pub details: ContactDetails,
    pub preferred_language: Option<LanguageTag>,
    pub interpreter_needed: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    pub occurred_on: Date,
    pub occurred_at: Option<Time>,
    pub location: Location,
    pub types: Vec<IncidentType>,
    pub motivations: Vec<Motivation>,
    pub description: String,
    pub injured: Option<bool>,
    pub ongoing: Option<bool>,
    pub reported_to_police_already: Option<bool>,
    pub police_reference: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub postcode: Option<Postcode>,
    pub town: Option<String>,
    pub online: bool,
    pub place_type: Option<PlaceType>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Perpetrators {
    pub count: Option<PerpetratorCount>,
    pub description: Option<String>,
    pub relationship: Option<Relationship>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Consent {
    pub police: PoliceConsent,
    pub advocate_support: bool,
    pub support_needs: Vec<SupportNeed>,
    pub privacy_notice_version: String,
}

impl Report {
    /// The nation of the incident, from its postcode (unknown when online or not given).
    pub fn nation(&self) -> Nation {
        match &self.incident.location.postcode {
            Some(postcode) => geography::nation_of(postcode),
            None => Nation::Unknown,
        }
    }
}

/// Who is sending the report: the public form may not claim to be an operator's phone call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Submitter {
    Public,
    Operator,
}

/// A report request as the edge reads it: the parsed report and the fingerprint of the body it
/// came in (an `Idempotency-Key` sent again must come with the same request), or the language
/// to refuse it in and every field error.
pub fn read_report_request(
    body: &Value,
    now: Timestamp,
    submitter: Submitter,
) -> Result<(Report, String), (Language, Vec<FieldError>)> {
    match parse_report(body, now, submitter) {
        // JSON with object keys sorted (serde_json's default map), so key order and white space
        // do not make the "same body" look different.
        Ok(report) => Ok((report, crate::hex::sha256(body.to_string().as_bytes()))),
        Err(errors) => Err((requested_language(body).unwrap_or(Language::English), errors)),
    }
}

/// Parses a report. `now` decides what "in the future" means, in UK time.
pub fn parse_report(body: &Value, now: Timestamp, submitter: Submitter) -> Result<Report, Vec<FieldError>> {
    let mut p = Parser::default();
    let report = p.report(body, now, submitter);
    match report {
        Some(report) if p.errors.is_empty() => Ok(report),
        _ => Err(p.errors),
    }
}

/// The language a report asked for, if it names one: used to localise its errors even when
/// the rest of the report is invalid.
pub fn requested_language(body: &Value) -> Option<Language> {
    body.get("language").and_then(Value::as_str).and_then(Language::from_tag)
}

/// Every field the no-script form may send: the leaves of the report's JSON shape (docs/openapi.json).
/// The form object is built only from these paths, never from arbitrary nesting: a key with
/// thousands of dots once built a value so deep that dropping it overflowed the stack.
pub const FORM_FIELDS: &[&str] = &[
    "language",
    "channel",
    "reporter.role",
    "reporter.heritage",
    "reporter.age_band",
    "reporter.gender",
    "contact.name",
    "contact.phone",
    "contact.email",
    "contact.preferred_method",
    "contact.safe_to_leave_voicemail",
    "contact.safe_times",
    "contact.preferred_language",
    "contact.interpreter_needed",
    "incident.occurred_on",
    "incident.occurred_at",
    "incident.location.postcode",
    "incident.location.town",
    "incident.location.online",
    "incident.location.place_type",
    "incident.types",
    "incident.motivations",
    "incident.description",
    "incident.injured",
    "incident.ongoing",
    "incident.reported_to_police_already",
    "incident.police_reference",
    "perpetrators.count",
    "perpetrators.description",
    "perpetrators.relationship",
    "consent.police",
    "consent.advocate_support",
    "consent.support_needs",
    "consent.privacy_notice_version",
    "assisted.language_spoken",
    "assisted.interpreter_used",
];

mod parser;
#[cfg(test)]
mod tests;

#[cfg(test)]
use parser::join;
use parser::Parser;
