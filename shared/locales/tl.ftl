# Tagalog (Filipino). Written by the engineers: to be reviewed by a native speaker.

## Field errors
error-required = Kailangan ito.
error-invalid_type = Mali ang uri ng sagot dito: dapat { $expected }.
error-invalid_choice = Hindi ito isa sa mga puwedeng piliin: { $allowed }.
error-too_long = Masyadong mahaba: hanggang { $max } na titik lang.
error-too_short = Masyadong maikli: kahit { $min } na titik.
error-too_many = Masyadong marami: hanggang { $max } lang.
error-invalid_characters = May mga titik dito na hindi namin matatanggap (control characters).
error-invalid_date = Maglagay ng totoong petsa bilang YYYY-MM-DD, pagkatapos ng 1900.
error-invalid_time = Maglagay ng oras bilang HH:MM, halimbawa 18:30.
error-in_future = Hindi ito puwedeng nasa hinaharap.
error-invalid_postcode = Maglagay ng postcode sa UK, gaya ng M1 1AE, o ang unang bahagi nito, gaya ng M1.
error-invalid_phone = Maglagay ng numerong matatawagan namin, gaya ng 07700 900123.
error-invalid_email = Maglagay ng email address, gaya ng name@example.org.
error-invalid_language_tag = Maglagay ng code ng wika, gaya ng tl para sa Tagalog.
error-location_required = Sabihin kung saan ito nangyari: postcode, bayan, o na nangyari ito online.
error-required_for_police_contact = Para maibigay ang inyong contact details sa pulis, kailangan namin ng numero ng telepono o email address.
error-required_for_advocate = Kailangan ng advocate ng numero ng telepono para matawagan kayo. Bukod doon, puwede kayong manatiling anonymous.
error-required_for_preferred_method = Ibigay ang contact detail para sa paraang pinili ninyo.
error-unknown_field = { $of ->
    [report] Hindi bahagi ng report form ang field na ito.
   *[other] Hindi bahagi ng { $of } event ang field na ito.
}
error-not_allowed = Helpline operator lang ang puwedeng maglagay nito.
error-malformed_body = Hindi mabasa ang report: { $detail }.
error-body_too_large = Masyadong malaki ang report: hanggang { $max } bytes lang.
error-unsupported_media_type = Ipadala ang report bilang application/json o application/x-www-form-urlencoded.
error-invalid_idempotency_key = Dapat 1 hanggang 128 na nakikitang ASCII character ang Idempotency-Key header.
error-idempotency_key_reused = Nagamit na ang Idempotency-Key na ito sa ibang report.
error-service_unavailable = Hindi namin ma-save ang inyong report ngayon, at walang naitabi. Subukan ulit pagkalipas ng isang minuto, o tumawag sa aming libreng helpline sa 0808 801 0393.
error-service_unavailable-staff = Hindi ito magawa ngayon, at walang nabago. Subukan ulit pagkalipas ng isang minuto.

error-case_closed = Sarado na ang kasong ito: notes lang ang puwedeng idagdag.
error-unknown_partner = Walang partner organisation na may ganitong id.
error-partner_not_assigned = Kumpirmahin muna ang partner na ito bilang advocate organisation ng kaso.
error-share_consent_in_place = May bisa pa ang pahintulot na ibahagi sa partner: itala muna ang pagbawi nito.
error-no_police_consent = Hindi pumayag ang nag-report sa police referral (o binawi ito).
error-version_conflict = May ibang nagbago sa kasong ito nang sabay: i-reload at subukan ulit.
error-too_many_errors = Masyadong maraming problema para ilista: { $omitted } pa ang hindi naipakita. Ayusin muna ang nasa itaas at ipadala ulit.
error-unauthenticated = Mag-sign in muna: kailangan ng staff credentials.
error-forbidden = Hindi ito pinapayagan sa inyong tungkulin.
error-not_found = Walang narito, o hindi ninyo ito puwedeng makita.
error-rate_limited = Masyadong maraming request mula sa inyong koneksyon. Maghintay ng { $retry_after } segundo at subukan ulit.
error-case_erased = Nabura na ang personal na datos ng kasong ito: hindi na puwedeng magdagdag ng teksto.
error-no_advocate_requested = Hindi humingi ng advocate ang nag-report.
error-not_shared = Hindi pumayag ang nag-report na ibahagi ang detalye sa partner, o binawi ito.
error-nothing_to_release = Walang police referral na naghihintay sa kasong ito.
error-invalid_date_time = Maglagay ng petsa bilang YYYY-MM-DD, o petsa at oras gaya ng 2026-12-01T09:00:00Z.

