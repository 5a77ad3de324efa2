"""What every door of the Rasa server accepts (docs/security.md): ids, text, metadata, bodies.

Pure helpers shared by the channels (REST, socket.io, HR, Slack, Teams):

- a conversation id is a string of 1 to 128 characters among letters, digits and ``. _ @ + - :``
  (HR ids are ``hr:<integration>:<sender>``, so the stored id stays under 255);
- a user message is a string; NUL, other control characters and lone surrogates are removed
  (they broke the tracker store); longer than ``MAX_MESSAGE_CHARS`` (5 000) it never reaches the
  NLU: the person gets a French message asking to shorten it;
- metadata is a JSON object of at most 8 kB; its ``employer`` follows the integrations schema;
- a body is strict JSON (no NaN/Infinity), at most ``max_bytes`` once decompressed (gzip and
  deflate accepted, decompressed with a bound).
"""
from __future__ import annotations

import json
import re
import unicodedata
import zlib
from typing import Any, Optional

from bot import settings

MAX_ID_LENGTH = 128
ID_PATTERN = re.compile(r"^[A-Za-z0-9._@+:-]{1,128}$")
MAX_METADATA_BYTES = 8 * 1024
DEFAULT_MAX_BODY_BYTES = 64 * 1024

TOO_LONG = ("Votre message est trop long : {limit} caractères au plus. "
            "Pouvez-vous l'écrire en plus court ?")
EMPTY = "Votre message est vide : écrivez votre question en quelques mots."
NOT_HANDLED = ("Je n'ai pas pu traiter ce message. Pouvez-vous le reformuler, "
               "ou écrire « conseiller » pour parler à une personne ?")
RESTARTING = ("L'assistant redémarre : votre message n'a pas pu être traité. "
              "Réessayez dans une minute.")


class BodyError(ValueError):
    """A request body refused; ``status`` is the HTTP status, the message is French."""

    def __init__(self, status: int, message: str, field: Optional[str] = None):
        super().__init__(message)
        self.status = status
        self.field = field


def max_message_chars() -> int:
    return settings.max_message_chars()


def sender_problem(value: Any, field: str = "sender") -> Optional[str]:
    """Why ``value`` is not an acceptable conversation id (French), or None."""
    if not isinstance(value, str) or not value:
        return f"le champ '{field}' doit être un texte non vide"
    if len(value) > MAX_ID_LENGTH:
        return f"le champ '{field}' dépasse {MAX_ID_LENGTH} caractères"
    if not ID_PATTERN.match(value):
        return (f"le champ '{field}' ne peut contenir que des lettres, des chiffres "
                "et . _ @ + - :")
    return None


def clean_text(text: str) -> str:
    """The text without NUL, control characters (tab and new lines kept) or lone surrogates."""
    kept = []
    for char in text:
        code = ord(char)
        if 0xD800 <= code <= 0xDFFF:
            continue
        if char in "\t\n\r":
            kept.append(char)
            continue
        if unicodedata.category(char) == "Cc":
            continue
        kept.append(char)
    return "".join(kept)


def message_problem(value: Any) -> Optional[str]:
    """Why ``value`` cannot be a user message (French, for a 400), or None."""
    if not isinstance(value, str):
        return "le champ 'message' doit être un texte"
    return None


def too_long(text: str) -> bool:
    return len(text) > max_message_chars()


def too_long_message() -> str:
    return TOO_LONG.format(limit=f"{max_message_chars():,}".replace(",", " "))


def _strict_constant(name: str) -> Any:
    raise ValueError(f"{name} n'est pas une valeur JSON")


def loads_strict(raw: Any) -> Any:
    """JSON without NaN/Infinity (Python's json accepts them; JSON does not)."""
    if isinstance(raw, (bytes, bytearray, memoryview)):
        raw = bytes(raw).decode("utf-8")
    return json.loads(raw, parse_constant=_strict_constant)


def decompressed(raw: bytes, encoding: Optional[str], max_bytes: int) -> bytes:
    """The body after Content-Encoding (identity, gzip, deflate), at most ``max_bytes``."""
    encoding = (encoding or "identity").strip().lower()
    if encoding in ("", "identity"):
        if len(raw) > max_bytes:
            raise BodyError(413, f"corps de requête trop grand ({max_bytes} octets au plus)")
        return raw
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise BodyError(415, f"Content-Encoding {encoding!r} non accepté (gzip ou deflate)")
    attempts = [16 + zlib.MAX_WBITS] if "gzip" in encoding else [zlib.MAX_WBITS, -zlib.MAX_WBITS]
    for wbits in attempts:  # deflate: zlib-wrapped, else raw as some clients send
        try:
            inflater = zlib.decompressobj(wbits)
            out = inflater.decompress(raw, max_bytes + 1)
        except zlib.error:
            continue
        if len(out) > max_bytes or inflater.unconsumed_tail:
            raise BodyError(413, "corps de requête trop grand une fois décompressé "
                                 f"({max_bytes} octets au plus)")
        return out
    raise BodyError(400, "corps compressé illisible")


def json_object(raw: bytes, encoding: Optional[str] = None,
                max_bytes: int = DEFAULT_MAX_BODY_BYTES) -> dict:
    """The body as a JSON object, or BodyError (413, 415 or 400 with a French message)."""
    body = decompressed(raw or b"", encoding, max_bytes)
    try:
        value = loads_strict(body)
    except (ValueError, UnicodeDecodeError):
        raise BodyError(400, "le corps de la requête n'est pas un JSON valide") from None
    if not isinstance(value, dict):
        raise BodyError(400, "le corps de la requête doit être un objet JSON")
    return value


def clean_metadata(value: Any) -> dict:
    """Metadata as stored: a JSON object of at most 8 kB with a valid ``employer``.

    Raises BodyError(400) naming the problem (callers that cannot answer 400 drop it)."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise BodyError(400, "le champ 'metadata' doit être un objet JSON", "metadata")
    try:
        size = len(json.dumps(value, ensure_ascii=False, allow_nan=False).encode("utf-8",
                                                                              "surrogatepass"))
    except (TypeError, ValueError):
        raise BodyError(400, "le champ 'metadata' contient une valeur non JSON (NaN, Infinity)",
                        "metadata") from None
    if size > MAX_METADATA_BYTES:
        raise BodyError(400, f"le champ 'metadata' dépasse {MAX_METADATA_BYTES} octets",
                        "metadata")
    cleaned = _clean_strings(value)
    if "employer" in cleaned:
        from bot.channels.integrations import _employer

        problems: list[str] = []
        employer = _employer(cleaned["employer"], "metadata.employer", problems)
        if problems:
            raise BodyError(400, "le champ 'metadata.employer' est invalide : "
                            + "; ".join(problems), "metadata.employer")
        cleaned["employer"] = employer.as_metadata()
    return cleaned


def _clean_strings(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_text(str(k)): _clean_strings(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean_strings(v) for v in value]
    return value


def lenient_metadata(value: Any) -> dict:
    """For channels that cannot answer 400 (socket.io): invalid metadata is dropped."""
    if isinstance(value, str):
        try:
            value = loads_strict(value)
        except ValueError:
            return {}
    try:
        return clean_metadata(value)
    except BodyError:
        if isinstance(value, dict) and "employer" in value:
            rest = {k: v for k, v in value.items() if k != "employer"}
            try:
                return clean_metadata(rest)
            except BodyError:
                return {}
        return {}
