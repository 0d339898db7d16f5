"""
A corpus into one Parquet dataset (govdisclosure.corpus and ``python -m
govdisclosure dataset``): every form, zip archives, nested folders and
broken files; cross-year findings across folders; the same bytes whatever
the workers or the engine.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govdisclosure import Report, corpus, docx, html, serialization, text
from govdisclosure._cli import main
from govdisclosure.strategies import reports

pq = pytest.importorskip("pyarrow.parquet")

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _corpus(root: Path) -> dict[str, str]:
    """
    A corpus in every form: what each file's source name should read as
    ("ok" or "error").
    """
    (root / "2021" / "nested").mkdir(parents=True)
    (root / "2022").mkdir()
    y2021 = (EXAMPLES / "pingtan-2021.txt").read_text(encoding="utf-8")
    wrong = y2021.replace(
        "| 7.属于行政执法案卷 | 6 | 0 |", "| 7.属于行政执法案卷 | 9 | 0 |"
    )
    (root / "2021" / "pingtan.txt").write_text(wrong, encoding="utf-8")
    y2022 = text.parse(
        (EXAMPLES / "pingtan-2022.txt").read_text(encoding="utf-8")
    )
    (root / "2022" / "pingtan.json").write_text(
        serialization.to_json(y2022), encoding="utf-8"
    )
    (root / "2021" / "nested" / "shanghai.html").write_bytes(
        (EXAMPLES / "shanghai-office-2019.html").read_bytes()
    )
    (root / "2021" / "nested" / "word.docx").write_bytes(docx.render(y2022))
    (root / "2021" / "broken.pdf").write_bytes(b"%PDF-1.7 truncated")
    (root / "2021" / "notes.xlsx").write_bytes(b"not a report file")
    with zipfile.ZipFile(root / "archive.zip", "w") as archive:
        archive.writestr(
            "b/zhuhui.txt", (EXAMPLES / "zhuhui-2019-table.txt").read_bytes()
        )
        archive.writestr("a/page.html", html.render(y2022))
        archive.writestr("a/empty.txt", b"")
    return {
        str(root / "2021" / "broken.pdf"): "error",
        str(root / "2021" / "nested" / "shanghai.html"): "ok",
        str(root / "2021" / "nested" / "word.docx"): "ok",
        str(root / "2021" / "pingtan.txt"): "ok",
        str(root / "2022" / "pingtan.json"): "ok",
        f"{root / 'archive.zip'}/a/empty.txt": "error",
        f"{root / 'archive.zip'}/a/page.html": "ok",
        f"{root / 'archive.zip'}/b/zhuhui.txt": "ok",
    }


def test_sources_are_in_a_stable_order(tmp_path: Path) -> None:
    expected = _corpus(tmp_path)
    names = [s.name for s in corpus.sources([tmp_path])]
    assert sorted(expected) == sorted(names)
    # Folders sorted by path; the archive's members by name.
    assert names == [
        str(tmp_path / "2021" / "broken.pdf"),
        str(tmp_path / "2021" / "nested" / "shanghai.html"),
        str(tmp_path / "2021" / "nested" / "word.docx"),
        str(tmp_path / "2021" / "pingtan.txt"),
        str(tmp_path / "2022" / "pingtan.json"),
        f"{tmp_path / 'archive.zip'}/a/empty.txt",
        f"{tmp_path / 'archive.zip'}/a/page.html",
        f"{tmp_path / 'archive.zip'}/b/zhuhui.txt",
    ]


def test_read_all(tmp_path: Path) -> None:
    expected = _corpus(tmp_path)
    results = list(corpus.read_all([tmp_path], workers=1))
    assert expected == {r.source: "ok" if r.ok else "error" for r in results}
    forms = {Path(r.source).suffix: r.form for r in results if r.ok}
    assert {
        ".txt": "text",
        ".json": "json",
        ".html": "html",
        ".docx": "docx",
    } == forms
    broken = next(r for r in results if r.source.endswith("broken.pdf"))
    assert broken.error is not None
    assert "PDF" in broken.error
    assert broken.sha256 is not None
    assert 64 == len(broken.sha256)


def test_the_dataset(tmp_path: Path) -> None:
    """One row per file; errors kept; a known error; a pair across folders."""
    expected = _corpus(tmp_path / "in")
    out = tmp_path / "out"

    counts = corpus.write_dataset([tmp_path / "in"], out, workers=2)

    reports = pq.read_table(out / "reports.parquet").to_pylist()
    assert expected == {r["source"]: r["status"] for r in reports}
    assert all(r["error"] for r in reports if r["status"] == "error")
    assert len(reports) == counts["reports.parquet"]
    findings = pq.read_table(out / "findings.parquet").to_pylist()
    culprits = [
        f
        for f in findings
        if f["culprit_key"]
        == "applications.withheld.enforcement_files.natural_person"
    ]
    assert {("T3-C", "6"), ("T3-D", "6")} == {
        (f["rule"], f["culprit_suggested"]) for f in culprits
    }
    # 平潭 2021 (2021/) and 2022 (2022/, JSON): the cross-year rules ran.
    cells = pq.read_table(out / "cells.parquet")
    assert cells.schema.field("value").type == "int64"
    amounts = [
        r["amount"]
        for r in cells.to_pylist()
        if r["key"] == "proactive.fees.administrative_fees.amount"
        and r["source"].endswith("pingtan.txt")
    ]
    assert ["24252.311082"] == amounts
    blank = [
        r
        for r in cells.to_pylist()
        if r["source"].endswith("shanghai.html")
        and r["key"] == "applications.granted.total"
    ]
    assert [None] == [r["value"] for r in blank]  # blank is null, not 0


def test_cross_year_findings_name_both_files(tmp_path: Path) -> None:
    """A carried-in count that disagrees with last year's: T3-E, both files."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "2021.txt").write_bytes(
        (EXAMPLES / "pingtan-2021.txt").read_bytes()
    )
    y2022 = (EXAMPLES / "pingtan-2022.txt").read_text(encoding="utf-8")
    changed = y2022.replace(
        "| 二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
        "| 二、上年结转政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |",
    )
    assert changed != y2022
    (tmp_path / "b" / "2022.txt").write_text(changed, encoding="utf-8")

    corpus.write_dataset(
        [tmp_path / "a", tmp_path / "b"], tmp_path / "out", workers=1
    )

    found = pq.read_table(tmp_path / "out" / "findings.parquet").to_pylist()
    t3e = [f for f in found if f["rule"] == "T3-E"]
    assert t3e
    assert {str(tmp_path / "a" / "2021.txt")} == {
        f["previous_source"] for f in t3e
    }
    assert {str(tmp_path / "b" / "2022.txt")} == {f["source"] for f in t3e}


