"""Write docs/nlu.md from the reports of ``rasa test nlu --cross-validation`` (``make nlu-report``).

    python -m bot.tools.nlu_report var/nlu-report docs/nlu.md
"""
from __future__ import annotations

import collections
import datetime as _dt
import json
import sys
from pathlib import Path

BRAIN_INTENTS = {"informer", "chercher_logement", "demenager_emploi", "alternance", "acheter_logement",
                 "faire_travaux", "difficulte_paiement", "corriger", "ne_sait_pas", "affirmer", "nier",
                 "hors_sujet", "nlu_fallback"}

HEADER = """# French NLU of the assistant

The assistant understands French in two layers:

1. **Rasa NLU** (`config.yml`: spaCy `fr_core_news_sm` tokens and lemmas, word and character
   n-gram counts with accents stripped, DIET, a vocabulary guard and a fallback threshold) gives
   the **intent** of each message (situations, answers, questions about an aid, advisor
   requests, reset, English...) and the entity **`produit`** (an aid of the catalogue, mapped to
   its id by synonyms). The training data is `data/nlu*.yml`.
2. **`actions/understanding`** (pure Python) reads the **facts** of the profile from the text
   (ages, amounts, dates, distances, contracts, places → Visale zone...). DIET does not extract
   those: the intents only route the message to `action_process_turn`, which calls the library.

Because every message that might carry facts goes to the same action (`informer`,
`chercher_logement`, `alternance`, `corriger`, `affirmer`, `nier`, `ne_sait_pas`, and even
`nlu_fallback` and `hors_sujet` while a question is pending), a confusion between two of those
intents changes nothing for the user; the confusions that matter are the ones with
`question_produit`, `pourquoi_pas`, `demander_conseiller`, `recommencer` and `parler_anglais`.

## Intents and where each goes

| intent | examples | action |
|---|---|---|
| `chercher_logement`, `demenager_emploi`, `alternance`, `acheter_logement`, `faire_travaux`, `difficulte_paiement` | « jsuis en alternance chez un garagiste, j'ai trouvé un appart à 80 bornes » | `action_process_turn` (the project may come from the intent when the text gives none) |
| `informer`, `corriger`, `affirmer`, `nier`, `ne_sait_pas` | « 1100 brut », « en fait j'ai 31 ans », « ouais », « pas encore », « chais pas » | `action_process_turn` |
| `question_produit` | « c'est quoi Visale ? », « le Mobili-Pass existe encore ? » | `action_product_info` |
| `pourquoi_pas` | « pourquoi pas Mobili-Jeune ? » | `action_why_not` |
| `demander_conseiller` | « un humain svp » | `action_handoff` |
| `recommencer` | « on reprend à zéro » | `action_reset_profile` |
| `parler_anglais` | « do you speak English? » | `action_reply_english` |
| `hors_sujet` | « raconte-moi une blague » | `action_process_turn`: an answer to the pending question, else the off-topic text and the question again (the first deciding question at the start) |
| `nlu_fallback` | « zzkq wxv » | `action_process_turn`: an answer to the pending question, else a rephrase request, then an advisor offer |
| `saluer` | « bonjour » | `utter_saluer`, `utter_notice`, then `action_process_turn` (the facts of « bonjour, je suis apprenti… », else the first deciding question with buttons) |
| `dire_au_revoir`, `remercier`, `demander_si_robot`, `demander_aide` | « au revoir », « merci », « t'es un robot ? » | `action_process_turn`: while a question is pending only an unmistakable goodbye ends (« pas pour l'instant, on verra plus tard » keeps the question); a question about an aid read as one of these is answered |

Guards against a wrong guess that would lose facts: `recommencer` resets only when a reset word
is there (« je recommence un CDD » is processed as facts); `parler_anglais` answers in English
only when `looks_english` agrees; `question_produit` with no aid named while a question is
pending is processed as an answer; a `question_produit` that says « pourquoi », « pas droit »,
« il manque »… gets the why-not answer. The aid named is the entity `produit` when DIET finds
it, else a name or alias of the catalogue found in the text (`aliases:` of products.yml, read by `actions/conversation/products.py`; the NLU synonyms are checked against them by tests/conversation/test_follow_up.py), so the
entity F1 below understates how often the aid is recognised. The profile is never erased by the
classifier alone.

## The dialogue (`actions/conversation/`)

The logic is pure Python in one-idea modules (see docs/conversation.md; tested without servers in
`tests/conversation/test_dialogue.py` and `test_follow_up.py`); `actions.py` the thin `async def run` Rasa actions.
Slots: `profile` (the section-4 profile), `pending_field`, `aid_results` (the section-5 result),
`skipped_fields`, `reask_count`, `fallback_count` — none influences the policies: rules route
each intent to one action, and the action decides.

Each turn of `action_process_turn`:

1. the employer context of the message metadata (`{"employer": {"sector", "size",
   "contributes"}}`) fills `employer_sector`, `employer_size`, `employer_contributes`, which are
   then never asked;
2. a clicked button (`/informer{"reponse": "<field>:<value>"}`) or a typed button label gives
   the value directly; otherwise `extract_facts(text, today, pending_field)` reads every fact of
   the message, and `parse_answer(pending_field, …)` the bare answer; `affirmer`/`nier` answer a
   yes/no question, `nier` means none / zero for a date-or-none, a list or a count;
3. the facts are merged (a later value overwrites an earlier one: « en fait j'ai 31 ans »);
   a value the engine refuses (`validate_profile`) is dropped with a French message; the facts
   understood are repeated (« C'est noté : … ») so that a misunderstanding can be corrected;
4. an unusable answer to the pending question is asked again once (« pouvez-vous reformuler ?
   Vous pouvez aussi répondre « je ne sais pas » »); the second time, or on « je ne sais pas »,
   the field goes to `skipped_fields` and is never asked again (`next_question` has no skip
   parameter: the dialogue ranks the remaining missing fields the same way, by the number of
   undecided products, ties in the order of `fields.yml`); with no question pending, a first
   miss asks to rephrase, a second one in a row offers an advisor (button « Parler à un
   conseiller » → `/demander_conseiller`, and the phone number 0970 800 800 of the catalogue);
5. `next_question` names the next field: the French question, why it is asked, the `ask`
   payload (interfaces.md §3) and buttons for choices and yes/no; when it names none, the
   verdict: the `aid_results` payload (the whole `evaluate()` result) and a short summary —
   eligible aids with amount, where to apply and their first conditions; `to_confirm` ones with
   what to check; the aids still undecided after « je ne sais pas »; then « pourquoi pas … ? »,
   « en fait … » and « recommencer » are suggested.

`as_of` is the date of the turn (`date.today()` in the action server).

"""


