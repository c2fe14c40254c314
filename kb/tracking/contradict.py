"""Pairwise judgements between two claims: the same claim? Can both be true?

Pure functions over :class:`ClaimView` records (what the store holds for a claim, plus its
embedding), so they are tested without a database and reused by the benchmark on
hand-written pairs (tests/gold/pairs.py). :mod:`kb.tracking.pipeline` decides which pairs
to ask about (blocking by speaker, entity and metric: :mod:`kb.tracking.blocking`) and
stores the answers.

Precision before recall: a false flag costs a journalist's time. Every detector says in
words why it fired and gives a score in [0, 1].

- **figure_conflict**: the same speaker (or the same stated subject), the same metric
  (kind + unit + what it measures), the same time reference, and values that cannot both
  be right after normalisation and allowing for rounding, approximation words ("about",
  "more than") and ranges.
- **revision**: a figure conflict where the same speaker's figures are far apart in time:
  shown as a later figure, not as an error.
- **polarity**: near-identical statements where one denies the other ("has run out" / "has
  not run out") or uses the opposite verb ("rose" / "fell"). A hedged claim ("may") is not a
  denial and never fires.
- **forecast_due**: a prediction whose target year has passed, listed for checking.
- **nli** (optional): any natural-language-inference model, plugged in through
  :func:`set_judge`; none ships offline, so none runs by default.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

import numpy as np
from rapidfuzz import fuzz

from kb.config import TrackingSettings

DETECTOR_VERSION = "kb-contradict/1"

TRACKING = TrackingSettings()  # the defaults; tracking passes the run's settings down


_HOURS = {"second": 1 / 3600, "minute": 1 / 60, "hour": 1.0, "day": 24.0, "week": 168.0, "month": 730.0, "year": 8760.0}
LOWER_BOUND = {"more than", "over", "at least", "just over"}
UPPER_BOUND = {"less than", "under", "up to", "as much as", "as many as"}
NEAR_BELOW = {"nearly", "almost", "close to", "just under"}


@dataclass
class FigureView:
    figure_id: int
    kind: str
    value: float | None
    unit: str | None
    raw: str
    lower: float | None = None
    upper: float | None = None
    approx: str | None = None
    time_ref: str | None = None
    year: int | None = None
    subject: str | None = None

    @functools.cached_property
    def scale(self) -> float:
        """Factor to the metric's common unit (durations are compared in hours)."""
        if self.kind == "duration":
            return _HOURS.get((self.unit or "").casefold().rstrip("s"), 1.0)
        return 1.0

    @property
    def norm_value(self) -> float:
        return float(self.value or 0.0) * self.scale

    @functools.cached_property
    def metric(self) -> str:
        if self.kind == "duration" and (self.unit or "").casefold().rstrip("s") in _HOURS:
            return "duration:hours"
        unit = (self.unit or "").casefold()
        if self.kind == "count" and unit.endswith("s") and len(unit) > 3:
            unit = unit[:-1]  # "GPUs" and "GPU" count the same thing
        return f"{self.kind}:{unit}"

    def interval(self, tolerance: float = TRACKING.approx_tolerance) -> tuple[float, float]:
        lo, hi = self._interval(tolerance)
        return (lo * self.scale, hi * self.scale)

    def _interval(self, tolerance: float) -> tuple[float, float]:
        """The values this figure allows, as written: "60%" 59.5-60.5 (rounding to the last
        written digit), "about 60%" 57-63, "more than 60%" 60-inf, "between 20% and 30%"."""
        if self.lower is not None and self.upper is not None:
            return (min(self.lower, self.upper), max(self.lower, self.upper))
        v = float(self.value or 0.0)
        half = self.half_unit
        bound = self.bound
        if bound == "lower":
            return (v - half, math.inf)
        if bound == "upper":
            return (-math.inf if v < 0 else 0.0, v + half)
        q = (self.approx or "").casefold()
        if q in NEAR_BELOW:
            return (v * (1 - tolerance), v + half)
        if q:
            return (min(v - half, v * (1 - tolerance)), max(v + half, v * (1 + tolerance)))
        return (v - half, v + half)

    @functools.cached_property
    def half_unit(self) -> float:
        return _half_unit(self.raw, float(self.value or 0.0))

    @property
    def bound(self) -> str:
        """point, lower ("more than"), upper ("up to") or range."""
        if self.lower is not None and self.upper is not None:
            return "range"
        q = (self.approx or "").casefold()
        return "lower" if q in LOWER_BOUND else "upper" if q in UPPER_BOUND else "point"


