"""Fill a report template (``.docx`` with docxtpl placeholders) from a record and narrative.

Layouts are data: the shipped templates (``templates/hunan.docx``, ``templates/generic.docx``)
and any template a province or finance bureau supplies. Filling checks the template's
placeholders first — an unknown name or a missing required one is a `ConfigError`
naming it — then renders the text through docxtpl, turns every line of a value into a
paragraph of the placeholder's style, drops paragraphs left empty, and draws each table
placeholder's tables where it stands, as wide as its section allows.
"""

from __future__ import annotations

import difflib
import io
from collections.abc import Callable, Iterator, Mapping
from copy import deepcopy
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from jixiao.errors import ConfigError
from jixiao.model.narrative import Narrative
from jixiao.model.record import Record
from jixiao.render import project_form
from jixiao.render.docx import add_table, save, spacer
from jixiao.render.layout import TableSpec
from jixiao.render.placeholders import NAMES, PLACEHOLDERS, REQUIRED, TABLES, values
from jixiao.render.tables import (
    basic_data_table,
    project_table,
    self_eval_tables,
    three_public_table,
)

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
#: Shipped layouts by name.
SHIPPED = ("hunan", "generic")
#: Other profile families (scoring profiles like ``mof-2020``) → shipped layout.
ALIASES = {"mof": "generic", "local": "hunan"}
DEFAULT = "hunan"
#: The shipped layout of the 项目支出绩效自评表 (a record of kind ``project``).
PROJECT = "project"
_MARK = "\u2063"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
#: Stands for a line break of a value while docxtpl renders (it turns "\n" into w:br).
_LINE = "\u2028"
_TWIPS_PER_MM = 56.6929


def template_path(profile: str | None = None) -> Path:
    """The shipped template of `profile`; names like ``hunan-2023`` fall back to ``hunan``."""
    name = (profile or DEFAULT).strip().lower()
    head = name.split("-", 1)[0].split("_", 1)[0]
    for candidate in (name, head, ALIASES.get(head, "")):
        if candidate in SHIPPED:
            return TEMPLATE_DIR / f"{candidate}.docx"
    raise ConfigError(
        f"未知的报告模板“{profile}”，可用：{'、'.join(SHIPPED)}；也可用 --template 指定自己的 .docx 模板"
    )


def _open(path: Path) -> Any:
    from docxtpl import DocxTemplate

    if not path.is_file():
        raise ConfigError(f"找不到报告模板：{path}")
    try:
        tpl = DocxTemplate(str(path))
        tpl.init_docx()
        return tpl
    except Exception as exc:  # python-docx raises several types on a file that is no DOCX
        raise ConfigError(f"{path.name}: 不是有效的 Word（.docx）模板，请用 Word/WPS 另存为 .docx") from exc


def _used(tpl: Any, name: str) -> set[str]:
    from jinja2 import TemplateSyntaxError

    try:
        return set(tpl.get_undeclared_template_variables())
    except TemplateSyntaxError as exc:
        raise ConfigError(f"{name}: 模板占位符写法有误（{exc.message}），请检查 {{{{ }}}} 和 {{% %}} 是否成对") from exc


@dataclass(frozen=True, slots=True)
class Catalogue:
    """The placeholders of one kind of template: names, required ones, and how to fill them."""

    names: frozenset[str]
    required: tuple[str, ...]
    meanings: Mapping[str, str]
    tables: frozenset[str]
    values: Callable[[Record, Narrative], dict[str, Any]]
    tables_of: Callable[[str, Record, Narrative], list[TableSpec]]


