# ไทย (Thai). Written by the engineers: to be reviewed by a native speaker.

## Field errors
error-required = ต้องกรอกข้อนี้
error-invalid_type = ค่าในข้อนี้ไม่ถูกชนิด: ต้องเป็น { $expected }
error-invalid_choice = ไม่ใช่ตัวเลือกที่อนุญาต: { $allowed }
error-too_long = ยาวเกินไป: ไม่เกิน { $max } ตัวอักษร
error-too_short = สั้นเกินไป: อย่างน้อย { $min } ตัวอักษร
error-too_many = เลือกมากเกินไป: ไม่เกิน { $max } รายการ
error-invalid_characters = มีอักขระที่เรารับไม่ได้ (อักขระควบคุม)
error-invalid_date = กรอกวันที่ที่มีอยู่จริงในรูปแบบ YYYY-MM-DD หลังปี 1900
error-invalid_time = กรอกเวลาในรูปแบบ HH:MM เช่น 18:30
error-in_future = เป็นเวลาในอนาคตไม่ได้
error-invalid_postcode = กรอกรหัสไปรษณีย์ของสหราชอาณาจักร เช่น M1 1AE หรือส่วนแรก เช่น M1
error-invalid_phone = กรอกหมายเลขโทรศัพท์ที่เราโทรได้ เช่น 07700 900123
error-invalid_email = กรอกอีเมล เช่น name@example.org
error-invalid_language_tag = กรอกรหัสภาษา เช่น th สำหรับภาษาไทย
error-location_required = บอกเราว่าเกิดที่ไหน: รหัสไปรษณีย์ เมือง หรือเกิดขึ้นทางออนไลน์
error-required_for_police_contact = หากต้องการให้ส่งข้อมูลติดต่อของคุณให้ตำรวจ เราต้องมีหมายเลขโทรศัพท์หรืออีเมล
error-required_for_advocate = ผู้ช่วยเหลือต้องมีหมายเลขโทรศัพท์เพื่อโทรหาคุณ นอกจากนั้นคุณไม่ต้องเปิดเผยตัวตน
error-required_for_preferred_method = กรอกข้อมูลติดต่อตามวิธีที่คุณเลือก
error-unknown_field = { $of ->
    [report] ข้อนี้ไม่ได้อยู่ในแบบฟอร์มรายงาน
   *[other] ข้อนี้ไม่ได้อยู่ในเหตุการณ์ { $of }
}
error-not_allowed = เฉพาะเจ้าหน้าที่สายด่วนเท่านั้นที่กำหนดข้อนี้ได้
error-malformed_body = อ่านรายงานไม่ได้: { $detail }
error-body_too_large = รายงานใหญ่เกินไป: ไม่เกิน { $max } ไบต์
error-unsupported_media_type = ส่งรายงานเป็น application/json หรือ application/x-www-form-urlencoded
error-invalid_idempotency_key = ส่วนหัว Idempotency-Key ต้องเป็นอักขระ ASCII ที่มองเห็นได้ 1 ถึง 128 ตัว
error-idempotency_key_reused = Idempotency-Key นี้ใช้กับรายงานอื่นไปแล้ว
error-service_unavailable = ขณะนี้เราบันทึกรายงานของคุณไม่ได้ และไม่ได้เก็บอะไรไว้ โปรดลองใหม่ในอีกหนึ่งนาที หรือโทรสายด่วนฟรี 0808 801 0393
error-service_unavailable-staff = ขณะนี้ทำรายการนี้ไม่ได้ และไม่มีอะไรเปลี่ยนแปลง โปรดลองใหม่ในอีกหนึ่งนาที

