"""
JSON and dict serialization: exact round-trips, strict reading.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govdisclosure import (
    Organisation,
    Report,
    Report2014,
    StatisticalTable,
    serialization,
    text,
)
from govdisclosure.errors import SerializationError
from govdisclosure.serialization import (
    from_dict,
    from_json,
    make_converter,
    to_dict,
    to_json,
)
from govdisclosure.strategies import reports
from tests.conftest import JSON_VALUES, outcome


@given(reports(blanks=True))
def test_json_round_trip(report: Report2014) -> None:
    """from_json(to_json(r)) == r, blanks and raw texts included."""
    assert report == from_json(to_json(report))


@given(reports(blanks=True))
def test_dict_round_trip(report: Report2014) -> None:
    """from_dict(to_dict(r)) == r, and the dict is plain JSON data."""
    data = to_dict(report)

    assert report == from_dict(data)
    assert data == json.loads(json.dumps(data))


def test_sample_round_trip(zhuhui: str) -> None:
    """The real sample survives JSON exactly."""
    report = text.parse(zhuhui)

    assert report == from_json(to_json(report, indent=2))


def test_money_keeps_its_digits() -> None:
    """Money is written as the exact decimal string."""
    report = Report2014(
        title="T",
        table=StatisticalTable(
            organisation=Organisation(budget=Decimal("24252.311082"))
        ),
    )

    data = to_dict(report)

    assert "24252.311082" == data["table"]["organisation"]["budget"]
    back = from_dict(data)
    assert isinstance(back, Report2014)
    assert Decimal("24252.311082") == back.table.organisation.budget


def test_blank_is_null() -> None:
    """A blank cell is null in JSON, distinct from 0."""
    report = Report2014(title="T", table=StatisticalTable(complaints=0))

    data = to_dict(report)

    assert 0 == data["table"]["complaints"]
    assert data["table"]["fees"] is None


def _sample_dict() -> dict[str, Any]:
    return to_dict(Report2014(title="T"))


class TestStrict:
    @pytest.mark.parametrize(
        ("bad", "problem"),
        [
            (3.7, "expected an integer, got 3.7"),
            (True, "expected an integer, got True"),
            ("12", "expected an integer, got '12'"),
            (-1, "expected a non-negative count, got -1"),
        ],
    )
    def test_counts(self, bad: object, problem: str) -> None:
        """Counts are never coerced: floats, bools, strings, negatives."""
        data = _sample_dict()
        data["table"]["applications"]["received"] = bad

        with pytest.raises(SerializationError) as info:
            from_dict(data)

        assert (
            f"{problem} @ $.table.applications.received",
        ) == info.value.errors

    @pytest.mark.parametrize("bad", [1.5, "1e3", "-2", "NaN", 3])
    def test_money(self, bad: object) -> None:
        """Money is read only from decimal strings."""
        data = _sample_dict()
        data["table"]["fees"] = bad

        with pytest.raises(SerializationError, match=r"@ \$\.table\.fees"):
            from_dict(data)

    def test_every_bad_value_is_reported(self) -> None:
        """All bad values are listed, each with its path."""
        data = _sample_dict()
        data["title"] = 1
        data["table"]["fees"] = 0.5
        data["table"]["meetings"]["trainees"] = "300"
        data["table"]["meetings"]["bogus"] = 1

        with pytest.raises(SerializationError) as info:
            from_dict(data)

        paths = sorted(e.rpartition(" @ ")[2] for e in info.value.errors)
        assert [
            "$.table.fees",
            "$.table.meetings",
            "$.table.meetings.trainees",
            "$.title",
        ] == paths

    def test_extra_keys_rejected(self) -> None:
        """Keys the schema does not know are rejected."""
        data = _sample_dict()
        data["surprise"] = 1

        with pytest.raises(SerializationError, match="surprise"):
            from_dict(data)

    @pytest.mark.parametrize("template", [None, "2030", 2014])
    def test_template_required(self, template: object) -> None:
        """The template must name a known generation."""
        data = _sample_dict()
        data["template"] = template

        with pytest.raises(SerializationError, match=r"\$\.template"):
            from_dict(data)

    def test_not_an_object(self) -> None:
        """A JSON list is not a report."""
        with pytest.raises(SerializationError, match="expected an object"):
            from_json("[]")

    def test_bad_json(self) -> None:
        """Malformed JSON is a SerializationError with the position."""
        with pytest.raises(SerializationError, match="line 1 column"):
            from_json('{"template": ')


@given(
    st.dictionaries(
        st.sampled_from(["template", "title", "table", "sections", "x"]),
        JSON_VALUES,
    )
)
def test_from_dict_is_total(data: dict[str, Any]) -> None:
    """Any dict gives a report or a SerializationError, nothing else."""
    data.setdefault("template", "2014")
    result = outcome(from_dict, data, SerializationError)

    assert isinstance(result, Report2014 | SerializationError)


@given(st.text(max_size=50) | st.just("[" * 100_000))
def test_from_json_is_total(document: str) -> None:
    """Any text, even absurdly deep nesting, gives a report or our error."""
    with pytest.raises(SerializationError):
        from_json(document)


def test_converter_is_fresh() -> None:
    """make_converter() returns a new converter each time."""
    assert make_converter() is not make_converter()


def _paths(
    node: object, prefix: tuple[object, ...] = ()
) -> list[tuple[object, ...]]:
    """Every path into a JSON-like value."""
    out: list[tuple[object, ...]] = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out.extend(_paths(v, (*prefix, k)))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out.extend(_paths(v, (*prefix, i)))
    return out


_ODD = (
    st.none()
    | st.booleans()
    | st.integers(-3, 3)
    | st.floats(allow_nan=False)
    | st.sampled_from(
        ["", "7", "1.5", "-1", "x", "unknown", "aggregate", "appeals"]
    )
    | st.lists(st.integers(0, 2), max_size=2)
    | st.dictionaries(
        st.sampled_from(["a", "title", "total"]), st.integers(0, 2), max_size=2
    )
)


@given(reports(blanks=True), st.data())
def test_fast_path_agrees_with_the_converter(
    report: Report, data: st.DataObject
) -> None:
    """The generated fast reader accepts exactly what cattrs accepts."""
    document = to_dict(report)
    body = {k: v for k, v in document.items() if k != "template"}
    path = data.draw(st.sampled_from(_paths(body)[1:]))
    node: Any = body
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = data.draw(_ODD)
    cls = type(report)

    def fast(d: dict[str, Any]) -> object:
        return serialization._fast(cls)(d)

    def slow(d: dict[str, Any]) -> object:
        return serialization._converter().structure(d, cls)

    quick = outcome(fast, body, serialization._BadInputError)
    full = outcome(slow, body, Exception)

    if isinstance(quick, serialization._BadInputError):
        assert isinstance(full, Exception)
    else:
        assert quick == full
