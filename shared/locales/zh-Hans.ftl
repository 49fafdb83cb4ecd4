# 简体中文 (Simplified Chinese). Written by the engineers: to be reviewed by a native speaker.

## Field errors
error-required = 此项为必填。
error-invalid_type = 此项的数值类型不正确：应为 { $expected }。
error-invalid_choice = 此项不是允许的选项之一：{ $allowed }。
error-too_long = 此项太长：最多 { $max } 个字符。
error-too_short = 此项太短：最少 { $min } 个字符。
error-too_many = 选项太多：最多 { $max } 个。
error-invalid_characters = 此项包含我们无法接受的字符（控制字符）。
error-invalid_date = 请以 YYYY-MM-DD 格式输入 1900 年之后的有效日期。
error-invalid_time = 请以 HH:MM 格式输入时间，例如 18:30。
error-in_future = 此项不能是将来的日期或时间。
error-invalid_postcode = 请输入英国邮政编码，例如 M1 1AE，或其前半部分，例如 M1。
error-invalid_phone = 请输入我们可以拨打的电话号码，例如 07700 900123。
error-invalid_email = 请输入电子邮箱地址，例如 name@example.org。
error-invalid_language_tag = 请输入语言代码，例如粤语为 yue。
error-location_required = 请告诉我们事发地点：邮政编码、城镇，或说明事件发生在网上。
error-required_for_police_contact = 若要把您的联系方式转交警方，我们需要您的电话号码或电子邮箱地址。
error-required_for_advocate = 个案支援员需要电话号码才能给您打电话。除此之外，您可以保持匿名。
error-required_for_preferred_method = 请提供您所选联系方式的联系信息。
error-unknown_field = { $of ->
    [report] 此字段不属于举报表格。
   *[other] 此字段不属于“{ $of }”事件。
}
error-not_allowed = 只有热线接线员可以设置此项。
error-malformed_body = 无法读取举报内容：{ $detail }。
error-body_too_large = 举报内容太大：最多 { $max } 字节。
error-unsupported_media_type = 请以 application/json 或 application/x-www-form-urlencoded 格式提交举报。
error-invalid_idempotency_key = Idempotency-Key 标头必须是 1 至 128 个可见的 ASCII 字符。
error-idempotency_key_reused = 此 Idempotency-Key 已用于另一份不同的举报。
error-service_unavailable = 我们暂时无法保存您的举报，也没有保留任何内容。请一分钟后再试，或拨打我们的免费热线 0808 801 0393。
error-service_unavailable-staff = 暂时无法完成此操作，也没有作出任何更改。请一分钟后再试。

error-case_closed = 此个案已结束：只可添加备注。
error-unknown_partner = 没有此编号的合作机构。
error-partner_not_assigned = 请先确认此合作机构为个案的支援机构。
error-share_consent_in_place = 举报人同意与合作机构分享资料的决定仍然有效：请先记录撤回同意。
error-no_police_consent = 举报人没有同意（或已撤回同意）转介警方。
error-version_conflict = 有其他人同时更改了此个案：请重新加载后再试。
error-too_many_errors = 问题太多，无法全部列出：另有 { $omitted } 个未列出。请先修正以上问题后再提交。
error-unauthenticated = 请先登录：此操作需要有效的员工凭证。
error-forbidden = 您的角色不允许此操作。
error-not_found = 此处没有内容，或您无权查看。
error-rate_limited = 您的连接发出的请求过多。请等待 { $retry_after } 秒后再试。
error-case_erased = 此个案的个人资料已被删除：不能再添加文字内容。
error-no_advocate_requested = 举报人没有要求个案支援员。
error-not_shared = 举报人没有同意与合作机构分享资料，或已撤回同意。
error-nothing_to_release = 此个案没有等待发出的警方转介（并非来自公开表格，或已经发出）。
error-invalid_date_time = 请以 YYYY-MM-DD 格式输入日期，或输入日期及时间，例如 2026-12-01T09:00:00Z。

## The answer to an accepted report
next-steps-received = 感谢您告诉我们所发生的事。您的参考编号是 { $reference }。请保留此编号，并在联系我们时提供。
next-steps-police-anonymous = 我们会把您的举报转交警方，但不会包括您的姓名或联系方式。警方会记录此事，但不太可能进一步调查。
next-steps-police-with-contact = 我们会把您的举报及联系方式转交警方。警方可能会联系您并展开调查。
next-steps-advocate = 热线接线员会在 3 个工作日内给您打电话，告诉您哪个个案支援员可以支援您，并征求您同意与他们分享您的资料。
next-steps-contact-given = 热线接线员可能会使用您提供的联系方式与您联系，为您提供支援。
next-steps-no-contact = 您没有留下联系方式，因此我们不会联系您。
next-steps-helpline = 您可以拨打我们的免费热线 0808 801 0393（星期一至五，上午 9 时至下午 5 时）与我们交谈。

