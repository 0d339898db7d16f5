"""
Every docstring example of the installed package runs.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import govdisclosure

_MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(
        govdisclosure.__path__, prefix="govdisclosure."
    )
    if info.name != "govdisclosure.__main__"
)


@pytest.mark.parametrize("name", _MODULES)
def test_module_examples(name: str) -> None:
    """The module's `>>>` examples pass."""
    module = importlib.import_module(name)

    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)

    assert 0 == result.failed


def test_examples_exist() -> None:
    """The public modules carry examples (the doctest run is not empty)."""
    finder = doctest.DocTestFinder()
    counted = sum(
        len(t.examples)
        for name in _MODULES
        for t in finder.find(importlib.import_module(name))
    )

    assert counted > 30
