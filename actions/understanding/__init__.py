"""Understanding free French text: employee-profile facts for the housing assistant.

Pure Python (no Rasa import), deterministic, fast (a few milliseconds a message). Public API::

    from actions.understanding import (extract_facts, parse_answer, DONT_KNOW, Facts,
                                       looks_english, zone_for_place, is_dont_know)

    extract_facts(text: str, today: date, pending_field: str | None = None) -> dict[str, Any]
        Every profile field (names and enum values of interfaces.md section 4) that the message
        states, volunteered or not: dates as ISO strings 'YYYY-MM-DD' (or False for "pas de
        promesse" / "pas de mutation": none), numbers as int (or float), booleans,
        difficulty_events as a list. ``pending_field`` is the field the bot just asked: a bare
        answer ("oui", "24", "1200", "le 1er septembre", "CDD") goes to it; every other fact of
        the message is still extracted. A later value simply overwrites an earlier one in the
        caller's profile ("en fait j'ai 31 ans" -> {"age": 31}).
    parse_answer(field: str, text: str, today: date) -> value | DONT_KNOW | None
        The value of that one field in an answer; DONT_KNOW for "je ne sais pas", "aucune idée",
        "jsp"...; None when unusable (the bot re-asks).
    DONT_KNOW        the "je ne sais pas" marker: a str subclass ("DONT_KNOW"), test with ``is``.
    Facts            alias of dict (field -> value).
    looks_english(text) -> bool          "hello, I need help with housing" -> True.
    zone_for_place(name) -> "I" | "II" | "III" | None   town, département name or number,
        postal code or region -> Visale zone; None when unknown or when the place does not
        decide it (a département holding a big agglomeration, a name shared by several places).
    is_dont_know(text) -> bool

How it is built (docs/conversation.md): ``reading.read`` reads a message once into a frozen
``Reading`` (normalised text, clauses, numbers, dates, today, pending field); the readers
``work``, ``dated``, ``people``, ``travel``, ``money``, ``housing`` and ``places`` take it in turn
(``facts.facts_of``); ``answer`` parses the bare answer to the pending field; ``extract`` joins
them. Field kinds and bounds come from the one schema of profile fields (``field_kinds``).

Choices made (the dialogue may rely on them):
- Text is folded (lowercase, no accents), SMS spellings expanded ("jsuis", "jai", "ya", "80 bornes"),
  small typos of keywords corrected (edit distance 1-2), number words written as digits
  (text2num's ``alpha2digit``: "mille deux cents euros" -> 1200).
- Amounts: "1 200 €", "1200e", "1,2 k", "1k2", "1 100 balles". A salary without "brut"/"net" is
  the gross salary for an alternant (the contract salary, as the field spec asks) and the net
  salary otherwise. Yearly salaries or resources ("24 000 € brut par an", or over 10 000 without
  "par mois") are divided by 12; a "revenu fiscal" is ignored. "loyer 600 hc + 50 de charges" -> 650.
- Ages: "N ans" unless it is a duration ("depuis 3 ans", "20 ans d'ancienneté") or someone
  else's age ("mon fils a 3 ans"); a birth date gives the age at ``today``.
- Distances and travel times are those of the move (previous_home_*); commuting figures
  ("40 km par jour") and clock times ("je commence à 9h") are ignored.
- Dates: relative forms are computed against ``today``: "il y a 2 mois" = the same day two
  months before (clamped to the month's end), "il y a 3 semaines" = 21 days before, "dans 15
  jours", "la semaine prochaine" = +7 days, "le mois prochain" = the 1st of next month, "depuis 6
  mois" = 6 months ago, "début/mi/fin septembre" = the 1st/15th/last day. A day and month without
  a year take the past occurrence in a past-tense sentence ("a commencé le 1er septembre"), the
  next one in a future sentence ("je commence le..."), else the occurrence closest to today.
  Complete numeric dates go through dateparser (fr, day-month-year); short date answers that
  our patterns miss go to dateparser with RELATIVE_BASE=today.
- A date goes to the field named by the nearest cue word of its clause: promesse ->
  job_promise_start_date, muté/mutation -> mutation_date, emménager/entrée/clés/déménager ->
  move_in_date, contrat/commencé/embauché/prise de poste/CDI... -> job_start_date; a date with no
  cue goes to the pending date field.
- A CDI that started at least 8 months ago (longest trial period with renewal) is confirmed.
- "plus de 50 salariés" -> 51, "moins de 10 salariés" -> 9, "une vingtaine" -> 20.
- Zone: the place of the new home (the last place named, not one marked as the former home:
  "je quitte Lyon pour Rennes" -> Rennes; "à 80 km de Rennes" names no zone). Table and sources
  in data/visale_zones.yml.
- SNCF and RATP count as EPIC (as the brief asked; SNCF has been a société anonyme since 2020).
"""
from .answer import DONT_KNOW, is_dont_know, parse_answer
from .english import looks_english
from .extract import extract_facts
from .facts import Facts
from .places import zone_for_place

__all__ = ["extract_facts", "parse_answer", "DONT_KNOW", "Facts", "looks_english", "zone_for_place",
           "is_dont_know"]
