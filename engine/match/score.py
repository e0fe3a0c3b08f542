"""How similar a queried name is to candidate listed names, and the `Match` that reports it.

One job: score a query against the candidates the index proposes, in the manner of OFAC's
Sanctions List Search (Jaro-Winkler over whole names and over name parts), and word the
result as a `Match` a compliance officer can read.

The score (0-100) is the better of two, each vectorised over the candidates (rapidfuzz
`cdist` once per query for each measure, then numpy over a padded word matrix):
- **whole**: Jaro-Winkler between the normal keys, word order kept, counted only when the
  names without spaces are within `whole_edits` of each other (a joined or split word, a
  slip in a long single-word name: "FR YUAN YU 7896" for "FU YUAN YU 7896");
- **parts**: watchman's best pairs. Each queried word is paired one to one with a listed
  word; a pair counts only within `allowed_edits` (OSA distance), and then with its
  Jaro-Winkler. The query side, weighted by word length, must be explained for a high
  score; listed words the query lacks cost `MISSING_LISTED_WORD` times their share of the
  listed words, so "Ramzan Kadyrov" stays a possible match for "KADYROV, Ramzan
  Akhmatovich" (OFAC gives the patronymic, a customer seldom does) while "John Smith
  Trading" is far from "JOHN SMITH". More edits than the whole name tolerates
  (`name_edits`) cost `EXTRA_EDIT` each.
Jaro-Winkler alone is too kind to names that only share a prefix ("popov" against
"poluprovodniki" 0.83): the edit allowances are what keep ordinary names clear.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA, JaroWinkler

from ..lists.records import ListEntry
from .index import Name, NameIndex
from .normalise import NormalName

MISSING_LISTED_WORD = 0.3  # the cost of listed words the query lacks, as a share of the listed words
EXTRA_EDIT = 0.9  # the factor for each edit beyond `name_edits`
SHORT_WORD = 3  # words this short must be spelt alike ("hu" is not "xu", "yan" is not "yun")
WHOLE_MIN = 10  # names shorter than this (spaces aside) are compared word by word only


def name_edits(letters: float) -> int:
    """Edits tolerated over a whole name's words: one, and one more for each 15 letters."""
    return 1 + int(letters) // 15