def _half_unit(raw: str, value: float) -> float:
    """Half of the last written digit's place, in the figure's own scale ("1.22 billion":
    0.005 billion; "60%": 0.5; "US$700,000": 0.5)."""
    m = re.search(r"\d[\d,]*(?:\.(\d+))?", raw)
    if not m:
        return 0.0
    decimals = len(m.group(1) or "")
    written = float(m.group(0).replace(",", ""))
    scale = abs(value / written) if written else 1.0
    return 0.5 * 10 ** (-decimals) * scale


@dataclass
class ClaimView:
    """A stored claim as the detectors see it."""

    claim_id: int
    text: str
    article_id: int
    source: str | None = None
    published: datetime | None = None
    captured: datetime | None = None
    kind: str = "statistic"
    speaker_id: int | None = None
    speaker: str | None = None
    entity_ids: frozenset[int] = frozenset()
    negated: bool = False
    hedged: bool = False
    figures: list[FigureView] = field(default_factory=list)
    claim_key: str = ""
    root_article: int | None = None  # the article this one copies, or itself
    vec: np.ndarray | None = None  # unit length
    cluster_id: int | None = None  # as stored (None: not placed yet)
    checkworthiness: float = 0.0  # as stored: how much checking the claim is worth

    @property
    def root(self) -> int:
        return self.root_article if self.root_article is not None else self.article_id

    @property
    def when(self) -> datetime | None:
        return self.published or self.captured

    # derived from the text once per claim (a claim meets many candidates)
    @functools.cached_property
    def forecast_year(self) -> int | None:
        """The latest target year of a prediction the text makes ("by 2030"), or None."""
        return forecast_year(self.text)

    @functools.cached_property
    def words(self) -> frozenset[str]:
        return frozenset(_words(self.text))

    @functools.cached_property
    def modal_hedge(self) -> bool:
        return modal_hedge(self.text)

    @functools.cached_property
    def negation_word(self) -> bool:
        return bool(_NEGATION.search(self.text))

    @functools.cached_property
    def periods(self) -> frozenset[str]:
        """Sub-year periods the claim names ("the fourth quarter", "H1", "March")."""
        return periods(self.text)

    @functools.cached_property
    def years(self) -> frozenset[int]:
        """Calendar years the text names outside its figures ("at the end of 2024")."""
        masked = self.text
        for f in self.figures:
            masked = masked.replace(f.raw, " ")
        return frozenset(int(y) for y in re.findall(r"\b((?:19|20)\d{2})\b", masked))

    @functools.cached_property
    def identifiers(self) -> frozenset[str]:
        """Model numbers and other digit-bearing names outside the figures ("RTX 5090")."""
        masked = self.text
        for f in self.figures:
            masked = masked.replace(f.raw, " ")
        return frozenset(t.casefold() for t in _IDENT.findall(masked) if not _YEARISH.match(t))

    @functools.cached_property
    def core_words(self) -> frozenset[str]:
        """Content stems without negation, direction and hedge words: what two claims
        that differ only in polarity have in common."""
        return frozenset(
            w[:5] for w in self.words - _UP - _DOWN - _NEG_WORDS - _HEDGE_WORDS if len(w) > 2 and w not in _STOP
        )

    @property
    def other_entities(self) -> frozenset[int]:
        return self.entity_ids - {self.speaker_id}


