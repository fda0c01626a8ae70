//! The errors a caller can act on: building a cleaner ([`BuildError`]) and
//! cleaning one input ([`CleanError`]).
//!
//! A page that simply has no content is *not* an error: it cleans to an
//! empty text.

/// An underlying error kept as the [`source`](std::error::Error::source).
type Source = Box<dyn std::error::Error + Send + Sync + 'static>;

/// What can go wrong while building a [`Cleaner`](crate::Cleaner) or its
/// rules: a rule that cannot work as configured. Each names the rule.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// A CSS selector given to a rule did not parse.
    #[error("rule `{rule}`: invalid CSS selector `{selector}`: {message}")]
    InvalidSelector {
        /// The rule's name.
        rule: String,
        /// The selector as the caller wrote it.
        selector: String,
        /// What the selector parser said (its error borrows the selector,
        /// so it is kept as text).
        message: String,
    },
    /// A rule-set file (TOML or JSON) could not be read.
    #[error("invalid rule-set file, line {line}{}: {message}", rule.as_deref().map(|r| format!(", rule `{r}`")).unwrap_or_default())]
    InvalidRuleFile {
        /// 1-based line of the file where the problem is.
        line: usize,
        /// The rule at fault, when the problem is in one.
        rule: Option<String>,
        /// What is wrong there.
        message: String,
        /// The parser's or the rule's own error, when there is one.
        #[source]
        source: Option<Source>,
    },
    /// A rule was configured with values it cannot work with (phrases that
    /// do not compile, a model that does not fit the code).
    #[error("invalid rule `{rule}`: {message}")]
    InvalidRule {
        /// The rule's name.
        rule: String,
        /// What is wrong with it.
        message: String,
        /// The underlying error, when there is one.
        #[source]
        source: Option<Source>,
    },
}

/// What can go wrong while cleaning one input: it is over one of the
/// cleaner's limits. Both numbers are given, so that a caller can log them
/// or retry with a cleaner of higher limits.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CleanError {
    /// The input is bigger than [`CleanerBuilder::max_input_bytes`](crate::CleanerBuilder::max_input_bytes).
    #[error("input of {size} bytes is over the limit of {limit} bytes")]
    InputTooLarge {
        /// Size of the input in bytes.
        size: usize,
        /// The configured limit in bytes.
        limit: usize,
    },
    /// The page segments into more blocks than [`CleanerBuilder::max_blocks`](crate::CleanerBuilder::max_blocks).
    #[error("page of {blocks} blocks is over the limit of {limit} blocks")]
    TooManyBlocks {
        /// Blocks the page has.
        blocks: usize,
        /// The configured limit.
        limit: usize,
    },
}
