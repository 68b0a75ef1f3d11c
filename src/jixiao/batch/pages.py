"""OCR pages in a batch: one recognition thread per process, pages spread over a cluster.

Scanned pages are the slow part of an archive (seconds per page, against
milliseconds for a page with a text layer). In a local process pool each process
recognises with one thread (`one_ocr_thread`), since the pool already keeps every
core busy. On a Dask cluster a document's task reads the document where it runs,
but submits its scanned pages back to the cluster as tasks of their own
(`on_cluster`), from inside the task (``worker_client``, which frees the worker's
thread while it waits), so that one long scan is recognised by many workers at once.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future
from typing import Any, ParamSpec, TypeVar

from jixiao.model.document import Block
from jixiao.readers.ocr import PageImage, set_page_mapper

P = ParamSpec("P")
T = TypeVar("T")


def one_ocr_thread() -> None:
    """Recognise with one thread in this process (unless set otherwise)."""
    os.environ.setdefault("JIXIAO_OCR_THREADS", "1")


def dask_pages(fn: Callable[[PageImage], list[Block]], pages: Sequence[PageImage]) -> list[list[Block]]:
    """Recognise `pages` as tasks of the cluster this task runs on (in turn if only one)."""
    if len(pages) < 2:
        return [fn(page) for page in pages]
    from distributed import worker_client

    with worker_client() as client:
        futures = client.map(fn, list(pages), pure=False)
        results: list[list[Block]] = client.gather(futures)
    return results


def on_cluster(task: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a document `task` on a Dask worker, its OCR pages spread over the cluster."""
    one_ocr_thread()
    with set_page_mapper(dask_pages):
        return task(*args, **kwargs)


class SpreadingExecutor(Executor):
    """A Dask executor whose document tasks spread their OCR pages (see `on_cluster`)."""

    def __init__(self, inner: Executor) -> None:
        self.inner = inner

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        """Submit `fn` wrapped in `on_cluster`."""
        wrapped: Callable[..., T] = on_cluster
        return self.inner.submit(wrapped, fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Shut the wrapped executor down."""
        self.inner.shutdown(wait=wait)
