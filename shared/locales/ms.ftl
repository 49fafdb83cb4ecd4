# Bahasa Melayu (Malay). Written by the engineers: to be reviewed by a native speaker.

## Field errors
error-required = Ruangan ini wajib diisi.
error-invalid_type = Jenis nilai ruangan ini salah: sepatutnya { $expected }.
error-invalid_choice = Ini bukan salah satu pilihan yang dibenarkan: { $allowed }.
error-too_long = Terlalu panjang: maksimum { $max } aksara.
error-too_short = Terlalu pendek: minimum { $min } aksara.
error-too_many = Terlalu banyak pilihan: maksimum { $max }.
error-invalid_characters = Mengandungi aksara yang tidak dapat kami terima (aksara kawalan).
error-invalid_date = Masukkan tarikh sebenar dalam bentuk YYYY-MM-DD, selepas tahun 1900.
error-invalid_time = Masukkan masa dalam bentuk HH:MM, contohnya 18:30.
error-in_future = Tidak boleh pada masa hadapan.
error-invalid_postcode = Masukkan poskod UK, seperti M1 1AE, atau bahagian pertamanya, seperti M1.
error-invalid_phone = Masukkan nombor telefon yang boleh kami hubungi, seperti 07700 900123.
error-invalid_email = Masukkan alamat e-mel, seperti name@example.org.
error-invalid_language_tag = Masukkan kod bahasa, contohnya ms untuk Bahasa Melayu.
error-location_required = Beritahu kami di mana ia berlaku: poskod, bandar, atau bahawa ia berlaku dalam talian.
error-required_for_police_contact = Untuk menyerahkan butiran hubungan anda kepada polis, kami memerlukan nombor telefon atau alamat e-mel.
error-required_for_advocate = Pembela kes memerlukan nombor telefon untuk menghubungi anda. Selain itu anda boleh kekal tanpa nama.
error-required_for_preferred_method = Berikan butiran hubungan bagi cara yang anda pilih.
error-unknown_field = { $of ->
    [report] Ruangan ini bukan sebahagian daripada borang laporan.
   *[other] Ruangan ini bukan sebahagian daripada peristiwa { $of }.
}
error-not_allowed = Hanya operator talian bantuan boleh menetapkan ini.
error-malformed_body = Laporan tidak dapat dibaca: { $detail }.
error-body_too_large = Laporan terlalu besar: maksimum { $max } bait.
error-unsupported_media_type = Hantar laporan sebagai application/json atau application/x-www-form-urlencoded.
error-invalid_idempotency_key = Pengepala Idempotency-Key mestilah 1 hingga 128 aksara ASCII yang boleh dilihat.
error-idempotency_key_reused = Idempotency-Key ini telah digunakan untuk laporan lain.
error-service_unavailable = Kami tidak dapat menyimpan laporan anda sekarang, dan tiada apa-apa disimpan. Sila cuba lagi dalam seminit, atau hubungi talian bantuan percuma kami di 0808 801 0393.
error-service_unavailable-staff = Perkara ini tidak dapat dilakukan sekarang, dan tiada apa-apa diubah. Sila cuba lagi dalam seminit.

error-case_closed = Kes ini telah ditutup: hanya nota boleh ditambah.
error-unknown_partner = Tiada organisasi rakan kongsi dengan id ini.
error-partner_not_assigned = Sahkan dahulu rakan kongsi ini sebagai organisasi pembela kes.
error-share_consent_in_place = Persetujuan berkongsi dengan rakan kongsi masih berkuat kuasa: rekodkan penarikannya dahulu.
error-no_police_consent = Pelapor tidak bersetuju dengan rujukan polis (atau telah menariknya balik).
error-version_conflict = Orang lain mengubah kes ini pada masa yang sama: muat semula dan cuba lagi.
error-too_many_errors = Terlalu banyak masalah untuk disenaraikan: { $omitted } lagi tidak ditunjukkan. Betulkan yang di atas dan hantar semula.
error-unauthenticated = Log masuk dahulu: ini memerlukan kelayakan kakitangan.
error-forbidden = Peranan anda tidak membenarkan ini.
error-not_found = Tiada apa-apa di sini, atau anda tidak dibenarkan melihatnya.
error-rate_limited = Terlalu banyak permintaan daripada sambungan anda. Sila tunggu { $retry_after } saat dan cuba lagi.
error-case_erased = Data peribadi kes ini telah dipadam: teks tidak boleh ditambah lagi.
error-no_advocate_requested = Pelapor tidak meminta pembela kes.
error-not_shared = Pelapor belum bersetuju berkongsi butiran dengan rakan kongsi, atau telah menariknya balik.
error-nothing_to_release = Tiada rujukan polis yang menunggu untuk kes ini.
error-invalid_date_time = Masukkan tarikh sebagai YYYY-MM-DD, atau tarikh dan masa seperti 2026-12-01T09:00:00Z.