@dataclass
class Flag:
    reason: str  # figure_conflict, revision, polarity, forecast_due, nli
    a: ClaimView  # the earlier claim
    b: ClaimView | None
    detail: str
    score: float
    figure_a: int | None = None
    figure_b: int | None = None
    detector: str = DETECTOR_VERSION


# -- helpers -----------------------------------------------------------------------------

_MODAL_HEDGE = re.compile(
    r"\b(?:may|might|could|possibly|perhaps|likely|unlikely|reportedly|allegedly|"
    r"appears? to|seems? to)\b",
    re.I,
)
_NEGATION = re.compile(r"\b(?:not|never|no longer|no)\b|n[’']t\b", re.I)
_ANTONYMS = [  # verbs of change only: "below forecasts" or "more than" are not a direction
    (
        "rise",
        "rose",
        "risen",
        "rising",
        "rises",
        "increase",
        "increased",
        "increases",
        "increasing",
        "grow",
        "grew",
        "grown",
        "growing",
        "grows",
        "gain",
        "gained",
        "gains",
        "climb",
        "climbed",
        "climbs",
        "expand",
        "expanded",
        "expanding",
        "expands",
        "accelerate",
        "accelerated",
        "accelerating",
        "accelerates",
        "jumped",
        "surged",
        "soared",
    ),
    (
        "fall",
        "fell",
        "fallen",
        "falling",
        "falls",
        "decrease",
        "decreased",
        "decreases",
        "decreasing",
        "shrink",
        "shrank",
        "shrunk",
        "shrinking",
        "shrinks",
        "lose",
        "lost",
        "loses",
        "drop",
        "dropped",
        "drops",
        "decline",
        "declined",
        "declines",
        "contract",
        "contracted",
        "contracting",
        "slow",
        "slowed",
        "slowing",
        "slows",
        "plunged",
        "slumped",
        "tumbled",
    ),
]
_UP, _DOWN = (frozenset(ws) for ws in _ANTONYMS)
_WORD = re.compile(r"[A-Za-z’']+")


_PERIOD = re.compile(
    r"\b(?:(first|second|third|fourth|1st|2nd|3rd|4th|final|last)\s+(quarter|half)|(q[1-4]|h[12])|"
    r"(january|february|march|april|june|july|august|september|october|november|december))\b",
    re.I,
)
_ORDINAL = {
    "1st": "first",
    "2nd": "second",
    "3rd": "third",
    "4th": "fourth",
    "q1": "first quarter",
    "q2": "second quarter",
    "q3": "third quarter",
    "q4": "fourth quarter",
    "h1": "first half",
    "h2": "second half",
}
_IDENT = re.compile(r"\b(?=[\w-]*\d)[A-Za-z]*\d[\w-]*\b")
_YEARISH = re.compile(r"^(?:(?:19|20)\d{2}s?|fy\d{2,4}|\d{1,2}(?:st|nd|rd|th)?|\d{1,2}:\d{2})$", re.I)
_NEG_WORDS = frozenset(
    {
        "not",
        "never",
        "no",
        "longer",
        "n't",
        "don't",
        "doesn't",
        "didn't",
        "won't",
        "isn't",
        "aren't",
        "wasn't",
        "weren't",
        "hasn't",
        "haven't",
        "cannot",
        "can't",
    }
)
_HEDGE_WORDS = frozenset({"may", "might", "could", "possibly", "perhaps", "likely", "unlikely", "soon", "reportedly"})
_CHANGE = re.compile(
    r"(?:([\w-]+)\s+)?([\w-]+)\s+(?:rose|rises|risen|rising|grew|grows|growing|fell|falls|falling|"
    r"increased|decreased|declined|jumped|dropped|climbed|slipped|slid|surged|plunged|"
    r"was|were|reached|totalled|totaled|hit|stood at|came in at|was (?:up|down)|were (?:up|down))"
    r"\s+(?:to\s+|at\s+|by\s+|about\s+|nearly\s+|almost\s+|some\s+|more than\s+)?$",
    re.I,
)
_SCOPE = frozenset(
    {
        "global",
        "worldwide",
        "total",
        "overall",
        "annual",
        "quarterly",
        "its",
        "the",
        "their",
        "our",
        "in",
        "said",
        "says",
        "that",
    }
)


