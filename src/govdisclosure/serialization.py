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

import csv
import enum
import functools
import json
import re
import typing
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any, Literal, TextIO, overload

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory
from cattrs.gen import make_dict_structure_fn, override

from govdisclosure import _declare, _lexer
from govdisclosure._report2014 import Report2014
from govdisclosure._report_national import Report2019, Report2021, Scope
from govdisclosure._templates import REPORT_TYPES, Report
from govdisclosure.errors import SerializationError

__all__ = [
    "CSV_COLUMNS",
    "from_dict",
    "from_json",
    "json_schema",
    "make_converter",
    "read_csv",
    "to_csv_rows",
    "to_dict",
    "to_json",
    "write_csv",
]

_SCOPES = {s.value: s for s in Scope}

_DECIMAL = re.compile(r"^[0-9]+(?:\.[0-9]+)?$")
_DECIMAL_FULL = re.compile(r"[0-9]+(?:\.[0-9]+)?").fullmatch


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
    if not isinstance(value, str) or not _DECIMAL_FULL(value):
        msg = f"expected a non-negative decimal string such as '12.5', got {value!r}"
        raise ValueError(msg)
    return Decimal(value)


def _structure_str(value: object, _type: object) -> str:
    if not isinstance(value, str):
        msg = f"expected a string, got {value!r}"
        raise TypeError(msg)
    return value


def _is_tuple(t: Any) -> bool:
    origin: Any = typing.get_origin(t)
    return origin is tuple


def _strict_tuple(
    conv: cattrs.Converter,
) -> Callable[[Any], Callable[[Any, Any], Any]]:
    """
    A hook factory: a tuple field is read only from a JSON array (a string
    or an object is not a sequence of items).
    """

    def factory(t: Any) -> Callable[[Any, Any], Any]:
        items = homogenous_tuple_structure_factory(t, conv)

        def structure(value: Any, _type: Any) -> Any:
            if type(value) is not list:
                msg = f"expected a list, got {value!r}"
                raise TypeError(msg)
            return items(value, _type)

        return structure

    return factory


def make_converter() -> cattrs.Converter:
    """
    Build the converter the library uses, configured as follows.

    - keys that the schema does not know are rejected;
    - integers are strict: ``3.7``, ``True`` and ``"12"`` are rejected, and so
      are negative counts (signed cells such as 本年增/减 take any integer);
    - ``Decimal`` values are written as strings and read only from strings
      of digits with an optional fraction (never from floats);
    - strings are strict: ``7`` is not read as ``"7"``;
    - a tuple field is read only from a list (a string is not a list);
    - every bad value is reported, each with its path.

    >>> conv = make_converter()
    >>> conv.unstructure(Decimal("0.10"))
    '0.10'
    """
    conv = cattrs.Converter(forbid_extra_keys=True)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_structure_hook(str, _structure_str)
    conv.register_unstructure_hook(Decimal, _lexer.plain)
    conv.register_unstructure_hook(
        tuple, lambda t: [conv.unstructure(v) for v in t]
    )
    conv.register_structure_hook_factory(_is_tuple, _strict_tuple(conv))
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


@functools.cache
def _converter() -> cattrs.Converter:
    # Built on first use: building it costs milliseconds at import.
    return make_converter()


def to_dict(report: Report) -> dict[str, Any]:
    """
    The report as a dict of JSON-compatible values.

    >>> from govdisclosure import Report2014
    >>> to_dict(Report2014(title="T"))["template"]
    '2014'
    """
    out: dict[str, Any] = {"template": report.TEMPLATE}
    out.update(_converter().unstructure(report))
    return out


@overload
def from_dict(
    data: Mapping[str, Any], *, template: Literal["2014"]
) -> Report2014: ...
@overload
def from_dict(
    data: Mapping[str, Any], *, template: Literal["2019"]
) -> Report2019: ...
@overload
def from_dict(
    data: Mapping[str, Any], *, template: Literal["2021"]
) -> Report2021: ...
@overload
def from_dict(
    data: Mapping[str, Any], *, template: str | None = None
) -> Report: ...
def from_dict(
    data: Mapping[str, Any], *, template: str | None = None
) -> Report:
    """
    Read a report from a dict as written by :func:`to_dict`.

    With *template*, the document must be a report of that generation (and
    a type checker knows the class: ``from_dict(d, template="2021")`` is a
    :class:`~govdisclosure.Report2021`).

    >>> from_dict({"template": "2014", "title": "T", "trailer": "x"}).trailer
    'x'
    >>> from_dict({"template": "2014", "title": "T"}, template="2021")
    Traceback (most recent call last):
    ...
    govdisclosure.errors.SerializationError: expected a 2021 report, got a 2014 report @ $.template

    Raises:
        SerializationError: naming every bad value and its path.
    """
    report = _from_dict(data)
    if template is not None and report.TEMPLATE != template:
        found = report.TEMPLATE
        msg = (
            f"expected a {template} report, got a {found} report @ $.template"
        )
        raise SerializationError([msg])
    return report


