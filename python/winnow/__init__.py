"""winnow: clean scraped text corpora from Python, at C++ speed.

The command line's cleaner (``winnow clean``) as a library::

    import winnow

    winnow.clean(text)                                  # one document
    cleaner = winnow.Cleaner(stages="boilerplate,repeats", threads=2)
    cleaner.clean(text)                                 # reusable, thread-safe
    cleaner.explain(text)                               # what went, and why
    for doc in cleaner.clean_many(docs):                # a stream of str or dict
        ...
    winnow.clean_files(["corpus/"], "clean/", progress=print)   # the whole CLI job

Options are the command line's options of ``winnow clean`` with ``-``
spelled ``_`` (``--sentence-span 5`` is ``sentence_span=5``), with the same
defaults and the same checks (they go through the same table in the C++
library). ``winnow.options()`` lists them. Values are Python values: ints,
floats, bools for flags, str for the rest (``stages`` and ``normalize`` also
take a list of names; ``memory`` an int of bytes or text such as ``"4G"``);
``None`` means the default.

Errors: an unknown option or a bad value raises ``ValueError`` naming the
option; a file that cannot be read or written raises ``OSError``; anything
else the library reports raises ``RuntimeError``. Messages are the
library's, as the command line prints them.

The GIL is released while C++ works; ``clean_many`` and ``clean_files`` run
the per-document work on ``threads`` threads (default all cores): the
library's workers, and the calling thread while it waits for them.
"""

from __future__ import annotations

import json
import os
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Union

from . import _winnow

__version__: str = _winnow.__version__

__all__ = [
    "Cleaner",
    "LineEvidence",
    "clean",
    "clean_files",
    "options",
    "__version__",
]

LineEvidence = _winnow.LineEvidence


def options() -> Dict[str, Dict[str, str]]:
    """The options, by Python name, in the order ``winnow clean --help`` lists them.

    Each value is a dict with ``kind`` (``str``, ``int``, ``float``,
    ``bool`` or ``size``), ``scope`` (``cleaning``: every function takes
    it; ``files``: only :func:`clean_files`), ``default`` (as the command
    line shows it; ``""`` where the default is computed, e.g. ``threads``:
    all cores) and ``help``.
    """
    return {
        name: {"kind": kind, "scope": scope, "default": default, "help": text}
        for name, kind, scope, default, text in _winnow.option_table()
    }


