"""Nameability: the share of annotated related pairs whose two entities the vocabulary can name.

The reader set's gold (tests/data/reader/gold/<doc>.jsonl) gives each relation's subject and object
as the text names them ("copper deficiency", "low serum ferritin"). An argument is named when the
entity matcher finds a mention in that text (a state word around it is allowed: "low serum
ferritin" names ferritin), or when it is a short form its document defines for a named long form
("NTDs" after "neural tube defects (NTDs)"); a pair is named when both are. This bounds what
relation extraction can find, whatever its rules.

    python -m nutrikg.graph.extract.nameability tests/data/reader --split train dev [--core-only]

Only the splits asked for are read: the test split is scored once, by someone else.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from nutrikg.graph.extract.corpus import document_paths, load_documents
from nutrikg.graph.extract.entities import EntityMatcher
from nutrikg.graph.extract.scoring import SurfaceGold, load_surface_gold, split_ids
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


def nameability(
    gold: list[SurfaceGold], matcher: EntityMatcher, texts: Mapping[str, str] | None = None
) -> Nameability:
    """Nameability of the annotated relations `gold` (doses and target levels are not pairs);
    `texts` (document id -> text) lends each argument the abbreviations its document defines."""
    defined = {doc: matcher.defined_abbreviations(text) for doc, text in (texts or {}).items()}
    pairs = named = arguments = named_arguments = 0
    for relation in gold:
        short_forms = defined.get(relation.doc, {})
        ends = [_names(matcher, relation.subject, short_forms), _names(matcher, relation.object, short_forms)]
        pairs += 1
        named += all(ends)
        arguments += 2
        named_arguments += sum(ends)
    return Nameability(pairs, named, arguments, named_arguments)


def _names(matcher: EntityMatcher, text: str, short_forms: Mapping[str, str]) -> bool:
    sentence = Sentence("gold", 0, Span(0, len(text)), text)
    return bool(matcher.find_mentions(sentence, abbreviations=short_forms))


def document_texts(reader_dir: Path, doc_ids: set[str]) -> dict[str, str]:
    """The texts of the reader set's documents `doc_ids` (as the corpus reader reads them)."""
    paths = [p for p in document_paths(reader_dir / "docs") if p.stem in doc_ids]
    return {document.id: document.text for document in load_documents(paths)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Nameability of a reader set's annotated pairs.")
    parser.add_argument("reader_dir", type=Path)
    parser.add_argument("--split", nargs="+", default=["train", "dev"])
    parser.add_argument("--core-only", action="store_true", help="the hand-written entities alone")
    args = parser.parse_args(argv)
    matcher = EntityMatcher(load_vocabulary(derived=not args.core_only))
    prefixes = set().union(*(split_ids(args.reader_dir, split) for split in args.split))
    gold = load_surface_gold(args.reader_dir, prefixes)
    result = nameability(gold, matcher, document_texts(args.reader_dir, {g.doc for g in gold}))
    print(
        f"{'+'.join(args.split)}: {len(prefixes)} documents, {result.pairs} pairs, "
        f"{result.named} named ({result.share:.1%}); arguments {result.named_arguments}/"
        f"{result.arguments} ({result.argument_share:.1%})"
    )


if __name__ == "__main__":
    main()
