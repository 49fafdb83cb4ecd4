# English: the fallback language. Every message id must exist here.

## Field errors (id: error-<code>)
error-required = This is required.
error-invalid_type = This has the wrong kind of value: expected { $expected }.
error-invalid_choice = This is not one of the allowed values: { $allowed }.
error-too_long = This is too long: at most { $max } characters.
error-too_short = This is too short: at least { $min } characters.
error-too_many = Too many values: at most { $max }.
error-invalid_characters = This contains characters we cannot accept (control characters).
error-invalid_date = Enter a real date as YYYY-MM-DD, after 1900.
error-invalid_time = Enter a time as HH:MM, for example 18:30.
error-in_future = This cannot be in the future.
error-invalid_postcode = Enter a UK postcode, such as M1 1AE, or its first part, such as M1.
error-invalid_phone = Enter a phone number we can call, such as 07700 900123.
error-invalid_email = Enter an email address, such as name@example.org.
error-invalid_language_tag = Enter a language code, such as yue for Cantonese.
error-location_required = Tell us where it happened: a postcode, a town, or that it happened online.
error-required_for_police_contact = To pass your contact details to the police we need a phone number or an email address.
error-required_for_advocate = A caseworker advocate needs a phone number to call you. You can stay anonymous otherwise.
error-required_for_preferred_method = Give the contact detail for the method you chose.
error-unknown_field = { $of ->
    [report] This field is not part of the report form.
   *[other] This field is not part of a { $of } event.
}
error-not_allowed = This can only be set by a helpline operator.
error-malformed_body = The report could not be read: { $detail }.
error-body_too_large = The report is too large: at most { $max } bytes.
error-unsupported_media_type = Send the report as application/json or application/x-www-form-urlencoded.
error-invalid_idempotency_key = The Idempotency-Key header must be 1 to 128 visible ASCII characters.
error-idempotency_key_reused = This Idempotency-Key was already used for a different report.
error-service_unavailable = We could not save your report just now, and nothing was kept. Please try again in a minute, or call our free helpline on 0808 801 0393.
error-service_unavailable-staff = This could not be done just now, and nothing was changed. Please try again in a minute.

error-case_closed = This case is closed: only notes can be added.
error-unknown_partner = There is no partner organisation with this id.
error-partner_not_assigned = Confirm this partner as the case's advocate organisation first.
error-share_consent_in_place = The reporter's consent to share with a partner is in place: record its withdrawal first.
error-no_police_consent = The reporter has not agreed to a police referral (or withdrew it).
error-version_conflict = Someone else changed this case at the same moment: reload it and try again.
error-too_many_errors = There are too many problems to list: { $omitted } more were left out. Fix the ones above and send again.
error-unauthenticated = Sign in first: this needs valid staff credentials.
error-forbidden = Your role does not allow this.
error-not_found = There is nothing here, or you may not see it.
error-rate_limited = Too many requests from your connection. Please wait { $retry_after } seconds and try again.
error-case_erased = This case's personal data was erased: free text can no longer be added to it.
error-no_advocate_requested = The reporter did not ask for a caseworker advocate.
error-not_shared = The reporter has not consented to share their details with a partner, or withdrew it.
error-nothing_to_release = No police referral is waiting for release on this case (it was not from the public form, or was released already).
error-invalid_date_time = Enter a date as YYYY-MM-DD, or a date and time such as 2026-12-01T09:00:00Z.

## The answer to an accepted report
next-steps-received = Thank you for telling us what happened. Your reference is { $reference }. Please keep it and quote it whenever you contact us.
next-steps-police-anonymous = We will pass your report to the police without your name or contact details. They will record it, but are unlikely to investigate.
next-steps-police-with-contact = We will pass your report and your contact details to the police. The police may contact you and investigate.
next-steps-advocate = A helpline operator will phone you within 3 working days to tell you which caseworker advocate can support you, and to ask whether you agree to share your details with them.
next-steps-contact-given = A helpline operator may get in touch using the details you gave, to offer support.
next-steps-no-contact = You did not leave contact details, so we will not contact you.
next-steps-helpline = You can talk to us on our free helpline, 0808 801 0393, Monday to Friday, 9am to 5pm.

