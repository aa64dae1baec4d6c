"""Which candidate becomes the entity when a message names several dates or times.

Source: ``shared/contract/intents.md`` (one ``date`` and one ``time`` per message) and
the rules in ``dates``/``times``: with several dates the one after "to"/"instead" wins
over one after "from", "instead of", "not", "rather than" ("move it from Friday to
Monday" → Monday).

Shape: ``pick(cands, s, today=None) -> (start, end, value) | None`` over candidates
``(start, end, value)`` with positions in the normalised text ``s``. With ``today``
(dates) a past date loses to a future one, and with a rebooking cue ("again",
"instead", "no-show" …) today loses to a later day. Then a candidate right after a
prior-date cue loses; then a move target ("to Monday" in a move request) wins; else
the first one in the text.
"""

from __future__ import annotations

import re
from datetime import date

__all__ = ["pick"]

_F = re.IGNORECASE

_PRIOR_DATE_CUE = re.compile(
    r"(?:\bfrom|\binstead\s+of|\bnot|\brather\s+than|\bwas|\bwere|\bmoved\s+from|\boriginally|\bthan|\bscheduled\s+for|\bset\s+for|\bbooked\s+for|\bcurrently|\bcurrently\s+on|\bit'?s\s+on)\s+(?:on\s+|for\s+|at\s+|the\s+)?$",
    _F,
)
_REBOOK_CUE = re.compile(
    r"\b(?:again|instead|another|new|rebook\w*|reschedul\w*|move|push|no[- ]?show|never\s+(?:showed|came)|didn'?t\s+(?:show|come))\b", _F
)


def pick(cands: list[tuple[int, int, object]], s: str, today: date | None = None) -> tuple[int, int, object] | None:
    """The candidate that is the entity (see the module docstring), or ``None``."""
    if not cands:
        return None
    cands = sorted(cands, key=lambda c: c[0])
    if len(cands) == 1:
        return cands[0]
    if today is not None:
        future = [c for c in cands if not isinstance(c[2], date) or c[2] >= today]
        if future:
            cands = future
        if len(cands) > 1 and _REBOOK_CUE.search(s):
            # "the installer didn't show today, can we try again Thursday": today is the missed visit
            later = [c for c in cands if not isinstance(c[2], date) or c[2] > today]
            if later:
                cands = later
        if len(cands) == 1:
            return cands[0]
    keep = [c for c in cands if not _PRIOR_DATE_CUE.search(s[max(0, c[0] - 30) : c[0]])]
    if keep and len(keep) < len(cands):
        return keep[0]
    # "move it to Monday" style: a target after "to"/"instead" wins
    for c in cands:
        if re.search(r"\b(?:to|instead|into|for)\s+(?:on\s+|the\s+)?$", s[max(0, c[0] - 15) : c[0]], _F) and re.search(
            r"\b(?:move|moved|push|change|switch|reschedul\w*|bump|shift)\b", s, _F
        ):
            return c
    return cands[0]
