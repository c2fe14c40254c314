"""``kb_entity_fixes_v1``: repairs the small model's known mistakes on tech news.

Runs after ``ner`` (and the gazetteer ruler before it): drops "AI"-style acronyms tagged
as places or organisations, and resolves each entity within the article ("Musk" ->
"Elon Musk", a surname tagged ORG -> that PERSON). Results: ``doc._.entity_refs``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kb.entities import KEPT_LABELS, ArticleResolver, clean_name, is_entity_surface
from kb.models import EntityRef


@Language.factory("kb_entity_fixes_v1", requires=["doc.ents"], assigns=["doc.ents", "doc._.entity_refs"])
def make_entity_fixes(nlp: Language, name: str) -> EntityFixes:
    return EntityFixes()


class EntityFixes:
    def __init__(self) -> None:
        if not Doc.has_extension("entity_refs"):
            Doc.set_extension("entity_refs", default=None)

    def __call__(self, doc: Doc) -> Doc:
        kept = [e for e in doc.ents if not (e.label_ in KEPT_LABELS and not is_entity_surface(clean_name(e.text)))]
        if len(kept) != len(doc.ents):
            doc.ents = kept
        resolver = ArticleResolver()
        named = [(clean_name(e.text), KEPT_LABELS[e.label_]) for e in doc.ents if e.label_ in KEPT_LABELS]
        resolver.observe(named)
        refs: list[EntityRef] = []
        for ent in doc.ents:
            if ent.label_ not in KEPT_LABELS:
                continue
            name, type_ = resolver.resolve(clean_name(ent.text), KEPT_LABELS[ent.label_])
            if not name:
                continue
            refs.append(EntityRef(name=name, type=type_, surface=ent.text, char_start=ent.start_char, char_end=ent.end_char))
        doc._.entity_refs = refs
        return doc
