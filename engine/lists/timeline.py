"""A listing's status on a date, from the snapshots of one list and the dates their records give.

Evidence, strongest first: a snapshot of date D speaks for D (present: listed on D; absent
from a complete snapshot: not listed on D, the only source of "not listed"); the record's own start date (the CSL's
`start_date`, the XML's designation event, the DPL's effective date); the effective date
of the Federal Register rule that added it (`fr_dates`; the first rule the record cites);
then the first and last snapshots that show it. What the evidence does not settle is
`undetermined`, and the status names what would settle it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .fr_dates import rule_for
from .records import ListEntry, Snapshot

LISTED, NOT_LISTED, UNDETERMINED = "listed", "not listed", "undetermined"


@dataclass(frozen=True)
class Status:
    state: str  # listed | not listed | undetermined
    on: dt.date
    reason: str
    would_decide: str | None = None  # for undetermined: the fact that would settle it


@dataclass(frozen=True)
class History:
    """What the snapshots say of one entry of one list."""

    list: str
    key: str
    name: str | None
    start: dt.date | None  # the listing's effective date, where known
    start_basis: str | None  # "the record's start date", "84 FR 54002 (effective 2019-10-09)"
    pending_rule: str | None  # the adding rule, if its effective date is not known
    seen: tuple[dt.date, ...]  # snapshot dates where the entry is present
    absent: tuple[dt.date, ...]  # snapshot dates where it is not
    settled: dt.date | None = None  # from this date every rule the record cites was in effect
    cited: tuple[str, ...] = ()  # the rules the record cites, when more than one may have added it


def start_of(entry: ListEntry) -> tuple[dt.date | None, str | None, str | None]:
    """(start date, its basis, the adding rule when only its publication is known)."""
    if entry.start_date is not None:
        return entry.start_date, "the record's start date", None
    cits = sorted(entry.federal_register, key=lambda c: tuple(int(x) for x in c.split()[::2]))
    if not cits:
        return None, None, None
    rule = rule_for(cits[0])  # the first rule a record cites is the one that added it
    if rule is None:
        return None, None, cits[0]
    if rule.effective is None:
        return None, None, f"{rule.citation} (published {rule.published.isoformat()})"
    return rule.effective, f"{rule.citation} (effective {rule.effective.isoformat()})", None


class Timeline:
    """The snapshots of one list, oldest first; every snapshot is taken to be complete.

    `list_code` picks one list out of snapshots that hold several (the CSL holds EL, DPL, ...).
    """

    def __init__(self, snapshots: list[Snapshot], list_code: str | None = None):
        self.snapshots = sorted(snapshots, key=lambda s: s.as_of)
        self.list = list_code or (self.snapshots[0].list if self.snapshots else "?")
        self._keys = [{e.entry_id: e for e in s.entries if list_code is None or e.list == list_code} for s in self.snapshots]

    def find(self, name: str) -> list[str]:
        """The keys of entries with this name or alias (case-insensitive), in any snapshot."""
        n = name.casefold()
        return sorted({k for keys in self._keys for k, e in keys.items() if any(x.casefold() == n for x in e.all_names())})

    def history(self, key: str) -> History:
        entries = [(s.as_of, k.get(key)) for s, k in zip(self.snapshots, self._keys)]
        seen = tuple(d for d, e in entries if e is not None)
        absent = tuple(d for d, e in entries if e is None)
        latest = next((e for _, e in reversed(entries) if e is not None), None)
        start, basis, pending = start_of(latest) if latest else (None, None, None)
        settled, cited = start, tuple[str, ...]()
        if latest is not None and latest.start_date is None and start is not None and len(latest.federal_register) > 1:
            # a record cites the rule that added it and every later amendment, in no reliable order
            # (records of entries added in June 2020 cite the October 2019 rule first): the entry
            # did not exist before the earliest of them, and surely existed once all were in effect
            rules = [rule_for(c) for c in latest.federal_register]
            known = [r.effective for r in rules if r is not None and r.effective is not None]
            settled = max(known) if len(known) == len(rules) else None
            cited = tuple(latest.federal_register)
        return History(self.list, key, latest.name if latest else None, start, basis, pending, seen, absent, settled, cited)

    def status(self, key: str, on: dt.date) -> Status:
        h = self.history(key)
        if on in h.seen:
            return Status(LISTED, on, f"present in the snapshot of {on.isoformat()}")
        if on in h.absent:
            return Status(NOT_LISTED, on, f"absent from the snapshot of {on.isoformat()}")
        before = [d for d in h.seen if d < on]
        after = [d for d in h.seen if d > on]
        gone = [d for d in h.absent if d > max(h.seen, default=dt.date.min)]
        if not h.seen:
            return Status(UNDETERMINED, on, "no snapshot shows this entry", f"a snapshot of the list on {on.isoformat()}")
        if h.start is not None and on < h.start:
            # the record's own start date, or the effective date of the earliest rule the record
            # cites (the rule that added the entry is among them): before it the entry did not exist
            return Status(NOT_LISTED, on, f"before the listing took effect ({h.start_basis})" if not h.cited else
                          f"before any rule its record cites took effect ({h.start_basis})")
        absent_between = [d for d in h.absent if before and after and before[-1] < d < after[0]]
        if before and after and not absent_between:
            return Status(LISTED, on, f"present in the snapshots of {before[-1].isoformat()} and {after[0].isoformat()}, absent from none between")
        if h.start is not None and after and not [d for d in h.absent if h.start <= d < after[0]]:
            if h.cited and (h.settled is None or on < h.settled):
                rules = "; ".join(h.cited)
                return Status(UNDETERMINED, on, f"its record cites {rules}, and which of them added it is not known",
                              f"which of the rules its record cites ({rules}) added it: the listing's effective date")
            return Status(LISTED, on, f"in effect from {h.start_basis} and present in the snapshot of {after[0].isoformat()}"
                          if not h.cited else f"every rule its record cites ({'; '.join(h.cited)}) was in effect by "
                          f"{h.settled}, and it is present in the snapshot of {after[0].isoformat()}")
        if before and gone and on >= gone[0]:
            return Status(NOT_LISTED, on, f"absent from the snapshot of {gone[0].isoformat()} after it was last seen on {before[-1].isoformat()}")
        if before and gone:
            return Status(UNDETERMINED, on, f"last seen on {before[-1].isoformat()}, gone by {gone[0].isoformat()}",
                          f"the effective date of its removal, between {before[-1].isoformat()} and {gone[0].isoformat()}")
        if before:
            return Status(UNDETERMINED, on, f"last seen in the snapshot of {before[-1].isoformat()}",
                          f"a snapshot of the list on or after {on.isoformat()}")
        what = f"the effective date of {h.pending_rule}" if h.pending_rule else "the listing's effective date"
        return Status(UNDETERMINED, on, f"first seen in the snapshot of {after[0].isoformat()}; no earlier evidence", what)
