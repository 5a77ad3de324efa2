"""The age reader: « 19 ans », a birth date; durations (« depuis 3 ans ») and other people's
ages (« mon fils a 3 ans ») are not the person's age."""
from __future__ import annotations

import re

from . import dates as _dates
from .reading import Reading

_c = re.compile  # a rule pattern

# --------------------------------------------------------------------------- ages
_AGE_NEG_BEFORE = _c(r"(?:depuis|il y a|ca fait|cela fait|fait|pendant|dans|d'ici|plus de|moins de|bail de|pret sur|credit sur|sur|en|tous les|chaque|pour|avant|apres|durant|de plus de|entre)\s*$")
_AGE_NEG_STRONG = _c(r"^\s*(?:d'anciennete|d'experience|de cdi|de contrat|de travail|de boite|d'etudes|de bail|de pret|de credit|de mariage|de loyer|de vie commune|d'activite|de service|de carriere|de metier|d'affilee|d'interim|de chomage|de plus|de moins)\b")
_AGE_NEG_AFTER = _c(r"^\s*(?:d'anciennete|d'experience|de cdi|de contrat|de travail|de boite|d'etudes|de bail|de pret|de credit|de mariage|de loyer|de vie commune|d'activite|dans|chez|en cdi|en cdd|de service|que|de suite|ici|la-bas|a|au|aux|sur|de carriere|de metier|plus tard|d'affilee|deja dans|d'interim|de chomage)\b")
# « 27 ans en CDI, je cherche… »: a clause that opens with the number and names the contract is
# the person's age and situation (a duration says « depuis 3 ans », « 3 ans de CDI »)
_AGE_THEN_CONTRACT = _c(r"^\s*(?:en (?:cdi|cdd|interim|alternance|apprentissage|contrat pro)\b)")
_RELATIVE = _c(r"\b(?:fils|fille|filles|enfant|enfants|mari|femme|epoux|epouse|conjoint|conjointe|copain|copine|compagnon|compagne|frere|soeur|bebe|pere|mere|parents|il|elle|ils|elles|petit|petite|neveu|niece|chien|chat|voiture|immeuble|maison|appart|logement|batiment|bail|entreprise|boite|contrat|cdd|cdi|mission|stage|formation|pret|credit|emprunt|garantie|engagement|periode|duree|etudes|diplome|experience|anciennete)\b")


def read_age(r: Reading, used: set) -> int | None:
    """The person's age: « 19 ans » unless it is a duration or someone else's, or a birth date."""
    t, nums, today = r.text, r.numbers, r.today
    for n in nums:
        if n.unit != "ans" or n.start in used:
            continue
        cs, _ = r.clause_of(n.start)
        before = t[max(cs, n.start - 30):n.start]
        after = t[n.end:n.end + 30]
        if not (14 <= n.value <= 110) or n.value != int(n.value):
            continue
        if _AGE_NEG_STRONG.search(after):
            continue
        if _AGE_NEG_BEFORE.search(before) or _AGE_NEG_AFTER.search(after):
            if not re.search(r"(?:j'ai|j'aurai|j'ai bientot|ai|age de|agee de|agé de)\s*$", before) \
                    and not _AGE_THEN_CONTRACT.match(t[cs:n.start] + after):
                continue
        if re.search(r"\b(?:a|ont|aura|auront)\s*$", before) or _RELATIVE.search(before[-22:]):
            if not re.search(r"\b(?:j'ai|moi|je)\b", before[-22:]):
                continue
        used.add(n.start)
        return int(n.value)
    # birth date: "ne le 3 mars 2001", "nee en 1999"
    m = re.search(r"\b(?:ne|nee|naissance)\b(?: le| en| :)?", t)
    if m:
        for d in _dates.find_dates(t[m.end():m.end() + 30], today):
            b = d.value
            if b < today and b.year > today.year - 110:
                return today.year - b.year - ((today.month, today.day) < (b.month, b.day))
    return None
