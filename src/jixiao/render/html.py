"""HTML renderer: the report as one self-contained page for the web view.

The page has inline CSS only (no scripts, no external fonts or files), so it opens
offline. Fonts are named as system fonts with fallbacks (仿宋 → Noto Serif CJK SC →
serif). Tables keep their merged cells as ``rowspan``/``colspan``.
"""

from __future__ import annotations

from html import escape

from jixiao.render.layout import Element, Heading, PageBreak, Paragraph, TableSpec

BODY_FONTS = (
    '"仿宋_GB2312", "仿宋", FangSong, STFangsong, "Noto Serif CJK SC", "Source Han Serif SC", serif'
)
TITLE_FONTS = (
    '"方正小标宋简体", "华文中宋", STZhongsong, "宋体", SimSun, "Noto Serif CJK SC", serif'
)
HEI_FONTS = (
    '"黑体", SimHei, "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif'
)
KAI_FONTS = '"楷体_GB2312", "楷体", KaiTi, STKaiti, "Noto Serif CJK SC", serif'

CSS = f"""
body {{ margin: 0; background: #f3f3f3; color: #000; }}
main {{ max-width: 210mm; margin: 1.5em auto; background: #fff; padding: 37mm 26mm 35mm 28mm;
  box-sizing: border-box; font-family: {BODY_FONTS}; font-size: 16pt; line-height: 28pt; }}
h1 {{ font-family: {TITLE_FONTS}; font-size: 22pt; font-weight: normal; text-align: center;
  line-height: 36pt; margin: 0 0 28pt; }}
h2 {{ font-family: {HEI_FONTS}; font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em; }}
h3 {{ font-family: {KAI_FONTS}; font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em; }}
h4 {{ font-size: 16pt; font-weight: bold; margin: 0; text-indent: 2em; }}
p {{ margin: 0; text-indent: 2em; text-align: justify; }}
p.label {{ font-family: {HEI_FONTS}; text-indent: 0; margin-top: 1em; }}
p.note {{ font-size: 12pt; text-indent: 0; }}
p.center {{ text-align: center; text-indent: 0; }}
p.right {{ text-align: right; }}
.caption {{ font-family: {TITLE_FONTS}; font-size: 18pt; text-align: center; margin: .5em 0; }}
table {{ border-collapse: collapse; width: 100%; margin: .5em 0 1em; line-height: 1.35; }}
td, th {{ border: 1px solid #000; padding: 2pt 4pt; vertical-align: middle; }}
th {{ background: #f2f2f2; font-family: {HEI_FONTS}; font-weight: normal; }}
.left {{ text-align: left; }} .center {{ text-align: center; }} .right {{ text-align: right; }}
.finding-error {{ color: #b00020; }} .finding-warning {{ color: #8a5300; }}
hr.page {{ border: 0; border-top: 1px dashed #bbb; margin: 2em -26mm 2em -28mm; }}
@media print {{ body {{ background: #fff; }} main {{ margin: 0; padding: 0; max-width: none; }}
  hr.page {{ border: 0; margin: 0; page-break-after: always; }} }}
@page {{ size: A4; margin: 37mm 26mm 35mm 28mm; }}
"""


def _table(spec: TableSpec) -> str:
    parts = []
    if spec.caption:
        parts.append(f'<div class="caption">{escape(spec.caption)}</div>')
    total = sum(spec.widths) if spec.widths else 0
    parts.append(f'<table style="font-size:{spec.font_size}pt">')
    if total:
        cols = "".join(f'<col style="width:{w / total * 100:.1f}%">' for w in spec.widths)
        parts.append(f"<colgroup>{cols}</colgroup>")
    for row in spec.rows:
        cells = []
        for cell in row:
            tag = "th" if cell.header else "td"
            span = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + (
                f' colspan="{cell.colspan}"' if cell.colspan > 1 else ""
            )
            text = "<br>".join(escape(line) for line in cell.text.split("\n"))
            cells.append(f'<{tag} class="{cell.align}"{span}>{text}</{tag}>')
        parts.append(f"<tr>{''.join(cells)}</tr>")
    parts.append("</table>")
    return "\n".join(parts)


def _element(element: Element) -> str:
    if isinstance(element, Heading):
        tag = f"h{min(element.level, 3) + 1}"
        return f"<{tag}>{escape(element.text)}</{tag}>"
    if isinstance(element, Paragraph):
        css = "" if element.style == "body" else f' class="{element.style}"'
        return f"<p{css}>{escape(element.text)}</p>"
    if isinstance(element, TableSpec):
        return _table(element)
    assert isinstance(element, PageBreak)
    return '<hr class="page">'


def render_html(elements: list[Element], *, title: str = "") -> str:
    """The elements as one self-contained HTML page."""
    return page("\n".join(_element(e) for e in elements), title=title)


def page(body: str, *, title: str = "") -> str:
    """A self-contained page around `body` (the report's CSS inline)."""
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )
