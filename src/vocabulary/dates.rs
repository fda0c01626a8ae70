//! Dates as pages write them: month names, and the words of a dateline
//! ("Published on June 4, 2025 by Ann Lee · 6 min read"), in the languages
//! of the phrase lists (en, de, fr, es, pt, it, nl).

use std::ops::RangeInclusive;

use super::words::words;

/// Month names by their first three letters (as bylines abbreviate them),
/// lowercased.
const MONTHS: [&[&str]; 12] = [
    &["jan", "gen", "ene", "janv"],
    &["feb", "fév", "fev"],
    &["mar", "mär", "mrt"],
    &["apr", "avr", "abr"],
    &["may", "mai", "mag", "mei", "mayo"],
    &["jun", "jui", "giu", "juin"],
    &["jul", "lug", "juil"],
    &["aug", "aoû", "ago", "aou"],
    &["sep", "set"],
    &["oct", "okt", "ott", "out"],
    &["nov"],
    &["dec", "dez", "déc", "dic"],
];

/// Month names written out, lowercased, for telling "March 2025" from
/// "Market 2025" where no day number follows to vouch for a prefix.
const MONTH_NAMES: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "sept",
    "october",
    "november",
    "december",
    "januar",
    "februar",
    "märz",
    "juni",
    "juli",
    "oktober",
    "dezember",
    "janvier",
    "février",
    "mars",
    "avril",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "enero",
    "febrero",
    "marzo",
    "abril",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "setiembre",
    "octubre",
    "noviembre",
    "diciembre",
    "janeiro",
    "fevereiro",
    "março",
    "maio",
    "junho",
    "julho",
    "setembro",
    "outubro",
    "novembro",
    "dezembro",
    "gennaio",
    "febbraio",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "settembre",
    "ottobre",
    "dicembre",
    "januari",
    "februari",
    "maart",
    "augustus",
];

/// The years a page's date may be in: a number outside them is not a year.
pub(crate) const DATE_YEARS: RangeInclusive<u32> = 1990..=2100;

/// The month (1 to 12) a word names ("Sep", "September", "sept."), if any:
/// the month whose name starts it the longest way ("juillet" is July by
/// "juil", not June by "jui"). Only beside a day number is it sure.
pub(crate) fn month(word: &str) -> Option<usize> {
    let word = word.trim_end_matches('.').to_lowercase();
    if word.chars().count() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .enumerate()
        .flat_map(|(m, names)| names.iter().map(move |n| (m, n)))
        .filter(|(_, n)| word.starts_with(**n))
        .max_by_key(|(_, n)| n.len())
        .map(|(m, _)| m + 1)
}

/// What follows a day written as an ordinal: "1st", "22nd", "3rd", "17th".
const ORDINAL_SUFFIXES: [&str; 4] = ["st", "nd", "rd", "th"];

/// `word` without the suffix of an ordinal day ("4th" is "4").
pub(crate) fn without_ordinal_suffix(word: &str) -> &str {
    ORDINAL_SUFFIXES
        .iter()
        .find_map(|suffix| word.strip_suffix(suffix))
        .filter(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()))
        .unwrap_or(word)
}

/// Whether `word` (lowercased) is a month's name or its abbreviation, and
/// no other word that starts like one.
fn is_month_name(word: &str) -> bool {
    MONTH_NAMES.contains(&word) || MONTHS.iter().any(|names| names.contains(&word))
}

/// The words around a date, a byline and a reading time in a dateline:
/// labels, prepositions and times of day, lowercased.
const DATELINE_WORDS: &[&str] = &[
    // en
    "published",
    "posted",
    "updated",
    "last",
    "modified",
    "originally",
    "written",
    "on",
    "at",
    "am",
    "pm",
    "and",
    "date",
    // de
    "veröffentlicht",
    "aktualisiert",
    "zuletzt",
    "um",
    "uhr",
    "und",
    // fr
    "publié",
    "mis",
    "à",
    "jour",
    "le",
    "et",
    "h",
    // es, pt
    "publicado",
    "actualizado",
    "atualizado",
    "el",
    "a",
    "las",
    "y",
    "em",
    "às",
    "e",
    "de",
    "del",
    "do",
    // it
    "pubblicato",
    "aggiornato",
    "il",
    "alle",
    "di",
    // nl
    "gepubliceerd",
    "bijgewerkt",
    "op",
    "om",
    "en",
];

/// The units of a reading time ("6 min read", "Lesezeit 4 Minuten"),
/// lowercased.
const READING_TIME_UNITS: &[&str] = &[
    "min", "mins", "minute", "minutes", "minuten", "minutos", "minuti",
];

/// The words that say a time is a reading time, lowercased: "60 Minutes"
/// alone is a title.
const READING_WORDS: &[&str] = &[
    "read", "reading", "time", "lesezeit", "lecture", "temps", "lectura", "tiempo", "leitura",
    "tempo", "lettura", "leestijd",
];

