"""Start-ordered intervals and the points they cover, found by bisection: the rules ask of every token whether a
quotation or a mention covers it, and a scan of all of them per token grows with the square of an article's length.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from itertools import accumulate


class Intervals:
    """Half-open intervals ``[start, end)`` in start order (``starts`` must not fall), read by point."""

    __slots__ = ("starts", "_reach")

    def __init__(self, bounds: Iterable[tuple[int, int]]) -> None:
        bounds = list(bounds)
        self.starts = [a for a, _ in bounds]
        self._reach = list(accumulate((b for _, b in bounds), max))  # the furthest end among the intervals up to each

    def covering(self, point: int) -> Iterator[int]:
        """The positions of the intervals that cover ``point``, in start order, among those that may: the first
        whose reach passes the point on (``reach`` rises; those after it start later), while they start at or
        before it. The caller checks each one's end."""
        k = bisect_right(self._reach, point)
        while k < len(self.starts) and self.starts[k] <= point:
            yield k
            k += 1

    def covers(self, point: int) -> bool:
        """Whether any interval covers ``point``."""
        k = bisect_right(self.starts, point) - 1
        return k >= 0 and point < self._reach[k]
