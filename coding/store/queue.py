"""The coding queue: the answers of a question a coder works through, filtered and one page at a time.

Nothing here loads a whole question. Every call is one SQL query with LIMIT (plus one for the themes of the rows
it returns), so a question of 23,604 answers costs about what one of 500 costs. The one-by-one view walks the queue
by key (the next matching answer after the current one), so coding an answer — which can take it out of an
"uncoded only" queue — never shifts the position; the table view pages with LIMIT/OFFSET.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import ColumnElement, Select, exists, false, func, select, true
from sqlalchemy.orm import Session

from coding.errors import NotFoundError
from coding.store.blind import blind_segments
from coding.store.db import Store
from coding.store.models import ClusterAssignment, Coding, DoubleCodingAssignment, Respondent, Segment
from coding.store.refs import QuestionRef, StudyRef

#: Sort orders of :func:`queue_page`: import order, respondent id, longest or shortest answers first.
ORDERS = ("import", "respondent", "longest", "shortest")

#: Attributes with more distinct values than this are not offered as a filter (they are ids or free text).
MAX_ATTRIBUTE_VALUES = 200


@dataclass(frozen=True)
class QueueFilter:
    """Which answers of a question are in the queue. All conditions apply together.

    ``theme_id`` and ``uncoded_only`` look at the coder's own codings (coders code independently);
    ``uncoded_by_anyone`` leaves out answers any coder has coded (for splitting the work).
    """

    uncoded_only: bool = False
    uncoded_by_anyone: bool = False
    #: Only these answers.
    segment_ids: tuple[int, ...] | None = None
    #: Only the answers in one cluster of a stored cluster run: ``(run_id, cluster number)``.
    cluster: tuple[int, int] | None = None
    theme_id: int | None = None
    attribute: str | None = None
    value: str | None = None
    #: Case-insensitive text search in the answer.
    search: str = ""
    #: Also offer non-substantive answers ("weet niet", interviewer turns, …).
    include_nonsubstantive: bool = False
    #: Answers to leave out (e.g. the ones skipped in this session).
    exclude: tuple[int, ...] = ()
    #: Only the answers of this wave (meting); None: every wave.
    wave: str | None = None


@dataclass(frozen=True)
class QueueItem:
    """One answer (segment) with what a coder needs beside it."""

    segment_id: int
    question_id: int
    respondent: str
    position: int
    text: str
    speaker: str | None
    substantive: bool
    nonsubstantive_reason: str | None
    memo: str
    is_quote: bool
    weight: float | None
    attributes: dict[str, Any]
    #: Theme ids this coder gave the answer.
    themes: tuple[int, ...] = ()
    #: Every coder who coded the answer (including this one).
    coders: tuple[str, ...] = ()
    #: Transcript turns: where the turn starts in the document, and when (seconds) in the recording.
    start_char: int | None = None
    start_time: float | None = None


@dataclass(frozen=True)
class QueuePage:
    """One page of the queue and the size of the whole filtered queue."""

    items: list[QueueItem]
    total: int
    offset: int
    limit: int

    @property
    def pages(self) -> int:
        """How many pages of ``limit`` answers the queue has (at least 1)."""
        return max(1, -(-self.total // self.limit))


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _conditions(question_id: int, coder: str, flt: QueueFilter) -> list[ColumnElement[bool]]:
    # Answers of respondents the routing did not ask are never in a queue.
    conditions: list[ColumnElement[bool]] = [Segment.question_id == question_id, Segment.asked.is_(True)]
    if flt.wave is not None:
        conditions.append(Segment.respondent_id.in_(select(Respondent.id).where(Respondent.wave == flt.wave)))
    if not flt.include_nonsubstantive:
        conditions.append(Segment.substantive.is_(True))
    if flt.uncoded_only:
        conditions.append(~exists().where(Coding.segment_id == Segment.id, Coding.coder == coder))
    if flt.uncoded_by_anyone:
        conditions.append(~exists().where(Coding.segment_id == Segment.id))
    if flt.segment_ids is not None:
        conditions.append(Segment.id.in_(flt.segment_ids))
    if flt.cluster is not None:
        run_id, number = flt.cluster
        conditions.append(
            exists().where(ClusterAssignment.segment_id == Segment.id, ClusterAssignment.run_id == run_id,
                           ClusterAssignment.cluster == number)
        )
    if flt.theme_id is not None:
        conditions.append(
            exists().where(Coding.segment_id == Segment.id, Coding.coder == coder, Coding.theme_id == flt.theme_id)
        )
    if flt.attribute and flt.value is not None:
        conditions.append(Respondent.attributes[flt.attribute].as_string() == flt.value)
    if flt.search.strip():
        conditions.append(Segment.text.ilike(f"%{_escape_like(flt.search.strip())}%", escape="\\"))
    if flt.exclude:
        conditions.append(Segment.id.not_in(flt.exclude))
    return conditions


_ITEM_COLUMNS = (
    Segment.id,
    Segment.question_id,
    Respondent.external_id,
    Segment.position,
    Segment.text,
    Segment.speaker,
    Segment.substantive,
    Segment.nonsubstantive_reason,
    Segment.memo,
    Segment.is_quote,
    Respondent.weight,
    Respondent.attributes,
    Segment.start_char,
    Segment.start_time,
)


def _viewer(coder: str, viewer: str | None) -> str:
    """Who reads the queue: the store's user, else the coder whose queue it is ("" for nobody)."""
    return (viewer or coder or "").strip()


