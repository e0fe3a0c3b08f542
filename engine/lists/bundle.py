"""Build the bundled default lists (`engine/data/lists/`) from the shared snapshots, with provenance.

A maintainer's tool, run as `python -m writ.lists.bundle ../shared/data`: it copies each
file below xz-compressed, records the sha256 of the uncompressed bytes, counts the
entries by importing the set (a set that does not import is not bundled), and writes
`manifest.json` and `PROVENANCE.md`. The origins are those of `../shared/data/SOURCES.md`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any
import lzma
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "lists"
GOV = "public domain (U.S. Government work)"
MIT = "MIT licence, Copyright (c) 2026 seelpeed-debug (github.com/seelpeed-debug/export-controls-agent-mcp); compiled from U.S. Government data"

# name -> list, format, as-of, shared folder, files, origin (repository, path, commit), licence
SETS = {
    "sdn-2024-05-03": ("SDN", "ofac_csv", "2024-05-03", "jackdwyer-sdn/2024-05-03", ["sdn.csv"],
                       ("jackdwyer/specially-designated-nationals-list", "sdn.csv", "a5ec3c5ee4aae1b36ba24897a051787ea5429d30"), GOV),
    "sdn-2021-07-07": ("SDN", "ofac_csv", "2021-07-07", "watchman/ofac-sdn-2021-07", ["sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"],
                       ("moov-io/watchman", "test/testdata/bench/*.csv", "05de774492342c15b4fda08c836e1e0b1781b38e"), GOV),
    "sdn-2018-12-19": ("SDN", "ofac_csv", "2018-12-19", "watchman/ofac-sdn-2018-12", ["sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"],
                       ("moov-io/watchman", "test/testdata/*.csv", "f5ec13d066122cf57a4eb5e5f502c4e194c61e1d"), GOV),
    "nonsdn-2025-12-19": ("NONSDN", "ofac_csv", "2025-12-19", "watchman/ofac-nonsdn-2025-12",
                          ["cons_prim.csv", "cons_add.csv", "cons_alt.csv", "cons_comments.csv"],
                          ("moov-io/watchman", "test/testdata/cons_*.csv", "fca231b099c4b4d5022d03f4d36cdc4cae0f329c"), GOV),
    "nonsdn-xml-2020-03-17": ("NONSDN", "ofac_xml", "2020-03-17", "urban-fortnight", ["cons_advanced.xml"],
                              ("radwo/urban-fortnight", "cons_advanced.xml", "273c12d4e6e14489d3cb8d38db7580b422c55f0c"), GOV),
    "csl-2026-07-31": ("CSL", "csl_json", "2026-07-31", "export-controls-mcp", ["screening-list.json"],
                       ("seelpeed-debug/export-controls-agent-mcp", "src/data/screening-list.json", "5847b092f2a44117b2e18d06a8c6aa3e16106250"), MIT),
    "dpl-2023-11-28": ("DPL", "dpl", "2023-11-28", "watchman/bis-dpl-2023-11", ["dpl.txt"],
                       ("moov-io/watchman", "test/testdata/dpl.txt", "c815c5995ebd1f956027e62efbfb6f020f6425ad"), GOV),
    "ccl-2026-07-23": ("CCL", "ccl", "2026-07-23", "export-controls-mcp", ["ccl.json"],
                       ("seelpeed-debug/export-controls-agent-mcp", "src/data/ccl.json", "5847b092f2a44117b2e18d06a8c6aa3e16106250"), MIT),
}


def build(shared: Path, out: Path = DATA) -> dict:
    from .catalog import import_set

    out.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, Any] = {"format": 1, "sets": []}
    for name, (lst, fmt, as_of, folder, files, (repo, path, commit), licence) in SETS.items():
        entry_files = []
        (out / name).mkdir(exist_ok=True)
        for f in files:
            raw = (shared / folder / f).read_bytes()
            (out / name / f"{f}.xz").write_bytes(lzma.compress(raw, preset=9 | lzma.PRESET_EXTREME))
            entry_files.append({"name": f, "file": f"{name}/{f}.xz", "sha256": hashlib.sha256(raw).hexdigest(), "bytes": len(raw)})
        count = import_set(fmt, [shared / folder / f for f in files], dt.date.fromisoformat(as_of)).count
        manifest["sets"].append({"name": name, "list": lst, "format": fmt, "as_of": as_of, "entries": count, "files": entry_files,
                                 "source": {"repository": repo, "path": path, "commit": commit}, "licence": licence})
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    (out / "PROVENANCE.md").write_text(provenance(manifest))
    return manifest


def provenance(manifest: dict) -> str:
    lines = ["# Bundled lists: where each file came from", "",
             "Every file here is an xz-compressed, byte-for-byte copy of a file committed to a public GitHub repository,",
             "taken from the snapshots described in `../shared/data/SOURCES.md`. `manifest.json` holds the same facts for",
             "programs; the sha256 is of the uncompressed bytes and is checked each time a set is loaded.", "",
             "| set | list | as of | entries | files | source (repository, path, commit) | licence |", "|---|---|---|---|---|---|---|"]
    for s in manifest["sets"]:
        src = s["source"]
        files = ", ".join(f"`{f['name']}` ({f['bytes']:,} B, sha256 `{f['sha256'][:12]}…`)" for f in s["files"])
        lines.append(f"| {s['name']} | {s['list']} | {s['as_of']} | {s['entries']:,} | {files} | {src['repository']}, `{src['path']}`, {src['commit'][:12]} | {s['licence']} |")
    lines += ["", "Licences:", "",
              "- The OFAC, BIS and trade.gov lists are works of the U.S. Government and in the public domain.",
              "- `screening-list.json` and `ccl.json` are compilations by seelpeed-debug/export-controls-agent-mcp, under the MIT",
              "  licence: \"Copyright (c) 2026 seelpeed-debug. Permission is hereby granted, free of charge, to any person obtaining a",
              "  copy of this software and associated documentation files ... The above copyright notice and this permission notice",
              "  shall be included in all copies or substantial portions of the Software.\" (full text in that repository's LICENSE)", "",
              "Caveats: the 2018 SDN set was normalised by the watchman authors (LF, no 0x1A); `screening-list.json` drops addresses,",
              "start dates, remarks and ids; `cons_advanced.xml` is the non-SDN advanced XML of 2020-03-17, not SDN_ADVANCED.XML.", ""]
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover - a maintainer's command
    print(json.dumps(build(Path(sys.argv[1])), indent=1)[:2000])