def periods(text: str) -> frozenset[str]:
    out = set()
    for m in _PERIOD.finditer(text):
        if m.group(1):
            out.add(f"{_ORDINAL.get(m.group(1).casefold(), m.group(1).casefold())} {m.group(2).casefold()}")
        elif m.group(3):
            out.add(_ORDINAL[m.group(3).casefold()])
        else:
            out.add(m.group(4).casefold())
    return frozenset(out)


def measured_noun(text: str, fig: FigureView) -> tuple[str, str | None] | None:
    """The noun (and its modifier) a verb attaches the figure to: "net profit rose 57%" ->
    ("profi", "net"); "data-centre revenue was $35.6 billion" -> ("reven", "data-centre")."""
    at = text.find(fig.raw)
    m = _CHANGE.search(text[:at]) if at > 0 else None
    if not m or m.group(2).casefold() in _STOP:
        return None
    modifier = (m.group(1) or "").casefold()
    return m.group(2).casefold()[:5], (
        modifier
        if modifier and modifier not in _SCOPE and modifier not in _STOP and not modifier[0].isdigit()
        else None
    )


def different_measures(a: ClaimView, fa: FigureView, b: ClaimView, fb: FigureView) -> bool:
    """ "revenue rose" vs "net profit rose", or "data-centre revenue" vs "gaming revenue"."""
    na, nb = measured_noun(a.text, fa), measured_noun(b.text, fb)
    if not na or not nb:
        return False
    return na[0] != nb[0] or (na[1] is not None and nb[1] is not None and na[1] != nb[1])


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


_STOP = frozenset(
    """about above after again against also although among another because been before being
between both could does doing down during each even every from further have having here into itself just
more most much only other over said same says should since some such than that their them then there these
they this those through told under until very were what when where which while whom will with would your
year years""".split()
)


def content_stems(text: str) -> set[str]:
    """Five-letter stems of the content words ("reactors" and "reactor" share "react")."""
    return {w[:5] for w in _words(text) if len(w) > 3 and w not in _STOP}


def modal_hedge(text: str) -> bool:
    return bool(_MODAL_HEDGE.search(text))


def _day(c: ClaimView) -> str:
    w = c.when
    return w.strftime("%-d %b %Y") if w else "undated"


def _who(c: ClaimView) -> str:
    return f"{c.source or 'unknown outlet'}, {_day(c)}"


def _subjects_agree(fa: FigureView, fb: FigureView, s: TrackingSettings) -> bool:
    if fa.subject and fb.subject:
        return fuzz.token_set_ratio(fa.subject.casefold(), fb.subject.casefold()) >= s.subject_ratio
    return True


def _same_time(fa: FigureView, fb: FigureView) -> bool:
    return fa.year == fb.year


def figure_pairs(
    a: ClaimView, b: ClaimView, s: TrackingSettings = TRACKING, lenient: bool = False
) -> list[tuple[FigureView, FigureView]]:
    """Figures of ``a`` and ``b`` that measure the same thing at the same time. A metric
    that appears more than once in either claim pairs only when the stated subjects tell
    which goes with which; otherwise it is left out (ambiguous, so no flag). ``lenient``
    (for "same claim") lets a year stated on one side only, and differently worded
    subjects, still pair."""
    if (a.periods and b.periods and a.periods != b.periods) or (a.years and b.years and a.years != b.years):
        return []  # "the first quarter" and "the fourth quarter", 2023 and 2024, are different times

    def time_ok(fa: FigureView, fb: FigureView) -> bool:
        return fa.year == fb.year or (lenient and (fa.year is None or fb.year is None))

    pairs = []
    for fa in a.figures:
        if fa.value is None:
            continue

        def same_metric(fa: FigureView, fb: FigureView) -> bool:
            # a count is a count for "same claim" ("300 million weekly users" = "300 million people")
            return fa.metric == fb.metric or (lenient and fa.kind == fb.kind == "count")

        matches = [
            fb
            for fb in b.figures
            if fb.value is not None
            and same_metric(fa, fb)
            and time_ok(fa, fb)
            and (lenient or _subjects_agree(fa, fb, s))
        ]
        rivals = [f for f in a.figures if f is not fa and f.metric == fa.metric and time_ok(f, fa)]
        if len(matches) == 1 and (not rivals or (fa.subject and matches[0].subject)):
            pairs.append((fa, matches[0]))
    return pairs


