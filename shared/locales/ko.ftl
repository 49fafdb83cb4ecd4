# 한국어 (Korean). Written by the engineers: to be reviewed by a native speaker.

## Field errors
error-required = 필수 항목입니다.
error-invalid_type = 이 항목의 값 형식이 올바르지 않습니다: { $expected } 이(가) 필요합니다.
error-invalid_choice = 허용된 값이 아닙니다: { $allowed }.
error-too_long = 너무 깁니다: 최대 { $max }자.
error-too_short = 너무 짧습니다: 최소 { $min }자.
error-too_many = 선택이 너무 많습니다: 최대 { $max }개.
error-invalid_characters = 받을 수 없는 문자(제어 문자)가 들어 있습니다.
error-invalid_date = 1900년 이후의 실제 날짜를 YYYY-MM-DD 형식으로 입력하세요.
error-invalid_time = 시간을 HH:MM 형식으로 입력하세요. 예: 18:30.
error-in_future = 미래의 날짜나 시간은 입력할 수 없습니다.
error-invalid_postcode = 영국 우편번호를 입력하세요. 예: M1 1AE, 또는 앞부분 M1.
error-invalid_phone = 저희가 전화할 수 있는 번호를 입력하세요. 예: 07700 900123.
error-invalid_email = 이메일 주소를 입력하세요. 예: name@example.org.
error-invalid_language_tag = 언어 코드를 입력하세요. 예: 한국어는 ko.
error-location_required = 어디에서 일어났는지 알려 주세요: 우편번호, 도시 이름, 또는 온라인에서 일어났다는 것.
error-required_for_police_contact = 연락처를 경찰에 전달하려면 전화번호나 이메일 주소가 필요합니다.
error-required_for_advocate = 지원 담당자가 전화하려면 전화번호가 필요합니다. 그 밖에는 익명으로 남으셔도 됩니다.
error-required_for_preferred_method = 선택한 연락 방법의 연락처를 입력하세요.
error-unknown_field = { $of ->
    [report] 이 항목은 신고 양식에 없습니다.
   *[other] 이 항목은 { $of } 이벤트에 없습니다.
}
error-not_allowed = 이 항목은 상담원만 설정할 수 있습니다.
error-malformed_body = 신고 내용을 읽을 수 없습니다: { $detail }.
error-body_too_large = 신고 내용이 너무 큽니다: 최대 { $max }바이트.
error-unsupported_media_type = 신고는 application/json 또는 application/x-www-form-urlencoded 형식으로 보내 주세요.
error-invalid_idempotency_key = Idempotency-Key 헤더는 보이는 ASCII 문자 1~128자여야 합니다.
error-idempotency_key_reused = 이 Idempotency-Key는 다른 신고에 이미 사용되었습니다.
error-service_unavailable = 지금은 신고를 저장하지 못했으며, 아무것도 남지 않았습니다. 1분 뒤 다시 시도하시거나 무료 상담 전화 0808 801 0393으로 연락해 주세요.
error-service_unavailable-staff = 지금은 이 작업을 할 수 없었으며, 아무것도 바뀌지 않았습니다. 1분 뒤 다시 시도하세요.

error-case_closed = 이 사건은 종결되었습니다: 메모만 추가할 수 있습니다.
error-unknown_partner = 이 ID의 협력 기관이 없습니다.
error-partner_not_assigned = 먼저 이 협력 기관을 사건의 지원 기관으로 확정하세요.
error-share_consent_in_place = 협력 기관과의 정보 공유 동의가 유효합니다: 먼저 동의 철회를 기록하세요.
error-no_police_consent = 신고자가 경찰 연계에 동의하지 않았습니다(또는 철회했습니다).
error-version_conflict = 다른 사람이 같은 때에 이 사건을 바꾸었습니다: 새로 고친 뒤 다시 시도하세요.
error-too_many_errors = 문제가 너무 많아 모두 보여 드릴 수 없습니다: { $omitted }개가 더 있습니다. 위의 문제를 고친 뒤 다시 보내세요.
error-unauthenticated = 먼저 로그인하세요: 직원 인증이 필요합니다.
error-forbidden = 귀하의 역할로는 이 작업을 할 수 없습니다.
error-not_found = 여기에는 아무것도 없거나, 볼 수 없습니다.
error-rate_limited = 이 연결에서 요청이 너무 많습니다. { $retry_after }초 기다린 뒤 다시 시도하세요.
error-case_erased = 이 사건의 개인 정보가 삭제되었습니다: 더 이상 글을 추가할 수 없습니다.
error-no_advocate_requested = 신고자가 지원 담당자를 원하지 않았습니다.
error-not_shared = 신고자가 협력 기관과의 정보 공유에 동의하지 않았거나 철회했습니다.
error-nothing_to_release = 이 사건에는 보내기를 기다리는 경찰 연계가 없습니다.
error-invalid_date_time = 날짜를 YYYY-MM-DD로, 또는 2026-12-01T09:00:00Z처럼 날짜와 시간으로 입력하세요.

