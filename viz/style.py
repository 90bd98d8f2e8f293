"""How the explorer draws things: a colour and shape per entity category, a colour per sign.

One table serves the drawing (pyvis node options), the legend and the standalone export, so the
legend can never disagree with the picture.
"""

from __future__ import annotations

from dataclasses import dataclass

from nutrikg.graph.model import Sign


@dataclass(frozen=True)
class CategoryStyle:
    """The look of one entity category."""

    category: str
    label: str
    color: str
    shape: str


# Shapes with the label outside (dot, diamond, square...) keep labels readable at any size.
CATEGORY_STYLES: tuple[CategoryStyle, ...] = (
    CategoryStyle("Vitamin", "vitamin", "#f2a93b", "dot"),
    CategoryStyle("Vitamer", "vitamin form", "#f7c873", "dot"),
    CategoryStyle("Mineral", "mineral", "#8f9bb3", "hexagon"),
    CategoryStyle("Nutrient", "nutrient", "#e0b45a", "dot"),
    CategoryStyle("ChemicalEntity", "chemical", "#b07cc6", "hexagon"),
    CategoryStyle("Protein", "protein", "#4f8fd6", "diamond"),
    CategoryStyle("Enzyme", "enzyme", "#2f6fb5", "diamond"),
    CategoryStyle("ProteinGroup", "protein group", "#86b3e6", "diamond"),
    CategoryStyle("Cell", "cell", "#2bb3a3", "triangle"),
    CategoryStyle("AnatomicalSite", "body site", "#d9685f", "square"),
    CategoryStyle("BiologicalProcess", "process", "#5fae5a", "dot"),
    CategoryStyle("Condition", "condition", "#9c3d54", "triangleDown"),
    CategoryStyle("HealthOutcome", "health outcome", "#e58fb1", "star"),
    CategoryStyle("Biomarker", "biomarker", "#7d6bd1", "square"),
    CategoryStyle("Food", "food", "#a3843f", "dot"),
    CategoryStyle("Exposure", "exposure", "#f0d43a", "star"),
    CategoryStyle("Entity", "other", "#9e9e9e", "dot"),
)

_BY_CATEGORY = {style.category: style for style in CATEGORY_STYLES}

SIGN_COLORS: dict[Sign, str] = {
    Sign.POSITIVE: "#2e9d46",
    Sign.NEGATIVE: "#d2322d",
    Sign.NOT_CAUSAL: "#a4a4a4",
}

SIGN_WORDS: dict[Sign, str] = {
    Sign.POSITIVE: "raises",
    Sign.NEGATIVE: "lowers",
    Sign.NOT_CAUSAL: "not causal",
}


def category_style(category: str) -> CategoryStyle:
    """The style of `category`; unknown categories are drawn as 'other'."""
    return _BY_CATEGORY.get(category, _BY_CATEGORY["Entity"])


def legend() -> dict[str, list[dict[str, str]]]:
    """The legend as JSON-ready data: categories, then signs."""
    return {
        "categories": [
            {"category": s.category, "label": s.label, "color": s.color, "shape": s.shape}
            for s in CATEGORY_STYLES
        ],
        "signs": [
            {"sign": sign.value, "label": SIGN_WORDS[sign], "color": color}
            for sign, color in SIGN_COLORS.items()
        ],
    }