## The answer to an accepted report
next-steps-received = Terima kasih kerana memberitahu kami apa yang berlaku. Nombor rujukan anda ialah { $reference }. Simpan nombor ini dan sebutkannya setiap kali menghubungi kami.
next-steps-police-anonymous = Kami akan menyerahkan laporan anda kepada polis tanpa nama atau butiran hubungan anda. Polis akan merekodkannya, tetapi berkemungkinan tidak akan menyiasat.
next-steps-police-with-contact = Kami akan menyerahkan laporan dan butiran hubungan anda kepada polis. Polis mungkin menghubungi anda dan menyiasat.
next-steps-advocate = Dalam tempoh 3 hari bekerja, operator talian bantuan akan menelefon anda untuk memberitahu pembela kes yang boleh membantu anda, dan bertanya sama ada anda bersetuju butiran anda dikongsi dengan mereka.
next-steps-contact-given = Operator talian bantuan mungkin menghubungi anda melalui butiran yang anda berikan untuk menawarkan sokongan.
next-steps-no-contact = Anda tidak meninggalkan butiran hubungan, jadi kami tidak akan menghubungi anda.
next-steps-helpline = Anda boleh bercakap dengan kami di talian bantuan percuma, 0808 801 0393, Isnin hingga Jumaat, 9 pagi hingga 5 petang.

## The report form
form-service-name = On Your Side
form-title = Laporkan perkauman atau kebencian
form-intro = Jika anda berketurunan Asia Timur atau Asia Tenggara dan pernah mengalami perkauman atau apa-apa bentuk kebencian di UK, beritahu kami apa yang berlaku. Ia mengambil masa kira-kira 5 minit. Anda boleh kekal tanpa nama.
form-emergency = Jika anda dalam bahaya sekarang, hubungi 999.
form-exit = Keluar dari halaman ini
form-exit-hint = Meninggalkan laman ini serta-merta ke halaman cuaca. Di komputer, anda juga boleh menekan Shift tiga kali.
form-language = Bahasa
form-language-choose = Tukar bahasa
form-required-hint = Soalan bertanda “pilihan” boleh dibiarkan kosong.
form-optional = (pilihan)
form-yes = Ya
form-no = Tidak
form-not-said = Tidak mahu menyatakan
form-submit = Hantar laporan saya
form-error-summary = Ada yang perlu dibetulkan
form-error-summary-hint = Belum ada apa-apa dihantar. Betulkan perkara ini dan hantar semula; semua yang anda taip masih ada.
form-privacy-link = Cara kami menggunakan maklumat anda (notis privasi)
form-helpline = Talian bantuan percuma: 0808 801 0393, Isnin hingga Jumaat, 9 pagi hingga 5 petang. Sembang web: Isnin hingga Jumaat, 10 pagi hingga 4 petang.

form-section-incident = Apa yang berlaku
form-incident-occurred_on = Bilakah ia berlaku?
form-incident-occurred_on-hint = Tarikhnya, contohnya 2026-11-20.
form-incident-occurred_at = Pada pukul berapa?
form-incident-occurred_at-hint = Contohnya 18:30. Biarkan kosong jika tidak pasti.
form-incident-types = Apa yang berlaku? Pilih semua yang berkenaan.
form-incident-description = Ceritakan apa yang berlaku dengan kata-kata anda sendiri.
form-incident-description-hint = Termasuk apa yang dikatakan atau dilakukan. Tinggalkan apa-apa yang anda tidak mahu kongsikan.
form-incident-motivations = Pada pendapat anda, mengapa ia berlaku? Pilih semua yang berkenaan.
form-incident-injured = Adakah anda atau orang lain cedera?
form-incident-ongoing = Adakah ia masih berlaku?
form-incident-reported_to_police_already = Sudahkah anda melaporkannya kepada polis?
form-incident-police_reference = Nombor rujukan polis

form-section-location = Tempat kejadian
form-section-location-hint = Berikan sekurang-kurangnya satu: poskod, bandar, atau bahawa ia berlaku dalam talian.
form-incident-location-postcode = Poskod
form-incident-location-postcode-hint = Poskod penuh, atau bahagian pertamanya sahaja seperti M1.
form-incident-location-town = Bandar atau pekan
form-incident-location-online = Ia berlaku dalam talian
form-incident-location-place_type = Tempat jenis apa?

