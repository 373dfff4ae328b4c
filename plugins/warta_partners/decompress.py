"""Bounded decoding of compressed response bodies.

A gzip bomb is a few kilobytes on the wire and gigabytes once inflated, so
the size cap must apply to what comes out of the decompressor, not to what
goes in. The raw bytes are decompressed here chunk by chunk with a
``max_length`` on every call; the first byte past the cap stops everything,
so memory never holds more than the cap.
"""

from __future__ import annotations

import zlib


class BodyTooLarge(Exception):
    """The body (after decompression) exceeds the configured cap."""


class BadContentEncoding(Exception):
    """A content coding we did not ask for, or a corrupt compressed stream."""


GZIP_WBITS = 16 + zlib.MAX_WBITS
ZLIB_WBITS = zlib.MAX_WBITS
RAW_DEFLATE_WBITS = -zlib.MAX_WBITS


class BoundedDecoder:
    """Collects a body in ``identity``, ``gzip`` or ``deflate`` coding, never beyond ``limit`` bytes."""

    def __init__(self, content_encoding: str, limit: int) -> None:
        codings = [c.strip().lower() for c in content_encoding.split(",") if c.strip()]
        codings = [c for c in codings if c != "identity"]
        if len(codings) > 1 or (codings and codings[0] not in ("gzip", "x-gzip", "deflate")):
            raise BadContentEncoding(content_encoding)
        self.coding = codings[0] if codings else "identity"
        self.limit = limit
        self.output = bytearray()
        self._stream: zlib._Decompress | None = None
        self._pending = b""  # deflate: bytes held until the zlib/raw decision can be made

    def _append(self, data: bytes) -> None:
        if len(self.output) + len(data) > self.limit:
            raise BodyTooLarge(self.limit)
        self.output += data

    def _new_stream(self, data: bytes) -> zlib._Decompress:
        if self.coding in ("gzip", "x-gzip"):
            return zlib.decompressobj(GZIP_WBITS)
        # "deflate" should be zlib-wrapped (RFC 9110) but some servers send raw deflate.
        wrapped = (data[0] & 0x0F) == 8 and ((data[0] << 8) | data[1]) % 31 == 0
        return zlib.decompressobj(ZLIB_WBITS if wrapped else RAW_DEFLATE_WBITS)

    def feed(self, chunk: bytes) -> None:
        """Decode one chunk of raw body bytes."""
        if self.coding == "identity":
            self._append(chunk)
            return
        data = self._pending + chunk
        self._pending = b""
        try:
            while data:
                if self._stream is None:
                    if not data.strip(b"\x00\r\n\t "):
                        return  # padding after the last gzip member
                    if len(data) < 2:
                        self._pending = data
                        return
                    self._stream = self._new_stream(data)
                room = self.limit - len(self.output) + 1
                self._append(self._stream.decompress(data, room))
                if self._stream.unconsumed_tail:
                    data = self._stream.unconsumed_tail
                elif self._stream.eof:
                    data = self._stream.unused_data  # a further gzip member follows
                    self._stream = None
                else:
                    data = b""
        except zlib.error as error:
            raise BadContentEncoding(str(error)) from error

    def finish(self) -> bytes:
        """The whole decoded body."""
        if self._pending:
            raise BadContentEncoding("truncated")
        if self._stream is not None:
            try:
                self._append(self._stream.flush())
            except zlib.error as error:
                raise BadContentEncoding(str(error)) from error
        return bytes(self.output)
