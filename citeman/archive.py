"""Open a zip archive (a .docx) only when what it unpacks to stays under a cap.

A zip bomb is a small file that unpacks to gigabytes. The sizes an archive
declares bound what Python's zipfile will unpack (it stops a member at its
declared size and then fails the CRC check), so adding them up before reading
anything is enough to refuse one. Every reader of an archive goes through here.
"""

from __future__ import annotations

import io
import zipfile

from citeman.errors import InputError
from citeman.textfile import DEFAULT_LIMIT, MEGABYTE

#: More members than any real document has; each costs memory to list.
MAX_MEMBERS = 10_000


def open_zip(
    name: str, data: bytes, kind: str = "zip archive", limit: int = DEFAULT_LIMIT
) -> zipfile.ZipFile:
    """Return the zip archive in ``data`` (read from ``name``, a ``kind``), checked.

    Raise :class:`InputError` when it is not a zip archive, has more than
    :data:`MAX_MEMBERS` members, or would unpack to more than ``limit`` bytes.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as error:
        raise InputError(name, f"is not a readable {kind} ({error})") from error
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise InputError(
            name, f"holds {len(members)} files, more than the {MAX_MEMBERS} allowed"
        )
    unpacked = sum(member.file_size for member in members)
    if unpacked > limit:
        raise InputError(
            name,
            f"would unpack to {unpacked / MEGABYTE:.0f} MB, more than the"
            f" {limit / MEGABYTE:g} MB citeman reads (a zip bomb?); raise"
            " max-file-mb in the configuration to read it",
        )
    return archive
