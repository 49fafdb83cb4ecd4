//! The report's parser: every field read and checked in one pass, every error kept with its
//! path, so a refusal names each field at once. `parse_report` is its entry point.

use super::*;

#[derive(Default)]
pub(super) struct Parser {
    pub(super) errors: Vec<FieldError>,
}

/// How a free-text field is checked (the rule casework's events share).
type Text = crate::fields::TextRule;

const LINE: fn(usize) -> Text = Text::line;
const PARAGRAPHS: fn(usize) -> Text = Text::paragraphs;

pub(super) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

impl Parser {
    fn error(&mut self, field: impl Into<String>, code: ErrorCode) {
        self.errors.push(FieldError::new(field, code));
    }

    pub(super) fn report(&mut self, body: &Value, now: Timestamp, submitter: Submitter) -> Option<Report> {
        if body.is_null() {
            // `object` reads null as a section left out; the body itself must be there.
            self.errors.push(FieldError::new("body", ErrorCode::InvalidType).with("expected", "object"));
            return None;
        }
        let root = self.object(
            "",
            Some(body),
            &["language", "channel", "reporter", "contact", "incident", "perpetrators", "consent", "assisted"],
        )?;

        let language = self.required("language", root.get("language"), |p, f, v| {
            let s = p.string(f, v)?;
            let language = Language::from_tag(&s);
            if language.is_none() {
                p.errors.push(FieldError::new(f, ErrorCode::InvalidChoice).with("allowed", Language::allowed()));
            }
            language
        });
        let channel = self.channel(root.get("channel"), submitter);
        let reporter = self.reporter(root.get("reporter"));
        let contact = self.contact(root.get("contact"));
        let incident = self.incident(root.get("incident"), now);
        let perpetrators = self.perpetrators(root.get("perpetrators"));
        let consent = self.consent(root.get("consent"));
        let assisted = self.assisted(root.get("assisted"), submitter);

        self.consent_rules(root);

        Some(Report {
            language: language?,
            channel: channel?,
            reporter: reporter?,
            contact: contact?,
            incident: incident?,
            perpetrators: perpetrators?,
            consent: consent?,
            assisted: assisted?,
        })
    }

    /// `assisted`: staff only, as a channel other than online is.
    fn assisted(&mut self, value: Option<&Value>, submitter: Submitter) -> Option<Option<Assisted>> {
        if is_absent(value) {
            return Some(None);
        }
        let path = "assisted";
        let errors_before = self.errors.len();
        let obj = self.object(path, value, &["language_spoken", "interpreter_used"])?;
        let language_spoken = self.optional_parsed(
            &join(path, "language_spoken"),
            obj.get("language_spoken"),
            limits::LANGUAGE_TAG,
            |answer| Ok(LanguageTag::from_answer(answer)),
        );
        let interpreter_used = self.optional_bool(&join(path, "interpreter_used"), obj.get("interpreter_used"));
        let assisted = Assisted { language_spoken: language_spoken?, interpreter_used: interpreter_used? };
        // Read first, so a malformed section gets its own errors; well-formed, the public may
        // still not send it.
        if submitter == Submitter::Public {
            if self.errors.len() == errors_before {
                self.error(path, ErrorCode::NotAllowed);
            }
            return None;
        }
        Some(Some(assisted))
    }

    fn channel(&mut self, value: Option<&Value>, submitter: Submitter) -> Option<Channel> {
        let channel = self.optional_choice::<Channel>("channel", value)?.unwrap_or(match submitter {
            Submitter::Public => Channel::Online,
            Submitter::Operator => Channel::Phone,
        });
        if submitter == Submitter::Public && channel != Channel::Online {
            self.error("channel", ErrorCode::NotAllowed);
            return None;
        }
        Some(channel)
    }

