"""The coding queue on SQLite and PostgreSQL: filters, paging, walking by key, context, attribute values."""

from __future__ import annotations

from pathlib import Path

import pytest

from coding.errors import NotFoundError
from coding.ingest.transcripts import import_transcripts
from coding.store import Store, StudyRef, question_ref, study_ref
from coding.store.codings import add_coding, code_segments
from coding.store.queue import (
    QueueFilter,
    attribute_values,
    get_item,
    item_context,
    next_item,
    queue_count,
    queue_ids,
    queue_page,
    queue_position,
)
from coding.store.segments import segments_frame
from tests.store_fixtures import QUESTION, STUDY, small_study

ROWS = [["respondent_id", "doelgroep", "bestuurslaag", "weging", QUESTION]] + [
    [f"R{i:02d}", "medewerker" if i % 2 else "politieke ambtsdrager", "gemeente" if i % 3 else "provincie", "1",
     f"antwoord {i} over {'vertrouwen' if i % 4 == 0 else 'werkdruk'} 50%_korting" + " en nog meer" * (i == 7)]
    for i in range(1, 21)
] + [["R99", "medewerker", "gemeente", "1", "weet niet"]]


@pytest.fixture
def study(store: Store, tmp_path: Path) -> dict[str, int]:
    return small_study(store, tmp_path, ROWS)


def _ids(store: Store) -> list[int]:
    q = question_ref(store, STUDY, QUESTION)
    return segments_frame(store, q, substantive_only=True)["segment_id"].tolist()


def test_queue_leaves_out_nonsubstantive_answers_unless_asked(store: Store, study: dict[str, int]) -> None:
    q = question_ref(store, STUDY, QUESTION)
    assert queue_count(store, q, "anna") == 20
    assert queue_count(store, q, "anna", QueueFilter(include_nonsubstantive=True)) == 21


def test_queue_page_pages_and_orders(store: Store, study: dict[str, int]) -> None:
    q = question_ref(store, STUDY, QUESTION)
    page = queue_page(store, q, "anna", offset=5, limit=5)
    assert page.total == 20 and page.pages == 4
    assert [i.respondent for i in page.items] == ["R06", "R07", "R08", "R09", "R10"]
    assert page.items[0].attributes == {"doelgroep": "politieke ambtsdrager", "bestuurslaag": "provincie"}
    assert page.items[0].weight == 1.0
    longest = queue_page(store, q, "anna", limit=1, order="longest")
    assert longest.items[0].respondent == "R07"
    assert queue_page(store, q, "anna", limit=1, order="shortest").items[0].respondent == "R01"
    assert queue_page(store, q, "anna", limit=1, order="respondent").items[0].respondent == "R01"
    beyond = queue_page(store, q, "anna", offset=500, limit=5)
    assert [i.respondent for i in beyond.items] == ["R20"]  # clamped to the last page with content
    with pytest.raises(ValueError):
        queue_page(store, q, "anna", order="random")


def test_uncoded_only_is_per_coder_and_by_anyone_is_global(store: Store, study: dict[str, int]) -> None:
    q = question_ref(store, STUDY, QUESTION)
    ids = _ids(store)
    code_segments(store, ids[:3], study["vertrouwen"], "anna")
    add_coding(store, ids[3], study["opvolging"], "bert")
    assert queue_count(store, q, "anna", QueueFilter(uncoded_only=True)) == 17
    assert queue_count(store, q, "bert", QueueFilter(uncoded_only=True)) == 19
    assert queue_count(store, q, "anna", QueueFilter(uncoded_by_anyone=True)) == 16
    item = queue_page(store, q, "anna", limit=1).items[0]
    assert item.themes == (study["vertrouwen"],) and item.coders == ("anna",)
    assert queue_page(store, q, "bert", limit=1).items[0].themes == ()


def test_theme_attribute_search_cluster_and_exclude_filters(store: Store, study: dict[str, int]) -> None:
    q = question_ref(store, STUDY, QUESTION)
    ids = _ids(store)
    code_segments(store, ids[:4], study["represailles"], "anna")
    by_theme = QueueFilter(theme_id=study["represailles"])
    assert queue_count(store, q, "anna", by_theme) == 4
    assert queue_count(store, q, "bert", by_theme) == 0
    by_attr = QueueFilter(attribute="bestuurslaag", value="provincie")
    assert [i.respondent for i in queue_page(store, q, "anna", by_attr).items] == [
        "R03", "R06", "R09", "R12", "R15", "R18"]
    assert queue_count(store, q, "anna", QueueFilter(search="VERTROUWEN")) == 5
    # LIKE wildcards in the search text are taken literally
    assert queue_count(store, q, "anna", QueueFilter(search="50%_k")) == 20
    assert queue_count(store, q, "anna", QueueFilter(search="5%k")) == 0
    cluster = QueueFilter(segment_ids=tuple(ids[5:9]), exclude=(ids[6],))
    assert [i.segment_id for i in queue_page(store, q, "anna", cluster).items] == [
        ids[5], ids[7], ids[8]]
    assert queue_ids(store, q, "anna", cluster) == [ids[5], ids[7], ids[8]]
    both = QueueFilter(uncoded_only=True, attribute="doelgroep", value="medewerker", search="werkdruk")
    assert queue_count(store, q, "anna", both) == 8


