"""``kb_entity_fixes_v1``: repairs the small model's known mistakes on tech news.

Runs after ``ner`` (and the gazetteer ruler before it): drops "AI"-style acronyms tagged
as places or organisations, and resolves each entity within the article ("Musk" ->
"Elon Musk", a surname tagged ORG -> that PERSON). Results: ``doc._.entity_refs``.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kb.models import EntityRef, Role
from kb.names import KEPT_LABELS, ArticleResolver, clean_name, is_entity_surface

TITLE_WORDS = {
    "ceo",
    "cto",
    "cfo",
    "coo",
    "chief",
    "executive",
    "officer",
    "scientist",
    "founder",
    "co-founder",
    "cofounder",
    "chairman",
    "chairwoman",
    "chair",
    "president",
    "vice",
    "senior",
    "director",
    "head",
    "analyst",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "former",
    "engineer",
    "researcher",
    "professor",
    "minister",
    "secretary",
    "commissioner",
    "manager",
    "partner",
    "economist",
    "boss",
    "owner",
    "general",
    "counsel",
    "principal",
    "lead",
    "research",
    "technology",
    "operating",
    "financial",
    "global",
    "managing",
    "product",
    "deputy",
    "editor",
}
ROLE_HEADS = TITLE_WORDS - {
    "former",
    "senior",
    "vice",
    "chief",
    "general",
    "global",
    "managing",
    "deputy",
    "research",
    "technology",
    "operating",
    "financial",
    "product",
    "lead",
    "principal",
}


MODEL_SUFFIXES = {
    "pro",
    "flash",
    "ultra",
    "max",
    "mini",
    "plus",
    "lite",
    "nano",
    "air",
    "sonnet",
    "opus",
    "haiku",
    "turbo",
    "elite",
    "fold",
    "flip",
}
_VERSION = re.compile(r"^(?:\d+(?:\.\d+)+|\d+[A-Za-z]{1,2}|[A-Z]\d{1,3}[A-Za-z]?)$")  # 2.0, 405B, 16e, S25
_BARE = re.compile(r"^\d{1,3}$")  # 14: a version only when nothing lower-case follows


def extend_products(doc: Doc) -> None:
    """ "Gemini 2.0 Flash", "Llama 3.1 405B", "iPhone 16e", "Galaxy S25 Ultra": the small
    model often stops a product name before its version and model suffix."""
    ents = list(doc.ents)
    changed = False
    for k, ent in enumerate(ents):
        if ent.label_ != "PRODUCT":
            continue
        end = ent.end
        # a version the model tagged as a number ("2.5", "14") may be absorbed
        limit = next((e.start for e in ents[k + 1 :] if e.label_ not in ("CARDINAL", "ORDINAL")), len(doc))
        while end < limit and not doc[end - 1].whitespace_ == "":
            tok = doc[end]
            nxt = doc[end + 1] if end + 1 < len(doc) else None
            if _VERSION.match(tok.text) or (tok.lower_ in MODEL_SUFFIXES and tok.text[0].isupper()):
                end += 1
            elif _BARE.match(tok.text) and (nxt is None or not nxt.text[:1].islower()):
                end += 1
            else:
                break
        if end != ent.end:
            ents[k] = Span(doc, ent.start, end, label=ent.label_)
            changed = True
    if changed:
        products = [e for e in ents if e.label_ == "PRODUCT"]
        doc.ents = [
            e for e in ents if e.label_ == "PRODUCT" or not any(e.start < p.end and p.start < e.end for p in products)
        ]


def _ref_at(refs: list[EntityRef], idx: int, type_: str) -> EntityRef | None:
    return next((r for r in refs if r.type == type_ and r.char_start <= idx < r.char_end), None)


def find_roles(doc: Doc, refs: list[EntityRef]) -> list[Role]:
    """ "Apple CEO Tim Cook", "Writer's CEO May Habib", "Ilya Sutskever, the former chief
    scientist of OpenAI", "Satya Nadella, CEO of Microsoft" -> (person, role, organisation)."""
    roles: list[Role] = []
    for ent in doc.ents:
        person = _ref_at(refs, ent.start_char, "PERSON") if ent.label_ == "PERSON" else None
        if person is None:
            continue
        # before the name: [ORG]['s] title words NAME
        i = ent.start - 1
        titles: list[Token] = []
        while i >= 0 and doc[i].lower_ in TITLE_WORDS:
            titles.insert(0, doc[i])
            i -= 1
        if titles and any(t.lower_ in ROLE_HEADS for t in titles):
            if i >= 0 and doc[i].text in ("'s", "’s"):
                i -= 1
            org = _ref_at(refs, doc[i].idx, "ORG") if i >= 0 else None
            start = org.char_start if org else titles[0].idx
            roles.append(Role(person, " ".join(t.text for t in titles), org, start, ent.end_char))
            continue
        # after the name: NAME, [the] title words [of|at ORG] / NAME, ORG's title words
        head = ent[-1]
        for app in (c for c in head.children if c.dep_ == "appos"):
            sub = list(app.subtree)
            words = [t for t in sub if t.lower_ in TITLE_WORDS]
            if not words or app.lower_ not in TITLE_WORDS:
                continue
            org = next((_ref_at(refs, t.idx, "ORG") for t in sub if _ref_at(refs, t.idx, "ORG")), None)
            roles.append(
                Role(person, " ".join(t.text for t in words), org, person.char_start, sub[-1].idx + len(sub[-1]))
            )
    return roles


@Language.factory("kb_entity_fixes_v1", requires=["doc.ents"], assigns=["doc.ents", "doc._.entity_refs", "doc._.roles"])
def make_entity_fixes(nlp: Language, name: str) -> EntityFixes:
    return EntityFixes()


class EntityFixes:
    def __init__(self) -> None:
        for ext in ("entity_refs", "roles"):
            if not Doc.has_extension(ext):
                Doc.set_extension(ext, default=None)

    def __call__(self, doc: Doc) -> Doc:
        extend_products(doc)
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
            refs.append(
                EntityRef(name=name, type=type_, surface=ent.text, char_start=ent.start_char, char_end=ent.end_char)
            )
        doc._.entity_refs = refs
        doc._.roles = find_roles(doc, refs)
        return doc
