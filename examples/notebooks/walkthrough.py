"""A walkthrough of ogi in a notebook, as a plain script: ``python examples/notebooks/walkthrough.py [FOLDER...]``.

Reads every report under FOLDER (by default the real reports bundled with the tests), builds the
agency × year panel, looks at the checks that fail, explains one number, and saves a plot of how
information requests were answered, year by year, to ``requests_by_outcome.png`` in the current
folder. Needs the ``notebook`` extra: ``pip install 'ogi[notebook]'`` (pandas, matplotlib, tqdm).
Each ``# %%`` cell runs as is in Jupyter or VS Code.
"""

# %%
from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # Write files; in a notebook, drop this line to see the figure inline.
import matplotlib.pyplot as plt
import pandas as pd

import ogi

HERE = Path(__file__).resolve().parent
BUNDLED = HERE.parents[1] / "crates" / "ogi-core" / "tests" / "fixtures"
# The bundled real reports (the `inputs` folder holds re-encoded copies of them, left out here).
folders = [Path(a) for a in sys.argv[1:]] or [BUNDLED / d for d in ("seeds", "corpus", "unlabeled")]

# %% Read every report in the folder, in parallel, with a progress bar.
reports = ogi.read_reports(folders)
print(reports)
for failure in reports.errors:
    print("not read:", failure.path, failure)

# %% The panel: one row per report, meta then one column per table.row.column key. A body is
# one `agency_key` across years and spellings (洪泽区人民政府 in 2023, 淮安市洪泽区人民政府 in
# 2024), with its tier and, where its name places it, its GB/T 2260 division code. Reports of
# one agency and year read twice (the same page saved as HTML and as text) are named in a
# warning; keep one of each for the panel.
later_copies: set[str | None] = set()
for (agency, year), twice in reports.duplicates().items():
    print("read twice:", agency, year, [Path(r.source or "").name for r in twice])
    later_copies |= {r.source for r in twice[1:]}
panel = reports.to_pandas()
panel = panel[~panel["source"].isin(later_copies)]
print(panel.shape)
columns = ["agency_key", "agency_level", "division_code", "year", "format", "requests.new_received.total"]
print(panel[columns].sort_values(["agency_key", "year"]).to_string())

# %% One agency across its years: every report of the Pingtan zone, whatever its title says.
pingtan = reports.filter(agency="平潭综合实验区管委会")
print(pingtan, sorted(r.meta["year"]["value"] for r in pingtan))

# %% Which published tables do not add up?
failing = reports.checks(failing=True)
print(failing[["source", "id", "identity_label_en", "lhs", "rhs", "soft", "hint"]].to_string())

# %% Where did a number come from?
first = next(r for r in reports if any(c["table"] == "requests" for c in r.cells()))
print(first.explain("requests.new_received.total"))

# %% How were requests answered, year by year? (2019 and 2021 templates; the pre-2019 统计表
# counts replies under other headings and is left out rather than mapped loosely.)
vocab = ogi.vocabulary()["requests"]
groups: dict[str, str] = vocab["groups"]
outcomes: list[str] = vocab["outcomes"]
CATEGORY = {
    "granted": ("予以公开", "granted"),
    "partially_granted": ("部分公开", "partly granted"),
    "denied": ("不予公开", "denied"),
    "unable": ("无法提供", "cannot provide"),
    "rejected": ("不予处理", "not processed"),
    "other_handling": ("其他处理", "other"),
}
# Chinese labels only where a font can draw them.
CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Zen Hei", "SimHei", "Microsoft YaHei")
installed = {f.name for f in matplotlib.font_manager.fontManager.ttflist}
cjk = next((f for f in CJK_FONTS if f in installed), None)
if cjk:
    plt.rcParams["font.sans-serif"] = [cjk, *plt.rcParams["font.sans-serif"]]
LABEL = {k: f"{zh} {en}" if cjk else en for k, (zh, en) in CATEGORY.items()}


def category(row: str) -> str:
    if row in ("granted", "partially_granted"):
        return LABEL[row]
    return LABEL.get(groups.get(row, "other_handling"), LABEL["other_handling"])


# The long frame: one row per value, each with its report's agency key and year. Only the
# reports kept in the panel (one per agency and year).
long = reports.to_pandas("long")
long = long[long["source"].isin(panel["source"])]
cells = long[(long["table"] == "requests") & (long["column"] == "total") & long["row"].isin(outcomes)]
cells = cells.assign(category=cells["row"].map(category))
by_year = cells.pivot_table(index="year", columns="category", values="value", aggfunc="sum").fillna(0)
by_year = by_year[[c for c in LABEL.values() if c in by_year.columns]]
share = by_year.div(by_year.sum(axis=1), axis=0) * 100
counts = cells.groupby("year")["source"].nunique()

fig, ax = plt.subplots(figsize=(9, 4.5))
share.plot.bar(stacked=True, ax=ax, width=0.75, colormap="tab20c")
ax.set_ylabel("% of requests handled")
ax.set_xlabel("")
ax.set_xticklabels([f"{y}\n{counts[y]} reports" for y in share.index], rotation=0)
ax.set_title("How information requests were answered (ogi, reports read from their text)")
ax.legend(bbox_to_anchor=(1.01, 1), loc="upper left", fontsize=8, frameon=False)
fig.tight_layout()
out = Path.cwd() / "requests_by_outcome.png"
fig.savefig(out, dpi=120)
print("saved", out)
pd.set_option("display.width", 120)
print(by_year.astype(int).to_string())
