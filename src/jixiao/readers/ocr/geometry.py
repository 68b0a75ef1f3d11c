"""Small geometry shared by the OCR modules: greyscale pages and axis-aligned boxes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

#: A greyscale page or crop: 2-D, uint8, 0 black … 255 white.
Grey = npt.NDArray[np.uint8]
#: Any pixel array (greyscale or RGB).
Pixels = npt.NDArray[Any]


@dataclass(frozen=True, slots=True)
class Box:
    """An axis-aligned rectangle in page pixels: left, top, right, bottom."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        """Right minus left."""
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        """Bottom minus top."""
        return self.y1 - self.y0

    @property
    def cx(self) -> float:
        """Horizontal centre."""
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        """Vertical centre."""
        return (self.y0 + self.y1) / 2

    def scaled(self, factor: float) -> Box:
        """The box with every coordinate multiplied by `factor`."""
        return Box(self.x0 * factor, self.y0 * factor, self.x1 * factor, self.y1 * factor)

    def contains(self, x: float, y: float) -> bool:
        """Whether the point lies inside (edges included)."""
        return self.x0 <= x <= self.x1 and self.y0 <= y <= self.y1

    def crop(self, image: Grey, pad: float = 0.0) -> Grey:
        """The pixels under the box, grown by `pad` on every side, clipped to the image."""
        h, w = image.shape[:2]
        x0, y0 = max(0, int(self.x0 - pad)), max(0, int(self.y0 - pad))
        x1, y1 = min(w, int(np.ceil(self.x1 + pad))), min(h, int(np.ceil(self.y1 + pad)))
        return image[y0:y1, x0:x1]
