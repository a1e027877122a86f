"""Dutch NLP for pre-clustering answers: one module per stage.

``pipeline`` (which spaCy pipeline) → ``preprocess`` (tokens) → ``features`` (vectors) → ``cluster`` (the
estimator) → ``describe`` (terms, labels, representatives, themes); ``precluster`` strings the stages together and
``runs`` runs them on a question and keeps the run through :mod:`coding.store.cluster_runs`. ``suggest`` is the
theme suggester (an estimator); ``rules`` matches codebook keywords. What the suggester and the rules may code is
decided in :mod:`coding.work`. The CLI and the UI call :func:`coding.nlp.runs.cluster_question` and
:func:`coding.nlp.runs.latest_run`.
"""
