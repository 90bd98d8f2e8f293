"""The rules that turn standard ontology terms into names a text uses: which synonyms to keep, which
to drop as short or ambiguous, and which name becomes the label.

General rules only, never a list of the words some documents use. See README.md beside the output.
"""

from __future__ import annotations

import re
from functools import cache

from wordfreq import zipf_frequency

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
# The chemical elements' symbols: a formula is written in them alone ("H2O2", "CaCO3"), a gene
# symbol is not ("CYP3A4": no element A; "DIO3": no element D).
_ELEMENT_SYMBOLS = """
    H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn Ga Ge As Se Br Kr
    Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr Nd Pm Sm Eu Gd Tb Dy Ho Er Tm
    Yb Lu Hf Ta W Re Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th Pa U Np Pu
"""
_ELEMENTS = frozenset(_ELEMENT_SYMBOLS.split())
_FORMULA_PART = re.compile(r"([A-Z][a-z]?)\d*")
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
    if is_formula(name):  # "C6H18O24P6", "H2O"
        return False
    return not any(marker in name for marker in ("InChI", "obsolete", "http", "_"))


def is_formula(name: str) -> bool:
    """A molecular formula with a count ("H2O", "C6H12O6"), not a gene symbol ("CYP3A4")."""
    if not _FORMULA.match(name) or not any(ch.isdigit() for ch in name):
        return False
    return all(m.group(1) in _ELEMENTS for m in _FORMULA_PART.finditer(name.rstrip("+-0123456789")))


# What marks a systematic (IUPAC-style) chemical name: a locant ("2-", "5,8,11-", "3'-", "N,N-"),
# brackets, a comma, a charge, a stereodescriptor in brackets ("(R)-", "(-)-").
_LOCANT = re.compile(r"(?:^|[\s(\[-])(?:\d+|[A-Z])'*(?:,(?:\d+|[A-Z])'*)+-|(?:^|[\s(\[-])\d+'*-|\d'")
TRIVIAL_WORDS = 4


def trivial_name(name: str, *, official: bool = False) -> bool:
    """A chemical's trivial name as texts write it ("metformin", "coenzyme Q10", "omega-3 fatty
    acid", "N-acetylcysteine"), not a systematic one ("2-acetoxybenzoic acid",
    "(-)-epigallocatechin 3-gallate", "calcium(2+)"): at most four words, no locant, bracket or
    comma, and no all-capital abbreviation shorter than four characters ("ASA", "EPA": texts
    define those, and the extractor reads their definitions) unless it is the source's own name
    (`official`: ChEBI names ADP "ADP")."""
    if len(name.split()) > TRIVIAL_WORDS or any(ch in name for ch in "()[]{},;:"):
        return False
    if _LOCANT.search(name) or _CHARGE.search(name):
        return False
    return official or not (name.isupper() and len(name) < 4)


# How often a word must occur in general English (wordfreq's Zipf scale: 3 is once per million
# words) to be read as a word. "aids" (4.3), "dish" (4.2), "amp" (3.8) pass; "adp" (3.0) does not.
WORD_ZIPF = 3.3


def unambiguous_name(name: str, *, official: bool = False) -> bool:
    """`keep_name`, and no abbreviation a reader of lower-cased text would take for something
    else: the matcher compares lower-cased tokens, so "AIDS" would name every "aids", "DISH" every
    "dish", "MARCH" every "march": an abbreviation whose lower-case form is an English word is
    dropped, and one of fewer than four characters ("DM", "ADA", "TSH") unless it is the
    source's own name for the entity ("ADP")."""
    if not keep_name(name):
        return False
    letters = name.replace("-", "")
    abbreviation = is_abbreviation(name)
    if abbreviation and len(letters) < 4 and not official:
        return False
    return not (abbreviation and is_english_word(letters))


@cache
def is_english_word(word: str) -> bool:
    """`word` in lower case is a word of general English (wordfreq, `WORD_ZIPF`)."""
    return zipf_frequency(word.lower(), "en") >= WORD_ZIPF


# British spellings of medical and chemical words that American-spelled sources write otherwise
# ("hyperphosphatemia" -> "hyperphosphataemia", "hemoglobin" -> "haemoglobin"), as (pattern,
# replacement); texts of either side name the same thing.
_BRITISH = (
    (re.compile(r"(?<=[a-z]{2})(?<!acad)em(?=ias?\b)"), "aem"),  # "-emia" is Greek for blood
    (re.compile(r"(glyc|isch|\ban|\bur|ox|sept?ic)emic\b"), r"\1aemic"),  # not "systemic"
    (re.compile(r"\bhem(?=[ao])"), "haem"),
    (re.compile(r"\b(?=(?:esophag|edema|estr[aoi]|strogen))"), "o"),
    (re.compile(r"\bped(?=ia)"), "paed"),
    (re.compile(r"\bfet(?=al\b|us\b|uses\b)"), "foet"),
    (re.compile(r"rrhea\b"), "rrhoea"),
    (re.compile(r"\btumor"), "tumour"),
    (re.compile(r"\bfiber"), "fibre"),
)


def british_spelling(name: str) -> str | None:
    """The British spelling of `name` where it differs ("anemia" -> "anaemia"), else None."""
    british = name
    for pattern, replacement in _BRITISH:
        british = pattern.sub(replacement, british)
    return british if british != name else None


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
    return not (
        _CHARGE.search(name) or _SYSTEMATIC.search(name) or _ABBREVIATION.match(name) or is_abbreviation(name)
    )


def is_abbreviation(name: str) -> bool:
    """Two or more capitals in a name of letters and digits ("EGCG", "CoQ10", "SAM-e", "CoQ 10"):
    an abbreviation."""
    letters = name.replace("-", "").replace(" ", "")
    return letters.isalnum() and sum(ch.isupper() for ch in letters) >= 2


def sentence_case(name: str) -> str:
    """'Neutropenia' -> 'neutropenia'; 'Decreased LDL' -> 'decreased LDL'; 'B cell' and 'CoQ10'
    stay (a capital inside the first word makes it an abbreviation)."""
    first = name.split(" ", 1)[0]
    if len(first) > 1 and first[0].isupper() and first[1:].replace("-", "").islower():
        return name[0].lower() + name[1:]
    return name


def key(name: str) -> str:
    """The form names are compared in (the matcher compares lower-cased tokens)."""
    return " ".join(name.lower().split())
