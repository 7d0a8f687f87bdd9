"""How fast condiff refuses hostile XML, and what reading and writing Akoma Ntoso costs.

Each hostile file is generated in a temporary folder and given to ``condiff parse`` in a child
process (wall time with interpreter start-up, peak RSS), as a user would run it; the same
figures can be reproduced with ``/usr/bin/time -v condiff parse FILE``. Then, when the real
files are present (``../shared/corpora-akn``, ``../shared/corpora-raw``), the conversions:
reading the Swiss AKN file, writing it back as AKN, and the Word redline of the Kazakhstan pair.

Usage::

    python benchmarks/hostile_xml.py            # prints a Markdown table
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import run_once  # noqa: E402

PYTHON = sys.executable
CONDIFF = [PYTHON, "-m", "condiff"]
NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
SHARED = HERE.parent.parent / "shared"
CAP_S = 120.0


def _akn(body: str, prolog: str = '<?xml version="1.0"?>\n') -> str:
    return (f'{prolog}<akomaNtoso xmlns="{NS}"><act name="x"><body><article eId="art_1">'
            f"<num>Article 1</num><content><p>{body}</p></content></article></body></act>"
            "</akomaNtoso>\n")


def cases(folder: Path) -> list[tuple[str, list[str]]]:
    """(description, argv) of each hostile run."""
    secret = folder / "secret.txt"
    secret.write_text("not for output\n", encoding="utf-8")
    lines = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    files = {
        "billion laughs (10^9 expansions)": _akn(
            "&lol9;", '<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso [\n' + "\n".join(lines)
            + "\n]>\n"),
        "external entity to a local file": _akn(
            "&xxe;", f'<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso [<!ENTITY xxe SYSTEM '
            f'"file://{secret}">]>\n'),
        "external DTD over the network": _akn(
            "words", '<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso SYSTEM '
            '"http://10.255.255.1/akn.dtd">\n'),
        "100,000-deep nesting": f'<akomaNtoso xmlns="{NS}">' + "<a>" * 100_000
        + "</a>" * 100_000 + "</akomaNtoso>",
        "30 MB file (default 20 MB limit)": _akn("x" * (30 * 1024 * 1024)),
    }
    out = []
    for i, (what, text) in enumerate(files.items()):
        path = folder / f"case{i}.akn.xml"
        path.write_text(text, encoding="utf-8")
        out.append((what, [*CONDIFF, "parse", str(path)]))
    big = folder / "case-big.akn.xml"
    big.write_text(_akn("x" * (30 * 1024 * 1024)), encoding="utf-8")
    out.append(("30 MB text node, --max-size 40", [*CONDIFF, "parse", str(big),
                                                    "--max-size", "40"]))
    return out


def conversions(folder: Path) -> list[tuple[str, list[str]]]:
    out: list[tuple[str, list[str]]] = []
    swiss = SHARED / "corpora-akn" / "switzerland-1999-rev2024-en.akn.xml"
    if swiss.is_file():
        out.append(("read Swiss AKN (436 KB, 232 articles)", [*CONDIFF, "parse", str(swiss)]))
        out.append(("Swiss AKN → AKN", [*CONDIFF, "parse", str(swiss), "--format", "akn", "-o",
                                        str(folder / "swiss.akn.xml")]))
    raw = SHARED / "corpora-raw"
    old, new = raw / "kazakhstan-1995-rev2022-ru.txt", raw / "kazakhstan-2026-ru.txt"
    if old.is_file() and new.is_file():
        out.append(("Kazakhstan pair → json (reference)", [*CONDIFF, "diff", str(old), str(new),
                                                          "-f", "json", "-o",
                                                          str(folder / "kz.json")]))
        out.append(("Kazakhstan pair → docx", [*CONDIFF, "diff", str(old), str(new), "-f",
                                               "docx", "-o", str(folder / "kz.docx")]))
        out.append(("Kazakhstan pair → akn", [*CONDIFF, "diff", str(old), str(new), "-f",
                                              "akn", "-o", str(folder / "kz.akn.xml")]))
    return out


def main() -> int:
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory(prefix="condiff-hostile-") as tmp:
        folder = Path(tmp)
        print("| case | exit | wall s | peak MB | message |")
        print("|---|---:|---:|---:|---|")
        run_once([*CONDIFF, "--version"], CAP_S)  # warm-up: bytecode compiled once
        wall, peak, code, _, _ = run_once([*CONDIFF, "--version"], CAP_S)
        print(f"| `condiff --version` (start-up) | {code} | {wall:.3f} | {peak:.0f} | |")
        for what, argv in [*cases(folder), *conversions(folder)]:
            wall, peak, code, capped, tail = run_once(argv, CAP_S)
            message = tail.splitlines()[-1][:110] if tail else ""
            message = message.replace(str(folder) + "/", "").replace("|", "\\|")
            shown = f"> {CAP_S:.0f}" if capped else f"{wall:.3f}"
            print(f"| {what} | {code} | {shown} | {peak:.0f} | {message} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
