"""A pipeline step with the shape datatrove expects, without importing datatrove.

datatrove runs a pipeline as a chain of callables ``step(data, rank,
world_size)``, each taking an iterator of documents (objects with ``.text``,
``.id`` and ``.metadata``) and yielding documents, and keeps per-step
statistics. :class:`WinnowStep` is such a step::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from winnow.datatrove import WinnowStep

    LocalPipelineExecutor(pipeline=[
        JsonlReader("raw/"),
        WinnowStep(threads=4),          # any winnow.Cleaner option
        JsonlWriter("clean/"),
    ], tasks=8).run()

It works with any objects that have those three attributes (a
``types.SimpleNamespace`` will do), which is how its tests run it.
"""

from __future__ import annotations

import collections
from typing import Any, Deque, Iterable, Iterator, Optional

from . import Cleaner, LineEvidence


class WinnowStep:
    """Cleans each document's ``.text`` with a :class:`winnow.Cleaner`.

    ``WinnowStep(**options)`` takes the options of :class:`winnow.Cleaner`.
    Calling it over documents yields them in order with ``.text`` replaced
    by the kept text and ``doc.metadata["winnow_removed_chars"]`` set to the
    number of characters removed; a document whose text is removed entirely
    is dropped. The documents of one call are one corpus for the corpus
    stage (what repeats across them is removed, the first copy kept): with
    datatrove, one task's shard.

    ``stats`` (a ``collections.Counter``) accumulates over calls:
    ``documents``, ``kept``, ``dropped``, ``chars_in`` and ``chars_out``;
    :meth:`stat_update` adds to it, with datatrove's signature.
    """

    name = "winnow"
    type = "cleaner"

    def __init__(self, *, evidence: Optional[LineEvidence] = None, **options: Any) -> None:
        self.cleaner = Cleaner(**options)
        self.evidence = evidence
        self.stats: collections.Counter = collections.Counter()

    def stat_update(self, *labels: str, value: int = 1, unit: Optional[str] = None) -> None:
        """Adds ``value`` to each of ``labels`` in :attr:`stats` (``unit`` is ignored)."""
        for label in labels:
            self.stats[label] += value

    def run(self, data: Iterable[Any], rank: int = 0, world_size: int = 1) -> Iterator[Any]:
        """Yields the documents of ``data`` cleaned, dropping emptied ones.

        ``rank`` and ``world_size`` are accepted as datatrove passes them;
        this step needs neither.
        """
        pending: Deque[Any] = collections.deque()

        def texts() -> Iterator[str]:
            for doc in data:
                pending.append(doc)
                yield doc.text

        for clean in self.cleaner.clean_many(texts(), evidence=self.evidence):
            doc = pending.popleft()
            before = len(doc.text)
            self.stat_update("documents")
            self.stat_update("chars_in", value=before)
            if not clean:
                self.stat_update("dropped")
                continue
            doc.text = clean
            if doc.metadata is None:
                doc.metadata = {}
            doc.metadata["winnow_removed_chars"] = before - len(clean)
            self.stat_update("kept")
            self.stat_update("chars_out", value=len(clean))
            yield doc

    def __call__(self, data: Iterable[Any], rank: int = 0, world_size: int = 1) -> Iterator[Any]:
        """Same as :meth:`run` (datatrove calls a step)."""
        return self.run(data, rank, world_size)

    def __repr__(self) -> str:
        return f"WinnowStep({self.cleaner!r})"
