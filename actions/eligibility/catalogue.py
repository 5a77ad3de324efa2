"""Loading of the versioned catalogue (products.yml, parameters.yml, fields.yml), cached once."""
from __future__ import annotations

import bisect
import datetime as _dt
import functools
import os

import yaml

try:  # the C loader is ~10x faster; fall back to pure Python
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

CATALOGUE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "catalogue")


def _load_yaml(name):
    with open(os.path.join(CATALOGUE_DIR, name), encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_Loader)


def _as_date(v):
    if v is None or isinstance(v, _dt.date):
        return v
    return _dt.date.fromisoformat(str(v))


class Parameter:
    """One dated parameter: a value history keyed by start date (openfisca-style)."""

    __slots__ = ("name", "description", "unit", "starts", "entries", "last_checked")

    def __init__(self, name, data):
        self.name = name
        self.description = data.get("description", "")
        self.unit = data.get("unit", "")
        self.last_checked = _as_date(data.get("last_checked"))
        items = sorted((_as_date(k), v) for k, v in data["values"].items())
        self.starts = [k for k, _ in items]
        self.entries = [v for _, v in items]

    def entry_at(self, date):
        """The whole entry (value, source, source_date) in force at ``date``, or None."""
        i = bisect.bisect_right(self.starts, date) - 1
        if i < 0:
            return None
        return self.entries[i]

    def value_at(self, date):
        e = self.entry_at(date)
        return None if e is None else e["value"]


class Product:
    """One product of the catalogue (read-only view of products.yml)."""

    __slots__ = ("id", "name", "kind", "family", "summary", "amounts", "apply_url", "phone",
                 "start", "end", "end_note", "rules", "sources", "data")

    def __init__(self, data):
        self.data = data
        self.id = data["id"]
        self.name = data["name"]
        self.kind = data["kind"]
        self.family = data["family"]
        self.summary = data["summary"]
        self.amounts = data.get("amounts")
        self.apply_url = data.get("apply_url")
        self.phone = data.get("phone")
        self.start = _as_date(data.get("start"))
        self.end = _as_date(data.get("end"))
        self.end_note = data.get("end_note")
        self.rules = {r["code"]: r for r in data.get("rules") or ()}
        self.sources = list(data.get("sources") or ())

    @property
    def discontinued(self):
        return self.family == "discontinued"

    def __repr__(self):  # pragma: no cover
        return f"Product({self.id!r})"


class Catalogue:
    """The whole catalogue: ``catalogue.products[id]``, ``catalogue.value_at(name, date)``."""

    def __init__(self):
        pdata = _load_yaml("products.yml")
        self.version = str(pdata["catalogue_version"])
        self.valid_from = _as_date(pdata["valid_from"])
        self.products = {}
        for p in pdata["products"]:
            prod = Product(p)
            if prod.id in self.products:
                raise ValueError(f"duplicate product id {prod.id}")
            self.products[prod.id] = prod
        self.unverified = list(pdata.get("unverified") or ())
        self.parameters = {k: Parameter(k, v) for k, v in _load_yaml("parameters.yml").items()}
        self.fields = _load_yaml("fields.yml")

    def __getitem__(self, product_id):
        return self.products[product_id]

    def __iter__(self):
        return iter(self.products.values())

    def value_at(self, name, date):
        """Value of parameter ``name`` in force at ``date`` (None before its first value)."""
        return self.parameters[name].value_at(_as_date(date))

    def source_at(self, name, date):
        e = self.parameters[name].entry_at(_as_date(date))
        return None if e is None else {"source": e.get("source"), "source_date": e.get("source_date")}


@functools.lru_cache(maxsize=1)
def load_catalogue() -> Catalogue:
    """Load and cache the catalogue (products, dated parameters, field specs)."""
    return Catalogue()


def value_at(name, date):
    """Shortcut: ``value_at("smic_brut_mensuel", date(2026, 7, 1)) -> 1867.02``."""
    return load_catalogue().value_at(name, date)
