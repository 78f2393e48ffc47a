"""Reminders (催办): reports due and overdue, in-app notices, e-mail through SMTP, an iCalendar feed.

``mubiao remind`` runs once a day (cron).  For each task target and period it finds the reports
due within ``remind_days`` and those overdue (not given by their due date), and gives each
reporter of the unit a notice — once a day: a notice is unique per user, task target, period,
kind and day, so a second run on the same day gives none, and sends only the e-mails an earlier
run failed to send.  E-mail goes through the SMTP server the user configures (:class:`SmtpConfig`);
without one, notices stay in the app.

The iCalendar feed lists a user's deadlines (each period's due date, each task's deadline) at a
secret address: the secret is a random 256-bit token of which the store keeps the SHA-256, as of
the API keys (a credential of kind ``feed``), so a calendar program can poll it without a login.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import smtplib
import ssl
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from mubiao.errors import NotFoundError, UsageError
from mubiao.ledger.people import Principal
from mubiao.ledger.supervision import periods as P
from mubiao.ledger.supervision.records import DueItem, NoticeInfo, RemindSummary
from mubiao.ledger.supervision.tasks import Supervision
from mubiao.store.engine import store_errors
from mubiao.store.people import Credential, Unit, User, UserUnit, audit_row
from mubiao.store.supervision import Notice, Progress, Task, TaskTarget, TaskUnit

__all__ = ["Reminders", "SmtpConfig", "ical_escape", "ical_fold"]

FEED_PREFIX = "mbf_"


@dataclass(frozen=True)
class SmtpConfig:
    """Where reminders are sent from.  From the environment (``MUBIAO_SMTP_HOST``, ``_PORT``,
    ``_FROM``, ``_STARTTLS`` = 1, ``_USER``, ``_PASSWORD``) or a TOML file's ``[smtp]`` table
    (``host``, ``port``, ``from``, ``starttls``, ``user``, ``password``)."""

    host: str
    port: int = 25
    sender: str = "mubiao@localhost"
    starttls: bool = False
    user: str | None = None
    password: str | None = None
    timeout: float = 30.0

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> SmtpConfig | None:
        e = os.environ if env is None else env
        host = e.get("MUBIAO_SMTP_HOST", "").strip()
        if not host:
            return None
        return cls._of({"host": host, "port": e.get("MUBIAO_SMTP_PORT"), "from": e.get("MUBIAO_SMTP_FROM"),
                        "starttls": e.get("MUBIAO_SMTP_STARTTLS"), "user": e.get("MUBIAO_SMTP_USER"),
                        "password": e.get("MUBIAO_SMTP_PASSWORD")})  # fmt: skip

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> SmtpConfig:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise UsageError(f"cannot read the mail settings {path}: {e}") from e
        smtp = data.get("smtp")
        if not isinstance(smtp, dict) or not smtp.get("host"):
            raise UsageError(f"{path} has no [smtp] table with a host / 邮件配置缺少 [smtp] host")
        return cls._of(smtp)

    @classmethod
    def _of(cls, d: dict[str, Any]) -> SmtpConfig:
        try:
            port = int(d.get("port") or 25)
        except ValueError:
            raise UsageError(f"the SMTP port is a number, not {d.get('port')!r}") from None
        flag = str(d.get("starttls") or "").strip().lower() in ("1", "true", "yes", "on")
        return cls(str(d["host"]), port, str(d.get("from") or "mubiao@localhost"), flag,
                   str(d["user"]) if d.get("user") else None,
                   str(d["password"]) if d.get("password") else None)  # fmt: skip

    def send(self, messages: list[EmailMessage]) -> None:
        """Send ``messages`` over one connection (OSError, smtplib.SMTPException on failure)."""
        with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
            if self.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if self.user:
                smtp.login(self.user, self.password or "")
            for msg in messages:
                smtp.send_message(msg)


def _now() -> datetime:
    return datetime.now(UTC)


def _sha(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


_KIND_TEXT = {"due": "即将到期", "overdue": "已逾期"}


class Reminders:
    """Due and overdue reports, notices, e-mail and the calendar feed (see the module docstring)."""

    def __init__(self, supervision: Supervision) -> None:
        self.sup = supervision
        self.store = supervision.store

    def due(self, as_of: date | None = None, *, actor: Principal | None = None) -> list[DueItem]:
        """Reports due within ``remind_days`` of ``as_of`` and those overdue, per unit, with the
        reporters who should give them; the overdue first."""
        today = as_of or date.today()
        soon = timedelta(days=self.sup.config.remind_days)
        with store_errors("cannot read the tasks", self.store.url), self.store.session() as s:
            tasks = {t.id: t for t in s.scalars(select(Task))}
            leads = {
                tu.task_id: tu.unit_id for tu in s.scalars(select(TaskUnit).where(TaskUnit.role == "lead"))
            }
            units = {u.id: u.name for u in s.scalars(select(Unit))}
            given: dict[int, set[str]] = {}
            for tt_id, period in s.execute(
                select(Progress.task_target_id, Progress.period).where(
                    Progress.status.in_(("submitted", "approved"))
                )
            ):
                given.setdefault(tt_id, set()).add(period)
            reporters: dict[int, list[str]] = {}
            for unit_id, name in s.execute(
                select(UserUnit.unit_id, User.name)
                .join(User)
                .where(User.role == "reporter", User.active.is_(True))
            ):
                reporters.setdefault(unit_id, []).append(name)
            tts = list(s.scalars(select(TaskTarget).order_by(TaskTarget.id)))
        out: list[DueItem] = []
        for tt in tts:
            task = tasks[tt.task_id]
            unit_id = leads[task.id]
            if actor is not None and not actor.may_read_unit(unit_id):
                continue
            periods = P.periods(task.year, task.frequency)
            done = given.get(tt.id, set())
            for i, period in enumerate(periods):
                if done & set(periods[i:]):
                    continue
                due = P.due_date(period, task.due_days)
                if P.period_end(period) > task.deadline + timedelta(days=31):
                    continue  # past the task's deadline: nothing more is asked
                kind = "overdue" if due < today else "due" if due - soon <= today <= due else None
                if kind is None:
                    continue
                out.append(DueItem(kind, task.id, task.title, tt.id, tt.indicator, tt.region, unit_id,
                                   units.get(unit_id, ""), period, due, tuple(sorted(reporters.get(unit_id, [])))))  # fmt: skip
        out.sort(key=lambda d: (d.kind != "overdue", d.due, d.unit, d.task_target_id))
        return out

    def remind(
        self,
        as_of: date | None = None,
        *,
        mailer: SmtpConfig | None = None,
        base_url: str | None = None,
        send: Callable[[SmtpConfig, list[EmailMessage]], None] | None = None,
    ) -> RemindSummary:
        """Give today's notices, and e-mail those not e-mailed yet (idempotent within a day)."""
        today = as_of or date.today()
        items = self.due(today)
        now = _now()
        made = 0
        with store_errors("cannot read the notices", self.store.url), self.store.session() as s:
            users = {u.name: u.id for u in s.scalars(select(User))}
            q = select(Notice.user_id, Notice.task_target_id, Notice.period, Notice.kind)
            have = {(u, t, p, k) for u, t, p, k in s.execute(q.where(Notice.day == today))}
        for item in items:
            text = (
                f"【催办】{item.unit}：{item.task}（{item.indicator}）{item.period}进度报告"
                f"{_KIND_TEXT[item.kind]}，应于{item.due.isoformat()}前报送。"
            )
            for name in item.users:
                key = (users[name], item.task_target_id, item.period, item.kind)
                if key in have:
                    continue
                with store_errors("cannot store the notice", self.store.url), self.store.session() as s:
                    try:
                        with s.begin():
                            s.add(Notice(user_id=key[0], task_target_id=key[1], period=key[2], kind=key[3],
                                         day=today, text=text, created_at=now, emailed_at=None, read_at=None))  # fmt: skip
                        made += 1
                    except IntegrityError:
                        pass  # another run gave it meanwhile
        with store_errors("cannot read the notices", self.store.url), self.store.session() as s:
            pending = list(
                s.execute(
                    select(Notice, User.email).join(User)
                    .where(Notice.day == today, Notice.emailed_at.is_(None), Notice.kind.in_(("due", "overdue")),
                           User.email.is_not(None))
                    .order_by(Notice.id)
                )
            )  # fmt: skip
        emails = failed = 0
        errors: list[str] = []
        if mailer is not None and pending:
            messages = []
            for notice, address in pending:
                msg = EmailMessage()
                msg["Subject"] = notice.text.split("，")[0][:120]
                msg["From"] = mailer.sender
                msg["To"] = address
                link = f"\n\n{base_url.rstrip('/')}/#/my-tasks" if base_url else ""
                msg.set_content(f"{notice.text}{link}\n\n— mubiao 督查督办\n")
                messages.append(msg)
            try:
                (send or SmtpConfig.send)(mailer, messages)
            except (OSError, smtplib.SMTPException) as e:
                failed = len(messages)
                errors.append(f"cannot send through {mailer.host}:{mailer.port}: {e}")
            else:
                emails = len(messages)
                with (
                    store_errors("cannot store the notices", self.store.url),
                    self.store.session() as s,
                    s.begin(),
                ):
                    s.execute(
                        update(Notice)
                        .where(Notice.id.in_([n.id for n, _ in pending]))
                        .values(emailed_at=_now())
                    )
        return RemindSummary(
            sum(1 for i in items if i.kind == "due"), sum(1 for i in items if i.kind == "overdue"), made, emails,
            failed, tuple(errors),
        )  # fmt: skip

    def notices(self, actor: Principal, *, unread: bool = False) -> list[NoticeInfo]:
        """One's own notices, newest first."""
        with store_errors("cannot read the notices", self.store.url), self.store.session() as s:
            q = select(Notice, User.name).join(User).where(User.name == actor.name).order_by(Notice.id.desc())
            if unread:
                q = q.where(Notice.read_at.is_(None))
            return [
                NoticeInfo(
                    n.id,
                    name,
                    n.kind,
                    n.task_target_id,
                    n.period,
                    n.day,
                    n.text,
                    _aware(n.created_at),
                    _opt(n.emailed_at),
                    _opt(n.read_at),
                )
                for n, name in s.execute(q.limit(200))
            ]

    def mark_read(self, notice_id: int, *, actor: Principal) -> None:
        with store_errors("cannot store the notice", self.store.url), self.store.session() as s, s.begin():
            n = s.get(Notice, notice_id)
            user = s.get(User, n.user_id) if n is not None else None
            if n is None or user is None or user.name != actor.name:
                raise NotFoundError(f"no notice {notice_id} / 无此通知")
            if n.read_at is None:
                n.read_at = _now()

    # ------------------------------------------------------------------ the calendar feed

    def feed_secret(self, actor: Principal) -> str:
        """A new secret address of one's calendar feed (the former one stops working)."""
        if actor.user_id is None:
            raise UsageError("a calendar feed is a user's: log in as one / 日历订阅须以用户身份登录")
        secret = FEED_PREFIX + secrets.token_urlsafe(32)
        now = _now()
        with store_errors("cannot store the feed", self.store.url), self.store.session() as s, s.begin():
            s.execute(
                update(Credential)
                .where(
                    Credential.user_id == actor.user_id,
                    Credential.kind == "feed",
                    Credential.revoked_at.is_(None),
                )
                .values(revoked_at=now)
            )
            c = Credential(user_id=actor.user_id, kind="feed", label="calendar", secret_sha256=_sha(secret),
                           created_at=now, expires_at=None, revoked_at=None)  # fmt: skip
            s.add(c)
            s.flush()
            audit_row(
                s, actor.name, now, "credentials", c.id, "*", None, {"kind": "feed", "label": "calendar"}
            )
        return secret

    def feed_user(self, secret: str) -> Principal | None:
        if not secret.startswith(FEED_PREFIX):
            return None
        with store_errors("cannot read the credentials", self.store.url), self.store.session() as s:
            row = s.execute(
                select(Credential, User).join(User).where(Credential.secret_sha256 == _sha(secret),
                                                          Credential.kind == "feed")
            ).one_or_none()  # fmt: skip
        if row is None or row[0].revoked_at is not None or not row[1].active:
            return None
        people = self.sup.people
        return people.principal(people.user(row[1].name), via="feed", credential_id=row[0].id)

    def calendar(self, actor: Principal, *, host: str = "mubiao") -> str:
        """The iCalendar (RFC 5545) text of ``actor``'s deadlines: each report's due date and each
        task's deadline, as all-day events."""
        tasks = self.sup.tasks(actor, mine=actor.role in ("reporter", "viewer"))
        stamp = _now().strftime("%Y%m%dT%H%M%SZ")
        lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//mubiao//supervision//ZH", "CALSCALE:GREGORIAN",
                 "METHOD:PUBLISH", "X-WR-CALNAME:督查督办 报送期限"]  # fmt: skip

        def event(uid: str, day: date, summary: str, description: str) -> None:
            lines.extend([
                "BEGIN:VEVENT", f"UID:{uid}@{host}", f"DTSTAMP:{stamp}",
                f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}",
                f"DTEND;VALUE=DATE:{(day + timedelta(days=1)).strftime('%Y%m%d')}",
                f"SUMMARY:{ical_escape(summary)}", f"DESCRIPTION:{ical_escape(description)}", "END:VEVENT",
            ])  # fmt: skip

        for t in tasks:
            event(
                f"task-{t.id}-deadline",
                t.deadline,
                f"【任务截止】{t.title}",
                f"牵头单位：{t.lead_unit}；地区：{t.region}",
            )
            for period in P.periods(t.year, t.frequency):
                indicators = "、".join(tt.indicator for tt in t.targets)
                event(f"task-{t.id}-{period}", P.due_date(period, t.due_days), f"【报送】{t.title} {period}",
                      f"{t.lead_unit}报送{indicators}{period}进度")  # fmt: skip
        lines.append("END:VCALENDAR")
        return "".join(ical_fold(line) + "\r\n" for line in lines)


def ical_escape(text: str) -> str:
    """A TEXT value of RFC 5545 (3.3.11): backslash, semicolon, comma and newlines escaped."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def ical_fold(line: str, limit: int = 75) -> str:
    """A content line folded at ``limit`` octets of UTF-8 (RFC 5545 3.1), never inside a character."""
    out: list[str] = []
    current = ""
    size = 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        room = limit if not out else limit - 1  # a continuation line starts with a space
        if size + n > room:
            out.append(current)
            current, size = "", 0
        current += ch
        size += n
    out.append(current)
    return "\r\n ".join(out)


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def _opt(at: datetime | None) -> datetime | None:
    return None if at is None else _aware(at)