def _from_dict(data: Mapping[str, Any]) -> Report:
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
        # The fast path: one pass over the data, checked as it goes.
        result: Report = _fast(cls)(body)
    except _BadInputError:
        pass
    else:
        return result
    # The slow path, for the messages (the fast path never accepts a key
    # that is not a string: such a document always comes here).
    bad = _non_string_key(data, "$")
    if bad is not None:
        raise SerializationError([bad])
    try:
        # cattrs names every bad path.
        return _converter().structure(body, cls)
    except Exception as exc:  # noqa: BLE001 - every failure becomes ours
        raise SerializationError(_messages(exc)) from None


def _non_string_key(value: Any, path: str, depth: int = 0) -> str | None:
    """
    The first key that is not a string in *value* (objects and lists
    within it), as an error message, else ``None``.
    """
    if depth > 64:
        return f"nested more than 64 levels @ {path}"
    if isinstance(value, Mapping):
        for key, item in value.items():
            if not isinstance(key, str):
                return f"keys must be strings, got {key!r} @ {path}"
            found = _non_string_key(item, f"{path}.{key}", depth + 1)
            if found is not None:
                return found
    elif isinstance(value, list | tuple):
        for n, item in enumerate(value):
            found = _non_string_key(item, f"{path}[{n}]", depth + 1)
            if found is not None:
                return found
    return None


class _BadInputError(Exception):
    """
    The fast path met something it does not accept (private).
    """


def _fail() -> Any:
    raise _BadInputError


_CELL_CHECKS = {
    _declare.Kind.COUNT: (
        "    if {v} is not None and (type({v}) is not int or {v} < 0"
        " or {v} >= _limit):\n"
        "        _fail()\n"
    ),
    _declare.Kind.CHANGE: (
        "    if {v} is not None and (type({v}) is not int"
        " or not -_limit < {v} < _limit):\n"
        "        _fail()\n"
    ),
    _declare.Kind.MONEY: (
        "    if {v} is not None:\n"
        "        if type({v}) is not str or not _money({v}):\n"
        "            _fail()\n"
        "        {v} = _Decimal({v})\n"
        "        if _digits({v}) > _max_digits:\n"
        "            _fail()\n"
    ),
}


@_declare.per_class
def _fast(cls: type[Any]) -> Callable[[Any], Any]:
    """
    A structure function for the attrs class *cls*, generated from its
    declarations and type hints: it accepts exactly what the converter
    accepts, and raises ``_BadInputError`` for anything else.
    """
    hints = typing.get_type_hints(cls)
    lines = [
        "def structure(data):",
        "    if type(data) is not dict or not _names.issuperset(data):",
        "        _fail()",
        "    get = data.get",
        "    kw = {}",
    ]
    scope: dict[str, Any] = {
        "_fail": _fail,
        "_money": _DECIMAL_FULL,
        "_limit": 10**_declare.MAX_DIGITS,
        "_digits": _declare.money_digits,
        "_max_digits": _declare.MONEY_DIGITS,
        "_Decimal": Decimal,
        "_cls": cls,
        "_missing": _MISSING,
    }
    fields = attrs.fields(cls)
    # A table class (cells and groups only) is built without its __init__:
    # every value is checked here already, and it has no converters.
    table = all(
        isinstance(
            f.metadata.get(_declare.META),
            _declare.CellSpec | _declare.GroupSpec,
        )
        for f in fields
    )
    sets: list[str] = []
    for i, field in enumerate(fields):
        spec = field.metadata.get(_declare.META)
        v = f"v{i}"
        if isinstance(spec, _declare.CellSpec):
            lines.append(f"    {v} = get({field.name!r})")
            lines.append(_CELL_CHECKS[spec.kind].format(v=v).rstrip("\n"))
        else:
            if isinstance(spec, _declare.GroupSpec):
                scope[f"_read{i}"] = _fast(spec.cls)
                scope[f"_new{i}"] = spec.cls
            else:
                scope[f"_read{i}"] = _fast_type(hints[field.name])
            lines.append(f"    {v} = get({field.name!r}, _missing)")
            lines.append(f"    if {v} is not _missing:")
            lines.append(f"        {v} = _read{i}({v})")
            if field.default is attrs.NOTHING:
                lines += ["    else:", "        _fail()"]
            elif table:
                lines += ["    else:", f"        {v} = _new{i}()"]
        if table:
            scope[f"_set{i}"] = getattr(cls, field.name).__set__
            sets.append(f"    _set{i}(obj, {v})")
        elif isinstance(spec, _declare.CellSpec):
            lines.append(f"    kw[{field.name!r}] = {v}")
        else:
            lines.append(f"    if {v} is not _missing:")
            lines.append(f"        kw[{field.name!r}] = {v}")
    if table:
        lines += _built_table(cls, scope, sets)
    else:
        lines += [
            "    try:",
            "        return _cls(**kw)",
            "    except (TypeError, ValueError):",
            "        _fail()",
        ]
    scope["_object_new"] = object.__new__
    scope["_names"] = frozenset(f.name for f in attrs.fields(cls))
    exec("\n".join(lines), scope)  # noqa: S102 - generated from declarations
    structure: Callable[[Any], Any] = scope["structure"]
    return structure