def values_agree(fa: FigureView, fb: FigureView, s: TrackingSettings = TRACKING) -> bool:
    """Can both figures be true? Their intervals must overlap, not merely touch: "60%" and
    "61%" each round to their own number and are a discrepancy."""
    (alo, ahi), (blo, bhi) = fa.interval(s.approx_tolerance), fb.interval(s.approx_tolerance)
    eps = 1e-9 * max(1.0, abs(fa.value or 0), abs(fb.value or 0))
    if fa.bound == "point" and fb.bound == "point" and not fa.approx and not fb.approx:
        diff = abs(fa.norm_value - fb.norm_value)
        return diff <= eps or diff < max(fa.half_unit, fb.half_unit) * fa.scale - eps
    return min(ahi, bhi) - max(alo, blo) > -eps


def _is_copy(a: ClaimView, b: ClaimView) -> bool:
    return a.root == b.root


def _speakers(a: ClaimView, b: ClaimView) -> str:
    """'same', 'different' or 'unknown' (one side names nobody)."""
    if a.speaker_id is None and b.speaker_id is None:
        return "unknown"
    if a.speaker_id is None or b.speaker_id is None:
        # one side's attribution was not parsed ("Gartner forecast in January that ..."):
        # the same speaker when the other names it
        named, bare = (a, b) if a.speaker_id is not None else (b, a)
        return "same" if named.speaker_id in bare.entity_ids else "unknown"
    return "same" if a.speaker_id == b.speaker_id else "different"


def ordered(a: ClaimView, b: ClaimView) -> tuple[ClaimView, ClaimView]:
    """Earlier first (publication, then capture, then id)."""

    def key(c: ClaimView):
        w = c.when
        return (w is None, w.timestamp() if w else 0.0, c.claim_id)

    return (a, b) if key(a) <= key(b) else (b, a)


# -- same claim ------------------------------------------------------------------------


def same_claim(a: ClaimView, b: ClaimView, cos: float, s: TrackingSettings = TRACKING) -> bool:
    """Do ``a`` and ``b`` state the same thing? Embedding similarity above the MRPC-chosen
    bar, vetoed by disagreement: different named speakers (unless the text is copied),
    opposite polarity, or a figure for the same metric with another value."""
    if a.negation_word != b.negation_word or a.modal_hedge != b.modal_hedge or _opposite_directions(a, b):
        return False  # a denial, a hedge or the opposite verb is a different claim
    if a.identifiers and b.identifiers and (a.identifiers - b.identifiers) and (b.identifiers - a.identifiers):
        return False  # "RTX 5090" and "RTX 5080" are different things
    if a.periods and b.periods and a.periods != b.periods:
        return False
    ta, tb = forecast_target(a), forecast_target(b)
    if (ta and tb and ta[0] != tb[0]) or (a.years and b.years and a.years != b.years):
        return False  # "by 2025" and "by 2030" are different predictions; 2023 is not 2024
    if cos >= s.copy_cosine:
        return all(values_exactly(fa, fb) for fa, fb in figure_pairs(a, b, s, lenient=True))
    speakers = _speakers(a, b)
    if speakers == "different":
        return False
    bar = s.same_claim_cosine - (s.same_speaker_bonus if speakers == "same" else 0.0)
    if cos < bar:
        return False
    if cos < s.same_claim_cosine and len(content_stems(a.text) & content_stems(b.text)) < 2:
        return False  # the speaker's bonus needs words in common too
    if a.other_entities and b.other_entities and not (a.other_entities & b.other_entities) and cos < 0.9:
        return False  # about different places, products or companies
    shared = figure_pairs(a, b, s, lenient=True)
    if any(not values_exactly(fa, fb) for fa, fb in shared):
        return False
    # both state figures but none measure the same thing: two different facts about one topic
    return not (a.figures and b.figures and not shared)


