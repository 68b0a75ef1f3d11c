"""Build the shipped report templates: ``python -m jixiao.render.template_build``.

The templates are ordinary Word documents in the house style (GB/T 9704 typography,
page numbers, a landscape section for the 自评表) whose text holds docxtpl
placeholders. They are built from the outlines below so that the shipped files can be
regenerated and compared; a province edits a copy in Word instead.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from jixiao.render.docx import (
    BODY_PT,
    H1_FONT,
    LINE_PT,
    TITLE_FONT,
    house_document,
    save,
    set_fonts,
)
from jixiao.render.docx import new_section as _new_section

#: (style, text) lines of a template; styles: title, h1, h2, h3, body, table, right, label,
#: caption, note, tag (a docxtpl ``{%p … %}`` line), section (portrait|landscape break).
Line = tuple[str, str]

_WORK: tuple[Line, ...] = (
    ("tag", "{%p for 题 in 工作开展 %}"),
    ("h3", "{{ 题.标题 }}"),
    ("body", "{{ 题.内容 }}"),
    ("tag", "{%p endfor %}"),
)
_OTHER_SECTIONS: tuple[Line, ...] = (
    ("tag", "{%p for 题 in 其他章节 %}"),
    ("h2", "{{ 题.标题 }}"),
    ("body", "{{ 题.内容 }}"),
    ("tag", "{%p endfor %}"),
)
_SIGNATURE: tuple[Line, ...] = (("right", "{{ 落款单位 }}"), ("right", "{{ 落款日期 }}"))
_ATTACHMENTS: tuple[Line, ...] = (
    ("section", "portrait"),
    ("label", "附件1"),
    ("caption", "{{ 年度 }}部门整体支出绩效评价基础数据表"),
    ("table", "{{ 基础数据表 }}"),
    ("note", "填表人：{{ 填表人 }}　　联系电话：{{ 联系电话 }}"),
    ("section", "landscape"),
    ("label", "附件2"),
    ("caption", "{{ 年度 }}部门整体支出绩效自评表"),
    ("table", "{{ 自评表 }}"),
)

HUNAN: tuple[Line, ...] = (
    ("title", "{{ 标题 }}"),
    ("body", "{{ 前言 }}"),
    ("h1", "一、部门基本情况"),
    ("h2", "（一）部门职能职责"),
    ("body", "{{ 职能职责 }}"),
    ("h2", "（二）机构设置和人员情况"),
    ("body", "{{ 机构设置 }}"),
    ("body", "{{ 人员情况 }}"),
    ("h1", "二、一般公共预算支出情况"),
    ("body", "{{ 收入支出情况 }}"),
    ("body", "{{ 预算情况 }}"),
    ("h2", "（一）基本支出"),
    ("body", "{{ 基本支出情况 }}"),
    ("body", "{{ 三公经费情况 }}"),
    ("table", "{{ 三公经费表 }}"),
    ("h2", "（二）项目支出"),
    ("body", "{{ 项目支出情况 }}"),
    ("table", "{{ 项目支出表 }}"),
    ("body", "{{ 项目说明 }}"),
    ("h1", "三、政府性基金预算支出情况"),
    ("body", "{{ 政府性基金 }}"),
    ("h1", "四、国有资本经营预算支出情况"),
    ("body", "{{ 国有资本经营 }}"),
    ("h1", "五、社会保险基金预算支出情况"),
    ("body", "{{ 社会保险基金 }}"),
    ("h1", "六、部门整体支出绩效情况"),
    ("h2", "（一）绩效目标完成情况"),
    ("body", "{{ 绩效目标 }}"),
    ("body", "{{ 目标完成情况 }}"),
    ("h2", "（二）主要工作及成效"),
    *_WORK,
    ("h2", "（三）自评结论"),
    ("body", "{{ 自评结论 }}"),
    ("body", "部门整体支出绩效自评表见附件2。"),
    ("h1", "七、存在的问题及原因分析"),
    ("body", "{{ 存在的问题 }}"),
    ("body", "{{ 问题原因 }}"),
    ("h1", "八、下一步改进措施"),
    ("body", "{{ 改进措施 }}"),
    ("h1", "九、部门整体支出绩效自评结果拟应用和公开情况"),
    ("body", "{{ 结果应用 }}"),
    ("body", "{{ 结果公开 }}"),
    ("tag", "{%p if 其他说明 or 其他章节 %}"),
    ("h1", "十、其他需要说明的情况"),
    ("body", "{{ 其他说明 }}"),
    *_OTHER_SECTIONS,
    ("tag", "{%p endif %}"),
    *_SIGNATURE,
    *_ATTACHMENTS,
)

GENERIC: tuple[Line, ...] = (
    ("title", "{{ 标题 }}"),
    ("body", "{{ 前言 }}"),
    ("h1", "一、基本情况"),
    ("h2", "（一）部门职能职责"),
    ("body", "{{ 职能职责 }}"),
    ("h2", "（二）机构设置和人员情况"),
    ("body", "{{ 机构设置 }}"),
    ("body", "{{ 人员情况 }}"),
    ("h1", "二、预算收支情况"),
    ("body", "{{ 收入支出情况 }}"),
    ("body", "{{ 预算情况 }}"),
    ("body", "{{ 基本支出情况 }}"),
    ("body", "{{ 三公经费情况 }}"),
    ("table", "{{ 三公经费表 }}"),
    ("body", "{{ 项目支出情况 }}"),
    ("table", "{{ 项目支出表 }}"),
    ("body", "{{ 项目说明 }}"),
    ("h1", "三、绩效目标完成情况"),
    ("body", "{{ 绩效目标 }}"),
    ("body", "{{ 目标完成情况 }}"),
    *_WORK,
    ("body", "{{ 自评结论 }}"),
    ("h1", "四、存在的问题及原因分析"),
    ("body", "{{ 存在的问题 }}"),
    ("body", "{{ 问题原因 }}"),
    ("h1", "五、改进措施"),
    ("body", "{{ 改进措施 }}"),
    ("h1", "六、自评结果应用和公开情况"),
    ("body", "{{ 结果应用 }}"),
    ("body", "{{ 结果公开 }}"),
    ("tag", "{%p if 其他说明 or 其他章节 %}"),
    ("h1", "七、其他需要说明的情况"),
    ("body", "{{ 其他说明 }}"),
    *_OTHER_SECTIONS,
    ("tag", "{%p endif %}"),
    *_SIGNATURE,
    *_ATTACHMENTS,
)

#: The 项目支出绩效自评表 (财预〔2020〕10号 annex): a portrait page of wider margins, the
#: title, the year and the form; ``form`` sets the page, ``center`` is a centred line.
PROJECT: tuple[Line, ...] = (
    ("page", "form"),
    ("title", "项目支出绩效自评表"),
    ("tag", "{%p if 年度 %}"),
    ("center", "（{{ 年度 }}）"),
    ("tag", "{%p endif %}"),
    ("table", "{{ 项目自评表 }}"),
    ("note", "填表人：{{ 填表人 }}　　联系电话：{{ 联系电话 }}"),
)

LAYOUTS: dict[str, tuple[Line, ...]] = {"hunan": HUNAN, "generic": GENERIC, "project": PROJECT}
#: Document title (core properties) of each layout's template.
TITLES = {"project": "项目支出绩效自评表模板"}
_STYLES = {"title": "Title", "h1": "Heading 1", "h2": "Heading 2", "h3": "Heading 3"}


def _section_break(doc: Any, landscape: bool) -> None:
    """End the current section at its last paragraph (no empty paragraph left behind)."""
    _new_section(doc, landscape=landscape)
    body = doc.element.body
    holder = body[-2]  # python-docx adds the break as a paragraph before the final sectPr
    previous = holder.getprevious()
    sect = holder.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
    if previous is not None and previous.tag == qn("w:p") and sect is not None:
        previous.get_or_add_pPr().append(sect)
        body.remove(holder)


def _line(doc: Any, style: str, text: str) -> None:
    if style in _STYLES:
        doc.add_paragraph(text, style=_STYLES[style])
        return
    p = doc.add_paragraph()
    run = p.add_run(text)
    fmt = p.paragraph_format
    if style in ("body", "tag"):
        fmt.first_line_indent = Pt(2 * BODY_PT)
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        return
    fmt.first_line_indent = Pt(0)
    if style == "right":
        fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        fmt.right_indent = Pt(2 * BODY_PT)
        if text == "{{ 落款单位 }}":
            fmt.space_before = Pt(2 * LINE_PT)
    elif style == "label":
        set_fonts(run, H1_FONT)
    elif style == "center":
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fmt.space_after = Pt(6)
    elif style == "caption":
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fmt.space_after = Pt(6)
        set_fonts(run, TITLE_FONT)
        run.font.size = Pt(18)
    elif style == "note":
        run.font.size = Pt(12)
        fmt.space_before = Pt(6)


def _form_page(section: Any) -> None:
    """A4 portrait with margins that give a form of nine columns room (170 mm wide)."""
    section.top_margin, section.bottom_margin = Mm(25), Mm(25)
    section.left_margin, section.right_margin = Mm(20), Mm(20)
    section.footer_distance = Mm(12)


def build(lines: tuple[Line, ...], title: str = "部门整体支出绩效自评报告模板") -> bytes:
    """The template of `lines` as DOCX bytes."""
    doc = house_document(title)
    for style, text in lines:
        if style == "section":
            _section_break(doc, text == "landscape")
        elif style == "page":
            _form_page(doc.sections[-1])
        else:
            _line(doc, style, text)
    return save(doc)


def build_layout(name: str) -> bytes:
    """The shipped template `name` (a key of `LAYOUTS`) as DOCX bytes."""
    return build(LAYOUTS[name], TITLES.get(name, "部门整体支出绩效自评报告模板"))


def main(folder: Path | None = None) -> None:
    """Write every shipped template into `folder` (the package's templates/ by default)."""
    from jixiao.render.template import TEMPLATE_DIR

    target = folder or TEMPLATE_DIR
    target.mkdir(parents=True, exist_ok=True)
    for name in LAYOUTS:
        (target / f"{name}.docx").write_bytes(build_layout(name))
        print(f"wrote {target / name}.docx")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
