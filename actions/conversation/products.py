"""Which aid of the catalogue a message names: the entity ``produit`` or a name or alias of
``products.yml`` (``aliases:``) found in the text. The NLU synonyms of ``data/nlu_produits.yml``
are checked against the same aliases, both ways (tests/conversation/test_product_synonyms.py)."""
from __future__ import annotations

import functools
import re
import unicodedata
from typing import Optional

from actions.eligibility import load_catalogue


def normalise(text: str) -> str:
    """Lower case, no accents, straight apostrophes, words separated by one space."""
    text = unicodedata.normalize("NFKD", (text or "").lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'")
    return re.sub(r"[^a-z0-9%']+", " ", text).strip()


def _entries():
    catalogue = load_catalogue()
    for product in catalogue:
        yield product.id, product.name, product.data.get("aliases") or []
    for unverified in catalogue.unverified:
        yield unverified["id"], unverified["name"], unverified.get("aliases") or []


@functools.lru_cache(maxsize=1)
def alias_table() -> tuple:
    """(folded alias, product id), longest first."""
    table = set()
    for pid, name, aliases in _entries():
        for alias in [name, pid.replace("_", " "), *aliases]:
            folded = normalise(alias).replace("'", " ")
            if folded:
                table.add((folded, pid))
    return tuple(sorted(table, key=lambda x: (-len(x[0]), x[0])))


@functools.lru_cache(maxsize=1)
def _alias_patterns() -> tuple:
    """The aliases of :func:`alias_table` as compiled patterns, same order."""
    return tuple((re.compile(re.escape(f" {alias} ")), pid) for alias, pid in alias_table())


def product_ids() -> set:
    return {pid for pid, _, _ in _entries()}


def find_products(text: str, entities: list = ()) -> list:
    """Every aid the message names, in the order of the text (entities first)."""
    found: list = []
    ids = product_ids()
    for entity in entities or ():
        if entity.get("entity") == "produit":
            value = str(entity.get("value"))
            for pid in [value] if value in ids else find_products(value):
                if pid not in found:
                    found.append(pid)
    padded = f" {normalise(text).replace(chr(39), ' ')} "  # « l'accompagnement », « al'in »
    hits = []
    taken = []
    for pattern, pid in _alias_patterns():
        for m in pattern.finditer(padded):
            span = (m.start(), m.end())
            if any(s < span[1] and span[0] < e for s, e in taken):
                continue  # inside a longer alias already found (« agri loca pass » is not « loca pass »)
            taken.append(span)
            hits.append((m.start(), pid))
    for _, pid in sorted(hits):
        if pid not in found:
            found.append(pid)
    return found


def find_product(text: str, entities: list = ()) -> Optional[str]:
    found = find_products(text, entities)
    return found[0] if found else None
