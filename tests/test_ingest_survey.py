"""Tests for coding.ingest.survey: all-or-nothing survey imports on SQLite and PostgreSQL.

Every failing import is checked twice: the error names the file, row and column, and a full dump of the
database is equal before and after (on a store that already holds an earlier import).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import openpyxl
import pandas as pd
import pyreadstat
import pytest
from sqlalchemy import select

from coding.errors import CodingError, ConflictError, InputError
from coding.ingest.reading import OLE_MAGIC
from coding.ingest.survey import MAX_TEXT_LENGTH, SurveyMapping, import_survey, parse_weight
from coding.store import Store
from coding.store.models import Event, Question, Respondent, Segment, Study
from tests.helpers import SURVEY_ROWS, write_csv
from tests.ingest_helpers import count, dump

STUDY = "monitor"
HEADER = ["respondent_id", "doelgroep", "bestuurslaag", "weging", "belemmeringen"]
MAPPING = SurveyMapping(id="respondent_id", texts=["belemmeringen"], attributes=["doelgroep", "bestuurslaag"],
                        weight="weging")


def mapping(**changes: object) -> SurveyMapping:
    """A fresh copy of the standard mapping (lists are not shared between tests)."""
    base = SurveyMapping(id=MAPPING.id, texts=list(MAPPING.texts), attributes=list(MAPPING.attributes),
                         weight=MAPPING.weight)
    return replace(base, **changes)  # type: ignore[arg-type]


def respondents(store: Store, study: str = STUDY) -> dict[str, Respondent]:
    """The study's respondents by external id."""
    with store.read() as session:
        rows = session.scalars(select(Respondent).join(Study).where(Study.name == study)).all()
        return {r.external_id: r for r in rows}


def answers(store: Store, question: str = "belemmeringen") -> dict[str, Segment]:
    """The segments of a question by respondent external id."""
    with store.read() as session:
        rows = session.execute(
            select(Respondent.external_id, Segment).join(Segment, Segment.respondent_id == Respondent.id)
            .join(Question, Question.id == Segment.question_id).where(Question.name == question)
        ).all()
        return {external_id: segment for external_id, segment in rows}


@pytest.fixture
def earlier(store: Store, tmp_path: Path) -> Path:
    """The store already holds the small survey (R1–R5); returns the file that was imported."""
    path = write_csv(tmp_path / "golf1.csv", SURVEY_ROWS)
    import_survey(store, path, STUDY, mapping())
    return path


# --- a happy import ----------------------------------------------------------------------------------------


NONSUBSTANTIVE = [
    ("weet niet", "weet niet"), ("Weet ik niet.", "weet niet"), ("nvt", "n.v.t."), ("n.v.t.", "n.v.t."),
    ("N.V.T", "n.v.t."), ("geen", "geen"), ("Geen opmerkingen", "geen"), ("-", "teken"), ("?", "teken"),
    ("...", "teken"), ("", "leeg"), ("   ", "leeg"),
]


def test_happy_import_stores_study_questions_respondents_and_segments(store: Store, tmp_path: Path) -> None:
    """Study, question, respondents (attributes, weight) and one segment per answer are stored as given."""
    path = write_csv(tmp_path / "enquete.csv", SURVEY_ROWS)
    report = import_survey(store, path, STUDY, mapping(wordings={"belemmeringen": "Wat belemmert u?"}))
    assert (report.respondents_added, report.respondents_existing) == (5, 0)
    assert (report.segments_added, report.segments_unchanged, report.nonsubstantive) == (5, 0, 2)
    assert report.source == "enquete.csv"
    assert "5 nieuwe respondenten" in report.summary()

    with store.read() as session:
        question = session.scalars(select(Question)).one()
    assert (question.name, question.kind, question.wording) == ("belemmeringen", "survey", "Wat belemmert u?")
    people = respondents(store)
    assert sorted(people) == ["R1", "R2", "R3", "R4", "R5"]
    assert people["R2"].attributes == {"doelgroep": "politieke ambtsdrager", "bestuurslaag": "provincie"}
    assert people["R2"].weight == pytest.approx(0.8)
    assert people["R2"].kind == "respondent"
    segments = answers(store)
    assert segments["R1"].text == SURVEY_ROWS[1][4]
    assert segments["R1"].substantive and segments["R1"].nonsubstantive_reason is None
    assert segments["R1"].word_count == len(SURVEY_ROWS[1][4].split())
    assert (segments["R3"].substantive, segments["R3"].nonsubstantive_reason) == (False, "weet niet")
    assert (segments["R4"].text, segments["R4"].nonsubstantive_reason) == ("", "leeg")
    assert all(s.position == 0 and s.document_id is None for s in segments.values())
    assert all(len(s.text_hash) == 40 for s in segments.values())
    with store.read() as session:
        actions = session.scalars(select(Event.action).order_by(Event.id)).all()
    assert actions == ["study.create", "question.create", "import.survey"]


