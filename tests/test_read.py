"""
One entry point for every form: :func:`govdisclosure.read`, the text forms
(tab-separated, Markdown), form detection and the command line on every
form.
"""

from __future__ import annotations

import contextlib
import io
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govdisclosure
from govdisclosure import (
    Report,
    Report2014,
    Report2021,
    _lexer,
    checks,
    docx,
    html,
    serialization,
    text,
)
from govdisclosure._cli import main
from govdisclosure.errors import GovDisclosureError, ParseError
from govdisclosure.strategies import reports

from .conftest import SAMPLES, sample_bytes

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


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(reports(blanks=True))
def test_text_forms_round_trip(report: Report) -> None:
    """Any report: its tab-separated and Markdown forms read back to it."""
    pipe = text.render(report)

    if not _blank_row(pipe):
        assert report == text.parse(_tab_separated(pipe))
    assert report == text.parse(_markdown(pipe))


def test_copied_rows_with_indented_prose() -> None:
    """A paragraph indented with a tab stays prose; tab rows are rows."""
    copied = (
        "某局2021年政府信息公开工作年度报告\n"
        "\t一、总体情况\n"
        "\t本年度共收到申请2件。\n"
        "三、收到和处理政府信息公开申请情况\n"
        "（一）予以公开\t2\t0\t0\t0\t0\t0\t2\n"
    )
    report = text.parse(copied)

    assert isinstance(report, Report2021)
    assert "\t一、总体情况" not in report.preamble
    assert 2 == report.applications.granted.total


class TestRead:
    def test_every_sample_form(self) -> None:
        """Each real sample, by path and by bytes: the same report."""
        for name, body in [
            ("hongze-2024.pdf", "淮安市洪泽区人民政府"),
            ("pingtan-2024.html", "平潭综合实验区"),
            ("shanghai-office-2019.html", "上海市人民政府办公厅"),
            ("zhuhui-2019.txt", "珠晖区人民政府"),
        ]:
            data = sample_bytes(name)
            by_path = govdisclosure.read(SAMPLES / name)
            assert by_path == govdisclosure.read(data)
            assert body == by_path.body

    def test_whole_page(self) -> None:
        """The article's metadata, not the site's; no site row."""
        report = govdisclosure.read(sample_bytes("pingtan-2024.html"))

        assert "平潭综合实验区2024年度政府信息公开工作年度报告" == report.title
        assert ("平潭综合实验区", 2024) == (report.body, report.year)
        assert "2025-03-10" == str(report.published)
        assert () == report.extra_rows
        assert "使用帮助" not in text.render(report)
        assert [] == [
            f for f in checks.check(report) if f.severity.value == "error"
        ]

    def test_json_and_template(self, tmp_path: Path) -> None:
        """JSON is read; a template that differs from it is an error."""
        report = text.parse(
            (EXAMPLES / "zhuhui-2019-table.txt").read_text(encoding="utf-8")
        )
        path = tmp_path / "r.json"
        path.write_text(serialization.to_json(report), encoding="utf-8")

        assert report == govdisclosure.read(path, template="2014")
        with pytest.raises(ParseError, match="not 2021"):
            govdisclosure.read(path, template="2021")

    def test_literal_template_gives_its_class(self) -> None:
        report = govdisclosure.read(
            EXAMPLES / "zhuhui-2019-table.txt", template="2014"
        )
        assert isinstance(report, Report2014)

    def test_size_limit(self, tmp_path: Path) -> None:
        """An input over max_bytes is refused, naming the option."""
        path = tmp_path / "big.txt"
        path.write_bytes(b"x" * 2000)
        with pytest.raises(ParseError, match="max_bytes"):
            govdisclosure.read(path, max_bytes=1000)

    def test_missing_file(self, tmp_path: Path) -> None:
        with pytest.raises(ParseError, match="cannot read"):
            govdisclosure.read(tmp_path / "missing.pdf")


class TestDetectForm:
    @pytest.mark.parametrize(
        ("data", "form"),
        [
            (b"%PDF-1.4\n", "pdf"),
            (b"\n\n%PDF-1.7", "pdf"),
            (b"<!-- saved --><table><tr><td>1</td></tr></table>", "html"),
            (
                b'<?xml version="1.0"?><html><body><p>x</p></body></html>',
                "html",
            ),
            (b"\xef\xbb\xbf<!DOCTYPE html><html>", "html"),
            (b'  {"template": "2014"}', "json"),
            ("某局报告\n| 规章 | 0 | 0 | 0 |".encode(), "text"),
            ("<某局> 报告".encode(), "text"),
        ],
    )
    def test_forms(self, data: bytes, form: str) -> None:
        assert form == govdisclosure.detect_form(data)

    def test_docx(self) -> None:
        assert "docx" == govdisclosure.detect_form(
            docx.render(
                text.parse((EXAMPLES / "pingtan-2021.txt").read_text("utf-8"))
            )
        )

    def test_not_a_report(self) -> None:
        """A zip, an old .doc, binary data: each says what it is."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as z:
            z.writestr("a.txt", "x")
        for data, says in [
            (buffer.getvalue(), "zip archive"),
            (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 50, r"\.doc"),
            (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
        ]:
            with pytest.raises(ParseError, match=says):
                govdisclosure.detect_form(data)


@settings(max_examples=300)
@given(st.binary(max_size=600))
def test_any_bytes_give_a_report_or_our_error(data: bytes) -> None:
    """Totality of read: a report, or the library's own error."""
    with contextlib.suppress(GovDisclosureError):
        govdisclosure.read(data)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(reports(), st.sampled_from(("%PDF-1.4\n", "PK\x03\x04", "<html>", "{")))
