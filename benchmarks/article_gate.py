"""How often the article gate rejects real pages: rejections by reason on the
trafilatura-eval pages (almost all of them articles, blog posts and news), the current
gate beside the plain baseline (the gate before issue 16: ``og:type`` alone, then the
length rule).

    python -m benchmarks.article_gate [--split tune|holdout|all] [--show N] [--json]

The pages are split once, seeded (``SPLIT_SEED``), by a hash of the URL: the gate's rules
were chosen looking at the ``tune`` half; the ``holdout`` half is scored once, at the end.
A rejection is not always wrong (a few eval pages are indexes, forms or product pages), so
``--show`` lists the rejected pages with the gate's detail, to read.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer

from benchmarks.quality import TRAFILATURA_EVAL, TRAFILATURA_HTML, _read_html

SPLIT_SEED = "article-gate-2026-12-07"

app = typer.Typer(add_completion=False, help=__doc__.split("\n\n")[0])


def split_of(url: str) -> str:
    """``tune`` or ``holdout``, half and half, fixed by the seed and the URL."""
    digest = hashlib.sha256(f"{SPLIT_SEED}:{url}".encode()).digest()
    return "tune" if digest[0] % 2 == 0 else "holdout"


def baseline_gate(html: bytes, url: str) -> str | None:
    """The gate before issue 16: a non-article og:type rejects; then under 300 characters
    or fewer than 2 paragraphs of 40+ characters is too short; then the cookie wall."""
    import lxml.html

    from kb.errors import Skip
    from kb.ingest.extract import _is_cookie_wall, decode_html, extract, read_meta

    try:
        ex = extract(html, url, None, require_article=False)
    except Skip as exc:
        return exc.reason
    tree = lxml.html.document_fromstring(decode_html(html, None))
    og_type = read_meta(tree, url).og_type
    if og_type in ("website", "profile", "product", "video.other"):
        return "not_article"
    paragraphs = [p for p in ex.text.split("\n") if len(p) > 40]
    if len(ex.text) < 300 or len(paragraphs) < 2:
        return "too_short"
    if _is_cookie_wall(ex.text):
        return "cookie_wall"
    return None


def current_gate(html: bytes, url: str) -> tuple[str | None, str]:
    from kb.errors import Skip
    from kb.ingest.extract import extract

    try:
        extract(html, url, None)
    except Skip as exc:
        return exc.reason, exc.detail
    return None, ""


@app.command()
def main(
    split: Annotated[str, typer.Option(help="tune, holdout or all")] = "tune",
    show: Annotated[int, typer.Option(help="list this many rejected pages of the current gate")] = 0,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    evaldata: Path = TRAFILATURA_EVAL,
    html_dir: Path = TRAFILATURA_HTML,
) -> None:
    items = [(u, it) for u, it in json.loads(Path(evaldata).read_text()).items() if split in ("all", split_of(u))]
    before: Counter[str] = Counter()
    after: Counter[str] = Counter()
    rejected: list[tuple[str, str, str, str | None]] = []
    pages = 0
    for url, item in items:
        html = _read_html(Path(html_dir), item["file"])
        if html is None:
            continue
        pages += 1
        old = baseline_gate(html, url)
        new, detail = current_gate(html, url)
        before[old or "kept"] += 1
        after[new or "kept"] += 1
        if new is not None:
            rejected.append((url, new, detail, old))
    reasons = sorted(set(before) | set(after), key=lambda r: (r != "kept", r))
    if as_json:
        sys.stdout.write(
            json.dumps({"split": split, "pages": pages, "baseline": dict(before), "gate": dict(after)}) + "\n"
        )
    else:
        print(f"trafilatura-eval, split {split} (seed {SPLIT_SEED!r}): {pages} pages")
        print(f"{'outcome':<16}{'baseline (og:type)':>20}{'gate':>8}")
        for r in reasons:
            print(f"{r:<16}{before[r]:>20}{after[r]:>8}")
        rej_b, rej_a = pages - before["kept"], pages - after["kept"]
        print(f"{'rejected':<16}{rej_b:>20}{rej_a:>8}   ({rej_b / pages:.1%} -> {rej_a / pages:.1%})")
    for url, reason, detail, old in rejected[:show]:
        detail = " ".join(detail.split())[:150]
        print(f"- {reason} ({detail}) [baseline: {old or 'kept'}] {url}")


if __name__ == "__main__":
    app()
