"""
One entry point for every form a report is published in:
:func:`read` and :func:`detect_form`.
"""

from __future__ import annotations

import os
import re
import select
import stat
import time
from pathlib import Path
from typing import Literal, overload

from govdisclosure._report2014 import Report2014
from govdisclosure._report_national import Report2019, Report2021
from govdisclosure._templates import Report, check_template
from govdisclosure.errors import ParseError

__all__ = [
    "FORMS",
    "MAX_BYTES",
    "Form",
    "decode_text",
    "detect_form",
    "read",
    "read_bytes",
]

#: The forms :func:`read` tells apart.
Form = Literal["pdf", "docx", "html", "json", "text"]

#: Every form, in the order they are tested.
FORMS: tuple[Form, ...] = ("pdf", "docx", "html", "json", "text")

#: The largest input :func:`read` takes by default (64 MiB): a report is
#: rarely over 5 MB; a device or a pipe that never ends is refused.
MAX_BYTES = 64 * 1024 * 1024

_HTML = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|meta|title|div|p|table|tr|td|span|"
    rb"h[1-6]|article|section|br|font|center|style|script|link)\b",
    re.IGNORECASE,
)
_MARKUP_START = re.compile(rb"^\s*<(?:[!?a-zA-Z])")


def detect_form(data: bytes) -> Form:
    """
    The form of the report in *data*, from its content (never from a file
    name): ``"pdf"``, ``"docx"``, ``"html"``, ``"json"`` or ``"text"``.

    >>> detect_form(b"%PDF-1.7 ...")
    'pdf'
    >>> detect_form("<!-- saved page --><html><p>报告</p></html>".encode())
    'html'
    >>> detect_form(b'{"template": "2021"}')
    'json'
    >>> detect_form("某局2021年政府信息公开工作年度报告".encode())
    'text'

    Raises:
        ParseError: for a file that is no report in any form: a zip
            archive that is not a Word document, an old binary ``.doc``,
            an image, or other binary data.
    """
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if b"word/" in data[:65536] or b"[Content_Types].xml" in data[:65536]:
            return "docx"
        raise ParseError(
            "a zip archive, not a report (a .docx holds word/document.xml)"
        )
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ParseError(
            "an old binary Word document (.doc) or another OLE file: save it "
            "as .docx (Word) or PDF first"
        )
    if b"\x00" in data[:65536] and not _utf16(data):
        raise ParseError(
            "binary data: expected a report as text, HTML, JSON, PDF or .docx"
        )
    if _MARKUP_START.match(head) and _HTML.search(data[:65536]):
        return "html"
    if head.startswith(b"{"):
        return "json"
    return "text"


def _utf16(data: bytes) -> bool:
    return data[:2] in (b"\xff\xfe", b"\xfe\xff")


def decode_text(data: bytes) -> str:
    """
    The text of a text or JSON file: UTF-8 (with or without its BOM),
    UTF-16 with its BOM, else GB18030.

    Raises:
        ParseError: when none of them decodes the bytes.
    """
    encodings = ["utf-16"] if _utf16(data) else ["utf-8-sig", "gb18030"]
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeError:
            continue
    raise ParseError("cannot decode the file as UTF-8 or GB18030")


