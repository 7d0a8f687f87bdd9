"""``condiff corpora``: what ships with condiff, and which real texts it knows about.

Bundled documents (``sample:2009``, ``sample:2026``; ``lorvan:2001`` … ``lorvan:2022``, a short
history) can be named wherever a file is expected.
Real constitutions are never shipped; the registry records where the official texts come from
and the SHA-256 of the reference copies, so ``verify`` can tell a user whether their file is the
exact text condiff was tested on.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

NAME = "corpora"
HELP = "list the bundled sample documents, show one, or verify a real text against the registry"
DESCRIPTION = """\
condiff ships a fictional constitution in two versions (the Republic of Veridia, 2009 and its
2026 revision) so that every command can be tried on a fresh install, and a registry of the real
texts people compare (title, official source and document id, article count, SHA-256 of the
reference file). Real texts are not shipped: get them from the official source named in the
registry, then check your copy with 'condiff corpora verify'."""
EXAMPLES = """\
  condiff corpora list                        bundled documents, one line each
  condiff corpora list --registry             also the real texts in the registry
  condiff corpora show sample:2026            details of one bundled document or registry entry
  condiff corpora verify kazakhstan-2026.txt  is this file the registered reference text?
  condiff diff sample:2009 sample:2026        use bundled names anywhere a file is expected
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="corpora_action", metavar="ACTION")
    p_list = sub.add_parser("list", help="one line per bundled document")
    p_list.add_argument("--registry", action="store_true",
                        help="also list the real texts in the registry (not shipped)")
    p_show = sub.add_parser("show", help="details of a bundled document or a registry entry")
    p_show.add_argument("name", metavar="NAME", help="e.g. sample:2009 or kazakhstan-2026-ru")
    p_verify = sub.add_parser("verify", help="check files against the registry's SHA-256 sums")
    p_verify.add_argument("files", metavar="FILE", nargs="+", help="files to check")


def _registry() -> list[dict[str, object]]:
    import yaml

    from ..corpora import DATA_DIR

    with (DATA_DIR / "registry.yaml").open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    texts: list[dict[str, object]] = data.get("texts", [])
    return texts


def _list(args: argparse.Namespace) -> str:
    from ..corpora import info, list_bundled

    rows = []
    for b in list_bundled():
        i = info(b)
        rows.append((b.name, i.title, i.version, i.language, f"{i.articles} articles"))
    lines = _table(rows)
    if getattr(args, "registry", False):
        lines.append("")
        lines.append("registry (not shipped; verify your copy with 'condiff corpora verify FILE'):")
        reg = [(str(t["id"]), str(t.get("country", "")), str(t.get("version", "")),
                str(t.get("language", "")),
                f"{t['articles']} articles" if t.get("articles") else "articles not counted")
               for t in _registry()]
        lines.extend(_table(reg))
    return "\n".join(lines) + "\n"


def _table(rows: Sequence[tuple[str, ...]]) -> list[str]:
    from ..sanitize import visible

    if not rows:
        return []
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    return [visible("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)) + "  " + r[-1])
            for r in rows]


def _show(name: str) -> str:
    from ..corpora import expected_path, info, list_bundled, lookup
    from ..errors import CondiffError
    from ..sanitize import visible

    for entry in _registry():
        if entry["id"] == name:
            out: list[str] = []
            for key, value in entry.items():
                if isinstance(value, dict):
                    out.extend(f"{key}.{k}: {v}" for k, v in value.items())
                else:
                    out.append(f"{key}: {value}")
            return visible("\n".join(out)) + "\n"
    try:
        bundled = lookup(name)
    except CondiffError as exc:
        ids = ", ".join(str(t["id"]) for t in _registry())
        raise CondiffError(
            f"{exc.message}; not a registry id either",
            hint=f"Bundled: {', '.join(b.name for b in list_bundled())}; registry ids: {ids}",
        ) from None
    i = info(bundled)
    gt = expected_path(bundled.corpus)
    lines = [
        f"name: {bundled.name}",
        f"aliases: {', '.join(bundled.aliases)}",
        f"title: {i.title}",
        f"version: {i.version}",
        f"language: {i.language}",
        f"about: {bundled.description}",
        f"preamble: {'yes' if i.preamble else 'no'}",
        f"chapters: {i.chapters}",
        f"articles: {i.articles}",
        f"words: {i.words}",
        f"file: {bundled.path}",
        f"ground truth: {gt}" if gt.is_file() else "ground truth: none",
        "licence: part of condiff (MIT); fictional text written for the project",
    ]
    return visible("\n".join(lines)) + "\n"


def _verify(files: list[str]) -> tuple[str, int]:
    import hashlib

    from ..errors import CondiffError
    from ..sanitize import visible

    by_hash = {str(t["sha256"]): t for t in _registry()}
    lines = []
    unknown = 0
    for name in files:
        try:
            with open(name, "rb") as fh:
                digest = hashlib.file_digest(fh, "sha256").hexdigest()
        except OSError as exc:
            raise CondiffError(f"cannot read the file: {exc.strerror or exc}", path=name) from None
        entry = by_hash.get(digest)
        if entry is None:
            unknown += 1
            lines.append(f"{name}: not a registered reference text (sha256 {digest[:16]}…)")
        else:
            lines.append(f"{name}: matches {entry['id']} ({entry.get('version', '')})")
    return visible("\n".join(lines)) + "\n", 1 if unknown else 0


def run(args: argparse.Namespace) -> int:
    """List, show or verify; ``verify`` exits 1 when a file is not a registered text."""
    action = getattr(args, "corpora_action", None) or "list"
    code = 0
    if action == "show":
        text = _show(args.name)
    elif action == "verify":
        text, code = _verify(args.files)
    else:
        text = _list(args)
    print(text, end="")
    return code
