"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives, for tests to read."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from typing import Any

from aiosmtpd.controller import Controller


@dataclass
class Mailbox:
    messages: list[Message] = field(default_factory=list)
    url: str = ""

    def last_to(self, address: str) -> Message | None:
        """The newest message received for `address`."""
        for message in reversed(self.messages):
            if address.lower() in str(message["To"]).lower():
                return message
        return None

    def text_of_last_to(self, address: str) -> str:
        message = self.last_to(address)
        if message is None:
            raise AssertionError(f"no mail for {address}")
        payload = message.get_payload(decode=True)
        assert isinstance(payload, bytes)
        return f"{message['Subject']}\n{payload.decode()}"

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.original_content))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def smtp_server() -> Iterator[tuple[str, Mailbox]]:
    """Yields (smtp_url, mailbox) while the server runs."""
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield f"smtp://127.0.0.1:{port}", mailbox
    finally:
        controller.stop()
