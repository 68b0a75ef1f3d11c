"""The narrative of a report: its prose sections, title, preamble and 落款.

Each outline section is classified by its title (职能职责, 机构设置, 工作开展, 结果应用 …)
and its text kept in the matching `Narrative` field; sections about money are left to
the record (they are written again from its figures), problems and measures too
(`jixiao.extract.narrative`). Sections that fit no field are kept in ``other_sections``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import ValidationError

from jixiao.extract.context import Context, Unit, strip_mark
from jixiao.extract.narrative import CAUSES
from jixiao.model.narrative import Narrative, ProjectNote, Topic
from jixiao.model.record import Record

#: (field, title pattern), tried in order; the first match classifies a section.
KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("problems", re.compile(r"存在的?(?:主要)?问题|问题及原因|问题和不足")),
    ("skip", re.compile(r"改进措施|整改措施|改进建议|下一步|对策")),
    ("application", re.compile(r"结果.{0,6}应用|应用情况")),
    ("publication", re.compile(r"公开")),
    ("other", re.compile(r"其他需要说明|其他说明|其他事项|其他情况")),
    ("functions", re.compile(r"职能|职责|主要任务")),
    ("organization", re.compile(r"机构设置|内设机构|机构和人员|机构及人员|人员情况|人员编制|基本情况|部门概况|单位概况")),
    ("government_funds", re.compile(r"政府性基金")),
    ("state_capital", re.compile(r"国有资本")),
    ("social_insurance", re.compile(r"社会保险基金")),
    ("goal_achieved", re.compile(r"目标.{0,4}完成情况|目标实现")),
    ("goal_expected", re.compile(r"绩效目标|年度目标|总体目标")),
    ("work_done", re.compile(r"主要工作|工作开展|工作成效|取得的?成效|主要成效|主要做法|履职|绩效情况|工作情况|绩效分析|自评情况")),
    ("skip", re.compile(r"预算|支出|经费|收入|资金|三公|财务|决算|评分|得分|自评结论|评价结论|指标")),
)
_TITLE = re.compile(r"绩效.{0,8}(?:报告|自评表|评价表)|自评报告|评价报告")
_DATE = re.compile(
    r"^\s*(?:(?:19|20)\d{2}|[〇○零一二]{1}[〇○零一二三四五六七八九]{3})\s*年\s*"
    r"[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日\s*$"
)
_FILLED_BY = re.compile(r"填表人\s*[：:]\s*([^\s：:，,　]{2,10})")
_PHONE = re.compile(r"联系电话\s*[：:]\s*([\d\-－—()（） ]{5,20}\d)")
#: A line that only states the head counts (written again from the record).
_STAFFING_LINE = re.compile(r"^本部门(?:编制数|在职人数|离退休人数)\d+人[，。]")
_ATTACHMENT = re.compile(r"^附件\s*[一二三四五六七八九十\d]*\s*[：:]?\s*$|^附件\s*[一二三四五六七八九十\d]+\s*[：:、]")


@dataclass(frozen=True)
class _Section:
    """A heading and the units up to the next heading of its rank or above."""

    index: int
    title: str
    rank: int
    end: int


def _sections(units: list[Unit]) -> list[_Section]:
    out = []
    for i, unit in enumerate(units):
        if unit.heading is None:
            continue
        end = next(
            (j for j in range(i + 1, len(units)) if (units[j].heading or 99) <= unit.heading),
            len(units),
        )
        out.append(_Section(i, strip_mark(unit.text).strip("、．. "), unit.heading, end))
    return out


def _kind(title: str) -> str | None:
    for kind, pattern in KINDS:
        if pattern.search(title):
            return kind
    return None


def _texts(units: list[Unit], start: int, end: int) -> list[str]:
    return [u.text.strip() for u in units[start:end] if u.text.strip()]


def _direct(units: list[Unit], section: _Section) -> list[str]:
    """The paragraphs right under the heading, before any sub-heading."""
    stop = next(
        (j for j in range(section.index + 1, section.end) if units[j].heading is not None),
        section.end,
    )
    return _texts(units, section.index + 1, stop)


def _topics(units: list[Unit], section: _Section, inner: list[_Section]) -> list[Topic]:
    """The text right under `section`, then one topic per sub-section of the next rank."""
    topics = []
    direct = _direct(units, section)
    if direct:
        topics.append(Topic(text="\n".join(direct)))
    children = [s for s in inner if s.rank == min((c.rank for c in inner), default=0)]
    for child in children:
        body = [strip_mark(t) if units[k].heading else t
                for k, t in zip(range(child.index + 1, child.end),
                                (u.text.strip() for u in units[child.index + 1 : child.end]),
                                strict=True) if t]
        topics.append(Topic(title=child.title, text="\n".join(body)))
    return topics


class _Builder:
    """Fills a narrative section by section; the first section of a kind wins."""

    def __init__(self, units: list[Unit]) -> None:
        self.units = units
        self.values: dict[str, object] = {}
        self.done_until = -1

    def take(self, section: _Section, inner: list[_Section]) -> None:
        kind = _kind(section.title)
        if kind == "skip" or (kind is not None and section.index < self.done_until):
            return
        if kind is None and section.index < self.done_until:
            return
        if kind in ("work_done", None, "functions") and not _parts_classified(inner):
            self._take_whole(kind, section, inner)
            return
        direct = _direct(self.units, section)
        if kind == "work_done":
            if direct:
                self._add("work_done", [Topic(text="\n".join(direct))])
            return
        if kind == "problems":
            causes = [t for t in _texts(self.units, section.index + 1, section.end) if CAUSES.match(t)]
            if causes:
                self.values.setdefault("problem_causes", "\n".join(causes))
            return
        self._take_text(kind, section, direct)

    def _take_text(self, kind: str | None, section: _Section, direct: list[str]) -> None:
        if not direct or kind is None or kind in self.values:
            return
        if kind == "functions":  # a list of duties, one per paragraph
            self.values[kind] = [strip_mark(t) for t in direct]
            return
        if kind == "application" and _kind(section.title.replace("应用", "")) == "publication":
            public = [t for t in direct if "公开" in t]
            self.values["publication"] = "\n".join(public)
            direct = [t for t in direct if "公开" not in t] or direct
        if kind == "goal_achieved" and "goal_expected" not in self.values and len(direct) > 1:
            self.values["goal_expected"] = direct[0]
            direct = direct[1:]
        self.values[kind] = "\n".join(direct)

    def _add(self, key: str, topics: list[Topic]) -> None:
        existing = self.values.setdefault(key, [])
        assert isinstance(existing, list)
        existing.extend(topics)

    def _take_whole(self, kind: str | None, section: _Section, inner: list[_Section]) -> None:
        if kind == "functions":
            items = [strip_mark(t) for t in _texts(self.units, section.index + 1, section.end)]
            if items and "functions" not in self.values:
                self.values["functions"] = items
                self.done_until = section.end
            return
        if kind is None and (section.rank > 1 or (inner and any(_kind(s.title) for s in inner))):
            return  # an unnamed sub-section, or a container whose parts are classified
        topics = _topics(self.units, section, inner)
        key = "work_done" if kind else "other_sections"
        if kind is None:
            text = "\n".join(f"{t.title}\n{t.text}" if t.title else t.text for t in topics)
            topics = [Topic(title=section.title, text=text)] if text else []
        self._add(key, topics)
        self.done_until = section.end


def _parts_classified(inner: list[_Section]) -> bool:
    """True when a section's next-rank parts are sections of their own kind (goals, work …)."""
    rank = min((s.rank for s in inner), default=0)
    kinds = {_kind(s.title) for s in inner if s.rank == rank}
    return bool(kinds - {None, "work_done"})


