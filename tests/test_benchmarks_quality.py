"""The quality benchmarks (`python -m benchmarks.quality ...`, `python -m benchmarks.quality_table`)
on tiny data sets written here (never ../shared/eval)."""

import gzip
import json
import shutil

import pytest
from typer.testing import CliRunner

from benchmarks import quality_table
from benchmarks.quality import PRF, label_scores, read_mrpc
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
    assert len(rows) == 2
    for row in rows.values():
        assert row["pages"] == 2  # the missing page is skipped, the .gz one read
        assert row["tp"] + row["fn"] == 4
    ours = rows["kb extract"]
    assert (ours["tp"], ours["fp"], ours["fn"]) == (4, 0, 0)


def test_quality_table_reads_the_json_outputs(tmp_path):
    (tmp_path / "figures.json").write_text(
        json.dumps(
            {
                "baseline: bare numbers": {"precision": 0.6, "recall": 0.75, "f1": 0.6667},
                "kb figures": {"precision": 1.0, "recall": 1.0, "f1": 1.0},
            }
        )
        + "\n"
    )
    (tmp_path / "extraction.json").write_text("not json\n")
    res = CliRunner().invoke(quality_table.app, [str(tmp_path), "--no-gold"])
    assert res.exit_code == 0, res.output
    assert "1.000" in res.output and "0.667 bare numbers" in res.output
    rows = {r[0]: r for r in quality_table.rows(tmp_path, gold=False)}
    assert rows["figures (quantulum3 cases)"][2:4] == ("1.000", "0.667 bare numbers")
    assert rows["main text (trafilatura-eval, ? pages)"][2] == "—"  # unreadable input: a dash, not an error
    shutil.rmtree(tmp_path)
    assert quality_table.rows(tmp_path, gold=False)[0][2] == "—"
