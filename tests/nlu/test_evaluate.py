"""evaluate() on a tiny hand-made set with known answers, and the eval-nlu CLI output."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from app.nlu.evaluate import cli_main, evaluate
from app.nlu.types import DialogueContext, NluResult

TODAY = date(2026, 11, 23)


class Scripted:
    """A fake classifier answering from a table."""

    def __init__(self, answers: dict[str, tuple[str, float, dict[str, str]]]) -> None:
        self.answers = answers

    def classify(self, text: str, *, today: date, context: DialogueContext | None = None) -> NluResult:
        intent, conf, ents = self.answers.get(text, ("out_of_scope", 0.5, {}))
        ranking = ((intent, conf), ("help", (1 - conf) / 2), ("greeting", (1 - conf) / 2))
        return NluResult(intent=intent, confidence=conf, ranking=ranking, entities=ents)


ROWS = [
    {"text": "a", "intent": "confirm", "entities": {}},
    {"text": "b", "intent": "confirm", "entities": {}},
    {"text": "c", "intent": "deny", "entities": {}},
    {"text": "d", "intent": "schedule_appointment", "entities": {"date": "2026-12-01", "time": "10:00"}},
]
ANSWERS = {
    "a": ("confirm", 0.9, {}),
    "b": ("deny", 0.6, {}),  # wrong
    "c": ("deny", 0.9, {}),
    "d": ("schedule_appointment", 0.95, {"date": "2026-12-01", "time": "11:00", "project_ref": "deck"}),
}


def test_known_metrics() -> None:
    m = evaluate(ROWS, Scripted(ANSWERS), today=TODAY)
    assert m["n"] == 4
    assert m["accuracy"] == 0.75
    # confirm: P=1 R=.5 F=.6667; deny: P=.5 R=1 F=.6667; schedule: 1 -> macro .7778
    assert m["macro_f1"] == pytest.approx(0.7778, abs=1e-4)
    assert m["per_intent"]["confirm"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667, "support": 2}
    assert m["confusions"] == [{"true": "confirm", "predicted": "deny", "count": 1}]
    assert m["entity_accuracy"] == 0.5  # date right, time wrong
    assert m["entity_precision"] == pytest.approx(1 / 3, abs=1e-4)  # 1 of 3 returned is right
    assert m["entity_accuracy_per_type"] == {"date": {"accuracy": 1.0, "support": 1}, "time": {"accuracy": 0.0, "support": 1}}
    assert m["below_threshold_share"] == 0.25
    # bins: 0.6 -> acc 0 (|0.6-0|), 0.9 x2 -> acc 1 (|0.9-1|), 0.95 -> acc 1 (|0.95-1|)
    assert m["ece"] == pytest.approx((0.6 + 0.1 + 0.1 + 0.05) / 4, abs=1e-4)
    assert sum(b["count"] for b in m["reliability"]) == 4
    assert m["latency_ms_p50"] >= 0 and m["latency_ms_p99"] >= m["latency_ms_p50"]


def test_evaluate_rejects_empty() -> None:
    with pytest.raises(ValueError):
        evaluate([], Scripted({}), today=TODAY)


def _write(tmp_path: Path, rows: list[dict]) -> Path:
    p = tmp_path / "data.jsonl"
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    return p


def test_cli_json_keys(tmp_path: Path, capsys) -> None:
    data = _write(tmp_path, ROWS)
    assert cli_main(data, TODAY, True, classifier=Scripted(ANSWERS)) == 0
    out = json.loads(capsys.readouterr().out)
    for key in ("accuracy", "macro_f1", "entity_accuracy", "entity_precision", "latency_ms_p50", "latency_ms_p99", "n", "per_intent", "confusions", "below_threshold_share", "ece", "reliability", "out_of_scope_recall"):
        assert key in out


def test_cli_text_report_with_the_local_classifier(tmp_path: Path, capsys) -> None:
    rows = [
        {"text": "can you come out next tuesday at 10?", "intent": "schedule_appointment", "entities": {"date": "2026-12-01", "time": "10:00"}},
        {"text": "what are your hours", "intent": "business_hours", "entities": {}},
        {"text": "write me a poem", "intent": "out_of_scope", "entities": {}},
    ]
    assert cli_main(_write(tmp_path, rows), TODAY, False) == 0
    out = capsys.readouterr().out
    assert "accuracy 1.0000" in out and "latency p50" in out


def test_cli_bad_file(tmp_path: Path, capsys) -> None:
    assert cli_main(tmp_path / "missing.jsonl", TODAY, True) == 2
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": 1}\n')
    assert cli_main(bad, TODAY, True) == 2
