"""``kb_figures_v1``: numbers with their meaning (percent, money, counts, units ...).

Rule-based over the raw text so that spans are exact characters of the article; spaCy's
tokens only help to find the noun a bare count measures ("60,000 GPUs"). Each figure
carries a normalised value (``US$4.6 million`` -> 4600000, ``USD``), bounds for ranges,
an approximation qualifier ("about", "more than") and the sentence's time reference
("by 2024").
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kb.models import Figure

NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
SCALE_WORDS = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "t": 1e12,
    "lakh": 1e5,
    "crore": 1e7,
}
SCALE = r"(?:thousand|million|billion|trillion|lakh|crore|mln|mn|bn|tn|[kKmMbBT])\b"
CURRENCY_PREFIX = {
    "US$": "USD",
    "USD": "USD",
    "$": "USD",
    "S$": "SGD",
    "A$": "AUD",
    "C$": "CAD",
    "HK$": "HKD",
    "NZ$": "NZD",
    "€": "EUR",
    "EUR": "EUR",
    "£": "GBP",
    "GBP": "GBP",
    "¥": "JPY",
    "JPY": "JPY",
    "₹": "INR",
    "RMB": "CNY",
    "CNY": "CNY",
    "SGD": "SGD",
    "NT$": "TWD",
    "Rp": "IDR",
    "₱": "PHP",
    "₩": "KRW",
    "Rs.": "INR",
    "Rs": "INR",
    "RM": "MYR",
}
CURRENCY_WORDS = {
    "dollars": "USD",
    "euros": "EUR",
    "pounds": "GBP",
    "yuan": "CNY",
    "yen": "JPY",
    "won": "KRW",
    "rupees": "INR",
    "rupiah": "IDR",
    "ringgit": "MYR",
    "baht": "THB",
    "usd": "USD",
    "eur": "EUR",
    "gbp": "GBP",
    "sgd": "SGD",
}
_cur = "|".join(re.escape(c) for c in sorted(CURRENCY_PREFIX, key=len, reverse=True))

MONEY = re.compile(
    rf"(?P<between>between\s)?(?<![A-Za-z])(?P<cur>{_cur})\s?(?P<num>{NUM})(?:\s?(?P<scale>{SCALE}))?"
    rf"(?:\s?(?(between)and|(?:-|–|to))\s?(?:{_cur})?\s?(?P<num2>{NUM})(?:\s?(?P<scale2>{SCALE}))?)?"
    rf"|(?P<num3>{NUM})(?:\s(?P<scale3>thousand|million|billion|trillion|lakh|crore))?\s(?P<curw>dollars|euros|pounds|yuan|yen|rupees|rupiah|ringgit|baht|USD|EUR|GBP|SGD)\b"
    rf"|(?P<num4>{NUM})\s(?P<scale4>thousand|million|billion|trillion)\s(?P<curw4>won)\b"
)
PERCENT_RANGE = re.compile(
    rf"(?:between\s)?(?P<lo>{NUM})\s?(?:%|percent|per cent)?\s?(?:and|to|-|–)\s?(?P<hi>{NUM})\s?(?:%|percent\b|per cent\b)"
)
PERCENT = re.compile(rf"(?P<num>{NUM})\s?(?:%|percent\b|per cent\b|percentage points?\b|pp\b)")
TEMPERATURE = re.compile(rf"(?P<num>-?{NUM})\s?(?P<unit>°\s?[CF]\b|degrees (?:Celsius|Fahrenheit|C\b|F\b))")
UNITS = re.compile(
    rf"(?P<num>{NUM})(?:\s?(?P<scale>million|billion|thousand))?\s?(?P<unit>GW|MW|kW|TWh|GWh|MWh|kWh|GB|TB|PB|EB|MB|nm|GHz|MHz|Gbps|Mbps|qubits?|"
    rf"parameters|tokens|tonnes|tons|grams|kilograms|mAh|Tbps|Pbps|TFLOPS|petaflops|exaflops|km2|km|kilometres|kilometers|metres|meters|cm|mm|miles|mi|sq mi|kg|lbs?|litres|liters|gallons|mph|eV|TeV|Wh|W|kWh|hours|minutes|seconds|years|months|weeks|days|users|customers|employees|jobs|devices|units|chips|GPUs|servers)\b"
)
WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
    "twice": 2,
    "half": 0.5,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_ONES = {k: v for k, v in WORD_NUMBERS.items() if isinstance(v, int) and v < 10}
SPELLED_UNITS = (
    r"years?|months?|weeks?|days?|hours?|minutes?|seconds?|times|percent|per cent|million|billion|"
    r"metres?|meters?|kilometres?|kilometers?|miles?|gallons?|litres?|liters?|tonnes?|people|companies|"
    r"countries|users|employees|jobs|models|chips|GPUs|data centres|plants|factories|sites"
)
SPELLED = re.compile(
    rf"\b(?P<word>(?:{'|'.join(_TENS)})(?:-(?:{'|'.join(_ONES)}))?|{'|'.join(k for k in WORD_NUMBERS if k not in ('twice', 'half', 'hundred'))})"
    rf"\s(?P<unit>{SPELLED_UNITS})\b",
    re.I,
)


def spelled_value(word: str) -> float:
    word = word.lower()
    if "-" in word:
        tens, ones = word.split("-", 1)
        return float(_TENS[tens] + _ONES[ones])
    return float(WORD_NUMBERS[word])


MULTIPLIER = re.compile(
    rf"\b(?P<num>{NUM}|two|three|four|five|six|seven|eight|nine|ten)(?:\s|-)?(?:times|x\b|-fold|fold)|\b(?P<twice>twice)\b",
    re.I,
)
COUNT = re.compile(rf"(?<![\w.$€£¥%-])(?P<num>{NUM})(?:\s(?P<scale>thousand|million|billion|trillion))?(?![\w%°.,]*\d)")
APPROX = re.compile(
    r"(?P<q>about|around|roughly|approximately|nearly|almost|some|more than|over|less than|under|up to|at least|close to|as much as|as many as|just over|just under|an estimated|estimated)\s+(?:(?:US|S|A|C|HK)?\$|€|£)?$",
    re.I,
)
TIME_REF = re.compile(
    r"\b(?P<ref>(?:by|in|until|before|through|since|from|during|for)\s+"
    r"(?:the end of\s+|early\s+|late\s+|mid-?|(?:the )?(?:whole|rest|end|start|course) of\s+|all of\s+"
    r"|(?:fiscal|calendar)\s+)?(?:19|20)\d{2}"
    r"|(?:last|this|next) year|a year (?:ago|earlier))\b",
    re.I,
)
_SUBJECT = re.compile(
    r"^\s+of\s+(?P<subject>(?:the |its |their |all |global |US |world )?[\w’'\- ]{3,80}?)(?=\s+(?:will|would|is|are|was|were|has|have|had|could|may|might|can|said|say|says|expect|expects|think|believe|than)\b|[,.;:)]|$)"
)
YEAR = re.compile(r"^(?:19|20)\d{2}$")
CHANGE_FROM = re.compile(
    r"\b(?:rose|rise[sn]?|rising|fell|falls?|falling|grew|grow(?:s|n|ing)?|climbed|increased|decreased|dropped|jumped|"
    r"declined|slipped|surged|plunged|soared|widened|narrowed|improved|cut|raised|lifted|lowered|up|down)\s+"
    r"(?:[\w’'-]+\s+){0,3}?from\s+$",
    re.I,
)


def to_number(num: str, scale: str | None = None) -> float:
    value = float(num.replace(",", ""))
    if scale:
        value *= SCALE_WORDS.get(scale.lower(), 1.0)
    return value


_NAME_BEFORE = re.compile(r"(?:^|(?<=[\s“\"‘(]))(?P<word>[A-Za-z][\w]*)[\s-]$")


def _in_name(text: str, start: int) -> bool:
    """A number that continues a name: "RTX 5070", "Palmyra X 004", "iPhone 16", "Pixel 9",
    "March 15". The word before it is capitalised (inside the sentence) or, at the start of
    the sentence, an acronym or mixed-case ("RTX 5070 sales", not "About 5,000 people")."""
    m = _NAME_BEFORE.search(text, 0, start)
    if m is None:
        return False
    word = m.group("word")
    if any(c.isupper() for c in word[1:]) or word == "X":  # RTX, iPhone, Palmyra X
        return True
    initial = not text[: m.start("word")].strip(' “"‘(')
    return word[0].isupper() and not initial


def _approx(text: str, start: int) -> str | None:
    m = APPROX.search(text[max(0, start - 24) : start])
    return m.group("q").lower() if m else None


def find_figures(text: str, offset: int = 0, time_ref: str | None = None) -> list[Figure]:
    """All figures in ``text`` (one sentence or paragraph); spans are shifted by ``offset``.
    ``time_ref``: the sentence's time reference, given to every figure; when it is None each
    figure gets the time reference of ``text`` nearest to it."""
    found: list[Figure] = []
    refs = [] if time_ref is not None else time_references(text)
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    def add(m: re.Match, fig: Figure) -> None:
        taken.append((m.start(), m.end()))
        subject = _SUBJECT.match(text[m.end() :])
        if subject and fig.kind in ("percent", "count", "money", "quantity"):
            fig.subject = subject.group("subject").strip()
        found.append(fig)

    def fig(m: re.Match, kind: str, value: float | None, unit: str | None, **kw) -> Figure:
        return Figure(
            kind=kind,
            value=value,
            unit=unit,
            raw=m.group(0),
            char_start=offset + m.start(),
            char_end=offset + m.end(),
            approx=_approx(text, m.start()),
            time_ref=time_ref or nearest_time_ref(refs, m.start(), m.end()),
            **kw,
        )

    for m in MONEY.finditer(text):
        if not free(m.start(), m.end()):
            continue
        if m.group("num3"):
            cur = CURRENCY_WORDS[m.group("curw").lower()]
            add(m, fig(m, "money", to_number(m.group("num3"), m.group("scale3")), cur))
            continue
        if m.group("num4"):  # "2 trillion won": only with a scale, "won" is also a verb
            add(m, fig(m, "money", to_number(m.group("num4"), m.group("scale4")), "KRW"))
            continue
        cur = CURRENCY_PREFIX[m.group("cur")]
        scale = m.group("scale")
        if scale in ("m", "M", "b", "B", "k", "K") and re.match(r"\s", text[m.end("num") : m.end("num") + 1] or ""):
            scale = None if scale in ("b", "B") else scale  # "$5 B" is rare; "$5 b..." is a word
        value = to_number(m.group("num"), scale)
        lower = upper = None
        if m.group("num2"):
            scale2 = m.group("scale2") or scale
            lower, upper = value, to_number(m.group("num2"), scale2)
            if not scale and scale2:
                lower = to_number(m.group("num"), scale2)
                value = lower
        add(m, fig(m, "money", value, cur, lower=lower, upper=upper))
    for m in PERCENT_RANGE.finditer(text):
        if free(m.start(), m.end()):
            lo, hi = to_number(m.group("lo")), to_number(m.group("hi"))
            if CHANGE_FROM.search(text[max(0, m.start() - 60) : m.start()]):
                continue  # "rose from 4% to 7%": two values, not a range
            if lo < hi:
                add(m, fig(m, "percent", lo, "percent", lower=lo, upper=hi))
    for m in PERCENT.finditer(text):
        if free(m.start(), m.end()):
            unit = "percentage points" if "point" in m.group(0) or m.group(0).endswith("pp") else "percent"
            add(m, fig(m, "percent", to_number(m.group("num")), unit))
    for m in TEMPERATURE.finditer(text):
        if free(m.start(), m.end()):
            unit = "°F" if "F" in m.group("unit") else "°C"
            add(m, fig(m, "temperature", to_number(m.group("num")), unit))
    for m in UNITS.finditer(text):
        if free(m.start(), m.end()):
            unit = m.group("unit")
            kind = (
                "duration"
                if unit in ("hours", "minutes", "seconds", "years", "months", "weeks", "days")
                else "quantity"
            )
            if unit in (
                "users",
                "customers",
                "employees",
                "jobs",
                "devices",
                "units",
                "chips",
                "GPUs",
                "servers",
                "parameters",
                "tokens",
                "qubits",
                "qubit",
            ):
                kind = "count"
            add(m, fig(m, kind, to_number(m.group("num"), m.group("scale")), unit))
    for m in MULTIPLIER.finditer(text):
        if free(m.start(), m.end()):
            word = (m.group("num") or m.group("twice") or "").lower()
            value = WORD_NUMBERS.get(word) or to_number(word)
            add(m, fig(m, "multiplier", float(value), "times"))
    for m in SPELLED.finditer(text):
        if free(m.start(), m.end()):
            unit = m.group("unit").lower()
            value = spelled_value(m.group("word"))
            if unit in ("percent", "per cent"):
                add(m, fig(m, "percent", value, "percent"))
            elif unit in ("million", "billion"):
                add(m, fig(m, "count", value * SCALE_WORDS[unit], None))
            elif unit in ("times",):
                add(m, fig(m, "multiplier", value, "times"))
            else:
                kind = (
                    "duration" if re.match(r"years?|months?|weeks?|days?|hours?|minutes?|seconds?", unit) else "count"
                )
                add(m, fig(m, kind, value, m.group("unit")))
    for m in COUNT.finditer(text):
        if not free(m.start(), m.end()) or YEAR.match(m.group("num")):
            continue
        # a bare number followed by the noun it counts: "60,000 GPUs", "3 million people"
        after = re.match(r"\s+(?P<noun>[A-Za-z][\w-]*)", text[m.end() : m.end() + 40])
        noun = after.group("noun") if after else None
        if (
            after is None
            or noun is None
            or noun.lower()
            in {
                "to",
                "and",
                "or",
                "of",
                "in",
                "on",
                "at",
                "by",
                "for",
                "the",
                "a",
                "per",
                "am",
                "pm",
            }
        ):
            continue
        if re.match(
            r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b", noun
        ):
            continue
        if _in_name(text, m.start()):
            continue
        full = text[m.start() : m.end() + after.end()]
        f = Figure(
            kind="count",
            value=to_number(m.group("num"), m.group("scale")),
            unit=noun,
            raw=full,
            char_start=offset + m.start(),
            char_end=offset + m.end() + after.end(),
            approx=_approx(text, m.start()),
            time_ref=time_ref or nearest_time_ref(refs, m.start(), m.end() + after.end()),
        )
        taken.append((m.start(), m.end() + after.end()))
        found.append(f)
    found.sort(key=lambda f: f.char_start)
    return found


def time_reference(sentence: str) -> str | None:
    m = TIME_REF.search(sentence)
    return m.group("ref") if m else None


def time_references(sentence: str) -> list[tuple[int, int, str]]:
    """Every time reference in a sentence: (start, end, text)."""
    return [(m.start("ref"), m.end("ref"), m.group("ref")) for m in TIME_REF.finditer(sentence)]


def nearest_time_ref(refs: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    """The time reference a figure belongs to when a sentence states several ("3.6 million
    so far in 2025, compared with 1.3 million in the whole of 2024"): the nearest one, a
    following one winning a tie ("1.3 million Hopper GPUs in 2024")."""
    if not refs:
        return None

    def distance(r: tuple[int, int, str]) -> tuple[int, int]:
        a, b, _ = r
        return (a - end, 0) if a >= end else (start - b, 1)

    return min(refs, key=distance)[2]


def resolve_year(time_ref: str | None, published_year: int | None) -> int | None:
    """The calendar year of a time reference; relative ones ("last year") need the
    publication year."""
    if not time_ref:
        return None
    m = re.search(r"(?:19|20)\d{2}", time_ref)
    if m:
        return int(m.group(0))
    if published_year is None:
        return None
    ref = time_ref.lower()
    if ref.startswith(("last year", "a year")):
        return published_year - 1
    if ref.startswith("this year"):
        return published_year
    if ref.startswith("next year"):
        return published_year + 1
    return None


@Language.factory(
    "kb_figures_v1",
    requires=["doc.sents"],
    assigns=["doc._.figures"],
)
def make_figures(nlp: Language, name: str) -> FiguresComponent:
    return FiguresComponent()


class FiguresComponent:
    @staticmethod
    def _count_noun(doc: Doc, f: Figure, doc_text: str) -> Figure:
        """A count measures the noun its number modifies: "12 data centres" -> centres."""
        span = doc.char_span(f.char_start, f.char_start + len(f.raw.split()[0]), alignment_mode="expand")
        if span is None:
            return f
        num = span[-1]
        # "220 million monthly users": the number is "220 million", its head "users"
        while num.head.i > num.i and num.head.like_num and num.head.i - num.i <= 2:
            num = num.head
        head = num.head
        if num.dep_ == "nummod" and head.i > num.i and head.pos_ in ("NOUN", "PROPN") and head.i - num.i <= 4:
            f.unit = head.text
            f.char_end = head.idx + len(head.text)
            f.raw = doc_text[f.char_start : f.char_end]
        return f

    def __init__(self) -> None:
        if not Doc.has_extension("figures"):
            Doc.set_extension("figures", default=None)

    def __call__(self, doc: Doc) -> Doc:
        figures: list[Figure] = []
        doc_text = doc.text  # Doc.text joins every token on each access: read it once
        products = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PRODUCT"]
        for sent in doc.sents:
            for f in find_figures(sent.text, sent.start_char):
                # digits inside a product name ("Palmyra X 004", "RTX 5090") are not figures
                # (the number itself must be inside the name: "16,384 H100 chips" is a count)
                if not any(a <= f.char_start < b for a, b in products):
                    figures.append(self._count_noun(doc, f, doc_text) if f.kind == "count" else f)
        doc._.figures = figures
        return doc
