"""Generate the catalogue of checks: ``python -m jixiao.review.docs > docs/checks.md``."""

from __future__ import annotations

from jixiao.review.registry import all_checks

FAMILY_TITLES = {
    "arithmetic": "算术（合计与分项、增减额与幅度）",
    "counts": "计数（所称个数与所列名称、各部分之和）",
    "dates": "日期与年度（标题、表头、落款与发布时间）",
    "forms": "自评表（未填写的模板、行间一致）",
    "crossref": "前后一致（同一数据多处填报）",
    "rates": "比率（填报比率与计算公式）",
    "scoring": "评分（分值、得分、总分、等级）",
    "completeness": "完整性（章节、实际值、说明）",
    "quality": "指标质量（量化、单位、表述）",
    "plausibility": "合理性（执行率、超预算、超编）",
    "contradictions": "自相矛盾（表述与数据不符）",
    "hygiene": "公开规范（个人信息）",
    "workbook": "填报工作簿（无法读取的单元格）",
    "ocr": "扫描件识别（请核对原件）",
}


def render() -> str:
    """The Markdown catalogue: one entry per registered check, with an example message."""
    lines = [
        "# Checks of `jixiao check`",
        "",
        "Generated from the registry by `python -m jixiao.review.docs`; do not edit by hand.",
        "",
    ]
    for family, title in FAMILY_TITLES.items():
        checks = [c for c in all_checks() if c.family == family]
        if not checks:
            continue
        lines += [f"## {family}: {title}", ""]
        for item in checks:
            lines += [
                f"### `{item.code}` ({item.severity.value})",
                "",
                f"{item.title}。{(item.run.__doc__ or '').strip()}",
                "",
                f"- 示例：{item.render(item.example)}",
                f"- 建议：{item.suggestion}",
                "",
            ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(render(), end="")
