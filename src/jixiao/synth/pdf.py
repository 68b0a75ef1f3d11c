"""Many DOCX reports converted to PDF in one LibreOffice run.

LibreOffice takes a second or two to start; converting a batch of documents in one
``soffice --convert-to pdf`` call costs a fraction of that per document. Fonts are
mapped as for single reports (`jixiao.render.pdf.fontconfig_text`).
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from jixiao.render.pdf import ConversionError, pdf_job, soffice_path

#: Seconds allowed per document of a batch.
SECONDS_PER_DOCUMENT = 20


def docx_batch_to_pdf(documents: list[bytes]) -> list[bytes]:
    """The PDF of each DOCX in `documents`, in order; raises `ConversionError`."""
    if not documents:
        return []
    soffice = soffice_path()
    if soffice is None:
        raise ConversionError("未找到 LibreOffice（soffice），无法生成 PDF")
    with tempfile.TemporaryDirectory(prefix="jixiao-synth-pdf-") as tmp:
        work = Path(tmp)
        sources = []
        for i, data in enumerate(documents):
            sources.append(work / f"d{i:05d}.docx")
            sources[-1].write_bytes(data)
        command, env = pdf_job(soffice, work, sources)
        timeout = 60 + SECONDS_PER_DOCUMENT * len(documents)
        try:
            subprocess.run(command, env=env, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise ConversionError("PDF 批量转换超时") from exc
        out = []
        for source in sources:
            target = work / "out" / f"{source.stem}.pdf"
            if not target.is_file():
                raise ConversionError(f"PDF 转换失败：{source.name}")
            out.append(target.read_bytes())
        return out
