"""
Test configuration: Hypothesis profiles and the real samples.

Under ``CI=true`` Hypothesis loads its built-in ``ci`` profile
(derandomized, no deadline, no database); nothing here changes that.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

import pytest
from hypothesis import strategies as st

from govdisclosure.checks import Finding

_A = TypeVar("_A")
_R = TypeVar("_R")

#: ``../shared/samples`` beside the checkout.
SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"


def sample_bytes(name: str) -> bytes:
    """
    The bytes of a real sample; in CI a missing sample is a failure.
    """
    path = SAMPLES / name
    if not path.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"sample {path} is missing: CI must have ../shared")
        pytest.skip(f"sample {path} not available outside CI")
    return path.read_bytes()


def sample_text(name: str) -> str:
    """
    The text of a real sample; in CI a missing sample is a failure.
    """
    return sample_bytes(name).decode("utf-8")


def outcome(
    fn: Callable[[_A], _R], arg: _A, error: type[Exception]
) -> _R | Exception:
    """
    What *fn(arg)* gives: its result, or the *error* it raised (any other
    exception propagates and fails the test).
    """
    try:
        return fn(arg)
    except error as exc:
        return exc


#: The reviewers' checks of a whole table or section: B-1 (a table mostly
#: blank, as every small hand-made report is) and S-1 (section 五 says
#: nothing, as in the excerpted examples, "（节录）……").
WHOLE_TABLE_OR_SECTION = frozenset({"B-1", "S-1"})


def rule_findings(found: Iterable[Finding]) -> tuple[Finding, ...]:
    """
    *found* without the findings of :data:`WHOLE_TABLE_OR_SECTION`, for
    tests about other rules.
    """
    return tuple(f for f in found if f.rule not in WHOLE_TABLE_OR_SECTION)


#: Any JSON value: nulls, booleans, numbers, short strings, nested lists
#: and objects (for totality properties of the readers).
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=30,
)


@pytest.fixture
def zhuhui() -> str:
    """
    The 珠晖区 2019 report in its plain-text form.
    """
    return sample_text("zhuhui-2019.txt")
