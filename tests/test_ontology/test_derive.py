"""The derivation rules for the newer sources: FoodOn foods, HGNC symbols, MeSH headings."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

import pytest

DERIVE = Path(__file__).resolve().parents[2] / "ontology" / "derive"


@pytest.fixture(scope="module")
def derive() -> ModuleType:
    # The scripts import their siblings by bare name (they run as `python derive_vocabulary.py`).
    sys.path.insert(0, str(DERIVE))
    try:
        return importlib.import_module("derive_vocabulary")
    finally:
        sys.path.remove(str(DERIVE))


def test_gene_symbols_only_where_no_word_can_be_meant(derive: ModuleType) -> None:
    assert all(derive._gene_symbol(s) for s in ("DIO3", "SLC40A1", "MTHFR", "TSHR"))
    assert not any(derive._gene_symbol(s) for s in ("CAMP", "CLOCK", "TPO", "HFE", "2A", "Dio3", "T4"))


def test_food_names_drop_foodons_product_suffix_unless_a_common_word_is_left(derive: ModuleType) -> None:
    assert derive._food_label("kiwifruit food product") == "kiwifruit"
    assert derive._food_label("seafood product") == "seafood"
    assert derive._food_label("plant food product") == "plant food product"
    assert not derive._food_name("Loligo ocula") and not derive._food_name("kiwifruit (peeled, raw)")


def test_mesh_headings_are_labelled_by_their_target(derive: ModuleType) -> None:
    rows = [
        ("Orlistat", "CHEBI:94686", "orlistat"),
        ("Arthritis, Psoriatic", "DOID:9008", "psoriatic arthritis"),
        ("Hepcidins", "HGNC:15598", "HAMP"),
    ]
    entries = {e.curie: e for e in derive.mesh_headings(rows)}
    assert set(entries) == {"CHEBI:94686", "DOID:9008"}
    assert entries["DOID:9008"].label == "psoriatic arthritis" and entries["DOID:9008"].synonyms == []
    assert entries["CHEBI:94686"].category == "ChemicalEntity"


def test_functional_syntax_labels_and_exact_synonyms(tmp_path: Path) -> None:
    sys.path.insert(0, str(DERIVE))
    try:
        sources = importlib.import_module("sources")
    finally:
        sys.path.remove(str(DERIVE))
    ofn = tmp_path / "foods.ofn"
    iri = "<http://purl.obolibrary.org/obo/FOODON_1>"
    ofn.write_text(
        f'AnnotationAssertion(rdfs:label {iri} "tomato food product"@en)\n'
        f"AnnotationAssertion(<http://www.geneontology.org/formats/oboInOwl#hasExactSynonym> {iri} "
        '"tomato"@en)\n',
        encoding="utf-8",
    )
    terms = sources.read_ofn_names(ofn)
    assert terms["FOODON:1"].name == "tomato food product" and terms["FOODON:1"].exact == ["tomato"]
