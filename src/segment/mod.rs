//! Segmentation: turning a page into a flat list of [`Block`](crate::Block)s.
//!
//! HTML is parsed once and walked once ([`html`]); plain text is split at
//! blank lines and lines ([`text`]). Both end in the same [`Page`](crate::Page)
//! model, so every rule works on both.

pub(crate) mod html;
pub(crate) mod text;

use crate::vocabulary::words::spaces_words;

/// Appends text to a block under construction, collapsing runs of
/// whitespace into one space.
#[derive(Debug, Default)]
pub(crate) struct TextBuffer {
    pub text: String,
    pending_space: bool,
    /// Whether the next text is another item than the text before it, so
    /// that a word at its start does not run into a word at the end.
    pending_separation: bool,
}

impl TextBuffer {
    /// Appends `piece`, collapsing whitespace; returns the number of
    /// characters of `piece` that went into the buffer (separators aside).
    pub fn push_collapsed(&mut self, piece: &str) -> usize {
        if piece.starts_with(char::is_whitespace) {
            self.pending_space = true;
        }
        let pushed = if piece.is_ascii() {
            // The common case, by bytes.
            self.push_runs(piece.split_ascii_whitespace(), str::len)
        } else {
            let runs = piece.split(char::is_whitespace).filter(|r| !r.is_empty());
            self.push_runs(runs, |run| run.chars().count())
        };
        if piece.ends_with(char::is_whitespace) {
            self.pending_space = true;
        }
        pushed
    }

    /// Appends runs of visible text with one space between them (and before
    /// the first, when a space is pending); returns the characters appended.
    /// `chars` counts the characters of a run (its length, for ASCII).
    fn push_runs<'a>(
        &mut self,
        runs: impl Iterator<Item = &'a str>,
        chars: impl Fn(&str) -> usize,
    ) -> usize {
        let mut pushed = 0;
        for (i, run) in runs.enumerate() {
            let separate = i == 0
                && self.pending_separation
                && run.chars().next().is_some_and(spaces_words)
                && self.text.chars().next_back().is_some_and(spaces_words);
            let space = i > 0 || self.pending_space || separate;
            if space && !self.text.is_empty() && !self.text.ends_with('\n') {
                self.text.push(' ');
            }
            self.pending_space = false;
            self.pending_separation = false;
            self.text.push_str(run);
            pushed += chars(run);
        }
        pushed
    }

    /// Appends `piece` as it is (for preformatted text and scripts).
    pub fn push_raw(&mut self, piece: &str) {
        if self.pending_space && !self.text.is_empty() {
            self.text.push(' ');
        }
        self.pending_space = false;
        self.pending_separation = false;
        self.text.push_str(piece);
    }

    /// Marks that the next text is a separate item (a sibling element): a
    /// space goes between them if both sides are letters or digits.
    pub fn separate_words(&mut self) {
        self.pending_separation = true;
    }

    /// Starts a new line inside the block.
    pub fn push_line_break(&mut self) {
        let trimmed = self.text.trim_end_matches(' ').len();
        self.text.truncate(trimmed);
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        self.pending_space = false;
        self.pending_separation = false;
    }

    /// Ends the line of preformatted text being written, if it has text: a
    /// new line starts, but an empty line is not made. Unlike a line break,
    /// it takes nothing away (the text before it stays as spans saw it).
    pub fn end_line(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
        self.pending_space = false;
        self.pending_separation = false;
    }

    /// Takes the text out, trimmed; `None` when it has no visible character.
    pub fn take(&mut self) -> Option<String> {
        self.pending_space = false;
        self.pending_separation = false;
        // The buffer stays, grown to the largest block so far, and the block
        // gets an exact copy: one allocation a block rather than a chain of
        // reallocations as each new buffer grows.
        let text = self.text.trim();
        let taken = (!text.is_empty()).then(|| text.to_string());
        self.text.clear();
        taken
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::TextBuffer;

    #[test]
    fn collapses_whitespace_and_trims() {
        let mut buffer = TextBuffer::default();
        buffer.push_collapsed("  Hello \n\t ");
        buffer.push_collapsed("world ");
        buffer.push_line_break();
        buffer.push_collapsed(" again");
        assert_eq!(buffer.take().as_deref(), Some("Hello world\nagain"));
        buffer.push_collapsed(" \n ");
        assert_eq!(buffer.take(), None);
    }
}