def test_wrong_headers_give_our_error(report: Report, head: str) -> None:
    """A report's text behind another form's magic: our error or a report."""
    data = head.encode() + html.render(report).encode()
    with contextlib.suppress(GovDisclosureError):
        govdisclosure.read(data)


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


class TestCommandLine:
    def test_check_every_form(self) -> None:
        """PDF, Word, whole page: read and checked; no error, exit 0."""
        pdf_path = SAMPLES / "hongze-2024.pdf"
        sample_bytes("hongze-2024.pdf")
        status, out, err = _run(
            "check",
            str(pdf_path),
            str(SAMPLES / "pingtan-2024.html"),
            str(SAMPLES / "template-2021-blank.docx"),
        )
        assert (0, "") == (status, err)
        assert "淮安市洪泽区人民政府 2024年 (template 2021)" in out
        assert "L-1" in out
        assert "3 file(s): 3 without errors" in out

    def test_convert_to_docx_and_back(self, tmp_path: Path) -> None:
        sample_bytes("hongze-2024.pdf")
        target = tmp_path / "out.docx"
        status, _, err = _run(
            "convert",
            str(SAMPLES / "hongze-2024.pdf"),
            "--to",
            "docx",
            "-o",
            str(target),
        )
        assert (0, "") == (status, err)
        assert govdisclosure.read(target) == govdisclosure.read(
            SAMPLES / "hongze-2024.pdf"
        )

    def test_convert_to_html(self) -> None:
        status, out, _ = _run(
            "convert", str(EXAMPLES / "pingtan-2021.txt"), "--to", "html"
        )
        assert 0 == status
        assert html.parse(out) == text.parse(
            (EXAMPLES / "pingtan-2021.txt").read_text("utf-8")
        )

    def test_refuses_to_write_over_its_input(self, tmp_path: Path) -> None:
        path = tmp_path / "r.txt"
        original = (EXAMPLES / "pingtan-2021.txt").read_text("utf-8")
        path.write_text(original, encoding="utf-8")
        status, _, err = _run(
            "convert", str(path), "--to", "json", "-o", str(path)
        )
        assert 2 == status
        assert "refusing to write over the input" in err
        assert original == path.read_text("utf-8")

    def test_docx_needs_a_file(self) -> None:
        status, _, err = _run(
            "convert", str(EXAMPLES / "pingtan-2021.txt"), "--to", "docx"
        )
        assert 2 == status
        assert "-o OUT.docx" in err

    def test_max_bytes(self) -> None:
        status, _, err = _run(
            "check", "--max-bytes", "100", str(EXAMPLES / "pingtan-2021.txt")
        )
        assert 2 == status
        assert "--max-bytes" in err
        assert 1 == len(err.strip().splitlines())

    def test_broken_pdf_is_one_line(self, tmp_path: Path) -> None:
        path = tmp_path / "broken.pdf"
        path.write_bytes(b"%PDF-1.4 truncated")
        status, _, err = _run("check", str(path))
        assert 2 == status
        assert 1 == len(err.strip().splitlines())
        assert str(path) in err


def test_series_pairs_spellings_of_one_body() -> None:
    """洪泽区人民政府 (2023) and 淮安市洪泽区人民政府 (2024): one series."""
    y2024 = govdisclosure.read(sample_bytes("hongze-2024.pdf"))
    pipe = text.render(y2024).replace(
        "淮安市洪泽区人民政府2024 年", "洪泽区人民政府2023年", 1
    )
    y2023 = text.parse(pipe)
    assert isinstance(y2023, Report2021)

    assert [(0, 1)] == checks.consecutive([y2023, y2024])
    assert [] == checks.consecutive(
        [
            y2023,
            text.parse(
                pipe.replace("洪泽区人民政府2023年", "泗阳县人民政府2024年", 1)
            ),
        ]
    )


def test_misprinted_label_is_matched_by_place_and_text() -> None:
    """A dropped character: read as the row, with an L-1 warning."""
    source = (
        "某区2019年政府信息公开工作年度报告\n指 标 | 单位 | 数量 |\n"
        "（一）收到申请数 | 件 | 5 |\n1.当面申请 | 件 | 2 |\n"
    )
    report = text.parse(source)

    assert isinstance(report, Report2014)
    assert 2 == report.table.applications.in_person
    assert ("applications.in_person", "1.当面申请") == (
        report.label_texts[0].key,
        report.label_texts[0].text,
    )
    assert ["L-1"] == [f.rule for f in checks.check(report) if f.rule == "L-1"]
    assert report == text.parse(text.render(report))


def test_ambiguous_label_is_an_input_error() -> None:
    """Equally close to two rows: never guessed."""
    source = (
        "某区2019年政府信息公开工作年度报告\n指 标 | 单位 | 数量 |\n"
        "（一）收到申请数 | 件 | 5 |\n（一）申请数 | 件 | 0 |\n"
    )
    with pytest.raises(
        ParseError, match=r"could be '1\.当面申请数' or '2\.传真申请数'"
    ):
        text.parse(source)


def test_a_close_label_elsewhere_is_not_matched() -> None:
    """Never closeness alone: a label far from its row stays unknown."""
    source = (
        "某区2019年政府信息公开工作年度报告\n指 标 | 单位 | 数量 |\n"
        "（一）收到申请数 | 件 | 5 |\n工作人员数量 | 人 | 3 |\n"
    )
    report = text.parse(source)
    assert isinstance(report, Report2014)
    assert () == report.label_texts
    assert "工作人员数量" == report.extra_rows[0].label
