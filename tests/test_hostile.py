"""
Hostile and odd input, from the fuzzing report: each defect, and the
property that would have found it.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govdisclosure import (
    FeeAmount,
    Fees2021,
    NationalTable2021,
    Proactive2021,
    Report,
    Report2014,
    Report2021,
    Section,
    _cli,
    _read,
    checks,
    html,
    markdown,
    read,
    serialization,
    text,
)
from govdisclosure.checks import check
from govdisclosure.errors import (
    ParseError,
    SerializationError,
)
from govdisclosure.strategies import reports

from .conftest import JSON_VALUES

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _fee(amount: Decimal) -> Report2021:
    fees = Fees2021(administrative_fees=FeeAmount(amount=amount))
    return Report2021(
        title="某局2021年政府信息公开工作年度报告",
        table=NationalTable2021(proactive=Proactive2021(fees=fees)),
    )


@pytest.mark.parametrize("amount", ["1E-7", "0.0000001", "1E+3", "0E-7"])
def test_money_in_plain_notation_round_trips(amount: str) -> None:
    """Every writer prints money without an exponent; every reader reads it."""
    report = _fee(Decimal(amount))
    document = serialization.to_json(report)

    assert "E" not in document.split('"amount": ')[1].split(",")[0]
    assert report == serialization.from_json(document)
    assert report == text.parse(text.render(report))
    assert report == html.parse(html.render(report))
    assert "E-" not in markdown.render(report)
    out = io.StringIO()
    serialization.write_csv([report], out)
    assert (
        report.table
        == serialization.read_csv(io.StringIO(out.getvalue()))[0].table
    )


@pytest.mark.parametrize("printed", ["１２.5", "١٢", "12.5\n", "1e3", "-1"])
def test_money_strings_are_ascii_digits(printed: str) -> None:
    data = serialization.to_dict(_fee(Decimal(1)))
    data["table"]["proactive"]["fees"]["administrative_fees"]["amount"] = (
        printed
    )
    with pytest.raises(SerializationError):
        serialization.from_dict(data)


@given(
    st.dictionaries(
        st.integers()
        | st.tuples(st.integers())
        | st.none()
        | st.text(max_size=3),
        JSON_VALUES,
        max_size=4,
    )
)
def test_from_dict_with_any_keys(extra: dict[Any, Any]) -> None:
    """Keys that are not strings, anywhere: our error, never TypeError."""
    data: dict[Any, Any] = {
        "template": "2014",
        "title": "某区2019年报告",
        **extra,
    }
    with contextlib.suppress(SerializationError):
        serialization.from_dict(data)
    nested = {
        "template": "2021",
        "title": "T",
        "table": {"applications": extra},
    }
    with contextlib.suppress(SerializationError):
        serialization.from_dict(nested)


def test_counts_are_bounded_in_every_reader() -> None:
    """A count of thousands of digits is an input error, not a crash."""
    data = serialization.to_dict(
        Report2014(title="某区2019年政府信息公开工作年度报告")
    )
    data["table"]["complaints"] = int("9" * 4300)
    with pytest.raises(SerializationError, match="18 digits"):
        serialization.from_dict(data)
    report = text.parse(
        "某区2019年报告\n六、举报投诉数量 | 件 | " + "9" * 40 + " |",
        template="2014",
    )
    assert None is report.table.complaints
    (finding,) = [f for f in check(report) if f.rule == "V-1"]
    assert "more than 18" in finding.message_en


@settings(max_examples=40)
@given(reports(), st.data())
def test_truncated_csv_gives_reports_or_our_error(
    report: Report, data: st.DataObject
) -> None:
    """read_csv on its own output cut anywhere: reports or our error."""
    out = io.StringIO()
    serialization.write_csv([report], out)
    document = out.getvalue()
    cut = data.draw(st.integers(0, len(document)))
    with contextlib.suppress(SerializationError):
        serialization.read_csv(io.StringIO(document[:cut]))


def test_short_csv_row_names_its_line() -> None:
    report = text.parse((EXAMPLES / "pingtan-2021.txt").read_text("utf-8"))
    out = io.StringIO()
    serialization.write_csv([report], out)
    lines = out.getvalue().splitlines()
    short = "\n".join([*lines[:5], lines[5].rsplit(",", 1)[0]]) + "\n"
    with pytest.raises(SerializationError, match="line 6"):
        serialization.read_csv(io.StringIO(short))


def test_titles_are_one_line() -> None:
    """A CR in a title would split it in the text form: refused."""
    with pytest.raises(ValueError, match="one non-empty line"):
        Report2014(title="某区2019年\r政府信息公开工作年度报告")


def test_text_after_a_small_table_in_a_narrative_section() -> None:
    """Section 一 with a small table then a paragraph: it stays there."""
    source = (
        "某局2021年政府信息公开工作年度报告\n一、总体情况\n概述。\n"
        "| 项目 | 数量 |\n| 会议 | 3 |\n表后的说明。\n"
        "三、收到和处理政府信息公开申请情况\n"
        "| （一）予以公开 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n注：表后。\n"
    )
    report = text.parse(source)

    assert "" == report.sections[0].after
    assert "注：表后。" == report.sections[1].after
    assert report == text.parse(text.render(report))
    assert report == html.parse(html.render(report))


@pytest.mark.parametrize(
    ("printed", "value"),
    [("3①", 3), ("5¹", 5), ("7※", 7), ("1,234⑵", 1234)],
)
def test_footnote_marks_are_not_digits(printed: str, value: int) -> None:
    """A mark after a number keeps the number and the mark, never 31."""
    report = text.parse(
        f"某局2021年政府信息公开工作年度报告\n| 行政许可 | {printed} | | |\n",
        template="2021",
    )

    assert value == report.proactive.licensing.licensing.decisions
    assert printed == report.cell_texts[0].text
    assert report == text.parse(text.render(report))


def test_sup_in_a_cell_is_a_mark() -> None:
    page = (
        "<p>某局2021年政府信息公开工作年度报告</p><table><tr><td>行政许可</td>"
        "<td>5<sup>1</sup></td></tr></table>"
    )
    report = html.parse(page)
    assert isinstance(report, Report2021)
    assert 5 == report.proactive.licensing.licensing.decisions


@pytest.mark.parametrize("printed", ["1 2", "12\t3", "1\u30002"])
def test_digits_apart_are_no_number(printed: str) -> None:
    """Never 12 or 123: the cell is unknown and V-1 says why."""
    report = text.parse(
        f"某局2021年政府信息公开工作年度报告\n| 行政许可 | {printed} | | |\n"
    )
    assert isinstance(report, Report2021)
    assert None is report.proactive.licensing.licensing.decisions
    (finding,) = [f for f in check(report) if f.rule == "V-1"]
    assert "not one number" in finding.message_en


def test_cr_only_line_ends() -> None:
    """Old Mac exports: lines ended by a lone CR read like any text."""
    source = (EXAMPLES / "pingtan-2021.txt").read_text("utf-8")
    assert text.parse(source) == text.parse(source.replace("\n", "\r"))


def test_a_huge_bad_line_is_cut_in_the_message() -> None:
    line = "| （三）不予公开 | 不是数字" + "x" * 100_000 + " | | | | | | |"
    with pytest.raises(ParseError) as info:
        text.parse("某局2021年政府信息公开工作年度报告\n" + line)
    assert len(str(info.value)) < 1000


def test_a_huge_bad_cell_is_cut_in_the_finding() -> None:
    """The finding quotes the start of a 100 KB cell, not all of it."""
    line = "| 行政许可 | 不是数字" + "x" * 100_000 + " | | |"
    report = text.parse("某局2021年政府信息公开工作年度报告\n" + line)
    (finding,) = [f for f in check(report) if f.rule == "V-1"]
    assert len(finding.message) < 1000
    assert 100_000 < len(report.cell_texts[0].text)  # kept whole


def _python(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        check=False,
        **kwargs,
    )


def test_pipe_closed_early_keeps_the_status(tmp_path: Path) -> None:
    """check … | head -1: no traceback, and the status still says 2."""
    missing = tmp_path / "missing.txt"
    files = [str(EXAMPLES / "pingtan-2021.txt")] * 30 + [str(missing)]
    script = (
        "import subprocess, sys\n"
        "p = subprocess.Popen([sys.executable, '-m', 'govdisclosure', 'check', *sys.argv[1:]],"
        " stdout=subprocess.PIPE, stderr=subprocess.PIPE)\n"
        "p.stdout.readline(); p.stdout.close()\n"
        "err = p.stderr.read().decode(); print(p.wait()); print(err)\n"
    )
    result = _python("-c", script, *files)
    status, _, err = result.stdout.partition("\n")
    assert "2" == status
    assert "Traceback" not in err
    assert "missing.txt" in err


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_full_disk_is_one_line() -> None:
    with Path("/dev/full").open("w", encoding="utf-8") as full:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "govdisclosure",
                "convert",
                str(EXAMPLES / "pingtan-2021.txt"),
                "--to",
                "json",
            ],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert 2 == result.returncode
    assert "Traceback" not in result.stderr
    assert 1 == len(result.stderr.strip().splitlines())


def test_ctrl_c_is_a_status(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(_cli, "_check", interrupted)
    err = io.StringIO()
    assert 130 == _cli.main(["check", "x"], stdout=io.StringIO(), stderr=err)
    assert "interrupted" in err.getvalue()


def test_checks_never_raise_on_bounded_values() -> None:
    report = _fee(Decimal("9" * 36))
    assert isinstance(checks.check(report), tuple)
    with pytest.raises(ValueError, match="36 digits"):
        _fee(Decimal("9" * 37))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_without_writer_is_given_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A FIFO nobody writes to: an input error after a bounded wait."""
    monkeypatch.setattr(_read, "PIPE_WAIT", 0.3)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(ParseError, match="no data from the pipe"):
        read(fifo)


# Lines with tabs, CRs, white space and blank lines; the block's first and
# last lines say something (a block's blank edge lines are no text in any
# form).
_VERBATIM_LINES = st.lists(
    st.text(alphabet="本年度公开\t\r 　ab", max_size=8), min_size=1, max_size=5
).map(lambda lines: f"甲{chr(10).join(lines)}乙")


@settings(max_examples=60)
@given(_VERBATIM_LINES, _VERBATIM_LINES)
def test_html_keeps_tabs_carriage_returns_and_blank_lines(
    preamble: str, body: str
) -> None:
    """Prose with tabs, CRs, blank lines and white space round-trips."""
    report = Report2021(
        title="某局2023年政府信息公开工作年度报告",
        preamble=preamble,
        sections=(Section(heading="一、总体情况", body=body),),
    )
    back = html.parse(html.render(report))
    assert report == back
