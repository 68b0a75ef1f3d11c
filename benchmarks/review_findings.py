"""List the error and warning findings of `jixiao check` on folders, grouped by check code.

The list is what docs/quality.md judges finding by finding (true or false, by reading
the source); this script only gathers it, so that the judgement can be repeated after
a change:

    .venv/bin/python benchmarks/review_findings.py ../shared/real/reports ../shared/seeds
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

from jixiao.pipeline import load
from jixiao.review import Finding, Severity, review


def findings(paths: list[Path]) -> dict[str, list[tuple[str, Finding]]]:
    """Code → (file name, finding) for every error and warning under `paths`."""
    out: dict[str, list[tuple[str, Finding]]] = defaultdict(list)
    files = sorted(f for p in paths for f in (p.glob("*.txt") if p.is_dir() else [p]))
    for path in files:
        for finding in review(load(path)):
            if finding.severity is not Severity.INFO:
                out[finding.code].append((path.name, finding))
    return out


def main() -> None:
    """Print a count per code, then every finding."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("paths", nargs="+", type=Path)
    args = parser.parse_args()
    found = findings(args.paths)
    for code in sorted(found, key=lambda c: (-len(found[c]), c)):
        severity = found[code][0][1].severity.value
        print(f"{code:36} {severity:8} fired {len(found[code])}")
    print()
    for code in sorted(found):
        for name, finding in found[code]:
            print(f"{code}\t{name}\t{finding.location}\t{finding.message}")


if __name__ == "__main__":
    main()