READING = """### Reading the confusions

* Among the intents of `action_process_turn` (`corriger` ↔ `informer`, `informer` ↔
  `chercher_logement` / `demenager_emploi` / `alternance`, `ne_sait_pas` ↔ `nier`): harmless, the
  facts are read from the text by the understanding library whatever the intent. A « chais pas »
  taken for `nier` is still a « je ne sais pas »: `parse_answer` is asked before the intent.
* `pourquoi_pas` → `question_produit`: guarded, a product question worded « pourquoi… »,
  « pas droit », « il manque »… gets the why-not answer.
* `hors_sujet` → `question_produit` / `demander_aide` / `demander_conseiller`: the real weak
  point. An off-topic message (« c'est combien un iphone ») may get the list of aids instead of
  « je ne réponds qu'aux questions de logement »; harmless for the verdict. Taken for
  `demander_conseiller`, it would open a ticket for an advisor: `action_handoff` guards against
  that (`asks_for_a_person`: without a word naming a person, a call or an advisor, the message
  goes to `action_process_turn` like any other).
* `demander_aide` → `question_produit`: « c'est quoi ce site ? » answers « de quelle aide
  parlez-vous ? » with the list of aids, close to the help answer.
* Figures on 3 folds of a small data set (each fold trains on two thirds of the {total}
  examples): the model served is trained on all of them, and the Rasa test stories
  (`make stories`) check the routing of realistic, unseen messages end to end.
"""


