"""Counts per key in fixed windows, shared by a server's worker processes without Redis.

The counters live in anonymous shared memory made before gunicorn forks its workers, so every worker
of one server adds to the same count: a limit of 300 a minute is 300 for the server, not 300 per
worker. A key is kept only as a hash in memory (a client's address is never written anywhere).
"""
from __future__ import annotations

import hashlib
import mmap
import multiprocessing
import struct
import time

SLOT = struct.Struct("<Qdq")  # key hash, end of its window (epoch seconds), count
SLOTS = 16384  # clients counted at once; beyond that the window ending first is reused
PROBE = 32  # slots looked at for one key
LOCK_SECONDS = 0.05  # a worker killed while holding the lock must not stop the others: they count nothing


def key_hash(key: str) -> int:
    """A key as 8 bytes of hash, never 0 (0 marks a free slot)."""
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little") or 1


class SharedCounts:
    """Fixed-window counters in shared memory: hit(key, window) adds one and says how many so far."""

    def __init__(self, slots: int = SLOTS, clock=time.time):
        self.slots, self.clock = slots, clock
        self._memory = mmap.mmap(-1, slots * SLOT.size)  # anonymous and shared: forked children see it
        self._lock = multiprocessing.Lock()

    def _find(self, wanted: int, now: float) -> tuple[int, bool]:
        """The slot of a key (True) or the one to take for it (False): free, expired, or ending first."""
        start = wanted % self.slots
        best, best_end = start, float("inf")
        for step in range(PROBE):
            index = (start + step) % self.slots
            found, end, _ = SLOT.unpack_from(self._memory, index * SLOT.size)
            if found == wanted:
                return index, True
            if end < best_end:
                best, best_end = index, end
                if end <= now:
                    best_end = float("-inf")
        return best, False

    def hit(self, key: str, window: float, amount: int = 1) -> tuple[int, float]:
        """Add `amount` to the key's count in its current window; the count and when the window ends."""
        now = self.clock()
        if not self._lock.acquire(timeout=LOCK_SECONDS):
            return 0, now + window
        try:
            wanted = key_hash(key)
            index, found = self._find(wanted, now)
            _, end, count = SLOT.unpack_from(self._memory, index * SLOT.size)
            if not found or end <= now:
                end, count = now + window, 0
            count += amount
            SLOT.pack_into(self._memory, index * SLOT.size, wanted, end, count)
            return count, end
        finally:
            self._lock.release()

    def get(self, key: str) -> tuple[int, float]:
        """The key's count in its current window and when that ends (0 and now when it has none)."""
        now = self.clock()
        if not self._lock.acquire(timeout=LOCK_SECONDS):
            return 0, now
        try:
            index, found = self._find(key_hash(key), now)
            _, end, count = SLOT.unpack_from(self._memory, index * SLOT.size)
            return (count, end) if found and end > now else (0, now)
        finally:
            self._lock.release()

    def clear(self, key: str) -> None:
        """Forget one key's count."""
        with self._lock:
            index, found = self._find(key_hash(key), self.clock())
            if found:
                SLOT.pack_into(self._memory, index * SLOT.size, 0, 0.0, 0)

    def reset(self) -> None:
        """Forget every count."""
        with self._lock:
            self._memory[:] = bytes(len(self._memory))
