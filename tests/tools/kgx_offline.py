# mypy: disable-error-code="import-not-found,import-untyped,no-untyped-call"
"""Run the `kgx` command offline: point the Biolink Model Toolkit and kgx's JSON-LD contexts at the
files the `biolink-model` and `prefixcommons` packages ship, instead of the URLs they fetch by
default. Runs in the tools virtualenv (tests/tools/README.md), never in nutrikg's own.

    python tests/tools/kgx_offline.py validate -i tsv -c tar.gz nutrikg.kgx.tar.gz
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import biolink_model
import prefixcommons
from bmt import toolkit


def main() -> int:
    model = Path(next(iter(biolink_model.__path__)))
    # The predicate mapping file is not in the package; validation does not read it.
    toolkit.Toolkit.__init__.__defaults__ = (
        str(model / "schema" / "biolink_model.yaml"),
        {"predicate mappings": []},
    )
    import kgx.config

    contexts = kgx.config.jsonld_context_map
    contexts["biolink"] = json.loads((model / "prefixmaps" / "biolink-model-prefix-map.json").read_text())
    registry = Path(next(iter(prefixcommons.__path__))) / "registry"
    for name in ("monarch_context", "obo_context"):
        contexts[name] = json.loads((registry / f"{name}.jsonld").read_text())["@context"]
    from kgx.cli import cli

    return int(cli(standalone_mode=False) or 0)


if __name__ == "__main__":
    sys.exit(main())
