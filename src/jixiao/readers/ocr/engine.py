"""The recognition engine: PP-OCR models run by ONNX Runtime (``rapidocr-onnxruntime``).

The wheel ships the Chinese detection, recognition and direction models, so nothing is
downloaded at run time. We use its three models directly rather than its all-in-one
call, because we need what that call drops: the confidence of every character and
where it stands in its line (for column gaps and for the review's "check the
original" findings), detection at a resolution of our choosing, and crops from the
full-resolution page.

One `Engine` per process (`engine()`), built on first use; ``JIXIAO_OCR_THREADS`` sets
the threads of each model (default: up to 4; batch workers use 1 and run in parallel).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from typing import Any

import cv2
import numpy as np

from jixiao.readers.ocr.geometry import Box, Grey

#: Lines recognised per model call. One is fastest on one thread: a batch is padded to
#: its widest line, and the padding costs as much as text (measured: 2.4 s a page at
#: 300 dpi with 1 or 2, 2.7 s with 4, 3.1 s with 8).
_BATCH = 1


@dataclass(frozen=True, slots=True)
class Reading:
    """What the recogniser read in one crop.

    ``confidences`` has one value (0–1) per character of ``text``; ``centers`` the
    horizontal centre of each character as a share of the crop's width.
    """

    text: str
    confidences: tuple[float, ...]
    centers: tuple[float, ...]


def threads() -> int:
    """Threads per model: ``JIXIAO_OCR_THREADS``, else up to 4."""
    value = os.environ.get("JIXIAO_OCR_THREADS", "")
    if value.isdigit() and int(value) > 0:
        return int(value)
    return max(1, min(4, os.cpu_count() or 1))


class Engine:
    """Detection, recognition and 0°/180° classification of text lines."""

    def __init__(self, n_threads: int) -> None:
        from rapidocr_onnxruntime.ch_ppocr_cls import TextClassifier
        from rapidocr_onnxruntime.ch_ppocr_det import TextDetector
        from rapidocr_onnxruntime.ch_ppocr_rec import TextRecognizer
        from rapidocr_onnxruntime.main import DEFAULT_CFG_PATH
        from rapidocr_onnxruntime.utils import read_yaml, update_model_path

        config: dict[str, Any] = update_model_path(read_yaml(str(DEFAULT_CFG_PATH)))
        for part in ("Det", "Cls", "Rec"):
            config[part]["intra_op_num_threads"] = n_threads
            config[part]["inter_op_num_threads"] = 1
        # we resize pages ourselves: the detector only rounds to its stride
        config["Det"]["limit_type"] = "max"
        config["Det"]["limit_side_len"] = 1 << 16
        # float32 normalisation constants keep the detector's input arithmetic in float32
        for key in ("mean", "std"):
            config["Det"][key] = np.asarray(config["Det"][key], dtype=np.float32)
        config["Rec"]["rec_batch_num"] = _BATCH
        self._det = TextDetector(config["Det"])
        self._cls = TextClassifier(config["Cls"])
        self._rec = TextRecognizer(config["Rec"])

    def detect(self, grey: Grey) -> list[Box]:
        """Text line boxes of `grey` (in its pixel coordinates), axis-aligned."""
        found, _ = self._det(cv2.cvtColor(grey, cv2.COLOR_GRAY2BGR))
        if found is None or len(found) == 0:
            return []
        out = []
        for quad in np.asarray(found, dtype=np.float32):
            x0, y0 = quad.min(axis=0)
            x1, y1 = quad.max(axis=0)
            out.append(Box(float(x0), float(y0), float(x1), float(y1)))
        return out

    def recognize(self, crops: list[Grey]) -> list[Reading]:
        """Read each crop (one text line each)."""
        if not crops:
            return []
        images = [cv2.cvtColor(crop, cv2.COLOR_GRAY2BGR) for crop in crops]
        results, _ = self._rec(images, True)
        return [_reading(result) for result in results]

    def upside_down(self, crops: list[Grey]) -> float:
        """The share of `crops` that the direction model reads as turned by 180°."""
        if not crops:
            return 0.0
        images = [cv2.cvtColor(crop, cv2.COLOR_GRAY2BGR) for crop in crops]
        _, labels, _ = self._cls(images)
        flipped = sum(1 for label, score in labels if "180" in str(label) and float(score) > 0.7)
        return flipped / len(crops)


def _reading(result: Any) -> Reading:
    """A `Reading` from the recogniser's (text, mean score, word info) triple."""
    text = str(result[0])
    if not text:
        return Reading("", (), ())
    info = result[2]
    steps = float(info[0]) or 1.0
    columns = [col for word in info[2] for col in word]
    confidences = tuple(float(c) for c in info[4])
    if len(columns) != len(text) or len(confidences) != len(text):
        mean = float(result[1])
        n = len(text)
        return Reading(text, (mean,) * n, tuple((i + 0.5) / n for i in range(n)))
    centers = tuple(min(1.0, (col + 0.5) / steps) for col in columns)
    return Reading(text, confidences, centers)


@cache
def engine(n_threads: int | None = None) -> Engine:
    """The process's engine (models load once, in about half a second)."""
    return Engine(n_threads or threads())