def check_template(tpl: Any, name: str, catalogue: Catalogue | None = None) -> None:
    """Refuse a template that uses an unknown placeholder or lacks a required one."""
    catalogue = catalogue or DEPARTMENT
    names = catalogue.names
    used = _used(tpl, name)
    unknown = sorted(used - names)
    if unknown:
        hints = []
        for word in unknown:
            close = difflib.get_close_matches(word, sorted(names), n=1, cutoff=0.5)
            hints.append(f"{{{{ {word} }}}}" + (f"（是否应为 {{{{ {close[0]} }}}}？）" if close else ""))
        raise ConfigError(f"{name}: 模板使用了未知的占位符 {'、'.join(hints)}；可用的占位符见 docs/templates.md")
    missing = [n for n in catalogue.required if n not in used]
    if missing:
        listed = "；".join(f"{{{{ {n} }}}}（{catalogue.meanings[n]}）" for n in missing)
        raise ConfigError(f"{name}: 模板缺少必需的占位符 {listed}，这些内容将无法写入报告；请在模板中加入后再试")


def _body_paragraphs(body: Any) -> Iterator[Any]:
    yield from list(body.iter(qn("w:p")))


def _text(p: Any) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def _split_at_newline(p: Any) -> Any | None:
    """Split `p` at the first line break inside a text run; returns the new paragraph."""
    for t in p.iter(qn("w:t")):
        if not (t.text and _LINE in t.text):
            continue
        before, after = t.text.split(_LINE, 1)
        run = t.getparent()
        tail = OxmlElement("w:r")
        rpr = run.find(qn("w:rPr"))
        if rpr is not None:
            tail.append(deepcopy(rpr))
        new_t = OxmlElement("w:t")
        new_t.text = after
        new_t.set(_XML_SPACE, "preserve")
        tail.append(new_t)
        for node in list(t.itersiblings()):
            tail.append(node)
        t.text = before
        new_p = OxmlElement("w:p")
        ppr = p.find(qn("w:pPr"))
        if ppr is not None:
            new_p.append(deepcopy(ppr))
            sect = ppr.find(qn("w:sectPr"))
            if sect is not None:  # the section now ends after the last part
                ppr.remove(sect)
        new_p.append(tail)
        for node in list(run.itersiblings()):
            new_p.append(node)
        p.addnext(new_p)
        return new_p
    return None


def split_lines(body: Any) -> None:
    """Every line of a multi-line value becomes a paragraph with the placeholder's style."""
    for p in _body_paragraphs(body):
        current = p
        while current is not None:
            current = _split_at_newline(current)


_KEEP = tuple(qn(t) for t in ("w:sectPr", "w:br", "w:drawing", "w:pict", "w:object", "w:fldChar", "w:tab"))


def drop_empty(body: Any) -> None:
    """Remove body paragraphs left without text (a placeholder with nothing to say).

    A section break an empty paragraph carried moves to the paragraph before it.
    """
    for p in list(body.iterchildren(qn("w:p"))):
        if _text(p).strip():
            continue
        sect = p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
        if sect is not None:
            previous = p.getprevious()
            if previous is None or previous.tag != qn("w:p") or previous.find(
                f"{qn('w:pPr')}/{qn('w:sectPr')}"
            ) is not None:
                continue
            sect.getparent().remove(sect)
            _ppr(previous).append(sect)
        if any(True for tag in _KEEP for _ in p.iter(tag)):
            continue
        body.remove(p)


def _ppr(p: Any) -> Any:
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        p.insert(0, ppr)
    return ppr


def _section_width_mm(p: Any, body: Any) -> float:
    sect = None
    for node in [p, *p.itersiblings()]:
        found = node.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
        if found is not None:
            sect = found
            break
    if sect is None:
        sect = body.find(qn("w:sectPr"))
    size, margin = sect.find(qn("w:pgSz")), sect.find(qn("w:pgMar"))
    width = int(size.get(qn("w:w"))) - int(margin.get(qn("w:left"))) - int(margin.get(qn("w:right")))
    return width / _TWIPS_PER_MM


