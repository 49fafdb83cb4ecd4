# Bahasa Indonesia (Indonesian). Written by the engineers: to be reviewed by a native speaker.

## Field errors
error-required = Wajib diisi.
error-invalid_type = Jenis isian ini salah: seharusnya { $expected }.
error-invalid_choice = Ini bukan salah satu pilihan yang diizinkan: { $allowed }.
error-too_long = Terlalu panjang: paling banyak { $max } karakter.
error-too_short = Terlalu pendek: paling sedikit { $min } karakter.
error-too_many = Terlalu banyak pilihan: paling banyak { $max }.
error-invalid_characters = Berisi karakter yang tidak dapat kami terima (karakter kontrol).
error-invalid_date = Masukkan tanggal yang benar dalam bentuk YYYY-MM-DD, setelah tahun 1900.
error-invalid_time = Masukkan jam dalam bentuk HH:MM, misalnya 18:30.
error-in_future = Tidak boleh di masa depan.
error-invalid_postcode = Masukkan kode pos Inggris, seperti M1 1AE, atau bagian awalnya, seperti M1.
error-invalid_phone = Masukkan nomor telepon yang bisa kami hubungi, seperti 07700 900123.
error-invalid_email = Masukkan alamat email, seperti name@example.org.
error-invalid_language_tag = Masukkan kode bahasa, misalnya id untuk Bahasa Indonesia.
error-location_required = Beri tahu kami di mana kejadiannya: kode pos, kota, atau bahwa kejadiannya daring.
error-required_for_police_contact = Untuk meneruskan kontak Anda ke polisi, kami perlu nomor telepon atau alamat email.
error-required_for_advocate = Pendamping perlu nomor telepon untuk menelepon Anda. Selain itu Anda boleh tetap anonim.
error-required_for_preferred_method = Isi kontak untuk cara yang Anda pilih.
error-unknown_field = { $of ->
    [report] Isian ini bukan bagian dari formulir laporan.
   *[other] Isian ini bukan bagian dari peristiwa { $of }.
}
error-not_allowed = Hanya operator layanan bantuan yang dapat mengisi ini.
error-malformed_body = Laporan tidak dapat dibaca: { $detail }.
error-body_too_large = Laporan terlalu besar: paling banyak { $max } byte.
error-unsupported_media_type = Kirim laporan sebagai application/json atau application/x-www-form-urlencoded.
error-invalid_idempotency_key = Header Idempotency-Key harus 1 sampai 128 karakter ASCII yang terlihat.
error-idempotency_key_reused = Idempotency-Key ini sudah dipakai untuk laporan lain.
error-service_unavailable = Saat ini kami tidak dapat menyimpan laporan Anda, dan tidak ada yang tersimpan. Coba lagi dalam satu menit, atau hubungi layanan bantuan gratis kami di 0808 801 0393.
error-service_unavailable-staff = Saat ini hal ini tidak dapat dilakukan, dan tidak ada yang berubah. Coba lagi dalam satu menit.

error-case_closed = Kasus ini sudah ditutup: hanya catatan yang dapat ditambahkan.
error-unknown_partner = Tidak ada organisasi mitra dengan id ini.
error-partner_not_assigned = Konfirmasikan dulu mitra ini sebagai organisasi pendamping kasus.
error-share_consent_in_place = Persetujuan berbagi dengan mitra masih berlaku: catat dulu penarikannya.
error-no_police_consent = Pelapor tidak menyetujui rujukan ke polisi (atau sudah menariknya).
error-version_conflict = Orang lain mengubah kasus ini pada saat yang sama: muat ulang lalu coba lagi.
error-too_many_errors = Terlalu banyak masalah untuk ditampilkan: { $omitted } lagi tidak ditampilkan. Perbaiki yang di atas lalu kirim lagi.
error-unauthenticated = Masuk dulu: ini memerlukan kredensial staf.
error-forbidden = Peran Anda tidak mengizinkan ini.
error-not_found = Tidak ada apa-apa di sini, atau Anda tidak boleh melihatnya.
error-rate_limited = Terlalu banyak permintaan dari koneksi Anda. Tunggu { $retry_after } detik lalu coba lagi.
error-case_erased = Data pribadi kasus ini sudah dihapus: teks tidak dapat ditambahkan lagi.
error-no_advocate_requested = Pelapor tidak meminta pendamping.
error-not_shared = Pelapor belum menyetujui berbagi data dengan mitra, atau sudah menariknya.
error-nothing_to_release = Tidak ada rujukan polisi yang menunggu pada kasus ini.
error-invalid_date_time = Masukkan tanggal sebagai YYYY-MM-DD, atau tanggal dan jam seperti 2026-12-01T09:00:00Z.

