"""The product names of the NLU (data/nlu_produits.yml) checked against the catalogue
(products.yml: names and ``aliases:``), both ways, without servers.

- NLU -> catalogue: every ``synonym:`` is a product id, each of its examples names that product
  and no other, and every text annotated as a ``produit`` entity in the training data is one of
  those examples (so the entity always reaches the action as a product id).
- catalogue -> NLU: every name and alias, given by the NLU as a ``produit`` entity (mapped by the
  synonyms when they list it, as written otherwise), reaches its product in the action.
The synonyms need not repeat every alias: the action reads an entity value it does not know as
an id through the same aliases (``products.find_products``), and a new synonym retrains the model.
"""
import glob
import re

import pytest
import yaml

from actions.conversation.products import _entries, find_products, normalise, product_ids

NLU = yaml.safe_load(open("data/nlu_produits.yml", encoding="utf-8"))["nlu"]
SYNONYMS = {}  # lowercased example -> product id, as Rasa's EntitySynonymMapper reads it
for block in NLU:
    if "synonym" in block:
        for line in block["examples"].splitlines():
            example = line.strip().lstrip("- ").strip()
            if example:
                SYNONYMS[example.lower()] = block["synonym"]

ANNOTATED = sorted({m.group(1) for path in sorted(glob.glob("data/*.yml"))
                    for block in (yaml.safe_load(open(path, encoding="utf-8")).get("nlu") or [])
                    for line in (block.get("examples") or "").splitlines()
                    for m in re.finditer(r"\[([^\]]+)\]\(produit\)", line)})
ALIASES = sorted({(pid, alias) for pid, name, aliases in _entries() for alias in [name, *aliases]})


def entity_reaches(value: str) -> list:
    """The products the action finds for a ``produit`` entity whose text is ``value``."""
    mapped = SYNONYMS.get(value.lower(), value)
    return find_products("", [{"entity": "produit", "value": mapped}])


@pytest.mark.parametrize("example,pid", sorted(SYNONYMS.items()))
def test_every_synonym_example_names_its_product_only(example, pid):
    assert pid in product_ids()
    assert find_products(example) == [pid]


@pytest.mark.parametrize("text", ANNOTATED)
def test_every_annotated_product_is_a_synonym_of_the_product_it_names(text):
    assert text.lower() in SYNONYMS, f"[{text}](produit) has no synonym in data/nlu_produits.yml"
    assert find_products(text) == [SYNONYMS[text.lower()]]


@pytest.mark.parametrize("pid,alias", ALIASES)
def test_every_name_and_alias_of_the_catalogue_reaches_its_product_from_the_nlu(pid, alias):
    assert entity_reaches(alias) == [pid]


def test_folding_of_names():
    assert normalise("Loca-Pass") == "loca pass" and normalise("Prêt d’accession") == "pret d'accession"
