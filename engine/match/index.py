"""A name index over list entries: exact look-up by normal key, and fuzzy candidates by blocking.

One job: built once over many `ListEntry` records (every primary name and alias), it answers
two questions fast: which listed names have exactly this normal key, and which few listed
names are worth scoring against a name that has none.

Blocking, and why it keeps one-edit misspellings:
- every token of every listed name is posted (token → names);
- every token of three letters or more is also filed under each of its one-letter deletions
  (the "symmetric delete" of SymSpell), so a query token finds every listed token within one
  insertion, deletion, substitution or adjacent transposition with a few dictionary look-ups
  instead of a scan of the vocabulary;
- the name with its spaces removed is a key of its own, for an edit that joins or splits words
  ("HIK VISION" against "HIKVISION");
- a candidate must cover, with its matching tokens, half of the query's letters and a third of
  its own; only the best-covered few are scored. A name that shares only a common word with
  the query ("trading", "mohammad") could not reach a possible-match score anyway.
The cover is summed in one numpy accumulator over the names, so a common word ("mohammad",
posted under thousands of names) costs one vectorised addition, not a Python loop.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from itertools import chain
from typing import NamedTuple

import numpy as np

from ..lists.records import ListEntry
from .normalise import NormalName, near_legal_form, normalise

FUZZY_TOKEN = 3  # shorter tokens are blocked on exactly: one edit of "al" is half the word
CANDIDATES = 40
QUERY_COVER, NAME_COVER = 0.5, 0.34
MAX_TOKENS = 16  # a longer name is scored on its first 16 words
FORM_WEIGHT = 0.05  # a misspelt legal form hardly names anyone


class Name(NamedTuple):  # a tuple: built once per listed name, tens of thousands per index
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
        self._number: dict[str, int] = {}  # token -> its number in `vocabulary`
        self._ids: list[list[int]] = []  # each name's token numbers, until `_arrays`
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
        self._arrays_of: dict[tuple[str, ...], np.ndarray] = {}
        self._cover = np.zeros(len(self.names), dtype=np.float64)
        self._arrays()

    def _arrays(self) -> None:
        """Each name as a row of token numbers and token lengths, for vectorised scoring."""
        self.vocabulary: list[str] = list(self._number)  # in numbering order
        width = min(MAX_TOKENS, max(map(len, self._ids), default=1))
        # One scatter over flat arrays: a numpy assignment per name costs more than the name.
        counts = np.fromiter(map(len, self._ids), dtype=np.int64, count=len(self._ids))
        flat = np.fromiter(chain.from_iterable(self._ids), dtype=np.int32, count=int(counts.sum()))
        rows = np.repeat(np.arange(len(self._ids)), counts)
        cols = np.arange(len(flat)) - np.repeat(np.cumsum(counts) - counts, counts)
        inside = cols < width
        self.token_ids = np.full((len(self.names), width), -1, dtype=np.int32)
        self.token_ids[rows[inside], cols[inside]] = flat[inside]
        lengths = np.fromiter(map(len, self.vocabulary), dtype=np.float32, count=len(self.vocabulary))
        self.token_letters = np.where(self.token_ids >= 0, lengths[self.token_ids], 0.0).astype(np.float32)
        self.name_letters = self.token_letters.sum(axis=1)
        self.keys: list[str] = [n.normal.key for n in self.names]
        del self._ids, self._number

    def _add(self, name: Name) -> None:
        i = len(self.names)
        self.names.append(name)
        normal = name.normal
        self.exact.setdefault(normal.key, []).append(i)
        if name.entry.type == "individual":
            self.unordered.setdefault(normal.sorted_key, []).append(i)
        if len(normal.tokens) > 1:  # a one-word name's compact form is its key (see candidates)
            self.compact.setdefault(normal.compact, []).append(i)
        number, postings = self._number, self.postings
        self._ids.append([number.setdefault(t, len(number)) for t in normal.tokens])
        for token in set(normal.tokens):
            postings.setdefault(token, []).append(i)

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

    def weight(self, token: str, last: bool = False) -> float:
        """A query word's weight in cover and score: its letters, or a few if it is a slip of a
        legal form that normalisation could not strip ("LIMITDE", "LLTD")."""
        if token not in self.postings and near_legal_form(token, last):
            return len(token) * FORM_WEIGHT
        return float(len(token))

    def _hits(self, similar: tuple[str, ...]) -> np.ndarray:
        """The names holding any of these tokens, once each, as an array (cached)."""
        found = self._arrays_of.get(similar)
        if found is None:
            if len(similar) == 1:
                found = np.asarray(self.postings[similar[0]], dtype=np.int64)
            else:
                found = np.unique(np.concatenate([np.asarray(self.postings[t], dtype=np.int64) for t in similar]))
            if len(self._arrays_of) > 200_000:
                self._arrays_of.clear()
            self._arrays_of[similar] = found
        return found

    def candidates(
        self,
        normal: NormalName,
        limit: int = CANDIDATES,
        cover_at_least: float = QUERY_COVER,
        whole_edits: Callable[[np.ndarray], np.ndarray] | None = None,
    ) -> list[int]:
        """The listed names worth scoring against the query, best-covered first.

        A caller that knows its scorer can prune harder: a name whose words cover less than
        `cover_at_least` of the query's letters cannot score above that share on the words,
        and can score on the whole name only if its length is within `whole_edits(longer)`
        of the query's, so every other name is dropped before it costs a score.
        """
        tokens = set(normal.tokens)
        weight = {t: self.weight(t, t == normal.tokens[-1]) for t in tokens}
        letters = sum(weight.values()) or 1.0
        cover = self._cover  # one accumulator for every query, put back to zero after use
        touched: list[np.ndarray] = []
        for token in tokens:
            similar = self.similar(token)
            if similar:
                hits = self._hits(similar)
                cover[hits] += weight[token]  # names are unique within `hits`
                touched.append(hits)
        same = self.compact.get(normal.compact, []) + self.exact.get(normal.compact, [])
        if same:  # the same letters, spaced differently
            cover[same] = letters
            touched.append(np.asarray(same, dtype=np.int64))
        if not touched:
            return []
        size = sum(map(len, touched))
        # A sort of a few thousand numbers is cheaper than a scan of every name, and not beyond.
        if size < 20_000:
            rows = np.sort(np.concatenate(touched))
            rows = rows[np.concatenate(([True], rows[1:] != rows[:-1]))]
        else:
            rows = np.flatnonzero(cover)
        got = cover[rows]
        cover[rows] = 0.0
        own = self.name_letters[rows]
        basic = (got >= QUERY_COVER * letters) & (got >= NAME_COVER * own)
        keep = basic & (got >= cover_at_least * letters)
        if whole_edits is not None:
            length = float(len(normal.compact))
            rest = np.flatnonzero(basic & ~keep)
            near = np.abs(own[rest] - length) <= whole_edits(np.maximum(own[rest], length))
            keep[rest[near]] = True
        rows, got, own = rows[keep], got[keep], own[keep]
        if len(rows) > limit:
            # Best cover first, then the closest length, then the latest name.
            rank = got / letters + got / np.maximum(own, 1.0)
            order = np.lexsort((-rows, np.abs(own - letters), -rank))[:limit]
            rows = rows[order]
        return rows.tolist()
