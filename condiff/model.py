"""The document model every stage of condiff shares.

A constitution is a tree of :class:`Provision` objects under a :class:`Document`. Readers build
the tree, :func:`finalize` gives every node a stable id (Akoma Ntoso style, ``art_24__para_3``) and
a human reference (``24.3``), and from then on everything is frozen: the aligner, the rule engine,
the renderers and the TUI only read it. The comparison results (:class:`Comparison` and the
records under it) live here too, so that renderers and the TUI depend on data, never on the
algorithms that produced it.

Ids leave out the chapters an article sits in, on purpose: an article that moves to another
chapter keeps its id, so reviewer notes and findings keyed by id survive re-runs and moves.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

#: Kinds that group articles (structure above the unit of comparison).
CONTAINER_KINDS: tuple[str, ...] = (
    "book",
    "part",
    "title",
    "division",
    "chapter",
    "section",
    "subsection",
    "schedule",
)
#: Kinds that are the unit of comparison: the aligner pairs these. A "transitional" unit is a
#: transitional, additional or final provision numbered apart from the articles (its numbers
#: never collide with theirs).
UNIT_KINDS: tuple[str, ...] = ("preamble", "article", "amendment", "transitional")
#: Kinds below a unit.
SUBUNIT_KINDS: tuple[str, ...] = ("paragraph", "subparagraph", "item", "clause")
KINDS: tuple[str, ...] = CONTAINER_KINDS + UNIT_KINDS + SUBUNIT_KINDS

#: Akoma Ntoso style id prefixes.
ID_PREFIX: dict[str, str] = {
    "book": "book",
    "part": "part",
    "title": "title",
    "division": "dvs",
    "chapter": "chp",
    "section": "sec",
    "subsection": "subsec",
    "schedule": "sch",
    "preamble": "preamble",
    "article": "art",
    "amendment": "amd",
    "transitional": "trans",
    "paragraph": "para",
    "subparagraph": "subpara",
    "item": "item",
    "clause": "cl",
}

# Everything but ASCII letters and digits and the BMP above U+007F. Written as the ranges it
# matches, not as a negated class: compiling ``[^0-9A-Za-z\u0080-\uffff]`` costs ~3 ms on
# every start-up, this ~0.2 ms.
_ID_UNSAFE = re.compile(r"[\x00-/:-@\[-`{-\x7f\U00010000-\U0010ffff]+")


@dataclass(frozen=True)
class Provision:
    """One node of a constitution: a chapter, an article, a paragraph, an item.

    Attributes:
        kind: One of :data:`KINDS`.
        label: The number exactly as printed ("24", "83-1", "XVII", "16a", "2A"); "" if none.
        heading: The heading or title printed with it ("Freedom of assembly"); "" if none.
        text: The provision's own text, without its children's. For an article made only of
            numbered paragraphs this is "" and the paragraphs are children.
        children: Sub-provisions in document order.
        repealed: True for placeholders such as "Исключена", "[Repealed]", "weggefallen": the
            provision exists as a number but carries no law, and must never attract matches.
        id: Stable id (``art_24__para_3``), set by :func:`finalize`.
        ref: Reference people type (``24.3``; ``Amendment XIV``; ``preamble``), set by
            :func:`finalize`.
        line: 1-based source line the provision starts on; 0 if unknown. Not part of equality,
            so a document re-read from canonical YAML equals the one parsed from text.
        eid: The identifier the source file gave this provision (an Akoma Ntoso ``eId`` such as
            ``chp_2__sec_9__subsec_3``, ``art_31/para_4`` or ``hauptteil-1_art-1_abs-1``); ""
            if none. Identity within that one file only: two renderings of the same act can
            number them differently, so alignment never uses it, and it is not part of equality.
    """

    kind: str
    label: str = ""
    heading: str = ""
    text: str = ""
    children: tuple[Provision, ...] = ()
    repealed: bool = False
    id: str = ""
    ref: str = ""
    line: int = field(default=0, compare=False)
    eid: str = field(default="", compare=False)

    @property
    def is_unit(self) -> bool:
        """Whether this is a unit of comparison (article, amendment, preamble)."""
        return self.kind in UNIT_KINDS

    @property
    def is_container(self) -> bool:
        """Whether this groups units (part, chapter, section above articles, …)."""
        return self.kind in CONTAINER_KINDS and not self.is_unit

    def walk(self) -> Iterator[Provision]:
        """This provision and all its descendants, depth first, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def full_text(self, sep: str = "\n") -> str:
        """Own text and every descendant's text, with labels of numbered sub-provisions."""
        parts: list[str] = []
        for node in self.walk():
            if node.text:
                parts.append(node.text)
        return sep.join(parts)

    def blocks(self) -> tuple[Provision, ...]:
        """The text blocks of a unit, in order: itself if it has own text, then every
        descendant that has text. Paragraph alignment works on these."""
        return tuple(node for node in self.walk() if node.text)

    @property
    def display_label(self) -> str:
        """Label as a reader would cite it ("Art. 24", "Preamble", "Amendment XIV")."""
        if self.kind == "preamble":
            return "Preamble"
        if self.kind == "article":
            return f"Art. {self.label}" if self.label else "Article"
        return f"{self.kind.capitalize()} {self.label}".strip()