def _tables_of(name: str, record: Record, narrative: Narrative) -> list[TableSpec]:
    """The tables of a table placeholder; attachments get their caption from the template."""
    if name == "自评表":
        goals = (narrative.goal_expected, narrative.goal_achieved)
        return list(self_eval_tables(record, goals))
    if name == "基础数据表":
        return [replace(basic_data_table(record, ""), caption=None)]
    found = three_public_table(record) if name == "三公经费表" else project_table(record)
    return [found] if found is not None else []


def _move_section_break(p: Any, doc: Any) -> None:
    """Keep the section break a table placeholder's paragraph carried, in a 1-pt paragraph."""
    sect = p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
    if sect is None:
        return
    holder = spacer(doc)._p
    holder.get_or_add_pPr().append(sect)
    p.addprevious(holder)


def draw_tables(
    doc: Any, record: Record, narrative: Narrative, catalogue: Catalogue | None = None
) -> None:
    """Replace each table placeholder's paragraph by its tables."""
    tables_of = (catalogue or DEPARTMENT).tables_of
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        text = _text(p).strip()
        if not (len(text) > 2 and text.startswith(_MARK) and text.endswith(_MARK)):
            continue
        width = _section_width_mm(p, body)
        for n, spec in enumerate(tables_of(text.strip(_MARK), record, narrative)):
            if n:
                p.addprevious(spacer(doc)._p)
            before = len(body)
            add_table(doc, spec, width)
            # python-docx appends before the final sectPr: move what it added
            for element in list(body)[before - 1 : len(body) - 1]:
                p.addprevious(element)
        _move_section_break(p, doc)
        body.remove(p)


def _lines_marked(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\n", _LINE)
    if isinstance(value, dict):
        return {k: _lines_marked(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_lines_marked(v) for v in value]
    return value


def fill(
    record: Record,
    narrative: Narrative | None = None,
    *,
    profile: str | None = None,
    template: Path | None = None,
) -> bytes:
    """The report of `record` in `template` (or the shipped layout of `profile`), as DOCX bytes.

    A record of kind ``project`` is its 项目支出绩效自评表: the shipped ``project`` layout
    (`profile` is still checked), or `template` as a project-form template.
    """
    catalogue = catalogue_of(record)
    if template is not None:
        path = template
    else:
        path = template_path(profile)
        if catalogue is PROJECT_FORM:
            path = TEMPLATE_DIR / f"{PROJECT}.docx"
    tpl = _open(path)
    check_template(tpl, path.name, catalogue)
    narrative = narrative or Narrative()
    context = _lines_marked(catalogue.values(record, narrative))
    context.update({name: f"{_MARK}{name}{_MARK}" for name in catalogue.tables})
    try:
        tpl.render(context, autoescape=True)
    except Exception as exc:  # jinja errors in a user's template: name the template
        raise ConfigError(f"{path.name}: 模板无法填写（{type(exc).__name__}: {exc}）") from exc
    doc = tpl.docx
    body = doc.element.body
    split_lines(body)
    drop_empty(body)
    draw_tables(doc, record, narrative, catalogue)
    return save(doc)


DEPARTMENT = Catalogue(
    names=NAMES,
    required=REQUIRED,
    meanings={p.name: p.meaning for p in PLACEHOLDERS},
    tables=TABLES,
    values=values,
    tables_of=_tables_of,
)
PROJECT_FORM = Catalogue(
    names=project_form.NAMES,
    required=project_form.REQUIRED,
    meanings=project_form.MEANINGS,
    tables=project_form.TABLES,
    values=project_form.values,
    tables_of=project_form.tables,
)


def catalogue_of(record: Record) -> Catalogue:
    """The placeholders a record is written with: the project form's for ``kind: project``."""
    return PROJECT_FORM if record.kind == "project" else DEPARTMENT


def load_template_bytes(data: bytes) -> Any:
    """A docxtpl template from bytes (for templates uploaded through the web app)."""
    from docxtpl import DocxTemplate

    return DocxTemplate(io.BytesIO(data))
