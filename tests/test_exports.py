"""
Exports: tidy CSV (and back), JSON Schema, Markdown, pandas, the typed
usage file, and the command line's conversions.
"""

from __future__ import annotations

import functools
import io
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govdisclosure import (
    GridRow,
    Report,
    Report2014,
    Report2019,
    Report2021,
    _declare,
    cells,
    markdown,
    text,
)
from govdisclosure._cli import main
from govdisclosure.errors import SerializationError
from govdisclosure.serialization import (
    CSV_COLUMNS,
    json_schema,
    read_csv,
    to_csv_rows,
    to_dict,
    write_csv,
)
from govdisclosure.strategies import reports
from tests.conftest import outcome
from tests.typed import usage

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _example(name: str) -> Report:
    return text.parse((EXAMPLES / name).read_text(encoding="utf-8"))


def _cells_only(report: Report) -> Report:
    """What the CSV carries: title, scope and cells."""
    kept: dict[str, Any] = {"title": report.title, "table": report.table}
    if not isinstance(report, Report2014):
        kept["scope"] = report.scope
    return type(report)(**kept)


def _csv(listed: list[Report]) -> str:
    out = io.StringIO()
    write_csv(listed, out)
    return out.getvalue()


class TestCsv:
    @given(st.lists(reports(blanks=True), max_size=3))
    @settings(suppress_health_check=[HealthCheck.too_slow])  # three reports
    def test_round_trip(self, listed: list[Report]) -> None:
        """read_csv(write_csv(reports)) gives back every cell exactly."""
        back = read_csv(io.StringIO(_csv(listed)))

        assert [_cells_only(r) for r in listed] == back

    @given(reports(blanks=True))
    def test_one_row_per_cell_blank_stays_empty(self, report: Report) -> None:
        """Rows match the declared cells; a blank is '', never '0'."""
        rows = to_csv_rows(report)
        values = _declare.values(report.table)

        assert [c.key for c in cells(type(report))] == [r["key"] for r in rows]
        for row in rows:
            value = values[row["key"]]
            if isinstance(value, Decimal):
                # Money in plain positional notation, exactly the amount.
                assert re.fullmatch(r"[0-9]+(\.[0-9]+)?", row["value"])
                assert value == Decimal(row["value"])
            else:
                assert ("" if value is None else str(value)) == row["value"]
            assert list(CSV_COLUMNS) == list(row)

    def test_panel_of_templates(self) -> None:
        """Reports of all three generations stack into one file."""
        listed = [
            _example("zhuhui-2019-table.txt"),
            _example("shanghai-office-2019.txt"),
            _example("pingtan-2021.txt"),
        ]

        document = _csv(listed)

        assert 1 + sum(len(cells(type(r))) for r in listed) == len(
            document.splitlines()
        )
        assert ",元,251000\n" in document
        assert "24252.311082" in document

    @pytest.mark.parametrize(
        ("edit", "message"),
        [
            (("2021,", "2020,"), "template '2020'"),
            (
                ("applications.received.total,", "applications.nope,"),
                "unknown cell",
            ),
            (
                (
                    "一、本年新收政府信息公开申请数量,总计,件,70",
                    "一、本年新收政府信息公开申请数量,总计,件,7x",
                ),
                "whole number",
            ),
            (
                (
                    "行政事业性收费,本年收费金额（单位：万元）,万元,24252.311082",
                    "行政事业性收费,本年收费金额（单位：万元）,万元,-1",
                ),
                "decimal",
            ),
        ],
    )
    def test_bad_rows_name_the_line(
        self, edit: tuple[str, str], message: str
    ) -> None:
        """A bad row is a SerializationError with its line number."""
        document = _csv([_example("pingtan-2021.txt")]).replace(*edit, 1)

        with pytest.raises(SerializationError, match=message) as info:
            read_csv(io.StringIO(document))

        assert "@ line " in str(info.value)

    def test_missing_columns(self) -> None:
        """A CSV without the tidy columns says which are missing."""
        with pytest.raises(SerializationError, match="missing column"):
            read_csv(io.StringIO("a,b\n1,2\n"))

    @given(st.text(max_size=300))
    def test_total(self, document: str) -> None:
        """Any text gives reports or a SerializationError."""
        header = ",".join(CSV_COLUMNS) + "\n"
        result = outcome(
            lambda d: read_csv(io.StringIO(d)),
            header + document,
            SerializationError,
        )

        assert isinstance(result, list | SerializationError)


@functools.cache
def _validator(template: str | None) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json_schema(template))


class TestJsonSchema:
    def test_schemas_are_valid(self) -> None:
        """Each schema is itself a valid draft 2020-12 schema."""
        for template in (None, "2014", "2019", "2021"):
            jsonschema.Draft202012Validator.check_schema(json_schema(template))

    @given(reports(blanks=True))
    def test_generated_reports_validate(self, report: Report) -> None:
        """The JSON of every generated report is valid (jsonschema package)."""
        data = json.loads(json.dumps(to_dict(report)))

        _validator(report.TEMPLATE).validate(data)
        _validator(None).validate(data)

    @pytest.mark.parametrize(
        ("path", "bad"),
        [
            (("table", "applications", "received", "total"), -1),
            (("table", "applications", "received", "total"), "7"),
            (
                (
                    "table",
                    "proactive",
                    "fees",
                    "administrative_fees",
                    "amount",
                ),
                1.5,
            ),
            (("table", "appeals", "bogus"), 1),
            (("title",), " padded "),
            (("scope",), "several"),
        ],
    )
    def test_invalid_documents_are_rejected(
        self, path: tuple[str, ...], bad: object
    ) -> None:
        """What from_dict rejects, the schema rejects too."""
        data = to_dict(_example("pingtan-2021.txt"))
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = bad

        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(data, json_schema("2021"))

    def test_cells_are_described(self) -> None:
        """A cell's schema carries its label and unit."""
        schema = json_schema("2019")
        amount = schema["properties"]["table"]["properties"]["proactive"][
            "properties"
        ]["procurement"]["properties"]["procurement"]["properties"]["amount"]

        assert "采购总金额 (元)" == amount["description"]


