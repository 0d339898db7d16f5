"""
Hostile input: fuzzing the readers, huge numbers, huge inputs, bad files
on the command line, and batch runs.
"""

from __future__ import annotations

import concurrent.futures
import gc
import io
import json
import time
import tracemalloc
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govdisclosure import (
    ApplicantCounts,
    Report,
    Report2014,
    Report2019,
    Report2021,
    _declare,
    _document,
    _mapper,
    html,
    serialization,
    text,
)
from govdisclosure._cli import main
from govdisclosure.checks import check
from govdisclosure.errors import ParseError, SerializationError
from govdisclosure.strategies import reports
from tests.conftest import JSON_VALUES, outcome

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
REPORTS = (Report2014, Report2019, Report2021)
_NAMES = ["pingtan-2021.txt", "pingtan-2022.txt", "shanghai-office-2019.txt"]


def _parse(source: str) -> Report:
    return text.parse(source)


_EDITS = st.sampled_from(
    [
        "",
        "|",
        "| |",
        "| 1 |",
        "| " + " | ".join(["9" * 30] * 15) + " |",
        "| （一）予以公开 | " + "9" * 5000 + " | | | | | | |",
        "| 行政事业性收费 | " + "9" * 40 + ".5 | | |",
        "| 行政处罚 | 1 | -" + "9" * 5000 + " | 0 |",
        "三、",
        "| 信息内容 | 本年制发件数 |",
        "\u00a0|\u3000|",
    ]
)


@given(st.sampled_from(_NAMES), st.data())
def test_parse_is_total_on_edited_national_reports(
    name: str, data: st.DataObject
) -> None:
    """Line edits of the real examples: a report or a ParseError."""
    lines = (EXAMPLES / name).read_text(encoding="utf-8").split("\n")
    for _ in range(data.draw(st.integers(1, 6))):
        i = data.draw(st.integers(0, len(lines) - 1))
        lines[i] = data.draw(
            _EDITS
            | st.sampled_from(
                [
                    lines[i][::-1],
                    lines[i] + " | 1 |",
                    lines[i].replace("|", ""),
                ]
            )
            | st.text(max_size=12)
        )

    edited = "\n".join(lines)
    result = outcome(_parse, edited, ParseError)

    assert isinstance(result, (*REPORTS, ParseError))
    # Read as a big text (lines cut from it), pipe or tab-separated: alike.
    for form in (edited, edited.replace(" | ", "\t")):
        small = outcome(_parse, form, ParseError)
        with mock.patch.object(_document, "LAZY_CHARS", 0):
            big = outcome(_parse, form, ParseError)
        assert _seen(big) == _seen(small)


def _seen(result: object) -> str:
    """A reading's report (by repr: types count) or error, as text."""
    if isinstance(result, ParseError):
        return f"ParseError: {result}"
    return repr(result)


@given(reports(), st.data())
def test_parse_is_total_on_edited_generated_reports(
    report: Report, data: st.DataObject
) -> None:
    """Line edits of rendered generated reports: a report or a ParseError."""
    lines = text.render(report).split("\n")
    i = data.draw(st.integers(0, len(lines) - 1))
    lines[i] = data.draw(_EDITS | st.text(max_size=12))

    result = outcome(_parse, "\n".join(lines), ParseError)

    assert isinstance(result, (*REPORTS, ParseError))


@pytest.mark.parametrize(
    "source",
    [
        "某区2019年报告\n六、举报投诉数量 | 件 | " + "9" * 5000 + " |\n",
        "某局2021年度报告\n| （一）予以公开 | "
        + "9" * 19
        + " | | | | | | |\n",
        "某局2019年度报告\n| 行政处罚 | 1 | -" + "9" * 5000 + " | 0 |\n"
        "| 政府集中采购 | 6 | 251000元 |\n",
    ],
)
def test_huge_numbers_are_unknown_and_named(source: str) -> None:
    """A number too large for a cell is unknown, kept and named (V-1)."""
    report = text.parse(source)

    (finding,) = [f for f in check(report) if f.rule == "V-1"]
    assert "too large" in finding.message_en
    assert len(finding.message_en) < 400  # the digits are cut, not echoed
    (kept,) = [t for t in report.cell_texts if t.key == finding.cells[0].key]
    assert "9" * 19 in kept.text  # nothing printed is lost


