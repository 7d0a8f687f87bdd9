"""Entries of a list are aligned by what they say, like paragraphs, also when the list's closing
words (printed after its last entry, so attached to it by any reader) move to a new last entry.
Fixture in our own words, shaped like a federal constitution's list of fields where the states
may depart from federal law, which gained an entry at the end."""

from __future__ import annotations

import condiff
from condiff.read import parse_string

CLOSING = ("Federal laws in these fields take effect six months after publication unless the "
           "Senate agrees otherwise. In these fields the later law prevails.")

OLD = f"""\
title: Federal Charter
version: "2006"
provisions:
  - kind: article
    label: "72"
    children:
      - kind: paragraph
        label: "1"
        text: "Where the federation has legislated, the provinces may depart from it on:"
        children:
          - {{kind: item, label: "1", text: "hunting, except hunting licences;"}}
          - {{kind: item, label: "2", text: "the protection of nature and of the landscape;"}}
          - kind: item
            label: "3"
            text: |-
              admission to universities and university degrees.
              {CLOSING}
"""
NEW = f"""\
title: Federal Charter
version: "2019"
provisions:
  - kind: article
    label: "72"
    children:
      - kind: paragraph
        label: "1"
        text: "Where the federation has legislated, the provinces may depart from it on:"
        children:
          - {{kind: item, label: "1", text: "hunting, except hunting licences;"}}
          - {{kind: item, label: "2", text: "the protection of nature and of the landscape;"}}
          - {{kind: item, label: "3", text: "admission to universities and university degrees;"}}
          - kind: item
            label: "4"
            text: |-
              the tax on land.
              {CLOSING}
"""


def test_new_last_entry_is_added_not_a_replacement() -> None:
    c = condiff.compare(parse_string(OLD, "yaml"), parse_string(NEW, "yaml"), rules=False)
    (pair,) = c.alignment
    rows = {(p.old, p.new): p.kind for p in pair.paragraphs}
    assert rows[("72.1.3", "72.1.3")] == "modified"  # kept: only the closing words left it
    assert rows[(None, "72.1.4")] == "added"  # the new entry, with the closing words
    assert ("72.1.3", "72.1.4") not in rows
    kept = next(p for p in pair.paragraphs if (p.old, p.new) == ("72.1.3", "72.1.3"))
    assert ("=", "admission to universities and university degrees") in tuple(kept.ops)


def test_entries_without_closing_words_still_pair_by_content() -> None:
    old = OLD.replace(f"\n              {CLOSING}", "").replace("|-", "")
    new = NEW.replace("hunting, except hunting licences;", "fishing;")
    c = condiff.compare(parse_string(old, "yaml"), parse_string(new, "yaml"), rules=False)
    rows = {(p.old, p.new) for p in c.alignment[0].paragraphs}
    assert ("72.1.2", "72.1.2") in rows and ("72.1.3", "72.1.3") in rows
