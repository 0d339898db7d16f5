"""
Optional extras, imported on first use (private).
"""

from __future__ import annotations

import importlib
from types import ModuleType

from govdisclosure.errors import MissingExtraError

__all__ = ["require"]


def require(module: str, extra: str, purpose: str) -> ModuleType:
    """
    The module *module* of the extra *extra*, imported now.

    Raises:
        MissingExtraError: naming ``pip install "govdisclosure[extra]"``
            when it is not installed.
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        package = module.split(".", 1)[0]
        raise MissingExtraError(purpose, extra, package) from exc
