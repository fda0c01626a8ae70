"""A datatrove extractor step that cleans pages with deboiler.

Use it where a pipeline would use datatrove's ``Trafilatura`` step::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import JsonlWriter
    from deboiler.datatrove import Deboiler

    LocalPipelineExecutor(
        pipeline=[WarcReader("crawl/"), Deboiler(), JsonlWriter("clean/")],
        tasks=4,
    ).run()

Each document's text is replaced by its clean text (or Markdown), and the
page's metadata is added to the document's metadata under ``"deboiler"``.
A document that cleans to nothing is dropped, as datatrove's extractors do.
"""

from __future__ import annotations

from typing import Any, Iterator, Literal, Optional

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.extractors.base import BaseExtractor, ExtractorSandbox
from datatrove.utils.logging import logger
from datatrove.utils.typeshelper import StatHints

from . import Cleaner

OutputFormat = Literal["text", "markdown"]


class Deboiler(BaseExtractor):
    """deboiler as a datatrove extractor.

    Args:
        preset: the rule-set preset ("default", "strict", "wordpress", "none").
        rules: a rule-set file (TOML, or JSON by its extension); replaces ``preset``.
            Each worker reads it: on a cluster, give a path every node sees.
        include_comments: keep the reader comments, in the metadata's ``"comments"``.
        output_format: ``"text"`` or ``"markdown"`` for the document's new text.
        markdown_links, markdown_images: keep links and images in the Markdown.
        max_input_bytes, max_blocks, max_depth: the cleaner's limits.
        metadata_key: where the page's metadata goes in ``doc.metadata``
            (``None``: not added).
        timeout: seconds per document. The cleaning then runs in datatrove's
            sandbox process, as its other extractors do; ``None`` cleans in
            the pipeline's own process, which is faster (deboiler's memory
            and time per page are bounded by its limits).
    """

    name = "🧹 deboiler"
    _requires_dependencies = ["deboiler"]

    def __init__(
        self,
        preset: str = "default",
        rules: Optional[str] = None,
        *,
        include_comments: bool = False,
        output_format: OutputFormat = "text",
        markdown_links: bool = False,
        markdown_images: bool = False,
        max_input_bytes: Optional[int] = None,
        max_blocks: Optional[int] = None,
        max_depth: Optional[int] = None,
        metadata_key: Optional[str] = "deboiler",
        timeout: Optional[float] = 1.0,
    ):
        super().__init__(timeout if timeout is not None else 0.0)
        if output_format not in ("text", "markdown"):
            raise ValueError(f'output_format must be "text" or "markdown", not {output_format!r}')
        self.cleaner_options: dict[str, Any] = dict(
            preset=preset,
            rules=rules,
            include_comments=include_comments,
            markdown_links=markdown_links,
            markdown_images=markdown_images,
            max_input_bytes=max_input_bytes,
            max_blocks=max_blocks,
            max_depth=max_depth,
        )
        self.output_format = output_format
        self.metadata_key = metadata_key
        self.sandboxed = timeout is not None
        # Built here so that bad options fail when the pipeline is made, and
        # again in each worker: a Cleaner is not pickled to Slurm or Ray.
        self._cleaner: Optional[Cleaner] = Cleaner(**self.cleaner_options)

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_cleaner"] = None
        return state

    @property
    def cleaner(self) -> Cleaner:
        if self._cleaner is None:
            self._cleaner = Cleaner(**self.cleaner_options)
        return self._cleaner

    def extract(self, text: str) -> str:
        """The clean text (or Markdown) of one page."""
        return self.clean_page(text, None)[0]

    def clean_page(self, page: str, url: Optional[str]) -> tuple[str, dict[str, Any]]:
        """The clean text of one page and what to add to its document's metadata."""
        cleaned = self.cleaner.clean(page, url)
        text = cleaned.markdown() if self.output_format == "markdown" else cleaned.text
        metadata = {key: value for key, value in cleaned.metadata.items() if value}
        if self.cleaner_options["include_comments"]:
            metadata["comments"] = [
                {"author": c.author, "date": c.date, "text": c.text} for c in cleaned.comments
            ]
        return text, metadata

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        """Cleans each document, passing its URL (for rules scoped to a site) along."""
        if not self.sandboxed:
            yield from self._run_with(data, self.clean_page)
            return
        with ExtractorSandbox(timeout=self.timeout, warmup_text=("", None)) as sandbox:
            yield from self._run_with(
                data, lambda page, url: sandbox.process_document((page, url), self._clean_in_sandbox)
            )

    def _clean_in_sandbox(self, page: str, url: Optional[str]):
        """`clean_page` in the sandbox process, whose loop stops on an
        exception: an error is sent back (and raised again here) instead."""
        try:
            return self.clean_page(page, url)
        except Exception as error:
            return error

    def _run_with(self, data: DocumentsPipeline, clean_page) -> Iterator[Document]:
        for doc in data:
            self.stat_update(StatHints.total)
            with self.track_time():
                try:
                    text, metadata = clean_page(doc.text, doc.metadata.get("url"))
                    self.stat_update("extracted")
                except TimeoutError:
                    self.stat_update("timeout")
                    logger.warning("⏰ Timeout while cleaning record text. Skipping record.")
                    continue
                except EOFError:
                    self.stat_update("broken_process")
                    logger.warning("Process died unexpectedly, will create new process for next document")
                    continue
                except Exception as error:  # an input over the limits: counted, and the run goes on
                    self.stat_update("clean_error")
                    if not self._warned_error:
                        logger.warning(f'❌ Error "{error}" while cleaning record text. Skipping record.')
                        self._warned_error = True
                    continue
            if not text:
                self.stat_update(StatHints.dropped)
                continue
            doc.text = text
            if self.metadata_key is not None:
                doc.metadata[self.metadata_key] = metadata
            self.stat_update(StatHints.forwarded)
            self.update_doc_stats(doc)
            yield doc
