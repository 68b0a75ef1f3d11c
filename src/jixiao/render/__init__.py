"""Writing reports: the standard self-evaluation report and its tables in DOCX, PDF, HTML, XLSX.

`render` is the one entry point. The report is a template filled from the record and
its narrative (`jixiao.render.template`; layouts are ``.docx`` templates, the shipped
ones in ``templates/``); PDF is that DOCX converted by LibreOffice and HTML is drawn
from it (`jixiao.render.docx_html`), so every format follows the template. XLSX is the
fill-in workbook (`jixiao.render.xlsx`); `jixiao.render.xlsx_import` reads it back.
The reviewed variant is a 审核意见 (`jixiao.render.opinion`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from jixiao.model.narrative import Narrative
from jixiao.model.record import Record
from jixiao.render.narrative import load_bundle

Format = Literal["docx", "xlsx", "pdf", "html"]
FORMATS: tuple[Format, ...] = ("docx", "xlsx", "pdf", "html")


def report_title(record: Record, narrative: Narrative | None = None) -> str:
    """The report's title: the narrative's, or “<年度><部门>部门整体支出绩效自评报告”;
    a project record's is that of its 项目支出绩效自评表."""
    from jixiao.render.placeholders import TEXT

    if record.kind == "project":
        from jixiao.render.project_form import title

        return title(record)
    return str(TEXT["标题"](record, narrative or Narrative()))


def render(
    record: Record,
    narrative: Narrative | None = None,
    fmt: Format = "docx",
    *,
    profile: str | None = None,
    template: Path | None = None,
    reviewed: bool = False,
) -> bytes:
    """The report of `record` in format `fmt`, as bytes (HTML as UTF-8).

    `profile` picks a shipped layout (``hunan``, ``generic``; scoring-profile names
    like ``mof-2020`` map onto them); `template` is a ``.docx`` template of one's own.
    `reviewed` writes the 审核意见 of the record instead (its findings have no source
    location; `jixiao.render.opinion` with an evaluation of the document has them).
    A record of kind ``project`` is written as its 项目支出绩效自评表 (the ``project``
    template; `template` is then a project-form template of one's own).
    """
    narrative = narrative or Narrative()
    if reviewed:
        from jixiao.pipeline import evaluate_record
        from jixiao.render.opinion import opinion_of, render_opinion, scoring_profile

        evaluation = evaluate_record(record, scoring_profile(profile))
        return render_opinion(opinion_of(evaluation), fmt)
    if fmt == "xlsx":
        from jixiao.render.xlsx import render_xlsx

        return render_xlsx(record, narrative, profile)
    from jixiao.render.template import fill

    data = fill(record, narrative, profile=profile, template=template)
    return convert(data, fmt, title=report_title(record, narrative))


def convert(docx: bytes, fmt: Format, *, title: str = "") -> bytes:
    """A DOCX document as `fmt` (docx as is, PDF through LibreOffice, HTML drawn from it)."""
    if fmt == "html":
        from jixiao.render.docx_html import docx_to_html

        return docx_to_html(docx, title=title).encode("utf-8")
    if fmt == "pdf":
        from jixiao.render.pdf import docx_to_pdf

        return docx_to_pdf(docx)
    return docx


__all__ = ["FORMATS", "Format", "Narrative", "convert", "load_bundle", "render", "report_title"]
