"""The Markdown report of a benchmark run (``benchmarks/RESULTS.md``), from run.py's figures.

Pure functions over the JSON-ready record ``run.py`` builds, so a saved ``results.json`` can be
re-rendered, and so the tables can be tested without measuring anything.
"""

from __future__ import annotations

from typing import Any


def fmt_time(seconds: float | None) -> str:
    """"12 ms", "1.23 s", "95 s"."""
    if seconds is None:
        return "—"
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms"
    if seconds < 10:
        return f"{seconds:.2f} s"
    return f"{seconds:.0f} s"


def cell(row: dict[str, Any]) -> str:
    """The time cell of a row, with its status."""
    status = row["status"]
    if status == "ok":
        return fmt_time(row["median"])
    if status == "cap":
        return f"> {fmt_time(row['cap'])}"
    if status == "n/a":
        return "n/a (not available)"
    if status == "missing":
        return "not installed"
    return "error"


def _find(rows: list[dict[str, Any]], key: str) -> dict[str, Any] | None:
    return next((r for r in rows if r["key"] == key), None)


def ratio_vs_git(row: dict[str, Any], git: dict[str, Any] | None) -> str:
    """How many times git diff's wall time this row takes."""
    if not git or git["status"] != "ok" or row["status"] not in ("ok", "cap"):
        return "—"
    value = row["median"] / git["median"]
    return ("> " if row["status"] == "cap" else "") + times(value)


def speedup_vs_redlines(row: dict[str, Any], red: dict[str, Any] | None) -> str:
    """How many times faster than redlines this row is."""
    if not red or red["status"] not in ("ok", "cap") or row["status"] != "ok":
        return "—"
    if row["key"] == "redlines":
        return "1×"
    value = red["median"] / row["median"]
    if value < 1 and red["status"] == "ok":
        return f"{times(1 / value)} slower"
    return ("> " if red["status"] == "cap" else "") + times(value)


def times(value: float) -> str:
    """A ratio: "3.2×", "44×", "1,940×"."""
    return f"{value:,.0f}×" if value >= 10 else f"{value:.1f}×"


