"""Fixtures every package's tests may use: a local SMTP server that keeps what it is sent."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from mailfix import Handler, Inbox


@pytest.fixture
def smtp_server() -> Iterator[Inbox]:
    """An SMTP server on a free local port (aiosmtpd, in a thread of its own) and what it received."""
    from aiosmtpd.controller import Controller

    with socket.socket() as probe:  # a free port: aiosmtpd checks its server by connecting to it
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox("127.0.0.1", port)
    controller = Controller(Handler(inbox), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()
