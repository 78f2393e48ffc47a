"""Reminders (催办): due and overdue reports, notices once a day, e-mail to a local SMTP server,
the iCalendar feed; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mailfix import Inbox
from mubiao.errors import UsageError
from mubiao.ledger import Ledger, Principal, Store
from mubiao.ledger.supervision.remind import SmtpConfig, ical_fold

ROOT = Principal.system("root")
PASSWORD = "long enough 1"
REPORT = "常州市天宁区2025年政府工作报告\n2025年主要预期目标：地区生产总值达到1500亿元。\n"


@pytest.fixture
def ledger(store: Store, tmp_path: Path) -> Ledger:
    (tmp_path / "tianning-2025.txt").write_text(REPORT, encoding="utf-8")
    ledger = Ledger(store)
    ledger.ingest([tmp_path / "tianning-2025.txt"], workers=1)
    p = ledger.people
    p.add_unit("天宁区统计局", region="天宁", actor=ROOT)
    p.add_unit("郑陆镇", region="天宁", kind="town", actor=ROOT)
    p.add_user("rep", role="reporter", password=PASSWORD, units=["天宁区统计局"], actor=ROOT)
    p.add_user("rep2", role="reporter", password=PASSWORD, units=["天宁区统计局"], actor=ROOT)
    p.add_user("town", role="reporter", password=PASSWORD, units=["郑陆镇"], actor=ROOT)
    p.set_email("rep", "rep@example.org", actor=ROOT)
    target = next(r.target_id for r in ledger.rows() if r.indicator_id == "gdp")
    assert target is not None
    ledger.supervision.add_task("稳增长", targets=[target], lead="天宁区统计局", actor=ROOT)
    return ledger


def test_due_and_overdue_reports_per_unit_and_person(ledger: Ledger) -> None:
    # 8 April: the first quarter's report is due on the 10th (within three days)
    due = ledger.reminders.due(date(2025, 4, 8))
    assert [(d.kind, d.period, d.unit, d.users) for d in due] == [
        ("due", "2025-Q1", "天宁区统计局", ("rep", "rep2"))
    ]
    assert ledger.reminders.due(date(2025, 4, 6)) == []
    assert ledger.reminders.due(date(2025, 4, 10))[0].kind == "due"  # the due day itself
    late = ledger.reminders.due(date(2025, 4, 11))
    assert [(d.kind, d.period) for d in late] == [("overdue", "2025-Q1")]
    # a report given: nothing is asked of that period any more
    tt = ledger.supervision.tasks(ROOT)[0].targets[0].id
    ledger.supervision.submit(tt, "2025-Q1", value=300, narrative="一季度", actor=ROOT)
    assert ledger.reminders.due(date(2025, 4, 11)) == []


def test_remind_sends_once_a_day(ledger: Ledger, smtp_server: Inbox) -> None:
    mailer = SmtpConfig(smtp_server.host, smtp_server.port, sender="duban@example.org")
    day = date(2025, 4, 11)
    first = ledger.reminders.remind(day, mailer=mailer)
    assert (first.overdue, first.notices, first.emails, first.failed) == (1, 2, 1, 0)
    assert len(smtp_server.to("rep@example.org")) == 1
    msg = smtp_server.messages[0]
    assert "已逾期" in str(msg["Subject"]) and msg["From"] == "duban@example.org"
    again = ledger.reminders.remind(day, mailer=mailer)
    assert (again.notices, again.emails) == (0, 0)
    assert len(smtp_server.messages) == 1
    # the next day is another day's reminder
    assert ledger.reminders.remind(date(2025, 4, 12), mailer=mailer).emails == 1
    rep = ledger.people.principal(ledger.people.user("rep"))
    assert [n.kind for n in ledger.reminders.notices(rep)] == ["overdue", "overdue"]


def test_mail_that_fails_is_sent_on_the_next_run(ledger: Ledger, smtp_server: Inbox) -> None:
    def broken(config: SmtpConfig, messages: list[object]) -> None:
        raise ConnectionRefusedError("no server")

    day = date(2025, 4, 11)
    failed = ledger.reminders.remind(day, mailer=SmtpConfig("127.0.0.1", 1), send=broken)  # type: ignore[arg-type]
    assert (failed.notices, failed.emails, failed.failed) == (2, 0, 1) and failed.errors
    retried = ledger.reminders.remind(day, mailer=SmtpConfig(smtp_server.host, smtp_server.port))
    assert (retried.notices, retried.emails) == (0, 1)


def test_smtp_settings_from_the_environment_and_a_file(tmp_path: Path) -> None:
    assert SmtpConfig.from_env({}) is None
    env = {"MUBIAO_SMTP_HOST": "mail.example.org", "MUBIAO_SMTP_PORT": "587", "MUBIAO_SMTP_STARTTLS": "1",
           "MUBIAO_SMTP_USER": "u", "MUBIAO_SMTP_PASSWORD": "p", "MUBIAO_SMTP_FROM": "a@example.org"}  # fmt: skip
    assert SmtpConfig.from_env(env) == SmtpConfig("mail.example.org", 587, "a@example.org", True, "u", "p")
    f = tmp_path / "mail.toml"
    f.write_text('[smtp]\nhost = "smtp.example.org"\nport = 465\nfrom = "b@example.org"\n', encoding="utf-8")
    assert SmtpConfig.from_file(f) == SmtpConfig("smtp.example.org", 465, "b@example.org")
    f.write_text("[mail]\n", encoding="utf-8")
    with pytest.raises(UsageError, match="smtp"):
        SmtpConfig.from_file(f)


def test_the_calendar_feed_at_a_secret_address(ledger: Ledger) -> None:
    rep = ledger.people.principal(ledger.people.user("rep"))
    secret = ledger.reminders.feed_secret(rep)
    who = ledger.reminders.feed_user(secret)
    assert who is not None and who.name == "rep"
    text = ledger.reminders.calendar(who)
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "DTSTART;VALUE=DATE:20250410" in text and "DTSTART;VALUE=DATE:20251231" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    # a feed secret is no API key, and a new one ends the old
    assert ledger.people.authenticate(secret) is None
    ledger.reminders.feed_secret(rep)
    assert ledger.reminders.feed_user(secret) is None
    town = ledger.people.principal(ledger.people.user("town"))
    assert "VEVENT" not in ledger.reminders.calendar(town)


def test_folding_never_splits_a_character() -> None:
    line = "SUMMARY:" + "督查" * 40
    folded = ical_fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode()) <= 75 for p in parts)
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == line