def values_exactly(fa: FigureView, fb: FigureView) -> bool:
    """The same figure, for clustering: the stated numbers agree within rounding and
    approximation, whatever the bound words ("up to 7%" and "can reach 7%" do; "more than
    3%" and "17%" agree as facts but are not the same claim)."""
    if fa.lower is not None and fb.lower is not None:
        return values_agree(fa, fb)
    point_a = FigureView(
        fa.figure_id, fa.kind, fa.value, fa.unit, fa.raw, approx=fa.approx if fa.bound == "point" else None
    )
    point_b = FigureView(
        fb.figure_id, fb.kind, fb.value, fb.unit, fb.raw, approx=fb.approx if fb.bound == "point" else None
    )
    return values_agree(point_a, point_b)


def _opposite_directions(a: ClaimView, b: ClaimView) -> tuple[str, str] | None:
    """("rose", "fell") when one claim goes up where the other goes down, and neither
    uses both directions."""
    ua, da, ub, db = (
        a.words & _UP - b.words,
        a.words & _DOWN - b.words,
        b.words & _UP - a.words,
        b.words & _DOWN - a.words,
    )
    if ua and db and not da and not ub:
        return sorted(ua)[0], sorted(db)[0]
    if da and ub and not ua and not db:
        return sorted(da)[0], sorted(ub)[0]
    return None


# -- contradictions ----------------------------------------------------------------------


def _about_the_same_thing(a: ClaimView, b: ClaimView) -> bool:
    """No sign that the two claims measure different things: different model numbers,
    sub-year periods, or places/companies named on one side only."""
    if a.identifiers and b.identifiers and (a.identifiers - b.identifiers) and (b.identifiers - a.identifiers):
        return False
    if a.periods and b.periods and a.periods != b.periods:
        return False
    return not (a.other_entities and b.other_entities and not (a.other_entities & b.other_entities))


def _conflict_flag(
    a: ClaimView,
    b: ClaimView,
    cos: float,
    speakers: str,
    v1: str,
    v2: str,
    what: str,
    when: str,
    subjects: bool,
    figs: tuple[int | None, int | None],
    s: TrackingSettings,
) -> Flag:
    """A figure conflict, or a revision when the same speaker's claims are far apart."""
    first, second = ordered(a, b)
    if first is not a:
        v1, v2 = v2, v1
        figs = (figs[1], figs[0])
    days = abs((first.when - second.when).days) if first.when and second.when else 0
    who = a.speaker or b.speaker or "the same source"
    score = min(
        1.0,
        0.45
        + (0.2 if speakers == "same" else 0.0)
        + (0.1 if subjects else 0.0)
        + 0.25 * max(0.0, min(1.0, (cos - s.topic_cosine) / (1 - s.topic_cosine))),
    )
    if speakers == "same" and days >= s.revision_days:
        return Flag(
            "revision",
            first,
            second,
            f"{who} gave {v1} ({_who(first)}) and later {v2} ({_who(second)}){what}{when}: "
            f"a revised figure, {days} days apart",
            round(score, 3),
            *figs,
        )
    return Flag(
        "figure_conflict",
        first,
        second,
        f"{who}: {v1} ({_who(first)}) vs {v2} ({_who(second)}){what}{when}",
        round(score, 3),
        *figs,
    )


