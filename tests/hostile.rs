//! Odd and hostile input: every case cleans without a panic, and gives the
//! text that is there or nothing.

use deboiler::{CleanError, Cleaner, Input};

fn clean_html(html: &str) -> deboiler::Cleaned {
    Cleaner::default().clean(Input::html(html)).expect("cleans")
}

const PARAGRAPH: &str = "A paragraph of ordinary prose, long enough to be the content of the page.";

#[test]
fn empty_and_whitespace_give_nothing() {
    for input in ["", " ", "\n\n\t  \r\n", "\u{a0}\u{2003}"] {
        assert_eq!(deboiler::clean(input), "", "{input:?}");
        assert_eq!(deboiler::clean_bytes(input.as_bytes(), None), "");
    }
}

#[test]
fn nul_bytes_are_not_text() {
    let text = format!("{PARAGRAPH}\0{PARAGRAPH}");
    let _ = deboiler::clean(&text);
    assert_eq!(deboiler::clean_bytes(text.as_bytes(), None), "");
}

#[test]
fn invalid_utf8_through_clean_bytes_is_decoded_not_refused() {
    let mut bytes = b"<p>Caf\xe9 cr\xe8me, ".to_vec();
    bytes.extend_from_slice(PARAGRAPH.as_bytes());
    bytes.extend_from_slice(b"\xff\xfe\xfd</p>");
    let text = deboiler::clean_bytes(&bytes, None);
    assert!(text.contains(PARAGRAPH), "{text}");
}

#[test]
fn binary_data_gives_nothing_and_says_why() {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0".to_vec();
    png.extend((0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8));
    let page = Cleaner::default()
        .clean(Input::bytes(&png).content_type("image/png"))
        .unwrap();
    assert_eq!(page.text(), "");
    assert!(page.warnings()[0].contains("binary"));
}

#[test]
fn unclosed_and_misnested_tags_keep_their_text() {
    let html = format!(
        "<div><p>{PARAGRAPH}<b><i>bold italic</b> tail</i><p>Second paragraph, unclosed as well.<div></span>"
    );
    let text = clean_html(&html).text().to_string();
    assert!(text.contains(PARAGRAPH), "{text}");
    assert!(text.contains("Second paragraph"), "{text}");
}

#[test]
fn megabyte_attribute_values_are_handled() {
    let big = "x".repeat(1 << 20);
    let html =
        format!("<div class=\"{big}\" data-x='{big}'><p title=\"{big}\">{PARAGRAPH}</p></div>");
    let page = clean_html(&html);
    assert_eq!(page.text(), PARAGRAPH);
}

#[test]
fn entities_are_decoded() {
    let html = format!(
        "<p>Fish &amp; chips &lt;3 &eacute;t&eacute; &#8212; &#x1F600; &bogus; {PARAGRAPH}</p>"
    );
    let text = clean_html(&html).text().to_string();
    assert!(
        text.starts_with("Fish & chips <3 été — 😀 &bogus;"),
        "{text}"
    );
}

#[test]
fn text_that_merely_looks_like_html_is_text() {
    let text = "If a < b and b > c, then nothing follows about a and c.\n\nThe <= and >= signs are fine too.";
    assert_eq!(deboiler::clean(text), text);
}

#[test]
fn right_to_left_and_mixed_scripts_are_kept() {
    let arabic = "مرحبا بكم في موقعنا، هذه فقرة عربية طويلة بما يكفي لتكون محتوى الصفحة الرئيسي.";
    let hebrew = "שלום, זוהי פסקה בעברית עם מספרים 123 ו-English words באמצע המשפט.";
    let html =
        format!("<article><p dir=rtl>{arabic}</p><p>{hebrew}</p><p>{PARAGRAPH}</p></article>");
    let text = clean_html(&html).text().to_string();
    assert!(text.contains(arabic) && text.contains(hebrew), "{text}");
}

#[test]
fn zero_width_characters_do_not_break_anything() {
    let zw = "zero\u{200b}width\u{200c}joiner\u{200d}s and a BOM\u{feff} inside";
    let text = format!("{zw}. {PARAGRAPH}");
    assert!(deboiler::clean(&text).contains(zw));
    assert!(clean_html(&format!("<p>{text}</p>")).text().contains(zw));
}

#[test]
fn a_page_that_is_all_navigation_gives_nothing() {
    let html = "<html><body><header><a href=/>Logo</a></header><nav><ul>\
                <li><a href=/a>News</a></li><li><a href=/b>Sport</a></li><li><a href=/c>Culture</a></li>\
                </ul></nav><ul><li><a href=/d>Weather</a></li><li><a href=/e>Contact</a></li></ul>\
                <footer><a href=/privacy>Privacy</a></footer></body></html>";
    assert_eq!(clean_html(html).text(), "");
}

#[test]
fn one_giant_pre_is_kept_whole() {
    let code: String = (0..20_000)
        .map(|i| format!("let x{i} = {i} * 2;  // line {i}\n"))
        .collect();
    let html = format!("<html><body><pre>{code}</pre></body></html>");
    let page = clean_html(&html);
    assert_eq!(page.blocks().len(), 1);
    assert_eq!(page.text(), code.trim_end());
}

#[test]
fn a_hundred_thousand_nested_divs_clean_with_a_warning() {
    let html = format!(
        "{}{PARAGRAPH}{}",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let page = clean_html(&html);
    assert_eq!(page.text(), PARAGRAPH);
    assert!(
        page.warnings()[0].contains("flattened"),
        "{:?}",
        page.warnings()
    );
}

#[test]
fn a_hundred_thousand_identical_paragraphs_clean_to_one() {
    let html = format!(
        "<article>{}</article>",
        format!("<p>{PARAGRAPH}</p>").repeat(100_000)
    );
    let page = clean_html(&html);
    assert_eq!(page.text(), PARAGRAPH);
    assert_eq!(page.removed().len(), 99_999);
}

#[test]
fn a_ten_megabyte_line_of_text_is_cleaned() {
    let line = "word ".repeat(2_000_000);
    let text = deboiler::clean(&line);
    assert_eq!(text.len(), line.trim_end().len());
}

#[test]
fn limits_refuse_with_both_numbers() {
    let cleaner = Cleaner::builder().max_blocks(10).build().unwrap();
    let html = "<p>x</p>".repeat(11);
    assert_eq!(
        cleaner.clean(Input::html(&html)).unwrap_err(),
        CleanError::TooManyBlocks {
            blocks: 11,
            limit: 10
        }
    );
    let small = Cleaner::builder().max_input_bytes(100).build().unwrap();
    let error = small.clean(Input::bytes(&[b'a'; 101])).unwrap_err();
    assert_eq!(
        error,
        CleanError::InputTooLarge {
            size: 101,
            limit: 100
        }
    );
    assert!(error.to_string().contains("101") && error.to_string().contains("100"));
}
