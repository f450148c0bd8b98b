"""Render Word templates fast: each template is patched and compiled once, then every document is one
jinja render of its XML and a zip written from precompressed parts.

docxtpl syntax (its own `patch_xml` prepares the XML), autoescape on: user text with & < > " ' stays
text. Control characters cannot appear in XML 1.0: a line feed becomes a line break, a tab a tab, and
any other control character its visible Unicode "control picture" (U+2400 block), so nothing is lost.
A broken template or one using a variable its kind does not provide raises DocumentError, in Chinese,
naming the template and the tag.
"""

import contextvars
import io
import os
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import jinja2
import jinja2.meta
from docxtpl import DocxTemplate
from markupsafe import Markup, escape

from perfxl.atomic import atomic_path
from perfxl.documents.layout import BODY_FONT, LATIN_FONT
from perfxl.documents.templates import DECLARED, KINDS, build_template, file_name


class DocumentError(ValueError):
    """A document could not be made (Chinese message naming the template and the tag)."""


_patch_xml = partial(DocxTemplate.patch_xml, None)  # a pure function of the XML text
_TEMPLATE_PARTS = re.compile(r"word/(document|header\d*|footer\d*)\.xml")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_SPECIAL = re.compile(r"[\x00-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_RUN_PROPS = (f'<w:rPr><w:rFonts w:ascii="{LATIN_FONT}" w:hAnsi="{LATIN_FONT}" w:eastAsia="{BODY_FONT}" '
              f'w:cs="{LATIN_FONT}" w:hint="eastAsia"/></w:rPr>')
# Inside the same run, so the break or tab keeps the run's font, size and weight.
_BREAK_TEXT = '</w:t><w:br/><w:t xml:space="preserve">'
_TAB_TEXT = '</w:t><w:tab/><w:t xml:space="preserve">'
# Very long text goes in several <w:t> of a million characters: XML parsers built on libxml2 (python-docx,
# LibreOffice) refuse a text node over 10 MB.
_CHUNK = 1_000_000
_SPLIT_TEXT = '</w:t><w:t xml:space="preserve">'


def _picture(match: re.Match) -> str:
    code = ord(match.group())
    return chr(0x2400 + code) if code < 0x20 else ("\u2421" if code == 0x7F else "\ufffd")


def _finalize(value):
    """Every {{ value }}: None prints as empty; text is escaped here so control characters can become markup."""
    if value is None:
        return ""
    if isinstance(value, Markup) or hasattr(value, "__html__"):
        return value
    text = value if isinstance(value, str) else str(value)
    if len(text) <= _CHUNK and not _SPECIAL.search(text):
        return text
    text = _CONTROL.sub(_picture, text.replace("\r\n", "\n").replace("\r", "\n"))
    escaped = _SPLIT_TEXT.join(str(escape(text[i : i + _CHUNK])) for i in range(0, len(text), _CHUNK))
    return Markup(escaped.replace("\n", _BREAK_TEXT).replace("\t", _TAB_TEXT))


def environment() -> jinja2.Environment:
    """The jinja environment documents are rendered with (also used by the naive baseline of the benchmark)."""
    return jinja2.Environment(autoescape=True, finalize=_finalize, undefined=jinja2.StrictUndefined,
                              keep_trailing_newline=True)


_ENV = environment()


# -- images ----------------------------------------------------------------------------------------
_MEDIA: contextvars.ContextVar[list | None] = contextvars.ContextVar("perfxl_media", default=None)
_EMU_PER_MM = 36000
_IMAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"


@dataclass(frozen=True, slots=True)
class Image:
    """A PNG placed inline where the template says {{ name }}; `width_mm` wide, height from its aspect ratio."""

    png: bytes
    width_mm: float = 150.0

    def __html__(self) -> str:
        media = _MEDIA.get()
        if media is None:
            raise DocumentError("图片只能在文档渲染时使用")
        media.append(self.png)
        n = len(media)
        width, height = struct.unpack(">II", self.png[16:24])
        cx = int(self.width_mm * _EMU_PER_MM)
        cy = int(cx * height / width)
        return (
            f'</w:t></w:r><w:r>{_RUN_PROPS}<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{1000 + n}" name="图表{n}"/>'
            '<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
            'noChangeAspect="1"/></wp:cNvGraphicFramePr>'
            '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
            '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            f'<pic:nvPicPr><pic:cNvPr id="{1000 + n}" name="chart{n}.png"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:embed="rIdPerfxlImage{n}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
            f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>'
            f'</wp:inline></w:drawing></w:r><w:r>{_RUN_PROPS}<w:t xml:space="preserve">'
        )


# -- zip writing -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Entry:
    name: bytes
    crc: int
    size: int
    data: bytes  # raw deflate stream


def _deflate(name: str, data: bytes) -> _Entry:
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return _Entry(name.encode("utf-8"), zlib.crc32(data), len(data), c.compress(data) + c.flush())


_DOS_TIME, _DOS_DATE = 0, (1980 - 1980) << 9 | 1 << 5 | 1