/// Words that start a title after "By" ("By The Numbers") and no name.
const NOT_NAMES: &[&str] = &[
    "the", "a", "an", "our", "your", "my", "this", "that", "all", "any", "far", "way",
];

/// The words that introduce an author's name in a dateline, lowercased.
const BY_WORDS: &[&str] = &["by", "von", "par", "por", "da", "door"];

/// The most words of a dateline.
const DATELINE_MAX_WORDS: usize = 16;

/// The most words of the name after "By" in a dateline.
const NAME_MAX_WORDS: usize = 4;

/// Whether `text` is only a dateline: a date ("June 4, 2025", "4 juin
/// 2025", "2025-06-04"), a byline ("By Ann Lee") or a reading time ("6 min
/// read"), or several of them, with their labels ("Published on",
/// "Updated") and separators, and nothing else. A heading such as "March
/// Madness 2025" or a sentence with a date in it is not one.
pub(crate) fn is_dateline(text: &str) -> bool {
    let all: Vec<&str> = words(text)
        .take(DATELINE_MAX_WORDS + 1)
        .map(|r| &text[r])
        .collect();
    if all.is_empty() || all.len() > DATELINE_MAX_WORDS {
        return false;
    }
    let lower: Vec<String> = all.iter().map(|w| w.to_lowercase()).collect();
    let is_number = |i: usize| {
        let figures = without_ordinal_suffix(all[i]);
        figures.bytes().all(|b| b.is_ascii_digit())
    };
    let is_year = |i: usize| {
        is_number(i) && all[i].len() == 4 && all[i].parse().is_ok_and(|y| DATE_YEARS.contains(&y))
    };
    let (mut date, mut minutes, mut byline) = (false, false, false);
    let reading = lower.iter().any(|w| READING_WORDS.contains(&w.as_str()));
    let mut i = 0;
    while i < all.len() {
        let word = lower[i].as_str();
        if BY_WORDS.contains(&word) {
            // The name: capitalised words up to the next label or number.
            let names = (i + 1..all.len())
                .take(NAME_MAX_WORDS)
                .take_while(|&j| {
                    all[j].chars().next().is_some_and(char::is_uppercase)
                        && !is_month_name(&lower[j])
                        && !NOT_NAMES.contains(&lower[j].as_str())
                })
                .count();
            // "Da", "Par", "Door" start titles too: alone, only "By" and
            // "Von" make a byline.
            byline |= names > 0 && matches!(word, "by" | "von");
            i += 1 + names;
            continue;
        }
        if is_month_name(word) {
            date |= (0..all.len()).any(|j| j.abs_diff(i) <= 3 && is_year(j));
        } else if is_number(i) {
            let figures_of_a_date = i + 2 < all.len() && is_number(i + 1) && is_number(i + 2);
            date |= figures_of_a_date && (is_year(i) || is_year(i + 2));
            minutes |= lower
                .get(i + 1)
                .is_some_and(|w| READING_TIME_UNITS.contains(&w.as_str()));
        } else if !DATELINE_WORDS.contains(&word)
            && !READING_TIME_UNITS.contains(&word)
            && !READING_WORDS.contains(&word)
        {
            return false;
        }
        i += 1;
    }
    date || (minutes && reading) || byline
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_bylines_and_reading_times_alone_are_datelines() {
        for line in [
            "July 27, 2025",
            "Published on June 04, 2025",
            "by Jacob Trussell—10 min read",
            "Updated Dec 18, 2025 · 12 min read",
            "By Dr. Vahid Osman - Mar 27, 2024",
            "Posted on July 1, 2024 by Infuy",
            "8/27/2025",
            "2025-12-19",
            "3 minute read",
            "Veröffentlicht am 4. Juni 2025 von Anna Berg",
            "Publié le 4 juin 2025 par Jean Dupont",
            "15 de diciembre de 2025",
            "July 4th, 2025",
            "Temps de lecture : 4 min",
            "Publié le 4 juillet 2025 par Jean Dupont",
        ] {
            assert!(is_dateline(line), "{line}");
        }
    }

    #[test]
    fn a_month_is_named_by_its_longest_prefix() {
        assert_eq!(month("juillet"), Some(7));
        assert_eq!(month("juil."), Some(7));
        assert_eq!(month("juin"), Some(6));
        assert_eq!(month("Sept."), Some(9));
    }

    #[test]
    fn headings_and_sentences_with_dates_are_not_datelines() {
        for line in [
            "March Madness 2025",
            "Market report 2025",
            "By the numbers",
            "The bridge opens on June 4, 2025.",
            "2025",
            "Video - December 19, 2025",
            "Chapter 3: 12 minutes to midnight",
            "60 Minutes",
            "By The Numbers",
            "Da Nang Travel Guide",
            "Door County Guide",
        ] {
            assert!(!is_dateline(line), "{line}");
        }
    }
}
