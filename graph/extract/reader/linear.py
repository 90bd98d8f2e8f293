"""The learned reader's model: a multinomial logistic regression kept as a table of weights per
feature and class (JSON, package data), answered with numpy. Training needs scikit-learn; reading
does not."""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from pathlib import Path

MODEL_FILE = Path(__file__).parent / "model.json"
NONE = "none"
# The pair's relation: none, or the direction (first mention -> second, or back) and the sign.
CLASSES = (NONE, "forward+", "forward-", "forward0", "backward+", "backward-", "backward0")


@dataclass(frozen=True)
class LinearModel:
    """Weights per feature (one per class, in `classes` order), a bias per class, and the
    probability of a relation above which the reader says there is one (tuned on dev)."""

    classes: tuple[str, ...]
    weights: dict[str, tuple[float, ...]]
    bias: tuple[float, ...]
    threshold: float
    trained_on: str = ""  # what it was fitted on, for the record

    @property
    def version(self) -> str:
        """A hash of the weights: the claims it makes name it."""
        return hashlib.sha256(self.to_json().encode("utf-8")).hexdigest()[:12]

    def probabilities(self, features: tuple[str, ...]) -> dict[str, float]:
        """P(class | features), summing to 1; unknown features weigh nothing."""
        scores = list(self.bias)
        for feature in features:
            row = self.weights.get(feature)
            if row is not None:
                scores = [s + w for s, w in zip(scores, row, strict=True)]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {name: e / total for name, e in zip(self.classes, exps, strict=True)}

    def to_json(self) -> str:
        return json.dumps(
            {
                "classes": list(self.classes),
                "bias": [round(b, 6) for b in self.bias],
                "threshold": self.threshold,
                "trained_on": self.trained_on,
                "weights": {f: [round(w, 6) for w in row] for f, row in sorted(self.weights.items())},
            },
            separators=(",", ":"),
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> LinearModel:
        data = json.loads(text)
        return cls(
            classes=tuple(data["classes"]),
            weights={f: tuple(row) for f, row in data["weights"].items()},
            bias=tuple(data["bias"]),
            threshold=float(data["threshold"]),
            trained_on=str(data.get("trained_on", "")),
        )


def load_model(path: Path = MODEL_FILE) -> LinearModel | None:
    """The shipped model, or None when there is none (the rules then read alone)."""
    if not path.exists():
        return None
    return LinearModel.from_json(path.read_text(encoding="utf-8"))
