"""Writing reports: the standard self-evaluation report and its tables in DOCX, PDF, HTML, XLSX.

`render` is the one entry point: it builds the report's layout once
(`jixiao.render.report`) and hands it to the format's module. XLSX is the fill-in
workbook of the tables (`jixiao.render.xlsx`); `jixiao.render.xlsx_import` reads it back.
"""

from __future__ import annotations

from typing import Literal

from jixiao.model.record import Record
from jixiao.render.narrative import Narrative, load_bundle

Format = Literal["docx", "xlsx", "pdf", "html"]
FORMATS: tuple[Format, ...] = ("docx", "xlsx", "pdf", "html")


def render(
    record: Record,
    narrative: Narrative | None = None,
    fmt: Format = "docx",
    *,
    profile: str | None = None,
    reviewed: bool = False,
) -> bytes:
    """The report of `record` in format `fmt`, as bytes (HTML as UTF-8).

    `reviewed` appends the review appendix (recomputed scores and findings); it does
    not apply to XLSX, which holds the fill-in tables only.
    """
    narrative = narrative or Narrative()
    if fmt == "xlsx":
        from jixiao.render.xlsx import render_xlsx

        return render_xlsx(record, narrative, profile)
    from jixiao.render.report import build_report, report_title

    elements = build_report(record, narrative, profile)
    if reviewed:
        from jixiao.render.reviewed import review_appendix

        elements += review_appendix(record, profile)
    title = report_title(record, narrative)
    if fmt == "html":
        from jixiao.render.html import render_html

        return render_html(elements, title=title).encode("utf-8")
    if fmt == "pdf":
        from jixiao.render.pdf import render_pdf

        return render_pdf(elements, title=title)
    from jixiao.render.docx import render_docx

    return render_docx(elements, title=title)


__all__ = ["FORMATS", "Format", "Narrative", "load_bundle", "render"]
