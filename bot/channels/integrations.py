"""The HR integrations file: who may post to ``/webhooks/hr/webhook`` and where replies go.

``integrations.yml`` at the project root by default, ``INTEGRATIONS_FILE`` overrides it
(interfaces.md section 6). A YAML list of::

    - id: acme                      # lower-case letters, digits, - and _ (1 to 64)
      secret: ${HR_ACME_SECRET}     # at least 16 characters; ${VAR} reads the environment
      callback_url: https://rh.acme.example/assistant/callback
      employer: {sector: prive_non_agricole, size: 250, contributes: true}

``secret`` and ``callback_url`` may be written as ``${ENV_VAR}`` so that no real secret is
committed. Every problem found is reported at once, each naming its entry and field.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Optional
from urllib.parse import urlsplit

import yaml

from actions.eligibility.fields import employer_metadata_fields, enum_values
from bot import settings

ENV_NAME = "INTEGRATIONS_FILE"
# the employer context: its keys and the sectors are those of the profile schema (fields.yml)
EMPLOYER_KEYS = tuple(employer_metadata_fields())
SECTORS = enum_values(employer_metadata_fields()["sector"])
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
ENV_REFERENCE = re.compile(r"^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$")
MIN_SECRET_LENGTH = 16
ENTRY_KEYS = ("id", "secret", "callback_url", "employer")


class IntegrationsError(ValueError):
    """The integrations file cannot be used; the message lists every problem."""

    def __init__(self, source: str, problems: list[str]):
        self.source = source
        self.problems = problems
        super().__init__(f"{source}: " + "; ".join(problems) if len(problems) == 1 else
                         f"{source}: {len(problems)} problems:\n- " + "\n- ".join(problems))


@dataclass(frozen=True)
class Employer:
    sector: Optional[str] = None
    size: Optional[int] = None
    contributes: Optional[bool] = None

    def as_metadata(self) -> dict[str, Any]:
        """The ``employer`` metadata (interfaces: sector, size, contributes), known values only."""
        values = {"sector": self.sector, "size": self.size, "contributes": self.contributes}
        return {key: value for key, value in values.items() if value is not None}


@dataclass(frozen=True)
class Integration:
    id: str
    secret: str = field(repr=False)
    callback_url: str
    employer: Employer


def default_path() -> Path:
    value = os.environ.get(ENV_NAME, "").strip()
    return Path(value) if value else settings.ROOT / "integrations.yml"


def _expand(value: Any, where: str, environ: Mapping[str, str], problems: list[str]) -> Any:
    if not isinstance(value, str):
        return value
    match = ENV_REFERENCE.match(value.strip())
    if not match:
        return value
    name = match.group(1)
    expanded = environ.get(name, "")
    if not expanded.strip():
        problems.append(f"{where}: environment variable {name} is not set or empty")
        return None
    return expanded.strip()


def _employer(raw: Any, where: str, problems: list[str]) -> Employer:
    if not isinstance(raw, dict):
        problems.append(f"{where}: must be a mapping with sector, size and contributes")
        return Employer()
    unknown = sorted(str(key) for key in raw if key not in EMPLOYER_KEYS)
    if unknown:
        problems.append(f"{where}: unknown field(s) {', '.join(unknown)} "
                        f"(allowed: {', '.join(EMPLOYER_KEYS)})")
    sector, size, contributes = raw.get("sector"), raw.get("size"), raw.get("contributes")
    if sector is not None and sector not in SECTORS:
        problems.append(f"{where}.sector: {sector!r} is not one of {', '.join(SECTORS)}")
        sector = None
    if size is not None and (isinstance(size, bool) or not isinstance(size, int) or size < 0):
        problems.append(f"{where}.size: must be a whole number of employees, not {size!r}")
        size = None
    if contributes is not None and not isinstance(contributes, bool):
        problems.append(f"{where}.contributes: must be true or false, not {contributes!r}")
        contributes = None
    if all(raw.get(key) is None for key in EMPLOYER_KEYS) and not unknown:
        problems.append(f"{where}: give at least one of sector, size, contributes")
    return Employer(sector=sector, size=size, contributes=contributes)


def _callback_url(value: Any, where: str, problems: list[str]) -> str:
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{where}: required, an http:// or https:// URL")
        return ""
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        problems.append(f"{where}: {value!r} is not an http:// or https:// URL")
    return value.strip()


def parse_integrations(data: Any, source: str = "integrations",
                       environ: Optional[Mapping[str, str]] = None) -> dict[str, Integration]:
    """Validate the loaded YAML; return the integrations by id or raise IntegrationsError."""
    environ = os.environ if environ is None else environ
    if data is None:
        return {}
    if not isinstance(data, list):
        raise IntegrationsError(source, [
            "must be a list of integrations (- id: ..., secret: ..., callback_url: ..., "
            "employer: ...)"])
    problems: list[str] = []
    integrations: dict[str, Integration] = {}
    for index, entry in enumerate(data, start=1):
        if not isinstance(entry, dict):
            problems.append(f"entry {index}: must be a mapping with {', '.join(ENTRY_KEYS)}")
            continue
        raw_id = entry.get("id")
        label = f"entry {index} (id {raw_id!r})" if raw_id is not None else f"entry {index}"
        before = len(problems)
        unknown = sorted(str(key) for key in entry if key not in ENTRY_KEYS)
        if unknown:
            problems.append(f"{label}: unknown field(s) {', '.join(unknown)} "
                            f"(allowed: {', '.join(ENTRY_KEYS)})")
        for key in ENTRY_KEYS:
            if key not in entry:
                problems.append(f"{label}: missing field {key}")
        if raw_id is not None and (not isinstance(raw_id, str) or not ID_PATTERN.match(raw_id)):
            problems.append(f"{label}.id: use 1 to 64 lower-case letters, digits, - or _ "
                            "(starting with a letter or digit)")
        elif isinstance(raw_id, str) and raw_id in integrations:
            problems.append(f"{label}.id: duplicate id {raw_id!r}")
        secret = _expand(entry.get("secret"), f"{label}.secret", environ, problems)
        if "secret" in entry and secret is not None:
            if not isinstance(secret, str):
                problems.append(f"{label}.secret: must be a string")
            elif len(secret) < MIN_SECRET_LENGTH:
                problems.append(f"{label}.secret: too short, use at least "
                                f"{MIN_SECRET_LENGTH} characters (e.g. `openssl rand -hex 32`)")
        callback = _expand(entry.get("callback_url"), f"{label}.callback_url", environ, problems)
        if "callback_url" in entry and callback is not None:
            callback = _callback_url(callback, f"{label}.callback_url", problems)
        employer = (_employer(entry["employer"], f"{label}.employer", problems)
                    if "employer" in entry else Employer())
        if len(problems) == before:
            integrations[raw_id] = Integration(id=raw_id, secret=secret, callback_url=callback,
                                               employer=employer)
    if problems:
        raise IntegrationsError(source, problems)
    return integrations


def load_integrations(path: Optional[Path] = None,
                      environ: Optional[Mapping[str, str]] = None) -> dict[str, Integration]:
    """Read and validate the integrations file; a missing file means no integration."""
    path = default_path() if path is None else Path(path)
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise IntegrationsError(str(path), [f"not valid YAML: {error}"]) from None
    return parse_integrations(data, str(path), environ)