## 举报表格
form-service-name = On Your Side
form-title = 举报种族歧视或仇恨事件
form-intro = 如果您是东亚或东南亚裔人士，并在英国遭遇种族歧视或任何形式的仇恨，请告诉我们发生了什么事。大约需要 5 分钟。您可以保持匿名。
form-emergency = 如果您现在有危险，请拨打 999。
form-exit = 立即离开此页
form-exit-hint = 立即离开本网站，转到天气网页。在电脑上也可以连按 Shift 键三次。
form-language = 语言
form-language-choose = 更改语言
form-required-hint = 标明“选填”的问题可以不填。
form-optional = （选填）
form-yes = 是
form-no = 否
form-not-said = 不愿透露
form-submit = 提交举报
form-error-summary = 有些资料需要修改
form-error-summary-hint = 尚未提交任何资料。请修改以下各项后再提交；您已输入的内容会保留。
form-privacy-link = 我们如何使用您的资料（隐私声明）
form-helpline = 免费热线：0808 801 0393，星期一至五，上午 9 时至下午 5 时。在线聊天：星期一至五，上午 10 时至下午 4 时。

form-section-incident = 发生了什么事
form-incident-occurred_on = 事件在哪一天发生？
form-incident-occurred_on-hint = 日期，例如 2026-11-20。
form-incident-occurred_at = 大约几点？
form-incident-occurred_at-hint = 例如 18:30。如不确定可以不填。
form-incident-types = 发生了什么事？请选择所有适用的项目。
form-incident-description = 请用您自己的话描述发生了什么事。
form-incident-description-hint = 包括对方说了或做了什么。不想透露的内容可以略去。
form-incident-motivations = 您认为事件因何发生？请选择所有适用的项目。
form-incident-injured = 您或其他人有没有受伤？
form-incident-ongoing = 事件是否仍在持续？
form-incident-reported_to_police_already = 您是否已经向警方报案？
form-incident-police_reference = 警方报案编号

form-section-location = 事发地点
form-section-location-hint = 请至少提供一项：邮政编码、城镇，或说明事件发生在网上。
form-incident-location-postcode = 邮政编码
form-incident-location-postcode-hint = 完整邮政编码，或只填第一部分，例如 M1。
form-incident-location-town = 城镇或城市
form-incident-location-online = 事件发生在网上
form-incident-location-place_type = 是什么地方？

form-section-perpetrators = 涉事者
form-perpetrators-count = 涉事者有多少人？
form-perpetrators-relationship = 您认识他们吗？
form-perpetrators-description = 任何可以描述他们的信息

form-section-reporter = 关于您
form-reporter-role = 谁在举报？
form-reporter-heritage = 您的族裔背景（请选择所有适用的项目）
form-reporter-age_band = 您的年龄
form-reporter-gender = 您的性别

form-section-consent = 您希望我们怎样做
form-consent-police = 我们应否通知警方？
form-consent-police-hint = 我们可以不透露您的姓名，把举报转交警方；或在您同意下连同您的联系方式转交，让警方可以联系您并调查；或完全不通知警方。
form-consent-advocate_support = 您是否希望有个案支援员协助您？
form-consent-advocate_support-hint = 合作机构的支援员可以给您打电话，听您讲述经历，并在警方、工作、住房或身心健康方面提供协助。我们需要您的电话号码。
form-consent-support_needs = 什么支援会对您有帮助？请选择所有适用的项目。

form-section-contact = 我们如何联系您
form-section-contact-hint = 只在您希望我们或警方联系您时填写。如想保持匿名，请留空。
form-contact-name = 您的姓名
form-contact-phone = 电话号码
form-contact-phone-hint = 英国电话号码，例如 07700 900123。
form-contact-email = 电子邮箱地址
form-contact-preferred_method = 我们应如何联系您？
form-contact-safe_to_leave_voicemail = 留语音信息是否安全？
form-contact-safe_times = 什么时间联系您比较安全？
form-contact-preferred_language = 您希望使用的语言
form-contact-preferred_language-hint = 语言代码，例如 cmn（普通话）或 yue（粤语）。
form-contact-interpreter_needed = 您是否需要口译员？

form-privacy-agree = 提交此举报，即表示您同意我们按照隐私声明保存您的举报。

