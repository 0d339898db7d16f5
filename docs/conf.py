"""Sphinx configuration for govdisclosure."""

project = "govdisclosure"
author = "govdisclosure developers"
copyright = "2026, govdisclosure developers"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
]
source_suffix = {".md": "markdown"}
myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3
html_theme = "furo"
html_title = "govdisclosure"
exclude_patterns = ["_build"]
autodoc_typehints = "none"
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


_GENERATED = {
    "<!-- rule-catalogue -->": _rule_catalogue,
    "<!-- metric-catalogue -->": _metric_catalogue,
}


def _fill(_app: object, _docname: str, source: list[str]) -> None:
    for marker, make in _GENERATED.items():
        if marker in source[0]:
            source[0] = source[0].replace(marker, make())


def setup(app: object) -> None:
    """Fill the generated tables into the pages that ask for them."""
    app.connect("source-read", _fill)  # type: ignore[attr-defined]
