"""A bucket's keys in listing order, cheap to change at any size.

Listings walk keys in UTF-8 binary order, which for Python strings is code point
order. ``SortedKeys`` holds them in chunks of a few hundred sorted keys (with each
chunk's last key in ``_maxes`` to find a chunk by bisection), so adding or removing
one key moves at most a chunk's worth of pointers, whatever the bucket's size.

Writes are noted as pending and applied at the next walk: a key put and deleted
between two listings never touches the chunks, and a walk pays only for the keys
changed since the last one. When the pending changes outnumber a quarter of the
keys (a bulk seed), the chunks are rebuilt in one merge instead, which costs no
more than applying them one by one. Nothing removed is kept as a tombstone to skip.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from itertools import chain

CHUNK = 512  # keys per chunk after a rebuild; a chunk splits at twice that


class SortedKeys:
    __slots__ = ("_added", "_chunks", "_maxes", "_removed", "_runs", "_size")

    def __init__(self) -> None:
        self._chunks: list[list[str]] = []
        self._maxes: list[str] = []
        # Pending writes. Added keys keep the callers' order, since sorting sorted input
        # is linear: one by one in ``_added``, in bulk as whole lists in ``_runs``.
        self._added: dict[str, None] = {}
        self._runs: list[list[str]] = []
        self._removed: set[str] = set()
        self._size = 0  # keys in the chunks

    def add(self, key: str) -> None:
        """Note a key the bucket did not hold."""
        if key in self._removed:
            self._removed.discard(key)
        else:
            self._added[key] = None

    def update(self, keys: Iterable[str]) -> None:
        """Note many new keys at once, each given once (the next walk rebuilds)."""
        if self._removed:
            for key in keys:
                self.add(key)
        else:
            self._runs.append(list(keys))

    def discard(self, key: str) -> None:
        """Note that a key the bucket held is gone."""
        if key in self._added:
            del self._added[key]
        else:
            self._removed.add(key)

    def copy(self) -> SortedKeys:
        self._settle()
        twin = SortedKeys()
        twin._chunks = [chunk[:] for chunk in self._chunks]
        twin._maxes = self._maxes[:]
        twin._size = self._size
        return twin

    def __len__(self) -> int:
        pending = len(self._added) + sum(map(len, self._runs))
        return self._size + pending - len(self._removed)

    # -- applying the pending writes ---------------------------------------------

    def _settle(self) -> None:
        added, runs, removed = self._added, self._runs, self._removed
        if not added and not removed and not runs:
            return
        if (len(added) + sum(map(len, runs)) + len(removed)) * 4 > self._size:
            self._rebuild()
            return
        for key in removed:
            self._remove(key)
        for key in sorted(chain(added, *runs)):
            if key not in removed:  # a key of a run, deleted since (never in the chunks)
                self._insert(key)
        removed.clear()
        added.clear()
        runs.clear()

    def _rebuild(self) -> None:
        removed = self._removed
        kept = list(chain.from_iterable(self._chunks))
        kept.extend(self._added)
        for run in self._runs:
            kept.extend(run)
        if removed:
            kept = [key for key in kept if key not in removed]
        kept.sort()  # sorted runs (the chunks, a sorted seed): merged in linear time
        self._runs.clear()
        self._chunks = [kept[start:start + CHUNK] for start in range(0, len(kept), CHUNK)]
        self._maxes = [chunk[-1] for chunk in self._chunks]
        self._size = len(kept)
        self._added.clear()
        removed.clear()

    def _insert(self, key: str) -> None:
        maxes = self._maxes
        if not maxes:
            self._chunks.append([key])
            maxes.append(key)
        else:
            at = bisect.bisect_left(maxes, key)
            if at == len(maxes):  # past every key: the last chunk grows
                at -= 1
                maxes[at] = key
            chunk = self._chunks[at]
            bisect.insort(chunk, key)
            if len(chunk) > 2 * CHUNK:
                self._chunks[at + 1:at + 1] = [chunk[CHUNK:]]
                del chunk[CHUNK:]
                maxes[at:at + 1] = [chunk[-1], self._chunks[at + 1][-1]]
        self._size += 1

    def _remove(self, key: str) -> None:
        at = bisect.bisect_left(self._maxes, key)
        chunk = self._chunks[at] if at < len(self._chunks) else []
        position = bisect.bisect_left(chunk, key)
        if position == len(chunk) or chunk[position] != key:
            return  # not held: nothing to remove
        del chunk[position]
        if not chunk:
            del self._chunks[at], self._maxes[at]
        else:
            self._maxes[at] = chunk[-1]
        self._size -= 1

    # -- reading ------------------------------------------------------------------

    def walk(self, after: str = "", *, inclusive: bool = False) -> Iterator[str]:
        """Keys in order, starting after ``after`` (or at it, when ``inclusive``)."""
        self._settle()
        chunks, removed = self._chunks, self._removed  # removed: only keys deleted mid-walk
        at = bisect.bisect_left(self._maxes, after)
        if at == len(chunks):
            return
        chunk = chunks[at]
        start = (bisect.bisect_left if inclusive else bisect.bisect_right)(chunk, after)
        while True:
            for key in chunk[start:] if start else chunk[:]:
                if key not in removed:
                    yield key
            at += 1
            if at >= len(chunks):
                return
            chunk, start = chunks[at], 0

    def position_after_prefix(self, prefix: str) -> str | None:
        """The smallest string greater than every key starting with ``prefix``; None when
        there is none (``prefix`` is all U+10FFFF, the last code point)."""
        stem = prefix.rstrip("\U0010ffff")
        if not stem:
            return None
        return stem[:-1] + chr(ord(stem[-1]) + 1)
