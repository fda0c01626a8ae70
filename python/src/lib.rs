//! The compiled part of the `deboiler` Python package: [`deboiler`]'s
//! cleaner, its result and its errors, in Python's conventions.
//!
//! The GIL is released while a page is cleaned, so one `Cleaner` serves
//! many Python threads at once. A Rust panic cannot cross into Python:
//! PyO3 turns one into a `PanicException` at the call's boundary (and the
//! crate's own promise is that cleaning never panics).

use std::borrow::Cow;
use std::path::PathBuf;

use deboiler::{BuildError, CleanError, Input, RuleSet};
use pyo3::create_exception;
use pyo3::exceptions::{PyFileNotFoundError, PyOSError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};

create_exception!(
    deboiler,
    DeboilerError,
    PyValueError,
    "An input deboiler will not clean, or rules it cannot build."
);
create_exception!(
    deboiler,
    InputTooLarge,
    DeboilerError,
    "The input is over the cleaner's `max_input_bytes`."
);
create_exception!(
    deboiler,
    TooManyBlocks,
    DeboilerError,
    "The page segments into more blocks than the cleaner's `max_blocks`."
);
create_exception!(
    deboiler,
    InvalidRules,
    DeboilerError,
    "A rule file, preset or rule that cannot be built."
);

fn clean_error(error: CleanError) -> PyErr {
    match error {
        CleanError::InputTooLarge { .. } => InputTooLarge::new_err(error.to_string()),
        CleanError::TooManyBlocks { .. } => TooManyBlocks::new_err(error.to_string()),
        other => DeboilerError::new_err(other.to_string()),
    }
}

fn build_error(error: BuildError) -> PyErr {
    InvalidRules::new_err(error.to_string())
}

/// How the page is to be read: as the caller says, or detected.
#[derive(Clone, Copy)]
enum Kind {
    Auto,
    Html,
    Text,
}

impl Kind {
    fn parse(kind: &str) -> PyResult<Kind> {
        match kind {
            "auto" => Ok(Kind::Auto),
            "html" => Ok(Kind::Html),
            "text" => Ok(Kind::Text),
            other => Err(PyValueError::new_err(format!(
                "kind must be \"auto\", \"html\" or \"text\", not {other:?}"
            ))),
        }
    }
}

/// A page as Python gave it: text (a `str`) or raw bytes.
enum Page<'a> {
    /// A copy in UTF-8 (the limited API of Python 3.9 has no borrowed
    /// view). Lone surrogates (from `surrogateescape` decoding) become U+FFFD.
    Text(Cow<'a, str>),
    Bytes(&'a [u8]),
}

impl<'a> Page<'a> {
    fn from_python(html_or_text: &'a Bound<'_, PyAny>) -> PyResult<Page<'a>> {
        if let Ok(text) = html_or_text.cast::<PyString>() {
            let text = match text.to_cow() {
                Ok(text) => text,
                Err(_) => Cow::Owned(text.to_string_lossy().into_owned()),
            };
            Ok(Page::Text(text))
        } else if let Ok(bytes) = html_or_text.cast::<PyBytes>() {
            Ok(Page::Bytes(bytes.as_bytes()))
        } else {
            Err(PyTypeError::new_err(format!(
                "html_or_text must be str or bytes, not {}",
                html_or_text.get_type().name()?
            )))
        }
    }
}

/// Cleans pages: built once with its rules and options, then used for
/// every page, from as many threads as you like.
///
/// ```python
/// cleaner = deboiler.Cleaner(preset="strict", include_comments=True)
/// result = cleaner.clean(html, url="https://example.com/story")
/// print(result.text, result.metadata["title"], len(result.comments))
/// ```
#[pyclass(frozen, module = "deboiler")]
struct Cleaner {
    inner: deboiler::Cleaner,
}