@dataclass(frozen=True)
class NumberingIssue:
    """Something wrong with a document's numbering, found after reading it.

    A reader that loses a heading silently turns an article into "removed" or "added" and a
    right in it into a false "removed" finding; recording where the numbering breaks lets every
    later stage (warnings, the CI gate, the rules' evidence of absence) say so.

    Attributes:
        kind: "gap" (numbers missing from the sequence), "duplicate" (a number read twice
            where the series allows it once) or "order" (a number out of sequence).
        series: Which numbering series: "main" for the articles, "transitional" for
            separately numbered transitional or final provisions.
        labels: The labels concerned: the missing ones for a gap, the repeated or misplaced
            one otherwise.
        after: Label of the last unit read before the problem ("" at the start).
        before: Label of the first unit read after it ("" at the end).
        line: 1-based source line near the problem; 0 if unknown.
    """

    kind: str
    series: str
    labels: tuple[str, ...]
    after: str = ""
    before: str = ""
    line: int = 0


@dataclass(frozen=True)
class Document:
    """A whole constitution in one version.

    Attributes:
        title: Title as printed ("Constitution of the Republic of Kazakhstan").
        country: Country or polity name.
        version: Version label people use ("1995 as amended 2022", "2026").
        date: ISO date of adoption or of the text's state, "" if unknown.
        language: BCP 47 language code ("ru", "en", "de").
        source: Where the text came from (official source, URL, file name).
        provisions: Top-level provisions in document order.
        path: File the document was read from ("" if built in memory); not part of equality.
        numbering: Gaps, duplicates and out-of-order numbers the reader found in the article
            sequence; not part of equality (a re-read of corrected YAML may have none).
    """

    title: str = ""
    country: str = ""
    version: str = ""
    date: str = ""
    language: str = ""
    source: str = ""
    provisions: tuple[Provision, ...] = ()
    path: str = field(default="", compare=False)
    numbering: tuple[NumberingIssue, ...] = field(default=(), compare=False)

    def walk(self) -> Iterator[Provision]:
        """Every provision, depth first, in document order."""
        for p in self.provisions:
            yield from p.walk()

    def units(self) -> tuple[Provision, ...]:
        """Units of comparison (preamble, articles, amendments) in document order."""
        return tuple(u for u, _ in self.units_with_context())

    def units_with_context(self) -> tuple[tuple[Provision, tuple[Provision, ...]], ...]:
        """Each unit with the chain of containers it sits in (outermost first)."""
        out: list[tuple[Provision, tuple[Provision, ...]]] = []

        def visit(node: Provision, chain: tuple[Provision, ...]) -> None:
            if node.is_unit:
                out.append((node, chain))
                return
            for child in node.children:
                visit(child, (*chain, node))

        for p in self.provisions:
            visit(p, ())
        return tuple(out)

    def by_id(self, pid: str) -> Provision | None:
        """The provision with this id, or None."""
        return self._index()[0].get(pid)

    def find(self, ref: str) -> Provision | None:
        """Resolve a reference people type: ``24.3`` (article 24, paragraph 3), ``24(3)``,
        ``Art. 24(3)``, ``83-1``, ``4.3.a``, ``Amendment XIV``, ``preamble``, or an id
        (``art_24__para_3``). Returns None when nothing matches."""
        ids, refs = self._index()
        text = ref.strip()
        if text in ids:
            return ids[text]
        norm = normalize_ref(text)
        if norm in refs:
            return refs[norm]
        return None

    def _index(self) -> tuple[dict[str, Provision], dict[str, Provision]]:
        cached = _INDEX_CACHE.get(id(self))
        if cached is not None and cached[0] is self:
            return cached[1], cached[2]
        ids: dict[str, Provision] = {}
        refs: dict[str, Provision] = {}
        for node in self.walk():
            if node.id:
                ids.setdefault(node.id, node)
            if node.ref:
                refs.setdefault(normalize_ref(node.ref), node)
        if len(_INDEX_CACHE) > 64:
            _INDEX_CACHE.clear()
        _INDEX_CACHE[id(self)] = (self, ids, refs)
        return ids, refs


