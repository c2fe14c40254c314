"""``kb_claims_v1``: which sentences assert something checkable, and who asserts it.

A claim is a sentence (or a run of sentences held together by an open quotation) that
either has an attributed speaker with a reporting verb ("X said", "said X", "according
to X", "X's CEO Y told", "in a report, X estimates"), or carries a figure, or predicts
something for a stated time. A quotation that continues in the next sentence without a
reporting verb keeps the previous speaker; "he"/"she"/"it" point back to the last named
speaker in the paragraph.

Results on ``doc._.claims`` as :class:`kb.models.Claim`, spans into ``doc.text``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kb.config import IngestSettings
from kb.models import Claim, EntityRef, Figure
from kb.nlp.checkworthy import default_score, sentence_features

REPORTING_VERBS = {
    "say",
    "tell",
    "remark",
    "warn",
    "estimate",
    "predict",
    "claim",
    "argue",
    "note",
    "add",
    "explain",
    "report",
    "reveal",
    "state",
    "announce",
    "suggest",
    "believe",
    "expect",
    "forecast",
    "acknowledge",
    "admit",
    "insist",
    "write",
    "caution",
    "stress",
    "emphasise",
    "emphasize",
    "confirm",
    "deny",
    "conclude",
    "describe",
    "term",
    "tweet",
    "post",
    "highlight",
    "observe",
    "contend",
    "maintain",
    "concede",
    "reckon",
    "project",
    "calculate",
    "find",
    "show",
    "disclose",
    "declare",
    "assert",
    "hint",
    "tease",
    "anticipate",
    "indicate",
    "agree",
    "call",
    "dub",
    "quip",
    "recall",
    "outline",
}
#: Phrasal reporting verbs (lemma, particle): "Huang set out Nvidia's plans", "laid out".
#: Like "outline", they report only when followed by content (an object or a clause).
PHRASAL_REPORTING = {("set", "out"), ("lay", "out"), ("spell", "out"), ("point", "out")}
CONTENT_VERBS = {"outline"}
#: "declined to say", "refused to comment": the head of a reporting verb that reports nothing.
REFUSALS = {"decline", "refuse"}
PREDICTION_WORDS = {"predict", "forecast", "expect", "anticipate", "project", "will", "shall"}
#: Hedges. Modals count only as modals ("may", not the month May); "about" and "around"
#: only before a number ("about 5%", not "worries about tariffs"); bounds on a figure
#: ("more than 3%", "at least", "up to") are not hedges.
HEDGE_MODALS = {"may", "might", "could"}
HEDGES = {
    "perhaps",
    "possibly",
    "likely",
    "unlikely",
    "estimate",
    "reportedly",
    "suggest",
    "appear",
    "seem",
    "probably",
    "potentially",
    "roughly",
    "approximately",
    "allegedly",
}
APPROXIMATORS = {"about", "around"}
COMPANY_NOUNS = {"company", "firm", "startup", "group", "maker", "chipmaker", "agency", "regulator"}
ROLE_NOUNS = {
    "owner",
    "founder",
    "co-founder",
    "ceo",
    "executive",
    "chairman",
    "chairwoman",
    "chair",
    "boss",
    "head",
    "president",
    "billionaire",
    "entrepreneur",
    "chief",
    "director",
    "spokesperson",
    "spokesman",
    "spokeswoman",
}
SPOKES_NOUNS = {"spokesperson", "spokesman", "spokeswoman", "representative"}
GROUP_NOUNS = {"analyst", "researcher", "expert", "economist", "executive", "official", "engineer", "scientist"}
ROLE_PENDING = EntityRef(name="", type="ROLE", surface="", char_start=0, char_end=0)
#: Generic sources: "Research has shown", "Studies suggest", "Experts say". Never a named
#: speaker (no person or organisation entity); the phrase stays as an unnamed source.
GENERIC_SOURCES = {
    "research",
    "study",
    "studies",
    "report",
    "reports",
    "data",
    "survey",
    "surveys",
    "analysis",
    "evidence",
    "experts",
    "analysts",
    "observers",
    "sources",
    "critics",
    "researchers",
    "scientists",
    "economists",
    "labs",
    "estimates",
    "figures",
    "polls",
}
#: Groups that are never an entity either, but name who spoke ("officials said"): the phrase
#: stays as an unnamed source.
GROUP_SOURCES = {"officials", "executives", "investors", "people", "insiders"}
NOT_SPEAKER_NAMES = GENERIC_SOURCES | GROUP_SOURCES
BARE_DETERMINERS = {"a", "an", "some", "many", "most", "several", "other", "new", "recent"}
PRONOUNS = {"he": "PERSON", "she": "PERSON", "it": "ORG", "they": None}
_QUOTE_PAIRS = re.compile(r"“[^”]*”|\"[^\"\n]*\"|‘[^’\n]{12,}’")


def _quote_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTE_PAIRS.finditer(text)]


def _inside(pos: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(a < pos < b for a, b in spans)


def _hedged(tokens: Iterable[Token]) -> bool:
    for t in tokens:
        low = t.lower_
        if low in HEDGE_MODALS and t.tag_ == "MD":
            return True
        if t.lemma_.lower() in HEDGES or low in HEDGES:
            return True
        if low in APPROXIMATORS and t.i + 1 < len(t.doc):
            nxt = t.nbor(1)
            if nxt.like_num or (nxt.is_currency or nxt.text in ("US$", "S$", "A$", "HK$")):
                return True
    return False


def _negated(tokens: Iterable[Token]) -> bool:
    """A negation in the sentence; "no more X" (scarcity, or a bound: "no more than 5%")
    is not one."""
    for t in tokens:
        if t.lower_ == "never":
            return True
        if t.dep_ == "neg":
            if t.lower_ == "no" and t.i + 1 < len(t.doc) and t.nbor(1).lower_ == "more":
                continue
            return True
    return False


def _refused(verb: Token) -> bool:
    """ "did not say", "never said", "declined to say": a reporting verb that introduces no
    speech (the sentence is narration about the subject, not a claim by it)."""
    if verb.lower_ == "according":
        return False
    if any(c.dep_ == "neg" or c.lower_ == "never" for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in REFUSALS


def _particle(tok: Token) -> str | None:
    return next((c.lower_ for c in tok.children if c.dep_ == "prt"), None)


def _has_content(tok: Token) -> bool:
    return any(c.dep_ in ("dobj", "ccomp", "attr") for c in tok.children)


def _reporting(tok: Token) -> bool:
    """A reporting verb: "said", "told"; "set out" / "laid out" / "outlined" only when they
    introduce content ("Huang set out Nvidia's chip plans")."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    lemma = tok.lemma_.lower()
    if (lemma, _particle(tok)) in PHRASAL_REPORTING:
        return _has_content(tok)
    if lemma in CONTENT_VERBS:
        return _has_content(tok)
    return lemma in REPORTING_VERBS