def _zip(entries: list[_Entry]) -> bytes:
    """A zip archive of deflated entries, written directly (no recompression of unchanged parts)."""
    out, central = [], []
    offset = 0
    for e in entries:
        header = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0x800, 8, _DOS_TIME, _DOS_DATE, e.crc, len(e.data),
                             e.size, len(e.name), 0)
        out += (header, e.name, e.data)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0x800, 8, _DOS_TIME, _DOS_DATE, e.crc,
                                   len(e.data), e.size, len(e.name), 0, 0, 0, 0, 0, offset) + e.name)
        offset += len(header) + len(e.name) + len(e.data)
    directory = b"".join(central)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(directory), offset, 0)
    return b"".join(out) + directory + end


# -- templates -------------------------------------------------------------------------------------
_TAG = re.compile(r"\{[{%#].*?(?:[}%#]\}|$)")


def _strip_xml(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text)


def _syntax_message(name: str, source: str, exc: jinja2.TemplateSyntaxError) -> str:
    lines = source.splitlines()
    line = _strip_xml(lines[exc.lineno - 1]) if exc.lineno and exc.lineno <= len(lines) else ""
    tags = _TAG.findall(line)
    bad = next((t for t in tags if not _parses(t)), tags[-1] if tags else line.strip()[:60])
    text = exc.message or ""
    if "end of template" in text:
        why = "缺少对应的结束标记（如 {%p endfor %} 或 {%p endif %}）"
    elif "unknown tag" in text or "Encountered unknown tag" in text:
        why = "是未知的标记，或结束标记与开始标记不配对"
    elif "unexpected" in text or "expected token" in text:
        why = "没有正确书写或闭合（变量应写作 {{ 名称 }}）"
    else:
        why = f"无法解析（{text}）"
    return f"模板「{name}」中的标记「{bad}」{why}。请在 Word 中改正该标记后重试。"


def _parses(tag: str) -> bool:
    if tag.startswith("{%"):  # block tags are judged with their partner; only simple syntax here
        return tag.endswith("%}")
    try:
        _ENV.parse(tag)
    except jinja2.TemplateSyntaxError:
        return False
    return True


class CompiledTemplate:
    """One .docx template, patched and compiled once; `render(context)` gives the document bytes."""

    def __init__(self, kind: str, name: str, data: bytes):
        self.kind, self.name = kind, name
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            parts = {n: archive.read(n) for n in archive.namelist()}
        except (zipfile.BadZipFile, OSError) as exc:
            raise DocumentError(f"模板「{name}」不是有效的 Word 文档（.docx）：{exc}") from None
        if "word/document.xml" not in parts:
            raise DocumentError(f"模板「{name}」不是有效的 Word 文档（缺少 word/document.xml）")
        self.sources: dict[str, str] = {}
        self.compiled: dict[str, jinja2.Template] = {}
        for part, blob in parts.items():
            if not _TEMPLATE_PARTS.fullmatch(part) or b"{" not in blob:
                continue
            source = re.sub(r"<w:p([ >])", r"\n<w:p\1", _patch_xml(blob.decode("utf-8")))
            try:
                self.compiled[part] = _ENV.from_string(source)
            except jinja2.TemplateSyntaxError as exc:
                raise DocumentError(_syntax_message(name, source, exc)) from None
            self.sources[part] = source
        self.static = [_deflate(n, b) for n, b in parts.items() if n not in self.compiled]
        self.names = list(parts)
        self.rels = parts.get("word/_rels/document.xml.rels", b"").decode("utf-8")
        self.types = parts.get("[Content_Types].xml", b"").decode("utf-8")

    def variables(self) -> set[str]:
        """Top-level variables the template uses."""
        found: set[str] = set()
        for source in self.sources.values():
            found |= jinja2.meta.find_undeclared_variables(_ENV.parse(source))
        return found

    def check(self) -> set[str]:
        """The template's variables; DocumentError when one is not declared for its kind."""
        used = self.variables()
        unknown = sorted(used - DECLARED[self.kind])
        if unknown:
            raise DocumentError(
                f"模板「{self.name}」使用了未声明的变量「{'、'.join(unknown)}」（{self.kind}可用的变量："
                f"{'、'.join(sorted(DECLARED[self.kind]))}）")
        return used

    def render(self, context: dict) -> bytes:
        media: list[bytes] = []
        token = _MEDIA.set(media)
        try:
            rendered = {part: _postprocess(t.render(context)) for part, t in self.compiled.items()}
        except jinja2.UndefinedError as exc:
            raise DocumentError(f"模板「{self.name}」引用了不存在的内容：{_undefined(exc)}") from None
        except jinja2.TemplateError as exc:
            raise DocumentError(f"模板「{self.name}」渲染出错：{exc}") from None
        finally:
            _MEDIA.reset(token)
        entries = list(self.static)
        if media:
            entries = [e for e in entries if e.name not in (b"word/_rels/document.xml.rels", b"[Content_Types].xml")]
            rels = self.rels.replace("</Relationships>", "".join(
                f'<Relationship Id="rIdPerfxlImage{i}" Type="{_IMAGE_REL}" Target="media/perfxl_chart{i}.png"/>'
                for i in range(1, len(media) + 1)) + "</Relationships>")
            types = self.types
            if 'Extension="png"' not in types:
                types = types.replace("<Default ", '<Default Extension="png" ContentType="image/png"/><Default ', 1)
            entries += [_deflate("word/_rels/document.xml.rels", rels.encode("utf-8")),
                        _deflate("[Content_Types].xml", types.encode("utf-8"))]
            entries += [_deflate(f"word/media/perfxl_chart{i}.png", png) for i, png in enumerate(media, 1)]
        entries += [_deflate(part, xml.encode("utf-8")) for part, xml in rendered.items()]
        order = {n.encode("utf-8"): i for i, n in enumerate(self.names)}
        entries.sort(key=lambda e: order.get(e.name, len(order)))
        return _zip(entries)


