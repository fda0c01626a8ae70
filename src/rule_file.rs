//! Rule-set files: rule sets written in TOML or JSON (feature `serde`).
//!
//! ```toml
//! # Start from a preset: "default" (if left out), "strict", "wordpress" or "none".
//! preset = "default"
//! # Rules of the preset to take out, by name.
//! remove = ["share-buttons"]
//!
//! # Each [[rules]] entry is a selector rule or a phrase rule.
//! [[rules]]
//! name = "promo-boxes"            # optional; defaults to the selector
//! selector = ".promo, #related"   # CSS; blocks inside matches are dropped
//!
//! [[rules]]
//! name = "donation-appeals"
//! phrases = ["Support our journalism", "Become a member"]
//! site = "example.com"            # optional: only pages of this site and its subdomains
//! ```
//!
//! The JSON form has the same fields:
//! `{"preset": "strict", "rules": [{"selector": ".promo"}]}`.

use serde::Deserialize;

use crate::error::BuildError;
use crate::rules::{Phrases, RuleSet, Selector};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    preset: Option<String>,
    #[serde(default)]
    remove: Vec<String>,
    #[serde(default)]
    rules: Vec<RuleEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleEntry {
    name: Option<String>,
    selector: Option<String>,
    phrases: Option<Vec<String>>,
    site: Option<String>,
}

impl RuleSet {
    /// Reads a rule set from TOML (schema in the crate's `examples/rules.toml`).
    ///
    /// ```
    /// let set = deboiler::RuleSet::from_toml(r#"
    /// preset = "strict"
    /// remove = ["share-buttons"]
    /// [[rules]]
    /// selector = ".promo"
    /// "#)?;
    /// assert!(set.names().any(|n| n == ".promo"));
    /// # Ok::<(), deboiler::BuildError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`BuildError::InvalidRuleFile`] with the line of the problem: a
    /// syntax error or an unknown field (the parser's error is the
    /// [`source`](std::error::Error::source)), an unknown preset, a rule
    /// with neither or both of `selector` and `phrases`, or a selector that
    /// does not parse (then `rule` names the rule and the source is the
    /// [`BuildError::InvalidSelector`]).
    pub fn from_toml(source: &str) -> Result<RuleSet, BuildError> {
        let file: RuleFile = toml::from_str(source).map_err(|e| BuildError::InvalidRuleFile {
            line: e.span().map_or(1, |span| line_at(source, span.start)),
            rule: None,
            message: e.message().to_string(),
            source: Some(Box::new(e)),
        })?;
        file.into_rule_set(source)
    }

    /// Reads a rule set from JSON, with the same fields as
    /// [`from_toml`](RuleSet::from_toml).
    ///
    /// # Errors
    ///
    /// [`BuildError::InvalidRuleFile`] with the line of the problem, as for
    /// [`from_toml`](RuleSet::from_toml).
    pub fn from_json(source: &str) -> Result<RuleSet, BuildError> {
        let file: RuleFile =
            serde_json::from_str(source).map_err(|e| BuildError::InvalidRuleFile {
                line: e.line().max(1),
                rule: None,
                message: e.to_string(),
                source: Some(Box::new(e)),
            })?;
        file.into_rule_set(source)
    }
}

impl RuleFile {
    fn into_rule_set(self, source: &str) -> Result<RuleSet, BuildError> {
        let invalid = |needle: &str, message: String| BuildError::InvalidRuleFile {
            line: line_of(source, needle),
            rule: None,
            message,
            source: None,
        };
        let preset = self.preset.as_deref().unwrap_or("default");
        let mut set = RuleSet::preset(preset).ok_or_else(|| {
            invalid(
                preset,
                format!("unknown preset `{preset}` (default, strict, wordpress, none)"),
            )
        })?;
        for name in &self.remove {
            set = set.without(name);
        }
        for entry in self.rules {
            let rule_set = match (&entry.selector, &entry.phrases) {
                (Some(css), None) => {
                    let name = entry.name.as_deref().unwrap_or(css);
                    let selector = Selector::parse(css)
                        .map_err(|e| BuildError::InvalidRuleFile {
                            line: line_of(source, css),
                            rule: Some(name.to_string()),
                            message: e.to_string(),
                            source: Some(Box::new(e)),
                        })?
                        .named(name);
                    RuleSet::empty().with(selector)
                }
                (None, Some(phrases)) => {
                    let name = entry.name.clone().unwrap_or_else(|| "phrases".to_string());
                    RuleSet::empty().with(Phrases::new(phrases).named(name))
                }
                _ => {
                    let needle = entry.name.as_deref().unwrap_or("[[rules]]");
                    return Err(invalid(
                        needle,
                        "a rule needs exactly one of `selector` and `phrases`".to_string(),
                    ));
                }
            };
            let rule_set = match &entry.site {
                Some(site) => rule_set.scoped(site),
                None => rule_set,
            };
            set = set.merge(rule_set);
        }
        Ok(set)
    }
}

