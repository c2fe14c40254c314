"""The quality benchmarks (`python -m benchmarks.quality ...`, `python -m benchmarks.quality_table`)
on tiny data sets written here (never ../shared/eval): the scores, the seeded splits, and
the table's honesty rule (a tuned figure is never printed under the held-out or dev heading)."""

import gzip
import hashlib
import json
import random
import shutil
import sys
import types
from fractions import Fraction

import pytest
from typer.testing import CliRunner

from benchmarks import quality_table
from benchmarks.quality import (
    PRF,
    SPLITS,
    Split,
    best_threshold,
    checkworthy_split_rows,
    is_heldout,
    label_scores,
    read_mrpc,
)
from benchmarks.quality import app as quality_app
from tests.conftest import FIXTURES


def _run(args: list[str]) -> dict:
    res = CliRunner().invoke(quality_app, [*args, "--json"])
    assert res.exit_code == 0, res.output
    return json.loads(res.output)


def _counts_prf(gold: list[bool], pred: list[bool]) -> PRF:
    return PRF(
        tp=sum(g and p for g, p in zip(gold, pred, strict=True)),
        fp=sum(p and not g for g, p in zip(gold, pred, strict=True)),
        fn=sum(g and not p for g, p in zip(gold, pred, strict=True)),
    )


@pytest.mark.parametrize(
    ("gold", "pred"),
    [
        ([True, True, False, False], [True, False, True, False]),
        ([True, False, True], [True, True, True]),
        ([False, False], [False, False]),
        ([True, True], [False, False]),
        ([True, False, False, True, True, False, True], [True, True, False, False, True, False, False]),
    ],
)
def test_quality_label_scores_match_the_counts(gold, pred):
    assert label_scores(gold, pred) == _counts_prf(gold, pred).as_dict()


FIGURE_CASES = [
    {
        "req": "The plant cost $5 million to build.",
        "res": [{"value": 5000000, "unit": "dollar", "surface": "$5 million"}],
    },
    {"req": "Sales rose 12% in 2023.", "res": [{"value": 12, "unit": "percentage", "surface": "12%"}]},
    {
        "req": "She ran 3 miles and 2 kilometres.",
        "res": [
            {"value": 3, "unit": "mile", "surface": "3 miles"},
            {"value": 2, "unit": "kilometre", "surface": "2 kilometres"},
        ],
    },
]


def test_quality_figures_scores_value_and_span(tmp_path):
    cases = tmp_path / "quantities.json"
    cases.write_text(json.dumps(FIGURE_CASES))
    rows = _run(["figures", "--cases", str(cases)])
    # bare numbers: 5 is not 5 million, 2023 is no quantity; 12, 3 and 2 match
    assert {k: rows["baseline: bare numbers"][k] for k in ("tp", "fp", "fn", "sentences")} == {
        "tp": 3,
        "fp": 2,
        "fn": 1,
        "sentences": 3,
    }
    assert rows["baseline: bare numbers"]["precision"] == 0.6
    assert rows["baseline: bare numbers"]["recall"] == 0.75
    assert rows["baseline: bare numbers"]["f1"] == 0.6667
    assert rows["kb figures"]["tp"] == 4 and rows["kb figures"]["f1"] == 1.0


def test_quality_checkworthy_rows(tmp_path):
    tsv = tmp_path / "dev.tsv"
    tsv.write_text(
        "Sentence_id\tText\tclass_label\n"
        "1\tUnemployment fell to 3.4 percent last year, the lowest since 1969.\tYes\n"
        "2\tThank you all for coming tonight.\tNo\n"
        "3\tThe state spent $2 billion on roads in 2022.\tYes\n"
        "4\tWell, I think that's a great question.\tNo\n"
        "5\tbroken row\tNo29286\n"
    )
    rows = _run(["checkworthy", "--tsv", str(tsv)])
    base = rows["baseline: all Yes"]
    assert base == {"precision": 0.5, "recall": 1.0, "f1": 0.6667, "tp": 2, "fp": 2, "fn": 0, "n": 4}
    ours = rows["kb default (score >= 0.5)"]
    assert ours["n"] == 4 and ours["tp"] + ours["fn"] == 2
    assert {k: ours[k] for k in ("precision", "recall", "f1")} == {
        k: v for k, v in PRF(ours["tp"], ours["fp"], ours["fn"]).as_dict().items() if k in ("precision", "recall", "f1")
    }