## The answer to an accepted report
next-steps-received = 있었던 일을 알려 주셔서 감사합니다. 접수 번호는 { $reference }입니다. 잘 보관하시고 연락하실 때마다 알려 주세요.
next-steps-police-anonymous = 성함이나 연락처 없이 신고 내용을 경찰에 전달합니다. 경찰은 기록하지만 수사할 가능성은 낮습니다.
next-steps-police-with-contact = 신고 내용과 연락처를 경찰에 전달합니다. 경찰이 연락하여 수사할 수 있습니다.
next-steps-advocate = 영업일 기준 3일 안에 상담원이 전화하여 어떤 지원 담당자가 도울 수 있는지 알려 드리고, 그 담당자와 정보를 공유해도 되는지 여쭙겠습니다.
next-steps-contact-given = 상담원이 남겨 주신 연락처로 지원을 위해 연락드릴 수 있습니다.
next-steps-no-contact = 연락처를 남기지 않으셨으므로 저희가 연락드리지 않습니다.
next-steps-helpline = 무료 상담 전화 0808 801 0393(월~금, 오전 9시~오후 5시)으로 이야기하실 수 있습니다.

## The report form
form-service-name = On Your Side
form-title = 인종차별이나 혐오를 신고하기
form-intro = 동아시아나 동남아시아 출신으로 영국에서 인종차별이나 어떤 형태의 혐오든 겪으셨다면, 있었던 일을 알려 주세요. 약 5분이 걸립니다. 익명으로 남으셔도 됩니다.
form-emergency = 지금 위험하다면 999로 전화하세요.
form-exit = 이 페이지 나가기
form-exit-hint = 즉시 이 사이트를 떠나 날씨 페이지로 이동합니다. 컴퓨터에서는 Shift 키를 세 번 눌러도 됩니다.
form-language = 언어
form-language-choose = 언어 바꾸기
form-required-hint = "선택"이라고 표시된 질문은 비워 두셔도 됩니다.
form-optional = (선택)
form-yes = 예
form-no = 아니요
form-not-said = 말하고 싶지 않음
form-submit = 신고 보내기
form-error-summary = 고쳐야 할 부분이 있습니다
form-error-summary-hint = 아직 아무것도 보내지 않았습니다. 아래 항목을 고친 뒤 다시 보내 주세요. 입력하신 내용은 그대로 있습니다.
form-privacy-link = 개인 정보 이용 방법(개인정보 처리방침)
form-helpline = 무료 상담 전화: 0808 801 0393, 월~금 오전 9시~오후 5시. 웹 채팅: 월~금 오전 10시~오후 4시.

form-section-incident = 있었던 일
form-incident-occurred_on = 언제 일어났나요?
form-incident-occurred_on-hint = 날짜. 예: 2026-11-20.
form-incident-occurred_at = 몇 시쯤이었나요?
form-incident-occurred_at-hint = 예: 18:30. 확실하지 않으면 비워 두세요.
form-incident-types = 무슨 일이 있었나요? 해당하는 것을 모두 고르세요.
form-incident-description = 있었던 일을 직접 말씀해 주세요.
form-incident-description-hint = 들은 말이나 당한 일을 포함해 주세요. 말하고 싶지 않은 것은 빼셔도 됩니다.
form-incident-motivations = 왜 일어났다고 생각하시나요? 해당하는 것을 모두 고르세요.
form-incident-injured = 본인이나 다른 사람이 다쳤나요?
form-incident-ongoing = 지금도 계속되고 있나요?
form-incident-reported_to_police_already = 이미 경찰에 신고하셨나요?
form-incident-police_reference = 경찰 접수 번호

