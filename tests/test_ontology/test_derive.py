"""The derivation rules: FoodOn foods, HGNC genes, MeSH names and branches, ChEBI's drugs and
metabolites by role, and the rules that settle names across sources."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

DERIVE = Path(__file__).resolve().parents[2] / "ontology" / "derive"


def _module(name: str) -> ModuleType:
    # The scripts import their siblings by bare name (they run as `python derive_vocabulary.py`).
    sys.path.insert(0, str(DERIVE))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(DERIVE))


@pytest.fixture(scope="module")
def derive() -> ModuleType:
    return _module("derive_vocabulary")


@pytest.fixture(scope="module")
def rules() -> ModuleType:
    return _module("rules")


@pytest.fixture(scope="module")
def entries() -> ModuleType:
    return _module("entries")


def test_gene_symbols_only_where_no_word_can_be_meant() -> None:
    proteins = _module("proteins")
    assert all(proteins.gene_symbol(s) for s in ("DIO3", "SLC40A1", "MTHFR", "TSHR"))
    assert not any(proteins.gene_symbol(s) for s in ("CAMP", "CLOCK", "TPO", "HFE", "2A", "Dio3", "T4"))


def test_a_gene_symbol_is_no_formula(rules: ModuleType) -> None:
    assert not any(rules.is_formula(s) for s in ("CYP3A4", "DIO3", "SLC40A1"))
    assert all(rules.is_formula(s) for s in ("H2O", "H2O2", "C6H12O6", "CaCO3"))
    assert rules.keep_name("CYP3A4") and not rules.keep_name("H2O2")


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
    sources = _module("sources")
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


@pytest.mark.parametrize(
    "name", ["metformin", "coenzyme Q10", "omega-3 fatty acid", "N-acetylcysteine", "EGCG", "menaquinone-7"]
)
def test_trivial_chemical_names_are_kept(rules: ModuleType, name: str) -> None:
    assert rules.trivial_name(name)


@pytest.mark.parametrize(
    "name",
    [
        "2-acetoxybenzoic acid",  # a locant
        "(-)-epigallocatechin 3-gallate",  # brackets
        "5,8,11,14,17-eicosapentaenoic acid",
        "N,N-dimethylglycine",
        "calcium(2+)",  # a charge
        "Thyroid Hormone, T4",  # an inverted heading
        "18:2-18:3-PS",  # lipid shorthand
        "ASA",  # an abbreviation too short to tell apart
        "methyl ester of a long acid",  # more than four words
    ],
)
def test_systematic_chemical_names_are_dropped(rules: ModuleType, name: str) -> None:
    assert not rules.trivial_name(name)


def test_the_sources_own_short_name_is_kept(rules: ModuleType) -> None:
    assert rules.trivial_name("ADP", official=True) and rules.unambiguous_name("ADP", official=True)
    assert not rules.unambiguous_name("ADP")


@pytest.mark.parametrize("name", ["AIDS", "DISH", "MARCH", "CAMP", "NASH"])
def test_an_abbreviation_that_is_a_word_in_lower_case_is_dropped(rules: ModuleType, name: str) -> None:
    assert rules.keep_name(name) and not rules.unambiguous_name(name)


@pytest.mark.parametrize("name", ["EGCG", "CoQ10", "DIO1", "CYP3A4", "aspirin", "thyroid peroxidase"])
def test_names_no_reader_takes_for_a_word_are_kept(rules: ModuleType, name: str) -> None:
    assert rules.unambiguous_name(name)


@pytest.mark.parametrize(
    ("american", "british"),
    [
        ("hyperphosphatemia", "hyperphosphataemia"),
        ("hypoglycemic", "hypoglycaemic"),
        ("glycated hemoglobin", "glycated haemoglobin"),
        ("edema", "oedema"),
        ("estradiol", "oestradiol"),
        ("diarrhea", "diarrhoea"),
        ("dietary fiber", "dietary fibre"),
        ("systemic", None),
        ("academia", None),
        ("hemisphere", None),
    ],
)
def test_british_spellings(rules: ModuleType, american: str, british: str | None) -> None:
    assert rules.british_spelling(american) == british


def test_a_british_spelling_is_a_synonym_except_of_hps_verbatim_names(entries: ModuleType) -> None:
    doid = entries.make_entry("DOID:1", "anemia", "Condition", [], "DOID")
    assert doid.synonyms == ["anaemia"]
    hp = entries.make_entry("HP:1", "Anemia", "Condition", [], "HP")
    assert hp.synonyms == []


def test_one_row_per_identifier(entries: ModuleType) -> None:
    """ChEBI's aspirin and MeSH's acetylsalicylic acid are one CHEBI:15365: two rows left the
    table's reader the last alone, and "aspirin" named nothing."""
    rows = [
        entries.Entry("CHEBI:15365", "acetylsalicylic acid", "ChemicalEntity", ["Aspirin"], "MeSH-ChEBI"),
        entries.Entry("CHEBI:15365", "aspirin", "ChemicalEntity", ["ASA tablets"], "ChEBI"),
    ]
    (merged,) = entries.resolve_ambiguity(rows)
    assert merged.label == "aspirin" and merged.source == "ChEBI"
    assert merged.synonyms == ["acetylsalicylic acid", "ASA tablets"]


