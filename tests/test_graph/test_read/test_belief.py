"""Belief per statement (graph/read/belief.py), by hand-computed cases and on the shipped corpus."""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING

import pytest

from nutrikg.graph.model import Claim, Evidence, Sign, Span
from nutrikg.graph.read.belief import BeliefPriors, reliability, score_statements
from nutrikg.graph.read.per_graph import statement_beliefs
from nutrikg.graph.settings import DEFAULT_SOURCE_PRIORS, Settings
from nutrikg.ontology.terms import NM

if TYPE_CHECKING:
    from nutrikg.graph.read.kg import KnowledgeGraph

PRIORS = BeliefPriors(MappingProxyType({"review": 0.9, "blog": 0.5, "vendor": 0.3, "unknown": 0.2}), 0.5)
KINDS = {"r": "review", "b": "blog", "v": "vendor", "x": "elsewhere"}
KEY = ("s", "activates", "o")


def _claim(doc: str, confidence: float, *, hedged: bool = False, negated: bool = False, at: int = 0) -> Claim:
    evidence = Evidence(doc, "a sentence", Span(at, at + 10), "rule", confidence)
    return Claim("s", "activates", "o", Sign.POSITIVE, hedged, negated, evidence)


def test_one_claim_is_prior_times_confidence() -> None:
    found = score_statements([_claim("b", 0.8)], KINDS, PRIORS)[KEY]
    assert found.support == pytest.approx(0.4)  # 0.5 x 0.8
    assert found.opposition == 0.0
    assert found.belief == pytest.approx(0.4)
    assert found.documents == 1


def test_hedging_takes_its_factor_off() -> None:
    assert reliability(_claim("b", 0.8, hedged=True), "blog", PRIORS) == pytest.approx(0.2)  # 0.5 x 0.8 x 0.5


def test_an_unlisted_kind_counts_as_unknown() -> None:
    found = score_statements([_claim("x", 1.0)], KINDS, PRIORS)[KEY]
    assert found.support == pytest.approx(0.2)


def test_documents_combine_as_independent_errors() -> None:
    # review 0.9 x 1.0 = 0.9, vendor 0.3 x 1.0 = 0.3: 1 - (0.1 x 0.7) = 0.93
    found = score_statements([_claim("r", 1.0), _claim("v", 1.0)], KINDS, PRIORS)[KEY]
    assert found.support == pytest.approx(0.93)
    assert found.documents == 2


def test_a_document_repeating_itself_counts_once_at_its_strongest() -> None:
    claims = [_claim("b", 0.6, at=0), _claim("b", 0.8, at=50), _claim("b", 0.8, hedged=True, at=90)]
    found = score_statements(claims, KINDS, PRIORS)[KEY]
    assert found.support == pytest.approx(0.4)  # max(0.3, 0.4, 0.2), not 1 - 0.7 x 0.6 x 0.8
    assert found.documents == 1


def test_negated_evidence_weighs_against() -> None:
    # for: blog 0.5 x 0.8 = 0.4; against: review 0.9 x 0.5 = 0.45
    claims = [_claim("b", 0.8), _claim("r", 0.5, negated=True)]
    found = score_statements(claims, KINDS, PRIORS)[KEY]
    assert found.belief == pytest.approx(0.4 * 0.55)  # S x (1 - O) = 0.22
    assert found.denial == pytest.approx(0.45 * 0.6)  # O x (1 - S) = 0.27
    assert found.of_claim(negated=True) == found.denial
    assert found.documents == 2


def test_priors_come_from_the_settings() -> None:
    settings = Settings(source_priors={"blog": 0.1}, hedge_factor=0.25)
    priors = BeliefPriors.from_settings(settings)
    assert priors.prior("blog") == 0.1
    assert priors.prior("forum") == 0.0  # neither it nor unknown is in this table
    assert priors.hedge_factor == 0.25


def test_default_priors_rank_the_source_kinds() -> None:
    p = DEFAULT_SOURCE_PRIORS
    assert p["abstract"] == p["review"] > p["news"] > p["blog"] > p["forum"] > p["retailer"] == p["vendor"]


def test_the_forum_denial_outweighs_the_vendor_hedge(kg: KnowledgeGraph) -> None:
    """Vitamin D raising soft-tissue calcification: the vendor hedges it (0.35 x 0.85 x 0.6 =
    0.1785), the forum denies it (0.45 x 0.85 = 0.3825)."""
    found = statement_beliefs(kg)[(str(NM.vitamin_d), "increasesRiskOf", str(NM.soft_tissue_calcification))]
    assert found.support == pytest.approx(0.1785)
    assert found.opposition == pytest.approx(0.3825)
    assert found.belief == pytest.approx(0.1785 * (1 - 0.3825))
    assert found.denial > found.belief


def test_more_documents_more_belief(kg: KnowledgeGraph) -> None:
    beliefs = statement_beliefs(kg)
    k2_to_bone = beliefs[(str(NM.vitamin_k2), "directsTo", str(NM.bone))]
    assert k2_to_bone.documents == 4
    assert k2_to_bone.belief > 0.8
