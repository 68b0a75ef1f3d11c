"""Demo data: the bundled example reports loaded as one region's submissions, with logins.

Used by ``jixiao serve --demo`` (the README's main command). Loading is idempotent:
a database that already has the demo admin is left as it is.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select

from jixiao.errors import JixiaoError
from jixiao.pipeline import evaluate
from jixiao.readers import supported
from jixiao.store import Database
from jixiao.store.accounts import add_unit, add_user
from jixiao.store.models import Submission, Task, User, now
from jixiao.store.records import Actor, save_snapshot, snapshot_of, store_source

#: The password of every demo account (printed on the console; for demonstration only).
DEMO_PASSWORD = "jixiao-demo"
REGION = "示例市"
#: Units without a report in the examples, so the queue shows who has not submitted.
EXTRA_UNITS = ("示例市档案馆", "示例市气象服务中心")


def _accounts(units: list[str]) -> list[tuple[str, str, str]]:
    rows = [("admin", "管理员", ""), ("reviewer", "审核人员", REGION)]
    rows += [(f"dept{i}", "填报单位", unit) for i, unit in enumerate(units, 1)]
    return rows


def load_demo(db: Database, examples: Path) -> list[tuple[str, str, str]]:
    """Load the examples under `examples` once; returns (user name, role, unit or region)."""
    with db.session() as session:
        if session.scalar(select(User).where(User.username == "admin")) is not None:
            users = session.scalars(select(User).where(User.role == "department").order_by(User.username))
            return _accounts([u.unit.name for u in users if u.unit is not None])
        loaded = []
        for path in sorted(p for p in examples.rglob("*") if p.is_file() and supported(p)):
            try:
                loaded.append((path, evaluate(path)))
            except JixiaoError:
                continue
        names = sorted({e.record.department for _, e in loaded if e.record.department} | set(EXTRA_UNITS))
        units = {name: add_unit(session, name, REGION) for name in names}
        years = sorted({e.record.year for _, e in loaded if e.record.year})
        tasks = {}
        for year in years:
            tasks[year] = Task(title=f"{year}年度部门整体支出绩效自评", year=year, deadline=date(year + 1, 4, 30),
                               region=units[names[0]].region, units=list(units.values()))
            session.add(tasks[year])
        system = Actor(None, "demo", "")
        for path, evaluation in loaded:
            record = evaluation.record
            if not record.department or not record.year:
                continue
            source = store_source(session, path.read_bytes(), path.name, document=evaluation.document)
            submission = Submission(task=tasks[record.year], unit=units[record.department], year=record.year,
                                    status="submitted", submitted_at=now(), name=path.name)
            save_snapshot(session, submission, snapshot_of(evaluation), system, note=f"示例：{path.name}",
                          source=source)
        add_user(session, "admin", DEMO_PASSWORD, "admin", display_name="系统管理员")
        add_user(session, "reviewer", DEMO_PASSWORD, "reviewer", region_name=REGION, display_name="财政局审核员")
        for i, name in enumerate(names, 1):
            add_user(session, f"dept{i}", DEMO_PASSWORD, "department", unit=name, display_name=f"{name}填报员")
        return _accounts(names)
