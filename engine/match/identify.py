"""Whether a query's identifying details rule a candidate out or confirm it.

One job: compare what a query says about a party (type, year of birth, nationality or
country, identity document numbers, list entry number) with what a list entry says, and
give each finding as an English sentence the caller can quote ("born 1971; the listed
'KADYROV, Ramzan Akhmatovich' was born 1976").

Rules, each only when both sides state the detail:
- a person is not an entity or a vessel (and the other ways round);
- a year of birth outside every listed year rules out; "circa 1960" is taken as 1958-1962
  and "1960 to 1962" as each year in it, because OFAC writes approximate dates that way;
- a nationality (persons) or a country (entities, vessels: address countries and flag) that
  is none of the listed ones rules out;
- an identity number equal to a listed one, or the list's own entry number, confirms.
  A different passport number does not rule out: people hold several.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lists.records import ListEntry
from .normalise import fold

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_RANGE = re.compile(r"\bto\b|\d\s*[-–]\s*\d")
CIRCA_YEARS = 2
# Identifier kinds that are not identity numbers (a date, a place, a gender, a web address,
# a sanctions note): equal values there confirm nothing.
_NOT_NUMBERS = ("dob", "pob", "date", "nationality", "citizen", "gender", "title", "website", "email",
                "executive order", "model", "caatsa", "sanctions", "information", "risk")
_COUNTRY_KINDS = {"nationality", "citizen", "citizenship"}

# ISO 3166 alpha-2 codes for the country names and demonyms the US lists write (SDN
# "nationality Korea, North"), so "RU", "Russia" and "Russian Federation" compare equal.
_COUNTRIES = {
    "AF": "afghanistan|afghan", "AL": "albania", "DZ": "algeria", "AO": "angola",
    "AR": "argentina", "AM": "armenia", "AU": "australia", "AT": "austria",
    "AZ": "azerbaijan", "BH": "bahrain", "BD": "bangladesh", "BY": "belarus|belarusian",
    "BE": "belgium", "BA": "bosnia and herzegovina", "BR": "brazil", "BG": "bulgaria",
    "BF": "burkina faso", "MM": "burma|myanmar", "KH": "cambodia", "CM": "cameroon",
    "CA": "canada", "CV": "cabo verde|cape verde", "CF": "central african republic",
    "TD": "chad", "CN": "china|chinese|people s republic of china|prc", "CO": "colombia",
    "CD": "congo democratic republic of the|democratic republic of the congo",
    "CR": "costa rica", "CU": "cuba|cuban", "CY": "cyprus", "CZ": "czech republic|czechia",
    "DJ": "djibouti", "DO": "dominican republic", "EC": "ecuador", "EG": "egypt",
    "SV": "el salvador", "GQ": "equatorial guinea", "ER": "eritrea", "EE": "estonia",
    "ET": "ethiopia", "FI": "finland", "FR": "france|french", "GM": "gambia|the gambia",
    "GE": "georgia", "DE": "germany|german", "GH": "ghana", "GR": "greece",
    "GT": "guatemala", "GN": "guinea", "GW": "guinea bissau", "HT": "haiti",
    "HN": "honduras", "HK": "hong kong", "HU": "hungary", "IN": "india|indian",
    "ID": "indonesia", "IR": "iran|iranian|iran islamic republic of", "IQ": "iraq|iraqi",
    "IE": "ireland", "IL": "israel", "IT": "italy", "JO": "jordan", "KE": "kenya",
    "KP": "korea north|north korea|democratic people s republic of korea",
    "KR": "korea south|south korea|republic of korea", "XK": "kosovo", "KW": "kuwait",
    "KG": "kyrgyzstan", "LV": "latvia", "LB": "lebanon|lebanese", "LR": "liberia",
    "LY": "libya", "LI": "liechtenstein", "MY": "malaysia", "MV": "maldives", "ML": "mali",
    "MT": "malta", "MR": "mauritania", "MX": "mexico|mexican", "MD": "moldova",
    "ME": "montenegro", "MA": "morocco", "MZ": "mozambique", "NL": "netherlands",
    "NZ": "new zealand", "NI": "nicaragua", "NE": "niger", "NG": "nigeria",
    "MK": "north macedonia the republic of|north macedonia", "NO": "norway", "OM": "oman",
    "PK": "pakistan", "PS": "palestinian|palestine", "PA": "panama", "PY": "paraguay",
    "PH": "philippines", "PL": "poland", "QA": "qatar", "RO": "romania",
    "RU": "russia|russian|russian federation", "RW": "rwanda",
    "KN": "saint kitts and nevis", "SA": "saudi arabia", "RS": "serbia", "SL": "sierra leone",
    "SG": "singapore", "SK": "slovakia", "SI": "slovenia", "SO": "somalia",
    "ZA": "south africa", "SS": "south sudan", "ES": "spain", "LK": "sri lanka",
    "SD": "sudan", "SE": "sweden", "CH": "switzerland", "SY": "syria|syrian", "TW": "taiwan",
    "TZ": "tanzania", "TH": "thailand", "TT": "trinidad and tobago", "TN": "tunisia",
    "TR": "turkey|turkiye", "TM": "turkmenistan", "UG": "uganda", "UA": "ukraine|ukrainian",
    "AE": "united arab emirates|uae", "GB": "united kingdom|uk|great britain|british",
    "US": "united states|usa|united states of america|american", "UZ": "uzbekistan",
    "VE": "venezuela", "VN": "vietnam|viet nam", "YE": "yemen", "ZW": "zimbabwe",
}
_COUNTRY_CODE = {name: code for code, names in _COUNTRIES.items() for name in names.split("|")}


def country(text: str) -> str:
    """An ISO alpha-2 code for a country name, demonym or code; the folded text if unknown."""
    words = " ".join(re.sub(r"[^\w]+", " ", fold(text)).split())
    if len(words) == 2 and words.upper() in _COUNTRIES:
        return words.upper()
    return _COUNTRY_CODE.get(words, words)


def birth_years(entry: ListEntry) -> set[int]:
    """Every year of birth the entry allows."""
    texts = list(entry.dates_of_birth) + [i.value for i in entry.identifiers if i.kind.lower() == "dob"]
    years: set[int] = set()
    for text in texts:
        found = [int(y) for y in _YEAR.findall(text)]
        if len(found) > 1 and _RANGE.search(text):  # "01 Jan 1967 to 31 Dec 1969"
            years.update(range(min(found), max(found) + 1))
        for year in found:
            spread = CIRCA_YEARS if re.search(r"\b(circa|c\.|approx)", text, re.I) else 0
            years.update(range(year - spread, year + spread + 1))
    return years


def entry_countries(entry: ListEntry) -> set[str]:
    """Nationalities of a person; address countries and flag of an entity or vessel."""
    if entry.type == "individual":
        texts = list(entry.nationalities)
        texts += [i.value for i in entry.identifiers if i.kind.lower() in _COUNTRY_KINDS]
    else:
        texts = list(entry.countries) + [a.country for a in entry.addresses if a.country]
        texts += [v for k, v in entry.extra.items() if k in ("vessel_flag", "Vess_flag")]
    return {country(t) for t in texts if t and t.strip()}


def id_keys(value: str) -> set[str]:
    """An identity number without spaces, dashes or case ("AB 12-345" is "ab12345"), and its
    digits alone when there are six or more ("IMO 9187629" is "9187629")."""
    key = re.sub(r"[^0-9a-z]", "", fold(value))
    digits = re.sub(r"\D", "", key)
    return {k for k in (key, digits if len(digits) >= 6 else "") if k}


@dataclass(frozen=True, slots=True)
class Query:
    """A name to screen and whatever else is known of the party."""

    name: str
    type: str | None = None  # individual | entity | vessel | aircraft
    birth: str | None = None  # a date or a year: "1976-10-05", "5 Oct 1976", "1976"
    nationality: str | None = None  # a person's nationality, or an entity's country
    ids: tuple[str, ...] = ()  # passport, national ID, registration, IMO numbers
    entry_id: str | None = None  # a list entry number the caller already has
    entry_list: str | None = None  # the list that number is of (SDN), when known: another of it is not the party
    nationalities: tuple[str, ...] = ()  # more nationalities (a dual national), beside `nationality`

    @property
    def birth_year(self) -> int | None:
        found = _YEAR.search(self.birth or "")
        return int(found.group(1)) if found else None


_KINDS = {"individual": "a person", "entity": "an entity", "vessel": "a vessel", "aircraft": "an aircraft"}
_TYPE_WORDS = {"person": "individual", "company": "entity", "organization": "entity", "organisation": "entity", "ship": "vessel"}


_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_DAY_MONTH_YEAR = re.compile(r"^(?:(\d{1,2}) )?([A-Za-z]{3})[a-z]* (\d{4})$")


def _listed_date(text: str) -> tuple[int, int, int | None] | None:
    """A listed date of birth as (year, month, day or None), when it is one date to the day or
    month ("05 Oct 1976", "Oct 1966", "1976-10-05"); None for a year, a range or "circa"."""
    text = text.strip()
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if iso:
        return int(iso.group(1)), int(iso.group(2)), int(iso.group(3))
    m = _DAY_MONTH_YEAR.match(text)
    if m and m.group(2).lower() in _MONTHS:
        return int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)) if m.group(1) else None
    return None


def _birth_agrees(query: Query, entry: ListEntry, listed: str) -> tuple[str | None, str | None, str | None]:
    """(agrees, doubt, conflict) of a date of birth given to the day with the listed ones: another
    year rules out (in `compare`); the same year but another day or month only lowers an exact
    match to a possible one (a slip in either record), unless a number confirms it."""
    given = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", (query.birth or "").strip())
    texts = list(entry.dates_of_birth) + [i.value for i in entry.identifiers if i.kind.lower() == "dob"]
    dated = [d for d in map(_listed_date, texts) if d is not None]
    if not given or not dated or len(dated) < len(texts):  # a year, a range or "circa" among them: years decide
        return None, None, None
    y, m, d = (int(g) for g in given.groups())
    if any(ly == y and lm == m and ld in (None, d) for ly, lm, ld in dated):
        return f"the date of birth {query.birth} agrees with the listed {', '.join(texts)}", None, None
    if any(ly == y for ly, _, _ in dated):
        return None, f"born {query.birth}; the listed '{listed}' was born {', '.join(texts)} (the same year, not the same day)", None
    return None, None, None


def compare(query: Query, entry: ListEntry, listed: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(what confirms the candidate, what rules it out), each an English sentence."""
    found = weigh(query, entry, listed)
    return found.confirms, found.conflicts


