"""Who may call each route of the API: one declared :class:`Policy` per method and path.

``create_app`` refuses to start when a route of the API has no policy here (fail closed), and
``tests/present/api/test_policy.py`` builds the matrix role × route × own unit / other unit from
the app's route table and checks that each answer is what the policy declares.

An ``access`` of

* ``open``: anyone, always (health, the status palette, logging in);
* ``public``: anyone when the server's reading is public (the default; ``--private`` or
  ``MUBIAO_PUBLIC_READ=0`` turns it off), else any logged-in user;
* ``login``: a logged-in user (session, API key or the server's token) whose role is in ``roles``.

A ``scope`` narrows a login route to the caller's units: ``region`` (the ledger region the
request writes in must be one of the regions of the caller's units), ``unit_read`` and
``unit_write`` (the unit in the path must be one the caller may read, or write), ``report`` (the
report in the path must be of a unit the caller may write), ``progress`` (the same of a progress
report of supervision).  Administrators pass every scope.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from mubiao.ledger import ROLES

__all__ = ["ALL", "OPEN_PAGES", "POLICIES", "Policy", "policy_of"]

Access = Literal["open", "public", "login"]
Scope = Literal["none", "region", "unit_read", "unit_write", "report", "progress"]

ALL = frozenset(ROLES)
_ADMIN = frozenset({"admin"})
_SUPERVISE = frozenset({"admin", "supervisor"})
_REPORT = frozenset({"admin", "reporter"})
_ENTER = frozenset({"admin", "supervisor", "reporter"})

#: pages of the framework itself, not API routes: the schema and its documentation, always open
OPEN_PAGES = frozenset({"/api/openapi.json", "/api/docs", "/api/docs/oauth2-redirect"})


@dataclass(frozen=True)
class Policy:
    access: Access
    roles: frozenset[str] = ALL
    scope: Scope = "none"
    #: what the route does, for the table in the README and /api/docs
    note: str = ""

    def allows(self, role: str | None, *, own: bool = True, public_read: bool = True) -> bool:
        """Whether a caller of ``role`` (None: not logged in) may call the route, on its own unit
        or region (``own``) or on another's."""
        if self.access == "open" or (self.access == "public" and public_read):
            return True
        if role is None or role not in self.roles:
            return False
        return own or role == "admin" or self.scope == "none"


_PUBLIC = Policy("public", note="read the public ledger and documents")

