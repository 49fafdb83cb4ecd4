# Tiếng Việt (Vietnamese). Written by the engineers: to be reviewed by a native speaker.

## Field errors
error-required = Mục này là bắt buộc.
error-invalid_type = Giá trị của mục này không đúng loại: cần { $expected }.
error-invalid_choice = Đây không phải là một trong các lựa chọn cho phép: { $allowed }.
error-too_long = Mục này quá dài: tối đa { $max } ký tự.
error-too_short = Mục này quá ngắn: tối thiểu { $min } ký tự.
error-too_many = Quá nhiều lựa chọn: tối đa { $max }.
error-invalid_characters = Mục này có ký tự chúng tôi không thể nhận (ký tự điều khiển).
error-invalid_date = Hãy nhập một ngày có thật theo dạng YYYY-MM-DD, sau năm 1900.
error-invalid_time = Hãy nhập giờ theo dạng HH:MM, ví dụ 18:30.
error-in_future = Thời điểm này không thể ở trong tương lai.
error-invalid_postcode = Hãy nhập mã bưu điện Vương quốc Anh, ví dụ M1 1AE, hoặc phần đầu của nó, ví dụ M1.
error-invalid_phone = Hãy nhập số điện thoại chúng tôi có thể gọi, ví dụ 07700 900123.
error-invalid_email = Hãy nhập địa chỉ email, ví dụ name@example.org.
error-invalid_language_tag = Hãy nhập mã ngôn ngữ, ví dụ vi cho tiếng Việt.
error-location_required = Hãy cho chúng tôi biết sự việc xảy ra ở đâu: mã bưu điện, thị trấn, hoặc xảy ra trên mạng.
error-required_for_police_contact = Để chuyển thông tin liên lạc của bạn cho cảnh sát, chúng tôi cần số điện thoại hoặc địa chỉ email.
error-required_for_advocate = Người hỗ trợ cần số điện thoại để gọi cho bạn. Ngoài ra bạn có thể giữ ẩn danh.
error-required_for_preferred_method = Hãy cho thông tin liên lạc ứng với cách liên lạc bạn đã chọn.
error-unknown_field = { $of ->
    [report] Mục này không thuộc mẫu báo cáo.
   *[other] Mục này không thuộc sự kiện { $of }.
}
error-not_allowed = Chỉ nhân viên đường dây hỗ trợ mới có thể điền mục này.
error-malformed_body = Không đọc được báo cáo: { $detail }.
error-body_too_large = Báo cáo quá lớn: tối đa { $max } byte.
error-unsupported_media_type = Hãy gửi báo cáo dưới dạng application/json hoặc application/x-www-form-urlencoded.
error-invalid_idempotency_key = Tiêu đề Idempotency-Key phải có từ 1 đến 128 ký tự ASCII nhìn thấy được.
error-idempotency_key_reused = Idempotency-Key này đã được dùng cho một báo cáo khác.
error-service_unavailable = Lúc này chúng tôi không lưu được báo cáo của bạn, và không có gì được giữ lại. Vui lòng thử lại sau một phút, hoặc gọi đường dây miễn phí 0808 801 0393.
error-service_unavailable-staff = Lúc này không thể thực hiện việc này, và không có gì bị thay đổi. Vui lòng thử lại sau một phút.

