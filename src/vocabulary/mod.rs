//! What the crate knows about the stuff pages are made of, each piece
//! defined once and used by every stage (the pre-parse pass, segmentation,
//! the rules and the classifier):
//!
//! - [`tags`]: what each HTML element does to segmentation and parsing;
//! - [`class_words`]: the words of `class` and `id` values and what they
//!   say (content, boilerplate, comments, consent, ...);
//! - [`dates`]: month names and the words of a dateline;
//! - [`punctuation`]: the characters that end sentences and clauses;
//! - [`words`]: how text is split into words, counted and hashed.

pub(crate) mod class_words;
pub(crate) mod dates;
pub(crate) mod punctuation;
pub(crate) mod tags;
pub(crate) mod words;
