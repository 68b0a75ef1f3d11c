"""The per-document time limit in the main thread (a signal) and in other threads."""

from __future__ import annotations

import threading
import time

import pytest

from jixiao.batch.deadline import DeadlineError, deadline


def _spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def _in_thread(work: float, limit: float) -> list[BaseException | None]:
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            with deadline(limit):
                _spin(work)
            outcome.append(None)
        except DeadlineError as exc:
            outcome.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(30)
    return outcome


def test_main_thread_is_interrupted() -> None:
    with pytest.raises(DeadlineError), deadline(0.2):
        _spin(10)


def test_a_worker_thread_is_interrupted() -> None:
    """A Dask worker runs tasks in threads, where no signal can be used."""
    (outcome,) = _in_thread(10, 0.2)
    assert isinstance(outcome, DeadlineError) and outcome.seconds == 0.2


def test_a_thread_that_finishes_in_time_is_left_alone() -> None:
    assert _in_thread(0.05, 5) == [None]
    _spin(0.3)  # nothing raised later either