MRPC = (
    "\ufeffQuality\t#1 ID\t#2 ID\t#1 String\t#2 String\n"
    "1\t1\t2\tThe company said profits rose 10 percent.\tProfits rose 10 percent, the company said.\n"
    "0\t3\t4\tThe mayor opened the new bridge on Monday.\tIt rained heavily across the region on Tuesday.1"
    "\t5\t6\tShares fell 5 percent in early trading.\tShares dropped 5 percent early in the session.\n"
    "0\t7\t8\tThe team did not win the final.\tThe team won the final.\n"
)


def test_quality_reads_mrpc_glued_lines(tmp_path):
    path = tmp_path / "mrpc.txt"
    path.write_text(MRPC, encoding="utf-8")
    pairs = read_mrpc(path)
    assert [label for label, _, _ in pairs] == [True, False, True, False]
    assert pairs[1][2] == "It rained heavily across the region on Tuesday."


def test_quality_paraphrase_rows(tmp_path):
    path = tmp_path / "mrpc.txt"
    path.write_text(MRPC, encoding="utf-8")
    rows = _run(["paraphrase", "--mrpc", str(path)])
    split = rows.pop("_split")
    assert split["seed"] == SPLITS["mrpc-train"].seed and split["tune"] + split["heldout"] == 4
    parts = rows["baseline: all paraphrase"].pop("parts")
    assert parts["tune"]["pairs"] == split["tune"] and parts["heldout"]["pairs"] == split["heldout"]
    (chosen,) = [v for k, v in rows.items() if k.endswith("(best on the tune part)")]
    assert chosen["threshold"] in [round(0.5 + 0.025 * i, 3) for i in range(17)]
    assert rows["baseline: all paraphrase"] == {
        "accuracy": 0.5,
        "precision": 0.5,
        "recall": 1.0,
        "f1": 0.6667,
        "tp": 2,
        "fp": 2,
        "fn": 0,
        "pairs": 4,
    }
    rule = rows["same_claim rule (cosine + figure/negation vetoes)"]
    assert rule["pairs"] == 4 and rule["tp"] + rule["fn"] == 2 and 0.0 <= rule["accuracy"] <= 1.0


def test_quality_extraction_snippets(tmp_path):
    html = tmp_path / "html"
    html.mkdir()
    page = (FIXTURES / "pages" / "article.html").read_bytes()
    (html / "a.html").write_bytes(page)
    (html / "b.html.gz").write_bytes(gzip.compress(page))
    item = {
        "with": ["air cooling can no longer keep up", "Critics warn that the rush could lock in designs"],
        "without": ["Accept all cookies", "All rights reserved"],
    }
    evaldata = tmp_path / "evaldata.json"
    evaldata.write_text(
        json.dumps(
            {
                "http://testwire.example/a.html": {"file": "a.html", **item},
                "http://testwire.example/b.html": {"file": "b.html", **item},
                "http://testwire.example/gone.html": {"file": "gone.html", **item},
            }
        )
    )
    rows = _run(["extraction", "--evaldata", str(evaldata), "--html-dir", str(html)])
    split = rows.pop("_split")
    assert split["seed"] == SPLITS["trafilatura-eval"].seed and split["tune"] + split["heldout"] == 2
    assert len(rows) == 3  # trafilatura's defaults, kb with the gate off, kb as ingest runs it
    for row in rows.values():
        assert row["pages"] == 2  # the missing page is skipped, the .gz one read
        assert row["tp"] + row["fn"] == 4
        parts = row["parts"]  # the two halves add up to the whole
        assert parts["tune"]["tp"] + parts["heldout"]["tp"] == row["tp"]
        assert parts["tune"]["fn"] + parts["heldout"]["fn"] == row["fn"]
    ours = rows["kb extract"]
    assert (ours["tp"], ours["fp"], ours["fn"]) == (4, 0, 0)
    assert rows["kb extract as ingest runs it (article gate on)"]["tp"] == 4  # an article passes the gate


# -- splits ---------------------------------------------------------------------------------

KEYS = [f"https://news.example/{i}/story-{i * 7}.html" for i in range(2000)]


