"""The ``coding`` command. Each subcommand parses its arguments and calls one library function.

Errors a researcher can fix are printed as a clear message (file, row, column, what to do) with exit code 1;
anything unexpected is reported in one line with exit code 2 — never a traceback, unless ``--debug``.

On a database with users, every command that touches a study takes ``--user`` (:mod:`coding.cli_users`).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from coding.cli_users import acting, store_of, users, with_user
from coding.errors import CodingError
from coding.progress import Progress
from coding.store import QuestionRef, Store, StudyRef


def _store(ctx: click.Context) -> Store:
    """The store of this command: bound to the ``--user`` who logged in, once the database has users."""
    return store_of(ctx)


def _study(ctx: click.Context, name: str) -> StudyRef:
    """The study named on the command line, looked up once."""
    from coding.store import study_ref

    return study_ref(_store(ctx), name)


def _question(ctx: click.Context, study: str, question: str) -> QuestionRef:
    """The question named on the command line, looked up once; every call after this passes the reference."""
    from coding.store import question_ref

    return question_ref(_store(ctx), study, question)


@contextmanager
def progress_bar(label: str) -> Iterator[Progress]:
    """A click progress bar fed by the library's ``progress(done, total)`` callback."""
    state: dict[str, Any] = {"bar": None, "done": 0}

    def update(done: int, total: int) -> None:
        if state["bar"] is None and total:
            bar: Any = click.progressbar(length=total, label=label, file=sys.stderr)
            bar.__enter__()
            state["bar"] = bar
        if state["bar"] is not None:
            state["bar"].update(max(0, done - state["done"]))
            state["done"] = done

    try:
        yield update
    finally:
        if state["bar"] is not None:
            state["bar"].__exit__(None, None, None)


