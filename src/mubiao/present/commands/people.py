"""``mubiao units``, ``mubiao users`` and ``mubiao keys``: the people of a store, set up from the shell.

Whoever can run these on the server's machine holds the store itself: the commands act as an
administrator, and the audit rows name ``--as`` (default ``$MUBIAO_USER``, else the login name).
Passwords are read from a prompt (twice, hidden) or, for scripts, from standard input
(``--password-stdin``); never from the command line, where other users' ``ps`` would see them.
"""

from __future__ import annotations

import sys

import click
from rich.console import Console
from rich.table import Table

from mubiao.ledger import ROLE_LABELS, ROLES, UNIT_KINDS, Ledger, Principal
from mubiao.present.commands._db import actor, as_option, db_option, open_store


def _password(stdin: bool) -> str:
    if stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return str(click.prompt("password / 密码", hide_input=True, confirmation_prompt=True))


# ---------------------------------------------------------------------------------------- units


@click.group()
def units() -> None:
    """Units (单位): departments and their towns and 街道, under a region of the ledger."""


@units.command("add")
@db_option
@as_option
@click.argument("name")
@click.option("--region", help="The region: a name, short form or 6-digit code (default: the parent's).")
@click.option("--parent", metavar="UNIT", help="The unit above (a town's or 街道's department).")
@click.option("--kind", type=click.Choice(UNIT_KINDS), default="department", show_default=True)
def add_unit(
    db: str | None, as_user: str | None, name: str, region: str | None, parent: str | None, kind: str
) -> None:
    """Add a unit: mubiao units add 区统计局 --region 澜溪区"""
    with open_store(db, create=True) as store:
        unit = Ledger(store).people.add_unit(
            name, region=region, kind=kind, parent=parent, actor=actor(as_user)
        )
    under = f" under {unit.parent}" if unit.parent else ""
    click.echo(f"unit {unit.id}: {unit.name} ({unit.kind}) in {unit.region}{under}")


@units.command("list")
@db_option
def list_units(db: str | None) -> None:
    """The units, with their region and the unit above."""
    with open_store(db) as store:
        found = Ledger(store).people.units()
    table = Table("id", "unit", "kind", "region", "parent")
    for u in found:
        table.add_row(str(u.id), u.name, u.kind, u.region, u.parent or "")
    Console().print(table)


# ---------------------------------------------------------------------------------------- users


@click.group()
def users() -> None:
    """Users: a role (admin, supervisor, reporter, viewer) and the units they belong to."""


@users.command("add")
@db_option
@as_option
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), required=True, help="What the user may do.")
@click.option(
    "--unit", "unit_names", multiple=True, metavar="UNIT", help="A unit of the user (repeat for several)."
)
@click.option("--display-name", help="The name the dashboard shows (default: NAME).")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (scripts).")
def add_user(
    db: str | None, as_user: str | None, name: str, role: str, unit_names: tuple[str, ...],
    display_name: str | None, password_stdin: bool,
) -> None:  # fmt: skip
    """Add a user: mubiao users add li --role reporter --unit 区统计局"""
    password = _password(password_stdin)
    with open_store(db, create=True) as store:
        user = Ledger(store).people.add_user(
            name,
            role=role,
            password=password,
            units=unit_names,
            display_name=display_name,
            actor=actor(as_user),
        )
    units_text = ", ".join(user.units) or "every unit"
    click.echo(f"user {user.name}: {user.role} ({ROLE_LABELS[user.role]}) of {units_text}")


@users.command("list")
@db_option
def list_users(db: str | None) -> None:
    """The users, their roles and units."""
    with open_store(db) as store:
        found = Ledger(store).people.users()
    table = Table("user", "name", "role", "units", "active")
    for u in found:
        table.add_row(u.name, u.display_name, u.role, ", ".join(u.units), "yes" if u.active else "no")
    Console().print(table)


@users.command("password")
@db_option
@as_option
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (scripts).")
def reset_password(db: str | None, as_user: str | None, name: str, password_stdin: bool) -> None:
    """Set a new password for a user (their sessions end)."""
    password = _password(password_stdin)
    with open_store(db) as store:
        Ledger(store).people.set_password(name, password, actor=actor(as_user))
    click.echo(f"password of {name} set; their sessions have ended")


@users.command("disable")
@db_option
@as_option
@click.argument("name")
def disable(db: str | None, as_user: str | None, name: str) -> None:
    """Disable a user: every session and key of theirs ends."""
    with open_store(db) as store:
        Ledger(store).people.set_active(name, False, actor=actor(as_user))
    click.echo(f"{name} disabled")


@users.command("enable")
@db_option
@as_option
@click.argument("name")
def enable(db: str | None, as_user: str | None, name: str) -> None:
    """Enable a disabled user again."""
    with open_store(db) as store:
        Ledger(store).people.set_active(name, True, actor=actor(as_user))
    click.echo(f"{name} enabled")


@users.command("email")
@db_option
@as_option
@click.argument("name")
@click.argument("address", required=False)
def set_email(db: str | None, as_user: str | None, name: str, address: str | None) -> None:
    """Where a user's reminders (催办) are e-mailed; without ADDRESS, none (in-app notices only)."""
    with open_store(db) as store:
        user = Ledger(store).people.set_email(name, address, actor=actor(as_user))
    click.echo(f"{name}: {user.email or 'no e-mail (in-app notices only)'}")


# ---------------------------------------------------------------------------------------- keys


@click.group()
def keys() -> None:
    """API keys: what scripts send as 'Authorization: Bearer KEY', with their user's rights."""


@keys.command("add")
@db_option
@as_option
@click.argument("user")
@click.option("--label", required=True, help="What the key is for (the script's name).")
@click.option("--days", type=click.IntRange(min=1), default=365, show_default=True, help="How long it lasts.")
def add_key(db: str | None, as_user: str | None, user: str, label: str, days: int) -> None:
    """Make an API key for USER; it is printed this once (only its hash is kept)."""
    with open_store(db) as store:
        issued = Ledger(store).people.add_key(user, label, days=days, actor=actor(as_user))
    click.echo(f"key {issued.id} of {user}, until {issued.expires_at:%Y-%m-%d}:", err=True)
    click.echo(issued.secret)


@keys.command("list")
@db_option
def list_keys(db: str | None) -> None:
    """Every API key: user, label, expiry, revocation (never the key itself)."""
    with open_store(db) as store:
        found = Ledger(store).people.keys(Principal.system())
    table = Table("id", "user", "label", "expires", "revoked")
    for k in found:
        table.add_row(
            str(k["id"]),
            str(k["user"]),
            str(k["label"]),
            str(k["expires_at"] or ""),
            str(k["revoked_at"] or ""),
        )
    Console().print(table)


@keys.command("revoke")
@db_option
@as_option
@click.argument("key_id", type=int)
def revoke_key(db: str | None, as_user: str | None, key_id: int) -> None:
    """Revoke an API key (or end a session) by its id."""
    with open_store(db) as store:
        Ledger(store).people.revoke(key_id, actor=actor(as_user))
    click.echo(f"key {key_id} revoked")