def test_one_thing_two_sources_label_alike_keeps_both_names(entries: ModuleType) -> None:
    rows = [
        entries.Entry("HP:0000819", "Diabetes mellitus", "Condition", [], "HP"),
        entries.Entry("DOID:9351", "diabetes mellitus", "Condition", ["diabetes"], "DOID"),
        entries.Entry("GO:1", "diabetes mellitus", "BiologicalProcess", ["sugar disease"], "GO"),
    ]
    (kept,) = entries.resolve_ambiguity(rows)
    assert kept.curie == "HP:0000819" and kept.synonyms == ["diabetes"]


def test_mesh_names_as_texts_write_them() -> None:
    mesh = _module("mesh")
    tables = _module("tables")
    term = tables.MeshTerm(
        "C045651", "epigallocatechin gallate", ["EGCG cpd", "Gallate, Epigallocatechin"], []
    )
    assert mesh.term_names(term) == ["epigallocatechin gallate", "EGCG"]
    assert mesh.mesh_case("Thyroid-Stimulating Hormone") == "thyroid-stimulating hormone"
    assert mesh.mesh_case("HMG-CoA Reductase Inhibitors") == "HMG-CoA reductase inhibitors"
    assert mesh.singular_label(["ferritins", "ferritin"]) == "ferritin"


def test_mesh_descriptors_by_branch() -> None:
    mesh = _module("mesh")
    tables = _module("tables")
    terms = {
        "D013662": tables.MeshTerm("D013662", "Tea", [], ["D20.215.784.844", "J02.200.831"]),
        "D005293": tables.MeshTerm("D005293", "Ferritins", ["Ferritin"], ["D12.776.157.427.249"]),
        "D007064": tables.MeshTerm("D007064", "Ice", [], ["D01.248.497.158.459"]),  # an everyday word
        "D012412": tables.MeshTerm("D012412", "Rubber", [], ["D25.720.099"]),  # a material
        "D008687": tables.MeshTerm("D008687", "Metformin", [], ["D02.078.370.141.450"]),  # mapped to ChEBI
    }
    found = {e.curie: (e.label, e.category) for e in mesh.mesh_descriptors(terms, {"D008687"})}
    assert found == {"MESH:D013662": ("tea", "Food"), "MESH:D005293": ("ferritin", "Protein")}