    fn reporter(&mut self, value: Option<&Value>) -> Option<Reporter> {
        let path = "reporter";
        let obj = self.required_object(path, value, &["role", "heritage", "age_band", "gender"])?;
        let role = self.required(&join(path, "role"), obj.get("role"), |p, f, v| p.choice(f, v));
        let heritage = self.choice_list(&join(path, "heritage"), obj.get("heritage"));
        let age_band = self.optional_choice(&join(path, "age_band"), obj.get("age_band"));
        let gender = self.optional_choice(&join(path, "gender"), obj.get("gender"));
        Some(Reporter { role: role?, heritage: heritage?, age_band: age_band?, gender: gender? })
    }

    fn contact(&mut self, value: Option<&Value>) -> Option<Contact> {
        let path = "contact";
        let allowed = [
            "name",
            "phone",
            "email",
            "preferred_method",
            "safe_to_leave_voicemail",
            "safe_times",
            "preferred_language",
            "interpreter_needed",
        ];
        let Some(obj) = self.object(path, value, &allowed) else {
            return if is_absent(value) { Some(Contact::default()) } else { None };
        };
        let given = Given::in_contact(Some(obj));
        let name = self.optional_text(&join(path, "name"), obj.get("name"), LINE(limits::NAME));
        let phone = self.optional_parsed(&join(path, "phone"), obj.get("phone"), limits::PHONE, PhoneNumber::parse);
        let email = self.optional_parsed(&join(path, "email"), obj.get("email"), limits::EMAIL, EmailAddress::parse);
        let preferred_method = self.optional_choice(&join(path, "preferred_method"), obj.get("preferred_method"));
        let voicemail = self.optional_bool(&join(path, "safe_to_leave_voicemail"), obj.get("safe_to_leave_voicemail"));
        let safe_times = self.optional_text(&join(path, "safe_times"), obj.get("safe_times"), LINE(limits::SAFE_TIMES));
        let preferred_language = self.optional_parsed(
            &join(path, "preferred_language"),
            obj.get("preferred_language"),
            limits::LANGUAGE_TAG,
            |answer| Ok(LanguageTag::from_answer(answer)),
        );
        let interpreter = self.optional_bool(&join(path, "interpreter_needed"), obj.get("interpreter_needed"));

        let contact = Contact {
            details: ContactDetails {
                name: name?,
                phone: phone?,
                email: email?,
                preferred_method: preferred_method?,
                safe_to_leave_voicemail: voicemail?,
                safe_times: safe_times?,
                proposed_phone: None,
            },
            preferred_language: preferred_language?,
            interpreter_needed: interpreter?,
        };
        match contact.details.preferred_method {
            Some(ContactMethod::Phone | ContactMethod::TextMessage) if !given.phone => {
                self.error("contact.preferred_method", ErrorCode::RequiredForPreferredMethod)
            }
            Some(ContactMethod::Email) if !given.email => {
                self.error("contact.preferred_method", ErrorCode::RequiredForPreferredMethod)
            }
            _ => {}
        }
        Some(contact)
    }