## The answer to an accepted report
next-steps-received = Terima kasih telah memberi tahu kami apa yang terjadi. Nomor referensi Anda adalah { $reference }. Simpan nomor ini dan sebutkan setiap kali menghubungi kami.
next-steps-police-anonymous = Kami akan meneruskan laporan Anda ke polisi tanpa nama atau kontak Anda. Polisi akan mencatatnya, tetapi kemungkinan tidak akan menyelidikinya.
next-steps-police-with-contact = Kami akan meneruskan laporan dan kontak Anda ke polisi. Polisi mungkin menghubungi Anda dan menyelidikinya.
next-steps-advocate = Dalam 3 hari kerja, operator layanan bantuan akan menelepon Anda untuk memberi tahu pendamping mana yang dapat membantu, dan menanyakan apakah Anda setuju data Anda dibagikan kepada mereka.
next-steps-contact-given = Operator layanan bantuan mungkin menghubungi Anda melalui kontak yang Anda berikan untuk menawarkan dukungan.
next-steps-no-contact = Anda tidak meninggalkan kontak, jadi kami tidak akan menghubungi Anda.
next-steps-helpline = Anda dapat berbicara dengan kami di layanan bantuan gratis, 0808 801 0393, Senin sampai Jumat, pukul 09.00 sampai 17.00.

## The report form
form-service-name = On Your Side
form-title = Laporkan rasisme atau kebencian
form-intro = Jika Anda keturunan Asia Timur atau Asia Tenggara dan pernah mengalami rasisme atau bentuk kebencian apa pun di Inggris, ceritakan kepada kami apa yang terjadi. Hanya sekitar 5 menit. Anda boleh tetap anonim.
form-emergency = Jika Anda dalam bahaya sekarang, hubungi 999.
form-exit = Tinggalkan halaman ini
form-exit-hint = Langsung meninggalkan situs ini ke halaman cuaca. Di komputer, Anda juga dapat menekan Shift tiga kali.
form-language = Bahasa
form-language-choose = Ganti bahasa
form-required-hint = Pertanyaan bertanda “tidak wajib” boleh dilewati.
form-optional = (tidak wajib)
form-yes = Ya
form-no = Tidak
form-not-said = Memilih tidak menjawab
form-submit = Kirim laporan saya
form-error-summary = Ada yang perlu diperbaiki
form-error-summary-hint = Belum ada yang terkirim. Perbaiki bagian ini lalu kirim lagi; semua yang Anda ketik tetap ada.
form-privacy-link = Cara kami menggunakan informasi Anda (pemberitahuan privasi)
form-helpline = Layanan bantuan gratis: 0808 801 0393, Senin sampai Jumat, 09.00 sampai 17.00. Obrolan web: Senin sampai Jumat, 10.00 sampai 16.00.

form-section-incident = Apa yang terjadi
form-incident-occurred_on = Kapan kejadiannya?
form-incident-occurred_on-hint = Tanggalnya, misalnya 2026-11-20.
form-incident-occurred_at = Pukul berapa?
form-incident-occurred_at-hint = Misalnya 18:30. Lewati jika tidak yakin.
form-incident-types = Apa yang terjadi? Pilih semua yang sesuai.
form-incident-description = Ceritakan apa yang terjadi dengan kata-kata Anda sendiri.
form-incident-description-hint = Termasuk apa yang dikatakan atau dilakukan. Lewati apa pun yang tidak ingin Anda bagikan.
form-incident-motivations = Menurut Anda mengapa ini terjadi? Pilih semua yang sesuai.
form-incident-injured = Apakah Anda atau orang lain terluka?
form-incident-ongoing = Apakah masih terjadi?
form-incident-reported_to_police_already = Apakah Anda sudah melapor ke polisi?
form-incident-police_reference = Nomor referensi polisi

form-section-location = Tempat kejadian
form-section-location-hint = Berikan paling sedikit satu: kode pos, kota, atau bahwa kejadiannya daring.
form-incident-location-postcode = Kode pos
form-incident-location-postcode-hint = Kode pos lengkap, atau bagian awalnya saja seperti M1.
form-incident-location-town = Kota
form-incident-location-online = Kejadiannya daring
form-incident-location-place_type = Tempat seperti apa?