@pytest.mark.parametrize("fraction", [Fraction(1, 2), Fraction(1, 5), Fraction(3, 10)])
def test_quality_split_is_seeded_stable_and_disjoint(fraction):
    split = Split("pages", "URL", "test-seed", fraction, "2026-12-07")
    parts = split.parts(KEYS)
    assert set(parts["tune"]).isdisjoint(parts["heldout"])
    assert sorted(parts["tune"] + parts["heldout"]) == sorted(KEYS)
    assert abs(len(parts["heldout"]) / len(KEYS) - float(fraction)) < 0.05
    # the same on every run, whatever the order, and an item's part never depends on the others
    shuffled = KEYS[:]
    random.Random(1).shuffle(shuffled)
    assert sorted(split.parts(shuffled)["heldout"]) == sorted(parts["heldout"])
    grown = split.parts([*KEYS, "https://news.example/new.html"])
    assert set(parts["heldout"]) <= set(grown["heldout"]) and set(parts["tune"]) <= set(grown["tune"])
    # another seed is another split
    other = Split("pages", "URL", "another-seed", fraction, "2026-12-07").parts(KEYS)
    assert other["heldout"] != parts["heldout"]


def test_quality_split_of_half_is_the_article_gate_rule():
    """With 1/2 the split is benchmarks/article_gate.py's (held out when the first byte of
    SHA-256 of "seed:url" is odd), so extraction and the gate share one split of the pages."""
    seed = SPLITS["trafilatura-eval"].seed
    assert SPLITS["trafilatura-eval"].heldout == Fraction(1, 2)
    for url in KEYS[:300]:
        odd = hashlib.sha256(f"{seed}:{url}".encode()).digest()[0] % 2 == 1
        assert is_heldout(url, seed, Fraction(1, 2)) is odd


def test_quality_split_describe_records_seed_sizes_and_fingerprint():
    split = Split("pages", "URL", "s", Fraction(1, 5), "2026-12-07", "tuned on all before")
    d = split.describe(KEYS)
    assert (d["seed"], d["heldout_fraction"], d["tuned_before_split"]) == ("s", "1/5", "tuned on all before")
    assert d["tune"] + d["heldout"] == len(KEYS)
    assert d == split.describe(list(reversed(KEYS)))  # order does not matter
    assert split.describe(KEYS[:-50])["heldout_sha256"] != d["heldout_sha256"]  # a changed part shows
    assert all(len(s.seed) > 0 and s.heldout < 1 for s in SPLITS.values())


def test_quality_best_threshold_is_the_lowest_of_ties():
    cos = [0.9, 0.8, 0.3, 0.2]
    y = [True, True, False, False]
    assert best_threshold(cos, y, [0.1, 0.4, 0.5, 0.7, 0.85]) == 0.4  # 0.4, 0.5, 0.7 all perfect


# -- the table: three figures, never a tuned one under the held-out or dev heading ------------

CW_ROWS = [
    {"name": "baseline: all-Yes", "tuned_on": "nothing", "fit_f1": 0.41, "heldout_f1": 0.40, "dev_f1": 0.42},
    {
        "name": "hand weights",
        "tuned_on": "CT24 dev, by eye",
        "fit_f1": 0.5,
        "heldout_f1": 0.48,
        "dev_f1": 0.791,
        "threshold": 0.5,
    },
    {
        "name": "LR features + embeddings",
        "tuned_on": "fit part; threshold and C on the held-out part",
        "fit_f1": 0.7,
        "heldout_f1": 0.612,
        "dev_f1": 0.77,
        "threshold": 0.44,
    },
    {
        "name": "LR, threshold fixed",
        "tuned_on": "fit part only",
        "tuned_on_heldout": False,
        "fit_f1": 0.69,
        "heldout_f1": 0.6,
        "dev_f1": 0.75,
        "threshold": 0.5,
    },
]


def test_quality_table_checkworthy_rows_put_each_figure_under_its_honest_heading():
    rows = {r.part.split(";")[0]: r for r in quality_table.checkworthy_rows(CW_ROWS)}
    assert len(rows) == 3  # the all-Yes row is the baseline of the others, not a row
    hand = rows["check-worthiness: hand weights (>= 0.5)"]
    assert hand.tuned.value == "0.791 (dev)"  # tuned on dev: its dev figure is a tuning figure
    assert hand.dev.value is None and "dev" in hand.dev.note
    assert hand.heldout.value == "0.480"  # CT24 train was never looked at: unseen
    assert hand.baseline == "all-Yes: 0.410 | 0.400 | 0.420"
    lr = rows["check-worthiness: LR features + embeddings (>= 0.44)"]
    assert (lr.tuned.value, lr.dev.value) == ("0.700", "0.770")
    assert lr.heldout.value is None and "0.612" in lr.heldout.note  # threshold chosen there
    fixed = rows["check-worthiness: LR, threshold fixed (>= 0.5)"]
    assert (fixed.tuned.value, fixed.heldout.value, fixed.dev.value) == ("0.690", "0.600", "0.750")