form-section-perpetrators = Siapa yang melakukannya
form-perpetrators-count = Berapa orang yang melakukannya?
form-perpetrators-relationship = Adakah anda mengenali mereka?
form-perpetrators-description = Apa-apa yang menggambarkan mereka

form-section-reporter = Tentang anda
form-reporter-role = Siapa yang membuat laporan?
form-reporter-heritage = Asal usul anda (pilih semua yang berkenaan)
form-reporter-age_band = Umur anda
form-reporter-gender = Jantina anda

form-section-consent = Apa yang anda mahu kami lakukan
form-consent-police = Patutkah kami memberitahu polis?
form-consent-police-hint = Kami boleh menyerahkan laporan kepada polis tanpa nama anda. Atau, dengan persetujuan anda, bersama butiran hubungan anda supaya polis boleh menghubungi dan menyiasat. Atau tidak langsung.
form-consent-advocate_support = Adakah anda mahu pembela kes menyokong anda?
form-consent-advocate_support-hint = Pembela kes daripada organisasi rakan kongsi boleh menelefon anda, mendengar, dan membantu berkaitan polis, kerja, perumahan atau kesejahteraan anda. Kami memerlukan nombor telefon.
form-consent-support_needs = Sokongan apakah yang akan membantu? Pilih semua yang berkenaan.

form-section-contact = Cara kami boleh menghubungi anda
form-section-contact-hint = Isi hanya jika anda mahu kami atau polis menghubungi anda. Biarkan kosong untuk kekal tanpa nama.
form-contact-name = Nama anda
form-contact-phone = Nombor telefon
form-contact-phone-hint = Nombor UK, contohnya 07700 900123.
form-contact-email = Alamat e-mel
form-contact-preferred_method = Bagaimanakah kami patut menghubungi anda?
form-contact-safe_to_leave_voicemail = Adakah selamat meninggalkan mel suara?
form-contact-safe_times = Bilakah selamat untuk menghubungi anda?
form-contact-preferred_language = Bahasa yang anda mahu gunakan
form-contact-preferred_language-hint = Kod bahasa, contohnya ms (Bahasa Melayu).
form-contact-interpreter_needed = Adakah anda memerlukan jurubahasa?

form-privacy-agree = Dengan menghantar laporan ini, anda bersetuju kami menyimpannya seperti yang diterangkan dalam notis privasi kami.