@dataclass(frozen=True, slots=True)
class Weighing:
    """What a query's details say of one candidate, each an English sentence naming the detail."""

    confirms: tuple[str, ...] = ()  # a number or entry number that equals the entry's
    conflicts: tuple[str, ...] = ()  # a detail that rules the candidate out
    doubts: tuple[str, ...] = ()  # a detail that lowers an exact name match to a possible one
    agrees: tuple[str, ...] = ()  # details that agree without confirming (a date of birth, a nationality)


def weigh(query: Query, entry: ListEntry, listed: str) -> Weighing:
    """Weigh the query's identifying details against one list entry."""
    confirms: list[str] = []
    conflicts: list[str] = []
    agrees: list[str] = []
    doubts: list[str] = []
    given_entry = (query.entry_id or "").strip()
    if given_entry and given_entry == entry.entry_id and query.entry_list in (None, entry.list):
        confirms.append(f"the query gives the list entry number {entry.entry_id}")
    elif given_entry and query.entry_list == entry.list:
        conflicts.append(f"the party is {entry.list} entry {given_entry}; the listed '{listed}' is {entry.list} entry {entry.entry_id}")
    numbers = {
        key: i for i in entry.identifiers if not any(w in i.kind.lower() for w in _NOT_NUMBERS) for key in id_keys(i.value)
    }
    for given in query.ids:
        found = next((numbers[k] for k in id_keys(given) if k in numbers), None)
        if found is not None:
            confirms.append(f"the number {given} equals the listed {found.kind} {found.value}")
    asked = _TYPE_WORDS.get((query.type or "").lower(), (query.type or "").lower())
    if asked in _KINDS and entry.type in _KINDS and asked != entry.type:
        conflicts.append(f"the query is {_KINDS[asked]}; the listed '{listed}' is {_KINDS[entry.type]}")
    year = query.birth_year
    years = birth_years(entry) if year is not None else set()
    if year is not None and years and year not in years:
        listed_years = ", ".join(sorted({t for t in entry.dates_of_birth})) or ", ".join(map(str, sorted(years)))
        conflicts.append(f"born {year}; the listed '{listed}' was born {listed_years}")
    elif year is not None and years:
        agree, doubt, _ = _birth_agrees(query, entry, listed)
        agrees += [agree] if agree else []
        doubts += [doubt] if doubt else []
    stated = [n for n in (query.nationality, *query.nationalities) if n]
    if stated:
        known = entry_countries(entry)
        shared = [n for n in stated if country(n) in known]
        if known and not shared:
            where, said = ", ".join(sorted(known)), " and ".join(stated)
            if entry.type == "individual":
                conflicts.append(f"nationality {said}; the listed '{listed}' is a national of {where}")
            else:
                conflicts.append(f"country {said}; the listed '{listed}' is in {where}")
        elif shared:
            agrees.append(f"the nationality {shared[0]} agrees with the listed entry's")
    return Weighing(tuple(confirms), tuple(conflicts), tuple(doubts), tuple(agrees))
