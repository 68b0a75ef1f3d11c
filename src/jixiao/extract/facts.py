"""Proposals of field values, each with a source and a priority; the best one wins."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jixiao.model.provenance import Provenance, SourceRef


@dataclass(frozen=True, slots=True)
class Proposal:
    """A value for a field path, where it was found, and how much to trust it."""

    path: str
    value: Any
    priority: int
    source: SourceRef
    #: Provenance of the parts of a list value (``projects[0]`` …), relative paths.
    parts: tuple[tuple[str, SourceRef], ...] = ()


@dataclass
class Facts:
    """Collects proposals; for each path keeps the one of highest priority (first on ties)."""

    best: dict[str, Proposal] = field(default_factory=dict)

    def propose(self, path: str, value: Any, priority: int, source: SourceRef,
                parts: tuple[tuple[str, SourceRef], ...] = ()) -> None:
        """Offer `value` for `path`; it replaces the held one only with a higher priority."""
        if value is None:
            return
        held = self.best.get(path)
        if held is None or priority > held.priority:
            self.best[path] = Proposal(path, value, priority, source, parts)

    def get(self, path: str) -> Any:
        """The value held for `path`, or None."""
        held = self.best.get(path)
        return None if held is None else held.value

    def priority(self, path: str) -> int:
        """The priority of the held value, or -1."""
        held = self.best.get(path)
        return -1 if held is None else held.priority

    def nested(self) -> dict[str, Any]:
        """The held values as a nested dict ready for `Record.model_validate`."""
        out: dict[str, Any] = {}
        for path, proposal in self.best.items():
            node = out
            *heads, last = path.split(".")
            for head in heads:
                node = node.setdefault(head, {})
            node[last] = proposal.value
        return out

    def provenance(self) -> Provenance:
        """Field path → source, including the parts of list values."""
        prov: Provenance = {}
        for path, proposal in self.best.items():
            prov[path] = proposal.source
            for sub, ref in proposal.parts:
                prov[f"{path}{sub}"] = ref
        return prov