error-case_closed = Hồ sơ này đã đóng: chỉ có thể thêm ghi chú.
error-unknown_partner = Không có tổ chức đối tác nào với mã này.
error-partner_not_assigned = Hãy xác nhận tổ chức đối tác này cho hồ sơ trước.
error-share_consent_in_place = Sự đồng ý chia sẻ với đối tác vẫn còn hiệu lực: hãy ghi nhận việc rút lại trước.
error-no_police_consent = Người báo cáo không đồng ý chuyển cho cảnh sát (hoặc đã rút lại).
error-version_conflict = Có người khác đã thay đổi hồ sơ này cùng lúc: hãy tải lại và thử lại.
error-too_many_errors = Có quá nhiều lỗi để liệt kê: còn { $omitted } lỗi khác. Hãy sửa các lỗi trên rồi gửi lại.
error-unauthenticated = Hãy đăng nhập trước: việc này cần thông tin đăng nhập của nhân viên.
error-forbidden = Vai trò của bạn không được phép làm việc này.
error-not_found = Không có gì ở đây, hoặc bạn không được xem.
error-rate_limited = Kết nối của bạn gửi quá nhiều yêu cầu. Vui lòng đợi { $retry_after } giây rồi thử lại.
error-case_erased = Dữ liệu cá nhân của hồ sơ này đã bị xóa: không thể thêm văn bản nữa.
error-no_advocate_requested = Người báo cáo không yêu cầu người hỗ trợ.
error-not_shared = Người báo cáo chưa đồng ý chia sẻ thông tin với đối tác, hoặc đã rút lại.
error-nothing_to_release = Hồ sơ này không có yêu cầu chuyển cho cảnh sát nào đang chờ.
error-invalid_date_time = Hãy nhập ngày theo dạng YYYY-MM-DD, hoặc ngày và giờ như 2026-12-01T09:00:00Z.

## The answer to an accepted report
next-steps-received = Cảm ơn bạn đã cho chúng tôi biết chuyện đã xảy ra. Mã tham chiếu của bạn là { $reference }. Hãy giữ mã này và cho chúng tôi biết mỗi khi liên lạc.
next-steps-police-anonymous = Chúng tôi sẽ chuyển báo cáo của bạn cho cảnh sát mà không kèm tên hay thông tin liên lạc của bạn. Cảnh sát sẽ ghi nhận, nhưng ít khả năng điều tra.
next-steps-police-with-contact = Chúng tôi sẽ chuyển báo cáo và thông tin liên lạc của bạn cho cảnh sát. Cảnh sát có thể liên lạc với bạn và điều tra.
next-steps-advocate = Trong vòng 3 ngày làm việc, nhân viên đường dây hỗ trợ sẽ gọi cho bạn để cho biết người hỗ trợ nào có thể giúp bạn, và hỏi bạn có đồng ý chia sẻ thông tin với họ không.
next-steps-contact-given = Nhân viên đường dây hỗ trợ có thể liên lạc với bạn qua thông tin bạn đã cho để hỗ trợ.
next-steps-no-contact = Bạn không để lại thông tin liên lạc, nên chúng tôi sẽ không liên lạc với bạn.
next-steps-helpline = Bạn có thể nói chuyện với chúng tôi qua đường dây miễn phí 0808 801 0393, thứ Hai đến thứ Sáu, 9 giờ sáng đến 5 giờ chiều.

## The report form
form-service-name = On Your Side
form-title = Báo cáo phân biệt chủng tộc hoặc thù ghét
form-intro = Nếu bạn là người gốc Đông Á hoặc Đông Nam Á và đã gặp phân biệt chủng tộc hoặc bất kỳ hình thức thù ghét nào ở Vương quốc Anh, hãy cho chúng tôi biết chuyện đã xảy ra. Chỉ mất khoảng 5 phút. Bạn có thể giữ ẩn danh.
form-emergency = Nếu bạn đang gặp nguy hiểm, hãy gọi 999.
form-exit = Rời trang này
form-exit-hint = Rời trang này ngay lập tức và chuyển sang trang thời tiết. Trên máy tính, bạn cũng có thể nhấn Shift ba lần.
form-language = Ngôn ngữ
form-language-choose = Đổi ngôn ngữ
form-required-hint = Các câu hỏi ghi “không bắt buộc” có thể bỏ qua.
form-optional = (không bắt buộc)
form-yes = Có
form-no = Không
form-not-said = Không muốn nói
form-submit = Gửi báo cáo
form-error-summary = Có vấn đề cần sửa
form-error-summary-hint = Chưa có gì được gửi. Hãy sửa các mục này rồi gửi lại; những gì bạn đã nhập vẫn được giữ.
form-privacy-link = Cách chúng tôi sử dụng thông tin của bạn (thông báo về quyền riêng tư)
form-helpline = Đường dây miễn phí: 0808 801 0393, thứ Hai đến thứ Sáu, 9 giờ sáng đến 5 giờ chiều. Trò chuyện trực tuyến: thứ Hai đến thứ Sáu, 10 giờ sáng đến 4 giờ chiều.