## 各选项的文字
choice-role-victim = 事件发生在我身上
choice-role-witness = 我目睹事件发生
choice-role-on_behalf = 我代他人举报
choice-heritage-china = 中国大陆
choice-heritage-hong_kong = 香港
choice-heritage-macao = 澳门
choice-heritage-mongolia = 蒙古
choice-heritage-japan = 日本
choice-heritage-north_korea = 朝鲜
choice-heritage-south_korea = 韩国
choice-heritage-taiwan = 台湾
choice-heritage-brunei = 文莱
choice-heritage-cambodia = 柬埔寨
choice-heritage-indonesia = 印度尼西亚
choice-heritage-laos = 老挝
choice-heritage-malaysia = 马来西亚
choice-heritage-myanmar = 缅甸
choice-heritage-philippines = 菲律宾
choice-heritage-singapore = 新加坡
choice-heritage-thailand = 泰国
choice-heritage-timor_leste = 东帝汶
choice-heritage-vietnam = 越南
choice-heritage-mixed = 混合族裔
choice-heritage-other = 其他
choice-heritage-prefer_not_to_say = 不愿透露
choice-age_band-under-18 = 18 岁以下
choice-age_band-18-24 = 18 至 24 岁
choice-age_band-25-34 = 25 至 34 岁
choice-age_band-35-44 = 35 至 44 岁
choice-age_band-45-54 = 45 至 54 岁
choice-age_band-55-64 = 55 至 64 岁
choice-age_band-65-74 = 65 至 74 岁
choice-age_band-75plus = 75 岁或以上
choice-age_band-prefer_not_to_say = 不愿透露
choice-gender-woman = 女性
choice-gender-man = 男性
choice-gender-non_binary = 非二元性别
choice-gender-other = 其他
choice-gender-prefer_not_to_say = 不愿透露
choice-preferred_method-phone = 电话
choice-preferred_method-text_message = 短信
choice-preferred_method-email = 电子邮件
choice-types-verbal_abuse = 言语侮辱或辱骂
choice-types-physical_assault = 身体袭击
choice-types-threats = 威胁恐吓
choice-types-harassment = 骚扰或被跟踪
choice-types-damage_to_property = 财物损坏
choice-types-online_abuse = 网上辱骂
choice-types-spitting_or_coughing = 向人吐口水或咳嗽
choice-types-discrimination_at_work = 工作中的歧视
choice-types-refused_service = 被拒绝提供服务
choice-types-hate_material = 仇恨涂鸦、信件或传单
choice-types-other = 其他
choice-motivations-race = 种族或族裔
choice-motivations-religion = 宗教或信仰
choice-motivations-sexual_orientation = 性取向
choice-motivations-disability = 残疾
choice-motivations-transgender_identity = 跨性别身份
choice-motivations-sex_or_gender = 性别
choice-motivations-other = 其他
choice-place_type-street = 街道或公共场所
choice-place_type-public_transport = 公共交通工具
choice-place_type-shop_or_business = 商店或商业场所
choice-place_type-workplace = 工作场所
choice-place_type-school_or_university = 学校、学院或大学
choice-place_type-home_or_neighbourhood = 住所或邻里
choice-place_type-healthcare = 医院或医疗场所
choice-place_type-online = 网上
choice-place_type-other = 其他地方
choice-count-one = 一人
choice-count-two_to_five = 2 至 5 人
choice-count-more_than_five = 多于 5 人
choice-count-unknown = 不知道
choice-relationship-stranger = 陌生人
choice-relationship-neighbour = 邻居
choice-relationship-colleague = 同事
choice-relationship-partner_or_family = 伴侣或家人
choice-relationship-other_known = 其他认识的人
choice-relationship-unknown = 不知道
choice-police-no = 不，不要通知警方
choice-police-anonymous = 要，但不提供我的姓名或联系方式
choice-police-with_contact_details = 要，连同我的联系方式，让警方可以联系我
choice-support_needs-emotional_wellbeing = 情绪支援
choice-support_needs-police_follow_up = 与警方沟通方面的协助
choice-support_needs-workplace_discrimination = 工作中歧视方面的协助
choice-support_needs-legal_help = 法律协助
choice-support_needs-domestic_abuse = 家庭暴力
choice-support_needs-other = 其他

## 提交之后
form-confirmation-title = 您的举报已经提交
form-confirmation-reference = 您的参考编号
form-confirmation-keep = 请把这个参考编号存放在安全、别人看不到的地方，并在每次联系我们时提供。我们无法再次显示此编号。
form-confirmation-next = 接下来会怎样
form-confirmation-another = 提交另一份举报

## 隐私声明
privacy-title = 我们如何使用您的资料
privacy-version = 隐私声明版本 { $version }
privacy-what = 我们会保存您在举报中提供的资料。您的姓名及联系方式与事件内容分开存放，只有热线团队可以查阅。
privacy-why = 我们使用您的举报来支援您、按您的意愿转交有关机构，以及在不记名的情况下统计东亚及东南亚裔人士在英国遭遇种族歧视及仇恨的情况。
privacy-share = 我们只会在您同意下分享您的资料：如您选择，会转交警方；如您在我们打电话时同意，会转交合作机构的支援员。您可以随时拨打热线撤回同意。
privacy-keep = 我们会在处理您个案的最后一项工作后 180 天删除您的联系方式，并在 365 天后删除其余个人资料。不记名的统计数字会保留。
privacy-rights = 您可以拨打热线并提供参考编号，要求查阅我们持有的关于您的资料，或要求我们删除。