/// 1-based line of byte offset `at`.
fn line_at(source: &str, at: usize) -> usize {
    source.as_bytes()[..at.min(source.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// 1-based line of the first occurrence of `needle` as a quoted value
/// (`"needle"` or `'needle'`), else as it is (1 when absent).
fn line_of(source: &str, needle: &str) -> usize {
    let quoted = [format!("\"{needle}\""), format!("'{needle}'")];
    quoted
        .iter()
        .find_map(|q| source.find(q.as_str()))
        .or_else(|| source.find(needle))
        .map_or(1, |at| line_at(source, at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_files_build_rule_sets() {
        let set = RuleSet::from_toml(
            "preset = \"none\"\n[[rules]]\nname = \"promo\"\nselector = \".promo\"\n\
             [[rules]]\nphrases = [\"Buy now\"]\nsite = \"example.com\"\n",
        )
        .unwrap();
        assert_eq!(set.names().collect::<Vec<_>>(), ["promo", "phrases"]);
        assert!(set.entries[1].scope.is_some());
    }

    #[test]
    fn errors_name_the_line() {
        let bad_selector = "preset = \"none\"\n\n[[rules]]\nselector = \"div[\"\n";
        match RuleSet::from_toml(bad_selector) {
            Err(BuildError::InvalidRuleFile {
                line,
                message,
                source,
                ..
            }) => {
                assert_eq!(line, 4);
                assert!(message.contains("div["), "{message}");
                assert!(source.is_some_and(|s| s.is::<BuildError>()));
            }
            other => panic!("{other:?}"),
        }
        let syntax = "preset = \"none\"\nremove = [\n";
        assert!(matches!(
            RuleSet::from_toml(syntax),
            Err(BuildError::InvalidRuleFile { line: 2..=3, .. })
        ));
        let unknown = "preset = \"none\"\ncolour = 1\n";
        assert!(matches!(
            RuleSet::from_toml(unknown),
            Err(BuildError::InvalidRuleFile { line: 2, .. })
        ));
        let both = "{\n \"rules\": [\n  {\"name\": \"x\", \"selector\": \"p\", \"phrases\": [\"a\"]}\n ]\n}";
        assert!(matches!(
            RuleSet::from_json(both),
            Err(BuildError::InvalidRuleFile { line: 3, .. })
        ));
        assert!(matches!(
            RuleSet::from_json("{\"preset\": \"loud\"}"),
            Err(BuildError::InvalidRuleFile { line: 1, .. })
        ));
    }

    #[test]
    fn a_selector_also_used_as_a_name_is_found_where_it_is_a_value() {
        let file = "preset = \"none\"\n# div[ is broken\n[[rules]]\nselector = \"div[\"\n";
        assert!(matches!(
            RuleSet::from_toml(file),
            Err(BuildError::InvalidRuleFile { line: 4, .. })
        ));
    }

    #[test]
    fn a_bad_selector_is_reported_under_its_rule_name() {
        let file = "preset = \"none\"\n[[rules]]\nname = \"promo-boxes\"\nselector = \"..x\"\n";
        let error = RuleSet::from_toml(file).unwrap_err();
        assert!(matches!(
            &error,
            BuildError::InvalidRuleFile { line: 4, rule: Some(rule), .. } if rule == "promo-boxes"
        ));
        assert!(error.to_string().contains("promo-boxes"), "{error}");
        // The parser's own error is kept, not flattened.
        let syntax = RuleSet::from_toml("preset = ").unwrap_err();
        assert!(std::error::Error::source(&syntax).is_some_and(|s| s.is::<toml::de::Error>()));
    }

    #[test]
    fn json_files_remove_rules_by_name() {
        let set = RuleSet::from_json("{\"remove\": [\"share-buttons\"]}").unwrap();
        assert!(!set.names().any(|n| n == "share-buttons"));
        assert!(set.names().any(|n| n == "comment-form"));
    }
}
