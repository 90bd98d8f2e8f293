"""The rules that turn standard ontology terms into names a text uses: which synonyms to keep, which
to drop as short or ambiguous, and which name becomes the label.

General rules only, never a list of the words some documents use. See README.md beside the output.
"""

from __future__ import annotations

import re

# Synonyms longer than this are systematic names or descriptions that texts do not write verbatim;
# leaving them out keeps the phrase matcher small.
MAX_WORDS = 5
# Common English words and generic ontology terms that some class lists as a name: matching them
# would turn ordinary prose into entity mentions ("lead" the verb, "iron" the appliance, "cell",
# "process"). Element names that are also common words are here too; the curated core names the
# nutrients among them (iron, zinc, copper) itself.
_STOP_LIST = """
    a an the and or of in on at to for by with from as is are be been was were it its this that
    these those not no all any some can may will would could should must might lead tin iron gold
    silver mercury water salt acid base ion ions atom atoms cation anion group role entity entities
    part parts process processes quality object objects cell cells tissue tissues organ organs
    system systems structure structures region regions material compound compounds molecule
    molecules substance substances chemical chemicals function activity activities behavior
    behaviour growth development response death movement transport binding signaling signalling
    abnormality phenotype phenotypes disease diseases disorder disorders syndrome syndromes symptom
    symptoms sign signs finding findings increase increased decrease decreased level levels high low
    normal abnormal change changes loss gain onset course mild severe age adult child male female
    body head face hand foot arm leg back side front top bottom left right inner outer upper lower
    blood serum plasma urine milk food diet meal drug drugs medicine agent factor factors protein
    proteins enzyme enzymes hormone hormones gene genes marker markers nutrient nutrients vitamin
    vitamins mineral minerals element elements metal metals complex complexes family unit units
    light heat cold air fire earth energy power form forms type types class kind set plant animal
    stage phase state status rate ratio mass weight size shape color colour
    AC DC OH ME CAN ALL AIM ACT AGE WAS ARE MAY
"""
STOP_WORDS = frozenset(_STOP_LIST.split())
_CHARGE = re.compile(r"\(\d*[+-]\)|\d[+-]$|[+-]$")
_FORMULA = re.compile(r"^(?:[A-Z][a-z]?\d*)+(?:[+-]\d*)?$")
_SYSTEMATIC = re.compile(r"[\[\]{}]|\d,\d|\(\d|\d[A-Z]?\)|^[A-Z]?\d+[A-Za-z]?-")
_ABBREVIATION = re.compile(r"^[A-Z0-9-]+$")


def keep_name(name: str) -> bool:
    """Whether a source name is fit to match in running text (the rules in README.md)."""
    words = name.split()
    if not words or len(words) > MAX_WORDS or not name.isascii():
        return False
    if is_common_word(name):
        return False
    letters = sum(ch.isalpha() for ch in name)
    if letters < 3:  # "AC", "K", "Ca": too short to be unambiguous
        return False
    if _ABBREVIATION.match(name) and len(name) < 3:
        return False
    if _FORMULA.match(name) and any(ch.isdigit() for ch in name):  # "C6H18O24P6", "H2O"
        return False
    return not any(marker in name for marker in ("InChI", "obsolete", "http", "_"))


def is_common_word(name: str) -> bool:
    """A stop-listed word, or its plural ("foods", "levels")."""
    lower = name.lower()
    return any(
        form in STOP_WORDS for form in (name, lower, lower.removesuffix("s"), lower.removesuffix("es"))
    )


def keep_synonym(name: str, *, process: bool) -> bool:
    """`keep_name`, and no one-word synonym of a process: GO gives catabolism "breakdown" and
    "degradation", nominalisations any text uses for any process (the label is kept: "sleep")."""
    return keep_name(name) and not (process and len(name.split()) == 1)


def common_name(official: str, exact: list[str], *, chemical: bool) -> str:
    """The name people use as the label; the official name stays a synonym.

    For chemicals, ChEBI's official name is often systematic ("calcium(2+)", "myo-inositol
    hexakisphosphate"): the label is the shortest exact name with no charge, no locants or
    brackets and no all-capitals abbreviation, the official one winning ties; "phytate" for
    CHEBI:17401. For every other kind of term the official label is kept, in lower case where the
    source writes sentence case ("Neutropenia" -> "neutropenia").
    """
    if not chemical:
        return sentence_case(official)
    candidates = [n for n in (official, *exact) if keep_name(n) and _plain(n)]
    if not candidates:
        return official
    return min(candidates, key=lambda n: (len(n), n != official, n))


def _plain(name: str) -> bool:
    return not _CHARGE.search(name) and not _SYSTEMATIC.search(name) and not _ABBREVIATION.match(name)


def sentence_case(name: str) -> str:
    """'Neutropenia' -> 'neutropenia'; 'Decreased LDL' -> 'decreased LDL'; 'B cell' stays."""
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        return name[0].lower() + name[1:]
    return name


def key(name: str) -> str:
    """The form names are compared in (the matcher compares lower-cased tokens)."""
    return " ".join(name.lower().split())
