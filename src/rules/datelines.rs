//! The dateline at the head of a plain text: its date, byline or reading
//! time, which a scraper saves with the article but a reader did not come
//! for.

use crate::page::{Judgement, Page};
use crate::rules::{Phase, Rule};
use crate::vocabulary::dates::is_dateline;

/// In plain text, drops the datelines before the first paragraph of prose:
/// lines that are only a date, a byline or a reading time ("July 27,
/// 2025", "By Ann Lee · 6 min read", "Publié le 4 juin 2025"), with their
/// labels. Extractors leave them out of the main text (the page's metadata
/// says who wrote it and when); a scraper's text keeps them by the title.
/// They go where the scraper's boilerplate went before them: a text that
/// starts with its dateline, an extractor's output, keeps it.
/// A line that says more ("Video - December 19, 2025", "March Madness
/// 2025") stays, and so do dates further down, where a changelog or a
/// diary uses them as headings. HTML is left to the classifier, which
/// reads the byline's markup.
///
/// ```
/// use deboiler::{Cleaner, Input};
///
/// let text = "Home\n\nNews\n\nSport\n\nCouncil votes to rebuild the harbour wall\n\nBy Ann Lee · June 4, 2025\n\n\
///     The council voted on Tuesday to rebuild the harbour wall before the winter.";
/// let page = Cleaner::default().clean(Input::text(text))?;
/// assert!(page.text().starts_with("Council votes to rebuild the harbour wall\n\nThe council"));
/// assert_eq!(page.removed().last().unwrap().rule(), "datelines");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Name: `datelines`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Datelines;

impl Rule for Datelines {
    fn name(&self) -> &str {
        "datelines"
    }

    fn phase(&self) -> Phase {
        Phase::Leftovers
    }

    fn apply(&self, page: &Page<'_>, judgement: &mut Judgement) {
        if page.is_html() {
            return;
        }
        let is_prose = |b: usize| page.blocks[b].is_prose();
        let Some(text_start) = judgement.kept().find(|&b| is_prose(b)) else {
            return;
        };
        // Only after a header that went: a text that starts with its
        // dateline is an extractor's choice, and keeps it.
        let Some(header) = (0..text_start).find(|&b| !judgement.is_kept(b)) else {
            return;
        };
        let datelines: Vec<usize> = (header + 1..text_start)
            .filter(|&b| judgement.is_kept(b) && is_dateline(&page.blocks[b].text))
            .collect();
        for block in datelines {
            judgement.drop_block(
                block,
                "a dateline before the text: its date, byline or reading time".to_string(),
            );
        }
    }
}