def figure_conflict(a: ClaimView, b: ClaimView, cos: float, s: TrackingSettings = TRACKING) -> Flag | None:
    if _is_copy(a, b) or cos < s.topic_cosine:
        return None
    speakers = _speakers(a, b)
    if speakers == "different" or not _about_the_same_thing(a, b):
        return None
    for fa, fb in figure_pairs(a, b, s):
        if values_agree(fa, fb, s):
            continue
        subjects = bool(fa.subject and fb.subject)
        if not subjects and cos < s.figure_cosine:
            continue  # nothing says these figures measure the same thing but loose similarity
        if speakers == "unknown" and not (cos >= s.unattributed_cosine and subjects and a.entity_ids & b.entity_ids):
            continue  # nobody named on either side: only a stated subject ties the figures together
        if different_measures(a, fa, b, fb):
            continue  # "revenue rose 34%" and "net profit rose 57%" measure different things
        what = f' for "{fa.subject}"' if fa.subject else ""
        when = f" ({fa.time_ref})" if fa.time_ref else ""
        return _conflict_flag(
            a, b, cos, speakers, fa.raw, fb.raw, what, when, subjects, (fa.figure_id, fb.figure_id), s
        )
    # a prediction's target year changed ("production would start in 2025" -> "in 2030")
    ta, tb = forecast_target(a), forecast_target(b)
    if (
        speakers == "same"
        and ta
        and tb
        and ta[0] != tb[0]
        and cos >= s.unattributed_cosine
        and not figure_pairs(a, b, s, lenient=True)
        and len(_TARGET.findall(a.text)) == len(_TARGET.findall(b.text)) == 1
    ):
        return _conflict_flag(
            a, b, cos, speakers, str(ta[0]), str(tb[0]), " as the target year", "", False, (None, None), s
        )
    return None


def polarity_conflict(a: ClaimView, b: ClaimView, cos: float, s: TrackingSettings = TRACKING) -> Flag | None:
    """Claims that say the same words but one denies the other, or goes the other way.
    Measured on the words themselves (embeddings barely see a "not"): the content words
    other than negation, direction and hedge words must largely coincide."""
    if _is_copy(a, b) or cos < s.topic_cosine or _speakers(a, b) == "different":
        return None
    if a.modal_hedge or b.modal_hedge:
        return None  # "may not" is not a denial, "may" is not an assertion
    if _speakers(a, b) == "unknown" and not (a.entity_ids & b.entity_ids):
        return None
    ca, cb = a.core_words, b.core_words
    overlap = len(ca & cb) / max(len(ca | cb), 1)
    if overlap < s.polarity_overlap or not _about_the_same_thing(a, b):
        return None
    pairs = figure_pairs(a, b, s)
    if pairs and not all(values_agree(fa, fb, s) for fa, fb in pairs):
        return None  # a figure conflict says it better
    first, second = ordered(a, b)
    score = round(min(1.0, 0.5 + 0.5 * (overlap - s.polarity_overlap) / (1 - s.polarity_overlap)), 3)
    if first.negation_word != second.negation_word:
        denier = first if first.negation_word else second
        return Flag(
            "polarity",
            first,
            second,
            f"one denies what the other asserts ({denier.source or 'unknown outlet'} has the negation)",
            score,
        )
    turn = _opposite_directions(first, second)
    if turn:
        return Flag(
            "polarity",
            first,
            second,
            f'opposite directions: "{turn[0]}" ({_who(first)}) vs "{turn[1]}" ({_who(second)})',
            score,
        )
    return None


_FUTURE = re.compile(
    r"\b(?:will|would|expects?|expected|forecasts?|forecast|predicts?|predicted|projects?|projected|"
    r"estimates? that|plans? to|aims? to|targets?|set to|on track to)\b",
    re.I,
)


_TARGET = re.compile(
    r"\b(?:by|in|until|before|through|during)\s+(?:the end of\s+|early\s+|late\s+|mid-?)?"
    r"((?:19|20)\d{2})\b",
    re.I,
)


def forecast_year(text: str) -> int | None:
    """The latest target year of a prediction ``text`` makes ("by 2030"), or None."""
    if not _FUTURE.search(text):
        return None
    return max((int(m.group(1)) for m in _TARGET.finditer(text)), default=None)


