#!/usr/bin/env python3
"""Say where a fuzzing run is still finding coverage: ogi's own code, or its dependencies.

libFuzzer's edge count keeps creeping up long after the report grammar is covered, because
html5ever's tree builder and encoding_rs's tables are large state machines of their own. To judge
whether *our* code has stopped yielding, run the fuzzer with ASLR off and new PCs printed, with
each line time-stamped, then count the PCs found after a given time by source file:

    setarch -R ./target/x86_64-unknown-linux-gnu/release/parse_bytes -print_pcs=1 \\
        -max_len=4096 -dict=/tmp/ogi.dict corpus/parse_bytes 2>&1 \\
        | perl -pe 'BEGIN { $| = 1 } print time, " "' > run.log
    python3 new_pcs.py ./target/x86_64-unknown-linux-gnu/release/parse_bytes run.log --after 1800

A PC is counted as ogi's when any of its (inlined) frames is in `crates/ogi-*`; otherwise by the
crate of its innermost frame. Needs `llvm-symbolizer` on the PATH.

New PCs overstate new coverage: a helper inlined in many places (`Decimal::normalized`,
`cn_digit_value`) has a copy of its PCs in each caller, and a new caller reaching an old line is a
new PC. `--lines` counts source lines instead: those of ogi's code first reached after `--after`,
that neither the run before nor the corpus it started from reached. `baseline.sh` writes the PCs
of that corpus (before the run grows it):

    ./baseline.sh ./target/x86_64-unknown-linux-gnu/release/parse_bytes corpus/parse_bytes base.log
    python3 new_pcs.py ./target/x86_64-unknown-linux-gnu/release/parse_bytes run.log \\
        --after 1800 --lines base.log
"""

import argparse
import collections
import json
import re
import subprocess
from typing import Any

PIE_BASE = 0x555555554000  # where Linux loads a PIE executable when ASLR is off (setarch -R)
NEW_PC = re.compile(r"NEW_PC: (0x[0-9a-f]+)")
CRATE = re.compile(r"registry/src/[^/]+/([^/]+)/")


def timed_pcs(log: str) -> tuple[int, list[tuple[int, int]]]:
    """When the corpus was loaded (INITED), and `(time, PC)` of every PC the run covered after it,
    times in seconds since the epoch as the log stamps them.

    A log with no INITED line counts from its first time-stamped PC."""
    pcs: list[tuple[int, int]] = []
    start = None
    with open(log, errors="replace") as f:
        for line in f:
            stamp, _, rest = line.partition(" ")
            if not stamp.isdigit():
                continue
            if start is None and "INITED" in rest:
                start = int(stamp)
            m = NEW_PC.search(rest)
            if m:
                pcs.append((int(stamp), int(m.group(1), 16) - PIE_BASE))
    if start is None:
        start = pcs[0][0] if pcs else 0
    return start, [(t, pc) for t, pc in pcs if t >= start]


def runs_pcs(logs: list[str]) -> list[tuple[int, int]]:
    """`(seconds after the first run's INITED, PC)` of the PCs of one or more runs.

    Runs on one corpus folder at once (each reloads what the others add) are read as one run
    that started with the first of them."""
    read = [timed_pcs(log) for log in logs]
    start = min((s for s, _ in read), default=0)
    return sorted((t - start, pc) for _, pcs in read for t, pc in pcs)


def symbolize(binary: str, pcs: list[int]) -> list[list[dict[str, Any]]]:
    """The (inlined) frames of each PC, innermost first."""
    out = subprocess.run(
        ["llvm-symbolizer", f"--obj={binary}", "--output-style=JSON"],
        input="\n".join(hex(pc) for pc in pcs),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [json.loads(line).get("Symbol", []) for line in out.splitlines()]


def ogi_frame(frames: list[dict[str, Any]]) -> tuple[str, dict[str, Any]] | None:
    """The innermost frame in ogi's code, with its path from `crates/`, if any."""
    for frame in frames:
        path = frame.get("FileName", "")
        if "/crates/ogi-" in path:
            return path.split("/crates/", 1)[1], frame
    return None


def ogi_lines(symbols: list[list[dict[str, Any]]]) -> set[str]:
    """`crate/src/file.rs:line` of each symbolized PC in ogi's code."""
    return {
        f"{found[0]}:{found[1].get('Line')}" for frames in symbols if (found := ogi_frame(frames))
    }


def owner(frames: list[dict[str, Any]]) -> tuple[str, str | None]:
    """The code a PC belongs to, and for ogi's code the line it is on."""
    if found := ogi_frame(frames):
        path, frame = found
        return "ogi:" + path, f"{frame.get('Line')} {frame.get('FunctionName', '')[:50]}"
    if not frames:
        return "?", None
    path = frames[0].get("FileName", "")
    m = CRATE.search(path)
    return (m.group(1) if m else "std" if "/rustc/" in path else path or "?"), None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("binary")
    ap.add_argument(
        "log",
        nargs="+",
        help="the log of a run; several runs on one corpus folder at once are read as one",
    )
    ap.add_argument(
        "--after", type=int, default=0, help="seconds after (the first) INITED (default 0)"
    )
    ap.add_argument(
        "--lines",
        metavar="BASELINE_LOG",
        help="also count the source lines of ogi's code first reached after --after: not "
        "reached by the run before, nor by the corpus it started from, whose PCs BASELINE_LOG "
        "lists (see the module documentation)",
    )
    args = ap.parse_args()

    run = runs_pcs(args.log)
    pcs = [pc for t, pc in run if t >= args.after]
    counts: collections.Counter[str] = collections.Counter()
    where: dict[str, list[str]] = collections.defaultdict(list)
    symbols = symbolize(args.binary, pcs)
    for frames in symbols:
        key, at = owner(frames)
        counts[key] += 1
        if at:
            where[key].append(at)
    ours = sum(n for k, n in counts.items() if k.startswith("ogi:"))
    print(f"{len(pcs)} new PCs after {args.after} s, {ours} in ogi's code")
    for key, n in counts.most_common():
        print(f"{n:6} {key}  {'; '.join(sorted(set(where[key]))[:4])}")
    if args.lines:
        before = [pc for t, pc in run if t < args.after]
        before += [pc for _, pc in timed_pcs(args.lines)[1]]
        new = sorted(ogi_lines(symbols) - ogi_lines(symbolize(args.binary, before)))
        print(f"{len(new)} lines of ogi's code first reached after {args.after} s")
        for line in new:
            print(f"    {line}")


if __name__ == "__main__":
    main()
