"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives, for the mail tests."""

import email
import email.policy
import threading

from aiosmtpd.controller import Controller


class Mailbox:
    """aiosmtpd handler: every message that arrives, parsed, in arrival order."""

    def __init__(self):
        self.messages = []
        self.arrived = threading.Condition()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.arrived:
            self.messages.append((envelope.rcpt_tos, message))
            self.arrived.notify_all()
        return "250 Message accepted for delivery"

    def to(self, address):
        return [message for rcpt_tos, message in self.messages if address in rcpt_tos]

    def clear(self):
        with self.arrived:
            self.messages.clear()


class LoopbackSMTPServer(Controller):
    """aiosmtpd's threaded controller on 127.0.0.1 and a port the system picks (port 0).

    The controller connects to its own port to check that it started; with port 0 it would not
    know which port that is, so the bound port is read from the listening socket first.
    """

    def __init__(self):
        self.mailbox = Mailbox()
        super().__init__(self.mailbox, hostname="127.0.0.1", port=0)

    def _trigger_server(self):
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()
