"""Lines from `classify-text`'s standard input, read so that a co-process is answered at once.

Reading through `sys.stdin` decodes the whole stream as one text, so one
invalid byte ended every later line, and a buffered reader cannot tell whether
more input is waiting. Here lines are read as bytes straight from the file
descriptor (each line decoded on its own by the caller), and `waiting()` says
whether another line is already there, so the caller predicts a partial batch
and answers at once when the writer waits for its answer.
"""

from __future__ import annotations

import os
import select
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

# A statement is at most 5,000 characters; a line far beyond that is not one.
MAX_LINE_BYTES = 1 << 20
_CHUNK = 1 << 16


@dataclass(frozen=True)
class TooLongLine:
    """Stands for a line over MAX_LINE_BYTES, skipped without being held in memory."""

    size: int


class InputLines:
    """Iterate over a binary stream's lines (without the newline) as bytes."""

    def __init__(self, stream: BinaryIO):
        self.fd = stream.fileno()
        self.buf = bytearray()
        self.eof = False

    def waiting(self) -> bool:
        """Whether another line (or the end of input) can be read without blocking."""
        if self.eof or b"\n" in self.buf:
            return True
        try:
            ready, _, _ = select.select([self.fd], [], [], 0)
        except (OSError, ValueError):  # not selectable (Windows pipes): answer every line
            return False
        return bool(ready)

    def _read(self) -> bytes:
        chunk = os.read(self.fd, _CHUNK)
        if not chunk:
            self.eof = True
        return chunk

    def __iter__(self) -> Iterator[bytes | TooLongLine]:
        scanned = 0
        while True:
            nl = self.buf.find(b"\n", scanned)
            if nl >= 0:
                line = bytes(self.buf[:nl])
                del self.buf[: nl + 1]
                scanned = 0
                yield line
                continue
            scanned = len(self.buf)
            if self.eof:
                if self.buf:
                    line = bytes(self.buf)
                    self.buf.clear()
                    yield line
                return
            if len(self.buf) > MAX_LINE_BYTES:
                yield TooLongLine(self._skip_line())
                scanned = 0
                continue
            self.buf += self._read()

    def _skip_line(self) -> int:
        """Drop the rest of an over-long line; its size so far."""
        size = len(self.buf)
        self.buf.clear()
        while not self.eof:
            chunk = self._read()
            nl = chunk.find(b"\n")
            if nl >= 0:
                self.buf += chunk[nl + 1 :]
                return size + nl
            size += len(chunk)
        return size
