"""Load test of the web app on loopback: concurrent reviewers against thousands of records.

Seeds a database (SQLite file or PostgreSQL) with N submissions of one region's task (each
a synthetic report run through the pipeline once and reused, with its own unit), starts
``jixiao serve`` on it in a separate process, then lets R reviewer sessions (threads, one
cookie jar each) open the queue (random page and sort), a record and a search, with a
think time between clicks. Bounded in count (--rounds per reviewer) and time (--seconds).
Prints p50/p95/p99 and the maximum per page.

    .venv/bin/python benchmarks/bench_web.py --records 5000 --reviewers 50
    .venv/bin/python benchmarks/bench_web.py --db postgresql://postgres@127.0.0.1:55432/bench
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from datetime import date
from pathlib import Path

from sqlalchemy import select

from jixiao.pipeline import evaluate_bytes
from jixiao.store import Database
from jixiao.store.accounts import add_unit, add_user
from jixiao.store.models import Submission, Task
from jixiao.store.records import Actor, save_snapshot, snapshot_of, store_source
from jixiao.synth import iter_documents

PASSWORD = "bench-password"
TERMS = ("预算执行", "绩效目标", "公用经费", "专项", "项目支出", "培训", "满意度", "资金", "管理", "服务")


def seed(db: Database, records: int, reviewers: int, variety: int = 24) -> tuple[int, list[int]]:
    """Fill the database; returns the task id and the submission ids."""
    docs = list(iter_documents(variety, seed=11, defects=True))
    evaluated = [(d, evaluate_bytes(d.data, name=d.name)) for d in docs]
    with db.session() as session:
        for i in range(reviewers):
            add_user(session, f"rev{i:02d}", PASSWORD, "reviewer", region_name="压测区")
        first = add_unit(session, "压测单位00000", "压测区")
        task = Task(title="压测任务", year=2024, deadline=date(2099, 1, 1), region_id=first.region_id)
        session.add(task)
        session.flush()
        task_id = task.id
    ids: list[int] = []
    actor = Actor(None, "bench", "")
    for start in range(0, records, 250):
        with db.session() as session:
            task = session.get_one(Task, task_id)
            for i in range(start, min(start + 250, records)):
                doc, evaluation = evaluated[i % len(evaluated)]
                unit = add_unit(session, f"压测单位{i:05d}", "压测区")
                task.units.append(unit)
                source = store_source(session, None, doc.name, document=evaluation.document,
                                      sha256=f"{i:064d}")
                sub = Submission(task=task, unit=unit, year=2024, status=random.choice(("submitted", "approved")),
                                 name=doc.name, submitted_at=None)
                save_snapshot(session, sub, snapshot_of(evaluation), actor, note="seed", source=source)
                session.flush()
                ids.append(sub.id)
    return task_id, ids


class Reviewer(threading.Thread):
    """One reviewer's session: log in, then rounds of queue → record → search."""

    def __init__(self, base: str, name: str, task: int, ids: list[int], rounds: int, think: float,
                 stop_at: float) -> None:
        super().__init__(daemon=True)
        self.base, self.name, self.task, self.ids = base, name, task, ids
        self.rounds, self.think, self.stop_at = rounds, think, stop_at
        self.times: dict[str, list[float]] = {"queue": [], "record": [], "search": []}
        self.errors = 0
        self.rng = random.Random(name)
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def _get(self, kind: str, path: str) -> None:
        start = time.perf_counter()
        try:
            with self.opener.open(self.base + path, timeout=30) as response:
                response.read()
                ok = response.status == 200
        except OSError:
            ok = False
        self.times[kind].append(time.perf_counter() - start)
        self.errors += not ok

    def _login(self) -> None:
        with self.opener.open(self.base + "/login", timeout=30) as response:
            response.read()
        csrf = next(c.value for c in self.jar if c.name == "jx_csrf")
        data = urllib.parse.urlencode({"username": self.name, "password": PASSWORD, "csrf_token": csrf}).encode()
        with self.opener.open(self.base + "/login", data=data, timeout=30) as response:
            response.read()

    def run(self) -> None:
        self._login()
        for _ in range(self.rounds):
            for kind in ("queue", "record", "search"):
                if time.monotonic() > self.stop_at:
                    return
                time.sleep(self.rng.uniform(0, 2 * self.think))
                if kind == "queue":
                    sort = self.rng.choice(("gap", "computed", "unit", "errors", "rate"))
                    self._get(kind, f"/tasks/{self.task}?sort={sort}&page={self.rng.randint(1, 20)}")
                elif kind == "record":
                    self._get(kind, f"/submissions/{self.rng.choice(self.ids)}")
                else:
                    q = urllib.parse.quote(self.rng.choice(TERMS))
                    self._get(kind, f"/search?q={q}")


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _serve(url: str, port: int, workers: int) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "jixiao", "serve", "--db", url, "--port", str(port), "--workers", str(workers)]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=2):
                return server
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("server did not start") from None
            time.sleep(0.3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", help="database URL (default: a new SQLite file)")
    parser.add_argument("--records", type=int, default=5000)
    parser.add_argument("--reviewers", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=10, help="queue/record/search rounds per reviewer")
    parser.add_argument("--think", type=float, default=1.0, help="mean seconds between clicks")
    parser.add_argument("--seconds", type=float, default=180, help="stop after this many seconds")
    parser.add_argument("--port", type=int, default=18765)
    parser.add_argument("--workers", type=int, default=2, help="server processes (jixiao serve --workers)")
    args = parser.parse_args()
    url = args.db or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    started = time.perf_counter()
    db = Database(url)
    with db.session() as session:
        existing = session.scalar(select(Task.id).where(Task.title == "压测任务"))
    if existing is None:
        task, ids = seed(db, args.records, args.reviewers)
    else:
        task = existing
        with db.session() as session:
            ids = list(session.scalars(select(Submission.id).where(Submission.task_id == task)))
    db.close()
    print(f"database {re.sub(r'//[^@]*@', '//', url)}: {len(ids)} records ready in {time.perf_counter() - started:.0f}s")
    server = _serve(url, args.port, args.workers)
    try:
        stop_at = time.monotonic() + args.seconds
        crowd = [Reviewer(f"http://127.0.0.1:{args.port}", f"rev{i:02d}", task, ids, args.rounds, args.think, stop_at)
                 for i in range(args.reviewers)]
        begun = time.perf_counter()
        for reviewer in crowd:
            reviewer.start()
        for reviewer in crowd:
            reviewer.join(args.seconds + 60)
        elapsed = time.perf_counter() - begun
    finally:
        server.terminate()
        server.wait(20)
    total = sum(len(v) for r in crowd for v in r.times.values())
    errors = sum(r.errors for r in crowd)
    print(f"{args.reviewers} reviewers, {args.workers} server processes, think {args.think}s, {total} requests in {elapsed:.1f}s "
          f"({total / elapsed:.1f}/s), errors {errors}, cores {os.cpu_count()}, load {os.getloadavg()[0]:.1f}")
    print(f"{'page':<8}{'n':>6}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}")
    for kind in ("queue", "record", "search"):
        values = [t for r in crowd for t in r.times[kind]]
        if values:
            print(f"{kind:<8}{len(values):>6}{statistics.median(values) * 1000:>9.0f}"
                  f"{_quantile(values, 0.95) * 1000:>9.0f}{_quantile(values, 0.99) * 1000:>9.0f}"
                  f"{max(values) * 1000:>9.0f}")


if __name__ == "__main__":
    main()
