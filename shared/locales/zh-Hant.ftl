# 繁體中文 (Traditional Chinese)

## Field errors
error-required = 此項為必填。
error-invalid_type = 此項的數值類型不正確:應為 { $expected }。
error-invalid_choice = 此項不是允許的選項之一:{ $allowed }。
error-too_long = 此項太長:最多 { $max } 個字元。
error-too_short = 此項太短:最少 { $min } 個字元。
error-too_many = 選項太多:最多 { $max } 個。
error-invalid_characters = 此項包含我們無法接受的字元(控制字元)。
error-invalid_date = 請以 YYYY-MM-DD 格式輸入 1900 年之後的有效日期。
error-invalid_time = 請以 HH:MM 格式輸入時間,例如 18:30。
error-in_future = 此項不能是將來的日期或時間。
error-invalid_postcode = 請輸入英國郵遞區號,例如 M1 1AE,或其前半部分,例如 M1。
error-invalid_phone = 請輸入我們可以致電的電話號碼,例如 07700 900123。
error-invalid_email = 請輸入電郵地址,例如 name@example.org。
error-invalid_language_tag = 請輸入語言代碼,例如粵語為 yue。
error-location_required = 請告訴我們事發地點:郵遞區號、城鎮,或說明事件在網上發生。
error-required_for_police_contact = 若要把您的聯絡資料轉交警方,我們需要您的電話號碼或電郵地址。
error-required_for_advocate = 個案工作倡導者需要電話號碼才能致電給您。除此之外,您可以保持匿名。
error-required_for_preferred_method = 請提供您所選聯絡方式的聯絡資料。
error-unknown_field = { $of ->
    [report] 此欄位不屬於舉報表格。
   *[other] 此欄位不屬於「{ $of }」事件。
}
error-not_allowed = 只有熱線接線員可以設定此項。
error-malformed_body = 無法讀取舉報內容:{ $detail }。
error-body_too_large = 舉報內容太大:最多 { $max } 位元組。
error-unsupported_media_type = 請以 application/json 或 application/x-www-form-urlencoded 格式提交舉報。
error-invalid_idempotency_key = Idempotency-Key 標頭必須是 1 至 128 個可見的 ASCII 字元。
error-idempotency_key_reused = 此 Idempotency-Key 已用於另一份不同的舉報。
error-service_unavailable = 我們暫時未能儲存您的舉報,亦沒有保留任何內容。請在一分鐘後再試,或致電我們的免費熱線 0808 801 0393。
error-service_unavailable-staff = 暫時無法完成此操作,亦沒有作出任何更改。請一分鐘後再試。

error-case_closed = 此個案已結束:只可加入備註。
error-unknown_partner = 沒有此編號的合作機構。
error-partner_not_assigned = 請先確認此合作機構為個案的倡導機構。
error-share_consent_in_place = 舉報人同意與合作機構分享資料的決定仍然有效:請先記錄撤回同意。
error-no_police_consent = 舉報人沒有同意(或已撤回同意)轉介警方。
error-version_conflict = 有其他人同時更改了此個案:請重新載入後再試。
error-too_many_errors = 問題太多,無法全部列出:另有 { $omitted } 個未列出。請先修正以上問題後再提交。
error-unauthenticated = 請先登入:此操作需要有效的職員憑證。
error-forbidden = 您的角色不允許此操作。
error-not_found = 此處沒有內容,或您無權查看。
error-rate_limited = 您的連線發出的請求過多。請等候 { $retry_after } 秒後再試。
error-case_erased = 此個案的個人資料已被刪除:不能再加入文字內容。
error-no_advocate_requested = 舉報人沒有要求個案工作倡導者。
error-not_shared = 舉報人沒有同意與夥伴機構分享資料,或已撤回同意。
error-nothing_to_release = 此個案沒有等待發出的警方轉介(並非來自公開表格,或已經發出)。
error-invalid_date_time = 請以 YYYY-MM-DD 格式輸入日期,或輸入日期及時間,例如 2026-12-01T09:00:00Z。

## The answer to an accepted report
next-steps-received = 感謝您告訴我們所發生的事。您的參考編號是 { $reference }。請保留此編號,並在聯絡我們時提供。
next-steps-police-anonymous = 我們會把您的舉報轉交警方,但不會包括您的姓名或聯絡資料。警方會記錄此事,但不太可能進一步調查。
next-steps-police-with-contact = 我們會把您的舉報及聯絡資料轉交警方。警方可能會聯絡您並展開調查。
next-steps-advocate = 熱線接線員會在 3 個工作天內致電給您,告訴您哪位個案工作倡導者可以支援您,並徵求您同意與他們分享您的資料。
next-steps-contact-given = 熱線接線員可能會使用您提供的聯絡資料與您聯繫,為您提供支援。
next-steps-no-contact = 您沒有留下聯絡資料,因此我們不會聯絡您。
next-steps-helpline = 您可以致電我們的免費熱線 0808 801 0393(星期一至五,上午 9 時至下午 5 時)與我們傾談。