_MISSING = object()


def _built_table(
    cls: type[Any], scope: dict[str, Any], sets: list[str]
) -> list[str]:
    """
    The end of the structure function of a table class: its instance, set
    slot by slot (*sets*), or the row of counts already built.
    """
    shared = _shared_rows(cls, scope)
    lines = [*shared, "    obj = _object_new(_cls)", *sets]
    if shared:
        lines.append(
            f"    if len(_kept) < {_declare.INTERNED}: _kept[k] = obj"
        )
    return [*lines, "    return obj"]


def _shared_rows(cls: type[Any], scope: dict[str, Any]) -> list[str]:
    """
    For a row of counts only: the lines of a structure function that give
    the instance already built with the same values (the rows the readers
    share, :func:`_declare.interned_rows`), else set ``k`` for keeping the
    one it builds.
    """
    fields = attrs.fields(cls)
    if (
        _declare.prototypes(cls) is None
        or len(fields) > _declare.SHORT_ROW
        or not all(
            isinstance(f.metadata.get(_declare.META), _declare.CellSpec)
            for f in fields
        )
    ):
        return []
    scope["_kept"] = _declare.interned_rows(cls)
    key = "".join(f"v{i}, " for i in range(len(fields)))
    return [
        f"    k = ({key})",
        "    obj = _kept.get(k)",
        "    if obj is not None:",
        "        return obj",
    ]


def _fast_str(v: Any) -> str:
    if type(v) is str:
        return v
    return _fail()  # type: ignore[no-any-return]


def _fast_type(hint: Any) -> Callable[[Any], Any]:
    if hint is str:
        return _fast_str
    if typing.get_origin(hint) is tuple:
        item = _fast_type(typing.get_args(hint)[0])

        def many(v: Any) -> tuple[Any, ...]:
            if type(v) is not list:
                _fail()
            return tuple([item(x) for x in v])

        return many
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        members = {m.value: m for m in hint}

        def member(v: Any) -> Any:
            try:
                return members[v]
            except (KeyError, TypeError):
                return _fail()

        return member
    return _fast(hint)


def _messages(exc: BaseException) -> list[str]:
    if isinstance(exc, cattrs.BaseValidationError):
        return cattrs.transform_error(exc, path="$", format_exception=_format)
    return [f"{_format(exc, None)} @ $"]


def _format(exc: BaseException, _type: object) -> str:
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        names = sorted(map(str, exc.extra_fields))
        return f"unknown field(s): {', '.join(names)}"
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