class TestMarkdown:
    @pytest.mark.parametrize(
        "name",
        [
            "zhuhui-2019-table.txt",
            "shanghai-office-2019.txt",
            "pingtan-2021.txt",
        ],
    )
    def test_every_row_is_shown(self, name: str) -> None:
        """Every declared row label appears; blank cells print nothing."""
        report = _example(name)

        rendered = markdown.render(report)

        labels = {c.label for c in cells(type(report)) if c.label}
        assert all(label in rendered for label in labels)
        assert "None" not in rendered

    def test_shanghai_blank_totals(self) -> None:
        """上海 2019: 予以公开 has a blank 总计 and keeps the printed 元."""
        rendered = markdown.render(_example("shanghai-office-2019.txt"))

        assert "| （一）予以公开 | 258 | 12 |  |  | 1 | 1 |  |" in rendered
        assert "| 政府集中采购 | 6 | 251000元 |" in rendered

    def test_pipes_are_escaped(self) -> None:
        """A '|' in an unknown row cannot break the table."""
        source = (EXAMPLES / "pingtan-2021.txt").read_text(encoding="utf-8")
        report = attrs.evolve(
            text.parse(source, template="2021"),
            extra_rows=(GridRow(table="appeals", label="a|b", cells=("1",)),),
        )

        assert "a\\|b" in markdown.render(report)


class TestPandas:
    def test_tidy_frame(self) -> None:
        """to_dataframe: one row per cell, exact values, blanks as None."""
        pytest.importorskip("pandas")
        from govdisclosure.dataframe import to_dataframe  # noqa: PLC0415

        listed = [
            _example("shanghai-office-2019.txt"),
            _example("pingtan-2021.txt"),
        ]

        frame = to_dataframe(listed)

        assert sum(len(cells(type(r))) for r in listed) == len(frame)
        assert list(CSV_COLUMNS) == list(frame.columns)
        granted = frame[
            (frame.report == 0) & (frame.key == "applications.granted.total")
        ]
        assert [None] == granted.value.tolist()
        fee = frame[frame.key == "proactive.fees.administrative_fees.amount"]
        assert [Decimal("24252.311082")] == fee.value.tolist()
        assert [2019, 2021] == sorted(set(frame.year.tolist()))


def test_typed_usage_runs() -> None:
    """The typed downstream example runs end to end."""
    result = usage.main(EXAMPLES)

    assert 64 == result["natural_persons"]
    assert 144 == result["aggregate"]
    assert 1 == result["csv_reports"]
    errors = result["errors"]
    assert isinstance(errors, list)
    # 上海 2019 under blank = 0: T3-D on 11 rows and T3-C on 总计.
    assert (12, {"T3-C", "T3-D"}) == (len(errors), {e[0] for e in errors})
    assert {
        "html": 218,
        "pdf": 95,
        "docx": 74,
        "read": 74,
        "json": 74,
        "dict": 74,
        "text": 5,
        "quantity": 5,
    } == result["readers"]


class TestCommandLine:
    @pytest.mark.parametrize("target", ["csv", "markdown", "json", "text"])
    def test_convert_stdin_to_stdout(
        self, target: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """convert - --to X reads stdin and writes stdout."""
        source = (EXAMPLES / "pingtan-2021.txt").read_bytes()
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(source)))
        out = io.StringIO()

        assert 0 == main(["convert", "-", "--to", target], stdout=out)

        document = out.getvalue()
        if target == "csv":
            assert [_cells_only(_example("pingtan-2021.txt"))] == read_csv(
                io.StringIO(document)
            )
        elif target == "text":
            assert source.decode("utf-8") == document
        else:
            assert "24252.311082" in document

    def test_output_file(self, tmp_path: Path) -> None:
        """-o FILE writes the file."""
        path = tmp_path / "r.md"

        assert 0 == main(
            [
                "convert",
                str(EXAMPLES / "pingtan-2021.txt"),
                "--to",
                "markdown",
                "-o",
                str(path),
            ]
        )

        assert path.read_text(encoding="utf-8").startswith(
            "## 二、主动公开政府信息情况"
        )

    def test_schema_command(self) -> None:
        """schema [--template NAME] prints the JSON Schema."""
        out = io.StringIO()

        assert 0 == main(["schema", "--template", "2021"], stdout=out)

        assert json_schema("2021") == json.loads(out.getvalue())


@pytest.mark.parametrize("report_type", [Report2014, Report2019, Report2021])
def test_schema_lists_every_cell(report_type: type[Report]) -> None:
    """Every declared cell is in the schema, at its key's path."""
    schema = json_schema(report_type.TEMPLATE)["properties"]["table"]
    for cell in cells(report_type):
        node = schema
        for part in cell.path:
            node = node["properties"][part]
        assert cell.unit in node["description"]