## The answer to an accepted report
next-steps-received = Salamat sa pagsabi sa amin ng nangyari. Ang inyong reference ay { $reference }. Itago ito at banggitin tuwing makikipag-ugnayan sa amin.
next-steps-police-anonymous = Ipapasa namin ang inyong report sa pulis nang walang pangalan o contact details ninyo. Itatala nila ito, pero malamang hindi nila ito iimbestigahan.
next-steps-police-with-contact = Ipapasa namin ang inyong report at contact details sa pulis. Puwede kayong kontakin ng pulis at mag-imbestiga sila.
next-steps-advocate = Sa loob ng 3 araw ng trabaho, tatawagan kayo ng helpline operator para sabihin kung aling advocate ang makakatulong sa inyo, at itanong kung pumapayag kayong ibahagi ang inyong detalye sa kanila.
next-steps-contact-given = Puwede kayong kontakin ng helpline operator gamit ang detalyeng ibinigay ninyo, para mag-alok ng suporta.
next-steps-no-contact = Wala kayong iniwang contact details, kaya hindi namin kayo kokontakin.
next-steps-helpline = Puwede kayong makipag-usap sa amin sa libreng helpline, 0808 801 0393, Lunes hanggang Biyernes, 9am hanggang 5pm.

## The report form
form-service-name = On Your Side
form-title = I-report ang rasismo o pagkapoot
form-intro = Kung kayo ay East o Southeast Asian at nakaranas ng rasismo o anumang uri ng pagkapoot sa UK, sabihin sa amin ang nangyari. Mga 5 minuto lang ito. Puwede kayong manatiling anonymous.
form-emergency = Kung nasa panganib kayo ngayon, tumawag sa 999.
form-exit = Umalis sa page na ito
form-exit-hint = Aalis agad sa site na ito papunta sa page ng panahon. Sa computer, puwede ring pindutin ang Shift nang tatlong beses.
form-language = Wika
form-language-choose = Palitan ang wika
form-required-hint = Puwedeng laktawan ang mga tanong na may nakasulat na “hindi kailangan”.
form-optional = (hindi kailangan)
form-yes = Oo
form-no = Hindi
form-not-said = Ayokong sabihin
form-submit = Ipadala ang aking report
form-error-summary = May kailangang ayusin
form-error-summary-hint = Wala pang naipadala. Ayusin ang mga ito at ipadala ulit; nakatabi ang lahat ng isinulat ninyo.
form-privacy-link = Paano namin ginagamit ang inyong impormasyon (privacy notice)
form-helpline = Libreng helpline: 0808 801 0393, Lunes hanggang Biyernes, 9am hanggang 5pm. Webchat: Lunes hanggang Biyernes, 10am hanggang 4pm.

form-section-incident = Ano ang nangyari
form-incident-occurred_on = Kailan ito nangyari?
form-incident-occurred_on-hint = Ang petsa, halimbawa 2026-11-20.
form-incident-occurred_at = Anong oras?
form-incident-occurred_at-hint = Halimbawa 18:30. Laktawan kung hindi sigurado.
form-incident-types = Ano ang nangyari? Piliin ang lahat ng akma.
form-incident-description = Ikuwento ang nangyari sa sarili ninyong salita.
form-incident-description-hint = Isama ang sinabi o ginawa. Huwag isama ang ayaw ninyong ibahagi.
form-incident-motivations = Bakit sa tingin ninyo ito nangyari? Piliin ang lahat ng akma.
form-incident-injured = May nasaktan ba sa inyo o sa iba?
form-incident-ongoing = Nangyayari pa ba ito?
form-incident-reported_to_police_already = Nai-report na ba ninyo ito sa pulis?
form-incident-police_reference = Reference number ng pulis

