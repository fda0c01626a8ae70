//! The errors a caller can act on.

/// Everything that can go wrong while building a [`Cleaner`](crate::Cleaner)
/// or cleaning a page.
///
/// A page that simply has no content is *not* an error: it cleans to an empty
/// text.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// A CSS selector given to a rule did not parse.
    #[error("invalid CSS selector `{selector}`: {message}")]
    InvalidSelector {
        /// The selector as the caller wrote it.
        selector: String,
        /// What the selector parser said.
        message: String,
    },
    /// A rule-set file (TOML or JSON) could not be read.
    #[error("invalid rule-set file, line {line}: {message}")]
    InvalidRuleFile {
        /// 1-based line of the file where the problem is.
        line: usize,
        /// What is wrong there.
        message: String,
    },
    /// A rule was configured with values it cannot work with.
    #[error("invalid rule `{rule}`: {message}")]
    InvalidRule {
        /// The rule's name.
        rule: String,
        /// What is wrong with it.
        message: String,
    },
    /// The page segments into more blocks than the cleaner's configured limit.
    #[error("page of {blocks} blocks is over the limit of {limit} blocks")]
    TooManyBlocks {
        /// Blocks the page has.
        blocks: usize,
        /// The configured limit.
        limit: usize,
    },
    /// The input is bigger than the cleaner's configured limit.
    #[error("input of {size} bytes is over the limit of {limit} bytes")]
    InputTooLarge {
        /// Size of the input in bytes.
        size: usize,
        /// The configured limit in bytes.
        limit: usize,
    },
}
