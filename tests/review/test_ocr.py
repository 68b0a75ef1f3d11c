"""The OCR check: values read with low confidence from a scan are to be checked against it."""

from __future__ import annotations

from jixiao.extract import extract
from jixiao.model.document import Block, Cell, Document, Position, Table
from jixiao.review import get_check, review
from jixiao.review.ocr import field_name, matches

CHECK = (get_check("ocr-low-confidence"),)
BUDGET = "2024年年初预算745.60万元，全年预算786.32万元，其中基本支出528.90万元，项目支出257.42万元。"
HEADER = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
ROWS = [
    ["产出指标", "数量指标", "水质检测样本数", "≥1200份", "1236份", "12", "12"],
    ["效益指标", "生态效益指标", "节水宣传覆盖村数", "≥120个", "104个", "10", "8.67"],
]


def _document(doubtful_budget: tuple[str, ...], doubtful_score: tuple[str, ...]) -> Document:
    sure = Position(page=1, confidence=0.99)
    cells = [Cell(0, c, text, position=sure) for c, text in enumerate(HEADER)]
    for r, row in enumerate(ROWS, start=1):
        for c, text in enumerate(row):
            doubt = doubtful_score if text == "8.67" else ()
            position = Position(page=2, confidence=0.55 if doubt else 0.99, doubtful=doubt)
            cells.append(Cell(r, c, text, position=position))
    budget = Position(page=1, confidence=0.6 if doubtful_budget else 0.99, doubtful=doubtful_budget)
    blocks = (
        Block("paragraph", "2024年度示例县水务中心部门整体支出绩效自评报告", position=sure),
        Block("paragraph", BUDGET, position=budget),
        Block("table", table=Table(tuple(cells), 3, 7), position=Position(page=2)),
    )
    return Document("scan.pdf", "pdf", blocks, ocr_pages=(1, 2))


def test_doubtful_figures_are_findings_of_their_own() -> None:
    extraction = extract(_document(("786.32",), ("8.67",)))
    findings = review(extraction, checks=CHECK)
    messages = [f.message for f in findings]
    assert any(m.startswith("全年预算合计“786.32”") and "请核对原件" in m for m in messages)
    assert any("指标“节水宣传覆盖村数”的得分“8.67”" in m for m in messages)
    assert not any("745.6" in m for m in messages)  # same paragraph, read with confidence
    assert all(f.severity.value == "warning" and f.location for f in findings)
    assert len(findings) == 2


def test_sure_reads_and_documents_not_from_scans_are_silent() -> None:
    assert review(extract(_document((), ())), checks=CHECK) == []
    doubt_elsewhere = extract(_document(("其中基",), ()))
    assert review(doubt_elsewhere, checks=CHECK) == []


def test_field_names_and_matching() -> None:
    assert field_name("budget.actual.personnel") == "全年支出人员经费"
    assert field_name("three_public.actual.reception") == "“三公”经费决算公务接待费"
    assert field_name("staffing.retired") == "离退休人数"
    assert field_name("funds.carryover.actual") == "上年结转资金全年执行数"
    assert field_name("budget_execution.rate") == "预算执行率"
    assert matches("786.32", "786.32") and matches("8.670", "8.67") and matches("1,236", "1236份")
    assert not matches("786.32", "786.3") and not matches("控A制", "公用经费控制数")


def test_an_arithmetic_finding_on_a_doubtful_figure_waits_for_the_original() -> None:
    document = _document(("788.32",), ())
    misread = [b if b.kind != "paragraph" or "786.32" not in b.text else
               Block("paragraph", b.text.replace("786.32", "788.32"), position=b.position)
               for b in document.blocks]
    findings = review(extract(Document("scan.pdf", "pdf", tuple(misread), ocr_pages=(1, 2))))
    ocr = [f for f in findings if f.code == "ocr-low-confidence"]
    about = [f for f in findings if f.code != "ocr-low-confidence" and "788.32" in f.message]
    assert ocr and ocr[0].severity.value == "warning"
    assert about and all(f.severity.value == "info" and "请先核对原件" in f.message for f in about)


def test_a_document_read_without_ocr_has_no_doubtful_figures() -> None:
    """Doubtful words come from OCR only: a document naming no scanned page is not searched for them."""
    scanned = _document(("786.32",), ("8.67",))
    typed = Document(scanned.name, scanned.format, scanned.blocks)
    assert [f.code for f in review(extract(scanned), checks=CHECK)]
    assert review(extract(typed), checks=CHECK) == []
