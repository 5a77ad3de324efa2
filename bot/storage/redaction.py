"""Redaction of personal identifiers before anything is stored or logged (issue 13).

``redact_text(text)`` replaces, in a user's (or an advisor's) free text, the identifiers that
no eligibility rule needs by a typed mask, and keeps every other word:

======================  ==============================  ====================================
what                    how it is recognised            mask
======================  ==============================  ====================================
e-mail address          ``local@domain.tld``            « [e-mail] »
IBAN                    country + key + BBAN, ISO 7064  « [IBAN] »
                        checksum (python-stdnum); a
                        French-shaped IBAN (27 chars)
                        with a typo is masked too
card number             13-19 digits, Luhn checksum     « [carte bancaire] »
                        (python-stdnum), or 4 groups
                        of 4 digits
social security (NIR)   stdnum.fr.nir, or the spaced    « [n° de sécurité sociale] »
                        1 2 2 2 3 3 (2) layout
phone number            phonenumbers (FR default region « [téléphone] »
                        then any +/00 international),
                        plus French 0X XX XX XX XX forms
postal address          street number + type de voie +  « [adresse] »
                        name (the town, the postcode
                        after it are kept)
person's name           « je m'appelle X », « mon nom    « [nom] »
                        est X », « nom : X », « Mme X »,
                        « Monsieur X », a signature
                        after « Cordialement, »
======================  ==============================  ====================================

Never masked: amounts and salaries (« 1 300 € »), dates (« 14/08/2026 », « le 14 août »),
ages, durations, a postcode alone, town names. The function is pure and fast (a clean message
costs a few microseconds: one regular-expression test decides whether anything may be there;
``bench/bench_redaction.py`` measures it).

``redact_event(event)`` returns a copy of a Rasa event (as a dict) where every string is
redacted (text, ``parse_data`` text and entities, slot values, bot texts and payloads...),
except the keys that only name things (event type, intent and action names, timestamps).
"""
from __future__ import annotations

import re
from typing import Any, Callable, Iterable

import phonenumbers
from stdnum import iban as stdnum_iban
from stdnum import luhn
from stdnum.fr import nir as stdnum_nir

MASKS = {
    "phone": "[téléphone]",
    "email": "[e-mail]",
    "iban": "[IBAN]",
    "card": "[carte bancaire]",
    "nir": "[n° de sécurité sociale]",
    "address": "[adresse]",
    "name": "[nom]",
}
ALL_MASKS = tuple(MASKS.values())

# Public numbers the assistant itself gives (the Action Logement line of the catalogue,
# actions/eligibility/catalogue/products.yml): not a person's data, kept readable.
PUBLIC_NUMBERS = frozenset({"970800800"})

# -- quick test: could the text hold anything to mask at all? ---------------------------------
_MAYBE = re.compile(
    r"@|\d|\barobase\b|appel|\bnom\b|pr[ée]nom|\bmme\b|\bmlle\b|madame|monsieur|mademoiselle"
    r"|\bm\.\s|\bmr\.?\s|cordialement|salutations|bien\s+[àa]\s+vous|\bmerci\b|\bsign[ée]",
    re.IGNORECASE)

# -- e-mail ------------------------------------------------------------------------------------
_EMAIL = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\-À-ÿ]{1,64}\s*(?:@|\(at\)|\[at\]|\s(?:arobase|at)\s)\s*"
    r"[A-Za-z0-9À-ÿ\-]+(?:\s*(?:\.|\s(?:point|dot)\s)\s*[A-Za-z0-9À-ÿ\-]+)*"
    r"\s*(?:\.|\s(?:point|dot)\s)\s*[A-Za-z]{2,24}\b", re.IGNORECASE)
_EMAIL_STRICT_AT = re.compile(r"@|\(at\)|\[at\]|\sarobase\s", re.IGNORECASE)

# -- IBAN --------------------------------------------------------------------------------------
_IBAN = re.compile(r"\b[A-Z]{2}\s?\d{2}(?:[ .\-]?[A-Z0-9]){10,30}\b", re.IGNORECASE)

