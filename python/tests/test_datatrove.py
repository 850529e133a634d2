"""The datatrove-shaped step, run on plain objects (no datatrove import)."""

import types

import winnow
from conftest import SAMPLE_JSONL, read_jsonl
from winnow.datatrove import WinnowStep


def documents():
    return [types.SimpleNamespace(text=d["text"], id=d["id"], metadata={"url": d["url"]})
            for d in read_jsonl(SAMPLE_JSONL)]


def test_step_cleans_and_drops_like_clean_many():
    expected = [r for r in winnow.Cleaner().clean_many(read_jsonl(SAMPLE_JSONL)) if r["text"]]
    step = WinnowStep()
    out = list(step(iter(documents()), rank=0, world_size=1))
    assert [d.text for d in out] == [r["text"] for r in expected]
    assert [d.id for d in out] == [r["id"] for r in expected]
    assert all(d.metadata["url"] and d.metadata["winnow_removed_chars"] >= 0 for d in out)
    n = len(documents())
    assert step.stats["documents"] == n
    assert step.stats["kept"] == len(out)
    assert step.stats["dropped"] == n - len(out)
    assert step.stats["chars_in"] >= step.stats["chars_out"] > 0


def test_step_options_and_stats_accumulate():
    step = WinnowStep(stages="boilerplate", threads=1)
    list(step.run(documents()))
    list(step.run(documents()))
    assert step.stats["documents"] == 2 * len(documents())
    step.stat_update("custom", value=5)
    assert step.stats["custom"] == 5
