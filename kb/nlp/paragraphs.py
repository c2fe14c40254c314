"""``kb_paragraphs_v1``: a line break in the article text always starts a sentence.

Runs before the parser, which respects sentence starts set before it. Keeps claims,
quotations and pronoun resolution inside one paragraph.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("kb_paragraphs_v1", assigns=["token.is_sent_start"])
def paragraphs(doc: Doc) -> Doc:
    for tok in doc[:-1]:
        if "\n" in tok.text or "\n" in tok.whitespace_:
            doc[tok.i + 1].is_sent_start = True
    return doc
