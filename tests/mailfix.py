"""A local SMTP server's inbox (the fixture ``smtp_server`` of tests/conftest.py)."""

from __future__ import annotations

import email
import email.policy
from dataclasses import dataclass, field
from email.message import Message
from typing import Any


@dataclass
class Inbox:
    host: str
    port: int
    messages: list[Message] = field(default_factory=list)

    def to(self, address: str) -> list[Message]:
        return [m for m in self.messages if m["To"] == address]


class Handler:
    def __init__(self, inbox: Inbox) -> None:
        self.inbox = inbox

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.inbox.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"
