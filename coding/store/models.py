"""The study store's tables, as SQLAlchemy 2 declarative models.

The shape, in the researcher's words: a **study** has **questions** (an open question of a survey, or a topic of an
interview guide) and **respondents** (a survey respondent, or an interviewee whose transcript is a **document**),
each with free attributes and an optional survey weight. A **segment** is the unit that gets coded: one answer, or
one passage of a transcript. Each question has one **codebook** of **themes**, versioned by snapshots. A **coding**
says that a coder gave a segment a theme. Every change is also written to the append-only **event** table.

Models stay inside ``coding.store``; other stages get plain data (dataclasses, DataFrames) from the repository API.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from coding.vocabulary import CODING_SOURCES, QUESTION_KINDS, ROLES, QuestionKind, RespondentKind, Source


def _one_of(column: str, values: tuple[str, ...]) -> str:
    """A CHECK constraint's SQL: ``column in ('a', 'b', …)``."""
    return f"{column} in (" + ", ".join(f"'{v}'" for v in values) + ")"


def utcnow() -> datetime:
    """The current time in UTC (stored timezone-aware where the database allows it)."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Declarative base with a JSON type that works on SQLite and PostgreSQL alike."""

    type_annotation_map = {dict[str, Any]: JSON, list[str]: JSON}  # noqa: RUF012 - SQLAlchemy reads it as is


