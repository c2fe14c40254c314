from __future__ import annotations

import pytest

from kb.nlp.figures import find_figures, time_reference


@pytest.mark.parametrize(
    ("text", "kind", "value", "unit", "raw"),
    [
        ("Shipments rose 60% in the quarter.", "percent", 60.0, "percent", "60%"),
        ("Margins fell 3.5 percent last year.", "percent", 3.5, "percent", "3.5 percent"),
        ("It cost just US$700,000 to build.", "money", 700_000.0, "USD", "US$700,000"),
        ("A rival spent US$4.6 million on a model.", "money", 4_600_000.0, "USD", "US$4.6 million"),
        ("The seed round was $700K.", "money", 700_000.0, "USD", "$700K"),
        ("The fund adds €2bn for pilot lines.", "money", 2e9, "EUR", "€2bn"),
        ("Fines can reach €35 million.", "money", 35e6, "EUR", "€35 million"),
        ("The grant was S$50 million.", "money", 50e6, "SGD", "S$50 million"),
        ("They paid 3 billion dollars.", "money", 3e9, "USD", "3 billion dollars"),
        ("The cluster has 60,000 GPUs.", "count", 60_000.0, "GPUs", "60,000 GPUs"),
        ("Demand rose three times since 2021.", "multiplier", 3.0, "times", "three times"),
        ("Inlet water at 45°C needs no chillers.", "temperature", 45.0, "°C", "45°C"),
        ("Campuses will need 1.2 GW of power.", "quantity", 1.2, "GW", "1.2 GW"),
        ("Data centres used 415 TWh in 2024.", "quantity", 415.0, "TWh", "415 TWh"),
    ],
)
def test_figures_parses_kind_value_unit(text, kind, value, unit, raw):
    figs = find_figures(text)
    assert [(f.kind, f.value, f.unit, f.raw) for f in figs][:1] == [(kind, value, unit, raw)]
    f = figs[0]
    assert text[f.char_start : f.char_end] == f.raw


def test_figures_parses_percent_range():
    (f,) = find_figures("Energy use fell between 20% and 30% at the site.")
    assert (f.kind, f.lower, f.upper, f.raw) == ("percent", 20.0, 30.0, "between 20% and 30%")


@pytest.mark.parametrize(
    ("text", "approx"),
    [
        ("about $700K", "about"),
        ("nearly 40% of users", "nearly"),
        ("more than 60,000 GPUs", "more than"),
        ("an estimated US$4.6 million", "an estimated"),
        ("exactly 40% of users", None),
    ],
)
def test_figures_marks_approximations(text, approx):
    assert find_figures(text)[0].approx == approx


def test_figures_spans_shift_by_offset():
    (f,) = find_figures("rose 60% overall", offset=100)
    assert (f.char_start, f.char_end) == (105, 108)


def test_figures_ignores_years_and_dates():
    assert find_figures("In 2024 the firm moved on 19 February to a new site.") == []


@pytest.mark.parametrize(
    ("sentence", "ref"),
    [
        ("Gartner estimates that by 2024, 60% of data will be synthetic.", "by 2024"),
        ("Sales grew 7% in 2025.", "in 2025"),
        ("Sales grew 7%.", None),
    ],
)
def test_figures_time_reference(sentence, ref):
    assert time_reference(sentence) == ref


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        (
            "Gartner estimates that by 2024, 60% of the data used in AI and analytics projects will be synthetic.",
            "the data used in AI and analytics projects",
        ),
        ("About 40% of companies said they would spend more.", "companies"),
        ("Data centres use 21% of Ireland’s electricity.", "Ireland’s electricity"),
        ("Shipments rose 7% last year.", None),
    ],
)
def test_figures_subject_it_measures(text, subject):
    assert find_figures(text)[0].subject == subject


@pytest.mark.parametrize(
    ("ref", "published", "year"),
    [
        ("by 2024", 2025, 2024),
        ("last year", 2025, 2024),
        ("this year", 2025, 2025),
        ("next year", 2025, 2026),
        ("last year", None, None),
        (None, 2025, None),
    ],
)
def test_figures_resolve_year(ref, published, year):
    from kb.nlp.figures import resolve_year

    assert resolve_year(ref, published) == year


@pytest.mark.parametrize(
    "text",
    [
        "Huang claimed the RTX 5070 would deliver more frames.",
        "The Palmyra X 004 model was trained on synthetic data.",
        "Apple said iPhone 16 sales rose.",
        "Google's Pixel 9 launches on 13 August.",
        "RTX 5070 cards go on sale in February.",
    ],
)
def test_figures_numbers_in_product_names_are_not_counts(text):
    assert find_figures(text) == []


def test_figures_counts_after_a_sentence_opening_word_stay():
    assert [f.raw for f in find_figures("About 5,000 people attended the launch.")] == ["5,000 people"]


def test_figures_each_figure_takes_its_nearest_time_reference():
    text = "Clouds bought 3.6 million Blackwell GPUs so far in 2025, compared with 1.3 million Hopper GPUs in the whole of 2024."
    assert [(f.value, f.time_ref) for f in find_figures(text)] == [(3.6e6, "in 2025"), (1.3e6, "in the whole of 2024")]