def test_ten_megabytes_of_text() -> None:
    """A 10 MB input returns (a report or an error) within seconds."""
    body = (
        "这是一段很长的叙述文字，没有表格。" * 330_000
    )  # about 10 MB of UTF-8
    source = f"某局2021年度政府信息公开工作年度报告\n一、总体情况\n{body}\n"
    assert len(source.encode("utf-8")) > 10_000_000

    start = time.perf_counter()
    result = outcome(_parse, source, ParseError)

    assert isinstance(result, (*REPORTS, ParseError))
    assert time.perf_counter() - start < 30


def test_ten_megabytes_of_rows() -> None:
    """10 MB of unknown table rows is read, and every row kept."""
    row = "| 未知的行 | 1 | 2 | 3 | 4 | 5 | 6 | 7 |\n"
    count = 10_000_000 // len(row.encode("utf-8")) + 1
    source = (
        "某局2021年度政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
        "| （一）予以公开 | 27 | 0 | 0 | 2 | 0 | 1 | 30 |\n" + row * count
    )

    start = time.perf_counter()
    report = text.parse(source)

    assert count == len(report.extra_rows)
    assert time.perf_counter() - start < 60


@given(JSON_VALUES)
def test_from_dict_is_total_on_any_json(data: object) -> None:
    """Any JSON value as a document: a report or a SerializationError."""
    for template in ("2014", "2019", "2021"):
        document = {"template": template, "title": "T", "table": data}
        result = outcome(serialization.from_dict, document, SerializationError)

        assert isinstance(result, (*REPORTS, SerializationError))


def test_huge_json_number() -> None:
    """A 5,000-digit count in JSON is a SerializationError, not a crash."""
    document = (
        '{"template": "2014", "title": "T", "table": {"complaints": '
        + "9" * 5000
        + "}}"
    )

    with pytest.raises(SerializationError):
        serialization.from_json(document)


def test_huge_csv_number() -> None:
    """A 5,000-digit count in the CSV is a SerializationError."""
    header = ",".join(serialization.CSV_COLUMNS)
    row = (
        "0,2014,T,,,,complaints,complaints,六、举报投诉数量,,件," + "9" * 5000
    )

    with pytest.raises(SerializationError, match="too long"):
        serialization.read_csv(io.StringIO(f"{header}\n{row}\n"))


@given(reports(blanks=True))
@settings(max_examples=30)
def test_nothing_is_lost(report: Report) -> None:
    """Every serializer keeps blanks, unknown rows, narrative and money."""
    assert report == text.parse(text.render(report))
    assert report == serialization.from_json(serialization.to_json(report))
    assert report == serialization.from_dict(serialization.to_dict(report))


