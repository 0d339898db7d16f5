"""
Reports to and from plain dicts and JSON, exactly.

The JSON form is the attrs structure with English keys, plus a top-level
``"template"`` naming the template generation.  Money is a decimal string
(``"24252.311082"``), so no precision is lost; blank cells are ``null``.

>>> from govdisclosure import Report2014
>>> r = Report2014(title="某区2019年政府信息公开工作年度报告")
>>> from_json(to_json(r)) == r
True
>>> from_dict({"template": "2014", "title": 7})
Traceback (most recent call last):
...
govdisclosure.errors.SerializationError: expected a string, got 7 @ $.title
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import cattrs
from cattrs.gen import make_dict_structure_fn, override

from govdisclosure import _declare
from govdisclosure._templates import REPORT_TYPES, Report
from govdisclosure.errors import SerializationError

__all__ = ["from_dict", "from_json", "make_converter", "to_dict", "to_json"]

_DECIMAL = re.compile(r"^\d+(?:\.\d+)?$")


def _structure_int(value: object, _type: object) -> int:
    if type(value) is not int:
        msg = f"expected an integer, got {value!r}"
        raise TypeError(msg)
    if value < 0:
        msg = f"expected a non-negative count, got {value}"
        raise ValueError(msg)
    return value


def _structure_signed(value: object, _type: object) -> int | None:
    if value is None:
        return None
    if type(value) is not int:
        msg = f"expected an integer, got {value!r}"
        raise TypeError(msg)
    return value


def _structure_decimal(value: object, _type: object) -> Decimal:
    if not isinstance(value, str) or not _DECIMAL.match(value):
        msg = f"expected a non-negative decimal string such as '12.5', got {value!r}"
        raise ValueError(msg)
    return Decimal(value)


def _structure_str(value: object, _type: object) -> str:
    if not isinstance(value, str):
        msg = f"expected a string, got {value!r}"
        raise TypeError(msg)
    return value


def make_converter() -> cattrs.Converter:
    """
    Build the converter the library uses, configured as follows.

    - keys that the schema does not know are rejected;
    - integers are strict: ``3.7``, ``True`` and ``"12"`` are rejected, and so
      are negative counts (signed cells such as 本年增/减 take any integer);
    - ``Decimal`` values are written as strings and read only from strings
      of digits with an optional fraction (never from floats);
    - strings are strict: ``7`` is not read as ``"7"``;
    - every bad value is reported, each with its path.

    >>> conv = make_converter()
    >>> conv.unstructure(Decimal("0.10"))
    '0.10'
    """
    conv = cattrs.Converter(forbid_extra_keys=True)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_structure_hook(str, _structure_str)
    conv.register_unstructure_hook(Decimal, str)
    conv.register_unstructure_hook(
        tuple, lambda t: [conv.unstructure(v) for v in t]
    )
    for report_type in REPORT_TYPES.values():
        for cls, names in _declare.signed_fields(report_type.TABLE).items():
            signed: dict[str, Any] = {
                n: override(struct_hook=_structure_signed) for n in names
            }
            conv.register_structure_hook(
                cls,
                make_dict_structure_fn(
                    cls, conv, _cattrs_forbid_extra_keys=True, **signed
                ),
            )
    return conv


_CONVERTER = make_converter()


def to_dict(report: Report) -> dict[str, Any]:
    """
    The report as a dict of JSON-compatible values.

    >>> from govdisclosure import Report2014
    >>> to_dict(Report2014(title="T"))["template"]
    '2014'
    """
    out: dict[str, Any] = {"template": report.TEMPLATE}
    out.update(_CONVERTER.unstructure(report))
    return out


def from_dict(data: Mapping[str, Any]) -> Report:
    """
    Read a report from a dict as written by :func:`to_dict`.

    >>> from_dict({"template": "2014", "title": "T", "trailer": "x"}).trailer
    'x'

    Raises:
        SerializationError: naming every bad value and its path.
    """
    if not isinstance(data, Mapping):
        raise SerializationError(
            [f"expected an object, got {type(data).__name__} @ $"]
        )
    body = dict(data)
    template = body.pop("template", None)
    cls = REPORT_TYPES.get(template) if isinstance(template, str) else None
    if cls is None:
        known = ", ".join(sorted(REPORT_TYPES))
        raise SerializationError(
            [f"expected one of {known}, got {template!r} @ $.template"]
        )
    try:
        return _CONVERTER.structure(body, cls)
    except Exception as exc:  # noqa: BLE001 - every failure becomes ours
        raise SerializationError(_messages(exc)) from None


def _messages(exc: BaseException) -> list[str]:
    if isinstance(exc, cattrs.BaseValidationError):
        return cattrs.transform_error(exc, path="$", format_exception=_format)
    return [f"{_format(exc, None)} @ $"]


def _format(exc: BaseException, _type: object) -> str:
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return f"unknown field(s): {', '.join(sorted(exc.extra_fields))}"
    if len(exc.args) > 1 and isinstance(exc.args[0], str):
        return exc.args[0]  # attrs validators add the attribute and value
    return str(exc)


def to_json(report: Report, *, indent: int | None = None) -> str:
    """
    The report as a JSON document (UTF-8 text, Chinese not escaped).

    >>> from govdisclosure import Report2014
    >>> to_json(Report2014(title="T"))[:34]
    '{"template": "2014", "title": "T",'
    """
    return json.dumps(to_dict(report), ensure_ascii=False, indent=indent)


def from_json(text: str | bytes) -> Report:
    """
    Read a report from a JSON document written by :func:`to_json`.

    >>> from_json('{"template": "2014", "title": "T"}').title
    'T'

    Raises:
        SerializationError: for malformed JSON (with its position) or any
            bad value (with its path).
    """
    try:
        data = json.loads(text)
    except (ValueError, TypeError, RecursionError) as exc:
        raise SerializationError([f"not valid JSON: {exc}"]) from None
    return from_dict(data)