## The report form (pages served at /{lang}/)
form-service-name = On Your Side
form-title = Report racism or hate
form-intro = If you are East or Southeast Asian and have faced racism or any form of hate in the UK, tell us what happened. It takes about 5 minutes. You can stay anonymous.
form-emergency = If you are in danger now, call 999.
form-exit = Exit this page
form-exit-hint = Leaves this site at once for a weather page. On a computer you can also press Shift three times.
form-language = Language
form-language-choose = Change language
form-required-hint = Questions marked “optional” can be left out.
form-optional = (optional)
form-yes = Yes
form-no = No
form-not-said = Prefer not to say
form-submit = Send my report
form-error-summary = There is a problem
form-error-summary-hint = Nothing was sent. Correct these and send again; what you typed is kept.
form-privacy-link = How we use your information (privacy notice)
form-helpline = Free helpline: 0808 801 0393, Monday to Friday, 9am to 5pm. Webchat: Monday to Friday, 10am to 4pm.

form-section-incident = What happened
form-incident-occurred_on = When did it happen?
form-incident-occurred_on-hint = The date, for example 2026-11-20.
form-incident-occurred_at = At what time?
form-incident-occurred_at-hint = For example 18:30. Leave it out if you are not sure.
form-incident-types = What happened? Choose all that apply.
form-incident-description = Tell us what happened, in your own words.
form-incident-description-hint = Include what was said or done. Leave out anything you do not want to share.
form-incident-motivations = Why do you think it happened? Choose all that apply.
form-incident-injured = Were you or anyone else injured?
form-incident-ongoing = Is it still happening?
form-incident-reported_to_police_already = Have you already reported it to the police?
form-incident-police_reference = Police reference number

form-section-location = Where it happened
form-section-location-hint = Give at least one: the postcode, the town, or that it happened online.
form-incident-location-postcode = Postcode
form-incident-location-postcode-hint = The full postcode, or just the first part such as M1.
form-incident-location-town = Town or city
form-incident-location-online = It happened online
form-incident-location-place_type = What kind of place?

form-section-perpetrators = Who did it
form-perpetrators-count = How many people did it?
form-perpetrators-relationship = Did you know them?
form-perpetrators-description = Anything that describes them

form-section-reporter = About you
form-reporter-role = Who is reporting?
form-reporter-heritage = Your heritage (choose all that apply)
form-reporter-age_band = Your age
form-reporter-gender = Your gender

form-section-consent = What you would like us to do
form-consent-police = Should we tell the police?
form-consent-police-hint = We can pass your report to the police without your name. Or, with your agreement, with your contact details so they can contact you and investigate. Or not at all.
form-consent-advocate_support = Would you like a caseworker advocate to support you?
form-consent-advocate_support-hint = An advocate from a partner organisation can call you, listen and help with the police, work, housing or your wellbeing. We will need a phone number.
form-consent-support_needs = What support would help? Choose all that apply.

form-section-contact = How we can contact you
form-section-contact-hint = Only if you want us or the police to contact you. Leave this empty to stay anonymous.
form-contact-name = Your name
form-contact-phone = Phone number
form-contact-phone-hint = A UK number, for example 07700 900123.
form-contact-email = Email address
form-contact-preferred_method = How should we contact you?
form-contact-safe_to_leave_voicemail = Is it safe to leave a voicemail?
form-contact-safe_times = When is it safe to contact you?
form-contact-preferred_language = Language you would like to speak
form-contact-preferred_language-hint = A language code, for example yue (Cantonese) or vi (Vietnamese).
form-contact-interpreter_needed = Would you need an interpreter?

form-privacy-agree = By sending this report you agree that we keep it as our privacy notice describes.