class CodingGroup(click.Group):
    """A click group that turns library errors into messages instead of tracebacks."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CodingError as exc:
            click.secho(f"Fout: {exc}", fg="red", err=True)
            ctx.exit(1)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except Exception as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.secho(f"Onverwachte fout ({type(exc).__name__}): {exc}", fg="red", err=True)
            click.echo("Draai het commando opnieuw met --debug voor details en meld het als bug.", err=True)
            ctx.exit(2)


@click.group(cls=CodingGroup)
@click.option(
    "--db",
    envvar="CODING_DB_URL",
    default=None,
    help="Database-URL (standaard: SQLite in data/coding.sqlite; of postgresql://…).",
)
@click.option("--debug", is_flag=True, help="Toon bij onverwachte fouten de volledige traceback.")
@click.version_option(package_name="coding")
@click.pass_context
def main(ctx: click.Context, db: str | None, debug: bool) -> None:
    """coding — open antwoorden en interviews coderen (Nederlandstalig, lokaal)."""
    ctx.ensure_object(dict).update(db=db, debug=debug)


@main.command()
@click.pass_context
def init(ctx: click.Context) -> None:
    """Maak de database aan of werk het schema bij (migraties)."""
    store = _store(ctx)
    click.echo(f"Database klaar: {store.url} (schema {store.schema_revision()})")


@main.group(name="import")
def import_() -> None:
    """Importeer enquêtes, transcripten of eerdere coderingen."""


@import_.command("survey")
@with_user
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--study", required=True, help="Naam van de studie (wordt aangemaakt als die nog niet bestaat).")
@click.option("--id", "id_column", required=True, help="Kolom met de respondent-id.")
@click.option("--text", "texts", multiple=True, required=True, help="Kolom met een open vraag (herhaalbaar).")
@click.option("--attr", "attributes", multiple=True,
              help="Kolom met een kenmerk, bijv. doelgroep (herhaalbaar); een SPSS-antwoordset ($naam) geeft één "
                   "kenmerk per optie.")
@click.option("--weight", default=None, help="Kolom met de weegfactor.")
@click.option("--sheet", default=None, help="Werkblad (XLSX); standaard het eerste.")
@click.option("--wording", "wordings", multiple=True,
              help='Vraagtekst van een open vraag: "KOLOM=Wat belemmert u …?" (herhaalbaar; wint van het bestand).')
@click.option("--header-rows", type=int, default=None,
              help="Aantal kopregels (CSV/XLSX): rij 1 namen, rij 2 vraagteksten, de rest overgeslagen. Standaard "
                   "herkend (Qualtrics, SurveyMonkey) of 1.")
@click.option("--encoding", default=None, help="Tekenset van een SPSS-bestand, bijv. windows-1252 (standaard: uit "
              "het bestand).")
@click.option("--actor", default="import", show_default=True,
              help="Naam in de historie (met gebruikers: de --user).")
@click.option("--allow-ragged", is_flag=True,
              help="Sla kapotte CSV-rijen (verkeerd aantal velden, vreemde id) over en meld ze, i.p.v. te weigeren.")
@click.option("--wave", default=None, help="De meting van dit bestand, bijv. 2024.")
@click.option("--wave-column", default=None, help="Kolom met de meting per rij (één bestand met meerdere metingen).")
@click.option("--replace-wave", is_flag=True, help="Vervang een meting die al bestaat (coderingen van ongewijzigde "
              "antwoorden blijven staan).")
@click.option("--asked-if", "asked_if", multiple=True, metavar="VRAAG:KOLOM=WAARDE[,…]",
              help="Routing: wie kreeg de vraag (ook KOLOM!=WAARDE; herhaalbaar).")
@click.pass_context
def import_survey_cmd(
    ctx: click.Context,
    file: Path,
    study: str,
    id_column: str,
    texts: tuple[str, ...],
    attributes: tuple[str, ...],
    weight: str | None,
    sheet: str | None,
    wordings: tuple[str, ...],
    header_rows: int | None,
    encoding: str | None,
    actor: str,
    allow_ragged: bool,
    wave: str | None,
    wave_column: str | None,
    replace_wave: bool,
    asked_if: tuple[str, ...],
) -> None:
    """Importeer een enquête-export (CSV, XLSX of SPSS .sav/.zsav; Qualtrics en SurveyMonkey worden herkend)."""
    from coding.ingest.survey import SurveyMapping, import_survey, parse_wordings

    mapping = SurveyMapping(id=id_column, texts=list(texts), attributes=list(attributes), weight=weight,
                            wordings=parse_wordings(list(wordings)), wave_column=wave_column)
    with progress_bar("Importeren") as progress:
        report = import_survey(_store(ctx), file, study, mapping, actor=acting(ctx, actor), sheet=sheet,
                               header_rows=header_rows, encoding=encoding, progress=progress, allow_ragged=allow_ragged,
                               wave=wave, asked_if=list(asked_if) or None, replace_wave=replace_wave)
    click.echo(report.summary())


@import_.command("transcripts")
@with_user
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--study", required=True, help="Naam van de studie.")
@click.option("--question", required=True, help="Naam van het interviewonderwerp (de 'vraag').")
@click.option("--attr", "attributes", multiple=True, help="Documentkenmerk sleutel=waarde (herhaalbaar).")
@click.option("--attributes-file", type=click.Path(path_type=Path), default=None,
              help="CSV/XLSX met één rij per transcript (kolom 'bestand') en de documentkenmerken.")
@click.option("--interviewer", "interviewers", multiple=True,
              help="Spreker wiens beurten context zijn (herhaalbaar); standaard Interviewer, I, Vraag, ….")
@click.option("--pseudonymise", is_flag=True, help="Vervang namen van geïnterviewden door 'Geïnterviewde 1', ….")
@click.option("--actor", default="import", show_default=True,
              help="Naam in de historie (met gebruikers: de --user).")
@click.option("--wave", default=None, help="De meting van de interviews (standaard de laatste van de studie).")
@click.pass_context
def import_transcripts_cmd(
    ctx: click.Context,
    files: tuple[Path, ...],
    study: str,
    question: str,
    attributes: tuple[str, ...],
    attributes_file: Path | None,
    interviewers: tuple[str, ...],
    pseudonymise: bool,
    actor: str,
    wave: str | None,
) -> None:
    """Importeer interviewtranscripten (.docx, .txt, .vtt of .srt), gesplitst per sprekersbeurt."""
    from coding.ingest.transcripts import import_transcripts, parse_attributes

    with progress_bar("Importeren") as progress:
        report = import_transcripts(
            _store(ctx),
            list(files),
            study,
            question,
            attributes=parse_attributes(list(attributes)),
            attributes_file=attributes_file,
            interviewers=list(interviewers) or None,
            pseudonymise=pseudonymise,
            actor=acting(ctx, actor),
            progress=progress,
            wave=wave,
        )
    click.echo(report.summary())


@import_.command("qdpx")
@with_user
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--study", required=True, help="Naam van de studie (wordt aangemaakt als die nog niet bestaat).")
@click.option("--question", default="interviews", show_default=True, help="Nieuwe vraag voor de bronnen.")
@click.option("--actor", default="import", show_default=True,
              help="Naam in de historie (met gebruikers: de --user).")
@click.pass_context
def import_qdpx_cmd(ctx: click.Context, file: Path, study: str, question: str, actor: str) -> None:
    """Importeer een REFI-QDA-project (.qdpx uit QualCoder, ATLAS.ti, MAXQDA): bronnen, codes en coderingen."""
    from coding.ingest.qdpx import import_qdpx

    with progress_bar("Importeren") as progress:
        report = import_qdpx(_store(ctx), file, study, question=question, actor=acting(ctx, actor),
                             progress=progress)
    click.echo(report.summary())


@import_.command("codings")
@with_user
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--study", required=True, help="Naam van de studie.")
@click.option("--question", required=True, help="De vraag waarop de coderingen slaan.")
@click.option("--id", "id_column", required=True, help="Kolom met de respondent-id.")
@click.option("--theme", "theme_column", required=True, help="Kolom met thema('s), gescheiden door | of ;.")
@click.option("--coder", default=None, help="Naam van de codeur (standaard 'import').")
@click.option("--coder-column", default=None, help="Kolom met de naam van de codeur per rij.")
@click.option("--sheet", default=None, help="Werkblad (XLSX); standaard het eerste.")
@click.option("--wave", default=None, help="De meting waarvan de antwoorden gecodeerd zijn (nodig bij meerdere).")
@click.pass_context
def import_codings_cmd(
    ctx: click.Context,
    file: Path,
    study: str,
    question: str,
    id_column: str,
    theme_column: str,
    coder: str | None,
    coder_column: str | None,
    sheet: str | None,
    wave: str | None,
) -> None:
    """Importeer eerdere coderingen (CSV/XLSX: respondent-id en thema's)."""
    from coding.ingest.codings import import_codings

    with progress_bar("Importeren") as progress:
        report = import_codings(
            _store(ctx),
            file,
            _question(ctx, study, question),
            id_column=id_column,
            theme_column=theme_column,
            coder=coder,
            coder_column=coder_column,
            sheet=sheet,
            progress=progress,
            wave=wave,
            actor=acting(ctx, coder or "import"),
        )
    click.echo(report.summary())


@main.group()
def codebook() -> None:
    """Codeboeken (YAML) valideren, laden en exporteren."""


@codebook.command("validate")
@click.argument("file", type=click.Path(path_type=Path))
def codebook_validate(file: Path) -> None:
    """Controleer een codeboek-bestand."""
    from coding.codebook import load_codebook_file

    book = load_codebook_file(file)
    for spec in book.codebooks:
        click.echo(
            f"{spec.question or '(alle vragen)'}: {len(spec.themes)} thema's — "
            + ", ".join(t.code for t in spec.themes)
        )
    click.echo(f"{file}: geldig.")


@codebook.command("load")
@with_user
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--study", required=True, help="Naam van de studie.")
@click.option("--question", required=True, help="De vraag die dit codeboek krijgt.")
@click.option("--section", default=None, help="Welk deel van een codeboek met meerdere vragen (de 'question').")
@click.option("--actor", default="import", show_default=True,
              help="Naam in de historie (met gebruikers: de --user).")
@click.pass_context
def codebook_load(ctx: click.Context, file: Path, study: str, question: str, section: str | None, actor: str) -> None:
    """Laad een codeboek (YAML, of .qdc uit NVivo/ATLAS.ti/MAXQDA) bij een vraag (thema's op code bijgewerkt; nooit
    gewist)."""
    from coding.report.qdc import read_codebook_for
    from coding.store.codebooks import load_codebook, themes_not_in_file

    ref = _question(ctx, study, question)
    spec = read_codebook_for(file, question, wording=ref.wording, section=section)
    version = load_codebook(_store(ctx), ref, spec, acting(ctx, actor))
    click.echo(f"Codeboek geladen bij '{question}': {len(spec.themes)} thema's (versie {version}).")
    kept = themes_not_in_file(_store(ctx), ref, spec)
    if kept:
        click.echo(f"Behouden, niet in het bestand (later toegevoegd): {', '.join(kept)}.")


@codebook.command("export")
@with_user
@click.option("--study", required=True, help="Naam van de studie.")
@click.option("--question", required=True, help="De vraag.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="Bestand (standaard: scherm).")
@click.pass_context
def codebook_export(ctx: click.Context, study: str, question: str, output: Path | None) -> None:
    """Schrijf het codeboek van een vraag als YAML."""
    from coding.codebook import CodebookFile, dump_codebook, save_codebook_file
    from coding.store.codebooks import get_codebook

    book = CodebookFile(codebooks=[get_codebook(_store(ctx), _question(ctx, study, question))])
    if output:
        save_codebook_file(book, output)
        click.echo(f"Geschreven: {output}")
    else:
        click.echo(dump_codebook(book), nl=False)


@main.command()
@with_user
@click.option("--study", default=None, help="Alleen deze studie.")
@click.pass_context
def status(ctx: click.Context, study: str | None) -> None:
    """Per vraag: segmenten, inhoudelijke antwoorden, gecodeerd en codeurs; en per meting en vraag: gevraagd,
    niet gevraagd, leeg, niet-inhoudelijk en gecodeerd."""
    # no pandas on this path: it would double the start-up time of the command
    from coding.store import studies, waves
    from coding.text_table import text_table

    store = _store(ctx)
    names = [study] if study else studies.study_names(store)
    if not names:
        click.echo("Er zijn nog geen studies. Begin met `coding import survey` of `coding demo`.")
    for name in names:
        ref = _study(ctx, name)
        table, per_wave = waves.status_overview(store, ref)
        click.secho(f"Studie: {name}", bold=True)
        labels = studies.STATUS_LABELS
        click.echo(text_table([labels.get(c, c) for c in studies.STATUS_COLUMNS], table) if table
                   else "  (nog geen vragen)")
        if per_wave:
            click.secho("Per meting:", bold=True)
            click.echo(text_table([labels.get(c, c) for c in waves.STATUS_COLUMNS], per_wave))


@main.group()
def question() -> None:
    """Vragen: routing (wie kreeg de vraag)."""


@question.command("routing")
@with_user
@click.option("--study", required=True, help="Naam van de studie.")
@click.option("--question", "question_name", required=True, help="De vraag.")
@click.option("--asked-if", "asked_if", multiple=True, metavar="KOLOM=WAARDE[,…]",
              help="Wie kreeg de vraag: KOLOM=WAARDE of KOLOM!=WAARDE (herhaalbaar; ook VRAAG:KOLOM=WAARDE). "
              "Zonder: iedereen.")
@click.option("--description", default="", help="De routing in woorden, bijv. 'respondenten die zich niet vrij "
              "voelen'.")
@click.option("--wave", default=None, help="De meting (nodig bij meerdere metingen).")
@click.option("--actor", default="cli", show_default=True,
              help="Naam in de historie (met gebruikers: de --user).")
@click.pass_context
def question_routing_cmd(ctx: click.Context, study: str, question_name: str, asked_if: tuple[str, ...],
                         description: str, wave: str | None, actor: str) -> None:
    """Leg vast wie een vraag kreeg; antwoorden van wie hem niet kreeg tellen nergens mee."""
    from coding.design import Routing, parse_condition
    from coding.store.waves import set_routing

    conditions = []
    for spec in asked_if:
        named, sep, rest = spec.partition(":")
        if sep and "=" not in named:
            if named.strip() != question_name:
                raise click.UsageError(f"--asked-if '{spec}' noemt vraag '{named.strip()}', niet '{question_name}'.")
            spec = rest
        conditions.append(parse_condition(spec))
    routing = Routing(tuple(conditions), description) if conditions else None
    report = set_routing(_store(ctx), _question(ctx, study, question_name), wave, routing,
                         actor=acting(ctx, actor))
    click.echo(report.summary())
    for warning in report.warnings:
        click.echo(f"Let op: {warning}")


@main.command()
@with_user
@click.pass_context
def demo(ctx: click.Context) -> None:
    """Laad de fictieve demo-studie (twee metingen van een enquête met een gerouteerde en een open vraag, drie
    interviews; deels gecodeerd)."""
    from coding.demo import DEMO_STUDY, load_demo

    with progress_bar("Demo laden") as progress:
        reports = load_demo(_store(ctx), progress=progress)
    for report in reports:
        click.echo(report.summary())
    click.echo(f"Demo-studie klaar: '{DEMO_STUDY}'." if reports else f"Demo-studie '{DEMO_STUDY}' bestaat al.")


@main.command()
@with_user
@click.option("--study", required=True, help="Naam van de studie.")
@click.option("--question", default=None, help="Alleen deze vraag (standaard: alle vragen met coderingen).")
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(["md", "docx", "xlsx", "csv", "matrix", "qdpx", "qdc", "sav"]),
    help="md/docx: rapport; xlsx: tabellen (en de codes per respondent); csv: coderingen (lang); matrix: 0/1 voor "
         "SPSS/R; qdpx/qdc: REFI-QDA; sav: SPSS-bestand met de codes per respondent en meting, met labels.",
)
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path), help="Uitvoerbestand.")
@click.option("--weighted", is_flag=True, help="Gewogen percentages (met de weegfactor van de studie).")
@click.option("--by", "by", multiple=True, help="Uitsplitsen naar dit kenmerk, met significantie (herhaalbaar).")
@click.option("--quotes", type=click.IntRange(0, 20), default=None, help="Aantal citaten per thema (standaard 3–5).")
@click.option("--quotes-by", default=None, help="Citaten per groep van dit kenmerk kiezen.")
@click.option("--population", default=None,
              help="Wie de vraag kreeg, voor de basiszin en de voetnoot (bijv. 'politieke ambtsdragers'); met "
                   "--question onthouden voor die vraag ('' wist het weer; standaard: het onthouden, anders de "
                   "routing).")