def _title_and_preamble(units: list[Unit]) -> dict[str, str]:
    """The title among the first lines, and the lines between it and the first section."""
    out: dict[str, str] = {}
    for i, unit in enumerate(units[:5]):
        if not (_TITLE.search(unit.text) and len(unit.text) <= 60):
            continue
        out["title"] = unit.text.strip()
        rest = units[i + 1 :]
        first = next((k for k, u in enumerate(rest) if u.heading is not None and u.heading <= 1), None)
        preamble = [u.text.strip() for u in rest[:first] if u.text.strip()] if first else []
        if preamble:
            out["preamble"] = "\n".join(preamble)
        break
    return out


def _project_notes(units: list[Unit], record: Record | None) -> list[ProjectNote]:
    """Paragraphs “<project name>：…” about a project of the record."""
    names = [p.name for p in record.projects] if record is not None else []
    notes = []
    for name in names:
        prefix = f"{name}："
        found = next((u.text for u in units if u.text.startswith(prefix) and u.heading is None), None)
        if found and len(found) > len(prefix):
            notes.append(ProjectNote(name=name, text=found[len(prefix) :].strip()))
    return notes


def _body(units: list[Unit]) -> list[Unit]:
    """The units of the report's body: up to the first 附件 label after the outline starts."""
    first = next((i for i, u in enumerate(units) if u.heading is not None), 0)
    end = next(
        (i for i in range(first, len(units)) if _ATTACHMENT.match(units[i].text.strip())),
        len(units),
    )
    return units[:end]


