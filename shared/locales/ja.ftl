# 日本語 (Japanese). Written by the engineers: to be reviewed by a native speaker.

## Field errors
error-required = この項目は必須です。
error-invalid_type = この項目の値の種類が正しくありません（{ $expected } が必要です）。
error-invalid_choice = 選べる値ではありません：{ $allowed }。
error-too_long = 長すぎます（最大 { $max } 文字）。
error-too_short = 短すぎます（最小 { $min } 文字）。
error-too_many = 選択が多すぎます（最大 { $max }）。
error-invalid_characters = 受け付けられない文字（制御文字）が含まれています。
error-invalid_date = 1900年以降の実在する日付を YYYY-MM-DD の形で入力してください。
error-invalid_time = 時刻を HH:MM の形で入力してください（例：18:30）。
error-in_future = 未来の日時は入力できません。
error-invalid_postcode = 英国の郵便番号を入力してください（例：M1 1AE、または前半の M1）。
error-invalid_phone = こちらから電話できる番号を入力してください（例：07700 900123）。
error-invalid_email = メールアドレスを入力してください（例：name@example.org）。
error-invalid_language_tag = 言語コードを入力してください（例：日本語は ja）。
error-location_required = 起きた場所を教えてください：郵便番号、町の名前、またはオンラインで起きたこと。
error-required_for_police_contact = 連絡先を警察に伝えるには、電話番号かメールアドレスが必要です。
error-required_for_advocate = 支援員が電話するために電話番号が必要です。それ以外は匿名のままでかまいません。
error-required_for_preferred_method = 選んだ連絡方法の連絡先を入力してください。
error-unknown_field = { $of ->
    [report] この項目は報告フォームにはありません。
   *[other] この項目は { $of } イベントにはありません。
}
error-not_allowed = この項目はヘルプラインの担当者だけが設定できます。
error-malformed_body = 報告を読み取れませんでした：{ $detail }。
error-body_too_large = 報告が大きすぎます（最大 { $max } バイト）。
error-unsupported_media_type = 報告は application/json または application/x-www-form-urlencoded で送ってください。
error-invalid_idempotency_key = Idempotency-Key ヘッダーは表示可能な ASCII 文字 1〜128 文字にしてください。
error-idempotency_key_reused = この Idempotency-Key は別の報告に使われています。
error-service_unavailable = 現在、報告を保存できませんでした。何も保存されていません。1分後にもう一度お試しいただくか、無料ヘルプライン 0808 801 0393 にお電話ください。
error-service_unavailable-staff = 現在この操作はできませんでした。何も変更されていません。1分後にもう一度お試しください。

error-case_closed = このケースは終了しています。メモの追加のみできます。
error-unknown_partner = この ID の協力団体はありません。
error-partner_not_assigned = まずこの協力団体をケースの支援団体として確定してください。
error-share_consent_in_place = 協力団体との情報共有への同意が有効です。先に同意の撤回を記録してください。
error-no_police_consent = 報告者は警察への紹介に同意していません（または撤回しました）。
error-version_conflict = 同時に別の人がこのケースを変更しました。再読み込みしてもう一度お試しください。
error-too_many_errors = 問題が多すぎてすべて表示できません（ほかに { $omitted } 件）。上の問題を直してから再送してください。
error-unauthenticated = まずサインインしてください。職員の認証情報が必要です。
error-forbidden = あなたの役割ではこの操作はできません。
error-not_found = ここには何もないか、閲覧できません。
error-rate_limited = この接続からのリクエストが多すぎます。{ $retry_after } 秒待ってからもう一度お試しください。
error-case_erased = このケースの個人情報は削除されています。文章を追加することはできません。
error-no_advocate_requested = 報告者は支援員を希望していません。
error-not_shared = 報告者は協力団体との情報共有に同意していないか、撤回しました。
error-nothing_to_release = このケースには送付待ちの警察への紹介はありません。
error-invalid_date_time = 日付を YYYY-MM-DD、または 2026-12-01T09:00:00Z のような日時で入力してください。

## The answer to an accepted report
next-steps-received = 起きたことを教えてくださり、ありがとうございます。あなたの受付番号は { $reference } です。大切に保管し、連絡の際にお伝えください。
next-steps-police-anonymous = あなたの名前や連絡先を含めずに、報告を警察に伝えます。警察は記録しますが、捜査する可能性は低いです。
next-steps-police-with-contact = 報告とあなたの連絡先を警察に伝えます。警察から連絡があり、捜査が行われることがあります。
next-steps-advocate = 3営業日以内にヘルプラインの担当者からお電話し、どの支援員があなたを支援できるかをお伝えし、その支援員と情報を共有してよいかをお聞きします。
next-steps-contact-given = ヘルプラインの担当者が、いただいた連絡先に支援のご連絡をすることがあります。
next-steps-no-contact = 連絡先がないため、こちらからご連絡することはありません。
next-steps-helpline = 無料ヘルプライン 0808 801 0393（月〜金、午前9時〜午後5時）でお話しいただけます。