form-section-perpetrators = Siapa pelakunya
form-perpetrators-count = Berapa orang pelakunya?
form-perpetrators-relationship = Apakah Anda mengenal mereka?
form-perpetrators-description = Apa pun yang menggambarkan mereka

form-section-reporter = Tentang Anda
form-reporter-role = Siapa yang melapor?
form-reporter-heritage = Asal-usul Anda (pilih semua yang sesuai)
form-reporter-age_band = Usia Anda
form-reporter-gender = Gender Anda

form-section-consent = Apa yang Anda ingin kami lakukan
form-consent-police = Haruskah kami memberi tahu polisi?
form-consent-police-hint = Kami dapat meneruskan laporan ke polisi tanpa nama Anda. Atau, dengan persetujuan Anda, beserta kontak Anda agar polisi dapat menghubungi dan menyelidiki. Atau tidak sama sekali.
form-consent-advocate_support = Apakah Anda ingin didampingi seorang pendamping kasus?
form-consent-advocate_support-hint = Pendamping dari organisasi mitra dapat menelepon Anda, mendengarkan, dan membantu urusan polisi, pekerjaan, tempat tinggal atau kesehatan mental. Kami memerlukan nomor telepon.
form-consent-support_needs = Dukungan apa yang akan membantu? Pilih semua yang sesuai.

form-section-contact = Cara kami menghubungi Anda
form-section-contact-hint = Isi hanya jika Anda ingin dihubungi oleh kami atau polisi. Kosongkan untuk tetap anonim.
form-contact-name = Nama Anda
form-contact-phone = Nomor telepon
form-contact-phone-hint = Nomor Inggris, misalnya 07700 900123.
form-contact-email = Alamat email
form-contact-preferred_method = Bagaimana sebaiknya kami menghubungi Anda?
form-contact-safe_to_leave_voicemail = Apakah aman meninggalkan pesan suara?
form-contact-safe_times = Kapan aman untuk menghubungi Anda?
form-contact-preferred_language = Bahasa yang ingin Anda gunakan
form-contact-preferred_language-hint = Kode bahasa, misalnya id (Bahasa Indonesia).
form-contact-interpreter_needed = Apakah Anda memerlukan penerjemah lisan?

form-privacy-agree = Dengan mengirim laporan ini, Anda setuju kami menyimpannya sebagaimana dijelaskan dalam pemberitahuan privasi kami.

