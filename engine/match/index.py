"""A name index over list entries: exact look-up by normal key, and fuzzy candidates by blocking.

One job: built once over many `ListEntry` records (every primary name and alias), it answers
two questions fast: which listed names have exactly this normal key, and which few listed
names are worth scoring against a name that has none.

Blocking, and why it keeps one-edit misspellings:
- every token of every listed name is posted (token → names);
- every token of four letters or more is also filed under each of its one-letter deletions
  (the "symmetric delete" of SymSpell), so a query token finds every listed token within one
  insertion, deletion, substitution or adjacent transposition with a few dictionary look-ups
  instead of a scan of the vocabulary;
- the name with its spaces removed is a key of its own, for an edit that joins or splits words
  ("HIK VISION" against "HIKVISION");
- a candidate must cover, with its matching tokens, half of the query's letters and a third of
  its own; only the best-covered few are scored. A name that shares only a common word with
  the query ("trading", "mohammad") could not reach a possible-match score anyway.
Tokens posted under more than `FREQUENT` names are too common to block on alone: they count
towards the cover of candidates found by rarer tokens, and a query made only of common
tokens takes the names that have all of them.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from ..lists.records import ListEntry
from .normalise import FORM_WEIGHT, NormalName, form_like, normalise

FUZZY_TOKEN = 3  # shorter tokens are blocked on exactly: one edit of "al" is half the word
FREQUENT = 1500
CANDIDATES = 40
QUERY_COVER, NAME_COVER = 0.5, 0.34
MAX_TOKENS = 16  # a longer name is scored on its first 16 words


@dataclass(frozen=True, slots=True)
class Name:
    """One listed name: which entry, as the list writes it, alias or primary, its normal forms."""

    entry: ListEntry
    listed: str
    alias: bool
    normal: NormalName


def _deletions(token: str) -> set[str]:
    return {token[:i] + token[i + 1 :] for i in range(len(token))}


class NameIndex:
    """Every name of many entries, for exact look-up and fuzzy candidate generation."""

    def __init__(self, entries: Iterable[ListEntry]):
        # The build allocates a few hundred thousand small objects and frees none: the cyclic
        # collector's passes over them are pure cost (about a third of the build time).
        enabled = gc.isenabled()
        gc.disable()
        try:
            self._build(entries)
        finally:
            if enabled:
                gc.enable()

    def _build(self, entries: Iterable[ListEntry]) -> None:
        self.entries: list[ListEntry] = list(entries)
        self.names: list[Name] = []
        self.exact: dict[str, list[int]] = {}
        self.unordered: dict[str, list[int]] = {}  # sorted-token keys of persons' names
        self.compact: dict[str, list[int]] = {}
        self.postings: dict[str, list[int]] = {}
        self._letters: list[int] = []  # letters in a name's tokens, for its cover
        for entry in self.entries:
            seen: set[str] = set()
            for position, listed in enumerate(entry.all_names()):
                normal = normalise(listed)
                # One entry often lists a name twice (an alias differing only in punctuation):
                # keep the first, so a hit reports the primary name where it can.
                if not normal.key or normal.key in seen:
                    continue
                seen.add(normal.key)
                self._add(Name(entry, listed, position > 0, normal))
        self.deletions: dict[str, list[str]] = {}
        get = self.deletions.get  # the hottest loop of the build: tens of thousands of tokens
        for token in self.postings:
            if len(token) >= FUZZY_TOKEN:
                for i in range(len(token)):
                    variant = token[:i] + token[i + 1 :]
                    found = get(variant)
                    if found is None:
                        self.deletions[variant] = [token]
                    elif found[-1] != token:  # "aab" loses either "a" the same way
                        found.append(token)
        self._similar: dict[str, tuple[str, ...]] = {}
        self._sets: dict[str, set[int]] = {}
        self._arrays()

    def _arrays(self) -> None:
        """Each name as a row of token numbers and token lengths, for vectorised scoring."""
        self.vocabulary: list[str] = list(self.postings)
        number = {t: n for n, t in enumerate(self.vocabulary)}
        width = min(MAX_TOKENS, max((len(n.normal.tokens) for n in self.names), default=1))
        self.token_ids = np.full((len(self.names), width), -1, dtype=np.int32)
        self.token_letters = np.zeros((len(self.names), width), dtype=np.float32)
        for i, name in enumerate(self.names):
            tokens = name.normal.tokens[:width]
            self.token_ids[i, : len(tokens)] = [number[t] for t in tokens]
            self.token_letters[i, : len(tokens)] = [len(t) for t in tokens]
        self.name_letters = self.token_letters.sum(axis=1)
        self.keys: list[str] = [n.normal.key for n in self.names]

    def _add(self, name: Name) -> None:
        i = len(self.names)
        self.names.append(name)
        self.exact.setdefault(name.normal.key, []).append(i)
        if name.entry.type == "individual":
            self.unordered.setdefault(name.normal.sorted_key, []).append(i)
        self.compact.setdefault(name.normal.compact, []).append(i)
        for token in set(name.normal.tokens):
            self.postings.setdefault(token, []).append(i)
        self._letters.append(sum(map(len, name.normal.tokens)))

    def __len__(self) -> int:
        return len(self.names)

    # ---- exact

    def lookup(self, normal: NormalName) -> list[tuple[int, str]]:
        """Listed names equal to the query: (name number, "ordered" | "unordered")."""
        found = [(i, "ordered") for i in self.exact.get(normal.key, ())]
        ordered = {i for i, _ in found}
        found += [(i, "unordered") for i in self.unordered.get(normal.sorted_key, ()) if i not in ordered]
        return found

    # ---- fuzzy candidates

    def similar(self, token: str) -> tuple[str, ...]:
        """Listed tokens equal to the token or one edit from it (cached per index)."""
        hit = self._similar.get(token)
        if hit is None:
            found = {token} if token in self.postings else set()
            if len(token) >= FUZZY_TOKEN:
                for variant in (token, *_deletions(token)):
                    found.update(self.deletions.get(variant, ()))
                # A query with one letter too many: one of its deletions is a listed word.
                found.update(t for t in _deletions(token) if t in self.postings)
            hit = tuple(sorted(found))
            if len(self._similar) > 500_000:  # bound the cache on endless batches
                self._similar.clear()
            self._similar[token] = hit
        return hit

    def _set(self, tokens: tuple[str, ...]) -> set[int]:
        key = "\0".join(tokens)
        found = self._sets.get(key)
        if found is None:
            found = set().union(*(self.postings[t] for t in tokens))
            if len(self._sets) > 100_000:
                self._sets.clear()
            self._sets[key] = found
        return found

    def candidates(self, normal: NormalName, limit: int = CANDIDATES) -> list[int]:
        """The listed names worth scoring against the query, best-covered first."""
        tokens = set(normal.tokens)
        weight = {t: len(t) * (FORM_WEIGHT if form_like(t) else 1.0) for t in tokens}
        letters = sum(weight.values()) or 1.0
        cover: dict[int, float] = {}
        common: list[tuple[str, tuple[str, ...]]] = []
        for token in tokens:
            similar = self.similar(token)
            if not similar:
                continue
            if sum(len(self.postings[t]) for t in similar) > FREQUENT:
                common.append((token, similar))
                continue
            hits = self.postings[similar[0]] if len(similar) == 1 else self._set(similar)
            for i in hits:
                cover[i] = cover.get(i, 0) + weight[token]
        if common and not cover:
            # Only common words: the names that have every one of them.
            sets = sorted((self._set(similar) for _, similar in common), key=len)
            found = set.intersection(*sets) if len(sets) > 1 else sets[0]
            cover = dict.fromkeys(found, 0)
        for token, similar in common:
            wanted = self._set(similar)
            for i in cover:
                if i in wanted:
                    cover[i] += weight[token]
        for i in self.compact.get(normal.compact, ()):
            cover[i] = letters  # the same letters, spaced differently
        kept = [
            (c / letters + c / (self._letters[i] or 1), -abs(self._letters[i] - letters), i)
            for i, c in cover.items()
            if c >= QUERY_COVER * letters and c >= NAME_COVER * self._letters[i]
        ]
        kept.sort(reverse=True)  # best cover, then the closest length, then the latest name
        return [i for _, _, i in kept[:limit]]
