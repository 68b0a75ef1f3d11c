"""Where the documents are processed: in-process, a local process pool, or a Dask cluster.

Every backend is a `concurrent.futures.Executor`, so the batch loop is the same for
all. Dask is imported only when a cluster address is given; its workers receive the
document bytes with each task, so they need jixiao installed but no shared storage.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, ParamSpec, TypeVar

from jixiao.batch.pages import SpreadingExecutor, one_ocr_thread
from jixiao.errors import ConfigError

P = ParamSpec("P")
T = TypeVar("T")

#: A pool process is replaced after this many documents, which bounds the memory that
#: leaks in document libraries can take.
MAX_TASKS_PER_CHILD = 500


class InlineExecutor(Executor):
    """Runs each task at once in the calling process (tests, debugging, ``--jobs 0``)."""

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        """Run `fn` now; its result or exception is in the returned future."""
        future: Future[T] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as exc:
            future.set_exception(exc)
        return future


def process_pool(jobs: int) -> ProcessPoolExecutor:
    """A pool of `jobs` processes, recycled every `MAX_TASKS_PER_CHILD` documents.

    The forkserver start method (needed for recycling) preloads the worker module
    once, so a replacement process starts in milliseconds.
    """
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["jixiao.batch.worker"])
    return ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=context,
        max_tasks_per_child=MAX_TASKS_PER_CHILD,
        initializer=one_ocr_thread,
    )


class Backend:
    """An executor, how many tasks to keep in flight on it, and how to replace it."""

    def __init__(self, make: Callable[[], Executor], inflight: int) -> None:
        self._make = make
        self.executor = make()
        self.inflight = inflight
        #: Incremented each time the executor is replaced.
        self.generation = 0

    def restart(self, generation: int) -> None:
        """Replace a broken executor, once per breakage (`generation` seen by the caller)."""
        if generation != self.generation:
            return
        _shutdown(self.executor, wait=False)
        self.executor = self._make()
        self.generation += 1

    def close(self) -> None:
        """Shut the executor down, dropping tasks not yet started."""
        _shutdown(self.executor, wait=True)


def _shutdown(executor: Executor, *, wait: bool) -> None:
    if isinstance(executor, ProcessPoolExecutor | InlineExecutor):
        executor.shutdown(wait=wait, cancel_futures=True)
    else:  # the Dask executor knows no cancel_futures
        executor.shutdown(wait=wait)


def _dask_client(address: str) -> Any:
    try:
        from distributed import Client
    except ImportError as exc:
        raise ConfigError(
            "使用 --cluster 需要安装 dask 分布式组件：pip install 'dask[distributed]'"
        ) from exc
    try:
        return Client(address, timeout="20s")  # type: ignore[no-untyped-call]
    except OSError as exc:
        raise ConfigError(f"无法连接 Dask 集群 {address}：{exc}") from exc


@contextmanager
def dask_backend(address: str) -> Iterator[Backend]:
    """A backend on the Dask cluster at `address` (``tcp://host:8786``).

    Two tasks per worker thread are kept in flight; the scanned pages of a document
    become tasks of their own (`jixiao.batch.pages`).
    """
    client = _dask_client(address)
    try:
        threads = sum(client.nthreads().values()) or 1
        yield Backend(lambda: SpreadingExecutor(client.get_executor(pure=False)), 2 * threads)
    finally:
        client.close()


@contextmanager
def open_backend(jobs: int, cluster: str | None = None) -> Iterator[Backend]:
    """The backend of a run: a Dask cluster, a process pool of `jobs`, or inline (0)."""
    if cluster:
        with dask_backend(cluster) as backend:
            yield backend
        return
    if jobs <= 0:
        backend = Backend(InlineExecutor, 1)
    else:
        backend = Backend(lambda: process_pool(jobs), 2 * jobs)
    try:
        yield backend
    finally:
        backend.close()