def _item_query(conditions: list[ColumnElement[bool]], viewer: str) -> Select[Any]:
    """The answers matching ``conditions`` with what a coder sees beside them, and whether ``viewer`` double-codes
    the answer in an open round (asked in the same statement: it is read for every answer shown)."""
    blind: ColumnElement[bool] = false()
    if viewer:
        blind = blind_segments(viewer).where(DoubleCodingAssignment.segment_id == Segment.id).exists()
    return (select(*_ITEM_COLUMNS, blind).join(Respondent, Respondent.id == Segment.respondent_id)
            .where(*conditions))


def _items(session: Session, rows: Sequence[Any], coder: str, viewer: str | None = None) -> list[QueueItem]:
    """Rows of ``_item_query`` as items, with this coder's themes and all coders of each answer.

    On the answers the viewer (the store's user, else ``coder``) double-codes in an open round, the other coders and
    the shared memo are left out: that coder works blind there."""
    ids = [r[0] for r in rows]
    mine: dict[int, list[int]] = {}
    coders: dict[int, set[str]] = {}
    viewer = _viewer(coder, viewer)
    blind = {r[0] for r in rows if r[14]}
    if ids:
        for segment_id, theme_id, who, start, end in session.execute(
            select(Coding.segment_id, Coding.theme_id, Coding.coder, Coding.start_char, Coding.end_char)
            .where(Coding.segment_id.in_(ids))
        ):
            if segment_id in blind and who != viewer:
                continue
            coders.setdefault(segment_id, set()).add(who)
            if who == coder and (start, end) == (0, 0):  # the whole answer's themes (passages are shown apart)
                mine.setdefault(segment_id, []).append(theme_id)
    return [
        QueueItem(
            segment_id=r[0],
            question_id=r[1],
            respondent=r[2],
            position=r[3],
            text=r[4],
            speaker=r[5],
            substantive=bool(r[6]),
            nonsubstantive_reason=r[7],
            memo="" if r[0] in blind else (r[8] or ""),
            is_quote=bool(r[9]),
            weight=r[10],
            attributes=dict(r[11] or {}),
            themes=tuple(sorted(mine.get(r[0], []))),
            coders=tuple(sorted(coders.get(r[0], set()))),
            start_char=r[12],
            start_time=r[13],
        )
        for r in rows
    ]


def _ordered(query: Select[Any], order: str) -> Select[Any]:
    if order == "import":
        return query.order_by(Segment.id)
    if order == "respondent":
        return query.order_by(Respondent.external_id, Segment.position, Segment.id)
    if order == "longest":
        return query.order_by(Segment.word_count.desc(), Segment.id)
    if order == "shortest":
        return query.order_by(Segment.word_count, Segment.id)
    raise ValueError(f"unknown order {order!r}; choose from {ORDERS}")