@click.option("--style", type=click.Choice(["kwalitatief", "tabellen"]), default=None,
              help="kwalitatief: de thema's in woorden met citaten, zonder cijfers; tabellen: percentages per thema "
                   "en groep. Met --question onthouden voor die vraag (standaard: het onthouden, anders tabellen; "
                   "interviews altijd kwalitatief).")
@click.option("--with-interviews", "with_interviews", default=None, metavar="VRAAG",
              help="Voeg de citaten van deze interviewvraag (met dezelfde thema's) toe aan de sectie van --question.")
@click.option("--base", type=click.Choice(["exclusief", "inclusief"]), default="exclusief", show_default=True,
              help="Of 'weet niet' en andere niet-inhoudelijke antwoorden in de basis van de percentages zitten.")
@click.option("--wave", "wave", default=None,
              help="Rapport van deze meting, met de vorige meting als kolom (standaard: de laatste meting, met alle).")
@click.option("--chapter", type=click.IntRange(min=1), default=1, show_default=True,
              help="Hoofdstuknummer in de bijschriften van Word: 'Tabel 2.4', 'Figuur 2.1'.")
@click.option("--min-base", "min_base", type=int, default=30, show_default=True, metavar="N",
              help="Percentages alleen bij een basis van minstens N respondenten (anders aantallen); kleinere groepen "
                   "worden niet getoetst.")