@overload
def from_json(
    text: str | bytes, *, template: Literal["2014"]
) -> Report2014: ...
@overload
def from_json(
    text: str | bytes, *, template: Literal["2019"]
) -> Report2019: ...
@overload
def from_json(
    text: str | bytes, *, template: Literal["2021"]
) -> Report2021: ...
@overload
def from_json(text: str | bytes, *, template: str | None = None) -> Report: ...
def from_json(text: str | bytes, *, template: str | None = None) -> Report:
    """
    Read a report from a JSON document written by :func:`to_json`; with
    *template*, a report of that generation (see :func:`from_dict`).

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
    return from_dict(data, template=template)


#: The columns of the tidy CSV, in order.
CSV_COLUMNS = (
    "report",
    "template",
    "title",
    "body",
    "year",
    "scope",
    "table",
    "key",
    "label",
    "column",
    "unit",
    "value",
)


def _csv_value(value: int | Decimal | None) -> str:
    if value is None:
        return ""
    return _lexer.plain(value) if isinstance(value, Decimal) else str(value)


def to_csv_rows(report: Report, *, index: int = 0) -> list[dict[str, str]]:
    """
    The report's cells as tidy rows, one per cell, with the columns of
    :data:`CSV_COLUMNS` (*index* fills the ``report`` column).  A blank
    cell has an empty value, never 0; money is the exact decimal.

    >>> from govdisclosure import Report2014, StatisticalTable
    >>> rows = to_csv_rows(Report2014(title="某区2019年政府信息公开工作年度报告",
    ...                               table=StatisticalTable(complaints=3)))
    >>> [(r["key"], r["unit"], r["value"]) for r in rows if r["table"] == "complaints"]
    [('complaints', '件', '3')]
    >>> rows[0]["value"], rows[0]["body"], rows[0]["year"]
    ('', '某区', '2019')
    """
    scope = getattr(report, "scope", None)
    common = {
        "report": str(index),
        "template": report.TEMPLATE,
        "title": report.title,
        "body": report.body or "",
        "year": "" if report.year is None else str(report.year),
        "scope": "" if scope is None else scope.value,
    }
    table = report.table
    values = _declare.reader(type(table))(table)
    return [
        {
            **common,
            "table": cell.key.partition(".")[0],
            "key": cell.key,
            "label": cell.label,
            "column": cell.column or "",
            "unit": cell.unit,
            "value": _csv_value(value),
        }
        for cell, value in zip(
            _declare.cell_map(type(table)).values(), values, strict=True
        )
    ]


def write_csv(reports: Iterable[Report], out: TextIO) -> int:
    """
    Write *reports* as one tidy CSV (a header, then one row per cell of
    each report) to the text stream *out*; return the number of rows.

    Thousands of reports stack into one panel file; :func:`read_csv` reads
    it back.
    """
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for i, report in enumerate(reports):
        rows = to_csv_rows(report, index=i)
        writer.writerows(rows)
        count += len(rows)
    return count


def read_csv(source: TextIO) -> list[Report]:
    """
    Read the reports of a tidy CSV written by :func:`write_csv`.

    The CSV carries each report's title, scope and cells (not its
    narrative, unknown rows or printed cell texts: JSON carries those).

    Raises:
        SerializationError: naming the line of every bad row.
    """
    reader = csv.DictReader(source)
    missing = set(CSV_COLUMNS) - set(reader.fieldnames or ())
    if missing:
        raise SerializationError(
            [f"missing column(s): {', '.join(sorted(missing))} @ line 1"]
        )
    groups: dict[str, dict[str, Any]] = {}
    errors: list[str] = []
    try:
        for row in reader:
            short = [c for c in CSV_COLUMNS if row.get(c) is None]
            if short or None in row:
                what = (
                    f"missing value(s) for {', '.join(short)}"
                    if short
                    else "more cells than columns"
                )
                errors.append(f"{what} @ line {reader.line_num}")
                continue
            _csv_row(row, reader.line_num, groups, errors)
    except csv.Error as exc:
        errors.append(f"{exc} @ line {reader.line_num}")
    if errors:
        raise SerializationError(errors)
    out: list[Report] = []
    for group in groups.values():
        cls = group["cls"]
        fields: dict[str, Any] = {
            "title": group["title"],
            "table": _declare.build(cls.TABLE, group["values"]),
        }
        if group["scope"]:
            fields["scope"] = group["scope"]
        try:
            out.append(cls(**fields))
        except (TypeError, ValueError) as exc:
            raise SerializationError(
                [f"{exc} @ line {group['line']}"]
            ) from None
    return out


def _csv_row(
    row: dict[str, Any],
    line: int,
    groups: dict[str, dict[str, Any]],
    errors: list[str],
) -> None:
    cls = REPORT_TYPES.get(row["template"] or "")
    if cls is None:
        known = ", ".join(sorted(REPORT_TYPES))
        errors.append(
            f"template {row['template']!r} is not one of {known} @ line {line}"
        )
        return
    group = groups.setdefault(
        row["report"],
        {
            "cls": cls,
            "title": row["title"],
            "values": {},
            "line": line,
            "scope": None,
        },
    )
    if group["cls"] is not cls or group["title"] != row["title"]:
        errors.append(
            f"report {row['report']} changes its template or title @ line {line}"
        )
        return
    if row["scope"]:
        try:
            group["scope"] = _SCOPES[row["scope"]]
        except KeyError:
            errors.append(f"unknown scope {row['scope']!r} @ line {line}")
    cell = _declare.cell_map(cls.TABLE).get(row["key"])
    if cell is None:
        errors.append(
            f"unknown cell {row['key']!r} for template {cls.TEMPLATE} @ line {line}"
        )
        return
    try:
        group["values"][cell.key] = _csv_read(row["value"], cell.kind)
    except ValueError as exc:
        errors.append(f"{exc} for {cell.key} @ line {line}")


_INT = re.compile(r"^-?\d+$")
_MAX_CSV_DIGITS = 4000


def _csv_read(text: str, kind: _declare.Kind) -> int | Decimal | None:
    if text == "":
        return None
    if kind is _declare.Kind.MONEY:
        if not _DECIMAL_FULL(text):
            msg = f"expected a non-negative decimal, got {text!r}"
            raise ValueError(msg)
        return Decimal(text)
    if len(text) > _MAX_CSV_DIGITS:
        msg = f"{text[:20]!r}… is too long for a number"
        raise ValueError(msg)
    if not _INT.match(text) or (
        kind is _declare.Kind.COUNT and text.startswith("-")
    ):
        msg = f"expected a whole number, got {text!r}"
        raise ValueError(msg)
    return int(text)


_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema(template: str | None = None) -> dict[str, Any]:
    """
    The JSON Schema (draft 2020-12) of the JSON form of a template
    generation's reports (``"2014"``, ``"2019"``, ``"2021"``), or of any
    report when *template* is ``None``.  It is derived from the schema's
    declarations: every cell is described with its label and unit.

    >>> schema = json_schema("2021")
    >>> schema["properties"]["template"]
    {'const': '2021'}
    >>> cell = schema["properties"]["table"]["properties"]["applications"]
    >>> cell["properties"]["received"]["properties"]["total"]["type"]
    ['integer', 'null']

    Raises:
        KeyError: for an unknown template.
    """
    if template is not None:
        schema = _report_schema(REPORT_TYPES[template])
        return {"$schema": _SCHEMA_DIALECT, **schema}
    return {
        "$schema": _SCHEMA_DIALECT,
        "title": "govdisclosure report",
        "oneOf": [_report_schema(cls) for cls in REPORT_TYPES.values()],
    }


def _report_schema(cls: type[Any]) -> dict[str, Any]:
    body = _object_schema(cls)
    body["properties"] = {
        "template": {"const": cls.TEMPLATE},
        **body["properties"],
    }
    body["required"] = ["template", *body.get("required", [])]
    body["title"] = f"govdisclosure report, template {cls.TEMPLATE}"
    return body


def _object_schema(cls: type[Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in attrs.fields(cls):
        spec = field.metadata.get(_declare.META)
        options = getattr(field.validator, "options", None)
        if isinstance(spec, _declare.CellSpec):
            properties[field.name] = _cell_schema(spec)
        elif options is not None:
            properties[field.name] = {"enum": list(options)}
        elif "choices" in field.metadata:
            # A list of distinct names, each one of the choices.
            properties[field.name] = {
                "type": "array",
                "items": {"enum": list(field.metadata["choices"])},
                "uniqueItems": True,
            }
        elif field.name == "title":
            # One line of text, without surrounding white space.
            properties[field.name] = {
                "type": "string",
                "pattern": r"^\S(?:[^\n\r]*\S)?$",
            }
        else:
            properties[field.name] = _type_schema(hints[field.name])
        if field.default is attrs.NOTHING:
            required.append(field.name)
    out: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    if cls.__doc__:
        out["description"] = " ".join(cls.__doc__.split())
    if required:
        out["required"] = required
    return out


def _cell_schema(spec: _declare.CellSpec) -> dict[str, Any]:
    described = {"description": f"{spec.label} ({spec.unit})"}
    if spec.kind is _declare.Kind.MONEY:
        return {
            "type": ["string", "null"],
            "pattern": _DECIMAL.pattern,
            **described,
        }
    if spec.kind is _declare.Kind.CHANGE:
        return {"type": ["integer", "null"], **described}
    return {"type": ["integer", "null"], "minimum": 0, **described}


def _type_schema(hint: Any) -> dict[str, Any]:
    origin = typing.get_origin(hint)
    if hint is str:
        return {"type": "string"}
    if origin is tuple:
        (item, _ellipsis) = typing.get_args(hint)
        return {"type": "array", "items": _type_schema(item)}
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return {"enum": [m.value for m in hint]}
    if attrs.has(hint):
        return _object_schema(hint)
    msg = f"no JSON Schema for {hint!r}"  # a schema class the mapper lacks
    raise TypeError(msg)
