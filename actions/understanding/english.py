"""Whether a message is written in English."""
from __future__ import annotations

import re

from .text import fold


# --------------------------------------------------------------------------- English
_EN = set("""i i'm im you the is are am need needs help with do does speak english my what how can could please
want looking for apartment flat rent renting housing job work working have has it this that would like to
hi hey hello thanks thank there where when why who which your our we they an of and in on at be been
not don't dont doesn't can't cannot about any some get got find moving move salary student am also know
""".split())
_FR = set("""je j'ai tu vous il elle nous on le la les un une de des du est suis es sommes et pour avec mon ma mes
ton ta tes votre vos pas que qui quoi oui non bonjour merci c'est ai au aux en logement loyer appart dans sur
ce cette mais ou comment pourquoi quand quel quelle bonsoir salut travail j'habite je suis aide aides
""".split())


def looks_english(text: str) -> bool:
    """True for a message written in English ("hello, I need help with housing",
    "do you speak English?"); False for French, even with an English word or two."""
    if not text:
        return False
    t = fold(text)
    if re.search(r"\b(?:do you speak english|speak english|in english|english please|english\?|anglais)\b", t) \
            and not re.search(r"\b(?:parlez|parles|parler|en anglais)\b", t):
        return True
    toks = re.findall(r"[a-z']+", t)
    en = sum(1 for w in toks if w in _EN and w not in _FR)
    fr = sum(1 for w in toks if w in _FR)
    return en >= 2 and en > 2 * fr