def pair_table(pair: dict[str, Any]) -> list[str]:
    """The Markdown table of one pair."""
    rows = pair["rows"]
    git, red = _find(rows, "git"), _find(rows, "redlines")
    lines = [
        "| Tool | Median wall time | Best | Runs | Peak memory | × git diff time | "
        "Speed-up vs redlines |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        runs = str(len(row["times"])) if row["status"] == "ok" else "1" if row["status"] == \
            "cap" else "—"
        mem = f"{row['peak_mb']:.0f} MB" if row["peak_mb"] else "—"
        name = f"**{row['label']}**" if row["key"].startswith("condiff") else row["label"]
        best = fmt_time(min(row["times"])) if row["status"] == "ok" and row["times"] else "—"
        lines.append(f"| {name} | {cell(row)} | {best} | {runs} | {mem} | "
                     f"{ratio_vs_git(row, git)} | {speedup_vs_redlines(row, red)} |")
    notes = [f"{r['label']}: {r['note']}" for r in rows if r["note"]]
    if notes:
        lines.append("")
        lines.extend(f"- {n}" for n in notes)
    return lines


def _median_of(pairs: list[dict[str, Any]], pair_key: str, row_key: str) -> dict[str, Any] | None:
    pair = next((p for p in pairs if p["key"] == pair_key), None)
    return _find(pair["rows"], row_key) if pair else None


def targets(results: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(target, measured, verdict) for every target of the issues that this run can judge."""
    pairs = results.get("pairs", [])
    out: list[tuple[str, str, str]] = []

    def verdict(ok: bool | None) -> str:
        return "n/a" if ok is None else ("met" if ok else "**missed**")

    def ok_row(pair: str, key: str) -> dict[str, Any] | None:
        row = _median_of(pairs, pair, key)
        return row if row and row["status"] == "ok" else None

    check, git = ok_row("kazakhstan", "condiff-check"), ok_row("kazakhstan", "git")
    red = _median_of(pairs, "kazakhstan", "redlines")
    if check and git:
        r = check["median"] / git["median"]
        out.append(("Kazakhstan: `condiff check` within 10× of `git diff --word-diff`",
                    f"{times(r)} ({fmt_time(check['median'])} vs {fmt_time(git['median'])})",
                    verdict(r <= 10)))
    else:
        out.append(("Kazakhstan: `condiff check` within 10× of `git diff --word-diff`", "—",
                    "n/a"))
    if check and red and red["status"] in ("ok", "cap"):
        r = red["median"] / check["median"]
        out.append(("Kazakhstan: `condiff check` ≥ 3× faster than redlines",
                    f"{speedup_vs_redlines(check, red)} ({fmt_time(check['median'])} vs "
                    f"{cell(red)})",
                    verdict(r >= 3)))
    else:
        out.append(("Kazakhstan: `condiff check` ≥ 3× faster than redlines", "—", "n/a"))
    for key, label in (("condiff-check", "`condiff check`"),
                       ("condiff-diff-json", "`condiff diff --format json`")):
        row = ok_row("kazakhstan", key)
        out.append((f"Kazakhstan: {label} ≤ 0.4 s wall",
                    fmt_time(row["median"]) if row else "—",
                    verdict(row["median"] <= 0.4 if row else None)))
    icheck = ok_row("india", "condiff-check")
    ired = _median_of(pairs, "india", "redlines")
    if icheck and ired and ired["status"] in ("ok", "cap"):
        r = ired["median"] / icheck["median"]
        out.append(("India: `condiff check` ≥ 40× faster than redlines",
                    f"{speedup_vs_redlines(icheck, ired)} ({fmt_time(icheck['median'])} vs "
                    f"{cell(ired)})", verdict(r >= 40)))
    else:
        out.append(("India: `condiff check` ≥ 40× faster than redlines", "—", "n/a"))
    for key, label in (("condiff-check", "`condiff check`"),
                       ("condiff-diff-json", "`condiff diff --format json`")):
        row = ok_row("india", key)
        out.append((f"India: {label} under 3 s", fmt_time(row["median"]) if row else "—",
                    verdict(row["median"] < 3 if row else None)))
    india = next((p for p in pairs if p["key"] == "india"), None)
    if india:
        mems = [r for r in india["rows"] if r["key"].startswith("condiff") and r["status"] == "ok"]
        if mems:
            worst = max(mems, key=lambda r: r["peak_mb"])
            out.append(("India: peak memory under 200 MB",
                        f"{worst['peak_mb']:.0f} MB ({worst['label']})",
                        verdict(worst["peak_mb"] < 200)))
    growth = results.get("growth") or {}
    copies = (growth.get("modes") or {}).get("copies")
    if copies:
        top = max(results.get("growth_factors") or [16])
        for key, label in (("condiff-check", "condiff check"),
                           ("condiff-diff-json", "condiff diff --format json")):
            exp = copies["exponents"].get(key)
            if exp and exp["net"] is not None:
                out.append((f"Growth 1×→{top}×: `{label}` exponent ≤ 1.2",
                            f"{exp['net']:.2f} (net of start-up; {exp['raw']:.2f} raw)",
                            verdict(exp["net"] <= 1.2)))
    for pair in pairs:
        tui = pair.get("tui")
        if pair["key"] != "kazakhstan" or tui is None:
            continue
        if tui["status"] == "ok":
            out.append(("Kazakhstan: TUI first screen ≤ 1.0 s", fmt_time(tui["first_screen_s"]),
                        verdict(tui["first_screen_s"] <= 1.0)))
            out.append(("Kazakhstan: TUI redraw per keystroke ≤ 50 ms",
                        fmt_time(tui["redraw_median_s"]),
                        verdict(tui["redraw_median_s"] <= 0.05)))
        else:
            out.append(("Kazakhstan: TUI first screen ≤ 1.0 s", tui["status"], "n/a"))
    return out


def growth_section(results: dict[str, Any]) -> list[str]:
    """The growth tables and fitted exponents."""
    growth = results.get("growth")
    if not growth:
        return []
    lines = ["## Growth", "",
             f"The {growth['base']} pair repeated k times, every article renumbered per copy "
             "(`benchmarks/growth.py`). condiff reads the grown pair as canonical YAML, the "
             "baselines read the same content as plain text. Interpreter start-up "
             f"(`python -m condiff --version`): {cell(growth['startup'])}.", ""]
    for mode, data in growth["modes"].items():
        cases = data["cases"]
        if not cases:
            continue
        keys = [r["key"] for r in cases[0]["rows"]]
        labels = {r["key"]: r["label"] for r in cases[0]["rows"]}
        title = ("identical copies" if mode == "copies"
                 else "copies whose words are tagged per copy (no shared words)")
        lines += [f"### {title.capitalize()}", "",
                  "| Size | Words (old + new) | " + " | ".join(labels[k] for k in keys) + " |",
                  "| --- | ---: | " + " | ".join("---:" for _ in keys) + " |"]
        for case in cases:
            cells = [cell(_find(case["rows"], k) or {"status": "n/a"}) for k in keys]
            lines.append(f"| {case['factor']}× | {case['words']:,} | " + " | ".join(cells) + " |")
        lines.append("")
        seen: dict[tuple[str, str], list[str]] = {}
        for case in cases:
            for row in case["rows"]:
                if row["note"]:
                    seen.setdefault((row["label"], row["note"]), []).append(f"{case['factor']}×")
        lines += [f"- {label} ({', '.join(sizes)}): {note}"
                  for (label, note), sizes in seen.items()]
        if seen:
            lines.append("")
        exps = data["exponents"]
        if exps:
            lines.append("Fitted exponent (slope of log time against log size; 1.0 = linear):")
            lines.append("")
            for key in keys:
                if key in exps and exps[key]["raw"] is not None:
                    net = exps[key]["net"]
                    extra = f", {net:.2f} net of start-up" if net is not None else ""
                    lines.append(f"- {labels[key]}: {exps[key]['raw']:.2f} raw{extra}")
            lines.append("")
    return lines


def tui_section(results: dict[str, Any]) -> list[str]:
    """TUI timings per pair."""
    rows = [(p["title"], p["tui"]) for p in results.get("pairs", []) if "tui" in p]
    if not rows:
        return []
    lines = ["## TUI (`condiff review`), measured with Textual's pilot", "",
             "| Pair | First screen | Move to next article (median) | p90 | "
             "Next rights finding `r` (median) | Keystrokes |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for title, tui in rows:
        if tui["status"] == "ok":
            lines.append(f"| {title} | {fmt_time(tui['first_screen_s'])} | "
                         f"{fmt_time(tui['redraw_median_s'])} | {fmt_time(tui['redraw_p90_s'])} |"
                         f" {fmt_time(tui.get('finding_median_s'))} | {tui['keystrokes']} |")
        else:
            lines.append(f"| {title} | {tui['status']}: {tui.get('note', '')} | — | — | — | — |")
    lines += ["", "Measured by `benchmarks/tui_speed.py`: first screen from launching a fresh "
              "interpreter to the first frame of the review screen (reading, comparing and "
              "rendering included), headless at 120×40; a move is one `down` key to the next "
              "frame written.", ""]
    for title, tui in rows:
        if tui.get("phases_s"):
            lines.append(f"- Phases of the first screen, {title}: " + "; ".join(
                f"{name} {fmt_time(sec)}" for name, sec in tui["phases_s"].items()) + ".")
    lines.append("")
    return lines


def hotspots_section(results: dict[str, Any]) -> list[str]:
    """Seconds per pipeline phase for every pair, and the profiled hot functions."""
    pairs = [p for p in results.get("pairs", []) if p.get("hotspots", {}).get("phases")]
    if not pairs:
        return []
    names: list[str] = []
    for pair in pairs:
        names += [k for k in pair["hotspots"]["phases"] if k not in names]
    lines = ["## Where condiff's time goes", "",
             "In-process wall time of each phase (`benchmarks/hotspots.py phases`, median of "
             "fresh processes; interpreter start-up comes on top).", "",
             "| Pair | " + " | ".join(names) + " | Total |",
             "| --- | " + " | ".join("---:" for _ in names) + " | ---: |"]
    for pair in pairs:
        ph = pair["hotspots"]["phases"]
        lines.append(f"| {pair['title']} | " + " | ".join(fmt_time(ph.get(n)) for n in names)
                     + f" | {fmt_time(sum(ph.values()))} |")
    lines.append("")
    for pair in pairs:
        prof = pair["hotspots"].get("profile")
        if not prof or "functions" not in prof:
            continue
        lines += [f"Hot spots of `condiff check` on {pair['title']} (cProfile; "
                  f"{prof['total_s_under_profiler']:.2f} s under the profiler; shares of that "
                  "total, inflated for code making many small calls):", "",
                  "| Function | Share (with callees) | Own share | Calls |",
                  "| --- | ---: | ---: | ---: |"]
        lines += [f"| `{f['function']}` | {f['cum_share'] * 100:.0f}% | "
                  f"{f['self_share'] * 100:.0f}% | {f['calls']:,} |" for f in prof["functions"]]
        lines.append("")
    return lines


def render_report(results: dict[str, Any], plot_name: str | None) -> str:
    """RESULTS.md."""
    m = results["machine"]
    versions = ", ".join(f"{k} {v}" for k, v in results.get("versions", {}).items() if v)
    load = ""
    if results.get("load"):
        before, after = results["load"]
        load = (f"; load average {before:g} at the start, {after:g} at the end on "
                f"{m['cores']} cores; other work on the machine slows the figures")
    longer = "".join(f" ({k}: {v:g} s)" for k, v in results.get("caps", {}).items()
                     if v != results["cap_s"])
    lines = [
        "# condiff benchmark results", "",
        f"- Date: {results['date']}",
        f"- Machine: {m['cpu']}, {m['cores']} cores, {m['ram_gb']:g} GB RAM, {m['os']}",
        f"- Python: {m['implementation']} {m['python']}",
        f"- condiff: commit {results['condiff']}",
        f"- Baselines: {versions}",
        f"- Method: each tool is a child process on the same files; median of up to "
        f"{results['reps']} timed runs after one warm-up (runs over 3 s: at most 3, over 20 s: "
        f"1); every run is stopped at {results['cap_s']:g} s{longer} and then shown as "
        "\"> cap\"; peak memory is the child's maximum resident set size (GNU time); condiff "
        "runs from compiled bytecode, as pip installs it (`PYTHONDONTWRITEBYTECODE` is unset "
        "for the children). The bundled rule packs come from condiff's pack cache, which the "
        "warm-up run fills. "
        f"Whole suite: {results.get('suite_s', 0):g} s{load}.",
        "- Rerun: `python benchmarks/run.py` (see `benchmarks/README.md`).",
        "",
    ]
    target_rows = targets(results)
    if target_rows:
        lines += ["## Targets", "", "| Target | Measured | Verdict |", "| --- | --- | --- |"]
        lines += [f"| {t} | {v} | {ok} |" for t, v, ok in target_rows]
        lines.append("")
    for pair in results.get("pairs", []):
        lines += [f"## {pair['title']}", "",
                  f"`{pair['old']}` ({pair['words_old']:,} words) → `{pair['new']}` "
                  f"({pair['words_new']:,} words)", ""]
        lines += pair_table(pair)
        lines.append("")
    lines += growth_section(results)
    lines += hotspots_section(results)
    lines += tui_section(results)
    if plot_name:
        lines += ["## Time against document size", "", f"![time against size]({plot_name})", ""]
    if results.get("notes"):
        lines += ["## Notes", ""] + [f"- {n}" for n in results["notes"]] + [""]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """``report.py RESULTS.json OUT.md``: render saved figures again (the plot is linked when
    ``time-vs-size.png`` sits beside OUT.md)."""
    import json
    import sys
    from pathlib import Path

    if len(argv) != 2:
        print("usage: report.py RESULTS.json OUT.md", file=sys.stderr)
        return 2
    results = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    out = Path(argv[1])
    plot = out.with_name("time-vs-size.png")
    out.write_text(render_report(results, plot.name if plot.is_file() else None),
                   encoding="utf-8")
    return 0


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv[1:]))
