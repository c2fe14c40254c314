"""Fact tracking: the detectors on hand-made claims, near-duplicate articles, and the whole
step on real ingests (the sample site's deliberate conflicts, copies and reviews)."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime

import numpy as np
import pytest

from kb.ingest.run import ingest
from kb.read.clusters import list_clusters
from kb.read.flags import list_flags
from kb.store.connection import Store
from kb.tracking import contradict, neardup
from kb.tracking.blocking import load_views
from kb.tracking.contradict import ClaimView, FigureView, detect_pair, forecast_due, same_claim
from kb.tracking.keys import origin_of
from kb.tracking.pipeline import track
from kb.tracking.reviews import review
from tests.conftest import fixture_pages
from tests.warcs import write_warc


def fig(raw: str, kind: str, value: float, unit: str, **kw) -> FigureView:
    return FigureView(figure_id=hash(raw) % 1000, kind=kind, value=value, unit=unit, raw=raw, **kw)


def claim(cid: int, text: str, figures=(), speaker: int | None = 1, day: str = "2025-01-09", **kw) -> ClaimView:
    return ClaimView(
        claim_id=cid,
        text=text,
        article_id=cid,
        source=f"outlet {cid}",
        speaker_id=speaker,
        speaker="Gartner" if speaker == 1 else None,
        published=datetime.fromisoformat(day).replace(tzinfo=UTC),
        figures=list(figures),
        claim_key=f"k{cid}",
        **kw,
    )


SHARE = "the data used for AI projects"


@pytest.mark.parametrize(
    "a, b, conflict",
    [
        (
            fig("60%", "percent", 60, "percent", subject=SHARE, year=2024),
            fig("75%", "percent", 75, "percent", subject=SHARE, year=2024),
            True,
        ),
        (fig("60%", "percent", 60, "percent", year=2024), fig("61%", "percent", 61, "percent", year=2024), True),
        (
            fig("about 60%", "percent", 60, "percent", approx="about", year=2024),
            fig("61%", "percent", 61, "percent", year=2024),
            False,
        ),
        (fig("US$4.6 million", "money", 4.6e6, "USD"), fig("$4,600,000", "money", 4.6e6, "USD"), False),
        (fig("US$700,000", "money", 7e5, "USD"), fig("about US$750,000", "money", 7.5e5, "USD", approx="about"), True),
        (fig("$700K", "money", 7e5, "USD"), fig("US$0.7 million", "money", 7e5, "USD"), False),
        (
            fig("between 20% and 30%", "percent", 20, "percent", lower=20, upper=30),
            fig("25%", "percent", 25, "percent"),
            False,
        ),
        (fig("more than 3%", "percent", 3, "percent", approx="more than"), fig("17%", "percent", 17, "percent"), False),
        (fig("up to 90%", "percent", 90, "percent", approx="up to"), fig("95%", "percent", 95, "percent"), True),
        (fig("1.22 billion units", "count", 1.22e9, "units"), fig("1.2 billion units", "count", 1.2e9, "units"), False),
        (
            fig("7%", "percent", 7, "percent", year=2024),
            fig("9%", "percent", 9, "percent", year=2023),
            False,
        ),  # other year
        (fig("€2bn", "money", 2e9, "EUR"), fig("$2bn", "money", 2e9, "USD"), False),  # other currency: not comparable
    ],
)
def test_contradict_figure_values_after_normalisation(a, b, conflict):
    x = claim(1, "Gartner estimates the share will be x.", [a])
    y = claim(2, "Gartner estimates the share will be y.", [b], day="2025-01-10")
    flag = detect_pair(x, y, 0.9)
    assert (flag is not None and flag.reason == "figure_conflict") is conflict, flag


def test_contradict_different_speakers_never_conflict_on_figures():
    x = claim(1, "Canalys said shipments rose 7% in 2024.", [fig("7%", "percent", 7, "percent", year=2024)], speaker=1)
    y = claim(
        2, "IDC said shipments rose 6.4% in 2024.", [fig("6.4%", "percent", 6.4, "percent", year=2024)], speaker=2
    )
    assert detect_pair(x, y, 0.92) is None


def test_contradict_same_speaker_months_apart_is_a_revision():
    x = claim(
        1,
        "Gartner expects 60% of data to be synthetic.",
        [fig("60%", "percent", 60, "percent", year=2024)],
        day="2023-06-01",
    )
    y = claim(
        2,
        "Gartner expects 75% of data to be synthetic.",
        [fig("75%", "percent", 75, "percent", year=2024)],
        day="2024-02-01",
    )
    flag = detect_pair(y, x, 0.95)
    assert flag.reason == "revision" and flag.a is x and "later 75%" in flag.detail


def test_contradict_negation_is_a_polarity_conflict_but_a_hedge_is_not():
    a = claim(1, "The AI industry has run out of human training data, Musk said.", negated=False)
    b = claim(2, "The AI industry has not run out of human training data, Musk said.", negated=True, day="2025-01-12")
    hedged = claim(3, "The AI industry may not have run out of human training data, Musk said.", negated=True)
    assert detect_pair(a, b, 0.93).reason == "polarity"
    assert detect_pair(a, hedged, 0.93) is None


def test_contradict_opposite_verbs_are_a_polarity_conflict():
    a = claim(1, "Gartner said PC shipments rose in the fourth quarter.")
    b = claim(2, "Gartner said PC shipments fell in the fourth quarter.", day="2025-01-12")
    flag = detect_pair(a, b, 0.9)
    assert flag.reason == "polarity" and "rose" in flag.detail and "fell" in flag.detail


def test_contradict_same_claim_needs_agreeing_figures_and_speakers():
    sixty = [fig("60%", "percent", 60, "percent", year=2024)]
    assert same_claim(claim(1, "a", sixty), claim(2, "b", sixty), 0.8)
    assert not same_claim(claim(1, "a", sixty), claim(2, "b", [fig("75%", "percent", 75, "percent", year=2024)]), 0.97)
    assert not same_claim(claim(1, "a", speaker=1), claim(2, "b", speaker=2), 0.9)
    assert not same_claim(claim(1, "a"), claim(2, "b"), 0.5)
    bound = [fig("more than 3%", "percent", 3, "percent", approx="more than")]
    assert not same_claim(claim(1, "a", bound), claim(2, "b", [fig("17%", "percent", 17, "percent")]), 0.89)


def test_contradict_forecast_due_only_when_the_target_year_has_passed():
    c = claim(
        1,
        "IDC expects AI spending to reach $300 billion by 2026.",
        [fig("$300 billion", "money", 3e11, "USD", year=2026, time_ref="by 2026")],
        kind="prediction",
    )
    assert forecast_due(c, date(2026, 11, 24)) is None
    flag = forecast_due(c, date(2027, 1, 2))
    assert flag.reason == "forecast_due" and "2026" in flag.detail
    past_fact = claim(2, "Shipments rose 7% in 2024, Canalys said.", [fig("7%", "percent", 7, "percent", year=2024)])
    assert forecast_due(past_fact, date(2027, 1, 2)) is None


def test_contradict_an_nli_judge_plugs_in(monkeypatch):
    calls = []

    def judge(premise: str, hypothesis: str) -> float:  # a stand-in model: the plug is what is tested
        calls.append((premise, hypothesis))
        return 0.97 if "cheaper" in hypothesis else 0.1

    monkeypatch.setattr(contradict, "_judge", None)
    contradict.set_judge(judge)
    try:
        a = claim(1, "Gartner said the chip is more expensive than its rival.")
        b = claim(2, "Gartner said the chip is cheaper than its rival.", day="2025-02-01")
        flag = detect_pair(a, b, 0.85)
        assert flag.reason == "nli" and flag.score == 0.97 and calls
    finally:
        contradict.set_judge(None)


# -- near duplicates -----------------------------------------------------------------------


def test_neardup_copy_with_an_added_line_is_near_and_other_text_is_far():
    url, body, _ = fixture_pages()[0]
    text = body.decode()
    copy = text + " This article first appeared on Test Wire and is republished under a content agreement."
    other = "Completely different reporting about a chip factory in Ohio and its delays " * 5
    assert neardup.distance(neardup.simhash(text), neardup.simhash(copy)) <= neardup.MAX_DISTANCE
    assert neardup.is_near_duplicate(text, copy)
    assert not neardup.is_near_duplicate(text, other)
    assert neardup.simhash("too short") is None


# -- on real ingests -------------------------------------------------------------------------


@pytest.fixture
def sample_copy(sample_db, tmp_path):
    """A private copy of the sample-site database, for tests that write."""
    db = tmp_path / "kb.duckdb"
    shutil.copy(sample_db, db)
    return db


def _conflicts(con) -> set[tuple[str, frozenset[str]]]:
    flags = list_flags(con, reason="contradiction")
    return {
        (
            f.claim_a.speaker,
            frozenset(
                fg["raw"] for h in (f.claim_a, f.claim_b) for fg in h.figures if fg["kind"] in ("percent", "money")
            ),
        )
        for f in flags
    }


def test_tracking_flags_every_deliberate_conflict_of_the_sample_site_and_nothing_else(sample_db):
    with Store(sample_db).read() as con:
        found = _conflicts(con)
        reasons = {f.reason for f in list_flags(con, reason="contradiction")}
    assert reasons == {"figure_conflict"}
    assert ("Gartner", frozenset({"60%", "75%"})) in found
    assert ("Writer", frozenset({"US$700,000", "US$750,000"})) in found
    assert any(speaker == "Canalys" and {"7%", "9%"} <= raws for speaker, raws in found)
    assert {speaker for speaker, _ in found} == {"Gartner", "Writer", "Canalys"}


def test_tracking_clusters_the_same_claim_and_counts_the_syndicated_copy(sample_db):
    with Store(sample_db).read() as con:
        musk = [c for c in list_clusters(con, entity="Musk") if "cumulative sum of human knowledge" in c.claim.text]
    assert musk, "the Musk claim reported by four outlets forms a cluster"
    c = musk[0]
    assert c.independent >= 3 and c.copies == 1 and c.primary_speaker == "Elon Musk"
    copies = [t for t in c.timeline if t.copy]
    assert [t.url for t in copies] == [
        "http://siliconherald.example/news/2025/01/10/musk-ai-training-data-exhausted.html"
    ]
    assert c.timeline[0].first_seen and c.timeline[0].url == "http://techwire.example/2025/01/musk-training-data.html"
    assert c.n_sources == 4


def test_tracking_review_survives_rebuild_and_reingest(sample_copy, sample_warc):
    store = Store(sample_copy)
    with store.read() as con:
        flag = list_flags(con)[0]
    review(store, flag.flag_id, "dismissed", note="different methodology")
    track(store, rebuild=True)
    ingest([sample_warc], sample_copy)
    with store.read() as con:
        again = [f for f in list_flags(con) if f.flag_key == flag.flag_key]
        n = con.execute("SELECT count(*) FROM contradictions WHERE reason <> 'forecast_due'").fetchone()[0]
    assert again and again[0].status == "dismissed" and again[0].note == "different methodology"
    assert n == 4  # nothing duplicated by the re-run


def test_tracking_review_rejects_unknown_flags_and_statuses(sample_copy):
    from kb.errors import BadInput

    with pytest.raises(BadInput, match="no flag"):
        review(Store(sample_copy), 99999, "confirmed")
    with pytest.raises(BadInput, match="unknown status"):
        review(Store(sample_copy), 1, "maybe")


def test_tracking_near_duplicate_without_canonical_counts_as_a_copy(tmp_path, fresh_db):
    url, body, ctype = fixture_pages()[0]
    copy_url = "http://herald.example/2025/02/cooling-republished.html"
    copy = body.replace(url.encode(), copy_url.encode()).replace(
        b"</article>", b"<p>This story first ran on Test Wire and appears here under a content agreement.</p></article>"
    )
    report = ingest([write_warc(tmp_path / "n.warc.gz", [(url, body, ctype), (copy_url, copy, ctype)])], fresh_db)
    assert report.counters["articles"] == 2 and report.counters["tracking/near_duplicate_articles"] == 1
    with Store(fresh_db).read() as con:
        near = con.execute("SELECT url, near_duplicate_of FROM articles WHERE near_duplicate_of IS NOT NULL").fetchall()
        clusters = list_clusters(con)
        flags = list_flags(con, reason="contradiction")
    assert near == [(copy_url, 1)]
    assert clusters and all(c.independent == 1 and c.copies == 1 for c in clusters)
    assert flags == []  # a copy never contradicts its original


def test_tracking_forgets_claims_removed_by_a_later_relink(tmp_path, fresh_db):
    url, body, ctype = fixture_pages()[0]
    copy = body.replace(
        b"</article>", b"<p>This article first appeared on Test Wire and is republished here.</p></article>"
    )
    ingest([write_warc(tmp_path / "a.warc.gz", [("http://herald.example/copy.html", copy, ctype)])], fresh_db)
    ingest([write_warc(tmp_path / "b.warc.gz", [(url, body, ctype)])], fresh_db)
    with Store(fresh_db).read() as con:
        orphans = con.execute(
            "SELECT count(*) FROM contradictions WHERE claim_a NOT IN (SELECT claim_id FROM claims)"
        ).fetchone()[0]
        stale = con.execute(
            "SELECT count(*) FROM clusters k WHERE n_claims <> (SELECT count(*) FROM claims c "
            "WHERE c.cluster_id = k.cluster_id)"
        ).fetchone()[0]
        untracked = con.execute(
            "SELECT count(*) FROM claims WHERE tracked_at IS NULL OR cluster_id IS NULL"
        ).fetchone()[0]
    assert (orphans, stale, untracked) == (0, 0, 0)


def test_tracking_killed_before_tracking_is_finished_by_the_next_run(tmp_path, fresh_db, monkeypatch, fixture_warc):
    def boom(*a, **k):
        raise KeyboardInterrupt

    from kb.tracking import pipeline

    monkeypatch.setattr(pipeline, "track", boom)
    with pytest.raises(KeyboardInterrupt):
        ingest([fixture_warc], fresh_db)
    monkeypatch.undo()
    with Store(fresh_db).read() as con:
        assert con.execute("SELECT count(*) FROM claims WHERE tracked_at IS NULL").fetchone()[0] > 0
    ingest([fixture_warc], fresh_db)  # nothing new to ingest; tracking places the waiting claims
    with Store(fresh_db).read() as con:
        assert con.execute("SELECT count(*) FROM claims WHERE tracked_at IS NULL").fetchone()[0] == 0


def test_tracking_claim_vectors_load_as_unit_vectors(sample_db):
    with Store(sample_db).read() as con:
        ids = [r[0] for r in con.execute("SELECT claim_id FROM claims LIMIT 5").fetchall()]
        views = load_views(con, ids)
    norms = [float(np.linalg.norm(v.vec)) for v in views.values()]
    assert len(norms) == 5 and all(abs(n - 1) < 1e-3 for n in norms)


def test_tracking_origin_names_the_first_outlet_when_the_text_does():
    assert origin_of("The xAI owner told CNBC on Tuesday that supply was gone.") == "CNBC"
    assert origin_of("Spending will double, according to a Gartner report published in May.") == "a Gartner report"
    assert origin_of("Shipments rose 7%, Canalys said.") is None


def test_tracking_forecast_priority_weighs_checkworthiness_then_how_overdue():
    today = date(2027, 3, 1)
    c = claim(1, "IDC expects AI spending to reach $300 billion by 2026.", kind="prediction", checkworthiness=0.9)
    aside = claim(2, "The firm said it would pick partners in 2026.", kind="prediction", checkworthiness=0.6)
    assert forecast_due(c, today).score > forecast_due(aside, today).score
    assert contradict.forecast_priority(0.9, 2024, today) > contradict.forecast_priority(0.9, 2026, today)
    # overdue counts up to three years: a stale side remark never outranks an important forecast
    assert contradict.forecast_priority(0.6, 1990, today) < contradict.forecast_priority(0.9, 2026, today)


def test_tracking_forecast_queue_is_ranked_by_checkworthiness_and_overdue(sample_copy):
    store = Store(sample_copy)
    with store.read() as con:
        flags = list_flags(con, reason="forecast_due")
    assert len(flags) > 5
    scores = [f.score for f in flags]
    assert scores == sorted(scores, reverse=True) and len(set(scores)) >= 4
    first = next(i for i, f in enumerate(flags) if f.claim_a.text.startswith("Meta plans to spend"))
    trivia = next(i for i, f in enumerate(flags) if f.claim_a.text.startswith("Meta said it would select partners"))
    assert first < trivia
    assert flags[0].claim_a.checkworthiness >= 0.9
    # a database whose forecast flags were scored before the ranking existed (all 0.5) is re-ranked by `kb track`
    with store.write() as con:
        con.execute("UPDATE contradictions SET score = 0.5 WHERE reason = 'forecast_due'")
    track(store)
    with store.read() as con:
        again = list_flags(con, reason="forecast_due")
    assert [f.flag_id for f in again] == [f.flag_id for f in flags] and [f.score for f in again] == scores
