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


# -- issue 16: attribution errors met on the bundled sample site (data/sample_site_src) ------------
# Each text is the article's own paragraphs, run through the real pipeline.

SILICON_HERALD = (
    "Ilya Sutskever, the OpenAI co-founder who left the company last year to start Safe Superintelligence, "
    'used his talk at the NeurIPS conference in Vancouver in December to declare that the field had reached "peak '
    'data". "Pre-training as we know it will unquestionably end," he told the audience.\n\n'
    "Last week Elon Musk went further. In a livestreamed interview with Stagwell chairman Mark Penn, the xAI "
    "founder said AI training had already exhausted the cumulative sum of human knowledge, and that this had "
    "happened in 2024.\n\n"
    "The fossil fuel of AI\n\n"
    "Sutskever framed the problem as one of supply. Computing power keeps growing through better hardware and "
    "bigger clusters, he argued, but data does not, because there is only one internet."
)
BYTE_BEACON = (
    "The supply of human-created data for training artificial intelligence is gone, according to Elon Musk.\n\n"
    "Musk did not say how xAI would guard against that. The company is training its next model, Grok 3, on a "
    "large GPU cluster in Memphis, Tennessee, and has said it will release it in the coming weeks."
)
DATA_DISPATCH = (
    "Nvidia chief executive Jensen Huang told the company's GTC developer conference in San Jose on Tuesday that "
    "demand for computing from AI had been badly underestimated.\n\n"
    "Huang set out Nvidia's chip plans for the next three years. Blackwell Ultra, an upgraded version of its "
    "current generation, will ship in the second half of 2025.\n\n"
    "He said the four largest US cloud providers had bought 3.6 million Blackwell GPUs so far in 2025, compared "
    "with 1.3 million Hopper GPUs in the whole of 2024.\n\n"
    "Nvidia shares fell more than 3% on the day, as investors weighed the road map against worries about tariffs."
)
TECHWIRE = (
    "Elon Musk believes the artificial intelligence industry has hit a wall that many researchers have only "
    "speculated about: there is no more human-made data left to train on.\n\n"
    "Nvidia criticised the rule sharply. Ned Finkle, the company's vice-president of government affairs, "
    'described it as "unprecedented and misguided" and said it would weaken America\'s lead in computing rather '
    "than protect it."
)
SILICON_HERALD_CES = (
    "Huang claimed the RTX 5070 would deliver performance comparable to the previous-generation RTX 4090, a card "
    "that launched at $1,599, although the comparison relies on DLSS 4, Nvidia's AI-based frame generation "
    "technology."
)


def test_claims_pronoun_takes_nearest_preceding_subject(nlp):
    # (a) "he argued" after "Sutskever framed ...": Sutskever, not Musk (the last speaker)
    c = find(nlp(SILICON_HERALD)._.claims, "he argued")
    assert (c.speaker.name, c.verb) == ("Ilya Sutskever", "argued")


def test_claims_narration_is_about_a_person_not_by_them(nlp):
    # (b) the reporter's "Musk did not say how ..." is no claim by Musk; he is only mentioned
    claims = nlp(BYTE_BEACON)._.claims
    c = find(claims, "Musk did not say how")
    assert c.speaker is None and c.verb is None and c.speaker_text is None
    assert ("Elon Musk", "PERSON") in {(r.name, r.type) for r in c.entities}
    # "The company" in the next sentence is xAI, the organisation the narration named
    assert find(claims, "The company is training").speaker.name == "xAI"


def test_claims_set_out_reports_content(nlp):
    # (c) "Huang set out Nvidia's chip plans" is attributed
    c = find(nlp(DATA_DISPATCH)._.claims, "Huang set out")
    assert (c.speaker.name, c.verb) == ("Jensen Huang", "set out")


def test_claims_role_is_the_whole_title(nlp):
    # (d) "Ned Finkle (vice)" -> the whole title, at the company named before
    roles = {(r.person.name, r.role, r.org.name if r.org else None) for r in nlp(TECHWIRE)._.roles}
    assert roles == {("Ned Finkle", "vice-president of government affairs", "Nvidia")}


def test_claims_product_numbers_are_not_figures(nlp):
    # (e) "RTX 5070 would" is no count; the price is the only figure
    c = find(nlp(SILICON_HERALD_CES)._.claims, "RTX 5070")
    assert [(f.kind, f.value, f.unit) for f in c.figures] == [("money", 1599.0, "USD")]


def test_claims_figure_takes_the_year_stated_beside_it(nlp):
    # (f) 1.3 million Hopper GPUs belong to 2024, 3.6 million Blackwell GPUs to 2025
    from kb.nlp.figures import resolve_year

    c = find(nlp(DATA_DISPATCH)._.claims, "Hopper")
    years = {f.raw: resolve_year(f.time_ref, 2025) for f in c.figures}
    assert years == {"3.6 million Blackwell GPUs": 2025, "1.3 million Hopper GPUs": 2024}


@pytest.mark.parametrize(
    ("text", "fragment", "hedged", "negated"),
    [
        (TECHWIRE, "no more human-made data", False, False),  # (g) scarcity, not a negation
        (DATA_DISPATCH, "fell more than 3%", False, False),  # (g) a bound, not a hedge; "worries about" neither
        ("Shipments rose about 5% in May, IDC said.", "about 5%", True, False),  # an approximation is a hedge
        ("Apple may delay the launch, Bloomberg reported.", "may delay", True, False),
        ("The chip will not ship before March, Intel said.", "will not ship", False, True),
    ],
)
def test_claims_hedges_and_negations(nlp, text, fragment, hedged, negated):
    c = find(nlp(text)._.claims, fragment)
    assert (c.hedged, c.negated) == (hedged, negated)


@pytest.mark.parametrize(
    ("text", "fragment", "speaker", "phrase"),
    [
        ("Research has shown that synthetic data degrades models.", "Research", None, None),
        ("Experts say the rule will raise prices.", "Experts", None, None),
        ("Labs argue that careful filtering avoids the trap.", "Labs", None, None),
        ("Officials said the rule would take effect in May.", "Officials", None, "Officials"),
        (
            "Writer, a San Francisco start-up, sells models to banks. The writer revealed that its Palmyra X 004 "
            "model was trained on synthetic data.",
            "The writer",
            ("Writer", "ORG"),
            "The writer",
        ),
    ],
)
def test_claims_generic_nouns_are_not_named_speakers(nlp, text, fragment, speaker, phrase):
    c = find(nlp(text)._.claims, fragment)
    assert c.verb is not None
    assert ((c.speaker.name, c.speaker.type) if c.speaker else None) == speaker
    assert c.speaker_text == phrase
