"""Dutch NLP for pre-clustering answers: one module per stage.

``pipeline`` (which spaCy pipeline) → ``preprocess`` (tokens) → ``features`` (vectors) → ``cluster`` (the
estimator) → ``describe`` (terms, labels, representatives, themes); ``precluster`` strings the stages together and
``runs`` keeps cluster runs in the store. The CLI and the UI call :func:`coding.nlp.runs.cluster_question` and
:func:`coding.nlp.runs.latest_run`.
"""
