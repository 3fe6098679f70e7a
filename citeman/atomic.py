"""Write a whole file so that a crash leaves the old text or the new, never half.

Every file citeman writes goes through here: ``fix`` (through ``rewrite``) and
every ``-o``-like option (through :func:`replace_text`). A write goes to a
temporary file beside its target, which then replaces the target in one rename;
the temporary file is removed on any failure, Ctrl-C or signal. An output never
lands on one of the command's inputs, on a device, or through ``/dev/stdout``.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from citeman.errors import UsageError, WriteError
from citeman.textfile import refuse_irregular

#: Folders of streams and devices, never a place for a file to be replaced.
_SPECIAL = ("/dev/", "/proc/")
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC


def replace_text(
    path: Path, content: str, *, inputs: Iterable[str | Path], option: str
) -> None:
    """Write ``content`` (UTF-8, newlines as given) to ``path`` atomically.

    ``inputs`` are the files the command read and ``option`` names the option
    that gave ``path`` (for messages). A symbolic link is written through to
    its target. A replaced file keeps its permissions and, where allowed, its
    owner and extended attributes; a new one gets the usual ``0o644``. Raise
    :class:`CitemanError` naming the path on failure, leaving nothing behind.
    """
    target = output_target(path, inputs, option)
    try:
        status: os.stat_result | None = target.stat()
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise WriteError(f"{path}: cannot be written ({error.strerror})") from error
    with temporary_beside(target, str(path)) as temporary:
        write_bytes(temporary, content.encode("utf-8"), str(path))
        if status is None:
            temporary.chmod(0o644)
        else:
            keep_metadata(temporary, status, target)
        commit(temporary, target, str(path))


def replace_bytes(target: Path, *pieces: bytes) -> None:
    """Write ``pieces`` to a temporary file beside ``target``, then rename it over.

    For citeman's own cache files: a reader sees the old file or the new one,
    never half of one. Failures are raised as ``OSError`` for the caller, which
    treats a cache write as optional, to swallow.
    """
    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            for piece in pieces:
                file.write(piece)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def output_target(path: Path, inputs: Iterable[str | Path], option: str) -> Path:
    """Return the file ``path`` names, refusing an input, a device or a folder.

    Raise :class:`UsageError` when ``path`` is (or links to) any of ``inputs``,
    also through a hard link, or is anything but a regular file.
    """
    refuse_special(path)
    target = Path(os.path.realpath(path))
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return target
    except OSError as error:
        raise WriteError(f"{path}: cannot be written ({error.strerror})") from error
    refuse_irregular(str(path), mode, "a file to write", "writes")
    for source in inputs:
        with contextlib.suppress(OSError):  # an input that is gone is no danger
            if os.path.samefile(source, target):
                raise UsageError(
                    f"{option} {path}: is the input {source}; writing it would"
                    " destroy it, so name another file"
                )
    return target


def refuse_special(path: Path) -> None:
    """Refuse ``path`` if it, or a link on the way to its file, is under /dev or /proc.

    ``/dev/stdin`` of a shell's ``< refs.bib`` leads to refs.bib itself, which
    the user asked citeman to read, not to replace.
    """
    current = os.path.abspath(path)
    for _ in range(40):  # the kernel's own limit on a chain of links
        if current.startswith(_SPECIAL):
            raise WriteError(
                f"{path}: is a stream or a device (under /dev or /proc), not a file"
                " citeman may replace"
            )
        if not os.path.islink(current):
            return
        link = os.readlink(current)
        current = os.path.normpath(os.path.join(os.path.dirname(current), link))


@contextlib.contextmanager
def temporary_beside(target: Path, name: str) -> Iterator[Path]:
    """Yield a new, empty temporary file in ``target``'s folder.

    It is removed when the block ends, whatever ends it, unless it was renamed
    over ``target`` by then. Its name is chosen before it is created, so that
    a signal arriving just as it is created still finds it to remove.
    """
    temporary = target.parent / f".{target.name}.{secrets.token_hex(6)}.citeman"
    ours = True
    try:
        try:
            os.close(os.open(temporary, _CREATE, 0o600))
        except FileExistsError as error:
            ours = False  # another's file (a one in 2**48 chance): leave it be
            raise WriteError(f"{name}: {temporary} exists; try again") from error
        except OSError as error:
            raise WriteError(
                f"{name}: cannot write beside it in {target.parent}"
                f" ({error.strerror}); nothing changed"
            ) from error
        yield temporary
    finally:
        if ours:
            temporary.unlink(missing_ok=True)


def write_bytes(temporary: Path, data: bytes, name: str) -> None:
    """Write ``data`` to ``temporary`` and make it durable before any rename."""
    try:
        with temporary.open("wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
    except OSError as error:
        raise WriteError(
            f"{name}: cannot be written ({error.strerror}); nothing changed"
        ) from error


def commit(temporary: Path, target: Path, name: str) -> None:
    """Rename ``temporary`` over ``target``: the one atomic step."""
    try:
        os.replace(temporary, target)
    except OSError as error:
        raise WriteError(
            f"{name}: cannot be written ({error.strerror}); nothing changed"
        ) from error


def keep_metadata(temporary: Path, status: os.stat_result, original: Path) -> list[str]:
    """Give ``temporary`` the owner, extended attributes and mode of ``original``.

    ``status`` is the original's. Return what could not be kept ("its owner",
    an attribute by name); the order matters, as a change of owner may clear
    set-user-id bits and a POSIX ACL (an extended attribute) sets mode bits.
    """
    lost = _keep_owner(temporary, status)
    lost += _keep_attributes(temporary, original)
    os.chmod(temporary, stat.S_IMODE(status.st_mode))
    return lost


def _keep_owner(temporary: Path, status: os.stat_result) -> list[str]:
    lost = []
    own = temporary.stat()
    if status.st_uid != own.st_uid:
        try:
            os.chown(temporary, status.st_uid, -1)
        except PermissionError:  # only root may give a file away
            lost.append(f"its owner (user {status.st_uid})")
    if status.st_gid != own.st_gid:
        try:
            os.chown(temporary, -1, status.st_gid)
        except PermissionError:
            lost.append(f"its group (group {status.st_gid})")
    return lost


def _keep_attributes(temporary: Path, original: Path) -> list[str]:
    """Copy extended attributes (POSIX ACLs among them) where the platform has them."""
    if not hasattr(os, "listxattr"):
        return []
    try:
        names = os.listxattr(original)
    except OSError as error:
        if error.errno in (errno.ENOTSUP, errno.EOPNOTSUPP):
            return []
        return [f"its extended attributes ({error.strerror})"]
    lost = []
    for name in names:
        try:
            value = os.getxattr(original, name)
            with contextlib.suppress(OSError):
                if os.getxattr(temporary, name) == value:
                    continue  # inherited already (an SELinux label, say)
            os.setxattr(temporary, name, value)
        except OSError as error:
            lost.append(f'its extended attribute "{name}" ({error.strerror})')
    # An attribute the new file inherited (a folder's default ACL) that the
    # original did not have would change who may read the file.
    for name in set(os.listxattr(temporary)) - set(names):
        with contextlib.suppress(OSError):
            os.removexattr(temporary, name)
    return lost