error-case_closed = กรณีนี้ปิดแล้ว: เพิ่มได้เฉพาะบันทึก
error-unknown_partner = ไม่มีองค์กรพันธมิตรรหัสนี้
error-partner_not_assigned = ยืนยันองค์กรพันธมิตรนี้ให้กับกรณีก่อน
error-share_consent_in_place = ความยินยอมในการแบ่งปันข้อมูลกับพันธมิตรยังมีผลอยู่: บันทึกการถอนความยินยอมก่อน
error-no_police_consent = ผู้รายงานไม่ได้ยินยอมให้ส่งต่อตำรวจ (หรือถอนความยินยอมแล้ว)
error-version_conflict = มีคนอื่นแก้ไขกรณีนี้ในเวลาเดียวกัน: โหลดใหม่แล้วลองอีกครั้ง
error-too_many_errors = มีปัญหามากเกินกว่าจะแสดงทั้งหมด: ยังมีอีก { $omitted } รายการ แก้ไขรายการข้างบนแล้วส่งใหม่
error-unauthenticated = โปรดเข้าสู่ระบบก่อน: ต้องใช้ข้อมูลยืนยันตัวตนของเจ้าหน้าที่
error-forbidden = บทบาทของคุณทำรายการนี้ไม่ได้
error-not_found = ไม่มีอะไรที่นี่ หรือคุณไม่มีสิทธิ์ดู
error-rate_limited = การเชื่อมต่อของคุณส่งคำขอมากเกินไป โปรดรอ { $retry_after } วินาทีแล้วลองใหม่
error-case_erased = ข้อมูลส่วนบุคคลของกรณีนี้ถูกลบแล้ว: เพิ่มข้อความไม่ได้อีก
error-no_advocate_requested = ผู้รายงานไม่ได้ขอผู้ช่วยเหลือ
error-not_shared = ผู้รายงานไม่ได้ยินยอมให้แบ่งปันข้อมูลกับพันธมิตร หรือถอนความยินยอมแล้ว
error-nothing_to_release = กรณีนี้ไม่มีการส่งต่อตำรวจที่รออยู่
error-invalid_date_time = กรอกวันที่เป็น YYYY-MM-DD หรือวันที่และเวลา เช่น 2026-12-01T09:00:00Z

## The answer to an accepted report
next-steps-received = ขอบคุณที่บอกเราว่าเกิดอะไรขึ้น หมายเลขอ้างอิงของคุณคือ { $reference } โปรดเก็บไว้และแจ้งทุกครั้งที่ติดต่อเรา
next-steps-police-anonymous = เราจะส่งรายงานของคุณให้ตำรวจโดยไม่มีชื่อหรือข้อมูลติดต่อของคุณ ตำรวจจะบันทึกไว้ แต่ไม่น่าจะสืบสวน
next-steps-police-with-contact = เราจะส่งรายงานและข้อมูลติดต่อของคุณให้ตำรวจ ตำรวจอาจติดต่อคุณและสืบสวน
next-steps-advocate = ภายใน 3 วันทำการ เจ้าหน้าที่สายด่วนจะโทรหาคุณเพื่อแจ้งว่าผู้ช่วยเหลือคนใดช่วยคุณได้ และถามว่าคุณยินยอมให้แบ่งปันข้อมูลกับเขาหรือไม่
next-steps-contact-given = เจ้าหน้าที่สายด่วนอาจติดต่อคุณตามข้อมูลที่ให้ไว้เพื่อเสนอความช่วยเหลือ
next-steps-no-contact = คุณไม่ได้ให้ข้อมูลติดต่อไว้ เราจึงจะไม่ติดต่อคุณ
next-steps-helpline = คุณพูดคุยกับเราได้ทางสายด่วนฟรี 0808 801 0393 วันจันทร์ถึงศุกร์ 9.00 ถึง 17.00 น.

## The report form
form-service-name = On Your Side
form-title = รายงานการเหยียดเชื้อชาติหรือความเกลียดชัง
form-intro = หากคุณมีเชื้อสายเอเชียตะวันออกหรือเอเชียตะวันออกเฉียงใต้ และเคยเจอการเหยียดเชื้อชาติหรือความเกลียดชังรูปแบบใดก็ตามในสหราชอาณาจักร บอกเราว่าเกิดอะไรขึ้น ใช้เวลาประมาณ 5 นาที คุณไม่ต้องเปิดเผยตัวตนก็ได้
form-emergency = หากคุณตกอยู่ในอันตรายตอนนี้ โทร 999
form-exit = ออกจากหน้านี้
form-exit-hint = ออกจากเว็บไซต์นี้ทันทีไปที่หน้าพยากรณ์อากาศ บนคอมพิวเตอร์กด Shift สามครั้งก็ได้
form-language = ภาษา
form-language-choose = เปลี่ยนภาษา
form-required-hint = คำถามที่มีคำว่า “ไม่บังคับ” เว้นว่างได้
form-optional = (ไม่บังคับ)
form-yes = ใช่
form-no = ไม่ใช่
form-not-said = ไม่ขอตอบ
form-submit = ส่งรายงาน
form-error-summary = มีบางอย่างต้องแก้ไข
form-error-summary-hint = ยังไม่ได้ส่งอะไร แก้ไขรายการเหล่านี้แล้วส่งใหม่ สิ่งที่คุณพิมพ์ไว้ยังอยู่
form-privacy-link = เราใช้ข้อมูลของคุณอย่างไร (ประกาศความเป็นส่วนตัว)
form-helpline = สายด่วนฟรี: 0808 801 0393 วันจันทร์ถึงศุกร์ 9.00 ถึง 17.00 น. แชทออนไลน์: วันจันทร์ถึงศุกร์ 10.00 ถึง 16.00 น.