def test_quality_table_render_numbers_each_note_once():
    same = quality_table.Cell(None, "no dev split")
    rows = [
        quality_table.Row("a", "F1", quality_table.Cell("0.9"), quality_table.Cell(None, "tuned before"), same),
        quality_table.Row("b", "F1", quality_table.Cell("0.8"), quality_table.Cell("0.7"), same),
    ]
    printed, notes = quality_table.render(rows)
    assert notes == ["tuned before", "no dev split"]
    assert printed[0][2:5] == ("0.9", "— [1]", "— [2]")
    assert printed[1][2:5] == ("0.8", "0.7", "— [2]")


def _parts(tune: dict, heldout: dict, **whole) -> dict:
    return {**whole, "parts": {"tune": tune, "heldout": heldout}}


def test_quality_table_reads_the_json_outputs(tmp_path):
    split = {"seed": "quantulum3-2026-12-07", "heldout_fraction": "1/5", "tune": 80, "heldout": 21}
    (tmp_path / "figures.json").write_text(
        json.dumps(
            {
                "baseline: bare numbers": _parts({"f1": 0.44}, {"f1": 0.7429}, f1=0.5062),
                "kb figures": _parts({"f1": 0.5368}, {"f1": 0.7368}, f1=0.583),
                "_split": {**split, "tuned_before_split": "fixed against every case"},
            }
        )
        + "\n"
    )
    (tmp_path / "extraction.json").write_text("not json\n")
    (tmp_path / "paraphrase.json").write_text(
        json.dumps(
            {
                "baseline: all paraphrase": _parts({"accuracy": 0.67, "f1": 0.8}, {"accuracy": 0.68, "f1": 0.81}),
                "cosine >= 0.7 (best on the tune part)": {
                    **_parts({"accuracy": 0.74, "f1": 0.82}, {"accuracy": 0.73, "f1": 0.81}),
                    "threshold": 0.7,
                },
                "same_claim rule (cosine + figure/negation vetoes)": _parts(
                    {"accuracy": 0.72, "f1": 0.8}, {"accuracy": 0.71, "f1": 0.79}
                ),
                "_split": split,
            }
        )
    )
    (tmp_path / "checkworthy.json").write_text(json.dumps({"source": "test", "rows": CW_ROWS}))
    res = CliRunner().invoke(quality_table.app, [str(tmp_path), "--no-gold"])
    assert res.exit_code == 0, res.output
    assert "unseen 0.451" in res.output and "quantulum3-2026-12-07" in res.output
    rows = {r.part.split(";")[0]: r for r in quality_table.rows(tmp_path, gold=False)}
    fig = rows["figures: value + span"]
    assert fig.tuned.value == "0.537" and fig.baseline == "bare numbers: 0.440 | 0.743 | —"
    # tuned on every case before the split: the held-out figure is a tuning figure, so a dash
    assert fig.heldout.value is None and "0.737" in fig.heldout.note and "fixed against every case" in fig.heldout.note
    assert fig.dev.value is None and fig.dev.note
    rule = rows["same claim: the rule (cosine >= configured, vetoes)"]
    assert rule.tuned.value == "0.720 / 0.800" and rule.heldout.value is None
    assert rule.baseline == "all paraphrase: 0.670 / 0.800 | 0.680 / 0.810 | —"
    chosen_now = rows["same claim: cosine >= 0.7, chosen now on the tune part only (checks the choosing)"]
    assert chosen_now.heldout.value == "0.730 / 0.810"  # chosen on the tune part: the held-out part is unseen
    ex = rows["main text as ingest runs it (article gate on)"]
    assert ex.tuned.value is None  # unreadable input: a dash, not an error
    assert "check-worthiness: hand weights (>= 0.5)" in rows
    for r in rows.values():  # every dash says why
        for c in (r.tuned, r.heldout, r.dev):
            assert c.value is not None or c.note
    shutil.rmtree(tmp_path)
    assert quality_table.rows(tmp_path, gold=False)[0].tuned.value is None