class Cleaner:
    """A reusable, thread-safe cleaner with fixed options.

    ``Cleaner(**options)`` checks every option at once (``ValueError``
    naming the option otherwise). Options of runs over files only
    (``format``, ``on_error``, ``rejects``, ``resume``, ``annotate``,
    ``max_document_bytes``) are refused here; :func:`clean_files` takes them.

    :meth:`clean` and :meth:`explain` treat each call as a corpus of one
    document: the result does not depend on earlier calls, so any number of
    threads may share one Cleaner. :meth:`clean_many` treats its stream as
    one corpus: the corpus stage removes what repeats across the stream,
    keeping the first copy.
    """

    def __init__(self, **options: Any) -> None:
        self._options = dict(options)
        self._impl = _winnow.Cleaner(self._options)

    @property
    def options(self) -> Dict[str, Any]:
        """The options this cleaner was made with (as given)."""
        return dict(self._options)

    @property
    def threads(self) -> int:
        """Threads clean_many uses in all (the ``threads`` option)."""
        return self._impl.threads

    def clean(self, text: str) -> str:
        """The kept text of one document: whole lines of ``text``, byte for byte.

        Equals ``winnow clean FILE`` on a file holding ``text`` with the same
        options. The GIL is released while it runs.
        """
        return self._impl.clean(text)

    def explain(self, text: str) -> List[Dict[str, Any]]:
        """The spans removed from ``text``, in order, as ``--annotate`` writes them.

        Each span is a dict: ``start``/``end`` (byte offsets into the UTF-8
        text), ``start_cp``/``end_cp`` (the same in code points:
        ``text[s["start_cp"]:s["end_cp"]]`` is the removed text),
        ``stage``, ``rule``, ``score``, and ``kept_document``, ``kept_id``,
        ``kept_block`` (where the copy that stayed is, for a repeat across
        documents; ``None`` otherwise, and always ``None`` for ``kept_id``
        here since one document has no neighbours to name).
        """
        return json.loads(self._impl.explain_json(text))

    def line_evidence(self, items: Iterable[Union[str, Dict[str, Any]]]) -> "LineEvidence":
        """Counts line frequencies over ``items`` (str or dict, as clean_many takes).

        This is the command line's first pass. Pass the result to
        :meth:`clean_many` (``evidence=``) with the same documents to get
        what ``winnow clean FILE`` gives on a file; without it clean_many
        gives what ``winnow clean`` gives on stdin (no first pass). Uses a
        quarter of the ``memory`` option, like the command line.
        """
        return self._impl.count_lines(items)

    def clean_many(
        self,
        items: Iterable[Union[str, Dict[str, Any]]],
        *,
        evidence: Optional["LineEvidence"] = None,
    ) -> Iterator[Union[str, Dict[str, Any]]]:
        """Cleans a stream of documents, yielding one result per item, in order.

        An item is a str (the text; the result is the kept text) or a dict
        holding the text under ``text_field`` (default ``"text"``); the
        result is a copy of the dict with only the text replaced, which is
        the record ``winnow clean`` writes for a JSONL line. A document whose
        text is removed entirely is yielded with an empty text (the command
        line leaves it out of its output): results stay aligned with inputs.

        The stream is read lazily, a batch at a time (at most a few batches
        per thread ahead of what was yielded); the per-document stages run
        on ``threads`` threads in all without the GIL (``threads - 1``
        workers, and the thread that pulls the next items helps them while
        it waits), and the corpus stage compares each document with the
        ones before it in the stream. An item that is neither str nor dict
        raises ``TypeError``, a dict without its text ``KeyError``; these,
        and exceptions of ``items`` itself, are raised after the results of
        the items before them, and end the stream, as a generator's would.
        Without ``evidence`` there is no first pass: the result equals
        ``winnow clean`` reading the same JSONL on stdin (see
        :meth:`line_evidence`).
        """
        return self._impl.clean_many(items, evidence)

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self._options.items())
        return f"winnow.Cleaner({args})"


def clean(text: str, **options: Any) -> str:
    """Cleans one document with ``options``; see :class:`Cleaner`.

    ``winnow.clean(text)`` equals ``winnow clean FILE`` on a file holding
    ``text``. To clean many documents, make one :class:`Cleaner` and reuse it.
    """
    return Cleaner(**options).clean(text)


ProgressCallback = Callable[[Dict[str, int]], None]

PathLike = Union[str, "os.PathLike[str]"]


def clean_files(
    inputs: Union[PathLike, Iterable[PathLike]],
    output: Optional[PathLike] = None,
    *,
    progress: Optional[ProgressCallback] = None,
    **options: Any,
) -> Dict[str, Any]:
    """Runs ``winnow clean INPUTS -o OUTPUT`` with ``options``; returns its statistics.

    ``inputs``: a file or folder, or several (folders are walked as the
    command line walks them). ``output``: a file, or a folder (a path ending
    in ``/`` or an existing folder) for one output per input; ``None`` is
    stdout. Every option of the command line's table applies, including
    ``format``, ``on_error``, ``rejects``, ``resume`` and ``annotate``.

    ``progress``, when given, is called on the calling thread every 64
    documents and after each input with a dict: ``docs``, ``text_bytes``,
    ``input_bytes`` (file bytes read so far) and ``total_input_bytes``. An
    exception it raises (or Ctrl-C) stops the run as a signal stops the
    command line: outputs not yet complete are removed, and the exception
    propagates.

    The result is the object ``--stats-json`` writes (``docs_in``,
    ``docs_out``, ``stages``, ``corpus``, ...), as a dict.
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    paths = [os.fspath(p) for p in inputs]
    out = "-" if output is None else os.fspath(output)
    return json.loads(_winnow.clean_files(paths, out, options, progress))
