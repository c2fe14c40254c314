"""Language: the spaCy pipeline (``pipeline``: one component per file: ``paragraphs``,
``entity_fixes``, ``figures``, ``claims``), check-worthiness (``checkworthy``) and sentence
embeddings (``embed``). Importing this package loads nothing heavy: spaCy comes with
``kb.nlp.pipeline``, torch with the first embedding."""