def _write_chebi(tmp_path: Path) -> dict[str, Path]:
    nodes = [
        {"id": "CHEBI:23888", "name": "drug", "namespace": "chebi", "relations": {"is_a": ["CHEBI:50906"]}},
        {
            "id": "CHEBI:35526",
            "name": "hypoglycemic agent",
            "namespace": "chebi",
            "relations": {"is_a": ["CHEBI:23888"]},
        },
        {
            "id": "CHEBI:6801",
            "name": "metformin",
            "namespace": "chebi",
            "relations": {"is_a": ["CHEBI:1"], "has_role": ["CHEBI:35526"]},
        },
        {
            "id": "CHEBI:6802",
            "name": "metformin hydrochloride",
            "namespace": "chebi",
            "relations": {"is_a": ["CHEBI:6801"]},
        },
        {
            "id": "CHEBI:18332",
            "name": "L-thyroxine",
            "namespace": "chebi",
            "relations": {
                "is_a": ["CHEBI:1"],
                "has_role": ["CHEBI:23888"],
                "is_conjugate_acid_of": ["CHEBI:9"],
            },
        },
        {"id": "CHEBI:9", "name": "L-thyroxinate", "namespace": "chebi", "relations": {"is_a": ["CHEBI:2"]}},
        {"id": "CHEBI:1", "name": "biguanides", "namespace": "chebi", "relations": {"is_a": []}},
        {
            "id": "CHEBI:3",
            "name": "2-acetoxybenzoic acid",
            "namespace": "chebi",
            "relations": {"is_a": ["CHEBI:1"], "has_role": ["CHEBI:23888"]},
        },
        {"id": "CHEBI:4", "name": "glucose", "namespace": "chebi", "relations": {"is_a": ["CHEBI:2"]}},
    ]
    (tmp_path / "chebi.json").write_text(json.dumps(nodes), encoding="utf-8")
    (tmp_path / "bel.tsv").write_text("", encoding="utf-8")
    (tmp_path / "drugbank.tsv").write_text(
        "DRUGBANK_ID\tNAMESPACE\tID\tSOURCE\n"
        "DB00331\tCHEBI\t6801\tchebi\nDB00331\tCHEBI\t6802\tchebi\nDB00331\tNAME\tMetformin\tdrugbank\n"
        "DB00451\tCHEBI\t18332\tdrugbank\nDB00451\tNAME\tLevothyroxine\tdrugbank\n",
        encoding="utf-8",
    )
    return {
        "chebi": tmp_path / "chebi.json",
        "bel_chebi": tmp_path / "bel.tsv",
        "drugbank": tmp_path / "drugbank.tsv",
    }


def test_chebi_entities_with_a_drug_role_are_kept_by_their_trivial_names(tmp_path: Path) -> None:
    chemicals = _module("chemicals")
    found = {e.curie: e for e in chemicals.chemicals_by_role(_write_chebi(tmp_path), {})}
    # metformin and its salt (under it) by role; the thyroxine base as the drug's conjugate;
    # their shared parent class; no trivial name for CHEBI:3; glucose, with no role, out
    assert set(found) == {"CHEBI:6801", "CHEBI:6802", "CHEBI:18332", "CHEBI:9", "CHEBI:1"}
    assert found["CHEBI:6801"].label == "metformin" and found["CHEBI:6801"].category == "ChemicalEntity"
    # DrugBank's name goes to the compound, not its salt; only ChEBI's own links to DrugBank count
    assert "Metformin" not in found["CHEBI:6802"].synonyms
    assert "levothyroxine" not in {s.lower() for s in found["CHEBI:18332"].synonyms}


def test_hgnc_an_approved_symbol_is_no_other_genes_alias(tmp_path: Path) -> None:
    header = "\t".join(
        [
            "HGNC ID",
            "Approved symbol",
            "Approved name",
            "Status",
            "Alias symbols",
            "NCBI",
            "UniProt",
            "MGI",
            "RGD",
            "Previous symbols",
            "Ensembl",
            "Locus type",
            "Enzyme IDs",
        ]
    )

    def row(curie: str, symbol: str, name: str, previous: str, ec: str) -> str:
        return "\t".join(
            [
                curie,
                symbol,
                name,
                "Approved",
                "",
                "",
                "",
                "",
                "",
                previous,
                "",
                "gene with protein product",
                ec,
            ]
        )

    path = tmp_path / "hgnc.tsv"
    path.write_text(
        "\n".join(
            [
                header,
                row("HGNC:2883", "DIO1", "iodothyronine deiodinase 1", "TXDI1", "1.21.99.4"),
                row("HGNC:2680", "DIDO1", "death inducer-obliterator 1", "DIO1", ""),
                row("HGNC:12015", "TPO", "thyroid peroxidase", "", "1.11.1.7"),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    genes = {e.curie: e for e in _module("proteins").genes(path)}
    assert genes["HGNC:2883"].synonyms == ["DIO1", "TXDI1"] and genes["HGNC:2883"].category == "Enzyme"
    assert genes["HGNC:2680"].synonyms == ["DIDO1"]
    assert genes["HGNC:12015"].label == "thyroid peroxidase" and genes["HGNC:12015"].synonyms == []
