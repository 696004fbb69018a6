"""A real SMTP server on loopback for Nahbar's mail tests (aiosmtpd, from PyPI).

Every message it receives is written, exactly as it arrived, to `<out>/<n>.eml` (written
to a temporary name first, then renamed, so a reader never sees half a message). It
prints `ready <port>` once it listens, and runs until its stdin closes or it is killed.

    python3 tests/smtp/sink.py --out /tmp/mails [--port 0]
"""

import argparse
import asyncio
import os
import socket
import sys

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, out):
        self.out = out
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        name = os.path.join(self.out, f"{self.count:04d}.eml")
        with open(name + ".part", "wb") as f:
            f.write(f"X-Envelope-From: {envelope.mail_from}\r\n".encode())
            f.write(f"X-Envelope-To: {', '.join(envelope.rcpt_tos)}\r\n".encode())
            f.write(envelope.original_content or envelope.content)
        os.rename(name + ".part", name)
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    port = args.port or free_port()
    controller = Controller(Sink(args.out), hostname="127.0.0.1", port=port)
    controller.start()
    print(f"ready {port}", flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
