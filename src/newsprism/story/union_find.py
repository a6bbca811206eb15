"""Union-find over the items 0..n-1: groups joined pair by pair (entity aliases, copied sentences, conflicts)."""

from __future__ import annotations


class UnionFind:
    """Disjoint sets with path halving; a group's root is its lowest item, so roots follow the items' order."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.rules: list[tuple[int, str]] = []  # (the item joined, the rule that joined it), where one was given

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int, rule: str | None = None) -> None:
        """Join ``a``'s group to ``b``'s; ``rule`` says why, for the caller's record."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
            if rule:
                self.rules.append((a, rule))