form-section-incident = Chuyện gì đã xảy ra
form-incident-occurred_on = Chuyện xảy ra vào ngày nào?
form-incident-occurred_on-hint = Ngày, ví dụ 2026-11-20.
form-incident-occurred_at = Vào lúc mấy giờ?
form-incident-occurred_at-hint = Ví dụ 18:30. Bỏ qua nếu bạn không chắc.
form-incident-types = Chuyện gì đã xảy ra? Chọn tất cả những gì đúng.
form-incident-description = Hãy kể lại chuyện đã xảy ra bằng lời của bạn.
form-incident-description-hint = Gồm cả những gì đã được nói hoặc làm. Bỏ qua những gì bạn không muốn chia sẻ.
form-incident-motivations = Bạn nghĩ vì sao chuyện này xảy ra? Chọn tất cả những gì đúng.
form-incident-injured = Bạn hoặc ai khác có bị thương không?
form-incident-ongoing = Chuyện này có còn đang tiếp diễn không?
form-incident-reported_to_police_already = Bạn đã báo cảnh sát chưa?
form-incident-police_reference = Số tham chiếu của cảnh sát

form-section-location = Nơi xảy ra
form-section-location-hint = Hãy cho ít nhất một thông tin: mã bưu điện, thị trấn, hoặc xảy ra trên mạng.
form-incident-location-postcode = Mã bưu điện
form-incident-location-postcode-hint = Mã bưu điện đầy đủ, hoặc chỉ phần đầu như M1.
form-incident-location-town = Thị trấn hoặc thành phố
form-incident-location-online = Chuyện xảy ra trên mạng
form-incident-location-place_type = Đó là nơi như thế nào?

form-section-perpetrators = Ai đã làm
form-perpetrators-count = Có bao nhiêu người đã làm?
form-perpetrators-relationship = Bạn có biết họ không?
form-perpetrators-description = Bất cứ điều gì mô tả họ

form-section-reporter = Về bạn
form-reporter-role = Ai đang báo cáo?
form-reporter-heritage = Nguồn gốc của bạn (chọn tất cả những gì đúng)
form-reporter-age_band = Tuổi của bạn
form-reporter-gender = Giới tính của bạn

form-section-consent = Bạn muốn chúng tôi làm gì
form-consent-police = Chúng tôi có nên báo cho cảnh sát không?
form-consent-police-hint = Chúng tôi có thể chuyển báo cáo cho cảnh sát mà không kèm tên bạn. Hoặc, nếu bạn đồng ý, kèm thông tin liên lạc để cảnh sát có thể liên lạc và điều tra. Hoặc không báo gì cả.
form-consent-advocate_support = Bạn có muốn một người hỗ trợ giúp đỡ bạn không?
form-consent-advocate_support-hint = Người hỗ trợ từ một tổ chức đối tác có thể gọi cho bạn, lắng nghe và giúp về cảnh sát, công việc, nhà ở hoặc sức khỏe tinh thần. Chúng tôi sẽ cần số điện thoại.
form-consent-support_needs = Sự hỗ trợ nào sẽ giúp ích? Chọn tất cả những gì đúng.