    fn incident(&mut self, value: Option<&Value>, now: Timestamp) -> Option<Incident> {
        let path = "incident";
        let allowed = [
            "occurred_on",
            "occurred_at",
            "location",
            "types",
            "motivations",
            "description",
            "injured",
            "ongoing",
            "reported_to_police_already",
            "police_reference",
        ];
        let obj = self.required_object(path, value, &allowed)?;
        let uk_now = now.to_zoned_datetime(crate::calendar::london());

        let occurred_on = self.required("incident.occurred_on", obj.get("occurred_on"), |p, f, v| {
            let s = p.string(f, v)?;
            match s.parse::<Date>() {
                Ok(date) if date.year() >= 1900 && date <= uk_now.date() => Some(date),
                Ok(date) if date.year() >= 1900 => {
                    p.error(f, ErrorCode::InFuture);
                    None
                }
                _ => {
                    p.error(f, ErrorCode::InvalidDate);
                    None
                }
            }
        });
        let occurred_at = self.optional("incident.occurred_at", obj.get("occurred_at"), |p, f, v| {
            let s = p.string(f, v)?;
            match Time::strptime("%H:%M", &s) {
                Ok(time) => Some(time),
                Err(_) => {
                    p.error(f, ErrorCode::InvalidTime);
                    None
                }
            }
        });
        if let (Some(date), Some(Some(time))) = (occurred_on, occurred_at) {
            if date == uk_now.date() && time > uk_now.time() {
                self.error("incident.occurred_at", ErrorCode::InFuture);
            }
        }

        let location = self.location(obj.get("location"));
        let types = self.required("incident.types", obj.get("types"), |p, f, v| {
            let list = p.choice_list::<IncidentType>(f, Some(v))?;
            if list.is_empty() {
                p.error(f, ErrorCode::Required);
                return None;
            }
            Some(list)
        });
        let motivations = self.choice_list::<Motivation>("incident.motivations", obj.get("motivations")).map(|list| {
            if list.is_empty() {
                vec![Motivation::Race]
            } else {
                list
            }
        });
        let description = self.required("incident.description", obj.get("description"), |p, f, v| {
            p.text(f, v, PARAGRAPHS(limits::DESCRIPTION))
        });
        let injured = self.optional_bool("incident.injured", obj.get("injured"));
        let ongoing = self.optional_bool("incident.ongoing", obj.get("ongoing"));
        let already = self.optional_bool("incident.reported_to_police_already", obj.get("reported_to_police_already"));
        let police_reference = self.optional_text(
            "incident.police_reference",
            obj.get("police_reference"),
            LINE(limits::POLICE_REFERENCE),
        );

        Some(Incident {
            occurred_on: occurred_on?,
            occurred_at: occurred_at?,
            location: location?,
            types: types?,
            motivations: motivations?,
            description: description?,
            injured: injured?,
            ongoing: ongoing?,
            reported_to_police_already: already?,
            police_reference: police_reference?,
        })
    }

    fn location(&mut self, value: Option<&Value>) -> Option<Location> {
        let path = "incident.location";
        let allowed = ["postcode", "town", "online", "place_type"];
        let Some(obj) = self.object(path, value, &allowed) else {
            if is_absent(value) {
                self.error(path, ErrorCode::LocationRequired);
            }
            return None;
        };
        let postcode =
            self.optional_parsed(&join(path, "postcode"), obj.get("postcode"), limits::POSTCODE, Postcode::parse);
        let town = self.optional_text(&join(path, "town"), obj.get("town"), LINE(limits::TOWN));
        let online = self.optional_bool(&join(path, "online"), obj.get("online"));
        let place_type = self.optional_choice(&join(path, "place_type"), obj.get("place_type"));
        let (postcode, town, online, place_type) = (postcode?, town?, online?, place_type?);
        let online = online.unwrap_or(false);
        let postcode_given = !is_absent_or_blank(obj.get("postcode"));
        if postcode.is_none() && !postcode_given && town.is_none() && !online {
            self.error(path, ErrorCode::LocationRequired);
            return None;
        }
        Some(Location { postcode, town, online, place_type })
    }

    fn perpetrators(&mut self, value: Option<&Value>) -> Option<Perpetrators> {
        let path = "perpetrators";
        let Some(obj) = self.object(path, value, &["count", "description", "relationship"]) else {
            return if is_absent(value) { Some(Perpetrators::default()) } else { None };
        };
        let count = self.optional_choice(&join(path, "count"), obj.get("count"));
        let description = self.optional_text(
            &join(path, "description"),
            obj.get("description"),
            PARAGRAPHS(limits::PERPETRATOR_DESCRIPTION),
        );
        let relationship = self.optional_choice(&join(path, "relationship"), obj.get("relationship"));
        Some(Perpetrators { count: count?, description: description?, relationship: relationship? })
    }