# -- NIR (numéro de sécurité sociale) ----------------------------------------------------------
_NIR = re.compile(
    r"(?<![\d.,])[12378][ .\-]?\d{2}[ .\-]?(?:0[1-9]|1[0-2]|[2-9]\d)[ .\-]?(?:\d{2}|2[AB])"
    r"[ .\-]?\d{3}[ .\-]?\d{3}(?:[ .\-]?\d{2})?(?![\d,]|\.\d)", re.IGNORECASE)
_NIR_SPACED = re.compile(r"^\d\s\d{2}\s\d{2}\s(?:\d{2}|2[AB])\s\d{3}\s\d{3}(?:\s\d{2})?$", re.I)

# -- bank cards --------------------------------------------------------------------------------
_CARD = re.compile(
    r"(?<![\d.,])(?:\d{4}(?:[ \-]\d{4}){2}[ \-]\d{1,7}|\d{4}[ \-]\d{6}[ \-]\d{4,5}|\d{13,19})"
    r"(?![\d,]|\.\d)")
_CARD_GROUPED = re.compile(r"^\d{4}([ \-])\d{4}\1\d{4}\1\d{4}$")

# -- phones ------------------------------------------------------------------------------------
_FR_PHONE = re.compile(
    r"(?<![\d.,/])(?:(?:\+|00)\s?33\s?(?:\(0\)\s?)?|0)[1-9](?:[ .\-]?\d{2}){4}(?![\d,/]|\.\d)")
_DIGIT_RUN = re.compile(r"\d")

# -- postal addresses --------------------------------------------------------------------------
_STREET_TYPES = (
    r"rue|r\.|avenue|av\.?|ave|boulevard|bd|bld|boul\.?|all[ée]e|impasse|imp\.?|chemin|ch\.|quai"
    r"|faubourg|fbg|rond[ -]point|esplanade|parvis|promenade|sentier|ruelle|venelle|traverse"
    r"|mont[ée]e|hameau|lieu[ -]dit|lotissement|lot\.|r[ée]sidence|r[ée]s\.|square|sq\.|cit[ée]"
    r"|place|pl\.|cours|route|rte|voie|passage|villa|clos|domaine|quartier|chauss[ée]e|zac|za")
# types that are also everyday words: only an address when a name follows (capitalised or de/du)
_AMBIGUOUS_TYPES = {"place", "pl.", "cours", "route", "voie", "passage", "villa", "clos",
                    "domaine", "quartier", "square", "cité", "cite", "résidence", "residence",
                    "za", "zac", "montée", "montee", "traverse", "r.", "ch."}
_ADDRESS = re.compile(
    r"(?<![\d.,/])\b(\d{1,4})(?:\s?(?:bis|ter|quater|[a-d]))?\b,?\s+(" + _STREET_TYPES + r")(?=[\s,])",
    re.IGNORECASE)
_CONNECTORS = {"de", "du", "des", "la", "le", "les", "l", "d", "saint", "sainte", "st", "ste",
               "aux", "au", "en", "sur", "sous", "lès", "les", "lez"}
_STOP_WORDS = {"à", "a", "et", "mais", "depuis", "pour", "dans", "avec", "chez", "je", "j",
               "nous", "vous", "qui", "que", "qu", "car", "donc", "ou", "où", "près", "pres",
               "vers", "jusqu", "pendant", "mon", "ma", "mes", "il", "elle", "on", "ils",
               "elles", "c", "ce", "cet", "cette", "est", "suis", "ai", "sommes", "avons",
               "loyer", "appartement", "appart", "studio", "logement", "maison", "chambre",
               "au", "aux", "en", "sur", "sous", "si", "puis", "alors", "ça", "ca", "non",
               "oui", "merci", "bonjour", "svp", "stp", "pas", "ne", "n", "y", "m", "me", "t",
               "te", "se", "s", "tel", "téléphone", "telephone", "mail", "email", "e-mail"}
