"""AppTest of the Clusters page: cluster a question, open a cluster, give a theme to it all or to ticked answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from coding.ingest.survey import SurveyMapping, import_survey
from coding.store import Store
from coding.store.cluster_runs import cluster_progress, latest_run_id
from coding.store.codebooks import load_codebook, theme_table
from coding.store.segments import codings_frame
from tests.helpers import write_csv
from tests.store_fixtures import SPEC
from tests.ui_helpers import STUDY, page_app, ui_question

pytest_plugins = ["tests.ui_fixtures"]  # ui_store, demo_store

QUESTION = "belemmeringen"
TOPICS = [
    "ik vertrouw mijn leidinggevende niet en mijn collega's ook niet",
    "er wordt niets gedaan met een melding, geen opvolging",
    "angst voor represailles en gevolgen voor mijn baan",
]


@pytest.fixture
def study(ui_store: Store, tmp_path: Path) -> dict[str, int]:
    rows = [["respondent_id", QUESTION]] + [
        [f"R{i:03d}", f"{TOPICS[i % 3]} {['echt', 'zeker', 'helaas', 'vaak', 'soms'][i % 5]}"] for i in range(60)
    ] + [["R999", "weet niet"]]
    import_survey(ui_store, write_csv(tmp_path / "c.csv", rows), STUDY, SurveyMapping(id="respondent_id",
                                                                                      texts=[QUESTION]))
    question = ui_question(ui_store, QUESTION)
    load_codebook(ui_store, question, SPEC, "lead")
    themes = theme_table(ui_store, question)
    return dict(zip(themes["code"], themes["theme_id"].astype(int), strict=True))


def test_cluster_open_and_assign(ui_store: Store, study: dict[str, int]) -> None:
    app = page_app("clusters", question=QUESTION, timeout=120).run()
    assert not app.exception
    assert any("nog niet geclusterd" in i.value for i in app.info)
    next(n for n in app.number_input if n.label.startswith("Aantal clusters")).set_value(3)
    next(b for b in app.button if b.label == "Clusteren").click()
    app.run()
    assert not app.exception, app.exception
    question = ui_question(ui_store, QUESTION)
    run_id = latest_run_id(ui_store, question)
    assert run_id is not None
    table = app.dataframe[0].value
    assert {"cluster", "antwoorden", "kenmerkende woorden", "voorgesteld thema", "score", "jij gecodeerd %"} <= set(
        table.columns)
    assert table["nr"].tolist()[:3] == [1, 2, 3]
    first = table.iloc[0]
    # open the first cluster by selecting its row
    app.session_state[f"cl_table_{run_id}"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    app.run()
    assert not app.exception
    answers = app.dataframe[1].value
    assert len(answers) == first["antwoorden"]
    # like a browser: choosing the theme reruns the page before the button can be clicked
    app.selectbox(key=f"cl_theme_{first['nr']}").set_value(study["opvolging"]).run()
    app.button(key="cl_assign_all").click().run()
    assert not app.exception
    codings = codings_frame(ui_store, question)
    assert len(codings) == first["antwoorden"] and set(codings["source"]) == {"cluster"}
    assert set(codings["theme"]) == {"opvolging"}
    assert set(codings["coder"]) == {"anna"}
    progress = cluster_progress(ui_store, run_id, coder="anna").set_index("cluster")
    assert progress.loc[int(first["nr"]), "coded_pct"] == 100.0
    assert app.dataframe[0].value.iloc[0]["jij gecodeerd %"] == 100.0  # progress stays visible in the table
    # tick two answers of the second cluster and give them another theme
    app.session_state[f"cl_table_{run_id}"] = {"selection": {"rows": [1], "columns": [], "cells": []}}
    app.run()
    second = app.dataframe[1].value
    app.session_state[f"cl_answers_{run_id}_{int(table.iloc[1]['nr'])}_1"] = {
        "selection": {"rows": [0, 1], "columns": [], "cells": []}}
    app.run()
    app.selectbox(key=f"cl_theme_{int(table.iloc[1]['nr'])}").set_value(study["represailles"]).run()
    app.button(key="cl_assign_ticked").click().run()
    assert not app.exception
    codings = codings_frame(ui_store, question)
    given = codings[codings["theme"] == "represailles"]["segment_id"].tolist()
    assert sorted(given) == sorted(second["id"].tolist()[:2])


def test_coding_page_filters_by_cluster(ui_store: Store, study: dict[str, int]) -> None:
    from coding.nlp.runs import cluster_question

    run = cluster_question(ui_store, ui_question(ui_store, QUESTION), k=3, seed=0)
    app = page_app("code_answers", question=QUESTION, timeout=60).run()
    assert not app.exception
    first = run.clusters.iloc[0]
    app.selectbox(key="flt_cluster").set_value(int(first["cluster"])).run()
    assert not app.exception
    shown = next(c.value for c in app.caption if "respondent" in c.value)
    assert f"van {int(first['size'])} " in shown