form-section-incident = เกิดอะไรขึ้น
form-incident-occurred_on = เกิดขึ้นวันไหน
form-incident-occurred_on-hint = วันที่ เช่น 2026-11-20
form-incident-occurred_at = ประมาณกี่โมง
form-incident-occurred_at-hint = เช่น 18:30 หากไม่แน่ใจเว้นว่างได้
form-incident-types = เกิดอะไรขึ้น เลือกทุกข้อที่ตรง
form-incident-description = เล่าสิ่งที่เกิดขึ้นด้วยคำพูดของคุณเอง
form-incident-description-hint = รวมถึงสิ่งที่ถูกพูดหรือทำ ข้ามสิ่งที่คุณไม่อยากเล่าได้
form-incident-motivations = คุณคิดว่าเกิดขึ้นเพราะอะไร เลือกทุกข้อที่ตรง
form-incident-injured = คุณหรือคนอื่นได้รับบาดเจ็บหรือไม่
form-incident-ongoing = ยังเกิดขึ้นอยู่หรือไม่
form-incident-reported_to_police_already = คุณแจ้งตำรวจแล้วหรือยัง
form-incident-police_reference = หมายเลขอ้างอิงของตำรวจ

form-section-location = สถานที่เกิดเหตุ
form-section-location-hint = ให้อย่างน้อยหนึ่งอย่าง: รหัสไปรษณีย์ เมือง หรือเกิดขึ้นทางออนไลน์
form-incident-location-postcode = รหัสไปรษณีย์
form-incident-location-postcode-hint = รหัสไปรษณีย์เต็ม หรือแค่ส่วนแรก เช่น M1
form-incident-location-town = เมือง
form-incident-location-online = เกิดขึ้นทางออนไลน์
form-incident-location-place_type = เป็นสถานที่แบบไหน

form-section-perpetrators = ผู้กระทำ
form-perpetrators-count = มีผู้กระทำกี่คน
form-perpetrators-relationship = คุณรู้จักเขาหรือไม่
form-perpetrators-description = อะไรก็ได้ที่บรรยายลักษณะของเขา

form-section-reporter = เกี่ยวกับคุณ
form-reporter-role = ใครเป็นผู้รายงาน
form-reporter-heritage = เชื้อสายของคุณ (เลือกทุกข้อที่ตรง)
form-reporter-age_band = อายุของคุณ
form-reporter-gender = เพศของคุณ

form-section-consent = คุณอยากให้เราทำอะไร
form-consent-police = เราควรแจ้งตำรวจหรือไม่
form-consent-police-hint = เราส่งรายงานให้ตำรวจได้โดยไม่มีชื่อของคุณ หรือหากคุณยินยอม ส่งพร้อมข้อมูลติดต่อเพื่อให้ตำรวจติดต่อและสืบสวนได้ หรือไม่แจ้งเลยก็ได้
form-consent-advocate_support = คุณอยากให้ผู้ช่วยเหลือช่วยคุณหรือไม่
form-consent-advocate_support-hint = ผู้ช่วยเหลือจากองค์กรพันธมิตรจะโทรหาคุณ รับฟัง และช่วยเรื่องตำรวจ งาน ที่อยู่อาศัย หรือสุขภาพใจ เราต้องมีหมายเลขโทรศัพท์
form-consent-support_needs = ความช่วยเหลือแบบไหนจะเป็นประโยชน์ เลือกทุกข้อที่ตรง

