"""Natural-language understanding: the intent taxonomy, entity extraction and the
embedded (local, offline) intent classifier.

    from app.nlu import get_local_classifier, DialogueContext
    result = get_local_classifier().classify("book my deck for Friday at 10", today=date.today())

See ``types.py`` (taxonomy and result types), ``entities`` (date/time/project/note
rules), ``classifier.py`` (model + dialogue-context rules), ``evaluate.py`` (the
``eval-nlu`` metrics) and ``corpus/`` (the training corpus generator).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.nlu.entities import extract_entities
from app.nlu.types import INTENT_DOMAINS, INTENTS, WRITE_INTENTS, DialogueContext, IntentClassifier, NluResult

if TYPE_CHECKING:
    from app.nlu.classifier import LocalIntentClassifier, get_local_classifier

__all__ = [
    "INTENTS",
    "INTENT_DOMAINS",
    "WRITE_INTENTS",
    "DialogueContext",
    "NluResult",
    "IntentClassifier",
    "extract_entities",
    "LocalIntentClassifier",
    "get_local_classifier",
]


def __getattr__(name: str) -> Any:  # the model (numpy, scikit-learn) loads only when asked for
    if name in ("LocalIntentClassifier", "get_local_classifier"):
        from app.nlu import classifier

        return getattr(classifier, name)
    raise AttributeError(name)