## 舉報表格
form-service-name = On Your Side
form-title = 舉報種族歧視或仇恨事件
form-intro = 如果您是東亞或東南亞裔人士，並在英國遭遇種族歧視或任何形式的仇恨，請告訴我們發生了甚麼事。大約需時 5 分鐘。您可以保持匿名。
form-emergency = 如果您現在有危險，請致電 999。
form-exit = 立即離開此頁
form-exit-hint = 立即離開本網站，轉到天氣網頁。在電腦上亦可連按 Shift 鍵三次。
form-language = 語言
form-language-choose = 更改語言
form-required-hint = 標示「選填」的問題可以不填。
form-optional = （選填）
form-yes = 是
form-no = 否
form-not-said = 不願透露
form-submit = 提交舉報
form-error-summary = 有些資料需要修改
form-error-summary-hint = 尚未提交任何資料。請修改以下各項後再提交；您已輸入的內容會保留。
form-privacy-link = 我們如何使用您的資料（私隱聲明）
form-helpline = 免費熱線：0808 801 0393，星期一至五，上午 9 時至下午 5 時。網上聊天：星期一至五，上午 10 時至下午 4 時。

form-section-incident = 發生了甚麼事
form-incident-occurred_on = 事件在哪一天發生？
form-incident-occurred_on-hint = 日期，例如 2026-11-20。
form-incident-occurred_at = 大約幾點？
form-incident-occurred_at-hint = 例如 18:30。如不肯定可以不填。
form-incident-types = 發生了甚麼事？請選擇所有適用的項目。
form-incident-description = 請用您自己的說話描述發生了甚麼事。
form-incident-description-hint = 包括對方說了或做了甚麼。不想透露的內容可以略去。
form-incident-motivations = 您認為事件因何發生？請選擇所有適用的項目。
form-incident-injured = 您或其他人有沒有受傷？
form-incident-ongoing = 事件是否仍在持續？
form-incident-reported_to_police_already = 您是否已經向警方報案？
form-incident-police_reference = 警方報案編號

form-section-location = 事發地點
form-section-location-hint = 請至少提供一項：郵政編號、城鎮，或說明事件在網上發生。
form-incident-location-postcode = 郵政編號
form-incident-location-postcode-hint = 完整郵政編號，或只填第一部分，例如 M1。
form-incident-location-town = 城鎮或城市
form-incident-location-online = 事件在網上發生
form-incident-location-place_type = 是甚麼地方？

form-section-perpetrators = 涉事者
form-perpetrators-count = 涉事者有多少人？
form-perpetrators-relationship = 您認識他們嗎？
form-perpetrators-description = 任何可以描述他們的資料

form-section-reporter = 關於您
form-reporter-role = 誰在舉報？
form-reporter-heritage = 您的族裔背景（請選擇所有適用的項目）
form-reporter-age_band = 您的年齡
form-reporter-gender = 您的性別

form-section-consent = 您希望我們怎樣做
form-consent-police = 我們應否通知警方？
form-consent-police-hint = 我們可以不透露您的姓名，把舉報轉交警方；或在您同意下連同您的聯絡資料轉交，讓警方聯絡您並調查；或完全不通知警方。
form-consent-advocate_support = 您是否希望有個案支援員協助您？
form-consent-advocate_support-hint = 合作機構的支援員可以致電給您，聆聽您的經歷，並在警方、工作、住屋或身心健康方面提供協助。我們需要您的電話號碼。
form-consent-support_needs = 甚麼支援會對您有幫助？請選擇所有適用的項目。

form-section-contact = 我們如何聯絡您
form-section-contact-hint = 只在您希望我們或警方聯絡您時填寫。如想保持匿名，請留空。
form-contact-name = 您的姓名
form-contact-phone = 電話號碼
form-contact-phone-hint = 英國電話號碼，例如 07700 900123。
form-contact-email = 電郵地址
form-contact-preferred_method = 我們應如何聯絡您？
form-contact-safe_to_leave_voicemail = 留下語音訊息是否安全？
form-contact-safe_times = 甚麼時間聯絡您比較安全？
form-contact-preferred_language = 您希望使用的語言
form-contact-preferred_language-hint = 語言代碼，例如 yue（粵語）或 vi（越南語）。
form-contact-interpreter_needed = 您是否需要傳譯員？

form-privacy-agree = 提交此舉報，即表示您同意我們按照私隱聲明保存您的舉報。

