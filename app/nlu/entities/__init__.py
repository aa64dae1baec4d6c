"""Rule-based entity extraction: ``date``, ``time``, ``project_ref`` and ``note_text``.

The rules are those of ``shared/contract/intents.md`` (section "Entities" and the
date and time rules); each module's docstring quotes the rules it implements.
Everything is resolved against the ``today`` passed in (never the clock). Nothing
here raises on arbitrary text.

Public API (unchanged from the former single module ``app/nlu/entities.py``)
  - ``extract_entities(text, *, today: date) -> dict[str, str]``: the entities present,
    normalised: ``date`` ``YYYY-MM-DD``, ``time`` ``HH:MM`` or ``HH:MM-HH:MM``,
    ``project_ref`` (``"90003"``, ``"ORD-1001-A"``, ``"#2"``, ``"flooring"``),
    ``note_text`` (the customer's words).
  - ``extract(text, *, today) -> Extraction``: the same plus the spans, whose masked
    text is the intent model's input (``app/nlu/classifier.py``).
  - ``CATEGORIES``: the canonical PF360 category words.

Layout
  - ``pipeline``: ``Extraction``, ``extract``, ``extract_entities``; the order of steps;
  - ``text``: normalisation, blanking of taken spans, one-edit typo generation;
  - ``vocab``: weekday, month, ordinal and number words;
  - ``notes``: ``note_text``;
  - ``projects``: project ids, order numbers, ordinals; ``categories``: category words;
  - ``dates``: date recognition; ``calendar_math``: its calendar arithmetic
    (python-dateutil ``relativedelta``);
  - ``times``: times, ranges and periods; ``choose``: which of several candidates wins.

The classifier's artifact staleness check hashes every ``.py`` file of this package
(``app.nlu.classifier.code_hash``): any change here means retraining
(``uv run python scripts/train_nlu.py``).
"""

from __future__ import annotations

from .categories import CATEGORIES
from .pipeline import Extraction, extract, extract_entities
from .text import MAX_CHARS

__all__ = ["Extraction", "extract", "extract_entities", "CATEGORIES", "MAX_CHARS"]
