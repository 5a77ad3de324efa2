"""Territories as data: the files of ``territories/*.yml`` (Rennes Métropole first).

A territory file lists its communes (INSEE code, postcodes, Visale zone decided from the INSEE
urban units, with sources), local knowledge by topic (answer + sources) and local steps added to a
verdict when the profile or the result matches (``when`` conditions, see the file). A second
territory is one more file: nothing here names a territory.

    load_territories() -> {id: Territory}
    find_place("Bruz") / find_place("35047") / find_place("35170") -> Place | None
    zone_of(place) -> "II" | "III" | None
    find_topics(text) -> [topic keys]          # keyword routing of a question (folded text)
    topic_answer(territory, topic) -> {"title", "answer", "sources": [{title, url, date}]}
    local_steps(territory, profile, result) -> [{"topic", "text", "sources"}]

Pure: PyYAML only, no Rasa, nothing of the rest of the project.
"""
from __future__ import annotations

import functools
import os
import re
import unicodedata

import yaml

TERRITORY_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "territories")
ACCEPTED = ("eligible", "to_confirm")


def fold(text: str) -> str:
    """lowercase, no accents, hyphens/apostrophes/punctuation as spaces, 'st' -> 'saint'."""
    t = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower()
    t = re.sub(r"[-'’.,;:!?()/«»\"]", " ", t)
    t = re.sub(r"\bst\b", "saint", t)
    t = re.sub(r"\bste\b", "sainte", t)
    return re.sub(r"\s+", " ", t).strip()


class Place:
    """A place found in a territory: the territory, the commune (None for a postcode shared by
    several communes) and the Visale zone (None when the place does not decide it)."""

    __slots__ = ("territory", "commune", "zone", "in_territory")

    def __init__(self, territory, commune, zone, in_territory=True):
        self.territory = territory
        self.commune = commune
        self.zone = zone
        self.in_territory = in_territory

    def __repr__(self):  # pragma: no cover
        return f"Place({self.territory.id}, {self.commune and self.commune['name']}, {self.zone})"


class Territory:
    def __init__(self, data):
        self.data = data
        self.id = data["id"]
        self.name = data["name"]
        self.sources = data.get("sources") or {}
        self.communes = list(data["communes"])
        self.topics = data.get("topics") or {}
        self.steps = list(data.get("local_steps") or ())
        self.place_keywords = [fold(k) for k in data.get("place_keywords") or ()]
        self.shared_outside = set(str(p) for p in data.get("postcodes_shared_outside") or ())
        self.postcode_zone_outside = {str(k): v for k, v in (data.get("postcode_zone_outside") or {}).items()}
        self.by_insee = {c["insee"]: c for c in self.communes}
        self.by_name = {fold(c["name"]): c for c in self.communes}
        self.by_postcode = {}
        for c in self.communes:
            for pc in c["postcodes"]:
                self.by_postcode.setdefault(str(pc), []).append(c)

    def source(self, key):
        s = self.sources[key]
        return {"key": key, "title": s["title"], "url": s.get("url"), "date": str(s["date"]),
                "last_checked": str(s["last_checked"]) if s.get("last_checked") else None}

    def find(self, text):
        """Place for a commune name, an INSEE code or a postcode of this territory, else None."""
        key = fold(text)
        key = re.sub(r"^(?:a|au|en|dans|sur|vers|le|la|les|l|de|du|commune de|ville de)\s+(?=\D)", "", key) \
            if key not in self.by_name else key
        c = self.by_name.get(key)
        if c is not None:
            return Place(self, c, c["visale_zone"])
        if re.fullmatch(r"\d{5}", key):
            if key in self.by_insee and key not in self.by_postcode:
                c = self.by_insee[key]
                return Place(self, c, c["visale_zone"])
            communes = self.by_postcode.get(key)
            if communes:
                zones = {c["visale_zone"] for c in communes}
                if key in self.shared_outside:
                    zones.add(self.postcode_zone_outside.get(key))
                zone = zones.pop() if len(zones) == 1 else None
                only = communes[0] if len(communes) == 1 and key not in self.shared_outside else None
                return Place(self, only, zone, in_territory=key not in self.shared_outside)
        return None


@functools.lru_cache(maxsize=1)
def load_territories() -> dict:
    """Every territory file of ``territories/`` (cached), by id."""
    out = {}
    for name in sorted(os.listdir(TERRITORY_DIR)):
        if name.endswith((".yml", ".yaml")):
            with open(os.path.join(TERRITORY_DIR, name), encoding="utf-8") as fh:
                t = Territory(yaml.safe_load(fh))
            if t.id in out:
                raise ValueError(f"duplicate territory id {t.id} ({name})")
            out[t.id] = t
    return out


