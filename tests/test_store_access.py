"""The role rules, enforced in the store's write path: every action by every role, on SQLite and PostgreSQL.

Once one account exists, an actor without the role an action needs on its study gets PermissionDenied and the
database stays exactly as it was; with no accounts (the rest of the suite) nothing is checked.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from coding.codebook import CodebookSpec, ThemeSpec
from coding.design import Routing, parse_condition
from coding.errors import CodingError, PermissionDenied
from coding.ingest.survey import SurveyMapping, import_survey
from coding.store import Store
from coding.store.access import accounts_exist, may, study_role
from coding.store.accounts import grant
from coding.store.codebooks import load_codebook
from coding.store.codings import (
    add_coding,
    code_open_answers,
    remove_coding,
    set_memo,
    set_quote,
    undo_last,
)
from coding.store.models import Base
from coding.store.segments import segments_frame
from coding.store.studies import list_studies, question_ref, study_ref
from coding.store.themes import add_theme, retire_theme
from coding.store.waves import set_routing
from coding.store.workspace import create_study, study_names
from coding.vocabulary import Role, Source
from coding.work.double_coding import adjudicate, close_round, draw_sample, set_assignment_memo
from tests.account_fixtures import fast_hashing, team_study  # noqa: F401 - fast_hashing is an autouse fixture
from tests.helpers import SURVEY_ROWS, write_csv
from tests.store_fixtures import QUESTION, STUDY, small_question, small_study


def snapshot(store: Store) -> dict[str, int]:
    """The number of rows in every table (the event table included): what must not change on a refusal."""
    with store.read() as session:
        return {t.name: int(session.scalar(select(func.count()).select_from(t)) or 0)
                for t in Base.metadata.sorted_tables}


def first_answer(store: Store) -> int:
    return int(segments_frame(store, small_question(store), substantive_only=True)["segment_id"].iloc[0])


def refused(store: Store, action: Callable[[], Any]) -> PermissionDenied:
    """Run ``action``, which must be refused, and check that nothing in the database changed."""
    before = snapshot(store)
    with pytest.raises(PermissionDenied) as caught:
        action()
    assert snapshot(store) == before
    return caught.value


def test_with_no_accounts_nothing_is_checked(store: Store, tmp_path: Path) -> None:
    themes = small_study(store, tmp_path)
    assert not accounts_exist(store)
    assert add_coding(store, first_answer(store), themes["vertrouwen"], "wie dan ook")
    assert study_names(store.as_user("wie dan ook")) == ["monitor"]


def test_codeur_codes_lezer_and_outsiders_do_not(store: Store, tmp_path: Path) -> None:
    themes = team_study(store, tmp_path)
    segment = first_answer(store)
    theme = themes["vertrouwen"]
    assert add_coding(store, segment, theme, "bram")
    for who in ("lena", "otto", "nobody", "import"):
        error = refused(store, lambda who=who: add_coding(store, segment, theme, who))
        assert "codeur" in str(error) or "geen gebruiker" in str(error)
    message = str(refused(store, lambda: add_coding(store, segment, theme, "lena")))
    assert "'lena' mag in studie 'monitor' geen antwoorden coderen" in message and "rol: lezer" in message
    assert "coding users grant lena --study 'monitor' --role codeur" in message
    # beheerders may code too (the roles build on each other)
    assert add_coding(store, segment, theme, "mira")
    assert add_coding(store, segment, theme, "anna")


@pytest.mark.parametrize("name", ["memo", "quote", "suggestions"])
def test_every_coding_action_needs_codeur(store: Store, tmp_path: Path, name: str) -> None:
    themes = team_study(store, tmp_path)
    segment = first_answer(store)
    theme = themes["opvolging"]
    q = small_question(store)
    actions: dict[str, Callable[[str], Any]] = {
        "memo": lambda who: set_memo(store, segment, f"memo van {who}", who),
        "quote": lambda who: set_quote(store, segment, True, who),
        "suggestions": lambda who: code_open_answers(store, q, [(segment, theme)], who, Source.SUGGESTION),
    }
    action = actions[name]
    refused(store, lambda: action("lena"))
    refused(store, lambda: action("otto"))
    action("bram")


def test_undo_and_remove_by_a_lezer_are_refused_even_when_they_would_change_something(
    store: Store, tmp_path: Path
) -> None:
    themes = team_study(store, tmp_path)
    segment = first_answer(store)
    theme = themes["opvolging"]
    add_coding(store, segment, theme, "bram")
    # lena loses her role after coding as codeur: her own coding stays, but she may no longer change it
    grant(store, "lena", "codeur", study_ref(store, STUDY), actor="mira")
    add_coding(store, segment, theme, "lena")
    grant(store, "lena", "lezer", study_ref(store, STUDY), actor="mira")
    refused(store, lambda: remove_coding(store, segment, theme, "lena"))
    refused(store, lambda: undo_last(store, "lena", study_ref(store, STUDY).id))


def test_beheerder_actions_are_refused_to_codeurs(store: Store, tmp_path: Path) -> None:
    themes = team_study(store, tmp_path)
    q = small_question(store)
    spec = CodebookSpec(question=QUESTION, themes=[ThemeSpec(code="nieuw", label="Nieuw thema")])
    path = write_csv(tmp_path / "golf2.csv", [*SURVEY_ROWS, ["R9", "medewerker", "gemeente", "1", "Nieuw antwoord"]])
    mapping = SurveyMapping(id="respondent_id", texts=[QUESTION], attributes=["doelgroep", "bestuurslaag"],
                            weight="weging")
    routing = Routing((parse_condition("doelgroep=medewerker"),))
    manager_actions: dict[str, Callable[[str], Any]] = {
        "import": lambda who: import_survey(store, path, STUDY, mapping, actor=who),
        "theme": lambda who: add_theme(store, q, "extra", "Extra", who),
        "retire": lambda who: retire_theme(store, q, "opvolging", who),
        "routing": lambda who: set_routing(store, q, None, routing, actor=who),
        "double": lambda who: draw_sample(store, q, ["bram", "carla"], size=2, seed=1, actor=who),
        "codebook": lambda who: load_codebook(store, q, spec, who),
    }
    for name, action in manager_actions.items():
        for who in ("bram", "lena", "otto"):
            error = refused(store, lambda action=action, who=who: action(who))
            assert "beheerder" in str(error), name
        action("mira")  # the study's beheerder may
    assert themes


def test_adjudicating_and_closing_a_round_need_beheerder(store: Store, tmp_path: Path) -> None:
    themes = team_study(store, tmp_path)
    q = small_question(store)
    sample = draw_sample(store, q, ["bram", "carla"], size=2, seed=1, actor="mira")
    segment = sample.segment_ids[0]
    add_coding(store, segment, themes["vertrouwen"], "bram")
    add_coding(store, segment, themes["opvolging"], "carla")
    set_assignment_memo(store, segment, "bram", "twijfel")
    grant(store, "carla", "lezer", study_ref(store, STUDY), actor="mira")  # carla is now only a reader
    refused(store, lambda: set_assignment_memo(store, segment, "carla", "x"))
    refused(store, lambda: adjudicate(store, segment, ["vertrouwen"], "lena"))
    refused(store, lambda: adjudicate(store, segment, ["vertrouwen"], "otto"))
    refused(store, lambda: close_round(store, q, "bram"))
    assert adjudicate(store, segment, ["vertrouwen"], "mira") == 1
    assert close_round(store, q, "mira") == 1
    assert close_round(store, q, "mira") == 0  # nothing open any more


def test_double_coding_needs_coders_with_a_role(store: Store, tmp_path: Path) -> None:
    team_study(store, tmp_path)
    q = small_question(store)
    with pytest.raises(CodingError, match="niet: lena, otto"):
        draw_sample(store, q, ["bram", "lena", "otto"], size=2, seed=1, actor="mira")


def test_creating_a_study_needs_a_beheerder_of_every_study(store: Store, tmp_path: Path) -> None:
    team_study(store, tmp_path)
    error = refused(store, lambda: create_study(store, "nieuw", "mira"))
    assert "rol beheerder op alle studies" in str(error)
    refused(store, lambda: create_study(store, "nieuw", "bram"))
    assert create_study(store, "nieuw", "anna").name == "nieuw"
    # an import into a new study creates it: also the global beheerder only
    path = write_csv(tmp_path / "e.csv", SURVEY_ROWS)
    mapping = SurveyMapping(id="respondent_id", texts=[QUESTION])
    refused(store, lambda: import_survey(store, path, "andere", mapping, actor="mira"))
    import_survey(store, path, "andere", mapping, actor="anna")


def test_a_store_bound_to_a_user_acts_only_in_their_name(store: Store, tmp_path: Path) -> None:
    themes = team_study(store, tmp_path)
    segment = first_answer(store)
    as_bram = store.as_user("bram")
    error = refused(store, lambda: add_coding(as_bram, segment, themes["vertrouwen"], "carla"))
    assert "'bram' kan niet op naam van 'carla' handelen" in str(error)
    assert add_coding(as_bram, segment, themes["vertrouwen"], "bram")


def test_a_user_sees_only_the_studies_they_have_a_role_in(store: Store, tmp_path: Path) -> None:
    team_study(store, tmp_path)
    assert study_names(store) == ["monitor", "pilot"]  # the store itself (the system) sees all
    assert study_names(store, "anna") == ["monitor", "pilot"]
    assert study_names(store, "bram") == ["monitor"]
    assert study_names(store.as_user("otto")) == ["pilot"]
    assert study_names(store, "nobody") == []
    assert list(list_studies(store, "otto")["study"]) == ["pilot"]
    assert list(list_studies(store.as_user("lena"))["study"]) == ["monitor"]
    with pytest.raises(PermissionDenied, match="bestaat niet, of 'otto' heeft er geen rol in"):
        study_ref(store.as_user("otto"), STUDY)
    with pytest.raises(PermissionDenied):
        question_ref(store.as_user("otto"), STUDY, QUESTION)
    # the same message for a study that does not exist: nothing tells which names exist
    with pytest.raises(PermissionDenied, match="bestaat niet, of 'otto' heeft er geen rol in"):
        study_ref(store.as_user("otto"), "geheim")
    assert question_ref(store.as_user("lena"), STUDY, QUESTION).name == QUESTION


def test_roles_and_may(store: Store, tmp_path: Path) -> None:
    team_study(store, tmp_path)
    monitor = study_ref(store, STUDY)
    assert study_role(store, "anna", monitor) == Role.MANAGER
    assert study_role(store, "mira", monitor) == Role.MANAGER
    assert study_role(store, "bram", monitor) == Role.CODER
    assert study_role(store, "lena", monitor) == Role.READER
    assert study_role(store, "otto", monitor) is None
    assert may(store, "bram", monitor, "coding.add") and not may(store, "bram", monitor, "import.survey")
    assert may(store, "bram", monitor, "cluster.run") and not may(store, "lena", monitor, "cluster.run")
    assert not may(store, "mira", None, "study.create") and may(store, "anna", None, "study.create")


def test_long_work_is_refused_before_it_starts(store: Store, tmp_path: Path) -> None:
    from coding.ingest.codings import import_codings
    from coding.ingest.transcripts import import_transcripts
    from coding.nlp.runs import cluster_question

    team_study(store, tmp_path)
    q = small_question(store)
    missing = tmp_path / "bestaat-niet.csv"  # refused before the file is even opened
    mapping = SurveyMapping(id="respondent_id", texts=[QUESTION])
    refused(store, lambda: import_survey(store, missing, STUDY, mapping, actor="bram"))
    refused(store, lambda: import_transcripts(store, [missing], STUDY, "interviews", actor="bram"))
    refused(store, lambda: import_codings(store, missing, q, id_column="id", theme_column="t", actor="bram"))
    refused(store, lambda: import_codings(store, missing, q, id_column="id", theme_column="t", coder="bram"))
    refused(store, lambda: cluster_question(store, q, actor="lena"))
