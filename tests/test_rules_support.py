"""Helpers for the rules tests: build documents from small YAML strings, and align two
documents with the real aligner when it is there, else with a tiny stand-in (greedy word-set
overlap) that exists only so the rules tests can run before ``condiff.align`` lands."""

from __future__ import annotations

import re

from condiff.model import ArticlePair, Comparison, Document, ParagraphPair, Provision, finalize


def doc(language: str, *articles: tuple[str, list[str] | str]) -> Document:
    """A document from (label, paragraphs) pairs; a str is an article with own text only."""
    units = []
    for label, body in articles:
        if isinstance(body, str):
            units.append(Provision(kind="article", label=label, text=body))
        else:
            kids = tuple(Provision(kind="paragraph", label=str(i + 1), text=t)
                         for i, t in enumerate(body))
            units.append(Provision(kind="article", label=label, children=kids))
    return finalize(Document(title="t", language=language, provisions=tuple(units)))


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _greedy(old: list[tuple[str, set[str]]], new: list[tuple[str, set[str]]],
            floor: float, labels: tuple[list[str], list[str]] | None = None
            ) -> list[tuple[int, int]]:
    scored = sorted(((_jaccard(a, b), i, j) for i, (_, a) in enumerate(old)
                     for j, (_, b) in enumerate(new)), reverse=True)
    used_o: set[int] = set()
    used_n: set[int] = set()
    pairs = []
    for score, i, j in scored:
        if score < floor:
            break
        if i in used_o or j in used_n:
            continue
        used_o.add(i)
        used_n.add(j)
        pairs.append((i, j))
    if labels:  # numbers break ties: leftovers with the same label pair up
        for i, label in enumerate(labels[0]):
            if i in used_o or not label or label not in labels[1]:
                continue
            j = labels[1].index(label)
            if j not in used_n:
                used_o.add(i)
                used_n.add(j)
                pairs.append((i, j))
    return pairs


def fallback_align(old: Document, new: Document) -> tuple[ArticlePair, ...]:
    """Stand-in aligner: 1:1 articles and paragraphs by word overlap."""
    ou, nu = old.units(), new.units()
    pairs = _greedy([(u.id, _words(u.full_text())) for u in ou],
                    [(u.id, _words(u.full_text())) for u in nu], 0.25,
                    ([u.label for u in ou], [u.label for u in nu]))
    out: list[ArticlePair] = []
    paired_o = {i for i, _ in pairs}
    paired_n = {j for _, j in pairs}
    for i, j in sorted(pairs):
        ob, nb = ou[i].blocks(), nu[j].blocks()
        pp = _greedy([(b.id, _words(b.text)) for b in ob], [(b.id, _words(b.text)) for b in nb],
                     0.2, ([b.label for b in ob], [b.label for b in nb]))
        paras = [ParagraphPair(ob[a].ref, nb[b].ref, ob[a].id, nb[b].id, "modified")
                 for a, b in pp]
        got_o = {a for a, _ in pp}
        got_n = {b for _, b in pp}
        paras += [ParagraphPair(b.ref, None, b.id, None, "removed")
                  for k, b in enumerate(ob) if k not in got_o]
        paras += [ParagraphPair(None, b.ref, None, b.id, "added")
                  for k, b in enumerate(nb) if k not in got_n]
        out.append(ArticlePair((ou[i].label,), (nu[j].label,), (ou[i].id,), (nu[j].id,),
                               "modified", 0.5, "content", tuple(paras)))
    out += [ArticlePair((u.label,), (), (u.id,), (), "removed", 0.0, "none",
                        tuple(ParagraphPair(b.ref, None, b.id, None, "removed")
                              for b in u.blocks()))
            for k, u in enumerate(ou) if k not in paired_o]
    out += [ArticlePair((), (u.label,), (), (u.id,), "added", 0.0, "none",
                        tuple(ParagraphPair(None, b.ref, None, b.id, "added")
                              for b in u.blocks()))
            for k, u in enumerate(nu) if k not in paired_n]
    return tuple(out)


def align(old: Document, new: Document) -> tuple[ArticlePair, ...]:
    """The real aligner if present, else the stand-in."""
    try:
        from condiff.align import align_documents  # type: ignore[attr-defined]
    except ImportError:
        return fallback_align(old, new)
    return tuple(align_documents(old, new, diff_timeout=2.0)[0])


def compare(old: Document, new: Document, **kwargs: object) -> Comparison:
    """Align, then run the rules (bypassing notes), like ``pipeline.compare``."""
    from condiff.rules import apply_rules

    comparison = Comparison(old=old, new=new, alignment=align(old, new))
    return apply_rules(comparison, **kwargs)  # type: ignore[arg-type]
