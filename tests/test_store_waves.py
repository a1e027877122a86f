"""Issue 13: waves (metingen) and routing (who was asked) through the import, the store and its queries."""

from __future__ import annotations

from pathlib import Path

import pytest

from coding.codebook import CodebookSpec, ThemeSpec
from coding.design import parse_routing
from coding.errors import ConflictError, InputError
from coding.ingest.codings import import_codings
from coding.ingest.survey import SurveyMapping, import_survey
from coding.store import Store, question_ref, study_ref
from coding.store.cluster_runs import answers_to_cluster
from coding.store.codebooks import load_codebook
from coding.store.double_coding import sample_population
from coding.store.progress import coder_progress
from coding.store.queue import QueueFilter, queue_count
from coding.store.segments import codings_frame, respondents_frame, segments_frame
from coding.store.studies import study_status
from coding.store.waves import list_waves, question_routing, set_routing, wave_status
from tests.helpers import write_csv
from tests.ingest_helpers import dump

STUDY = "monitor"
Q = "belemmeringen"
HEADER = ["id", "vrij", "belemmeringen", "algemeen"]
#: R1 and R3 do not feel free (asked 'belemmeringen'); R2 feels free but wrote something anyway; R4 not asked.
WAVE_2022 = [HEADER, ["R1", "nee", "Geen vertrouwen in de leiding", "prima"],
             ["R2", "ja", "toch iets ingevuld", "goed"], ["R3", "nee", "weet niet", "ok"], ["R4", "ja", "", "ok"]]
WAVE_2024 = [HEADER, ["R1", "nee", "Er wordt niets mee gedaan", "prima"], ["R2", "nee", "", "goed"],
             ["R5", "ja", "", "matig"]]
MAPPING = SurveyMapping(id="id", texts=[Q, "algemeen"], attributes=["vrij"])
ROUTED = ["belemmeringen:vrij=nee"]
SPEC = CodebookSpec(question=Q, themes=[ThemeSpec(code="vertrouwen", label="Vertrouwen"),
                                        ThemeSpec(code="opvolging", label="Opvolging")])