## Words for each choice (id: choice-<field>-<value>)
choice-role-victim = It happened to me
choice-role-witness = I saw it happen
choice-role-on_behalf = I am reporting for someone else
choice-heritage-china = Mainland China
choice-heritage-hong_kong = Hong Kong
choice-heritage-macao = Macao
choice-heritage-mongolia = Mongolia
choice-heritage-japan = Japan
choice-heritage-north_korea = North Korea
choice-heritage-south_korea = South Korea
choice-heritage-taiwan = Taiwan
choice-heritage-brunei = Brunei
choice-heritage-cambodia = Cambodia
choice-heritage-indonesia = Indonesia
choice-heritage-laos = Laos
choice-heritage-malaysia = Malaysia
choice-heritage-myanmar = Myanmar
choice-heritage-philippines = Philippines
choice-heritage-singapore = Singapore
choice-heritage-thailand = Thailand
choice-heritage-timor_leste = Timor-Leste
choice-heritage-vietnam = Vietnam
choice-heritage-mixed = Mixed heritage
choice-heritage-other = Other
choice-heritage-prefer_not_to_say = Prefer not to say
choice-age_band-under-18 = Under 18
choice-age_band-18-24 = 18 to 24
choice-age_band-25-34 = 25 to 34
choice-age_band-35-44 = 35 to 44
choice-age_band-45-54 = 45 to 54
choice-age_band-55-64 = 55 to 64
choice-age_band-65-74 = 65 to 74
choice-age_band-75plus = 75 or over
choice-age_band-prefer_not_to_say = Prefer not to say
choice-gender-woman = Woman
choice-gender-man = Man
choice-gender-non_binary = Non-binary
choice-gender-other = Other
choice-gender-prefer_not_to_say = Prefer not to say
choice-preferred_method-phone = Phone call
choice-preferred_method-text_message = Text message
choice-preferred_method-email = Email
choice-types-verbal_abuse = Verbal abuse or insults
choice-types-physical_assault = Physical attack
choice-types-threats = Threats
choice-types-harassment = Harassment or being followed
choice-types-damage_to_property = Damage to property
choice-types-online_abuse = Online abuse
choice-types-spitting_or_coughing = Spitting or coughing at someone
choice-types-discrimination_at_work = Discrimination at work
choice-types-refused_service = Refused service
choice-types-hate_material = Hate graffiti, letters or leaflets
choice-types-other = Something else
choice-motivations-race = Race or ethnicity
choice-motivations-religion = Religion or belief
choice-motivations-sexual_orientation = Sexual orientation
choice-motivations-disability = Disability
choice-motivations-transgender_identity = Transgender identity
choice-motivations-sex_or_gender = Sex or gender
choice-motivations-other = Something else
choice-place_type-street = Street or public place
choice-place_type-public_transport = Public transport
choice-place_type-shop_or_business = Shop or business
choice-place_type-workplace = Workplace
choice-place_type-school_or_university = School, college or university
choice-place_type-home_or_neighbourhood = Home or neighbourhood
choice-place_type-healthcare = Hospital or healthcare
choice-place_type-online = Online
choice-place_type-other = Somewhere else
choice-count-one = One person
choice-count-two_to_five = 2 to 5 people
choice-count-more_than_five = More than 5 people
choice-count-unknown = I do not know
choice-relationship-stranger = A stranger
choice-relationship-neighbour = A neighbour
choice-relationship-colleague = A colleague
choice-relationship-partner_or_family = A partner or family member
choice-relationship-other_known = Someone else I know
choice-relationship-unknown = I do not know
choice-police-no = No, do not tell the police
choice-police-anonymous = Yes, without my name or contact details
choice-police-with_contact_details = Yes, with my contact details, so they can contact me
choice-support_needs-emotional_wellbeing = Emotional support
choice-support_needs-police_follow_up = Help with the police
choice-support_needs-workplace_discrimination = Help with discrimination at work
choice-support_needs-legal_help = Legal help
choice-support_needs-domestic_abuse = Domestic abuse
choice-support_needs-other = Something else

## After a report is sent
form-confirmation-title = Your report has been sent
form-confirmation-reference = Your reference
form-confirmation-keep = Keep this reference somewhere safe, where nobody else will see it, and quote it whenever you contact us. We cannot show it again.
form-confirmation-next = What happens next
form-confirmation-another = Send another report

## The privacy notice
privacy-title = How we use your information
privacy-version = Privacy notice version { $version }
privacy-what = We keep what you tell us in your report. Your name and contact details are stored apart from what happened, and only the helpline team can see them.
privacy-why = We use your report to support you, to pass it on where you asked us to, and to count, without names, how much racism and hate East and Southeast Asian people face in the UK.
privacy-share = We share your details only with your agreement: with the police if you chose that, and with a partner organisation's advocate if you agree when we call you. You can withdraw your agreement at any time by calling the helpline.
privacy-keep = We delete your contact details 180 days after the last thing we did on your case, and the rest of your personal information after 365 days. Counts without names are kept.
privacy-rights = You can ask to see what we hold about you, or ask us to delete it, by calling the helpline with your reference.
