#!/usr/bin/env python3
"""Say where a fuzzing run is still finding coverage: ogi's own code, or its dependencies.

libFuzzer's edge count keeps creeping up long after the report grammar is covered, because
html5ever's tree builder and encoding_rs's tables are large state machines of their own. To judge
whether *our* code has stopped yielding, run the fuzzer with ASLR off and new PCs printed, with
each line time-stamped, then count the PCs found after a given time by source file:

    setarch -R ./target/x86_64-unknown-linux-gnu/release/parse_bytes -print_pcs=1 \\
        -max_len=4096 -dict=/tmp/ogi.dict corpus/parse_bytes 2>&1 \\
        | while IFS= read -r l; do echo "$(date +%s) $l"; done > run.log
    python3 new_pcs.py ./target/x86_64-unknown-linux-gnu/release/parse_bytes run.log --after 1800

A PC is counted as ogi's when any of its (inlined) frames is in `crates/ogi-*`; otherwise by the
crate of its innermost frame. Needs `llvm-symbolizer` on the PATH.
"""

import argparse
import collections
import json
import re
import subprocess

PIE_BASE = 0x555555554000  # where Linux loads a PIE executable when ASLR is off (setarch -R)
NEW_PC = re.compile(r"NEW_PC: (0x[0-9a-f]+)")
CRATE = re.compile(r"registry/src/[^/]+/([^/]+)/")


def new_pcs(log: str, after: int) -> list[int]:
    """PCs first covered at least `after` seconds after the corpus was loaded (INITED)."""
    pcs: list[int] = []
    start = None
    with open(log, errors="replace") as f:
        for line in f:
            stamp, _, rest = line.partition(" ")
            if start is None:
                if "INITED" in rest and stamp.isdigit():
                    start = int(stamp)
                continue
            m = NEW_PC.search(rest)
            if m and stamp.isdigit() and int(stamp) - start >= after:
                pcs.append(int(m.group(1), 16) - PIE_BASE)
    return pcs


def owner(frames: list[dict]) -> tuple[str, str | None]:
    """The code a PC belongs to, and for ogi's code the line it is on."""
    for frame in frames:
        path = frame.get("FileName", "")
        if "/crates/ogi-" in path:
            return "ogi:" + path.split("/crates/", 1)[1], f"{frame.get('Line')} {frame.get('FunctionName', '')[:50]}"
    if not frames:
        return "?", None
    path = frames[0].get("FileName", "")
    m = CRATE.search(path)
    return (m.group(1) if m else "std" if "/rustc/" in path else path or "?"), None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("binary")
    ap.add_argument("log")
    ap.add_argument("--after", type=int, default=0, help="seconds after INITED (default 0)")
    args = ap.parse_args()

    pcs = new_pcs(args.log, args.after)
    symbols = subprocess.run(
        ["llvm-symbolizer", f"--obj={args.binary}", "--output-style=JSON"],
        input="\n".join(hex(pc) for pc in pcs),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    counts: collections.Counter[str] = collections.Counter()
    where: dict[str, list[str]] = collections.defaultdict(list)
    for line in symbols.splitlines():
        key, at = owner(json.loads(line).get("Symbol", []))
        counts[key] += 1
        if at:
            where[key].append(at)
    ours = sum(n for k, n in counts.items() if k.startswith("ogi:"))
    print(f"{len(pcs)} new PCs after {args.after} s, {ours} in ogi's code")
    for key, n in counts.most_common():
        print(f"{n:6} {key}  {'; '.join(sorted(set(where[key]))[:4])}")


if __name__ == "__main__":
    main()