@click.option("--min-group", "min_group", type=int, default=5, show_default=True, metavar="K",
              help="Een groep met minder dan K respondenten krijgt geen eigen kolom (samengevoegd tot 'overig' of "
                   "weggelaten) en wordt niet bij een citaat genoemd.")
@click.option("--correction", default="bh", show_default=True, metavar="none|bh|bonferroni",
              help="Correctie voor het toetsen van alle cellen van een tabel: bh (Benjamini–Hochberg), bonferroni of "
                   "none (geen).")
@click.option("--actor", default="cli", show_default=True, help="Naam in de historie (bij --population/--style).")
@click.pass_context
def report(
    ctx: click.Context,
    study: str,
    question: str | None,
    fmt: str,
    output: Path,
    weighted: bool,
    by: tuple[str, ...],
    quotes: int | None,
    quotes_by: str | None,
    population: str | None,
    style: str | None,
    with_interviews: str | None,
    base: str,
    wave: str | None,
    chapter: int,
    min_base: int,
    min_group: int,
    correction: str,
    actor: str,
) -> None:
    """Schrijf een rapport (kwalitatief of met tabellen, significantie, geanonimiseerde citaten) of een export van de
    coderingen."""
    from coding.analysis.model import ReportOptions
    from coding.report.export import export

    options = ReportOptions(weighted=weighted, by=by, quotes=quotes, quotes_by=quotes_by, population=population,
                            base=base, wave=wave, chapter=chapter, min_base=min_base, min_group=min_group,
                            correction=correction.strip().lower(), style=style, with_interviews=with_interviews)
    result = export(_store(ctx), _study(ctx, study), fmt,
                    question=_question(ctx, study, question) if question else None, options=options, remember=actor)
    output.write_bytes(result.content)
    click.echo(f"Geschreven: {output} ({', '.join(result.questions)})")
    for reason in result.skipped:
        click.echo(f"Niet opgenomen: {reason}")


