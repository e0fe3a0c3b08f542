"""Official sanctions and export-control lists, read into typed, dated, sourced records.

- `records`: ListEntry, Alias, Address, Identifier, Source, Snapshot (the contract).
- `ofac_csv`, `ofac_xml`, `csl`, `dpl`: one importer per file format; a malformed file is
  refused whole with E6xx diagnostics naming the file and line (`reading` holds the codes).
- `el_policy`: Entity List License Review Policy / Requirement texts in the statutes' shape.
- `ccl`: the Commerce Control List (ccl.json) with Country Chart columns per reason.
- `fr_dates`, `timeline`: a listing's status on a date, from snapshots and rule dates.
- `catalog`, `bundle`: the bundled default snapshots (data/lists), loaded lazily and cached.
- `law`: which facts of the statutes' predicates a list entry supports about a party on a date.
"""
