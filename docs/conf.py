"""Sphinx configuration for govdisclosure."""

from pathlib import Path

project = "govdisclosure"
author = "govdisclosure developers"
copyright = "2026, govdisclosure developers"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.intersphinx",
    "sphinx.ext.napoleon",
]

#: Links to the docs of Python, attrs and pint, from the inventories of
#: Debian's documentation packages (python3.11-doc, python-attr-doc,
#: python-pint-doc; .ci/run installs them): the build never needs the
#: network. A project whose inventory is not on the machine is left out.
_INVENTORIES = {
    "python": (
        "https://docs.python.org/3",
        "/usr/share/doc/python3.11/html/objects.inv",
    ),
    "attrs": (
        "https://www.attrs.org/en/stable",
        "/usr/share/doc/python-attr-doc/html/objects.inv",
    ),
    "pint": (
        "https://pint.readthedocs.io/en/stable",
        "/usr/share/doc/python-pint-doc/html/objects.inv",
    ),
}
intersphinx_mapping = {
    name: (url, path)
    for name, (url, path) in _INVENTORIES.items()
    if Path(path).is_file()
}
source_suffix = {".md": "markdown"}
myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3
html_theme = "furo"
html_title = "govdisclosure"
html_static_path = ["_static"]
exclude_patterns = ["_build"]
autodoc_typehints = "description"
autodoc_typehints_format = "short"
autodoc_member_order = "bysource"
autodoc_default_options = {"members": True}
language = "en"


def _rule_catalogue() -> str:
    """The rule catalogue as a Markdown table, from the code's declarations."""
    from govdisclosure import checks  # noqa: PLC0415 - needs the package

    lines = [
        "| rule | kind | severity | templates | 说明 | description |",
        "|---|---|---|---|---|---|",
    ]
    lines.extend(
        f"| {r.id} | {r.kind} | {r.severity.value} | {', '.join(r.templates)} "
        f"| {r.description_zh} | {r.description_en} |"
        for r in checks.RULES
    )
    return "\n".join(lines)


def _metric_catalogue() -> str:
    """The metric catalogue as a Markdown table, from the declarations."""
    from govdisclosure import metrics  # noqa: PLC0415 - needs the package

    lines = [
        "| key | 名称 | name | formula | unit | templates |",
        "|---|---|---|---|---|---|",
    ]
    lines.extend(
        f"| `{m.key}` | {m.name_zh} | {m.name_en} | `{m.formula}` | {m.unit} "
        f"| {', '.join(m.templates)} |"
        for m in metrics.METRICS
    )
    return "\n".join(lines)


def _cell_dictionary() -> str:
    """Every cell of every template, from the declarations."""
    from govdisclosure import REPORT_TYPES, cells, checks  # noqa: PLC0415

    names = {
        "2014": "The old statistical table (Report2014)",
        "2019": "The 2019 template, 国办公开办函〔2019〕60号 (Report2019)",
        "2021": "The 2021 template, 国办公开办函〔2021〕30号 (Report2021)",
    }
    out: list[str] = []
    for template, report_type in REPORT_TYPES.items():
        in_rules = checks.cell_rules(report_type)
        declared = cells(report_type)
        out += [
            f"## {names[template]}",
            "",
            f"{len(declared)} cells.",
            "",
            "| key | 标签 label | column | unit | rules |",
            "|---|---|---|---|---|",
        ]
        out.extend(
            f"| `{c.key}` | {c.label} | {c.column or ''} | {c.unit} "
            f"| {', '.join(in_rules.get(c.key, ()))} |"
            for c in declared
        )
        out.append("")
    return "\n".join(out)


_GENERATED = {
    "<!-- rule-catalogue -->": _rule_catalogue,
    "<!-- metric-catalogue -->": _metric_catalogue,
    "<!-- cell-dictionary -->": _cell_dictionary,
}


def _fill(_app: object, _docname: str, source: list[str]) -> None:
    for marker, make in _GENERATED.items():
        if marker in source[0]:
            source[0] = source[0].replace(marker, make())


def _attrs_signature(
    _app: object,
    what: str,
    _name: str,
    obj: object,
    _options: object,
    signature: str | None,
    annotation: str | None,
) -> tuple[str, str | None] | None:
    """
    An attrs class's signature with its defaults as written: a factory
    default as ``Factory()`` (``table=StatisticalTable()``), not attrs'
    ``NOTHING``.
    """
    import attrs  # noqa: PLC0415 - the docs build has it

    if what != "class" or not attrs.has(obj) or signature is None:
        return None
    params = []
    for field in attrs.fields(obj):  # type: ignore[arg-type]
        if not field.init:
            continue
        default = field.default
        if default is attrs.NOTHING:
            params.append(field.name)
        elif isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            factory = default.factory
            shown = getattr(factory, "__name__", repr(factory))
            params.append(f"{field.name}={shown}()")
        else:
            params.append(f"{field.name}={default!r}")
    keyword = any(f.kw_only for f in attrs.fields(obj))  # type: ignore[arg-type]
    return f"({'*, ' if keyword else ''}{', '.join(params)})", annotation


def setup(app: object) -> None:
    """Fill the generated tables into the pages that ask for them."""
    app.connect("source-read", _fill)  # type: ignore[attr-defined]
    app.connect("autodoc-process-signature", _attrs_signature)  # type: ignore[attr-defined]
