"""What a message asks besides its facts, read from its words (the classifier's intent is a
hint; these checks decide when a wrong guess would lose facts or end the conversation)."""
from __future__ import annotations

import re

from .products import normalise

# « zéro » alone answers a number question (« zéro » mois de CDD): only « à zéro », « de zéro » reset
RESET_WORDS = ("recommenc", "a zero", "de zero", "reset", "reinitialis", "depuis le debut", "efface", "nouvelle simulation",
               "refaire", "reprendre", "repartir")
WHY_WORDS = ("pourquoi", " pq ", "pkoi", " pk ", "pas droit", "pas le droit", "refuse", "bloque", "il manque",
             "comment ca se fait", "a cause de", "c'est parce que", "c est parce que", "c'est non", "c est non",
             "pas eligible", "y ai pas", "j'y ai pas", "n'y ai pas", "pas pour moi", "c'est mort",
             "je peux pas avoir", "je ne peux pas avoir", "je peux pas l'avoir", "je ne peux pas l'avoir",
             "c'est pas possible", "pas possible pour moi", "ce n'est pas possible")
# An advisor asked for in so many words (not « 80 personnes », not « le conseiller social c'est quoi »).
ADVISOR = re.compile(
    r"\b(?:parler|discuter|echanger)\s+(?:a|avec)\s+(?:un|une|quelqu(?:'| )?un|un vrai|une vraie|le|la)\b"
    r"|\b(?:un|une|le|des)\s+conseill(?:er|ere|ers)\b.*\b(?:m'appelle|me rappelle|me contacte|svp|s'il vous plait|stp)"
    r"|\bconseill(?:er|ere)\s+(?:svp|stp|s'il vous plait)\b"
    r"|\b(?:rappelez|rappeler|rappelle)[- ]?(?:moi)?\b|\bme faire rappeler\b|\bm'appelle\b|\bm'appeler\b"
    r"|\bun humain\b|\bune vraie personne\b|\bquelqu'un de reel\b"
    r"|\b(?:etre|soit)\s+contacte|\bme contacter\b|\ben relation avec\b"
    r"|\b(?:voudrais|veux|aimerais|souhaite|prefere)\s+(?:parler|un conseiller|une conseillere|etre rappele)")
# A goodbye that cannot be an answer (said with nothing else).
GOODBYE = re.compile(r"^(?:au revoir|aurevoir|bye|ciao|adieu|bonne (?:journee|soiree)|a bientot|a la prochaine"
                     r"|on s'arrete la|c'est tout|stop|fin)(?: (?:merci|et merci|a vous|monsieur|madame))?$")
LATER = re.compile(r"\b(?:plus tard|pour l'instant|pour le moment|attends?|attendez|je regarde|je verifie"
                   r"|je vous dirai|je reviens|un instant|deux secondes|2 sec|je cherche)\b")
WHY_ASKED = re.compile(r"\bpourquoi (?:vous )?(?:me )?(?:demandez|demander|posez|cette question|ca)\b"
                       r"|\ba quoi (?:ca|cela) sert\b|\bc'est obligatoire\b")
NOT_UNDERSTOOD = re.compile(r"\b(?:comprends? pas|compris pas|pas compris|c'est a dire|ca veut dire quoi|hein)\b")
HYPOTHESIS = re.compile(r"\b(?:et si|meme si|si jamais|imaginons|admettons|supposons|dans le cas ou|et en cas de"
                        r"|mettons que|a supposer que|dans l'hypothese ou)\b")
# « si je prends un bail mobilité ? » after the verdict; while a question is pending « si, j'en ai
# une » answers it (« si » = yes to a negative question), so this form counts only after the verdict
LEADING_SI = re.compile(r"^\s*(?:mais |et )?si (?:je|j'|on|ma|mon|mes)\b")
QUESTION_WORDS = re.compile(r"\?|\b(?:combien|comment|quand|pourquoi|quel|quelle|quels|quelles|c'est quoi|c quoi"
                            r"|est-ce|est ce|qu'est|ou je|je vais ou|faut-il|faut il|y a-t-il|existe|je peux"
                            r"|on peut|c'est qui|qui)\b")


def folded(text: str) -> str:
    return f" {normalise(text)} "


def asks_reset(text: str) -> bool:
    """Whether a message classified as "recommencer" really asks for it (a wrong guess would
    erase the profile): one of the words of a reset must be there, or a button payload."""
    if (text or "").startswith("/recommencer"):
        return True
    return any(word in normalise(text) for word in RESET_WORDS)


def asks_why_not(text: str) -> bool:
    """A question about an aid that is really a "pourquoi pas" (the classifier mixes the two)."""
    f = folded(text)
    return any(word in f for word in WHY_WORDS)


def asks_advisor(text: str) -> bool:
    return bool(ADVISOR.search(normalise(text))) and not (text or "").startswith("/")


def is_goodbye(text: str) -> bool:
    return bool(GOODBYE.match(normalise(text)))


def says_later(text: str) -> bool:
    return bool(LATER.search(normalise(text)))


def asks_why_asked(text: str) -> bool:
    return bool(WHY_ASKED.search(normalise(text)))


def not_understood(text: str) -> bool:
    return bool(NOT_UNDERSTOOD.search(normalise(text)))


def is_hypothesis(text: str, leading_si: bool = True) -> bool:
    folded = normalise(text)
    return bool(HYPOTHESIS.search(folded) or (leading_si and LEADING_SI.search(folded)))


def is_question(text: str) -> bool:
    return bool(QUESTION_WORDS.search((text or "").lower())) or bool(QUESTION_WORDS.search(normalise(text)))