def forecast_priority(checkworthiness: float, year: int, today: date) -> float:
    """What checking a forecast that fell due is worth, 0..1 (its flag's score, by which the
    queue is ordered): mostly the claim's check-worthiness, so an aside ("Meta said it would
    select partners in 2025") ranks below a company's spending plan, then how long ago its
    target year ended (one to three years and more)."""
    overdue = min(max(today.year - year, 1), 3)
    return round(0.85 * checkworthiness + 0.05 * overdue, 3)


def forecast_target(c: ClaimView) -> tuple[int, FigureView | None] | None:
    """The year a prediction is about, when the claim states one ("by 2024", "in 2025"):
    the latest such year in the text ("from 96 TWh in 2023 to 150 TWh by 2030" is about
    2030), with the figure stated for it when the figure parser resolved one."""
    year = c.forecast_year
    if year is None:
        return None
    fig = next((f for f in reversed(c.figures) if f.year == year and f.value is not None), None)
    return year, fig


def forecast_due(c: ClaimView, today: date, later: Sequence[ClaimView] = ()) -> Flag | None:
    """A prediction whose target year ended before ``today``; ``later`` are claims on the
    same metric published after it (the newest is attached as claim b)."""
    target = forecast_target(c)
    if target is None or target[0] >= today.year:
        return None
    year, fig = target
    newest = max(later, key=lambda x: (x.when is not None, x.when.timestamp() if x.when else 0.0), default=None)
    tail = f"; latest figure on it: {_who(newest)}" if newest else "; no later claim on it yet"
    what = f" ({fig.raw} {fig.time_ref})" if fig else ""
    return Flag(
        "forecast_due",
        c,
        newest,
        f"target {year} has passed{what}: check how it turned out{tail}",
        forecast_priority(c.checkworthiness, year, today),
        fig.figure_id if fig else None,
        None,
    )


# -- pluggable NLI -----------------------------------------------------------------------

Judge = Callable[[str, str], float]  # (premise, hypothesis) -> probability of contradiction
_judge: Judge | None = None


def set_judge(judge: Judge | None) -> None:
    """Plug in a natural-language-inference model. It is asked about claim pairs that are
    on the same topic (cosine above ``topic_cosine``) and that no rule has flagged; pairs
    it scores above ``nli_threshold`` become ``nli`` flags. Or name it in the settings:
    ``TrackingSettings.nli_judge = "module:function"`` (``KB_NLI_JUDGE``)."""
    global _judge
    _judge = judge


@functools.lru_cache(maxsize=4)
def _import_judge(spec: str) -> Judge:
    import importlib

    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


def configured_judge(s: TrackingSettings = TRACKING) -> Judge | None:
    """The plugged-in judge, or the one ``s.nli_judge`` names (imported once)."""
    if _judge is None and s.nli_judge:
        return _import_judge(s.nli_judge)
    return _judge


def nli_conflict(a: ClaimView, b: ClaimView, cos: float, s: TrackingSettings = TRACKING) -> Flag | None:
    judge = configured_judge(s)
    if judge is None or _is_copy(a, b) or cos < s.topic_cosine or _speakers(a, b) == "different":
        return None
    first, second = ordered(a, b)
    p = float(judge(first.text, second.text))
    if p < s.nli_threshold:
        return None
    return Flag(
        "nli",
        first,
        second,
        f"the inference model reads these as contradicting (p={p:.2f})",
        round(p, 3),
        detector=f"{DETECTOR_VERSION}+nli",
    )


PAIR_DETECTORS = (figure_conflict, polarity_conflict, nli_conflict)


def detect_pair(a: ClaimView, b: ClaimView, cos: float, s: TrackingSettings = TRACKING) -> Flag | None:
    """The first detector that fires on the pair, rules before the optional model."""
    for detector in PAIR_DETECTORS:
        flag = detector(a, b, cos, s)
        if flag is not None:
            return flag
    return None