form-section-contact = วิธีติดต่อคุณ
form-section-contact-hint = กรอกเฉพาะเมื่อคุณอยากให้เราหรือตำรวจติดต่อ หากไม่ต้องการเปิดเผยตัวตนให้เว้นว่าง
form-contact-name = ชื่อของคุณ
form-contact-phone = หมายเลขโทรศัพท์
form-contact-phone-hint = หมายเลขในสหราชอาณาจักร เช่น 07700 900123
form-contact-email = อีเมล
form-contact-preferred_method = เราควรติดต่อคุณทางไหน
form-contact-safe_to_leave_voicemail = ฝากข้อความเสียงได้อย่างปลอดภัยหรือไม่
form-contact-safe_times = ติดต่อคุณช่วงไหนถึงจะปลอดภัย
form-contact-preferred_language = ภาษาที่คุณอยากใช้พูด
form-contact-preferred_language-hint = รหัสภาษา เช่น th (ภาษาไทย)
form-contact-interpreter_needed = คุณต้องการล่ามหรือไม่

form-privacy-agree = เมื่อส่งรายงานนี้ คุณยินยอมให้เราเก็บรายงานตามที่ประกาศความเป็นส่วนตัวระบุไว้

## Words for each choice
choice-role-victim = เกิดขึ้นกับฉัน
choice-role-witness = ฉันเห็นเหตุการณ์
choice-role-on_behalf = ฉันรายงานแทนคนอื่น
choice-heritage-china = จีนแผ่นดินใหญ่
choice-heritage-hong_kong = ฮ่องกง
choice-heritage-macao = มาเก๊า
choice-heritage-mongolia = มองโกเลีย
choice-heritage-japan = ญี่ปุ่น
choice-heritage-north_korea = เกาหลีเหนือ
choice-heritage-south_korea = เกาหลีใต้
choice-heritage-taiwan = ไต้หวัน
choice-heritage-brunei = บรูไน
choice-heritage-cambodia = กัมพูชา
choice-heritage-indonesia = อินโดนีเซีย
choice-heritage-laos = ลาว
choice-heritage-malaysia = มาเลเซีย
choice-heritage-myanmar = เมียนมา
choice-heritage-philippines = ฟิลิปปินส์
choice-heritage-singapore = สิงคโปร์
choice-heritage-thailand = ไทย
choice-heritage-timor_leste = ติมอร์-เลสเต
choice-heritage-vietnam = เวียดนาม
choice-heritage-mixed = หลายเชื้อสาย
choice-heritage-other = อื่น ๆ
choice-heritage-prefer_not_to_say = ไม่ขอตอบ
choice-age_band-under-18 = ต่ำกว่า 18 ปี
choice-age_band-18-24 = 18 ถึง 24 ปี
choice-age_band-25-34 = 25 ถึง 34 ปี
choice-age_band-35-44 = 35 ถึง 44 ปี
choice-age_band-45-54 = 45 ถึง 54 ปี
choice-age_band-55-64 = 55 ถึง 64 ปี
choice-age_band-65-74 = 65 ถึง 74 ปี
choice-age_band-75plus = 75 ปีขึ้นไป
choice-age_band-prefer_not_to_say = ไม่ขอตอบ
choice-gender-woman = หญิง
choice-gender-man = ชาย
choice-gender-non_binary = นอนไบนารี
choice-gender-other = อื่น ๆ
choice-gender-prefer_not_to_say = ไม่ขอตอบ
choice-preferred_method-phone = โทรศัพท์
choice-preferred_method-text_message = ข้อความ SMS
choice-preferred_method-email = อีเมล
choice-types-verbal_abuse = ด่าทอหรือดูหมิ่นด้วยวาจา
choice-types-physical_assault = ทำร้ายร่างกาย
choice-types-threats = ข่มขู่
choice-types-harassment = คุกคามหรือถูกสะกดรอยตาม
choice-types-damage_to_property = ทำลายทรัพย์สิน
choice-types-online_abuse = การกลั่นแกล้งทางออนไลน์
choice-types-spitting_or_coughing = ถ่มน้ำลายหรือไอใส่
choice-types-discrimination_at_work = การเลือกปฏิบัติในที่ทำงาน
choice-types-refused_service = ถูกปฏิเสธการให้บริการ
choice-types-hate_material = ภาพเขียน จดหมาย หรือใบปลิวที่แสดงความเกลียดชัง
choice-types-other = อื่น ๆ
choice-motivations-race = เชื้อชาติหรือชาติพันธุ์
choice-motivations-religion = ศาสนาหรือความเชื่อ
choice-motivations-sexual_orientation = รสนิยมทางเพศ
choice-motivations-disability = ความพิการ
choice-motivations-transgender_identity = อัตลักษณ์คนข้ามเพศ
choice-motivations-sex_or_gender = เพศ
choice-motivations-other = อื่น ๆ
choice-place_type-street = ถนนหรือที่สาธารณะ
choice-place_type-public_transport = ขนส่งสาธารณะ
choice-place_type-shop_or_business = ร้านค้าหรือสถานประกอบการ
choice-place_type-workplace = ที่ทำงาน
choice-place_type-school_or_university = โรงเรียน วิทยาลัย หรือมหาวิทยาลัย
choice-place_type-home_or_neighbourhood = บ้านหรือละแวกบ้าน
choice-place_type-healthcare = โรงพยาบาลหรือสถานพยาบาล
choice-place_type-online = ออนไลน์
choice-place_type-other = ที่อื่น
choice-count-one = หนึ่งคน
choice-count-two_to_five = 2 ถึง 5 คน
choice-count-more_than_five = มากกว่า 5 คน
choice-count-unknown = ไม่ทราบ
choice-relationship-stranger = คนแปลกหน้า
choice-relationship-neighbour = เพื่อนบ้าน
choice-relationship-colleague = เพื่อนร่วมงาน
choice-relationship-partner_or_family = คู่ครองหรือคนในครอบครัว
choice-relationship-other_known = คนอื่นที่ฉันรู้จัก
choice-relationship-unknown = ไม่ทราบ
choice-police-no = ไม่ อย่าแจ้งตำรวจ
choice-police-anonymous = ใช่ โดยไม่มีชื่อหรือข้อมูลติดต่อของฉัน
choice-police-with_contact_details = ใช่ พร้อมข้อมูลติดต่อของฉัน เพื่อให้ตำรวจติดต่อฉันได้
choice-support_needs-emotional_wellbeing = การดูแลด้านจิตใจ
choice-support_needs-police_follow_up = ความช่วยเหลือเรื่องตำรวจ
choice-support_needs-workplace_discrimination = ความช่วยเหลือเรื่องการเลือกปฏิบัติในที่ทำงาน
choice-support_needs-legal_help = ความช่วยเหลือด้านกฎหมาย
choice-support_needs-domestic_abuse = ความรุนแรงในครอบครัว
choice-support_needs-other = อื่น ๆ