@overload
def read(
    source: str | os.PathLike[str] | bytes,
    *,
    template: Literal["2014"],
    max_bytes: int = ...,
) -> Report2014: ...
@overload
def read(
    source: str | os.PathLike[str] | bytes,
    *,
    template: Literal["2019"],
    max_bytes: int = ...,
) -> Report2019: ...
@overload
def read(
    source: str | os.PathLike[str] | bytes,
    *,
    template: Literal["2021"],
    max_bytes: int = ...,
) -> Report2021: ...
@overload
def read(
    source: str | os.PathLike[str] | bytes,
    *,
    template: str | None = None,
    max_bytes: int = ...,
) -> Report: ...
def read(
    source: str | os.PathLike[str] | bytes,
    *,
    template: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> Report:
    """
    Read a report in any form it is published in: a PDF, a Word document
    (``.docx``), an HTML page (whole or a fragment), the JSON form, or
    text (the pipe form, tab-separated rows as copied from a browser or
    Word, or Markdown tables).

    *source* is a path (``str`` or :class:`os.PathLike`) or the file's
    bytes; the form is detected from the content (:func:`detect_form`),
    never from the file name.  The template generation is detected unless
    *template* is given (a JSON document of another generation is an
    error).  Inputs larger than *max_bytes* are refused.

    >>> report = read("examples/pingtan-2021.txt", template="2021")
    >>> report.body, report.applications.received.total
    ('平潭综合实验区', 70)

    Raises:
        ParseError: for input that is no report (naming the place in the
            file), an unreadable file, or one larger than *max_bytes*.
        SerializationError: for JSON that is not a valid report.
        MissingExtraError: for a PDF or Word file when the extra that reads
            it is not installed (``pip install "govdisclosure[pdf]"``).
    """
    check_template(template)
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        if len(data) > max_bytes:
            raise ParseError(_too_large(max_bytes))
    elif isinstance(source, str | os.PathLike):
        data = _read_path(Path(source), max_bytes)
    else:
        raise ParseError(
            f"expected a path or bytes, got {type(source).__name__}"
        )
    return read_bytes(data, template=template)


def _too_large(limit: int) -> str:
    return (
        f"the input is larger than {limit:,} bytes (max_bytes, or "
        "--max-bytes on the command line, raises the limit)"
    )


#: How long a named pipe may stay silent (no writer, or no data) before it
#: is given up, in seconds.
PIPE_WAIT = 10.0


def _read_fifo(fd: int, limit: int) -> bytes:
    """
    What a named pipe gives until its writers close it: waiting for a
    writer or for data at most :data:`PIPE_WAIT` seconds at a time.
    """
    chunks: list[bytes] = []
    total = 0
    deadline = time.monotonic() + PIPE_WAIT
    while total <= limit:
        left = deadline - time.monotonic()
        if left <= 0:
            msg = f"no data from the pipe within {PIPE_WAIT:g} s (no writer?)"
            raise ParseError(msg)
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 1 << 16)
        except BlockingIOError:
            continue
        if not chunk:
            if total:
                break  # the writers are done
            time.sleep(0.05)  # no writer yet
            continue
        chunks.append(chunk)
        total += len(chunk)
        deadline = time.monotonic() + PIPE_WAIT
    return b"".join(chunks)


def _read_path(path: Path, limit: int) -> bytes:
    try:
        # Opened without blocking, so that a FIFO nobody writes to reads as
        # empty instead of waiting for ever; then read as usual.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        if stat.S_ISFIFO(os.fstat(fd).st_mode):
            try:
                data = _read_fifo(fd, limit)
            finally:
                os.close(fd)
        else:
            os.set_blocking(fd, True)
            with os.fdopen(fd, "rb") as f:
                data = f.read(limit + 1)
    except OSError as exc:
        raise ParseError(
            f"cannot read {path}: {exc.strerror or exc}"
        ) from None
    if len(data) > limit:
        raise ParseError(_too_large(limit))
    return data


def read_bytes(data: bytes, *, template: str | None = None) -> Report:
    """
    :func:`read` of the bytes *data* (no size limit).
    """
    form = detect_form(data)
    if form == "pdf":
        from govdisclosure import pdf  # noqa: PLC0415 - loaded on first use

        return pdf.parse(data, template=template)
    if form == "docx":
        from govdisclosure import docx  # noqa: PLC0415 - loaded on first use

        return docx.parse(data, template=template)
    if form == "html":
        from govdisclosure import html  # noqa: PLC0415 - loaded on first use

        return html.parse(data, template=template)
    content = decode_text(data)
    if form == "json":
        from govdisclosure import serialization  # noqa: PLC0415

        report = serialization.from_json(content)
        if template is not None and report.TEMPLATE != template:
            msg = f"the JSON is a {report.TEMPLATE} report, not {template}"
            raise ParseError(msg)
        return report
    from govdisclosure import text  # noqa: PLC0415 - loaded on first use

    return text.parse(content, template=template)
