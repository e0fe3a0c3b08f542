"""A name's normal forms: the keys under which a listed name and a queried name are compared.

One job: turn a name as written ("Hangzhou Hikvision Digital Technology Co., Ltd.",
"KADYROV, Ramzan Akhmatovich", "Société Générale") into tokens and keys that ignore what
does not distinguish one party from another: case, diacritics, script variants of Latin
letters, punctuation, spacing, word order of a person's names, and the legal form of a
company. Both sides of every comparison go through the same function, so a choice made here
(say, "L.L.C." becomes "llc" and is then dropped) can never make a name fail to equal itself.

The choices, and why:
- NFKC first, so full-width letters and ligatures ("ﬁ") become plain letters; then letters
  that NFKD does not decompose (ß, ø, æ, ł, đ, þ, ı, œ) are transliterated as OFAC and ICAO
  9303 write them; then NFKD and combining marks dropped ("é" → "e").
- Apostrophes are removed ("O'Brien" → "obrien"); every other punctuation mark, the period
  included, separates words ("Al-Qaida" → "al qaida", "S.A." → "s a"). Runs of
  one-letter tokens are joined ("l l c" → "llc", "j p morgan" → "jp morgan") because lists and
  customers write initialisms both ways.
- Legal forms are removed as whole tokens or token sequences wherever they stand (Russian
  forms stand first: "OOO", "PJSC"), never when that would leave nothing. Words that tell
  entities apart are kept even when they look generic: "group", "holding", "bank",
  "trading", "international", "industries", "corps" ("Xinjiang Production and Construction
  Corps" is not a "corp"). "Alfa Group" and "Alfa Bank" must stay different names.
- The sorted-token key serves personal names: OFAC writes "SURNAME, Given Names", a
  customer writes "Given Names Surname". Whether word order may be ignored is decided by the
  caller from the entry's type (persons yes, entities and vessels no).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import OSA

# Letters NFKD leaves whole. Values follow the usual romanisation (ICAO 9303 for ß, æ, ø).
_TRANSLITERATE = str.maketrans(
    {
        "ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "œ": "oe", "Œ": "oe",
        "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th",
        "ı": "i", "ħ": "h", "Ħ": "h", "ŧ": "t", "Ŧ": "t", "ŀ": "l", "ĸ": "k", "ŋ": "ng",
    }
)
# Marks that vanish without splitting a word: apostrophes (O'Brien), the ʻokina and ʿayn
# of romanised Arabic (Saʿid).
_VANISH = re.compile(r"['’‘`´ʻʼʿʾ]")
_SEPARATE = re.compile(r"[^\w]+|_")
# The same for ASCII text, as one translate: several times faster than the Unicode regex.
_ASCII: dict[str, str | None] = {c: " " for c in map(chr, range(128)) if not c.isalnum()}  # None: the character is dropped
_ASCII.update({"'": None, "`": None, "&": " and "})
_ASCII_TABLE = str.maketrans(_ASCII)

# Legal forms, each as the token sequence it normalises to. "co ltd", "sa de cv" and
# "sdn bhd" are sequences; the single tokens cover most of the rest. Kept deliberately
# short of words that distinguish entities (see the module docstring).
_LEGAL_FORMS: tuple[tuple[str, ...], ...] = tuple(
    tuple(form.split())
    for form in (
        "co ltd", "company limited", "co limited", "pvt ltd", "private limited",
        "sa de cv", "s de rl de cv", "s de rl", "sdn bhd", "pte ltd", "pty ltd",
        "public joint stock company", "open joint stock company", "closed joint stock company",
        "joint stock company", "limited liability company", "limited liability partnership",
        "ltd", "limited", "llc", "inc", "incorporated", "corp", "corporation", "company", "co",
        "gmbh", "ag", "sa", "sas", "sarl", "srl", "spa", "sl", "jsc", "ojsc", "pjsc", "cjsc",
        "zao", "oao", "pao", "ooo", "tov", "llp", "lp", "plc", "pte", "pty", "pvt", "fze",
        "fzco", "fzc", "fzllc", "bv", "nv", "ab", "as", "oy", "kk", "kg", "bhd", "sdn",
        "gmbh and co kg", "gmbh and co", "and co kg", "and co", "eood", "ood", "ead", "sprl",
        "sasu", "ltda", "doo", "dooel",
    )
)
_FORMS_BY_FIRST: dict[str, tuple[tuple[str, ...], ...]] = {}
for _form in sorted(_LEGAL_FORMS, key=len, reverse=True):  # longest sequence wins
    _FORMS_BY_FIRST.setdefault(_form[0], ())
    _FORMS_BY_FIRST[_form[0]] += (_form,)
_FIRST_WORDS = frozenset(_FORMS_BY_FIRST)
LEGAL_FORM_WORDS = frozenset(word for form in _LEGAL_FORMS for word in form if word != "and")
_FORM_WORDS = sorted(form[0] for form in _LEGAL_FORMS if len(form) == 1 and len(form[0]) >= 3)


@lru_cache(maxsize=200_000)
def near_legal_form(token: str, last: bool = False) -> bool:
    """A word one edit from a one-word legal form ("limitde", "lltd"), not a form itself.

    Many such words are names too ("tao" is one edit from "oao"): a word of three letters
    counts only as a name's last word ("ORAMA PROPERTIES XTD"), and the index counts a word
    as a misspelt form only when no listed name has it (`NameIndex.weight`)."""
    if len(token) < (3 if last else 4) or token in LEGAL_FORM_WORDS:
        return False
    return process.extractOne(token, _FORM_WORDS, scorer=OSA.distance, score_cutoff=1) is not None


def fold(text: str) -> str:
    """Case, compatibility forms, transliteration and diacritics folded; punctuation kept."""
    if text.isascii():  # most listed and queried names: nothing to fold but case
        return text.lower()
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLITERATE)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.casefold()


def words(text: str) -> list[str]:
    """The folded words of a name, punctuation removed or spaced, initialisms joined."""
    # Periods separate like any other mark; "S.A." then reads "s a", which the joining of
    # one-letter runs below turns into "sa", the way "SA" is written without periods.
    text = fold(text)
    if text.isascii():
        tokens = text.translate(_ASCII_TABLE).split()
    else:  # "A & B" is written "A and B" too
        tokens = _SEPARATE.sub(" ", _VANISH.sub("", text).replace("&", " and ")).split()
    return _join_initials(tokens)


def _join_initials(tokens: list[str]) -> list[str]:
    """Runs of one-letter words joined into one word ("s a" -> "sa")."""
    if min(map(len, tokens), default=2) > 1:
        return tokens
    joined: list[str] = []
    run = ""
    for token in tokens:
        if len(token) == 1 and token.isalpha():
            run += token
            continue
        if run:
            joined.append(run)
            run = ""
        joined.append(token)
    if run:
        joined.append(run)
    return joined


def strip_legal_forms(tokens: list[str]) -> list[str]:
    """The tokens without legal-form sequences; the tokens unchanged if nothing would remain."""
    if _FIRST_WORDS.isdisjoint(tokens):
        return tokens
    kept: list[str] = []
    i = 0
    while i < len(tokens):
        for form in _FORMS_BY_FIRST.get(tokens[i], ()):
            if tuple(tokens[i : i + len(form)]) == form:
                i += len(form)
                break
        else:
            kept.append(tokens[i])
            i += 1
    return kept or tokens


class NormalName(NamedTuple):  # a tuple: built tens of thousands of times per index
    """A name's normal forms: `key` keeps word order, `sorted_key` ignores it."""

    tokens: tuple[str, ...]
    key: str
    sorted_key: str
    compact: str  # no spaces at all: catches "Hik Vision" against "HIKVISION"


@lru_cache(maxsize=200_000)
def normalise(name: str) -> NormalName:
    """The normal forms of one name (cached: lists and batches repeat names often)."""
    parts = strip_legal_forms(words(name))
    while (joined := _join_initials(parts)) != parts:  # a form struck out may leave letters side by side
        parts = strip_legal_forms(joined)
    tokens = tuple(parts)
    key = " ".join(tokens)
    return NormalName(tokens, key, " ".join(sorted(tokens)), key.replace(" ", ""))


def key(name: str) -> str:
    """The word-order-keeping normal key of a name."""
    return normalise(name).key
