"""Strips boilerplate from scraped HTML and text.

deboiler returns the content a reader came for, without navigation, footers,
comment forms, share and newsletter prompts, cookie notices and repeated
blocks. It is a Rust library; this package calls it with the GIL released,
so one :class:`Cleaner` serves many threads at once.

>>> import deboiler
>>> deboiler.clean("<nav><a href='/'>Home</a></nav><main><p>Hello, reader.</p></main>")
'Hello, reader.'

For pipelines, build a :class:`Cleaner` once and clean every page with it;
:mod:`deboiler.datatrove` is an extractor step for datatrove pipelines.
"""

from importlib.metadata import PackageNotFoundError, version

from ._deboiler import (
    Cleaned,
    Cleaner,
    Comment,
    DeboilerError,
    InputTooLarge,
    InvalidRules,
    Removal,
    TooManyBlocks,
    clean,
)

try:
    __version__ = version("deboiler")
except PackageNotFoundError:  # imported from a source tree
    __version__ = "unknown"

__all__ = [
    "Cleaned",
    "Cleaner",
    "Comment",
    "DeboilerError",
    "InputTooLarge",
    "InvalidRules",
    "Removal",
    "TooManyBlocks",
    "clean",
]