## 各選項的文字
choice-role-victim = 事件發生在我身上
choice-role-witness = 我目睹事件發生
choice-role-on_behalf = 我代他人舉報
choice-heritage-china = 中國內地
choice-heritage-hong_kong = 香港
choice-heritage-macao = 澳門
choice-heritage-mongolia = 蒙古
choice-heritage-japan = 日本
choice-heritage-north_korea = 北韓
choice-heritage-south_korea = 南韓
choice-heritage-taiwan = 台灣
choice-heritage-brunei = 汶萊
choice-heritage-cambodia = 柬埔寨
choice-heritage-indonesia = 印尼
choice-heritage-laos = 老撾
choice-heritage-malaysia = 馬來西亞
choice-heritage-myanmar = 緬甸
choice-heritage-philippines = 菲律賓
choice-heritage-singapore = 新加坡
choice-heritage-thailand = 泰國
choice-heritage-timor_leste = 東帝汶
choice-heritage-vietnam = 越南
choice-heritage-mixed = 混合族裔
choice-heritage-other = 其他
choice-heritage-prefer_not_to_say = 不願透露
choice-age_band-under-18 = 18 歲以下
choice-age_band-18-24 = 18 至 24 歲
choice-age_band-25-34 = 25 至 34 歲
choice-age_band-35-44 = 35 至 44 歲
choice-age_band-45-54 = 45 至 54 歲
choice-age_band-55-64 = 55 至 64 歲
choice-age_band-65-74 = 65 至 74 歲
choice-age_band-75plus = 75 歲或以上
choice-age_band-prefer_not_to_say = 不願透露
choice-gender-woman = 女性
choice-gender-man = 男性
choice-gender-non_binary = 非二元性別
choice-gender-other = 其他
choice-gender-prefer_not_to_say = 不願透露
choice-preferred_method-phone = 電話
choice-preferred_method-text_message = 短訊
choice-preferred_method-email = 電郵
choice-types-verbal_abuse = 言語侮辱或辱罵
choice-types-physical_assault = 身體襲擊
choice-types-threats = 恐嚇
choice-types-harassment = 滋擾或被跟蹤
choice-types-damage_to_property = 財物損毀
choice-types-online_abuse = 網上辱罵
choice-types-spitting_or_coughing = 向人吐口水或咳嗽
choice-types-discrimination_at_work = 工作上的歧視
choice-types-refused_service = 被拒絕提供服務
choice-types-hate_material = 仇恨塗鴉、信件或單張
choice-types-other = 其他
choice-motivations-race = 種族或族裔
choice-motivations-religion = 宗教或信仰
choice-motivations-sexual_orientation = 性傾向
choice-motivations-disability = 殘疾
choice-motivations-transgender_identity = 跨性別身份
choice-motivations-sex_or_gender = 性別
choice-motivations-other = 其他
choice-place_type-street = 街道或公眾地方
choice-place_type-public_transport = 公共交通工具
choice-place_type-shop_or_business = 商店或商業場所
choice-place_type-workplace = 工作地點
choice-place_type-school_or_university = 學校、學院或大學
choice-place_type-home_or_neighbourhood = 住所或鄰里
choice-place_type-healthcare = 醫院或醫療場所
choice-place_type-online = 網上
choice-place_type-other = 其他地方
choice-count-one = 一人
choice-count-two_to_five = 2 至 5 人
choice-count-more_than_five = 多於 5 人
choice-count-unknown = 不知道
choice-relationship-stranger = 陌生人
choice-relationship-neighbour = 鄰居
choice-relationship-colleague = 同事
choice-relationship-partner_or_family = 伴侶或家人
choice-relationship-other_known = 其他認識的人
choice-relationship-unknown = 不知道
choice-police-no = 不，不要通知警方
choice-police-anonymous = 要，但不提供我的姓名或聯絡資料
choice-police-with_contact_details = 要，連同我的聯絡資料，讓警方可以聯絡我
choice-support_needs-emotional_wellbeing = 情緒支援
choice-support_needs-police_follow_up = 與警方溝通方面的協助
choice-support_needs-workplace_discrimination = 工作上歧視方面的協助
choice-support_needs-legal_help = 法律協助
choice-support_needs-domestic_abuse = 家庭暴力
choice-support_needs-other = 其他

## 提交之後
form-confirmation-title = 您的舉報已經提交
form-confirmation-reference = 您的參考編號
form-confirmation-keep = 請把這個參考編號存放在安全、別人看不到的地方，並在每次聯絡我們時提供。我們無法再次顯示此編號。
form-confirmation-next = 接下來會怎樣
form-confirmation-another = 提交另一份舉報

## 私隱聲明
privacy-title = 我們如何使用您的資料
privacy-version = 私隱聲明版本 { $version }
privacy-what = 我們會保存您在舉報中提供的資料。您的姓名及聯絡資料與事件內容分開存放，只有熱線團隊可以查閱。
privacy-why = 我們使用您的舉報來支援您、按您的意願轉交有關機構，以及在不記名的情況下統計東亞及東南亞裔人士在英國遭遇種族歧視及仇恨的情況。
privacy-share = 我們只會在您同意下分享您的資料：如您選擇，會轉交警方；如您在我們致電時同意，會轉交合作機構的支援員。您可以隨時致電熱線撤回同意。
privacy-keep = 我們會在處理您個案的最後一項工作後 180 日刪除您的聯絡資料，並在 365 日後刪除其餘個人資料。不記名的統計數字會保留。
privacy-rights = 您可以致電熱線並提供參考編號，要求查閱我們持有關於您的資料，或要求我們刪除。
