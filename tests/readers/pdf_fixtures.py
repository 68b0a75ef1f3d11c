"""Made-up PDF fixtures built with the project's renderers and LibreOffice.

- `long_table_record`: a synthetic department record whose indicator table has
  many rows with long 偏差原因 texts, so that the 自评表 runs over page breaks and
  rows are split by them;
- `ruleless`: a rendered DOCX with every table border and shading removed (a
  table laid out by alignment only);
- `with_running_head`: a rendered DOCX with a running head on every page (the
  renderer already writes page numbers in the footer).

Every PDF is made by `jixiao.render.pdf.docx_to_pdf` (LibreOffice headless).
"""

from __future__ import annotations

import io
import random
import zipfile
from decimal import Decimal

from lxml import etree

from jixiao.model.record import Indicator, Record, SelfEvaluation
from jixiao.synth.records import make_record

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"

DEVIATIONS = (
    "受汛期影响，部分现场培训改为线上开展，参训人次较年初计划略有减少；下一步将提前谋划培训安排，"
    "做好线上线下两种方案的衔接，确保年度任务按期完成。",
    "个别乡镇申报材料报送滞后，资金拨付时间比计划推迟约两周；今后将建立台账逐月调度，"
    "对进度滞后的单位及时督促提醒。",
    "宣传资料印制数量根据实际需求作了调减，节约的资金已按规定收回；明年将根据上年发放情况"
    "科学测算印制数量，避免积压浪费。",
    "服务对象满意度调查样本覆盖面不够广，部分偏远村组未纳入抽样；下一步将扩大抽样范围，"
    "并引入第三方机构开展独立调查，提高结果的代表性。",
)
NAMES = (
    "开展业务培训",
    "印发宣传资料",
    "组织专项检查",
    "办理群众来信",
    "完成课题调研",
    "召开工作会议",
    "更新办公设备",
    "开展技能比武",
    "编印工作简报",
    "走访服务对象",
    "整理归档案卷",
    "组织志愿服务",
    "发放补助资金",
    "维护信息系统",
    "开展安全演练",
    "培训基层骨干",
    "完成数据核查",
    "开展政策宣讲",
    "组织集中采购",
    "处理投诉举报",
)


def long_table_record(seed: int = 11) -> Record:
    """A department record with 20 indicators, most of them with a long 偏差原因."""
    rng = random.Random(f"pdf-fixture:{seed}")
    record = make_record(rng)
    indicators = []
    for i, name in enumerate(NAMES):
        level2 = ("数量指标", "质量指标", "时效指标", "成本指标")[i % 4]
        target = rng.randint(10, 90)
        deviation = DEVIATIONS[i % len(DEVIATIONS)] if i % 5 != 4 else None
        actual = target - 1 if deviation else target
        indicators.append(
            Indicator(
                level1="产出指标",
                level2=level2,
                name=name,
                target=f"≥{target}次",
                actual=f"{actual}次",
                weight=Decimal(4),
                score=Decimal(4) if deviation is None else Decimal("3.5"),
                deviation=deviation,
            )
        )
    total = sum((i.score or Decimal(0) for i in indicators), Decimal(0))
    grade = "优" if total >= 90 else "良" if total >= 80 else "中" if total >= 60 else "差"
    return record.model_copy(
        update={
            "indicators": indicators,
            "self_evaluation": SelfEvaluation(score=total, grade=grade),  # type: ignore[arg-type]
        }
    )


def _rewrite(docx: bytes, part: str, change: object) -> bytes:
    """`docx` with one XML part rewritten by `change(root)`."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == part:
                root = etree.fromstring(data)
                change(root)  # type: ignore[operator]
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(item, data)
    return out.getvalue()


def _strip_rules(root: etree._Element) -> None:
    for tag in ("tblBorders", "tcBorders", "shd", "tblStyle", "pBdr"):
        for el in list(root.iter(f"{_W}{tag}")):
            el.getparent().remove(el)
    for tbl_pr in root.iter(f"{_W}tblPr"):
        borders = etree.SubElement(tbl_pr, f"{_W}tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            etree.SubElement(borders, f"{_W}{edge}", {f"{_W}val": "nil"})


def _let_rows_split(root: etree._Element) -> None:
    for tag in ("cantSplit", "tblHeader"):
        for el in list(root.iter(f"{_W}{tag}")):
            el.getparent().remove(el)


def rows_split(docx: bytes) -> bytes:
    """`docx` whose table rows may break across pages and whose headers do not repeat
    (jixiao's own print layout keeps rows whole; many published PDFs do not)."""
    return _rewrite(docx, "word/document.xml", _let_rows_split)


def ruleless(docx: bytes) -> bytes:
    """`docx` with no table rules and no cell shading."""
    return _rewrite(docx, "word/document.xml", _strip_rules)


def with_running_head(docx: bytes, text: str) -> bytes:
    """`docx` with `text` as the running head of every page."""
    import docx as python_docx

    doc = python_docx.Document(io.BytesIO(docx))
    for section in doc.sections:
        section.header.is_linked_to_previous = False
        section.header.paragraphs[0].text = text
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
