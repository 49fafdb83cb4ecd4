//! Field-level errors: what the reporter sees next to the field that needs fixing.

choice! {
    /// Why a field was refused. Stable identifiers: clients switch on them, messages are localised.
    pub enum ErrorCode {
        Required => "required",
        InvalidType => "invalid_type",
        InvalidChoice => "invalid_choice",
        TooLong => "too_long",
        TooShort => "too_short",
        TooMany => "too_many",
        InvalidCharacters => "invalid_characters",
        InvalidDate => "invalid_date",
        InvalidTime => "invalid_time",
        InFuture => "in_future",
        InvalidPostcode => "invalid_postcode",
        InvalidPhone => "invalid_phone",
        InvalidEmail => "invalid_email",
        InvalidLanguageTag => "invalid_language_tag",
        LocationRequired => "location_required",
        RequiredForPoliceContact => "required_for_police_contact",
        RequiredForAdvocate => "required_for_advocate",
        RequiredForPreferredMethod => "required_for_preferred_method",
        UnknownField => "unknown_field",
        NotAllowed => "not_allowed",
        MalformedBody => "malformed_body",
        BodyTooLarge => "body_too_large",
        UnsupportedMediaType => "unsupported_media_type",
        InvalidIdempotencyKey => "invalid_idempotency_key",
        IdempotencyKeyReused => "idempotency_key_reused",
        ServiceUnavailable => "service_unavailable",
        CaseClosed => "case_closed",
        UnknownPartner => "unknown_partner",
        PartnerNotAssigned => "partner_not_assigned",
        ShareConsentInPlace => "share_consent_in_place",
        NoPoliceConsent => "no_police_consent",
        VersionConflict => "version_conflict",
    }
}

/// One problem with one field. `field` is the dotted path of the API contract
/// (`incident.types[1]`, `contact.phone`); `params` fill the localised message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub code: ErrorCode,
    pub params: Vec<(&'static str, String)>,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: ErrorCode) -> Self {
        Self { field: field.into(), code, params: Vec::new() }
    }

    pub fn with(mut self, name: &'static str, value: impl ToString) -> Self {
        self.params.push((name, value.to_string()));
        self
    }
}