form-section-location = 일어난 장소
form-section-location-hint = 적어도 하나를 알려 주세요: 우편번호, 도시 이름, 또는 온라인에서 일어났다는 것.
form-incident-location-postcode = 우편번호
form-incident-location-postcode-hint = 전체 우편번호, 또는 앞부분(예: M1).
form-incident-location-town = 도시 또는 마을
form-incident-location-online = 온라인에서 일어났음
form-incident-location-place_type = 어떤 장소였나요?

form-section-perpetrators = 가해자
form-perpetrators-count = 가해자는 몇 명이었나요?
form-perpetrators-relationship = 아는 사람이었나요?
form-perpetrators-description = 가해자를 설명할 수 있는 것

form-section-reporter = 본인에 대해
form-reporter-role = 누가 신고하시나요?
form-reporter-heritage = 출신 배경(해당하는 것 모두)
form-reporter-age_band = 나이
form-reporter-gender = 성별

form-section-consent = 저희에게 바라시는 것
form-consent-police = 경찰에 알릴까요?
form-consent-police-hint = 성함 없이 신고 내용을 경찰에 전달할 수 있습니다. 또는 동의하시면 연락처와 함께 전달하여 경찰이 연락하고 수사할 수 있게 합니다. 아니면 알리지 않을 수도 있습니다.
form-consent-advocate_support = 지원 담당자의 도움을 원하시나요?
form-consent-advocate_support-hint = 협력 기관의 지원 담당자가 전화로 이야기를 듣고 경찰, 직장, 주거, 마음 건강 문제를 도와 드립니다. 전화번호가 필요합니다.
form-consent-support_needs = 어떤 지원이 도움이 될까요? 해당하는 것을 모두 고르세요.

form-section-contact = 연락 방법
form-section-contact-hint = 저희나 경찰의 연락을 원하실 때만 적어 주세요. 익명으로 남으시려면 비워 두세요.
form-contact-name = 성함
form-contact-phone = 전화번호
form-contact-phone-hint = 영국 번호. 예: 07700 900123.
form-contact-email = 이메일 주소
form-contact-preferred_method = 어떻게 연락드릴까요?
form-contact-safe_to_leave_voicemail = 음성 메시지를 남겨도 안전한가요?
form-contact-safe_times = 언제 연락드리면 안전한가요?
form-contact-preferred_language = 사용하고 싶은 언어
form-contact-preferred_language-hint = 언어 코드. 예: 한국어는 ko.
form-contact-interpreter_needed = 통역이 필요하신가요?

form-privacy-agree = 이 신고를 보내시면 개인정보 처리방침에 따라 신고를 보관하는 데 동의하시는 것입니다.