@main.command()
@with_user
@click.option("--study", required=True, help="Naam van de studie.")
@click.option("--question", required=True, help="De vraag waarvan de antwoorden gegroepeerd worden.")
@click.option("--k", "k", type=click.IntRange(min=1), default=None,
              help="Aantal clusters (standaard: automatisch gekozen, het stabielste aantal tussen 15 en 25).")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Startgetal: dezelfde seed geeft dezelfde clusters.")
@click.option("--model", default=None,
              help="spaCy-pipeline (naam of map); standaard CODING_SPACY_MODEL of nl_core_news_sm, anders de "
                   "terugvaloptie.")
@click.option("--processes", "n_process", type=click.IntRange(min=1), default=1, show_default=True,
              help="Processen voor het ontleden (loont alleen met een volledig spaCy-model).")
@click.option("--no-codebook", is_flag=True, help="Negeer het codeboek (geen themavoorstellen, geen startpunten).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="Schrijf de indeling als CSV.")
@click.option("--actor", default="cluster", show_default=True,
              help="Naam in de historie (met gebruikers: de --user).")
@click.option("--wave", default=None, help="Alleen de antwoorden van deze meting.")
@click.pass_context
def cluster(
    ctx: click.Context,
    study: str,
    question: str,
    k: int | None,
    seed: int,
    model: str | None,
    n_process: int,
    no_codebook: bool,
    output: Path | None,
    actor: str,
    wave: str | None,
) -> None:
    """Groepeer de antwoorden op een vraag in clusters, met labels en themavoorstellen."""
    import pandas as pd

    from coding.nlp.pipeline import load_pipeline
    from coding.nlp.runs import cluster_question, write_clusters_csv

    store = _store(ctx)
    click.echo(f"Pipeline: {load_pipeline(model).info.describe()}")
    with progress_bar("Clusteren") as progress:
        result = cluster_question(store, _question(ctx, study, question), k=k, seed=seed, model=model, wave=wave,
                                  n_process=n_process, use_codebook=not no_codebook, actor=acting(ctx, actor),
                                  progress=progress)
    click.echo(result.summary())
    table = result.clusters[["cluster", "size", "label", "proposed_theme", "theme_score"]].copy()
    table.columns = ["cluster", "antwoorden", "label", "thema", "score"]
    table["label"] = [label if len(label) <= 60 else label[:59] + "…" for label in table["label"]]
    table["thema"] = table["thema"].fillna("")
    table["score"] = ["" if pd.isna(s) else f"{s:.2f}" for s in table["score"]]
    click.echo(table.to_string(index=False))
    if output:
        # utf-8-sig so that Excel opens the Dutch characters correctly.
        with output.open("w", encoding="utf-8-sig", newline="") as handle:
            write_clusters_csv(result, handle)
        click.echo(f"Geschreven: {output}")


@main.command()
@with_user
@click.option("--study", required=True, help="Naam van de studie.")
@click.option("--question", required=True, help="De vraag.")
@click.option("--coder", default=None, help="Alleen antwoorden die deze codeur nog niet codeerde (standaard: niemand).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="Schrijf de voorstellen als CSV.")
@click.pass_context
def suggest(ctx: click.Context, study: str, question: str, coder: str | None, output: Path | None) -> None:
    """Stel per ongecodeerd antwoord de drie waarschijnlijkste thema's voor (geleerd van de codeurs)."""
    from coding.output import write_csv
    from coding.work.suggestions import suggest_question

    table = suggest_question(_store(ctx), _question(ctx, study, question), coder=coder)
    if output:
        with output.open("w", encoding="utf-8-sig", newline="") as handle:  # utf-8-sig: Excel reads the accents
            write_csv(handle, table)
        click.echo(f"{len(table)} antwoorden met voorstellen geschreven: {output}")
    else:
        click.echo(table.to_string(index=False) if len(table) else "Geen open antwoorden om voor te stellen.")


@main.command()
@with_user
@click.option("--study", required=True, help="Naam van de studie.")
@click.option("--question", required=True, help="De vraag.")
@click.pass_context
def agreement(ctx: click.Context, study: str, question: str) -> None:
    """Overeenstemming tussen codeurs per thema en in totaal (percentage, Cohen's κ, Krippendorff's α)."""
    from coding.analysis.agreement import agreement_table, format_agreement

    click.echo(format_agreement(agreement_table(_store(ctx), _question(ctx, study, question))))


@main.command("double-code")
@with_user
@click.option("--study", required=True, help="Naam van de studie.")
@click.option("--question", required=True, help="De vraag.")
@click.option("--coder", "coders", multiple=True, required=True, help="Codeur (minstens twee keer opgeven).")
@click.option("--share", type=float, default=None, help="Aandeel van de antwoorden, bijv. 0.1 voor 10%.")
@click.option("--size", type=int, default=None, help="Aantal antwoorden.")
@click.option("--seed", type=int, default=0, show_default=True, help="Startgetal van de trekking (herhaalbaar).")
@click.option("--actor", default="lead", show_default=True,
              help="Naam in de historie (met gebruikers: de --user).")
@click.pass_context
def double_code(ctx: click.Context, study: str, question: str, coders: tuple[str, ...], share: float | None,
                size: int | None, seed: int, actor: str) -> None:
    """Trek een steekproef van antwoorden die twee of meer codeurs onafhankelijk (blind) coderen."""
    from coding.work.double_coding import draw_sample

    sample = draw_sample(_store(ctx), _question(ctx, study, question), list(coders), share=share, size=size,
                         seed=seed, actor=acting(ctx, actor))
    click.echo(f"Steekproef {sample.id}: {len(sample.segment_ids)} antwoorden toegewezen aan "
               f"{', '.join(sample.coders)} (seed {sample.seed}).")


@main.command("close-round")
@with_user
@click.option("--study", required=True, help="Naam van de studie.")
@click.option("--question", required=True, help="De vraag.")
@click.option("--actor", default="lead", show_default=True,
              help="Naam in de historie (met gebruikers: de --user).")
@click.pass_context
def close_round_cmd(ctx: click.Context, study: str, question: str, actor: str) -> None:
    """Sluit de open ronde(s) dubbel coderen van een vraag: daarna zien de codeurs elkaars coderingen."""
    from coding.work.double_coding import close_round

    closed = close_round(_store(ctx), _question(ctx, study, question), acting(ctx, actor))
    click.echo(f"{closed} ronde(s) dubbel coderen gesloten." if closed else "Er was geen open ronde.")


@main.group()
def rules() -> None:
    """Regels: trefwoorden en reguliere expressies uit het codeboek die antwoorden voorcoderen."""


@rules.command("show")
@with_user
@click.option("--study", required=True, help="Naam van de studie.")
@click.option("--question", required=True, help="De vraag.")
@click.pass_context
def rules_show(ctx: click.Context, study: str, question: str) -> None:
    """Toon elke regel met zijn precisie op de al gecodeerde antwoorden."""
    from coding.work.rules import rule_report

    table = rule_report(_store(ctx), _question(ctx, study, question))
    click.echo(table.round(3).to_string(index=False) if len(table) else "Het codeboek heeft geen trefwoorden.")


@rules.command("apply")
@with_user
@click.option("--study", required=True, help="Naam van de studie.")
@click.option("--question", required=True, help="De vraag.")
@click.option("--coder", default=None, help="Op wiens naam de voorcoderingen komen (met gebruikers: jij).")
@click.option("--min-precision", type=float, default=0.8, show_default=True, help="Alleen regels met minstens deze "
              "precisie op de gecodeerde antwoorden.")
@click.option("--min-support", type=int, default=5, show_default=True, help="… gemeten op minstens zoveel antwoorden.")
@click.pass_context
def rules_apply(ctx: click.Context, study: str, question: str, coder: str | None, min_precision: float,
                min_support: int) -> None:
    """Codeer open antwoorden met de betrouwbare regels (bron: regel)."""
    from coding.work.rules import apply_rules

    name = coder or acting(ctx, "")
    if not name:
        raise click.UsageError("Geef --coder NAAM: op wiens naam de voorcoderingen komen.")
    added = apply_rules(_store(ctx), _question(ctx, study, question), name, min_precision=min_precision,
                        min_support=min_support)
    click.echo(f"{added} coderingen toegevoegd door regels (bron: rule).")


main.add_command(users)