#[pymethods]
impl Cleaner {
    #[new]
    #[pyo3(signature = (
        preset = "default",
        rules = None,
        *,
        include_comments = false,
        markdown_links = false,
        markdown_images = false,
        max_input_bytes = None,
        max_blocks = None,
        max_depth = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        preset: &str,
        rules: Option<PathBuf>,
        include_comments: bool,
        markdown_links: bool,
        markdown_images: bool,
        max_input_bytes: Option<usize>,
        max_blocks: Option<usize>,
        max_depth: Option<usize>,
    ) -> PyResult<Cleaner> {
        let rules = match rules {
            Some(_) if preset != "default" => {
                return Err(InvalidRules::new_err(
                    "give a preset or a rule file, not both (a file names its own preset)",
                ));
            }
            Some(path) => read_rule_file(&path)?,
            None => RuleSet::preset(preset).ok_or_else(|| {
                InvalidRules::new_err(format!(
                    "unknown preset {preset:?} (default, strict, wordpress, none)"
                ))
            })?,
        };
        let mut builder = deboiler::Cleaner::builder()
            .rules(rules)
            .include_comments(include_comments)
            .markdown_links(markdown_links)
            .markdown_images(markdown_images);
        if let Some(bytes) = max_input_bytes {
            builder = builder.max_input_bytes(bytes);
        }
        if let Some(blocks) = max_blocks {
            builder = builder.max_blocks(blocks);
        }
        if let Some(depth) = max_depth {
            builder = builder.max_depth(depth);
        }
        let inner = builder.build().map_err(build_error)?;
        Ok(Cleaner { inner })
    }

    /// Cleans one page, HTML or text (`str`), or raw bytes as fetched.
    #[pyo3(signature = (html_or_text, url = None, *, content_type = None, kind = "auto"))]
    fn clean(
        &self,
        py: Python<'_>,
        html_or_text: &Bound<'_, PyAny>,
        url: Option<String>,
        content_type: Option<String>,
        kind: &str,
    ) -> PyResult<Cleaned> {
        let kind = Kind::parse(kind)?;
        let page = Page::from_python(html_or_text)?;
        if matches!(page, Page::Bytes(_)) && !matches!(kind, Kind::Auto) {
            return Err(PyValueError::new_err(
                "kind applies to str; bytes are decoded, then told apart as HTML or text",
            ));
        }
        let input = match &page {
            Page::Text(text) => match kind {
                Kind::Auto => Input::detect(text),
                Kind::Html => Input::html(text),
                Kind::Text => Input::text(text),
            },
            Page::Bytes(bytes) => Input::bytes(bytes),
        };
        let input = with_origin(input, &url, &content_type);
        // The crate does not panic on any input; should it ever, the caller
        // gets a `DeboilerError` it can catch like any other, not a
        // `PanicException` that `except Exception` lets through.
        let cleaned = py.detach(|| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.inner.clean(input)))
        });
        match cleaned {
            Ok(cleaned) => cleaned.map(Cleaned::from).map_err(clean_error),
            Err(panic) => Err(DeboilerError::new_err(format!(
                "deboiler failed on this input (please report it): {}",
                panic
                    .downcast_ref::<&str>()
                    .copied()
                    .or(panic.downcast_ref::<String>().map(String::as_str))
                    .unwrap_or("a panic")
            ))),
        }
    }

    /// The names of the cleaner's rules, in the order they run.
    #[getter]
    fn rule_names(&self) -> Vec<String> {
        self.inner.rules().names().map(str::to_owned).collect()
    }

    fn __repr__(&self) -> String {
        format!("<deboiler.Cleaner of {} rules>", self.inner.rules().len())
    }
}

fn with_origin<'a>(
    mut input: Input<'a>,
    url: &'a Option<String>,
    content_type: &'a Option<String>,
) -> Input<'a> {
    if let Some(url) = url {
        input = input.url(url);
    }
    if let Some(content_type) = content_type {
        input = input.content_type(content_type);
    }
    input
}

/// A rule-set file: TOML, or JSON by its `.json` extension, as the command
/// line reads it.
fn read_rule_file(path: &std::path::Path) -> PyResult<RuleSet> {
    let unreadable = |error: std::io::Error| {
        let message = format!("{}: {error}", path.display());
        match error.kind() {
            std::io::ErrorKind::NotFound => PyFileNotFoundError::new_err(message),
            _ => PyOSError::new_err(message),
        }
    };
    let bytes = std::fs::read(path).map_err(unreadable)?;
    let source = String::from_utf8(bytes).map_err(|_| {
        InvalidRules::new_err(format!("{}: the rule file is not UTF-8", path.display()))
    })?;
    let is_json = path
        .extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("json"));
    let rules = if is_json {
        RuleSet::from_json(&source)
    } else {
        RuleSet::from_toml(&source)
    };
    rules.map_err(|error| InvalidRules::new_err(format!("{}: {error}", path.display())))
}

/// The result of cleaning one page.
#[pyclass(frozen, module = "deboiler")]
struct Cleaned {
    inner: deboiler::Cleaned,
}

impl From<deboiler::Cleaned> for Cleaned {
    fn from(inner: deboiler::Cleaned) -> Cleaned {
        Cleaned { inner }
    }
}

#[pymethods]
impl Cleaned {
    /// The kept blocks as text, separated by a blank line.
    #[getter]
    fn text(&self) -> &str {
        self.inner.text()
    }