## The report form
form-service-name = On Your Side
form-title = 人種差別やヘイトを報告する
form-intro = 東アジア・東南アジアにルーツを持つ方で、英国で人種差別やあらゆる形のヘイトを受けた方は、起きたことを教えてください。所要時間は約5分です。匿名のままでもかまいません。
form-emergency = 今、危険な状態にある場合は 999 に電話してください。
form-exit = このページを離れる
form-exit-hint = すぐにこのサイトを離れ、天気のページに移ります。パソコンでは Shift キーを3回押しても移れます。
form-language = 言語
form-language-choose = 言語を変える
form-required-hint = 「任意」と書かれた質問は空欄のままでかまいません。
form-optional = （任意）
form-yes = はい
form-no = いいえ
form-not-said = 答えたくない
form-submit = 報告を送る
form-error-summary = 直していただきたい点があります
form-error-summary-hint = まだ何も送られていません。以下を直してもう一度送ってください。入力した内容は残っています。
form-privacy-link = 個人情報の取り扱い（プライバシー通知）
form-helpline = 無料ヘルプライン：0808 801 0393（月〜金、午前9時〜午後5時）。ウェブチャット：月〜金、午前10時〜午後4時。

form-section-incident = 起きたこと
form-incident-occurred_on = いつ起きましたか？
form-incident-occurred_on-hint = 日付（例：2026-11-20）。
form-incident-occurred_at = 何時ごろですか？
form-incident-occurred_at-hint = 例：18:30。わからなければ空欄で結構です。
form-incident-types = 何が起きましたか？当てはまるものをすべて選んでください。
form-incident-description = 起きたことをご自身の言葉で教えてください。
form-incident-description-hint = 言われたことやされたことも書いてください。伝えたくないことは書かなくて結構です。
form-incident-motivations = なぜ起きたと思いますか？当てはまるものをすべて選んでください。
form-incident-injured = あなたや他の人にけがはありましたか？
form-incident-ongoing = 今も続いていますか？
form-incident-reported_to_police_already = すでに警察に届けましたか？
form-incident-police_reference = 警察の受理番号

form-section-location = 起きた場所
form-section-location-hint = 少なくとも一つ教えてください：郵便番号、町の名前、またはオンラインで起きたこと。
form-incident-location-postcode = 郵便番号
form-incident-location-postcode-hint = 郵便番号全体、または前半（例：M1）。
form-incident-location-town = 町または市
form-incident-location-online = オンラインで起きた
form-incident-location-place_type = どのような場所でしたか？

form-section-perpetrators = 加害者
form-perpetrators-count = 加害者は何人でしたか？
form-perpetrators-relationship = 知っている人でしたか？
form-perpetrators-description = 加害者の特徴

form-section-reporter = あなたについて
form-reporter-role = 報告しているのはどなたですか？
form-reporter-heritage = あなたのルーツ（当てはまるものをすべて）
form-reporter-age_band = 年齢
form-reporter-gender = 性別

form-section-consent = 私たちにしてほしいこと
form-consent-police = 警察に伝えますか？
form-consent-police-hint = 名前を伏せて警察に報告を伝えることができます。または、同意いただければ連絡先も伝え、警察が連絡・捜査できるようにします。伝えないこともできます。
form-consent-advocate_support = 支援員のサポートを希望しますか？
form-consent-advocate_support-hint = 協力団体の支援員が電話でお話を聞き、警察、仕事、住まい、心の健康について手助けします。電話番号が必要です。
form-consent-support_needs = どのような支援が役立ちますか？当てはまるものをすべて選んでください。

form-section-contact = 連絡方法
form-section-contact-hint = 私たちや警察からの連絡を希望する場合だけ記入してください。匿名のままにする場合は空欄にしてください。
form-contact-name = お名前
form-contact-phone = 電話番号
form-contact-phone-hint = 英国の番号（例：07700 900123）。
form-contact-email = メールアドレス
form-contact-preferred_method = どの方法で連絡しますか？
form-contact-safe_to_leave_voicemail = 留守番電話にメッセージを残しても安全ですか？
form-contact-safe_times = 連絡しても安全な時間帯は？
form-contact-preferred_language = 話したい言語
form-contact-preferred_language-hint = 言語コード（例：日本語は ja）。
form-contact-interpreter_needed = 通訳が必要ですか？

form-privacy-agree = この報告を送ると、プライバシー通知に書かれたとおりに報告を保存することに同意したことになります。

