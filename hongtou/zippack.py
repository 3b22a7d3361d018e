"""A deterministic zip writer for .docx and .xlsx packages whose constant parts are deflated
once per run, not once per file.

A thousand reminders or department workbooks share all their parts but one or two
(styles, settings, footers, relationships, content types); `zipfile` would deflate each of
them again for every file. Here a part is `pack`ed once (raw deflate, CRC and sizes kept)
and `zip_packed` only lays out headers around ready data. Every entry carries the zip epoch
(1980-01-01 00:00) and fixed attributes, so the same parts give the same bytes.

The archives are ordinary zip files (method 8, no data descriptors, no zip64: a part stays
well below 4 GB), read by Office, WPS, LibreOffice and `zipfile` alike.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from typing import Iterable

LEVEL = 6            # zipfile's default level, so sizes match what zipfile would write
_DOS_DATE = (0 << 9) | (1 << 5) | 1   # 1980-01-01
_DOS_TIME = 0
MODE = 0o644         # the entries' file mode (rw-r--r--)
# A document zipped whole from its parts (`zip_parts`: package.package, so the templates; a
# typeset text; a sealed document) has carried rw------- since before this writer: kept, so
# those files stay byte for byte what they were.
WHOLE_MODE = 0o600
_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")


@dataclass(frozen=True)
class Packed:
    """One deflated part, ready to be placed in any number of archives."""

    name: str
    crc: int
    size: int
    data: bytes   # raw deflate stream


def pack(name: str, data: bytes | str | Iterable[str], level: int = LEVEL) -> Packed:
    """Deflate a part given whole or as pieces of text (joined, the part), without joining
    them: a 50 MB ledger table is not copied again to be zipped."""
    if isinstance(data, (bytes, str)):
        data = (data,)
    c = zlib.compressobj(level, zlib.DEFLATED, -15)
    crc = size = 0
    out = []
    for piece in data:
        raw = piece.encode("utf-8") if isinstance(piece, str) else piece
        crc = zlib.crc32(raw, crc)
        size += len(raw)
        out.append(c.compress(raw))
    out.append(c.flush())
    return Packed(name, crc, size, b"".join(out))


def zip_parts(parts: dict[str, bytes | str], mode: int = WHOLE_MODE) -> bytes:
    """The archive of `parts` (name → content) in the given order ([Content_Types].xml
    first), each deflated here."""
    return zip_packed((pack(name, data) for name, data in parts.items()), mode)


def zip_packed(entries: Iterable[Packed], mode: int = MODE) -> bytes:
    """The archive of `entries`, in the given order, each with file mode `mode`."""
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    count = 0
    for e in entries:
        name = e.name.encode("utf-8")
        flags = 0x800 if not e.name.isascii() else 0
        head = _LOCAL.pack(0x04034B50, 20, flags, 8, _DOS_TIME, _DOS_DATE, e.crc,
                           len(e.data), e.size, len(name), 0)
        out += (head, name, e.data)
        central.append(_CENTRAL.pack(0x02014B50, 0x0314, 20, flags, 8, _DOS_TIME, _DOS_DATE,
                                     e.crc, len(e.data), e.size, len(name), 0, 0, 0, 0,
                                     mode << 16, offset) + name)
        offset += len(head) + len(name) + len(e.data)
        count += 1
    directory = b"".join(central)
    out.append(directory)
    out.append(_END.pack(0x06054B50, 0, 0, count, count, len(directory), offset, 0))
    return b"".join(out)

