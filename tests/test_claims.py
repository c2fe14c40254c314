from __future__ import annotations

import pytest

TEXT = (
    "During a livestream with Stagwell chairman Mark Penn, Elon Musk said the industry had run out of fresh data.\n"
    "“We have used up what people wrote down for AI training,” Musk said. “That was last year.”\n"
    "Ilya Sutskever, a co-founder of OpenAI, called it “peak data” at NeurIPS. He predicted that pre-training will end.\n"
    "In a report, Gartner estimates that by 2024, 60% of the data used for AI will be synthetic.\n"
    "According to IDC, smartphone shipments rose 7% in the quarter.\n"
    "Apple CEO Tim Cook told reporters the device would not ship before March.\n"
    "The model cost US$700,000 to train, said Writer's CEO May Habib.\n"
    "The weather in the city was pleasant that afternoon.\n"
    "Sidebar: read more stories?"
)


@pytest.fixture(scope="module")
def claims(nlp):
    return nlp(TEXT)._.claims


def find(claims, fragment):
    matches = [c for c in claims if fragment in c.text]
    assert matches, f"no claim contains {fragment!r}: {[c.text for c in claims]}"
    return matches[0]


def test_claims_spans_are_exact(claims):
    assert len(claims) >= 8  # every attributed sentence of TEXT (an empty list would check nothing)
    for c in claims:
        assert TEXT[c.char_start : c.char_end] == c.text


@pytest.mark.parametrize(
    ("fragment", "speaker", "verb"),
    [
        ("Elon Musk said the industry", "Elon Musk", "said"),  # X said
        ("We have used up", "Elon Musk", "said"),  # surname resolved to the full name
        ("That was last year", "Elon Musk", "said"),  # quote continued in the next sentence
        ("He predicted", "Ilya Sutskever", "predicted"),  # pronoun -> last named speaker
        ("Gartner estimates", "Gartner", "estimates"),  # in a report, X estimates
        ("According to IDC", "IDC", "according to"),  # according to X
        ("Tim Cook told", "Tim Cook", "told"),  # X's CEO Y told
        ("said Writer's CEO May Habib", "May Habib", "said"),  # said X (inverted)
    ],
)
def test_claims_attribution_forms(claims, fragment, speaker, verb):
    c = find(claims, fragment)
    assert c.speaker is not None and c.speaker.name == speaker
    assert c.verb == verb


def test_claims_statistic_carries_figure(claims):
    c = find(claims, "Gartner estimates")
    assert c.kind == "statistic"
    assert [(f.kind, f.value, f.unit, f.time_ref) for f in c.figures] == [("percent", 60.0, "percent", "by 2024")]
    assert c.hedged  # "estimates"


def test_claims_quote_kind_and_spans(claims):
    c = find(claims, "We have used up")
    assert c.kind == "quote"
    ((a, b),) = c.quote_spans
    assert TEXT[a:b].startswith("“We have used up")


def test_claims_negation(claims):
    assert find(claims, "Tim Cook told").negated


def test_claims_skip_plain_sentences_and_questions(claims):
    assert not [c for c in claims if "weather" in c.text or "Sidebar" in c.text]


def test_claims_checkworthiness_in_unit_interval_with_reasons(claims):
    for c in claims:
        assert 0.0 <= c.checkworthiness <= 1.0
        assert {"figure", "speaker", "reporting_verb"} <= set(c.features)
    stat = find(claims, "Gartner estimates")
    plain = find(claims, "Elon Musk said the industry")
    assert stat.checkworthiness > plain.checkworthiness


def test_claims_entities_exclude_ai(nlp):
    doc = nlp("Microsoft’s Phi-4 model and Anthropic's Claude 3.5 Sonnet use synthetic data, AI researchers said.")
    names = {(r.name, r.type) for r in doc._.entity_refs}
    assert ("Microsoft", "ORG") in names
    assert ("Phi-4", "PRODUCT") in names
    assert ("Claude 3.5 Sonnet", "PRODUCT") in names
    assert not any(n == "AI" for n, _ in names)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Researchers from Kestrel Labs said the flaw affected 4,000 routers.", ("Kestrel Labs", "ORG")),
        ("Analysts at Orbis Research expect shipments to fall 5% next year.", ("Orbis Research", "ORG")),
        ("Qualcomm's chips are about three times faster, the company claimed at the launch.", ("Qualcomm", "ORG")),
    ],
)
def test_claims_group_and_company_speakers(nlp, text, speaker):
    (c,) = nlp(text)._.claims
    assert (c.speaker.name, c.speaker.type) == speaker
