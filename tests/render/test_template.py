"""Layouts as data: shipped templates, a template of one's own, and clear messages for bad ones."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from jixiao.errors import ConfigError
from jixiao.model.record import Record
from jixiao.render import render
from jixiao.render.narrative import Narrative
from jixiao.render.placeholders import NAMES, PLACEHOLDERS, REQUIRED, TODO, catalogue_markdown
from jixiao.render.template import TEMPLATE_DIR, fill, template_path
from jixiao.render.template_build import LAYOUTS, build_layout

HUNAN_L1 = [
    "一、部门基本情况",
    "二、一般公共预算支出情况",
    "三、政府性基金预算支出情况",
    "四、国有资本经营预算支出情况",
    "五、社会保险基金预算支出情况",
    "六、部门整体支出绩效情况",
    "七、存在的问题及原因分析",
    "八、下一步改进措施",
    "九、部门整体支出绩效自评结果拟应用和公开情况",
]


def _paragraphs(data: bytes, style: str | None = None) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    return [p.text for p in document.paragraphs if style is None or p.style.name == style]


def _template(tmp_path: Path, *lines: str) -> Path:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    path = tmp_path / "mine.docx"
    document.save(str(path))
    return path


def _document_xml(data: bytes) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_shipped_templates_are_what_the_builder_makes(name: str) -> None:
    shipped = (TEMPLATE_DIR / f"{name}.docx").read_bytes()
    assert _document_xml(shipped) == _document_xml(build_layout(name))


def test_profiles_choose_templates() -> None:
    assert template_path("hunan-dept").name == "hunan.docx"
    assert template_path("mof-2020").name == "generic.docx"
    assert template_path(None).name == "hunan.docx"
    with pytest.raises(ConfigError, match="未知的报告模板"):
        template_path("nowhere")


def test_hunan_outline_and_generic_outline() -> None:
    assert _paragraphs(render(Record()), "Heading 1") == HUNAN_L1
    assert _paragraphs(render(Record(), profile="generic"), "Heading 1")[1] == "二、预算收支情况"


def test_an_empty_record_marks_missing_prose_and_states_no_figure() -> None:
    text = "\n".join(_paragraphs(render(Record(department="甲单位"), Narrative())))
    assert TODO in text
    assert "万元" not in text and "0.00" not in text and "人。" not in text


def test_the_sample_has_no_todo_and_ends_with_its_signature(
    record: Record, narrative: Narrative
) -> None:
    texts = _paragraphs(render(record, narrative))
    assert not any(TODO in t for t in texts)
    assert "十、其他需要说明的情况" not in texts
    body_end = texts.index("附件1")
    assert texts[body_end - 2 : body_end] == ["青禾县示例事务服务中心", "2024年3月15日"]


def test_a_draft_without_a_date_ends_with_the_unit(record: Record) -> None:
    texts = _paragraphs(render(record))
    assert texts[texts.index("附件1") - 1] == "青禾县示例事务服务中心"


def test_other_sections_appear_with_text(record: Record) -> None:
    narrative = Narrative(other="无其他需要说明的情况。", signed_on="2024年3月15日")
    texts = _paragraphs(render(record, narrative))
    assert "十、其他需要说明的情况" in texts and "2024年3月15日" in texts


def test_a_template_of_ones_own(tmp_path: Path, record: Record) -> None:
    lines = [f"{{{{ {name} }}}}" for name in REQUIRED] + ["单位：{{ 部门名称 }}"]
    data = fill(record, template=_template(tmp_path, *lines))
    texts = _paragraphs(data)
    assert "单位：青禾县示例事务服务中心" in texts
    assert len(docx.Document(io.BytesIO(data)).tables) == 2  # 自评表 head and indicator block


def test_a_template_missing_a_required_placeholder_is_refused(
    tmp_path: Path, record: Record
) -> None:
    lines = [f"{{{{ {name} }}}}" for name in REQUIRED if name != "自评表"]
    with pytest.raises(ConfigError, match=r"mine\.docx: 模板缺少必需的占位符 \{\{ 自评表 \}\}"):
        fill(record, template=_template(tmp_path, *lines))


def test_an_unknown_placeholder_is_named_with_a_suggestion(tmp_path: Path, record: Record) -> None:
    lines = [f"{{{{ {name} }}}}" for name in REQUIRED] + ["{{ 部门明称 }}"]
    with pytest.raises(
        ConfigError, match=r"未知的占位符 \{\{ 部门明称 \}\}（是否应为 \{\{ 部门名称 \}\}？）"
    ):
        fill(record, template=_template(tmp_path, *lines))


def test_broken_templates_get_a_message(tmp_path: Path, record: Record) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a docx")
    with pytest.raises(ConfigError, match="不是有效的 Word"):
        fill(record, template=bad)
    with pytest.raises(ConfigError, match="找不到报告模板"):
        fill(record, template=tmp_path / "missing.docx")
    unbalanced = _template(tmp_path, *[f"{{{{ {n} }}}}" for n in REQUIRED], "{% if 年度 %}")
    with pytest.raises(ConfigError, match="写法有误"):
        fill(record, template=unbalanced)


def test_catalogue_documents_every_placeholder() -> None:
    table = catalogue_markdown()
    assert all(f"{{{{ {p.name} }}}}" in table for p in PLACEHOLDERS)
    assert set(REQUIRED) <= NAMES
    docs = Path(__file__).resolve().parents[2] / "docs" / "templates.md"
    assert table in docs.read_text(encoding="utf-8")
