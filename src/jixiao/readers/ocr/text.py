"""Recognised text as (character, confidence) pairs: clean-up and doubtful words.

The recogniser writes Chinese punctuation in its ASCII form more often than the
documents do (``,`` for ``，``), reads a small full stop as ``°`` and ``、`` as ``丶``,
and sometimes puts a space between two Chinese characters or inside a number. `normalise` undoes these
where the neighbours show Chinese text; numbers (``1,234.50``) are left alone.
"""

from __future__ import annotations

import re

#: A recognised text: each character (or an inserted separator) with its confidence.
Chars = list[tuple[str, float]]

_CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef“”‘’《》]")
_FULL = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "?": "？", "!": "！"}
_NUMBER = re.compile(r"[0-9.,%]")


def _is_cjk(text: str) -> bool:
    return bool(text) and bool(_CJK.match(text[0]))


def _neighbour(chars: Chars, i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(chars):
        text = chars[j][0]
        if text.strip():
            return text[0] if step > 0 else text[-1]
        if text not in (" ",):  # a column gap or a line break ends the search
            return ""
        j += step
    return ""


def normalise(chars: Chars) -> Chars:
    """Clean recognised text (see the module docstring); confidences follow their characters."""
    out: Chars = []
    quoted = False
    for i, (text, conf) in enumerate(chars):
        before, after = _neighbour(chars, i, -1), _neighbour(chars, i, 1)
        if text == "丶":
            text = "、"
        elif text == "°" and (_is_cjk(before) or before in "%)") and not after[:1].isalnum():
            text = "。"
        elif text in _FULL and (_is_cjk(before) or _is_cjk(after)):
            if not (text == "," and before.isdigit() and after.isdigit()):
                text = _FULL[text]
        elif text in ('"', "“", "”") and (_is_cjk(before) or _is_cjk(after)):
            text = "”" if quoted else "“"
        if text in ("“", "”"):
            quoted = text == "“"
        out.append((text, conf))
    return [
        pair
        for i, pair in enumerate(out)
        if not (pair[0] == " " and _joined(_neighbour(out, i, -1), _neighbour(out, i, 1)))
    ]


def _joined(before: str, after: str) -> bool:
    """Whether a single space between `before` and `after` is an artefact: Chinese text on
    both sides, or a decimal point and a digit (``8. 67``); two numbers stay apart."""
    if _is_cjk(before) and _is_cjk(after):
        return True
    return (before == "." and after.isdigit()) or (before.isdigit() and after == ".")


def meaningful(chars: Chars, i: int) -> bool:
    """Whether character `i` carries meaning: a letter, digit or Chinese character, or a
    mark inside a number (``1,234.5``); other punctuation (and ``%``) does not."""
    text = chars[i][0]
    if not text.strip():
        return False
    if text.isalnum():
        return True
    if text in ".,":
        before = chars[i - 1][0] if i else ""
        after = chars[i + 1][0] if i + 1 < len(chars) else ""
        return before[-1:].isdigit() and after[:1].isdigit()
    return False


def doubtful_words(chars: Chars, threshold: float) -> tuple[str, ...]:
    """The words holding meaningful characters read with confidence below `threshold`.

    A number (digits, ``.``, ``,``, ``%``) counts whole; any other character with its
    neighbours on both sides.
    """
    found: list[str] = []
    for i, (text, conf) in enumerate(chars):
        if conf >= threshold or not meaningful(chars, i):
            continue
        if _NUMBER.match(text):
            start, end = i, i + 1
            while start > 0 and _NUMBER.match(chars[start - 1][0]):
                start -= 1
            while end < len(chars) and _NUMBER.match(chars[end][0]):
                end += 1
        else:
            start, end = max(0, i - 1), min(len(chars), i + 2)
        word = "".join(c for c, _ in chars[start:end]).strip()
        if word and word not in found:
            found.append(word)
    return tuple(found)