def test_nonsubstantive_answers_are_marked_with_a_reason_not_dropped(store: Store, tmp_path: Path) -> None:
    """'weet niet', 'nvt', 'n.v.t.', 'geen', '-', '?', empty … each keep a segment, marked with its reason."""
    rows = [["id", "antwoord"]] + [[f"N{i}", text] for i, (text, _) in enumerate(NONSUBSTANTIVE)]
    rows.append(["S1", "Geen tijd om het te bespreken."])
    path = write_csv(tmp_path / "e.csv", rows)
    report = import_survey(store, path, STUDY, SurveyMapping(id="id", texts=["antwoord"]))
    assert report.segments_added == len(NONSUBSTANTIVE) + 1
    assert report.nonsubstantive == len(NONSUBSTANTIVE)
    segments = answers(store, "antwoord")
    for i, (_, reason) in enumerate(NONSUBSTANTIVE):
        assert (segments[f"N{i}"].substantive, segments[f"N{i}"].nonsubstantive_reason) == (False, reason)
    assert segments["S1"].substantive


def test_answers_are_stripped_and_line_endings_normalised(store: Store, tmp_path: Path) -> None:
    """Surrounding white space goes, inner line breaks stay as '\\n'."""
    path = write_csv(tmp_path / "e.csv", [["id", "antwoord"], ["1", "  eerste\r\ntweede  "]])
    import_survey(store, path, STUDY, SurveyMapping(id="id", texts=["antwoord"]))
    assert answers(store, "antwoord")["1"].text == "eerste\ntweede"


def test_several_open_questions_become_several_questions(store: Store, tmp_path: Path) -> None:
    """Each text column is its own question, in file order; a respondent has one segment per question."""
    rows = [["id", "vraag_a", "vraag_b"], ["1", "a1", "b1"], ["2", "a2", ""]]
    report = import_survey(store, write_csv(tmp_path / "e.csv", rows), STUDY,
                           SurveyMapping(id="id", texts=["vraag_a", "vraag_b"]))
    assert report.segments_added == 4
    with store.read() as session:
        names = session.scalars(select(Question.name).order_by(Question.position)).all()
    assert names == ["vraag_a", "vraag_b"]
    assert answers(store, "vraag_b")["2"].nonsubstantive_reason == "leeg"


def test_empty_attribute_is_stored_as_none_and_no_weight_column_means_no_weight(store: Store,
                                                                               tmp_path: Path) -> None:
    """An empty attribute cell is None; without --weight the weight stays None."""
    rows = [["id", "regio", "antwoord"], ["1", "", "x"], ["2", " noord ", "y"]]
    import_survey(store, write_csv(tmp_path / "e.csv", rows), STUDY,
                  SurveyMapping(id="id", texts=["antwoord"], attributes=["regio"]))
    people = respondents(store)
    assert people["1"].attributes == {"regio": None}
    assert people["2"].attributes == {"regio": "noord"}
    assert people["1"].weight is None


@pytest.mark.parametrize(("raw", "value"), [("1,25", 1.25), ("1.25", 1.25), (" 2 ", 2.0), ("0", 0.0),
                                            ("1e-1", 0.1)])
def test_parse_weight_accepts_dutch_and_english_decimals(raw: str, value: float) -> None:
    """Weights as Dutch Excel ('1,25') or SPSS ('1.25') write them."""
    assert parse_weight(raw) == pytest.approx(value)