def queue_page(
    store: Store,
    question: QuestionRef,
    coder: str,
    flt: QueueFilter | None = None,
    *,
    offset: int = 0,
    limit: int = 50,
    order: str = "import",
) -> QueuePage:
    """One page of the filtered queue (for the table view), with the number of matching answers."""
    flt = flt or QueueFilter()
    with store.read() as session:
        conditions = _conditions(question.id, coder, flt)
        total = _count(session, conditions, flt)
        offset = max(0, min(offset, max(0, total - 1)))
        rows = session.execute(_ordered(_item_query(conditions, _viewer(coder, store.viewer)), order)
                               .offset(offset).limit(limit)).all()
        return QueuePage(_items(session, rows, coder, store.viewer), total, offset, limit)


def _counting(flt: QueueFilter, *columns: Any) -> Select[Any]:
    """``SELECT columns FROM segments`` — joined to respondents only when the filter needs their attributes, since
    counting runs on every rerun of the coding page and the join doubles its cost on a large question."""
    query = select(*columns).select_from(Segment)
    if flt.attribute and flt.value is not None:
        query = query.join(Respondent, Respondent.id == Segment.respondent_id)
    return query


def _count(session: Session, conditions: list[ColumnElement[bool]], flt: QueueFilter) -> int:
    return int(session.scalar(_counting(flt, func.count()).where(*conditions)) or 0)


def queue_count(store: Store, question: QuestionRef, coder: str, flt: QueueFilter | None = None) -> int:
    """How many answers are in the filtered queue."""
    with store.read() as session:
        flt = flt or QueueFilter()
        return _count(session, _conditions(question.id, coder, flt), flt)


def queue_ids(store: Store, question: QuestionRef, coder: str, flt: QueueFilter | None = None) -> list[int]:
    """The segment ids of the whole filtered queue in import order (ids only: for one bulk action on all)."""
    with store.read() as session:
        flt = flt or QueueFilter()
        query = _counting(flt, Segment.id).where(*_conditions(question.id, coder, flt)).order_by(Segment.id)
        return list(session.scalars(query))


def ordered_queue(
    store: Store, question: QuestionRef, coder: str, flt: QueueFilter, order: Sequence[int]
) -> list[int]:
    """The answers of ``order`` (e.g. most informative first) that are in the filtered queue, in that order.

    One query; for walking a queue in an order of its own rather than import order.
    """
    if not order:
        return []
    wanted = tuple(int(s) for s in order)
    if flt.segment_ids is not None:
        allowed = set(flt.segment_ids)
        wanted = tuple(s for s in wanted if s in allowed)
    found = set(queue_ids(store, question, coder, replace(flt, segment_ids=wanted)))
    return [s for s in wanted if s in found]


def next_item(
    store: Store,
    question: QuestionRef,
    coder: str,
    flt: QueueFilter | None = None,
    *,
    after: int | None = None,
    wrap: bool = True,
) -> QueueItem | None:
    """The first matching answer after segment ``after`` in import order (from the start when ``after`` is None).

    With ``wrap`` the queue starts again at the top when nothing matches after ``after`` (the answer ``after``
    itself is not returned). None when the queue is empty.
    """
    flt = flt or QueueFilter()
    with store.read() as session:
        conditions = _conditions(question.id, coder, flt)
        query = _item_query(conditions, _viewer(coder, store.viewer)).order_by(Segment.id).limit(1)
        rows = session.execute(query.where(Segment.id > after) if after is not None else query).all()
        if not rows and wrap and after is not None:
            rows = session.execute(query.where(Segment.id < after)).all()
        return _items(session, rows, coder, store.viewer)[0] if rows else None


@dataclass(frozen=True)
class QueuePosition:
    """Where an answer stands in a filtered queue: ``before`` matching answers precede it, of ``total``."""

    before: int
    total: int
    #: Whether the answer itself matches the filter (a just-coded answer leaves an "uncoded only" queue).
    included: bool


