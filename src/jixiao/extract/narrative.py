"""Problems admitted and improvement measures, split into items.

They stand in sections titled like 存在的（主要）问题 and （下一步）改进措施, or after
inline labels (“存在的主要问题：…”, “下一步改进措施：…”). Items are the enumerated
paragraphs (一是…, （一）…, 1、…), inline enumerations, or else the sentences.
"""

from __future__ import annotations

import re
from itertools import pairwise

from jixiao.extract.context import Context, Unit
from jixiao.extract.facts import Facts
from jixiao.extract.numbers import clean
from jixiao.model.provenance import SourceRef

_PROBLEMS = re.compile(r"存在的?(?:主要)?问题|主要问题|问题及原因|问题和不足|不足之处")
_MEASURES = re.compile(r"改进措施|整改措施|改进建议|有关建议|下一步|工作计划|对策|改进意见")
_INLINE_PROBLEMS = re.compile(r"^(?:存在的?(?:主要)?问题|主要问题|问题)\s*[：:]\s*")
_INLINE_MEASURES = re.compile(r"^(?:下一步)?(?:的)?(?:改进措施|整改措施|工作措施|改进建议|工作打算)\s*[：:]\s*")
_MARK = re.compile(
    r"^(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，,、]|首先[，,]|其次[，,]|最后[，,]|"
    r"[（(]\s*[一二三四五六七八九十\d]{1,2}\s*[）)]\s*[、．.]?|[一二三四五六七八九十]{1,2}\s*[、．.]|"
    r"\d{1,2}\s*[、．.](?!\d))\s*")
_INLINE_MARK = re.compile(r"(?:(?<=[。；;])|(?<=\D\.)|^)\s*(?:[一二三四五六七八九十]+是|[（(][一二三四五六七八九十\d]{1,2}[）)])")
_END = re.compile(r"^(?:主办|承办|协办|联系(?:人|电话|方式)|电话|地址|填表人|填报(?:人|日期)|单位负责人|"
                  r"附件|网站|版权|Copyright|备案|打印|关闭|来源|发布时间)")
_BUT = re.compile(r"^.*?(?:，|,)(?:但是|但|然而|不过)(?:在|仍|还)?")

#: Labels standing inside a paragraph, after a clause (“…自评得分90分，存在的问题：一是…”).
_MID_PROBLEMS = re.compile(r"(?:^|(?<=[，,。.；;\s]))存在的?(?:主要)?问题\s*[：:]\s*")
_MID_MEASURES = re.compile(r"(?:^|(?<=[，,。.；;\s]))(?:下一步)?(?:的)?(?:改进|整改)(?:措施|建议)\s*[：:]\s*")
_STOP = re.compile(r"[。.；;！!？?]\s*$")
#: A page number copied at the head of a continued line (“…应对” / “15 项目实施对象…”).
_PAGE_NUMBER = re.compile(r"^\d{1,3}\s+(?=[\u4e00-\u9fff])(?![个人次元万年月日家所条件篇]|项(?!目))")
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")

#: A placeholder left where text is still to be written (“【待补充】分条写明…”, “（请填写）”).
_PLACEHOLDER = re.compile(r"^\s*[【\[（(]\s*(?:待补充|待填写|请填写|此处填写|待完善)")

#: An unnumbered paragraph after numbered problems that explains their causes (kept apart).
CAUSES = re.compile(r"^(?:究其)?(?:主要)?原因(?:主要)?(?:是|在于|有|：|:)|^(?:产生|出现)(?:上述|以上|这些)问题的(?:主要)?原因")


def _items_from_texts(texts: list[str]) -> list[str]:
    if any(_MARK.match(t) for t in texts):
        items: list[str] = []
        for text in texts:
            if items and not _MARK.match(text) and CAUSES.match(text):
                break
            if _MARK.match(text) or not items:
                items.append(_MARK.sub("", text, count=1))
            else:
                items[-1] += text
        return [i.strip() for i in items if i.strip()]
    joined = "".join(texts)
    if len(_INLINE_MARK.findall(joined)) >= 2:
        parts = _INLINE_MARK.split(joined)
        return [p.strip() for p in parts if p.strip()]
    sentences = [s + "。" for s in re.split(r"。", joined) if s.strip()]
    return [_BUT.sub("", s, count=1).strip() for s in sentences]