form-section-location = Kung saan nangyari
form-section-location-hint = Magbigay kahit isa: postcode, bayan, o na nangyari ito online.
form-incident-location-postcode = Postcode
form-incident-location-postcode-hint = Ang buong postcode, o ang unang bahagi lang gaya ng M1.
form-incident-location-town = Bayan o lungsod
form-incident-location-online = Nangyari ito online
form-incident-location-place_type = Anong klaseng lugar?

form-section-perpetrators = Sino ang gumawa
form-perpetrators-count = Ilang tao ang gumawa?
form-perpetrators-relationship = Kilala ba ninyo sila?
form-perpetrators-description = Anumang naglalarawan sa kanila

form-section-reporter = Tungkol sa inyo
form-reporter-role = Sino ang nagre-report?
form-reporter-heritage = Inyong pinagmulan (piliin ang lahat ng akma)
form-reporter-age_band = Inyong edad
form-reporter-gender = Inyong kasarian

form-section-consent = Ano ang gusto ninyong gawin namin
form-consent-police = Sasabihin ba namin sa pulis?
form-consent-police-hint = Puwede naming ipasa ang report sa pulis nang walang pangalan ninyo. O, kung papayag kayo, kasama ang contact details para makontak kayo at makapag-imbestiga sila. O hindi na lang.
form-consent-advocate_support = Gusto ba ninyo ng caseworker advocate na susuporta sa inyo?
form-consent-advocate_support-hint = Ang advocate mula sa isang partner organisation ay puwedeng tumawag, makinig, at tumulong tungkol sa pulis, trabaho, tirahan o kalusugan ng isip. Kailangan namin ng numero ng telepono.
form-consent-support_needs = Anong suporta ang makakatulong? Piliin ang lahat ng akma.

form-section-contact = Paano namin kayo makokontak
form-section-contact-hint = Punan lang kung gusto ninyong kontakin kayo namin o ng pulis. Iwanang blangko para manatiling anonymous.
form-contact-name = Inyong pangalan
form-contact-phone = Numero ng telepono
form-contact-phone-hint = Isang numero sa UK, halimbawa 07700 900123.
form-contact-email = Email address
form-contact-preferred_method = Paano namin kayo dapat kontakin?
form-contact-safe_to_leave_voicemail = Ligtas bang mag-iwan ng voicemail?
form-contact-safe_times = Kailan ligtas na kontakin kayo?
form-contact-preferred_language = Wikang gusto ninyong gamitin
form-contact-preferred_language-hint = Code ng wika, halimbawa tl (Tagalog).
form-contact-interpreter_needed = Kailangan ba ninyo ng interpreter?

form-privacy-agree = Sa pagpapadala ng report na ito, pumapayag kayong itabi namin ito ayon sa aming privacy notice.