_INDEX_CACHE: dict[int, tuple[Document, dict[str, Provision], dict[str, Provision]]] = {}

_REF_PREFIX = re.compile(
    r"^(?:art(?:icle)?s?\.?|ст(?:атья)?\.?|artikel|§)\s*", re.IGNORECASE
)


def normalize_ref(ref: str) -> str:
    """Canonical form of a reference: ``Art. 24(3)`` → ``24.3``, ``amendment xiv`` →
    ``amendment xiv``. Comparison is case-insensitive."""
    text = ref.strip()
    text = _REF_PREFIX.sub("", text)
    # "24(3)(a)" → "24.3.a"
    text = re.sub(r"\s*\(\s*([^()\s]+)\s*\)", r".\1", text)
    text = re.sub(r"\s*\.\s*", ".", text).strip(".")
    text = re.sub(r"\s+", " ", text)
    return text.casefold()


def _slug(label: str) -> str:
    return _ID_UNSAFE.sub("-", label).strip("-")


def finalize(document: Document) -> Document:
    """Give every provision its stable id and reference; returns a new Document.

    Readers call this once after building the tree. Ids: containers are paths of their
    enclosing containers (``part_1__chp_2``); units drop the containers (``art_24``) so they
    survive moves; sub-provisions extend their unit's id (``art_24__para_3__item_a``).
    Unlabelled sub-provisions are numbered by position. Duplicates get ``_2``, ``_3``.
    """
    used_ids: dict[str, int] = {}
    used_refs: set[str] = set()
    unit_labels: dict[str, set[str]] = {}
    for node in document.walk():
        if node.is_unit and node.kind != "preamble":
            unit_labels.setdefault(node.label.casefold(), set()).add(node.kind)

    def unique(candidate: str) -> str:
        n = used_ids.get(candidate, 0) + 1
        used_ids[candidate] = n
        return candidate if n == 1 else f"{candidate}_{n}"

    def unit_ref(node: Provision, position: int) -> str:
        if node.kind == "preamble":
            return "preamble"
        label = node.label or str(position)
        if node.kind == "article":
            return label
        return f"{node.kind.capitalize()} {label}"

    def visit(
        node: Provision, parent_id: str, parent_ref: str, position: int, in_unit: bool
    ) -> Provision:
        prefix = ID_PREFIX.get(node.kind, node.kind)
        label_slug = _slug(node.label) or str(position)
        if node.is_unit and not in_unit:
            base = "preamble" if node.kind == "preamble" else f"{prefix}_{label_slug}"
            ref = unit_ref(node, position)
        elif in_unit:
            base = f"{parent_id}__{prefix}_{label_slug}"
            # Under a unit whose reference was ambiguous (two unlabelled units), ".1" would
            # name nothing: the id alone names the sub-provision.
            ref = f"{parent_ref}.{node.label or position}" if parent_ref else ""
        else:
            base = f"{parent_id}__{prefix}_{label_slug}" if parent_id else f"{prefix}_{label_slug}"
            ref = ""
        pid = unique(base)
        if ref:
            if ref.casefold() in used_refs:
                ref = ""  # ambiguous; the id still names it
            else:
                used_refs.add(ref.casefold())
        now_in_unit = in_unit or node.is_unit
        child_parent_id = pid
        child_ref = ref if now_in_unit else ""
        counters: dict[str, int] = {}
        kids: list[Provision] = []
        for child in node.children:
            counters[child.kind] = counters.get(child.kind, 0) + 1
            kids.append(
                visit(child, child_parent_id, child_ref, counters[child.kind], now_in_unit)
            )
        # The constructor, not dataclasses.replace: a third less time on every read.
        return Provision(node.kind, node.label, node.heading, node.text, tuple(kids),
                         node.repealed, pid, ref, node.line, node.eid)

    counters: dict[str, int] = {}
    top: list[Provision] = []
    for p in document.provisions:
        counters[p.kind] = counters.get(p.kind, 0) + 1
        top.append(visit(p, "", "", counters[p.kind], False))
    return replace(document, provisions=tuple(top))


