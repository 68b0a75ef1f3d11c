"""Word's automatic numbering and text boxes: what Word shows is what is read."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from jixiao.pipeline import load
from jixiao.readers.docx import read

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering {W_NS}>
 <w:abstractNum w:abstractNumId="7">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
 </w:abstractNum>
 <w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>
</w:numbering>"""


def _numbered(text: str, level: int) -> str:
    return (f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="3"/></w:numPr></w:pPr>'
            f"<w:r><w:t>{text}</w:t></w:r></w:p>")


def _plain(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def _box(text: str) -> str:
    return ("<w:p><w:r><w:pict><v:shape xmlns:v=\"urn:schemas-microsoft-com:vml\"><v:textbox>"
            f"<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>"
            "</v:textbox></v:shape></w:pict></w:r><w:r><w:t>正文段落</w:t></w:r></w:p>")


def _docx(body: str) -> bytes:
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document {W_NS}><w:body>{body}</w:body></w:document>'
    files = {
        "[Content_Types].xml": (
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>'),
        "_rels/.rels": (
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="word/document.xml"/></Relationships>'),
        "word/_rels/document.xml.rels": (
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'numbering" Target="numbering.xml"/></Relationships>'),
        "word/document.xml": document,
        "word/numbering.xml": NUMBERING,
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name, text in files.items():
            package.writestr(name, text)
    return out.getvalue()


BODY = "".join([
    _plain("溪口县档案馆2024年度部门整体支出绩效自评报告"),
    _numbered("部门基本情况", 0), _numbered("人员情况", 1), _plain("核定编制12名，实有在职11人。"),
    _numbered("职能", 1), _numbered("档案收集", 2), _numbered("档案利用", 2),
    _numbered("存在的问题", 0), _numbered("预算编制不够精细", 1),
    _numbered("改进措施", 0), _numbered("细化预算编制", 1),
])


def test_automatic_numbers_are_read_as_shown() -> None:
    texts = [b.text for b in read(_docx(BODY), name="numbered.docx").blocks]
    assert texts[1:4] == ["一、部门基本情况", "（一）人员情况", "核定编制12名，实有在职11人。"]
    assert texts[4:7] == ["（二）职能", "1.档案收集", "2.档案利用"]
    assert texts[7:] == ["二、存在的问题", "（一）预算编制不够精细", "三、改进措施", "（一）细化预算编制"]


def test_numbered_sections_give_the_outline(tmp_path: Path) -> None:
    path = tmp_path / "numbered.docx"
    path.write_bytes(_docx(BODY))
    record = load(path).record
    assert record.problems == ["预算编制不够精细"]
    assert record.measures == ["细化预算编制"]


def test_a_text_box_is_read_as_its_own_paragraph() -> None:
    texts = [b.text for b in read(_docx(_box("自评得分：95分") + BODY), name="box.docx").blocks]
    assert texts[:2] == ["正文段落", "自评得分：95分"]
