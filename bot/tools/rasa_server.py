"""The Rasa server process, started without what serving does not use (issue 14).

``python -m bot.tools.rasa_server run --model ...`` is ``rasa run ...`` (same arguments) with
three changes that leave every prediction the same, because neither touches a weight or a graph
that predicts:

- **jax is not imported.** TensorFlow 2.12 depends on jax and TensorFlow Lite imports it when it
  is installed (``from jax import xla_computation``, inside a try: an ImportError leaves it
  out). Nothing in Rasa uses it; blocked here, it costs no memory.
- **A model is loaded for prediction without being trained first.** To create the weights of a
  DIET or TED model, Rasa's ``RasaModel.load`` compiles it with an optimizer and trains it on
  one example (tracing the whole training graph: about 600 MB and 90 s here), then loads the
  saved weights over the result. Here, when the model is loaded for prediction
  (``finetune_mode`` false, which is what ``rasa run`` does) and Rasa gives the example to
  predict on, the saved weights are restored as the prediction creates them (TensorFlow's
  restore-on-create), so only the prediction graph is traced. Same weights, same graph: the
  NLU answers were compared bit for bit (intent ranking and entities of every training
  example) by tests/foundation/test_lean_rasa.py.
- **spaCy's model is loaded once.** Rasa's graph creates the ``SpacyNLP`` component twice (the
  node that provides the model, the node that processes messages), and each loads its own copy
  of ``fr_core_news_sm`` (150 MB); both get the same one here (spaCy's pipeline keeps no state
  between texts).

``SERVER_TUNING=off`` (bot/settings.py) starts plain ``rasa`` instead, for comparison.
"""
from __future__ import annotations

import sys


def keep_jax_out() -> None:
    """Make ``import jax`` fail (ImportError), before TensorFlow is imported."""
    for name in ("jax", "jaxlib"):
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]


def load_for_prediction(cls, model_file_name, predict_data_example, *args, **kwargs):
    """A Rasa TensorFlow model with the saved weights, without a training step: the weights
    are restored as the prediction over ``predict_data_example`` creates them."""
    import tensorflow as tf
    from rasa.utils.tensorflow.constants import LEARNING_RATE, RUN_EAGERLY

    config = kwargs.get("config", {})
    model = cls(*args, **kwargs)
    model.compile(optimizer=tf.keras.optimizers.Adam(config.get(LEARNING_RATE, 0.001)),
                  run_eagerly=config.get(RUN_EAGERLY))
    # the optimizer's slots in the checkpoint are only for training: not restored
    model.load_weights(model_file_name).expect_partial()
    model.run_inference(predict_data_example)
    return model


def lean_model_loading() -> None:
    """Rasa's TensorFlow models loaded for prediction without training; spaCy loaded once."""
    import functools

    from rasa.nlu.utils.spacy_utils import SpacyNLP
    from rasa.utils.tensorflow.models import RasaModel

    original = RasaModel.load.__func__
    if getattr(original, "_lean", False):
        return

    def load(cls, model_file_name, model_data_example, predict_data_example=None,
             finetune_mode=False, *args, **kwargs):
        if finetune_mode or predict_data_example is None:
            return original(cls, model_file_name, model_data_example, predict_data_example,
                            finetune_mode, *args, **kwargs)
        return load_for_prediction(cls, model_file_name, predict_data_example, *args, **kwargs)

    load._lean = True  # type: ignore[attr-defined]
    RasaModel.load = classmethod(load)
    SpacyNLP.load_model = staticmethod(functools.lru_cache(maxsize=None)(SpacyNLP.load_model))


def main() -> None:
    keep_jax_out()
    lean_model_loading()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
