"""No number is written in a French sentence of the product modules: ages, delays, ceilings,
rates and amounts come from parameters.yml (a change of rule is a change of data)."""
import ast
import glob
import os
import re

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MODULES = sorted(glob.glob(os.path.join(ROOT, "actions", "eligibility", "products", "*.py")))
# rule codes, the years of the sources cited and legal articles are not rule numbers
RULE_CODE = re.compile(r"\b(?:VIS|LP|MJV?|PA|PT|AL|ASD|AG[A-Z]+)-[0-9A-Za-z]+\b|\b(?:19|20)\d{2}\b|\bL\d{3}-\d+\b")


def sentences(tree):
    """String constants of the module that are not docstrings nor format specifications."""
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and n.body
                  and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    specs = {id(n.format_spec) for n in ast.walk(tree) if isinstance(n, ast.FormattedValue) and n.format_spec}
    skip = set()
    for n in ast.walk(tree):
        if id(n) in specs:
            skip |= {id(x) for x in ast.walk(n)}
    for n in ast.walk(tree):
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings and id(n) not in skip:
            yield n.lineno, n.value


@pytest.mark.parametrize("path", MODULES, ids=[os.path.basename(m) for m in MODULES])
def test_no_number_in_the_french_sentences(path):
    tree = ast.parse(open(path, encoding="utf-8").read())
    found = [(line, text) for line, text in sentences(tree)
             if " " in text and re.search(r"\d", RULE_CODE.sub("", text))]
    assert not found, found
