#!/usr/bin/env bash
# Create .venv (once) and install jixiao with its development tools and OCR into it.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
if ! .venv/bin/python -c "import jixiao, pytest, ruff, rapidocr_onnxruntime" >/dev/null 2>&1 || [ pyproject.toml -nt .venv/.installed ]; then
  .venv/bin/pip install --quiet --disable-pip-version-check -e ".[dev,ocr]"
  touch .venv/.installed
fi
