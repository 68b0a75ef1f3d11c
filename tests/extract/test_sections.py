"""The narrative kept with the record: prose sections, title, preamble and 落款."""

from __future__ import annotations

from pathlib import Path

from jixiao.pipeline import load, load_bytes
from jixiao.render import render
from jixiao.render.narrative import load_bundle

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "render" / "sample.json"

REPORT = """丙县示例局2024年度部门整体支出绩效自评报告
根据县财政局的通知要求，我局对2024年度部门整体支出开展了绩效自评，现将有关情况报告如下。
一、部门基本情况
（一）部门职能
1.负责全县示例事务的统筹管理。
2.承担示例设施的建设和维护。
（二）机构设置
我局内设办公室、业务股2个股室。
二、一般公共预算支出情况
全年预算500.00万元，全年支出480.00万元。
三、部门整体支出绩效情况
全年工作总体顺利。
（一）示例设施维护有序
全年维护设施120处。
（二）群众服务持续改善
服务群众3000人次。
四、资产管理情况
资产实行统一登记、定期清查。
五、存在的主要问题及原因分析
（一）预算执行进度前慢后快。
原因主要是项目前期手续耗时较长。
六、下一步改进措施
（一）加快项目前期工作。
七、自评结果应用和公开情况
自评结果用于改进下年度预算编制。
本报告在县政府门户网站公开。
丙县示例局
2025年3月15日
附件1
基础数据表
"""


def test_sections_of_a_report_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    narrative = load(path).narrative
    assert narrative.title == "丙县示例局2024年度部门整体支出绩效自评报告"
    assert narrative.preamble and narrative.preamble.startswith("根据县财政局的通知要求")
    assert narrative.functions == ["负责全县示例事务的统筹管理。", "承担示例设施的建设和维护。"]
    assert narrative.organization == "我局内设办公室、业务股2个股室。"
    assert [(t.title, t.text) for t in narrative.work_done] == [
        (None, "全年工作总体顺利。"),
        ("示例设施维护有序", "全年维护设施120处。"),
        ("群众服务持续改善", "服务群众3000人次。"),
    ]
    assert [(t.title, t.text) for t in narrative.other_sections] == [
        ("资产管理情况", "资产实行统一登记、定期清查。")
    ]
    assert narrative.problem_causes == "原因主要是项目前期手续耗时较长。"
    assert narrative.application == "自评结果用于改进下年度预算编制。"
    assert narrative.publication == "本报告在县政府门户网站公开。"
    assert (narrative.signed_by, narrative.signed_on) == ("丙县示例局", "2025年3月15日")


def test_problem_causes_stay_out_of_the_problems(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    assert load(path).record.problems == ["预算执行进度前慢后快。"]


def test_a_rendered_report_gives_its_narrative_back() -> None:
    record, narrative = load_bundle(SAMPLE)
    extraction = load_bytes(render(record, narrative), name="a.docx")
    expected = narrative.model_copy(
        update={
            "title": "2023年度青禾县示例事务服务中心部门整体支出绩效自评报告",
            "signed_by": record.department,
        }
    )
    assert extraction.narrative == expected
    assert extraction.record.problems == record.problems
