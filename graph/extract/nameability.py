"""Nameability: the share of annotated related pairs whose two entities the vocabulary can name.

The reader set's gold (tests/data/reader/gold/<doc>.jsonl) gives each relation's subject and object
as the text names them ("copper deficiency", "low serum ferritin"). An argument is named when the
entity matcher finds a mention in that text (a state word around it is allowed: "low serum
ferritin" names ferritin); a pair is named when both are. This bounds what relation extraction can
find, whatever its rules.

    python -m nutrikg.graph.extract.nameability tests/data/reader --split train dev [--core-only]

Only the splits asked for are read: the test split is scored once, by someone else.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path

from nutrikg.graph.extract.entities import EntityMatcher
from nutrikg.graph.extract.vocabulary import load_vocabulary
from nutrikg.graph.model import Sentence, Span


@dataclass(frozen=True)
class Nameability:
    """How many annotated pairs there are, and how many of them both ends of are named."""

    pairs: int
    named: int
    arguments: int
    named_arguments: int

    @property
    def share(self) -> float:
        return self.named / self.pairs if self.pairs else 0.0

    @property
    def argument_share(self) -> float:
        return self.named_arguments / self.arguments if self.arguments else 0.0


def split_documents(reader_dir: Path, splits: list[str]) -> list[str]:
    """The document stems of the named splits of `reader_dir/splits.json`."""
    table = json.loads((reader_dir / "splits.json").read_text(encoding="utf-8"))
    return [stem for split in splits for stem in table[split]]


def nameability(gold_dir: Path, documents: list[str], matcher: EntityMatcher) -> Nameability:
    """Nameability of the relations annotated in `gold_dir/<doc>.jsonl` for each of `documents`."""
    pairs = named = arguments = named_arguments = 0
    for path in _gold_files(gold_dir, documents):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            relation = json.loads(line)
            ends = [_names(matcher, str(relation[side])) for side in ("subject", "object")]
            pairs += 1
            named += all(ends)
            arguments += 2
            named_arguments += sum(ends)
    return Nameability(pairs, named, arguments, named_arguments)


def _gold_files(gold_dir: Path, documents: list[str]) -> list[Path]:
    """The gold file of each document (`r01` -> `r01_abstract.jsonl`); no other file is opened."""
    found = []
    for stem in documents:
        paths = sorted({*gold_dir.glob(f"{stem}.jsonl"), *gold_dir.glob(f"{stem}_*.jsonl")})
        if len(paths) != 1:
            raise FileNotFoundError(f"{gold_dir}: no single gold file for document {stem!r}")
        found += paths
    return found


def _names(matcher: EntityMatcher, text: str) -> bool:
    sentence = Sentence("gold", 0, Span(0, len(text)), text)
    return bool(matcher.find_mentions(sentence))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Nameability of a reader set's annotated pairs.")
    parser.add_argument("reader_dir", type=Path)
    parser.add_argument("--split", nargs="+", default=["train", "dev"])
    parser.add_argument("--core-only", action="store_true", help="the hand-written entities alone")
    args = parser.parse_args(argv)
    matcher = EntityMatcher(load_vocabulary(derived=not args.core_only))
    documents = split_documents(args.reader_dir, args.split)
    result = nameability(args.reader_dir / "gold", documents, matcher)
    print(
        f"{'+'.join(args.split)}: {len(documents)} documents, {result.pairs} pairs, "
        f"{result.named} named ({result.share:.1%}); arguments {result.named_arguments}/"
        f"{result.arguments} ({result.argument_share:.1%})"
    )


if __name__ == "__main__":
    main()
