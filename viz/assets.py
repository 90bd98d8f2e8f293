"""Where the explorer's files live: its own scripts and styles in viz/static, and the vis-network
files pyvis ships (served from the installed pyvis package, never copied by hand).

Only names listed here are ever served, so a request cannot reach any other file.
"""

from __future__ import annotations

from pathlib import Path

import pyvis

VIZ_DIR = Path(__file__).resolve().parent
STATIC_DIR = VIZ_DIR / "static"
TEMPLATE_DIR = VIZ_DIR / "templates"
VIS_DIR = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"

VENDOR_SCRIPT = "vis-network.min.js"
VENDOR_STYLE = "vis-network.css"
VENDOR_FILES = (VENDOR_SCRIPT, VENDOR_STYLE)

# The explorer's scripts in load order: each adds its part to the one `NKG` namespace.
SCRIPTS = (
    "nkg-util.js",
    "nkg-state.js",
    "nkg-backend-api.js",
    "nkg-offline.js",
    "nkg-backend-embedded.js",
    "nkg-draw.js",
    "nkg-filters.js",
    "nkg-context.js",
    "nkg-panel.js",
    "nkg-search.js",
    "nkg-paths.js",
    "nkg-main.js",
)
STYLES = ("explorer.css",)
# The SPARQL query page's own files (served under /sparql/static/ by the SPARQL router).
QUERY_PAGE_SCRIPT = "sparql-query.js"
QUERY_PAGE_STYLE = "sparql-query.css"

MEDIA_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}


def static_file(name: str) -> Path | None:
    """One of the explorer's own static files by name, or None when there is no such file."""
    if name not in SCRIPTS and name not in STYLES:
        return None
    path = STATIC_DIR / name
    return path if path.is_file() else None


def query_page_file(name: str) -> Path | None:
    """One of the query page's static files by name, or None when there is no such file."""
    if name not in (QUERY_PAGE_SCRIPT, QUERY_PAGE_STYLE):
        return None
    path = STATIC_DIR / name
    return path if path.is_file() else None


def vendor_file(name: str) -> Path | None:
    """One of pyvis's vis-network files by name, or None when it is not one of them."""
    if name not in VENDOR_FILES:
        return None
    path = VIS_DIR / name
    return path if path.is_file() else None


def media_type(path: Path) -> str:
    return MEDIA_TYPES.get(path.suffix, "application/octet-stream")


def read_asset(path: Path) -> str:
    """A static file's text; raises OSError when it cannot be read (a broken install)."""
    return path.read_text(encoding="utf-8")