def queue_position(
    store: Store, question: QuestionRef, coder: str, flt: QueueFilter | None, segment_id: int
) -> QueuePosition:
    """Where segment ``segment_id`` stands in the filtered queue — for "answer 12 of 340".

    It runs on every rerun of the coding page, so an "uncoded" queue is not counted answer by answer (a look-up in
    the codings for each of a million answers): the answers matching the rest of the filter are counted on an
    index, and the coded ones among them — found from the codings — are taken off.
    """
    flt = flt or QueueFilter()
    with store.read() as session:
        if not (flt.uncoded_only or flt.uncoded_by_anyone):
            return _position(session.execute(_positions(flt, _conditions(question.id, coder, flt), segment_id)).one())
        rest = replace(flt, uncoded_only=False, uncoded_by_anyone=False)
        conditions = _conditions(question.id, coder, rest)
        coded = select(Coding.segment_id)
        if not flt.uncoded_by_anyone:  # anyone's codings include this coder's
            coded = coded.where(Coding.coder == coder)
        matching = _positions(rest, conditions, segment_id).subquery()
        coded_matching = _positions(rest, [*conditions, Segment.id.in_(coded)], segment_id).subquery()
        # both single-row counts in one statement (one round trip on a server)
        total, before, itself, coded_total, coded_before, coded_itself = session.execute(
            select(*matching.c, *coded_matching.c).select_from(matching).join(coded_matching, true())).one()
        return _position((total - coded_total, before - coded_before, itself - coded_itself))


def _positions(flt: QueueFilter, conditions: list[ColumnElement[bool]], segment_id: int) -> Select[Any]:
    """How many answers match, how many of them precede ``segment_id``, and whether it is one of them."""
    before = func.count().filter(Segment.id < segment_id)
    itself = func.count().filter(Segment.id == segment_id)
    return _counting(flt, func.count(), before, itself).where(*conditions)


def _position(row: Sequence[Any]) -> QueuePosition:
    total, preceding, included = (int(value or 0) for value in row)
    return QueuePosition(preceding, total, bool(included))


def get_item(store: Store, segment_id: int, coder: str) -> QueueItem:
    """One answer by its segment id, whatever the filter; :class:`NotFoundError` when it does not exist."""
    with store.read() as session:
        rows = session.execute(_item_query([Segment.id == segment_id], _viewer(coder, store.viewer))).all()
        if not rows:
            raise NotFoundError(f"Antwoord {segment_id} bestaat niet (meer).")
        return _items(session, rows, coder, store.viewer)[0]


def item_context(store: Store, segment_id: int, span: int = 1) -> list[tuple[int, str | None, str]]:
    """The passages around a transcript segment (``span`` before and after) as ``(position, speaker, text)``.

    Empty for a survey answer. The segment itself is included, so a coder sees the question that was asked.
    """
    with store.read() as session:
        segment = session.get(Segment, segment_id)
        if segment is None or segment.document_id is None:
            return []
        rows = session.execute(
            select(Segment.position, Segment.speaker, Segment.text)
            .where(
                Segment.document_id == segment.document_id,
                Segment.position.between(segment.position - span, segment.position + span),
            )
            .order_by(Segment.position)
        ).all()
        return [(int(p), s, t) for p, s, t in rows]


def attribute_values(store: Store, study: StudyRef) -> dict[str, list[str]]:
    """Per attribute of the study's respondents, its distinct values (sorted) — the choices of a filter.

    Attributes with more than :data:`MAX_ATTRIBUTE_VALUES` values (ids, free text) are left out.
    """
    with store.read() as session:
        values: dict[str, set[str]] = {}
        for (attributes,) in session.execute(select(Respondent.attributes).where(Respondent.study_id == study.id)):
            for key, value in (attributes or {}).items():
                if value is not None and value != "":
                    values.setdefault(key, set()).add(str(value))
    return {key: sorted(found) for key, found in sorted(values.items()) if len(found) <= MAX_ATTRIBUTE_VALUES}


def last_coded(store: Store, question: QuestionRef, coder: str, *, other_than: int | None = None) -> int | None:
    """The answer of a question that ``coder`` gave a theme most recently (other than ``other_than``), or None.

    "Vorige" falls back on it when the session has no history of its own (after a page reload).
    """
    conditions = [Segment.question_id == question.id, Coding.coder == coder.strip()]
    if other_than is not None:
        conditions.append(Coding.segment_id != other_than)
    with store.read() as session:
        found = session.scalar(
            select(Coding.segment_id).join(Segment, Segment.id == Coding.segment_id).where(*conditions)
            .order_by(Coding.created_at.desc(), Coding.id.desc()).limit(1)
        )
    return int(found) if found is not None else None