## Words for each choice
choice-role-victim = Ini terjadi pada saya
choice-role-witness = Saya melihat kejadiannya
choice-role-on_behalf = Saya melapor untuk orang lain
choice-heritage-china = Tiongkok daratan
choice-heritage-hong_kong = Hong Kong
choice-heritage-macao = Makau
choice-heritage-mongolia = Mongolia
choice-heritage-japan = Jepang
choice-heritage-north_korea = Korea Utara
choice-heritage-south_korea = Korea Selatan
choice-heritage-taiwan = Taiwan
choice-heritage-brunei = Brunei
choice-heritage-cambodia = Kamboja
choice-heritage-indonesia = Indonesia
choice-heritage-laos = Laos
choice-heritage-malaysia = Malaysia
choice-heritage-myanmar = Myanmar
choice-heritage-philippines = Filipina
choice-heritage-singapore = Singapura
choice-heritage-thailand = Thailand
choice-heritage-timor_leste = Timor Leste
choice-heritage-vietnam = Vietnam
choice-heritage-mixed = Campuran
choice-heritage-other = Lainnya
choice-heritage-prefer_not_to_say = Memilih tidak menjawab
choice-age_band-under-18 = Di bawah 18
choice-age_band-18-24 = 18 sampai 24
choice-age_band-25-34 = 25 sampai 34
choice-age_band-35-44 = 35 sampai 44
choice-age_band-45-54 = 45 sampai 54
choice-age_band-55-64 = 55 sampai 64
choice-age_band-65-74 = 65 sampai 74
choice-age_band-75plus = 75 ke atas
choice-age_band-prefer_not_to_say = Memilih tidak menjawab
choice-gender-woman = Perempuan
choice-gender-man = Laki-laki
choice-gender-non_binary = Non-biner
choice-gender-other = Lainnya
choice-gender-prefer_not_to_say = Memilih tidak menjawab
choice-preferred_method-phone = Telepon
choice-preferred_method-text_message = SMS
choice-preferred_method-email = Email
choice-types-verbal_abuse = Makian atau hinaan
choice-types-physical_assault = Serangan fisik
choice-types-threats = Ancaman
choice-types-harassment = Pelecehan atau dibuntuti
choice-types-damage_to_property = Perusakan barang
choice-types-online_abuse = Perundungan daring
choice-types-spitting_or_coughing = Diludahi atau dibatuki
choice-types-discrimination_at_work = Diskriminasi di tempat kerja
choice-types-refused_service = Ditolak dilayani
choice-types-hate_material = Coretan, surat atau selebaran kebencian
choice-types-other = Hal lain
choice-motivations-race = Ras atau etnis
choice-motivations-religion = Agama atau kepercayaan
choice-motivations-sexual_orientation = Orientasi seksual
choice-motivations-disability = Disabilitas
choice-motivations-transgender_identity = Identitas transgender
choice-motivations-sex_or_gender = Jenis kelamin atau gender
choice-motivations-other = Hal lain
choice-place_type-street = Jalan atau tempat umum
choice-place_type-public_transport = Transportasi umum
choice-place_type-shop_or_business = Toko atau tempat usaha
choice-place_type-workplace = Tempat kerja
choice-place_type-school_or_university = Sekolah, kolese atau universitas
choice-place_type-home_or_neighbourhood = Rumah atau lingkungan sekitar
choice-place_type-healthcare = Rumah sakit atau layanan kesehatan
choice-place_type-online = Daring
choice-place_type-other = Tempat lain
choice-count-one = Satu orang
choice-count-two_to_five = 2 sampai 5 orang
choice-count-more_than_five = Lebih dari 5 orang
choice-count-unknown = Saya tidak tahu
choice-relationship-stranger = Orang asing
choice-relationship-neighbour = Tetangga
choice-relationship-colleague = Rekan kerja
choice-relationship-partner_or_family = Pasangan atau anggota keluarga
choice-relationship-other_known = Orang lain yang saya kenal
choice-relationship-unknown = Saya tidak tahu
choice-police-no = Tidak, jangan beri tahu polisi
choice-police-anonymous = Ya, tanpa nama atau kontak saya
choice-police-with_contact_details = Ya, beserta kontak saya, agar polisi dapat menghubungi saya
choice-support_needs-emotional_wellbeing = Dukungan emosional
choice-support_needs-police_follow_up = Bantuan berurusan dengan polisi
choice-support_needs-workplace_discrimination = Bantuan soal diskriminasi di tempat kerja
choice-support_needs-legal_help = Bantuan hukum
choice-support_needs-domestic_abuse = Kekerasan dalam rumah tangga
choice-support_needs-other = Hal lain

## After a report is sent
form-confirmation-title = Laporan Anda sudah terkirim
form-confirmation-reference = Nomor referensi Anda
form-confirmation-keep = Simpan nomor referensi ini di tempat aman yang tidak dilihat orang lain, dan sebutkan setiap kali menghubungi kami. Kami tidak dapat menampilkannya lagi.
form-confirmation-next = Apa yang terjadi selanjutnya
form-confirmation-another = Kirim laporan lain

## The privacy notice
privacy-title = Cara kami menggunakan informasi Anda
privacy-version = Pemberitahuan privasi versi { $version }
privacy-what = Kami menyimpan apa yang Anda sampaikan dalam laporan. Nama dan kontak Anda disimpan terpisah dari kejadiannya, dan hanya tim layanan bantuan yang dapat melihatnya.
privacy-why = Kami menggunakan laporan Anda untuk mendukung Anda, meneruskannya ke tempat yang Anda minta, dan menghitung, tanpa nama, seberapa banyak rasisme dan kebencian yang dialami orang Asia Timur dan Asia Tenggara di Inggris.
privacy-share = Kami hanya membagikan data Anda dengan persetujuan Anda: kepada polisi jika Anda memilihnya, dan kepada pendamping dari organisasi mitra jika Anda setuju saat kami menelepon. Anda dapat menarik persetujuan kapan saja dengan menelepon layanan bantuan.
privacy-keep = Kami menghapus kontak Anda 180 hari setelah tindakan terakhir kami pada kasus Anda, dan informasi pribadi lainnya setelah 365 hari. Angka tanpa nama tetap disimpan.
privacy-rights = Anda dapat meminta melihat apa yang kami simpan tentang Anda, atau meminta kami menghapusnya, dengan menelepon layanan bantuan dan menyebutkan nomor referensi Anda.