def _import(store: Store, tmp_path: Path, rows: list[list[str]], wave: str | None, **kwargs: object):  # type: ignore[no-untyped-def]
    path = write_csv(tmp_path / f"meting_{wave}.csv", rows)
    return import_survey(store, path, STUDY, MAPPING, wave=wave, **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def two_waves(store: Store, tmp_path: Path) -> Store:
    _import(store, tmp_path, WAVE_2022, "2022", asked_if=ROUTED)
    _import(store, tmp_path, WAVE_2024, "2024", asked_if=ROUTED)
    return store


def test_the_same_id_in_two_waves_is_two_respondents(two_waves: Store) -> None:
    store = two_waves
    assert list_waves(store, study_ref(store, STUDY)) == ["2022", "2024"]
    people = respondents_frame(store, study_ref(store, STUDY))
    assert list(people.columns[:4]) == ["respondent_id", "kind", "weight", "wave"]
    assert sorted(zip(people["wave"], people["respondent_id"], strict=True)) == [
        ("2022", "R1"), ("2022", "R2"), ("2022", "R3"), ("2022", "R4"), ("2024", "R1"), ("2024", "R2"),
        ("2024", "R5")]


def test_routing_leaves_not_asked_answers_out_of_every_frame_queue_and_count(two_waves: Store) -> None:
    store = two_waves
    question = question_ref(store, STUDY, Q)
    segments = segments_frame(store, question)
    assert sorted(zip(segments["wave"], segments["respondent_id"], strict=True)) == [
        ("2022", "R1"), ("2022", "R3"), ("2024", "R1"), ("2024", "R2")]
    everyone = segments_frame(store, question, include_not_asked=True)
    assert len(everyone) == 7 and (~everyone["asked"]).sum() == 3
    assert queue_count(store, question, "anna") == 2  # R1 of both waves; 'weet niet' and empty are not substantive
    assert queue_count(store, question, "anna", QueueFilter(wave="2024")) == 1
    assert queue_count(store, question, "anna", QueueFilter(include_nonsubstantive=True)) == 4
    assert len(answers_to_cluster(store, question).segment_ids) == 4
    assert len(answers_to_cluster(store, question, wave="2022").segment_ids) == 2
    routing = question_routing(store, question)
    assert set(routing) == {"2022", "2024"} and routing["2022"].condition() == "vrij = nee"
    assert question_routing(store, question_ref(store, STUDY, "algemeen")) == {}


def test_status_per_wave_and_question(two_waves: Store) -> None:
    table = wave_status(two_waves, study_ref(two_waves, STUDY))
    rows = {(r.wave, r.question): r for r in table.itertuples()}
    first = rows[("2022", Q)]
    assert (first.gevraagd, first._4, first.leeg, first._6, first.gecodeerd) == (2, 2, 0, 1, 0)
    second = rows[("2024", Q)]
    assert (second.gevraagd, second._4, second.leeg) == (2, 1, 1)
    assert rows[("2022", "algemeen")].gevraagd == 4 and rows[("2022", "algemeen")]._4 == 0


def test_a_not_asked_respondent_changes_no_count(store: Store, tmp_path: Path) -> None:
    """The same wave with and without an extra respondent the routing did not ask: every count is the same."""
    counted = []
    for name, rows in (("zonder", WAVE_2022[:2]), ("met", [*WAVE_2022[:2], ["R9", "ja", "Geen vertrouwen", "x"]])):
        path = write_csv(tmp_path / f"{name}.csv", rows)
        import_survey(store, path, name, MAPPING, wave="2022", asked_if=ROUTED)
        question = question_ref(store, name, Q)
        load_codebook(store, question, SPEC, "lead")
        codings = write_csv(tmp_path / f"{name}_c.csv", [["id", "thema"], ["R1", "vertrouwen"]])
        import_codings(store, codings, question, id_column="id", theme_column="thema", coder="anna")
        study = study_ref(store, name)
        status = study_status(store, study)
        counted.append((
            queue_count(store, question, "bram"), len(segments_frame(store, question)),
            len(codings_frame(store, question)), len(answers_to_cluster(store, question).segment_ids),
            len(sample_population(store, question)), len(sample_population(store, question, wave="2022")),
            status[status["question"] == Q].drop(columns="question").to_dict("records"),
            coder_progress(store, study).drop(columns="last_coded_at").to_dict("records"),
            wave_status(store, study).query("question == @Q")[["gevraagd", "leeg", "niet-inhoudelijk",
                                                                 "gecodeerd"]].to_dict("records"),
        ))
    assert counted[0] == counted[1]


def test_a_not_asked_answer_with_text_is_a_warning(store: Store, tmp_path: Path) -> None:
    report = _import(store, tmp_path, WAVE_2022, "2022", asked_if=ROUTED)
    assert report.not_asked == 2
    assert any("1 respondent(en)" in w and "niet gevraagd" in w for w in report.warnings), report.warnings
    assert "Let op:" in report.summary()


def test_an_existing_wave_is_refused_unless_replaced_and_replacing_keeps_unchanged_codings(
    store: Store, tmp_path: Path
) -> None:
    _import(store, tmp_path, WAVE_2022, "2022", asked_if=ROUTED)
    question = question_ref(store, STUDY, Q)
    load_codebook(store, question, SPEC, "lead")
    import_codings(store, write_csv(tmp_path / "c.csv", [["id", "thema"], ["R1", "vertrouwen"], ["R3", "opvolging"]]),
                   question, id_column="id", theme_column="thema", coder="anna", wave="2022")
    before = dump(store)
    with pytest.raises(InputError, match="Meting 2022 staat al in studie 'monitor'") as refused:
        _import(store, tmp_path, WAVE_2022, "2022", asked_if=ROUTED)
    assert "--replace-wave" in (refused.value.hint or "")
    assert dump(store) == before
    changed = [HEADER, ["R1", "nee", "Geen vertrouwen in de leiding", "prima"], ["R3", "nee", "Te druk", "ok"],
               ["R6", "nee", "Niemand luistert", "ok"]]
    report = _import(store, tmp_path, changed, "2022", asked_if=ROUTED, replace_wave=True)
    assert report.respondents_added == 1
    coded = codings_frame(store, question)
    assert list(coded["respondent_id"]) == ["R1"]  # R3's answer changed: its coding went with it
    assert sorted(segments_frame(store, question)["respondent_id"]) == ["R1", "R3", "R6"]  # R2, R4 left the wave


def test_a_wave_column_imports_several_waves_and_a_colliding_label_is_refused(store: Store, tmp_path: Path) -> None:
    rows = [["id", "jaar", "vrij", Q, "algemeen"], ["R1", "2022", "nee", "a", "b"], ["R1", "2024", "nee", "c", "d"],
            ["R2", "2024", "ja", "e", "f"]]
    mapping = SurveyMapping(id="id", texts=[Q, "algemeen"], attributes=["vrij"], wave_column="jaar")
    report = import_survey(store, write_csv(tmp_path / "alles.csv", rows), STUDY, mapping, asked_if=ROUTED)
    assert report.waves == ["2022", "2024"] and report.not_asked == 1
    assert list_waves(store, study_ref(store, STUDY)) == ["2022", "2024"]
    before = dump(store)
    with pytest.raises(InputError, match="Meting 2024 staat al"):
        import_survey(store, write_csv(tmp_path / "m.csv", [["id", "vrij", Q, "algemeen"], ["R1", "x", "y", "z"]]),
                      STUDY, MAPPING, wave="2024")
    with pytest.raises(InputError, match=r"heeft metingen \(2022, 2024\); zeg van welke meting"):
        import_survey(store, write_csv(tmp_path / "m.csv", [["id", "vrij", Q, "algemeen"], ["R1", "x", "y", "z"]]),
                      STUDY, MAPPING)
    with pytest.raises(InputError, match="Zowel --wave"):
        import_survey(store, write_csv(tmp_path / "alles.csv", rows), STUDY, mapping, wave="2026")
    assert dump(store) == before


def test_a_label_differing_only_in_case_collides(store: Store, tmp_path: Path) -> None:
    _import(store, tmp_path, WAVE_2022, "Voorjaar 2022")
    before = dump(store)
    with pytest.raises(InputError, match="botst met meting 'Voorjaar 2022'"):
        _import(store, tmp_path, WAVE_2024, "voorjaar  2022")
    assert dump(store) == before


@pytest.mark.parametrize("asked_if,message", [
    (["onbekend:vrij=nee"], "noemt vraag 'onbekend'"),
    (["belemmeringen:leeftijd=jong"], "kolom 'leeftijd', maar die staat niet in het bestand"),
    (["belemmeringen:algemeen=ok"], "noemt kolom 'algemeen'"),
    (["belemmeringen"], "noemt geen vraag"),
])
def test_bad_routing_is_refused_and_nothing_is_written(store: Store, tmp_path: Path, asked_if: list[str],
                                                       message: str) -> None:
    before = dump(store)
    with pytest.raises(InputError, match=message) as error:
        _import(store, tmp_path, WAVE_2022, "2022", asked_if=asked_if)
    assert error.value.file is None or "meting_2022.csv" in error.value.file
    assert dump(store) == before


def test_a_routing_value_that_never_occurs_is_a_warning_listing_those_that_do(store: Store, tmp_path: Path) -> None:
    report = _import(store, tmp_path, WAVE_2022, "2022", asked_if=["belemmeringen:vrij=neee"])
    assert any("'neee'" in w and "wel: 'ja', 'nee'" in w for w in report.warnings), report.warnings


def test_codings_need_a_wave_in_a_study_with_several_and_not_asked_respondents_are_refused(
    two_waves: Store, tmp_path: Path
) -> None:
    store = two_waves
    question = question_ref(store, STUDY, Q)
    load_codebook(store, question, SPEC, "lead")
    file = write_csv(tmp_path / "c.csv", [["id", "thema"], ["R1", "vertrouwen"]])
    before = dump(store)
    with pytest.raises(InputError, match=r"2 metingen \(2022, 2024\)"):
        import_codings(store, file, question, id_column="id", theme_column="thema", coder="anna")
    not_asked = write_csv(tmp_path / "n.csv", [["id", "thema"], ["R1", "vertrouwen"], ["R2", "opvolging"],
                                               ["R4", "opvolging"]])
    with pytest.raises(InputError, match=r"routing niet kregen: 'R2' \(rij 3\), 'R4' \(rij 4\)"):
        import_codings(store, not_asked, question, id_column="id", theme_column="thema", coder="anna", wave="2022")
    assert dump(store) == before
    import_codings(store, file, question, id_column="id", theme_column="thema", coder="anna", wave="2024")
    coded = codings_frame(store, question)
    assert list(zip(coded["wave"], coded["respondent_id"], strict=True)) == [("2024", "R1")]


def test_routing_set_afterwards_recomputes_who_was_asked(store: Store, tmp_path: Path) -> None:
    _import(store, tmp_path, WAVE_2022, "2022")
    question = question_ref(store, STUDY, Q)
    assert len(segments_frame(store, question)) == 4
    report = set_routing(store, question, None, parse_routing("vrij=nee", "respondenten die zich niet vrij voelen"))
    assert (report.wave, report.asked, report.not_asked, report.not_asked_with_text) == ("2022", 2, 2, 1)
    assert sorted(segments_frame(store, question)["respondent_id"]) == ["R1", "R3"]
    assert question_routing(store, question)["2022"].describe() == "respondenten die zich niet vrij voelen"
    set_routing(store, question, "2022", None)
    assert len(segments_frame(store, question)) == 4 and question_routing(store, question) == {}
    with pytest.raises(InputError, match="geen meting '2030'"):
        set_routing(store, question, "2030", None)
    with pytest.raises(InputError, match="geen kenmerk"):
        set_routing(store, question, "2022", parse_routing("leeftijd=jong"))


def test_routing_that_would_hide_coded_answers_is_refused(store: Store, tmp_path: Path) -> None:
    _import(store, tmp_path, WAVE_2022, "2022")
    question = question_ref(store, STUDY, Q)
    load_codebook(store, question, SPEC, "lead")
    import_codings(store, write_csv(tmp_path / "c.csv", [["id", "thema"], ["R2", "vertrouwen"]]), question,
                   id_column="id", theme_column="thema", coder="anna")
    before = dump(store)
    with pytest.raises(InputError, match="respondenten R2"):
        set_routing(store, question, "2022", parse_routing("vrij=nee"))
    assert dump(store) == before


def test_without_a_wave_reimporting_adds_new_respondents_as_before(store: Store, tmp_path: Path) -> None:
    _import(store, tmp_path, WAVE_2022[:3], None)
    report = _import(store, tmp_path, WAVE_2022, None)
    assert report.respondents_added == 2 and report.respondents_existing == 2
    assert list_waves(store, study_ref(store, STUDY)) == ["1"]
    with pytest.raises(ConflictError):
        _import(store, tmp_path, [HEADER, ["R1", "nee", "iets anders", "prima"]], None)
