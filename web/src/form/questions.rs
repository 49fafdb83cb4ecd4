//! The report form's questions: which are asked, in which sections and order, with which
//! conditions, how each answer kept and each error is shown beside its question. The public
//! form and the console's report by phone or webchat both ask these.

use super::*;

/// A line of the error summary: the message, linking to its field.
pub(crate) struct ErrorLink {
    pub anchor: String,
    pub message: String,
    /// The message alone, as shown beside the question.
    pub inline: String,
}

/// A section of the report's questions (`form/questions.html`).
pub(crate) struct Section {
    /// Its name in the message catalogue (`consent`).
    pub name: &'static str,
    pub legend: String,
    pub hint: Option<String>,
    /// Words staff read aloud to a caller before asking (the console's report by phone).
    pub read_aloud: Option<ReadAloud>,
    /// One of the essentials (asked first); else one of the optional "Tell us more" sections.
    pub essential: bool,
    /// `field=value|field=value`: with scripts on, the section shows only once one of these
    /// answers is chosen (without scripts it always shows).
    pub show_when: Option<&'static str>,
    pub questions: Vec<Question>,
}

/// What a member of staff reads to a caller: each thing said, with what it means.
pub(crate) struct ReadAloud {
    /// The language of the words (`lang`).
    pub lang: &'static str,
    pub heading: String,
    pub lines: Vec<(String, String)>,
}

pub(crate) struct Question {
    /// The field path, the input's `name` (`contact.phone`).
    pub name: &'static str,
    /// The element id the error summary links to.
    pub id: String,
    pub label: String,
    pub hint: Option<String>,
    pub optional: bool,
    pub kind: Kind,
    pub value: String,
    pub options: Vec<Answer>,
    /// For a single checkbox: whether it was ticked.
    pub ticked: bool,
    /// `field=value`: with scripts on, the question shows only when that answer is chosen
    /// (without scripts every question shows).
    pub show_when: Option<&'static str>,
    pub error: Option<String>,
    /// For a date: its day, month and year boxes.
    pub parts: Vec<DatePart>,
}

/// One box of a date (`form/questions.html`).
pub(crate) struct DatePart {
    pub name: String,
    pub id: String,
    pub label: String,
    pub value: String,
    /// `year` is wider than `day` and `month`.
    pub part: &'static str,
}