# ---------------------------------------------------------------------------
# Comparison results
# ---------------------------------------------------------------------------

#: Article-level alignment kinds.
ALIGN_KINDS: tuple[str, ...] = (
    "unchanged",
    "modified",
    "renumbered",
    "moved",
    "split",
    "merged",
    "added",
    "removed",
)
#: How an article pair was found.
MATCHED_BY: tuple[str, ...] = ("exact", "content", "number", "position", "none")
SEVERITIES: tuple[str, ...] = ("info", "low", "medium", "high", "critical")


@dataclass(frozen=True)
class FindingKind:
    """One kind of rights finding, as every stage shows and weighs it.

    The rule engine, the CI policy, the renderers, the review UI and the JSON Schema all read
    :data:`FINDING_KIND_TABLE`, so that a report, the JSON and the TUI list findings in one
    order and a kind's defaults are written once.

    Attributes:
        name: The kind as it appears in findings and in ``--fail-on`` ("removed").
        severity_steps: How far below its rule's severity a finding of this kind is by default
            (0: the rule's own severity); None: always "info".
        confidence: The engine's default confidence for the kind, 0..1.
        one: How one finding reads in a summary ("right removed").
        many: How several read ("rights removed").
        effect: "loss" (something taken away), "cut" (reduced), "neutral" or "gain"; decides
            the default CI policy and the review UI's styles.
        description: What the kind means, for help texts and the JSON Schema.
    """

    name: str
    severity_steps: int | None
    confidence: float
    one: str
    many: str
    effect: str
    description: str


#: Every finding kind, in the order reports, the JSON output, the CI gate and the review UI
#: list findings of equal severity: what a monitor reads first comes first (rights taken away,
#: checks on power removed, rights cut down, then the rest).
FINDING_KIND_TABLE: tuple[FindingKind, ...] = (
    FindingKind("removed", 0, 0.9, "right removed", "rights removed", "loss",
                "No provision of the new text carries the right any more."),
    FindingKind("oversight-removed", 0, 0.8, "oversight removed", "oversight removed", "loss",
                "An office once elected or confirmed by a legislature is now appointed "
                "without it."),
    FindingKind("weakened", 1, 0.6, "weakened", "weakened", "cut",
                "The right is still there, in weaker words, with a narrower scope or fewer "
                "safeguards."),
    FindingKind("restriction-added", 1, 0.7, "restriction added", "restrictions added",
                "cut", "A new limitation clause or restriction bears on the right."),
    FindingKind("moved", None, 0.6, "moved", "moved", "neutral",
                "The right is carried by another article than the one the old text's went to."),
    FindingKind("added", None, 0.6, "right added", "rights added", "gain",
                "The new text carries a right the old one did not."),
    FindingKind("strengthened", None, 0.5, "strengthened", "strengthened", "gain",
                "The right is affirmed in firmer words, for more people or with new "
                "safeguards."),
)
#: Finding kinds by name.
FINDING_KIND: dict[str, FindingKind] = {k.name: k for k in FINDING_KIND_TABLE}
#: Finding kind names, in report order.
FINDING_KINDS: tuple[str, ...] = tuple(k.name for k in FINDING_KIND_TABLE)
#: Kinds that take something away, and kinds that cut a right down.
LOSS_KINDS: frozenset[str] = frozenset(k.name for k in FINDING_KIND_TABLE if k.effect == "loss")
CUT_KINDS: frozenset[str] = frozenset(k.name for k in FINDING_KIND_TABLE if k.effect == "cut")

