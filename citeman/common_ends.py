"""The common ends of two texts (or byte strings), found by comparing blocks.

An edit of a large file changes a little of it: comparing 64 KiB blocks from
each end (C-speed slices and equality) and then halving the block that
differs finds what is the same in a few milliseconds.
"""

from __future__ import annotations

from typing import AnyStr


def common_prefix(one: AnyStr, two: AnyStr) -> int:
    """Return the length of the longest common prefix of ``one`` and ``two``."""
    size = min(len(one), len(two))
    low, step = 0, 1 << 16
    while low < size and one[low : low + step] == two[low : low + step]:
        low += step
    high = min(low + step, size)
    while low < high:
        middle = (low + high) // 2
        if one[low : middle + 1] == two[low : middle + 1]:
            low = middle + 1
        else:
            high = middle
    return min(low, size)


def common_suffix(one: AnyStr, two: AnyStr, limit: int) -> int:
    """Return the length of their longest common suffix, at most ``limit``."""
    low, step = 0, 1 << 16
    a, b = len(one), len(two)
    while (
        low < limit
        and one[a - min(low + step, limit) : a - low]
        == two[b - min(low + step, limit) : b - low]
    ):
        low = min(low + step, limit)
        if low == limit:
            return limit
    high = min(low + step, limit)
    while low < high:
        middle = (low + high + 1) // 2
        if one[a - middle : a - low] == two[b - middle : b - low]:
            low = middle
        else:
            high = middle - 1
    return low
