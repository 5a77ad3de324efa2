"""Send messages made only of unknown words to the fallback instead of a confident guess.

DIET always picks some intent; on gibberish ("zzkq wxv grmbl") it can be very confident. This
component learns the vocabulary of the training examples (lower case, accents stripped) and,
at run time, when no word of a message is known nor one typo away from a known word, sets the
intent confidence to 0 so that the FallbackClassifier placed after it answers "reformulez".
"""
from __future__ import annotations

import difflib
import json
import re
import unicodedata
from typing import Any, Dict, List, Optional, Set, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

WORD = re.compile(r"[a-z0-9]+")


def normalise_words(text: str) -> List[str]:
    stripped = unicodedata.normalize("NFKD", text.lower())
    stripped = "".join(c for c in stripped if not unicodedata.combining(c))
    return WORD.findall(stripped)


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True
)
class VocabularyGuard(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"typo_cutoff": 0.8}

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage,
                 resource: Resource, vocabulary: Optional[Set[str]] = None) -> None:
        self._config = config
        self._storage = model_storage
        self._resource = resource
        self._vocabulary = vocabulary or set()
        self._by_initial: Dict[str, List[str]] = {}
        for word in self._vocabulary:
            self._by_initial.setdefault(word[0], []).append(word)

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage,
               resource: Resource, execution_context: ExecutionContext) -> "VocabularyGuard":
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        vocabulary: Set[str] = set()
        for example in training_data.training_examples:
            vocabulary.update(normalise_words(example.get(TEXT) or ""))
        for synonym, value in training_data.entity_synonyms.items():
            vocabulary.update(normalise_words(synonym) + normalise_words(value))
        for lookup in training_data.lookup_tables:
            elements = lookup.get("elements")
            if isinstance(elements, list):
                for element in elements:
                    vocabulary.update(normalise_words(str(element)))
        with self._storage.write_to(self._resource) as directory:
            (directory / "vocabulary.json").write_text(json.dumps(sorted(vocabulary)))
        return self._resource

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "VocabularyGuard":
        try:
            with model_storage.read_from(resource) as directory:
                vocabulary = set(json.loads((directory / "vocabulary.json").read_text()))
        except ValueError:
            vocabulary = set()
        return cls(config, model_storage, resource, vocabulary)

    def _known(self, word: str) -> bool:
        if word in self._vocabulary or word.isdigit():
            return True
        if len(word) < 4:
            return False
        candidates = self._by_initial.get(word[0], [])
        return bool(difflib.get_close_matches(word, candidates, n=1,
                                              cutoff=self._config["typo_cutoff"]))

    def process(self, messages: List[Message]) -> List[Message]:
        if not self._vocabulary:
            return messages
        for message in messages:
            words = normalise_words(message.get(TEXT) or "")
            intent = message.get(INTENT)
            if words and intent and not any(self._known(w) for w in words):
                message.set(INTENT, {**intent, "confidence": 0.0}, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