def _undefined(exc: jinja2.UndefinedError) -> str:
    message = str(exc)
    match = re.search(r"'([^']+)' is undefined", message)
    if match:
        return f"变量「{match.group(1)}」没有定义"
    match = re.search(r"has no attribute '([^']+)'", message)
    if match:
        return f"字段「{match.group(1)}」不存在"
    return message


def _postprocess(xml: str) -> str:
    xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
    return xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")


_CACHE: dict[tuple, CompiledTemplate] = {}


def template(kind: str, folder: str | Path | None = None) -> CompiledTemplate:
    """The compiled template of `kind`: `folder/<kind>.docx` when that file exists, else the built-in one.

    Compiled once per file version (path, size, modification time); checked against the kind's variables.
    """
    if kind not in KINDS:
        raise DocumentError(f"未知的文书类型「{kind}」（可用：{'、'.join(KINDS)}）")
    path = Path(folder) / file_name(kind) if folder else None
    if path is not None and path.is_file():
        stat = path.stat()
        key = (kind, str(path.resolve()), stat.st_size, stat.st_mtime_ns)
        if key not in _CACHE:
            compiled = CompiledTemplate(kind, str(path), path.read_bytes())
            compiled.check()
            _CACHE[key] = compiled
        return _CACHE[key]
    key = (kind, None)
    if key not in _CACHE:
        _CACHE[key] = CompiledTemplate(kind, f"内置模板 {file_name(kind)}", build_template(kind))
    return _CACHE[key]


def write_bytes(target: Path, data: bytes) -> Path:
    """Write atomically with the permissions a plain new file gets (mkstemp would leave it private)."""
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)
    return target


def render(kind: str, context: dict, out: str | Path, *, pdf: bool = False, templates: str | Path | None = None) -> Path:
    """Write the document of `kind` from `context` to `out` (.docx, atomically).

    With `pdf`, LibreOffice also converts it to a PDF beside it, and that PDF's path is returned.
    """
    out = Path(out)
    write_bytes(out, template(kind, templates).render(context))
    if pdf:
        return to_pdf([out])[0]
    return out


# Documents per soffice start: LibreOffice (7.x, headless) silently stops after about 245 files given to one
# start, exiting 0, so larger sets go through several starts of 200.
PDF_BATCH = 200
PDF_ATTEMPTS = 3  # a LibreOffice that stops halfway is started again for the documents it did not convert


def to_pdf(paths: list[Path], out_dir: str | Path | None = None) -> list[Path]:
    """Convert .docx files to PDF beside them (or into `out_dir`) with one LibreOffice process per folder.

    Should LibreOffice stop before the end, it is started again for the rest (up to PDF_ATTEMPTS starts
    that each make progress).
    """
    groups: dict[Path, list[Path]] = {}
    for p in paths:
        groups.setdefault(Path(out_dir) if out_dir else Path(p).parent, []).append(Path(p))
    for folder, files in groups.items():
        _convert_folder(files, folder)
    return [(Path(out_dir) if out_dir else Path(p).parent) / f"{Path(p).stem}.pdf" for p in paths]


def _convert_folder(files: list[Path], folder: Path) -> None:
    from perfxl.forms.write.libreoffice import LibreOfficeError, convert

    for f in files:  # stale PDFs of the same names must not count as converted
        (folder / f"{f.stem}.pdf").unlink(missing_ok=True)
    pending = files
    for _ in range(PDF_ATTEMPTS):
        try:
            convert(pending, folder, "pdf", batch=PDF_BATCH, timeout=120 + 5 * min(len(pending), PDF_BATCH))
            return
        except LibreOfficeError as exc:
            left = [f for f in pending if not (folder / f"{f.stem}.pdf").is_file()]
            if not left or len(left) == len(pending):
                raise DocumentError(f"转换为 PDF 失败：{exc}") from None
            pending = left
    raise DocumentError(f"转换为 PDF 失败：LibreOffice 多次中途退出，仍有 {len(pending)} 份未转换")
