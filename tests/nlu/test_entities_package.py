"""The entities package: calendar arithmetic against brute force, layout, code hash."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

import app.nlu.entities as E
from app.nlu import classifier as C
from app.nlu.entities import calendar_math as CM

DAYS = [date(2027, 12, 20) + timedelta(days=i) for i in range(0, 800, 3)]  # spans Feb 29 2028


def _scan(today: date, ok, limit: int = 4000) -> date | None:
    for i in range(limit):
        d = today + timedelta(days=i)
        if ok(d):
            return d
    return None


def test_weekday_date_matches_brute_force() -> None:
    for today in DAYS:
        next_monday = _scan(today + timedelta(days=1), lambda d: d.weekday() == 0)
        for wd in range(7):
            assert CM.weekday_date(today, wd, "bare") == _scan(today + timedelta(days=1), lambda d: d.weekday() == wd)
            assert CM.weekday_date(today, wd, "next") == next_monday + timedelta(days=wd)
            last = CM.weekday_date(today, wd, "last")
            assert last.weekday() == wd and 1 <= (today - last).days <= 7


def test_day_of_month_and_month_day_match_brute_force() -> None:
    for today in DAYS[::4]:
        for d in (1, 14, 28, 29, 30, 31):
            assert CM.next_day_of_month(today, d) == _scan(today, lambda x: x.day == d, 400)
            for m in (1, 2, 4, 11, 12):
                assert CM.next_month_day(today, m, d, None) == _scan(today, lambda x: (x.month, x.day) == (m, d))
    assert CM.next_month_day(date(2026, 11, 23), 2, 30, None) is None
    assert CM.next_month_day(date(2026, 11, 23), 2, 29, 27) is None
    assert CM.next_month_day(date(2026, 11, 23), 2, 29, 28) == date(2028, 2, 29)
    assert CM.next_day_of_month(date(2026, 11, 23), 32) is None


def test_out_of_range_is_no_date_not_an_error() -> None:
    assert CM.next_day_of_month(date.max, 1) is None
    assert CM.next_month_day(date(9999, 12, 30), 1, 1, None) is None
    assert E.extract_entities("the 1st", today=date.max) == {}


def test_public_api_and_module_sizes() -> None:
    assert {"Extraction", "extract", "extract_entities", "CATEGORIES"} <= set(E.__all__)
    pkg = Path(E.__file__).parent
    for f in pkg.glob("*.py"):
        assert len(f.read_text(encoding="utf-8").splitlines()) < 400, f.name


def test_code_hash_covers_every_file_of_the_package(tmp_path, monkeypatch) -> None:
    src = Path(C.__file__).parent
    shutil.copytree(src / "entities", tmp_path / "entities", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(src / "classifier.py", tmp_path / "classifier.py")
    monkeypatch.setattr(C, "PACKAGE_DIR", tmp_path)
    base = C.code_hash()
    assert base == C.code_hash()
    for name in sorted(p.name for p in (tmp_path / "entities").glob("*.py")):
        path = tmp_path / "entities" / name
        original = path.read_bytes()
        path.write_bytes(original + b"\n# changed\n")
        assert C.code_hash() != base, name
        path.write_bytes(original)
    assert C.code_hash() == base
    (tmp_path / "entities" / "extra.py").write_text("X = 1\n")
    assert C.code_hash() != base


@pytest.mark.parametrize("mode", ["bare", "next", "last"])
def test_weekday_results_are_dates(mode: str) -> None:
    got = CM.weekday_date(date(2026, 11, 23), 4, mode)
    assert type(got) is date