    /// The kept blocks as GitHub-flavoured Markdown.
    fn markdown(&self) -> String {
        self.inner.markdown()
    }

    /// What the page says about itself, as a dict.
    #[getter]
    fn metadata<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let metadata = self.inner.metadata();
        let dict = PyDict::new(py);
        dict.set_item("title", metadata.title())?;
        dict.set_item("authors", metadata.authors())?;
        dict.set_item("published", metadata.published())?;
        dict.set_item("modified", metadata.modified())?;
        dict.set_item("site_name", metadata.site_name())?;
        dict.set_item("language", metadata.language())?;
        dict.set_item("url", metadata.url())?;
        dict.set_item("description", metadata.description())?;
        dict.set_item("tags", metadata.tags())?;
        dict.set_item("image", metadata.image())?;
        dict.set_item("page_type", metadata.page_type())?;
        Ok(dict)
    }

    /// The reader comments, when the cleaner includes them.
    #[getter]
    fn comments(&self) -> Vec<Comment> {
        self.inner
            .comments()
            .iter()
            .map(|comment| Comment {
                text: comment.text(),
                author: comment.author().map(str::to_owned),
                date: comment.date().map(str::to_owned),
            })
            .collect()
    }

    /// Every removed block, with the rule that removed it and why.
    #[getter]
    fn removed(&self) -> Vec<Removal> {
        self.inner
            .removed()
            .iter()
            .map(|removal| Removal {
                rule: removal.rule().to_owned(),
                reason: removal.reason().to_owned(),
                text: removal.block().text().to_owned(),
            })
            .collect()
    }

    /// What the cleaner changed besides removing blocks.
    #[getter]
    fn warnings(&self) -> Vec<String> {
        self.inner.warnings().to_vec()
    }

    /// The whole result as one JSON record (the crate's documented schema).
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.inner)
            .map_err(|error| DeboilerError::new_err(error.to_string()))
    }

    fn __str__(&self) -> &str {
        self.inner.text()
    }

    fn __repr__(&self) -> String {
        format!(
            "<deboiler.Cleaned: {} blocks kept, {} removed>",
            self.inner.blocks().len(),
            self.inner.removed().len()
        )
    }
}

/// One reader comment: what it says, and its author and date lines where
/// the page marks them.
#[pyclass(frozen, get_all, module = "deboiler")]
struct Comment {
    text: String,
    author: Option<String>,
    date: Option<String>,
}

#[pymethods]
impl Comment {
    fn __repr__(&self) -> String {
        format!(
            "Comment(author={:?}, date={:?}, text={:?})",
            self.author, self.date, self.text
        )
    }
}

/// A removed block: the rule that removed it, why, and its text.
#[pyclass(frozen, get_all, module = "deboiler")]
struct Removal {
    rule: String,
    reason: String,
    text: String,
}

#[pymethods]
impl Removal {
    fn __repr__(&self) -> String {
        format!(
            "Removal(rule={:?}, reason={:?}, text={:?})",
            self.rule, self.reason, self.text
        )
    }
}

/// The default cleaner, built on first use.
static DEFAULT_CLEANER: pyo3::sync::PyOnceLock<Py<Cleaner>> = pyo3::sync::PyOnceLock::new();

/// Cleans one page with the default rules and returns its text.
#[pyfunction]
#[pyo3(signature = (html_or_text, url = None, *, content_type = None, kind = "auto"))]
fn clean(
    py: Python<'_>,
    html_or_text: &Bound<'_, PyAny>,
    url: Option<String>,
    content_type: Option<String>,
    kind: &str,
) -> PyResult<String> {
    let cleaner = DEFAULT_CLEANER.get_or_try_init(py, || {
        Py::new(
            py,
            Cleaner {
                inner: deboiler::Cleaner::default(),
            },
        )
    })?;
    let cleaned = cleaner
        .get()
        .clean(py, html_or_text, url, content_type, kind)?;
    Ok(cleaned.inner.into_text())
}

#[pymodule]
fn _deboiler(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = module.py();
    module.add_class::<Cleaner>()?;
    module.add_class::<Cleaned>()?;
    module.add_class::<Comment>()?;
    module.add_class::<Removal>()?;
    module.add_function(wrap_pyfunction!(clean, module)?)?;
    module.add("DeboilerError", py.get_type::<DeboilerError>())?;
    module.add("InputTooLarge", py.get_type::<InputTooLarge>())?;
    module.add("TooManyBlocks", py.get_type::<TooManyBlocks>())?;
    module.add("InvalidRules", py.get_type::<InvalidRules>())?;
    Ok(())
}