class TestCommandLine:
    @pytest.mark.parametrize(
        "kind", ["missing", "directory", "binary", "empty", "not a report"]
    )
    def test_bad_input_is_one_line_and_exit_2(
        self, kind: str, tmp_path: Path
    ) -> None:
        """Every kind of bad file: exit 2 and one line on stderr."""
        path = tmp_path / "bad.txt"
        if kind == "directory":
            path.mkdir()
        elif kind == "binary":
            path.write_bytes(b"\x00\x01\x02\xff" * 10)
        elif kind == "empty":
            path.write_bytes(b"")
        elif kind == "not a report":
            path.write_text("just some words\n", encoding="utf-8")
        out, err = io.StringIO(), io.StringIO()

        status = main(["check", str(path)], stdout=out, stderr=err)

        assert 2 == status
        (line,) = err.getvalue().splitlines()
        assert line.startswith(f"govdisclosure: {path}: ")
        assert "Traceback" not in err.getvalue()

    def test_gbk_file_is_decoded(self, tmp_path: Path) -> None:
        """A GBK-encoded report is read (GB18030 is a superset of GBK)."""
        path = tmp_path / "gbk.txt"
        path.write_bytes(
            (EXAMPLES / "pingtan-2021.txt")
            .read_text(encoding="utf-8")
            .encode("gbk")
        )
        out = io.StringIO()

        assert 0 == main(["check", str(path)], stdout=out)

        assert "平潭综合实验区 2021年" in out.getvalue()

    def test_batch_goes_on_and_summarises(self, tmp_path: Path) -> None:
        """One bad file among good ones: the others are checked, summary last."""
        bad = tmp_path / "bad.txt"
        bad.write_bytes(b"\x00")
        files = [
            str(EXAMPLES / "pingtan-2021.txt"),
            str(bad),
            str(EXAMPLES / "zhuhui-2019-table.txt"),
        ]
        out, err = io.StringIO(), io.StringIO()

        status = main(["check", "--progress", *files], stdout=out, stderr=err)

        assert 2 == status
        assert "平潭综合实验区 2021年" in out.getvalue()
        assert "珠晖区人民政府 2019年" in out.getvalue()
        assert (
            out.getvalue()
            .rstrip()
            .endswith(
                "3 file(s): 1 without errors, 1 with errors, 1 unreadable"
            )
        )
        progress = [
            line
            for line in err.getvalue().splitlines()
            if line.startswith("[")
        ]
        assert [f"[{i}/3] {f}" for i, f in enumerate(files, 1)] == progress

    def test_json_stays_a_list(self) -> None:
        """With --format json, stdout is only the JSON list."""
        out = io.StringIO()

        main(
            [
                "check",
                "--format",
                "json",
                str(EXAMPLES / "pingtan-2021.txt"),
                str(EXAMPLES / "pingtan-2022.txt"),
            ],
            stdout=out,
        )

        found = json.loads(out.getvalue())
        # Only the excerpts' 五 ("（节录）……", S-1), each with its file.
        assert [("S-1", "pingtan-2021.txt"), ("S-1", "pingtan-2022.txt")] == [
            (f["rule"], Path(f["file"]).name) for f in found
        ]


class TestHeldReports:
    """
    Reports held by the thousand: equal rows of counts are one instance,
    so each report adds few objects for the garbage collector to walk.
    """

    def test_equal_rows_are_one_instance(self) -> None:
        """Two readings of a report share its rows of counts, and are equal."""
        source = (EXAMPLES / "pingtan-2021.txt").read_text(encoding="utf-8")
        first, second = text.parse(source), text.parse(source)
        assert isinstance(first, Report2021)
        assert isinstance(second, Report2021)
        from_json = serialization.from_json(serialization.to_json(first))
        assert isinstance(from_json, Report2021)

        assert first == second == from_json
        assert (
            first.table.applications.granted
            is second.table.applications.granted
        )
        assert (
            first.table.applications.granted
            is from_json.table.applications.granted
        )
        assert first.table.applications.granted.total == 30

    def test_a_held_report_adds_few_tracked_objects(self) -> None:
        """
        A report read again adds at most 20 objects the collector tracks
        (the report, its table's groups, its sections; 36 or more before
        equal rows were shared), and none of its rows of counts.
        """
        source = (EXAMPLES / "pingtan-2021.txt").read_text(encoding="utf-8")
        held = [text.parse(source)]
        gc.collect()
        before = len(gc.get_objects())
        held.extend(text.parse(source) for _ in range(100))
        gc.collect()
        per_report = (len(gc.get_objects()) - before) / 100

        assert per_report <= 20

    def test_sharing_is_bounded(self) -> None:
        """
        Past the rows kept for sharing, rows are built as before: right
        values, and the table of kept rows stops growing.
        """
        build = _declare.assemble(ApplicantCounts)
        rows = [build([n, 0, 0, 0, 0, 0, n]) for n in range(1, 6000)]
        kept = _declare.interned_rows(ApplicantCounts)

        assert [row.total for row in rows] == list(range(1, 6000))
        assert len(kept) <= _declare.INTERNED
        assert build([5, 0, 0, 0, 0, 0, 5]) is rows[4]


