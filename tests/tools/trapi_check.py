"""Validate TRAPI JSON files with reasoner-pydantic, in the tools virtualenv (README.md here).

    python tests/tools/trapi_check.py response.json meta_kg.json

Prints `ok <file>` for each, or the validation error and exits 1.
"""

# mypy: disable-error-code="import-not-found,import-untyped"
from __future__ import annotations

import json
import sys

from reasoner_pydantic import MetaKnowledgeGraph, Response


def main(paths: list[str]) -> int:
    failed = 0
    for path in paths:
        with open(path, encoding="utf-8") as stream:
            body = json.load(stream)
        model = MetaKnowledgeGraph if "message" not in body else Response
        try:
            model.model_validate(body)
        except Exception as err:  # pydantic's ValidationError, printed for the test to show
            print(f"invalid {path}: {err}")
            failed = 1
        else:
            print(f"ok {path}")
    return failed


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