## After a report is sent
form-confirmation-title = ส่งรายงานของคุณแล้ว
form-confirmation-reference = หมายเลขอ้างอิงของคุณ
form-confirmation-keep = เก็บหมายเลขอ้างอิงนี้ไว้ในที่ปลอดภัยที่ไม่มีใครเห็น และแจ้งทุกครั้งที่ติดต่อเรา เราแสดงหมายเลขนี้อีกไม่ได้
form-confirmation-next = จะเกิดอะไรขึ้นต่อไป
form-confirmation-another = ส่งรายงานอีกฉบับ

## The privacy notice
privacy-title = เราใช้ข้อมูลของคุณอย่างไร
privacy-version = ประกาศความเป็นส่วนตัว ฉบับ { $version }
privacy-what = เราเก็บสิ่งที่คุณบอกในรายงาน ชื่อและข้อมูลติดต่อของคุณเก็บแยกจากเรื่องที่เกิดขึ้น และมีเพียงทีมสายด่วนที่เห็นได้
privacy-why = เราใช้รายงานของคุณเพื่อช่วยเหลือคุณ เพื่อส่งต่อไปยังที่ที่คุณขอ และเพื่อนับโดยไม่ระบุชื่อว่าคนเชื้อสายเอเชียตะวันออกและเอเชียตะวันออกเฉียงใต้เจอการเหยียดเชื้อชาติและความเกลียดชังในสหราชอาณาจักรมากแค่ไหน
privacy-share = เราแบ่งปันข้อมูลของคุณเมื่อคุณยินยอมเท่านั้น: กับตำรวจหากคุณเลือก และกับผู้ช่วยเหลือขององค์กรพันธมิตรหากคุณยินยอมเมื่อเราโทรหา คุณถอนความยินยอมได้ทุกเมื่อโดยโทรสายด่วน
privacy-keep = เราลบข้อมูลติดต่อของคุณ 180 วันหลังจากการดำเนินการครั้งสุดท้ายในกรณีของคุณ และลบข้อมูลส่วนบุคคลที่เหลือหลัง 365 วัน ตัวเลขสถิติที่ไม่ระบุชื่อจะยังเก็บไว้
privacy-rights = คุณขอดูข้อมูลที่เราเก็บเกี่ยวกับคุณ หรือขอให้ลบได้ โดยโทรสายด่วนพร้อมหมายเลขอ้างอิงของคุณ