def allowed_edits(letters: np.ndarray) -> np.ndarray:
    """Edits (OSA: insert, delete, substitute, swap neighbours) tolerated in a word this long:
    none up to SHORT_WORD letters, one up to 9, one more for each further 10."""
    return np.where(letters <= SHORT_WORD, 0, 1 + letters // 10)


def whole_edits(letters: np.ndarray) -> np.ndarray:
    """Edits tolerated in a whole name, spaces removed: none below WHOLE_MIN letters (only a
    space moved), then one, and one more for each further 20."""
    return np.where(letters < WHOLE_MIN, 0, 1 + letters // 20)


@dataclass(frozen=True, slots=True)
class Match:
    """One listed name a query matched, how well, and why in a sentence."""

    entry: ListEntry
    name: str  # as the list writes it
    alias: bool
    score: float  # 0-100
    kind: str  # exact | possible | confirmed
    reason: str
    confirms: tuple[str, ...] = ()  # identifying details that confirm it
    conflicts: tuple[str, ...] = ()  # details that rule it out (then it is not reported as a match)
    doubts: tuple[str, ...] = ()  # details that lowered an exact name match to a possible one
    agrees: tuple[str, ...] = ()  # details that agree without confirming (a date of birth, a nationality)

    @property
    def list(self) -> str:
        return self.entry.list

    @property
    def entry_id(self) -> str:
        return self.entry.entry_id

    @property
    def ruled_out(self) -> bool:
        return bool(self.conflicts) and not self.confirms


def listed_as(name: Name) -> str:
    return f"the listed {'alias' if name.alias else 'name'} '{name.listed}'"


def exact_reason(name: Name, how: str) -> str:
    if how == "ordered":
        return f"the normalised name equals {listed_as(name)}"
    return f"the normalised name equals {listed_as(name)} with its words in another order"


def score(index: NameIndex, query: NormalName, candidates: list[int], workers: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """(scores 0-100, True where the parts score won) for each candidate, vectorised."""
    if not candidates or not query.tokens:
        return np.zeros(len(candidates)), np.zeros(len(candidates), dtype=bool)
    rows = np.asarray(candidates, dtype=np.int64)
    keys = [index.keys[i] for i in candidates]
    whole = process.cdist([query.key], keys, scorer=JaroWinkler.normalized_similarity, workers=workers)[0]
    compact = [k.replace(" ", "") for k in keys]
    edits = process.cdist([query.compact], compact, scorer=OSA.distance, workers=workers)[0]
    longer = np.maximum(len(query.compact), np.fromiter(map(len, compact), dtype=np.int64, count=len(compact)))
    # The whole name may be an edit off (a joined or split word, a short single word), and one
    # more per 20 letters; within that it scores as words do, below.
    whole = np.where(edits > whole_edits(longer), 0.0, (1.0 + whole) / 2.0)

    ids = index.token_ids[rows]  # candidates × width, -1 where a name has fewer words
    present = ids >= 0
    local, inverse = np.unique(ids[present], return_inverse=True)
    words = list(query.tokens)
    listed = [index.vocabulary[t] for t in local]
    pair = process.cdist(words, listed, scorer=JaroWinkler.normalized_similarity, workers=workers)
    edits = process.cdist(words, listed, scorer=OSA.distance, workers=workers)
    longer = np.maximum.outer(np.fromiter(map(len, words), np.int64, len(words)), np.fromiter(map(len, listed), np.int64, len(listed)))
    # Jaro-Winkler gives unrelated words 0.5-0.8 and a shared prefix more ("popov" against
    # "poluprovodniki"): such partial credit adds up to false alerts. A word counts only
    # within a few edits of its partner (`allowed_edits`), and then with its Jaro-Winkler.
    # Within the allowance, a first-letter slip costs Jaro-Winkler a lot ("zeni" against
    # "geni" 0.83): halving the gap keeps every word one edit away at 0.88 or more.
    pair = np.where(edits > allowed_edits(longer), 0.0, (1.0 + pair) / 2.0)
    pad = np.zeros((pair.shape[0], 1))
    pair, edits = np.hstack([pair, pad]), np.hstack([edits, pad])  # the padding column
    column = np.full(ids.shape, len(local), dtype=np.int64)
    column[present] = inverse
    grid = pair[:, column]  # query words × candidates × listed words
    # Pairs are one to one, as watchman's best pairs: a query word and a listed word count
    # only as each other's best partner, so "LI LIU" cannot spend "LIA" twice.
    width = ids.shape[1]
    chosen = np.arange(width) == grid.argmax(axis=2)[..., None]
    chosen &= np.arange(len(words))[:, None, None] == grid.argmax(axis=0)[None, :, :]
    grid = np.where(chosen & (grid > 0), grid, 0.0)
    last = len(words) - 1
    query_letters = np.fromiter((index.weight(w, i == last) for i, w in enumerate(words)), np.float64, len(words))
    query_side = query_letters @ grid.max(axis=2) / query_letters.sum()
    listed_side = np.where(present, grid.max(axis=0), 0.0).sum(axis=1) / np.maximum(present.sum(axis=1), 1)
    parts = query_side * (1.0 - MISSING_LISTED_WORD * (1.0 - listed_side))
    # Each word may be an edit off, but not every word: edits beyond what the whole name
    # tolerates cost EXTRA_EDIT each ("MING YANG" is two edits from "KANG, Min").
    spent = np.where(grid > 0, edits[:, column], 0.0).sum(axis=(0, 2))
    excess = np.maximum(spent - name_edits(query_letters.sum()), 0.0)
    parts = parts * EXTRA_EDIT**excess
    best = np.maximum(whole, parts)
    return np.round(best * 100.0, 1), parts > whole


def possible_reason(name: Name, value: float, by_parts: bool) -> str:
    how = "Jaro-Winkler over the name's words" if by_parts else "Jaro-Winkler over the whole name"
    return f"{value:.0f}% similar to {listed_as(name)} ({how})"