def test_the_same_bytes_with_any_workers_or_engine(tmp_path: Path) -> None:
    """1 or 2 local workers, or a Dask LocalCluster of 2: the same files."""
    pytest.importorskip("distributed")
    _corpus(tmp_path / "in")
    runs = {"one": (1, "local"), "two": (2, "local"), "dask": (2, "dask")}
    for name, (workers, engine) in runs.items():
        corpus.write_dataset(
            [tmp_path / "in"], tmp_path / name, workers=workers, engine=engine
        )
    for file in corpus.DATASET_FILES:
        first = (tmp_path / "one" / file).read_bytes()
        assert first == (tmp_path / "two" / file).read_bytes(), file
        assert first == (tmp_path / "dask" / file).read_bytes(), file


@settings(max_examples=10, deadline=None)
@given(st.lists(reports(), min_size=1, max_size=6))
def test_generated_reports_give_one_row_each(generated: list[Report]) -> None:
    """Generated reports as JSON files in a zip: one ok row each, in order."""
    with tempfile.TemporaryDirectory() as folder:
        archive = Path(folder) / "c.zip"
        with zipfile.ZipFile(archive, "w") as zipped:
            for i, one in enumerate(generated):
                zipped.writestr(f"{i:03}.json", serialization.to_json(one))
        corpus.write_dataset([archive], Path(folder) / "out", workers=1)
        rows = pq.read_table(
            Path(folder) / "out" / "reports.parquet"
        ).to_pylist()
    assert [f"{archive}/{i:03}.json" for i in range(len(generated))] == [
        r["source"] for r in rows
    ]
    assert {"ok"} == {r["status"] for r in rows}
    assert [one.title for one in generated] == [r["title"] for r in rows]


def test_command_line(tmp_path: Path) -> None:
    _corpus(tmp_path / "in")
    out, err = io.StringIO(), io.StringIO()
    status = main(
        [
            "dataset",
            str(tmp_path / "in"),
            "-o",
            str(tmp_path / "out"),
            "--workers",
            "1",
            "--no-progress",
        ],
        stdout=out,
        stderr=err,
    )
    assert 2 == status  # two files could not be read; their rows say why
    assert "8 file(s), 2 unreadable" in out.getvalue()
    assert "" == err.getvalue()
    for file in corpus.DATASET_FILES:
        assert (tmp_path / "out" / file).is_file()
