"""Split a document into sentences with exact offsets, and tell content from page chrome.

Chrome (navigation, badges, image file names, copyright lines, reference lists, product
advertising) is kept as a sentence with role "chrome" so offsets stay whole, but it is never evidence.
Headings (short lines without closing punctuation) give context, such as the nutrient a dose line
under them is about; questions ("Q: How do vitamins D and K work together?") assert nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from nutrikg.graph.extract.prefilter import Prefiltered, fold_case
from nutrikg.graph.model import Document, Sentence, Span

_LINE = re.compile(r"[^\n]+")
# Bullets, numbers, "(c)" enumerations, FAQ labels and the ">" of a quoted forum post: markup,
# not part of the sentence (a quoted post is then the sentence it quotes).
_BULLET = re.compile(r"\s*(?:[•\-–*·▪●]|\d{1,2}[.)]|\(?[a-z]\)|\(\d{1,2}\)|[QA]:|>+)\s+(?=\S)")
# A sentence ends at . ! ? followed by space and an upper-case letter, digit or quote.
_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z0-9\"“(])")
_ABBREVIATION_END = re.compile(
    r"(?:\bet al|\be\.g|\bi\.e|\bvs|\bDr|\bProf|\bMrs?|\bMs|\bFig|\bapprox|\bNo|\bcf|\bSt|"
    # an initial ("M. F. Holick"), but not the vitamin letter ending "... antagonise vitamin K."
    r"\b(?<![Vv]itamin )(?<![Vv]itamins )(?<!and )[A-Za-z])\.$"
)
# A structured abstract's methods say what was done, not what was found: no claim is read there.
_METHODS_LABEL = re.compile(
    r"\s*(?:methods?|design|setting|participants|patients and methods|study design|subjects)\s*:", re.I
)
# A shop's lists of other products and of a product's other ingredients
_SHOP_LIST = re.compile(
    r"(?:other ingredients|customers also (?:bought|viewed)|you may also like|related products|"
    r"frequently bought together)\s*:",
    re.I,
)
_IMAGE_FILE = re.compile(r"^\S+\.(?:png|jpe?g|gif|webp|svg|avif)$", re.IGNORECASE)
_RUN_ON_TOKEN = re.compile(r"\S{28,}")
_URL = re.compile(r"https?://|www\.", re.IGNORECASE)
_CHROME_LINES = {
    "top bottom",
    "top",
    "bottom",
    "back to blog",
    "back to top",
    "reply",
    "quote",
    "share",
    "like",
    "report",
    "veteran",
    "vip",
    "vip gold",
    "moderator",
    "administrator",
    "member",
    "junior member",
    "senior member",
    "registered user",
    "table of contents",
    "read more",
    "learn more",
    "sign in",
    "log in",
    "menu",
    "home",
    "subscribe",
}
_CHROME_CUES = re.compile(
    r"all rights reserved|copyright|©|terms (?:&|and) conditions|privacy policy|cookie|"
    r"please scroll down|editorial (?:process|policy)|why you can trust|visit our website|"
    r"learn more about|sign up|newsletter|add to cart|shop now|buy now|logo\b",
    re.IGNORECASE,
)
_PROMOTION_CUES = re.compile(
    r"™|®|\bour (?:products?|range|formula|supplements?)\b|consider (?:\w+ ){0,3}products?\b|"
    r"discover how \w+|\b(?:offers?|provides?) support with its formula",
    re.IGNORECASE,
)
# Chrome and promotion cues behind tests for their words: few sentences hold any.
_SENTENCE_CHROME_CUES = tuple(Prefiltered(cue) for cue in (_CHROME_CUES, _URL, _PROMOTION_CUES))
_REFERENCES_HEADING = re.compile(r"^\s*(?:references|bibliography|sources cited)\s*:?\s*$", re.I)
# A reference in a list without a heading: authors as "Surname AB, Surname C" (two or more, or one
# and "et al."), or a journal's "1998;129:770" (year; volume: pages).
_AUTHOR = (
    r"(?:(?:van|von|de|der|den|da|di|du|le|la)\s+)*"
    r"(?!(?i:vitamin|factor|type|group|phase|stage|class|figure|table|part|lecture|chapter|section|"
    r"step|level|omega|form)s?\b)[A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+)?\s+[A-Z]{1,3}\b"
)
_CITATION_AUTHORS = re.compile(
    rf"\s*(?:\[?\d{{1,3}}[.)\]]\s+)?{_AUTHOR}(?:(?:,\s+{_AUTHOR}){{1,}}[.,]?\s+(?:et al\.|[A-Z][a-z])|"
    rf",?\s+et al\.)"
)
_CITATION_SOURCE = re.compile(r"\b(?:19|20)\d\d\s*;\s*\d+(?:\s*\(\d+\))?\s*:\s*[A-Za-z]?\d+")
# An enumerated task ("(c) judge whether ...", "2. Explain how ..."): it asks, it asserts nothing.
_INSTRUCTION = re.compile(
    r"^(?:describe|outline|judge|explain|list|compare|contrast|identify|discuss|evaluate|assess|"
    r"define|summari[sz]e|distinguish|calculate|interpret|justify|predict|decide|determine|"
    r"critically)(?=\s)",
    re.IGNORECASE,
)


def split_sentences(doc: Document) -> list[Sentence]:
    """Every sentence of `doc` in order, each with its offsets and role."""
    sentences: list[Sentence] = []
    in_references = False
    for line in _LINE.finditer(doc.text):
        if _REFERENCES_HEADING.match(line.group()):
            in_references = True
        chrome_line = in_references or _is_chrome_line(line.group())  # once per line, not per sentence
        method_line = _METHODS_LABEL.match(line.group()) is not None
        bulleted = _BULLET.match(line.group()) is not None
        for start, end in _sentence_spans(doc.text, line.start(), line.end()):
            text = doc.text[start:end]
            role = (
                "chrome"
                if chrome_line
                else "method"
                if method_line
                else _role(text, bulleted, doc.product_names)
            )
            sentences.append(Sentence(doc.id, len(sentences), Span(start, end), text, role))
    return sentences


def _sentence_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence boundaries within one line, bullets and surrounding space trimmed."""
    bullet = _BULLET.match(text, start, end)
    if bullet:
        start = bullet.end()
    cursor = start
    for boundary in _BOUNDARY.finditer(text, start, end):
        if _ends_with_abbreviation(text[cursor : boundary.start()]):
            continue
        yield from _trimmed(text, cursor, boundary.start())
        cursor = boundary.end()
    yield from _trimmed(text, cursor, end)


