"""People's reviews of claims: accept, reject or correct a claim, with a comment.

Reviews are kept in one JSON Lines file in the data folder (`settings.reviews_file`), one review
a line, oldest first; the latest review of a claim is the one in force, the earlier ones stay as
its history. A review is keyed by the claim's content (graph.model.Claim.content_id), not by its
offsets or by a build: a rebuild reads the claim anew, and the review applies to it again. Each
review replaces the file whole (graph.files.write_atomic), under a lock beside it, so a reader
sees the file before the review or after it, and two writers do not lose each other's review.

What a review does to a claim (`reviewed`):

- rejected, the claim asserts nothing: no belief is made from it, no edge of the network, no
  Biolink edge; it is still listed, with its review;
- corrected, it asserts the correction (subject, predicate, object, sign), its original reading
  kept as provenance;
- accepted or corrected, its reading counts as certain (confidence 1): a person has checked that
  the sentence says so. How far the source itself is trusted (its kind, a hedge) still counts.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType

from nutrikg.graph.errors import StoreError
from nutrikg.graph.files import write_atomic
from nutrikg.graph.model import Claim, Sign

CHECKED_CONFIDENCE = 1.0  # a reading a person accepted or corrected
FileVersion = tuple[int, int, int]  # inode, modification time (ns), size: one stat call


class Verdict(StrEnum):
    ACCEPT = "accept"
    REJECT = "reject"
    CORRECT = "correct"


@dataclass(frozen=True)
class Correction:
    """What a corrected claim asserts instead: every field given (the reviewer's, or the
    original's where the reviewer kept it). Entities as IRIs, the predicate as its local name."""

    subject: str
    predicate: str
    object: str
    sign: Sign


@dataclass(frozen=True)
class Review:
    """One person's verdict on one claim."""

    content_id: str  # the claim's Claim.content_id: what the review is keyed by
    verdict: Verdict
    comment: str
    at: str  # when, ISO 8601 in UTC
    correction: Correction | None = None  # with Verdict.CORRECT only
    claim_id: str = ""  # the claim's id (its IRI's last segment) when it was reviewed
    document: str = ""  # the claim's document id


@dataclass(frozen=True)
class Reviews:
    """The reviews in force, by claim content id, and what identifies the file they came from."""

    latest: Mapping[str, Review] = field(default_factory=lambda: MappingProxyType({}))
    version: FileVersion | None = None  # None: no file
    digest: str = ""  # of the file's bytes; "" when there is none

    def of(self, claim: Claim) -> Review | None:
        return self.latest.get(claim.content_id) if self.latest else None


NO_REVIEWS = Reviews()


def reviewed(claim: Claim, review: Review | None) -> Claim | None:
    """What `claim` asserts once `review` is applied: None when it was rejected; the correction
    when it was corrected; with a checked reading's confidence when accepted or corrected. The
    copy's `id` is not the claim's (its content changed): name the claim by the original."""
    if review is None:
        return claim
    if review.verdict is Verdict.REJECT:
        return None
    evidence = replace(claim.evidence, confidence=CHECKED_CONFIDENCE)
    fix = review.correction
    if review.verdict is Verdict.CORRECT and fix is not None:
        return replace(
            claim,
            subject=fix.subject,
            predicate=fix.predicate,
            object=fix.object,
            sign=fix.sign,
            evidence=evidence,
        )
    return replace(claim, evidence=evidence)


def reviews_version(path: Path) -> FileVersion | None:
    """What identifies the reviews file as it is now (None when there is none). One stat call."""
    try:
        found = path.stat()
    except FileNotFoundError:
        return None
    return found.st_ino, found.st_mtime_ns, found.st_size


def read_reviews(path: Path) -> Reviews:
    """The reviews in force in the file at `path` (none when it does not exist).

    Raises StoreError naming the file and line of a review that cannot be read.
    """
    version = reviews_version(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return NO_REVIEWS
    except OSError as err:
        raise StoreError(f"cannot read the reviews {path}: {err}") from err
    latest: dict[str, Review] = {}
    for number, line in enumerate(data.decode("utf-8", errors="replace").splitlines(), start=1):
        if line.strip():
            review = _parse(line, f"{path}:{number}")
            latest[review.content_id] = review
    return Reviews(MappingProxyType(latest), version, hashlib.sha256(data).hexdigest()[:16])


def add_review(path: Path, review: Review) -> Reviews:
    """Add `review` to the file at `path` (made when missing) and return the reviews now in force.

    Raises StoreError when the file cannot be read or written.
    """
    line = json.dumps(_plain(review), ensure_ascii=False, sort_keys=True) + "\n"
    with _locked(path):
        try:
            before = path.read_bytes() if path.exists() else b""
            write_atomic(path, before + line.encode("utf-8"))
        except OSError as err:
            raise StoreError(f"cannot write the reviews {path}: {err}") from err
        return read_reviews(path)


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """One writer of the reviews at a time (the service and `nutrikg review` may both write)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.with_name(path.name + ".lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _plain(review: Review) -> dict[str, object]:
    found = asdict(review)
    if review.correction is None:
        del found["correction"]
    return found


def _parse(line: str, where: str) -> Review:
    try:
        fields = json.loads(line)
        fix = fields.pop("correction", None)
        correction = None if fix is None else Correction(**{**fix, "sign": Sign(fix["sign"])})
        return Review(**{**fields, "verdict": Verdict(fields["verdict"]), "correction": correction})
    except (ValueError, TypeError, KeyError) as err:
        raise StoreError(f"{where}: not a review ({err})") from err


def now_iso() -> str:
    """The time now, as reviews record it."""
    return datetime.now(UTC).isoformat(timespec="seconds")
