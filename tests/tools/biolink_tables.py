"""Check read/biolink.py's copied tables against the YAML biolink-model ships (tools virtualenv).

    python tests/tools/biolink_tables.py tables.json

tables.json: {"predicates": {name: [ancestors]}, "inverses": {name: canonical},
"symmetric": [names], "categories": {name: [ancestors]}}. Prints each mismatch; exits 1 on any.
"""

# mypy: disable-error-code="import-not-found,import-untyped"
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import biolink_model
import yaml


def _snake(name: str) -> str:
    return name.replace(" ", "_")


def _camel(name: str) -> str:
    return re.sub(r"(?:^| )(\w)", lambda m: m.group(1).upper(), name)


def _chain(table: dict[str, dict[str, str]], start: str) -> list[str]:
    found = []
    while (table.get(start) or {}).get("is_a"):
        start = table[start]["is_a"]
        found.append(start)
    return found


def main(path: str) -> int:
    model = yaml.safe_load(
        (Path(next(iter(biolink_model.__path__))) / "schema" / "biolink_model.yaml").read_text()
    )
    slots = {_snake(k): v or {} for k, v in model["slots"].items()}
    classes = {_camel(k): v or {} for k, v in model["classes"].items()}
    slot_chain = {k: {**v, "is_a": _snake(v["is_a"])} if v.get("is_a") else v for k, v in slots.items()}
    class_chain = {k: {**v, "is_a": _camel(v["is_a"])} if v.get("is_a") else v for k, v in classes.items()}
    ours = json.loads(Path(path).read_text())
    wrong = [f"predicate {p}: {a} != {_chain(slot_chain, p)}" for p, a in ours["predicates"].items()
             if a != _chain(slot_chain, p)]  # fmt: skip
    wrong += [f"category {c}: {a}" for c, a in ours["categories"].items() if a != _chain(class_chain, c)[:-1]]
    wrong += [f"inverse {i}" for i, p in ours["inverses"].items() if _snake(slots[i].get("inverse", "")) != p]
    wrong += [f"symmetric {s}" for s in ours["symmetric"] if not slots[s].get("symmetric")]
    wrong += [f"deprecated {p}" for p in ours["predicates"] if slots[p].get("deprecated")]
    print("\n".join(wrong) or "ok")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