    fn consent(&mut self, value: Option<&Value>) -> Option<Consent> {
        let path = "consent";
        let allowed = ["police", "advocate_support", "support_needs", "privacy_notice_version"];
        let obj = self.required_object(path, value, &allowed)?;
        let police = self.required("consent.police", obj.get("police"), |p, f, v| p.choice(f, v));
        let advocate =
            self.required("consent.advocate_support", obj.get("advocate_support"), |p, f, v| p.boolean(f, v));
        let needs = self.choice_list("consent.support_needs", obj.get("support_needs"));
        let version = self.required("consent.privacy_notice_version", obj.get("privacy_notice_version"), |p, f, v| {
            p.text(f, v, LINE(limits::PRIVACY_NOTICE_VERSION))
        });
        Some(Consent {
            police: police?,
            advocate_support: advocate?,
            support_needs: needs?,
            privacy_notice_version: version?,
        })
    }

    /// The rules that tie consent to contact details (docs/openapi.json). They read the raw input, so they
    /// are checked even when other fields are invalid, and a phone that was typed but is invalid
    /// gets its own error rather than a second "phone required" one.
    fn consent_rules(&mut self, root: &Map<String, Value>) {
        if root.get("contact").is_some_and(|contact| !contact.is_null() && !contact.is_object()) {
            // A contact section that is no object has its own error: "phone required" would be a
            // second error for the same mistake.
            return;
        }
        let consent = root.get("consent");
        // Read as `consent.police` itself is: trimmed.
        let police =
            consent.and_then(|c| c.get("police")).and_then(Value::as_str).and_then(|p| PoliceConsent::parse(p.trim()));
        let advocate = consent.and_then(|c| c.get("advocate_support")).and_then(Value::as_bool) == Some(true);
        let given = Given::in_contact(root.get("contact").and_then(Value::as_object));
        if police == Some(PoliceConsent::WithContactDetails) && !given.phone && !given.email {
            self.error("contact", ErrorCode::RequiredForPoliceContact);
        }
        if advocate && !given.phone {
            self.error("contact.phone", ErrorCode::RequiredForAdvocate);
        }
    }

    // ---- generic readers: each records its own errors and returns None on any problem ----

