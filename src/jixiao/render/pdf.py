"""PDF renderer: the DOCX report converted by LibreOffice headless.

Each conversion runs ``soffice --headless --convert-to pdf`` in its own temporary
profile directory (so conversions can run side by side) under a time limit. A
fontconfig file maps the GB fonts the DOCX names (仿宋_GB2312, 方正小标宋简体, 黑体,
楷体_GB2312 …) to the installed Noto CJK SC fonts when the GB fonts are missing, so
every glyph is drawn with a Simplified Chinese font and embedded in the PDF.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from jixiao.errors import JixiaoError
from jixiao.render.docx import render_docx
from jixiao.render.layout import Element

#: Seconds a conversion may take.
TIMEOUT = 180
SERIF = "Noto Serif CJK SC"
SANS = "Noto Sans CJK SC"
#: Font named in documents → the installed family accepted in its place.
SUBSTITUTES = {
    "方正小标宋简体": SERIF,
    "方正小标宋_GBK": SERIF,
    "宋体": SERIF,
    "SimSun": SERIF,
    "仿宋_GB2312": SERIF,
    "仿宋": SERIF,
    "FangSong": SERIF,
    "楷体_GB2312": SERIF,
    "楷体": SERIF,
    "KaiTi": SERIF,
    "黑体": SANS,
    "SimHei": SANS,
}


class ConversionError(JixiaoError):
    """LibreOffice is missing, failed, or took too long. ``str()`` is the user message."""


def soffice_path() -> str | None:
    """The LibreOffice executable, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def fontconfig_text() -> str:
    """A fonts.conf that loads the system configuration and adds the GB font substitutes."""
    aliases = "\n".join(
        f'  <alias binding="same"><family>{name}</family><accept><family>{family}</family></accept></alias>'
        for name, family in SUBSTITUTES.items()
    )
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"{aliases}\n</fontconfig>\n"
    )


def _run(
    command: list[str], env: dict[str, str], timeout: float
) -> subprocess.CompletedProcess[bytes]:
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True
    ) as proc:
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise ConversionError(f"PDF 转换超时（超过 {timeout:.0f} 秒）") from exc
        return subprocess.CompletedProcess(command, proc.returncode, out, err)


def pdf_job(soffice: str, work: Path, sources: list[Path]) -> tuple[list[str], dict[str, str]]:
    """The LibreOffice command converting `sources` to PDF in `work/out`, and its environment.

    Each job gets its own profile and a font configuration that maps Word's Chinese fonts
    to the Noto CJK fonts, so that the PDF embeds glyphs for every character.
    """
    (work / "fonts.conf").write_text(fontconfig_text(), encoding="utf-8")
    env = dict(os.environ, FONTCONFIG_FILE=str(work / "fonts.conf"), HOME=str(work))
    command = [
        soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
        "--convert-to", "pdf", "--outdir", str(work / "out"), *map(str, sources),
    ]
    return command, env


def docx_to_pdf(docx: bytes, *, timeout: float = TIMEOUT) -> bytes:
    """Convert DOCX bytes to PDF bytes with LibreOffice; raises `ConversionError`."""
    soffice = soffice_path()
    if soffice is None:
        raise ConversionError(
            "未找到 LibreOffice（soffice），无法生成 PDF；请安装 libreoffice-writer"
        )
    with tempfile.TemporaryDirectory(prefix="jixiao-pdf-") as tmp:
        work = Path(tmp)
        source = work / "report.docx"
        source.write_bytes(docx)
        command, env = pdf_job(soffice, work, [source])
        result = _run(command, env, timeout)
        target = work / "out" / "report.pdf"
        if result.returncode != 0 or not target.is_file():
            detail = result.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [
                "无输出"
            ]
            raise ConversionError(f"PDF 转换失败：{detail[0]}")
        return target.read_bytes()


def render_pdf(elements: list[Element], *, title: str = "", timeout: float = TIMEOUT) -> bytes:
    """The report as PDF bytes (through DOCX)."""
    return docx_to_pdf(render_docx(elements, title=title), timeout=timeout)
