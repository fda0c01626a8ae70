//! CSS-selector rules: drop the parts of a page that a selector names.

use std::collections::HashSet;

use crate::error::BuildError;
use crate::page::{Judgement, Page};
use crate::rules::{Phase, Rule};

/// Drops every block inside an element that matches a CSS selector
/// (anything [`scraper`] parses: `.promo, #related, div[data-ad]`,
/// `article > footer`, ...). It has no effect on plain text. Values of
/// 128 bytes or more of `data-...`, `srcset`, `sizes` and `on...`
/// attributes are emptied before parsing (they are state and image lists,
/// not structure): select on their presence (`[data-ad]`) or on a short
/// value, not on a long one.
///
/// ```
/// use deboiler::{rules::Selector, Cleaner, Input, RuleSet};
///
/// let rules = RuleSet::empty().with(Selector::parse(".promo, #related")?.named("promos"));
/// let cleaner = Cleaner::builder().rules(rules).build()?;
/// let html = r#"<p>Story.</p><div class="promo"><p>Buy!</p></div><ul id="related"><li>More</li></ul>"#;
/// let page = cleaner.clean(Input::html(html))?;
/// assert_eq!(page.text(), "Story.");
/// assert!(Selector::parse("div[").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Selector {
    name: String,
    css: String,
    selector: scraper::Selector,
}

impl Selector {
    /// Parses `css`; the rule's name is the selector text itself.
    ///
    /// # Errors
    ///
    /// [`BuildError::InvalidSelector`] naming the selector, when it does not
    /// parse (the rule's name is then the selector itself).
    pub fn parse(css: &str) -> Result<Selector, BuildError> {
        let selector = scraper::Selector::parse(css).map_err(|e| BuildError::InvalidSelector {
            rule: css.to_string(),
            selector: css.to_string(),
            message: e.to_string(),
        })?;
        Ok(Selector {
            name: css.to_string(),
            css: css.to_string(),
            selector,
        })
    }

    /// The same rule under another name.
    pub fn named(mut self, name: impl Into<String>) -> Selector {
        self.name = name.into();
        self
    }

    /// The selector as written.
    pub fn css(&self) -> &str {
        &self.css
    }
}

impl Rule for Selector {
    fn phase(&self) -> Phase {
        Phase::Structure
    }

    fn name(&self) -> &str {
        &self.name
    }

    fn apply(&self, page: &Page<'_>, judgement: &mut Judgement) {
        let Some(html) = page.html else {
            return;
        };
        let matched: HashSet<ego_tree::NodeId> =
            html.select(&self.selector).map(|e| e.id()).collect();
        if matched.is_empty() {
            return;
        }
        let drops: Vec<(usize, String)> = judgement
            .kept()
            .filter_map(|block| {
                page.ancestors_of(block)
                    .find(|&e| matched.contains(&page.elements[e].node))
                    .map(|e| {
                        let reason = format!("matches `{}`: inside {}", self.css, page.describe(e));
                        (block, reason)
                    })
            })
            .collect();
        for (block, reason) in drops {
            judgement.drop_block(block, reason);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::clean_with;

    #[test]
    fn blocks_nested_anywhere_inside_a_match_are_dropped() {
        let html = "<div id=related><ul><li><p>Deep inside</p></li></ul></div><p>Kept</p>";
        let page = clean_with(Selector::parse("#related").unwrap(), html);
        assert_eq!(page.text(), "Kept");
        assert!(page.removed()[0].reason().contains("#related"));
    }

    #[test]
    fn selectors_do_not_touch_plain_text() {
        let page = clean_with(Selector::parse("p").unwrap(), "Just text, no markup.");
        assert_eq!(page.text(), "Just text, no markup.");
    }

    #[test]
    fn invalid_selectors_are_named_in_the_error() {
        match Selector::parse("..x") {
            Err(BuildError::InvalidSelector { selector, .. }) => assert_eq!(selector, "..x"),
            other => panic!("{other:?}"),
        }
    }
}