## Words for each choice
choice-role-victim = Nangyari ito sa akin
choice-role-witness = Nakita kong nangyari ito
choice-role-on_behalf = Nagre-report ako para sa iba
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
choice-heritage-philippines = Pilipinas
choice-heritage-singapore = Singapore
choice-heritage-thailand = Thailand
choice-heritage-timor_leste = Timor-Leste
choice-heritage-vietnam = Vietnam
choice-heritage-mixed = Halo-halong pinagmulan
choice-heritage-other = Iba pa
choice-heritage-prefer_not_to_say = Ayokong sabihin
choice-age_band-under-18 = Wala pang 18
choice-age_band-18-24 = 18 hanggang 24
choice-age_band-25-34 = 25 hanggang 34
choice-age_band-35-44 = 35 hanggang 44
choice-age_band-45-54 = 45 hanggang 54
choice-age_band-55-64 = 55 hanggang 64
choice-age_band-65-74 = 65 hanggang 74
choice-age_band-75plus = 75 pataas
choice-age_band-prefer_not_to_say = Ayokong sabihin
choice-gender-woman = Babae
choice-gender-man = Lalaki
choice-gender-non_binary = Non-binary
choice-gender-other = Iba pa
choice-gender-prefer_not_to_say = Ayokong sabihin
choice-preferred_method-phone = Tawag sa telepono
choice-preferred_method-text_message = Text message
choice-preferred_method-email = Email
choice-types-verbal_abuse = Pagmumura o pang-iinsulto
choice-types-physical_assault = Pisikal na pananakit
choice-types-threats = Pagbabanta
choice-types-harassment = Panliligalig o pagsunod-sunod
choice-types-damage_to_property = Pagsira ng ari-arian
choice-types-online_abuse = Pang-aabuso online
choice-types-spitting_or_coughing = Pagdura o pag-ubo sa tao
choice-types-discrimination_at_work = Diskriminasyon sa trabaho
choice-types-refused_service = Tinanggihang pagsilbihan
choice-types-hate_material = Graffiti, sulat o leaflet ng pagkapoot
choice-types-other = Iba pa
choice-motivations-race = Lahi o etnisidad
choice-motivations-religion = Relihiyon o paniniwala
choice-motivations-sexual_orientation = Sexual orientation
choice-motivations-disability = Kapansanan
choice-motivations-transgender_identity = Pagiging transgender
choice-motivations-sex_or_gender = Kasarian
choice-motivations-other = Iba pa
choice-place_type-street = Kalye o pampublikong lugar
choice-place_type-public_transport = Pampublikong sasakyan
choice-place_type-shop_or_business = Tindahan o negosyo
choice-place_type-workplace = Trabaho
choice-place_type-school_or_university = Paaralan, kolehiyo o unibersidad
choice-place_type-home_or_neighbourhood = Bahay o kapitbahayan
choice-place_type-healthcare = Ospital o pasilidad pangkalusugan
choice-place_type-online = Online
choice-place_type-other = Ibang lugar
choice-count-one = Isang tao
choice-count-two_to_five = 2 hanggang 5 tao
choice-count-more_than_five = Higit sa 5 tao
choice-count-unknown = Hindi ko alam
choice-relationship-stranger = Estranghero
choice-relationship-neighbour = Kapitbahay
choice-relationship-colleague = Katrabaho
choice-relationship-partner_or_family = Partner o kapamilya
choice-relationship-other_known = Ibang kakilala
choice-relationship-unknown = Hindi ko alam
choice-police-no = Hindi, huwag sabihin sa pulis
choice-police-anonymous = Oo, nang walang pangalan o contact details ko
choice-police-with_contact_details = Oo, kasama ang contact details ko para makontak nila ako
choice-support_needs-emotional_wellbeing = Emosyonal na suporta
choice-support_needs-police_follow_up = Tulong sa pakikitungo sa pulis
choice-support_needs-workplace_discrimination = Tulong sa diskriminasyon sa trabaho
choice-support_needs-legal_help = Legal na tulong
choice-support_needs-domestic_abuse = Karahasan sa tahanan
choice-support_needs-other = Iba pa

## After a report is sent
form-confirmation-title = Naipadala na ang inyong report
form-confirmation-reference = Ang inyong reference
form-confirmation-keep = Itago ang reference na ito sa ligtas na lugar na walang ibang makakakita, at banggitin ito tuwing makikipag-ugnayan sa amin. Hindi na namin ito maipapakita ulit.
form-confirmation-next = Ano ang susunod
form-confirmation-another = Magpadala ng isa pang report

## The privacy notice
privacy-title = Paano namin ginagamit ang inyong impormasyon
privacy-version = Privacy notice bersyon { $version }
privacy-what = Itinatabi namin ang sinabi ninyo sa report. Hiwalay na nakatabi ang pangalan at contact details ninyo sa nangyari, at ang helpline team lang ang nakakakita nito.
privacy-why = Ginagamit namin ang inyong report para suportahan kayo, para ipasa ito kung saan ninyo hiniling, at para bilangin, nang walang pangalan, kung gaano karaming rasismo at pagkapoot ang nararanasan ng mga East at Southeast Asian sa UK.
privacy-share = Ibinabahagi lang namin ang inyong detalye kapag pumayag kayo: sa pulis kung iyon ang pinili ninyo, at sa advocate ng isang partner organisation kung papayag kayo kapag tumawag kami. Puwede ninyong bawiin ang pahintulot anumang oras sa pagtawag sa helpline.
privacy-keep = Binubura namin ang inyong contact details 180 araw pagkatapos ng huling ginawa namin sa inyong kaso, at ang iba pang personal na impormasyon pagkatapos ng 365 araw. Naiiwan ang mga bilang na walang pangalan.
privacy-rights = Puwede ninyong hilinging makita ang hawak namin tungkol sa inyo, o ipabura ito, sa pagtawag sa helpline at pagbanggit ng inyong reference.