#: Why a finding was made (or made softer): structured codes a test or a tool can assert,
#: next to the human ``detail``. Code → what it means.
REASONS: dict[str, str] = {
    "no-carrier": "no provision of the new text carries the right by the pack's patterns",
    "no-paraphrase": "no provision of the new text is a close paraphrase of the old evidence",
    "paraphrase-remains": "only a paraphrase of the old evidence remains in the new text",
    "words-deleted": "the clause that held the right stands in the new text without its words",
    "mention-only": "the right is only mentioned in passing, negated or prohibited",
    "heading-only": "only an article heading names the right",
    "terms-apart": "the right's words still occur near each other, wider apart than usual",
    "numbering-gap": "the new text's numbering has a gap where the right would sit",
    "numbering-gaps": "a document's numbering has gaps, so provisions may be missing",
    "carried-elsewhere": "another article than the aligned one carries the right",
    "new-carrier": "a provision carries the right and none did before",
    "now-affirmed": "the right was only mentioned before and is affirmed now",
    "limitation-added": "a limitation clause bears on the right that did not before",
    "limitation-dropped": "a limitation clause on the right is gone",
    "guarantee-downgraded": "firm wording became soft ('guarantees' to 'recognises')",
    "guarantee-upgraded": "soft wording became firm",
    "scope-narrowed": "the right went from everyone to a narrower group",
    "scope-widened": "the right went from a narrow group to everyone",
    "safeguard-dropped": "a concrete safeguard of the right is gone",
    "new-provision": "a new provision on the right, not taken from the old text",
    "new-restriction": "a restriction the rule watches for appears",
    "appointment-unchecked": "an office is appointed without the legislature's vote",
}

#: A redline operation: ("=", text) kept, ("-", text) deleted, ("+", text) inserted.
Op = tuple[str, str]


@dataclass(frozen=True)
class ParagraphPair:
    """Two aligned text blocks (paragraphs, items, or a unit's own text) and their redline.

    Attributes:
        old: Reference of the old block ("24.3"), or None if the block was added.
        new: Reference of the new block ("27.3"), or None if the block was removed.
        old_id: Id of the old block, or None.
        new_id: Id of the new block, or None.
        kind: "unchanged", "modified", "added" or "removed".
        ops: Word-level redline, a sequence of ops. Joining the "=" and "-" texts gives the
            old text exactly; joining "=" and "+" gives the new text exactly. The aligner
            stores a :class:`~condiff.redline.Redline`, which is made when first read and
            holds the ops compactly; any tuple of ops is accepted too.
        score: Similarity of the two blocks, 0..1.
    """

    old: str | None
    new: str | None
    old_id: str | None
    new_id: str | None
    kind: str
    ops: Sequence[Op] = ()
    score: float = 0.0


