# Type stubs for winnow.datatrove (see datatrove.py for the docs).
import collections
from typing import Any, Iterable, Iterator, Optional

from . import Cleaner, LineEvidence

class WinnowStep:
    name: str
    type: str
    cleaner: Cleaner
    evidence: Optional[LineEvidence]
    stats: collections.Counter[str]
    def __init__(self, *, evidence: Optional[LineEvidence] = ..., **options: Any) -> None: ...
    def stat_update(self, *labels: str, value: int = ..., unit: Optional[str] = ...) -> None: ...
    def run(self, data: Iterable[Any], rank: int = ..., world_size: int = ...) -> Iterator[Any]: ...
    def __call__(self, data: Iterable[Any], rank: int = ..., world_size: int = ...) -> Iterator[Any]: ...