POLICIES: dict[str, Policy] = {
    # the system
    "GET /api/health": Policy("open"),
    "GET /api/statuses": Policy("open"),
    "GET /api/audit": Policy("login", _SUPERVISE, note="the audit table names people"),
    # the public ledger and its documents
    "GET /api/documents": _PUBLIC,
    "GET /api/documents/{doc_id}": _PUBLIC,
    # a preview stores nothing but costs as much as an upload: whoever may upload may preview
    "POST /api/extract": Policy("login", _SUPERVISE, note="preview an extraction"),
    "GET /api/statements": _PUBLIC,
    "GET /api/statements/{statement_id}": _PUBLIC,
    "GET /api/ledger": _PUBLIC,
    "GET /api/ledger/summary": _PUBLIC,
    "GET /api/targets/{target_id}": _PUBLIC,
    "GET /api/indicators": _PUBLIC,
    "GET /api/indicators/{indicator_id}/series": _PUBLIC,
    "GET /api/regions": _PUBLIC,
    "GET /api/compare": _PUBLIC,
    "GET /api/export": _PUBLIC,
    "GET /api/report": _PUBLIC,
    # writing the ledger
    "POST /api/documents": Policy("login", _SUPERVISE, note="store a document"),
    "POST /api/actuals": Policy("login", _ENTER, "region", note="a result, in one's own regions"),
    "POST /api/ledger/{target_id}/override": Policy("login", _SUPERVISE, "region"),
    "DELETE /api/ledger/{target_id}/override": Policy("login", _SUPERVISE, "region"),
    "POST /api/statements/{statement_id}/corrections": Policy(
        "login", _SUPERVISE, "region", note="correct or exclude a statement, in one's own regions (audited)"
    ),
    "GET /api/corrections": Policy("login", note="the corrections name the people who made them"),
    "POST /api/corrections/{correction_id}/undo": Policy(
        "login", _SUPERVISE, "region", note="take a correction back, in one's own regions (audited)"
    ),
    "POST /api/corrections/{correction_id}/reattach": Policy(
        "login", _SUPERVISE, "region", note="attach an orphaned correction to a statement (audited)"
    ),
    "POST /api/corrections/{correction_id}/dismiss": Policy(
        "login", _SUPERVISE, "region", note="set an orphaned correction aside (audited)"
    ),
    "PATCH /api/documents/{doc_id}": Policy(
        "login", _SUPERVISE, "region", note="correct a document's metadata, extracted again (audited)"
    ),
    "POST /api/documents/{doc_id}/reread": Policy(
        "login", _SUPERVISE, "region", note="extract a document again, the old version kept (audited)"
    ),
    "DELETE /api/documents/{doc_id}": Policy(
        "login", _SUPERVISE, "region", note="delete a document, its corrections orphaned (audited)"
    ),
    "GET /api/documents/{doc_id}/versions": Policy(
        "login", note="the versions name the people who made them"
    ),
    # logging in and out
    "POST /api/auth/token": Policy("open", note="log in (OAuth2 password form)"),
    "POST /api/auth/logout": Policy("login"),
    "GET /api/auth/me": Policy("login"),
    # units, users, keys
    "GET /api/units": Policy("login", note="the units one may read"),
    "POST /api/units": Policy("login", _ADMIN),
    "GET /api/users": Policy("login", _ADMIN),
    "POST /api/users": Policy("login", _ADMIN),
    "POST /api/users/{name}/password": Policy("login", _ADMIN, note="reset a password"),
    "POST /api/users/{name}/active": Policy("login", _ADMIN, note="disable or enable a user"),
    "GET /api/keys": Policy("login", note="one's own API keys (every key: administrators)"),
    "POST /api/keys": Policy("login", note="an API key for a script"),
    "DELETE /api/keys/{key_id}": Policy("login", note="revoke one's own key"),
    # the units' reports (supervision data)
    "GET /api/reports": Policy("login", note="the reports of the units one may read"),
    "GET /api/units/{unit_id}/reports": Policy("login", ALL, "unit_read"),
    "POST /api/units/{unit_id}/reports": Policy("login", _REPORT, "unit_write"),
    "POST /api/reports/{report_id}/review": Policy("login", _SUPERVISE, "report"),
    # supervision (督查督办): the facade narrows each to the caller's units and regions again
    "GET /api/tasks": Policy("login", note="the tasks of the units one may read, with their lights"),
    "POST /api/tasks": Policy("login", _SUPERVISE, note="assign targets of one's regions to units (audited)"),
    "GET /api/tasks/{task_id}": Policy("login", note="a task of a unit one may read, with its history"),
    "POST /api/splits": Policy("login", _SUPERVISE, note="split a target of one's regions among units"),
    "GET /api/splits/{target_id}": Policy("login"),
    "POST /api/task-targets/{task_target_id}/progress": Policy(
        "login", _REPORT, note="report progress for a task of one's own units (audited)"
    ),
    "GET /api/progress": Policy("login", note="the progress reports of the units one may read"),
    "POST /api/progress/{progress_id}/review": Policy("login", _SUPERVISE, "progress"),
    "GET /api/evidence/{evidence_id}": Policy("login", note="evidence of a unit one may read"),
    "GET /api/board": Policy("login", note="lights by unit and target, of the units one may read"),
    "GET /api/reminders": Policy("login", note="reports due and overdue of the units one may read"),
    "GET /api/notices": Policy("login", note="one's own notices"),
    "POST /api/notices/{notice_id}/read": Policy("login", note="one's own notices"),
    "POST /api/auth/email": Policy("login", note="one's own e-mail address for reminders"),
    "POST /api/calendar": Policy("login", note="a new secret address of one's calendar feed"),
    # the secret in the address is the credential (a calendar program sends no header)
    "GET /api/calendar/{secret}": Policy("open", note="the iCalendar feed at its secret address"),
    "GET /api/bulletin": Policy("login", _SUPERVISE, note="the supervision bulletin names units"),
}


def policy_of(method: str, path: str) -> Policy | None:
    return POLICIES.get(f"{method} {path}")