def _section(units: list[Unit], start: int) -> list[str]:
    rank = units[start].heading or 1
    texts = []
    for unit in units[start + 1:]:
        if unit.heading is not None and unit.heading <= rank:
            break
        if unit.heading is not None and (_PROBLEMS.search(unit.text) or _MEASURES.search(unit.text)):
            break
        if _END.match(unit.text) or unit.ref.row is not None:
            break
        texts.append(unit.text)
    return texts


def _inline(units: list[Unit], pattern: re.Pattern[str]) -> list[str]:
    texts: list[str] = []
    for unit in units:
        match = pattern.match(unit.text)
        if match:
            texts.append(unit.text[match.end():])
    return texts


def _collect(ctx: Context, kind: str) -> tuple[list[str], Unit | None]:
    title, other = (_PROBLEMS, _MEASURES) if kind == "problems" else (_MEASURES, _PROBLEMS)
    inline = _INLINE_PROBLEMS if kind == "problems" else _INLINE_MEASURES
    for i, unit in enumerate(ctx.units):
        if unit.heading is None or not title.search(unit.text):
            continue
        if kind == "measures" and other.search(unit.text) and not re.search(r"措施$|建议$", unit.text):
            continue
        texts = [t for t in _section(ctx.units, i) if not inline.match(t)] or _inline(ctx.units, inline)
        texts = [t for t in texts if not (kind == "problems" and _INLINE_MEASURES.match(t))]
        if texts:
            return texts, unit
    texts = _inline(ctx.units, inline)
    return texts, None


def _midline(ctx: Context, kind: str) -> tuple[list[str], Unit | None]:
    """Text after a label standing inside a paragraph, up to the next label or sentence end.

    A paragraph broken mid-sentence is followed onto the next lines (at most three).
    """
    label = _MID_PROBLEMS if kind == "problems" else _MID_MEASURES
    for i, unit in enumerate(ctx.units):
        match = label.search(unit.text)
        if not match or unit.ref.row is not None:
            continue
        text = unit.text[match.end():]
        for nxt in ctx.units[i + 1:i + 4]:
            if _STOP.search(text) or nxt.heading is not None or nxt.ref.row is not None:
                break
            text += _PAGE_NUMBER.sub("", nxt.text)
        cut = _MID_MEASURES.search(text) if kind == "problems" else None
        text = text[:cut.start()] if cut else text
        text = _CJK_GAP.sub("", text).strip()
        if text:
            starts = [0] + [m.start() for m in _INLINE_MARK.finditer(text) if m.start() > 0]
            return [text[a:b].strip() for a, b in pairwise([*starts, len(text)])], unit
    return [], None


def _from_tables(ctx: Context, kind: str) -> tuple[list[str], SourceRef | None]:
    """A form row labelled 存在问题 / 改进措施 whose other cells hold the text."""
    title = _PROBLEMS if kind == "problems" else _MEASURES
    for index, table, _ in ctx.tables:
        for row in table.rows():
            label = clean(row[0].text) if row else ""
            if not (label and len(label) <= 12 and title.search(label)):
                continue
            if kind == "problems" and _MEASURES.search(label):
                continue
            texts = [line.strip() for c in row[1:] for line in c.text.splitlines() if line.strip()]
            if texts:
                cell = row[1]
                return texts, SourceRef(index, cell.position, cell.text, row=cell.row, col=cell.col)
    return [], None


def extract(ctx: Context, facts: Facts) -> None:
    """Propose problems and measures."""
    for kind in ("problems", "measures"):
        texts, unit = _collect(ctx, kind)
        ref = unit.ref if unit else (ctx.units[0].ref if ctx.units else None)
        priority = 20
        if not texts:
            texts, ref = _from_tables(ctx, kind)
            priority = 15
        if not texts:
            texts, found = _midline(ctx, kind)
            ref, priority = (found.ref if found else None), 10
        texts = [t for t in texts if not _PLACEHOLDER.match(t)]
        items = [i for i in _items_from_texts(texts) if not _PLACEHOLDER.match(i)]
        if items and ref is not None:
            facts.propose(kind, items, priority, ref)