form-section-contact = Cách chúng tôi liên lạc với bạn
form-section-contact-hint = Chỉ điền nếu bạn muốn chúng tôi hoặc cảnh sát liên lạc với bạn. Để trống nếu muốn ẩn danh.
form-contact-name = Tên của bạn
form-contact-phone = Số điện thoại
form-contact-phone-hint = Số điện thoại Anh, ví dụ 07700 900123.
form-contact-email = Địa chỉ email
form-contact-preferred_method = Chúng tôi nên liên lạc với bạn bằng cách nào?
form-contact-safe_to_leave_voicemail = Để lại tin nhắn thoại có an toàn không?
form-contact-safe_times = Khi nào liên lạc với bạn là an toàn?
form-contact-preferred_language = Ngôn ngữ bạn muốn nói
form-contact-preferred_language-hint = Mã ngôn ngữ, ví dụ vi (tiếng Việt).
form-contact-interpreter_needed = Bạn có cần thông dịch viên không?

form-privacy-agree = Khi gửi báo cáo này, bạn đồng ý để chúng tôi lưu giữ nó như thông báo về quyền riêng tư mô tả.

## Words for each choice
choice-role-victim = Chuyện xảy ra với tôi
choice-role-witness = Tôi đã chứng kiến
choice-role-on_behalf = Tôi báo cáo thay cho người khác
choice-heritage-china = Trung Quốc đại lục
choice-heritage-hong_kong = Hồng Kông
choice-heritage-macao = Ma Cao
choice-heritage-mongolia = Mông Cổ
choice-heritage-japan = Nhật Bản
choice-heritage-north_korea = Triều Tiên
choice-heritage-south_korea = Hàn Quốc
choice-heritage-taiwan = Đài Loan
choice-heritage-brunei = Brunei
choice-heritage-cambodia = Campuchia
choice-heritage-indonesia = Indonesia
choice-heritage-laos = Lào
choice-heritage-malaysia = Malaysia
choice-heritage-myanmar = Myanmar
choice-heritage-philippines = Philippines
choice-heritage-singapore = Singapore
choice-heritage-thailand = Thái Lan
choice-heritage-timor_leste = Đông Timor
choice-heritage-vietnam = Việt Nam
choice-heritage-mixed = Nhiều nguồn gốc
choice-heritage-other = Khác
choice-heritage-prefer_not_to_say = Không muốn nói
choice-age_band-under-18 = Dưới 18
choice-age_band-18-24 = 18 đến 24
choice-age_band-25-34 = 25 đến 34
choice-age_band-35-44 = 35 đến 44
choice-age_band-45-54 = 45 đến 54
choice-age_band-55-64 = 55 đến 64
choice-age_band-65-74 = 65 đến 74
choice-age_band-75plus = 75 trở lên
choice-age_band-prefer_not_to_say = Không muốn nói
choice-gender-woman = Nữ
choice-gender-man = Nam
choice-gender-non_binary = Phi nhị giới
choice-gender-other = Khác
choice-gender-prefer_not_to_say = Không muốn nói
choice-preferred_method-phone = Gọi điện
choice-preferred_method-text_message = Tin nhắn
choice-preferred_method-email = Email
choice-types-verbal_abuse = Lăng mạ hoặc xúc phạm bằng lời
choice-types-physical_assault = Tấn công thân thể
choice-types-threats = Đe dọa
choice-types-harassment = Quấy rối hoặc bị theo dõi
choice-types-damage_to_property = Phá hoại tài sản
choice-types-online_abuse = Lăng mạ trên mạng
choice-types-spitting_or_coughing = Khạc nhổ hoặc ho vào người khác
choice-types-discrimination_at_work = Phân biệt đối xử tại nơi làm việc
choice-types-refused_service = Bị từ chối phục vụ
choice-types-hate_material = Hình vẽ, thư hoặc tờ rơi thù ghét
choice-types-other = Việc khác
choice-motivations-race = Chủng tộc hoặc sắc tộc
choice-motivations-religion = Tôn giáo hoặc tín ngưỡng
choice-motivations-sexual_orientation = Xu hướng tính dục
choice-motivations-disability = Khuyết tật
choice-motivations-transgender_identity = Người chuyển giới
choice-motivations-sex_or_gender = Giới tính
choice-motivations-other = Lý do khác
choice-place_type-street = Đường phố hoặc nơi công cộng
choice-place_type-public_transport = Phương tiện công cộng
choice-place_type-shop_or_business = Cửa hàng hoặc cơ sở kinh doanh
choice-place_type-workplace = Nơi làm việc
choice-place_type-school_or_university = Trường học, cao đẳng hoặc đại học
choice-place_type-home_or_neighbourhood = Nhà hoặc khu phố
choice-place_type-healthcare = Bệnh viện hoặc cơ sở y tế
choice-place_type-online = Trên mạng
choice-place_type-other = Nơi khác
choice-count-one = Một người
choice-count-two_to_five = 2 đến 5 người
choice-count-more_than_five = Hơn 5 người
choice-count-unknown = Tôi không biết
choice-relationship-stranger = Người lạ
choice-relationship-neighbour = Hàng xóm
choice-relationship-colleague = Đồng nghiệp
choice-relationship-partner_or_family = Bạn đời hoặc người trong gia đình
choice-relationship-other_known = Người quen khác
choice-relationship-unknown = Tôi không biết
choice-police-no = Không, đừng báo cảnh sát
choice-police-anonymous = Có, nhưng không kèm tên hay thông tin liên lạc của tôi
choice-police-with_contact_details = Có, kèm thông tin liên lạc để cảnh sát có thể liên lạc với tôi
choice-support_needs-emotional_wellbeing = Hỗ trợ tinh thần
choice-support_needs-police_follow_up = Giúp làm việc với cảnh sát
choice-support_needs-workplace_discrimination = Giúp về phân biệt đối xử tại nơi làm việc
choice-support_needs-legal_help = Trợ giúp pháp lý
choice-support_needs-domestic_abuse = Bạo lực gia đình
choice-support_needs-other = Việc khác

