"""The counts the app shows for people, organisations and clusters, against hand counts made
by reading the bundled sample site (data/sample_site), and the entity page's figures grouped
one measured quantity per chart.

How the hand counts were made: ``grep -rn NAME data/sample_site --include=*.html``, then
reading each hit and keeping only the article body paragraphs (not <meta> descriptions,
standfirsts, tags, front-page teasers, or pull-quote <cite> lines, which are not article
text). The sample database (tests/conftest.py) ingests every HTML file of the site, the
robots-disallowed pages included (no crawl), and stores the syndicated copy
siliconherald.example/news/2025/01/10/musk-ai-training-data-exhausted.html as a copy of
techwire.example/2025/01/musk-training-data.html: a copy is not a current article, so
nothing in it is counted.
"""

from __future__ import annotations

from collections import Counter

import pytest

from kb.api import KB, Settings


@pytest.fixture(scope="module")
def kb(sample_db) -> KB:
    return KB(Settings(db=sample_db))


def test_entity_counts_gartner_match_the_hand_count(kb):
    # Gartner is named in one body paragraph of four pages: techwire musk-training-data,
    # bytebeacon musk-ai-real-world-data-exhausted, datadispatch musk-ai-human-data-synthetic-fix
    # and the siliconherald copy of the techwire one (not counted). Each of the three is one
    # sentence in which Gartner estimates/projects the share of synthetic data: a claim made by
    # Gartner that names Gartner.
    prof = kb.entity("Gartner").profile
    assert (prof.mentions, prof.articles) == (3, 3)
    assert prof.claims_made == 3
    assert prof.claims_about == 3  # "named in 3 claims": every claim Gartner made names it
    assert prof.named_by_others == 0


def test_entity_counts_brightwater_match_the_hand_count(kb):
    # Brightwater Securities is named once on seven siliconherald pages (six news pages and
    # premium/hbm-outlook-2025.html). Two of them name it only in a pull-quote's <cite>, so five
    # body sentences name it: four quotes by its analysts (Marcus Feld twice, Tom Hadley,
    # Sanne de Vries) and its own HBM forecast.
    prof = kb.entity("Brightwater Securities").profile
    assert (prof.mentions, prof.articles) == (7, 7)
    assert prof.claims_about == 5
    assert prof.named_by_others + prof.claims_made >= prof.claims_about  # its own claims name it


def test_entity_counts_agree_between_the_list_and_the_page(kb):
    listed = kb.entities(types=("PERSON", "ORG"), limit=10)
    assert listed and all(e.type in ("PERSON", "ORG") for e in listed)
    assert [e.articles for e in listed] == sorted((e.articles for e in listed), reverse=True)
    for e in listed[:5]:
        prof = kb.entity(e.name).profile
        assert (prof.mentions, prof.articles, prof.claims_made, prof.claims_about) == (
            e.mentions,
            e.articles,
            e.claims_made,
            e.claims_about,
        )


def test_entity_counts_musk_cluster_header_matches_its_rows(kb):
    # Musk's "exhausted the cumulative sum of human knowledge": four independent write-ups
    # (techwire, bytebeacon, datadispatch, siliconherald 13 Jan) and one syndicated copy
    # (siliconherald 10 Jan, of techwire). The bytebeacon piece states it twice ("The supply of
    # human-created data ... is gone" and "He said AI developers had used up the cumulative sum
    # ..."): one outlet's report, not two.
    hit = next(h for h in kb.search("exhausted the cumulative sum of human knowledge", limit=5))
    clus = kb.claim(hit.claim_id).cluster
    assert (clus.independent, clus.copies) == (4, 1)
    statuses = Counter(t.status for t in clus.timeline)
    assert statuses == {"first seen": 1, "independent": 3, "same outlet again": 1, "copy": 1}


def test_entity_counts_every_cluster_header_matches_its_rows(kb):
    for clus in kb.clusters(min_claims=2, limit=1000):
        statuses = Counter(t.status for t in clus.timeline)
        assert clus.independent == statuses["first seen"] + statuses["independent"], clus.cluster_id
        assert clus.copies == statuses["copy"], clus.cluster_id
        independent = [t for t in clus.timeline if t.status in ("first seen", "independent")]
        assert len({t.source for t in independent}) == len(independent)  # one report per outlet


def test_entity_near_names_suggest_the_misspelt_one(kb):
    assert kb.entity("Gartnr") is None
    assert kb.near_entities("Gartnr")[0] == "Gartner"
    assert "Elon Musk" in kb.near_entities("Elon Muks")
    assert kb.near_entities("Zzyzx Qwvfp") == []


def test_entity_figures_one_measured_quantity_per_series(kb):
    for e in kb.entities(limit=1000):
        page = kb.entity(e.name)
        assert sum(len(s.figures) for s in page.series) == len(page.figures)
        for s in page.series:
            assert len({(f.kind, f.subject, f.year) for f in s.figures}) == 1, s.label
            assert len({(f.unit or "").casefold().rstrip("s") for f in s.figures}) == 1, s.label
            if s.subject is None:  # no stated subject: only the same claim across outlets
                assert len({f.cluster_id for f in s.figures}) == 1, s.label
            assert "nan" not in s.label.split() and "None" not in s.label, s.label


def test_entity_figures_gartner_estimates_are_one_series(kb):
    # the three Gartner sentences: 75% (bytebeacon), 60% (datadispatch), 60% (techwire), all the
    # share of "the data used for AI and analytics projects in 2024"
    (series,) = [s for s in kb.entity("Gartner").series if len(s.figures) > 1]
    assert sorted(f.value for f in series.figures) == [60.0, 60.0, 75.0]
    assert "data used for AI and analytics projects" in series.label


def test_entity_figures_unrelated_gpu_counts_are_not_one_series(kb):
    # datadispatch: Colossus "was assembled with 100,000 Nvidia H100 GPUs", and "Nvidia counts
    # each Blackwell package as two GPUs": both name Nvidia, neither states what it counts
    page = kb.entity("Nvidia")
    for s in page.series:
        values = {f.value for f in s.figures}
        assert not ({100_000.0, 2.0} <= values), s.label