def _signature(units: list[Unit]) -> dict[str, str]:
    end = len(units)
    for i in range(end - 1, max(end - 12, 0) - 1, -1):
        if _DATE.match(units[i].text):
            out = {"signed_on": re.sub(r"\s+", "", units[i].text)}
            unit_line = units[i - 1].text.strip() if i else ""
            if unit_line and len(unit_line) <= 40 and not re.search(r"[。；，,:：]", unit_line):
                out["signed_by"] = unit_line
            return out
    return {}


def _ends_with(units: list[Unit], signature: dict[str, str]) -> bool:
    tail = [re.sub(r"\s+", "", u.text) for u in units[-len(signature) :]]
    return tail == [signature[k] for k in ("signed_by", "signed_on") if k in signature]


def _contacts(ctx: Context) -> dict[str, str]:
    out: dict[str, str] = {}
    texts = [u.text for u in ctx.units] + [c.text for _, t, _ in ctx.tables for c in t.cells]
    for text in texts:
        if "filled_by" not in out and (m := _FILLED_BY.search(text)):
            out["filled_by"] = m.group(1)
        if "phone" not in out and (m := _PHONE.search(text)):
            out["phone"] = m.group(1).strip()
    return out


def narrative_of(ctx: Context, record: Record | None = None) -> Narrative:
    """The narrative of the document behind `ctx` (`record` names the projects to find notes of)."""
    units = _body(ctx.units)
    signature = _signature(units)
    if signature:
        units = units[: -len(signature)] if _ends_with(units, signature) else units
    units = [u for u in units if not _STAFFING_LINE.match(u.text)]
    builder = _Builder(units)
    sections = _sections(units)
    for n, section in enumerate(sections):
        inner = [s for s in sections[n + 1 :] if s.index < section.end]
        builder.take(section, inner)
    values: dict[str, object] = dict(builder.values)
    values.update(_title_and_preamble(units))
    values.update(signature)
    values.update(_contacts(ctx))
    notes = _project_notes(units, record)
    if notes:
        values["project_notes"] = notes
    return _valid(values)


def _valid(values: dict[str, object]) -> Narrative:
    """The narrative of `values`, leaving out a section that does not fit its field.

    What the prose says is kept where it can be; a section the reader got wrong costs
    that section, never the document's record.
    """
    try:
        return Narrative.model_validate(values)
    except ValidationError as exc:
        bad = {str(error["loc"][0]) for error in exc.errors() if error["loc"]}
        kept = {k: v for k, v in values.items() if k not in bad}
        return Narrative.model_validate(kept) if bad else Narrative()