_TOKEN = re.compile(r"[^\W\d_](?:[^\W\d_]|['’\-])*\.?|[,;:!?()\[\]/]|\d+|\S", re.UNICODE)

# -- names -------------------------------------------------------------------------------------
_NAME_INTRO = re.compile(
    r"\b(?:je\s+m['’]\s?appel+e?s?|j['’]\s?m['’]\s?appel+e?|mon\s+(?:nom|pr[ée]nom)\s+(?:est|c['’]est)"
    r"|mon\s+nom\s+de\s+famille\s+(?:est|c['’]est)|(?:nom|pr[ée]nom|nom\s+de\s+famille)\s*:)\s*",
    re.IGNORECASE)
_TITLE = re.compile(
    r"\b(?:mme|mlle|mr|madame|monsieur|mademoiselle|m\.)(?:\s+|\.\s*)(?=[A-ZÀ-Ý])", re.IGNORECASE)
_SIGNATURE = re.compile(
    r"(?i:\b(?:bien\s+)?cordialement|\b(?:sinc[èe]res\s+|mes\s+)?salutations(?:\s+distingu[ée]es)?"
    r"|\bbien\s+[àa]\s+vous|\bmerci(?:\s+(?:d['’]avance|par\s+avance|beaucoup))?\s*,"
    r"|\bsign[ée]\s*:?)\s*[,.!:\-]?\s*(?=[A-ZÀ-Ý])")