def _verb_text(verb: Token) -> str:
    """The reporting verb as written: "said", "set out"."""
    prt = _particle(verb)
    if prt is not None and (verb.lemma_.lower(), prt) in PHRASAL_REPORTING:
        return f"{verb.lower_} {prt}"
    return verb.lower_


def _open_quote_after(text: str) -> bool:
    """True when ``text`` leaves a quotation open (curly or straight quotes)."""
    curly = text.count("“") - text.count("”")
    straight = text.count('"') % 2
    return curly > 0 or straight == 1


@Language.factory(
    "kb_claims_v1",
    requires=["doc.sents", "doc.ents", "token.lemma", "token.dep"],
    assigns=["doc._.claims"],
    default_config={"min_tokens": IngestSettings().min_claim_tokens, "max_chars": IngestSettings().max_claim_chars},
)
def make_claims(nlp: Language, name: str, min_tokens: int, max_chars: int) -> ClaimsComponent:
    return ClaimsComponent(IngestSettings(min_claim_tokens=min_tokens, max_claim_chars=max_chars))


class ClaimsComponent:
    def __init__(self, settings: IngestSettings) -> None:
        self.settings = settings
        if not Doc.has_extension("claims"):
            Doc.set_extension("claims", default=None)

    # -- grouping ---------------------------------------------------------------------
    def _groups(self, doc: Doc, doc_text: str) -> list[list[Span]]:
        """Sentences, merged while a quotation stays open, never across paragraphs."""
        groups: list[list[Span]] = []
        current: list[Span] = []
        for sent in doc.sents:
            if not sent.text.strip():
                continue
            new_para = current and "\n" in doc_text[current[-1].end_char : sent.start_char]
            if current and (new_para or not _open_quote_after("".join(s.text for s in current))):
                groups.append(current)
                current = []
            current.append(sent)
        if current:
            groups.append(current)
        return groups

    # -- attribution ------------------------------------------------------------------
    @staticmethod
    def _entity_for(tokens: Iterable[Token], refs: list[EntityRef], head: Token | None = None) -> EntityRef | None:
        toks = list(tokens)
        if not toks:
            return None
        lo, hi = min(t.idx for t in toks), max(t.idx + len(t) for t in toks)
        inside = [
            r
            for r in refs
            if r.char_start >= lo and r.char_end <= hi and r.type in ("PERSON", "ORG", "NORP", "GPE", "PRODUCT")
        ]
        if head is not None:
            for r in inside:
                if r.char_start <= head.idx < r.char_end:
                    return r
        for kind in ("PERSON", "ORG", "NORP", "GPE", "PRODUCT"):
            for r in inside:
                if r.type == kind:
                    return r
        return None

    @staticmethod
    def _named_elsewhere(tok: Token, refs: list[EntityRef]) -> EntityRef | None:
        """A proper noun the model did not tag ("said Musk"): the article's person or
        organisation with that name or surname, when there is exactly one."""
        word = tok.text.casefold()
        names = {
            r.name: r
            for r in refs
            if r.type in ("PERSON", "ORG") and (r.name.casefold() == word or r.name.casefold().split()[-1] == word)
        }
        if len(names) > 1:
            return None
        if not names:
            # an untagged name as the subject of a reporting verb ("Musk said ..."): most
            # often a person; the store joins it to a known person only with evidence
            if tok.is_title and not any(c.dep_ == "compound" for c in tok.children):
                return EntityRef(
                    name=tok.text, type="PERSON", surface=tok.text, char_start=tok.idx, char_end=tok.idx + len(tok)
                )
            return None
        r = next(iter(names.values()))
        return EntityRef(name=r.name, type=r.type, surface=tok.text, char_start=tok.idx, char_end=tok.idx + len(tok))

    def _subject_entity(self, group: list[Span], refs: list[EntityRef]) -> EntityRef | None:
        for sent in group:
            subj = next((c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.lower_ not in PRONOUNS:
                ent = self._entity_for(subj.subtree, refs, subj)
                if ent is None and subj.pos_ == "PROPN" and subj.lower_ not in NOT_SPEAKER_NAMES:
                    # "Sutskever framed the problem ...": a surname the model did not tag
                    ent = self._named_elsewhere(subj, refs)
                return ent
        return None

    def _narration(self, group: list[Span], refs: list[EntityRef]) -> EntityRef | None:
        """The named subject of a reporting verb that reports nothing ("Musk did not say how
        ...", "Apple declined to say when ...")."""
        for sent in group:
            for tok in sent:
                if _reporting(tok) and _refused(tok):
                    head = tok.head if tok.dep_ == "xcomp" else tok
                    subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
                    if subj is not None and subj.lower_ not in PRONOUNS:
                        ent = self._entity_for(subj.subtree, refs, subj)
                        if ent is None and subj.pos_ == "PROPN" and subj.lower_ not in NOT_SPEAKER_NAMES:
                            ent = self._named_elsewhere(subj, refs)
                        if ent is not None:
                            return ent
        return None

    def _attribution(
        self,
        group: list[Span],
        refs: list[EntityRef],
        quotes: list[tuple[int, int]],
        last: dict[str, EntityRef],
        doc_text: str,
    ) -> tuple[EntityRef | None, str | None, str | None]:
        """(speaker entity, speaker phrase, verb) for one claim group."""
        candidates: list[tuple[int, Token]] = []
        for sent in group:
            for tok in sent:
                if _inside(tok.idx, quotes):
                    continue
                if tok.lower_ == "according" and any(c.lower_ == "to" for c in tok.children):
                    candidates.append((0, tok))
                elif _reporting(tok):
                    rank = 1 if tok.dep_ == "ROOT" else 2
                    candidates.append((rank, tok))
        for _, verb in sorted(candidates, key=lambda c: c[0]):
            if _refused(verb):
                continue
            if verb.lower_ == "according":
                to = next(c for c in verb.children if c.lower_ == "to")
                objs = [c for c in to.children if c.dep_ == "pobj"]
                if objs:
                    ent = self._entity_for(objs[0].subtree, refs, objs[0])
                    return ent, " ".join(t.text for t in objs[0].subtree), "according to"
                continue
            said = _verb_text(verb)
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subj is None:
                # passive: "is estimated to have cost" has no speaker unless "by X" names one
                agent = next((c for c in verb.children if c.dep_ == "agent"), None)
                subj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            if subj is None and verb.dep_ in ("conj", "xcomp"):
                subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
            if subj is None:
                continue
            if subj.lower_ in PRONOUNS:
                want = PRONOUNS[subj.lower_]
                ent = last.get(want or "any")
                if ent is not None:
                    return ent, subj.text, said
                continue
            if subj.lower_ in ("i", "we", "you", "this", "that", "which", "who"):
                continue
            if subj.lower_ in COMPANY_NOUNS and any(c.dep_ == "det" and c.lower_ == "the" for c in subj.children):
                # "..., the company said": the organisation named earlier in this sentence,
                # else the one last named
                earlier = [r for r in refs if r.type == "ORG" and group[0].start_char <= r.char_start < subj.idx]
                ent = earlier[0] if earlier else last.get("ORG")
                if ent is not None:
                    return ent, " ".join(t.text for t in subj.subtree), said
            sub = list(subj.subtree)
            phrase = doc_text[sub[0].idx : sub[-1].idx + len(sub[-1])]
            ent = self._entity_for(sub, refs, subj)
            if ent is None and subj.pos_ == "NOUN" and any(c.lower_ == "the" for c in subj.children):
                # "The writer revealed ..." in an article about the company Writer
                ent = next((r for r in refs if r.type == "ORG" and r.name.casefold() == subj.lower_), None)
            if subj.lower_ in NOT_SPEAKER_NAMES and (
                ent is None or (ent.char_start, ent.char_end) == (subj.idx, subj.idx + len(subj))
            ):
                # "Research has shown", "Experts say": never an entity; "analysts at
                # Bernstein" is resolved to the organisation below, "a study published in
                # Nature" stays an unnamed source (its phrase), a bare generic noun names no
                # source at all: the claim keeps its verb and has no speaker
                ent = None
                bare = all(t.i == subj.i or t.lower_ in BARE_DETERMINERS for t in sub)
                if bare and subj.lower_ in GENERIC_SOURCES:
                    return None, None, said
            if (
                ent is not None
                and ent.type in ("GPE", "NORP")
                and subj.pos_ == "NOUN"
                and not ent.char_start <= subj.idx < ent.char_end
            ):
                # "the Hangzhou lab said", "Australia's online safety regulator said": a place
                # that only modifies the source is not the source; keep the phrase
                ent = None
            if (
                subj.lemma_.lower() in SPOKES_NOUNS
                and ent is not None
                and ent.type == "ORG"
                and not ent.char_start <= subj.idx < ent.char_end
            ):
                # "a spokesperson for Singtel", "a Foxconn spokesperson": the organisation speaks
                return ent, phrase, said
            if subj.lemma_.lower() in GROUP_NOUNS and (ent is None or ent.type == "PERSON"):
                # "analysts at Bernstein", "researchers from Stanford": the organisation
                for prep in (c for c in subj.children if c.dep_ == "prep" and c.lower_ in ("at", "from", "with")):
                    obj = next((c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "PROPN"), None)
                    if obj is not None:
                        toks = [t for t in obj.subtree if t.pos_ == "PROPN"]
                        tagged = next((r for r in refs if r.char_start <= obj.idx < r.char_end), None)
                        name = tagged.name if tagged else " ".join(t.text for t in toks)
                        ent = EntityRef(
                            name=name,
                            type="ORG",
                            surface=obj.text,  # people work *at* organisations
                            char_start=toks[0].idx,
                            char_end=toks[-1].idx + len(toks[-1]),
                        )
                        break
            if subj.lemma_.lower() in ROLE_NOUNS and (ent is None or ent.type != "PERSON"):
                # "the xAI owner told ...", "the company's chief executive said" -> the person
                # last named, or (in a lede, before any name) the article's main speaker
                if "PERSON" in last:
                    return last["PERSON"], phrase, said
                return ROLE_PENDING, phrase, said
            if ent is None and subj.pos_ == "PROPN" and subj.lower_ not in NOT_SPEAKER_NAMES:
                ent = self._named_elsewhere(subj, refs)
            return ent, phrase, said
        return None, None, None

    # -- the component ----------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        refs: list[EntityRef] = doc._.entity_refs or []
        figures: list[Figure] = doc._.figures or []
        doc_text = doc.text  # Doc.text joins every token on each access: read it once
        quotes = _quote_spans(doc_text)
        claims: list[Claim] = []
        last: dict[str, EntityRef] = {}  # last speaker or sentence subject, by type
        prev_quote_claim: Claim | None = None
        paragraph = -1
        for group in self._groups(doc, doc_text):
            start, end = group[0].start_char, group[-1].end_char
            text = doc_text[start:end]
            lead = len(text) - len(text.lstrip())
            start, end = start + lead, start + len(text.rstrip())
            text = doc_text[start:end]
            para = doc_text.count("\n", 0, start)
            if para != paragraph:
                paragraph = para
                prev_quote_claim = None  # a quotation does not run on into the next paragraph
            n_tokens = sum(1 for s in group for t in s if not t.is_punct and not t.is_space)
            speaker, phrase, verb = self._attribution(group, refs, quotes, last, doc_text)
            in_group_quotes = [(a, b) for a, b in quotes if a >= start and b <= end]
            fully_quoted = (
                bool(in_group_quotes) and in_group_quotes[0][0] == start and in_group_quotes[-1][1] >= end - 1
            )
            continuation = False
            if verb is None and fully_quoted and prev_quote_claim is not None:
                speaker, phrase, verb = prev_quote_claim.speaker, prev_quote_claim.speaker_text, prev_quote_claim.verb
                continuation = True
            figs = [f for f in figures if f.char_start >= start and f.char_end <= end]
            lemmas = {t.lemma_.lower() for s in group for t in s}
            prediction = bool(lemmas & PREDICTION_WORDS) and (
                any(f.time_ref for f in figs)
                or bool(lemmas & {"predict", "forecast", "expect", "project", "anticipate"})
                or verb is not None
            )
            ents = [r for r in refs if r.char_start >= start and r.char_end <= end]
            # what "he", "she", "it" point back to next: the nearest preceding sentence's
            # speaker, else its subject (a surname the model missed included); "the company"
            # also to the first organisation a sentence names ("Musk did not say how xAI
            # would ..."). Other people a sentence names are not taken ("told Stagwell's Mark
            # Penn", products the model takes for people).
            antecedent = speaker if speaker is not ROLE_PENDING else None
            antecedent = antecedent or self._subject_entity(group, refs)
            named_org = next((r for r in ents if r.type == "ORG"), None)
            if named_org is not None and (antecedent is None or antecedent.type != "ORG"):
                last["ORG"] = named_org
            if antecedent is not None and antecedent.type in ("PERSON", "ORG"):
                last["any"] = antecedent
                last[antecedent.type] = antecedent
            attributed = verb is not None and (speaker is not None or bool(phrase))
            unnamed = verb is not None and speaker is None and not phrase  # "Research has shown that ..."
            # "Musk did not say how ...": the reporter's statement about a named person, a
            # claim about them (they are among its entities), never one made by them
            narrated = None if attributed or unnamed else self._narration(group, refs)
            if narrated is not None and not any(r.name == narrated.name for r in ents):
                ents.append(narrated)  # the person the narration is about, as the article names them
            is_claim = attributed or unnamed or bool(figs) or prediction or narrated is not None
            if not is_claim or text.endswith("?") or len(text) > self.settings.max_claim_chars:
                prev_quote_claim = None
                continue
            if n_tokens < (3 if continuation else self.settings.min_claim_tokens):
                continue
            tokens = [t for sent in group for t in sent]
            hedged = _hedged(tokens)
            negated = _negated(tokens)
            quoted = bool(in_group_quotes)
            if figs:
                kind = "statistic"
            elif quoted and attributed:
                kind = "quote"
            elif prediction:
                kind = "prediction"
            elif attributed or unnamed:
                kind = "attribution"
            else:
                kind = "event"
            features = sentence_features(tokens, len(figs))
            features.update(
                speaker=speaker is not None,
                reporting_verb=verb is not None,
                hedged=hedged,
                quote=quoted,
                prediction=prediction,
            )
            score = default_score(features)
            claim = Claim(
                text=text,
                char_start=start,
                char_end=end,
                kind=kind,
                speaker=speaker,
                speaker_text=phrase,
                verb=verb,
                hedged=hedged,
                negated=negated,
                checkworthiness=score,
                features=features,
                entities=ents,
                figures=figs,
                quote_spans=in_group_quotes,
                lemmas=" ".join(t.lemma_.lower() for s in group for t in s if t.is_alpha),
            )
            claims.append(claim)
            prev_quote_claim = claim if quoted and verb is not None else None
        pending = [c for c in claims if c.speaker is ROLE_PENDING]
        if pending:
            people = Counter(c.speaker.name for c in claims if c.speaker is not None and c.speaker.type == "PERSON")
            main = next(
                (
                    c.speaker
                    for c in claims
                    if people and c.speaker is not None and c.speaker.name == people.most_common(1)[0][0]
                ),
                None,
            )
            for c in pending:
                c.speaker = main
                c.features["speaker"] = main is not None
        doc._.claims = claims
        return doc