def _table(report: dict, skip=("accuracy", "macro avg", "weighted avg", "micro avg")) -> list:
    lines = ["| label | precision | recall | F1 | support |", "|---|---|---|---|---|"]
    for name, row in sorted(report.items()):
        if name in skip or not isinstance(row, dict):
            continue
        lines.append(f"| `{name}` | {row['precision']:.3f} | {row['recall']:.3f} | {row['f1-score']:.3f} | {row['support']} |")
    return lines


def _averages(report: dict) -> list:
    lines = []
    for key in ("micro avg", "macro avg", "weighted avg"):
        row = report.get(key)
        if isinstance(row, dict):
            lines.append(f"| {key} | {row['precision']:.3f} | {row['recall']:.3f} | {row['f1-score']:.3f} | {row['support']} |")
    if isinstance(report.get("accuracy"), (int, float)):
        lines.append(f"| accuracy | | | {report['accuracy']:.3f} | |")
    return lines


def build(report_dir: Path) -> str:
    intents = json.loads((report_dir / "intent_report.json").read_text())
    entity_file = report_dir / "DIETClassifier_report.json"
    entities = json.loads(entity_file.read_text()) if entity_file.exists() else {}
    errors_file = report_dir / "intent_errors.json"
    errors = json.loads(errors_file.read_text()) if errors_file.exists() else []
    out = [HEADER, f"## Cross-validation ({_dt.date.today().isoformat()})", "",
           "`make nlu-report` runs `rasa test nlu --cross-validation --folds 3 --config config.yml --nlu data`",
           "(fixed random seeds in config.yml) and rewrites this file from its reports (`var/nlu-report/`).",
           "The figures are on the held-out folds (test), averaged over the folds.", "",
           "### Intents", "", "| average | precision | recall | F1 | support |", "|---|---|---|---|---|"]
    out += _averages(intents)
    out += ["", *_table(intents), ""]
    if entities:
        out += ["### Entities (DIET)", "", "| average | precision | recall | F1 | support |", "|---|---|---|---|---|"]
        out += _averages(entities)
        out += ["", *_table(entities), ""]
    brain = BRAIN_INTENTS
    harmful = [e for e in errors if e.get("intent_prediction")
               and not (e["intent"] in brain and e["intent_prediction"]["name"] in brain)]
    total = sum(row["support"] for name, row in intents.items()
                if isinstance(row, dict) and name not in ("accuracy", "macro avg", "weighted avg", "micro avg"))
    if total:
        out += ["### Routing accuracy", "",
                "Intents that all go to `action_process_turn` (" + ", ".join(f"`{b}`" for b in sorted(brain)) + ")",
                "lead to the same answer: a confusion among them changes nothing for the user. Counting only",
                "the confusions that send a message to another action:", "",
                f"- held-out examples: {total}; misclassified: {len(errors)}; sent to another action: {len(harmful)}",
                f"- **routing accuracy: {1 - len(harmful) / total:.3f}** (intent accuracy: {1 - len(errors) / total:.3f})", ""]
    pairs = collections.Counter((e["intent"], e["intent_prediction"]["name"]) for e in errors
                                if e.get("intent_prediction"))
    out += ["### Confusion points", "",
            "The held-out examples classified as another intent, most frequent pairs first:", "",
            "| expected | predicted | count | examples |", "|---|---|---|---|"]
    for (gold, predicted), count in pairs.most_common(15):
        samples = [e["text"] for e in errors if e["intent"] == gold and e["intent_prediction"]["name"] == predicted][:2]
        out.append(f"| `{gold}` | `{predicted}` | {count} | {' ; '.join('« ' + s + ' »' for s in samples)} |")
    if not pairs:
        out.append("| | | 0 | none |")
    out += ["", READING.format(total=total)]
    return "\n".join(out) + "\n"


def main(argv: list) -> int:
    if len(argv) != 3:
        print("usage: python -m bot.tools.nlu_report <report dir> <docs/nlu.md>", file=sys.stderr)
        return 2
    text = build(Path(argv[1]))
    notes = Path(argv[2]).with_name("nlu-notes.md")
    if notes.exists():
        text += "\n" + notes.read_text()
    Path(argv[2]).write_text(text)
    print(f"wrote {argv[2]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