def test_walk_by_key_survives_coding_the_current_answer(store: Store, study: dict[str, int]) -> None:
    q = question_ref(store, STUDY, QUESTION)
    ids = _ids(store)
    uncoded = QueueFilter(uncoded_only=True)
    first = next_item(store, q, "anna", uncoded)
    assert first is not None and first.segment_id == ids[0]
    add_coding(store, first.segment_id, study["vertrouwen"], "anna")
    second = next_item(store, q, "anna", uncoded, after=first.segment_id)
    assert second is not None and second.segment_id == ids[1]
    position = queue_position(store, q, "anna", uncoded, second.segment_id)
    assert (position.before, position.total, position.included) == (0, 19, True)
    coded = queue_position(store, q, "anna", uncoded, first.segment_id)
    assert (coded.before, coded.total, coded.included) == (0, 19, False)
    # past the end the queue starts again at the top, without returning the current answer
    last = next_item(store, q, "anna", uncoded, after=ids[-1])
    assert last is not None and last.segment_id == ids[1]
    assert next_item(store, q, "anna", uncoded, after=ids[-1], wrap=False) is None
    code_segments(store, ids, study["opvolging"], "anna")
    assert next_item(store, q, "anna", uncoded, after=ids[3]) is None


def test_get_item_and_missing_answer(store: Store, study: dict[str, int]) -> None:
    ids = _ids(store)
    add_coding(store, ids[2], study["vertrouwen"], "bert")
    item = get_item(store, ids[2], "anna")
    assert item.respondent == "R03" and item.themes == () and item.coders == ("bert",)
    with pytest.raises(NotFoundError):
        get_item(store, 10**9, "anna")


def test_attribute_values_for_filters(store: Store, study: dict[str, int]) -> None:
    values = attribute_values(store, study_ref(store, STUDY))
    assert values == {"bestuurslaag": ["gemeente", "provincie"], "doelgroep": ["medewerker", "politieke ambtsdrager"]}
    assert attribute_values(store, StudyRef(10**6, "bestaat niet")) == {}


def test_item_context_of_a_transcript_passage(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "gesprek.txt"
    path.write_text("Interviewer: Wat belemmert u?\nRespondent: De cultuur.\nInterviewer: En verder?\n"
                    "Respondent: Tijd.\n", encoding="utf-8")
    import_transcripts(store, [path], STUDY, "interviews")
    interviews = question_ref(store, STUDY, "interviews")
    frame = segments_frame(store, interviews)
    answer = int(frame[frame["text"] == "De cultuur."]["segment_id"].iloc[0])
    context = item_context(store, answer)
    assert [(speaker, text) for _, speaker, text in context] == [
        ("Interviewer", "Wat belemmert u?"), ("Respondent", "De cultuur."), ("Interviewer", "En verder?")]
    assert queue_count(store, interviews, "anna") == 2  # interviewer turns are context, not queue


@pytest.mark.parametrize("flt", [
    QueueFilter(uncoded_only=True),
    QueueFilter(uncoded_by_anyone=True),
    QueueFilter(uncoded_only=True, attribute="bestuurslaag", value="gemeente"),
    QueueFilter(uncoded_by_anyone=True, search="vertrouwen", include_nonsubstantive=True),
    QueueFilter(attribute="doelgroep", value="medewerker"),
])
def test_queue_position_agrees_with_the_queue_itself(store: Store, study: dict[str, int], flt: QueueFilter) -> None:
    """The counted position (coded answers taken off the index count) is where the answer stands in the queue."""
    q = question_ref(store, STUDY, QUESTION)
    ids = _ids(store)
    code_segments(store, ids[1:6], study["vertrouwen"], "anna")
    add_coding(store, ids[3], study["opvolging"], "anna")  # two themes on one answer count once
    code_segments(store, ids[5:9], study["opvolging"], "bert")
    queue = queue_ids(store, q, "anna", flt)
    everything = segments_frame(store, q)["segment_id"].tolist()
    for segment_id in everything:
        position = queue_position(store, q, "anna", flt, segment_id)
        assert position.total == len(queue)
        assert position.included == (segment_id in queue)
        assert position.before == sum(1 for other in queue if other < segment_id)