def _ends_with_abbreviation(text: str) -> bool:
    return bool(_ABBREVIATION_END.search(text.rstrip(')"”’ ')))


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    # A stray closing quote or bracket after the boundary belongs to the previous sentence.
    if end > start:
        yield start, end


def _is_chrome_line(line: str) -> bool:
    """Navigation, a badge, an image file name, a shop's cross-selling or a run-on fragment:
    chrome whatever it says."""
    stripped = line.strip()
    if _SHOP_LIST.match(stripped):
        return True
    lowered = stripped.lower().rstrip(":")
    if lowered in _CHROME_LINES or _IMAGE_FILE.match(stripped) or _RUN_ON_TOKEN.search(stripped):
        return True
    if ";" in stripped and _CITATION_SOURCE.search(stripped):
        return True
    return _CITATION_AUTHORS.match(stripped) is not None


def _role(sentence: str, bulleted: bool, product_names: tuple[str, ...]) -> str:
    """The role of a sentence on a line that is not chrome as a whole."""
    folded = fold_case(sentence)
    if any(cue.search(sentence, folded) for cue in _SENTENCE_CHROME_CUES):
        return "chrome"
    if _names_product(sentence, product_names):
        return "chrome"
    if is_heading(sentence) and not bulleted:
        return "heading"
    if sentence.rstrip().endswith("?") or (bulleted and _INSTRUCTION.match(sentence)):
        return "question"
    return "content"


def _names_product(sentence: str, product_names: tuple[str, ...]) -> bool:
    lowered = sentence.lower()
    return any(name.lower() in lowered for name in product_names)


def is_heading(sentence: str) -> bool:
    """A short line without closing punctuation: a title, a heading or a label."""
    words = sentence.split()
    return len(words) <= 10 and not sentence.rstrip().endswith((".", "!", "?", ";"))