@pytest.mark.parametrize("raw", ["", "abc", "1.234,5", "nan", "inf", "1,2,3"])
def test_parse_weight_refuses_non_numbers(raw: str) -> None:
    """Text, empty, NaN and infinity are not weights."""
    with pytest.raises(ValueError):
        parse_weight(raw)


def test_comma_decimal_weight_is_imported(store: Store, tmp_path: Path) -> None:
    """A weight written '1,25' in a semicolon CSV is stored as 1.25."""
    rows = [HEADER, ["R1", "medewerker", "gemeente", "1,25", "x"],
            ["R2", "medewerker", "gemeente", "0,5", "y"]]
    import_survey(store, write_csv(tmp_path / "e.csv", rows), STUDY, mapping())
    people = respondents(store)
    assert people["R1"].weight == pytest.approx(1.25)
    assert people["R2"].weight == pytest.approx(0.5)


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    """A one-sheet workbook."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def test_xlsx_import_matches_csv_import(store: Store, tmp_path: Path) -> None:
    """The same survey as XLSX (numeric id and weight cells) stores the same respondents and answers."""
    rows: list[list[object]] = [list(HEADER), [1001, "medewerker", "gemeente", 1.5, "Angst voor de gevolgen"],
                                [1002.0, "medewerker", None, 2, "weet niet"]]
    report = import_survey(store, write_xlsx(tmp_path / "e.xlsx", rows), STUDY, mapping())
    assert report.respondents_added == 2
    people = respondents(store)
    assert sorted(people) == ["1001", "1002"]
    assert people["1001"].weight == pytest.approx(1.5)
    assert people["1002"].attributes == {"doelgroep": "medewerker", "bestuurslaag": None}
    assert answers(store)["1002"].nonsubstantive_reason == "weet niet"


def test_sav_import_uses_value_labels_and_integer_ids(store: Store, tmp_path: Path) -> None:
    """SPSS value labels become attribute values ('man'/'vrouw'), ids 1001.0 become '1001'."""
    frame = pd.DataFrame({"respnr": [1001.0, 1002.0], "geslacht": [1.0, 2.0], "weging": [1.25, 0.75],
                          "antwoord": ["Niemand luistert", "nvt"]})
    path = tmp_path / "e.sav"
    pyreadstat.write_sav(frame, str(path), variable_value_labels={"geslacht": {1: "man", 2: "vrouw"}})
    import_survey(store, path, STUDY, SurveyMapping(id="respnr", texts=["antwoord"], attributes=["geslacht"],
                                                    weight="weging"))
    people = respondents(store)
    assert {k: v.attributes["geslacht"] for k, v in people.items()} == {"1001": "man", "1002": "vrouw"}
    assert people["1002"].weight == pytest.approx(0.75)
    assert answers(store, "antwoord")["1002"].nonsubstantive_reason == "n.v.t."


# --- bad input: a located error and an unchanged database --------------------------------------------------


@dataclass
class BadCase:
    """A bad file: how to write it, the mapping, and where the error must point."""

    name: str
    write: Callable[[Path], Path]
    row: int | None
    column: str | None
    mapping: SurveyMapping | None = None
    words: str = ""


def _csv(rows: list[list[str]]) -> Callable[[Path], Path]:
    return lambda folder: write_csv(folder / "golf2.csv", rows)


def _bytes(name: str, data: bytes) -> Callable[[Path], Path]:
    def write(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path
    return write


NEW = ["R10", "medewerker", "gemeente", "1.0", "Een nieuw antwoord"]


def _row(**values: str) -> list[str]:
    row = dict(zip(HEADER, ["R11", "medewerker", "provincie", "1.0", "Nog een antwoord"], strict=True))
    row.update(values)
    return list(row.values())


BAD_CASES = [
    BadCase("onbekende tekstkolom", _csv([HEADER, NEW]), None, "opmerkingen",
            mapping(texts=["opmerkingen"]), "staat niet in het bestand"),
    BadCase("onbekende id-kolom", _csv([HEADER, NEW]), None, "respnr", mapping(id="respnr")),
    BadCase("onbekend kenmerk", _csv([HEADER, NEW]), None, "leeftijd", mapping(attributes=["leeftijd"])),
    BadCase("onbekende weging", _csv([HEADER, NEW]), None, "gewicht", mapping(weight="gewicht")),
    BadCase("dubbele respondent", _csv([HEADER, NEW, _row(), _row(respondent_id="R10")]), 4, "respondent_id",
            words="ook in rij 2"),
    BadCase("lege respondent-id", _csv([HEADER, NEW, _row(respondent_id=" ")]), 3, "respondent_id",
            words="leeg"),
    BadCase("weging geen getal", _csv([HEADER, NEW, _row(weging="veel")]), 3, "weging", words="geen getal"),
    BadCase("weging negatief", _csv([HEADER, NEW, _row(weging="-0,5")]), 3, "weging", words="negatief"),
    BadCase("weging leeg", _csv([HEADER, NEW, _row(weging="")]), 3, "weging", words="leeg"),
    BadCase("te lange tekst", _csv([HEADER, NEW, _row(belemmeringen="x" * (MAX_TEXT_LENGTH + 1))]), 3,
            "belemmeringen", words="20.001 tekens"),
    BadCase("te lange id", _csv([HEADER, NEW, _row(respondent_id="lang antwoord " * 20)]), 3, "respondent_id",
            words="tekens lang"),
    BadCase("onleesbare bytes",
            _bytes("golf2.csv", ";".join(HEADER).encode() + b"\n" + ";".join(NEW).encode() + b"\n"
                   + "R11;medewerker;gemeente;1;één".encode() + b" caf\xe9\n"), 3, "belemmeringen",
            words="UTF-8"),
    BadCase("NUL-teken", _bytes("golf2.csv", ";".join(HEADER).encode() + b"\n" + ";".join(NEW).encode()
                                + b"\nR11;medewerker;gemeente;1;a\x00b\n"), 3, "belemmeringen", words="NUL"),
    BadCase("leeg bestand", _bytes("golf2.csv", b""), None, None, words="leeg"),
    BadCase("alleen kopregel", _csv([HEADER]), None, None, words="kopregel"),
    BadCase("te veel velden", _bytes("golf2.csv", b"respondent_id;belemmeringen\nR10;ja; nee\n"), 2, None,
            mapping(attributes=[], weight=None), "velden"),
    BadCase("kapotte xlsx", _bytes("golf2.xlsx", b"PK\x03\x04" + bytes(range(256)) * 4), None, None,
            words="beschadigd"),
    BadCase("beveiligde xlsx", _bytes("golf2.xlsx", OLE_MAGIC + bytes(1024)), None, None, words="wachtwoord"),
    BadCase("kapotte sav", _bytes("golf2.sav", b"$FL2" + bytes(300)), None, None, words="SPSS"),
    BadCase("tekst ook kenmerk", _csv([HEADER, NEW]), None, "belemmeringen",
            mapping(attributes=["doelgroep", "belemmeringen"]), "zowel open vraag als kenmerk"),
    BadCase("id ook weging", _csv([HEADER, NEW]), None, "respondent_id", mapping(weight="respondent_id"),
            "zowel id als weging"),
    BadCase("geen tekstkolom", _csv([HEADER, NEW]), None, None, mapping(texts=[]), "open antwoorden"),
]


@pytest.mark.parametrize("case", BAD_CASES, ids=[c.name for c in BAD_CASES])
@pytest.mark.parametrize("study", [STUDY, "nieuwe studie"])
def test_bad_input_is_located_and_changes_nothing(store: Store, tmp_path: Path, earlier: Path, case: BadCase,
                                                  study: str) -> None:
    """Each bad file raises InputError naming file, row and column, and leaves every table as it was."""
    path = case.write(tmp_path)
    before = dump(store)
    with pytest.raises(InputError) as info:
        import_survey(store, path, study, case.mapping or mapping())
    error = info.value
    assert (error.file, error.row, error.column) == (str(path), case.row, case.column)
    assert case.words in str(error)
    assert str(path) in str(error)
    assert dump(store) == before


def test_all_problems_of_a_file_are_listed_in_one_error(store: Store, tmp_path: Path, earlier: Path) -> None:
    """Several bad rows give one error: the first located, the others listed, and nothing imported."""
    rows = [HEADER, _row(respondent_id="R20", weging="x"), _row(respondent_id="R21", weging="-1"),
            _row(respondent_id="R20")]
    before = dump(store)
    with pytest.raises(InputError) as info:
        import_survey(store, write_csv(tmp_path / "e.csv", rows), STUDY, mapping())
    assert (info.value.row, info.value.column) == (2, "weging")
    assert "rij 3, kolom 'weging'" in info.value.problem
    assert "rij 4, kolom 'respondent_id'" in info.value.problem
    assert "niets geïmporteerd" in info.value.hint
    assert dump(store) == before


def test_column_name_too_long_for_a_question_is_an_error(store: Store, tmp_path: Path, earlier: Path) -> None:
    """A text column whose name cannot be a question name (over 200 characters) is refused up front."""
    long_name = "Wat belemmert u om een dilemma te bespreken? " * 5
    rows = [["id", long_name.strip()], ["1", "x"]]
    before = dump(store)
    with pytest.raises(InputError) as info:
        import_survey(store, write_csv(tmp_path / "e.csv", rows), STUDY,
                      SurveyMapping(id="id", texts=[long_name.strip()]))
    assert (info.value.row, info.value.column) == (1, long_name.strip())
    assert dump(store) == before


# --- re-imports and later files ----------------------------------------------------------------------------


def test_reimporting_the_same_file_changes_nothing(store: Store, earlier: Path) -> None:
    """The same file again: every table is equal, and the report says all was already there."""
    before = dump(store)
    report = import_survey(store, earlier, STUDY, mapping())
    assert (report.respondents_added, report.respondents_existing) == (0, 5)
    assert (report.segments_added, report.segments_unchanged, report.nonsubstantive) == (0, 5, 0)
    assert dump(store) == before


def test_reimporting_the_same_data_as_xlsx_changes_nothing(store: Store, tmp_path: Path,
                                                           earlier: Path) -> None:
    """The same data saved as XLSX (numbers as numbers) matches what the CSV stored."""
    rows: list[list[object]] = [[float(c) if c.replace(".", "").isdigit() else c for c in row]
                                for row in SURVEY_ROWS]
    before = dump(store)
    report = import_survey(store, write_xlsx(tmp_path / "e.xlsx", rows), STUDY, mapping())
    assert report.segments_unchanged == 5
    assert dump(store) == before


def test_later_file_adds_only_new_respondents(store: Store, tmp_path: Path, earlier: Path) -> None:
    """A second wave with R1–R5 unchanged plus R6, R7 adds just those two and their answers."""
    rows = [*SURVEY_ROWS, _row(respondent_id="R6"), _row(respondent_id="R7", belemmeringen="nvt")]
    old = respondents(store)
    report = import_survey(store, write_csv(tmp_path / "golf2.csv", rows), STUDY, mapping())
    assert (report.respondents_added, report.respondents_existing) == (2, 5)
    assert (report.segments_added, report.segments_unchanged, report.nonsubstantive) == (2, 5, 1)
    new = respondents(store)
    assert sorted(new) == ["R1", "R2", "R3", "R4", "R5", "R6", "R7"]
    assert {k: (v.id, v.attributes, v.weight) for k, v in new.items() if k in old} == {
        k: (v.id, v.attributes, v.weight) for k, v in old.items()}
    assert count(store, Segment) == 7
    with store.read() as session:
        events = session.scalars(
            select(Event).where(Event.action == "import.survey").order_by(Event.id)).all()
    assert [e.payload["respondents_added"] for e in events] == [5, 2]


def test_later_file_with_only_some_old_respondents(store: Store, tmp_path: Path, earlier: Path) -> None:
    """A file holding R1 and a new R8 keeps R2–R5 and adds R8."""
    rows = [SURVEY_ROWS[0], SURVEY_ROWS[1], _row(respondent_id="R8")]
    report = import_survey(store, write_csv(tmp_path / "golf2.csv", rows), STUDY, mapping())
    assert (report.respondents_added, report.respondents_existing) == (1, 1)
    assert count(store, Respondent) == 6


def test_later_file_with_a_new_question_adds_its_answers(store: Store, tmp_path: Path, earlier: Path) -> None:
    """A new open question for existing respondents adds a question and its segments only."""
    rows = [[*SURVEY_ROWS[0], "helpt"]] + [[*row, f"helpt {row[0]}"] for row in SURVEY_ROWS[1:]]
    report = import_survey(store, write_csv(tmp_path / "golf2.csv", rows), STUDY,
                           mapping(texts=["belemmeringen", "helpt"]))
    assert report.respondents_added == 0
    assert (report.segments_added, report.segments_unchanged) == (5, 5)
    assert answers(store, "helpt")["R3"].text == "helpt R3"


def test_later_file_fills_in_attributes_and_weight_that_were_missing(store: Store, tmp_path: Path) -> None:
    """Attributes (and a weight) that the earlier file did not have are added; nothing is overwritten."""
    first = [["respondent_id", "doelgroep", "belemmeringen"], ["R1", "medewerker", "x"]]
    import_survey(store, write_csv(tmp_path / "a.csv", first), STUDY,
                  SurveyMapping(id="respondent_id", texts=["belemmeringen"], attributes=["doelgroep"]))
    second = [HEADER, ["R1", "medewerker", "gemeente", "1,5", "x"]]
    import_survey(store, write_csv(tmp_path / "b.csv", second), STUDY, mapping())
    person = respondents(store)["R1"]
    assert person.attributes == {"doelgroep": "medewerker", "bestuurslaag": "gemeente"}
    assert person.weight == pytest.approx(1.5)


CONFLICTS = [
    ("antwoord", {"belemmeringen": "Een ander antwoord"}, "belemmeringen", "verschilt"),
    ("kenmerk", {"doelgroep": "burger"}, "doelgroep", "'medewerker', nu 'burger'"),
    ("kenmerk leeg", {"doelgroep": ""}, "doelgroep", "nu (leeg)"),
    ("weging", {"weging": "3"}, "weging", "weging 1.2, nu 3"),
]


@pytest.mark.parametrize(("changes", "column", "words"), [c[1:] for c in CONFLICTS],
                         ids=[c[0] for c in CONFLICTS])
def test_later_file_that_changes_stored_data_is_rejected(store: Store, tmp_path: Path, earlier: Path,
                                                         changes: dict[str, str], column: str,
                                                         words: str) -> None:
    """A changed answer, attribute or weight of a stored respondent is a conflict; nothing is imported.

    The file also holds a new respondent, which must not be added either.
    """
    changed = dict(zip(HEADER, SURVEY_ROWS[1], strict=True)) | changes
    rows = [HEADER, NEW, SURVEY_ROWS[2], list(changed.values())]
    path = write_csv(tmp_path / "golf2.csv", rows)
    before = dump(store)
    with pytest.raises(ConflictError) as info:
        import_survey(store, path, STUDY, mapping())
    error = info.value
    assert isinstance(error, CodingError)
    assert (error.file, error.row, error.column) == (str(path), 4, column)
    assert "R1" in error.problem
    assert words in error.problem
    assert "nooit overschreven" in error.hint
    assert dump(store) == before


def test_conflict_after_a_weightless_earlier_import_is_not_a_conflict(store: Store, tmp_path: Path,
                                                                      earlier: Path) -> None:
    """Importing the same respondents without --weight leaves the stored weights alone."""
    before = dump(store)
    report = import_survey(store, earlier, STUDY, mapping(weight=None))
    assert report.segments_unchanged == 5
    assert dump(store) == before


def test_conflicting_answers_are_all_listed(store: Store, tmp_path: Path, earlier: Path) -> None:
    """Every changed answer is listed, the first one located."""
    rows = [HEADER] + [[*row[:4], row[4] + " (gewijzigd)"] for row in SURVEY_ROWS[1:]]
    with pytest.raises(ConflictError) as info:
        import_survey(store, write_csv(tmp_path / "golf2.csv", rows), STUDY, mapping())
    assert (info.value.row, info.value.column) == (2, "belemmeringen")
    assert "En 4 andere" in info.value.problem


def test_progress_is_reported(store: Store, tmp_path: Path) -> None:
    """The progress callback starts at 0 and ends at done == total."""
    calls: list[tuple[int, int]] = []
    import_survey(store, write_csv(tmp_path / "e.csv", SURVEY_ROWS), STUDY, mapping(),
                  progress=lambda done, total: calls.append((done, total)))
    assert calls[0][0] == 0
    assert calls[-1][0] == calls[-1][1] > 0
