"""The retrieval benchmark (`python -m benchmarks.quality retrieval`), `kb train-reranker` and
the encoder fine-tuning measurement (`python -m benchmarks.finetune_encoder`) on a tiny
CLEF-shaped data set written here (never ../shared/eval)."""

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from benchmarks import finetune_encoder
from benchmarks.quality import _map_at_k, _mrr
from benchmarks.quality import app as bench_app
from kb.cli import app

CLAIMS = [
    ("0", "The city council voted to ban plastic bags in all grocery stores.", "Did Springfield Ban Plastic Bags?"),
    ("1", "A photo shows a shark swimming on a flooded highway after the hurricane.", "Shark on the Highway"),
    ("2", "Drinking hot water every fifteen minutes kills the coronavirus.", "Does Hot Water Cure COVID-19?"),
    ("3", "The senator said unemployment fell to its lowest level in fifty years.", "Lowest Unemployment in 50 Years?"),
    ("4", "NASA confirmed that the earth will go dark for six days in December.", "Six Days of Darkness"),
]
QUERIES = [
    ("10", "Wow a SHARK on the freeway after #HurricaneHarvey pic.twitter.com/abc123 — Jo (@jo_news) August 27, 2017"),
    ("11", "Doctors say sip hot water every 15 minutes to kill the virus!! https://t.co/xyz #COVID19"),
    ("12", "Is it true there will be six days of darkness in December? @NASA"),
]
QRELS = "10 0 1 1\n11 0 2 1\n12 0 4 1\n"


def test_map_and_mrr():
    qrels = {"a": {"x"}, "b": {"y", "z"}, "c": {"w"}}
    ranked = {"a": ["x", "q"], "b": ["q", "y", "z"], "c": ["q"]}
    assert _map_at_k(ranked, qrels) == pytest.approx((1 + (1 / 2 + 2 / 3) / 2 + 0) / 3)
    assert _mrr(ranked, qrels) == pytest.approx((1 + 1 / 2 + 0) / 3)


@pytest.fixture(scope="module")
def clef_files(tmp_path_factory):
    d = tmp_path_factory.mktemp("clef")
    (d / "claims.tsv").write_text("vclaim_id\tvclaim\ttitle\n" + "".join(f"{i}\t{c}\t{t}\n" for i, c, t in CLAIMS))
    (d / "queries.tsv").write_text("tweet_id\ttweet_content\n" + "".join(f"{i}\t{q}\n" for i, q in QUERIES))
    (d / "qrels").write_text(QRELS)
    return d


def test_bench_retrieval_cli_with_paths(clef_files, tmp_path):
    d = clef_files
    args = [
        "retrieval",
        "--claims",
        str(d / "claims.tsv"),
        "--queries",
        str(d / "queries.tsv"),
        "--qrels",
        str(d / "qrels"),
        "--cache",
        str(tmp_path),
        "--json",
    ]
    res = CliRunner().invoke(bench_app, args)
    assert res.exit_code == 0, res.output
    rows = json.loads(res.output)
    assert rows["_index"] == {"claims": 5, "titles": True, "seconds": rows["_index"]["seconds"]}
    for name in ("BM25 only", "vectors only", "hybrid (default settings)", "before: hybrid RRF 1:1, raw query"):
        assert rows[name]["queries"] == 3
        assert 0.0 <= rows[name]["map@5"] <= rows[name]["mrr"] <= 1.0
    assert rows["hybrid (default settings)"]["map@5"] == 1.0
    assert list(tmp_path.glob("claims-*.npy"))  # embeddings kept for the next run
    again = json.loads(CliRunner().invoke(bench_app, args[:-1] + ["--no-titles", "--json"]).output)
    assert again["_index"]["titles"] is False


def test_train_reranker_cli_then_bench_row(clef_files, tmp_path):
    """`kb train-reranker` on the tiny set (searching each query through the real path for its
    wrong candidates), then `kb bench retrieval --reranker` adds the re-ranked row."""
    d = clef_files
    data = [
        "--claims",
        str(d / "claims.tsv"),
        "--queries",
        str(d / "queries.tsv"),
        "--qrels",
        str(d / "qrels"),
        "--cache",
        str(tmp_path),
    ]
    res = CliRunner().invoke(app, ["train-reranker", "--out", str(tmp_path / "rr"), "--epochs", "1", *data])
    assert res.exit_code == 0, res.output
    meta = json.loads((tmp_path / "rr" / "kb-reranker.json").read_text())
    # one of the 3 queries finds nothing but its relevant claim: no wrong candidate to learn from
    assert meta["titles"] is True and meta["train"]["queries"] == 2
    assert meta["data"]["qrels_path"] == str((d / "qrels").resolve())
    rows = json.loads(
        CliRunner().invoke(bench_app, ["retrieval", *data, "--reranker", str(tmp_path / "rr"), "--json"]).output
    )
    row = rows["hybrid + cross-encoder reranker"]
    assert row["queries"] == 3 and 0.0 <= row["map@5"] <= row["mrr"] <= 1.0
    missing = CliRunner().invoke(app, ["train-reranker", "--out", str(tmp_path / "x"), "--qrels", str(d / "nope")])
    assert missing.exit_code != 0 and "does not exist" in str(missing.exception)


@pytest.fixture(scope="module")
def clef_dir(tmp_path_factory):
    """The CLEF 2020 task 2 layout: verified claims, train/ and dev/ queries and qrels."""
    d = tmp_path_factory.mktemp("clef2020")
    (d / "verified_claims.docs.tsv").write_text(
        "vclaim_id\tvclaim\ttitle\n" + "".join(f"{i}\t{c}\t{t}\n" for i, c, t in CLAIMS)
    )
    for split in ("train", "dev"):
        (d / split).mkdir()
        (d / split / "tweets.queries.tsv").write_text(
            "tweet_id\ttweet_content\n" + "".join(f"{i}\t{q}\n" for i, q in QUERIES)
        )
        (d / split / "tweet-vclaim-pairs.qrels").write_text(QRELS)
    return d


def test_finetune_encoder_tunes_then_scores_the_real_search(clef_dir, tmp_path):
    from kb.nlp import embed
    from kb.train import corpus

    stock_model, stock_cache = embed.load_model, corpus.cached_embeddings
    out = tmp_path / "ft"
    res = CliRunner().invoke(
        finetune_encoder.app, ["--out", str(out), "--clef", str(clef_dir), "--hard", "1"], catch_exceptions=False
    )
    assert res.exit_code == 0, res.output
    assert "dev MAP@5, vectors only, stock: 1.0000" in res.output
    assert "epoch 0: " in res.output
    assert "hybrid (default settings): {'map@5': 1.0, 'mrr': 1.0, 'queries': 3" in res.output
    assert np.load(out / "claims.npy").shape == (5, 384)
    assert (out / "model").is_dir()
    assert (embed.load_model, corpus.cached_embeddings) == (stock_model, stock_cache)  # the tuned model is gone
