"""
The declared schema: keys, labels, units, validators.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from decimal import Decimal

import attrs
import pytest

import govdisclosure
from govdisclosure import (
    Applications,
    Organisation,
    Report2014,
    StatisticalTable,
    cells,
)
from govdisclosure.units import COUNT_UNITS, MONEY_UNITS


class TestCells:
    def test_keys_are_unique_and_resolve(self) -> None:
        """Every declared key is unique and names an attribute path."""
        table = StatisticalTable()
        keys = [c.key for c in cells(Report2014)]

        assert len(keys) == len(set(keys))
        for key in keys:
            obj: object = table
            for part in key.split("."):
                obj = getattr(obj, part)
            assert obj is None

    def test_units_are_known(self) -> None:
        """Every cell's unit is one of the library's units."""
        units = {c.unit for c in cells(Report2014)}

        assert units <= set(COUNT_UNITS) | set(MONEY_UNITS)

    def test_money_cells_are_in_wan_yuan(self) -> None:
        """The two money cells of the old table are in 万元."""
        money = {
            c.key: c.unit for c in cells(Report2014) if c.kind.value == "money"
        }

        assert {"fees": "万元", "organisation.budget": "万元"} == money

    def test_trainees_are_person_times(self) -> None:
        """接受培训人员数 is counted in 人次, not 人."""
        (cell,) = [
            c for c in cells(Report2014) if c.key == "meetings.trainees"
        ]

        assert ("（三）接受培训人员数", "人次") == (cell.label, cell.unit)


class TestValidators:
    @pytest.mark.parametrize("bad", [True, 3.0, "3", Decimal(3)])
    def test_counts_reject_non_ints(self, bad: object) -> None:
        """A count must be an int (bool, float, str, Decimal rejected)."""
        with pytest.raises(TypeError, match="received must be an int"):
            Applications(received=bad)  # type: ignore[arg-type]

    def test_counts_reject_negatives(self) -> None:
        """A negative count is rejected with the field's name."""
        with pytest.raises(ValueError, match="staff must not be negative"):
            Organisation(staff=-1)

    @pytest.mark.parametrize("bad", [1.5, 2, Decimal("NaN"), Decimal(-1)])
    def test_money_must_be_finite_non_negative_decimal(
        self, bad: object
    ) -> None:
        """Money is a finite, non-negative Decimal."""
        with pytest.raises((TypeError, ValueError), match="budget"):
            Organisation(budget=bad)  # type: ignore[arg-type]

    def test_blank_is_not_zero(self) -> None:
        """A blank cell (None) and a zero cell are different reports."""
        assert StatisticalTable(complaints=0) != StatisticalTable()

    def test_money_is_exact(self) -> None:
        """0.1 + 0.2 万元 is exactly 0.3 万元."""
        org = Organisation(budget=Decimal("0.1") + Decimal("0.2"))

        assert Decimal("0.3") == org.budget

    @pytest.mark.parametrize("bad", ["", " T", "T\nU", None])
    def test_title_is_one_line(self, bad: object) -> None:
        """A title is one non-empty, stripped line of text."""
        with pytest.raises(ValueError, match="title must be one"):
            Report2014(title=bad)  # type: ignore[arg-type]

    def test_frozen(self) -> None:
        """Reports cannot be changed in place."""
        report = Report2014(title="T")

        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            report.title = "U"  # type: ignore[misc]


class TestMetadata:
    def test_body_year_date(self) -> None:
        """Body and year come from the title, the date from the preamble."""
        report = Report2014(
            title="平潭综合实验区2018年度政府信息公开工作年度报告",
            preamble="编制说明\n（２０１９年１月１０日）",
        )

        assert ("平潭综合实验区", 2018, date(2019, 1, 10)) == (
            report.body,
            report.year,
            report.published,
        )

    def test_unknown_metadata_is_none(self) -> None:
        """A title without body and year, or no date, gives None."""
        report = Report2014(title="年度报告", preamble="2019年2月30日")

        assert (None, None, None) == (
            report.body,
            report.year,
            report.published,
        )


def test_all_is_complete() -> None:
    """The facade's __all__ has no duplicates and every name exists."""
    names = govdisclosure.__all__

    assert len(set(names)) == len(names)
    assert all(hasattr(govdisclosure, n) for n in names)


def _loaded_after(code: str) -> set[str]:
    """
    The modules of interest a fresh interpreter has loaded after *code*.
    """
    watched = [
        "attrs",
        "cattrs",
        "pint",
        "govdisclosure._report2014",
        "govdisclosure._national",
        "govdisclosure._report_national",
        "govdisclosure.text",
    ]
    probe = f"{code}\nimport sys\nprint(*[m for m in {watched!r} if m in sys.modules])"
    out = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(out.stdout.split())


def test_import_loads_nothing_heavy() -> None:
    """`import govdisclosure` loads no schema, no attrs, cattrs or pint."""
    assert set() == _loaded_after("import govdisclosure")


def test_a_template_loads_only_its_schema() -> None:
    """Touching the old table's classes loads its schema, not the national."""
    loaded = _loaded_after("import govdisclosure\ngovdisclosure.Report2014")

    assert {"attrs", "govdisclosure._report2014"} == loaded


def test_unknown_names_are_attribute_errors() -> None:
    """A name the package does not have is an AttributeError, as usual."""
    with pytest.raises(AttributeError, match="no attribute 'Report2018'"):
        _ = govdisclosure.Report2018


def test_dir_lists_every_public_name() -> None:
    """dir() shows the lazily imported names too."""
    assert set(govdisclosure.__all__) <= set(dir(govdisclosure))