## Words for each choice
choice-role-victim = Ia berlaku kepada saya
choice-role-witness = Saya melihatnya berlaku
choice-role-on_behalf = Saya melaporkan bagi pihak orang lain
choice-heritage-china = Tanah Besar China
choice-heritage-hong_kong = Hong Kong
choice-heritage-macao = Macau
choice-heritage-mongolia = Mongolia
choice-heritage-japan = Jepun
choice-heritage-north_korea = Korea Utara
choice-heritage-south_korea = Korea Selatan
choice-heritage-taiwan = Taiwan
choice-heritage-brunei = Brunei
choice-heritage-cambodia = Kemboja
choice-heritage-indonesia = Indonesia
choice-heritage-laos = Laos
choice-heritage-malaysia = Malaysia
choice-heritage-myanmar = Myanmar
choice-heritage-philippines = Filipina
choice-heritage-singapore = Singapura
choice-heritage-thailand = Thailand
choice-heritage-timor_leste = Timor-Leste
choice-heritage-vietnam = Vietnam
choice-heritage-mixed = Campuran
choice-heritage-other = Lain-lain
choice-heritage-prefer_not_to_say = Tidak mahu menyatakan
choice-age_band-under-18 = Bawah 18
choice-age_band-18-24 = 18 hingga 24
choice-age_band-25-34 = 25 hingga 34
choice-age_band-35-44 = 35 hingga 44
choice-age_band-45-54 = 45 hingga 54
choice-age_band-55-64 = 55 hingga 64
choice-age_band-65-74 = 65 hingga 74
choice-age_band-75plus = 75 ke atas
choice-age_band-prefer_not_to_say = Tidak mahu menyatakan
choice-gender-woman = Wanita
choice-gender-man = Lelaki
choice-gender-non_binary = Bukan binari
choice-gender-other = Lain-lain
choice-gender-prefer_not_to_say = Tidak mahu menyatakan
choice-preferred_method-phone = Panggilan telefon
choice-preferred_method-text_message = Mesej teks
choice-preferred_method-email = E-mel
choice-types-verbal_abuse = Cacian atau hinaan
choice-types-physical_assault = Serangan fizikal
choice-types-threats = Ugutan
choice-types-harassment = Gangguan atau diekori
choice-types-damage_to_property = Kerosakan harta benda
choice-types-online_abuse = Penderaan dalam talian
choice-types-spitting_or_coughing = Diludah atau dibatukkan
choice-types-discrimination_at_work = Diskriminasi di tempat kerja
choice-types-refused_service = Ditolak perkhidmatan
choice-types-hate_material = Conteng, surat atau risalah kebencian
choice-types-other = Perkara lain
choice-motivations-race = Kaum atau etnik
choice-motivations-religion = Agama atau kepercayaan
choice-motivations-sexual_orientation = Orientasi seksual
choice-motivations-disability = Kecacatan
choice-motivations-transgender_identity = Identiti transgender
choice-motivations-sex_or_gender = Jantina
choice-motivations-other = Perkara lain
choice-place_type-street = Jalan atau tempat awam
choice-place_type-public_transport = Pengangkutan awam
choice-place_type-shop_or_business = Kedai atau premis perniagaan
choice-place_type-workplace = Tempat kerja
choice-place_type-school_or_university = Sekolah, kolej atau universiti
choice-place_type-home_or_neighbourhood = Rumah atau kawasan kejiranan
choice-place_type-healthcare = Hospital atau klinik
choice-place_type-online = Dalam talian
choice-place_type-other = Tempat lain
choice-count-one = Seorang
choice-count-two_to_five = 2 hingga 5 orang
choice-count-more_than_five = Lebih daripada 5 orang
choice-count-unknown = Saya tidak tahu
choice-relationship-stranger = Orang yang tidak dikenali
choice-relationship-neighbour = Jiran
choice-relationship-colleague = Rakan sekerja
choice-relationship-partner_or_family = Pasangan atau ahli keluarga
choice-relationship-other_known = Orang lain yang saya kenali
choice-relationship-unknown = Saya tidak tahu
choice-police-no = Tidak, jangan beritahu polis
choice-police-anonymous = Ya, tanpa nama atau butiran hubungan saya
choice-police-with_contact_details = Ya, bersama butiran hubungan saya, supaya polis boleh menghubungi saya
choice-support_needs-emotional_wellbeing = Sokongan emosi
choice-support_needs-police_follow_up = Bantuan berurusan dengan polis
choice-support_needs-workplace_discrimination = Bantuan berkaitan diskriminasi di tempat kerja
choice-support_needs-legal_help = Bantuan guaman
choice-support_needs-domestic_abuse = Keganasan rumah tangga
choice-support_needs-other = Perkara lain

## After a report is sent
form-confirmation-title = Laporan anda telah dihantar
form-confirmation-reference = Nombor rujukan anda
form-confirmation-keep = Simpan nombor rujukan ini di tempat selamat yang tidak dilihat orang lain, dan sebutkannya setiap kali menghubungi kami. Kami tidak dapat menunjukkannya lagi.
form-confirmation-next = Apa yang berlaku seterusnya
form-confirmation-another = Hantar laporan lain

## The privacy notice
privacy-title = Cara kami menggunakan maklumat anda
privacy-version = Notis privasi versi { $version }
privacy-what = Kami menyimpan apa yang anda beritahu dalam laporan. Nama dan butiran hubungan anda disimpan berasingan daripada apa yang berlaku, dan hanya pasukan talian bantuan boleh melihatnya.
privacy-why = Kami menggunakan laporan anda untuk menyokong anda, menyerahkannya ke tempat yang anda minta, dan mengira, tanpa nama, berapa banyak perkauman dan kebencian yang dihadapi orang Asia Timur dan Asia Tenggara di UK.
privacy-share = Kami berkongsi butiran anda hanya dengan persetujuan anda: dengan polis jika anda memilihnya, dan dengan pembela kes organisasi rakan kongsi jika anda bersetuju semasa kami menelefon. Anda boleh menarik balik persetujuan pada bila-bila masa dengan menelefon talian bantuan.
privacy-keep = Kami memadam butiran hubungan anda 180 hari selepas tindakan terakhir kami pada kes anda, dan maklumat peribadi selebihnya selepas 365 hari. Angka tanpa nama disimpan.
privacy-rights = Anda boleh meminta untuk melihat apa yang kami simpan tentang anda, atau meminta kami memadamnya, dengan menelefon talian bantuan dan menyebut nombor rujukan anda.
