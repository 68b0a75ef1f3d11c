#!/usr/bin/env bash
# The main job on the bundled examples: read every report in examples/, print what was
# extracted, write the records as JSON to out/records/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
.venv/bin/jixiao extract examples/ --out out/records