## After a report is sent
form-confirmation-title = Báo cáo của bạn đã được gửi
form-confirmation-reference = Mã tham chiếu của bạn
form-confirmation-keep = Hãy giữ mã tham chiếu này ở nơi an toàn, nơi không ai khác nhìn thấy, và cho chúng tôi biết mỗi khi liên lạc. Chúng tôi không thể hiển thị lại mã này.
form-confirmation-next = Điều gì sẽ xảy ra tiếp theo
form-confirmation-another = Gửi một báo cáo khác

## The privacy notice
privacy-title = Cách chúng tôi sử dụng thông tin của bạn
privacy-version = Thông báo về quyền riêng tư phiên bản { $version }
privacy-what = Chúng tôi lưu những gì bạn cho biết trong báo cáo. Tên và thông tin liên lạc của bạn được lưu riêng với nội dung sự việc, và chỉ nhóm đường dây hỗ trợ có thể xem.
privacy-why = Chúng tôi dùng báo cáo của bạn để hỗ trợ bạn, để chuyển đến nơi bạn yêu cầu, và để thống kê, không kèm tên, mức độ phân biệt chủng tộc và thù ghét mà người gốc Đông Á và Đông Nam Á gặp phải ở Vương quốc Anh.
privacy-share = Chúng tôi chỉ chia sẻ thông tin của bạn khi bạn đồng ý: với cảnh sát nếu bạn chọn, và với người hỗ trợ của một tổ chức đối tác nếu bạn đồng ý khi chúng tôi gọi. Bạn có thể rút lại sự đồng ý bất cứ lúc nào bằng cách gọi đường dây hỗ trợ.
privacy-keep = Chúng tôi xóa thông tin liên lạc của bạn 180 ngày sau việc cuối cùng chúng tôi làm trên hồ sơ, và phần thông tin cá nhân còn lại sau 365 ngày. Số liệu thống kê không kèm tên được giữ lại.
privacy-rights = Bạn có thể yêu cầu xem những gì chúng tôi lưu về bạn, hoặc yêu cầu xóa, bằng cách gọi đường dây hỗ trợ với mã tham chiếu của bạn.