def test_quality_table_retrieval_and_cutoff_rows():
    train = {
        "BM25 only": _parts({"map@5": 0.8}, {"map@5": 0.79}),
        "hybrid (default settings)": _parts({"map@5": 0.883}, {"map@5": 0.88}),
        "_split": {"seed": "clef", "heldout_fraction": "1/5", "tune": 640, "heldout": 160},
    }
    dev = {"BM25 only": {"map@5": 0.752}, "hybrid (default settings)": {"map@5": 0.861, "queries": 197}}
    (row,) = quality_table.retrieval_rows(train, dev)
    assert (row.tuned.value, row.heldout.value, row.dev.value) == ("0.883", None, "0.861")
    assert "0.880" in row.heldout.note and row.baseline == "BM25 only: 0.800 | 0.790 | 0.752"
    (cut,) = quality_table.cutoff_rows({"cutoff": 0.54, "balanced_accuracy": 0.817}, {"balanced_accuracy": 0.801})
    assert (cut.tuned.value, cut.heldout.value, cut.dev.value) == ("0.817", None, "0.801")
    assert quality_table.cutoff_rows({}, {}) == []


def test_quality_table_gate_rows_rates():
    tune = {"pages": 200, "baseline": {"kept": 180, "not_article": 20}, "gate": {"kept": 196, "too_short": 4}}
    hold = {"pages": 100, "baseline": {"kept": 90}, "gate": {"kept": 97}}
    (row,) = quality_table.gate_rows(tune, hold)
    assert (row.tuned.value, row.heldout.value) == ("2.0% (4/200)", "3.0% (3/100)")
    assert row.baseline == "og:type gate (before issue 16): 10.0% (20/200) | 10.0% (10/100) | —"


# -- check-worthiness rows: the other branch's module when present, else the fallback --------

CT24 = "Sentence_id\tText\tclass_label\n" + "".join(
    f"{i}\t{text}\t{label}\n"
    for i, (text, label) in enumerate(
        [
            ("Unemployment fell to 3.4 percent last year, the lowest since 1969.", "Yes"),
            ("Thank you all for coming tonight.", "No"),
            ("The state spent $2 billion on roads in 2022.", "Yes"),
            ("Well, I think that's a great question.", "No"),
            ("We cut taxes for 40 million families.", "Yes"),
            ("I want to thank my wife.", "No"),
            ("Crime rose 12 percent in our cities since 2019.", "Yes"),
            ("Let me finish, please.", "No"),
        ]
    )
)


def test_quality_checkworthy_fallback_rows(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "benchmarks.checkworthy_compare", None)  # not importable
    (tmp_path / "train.tsv").write_text(CT24)
    (tmp_path / "dev.tsv").write_text(CT24)
    split = Split("ct24", "sentence", "s", Fraction(1, 2), "2026-12-07")
    res = checkworthy_split_rows(tmp_path / "train.tsv", tmp_path / "dev.tsv", None, split)
    assert res["source"].startswith("benchmarks.quality (fallback")
    assert res["_split"]["tune"] + res["_split"]["heldout"] == 8
    base, hand = res["rows"]
    assert base["name"] == "baseline: all Yes" and base["dev_f1"] == 0.6667
    assert hand["tuned_on_dev"] is True and hand["fit_f1"] is None and hand["dev_f1"] is not None
    held = [(t, y) for t, y in (line.split("\t")[1:] for line in CT24.splitlines()[1:]) if split.part(t) == "heldout"]
    assert held and base["heldout_f1"] == label_scores([y == "Yes" for _, y in held], [True] * len(held))["f1"]


def test_quality_checkworthy_rows_come_from_checkworthy_compare_when_present(monkeypatch):
    fake = types.ModuleType("benchmarks.checkworthy_compare")
    fake.default_scorer_rows = lambda: CW_ROWS[:2]  # type: ignore[attr-defined]
    fake.compare_rows = lambda: CW_ROWS  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "benchmarks.checkworthy_compare", fake)
    res = checkworthy_split_rows(candidates=True)
    assert res["rows"] == CW_ROWS[:2] and res["candidates"] == CW_ROWS