    fn object<'v>(&mut self, path: &str, value: Option<&'v Value>, allowed: &[&str]) -> Option<&'v Map<String, Value>> {
        match value {
            None | Some(Value::Null) => None,
            Some(Value::Object(map)) => {
                for key in map.keys() {
                    if !allowed.contains(&key.as_str()) {
                        // The caller's key is echoed only as a short, sanitised prefix.
                        let field = join(path, &crate::errors::sanitised_field_name(key));
                        self.errors.push(FieldError::new(field, ErrorCode::UnknownField).with("of", "report"));
                    }
                }
                Some(map)
            }
            Some(_) => {
                let field = if path.is_empty() { "body" } else { path };
                self.errors.push(FieldError::new(field, ErrorCode::InvalidType).with("expected", "object"));
                None
            }
        }
    }

    fn required_object<'v>(
        &mut self,
        path: &str,
        value: Option<&'v Value>,
        allowed: &[&str],
    ) -> Option<&'v Map<String, Value>> {
        if is_absent(value) {
            self.error(path, ErrorCode::Required);
            return None;
        }
        self.object(path, value, allowed)
    }

    /// A required field: absent, null or blank is `required`; otherwise `read` decides.
    fn required<T>(
        &mut self,
        field: &str,
        value: Option<&Value>,
        read: impl FnOnce(&mut Self, &str, &Value) -> Option<T>,
    ) -> Option<T> {
        match value {
            Some(v) if !is_absent_or_blank(Some(v)) => read(self, field, v),
            _ => {
                self.error(field, ErrorCode::Required);
                None
            }
        }
    }

    /// An optional field: `Some(None)` when absent, `None` when present but invalid.
    fn optional<T>(
        &mut self,
        field: &str,
        value: Option<&Value>,
        read: impl FnOnce(&mut Self, &str, &Value) -> Option<T>,
    ) -> Option<Option<T>> {
        match value {
            Some(v) if !is_absent_or_blank(Some(v)) => read(self, field, v).map(Some),
            _ => Some(None),
        }
    }

    fn string(&mut self, field: &str, value: &Value) -> Option<String> {
        match value {
            Value::String(s) => Some(s.trim().to_string()),
            _ => {
                self.errors.push(FieldError::new(field, ErrorCode::InvalidType).with("expected", "string"));
                None
            }
        }
    }

    fn text(&mut self, field: &str, value: &Value, rule: Text) -> Option<String> {
        let s = self.string(field, value)?;
        rule.check(field, &s).map_err(|error| self.errors.push(error)).ok()
    }

    fn optional_text(&mut self, field: &str, value: Option<&Value>, rule: Text) -> Option<Option<String>> {
        self.optional(field, value, |p, f, v| p.text(f, v, rule))
    }

    fn optional_parsed<T>(
        &mut self,
        field: &str,
        value: Option<&Value>,
        max: usize,
        parse: fn(&str) -> Result<T, ErrorCode>,
    ) -> Option<Option<T>> {
        self.optional(field, value, |p, f, v| {
            let s = p.text(f, v, LINE(max))?;
            match parse(&s) {
                Ok(parsed) => Some(parsed),
                Err(code) => {
                    p.error(f, code);
                    None
                }
            }
        })
    }

    fn boolean(&mut self, field: &str, value: &Value) -> Option<bool> {
        match value {
            Value::Bool(b) => Some(*b),
            _ => {
                self.errors.push(FieldError::new(field, ErrorCode::InvalidType).with("expected", "true or false"));
                None
            }
        }
    }

    fn optional_bool(&mut self, field: &str, value: Option<&Value>) -> Option<Option<bool>> {
        match value {
            None | Some(Value::Null) => Some(None),
            Some(v) => self.boolean(field, v).map(Some),
        }
    }

    fn choice<T: Choice>(&mut self, field: &str, value: &Value) -> Option<T> {
        let s = self.string(field, value)?;
        let parsed = T::parse(&s);
        if parsed.is_none() {
            self.errors.push(FieldError::new(field, ErrorCode::InvalidChoice).with("allowed", T::allowed()));
        }
        parsed
    }

    fn optional_choice<T: Choice>(&mut self, field: &str, value: Option<&Value>) -> Option<Option<T>> {
        self.optional(field, value, |p, f, v| p.choice(f, v))
    }

    /// A list of identifiers; repeats are dropped, order is kept. Absent is an empty list.
    fn choice_list<T: Choice>(&mut self, field: &str, value: Option<&Value>) -> Option<Vec<T>> {
        let items = match value {
            None | Some(Value::Null) => return Some(Vec::new()),
            Some(Value::Array(items)) => items,
            Some(_) => {
                self.errors.push(FieldError::new(field, ErrorCode::InvalidType).with("expected", "list"));
                return None;
            }
        };
        if items.len() > limits::LIST {
            self.errors.push(FieldError::new(field, ErrorCode::TooMany).with("max", limits::LIST));
            return None;
        }
        let mut list = Vec::with_capacity(items.len());
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            match self.choice::<T>(&format!("{field}[{i}]"), item) {
                Some(v) if !list.contains(&v) => list.push(v),
                Some(_) => {}
                None => ok = false,
            }
        }
        ok.then_some(list)
    }
}

/// Which contact details the reporter typed, valid or not.
#[derive(Debug, Default)]
struct Given {
    phone: bool,
    email: bool,
}

impl Given {
    fn in_contact(contact: Option<&Map<String, Value>>) -> Given {
        Given {
            phone: contact.is_some_and(|c| !is_absent_or_blank(c.get("phone"))),
            email: contact.is_some_and(|c| !is_absent_or_blank(c.get("email"))),
        }
    }
}

fn is_absent(value: Option<&Value>) -> bool {
    matches!(value, None | Some(Value::Null))
}

fn is_absent_or_blank(value: Option<&Value>) -> bool {
    match value {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.trim().is_empty(),
        Some(_) => false,
    }
}