## Words for each choice
choice-role-victim = 제가 겪은 일입니다
choice-role-witness = 제가 목격했습니다
choice-role-on_behalf = 다른 사람을 대신해 신고합니다
choice-heritage-china = 중국 본토
choice-heritage-hong_kong = 홍콩
choice-heritage-macao = 마카오
choice-heritage-mongolia = 몽골
choice-heritage-japan = 일본
choice-heritage-north_korea = 북한
choice-heritage-south_korea = 한국
choice-heritage-taiwan = 대만
choice-heritage-brunei = 브루나이
choice-heritage-cambodia = 캄보디아
choice-heritage-indonesia = 인도네시아
choice-heritage-laos = 라오스
choice-heritage-malaysia = 말레이시아
choice-heritage-myanmar = 미얀마
choice-heritage-philippines = 필리핀
choice-heritage-singapore = 싱가포르
choice-heritage-thailand = 태국
choice-heritage-timor_leste = 동티모르
choice-heritage-vietnam = 베트남
choice-heritage-mixed = 여러 배경
choice-heritage-other = 기타
choice-heritage-prefer_not_to_say = 말하고 싶지 않음
choice-age_band-under-18 = 18세 미만
choice-age_band-18-24 = 18~24세
choice-age_band-25-34 = 25~34세
choice-age_band-35-44 = 35~44세
choice-age_band-45-54 = 45~54세
choice-age_band-55-64 = 55~64세
choice-age_band-65-74 = 65~74세
choice-age_band-75plus = 75세 이상
choice-age_band-prefer_not_to_say = 말하고 싶지 않음
choice-gender-woman = 여성
choice-gender-man = 남성
choice-gender-non_binary = 논바이너리
choice-gender-other = 기타
choice-gender-prefer_not_to_say = 말하고 싶지 않음
choice-preferred_method-phone = 전화
choice-preferred_method-text_message = 문자 메시지
choice-preferred_method-email = 이메일
choice-types-verbal_abuse = 폭언 또는 모욕
choice-types-physical_assault = 신체 폭행
choice-types-threats = 협박
choice-types-harassment = 괴롭힘 또는 미행
choice-types-damage_to_property = 재산 피해
choice-types-online_abuse = 온라인 괴롭힘
choice-types-spitting_or_coughing = 침을 뱉거나 기침을 함
choice-types-discrimination_at_work = 직장 내 차별
choice-types-refused_service = 서비스 거부
choice-types-hate_material = 혐오 낙서, 편지 또는 전단
choice-types-other = 기타
choice-motivations-race = 인종 또는 민족
choice-motivations-religion = 종교 또는 신념
choice-motivations-sexual_orientation = 성적 지향
choice-motivations-disability = 장애
choice-motivations-transgender_identity = 트랜스젠더 정체성
choice-motivations-sex_or_gender = 성별
choice-motivations-other = 기타
choice-place_type-street = 거리 또는 공공장소
choice-place_type-public_transport = 대중교통
choice-place_type-shop_or_business = 상점 또는 업소
choice-place_type-workplace = 직장
choice-place_type-school_or_university = 학교, 칼리지 또는 대학교
choice-place_type-home_or_neighbourhood = 집 또는 동네
choice-place_type-healthcare = 병원 또는 의료 기관
choice-place_type-online = 온라인
choice-place_type-other = 다른 곳
choice-count-one = 1명
choice-count-two_to_five = 2~5명
choice-count-more_than_five = 5명 초과
choice-count-unknown = 모름
choice-relationship-stranger = 모르는 사람
choice-relationship-neighbour = 이웃
choice-relationship-colleague = 동료
choice-relationship-partner_or_family = 배우자·연인 또는 가족
choice-relationship-other_known = 그 밖의 아는 사람
choice-relationship-unknown = 모름
choice-police-no = 아니요, 경찰에 알리지 마세요
choice-police-anonymous = 예, 제 이름이나 연락처 없이
choice-police-with_contact_details = 예, 경찰이 연락할 수 있도록 제 연락처와 함께
choice-support_needs-emotional_wellbeing = 정서적 지원
choice-support_needs-police_follow_up = 경찰 관련 도움
choice-support_needs-workplace_discrimination = 직장 내 차별 관련 도움
choice-support_needs-legal_help = 법률 도움
choice-support_needs-domestic_abuse = 가정 폭력
choice-support_needs-other = 기타

## After a report is sent
form-confirmation-title = 신고가 접수되었습니다
form-confirmation-reference = 접수 번호
form-confirmation-keep = 이 접수 번호를 다른 사람이 볼 수 없는 안전한 곳에 보관하시고, 연락하실 때마다 알려 주세요. 다시 보여 드릴 수 없습니다.
form-confirmation-next = 앞으로의 진행
form-confirmation-another = 다른 신고 보내기

## The privacy notice
privacy-title = 개인 정보 이용 방법
privacy-version = 개인정보 처리방침 { $version } 판
privacy-what = 신고에서 알려 주신 내용을 보관합니다. 성함과 연락처는 있었던 일과 따로 보관하며, 상담 팀만 볼 수 있습니다.
privacy-why = 신고는 귀하를 돕고, 원하시는 곳에 전달하고, 동아시아·동남아시아 출신 사람들이 영국에서 겪는 인종차별과 혐오를 이름 없이 집계하는 데 사용합니다.
privacy-share = 정보는 동의하실 때만 공유합니다: 원하시면 경찰에, 전화로 동의하시면 협력 기관의 지원 담당자에게. 동의는 언제든 상담 전화로 철회하실 수 있습니다.
privacy-keep = 연락처는 사건에 대한 마지막 조치 후 180일, 나머지 개인 정보는 365일 뒤에 삭제합니다. 이름 없는 통계는 남습니다.
privacy-rights = 접수 번호를 가지고 상담 전화로 연락하시면, 보관 중인 정보를 보거나 삭제를 요청하실 수 있습니다.
