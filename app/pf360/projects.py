"""Resolving a customer's reference to a project ("the flooring one", "#2", "90003").

Pure functions over a list of :class:`~app.pf360.schemas.Project`; no I/O.
"""

from __future__ import annotations

import re

from app.pf360.schemas import Project

_ORDINAL_REF = re.compile(r"^#\s*(\d+)$")
_ORDINAL_WORDS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
    "fourth": 4, "4th": 4, "fifth": 5, "5th": 5, "last": -1,
}
_STOP_WORDS = frozenset(
    "the a an my our one ones project projects job jobs order orders for of on that this "
    "please number no my i mean about".split()
)


def match_projects(projects: list[Project], ref: str) -> list[Project]:
    """All projects of ``projects`` that ``ref`` designates, in list order.

    Tried in order, the first rule that matches wins:

    1. ordinal ``"#2"`` (1-based position in ``projects``); also ``"second"``,
       ``"the 2nd one"``, ``"last"``;
    2. an order number, case-insensitive (``"ord-1001-a"``);
    3. a project id (``"90003"``, ``"project 90003"``);
    4. type/category words, each of which must match (singular/plural and
       ``-ing``/``-ation`` forms are equivalent): ``"flooring"``, ``"floors"``,
       ``"window"``, ``"deck repair"``, ``"kitchen cabinets"``, ``"install"``.

    Returns ``[]`` when nothing matches (or ``ref`` is blank).
    """
    text = ref.strip().lower()
    if not text:
        return []
    ordinal = _ORDINAL_REF.match(text)
    if ordinal:
        return _at(projects, int(ordinal[1]))
    words = [w for w in re.split(r"[\s,;:!?.()\"']+", text) if w]
    by_order = [p for p in projects if p.order_number.lower() in words]
    if by_order:
        return by_order
    ids = {int(w) for w in words if w.isdigit()}
    by_id = [p for p in projects if p.project_id in ids]
    if by_id:
        return by_id
    meaningful = [w for w in words if w not in _STOP_WORDS and not w.isdigit()]
    if len(meaningful) == 1 and meaningful[0] in _ORDINAL_WORDS:
        return _at(projects, _ORDINAL_WORDS[meaningful[0]])
    wanted = {_stem(w) for word in meaningful for w in re.split(r"[-/]", word) if w}
    if not wanted:
        return []
    return [p for p in projects if wanted <= _project_stems(p)]


def _at(projects: list[Project], position: int) -> list[Project]:
    """The project at 1-based ``position`` (``-1`` = last), as a 0/1-element list."""
    if position == -1:
        return projects[-1:]
    return [projects[position - 1]] if 1 <= position <= len(projects) else []


def _project_stems(project: Project) -> set[str]:
    words = re.split(r"[\s\-/&,]+", f"{project.project_type} {project.category}".lower())
    return {_stem(w) for w in words if w}


def _stem(word: str) -> str:
    """A crude stem: ``floors``/``flooring`` → ``floor``, ``installation`` → ``install``."""
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    for suffix in ("ation", "ing"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word