class TestBigTexts:
    """
    A big text's lines are cut from it when needed (``_document.Lines``),
    never held one string each: memory stays a small multiple of the text.
    """

    @given(st.text(alphabet="a中 \n\r|、一", max_size=60), st.integers(1, 9))
    def test_lines_are_the_split_lines(self, source: str, chunk: int) -> None:
        """Lines, their slices and joins equal ``str.split("\\n")``'s."""
        with mock.patch.object(_document, "_CHUNK", chunk):
            lines = _document.Lines(source)
            expected = source.split("\n")

            assert list(lines) == expected
            assert [lines[i] for i in range(-len(lines), len(lines))] == (
                expected + expected
            )
            for a in range(len(expected) + 1):
                assert list(lines[a:]) == expected[a:]
                assert _document.joined(lines[:a]) == "\n".join(expected[:a])

    @given(st.text(alphabet="a \u3000\n\t", max_size=40))
    def test_blank_lines_stripped_from_a_text(self, source: str) -> None:
        """Stripping blank lines off a text is stripping them off its lines."""
        lines = source.split("\n")
        kept = _mapper._strip_blank(lines)

        assert _mapper._strip_blank_text(source) == "\n".join(kept)

    @pytest.mark.parametrize(
        "name",
        ["pingtan-2021.txt", "shanghai-office-2019.txt", "zhuhui-2019.txt"],
    )
    def test_a_sample_read_as_a_big_text(self, name: str) -> None:
        """A sample read through Lines is the report read through a list."""
        source = (EXAMPLES / name).read_text(encoding="utf-8")
        for variant in (
            source,
            source.replace(" | ", "\t"),
            source.replace("\n", "\r\n"),
        ):
            as_list = text.parse(variant)
            with mock.patch.object(_document, "LAZY_CHARS", 0):
                as_lines = text.parse(variant)

            assert as_lines == as_list

    @given(reports(blanks=True))
    def test_generated_reports_read_as_big_texts(self, report: Report) -> None:
        """parse(render(r)) through Lines is r, whatever the report."""
        source = text.render(report)
        with mock.patch.object(_document, "LAZY_CHARS", 0):
            assert text.parse(source) == report

    def test_short_lines_take_a_few_times_their_size(self) -> None:
        """
        8 MB of two-letter lines (2.9 million lines) read within 4× their
        size in Python's memory (it was 30×: a string object a line).
        """
        body = "ab\n" * 2_800_000
        source = (
            "某局2021年度政府信息公开工作年度报告\n一、总体情况\n"
            + body
            + "三、收到和处理政府信息公开申请情况\n"
            "| （一）予以公开 | 27 | 0 | 0 | 2 | 0 | 1 | 30 |\n"
        )
        tracemalloc.start()
        try:
            report = text.parse(source)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

        assert isinstance(report, Report2021)
        assert report.sections[0].body.count("\n") == 2_800_000 - 1
        assert peak < 4 * len(source)


def test_threads_reading_at_once_read_alike() -> None:
    """
    Eight threads reading the examples at once (text, HTML, JSON; the
    layouts and shared rows every reader uses) read what one thread reads.
    """
    sources: list[tuple[str, str]] = [
        ("text", (EXAMPLES / name).read_text(encoding="utf-8"))
        for name in _NAMES
    ] + [
        ("html", (EXAMPLES / name).read_text(encoding="utf-8"))
        for name in ("shanghai-office-2019.html", "pingtan-2024.html")
    ]
    sources.append(("json", serialization.to_json(text.parse(sources[0][1]))))

    def read(item: tuple[str, str]) -> str:
        form, source = item
        if form == "text":
            return repr(text.parse(source))
        if form == "html":
            return repr(html.parse(source))
        return repr(serialization.from_json(source))

    expected = [read(item) for item in sources]
    work = sources * 6
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(read, work))

    assert results == expected * 6
