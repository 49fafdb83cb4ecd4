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
