"""Type stubs of the compiled module; everything here is re-exported by ``deboiler``."""

from os import PathLike
from typing import Literal, Optional, TypedDict, Union

Page = Union[str, bytes]
Kind = Literal["auto", "html", "text"]

class Metadata(TypedDict):
    """What a page says about itself; an absent value is ``None`` (a list, ``[]``)."""

    title: Optional[str]
    authors: list[str]
    published: Optional[str]
    modified: Optional[str]
    site_name: Optional[str]
    language: Optional[str]
    url: Optional[str]
    description: Optional[str]
    tags: list[str]
    image: Optional[str]
    page_type: Optional[str]

class DeboilerError(ValueError):
    """An input deboiler will not clean, or rules it cannot build."""

class InputTooLarge(DeboilerError):
    """The input is over the cleaner's ``max_input_bytes``."""

class TooManyBlocks(DeboilerError):
    """The page segments into more blocks than the cleaner's ``max_blocks``."""

class InvalidRules(DeboilerError):
    """A rule file, preset or rule that cannot be built."""

class Comment:
    """One reader comment: what it says, and its author and date lines where the page marks them."""

    @property
    def text(self) -> str: ...
    @property
    def author(self) -> Optional[str]: ...
    @property
    def date(self) -> Optional[str]: ...

class Removal:
    """A removed block: the rule that removed it, why, and its text."""

    @property
    def rule(self) -> str: ...
    @property
    def reason(self) -> str: ...
    @property
    def text(self) -> str: ...

class Cleaned:
    """The result of cleaning one page."""

    @property
    def text(self) -> str:
        """The kept blocks as text, separated by a blank line."""
    def markdown(self) -> str:
        """The kept blocks as GitHub-flavoured Markdown."""
    @property
    def metadata(self) -> Metadata:
        """Title, authors, dates (ISO 8601), site name, language, URL, description, tags, image, page type."""
    @property
    def comments(self) -> list[Comment]:
        """The reader comments, when the cleaner was built with ``include_comments=True``."""
    @property
    def removed(self) -> list[Removal]:
        """Every removed block, in document order."""
    @property
    def warnings(self) -> list[str]:
        """What the cleaner changed besides removing blocks."""
    def to_json(self) -> str:
        """The whole result as one JSON record (versioned schema; see the crate's docs)."""
    def __str__(self) -> str:
        """The text."""

class Cleaner:
    """Cleans pages: built once with its rules and options, then used for every page, from any thread."""

    def __init__(
        self,
        preset: Literal["default", "strict", "wordpress", "none"] = "default",
        rules: Optional[Union[str, PathLike[str]]] = None,
        *,
        include_comments: bool = False,
        markdown_links: bool = False,
        markdown_images: bool = False,
        max_input_bytes: Optional[int] = None,
        max_blocks: Optional[int] = None,
        max_depth: Optional[int] = None,
    ) -> None:
        """Builds a cleaner.

        ``rules`` is a rule-set file (TOML, or JSON by its ``.json`` extension)
        that replaces ``preset`` (giving both is an error). ``markdown_links`` and ``markdown_images``
        write links and images in :meth:`Cleaned.markdown`. Raises :class:`InvalidRules` (a ``ValueError``)
        for an unknown preset or a bad rule file, ``OSError`` when the file
        cannot be read.
        """
    def clean(
        self,
        html_or_text: Page,
        url: Optional[str] = None,
        *,
        content_type: Optional[str] = None,
        kind: Kind = "auto",
    ) -> Cleaned:
        """Cleans one page: HTML or text as ``str``, or raw ``bytes`` as fetched.

        Bytes are decoded as the Rust crate does: byte-order mark, the charset
        of ``content_type`` (an HTTP ``Content-Type``), ``<meta charset>``, then
        UTF-8 or detection. ``kind`` forces a ``str`` to be read as HTML or
        text instead of detecting (a ``ValueError`` for bytes).
        The GIL is released while the page is cleaned. Raises
        :class:`InputTooLarge` or :class:`TooManyBlocks` over the limits.
        """
    @property
    def rule_names(self) -> list[str]:
        """The names of the cleaner's rules, in the order they run."""

def clean(
    html_or_text: Page,
    url: Optional[str] = None,
    *,
    content_type: Optional[str] = None,
    kind: Kind = "auto",
) -> str:
    """Cleans one page with the default rules and returns its text (see :meth:`Cleaner.clean`)."""
