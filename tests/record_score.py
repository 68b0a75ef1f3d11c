"""Precision, recall and F1 of an extracted record against its true record (our own scorer).

It follows the scoring rules of the record contract (``spec/record.md``, "How
extraction is scored"), so that tests need nothing outside the repository:

- every non-null scalar of the truth is a fact; numbers match within 0.005, text
  after removing white space; an explicit null in the truth is "not stated", and a
  value there is a false positive; fields the truth does not mention are not scored;
- list items with a name (projects, indicators) are paired by name similarity (at
  least 0.5), then their fields are facts; the name itself counts when at least 0.8
  similar; an unpaired predicted item is a false positive;
- each problem and measure is one fact, found when a predicted item covers most
  (60%) of its text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

NAMED = ("projects", "indicators")
TEXTS = ("problems", "measures")


@dataclass
class Score:
    """True positives, false positives, false negatives, and notes on the misses."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall (1.0 when nothing is scored)."""
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return 2 * p * r / (p + r) if p + r else 0.0


def _norm(text: Any) -> str:
    return re.sub(r"\s+", "", str(text))


def _similar(a: Any, b: Any) -> float:
    a, b = _norm(a), _norm(b)
    return SequenceMatcher(None, a, b, autojunk=False).ratio() if a and b else 0.0


def _covers(part: str, whole: str) -> float:
    part, whole = _norm(part), _norm(whole)
    if not part:
        return 1.0
    blocks = SequenceMatcher(None, part, whole, autojunk=False).get_matching_blocks()
    return sum(b.size for b in blocks) / len(part)


def _same(gold: Any, pred: Any) -> bool:
    if pred is None:
        return False
    if isinstance(gold, bool) or isinstance(pred, bool):
        return gold == pred
    if isinstance(gold, int | float):
        try:
            return abs(float(gold) - float(pred)) <= 0.005
        except (TypeError, ValueError):
            return False
    return _norm(gold) == _norm(pred)


def _leaf(path: str, gold: Any, pred: Any, score: Score) -> None:
    if gold is None:
        if pred not in (None, "", []):
            score.fp += 1
            score.notes.append(f"{path}: not stated, got {pred!r}")
    elif _same(gold, pred):
        score.tp += 1
    else:
        score.fn += 1
        score.fp += pred not in (None, "", [])
        score.notes.append(f"{path}: want {gold!r}, got {pred!r}")


def _tree(path: str, gold: Any, pred: Any, score: Score) -> None:
    if isinstance(gold, dict):
        pred = pred if isinstance(pred, dict) else {}
        for key, value in gold.items():
            _tree(f"{path}.{key}", value, pred.get(key), score)
    else:
        _leaf(path, gold, pred, score)


def _named(path: str, gold: list[dict[str, Any]], pred: Any, score: Score) -> None:
    items = [p for p in pred if isinstance(p, dict)] if isinstance(pred, list) else []
    pairs = sorted(
        ((_similar(g.get("name"), p.get("name")), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(items)),
        reverse=True,
    )
    match: dict[int, int] = {}
    for sim, gi, pi in pairs:
        if sim >= 0.5 and gi not in match and pi not in match.values():
            match[gi] = pi
    for gi, g in enumerate(gold):
        if gi not in match:
            score.fn += sum(1 for v in g.values() if v is not None)
            score.notes.append(f"{path}[{g.get('name')}]: missing")
            continue
        p = items[match[gi]]
        for key, value in g.items():
            if key == "name":
                ok = _similar(value, p.get("name")) >= 0.8
                score.tp += ok
                score.fn += not ok
                score.fp += not ok
            else:
                _leaf(f"{path}[{g.get('name')}].{key}", value, p.get(key), score)
    score.fp += len(items) - len(match)


def _texts(path: str, gold: list[str], pred: Any, score: Score) -> None:
    items = [p for p in pred if isinstance(p, str) and _norm(p)] if isinstance(pred, list) else []
    for g in gold:
        if any(_covers(g, p) >= 0.6 for p in items) or (items and _covers(g, "".join(items)) >= 0.9):
            score.tp += 1
        else:
            score.fn += 1
            score.notes.append(f"{path}: missing {g[:20]}…")
    score.fp += sum(1 for p in items if _covers(p, "".join(gold)) < 0.6)


def score(gold: dict[str, Any], pred: dict[str, Any]) -> Score:
    """Score one predicted record (JSON data) against its true record."""
    out = Score()
    for key, value in gold.items():
        if key == "schema":
            continue
        if key in NAMED and isinstance(value, list):
            _named(key, value, pred.get(key), out)
        elif key in TEXTS and isinstance(value, list):
            _texts(key, value, pred.get(key), out)
        else:
            _tree(key, value, pred.get(key), out)
    return out