class Study(Base):
    __tablename__ = "studies"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Question(Base):
    __tablename__ = "questions"
    __table_args__ = (
        UniqueConstraint("study_id", "name", name="uq_question_name"),
        CheckConstraint(_one_of("kind", QUESTION_KINDS), name="ck_question_kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    study_id: Mapped[int] = mapped_column(ForeignKey("studies.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    wording: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(20), default=QuestionKind.SURVEY.value)
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: Who was asked, in the report's words ("politieke ambtsdragers"); None: the routing says it.
    population: Mapped[str | None] = mapped_column(Text, nullable=True)
    #: The report style remembered for the question (coding.vocabulary.REPORT_STYLES); None: not chosen yet.
    report_style: Mapped[str | None] = mapped_column(String(20), nullable=True)


class Respondent(Base):
    """A survey respondent, or the interviewee behind a transcript (``kind = 'document'``)."""

    __tablename__ = "respondents"
    __table_args__ = (UniqueConstraint("study_id", "wave", "external_id", name="uq_respondent_wave_external_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    study_id: Mapped[int] = mapped_column(ForeignKey("studies.id", ondelete="CASCADE"), index=True)
    external_id: Mapped[str] = mapped_column(String(200))
    #: The wave (meting) the respondent answered in: the same id in two waves is two respondents.
    wave: Mapped[str] = mapped_column(String(50), default="1", server_default="1")
    kind: Mapped[str] = mapped_column(String(20), default=RespondentKind.RESPONDENT.value)
    weight: Mapped[float | None] = mapped_column(Float, nullable=True)
    attributes: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Document(Base):
    """The full text of an imported transcript; its segments point into it by character offsets."""

    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("question_id", "respondent_id", name="uq_document"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    study_id: Mapped[int] = mapped_column(ForeignKey("studies.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"))
    respondent_id: Mapped[int] = mapped_column(ForeignKey("respondents.id", ondelete="CASCADE"))
    filename: Mapped[str] = mapped_column(String(500))
    text: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    #: Pseudonymised imports: pseudonym → the speaker's real name (for the research team; never exported).
    pseudonyms: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Segment(Base):
    """The unit that gets coded: one answer, or one passage (speaker turn / paragraph) of a transcript."""

    __tablename__ = "segments"
    __table_args__ = (
        UniqueConstraint("question_id", "respondent_id", "position", name="uq_segment_position"),
        Index("ix_segment_question", "question_id", "id"),
        # counts of a question's queue and status read this index alone (migration 0008)
        Index("ix_segment_queue", "question_id", "asked", "substantive", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"))
    respondent_id: Mapped[int] = mapped_column(ForeignKey("respondents.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), nullable=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    text_hash: Mapped[str] = mapped_column(String(64), index=True)
    speaker: Mapped[str | None] = mapped_column(String(200), nullable=True)
    start_char: Mapped[int | None] = mapped_column(Integer, nullable=True)
    end_char: Mapped[int | None] = mapped_column(Integer, nullable=True)
    #: Transcripts with timestamps: when the turn starts, in seconds from the start of the recording.
    start_time: Mapped[float | None] = mapped_column(Float, nullable=True)
    substantive: Mapped[bool] = mapped_column(Boolean, default=True)
    nonsubstantive_reason: Mapped[str | None] = mapped_column(String(50), nullable=True)
    word_count: Mapped[int] = mapped_column(Integer, default=0)
    memo: Mapped[str] = mapped_column(Text, default="")
    is_quote: Mapped[bool] = mapped_column(Boolean, default=False)
    #: False when the question's routing says the respondent never got the question (whatever the cell holds):
    #: such an answer is in no queue, cluster, suggestion, count or quote.
    asked: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class QuestionRouting(Base):
    """Who got a question in one wave: the conditions on respondent attributes (all must hold)."""

    __tablename__ = "question_routings"
    __table_args__ = (UniqueConstraint("question_id", "wave", name="uq_question_routing"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"), index=True)
    wave: Mapped[str] = mapped_column(String(50))
    #: ``[{"column": …, "op": "=" | "!=", "values": [...]}, …]`` (see :class:`coding.design.Routing`).
    conditions: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    description: Mapped[str] = mapped_column(Text, default="")


class Codebook(Base):
    """The codebook of one question; ``version`` goes up with every change, each kept as a snapshot."""

    __tablename__ = "codebooks"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"), unique=True)
    name: Mapped[str] = mapped_column(String(300), default="")
    version: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class CodebookVersion(Base):
    __tablename__ = "codebook_versions"
    __table_args__ = (UniqueConstraint("codebook_id", "version", name="uq_codebook_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    codebook_id: Mapped[int] = mapped_column(ForeignKey("codebooks.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    snapshot: Mapped[dict[str, Any]] = mapped_column()
    author: Mapped[str] = mapped_column(String(100), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Theme(Base):
    __tablename__ = "themes"
    __table_args__ = (UniqueConstraint("codebook_id", "code", name="uq_theme_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    codebook_id: Mapped[int] = mapped_column(ForeignKey("codebooks.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(100))
    label: Mapped[str] = mapped_column(String(300))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("themes.id"), nullable=True)
    definition: Mapped[str] = mapped_column(Text, default="")
    include: Mapped[list[str]] = mapped_column(default=list)
    exclude: Mapped[list[str]] = mapped_column(default=list)
    keywords: Mapped[list[str]] = mapped_column(default=list)
    examples: Mapped[list[str]] = mapped_column(default=list)
    position: Mapped[int] = mapped_column(Integer, default=0)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("themes.id"), nullable=True)


class Coding(Base):
    """A coder gave a segment — or a passage of it — a theme. One row per (segment, theme, coder, passage).

    A coding of the whole segment has ``start_char = end_char = 0``; a passage coding has its start and end offsets
    in the document (a survey answer: in its text). The offsets are never NULL, so the unique key holds.
    """

    __tablename__ = "codings"
    __table_args__ = (
        UniqueConstraint("segment_id", "theme_id", "coder", "start_char", "end_char", name="uq_coding"),
        CheckConstraint(_one_of("source", CODING_SOURCES), name="ck_coding_source"),
        CheckConstraint("(start_char = 0 AND end_char = 0) OR (start_char >= 0 AND end_char > start_char)",
                        name="ck_coding_span"),
        Index("ix_coding_theme", "theme_id"),
        # one coder's codings (their "answer x of y", status' coders; migration 0008)
        Index("ix_coding_coder", "coder", "segment_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segments.id", ondelete="CASCADE"), index=True)
    theme_id: Mapped[int] = mapped_column(ForeignKey("themes.id", ondelete="CASCADE"))
    coder: Mapped[str] = mapped_column(String(100))
    source: Mapped[str] = mapped_column(String(20), default=Source.MANUAL.value)
    start_char: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    end_char: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    #: A passage flagged as a quote (citaat) for the report.
    is_quote: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Event(Base):
    """Append-only history: who did what, when. Never updated or deleted by the application."""

    __tablename__ = "events"
    __table_args__ = (Index("ix_event_actor", "actor", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    actor: Mapped[str] = mapped_column(String(100))
    study_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    action: Mapped[str] = mapped_column(String(50))
    entity: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    #: For an ``undo`` event: the event it reverses (the reversed event itself is never changed).
    undoes_event_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)


class TokenCache(Base):
    """Preprocessed tokens of an answer text for one pipeline, so clustering again does not parse again.

    Keyed by the text's hash (``Segment.text_hash``) and the pipeline + preprocessing version; identical answers
    share one row across questions and studies.
    """

    __tablename__ = "nlp_token_cache"

    text_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    pipeline: Mapped[str] = mapped_column(String(200), primary_key=True)
    tokens: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ClusterRun(Base):
    """One pre-clustering of a question's answers: its settings, pipeline, seed and outcome, kept for tomorrow."""

    __tablename__ = "cluster_runs"
    __table_args__ = (Index("ix_cluster_run_question", "question_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    actor: Mapped[str] = mapped_column(String(100), default="")
    #: The pipeline's key (name@version) and its full description.
    pipeline: Mapped[str] = mapped_column(String(200))
    pipeline_info: Mapped[dict[str, Any]] = mapped_column(default=dict)
    params: Mapped[dict[str, Any]] = mapped_column(default=dict)
    seed: Mapped[int] = mapped_column(Integer, default=0)
    k_requested: Mapped[int | None] = mapped_column(Integer, nullable=True)
    n_clusters: Mapped[int] = mapped_column(Integer)
    #: The k-selection criterion's score per tried k (JSON keys are strings).
    k_scores: Mapped[dict[str, Any]] = mapped_column(default=dict)
    n_answers: Mapped[int] = mapped_column(Integer, default=0)
    n_overig: Mapped[int] = mapped_column(Integer, default=0)
    seeded: Mapped[bool] = mapped_column(Boolean, default=False)
    codebook_version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    seconds: Mapped[float] = mapped_column(Float, default=0.0)


class Cluster(Base):
    """One cluster of a run, as described to the coder. Number 0 is "divers / overig", -1 "niet inhoudelijk"."""

    __tablename__ = "clusters"
    __table_args__ = (UniqueConstraint("run_id", "number", name="uq_cluster_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("cluster_runs.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(300))
    size: Mapped[int] = mapped_column(Integer)
    share: Mapped[float] = mapped_column(Float, default=0.0)
    terms: Mapped[list[str]] = mapped_column(default=list)
    #: Segment ids of the representative answers, closest to the centre first.
    representatives: Mapped[list[int]] = mapped_column(JSON, default=list)
    #: Code of the most similar theme (codes are stable; themes are never deleted, only retired).
    proposed_theme: Mapped[str | None] = mapped_column(String(100), nullable=True)
    theme_score: Mapped[float | None] = mapped_column(Float, nullable=True)
    theme_scores: Mapped[dict[str, Any]] = mapped_column(default=dict)


class ClusterAssignment(Base):
    """Which cluster of a run a segment is in, and how close it is to the cluster's centre."""

    __tablename__ = "cluster_assignments"
    __table_args__ = (Index("ix_cluster_assignment_segment", "segment_id"),)

    run_id: Mapped[int] = mapped_column(ForeignKey("cluster_runs.id", ondelete="CASCADE"), primary_key=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segments.id", ondelete="CASCADE"), primary_key=True)
    cluster: Mapped[int] = mapped_column(Integer)
    similarity: Mapped[float] = mapped_column(Float, default=0.0)


class DoubleCodingSample(Base):
    """A sample of a question's answers drawn for double coding; reproducible from its seed."""

    __tablename__ = "double_coding_samples"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"), index=True)
    seed: Mapped[int] = mapped_column(Integer, default=0)
    #: The share of the answers asked for (None when a number was asked for).
    share: Mapped[float | None] = mapped_column(Float, nullable=True)
    size: Mapped[int] = mapped_column(Integer)
    coders: Mapped[list[str]] = mapped_column(default=list)
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: When a beheerder closed the round: from then on its coders see each other's codings. None while open.
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    closed_by: Mapped[str | None] = mapped_column(String(100), nullable=True)


class DoubleCodingAssignment(Base):
    """One answer of a double-coding sample assigned to one coder, who codes it without seeing the others' work."""

    __tablename__ = "double_coding_assignments"
    __table_args__ = (
        UniqueConstraint("segment_id", "coder", name="uq_double_coding_assignment"),
        Index("ix_double_coding_question_coder", "question_id", "coder"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sample_id: Mapped[int] = mapped_column(ForeignKey("double_coding_samples.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"))
    segment_id: Mapped[int] = mapped_column(ForeignKey("segments.id", ondelete="CASCADE"))
    coder: Mapped[str] = mapped_column(String(100))
    #: The coder's own memo on the answer (the segment's shared memo would show one coder's thoughts to the other).
    memo: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Account(Base):
    """A user of a shared database. Once one exists, every action needs a user with a role on its study.

    Only an argon2 hash of the password is kept. ``role`` is a role on every study (a team's first beheerder);
    roles on single studies are :class:`StudyRole` rows.
    """

    __tablename__ = "accounts"
    __table_args__ = (CheckConstraint("role IS NULL OR " + _one_of("role", ROLES), name="ck_account_role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(300))
    role: Mapped[str | None] = mapped_column(String(20), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: Sessions that logged in before this time are no longer valid (a new password ends them).
    password_changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class StudyRole(Base):
    """The role of a user in one study."""

    __tablename__ = "study_roles"
    __table_args__ = (
        UniqueConstraint("account_id", "study_id", name="uq_study_role"),
        CheckConstraint(_one_of("role", ROLES), name="ck_study_role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    study_id: Mapped[int] = mapped_column(ForeignKey("studies.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))


class LoginToken(Base):
    """A login kept by a browser (a cookie with a random token) so that a reload does not ask for it again.

    Only a SHA-256 of the token is stored. It ends like the login itself: idle too long, a new password, the user
    removed, or "Uitloggen".
    """

    __tablename__ = "login_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    logged_in_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    #: When the token was last used (kept up to date every few minutes while the user works).
    last_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class LoginFailure(Base):
    """A failed login, for throttling per user name and per client. Removed by a successful login."""

    __tablename__ = "login_failures"
    __table_args__ = (Index("ix_login_failure_name", "name", "at"), Index("ix_login_failure_client", "client", "at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The user name as typed (also for names that are no user, so a guess does not show which names exist).
    name: Mapped[str] = mapped_column(String(100))
    client: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
