"""
One entry point for every form: :func:`govdisclosure.read`, the text forms
(tab-separated, Markdown), form detection and the command line on every
form.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings

from govdisclosure import (
    Report,
    _document,
    _lexer,
    text,
)
from govdisclosure.errors import ParseError
from govdisclosure.strategies import reports

from .conftest import outcome

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
_HEADING = re.compile(r"^\s*[一二三四五六七八九十]{1,3}\s*、")


def _tab_separated(pipe: str) -> str:
    """The pipe form with its rows as copied from a browser: tabs."""
    return "\n".join(
        "\t".join(_lexer.split_row(line)) + "\t" if "|" in line else line
        for line in pipe.split("\n")
    )


def _blank_row(pipe: str) -> bool:
    """
    Whether the pipe form has a row of blank cells only, which tabs
    cannot tell from a blank line.
    """
    return any(
        "|" in line and not any(_lexer.split_row(line))
        for line in pipe.split("\n")
    )


def _markdown(pipe: str) -> str:
    """The pipe form as a converter writes it: GFM tables, ATX headings."""
    out: list[str] = []
    in_table = False
    for line in pipe.split("\n"):
        if "|" in line:
            out.append(line)
            if not in_table:
                width = len(_lexer.split_row(line))
                out.append("|" + " --- |" * width)
            in_table = True
            continue
        in_table = False
        out.append(f"## {line}" if _HEADING.match(line) else line)
    return "\n".join(out)


@pytest.mark.parametrize(
    "name",
    ["zhuhui-2019-table.txt", "pingtan-2021.txt", "shanghai-office-2019.txt"],
)
def test_text_forms_of_the_examples(name: str) -> None:
    """Tab-separated and Markdown forms give the pipe form's report."""
    pipe = (EXAMPLES / name).read_text(encoding="utf-8")
    report = text.parse(pipe)

    assert report == text.parse(_tab_separated(pipe))
    assert report == text.parse(_markdown(pipe))
    with _as_big_texts():
        assert report == text.parse(_tab_separated(pipe))
        assert report == text.parse(_markdown(pipe))


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(reports(blanks=True))
def test_text_forms_round_trip(report: Report) -> None:
    """Any report: its tab-separated and Markdown forms read back to it."""
    pipe = text.render(report)

    if not _blank_row(pipe):
        assert report == text.parse(_tab_separated(pipe))
    assert report == text.parse(_markdown(pipe))
    with _as_big_texts():
        if not _blank_row(pipe):
            assert report == text.parse(_tab_separated(pipe))
        assert report == text.parse(_markdown(pipe))


def _as_big_texts() -> contextlib.AbstractContextManager[object]:
    """Every text read as a big one: lines cut from it (``_document.Lines``)."""
    return mock.patch.object(_document, "LAZY_CHARS", 0)


def test_a_big_markdown_text_names_its_lines_alike() -> None:
    """A big Markdown text's error is the error of the same text read small."""
    pipe = (EXAMPLES / "pingtan-2021.txt").read_text(encoding="utf-8")
    broken = "| 表 | 一 |\n| --- | --- |\n" + _markdown(pipe)
    small = outcome(text.parse, broken, ParseError)
    with _as_big_texts():
        big = outcome(text.parse, broken, ParseError)

    assert isinstance(small, ParseError)
    assert isinstance(big, ParseError)
    assert str(big) == str(small)
    assert "line 1" in str(big)