def find_place(text):
    """The place of ``text`` (commune name, INSEE code, postcode) in any territory, or None."""
    if not text or not str(text).strip():
        return None
    for t in load_territories().values():
        p = t.find(text)
        if p is not None:
            return p
    return None


def zone_of(text):
    p = find_place(text)
    return None if p is None else p.zone


def territory_in_text(text):
    """(Place, matched name) of the first commune of a territory named in free text, else (None, None)."""
    t = " " + fold(text) + " "
    best = None
    for terr in load_territories().values():
        for key, c in terr.by_name.items():
            m = re.search(r"(?<![a-z0-9])" + re.escape(key) + r"(?![a-z0-9])", t)
            if m and (best is None or len(key) > len(best[1])):
                best = (Place(terr, c, c["visale_zone"]), key)
        for pc in terr.by_postcode:
            if re.search(r"(?<!\d)" + pc + r"(?!\d)", t) and best is None:
                best = (terr.find(pc), pc)
    return best if best else (None, None)


def territory_named(text):
    """The territory whose commune or place keyword appears in the text, else None."""
    place, _ = territory_in_text(text)
    if place is not None:
        return place.territory
    t = " " + fold(text) + " "
    for terr in load_territories().values():
        if any(re.search(r"(?<![a-z])" + re.escape(k) + r"(?![a-z])", t) for k in terr.place_keywords):
            return terr
    return None


def _stem(folded):
    """Plural-insensitive words: 'logements reserves' -> 'logement reserve'."""
    return " ".join(w[:-1] if len(w) > 3 and w[-1] in "sx" else w for w in folded.split())


def find_topics(text, territory=None):
    """Topic keys whose keywords appear in the (folded, plural-insensitive) text, best first:
    the longest keyword found times the topic's ``weight`` (default 1; a quartier's name says
    more than « logement social »)."""
    t = " " + _stem(fold(text)) + " "
    terrs = [territory] if territory is not None else list(load_territories().values())
    scored = []
    for terr in terrs:
        for key, topic in terr.topics.items():
            hits = [kw for kw in topic.get("keywords", ())
                    if re.search(r"(?<![a-z])" + re.escape(_stem(fold(kw))) + r"(?![a-z])", t)]
            if hits:
                scored.append((max(len(h) for h in hits) * topic.get("weight", 1), len(hits), key))
    scored.sort(reverse=True)
    seen = []
    for _, _, k in scored:
        if k not in seen:
            seen.append(k)
    return seen


def topic_answer(territory, topic):
    """The local answer of ``topic`` with its dated sources."""
    if isinstance(territory, str):
        territory = load_territories()[territory]
    data = territory.topics[topic]
    return {"territory": territory.id, "territory_name": territory.name, "topic": topic, "title": data["title"],
            "answer": " ".join(data["answer"].split()), "sources": [territory.source(k) for k in data["sources"]]}


def _inferred_project(profile):
    if profile.get("project"):
        return profile["project"]
    if profile.get("purchase_operation"):
        return "acheter"
    if profile.get("works_kind"):
        return "travaux"
    if profile.get("difficulty_events"):
        return "difficulte"
    return None


def _holds(cond, profile, statuses):
    if "eligible" in cond and not any(statuses.get(pid) in ACCEPTED for pid in cond["eligible"]):
        return False
    if "profile" in cond:
        for field, values in cond["profile"].items():
            if profile.get(field) not in values:
                return False
    if "project" in cond and _inferred_project(profile) != cond["project"]:
        return False
    if "any" in cond and not any(_holds(c, profile, statuses) for c in cond["any"]):
        return False
    return True


def local_steps(territory, profile, result):
    """Local steps of ``territory`` that apply to this profile and eligibility result."""
    if isinstance(territory, str):
        territory = load_territories()[territory]
    statuses = {r["id"]: r["status"] for r in result.get("results", ())}
    out = []
    for step in territory.steps:
        if _holds(step.get("when") or {}, profile, statuses):
            out.append({"topic": step["topic"], "text": " ".join(step["text"].split()),
                        "sources": [territory.source(k) for k in step["sources"]]})
    return out


def local_block(place, profile, result):
    """The optional ``local`` key of an eligibility result for a place of a territory."""
    terr = place.territory
    return {"territory": terr.id, "name": terr.name,
            "commune": place.commune["name"] if place.commune else None,
            "insee": place.commune["insee"] if place.commune else None,
            "zone": place.zone, "steps": local_steps(terr, profile, result)}