@dataclass(frozen=True)
class ArticlePair:
    """One entry of the article alignment: 0..n old units against 0..n new units.

    Attributes:
        old: Labels of the old units as printed (``["24"]``; ``[]`` if added).
        new: Labels of the new units as printed (``["27"]``; ``[]`` if removed).
        old_ids: Ids of the old units, same order as ``old``.
        new_ids: Ids of the new units, same order as ``new``.
        kind: One of :data:`ALIGN_KINDS`.
        score: Content similarity 0..1 (1.0 for identical text; 0.0 for added/removed).
        matched_by: One of :data:`MATCHED_BY`.
        paragraphs: Aligned blocks with their redlines.
        secondary_old_ids: Those of ``old_ids`` whose own entry is another one: only a paragraph
            of theirs moved here (secondary predecessors). Every unit is in exactly one entry
            as primary, and in any number as secondary.
        secondary_new_ids: Those of ``new_ids`` whose own entry is another one: a paragraph of
            this entry's old unit moved to them (secondary successors).
    """

    old: tuple[str, ...]
    new: tuple[str, ...]
    old_ids: tuple[str, ...]
    new_ids: tuple[str, ...]
    kind: str
    score: float
    matched_by: str
    paragraphs: tuple[ParagraphPair, ...] = ()
    secondary_old_ids: tuple[str, ...] = ()
    secondary_new_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Span:
    """Evidence: characters ``start:end`` of the own text of the provision ``ref``.

    Attributes:
        ref: Reference of the provision ("24.3").
        start: Offset of the first character.
        end: Offset after the last character.
        text: The characters themselves (for reports that do not re-read the document).
    """

    ref: str
    start: int
    end: int
    text: str = ""


@dataclass(frozen=True)
class Note:
    """A reviewer's note, keyed by a reference on one side.

    Attributes:
        ref: ``old:24.3`` or ``new:27.3``.
        text: What the reviewer wrote.
        author: Who wrote it.
        tags: Free tags ("strike", "follow-up").
        created: ISO timestamp or "".
    """

    ref: str
    text: str
    author: str = ""
    tags: tuple[str, ...] = ()
    created: str = ""


@dataclass(frozen=True)
class Finding:
    """A change to a right or key guarantee, found by a rule.

    Attributes:
        topic: Constitute Project topic key ("strike", "treatcon") or one of our own keys.
        title: Human title ("Right to strike").
        kind: One of :data:`FINDING_KINDS`.
        severity: One of :data:`SEVERITIES`.
        confidence: 0..1, how sure the engine is.
        old: References on the old side (``["24.3"]``).
        new: References on the new side (``["27.3"]``).
        old_spans: Evidence in the old document.
        new_spans: Evidence in the new document.
        category: Rule category ("labour", "international-law", …).
        annotation: Why it matters, for a reader who is not a lawyer.
        references: International standards ("ICESCR art. 8").
        detail: What exactly the engine saw ("limitation clause added: 'public morality'").
        notes: Reviewer notes attached to the refs of this finding.
        reasons: Why the engine decided so, as codes of :data:`REASONS` ("no-carrier",
            "paraphrase-remains"), for tools and tests; ``detail`` says it in words.
    """

    topic: str
    title: str
    kind: str
    severity: str
    confidence: float
    old: tuple[str, ...] = ()
    new: tuple[str, ...] = ()
    old_spans: tuple[Span, ...] = ()
    new_spans: tuple[Span, ...] = ()
    category: str = ""
    annotation: str = ""
    references: tuple[str, ...] = ()
    detail: str = ""
    notes: tuple[Note, ...] = ()
    reasons: tuple[str, ...] = ()


def finding_order(finding: Finding) -> tuple[int, int]:
    """Sort key every output uses: most severe first, then by :data:`FINDING_KIND_TABLE`."""
    sev = SEVERITIES.index(finding.severity) if finding.severity in SEVERITIES else -1
    rank = FINDING_KINDS.index(finding.kind) if finding.kind in FINDING_KIND else len(
        FINDING_KINDS)
    return (-sev, rank)


@dataclass(frozen=True)
class Comparison:
    """Everything condiff knows about two versions: the result of ``compare(old, new)``.

    Attributes:
        old: The old document.
        new: The new document.
        alignment: Article alignment; every unit of both documents appears in exactly one entry.
        findings: Rights findings, most severe first.
        notes: Reviewer notes loaded for this comparison (including orphaned ones).
        warnings: Things the reader should know ("article 12: diff budget exceeded, coarse
            diff shown").
        unchecked_languages: Languages of the two documents that no enabled rule pack
            covers ("fr"): their rights were not checked, and no finding is not good news.
    """

    old: Document
    new: Document
    alignment: tuple[ArticlePair, ...] = ()
    findings: tuple[Finding, ...] = ()
    notes: tuple[Note, ...] = ()
    warnings: tuple[str, ...] = ()
    unchecked_languages: tuple[str, ...] = ()