_NAME_WORD = re.compile(r"[A-ZÀ-Ý](?:[a-zà-ÿ]+|\.)(?:[\-'’][A-ZÀ-Ýa-zà-ÿ]+)*|[A-ZÀ-Ý]{2,}")
_ANY_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|[\-'’](?=[^\W\d_]))*", re.UNICODE)
_NOT_NAMES = {"action", "logement", "visale", "loca-pass", "mobili-jeune", "je", "j", "et",
              "merci", "bonjour", "le", "la", "les", "un", "une", "de", "du", "des", "pour",
              "vous", "nous", "ai", "suis", "est", "c", "qui", "car", "mais", "donc", "ou",
              "l", "d", "a", "à", "svp", "stp", "oui", "non", "moi", "mon", "ma", "au", "en",
              "conseiller", "conseillère", "madame", "monsieur", "bien", "apprenti",
              "apprentie", "alternant", "alternante", "salarié", "salariée", "étudiant",
              "étudiante", "saisonnier", "saisonnière", "intérimaire", "cdi", "cdd", "ans",
              "j'ai", "je", "jai", "et", "aussi", "avec", "pas", "comme", "comment",
              "vraiment", "plus", "ici", "donc", "enfin"}


_PARTICLES = {"le", "la", "de", "du", "des", "di", "da", "van", "von", "der", "ben", "el"}


def _has_letter_before(text: str, start: int) -> bool:
    return start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_")


def _mask_emails(text: str) -> str:
    if "@" not in text and not _EMAIL_STRICT_AT.search(text):
        return text
    return _EMAIL.sub(lambda m: MASKS["email"] if _EMAIL_STRICT_AT.search(m.group(0))
                      else m.group(0), text)


def _compact(value: str) -> str:
    return re.sub(r"[\s.\-]", "", value).upper()


def _mask_ibans(text: str) -> str:
    def replace(match: re.Match) -> str:
        value = _compact(match.group(0))
        digits = sum(c.isdigit() for c in value)
        if digits < 8:
            return match.group(0)
        if stdnum_iban.is_valid(value) or (value.startswith("FR") and len(value) == 27):
            return MASKS["iban"]
        return match.group(0)
    return _IBAN.sub(replace, text)


def _mask_nirs(text: str) -> str:
    def replace(match: re.Match) -> str:
        raw = match.group(0)
        value = _compact(raw)
        if len(value) == 15 and stdnum_nir.is_valid(value):
            return MASKS["nir"]
        if _NIR_SPACED.match(raw.strip()):
            return MASKS["nir"]
        if len(value) == 15 and value.isdigit() and value[0] in "12":
            return MASKS["nir"]  # a NIR with a mistyped key is still a NIR
        return raw
    return _NIR.sub(replace, text)


def _mask_cards(text: str) -> str:
    def replace(match: re.Match) -> str:
        raw = match.group(0)
        digits = re.sub(r"\D", "", raw)
        if 13 <= len(digits) <= 19 and (luhn.is_valid(digits) or _CARD_GROUPED.match(raw)):
            return MASKS["card"]
        return raw
    return _CARD.sub(replace, text)


def _national_digits(number: phonenumbers.PhoneNumber) -> str:
    return str(number.national_number)


_PHONE_PREFIX = re.compile(r"^(?:(?:\+|00)\s?33\s?(?:\(0\)\s?)?)")


def _looks_like_fr_phone(raw: str) -> bool:
    """Ten digits written together or in pairs (« 06 12 34 56 78 »), not a date written with
    spaces or dots (« 01 09 2026 », « 06.08.2026 ») nor the service's own public line."""
    if _compact(raw)[-9:] in PUBLIC_NUMBERS:
        return False
    groups = re.split(r"[ .\-]+", _PHONE_PREFIX.sub("", raw).strip())
    return len(groups) == 1 or (len(groups[0]) <= 2 and all(len(g) == 2 for g in groups[1:]))


def _mask_phones(text: str) -> str:
    if len(_DIGIT_RUN.findall(text)) < 8:
        return text
    text = _FR_PHONE.sub(lambda m: MASKS["phone"] if _looks_like_fr_phone(m.group(0))
                         else m.group(0), text)
    if len(_DIGIT_RUN.findall(text)) < 8:
        return text
    spans = []
    for region in ("FR", None):
        try:
            matcher = phonenumbers.PhoneNumberMatcher(text, region or "ZZ",
                                                      leniency=phonenumbers.Leniency.VALID)
            for found in matcher:
                if _national_digits(found.number) in PUBLIC_NUMBERS:
                    continue
                spans.append((found.start, found.end))
        except Exception:  # noqa: BLE001 - a library hiccup must never lose a message
            continue
    return _mask_spans(text, spans, MASKS["phone"])


def _mask_spans(text: str, spans: list, mask: str) -> str:
    """``text`` with each (start, end) span replaced by ``mask``; a span overlapping an earlier
    one is skipped."""
    if not spans:
        return text
    out, last = [], 0
    for start, end in sorted(spans):
        if start < last:
            continue
        out.append(text[last:start])
        out.append(mask)
        last = end
    out.append(text[last:])
    return "".join(out)


def _address_end(text: str, start: int, street_type: str) -> int:
    """Where the street name after the type de voie ends (start: just after the type)."""
    lowercase_text = not any(c.isupper() for c in text)
    end, taken, names = start, 0, 0
    position = start
    while taken < 6:
        match = _TOKEN.search(text, position)
        if not match or text[position:match.start()].strip():
            break
        token = match.group(0)
        word = token.lower().rstrip(".").replace("’", "'")
        bare = word.split("'")[0] if "'" in word else word
        if not token[0].isalpha():
            break
        is_connector = bare in _CONNECTORS or word in _CONNECTORS
        capitalised = token[0].isupper()
        if not is_connector and (word in _STOP_WORDS or bare in _STOP_WORDS):
            break
        if not (capitalised or is_connector or lowercase_text or names == 0):
            break
        if not is_connector:
            names += 1
        taken += 1
        end = match.end()
        position = match.end()
    # trailing connectors (« 12 rue de ») belong to nothing: keep them out only if no name came
    if names == 0:
        return -1
    if street_type.lower() in _AMBIGUOUS_TYPES:
        following = text[start:end].strip()
        first = following.split()[0] if following else ""
        if not (first[:1].isupper() or first.lower().split("'")[0] in _CONNECTORS):
            return -1
    return end


def _mask_addresses(text: str) -> str:
    out, last = [], 0
    for match in _ADDRESS.finditer(text):
        if match.start() < last:
            continue
        end = _address_end(text, match.end(), match.group(2))
        if end < 0:
            continue
        out.append(text[last:match.start()])
        out.append(MASKS["address"])
        last = end
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


def _name_span(text: str, start: int, capitalised_only: bool, max_words: int = 3) -> int:
    """End of the person's name starting at ``start`` (-1 when none)."""
    position, end, taken = start, -1, 0
    while taken < max_words:
        match = _ANY_WORD.match(text, position)
        if not match:
            break
        word = match.group(0)
        lowered = word.lower().replace("’", "'")
        particle = capitalised_only and word[0].isupper() and lowered in _PARTICLES
        initial = (len(word) == 1 and word.isupper() and text[match.end():match.end() + 1] == ".")
        if not (particle or initial) and (lowered in _NOT_NAMES or lowered.split("'")[0] in _NOT_NAMES):
            break
        if capitalised_only and not _NAME_WORD.fullmatch(word.rstrip(".")) and not (
                len(word) == 1 and word.isupper()):
            break
        end = match.end()
        if end < len(text) and text[end] == ".":  # an initial: « J. Dupont »
            end += 1
        taken += 1
        gap = re.match(r"[ \t]+|-", text[end:])
        if not gap:
            break
        position = end + gap.end()
    return end


def _mask_names(text: str) -> str:
    spans = []
    for match in _NAME_INTRO.finditer(text):
        end = _name_span(text, match.end(), capitalised_only=False)
        if end > match.end():
            spans.append((match.end(), end))
    for pattern in (_TITLE, _SIGNATURE):
        for match in pattern.finditer(text):
            end = _name_span(text, match.end(), capitalised_only=True)
            if end > match.end():
                spans.append((match.end(), end))
    return _mask_spans(text, spans, MASKS["name"])


# order matters: the longest, most specific identifiers first, so that a NIR or an IBAN is
# never read as phone numbers, and a masked e-mail never as a name
_STEPS: tuple[Callable[[str], str], ...] = (
    _mask_emails, _mask_ibans, _mask_nirs, _mask_cards, _mask_phones, _mask_addresses,
    _mask_names)


def redact_text(text: str) -> str:
    """``text`` with every personal identifier replaced by its typed mask."""
    if not isinstance(text, str) or not text or not _MAYBE.search(text):
        return text
    for step in _STEPS:
        text = step(text)
    return text


# -- events ------------------------------------------------------------------------------------
# keys whose values only name things (never free text): not walked
_EVENT_SAFE_KEYS = frozenset({
    "event", "timestamp", "policy", "confidence", "intent_ranking", "response_selector",
    "model_id", "assistant_id", "input_channel", "message_id", "action_text", "hide_rule_turn",
    "action_name", "type_name", "sender_id"})


def _redact_value(value: Any) -> Any:
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, dict):
        return {key: (item if key in _EVENT_SAFE_KEYS else _redact_value(item))
                for key, item in value.items()}
    if isinstance(value, list):
        return [_redact_value(item) for item in value]
    return value


def redact_event(event: dict) -> dict:
    """A copy of the Rasa event (``Event.as_dict()``) with every free text redacted.

    ``event`` is left untouched (the running conversation keeps the original in memory).
    """
    if not isinstance(event, dict):
        return event
    return _redact_value(event)


def partly_masked(contact: str) -> str:
    """What a message may repeat of a contact so that its owner recognises it: « 06 •• •• •• 78 »,
    « j•••@exemple.fr » (never the whole number or address)."""
    contact = (contact or "").strip()
    if "@" in contact:
        local, _, domain = contact.partition("@")
        return f"{local[:1]}•••@{domain}"
    digits = re.sub(r"\D", "", contact)
    if len(digits) >= 6:
        return f"{digits[:2]} •• •• •• {digits[-2:]}"
    return "•••"


def redact_all(texts: Iterable[str]) -> list[str]:
    return [redact_text(text) for text in texts]


def contains_mask(text: str) -> bool:
    return isinstance(text, str) and any(mask in text for mask in ALL_MASKS)
