"""``jixiao user add``, ``jixiao unit add`` and ``jixiao serve --demo``."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from sqlalchemy import select
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.store import Database
from jixiao.store.accounts import verify_password
from jixiao.store.models import Submission, Unit, User
from jixiao.web.demo import DEMO_PASSWORD, load_demo

REPO = Path(__file__).resolve().parents[2]


def test_user_and_unit_add(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'j.db'}"
    runner = CliRunner()
    assert runner.invoke(app, ["unit", "add", "示例单位", "--region", "示例区", "--db", url]).exit_code == 0
    added = runner.invoke(app, ["user", "add", "wang", "--role", "department", "--unit", "示例单位",
                                "--password", "long-enough", "--db", url])
    assert added.exit_code == 0, added.output
    refused = runner.invoke(app, ["user", "add", "li", "--role", "reviewer", "--password", "long-enough", "--db", url])
    assert refused.exit_code == 2 and "地区" in refused.output
    db = Database(url)
    with db.session() as session:
        user = session.scalars(select(User)).one()
        assert user.unit is not None and user.unit.name == "示例单位" and user.unit.region is not None
        assert verify_password(user.password_hash, "long-enough")
    db.close()


def test_demo_loads_the_examples_once(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'demo.db'}")
    accounts = load_demo(db, REPO / "examples")
    assert load_demo(db, REPO / "examples") == accounts
    with db.session() as session:
        loaded = session.scalars(select(Submission)).all()
        assert len(loaded) == len(list((REPO / "examples").iterdir()))
        assert all(s.task is not None and s.source is not None for s in loaded)
        assert session.scalar(select(Unit).where(Unit.name == "示例市档案馆")) is not None
    assert ("reviewer", "审核人员", "示例市") in accounts
    db.close()


def test_serve_demo_starts_and_prints_a_login(tmp_path: Path) -> None:
    port = 18000 + os.getpid() % 1000
    command = [sys.executable, "-m", "jixiao", "serve", "--demo", "--port", str(port),
               "--db", f"sqlite:///{tmp_path / 'demo.db'}", "--examples", str(REPO / "examples")]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=2) as response:
                    assert response.status == 200
                    break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "server did not start"
                time.sleep(0.5)
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=20)
    assert "reviewer" in output and DEMO_PASSWORD in output and f"127.0.0.1:{port}" in output