impl Question {
    #[cfg(feature = "staff")]
    /// A question the public form does not ask (staff's own, in English): `options` are
    /// (value, label) pairs for a choice; the answer given is kept.
    pub(crate) fn staff(
        name: &'static str,
        label: &str,
        kind: Kind,
        options: &[(&'static str, &str)],
        kept: &Kept,
        error: Option<String>,
    ) -> Question {
        Question {
            name,
            id: anchor(name),
            label: label.to_string(),
            hint: None,
            optional: true,
            kind,
            value: kept.first(name).unwrap_or_default().to_string(),
            options: options
                .iter()
                .map(|(value, label)| Answer {
                    value,
                    label: label.to_string(),
                    checked: kept.has(name, value),
                    input: if kind == Kind::Many { "checkbox" } else { "radio" },
                })
                .collect(),
            ticked: false,
            show_when: None,
            error,
            parts: Vec::new(),
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Kind {
    Text,
    TextArea,
    Time,
    Tel,
    Email,
    /// One choice among several (radio buttons).
    One,
    /// Any of several (checkboxes).
    Many,
    /// Yes or no (two radio buttons sending `true`/`false`).
    YesNo,
    /// A single checkbox sending `true`.
    Tick,
    /// A date as three boxes: day, month, year.
    DateParts,
}

impl Kind {
    pub(crate) fn input_type(&self) -> &'static str {
        match self {
            Kind::Time => "time",
            Kind::Tel => "tel",
            Kind::Email => "email",
            _ => "text",
        }
    }
    pub(crate) fn is_input(&self) -> bool {
        matches!(self, Kind::Text | Kind::Time | Kind::Tel | Kind::Email)
    }
    pub(crate) fn is_options(&self) -> bool {
        matches!(self, Kind::One | Kind::Many | Kind::YesNo)
    }
    pub(crate) fn is_text_area(&self) -> bool {
        *self == Kind::TextArea
    }
    pub(crate) fn is_date_parts(&self) -> bool {
        *self == Kind::DateParts
    }
}

/// One option of a choice question.
pub(crate) struct Answer {
    pub value: &'static str,
    pub label: String,
    pub checked: bool,
    /// `radio` or `checkbox`.
    pub input: &'static str,
}

/// A question of the form: its field, how it is asked, and whether it may be left out.
pub(super) struct Ask {
    field: &'static str,
    kind: Kind,
    choices: Vec<&'static str>,
    optional: bool,
    hint: bool,
}

pub(super) fn ask(field: &'static str, kind: Kind) -> Ask {
    Ask { field, kind, choices: Vec::new(), optional: true, hint: false }
}

impl Ask {
    fn required(self) -> Ask {
        Ask { optional: false, ..self }
    }
    fn hinted(self) -> Ask {
        Ask { hint: true, ..self }
    }
    fn of<C: Choice + 'static>(self) -> Ask {
        Ask { choices: C::identifiers().to_vec(), ..self }
    }
    /// The languages a reporter may want to speak, by name: the languages of the UK's East and
    /// Southeast Asian communities most often asked for, and `und` ("another language", which the
    /// operator asks about on the call) rather than a code to type.
    fn of_languages(self) -> Ask {
        Ask { choices: PREFERRED_LANGUAGES.to_vec(), ..self }
    }
}

/// `contact.preferred_language`'s choices: BCP 47 tags, as the API takes them.
pub(super) const PREFERRED_LANGUAGES: &[&str] =
    &["yue", "cmn", "nan", "hak", "vi", "ko", "ja", "th", "fil", "id", "ms", "my", "km", "en", "und"];

/// The date's three boxes (GOV.UK's date input): the form sends them as `<field>-day`,
/// `-month` and `-year`, which [`report_from_form`] joins into the report's `YYYY-MM-DD`.
pub(super) const DATE_PARTS: [&str; 3] = ["day", "month", "year"];

/// The form's sections and questions, in the order a reporter meets them: first the seven
/// answers a report needs (and the contact details consent may call for), then the optional
/// questions ("Tell us more"). Each section: its name, whether it has a hint, whether it is
/// one of the essentials, and its questions.
pub(super) fn questions() -> Vec<(&'static str, bool, bool, Vec<Ask>)> {
    vec![
        (
            "incident",
            false,
            true,
            vec![
                ask("reporter.role", Kind::One).required().of::<Role>(),
                ask("incident.occurred_on", Kind::DateParts).required().hinted(),
                ask("incident.types", Kind::Many).required().of::<IncidentType>(),
                ask("incident.description", Kind::TextArea).required().hinted(),
            ],
        ),
        (
            "location",
            true,
            true,
            vec![
                ask("incident.location.postcode", Kind::Text).hinted(),
                ask("incident.location.town", Kind::Text),
                ask("incident.location.online", Kind::Tick),
            ],
        ),
        (
            "consent",
            false,
            true,
            vec![
                // No hint: each answer says what it means, and the first screen that the police are
                // told only if the reporter chooses (the console reads the hint aloud).
                ask("consent.police", Kind::One).required().of::<PoliceConsent>(),
                ask("consent.advocate_support", Kind::YesNo).required().hinted(),
            ],
        ),
        ("contact", true, true, vec![ask("contact.phone", Kind::Tel).hinted(), ask("contact.email", Kind::Email)]),
        (
            "incident-more",
            false,
            false,
            vec![
                ask("incident.occurred_at", Kind::Time).hinted(),
                ask("incident.location.place_type", Kind::One).of::<PlaceType>(),
                ask("incident.motivations", Kind::Many).of::<Motivation>(),
                ask("incident.injured", Kind::YesNo),
                ask("incident.ongoing", Kind::YesNo),
                ask("incident.reported_to_police_already", Kind::YesNo),
                ask("incident.police_reference", Kind::Text),
            ],
        ),
        (
            "perpetrators",
            false,
            false,
            vec![
                ask("perpetrators.count", Kind::One).of::<PerpetratorCount>(),
                ask("perpetrators.relationship", Kind::One).of::<Relationship>(),
                ask("perpetrators.description", Kind::TextArea),
            ],
        ),
        (
            "reporter-more",
            false,
            false,
            vec![
                ask("reporter.heritage", Kind::Many).of::<Heritage>(),
                ask("reporter.age_band", Kind::One).of::<AgeBand>(),
                ask("reporter.gender", Kind::One).of::<Gender>(),
            ],
        ),
        (
            "support",
            false,
            false,
            vec![
                ask("consent.support_needs", Kind::Many).of::<SupportNeed>(),
                ask("contact.name", Kind::Text),
                ask("contact.preferred_method", Kind::One).of::<ContactMethod>(),
                ask("contact.safe_to_leave_voicemail", Kind::YesNo),
                ask("contact.safe_times", Kind::Text),
                ask("contact.preferred_language", Kind::One).hinted().of_languages(),
                ask("contact.interpreter_needed", Kind::YesNo),
            ],
        ),
    ]
}

/// The sections that only apply after given answers: the contact details, which only the
/// police (with contact details), an advocate, or a talk about the police need.
pub(super) fn section_condition(section: &str) -> Option<&'static str> {
    match section {
        "contact" => Some("consent.police=with_contact_details|consent.police=not_sure|consent.advocate_support=true"),
        _ => None,
    }
}

/// The questions that only apply after a given answer (GOV.UK's conditional reveal).
pub(super) fn reveal_condition(field: &str) -> Option<&'static str> {
    match field {
        "incident.police_reference" => Some("incident.reported_to_police_already=true"),
        "consent.support_needs" => Some("consent.advocate_support=true"),
        _ => None,
    }
}

/// A date question's day, month and year boxes, with what was typed in each. The day's box has
/// the question's own id, which the error summary links to.
pub(super) fn date_parts(t: &Texts, field: &'static str, kept: &Kept) -> Vec<DatePart> {
    DATE_PARTS
        .iter()
        .map(|part| {
            let name = format!("{field}-{part}");
            DatePart {
                id: if *part == "day" { anchor(field) } else { anchor(&name) },
                label: t.get(&format!("form-date-{part}")),
                value: kept.first(&name).unwrap_or_default().to_string(),
                name,
                part,
            }
        })
        .collect()
}

/// An error's message on the form: the question's own words where it has them ("Enter the date
/// it happened", `error-required-incident-occurred_on`), which say what to do; else the error's
/// general message, which the API gives too.
pub(super) fn form_error_message(language: Language, error: &FieldError, field: Option<&str>) -> (String, bool) {
    if let Some(field) = field {
        let own = format!("error-{}-{}", error.code.as_str(), anchor(field));
        if i18n::has_own_message(Language::English, &own) {
            let args: Vec<(&str, String)> = error.params.iter().map(|(k, v)| (*k, v.clone())).collect();
            return (i18n::message(language, &own, &args), true);
        }
    }
    (i18n::error_message(language, error), false)
}

/// `contact.phone` → `contact-phone`: the id an error links to.
pub(super) fn anchor(field: &str) -> String {
    field.replace('.', "-")
}

/// The last part of a field path, which names its choices' messages (`choice-types-…`).
pub(super) fn short_name(field: &str) -> &str {
    field.rsplit('.').next().unwrap_or(field)
}

/// The error summary's lines, in the form's order: each links to the question it is about and
/// names it, since a message such as "This is required" means nothing on its own. The form
/// page and the script's in-place check both show these.
pub(crate) fn error_links(language: Language, errors: &[FieldError]) -> Vec<ErrorLink> {
    let t = Texts(language);
    let fields: Vec<&str> = questions().iter().flat_map(|(.., asks)| asks.iter().map(|a| a.field)).collect();
    let position = |anchor: &str| fields.iter().position(|f| self::anchor(f) == anchor).unwrap_or(usize::MAX);
    let mut links: Vec<ErrorLink> = errors
        .iter()
        .map(|error| {
            // An error on `incident.location` points at the section's first question; one on
            // `contact` (the police need a way to reach the reporter) at the phone number.
            let field = fields
                .iter()
                .find(|f| **f == error.field)
                .or_else(|| (error.field == "contact").then_some(&"contact.phone"))
                .or_else(|| fields.iter().find(|f| f.starts_with(&format!("{}.", error.field))))
                .copied();
            let anchor = field.map_or_else(|| "main".to_string(), anchor);
            let (inline, says_what_to_do) = form_error_message(language, error, field);
            let message = match field {
                Some(field) if !says_what_to_do => {
                    format!("{} {inline}", t.get(&format!("form-{}", field.replace('.', "-"))))
                }
                _ => inline.clone(),
            };
            ErrorLink { anchor, message, inline }
        })
        .collect();
    // A stable sort: two errors on one question keep their order.
    links.sort_by_key(|link| position(&link.anchor));
    links
}

impl FormPage {
    pub(super) fn new(language: Language, kept: &Kept, errors: &[FieldError]) -> FormPage {
        let (error_links, sections) = report_sections(language, kept, errors);
        let (essentials, more): (Vec<Section>, Vec<Section>) = sections.into_iter().partition(|s| s.essential);
        let more_open = more
            .iter()
            .flat_map(|s| &s.questions)
            .any(|q| q.error.is_some() || !q.value.is_empty() || q.ticked || q.options.iter().any(|o| o.checked));
        let mut chrome = Chrome::new(language, "form-title", "");
        chrome.keeps_answers = true;
        FormPage {
            chrome,
            errors: error_links,
            essentials,
            more,
            more_open,
            form_key: kept.form_key.clone().unwrap_or_else(|| uuid::Uuid::new_v4().simple().to_string()),
            privacy_version: PRIVACY_NOTICE_VERSION,
        }
    }
}

/// The report's questions in `language`, with the answers kept and each error beside its
/// question; and the error summary's lines. The public form and the console's report by phone
/// or webchat both ask these.
pub(crate) fn report_sections(
    language: Language,
    kept: &Kept,
    errors: &[FieldError],
) -> (Vec<ErrorLink>, Vec<Section>) {
    let t = Texts(language);
    let error_links = error_links(language, errors);
    let error_for = |field: &str| {
        let id = anchor(field);
        let messages: Vec<&str> =
            error_links.iter().filter(|link| link.anchor == id).map(|link| link.inline.as_str()).collect();
        (!messages.is_empty()).then(|| messages.join(" "))
    };
    let sections = questions()
        .into_iter()
        .map(|(name, hinted, essential, asks)| Section {
            name,
            read_aloud: None,
            essential,
            show_when: section_condition(name),
            legend: t.get(&format!("form-section-{name}")),
            hint: hinted.then(|| t.get(&format!("form-section-{name}-hint"))),
            questions: asks
                .into_iter()
                .map(|a| {
                    let message_id = format!("form-{}", a.field.replace('.', "-"));
                    let choices: Vec<&'static str> = match a.kind {
                        Kind::YesNo => vec!["true", "false"],
                        _ => a.choices.clone(),
                    };
                    let options = choices
                        .into_iter()
                        .map(|value| Answer {
                            value,
                            label: match (a.kind, value) {
                                (Kind::YesNo, "true") => t.get("form-yes"),
                                (Kind::YesNo, _) => t.get("form-no"),
                                // Fluent ids take no `+`: `75+` is `75plus`.
                                _ => t.get(&format!("choice-{}-{}", short_name(a.field), value.replace('+', "plus"))),
                            },
                            checked: kept.has(a.field, value),
                            input: if a.kind == Kind::Many { "checkbox" } else { "radio" },
                        })
                        .collect();
                    Question {
                        name: a.field,
                        id: anchor(a.field),
                        label: t.get(&message_id),
                        hint: a.hint.then(|| t.get(&format!("{message_id}-hint"))),
                        optional: a.optional,
                        kind: a.kind,
                        value: if matches!(a.kind, Kind::Tick | Kind::DateParts) {
                            String::new()
                        } else {
                            kept.first(a.field).unwrap_or_default().to_string()
                        },
                        options,
                        ticked: a.kind == Kind::Tick && kept.has(a.field, "true"),
                        show_when: reveal_condition(a.field),
                        error: error_for(a.field),
                        parts: if a.kind == Kind::DateParts { date_parts(&t, a.field, kept) } else { Vec::new() },
                    }
                })
                .collect(),
        })
        .collect();
    (error_links, sections)
}
