"""``condiff rules``: what rights condiff looks for, in which languages, and why."""

from __future__ import annotations

import argparse

NAME = "rules"
HELP = "list the rights rules (topics x languages) or explain one topic"
DESCRIPTION = """\
condiff flags removed or weakened rights with rules keyed by Constitute Project topic keys
(strike, treatcon, express, ...; a few keys are condiff's own, marked "condiff"). Each rule
has patterns per language, cues that show a right was weakened (a limitation clause such as
"as provided by law", "guarantees" becoming "recognises", "everyone" becoming "citizens", an
appointment losing the legislature's consent), an annotation and international references.

'rules list' shows every rule with the languages it covers; 'rules explain TOPIC' shows one
rule in full. Add your own packs with --rules FILE (format: docs/rules.md); a rule in your pack
with the id of a bundled rule replaces it. Switch rules off with --disable-rule KEY, here and
in diff/check/review."""
EXAMPLES = """\
  condiff rules list                          every topic, its severity and languages
  condiff rules list --language ru            only the rules with Russian patterns
  condiff rules explain strike                the strike rule: patterns, cues, references
  condiff rules explain deathpen              aliases work too (-> cappun)
  condiff rules list --rules my-pack.yaml     check that your pack loads, and see it listed
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION")
    sub.required = True
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--rules", metavar="FILE", action="append", default=[],
                        help="extra rule pack (YAML); repeat for several")
    common.add_argument("--disable-rule", metavar="KEY", action="append", default=[],
                        help="switch a rule off by id or alias; repeat for several")
    lst = sub.add_parser("list", parents=[common], help="topics x languages table",
                         description="List every rule: id, severity, category, languages.")
    lst.add_argument("--language", metavar="CODE", default=None,
                     help="only rules with patterns for this language (en, ru, de, ...)")
    lst.add_argument("--format", "-f", choices=("text", "json"), default="text",
                     help="text table (default) or JSON")
    exp = sub.add_parser("explain", parents=[common], help="one rule in full",
                         description="Show one rule: annotation, references, patterns and "
                         "the cues that mark weakening, per language.")
    exp.add_argument("topic", metavar="TOPIC", help="rule id or alias (strike, deathpen, ...)")


def _table(registry: object, language: str | None) -> str:
    from ..rules import Registry
    from ..sanitize import visible

    assert isinstance(registry, Registry)
    langs = sorted({lang for r in registry for lang in r.languages})
    rows = [r for r in registry if language is None or language in r.languages]
    head = ["topic", "severity", "category", "source", *langs, "status", "title"]
    body = [[r.id, r.severity, r.category, r.source,
             *("x" if lang in r.languages else "-" for lang in langs),
             "on" if registry.is_enabled(r.id) else "off", r.title] for r in rows]
    widths = [max(len(str(row[i])) for row in [head, *body]) for i in range(len(head))]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
             for row in [head, *body]]
    lines.append(f"{len(rows)} rules; {len(registry.active())} enabled; languages: "
                 f"{', '.join(langs)}")
    return visible("\n".join(lines)) + "\n"


def _explain(registry: object, key: str) -> str:
    from ..errors import CondiffError
    from ..rules import Registry
    from ..sanitize import visible

    assert isinstance(registry, Registry)
    rule = registry.resolve(key)
    if rule is None:
        raise CondiffError(f"no rule named {key!r}",
                           hint="See the ids with: condiff rules list")
    out = [f"{rule.id}: {rule.title}",
           f"  severity {rule.severity} · category {rule.category} · type {rule.type} · "
           f"{'Constitute topic key' if rule.source == 'constitute' else 'condiff key'}"
           f"{' · switched off' if not registry.is_enabled(rule.id) else ''}"]
    if rule.aliases:
        out.append(f"  aliases: {', '.join(rule.aliases)}")
    out.append(f"  defined in: {rule.path or rule.pack}:{rule.line}")
    out += ["", "Why it matters:", f"  {rule.annotation}", ""]
    if rule.references:
        out.append("References: " + "; ".join(rule.references))
    sections = [("Patterns", rule.patterns), ("Not counted", rule.exclude),
                ("Safeguards (losing one weakens the right)", rule.safeguards),
                ("Restrictions (new ones are flagged)", rule.restrictions)]
    for title, per_lang in sections:
        if not per_lang:
            continue
        out += ["", f"{title}:"]
        for lang in sorted(per_lang):
            # A mention pattern shows the topic is dealt with; it never carries it.
            out.append(f"  {lang}: " + " | ".join(
                p.source + (" [mention]" if p.mention else "") for p in per_lang[lang]))
    for office, per_lang in sorted(rule.offices.items()):
        out += ["", f"Office: {office}"]
        for lang in sorted(per_lang):
            out.append(f"  {lang}: " + " | ".join(p.source for p in per_lang[lang]))
    cue_kinds = (("limitation", "limitation clauses"), ("strong", "firm guarantee"),
                 ("weak", "soft guarantee"), ("universal", "everyone"),
                 ("citizens", "citizens only"))
    if rule.type == "right":
        out += ["", "Weakening cues (shared by all rules):"]
        for lang in sorted(set(rule.languages) & set(registry.cues)):
            for kind, label in cue_kinds:
                items = registry.cues[lang].get(kind, ())
                if items:
                    out.append(f"  {lang} {label}: " + " | ".join(
                        dict.fromkeys(p.source for _, p in items)))
    return visible("\n".join(out)) + "\n"


def run(args: argparse.Namespace) -> int:
    import json

    from ..io import emit
    from ..rules import load_registry

    registry = load_registry(args.rules)
    for key in args.disable_rule:
        registry.disable(key)
    if args.action == "explain":
        emit(_explain(registry, args.topic), None)
        return 0
    if args.format == "json":
        rows = [{"id": r.id, "title": r.title, "category": r.category,
                 "severity": r.severity, "type": r.type, "source": r.source,
                 "aliases": list(r.aliases), "languages": list(r.languages),
                 "enabled": registry.is_enabled(r.id), "references": list(r.references)}
                for r in registry if args.language is None or args.language in r.languages]
        emit(json.dumps(rows, ensure_ascii=False, indent=2) + "\n", None)
        return 0
    emit(_table(registry, args.language), None)
    return 0
