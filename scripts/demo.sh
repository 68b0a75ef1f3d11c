#!/usr/bin/env bash
# The main job on the bundled examples: read every report in examples/ and print what was
# extracted (records as JSON in out/records/), then review them all in batch — score, check,
# summary.xlsx / summary.html — loading the results into the embedded SQLite database
# out/review/jixiao.db; finally start the web application on its own SQLite file with the
# examples loaded as a region's submissions, printing the demo logins (Ctrl+C stops it).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
.venv/bin/jixiao extract examples/ --out out/records
.venv/bin/jixiao review examples/ --out out/review --db sqlite:///out/review/jixiao.db
.venv/bin/jixiao serve --demo --db sqlite:///out/web/jixiao.db --port "${JIXIAO_PORT:-8000}"
