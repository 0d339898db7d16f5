"""
Test configuration: Hypothesis profiles and the real samples.

Under ``CI=true`` Hypothesis loads its built-in ``ci`` profile
(derandomized, no deadline, no database); nothing here changes that.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

#: ``../shared/samples`` beside the checkout.
SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"


def sample_text(name: str) -> str:
    """
    The text of a real sample; in CI a missing sample is a failure.
    """
    path = SAMPLES / name
    if not path.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"sample {path} is missing: CI must have ../shared")
        pytest.skip(f"sample {path} not available outside CI")
    return path.read_text(encoding="utf-8")


@pytest.fixture
def zhuhui() -> str:
    """
    The 珠晖区 2019 report in its plain-text form.
    """
    return sample_text("zhuhui-2019.txt")
