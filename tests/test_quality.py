"""
The checks of the code itself, run with the tests so that the README's
test command (and `.ci/run`, which runs it) is the whole quality bar:
ruff (format and lint), mypy --strict, the docs build with warnings as
errors (and every public name in its index), the quick benchmarks, and
the built sdist and wheel.

Outside CI a tool that is not installed skips its test with the reason;
in CI (``CI=true``) it fails.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import os
import subprocess
import sys
import tarfile
import zipfile
import zlib
from pathlib import Path

import pytest

import govdisclosure

ROOT = Path(__file__).resolve().parents[1]

#: The public modules whose functions and classes the API reference lists.
PUBLIC_MODULES = (
    "govdisclosure",
    "govdisclosure.analysis",
    "govdisclosure.checks",
    "govdisclosure.corpus",
    "govdisclosure.dataframe",
    "govdisclosure.docx",
    "govdisclosure.errors",
    "govdisclosure.html",
    "govdisclosure.markdown",
    "govdisclosure.metrics",
    "govdisclosure.pdf",
    "govdisclosure.report",
    "govdisclosure.serialization",
    "govdisclosure.strategies",
    "govdisclosure.text",
    "govdisclosure.units",
)


def _needs(module: str) -> None:
    if importlib.util.find_spec(module) is None:
        if os.environ.get("CI"):
            pytest.fail(f"{module} is not installed: CI installs .[dev,docs]")
        pytest.skip(
            f"{module} is not installed (pip install -e '.[dev,docs]')"
        )


def _run(*argv: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )


def _assert_ok(proc: subprocess.CompletedProcess[str]) -> None:
    assert 0 == proc.returncode, proc.stdout[-4000:] + proc.stderr[-4000:]


def test_ruff_format() -> None:
    _needs("ruff")
    _assert_ok(
        _run(
            "-m",
            "ruff",
            "format",
            "--check",
            "src",
            "tests",
            "benchmarks",
            "docs",
        )
    )


def test_ruff_check() -> None:
    _needs("ruff")
    _assert_ok(
        _run("-m", "ruff", "check", "src", "tests", "benchmarks", "docs")
    )


def test_mypy_strict() -> None:
    """mypy --strict over src and tests (the settings in pyproject.toml)."""
    _needs("mypy")
    _assert_ok(_run("-m", "mypy"))


def test_the_installed_package_is_tested() -> None:
    """In CI the tests run against the installed package, not src/."""
    if not os.environ.get("CI"):
        pytest.skip("outside CI an editable install is fine")
    assert "src" not in Path(govdisclosure.__file__).parts


def _inventory(path: Path) -> set[str]:
    """The Python object names in a Sphinx objects.inv."""
    raw = path.read_bytes()
    start = 0
    for _ in range(4):  # the four header lines
        start = raw.index(b"\n", start) + 1
    lines = zlib.decompress(raw[start:]).decode("utf-8").splitlines()
    return {line.split()[0] for line in lines if " py:" in line}


def _public_objects() -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = []
    for name in PUBLIC_MODULES:
        module = importlib.import_module(name)
        for attribute in module.__all__:
            value = getattr(module, attribute)
            if inspect.isfunction(value) or inspect.isclass(value):
                out.append((f"{name}.{attribute}", value))
    return out


def test_docs_build_and_index_every_public_name(tmp_path: Path) -> None:
    """Sphinx -W builds the docs; objects.inv has every function and class."""
    _needs("sphinx")
    _needs("myst_parser")
    out = tmp_path / "html"
    _assert_ok(
        _run(
            "-m",
            "sphinx",
            "-W",
            "-q",
            "-b",
            "html",
            "docs",
            str(out),
            timeout=900,
        )
    )
    indexed = _inventory(out / "objects.inv")
    missing = [
        public
        for public, value in _public_objects()
        if not {
            public,
            f"govdisclosure.{public.rpartition('.')[2]}",
            f"{getattr(value, '__module__', '')}.{getattr(value, '__name__', '')}",
        }
        & indexed
    ]
    assert [] == missing
    page = (out / "cells.html").read_text(encoding="utf-8")
    assert "applications.withheld.state_secret.natural_person" in page
    assert "NOTHING" not in (out / "schema.html").read_text(encoding="utf-8")


def test_quick_benchmarks_run() -> None:
    """benchmarks/run.py --quick runs and prints its ratios."""
    proc = _run("benchmarks/run.py", "--quick", timeout=900)
    _assert_ok(proc)
    assert "json.loads" in proc.stdout


def test_sdist_and_wheel(tmp_path: Path) -> None:
    """The sdist has the examples, tests, docs and LICENSE, and no build output."""
    _needs("build")
    _needs("flit_core")
    _assert_ok(
        _run(
            "-m",
            "build",
            "--no-isolation",
            "-o",
            str(tmp_path),
            ".",
            timeout=600,
        )
    )
    (sdist,) = tmp_path.glob("*.tar.gz")
    (wheel,) = tmp_path.glob("*.whl")
    with tarfile.open(sdist) as archive:
        names = {n.split("/", 1)[1] for n in archive.getnames() if "/" in n}
    assert {
        "LICENSE",
        "README.md",
        "CHANGELOG.md",
        "examples/hongze-2024.pdf",
        "examples/pingtan-2021.txt",
        "tests/conftest.py",
        "docs/conf.py",
        "src/govdisclosure/py.typed",
    } <= names
    assert not [
        n for n in names if n.startswith("docs/_build") or "__pycache__" in n
    ]
    with zipfile.ZipFile(wheel) as archive:
        inside = set(archive.namelist())
    version = govdisclosure.__version__
    assert f"govdisclosure-{version}.dist-info/licenses/LICENSE" in inside
    assert "govdisclosure/py.typed" in inside
    assert not [n for n in inside if n.startswith(("tests/", "examples/"))]
    assert sdist.name == f"govdisclosure-{version}.tar.gz"
