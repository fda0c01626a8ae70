//! Pages as servers send them: legacy encodings, declared or not, and
//! declarations that lie.

use encoding_rs::{Encoding, GBK, ISO_8859_2, KOI8_R, SHIFT_JIS, WINDOWS_1252};

/// A real-shaped page around `body`, with an optional `<meta charset>`.
fn page(meta: Option<&str>, title: &str, body: &[&str]) -> String {
    let meta = meta.map_or(String::new(), |m| format!("<meta charset=\"{m}\">"));
    let paragraphs: String = body.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        "<!doctype html><html><head>{meta}<title>{title}</title></head><body>\
         <nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>\
         <article><h1>{title}</h1>\n{paragraphs}</article>\
         <footer>(c) 2024</footer></body></html>"
    )
}

fn encode(text: &str, encoding: &'static Encoding) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding.encode(text);
    assert!(!unmappable, "test text fits {}", encoding.name());
    bytes.into_owned()
}

const FRENCH: [&str; 3] = [
    "Le café de la gare a rouvert ses portes après trois mois de travaux, à la grande joie des habitués.",
    "La propriétaire, Hélène, a gardé le comptoir en chêne et les banquettes d'origine, rénovées à l'identique.",
    "Les crêpes du dimanche reviennent dès la semaine prochaine, avec une carte élargie aux galettes de sarrasin.",
];

const JAPANESE: [&str; 3] = [
    "東京の下町にある小さな喫茶店が、三か月の改装工事を終えて営業を再開しました。",
    "店主の田中さんは、創業当時のカウンターと椅子をそのまま残し、照明だけを新しくしたと話しています。",
    "日曜日限定のホットケーキも来週から復活する予定で、常連客からは喜びの声が上がっています。",
];

const CHINESE: [&str; 3] = [
    "位于老城区的一家小茶馆在经过三个月的装修后重新开业，吸引了许多老顾客前来品茶。",
    "店主王先生表示，他保留了原来的木质柜台和桌椅，只更换了照明和厨房设备。",
    "每周日的点心套餐也将从下周开始恢复供应，并增加几款新的季节性茶饮。",
];

const RUSSIAN: [&str; 3] = [
    "Небольшое кафе у вокзала снова открылось после трёх месяцев ремонта, к радости постоянных посетителей.",
    "Хозяйка кафе Елена сохранила старую дубовую стойку и диваны, которые отреставрировали по старым чертежам.",
    "Воскресные блины вернутся в меню уже на следующей неделе, вместе с новыми пирогами и домашним квасом.",
];

fn assert_decoded(bytes: &[u8], content_type: Option<&str>, body: &[&str]) {
    let text = deboiler::clean_bytes(bytes, content_type);
    for paragraph in body {
        assert!(text.contains(paragraph), "lost {paragraph:?} in {text:?}");
    }
    assert!(
        !text.contains('\u{fffd}'),
        "replacement characters in {text:?}"
    );
}

#[test]
fn windows_1252_by_meta_charset() {
    let bytes = encode(&page(Some("windows-1252"), "Café", &FRENCH), WINDOWS_1252);
    assert_decoded(&bytes, None, &FRENCH);
}

#[test]
fn iso_8859_1_by_content_type_only() {
    let bytes = encode(&page(None, "Café", &FRENCH), WINDOWS_1252);
    assert_decoded(&bytes, Some("text/html; charset=ISO-8859-1"), &FRENCH);
}

#[test]
fn legacy_single_byte_without_any_declaration_is_guessed() {
    let bytes = encode(&page(None, "Café", &FRENCH), WINDOWS_1252);
    assert_decoded(&bytes, None, &FRENCH);
    let czech =
        ["Příliš žluťoučký kůň úpěl ďábelské ódy, řekl starý muž a odešel do kavárny na náměstí."];
    let bytes = encode(&page(Some("iso-8859-2"), "Kůň", &czech), ISO_8859_2);
    assert_decoded(&bytes, None, &czech);
}

/// A page in `encoding`, declared by `label` in its `<meta>` and not
/// declared at all, decodes to its text both ways.
fn assert_declared_and_undeclared(
    label: &str,
    encoding: &'static Encoding,
    title: &str,
    body: &[&str],
) {
    let declared = encode(&page(Some(label), title, body), encoding);
    assert_decoded(&declared, None, body);
    let undeclared = encode(&page(None, title, body), encoding);
    assert_decoded(&undeclared, None, body);
}

#[test]
fn shift_jis_declared_and_undeclared() {
    assert_declared_and_undeclared("Shift_JIS", SHIFT_JIS, "喫茶店", &JAPANESE);
}

#[test]
fn gbk_declared_and_undeclared() {
    assert_declared_and_undeclared("gbk", GBK, "茶馆", &CHINESE);
}

#[test]
fn koi8_r_declared_and_undeclared() {
    assert_declared_and_undeclared("koi8-r", KOI8_R, "Кафе", &RUSSIAN);
}

#[test]
fn utf_16_with_byte_order_mark() {
    let html = page(None, "Кафе", &RUSSIAN);
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for unit in html.encode_utf16() {
        le.extend_from_slice(&unit.to_le_bytes());
        be.extend_from_slice(&unit.to_be_bytes());
    }
    assert_decoded(&le, None, &RUSSIAN);
    assert_decoded(&be, Some("text/html; charset=iso-8859-1"), &RUSSIAN);
}

#[test]
fn a_meta_charset_that_lies_is_overruled_by_the_bytes() {
    // Declared UTF-8, sent as windows-1252.
    let bytes = encode(&page(Some("utf-8"), "Café", &FRENCH), WINDOWS_1252);
    assert_decoded(&bytes, None, &FRENCH);
    // Declared windows-1252, sent as UTF-8.
    let html = page(Some("windows-1252"), "Кафе", &RUSSIAN);
    assert_decoded(html.as_bytes(), None, &RUSSIAN);
}

/// `text` as a crawler that read its UTF-8 as Windows-1252 saved it.
fn double_encoded(text: &str) -> String {
    WINDOWS_1252
        .decode_without_bom_handling(text.as_bytes())
        .0
        .into_owned()
}

#[test]
fn double_encoded_utf8_is_repaired_with_a_warning() {
    let french = FRENCH.map(double_encoded);
    assert!(french[0].contains("cafÃ©"), "the test page is mojibake");
    let html = page(
        Some("utf-8"),
        "Le cafÃ©",
        &french.each_ref().map(String::as_str),
    );
    let cleaned = deboiler::Cleaner::default()
        .clean(deboiler::Input::bytes(html.as_bytes()))
        .expect("cleans");
    for paragraph in FRENCH {
        assert!(cleaned.text().contains(paragraph), "{}", cleaned.text());
    }
    assert!(
        cleaned
            .warnings()
            .iter()
            .any(|w| w.contains("double-encoded")),
        "{:?}",
        cleaned.warnings()
    );
    // Text mode repairs the same way; a page in real Latin-1 needs no repair.
    let text = deboiler::Cleaner::default()
        .clean(deboiler::Input::text(&french.join("\n\n")))
        .expect("cleans");
    assert!(text.text().contains(FRENCH[1]), "{}", text.text());
    let clean_page = deboiler::Cleaner::default()
        .clean(deboiler::Input::bytes(
            page(None, "Le café", &FRENCH).as_bytes(),
        ))
        .expect("cleans");
    assert!(
        clean_page.warnings().is_empty(),
        "{:?}",
        clean_page.warnings()
    );
}