## Words for each choice
choice-role-victim = 自分が被害を受けた
choice-role-witness = 目撃した
choice-role-on_behalf = 他の人に代わって報告する
choice-heritage-china = 中国本土
choice-heritage-hong_kong = 香港
choice-heritage-macao = マカオ
choice-heritage-mongolia = モンゴル
choice-heritage-japan = 日本
choice-heritage-north_korea = 北朝鮮
choice-heritage-south_korea = 韓国
choice-heritage-taiwan = 台湾
choice-heritage-brunei = ブルネイ
choice-heritage-cambodia = カンボジア
choice-heritage-indonesia = インドネシア
choice-heritage-laos = ラオス
choice-heritage-malaysia = マレーシア
choice-heritage-myanmar = ミャンマー
choice-heritage-philippines = フィリピン
choice-heritage-singapore = シンガポール
choice-heritage-thailand = タイ
choice-heritage-timor_leste = 東ティモール
choice-heritage-vietnam = ベトナム
choice-heritage-mixed = 複数のルーツ
choice-heritage-other = その他
choice-heritage-prefer_not_to_say = 答えたくない
choice-age_band-under-18 = 18歳未満
choice-age_band-18-24 = 18〜24歳
choice-age_band-25-34 = 25〜34歳
choice-age_band-35-44 = 35〜44歳
choice-age_band-45-54 = 45〜54歳
choice-age_band-55-64 = 55〜64歳
choice-age_band-65-74 = 65〜74歳
choice-age_band-75plus = 75歳以上
choice-age_band-prefer_not_to_say = 答えたくない
choice-gender-woman = 女性
choice-gender-man = 男性
choice-gender-non_binary = ノンバイナリー
choice-gender-other = その他
choice-gender-prefer_not_to_say = 答えたくない
choice-preferred_method-phone = 電話
choice-preferred_method-text_message = ショートメッセージ
choice-preferred_method-email = メール
choice-types-verbal_abuse = 暴言・侮辱
choice-types-physical_assault = 身体への暴行
choice-types-threats = 脅し
choice-types-harassment = 嫌がらせ・つきまとい
choice-types-damage_to_property = 器物損壊
choice-types-online_abuse = オンラインでの誹謗中傷
choice-types-spitting_or_coughing = つばを吐かれた・咳をかけられた
choice-types-discrimination_at_work = 職場での差別
choice-types-refused_service = サービスを拒否された
choice-types-hate_material = ヘイトの落書き・手紙・ビラ
choice-types-other = その他
choice-motivations-race = 人種・民族
choice-motivations-religion = 宗教・信条
choice-motivations-sexual_orientation = 性的指向
choice-motivations-disability = 障害
choice-motivations-transgender_identity = トランスジェンダーであること
choice-motivations-sex_or_gender = 性別
choice-motivations-other = その他
choice-place_type-street = 路上・公共の場
choice-place_type-public_transport = 公共交通機関
choice-place_type-shop_or_business = 店舗・事業所
choice-place_type-workplace = 職場
choice-place_type-school_or_university = 学校・カレッジ・大学
choice-place_type-home_or_neighbourhood = 自宅・近所
choice-place_type-healthcare = 病院・医療機関
choice-place_type-online = オンライン
choice-place_type-other = その他の場所
choice-count-one = 1人
choice-count-two_to_five = 2〜5人
choice-count-more_than_five = 6人以上
choice-count-unknown = わからない
choice-relationship-stranger = 知らない人
choice-relationship-neighbour = 近所の人
choice-relationship-colleague = 同僚
choice-relationship-partner_or_family = パートナー・家族
choice-relationship-other_known = その他の知り合い
choice-relationship-unknown = わからない
choice-police-no = いいえ、警察には伝えない
choice-police-anonymous = はい、名前や連絡先を伏せて伝える
choice-police-with_contact_details = はい、連絡先も伝え、警察から連絡できるようにする
choice-support_needs-emotional_wellbeing = 心のサポート
choice-support_needs-police_follow_up = 警察とのやりとりの手助け
choice-support_needs-workplace_discrimination = 職場での差別についての手助け
choice-support_needs-legal_help = 法律相談
choice-support_needs-domestic_abuse = 家庭内暴力
choice-support_needs-other = その他

## After a report is sent
form-confirmation-title = 報告を受け付けました
form-confirmation-reference = 受付番号
form-confirmation-keep = この受付番号は、他の人に見られない安全な場所に保管し、連絡の際にお伝えください。もう一度表示することはできません。
form-confirmation-next = これからのこと
form-confirmation-another = 別の報告を送る

## The privacy notice
privacy-title = 個人情報の取り扱い
privacy-version = プライバシー通知 第 { $version } 版
privacy-what = 報告でお伝えいただいた内容を保存します。お名前と連絡先は起きたことの記録とは別に保存し、ヘルプラインのチームだけが見られます。
privacy-why = 報告は、あなたを支援するため、ご希望の先に伝えるため、そして東アジア・東南アジアにルーツを持つ人々が英国で受けている人種差別やヘイトの実態を名前なしで数えるために使います。
privacy-share = 情報を共有するのは同意がある場合だけです：希望された場合は警察に、お電話で同意いただいた場合は協力団体の支援員に。同意はヘルプラインに電話していつでも撤回できます。
privacy-keep = 連絡先はケースの最後の対応から180日後に、その他の個人情報は365日後に削除します。名前のない統計は残ります。
privacy-rights = 受付番号を添えてヘルプラインに電話すれば、保存している情報の確認や削除を求めることができます。
