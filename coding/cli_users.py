"""The CLI on a shared database: logging in with ``--user`` and the ``coding users`` commands.

With no accounts the CLI works as it always did. Once one exists, every command that touches a study takes
``--user NAAM`` (or ``CODING_USER``) and asks for the password — or reads ``CODING_PASSWORD``, for scripts — and
then works on a store bound to that user (:meth:`coding.store.Store.as_user`): the history names them, the role
rules apply, and they see only their own studies. New passwords are read from standard input only
(``--password-stdin``), never from an argument (which would end up in the shell's history and the process list).
"""

from __future__ import annotations

import functools
import getpass
import os
import sys
from collections.abc import Callable
from typing import Any

import click

from coding.errors import CodingError
from coding.store import Store

#: Environment variables: who the CLI acts as, and their password (for scripts; otherwise it is asked).
USER_ENV = "CODING_USER"
PASSWORD_ENV = "CODING_PASSWORD"


def store_of(ctx: click.Context) -> Store:
    """The store of this command (bound to the logged-in user, once one logged in)."""
    from coding.store import connect

    obj = ctx.ensure_object(dict)
    if "store" not in obj:
        obj["store"] = connect(obj.get("db"))
    store: Store = obj["store"]
    return store


def log_in(ctx: click.Context, user: str | None) -> str | None:
    """With accounts: check ``user``'s password (asked, or ``CODING_PASSWORD``), bind the store to them and return
    the name. Without accounts: None (nothing is asked)."""
    from coding.store.access import accounts_exist
    from coding.store.login import log_in as check_login

    store = store_of(ctx)
    obj = ctx.ensure_object(dict)
    if obj.get("user") or not accounts_exist(store):
        return obj.get("user")
    name = (user or "").strip()
    if not name:
        raise CodingError(
            "Deze database heeft gebruikers: zeg wie je bent met --user NAAM (of CODING_USER).",
            hint="Het wachtwoord wordt gevraagd; scripts zetten het in CODING_PASSWORD.",
        )
    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        password = click.prompt(f"Wachtwoord van {name}", hide_input=True, err=True)
    check_login(store, name, password, client=f"cli:{getpass.getuser()}")
    obj["store"] = store.as_user(name)
    obj["user"] = name
    return name


def with_user(command: Callable[..., Any]) -> Callable[..., Any]:
    """Give a command the ``--user`` option and log in before it runs (once accounts exist)."""

    @click.option("--user", "user", envvar=USER_ENV, default=None, metavar="NAAM",
                  help="Je gebruikersnaam, zodra de database gebruikers heeft (het wachtwoord wordt gevraagd, of "
                  "CODING_PASSWORD). Dan staat elke actie op jouw naam.")
    @functools.wraps(command)
    def wrapper(*args: Any, user: str | None = None, **kwargs: Any) -> Any:
        log_in(click.get_current_context(), user)
        return command(*args, **kwargs)

    return wrapper


def acting(ctx: click.Context, fallback: str) -> str:
    """Who the history names: the logged-in user, or (without accounts) ``fallback`` (``--actor``/``--coder``)."""
    user: str | None = ctx.ensure_object(dict).get("user")
    return user or fallback


def _new_password(password_stdin: bool) -> str:
    if not password_stdin:
        raise click.UsageError("Geef --password-stdin: een wachtwoord wordt alleen via standaardinvoer gelezen, "
                               "bijv. `read -s PW; echo \"$PW\" | coding users add …`.")
    line = sys.stdin.readline()
    if not line:
        raise CodingError("Er kwam geen wachtwoord binnen op standaardinvoer.",
                          hint="Geef het wachtwoord op de eerste regel van standaardinvoer.")
    return line.rstrip("\r\n")


@click.group()
def users() -> None:
    """Gebruikers van een gedeelde database: toevoegen, rollen, wachtwoorden."""


@users.command("add")
@click.argument("name")
@click.option("--role", required=True, type=click.Choice(["beheerder", "codeur", "lezer"]), help="De rol.")
@click.option("--study", "studies", multiple=True,
              help="Studie waarin de rol geldt (herhaalbaar); zonder: in alle studies.")
@click.option("--password-stdin", is_flag=True, help="Lees het wachtwoord van de eerste regel van standaardinvoer.")
@click.option("--user", "user", envvar=USER_ENV, default=None, metavar="NAAM",
              help="Wie de gebruiker toevoegt (een beheerder); niet nodig voor de eerste gebruiker.")
@click.pass_context
def users_add(ctx: click.Context, name: str, role: str, studies: tuple[str, ...], password_stdin: bool,
              user: str | None) -> None:
    """Voeg een gebruiker toe (de eerste moet beheerder van alle studies zijn)."""
    from coding.store.accounts import add_user

    password = _new_password(password_stdin)
    acted = log_in(ctx, user)
    added = add_user(store_of(ctx), name, password, role, list(studies), actor=acted or name)
    click.echo(f"Gebruiker '{added.name}' toegevoegd: {added.describe_roles()}.")


@users.command("list")
@with_user
@click.pass_context
def users_list(ctx: click.Context) -> None:
    """Toon de gebruikers met hun rol per studie en hun laatste login."""
    from coding.store.accounts import list_users

    found = list_users(store_of(ctx))
    if not found:
        click.echo("Er zijn nog geen gebruikers: iedereen die de database kan openen, kan alles. Maak de eerste "
                   "beheerder met: coding users add NAAM --role beheerder --password-stdin")
        return
    width = max(len(u.name) for u in found)
    for u in found:
        last = u.last_login_at.strftime("%Y-%m-%d %H:%M") if u.last_login_at else "nog nooit"
        click.echo(f"{u.name:<{width}}  {u.describe_roles()}  (laatste login: {last})")


@users.command("passwd")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Lees het nieuwe wachtwoord van standaardinvoer.")
@click.option("--user", "user", envvar=USER_ENV, default=None, metavar="NAAM",
              help="Wie het wachtwoord zet: de gebruiker zelf, of een beheerder van alle studies.")
@click.pass_context
def users_passwd(ctx: click.Context, name: str, password_stdin: bool, user: str | None) -> None:
    """Zet een nieuw wachtwoord (sessies met het oude wachtwoord vervallen)."""
    from coding.store.accounts import set_password

    password = _new_password(password_stdin)
    acted = log_in(ctx, user or name)
    set_password(store_of(ctx), name, password, actor=acted or name)
    click.echo(f"Wachtwoord van '{name}' gewijzigd.")


@users.command("remove")
@click.argument("name")
@with_user
@click.pass_context
def users_remove(ctx: click.Context, name: str) -> None:
    """Verwijder een gebruiker (hun coderingen en historie blijven, op hun naam)."""
    from coding.store.accounts import remove_user

    remove_user(store_of(ctx), name, actor=acting(ctx, ""))
    click.echo(f"Gebruiker '{name}' verwijderd.")


@users.command("grant")
@click.argument("name")
@click.option("--study", default=None, help="De studie (zonder: alle studies).")
@click.option("--role", required=True, type=click.Choice(["beheerder", "codeur", "lezer", "geen"]),
              help="De nieuwe rol; 'geen' neemt de rol in de studie af.")
@with_user
@click.pass_context
def users_grant(ctx: click.Context, name: str, study: str | None, role: str) -> None:
    """Geef een gebruiker een rol in een studie (of in alle studies)."""
    from coding.store import study_ref
    from coding.store.accounts import grant

    store = store_of(ctx)
    changed = grant(store, name, role, study_ref(store, study) if study else None, actor=acting(ctx, ""))
    click.echo(f"'{changed.name}': {changed.describe_roles()}.")
