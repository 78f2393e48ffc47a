"""``mubiao document`` (correct a document's metadata, re-read it, delete it, list its versions)
and ``mubiao correction`` (undo a correction, re-attach or dismiss an orphaned one): every write
audited, as through the API."""

from __future__ import annotations

import getpass
import json
import os
from typing import Any

import click

from mubiao.errors import MubiaoError
from mubiao.ledger import DOC_TYPES, Ledger, Reread
from mubiao.present.commands._db import db_option, fail, open_store

_USER_HELP = "Who, for the audit table (default: $MUBIAO_USER, else the login name)."
_REASON_HELP = "Why: kept in the audit table."


def _who(user: str | None) -> str:
    return user or os.environ.get("MUBIAO_USER") or getpass.getuser()


def _said(done: Reread) -> str:
    fixed = ", ".join(f"{k} {v!r}" for k, v in done.overrides.items()) or "as detected"
    orphans = (
        f"; {done.orphaned} correction(s) orphaned (see `mubiao corrections --orphaned`)"
        if done.orphaned
        else ""
    )
    return (
        f"{done.doc_id}: extracted again ({fixed}); {done.before} → {done.after} statements; "
        f"version {done.version} kept, now version {done.version + 1}{orphans}"
    )


@click.group()
def document() -> None:
    """Correct, re-read or delete a stored document; list the versions of its extraction."""


@document.command("correct")
@click.argument("doc_id")
@db_option
@click.option("--region", help="The document's region: a full name, short form or code.")
@click.option("--year", type=int, help="The session year (a report of January 2025 → 2025).")
@click.option("--type", "doc_type", type=click.Choice(DOC_TYPES), help="The document's type.")
@click.option("--title", help="The document's title.")
@click.option("--reason", required=True, help=_REASON_HELP)
@click.option("--user", help=_USER_HELP)
def correct_document(doc_id: str, db: str | None, reason: str, user: str | None, **fields: Any) -> None:
    """Correct what was detected of document DOC_ID and extract it again with it; the statement
    corrections are kept (re-attached), the old extraction kept as a version."""
    changes = {k: v for k, v in fields.items() if v is not None}
    with open_store(db) as store:
        try:
            done = Ledger(store).correct_document(doc_id, changes, who=_who(user), reason=reason)
        except MubiaoError as e:
            fail(e)
    click.echo(_said(done))


@document.command("reread")
@click.argument("doc_id")
@db_option
@click.option("--reason", default="read again", show_default=True, help=_REASON_HELP)
@click.option("--user", help=_USER_HELP)
def reread(doc_id: str, db: str | None, reason: str, user: str | None) -> None:
    """Extract document DOC_ID again from its stored text (after an upgrade of mubiao), keeping the
    old extraction as a version; corrections and status overrides follow their claims."""
    with open_store(db) as store:
        try:
            done = Ledger(store).reread_document(doc_id, who=_who(user), reason=reason)
        except MubiaoError as e:
            fail(e)
    click.echo(_said(done))


@document.command("delete")
@click.argument("doc_id")
@db_option
@click.option("--reason", required=True, help=_REASON_HELP)
@click.option("--user", help=_USER_HELP)
def delete(doc_id: str, db: str | None, reason: str, user: str | None) -> None:
    """Delete document DOC_ID and its statements; its last extraction is kept as a version and its
    corrections are orphaned (listed by `mubiao corrections --orphaned`), never dropped."""
    with open_store(db) as store:
        try:
            gone = Ledger(store).delete_document(doc_id, who=_who(user), reason=reason)
        except MubiaoError as e:
            fail(e)
    click.echo(
        f"{gone.doc_id}: deleted, {gone.statements} statements (kept as version {gone.version}); "
        f"{len(gone.orphaned)} correction(s) orphaned"
    )


@document.command("versions")
@click.argument("doc_id")
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def versions(doc_id: str, db: str | None, fmt: str) -> None:
    """The versions of document DOC_ID's extraction, oldest first, the current one last."""
    with open_store(db) as store:
        found = Ledger(store).document_versions(doc_id)
    if fmt == "json":
        click.echo(json.dumps([v.to_dict() for v in found], ensure_ascii=False, indent=2, default=str))
        return
    for v in found:
        state = "current" if v.current else f"{v.why} by {v.who} at {v.superseded_at:%Y-%m-%d %H:%M}"
        click.echo(f"{v.version}\t{v.extractor_version}\t{len(v.statements)} statements\t{state}")


@click.group()
def correction() -> None:
    """Undo a correction; re-attach or dismiss an orphaned one (see `mubiao corrections`)."""


@correction.command("undo")
@click.argument("correction_id", type=int)
@db_option
@click.option("--reason", required=True, help=_REASON_HELP)
@click.option("--user", help=_USER_HELP)
def undo(correction_id: int, db: str | None, reason: str, user: str | None) -> None:
    """Take correction CORRECTION_ID back: the statement reads as extracted again (an excluded
    claim comes back); the correction is kept as undone."""
    with open_store(db) as store:
        try:
            c = Ledger(store).undo_correction(correction_id, who=_who(user), reason=reason)
        except MubiaoError as e:
            fail(e)
    click.echo(
        f"correction #{c.id} undone by {_who(user)}; statement {c.statement_id or '-'} reads as extracted"
    )


@correction.command("reattach")
@click.argument("correction_id", type=int)
@click.argument("statement_id", type=int)
@db_option
@click.option("--user", help=_USER_HELP)
def reattach(correction_id: int, statement_id: int, db: str | None, user: str | None) -> None:
    """Apply orphaned correction CORRECTION_ID to statement STATEMENT_ID (see `mubiao show`)."""
    with open_store(db) as store:
        try:
            c = Ledger(store).reattach_correction(correction_id, statement_id, who=_who(user))
        except MubiaoError as e:
            fail(e)
    click.echo(f"correction #{c.id} applied to statement {statement_id}")


@correction.command("dismiss")
@click.argument("correction_id", type=int)
@db_option
@click.option("--reason", required=True, help=_REASON_HELP)
@click.option("--user", help=_USER_HELP)
def dismiss(correction_id: int, db: str | None, reason: str, user: str | None) -> None:
    """Set orphaned correction CORRECTION_ID aside (kept as dismissed, no longer listed as orphaned)."""
    with open_store(db) as store:
        try:
            c = Ledger(store).dismiss_correction(correction_id, who=_who(user), reason=reason)
        except MubiaoError as e:
            fail(e)
    click.echo(f"correction #{c.id} dismissed")
