"""The explorer page: one Jinja2 template (autoescaped) for the served page and the standalone file.

Data reaches the page only as JSON inside `<script type="application/json">` blocks, escaped so no
`</script>` or `<!--` in a label or sentence can end the block; the scripts read it with JSON.parse
and put every string into the page with textContent.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from nutrikg.viz.assets import SCRIPTS, STYLES, TEMPLATE_DIR
from nutrikg.viz.style import legend

SERVED_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)

SECURITY_HEADERS = {
    "Content-Security-Policy": SERVED_CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

INTRO = (
    "How vitamin D3, vitamin K2 (MK-7), magnesium and calcium act on bone and arteries, as the "
    "source documents tell it: vitamin D3 raises calcium absorption, vitamin K2 activates "
    "osteocalcin (calcium into bone) and matrix Gla protein (calcium kept out of arteries). "
    "Each arrow is a claim; click it to read who says so, and how firmly."
)

# viz/templates, autoescaped: the explorer's page and the SPARQL query page.
TEMPLATES = Environment(
    loader=FileSystemLoader(str(TEMPLATE_DIR)),
    autoescape=select_autoescape(enabled_extensions=("html",), default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


@dataclass(frozen=True)
class InlineAssets:
    """Styles and one script to put inside the page itself (the standalone file)."""

    styles: str
    script: str


def json_for_script(data: Any) -> Markup:
    """JSON safe inside a `<script type="application/json">` block.

    `<`, `>` and `&` become \\u escapes (JSON.parse reads them back), so neither `</script>` nor
    `<!--` can appear; U+2028/2029 are escaped too for old parsers.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return Markup(text)  # escaped above for the script-data context


def sha256_source(text: str) -> str:
    """A CSP hash source (`'sha256-...'`) for an inline script or style."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def page_config(**values: Any) -> dict[str, Any]:
    """What every explorer page knows before it asks the server anything."""
    return {"intro": INTRO, "legend": legend(), **values}


def render_page(
    config: dict[str, Any],
    bundle: dict[str, Any] | None = None,
    inline: InlineAssets | None = None,
) -> str:
    """The explorer HTML; with `inline`, a single self-contained file guarded by a CSP meta tag.

    Raises ValueError when an inline asset could end its own element early.
    """
    csp_meta = None
    if inline is not None:
        _check_inline(inline)
        csp_meta = standalone_csp(inline)
    template = TEMPLATES.get_template("explorer.html")
    return template.render(
        intro=INTRO,
        config_json=json_for_script(config),
        bundle_json=None if bundle is None else json_for_script(bundle),
        # The project's own files, checked by _check_inline: they cannot end their element.
        inline_styles=None if inline is None else Markup(inline.styles),
        inline_script=None if inline is None else Markup(inline.script),
        csp_meta=csp_meta,
        scripts=SCRIPTS,
        styles=STYLES,
    )


def standalone_csp(inline: InlineAssets) -> str:
    """A CSP for a file opened from disk: only the one inline script and style, by hash.

    frame-ancestors cannot be set from a meta tag; nothing may be fetched at all.
    """
    return (
        "default-src 'none'; "
        f"script-src {sha256_source(inline.script)}; "
        f"style-src {sha256_source(inline.styles)}; "
        "img-src data:; connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'"
    )


def _check_inline(inline: InlineAssets) -> None:
    if "</script" in inline.script.lower() or "<!--" in inline.script:
        raise ValueError("an inline script holds '</script' or '<!--'")
    if "</style" in inline.styles.lower():
        raise ValueError("an inline style holds '</style'")
