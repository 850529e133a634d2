# Type stubs for the winnow package (python/winnow/__init__.py has the docs).
import os
from typing import Any, Callable, Dict, Iterable, Iterator, List, Literal, Optional, Sequence, TypedDict, Union, overload

__version__: str
__all__: List[str]

StageName = Literal["boilerplate", "repeats", "corpus", "all"]
NormalizeName = Literal["nfkc", "casefold", "digits", "accents", "none"]

class OptionInfo(TypedDict):
    kind: Literal["str", "int", "float", "bool", "size"]
    scope: Literal["cleaning", "files"]
    default: str
    help: str

class RemovedSpan(TypedDict):
    start: int
    end: int
    start_cp: int
    end_cp: int
    stage: Literal["boilerplate", "repeats", "corpus"]
    rule: str
    score: float
    kept_document: Optional[int]
    kept_id: Optional[str]
    kept_block: Optional[int]

class Progress(TypedDict):
    docs: int
    text_bytes: int
    input_bytes: int
    total_input_bytes: int

Document = Dict[str, Any]

class LineEvidence:
    """Line frequencies over a set of documents (the command line's first pass)."""
    @property
    def documents(self) -> int: ...
    @property
    def distinct_lines(self) -> int: ...
    @property
    def saturated(self) -> bool: ...

def options() -> Dict[str, OptionInfo]: ...

class Cleaner:
    def __init__(
        self,
        *,
        stages: Union[str, Sequence[str], None] = ...,
        text_field: Optional[str] = ...,
        id_field: Optional[str] = ...,
        threads: Optional[int] = ...,
        memory: Union[int, str, None] = ...,
        normalize: Union[str, Sequence[str], None] = ...,
        tmp_dir: Union[str, os.PathLike[str], None] = ...,
        repeat_similarity: Optional[float] = ...,
        repeat_coverage: Optional[float] = ...,
        repeat_structural_copies: Optional[int] = ...,
        sentence_span: Optional[int] = ...,
        sentence_span_in_document: Optional[bool] = ...,
    ) -> None: ...
    @property
    def options(self) -> Dict[str, Any]: ...
    @property
    def threads(self) -> int: ...
    def clean(self, text: str) -> str: ...
    def explain(self, text: str) -> List[RemovedSpan]: ...
    def line_evidence(self, items: Iterable[Union[str, Document]]) -> LineEvidence: ...
    @overload
    def clean_many(self, items: Iterable[str], *, evidence: Optional[LineEvidence] = ...) -> Iterator[str]: ...
    @overload
    def clean_many(self, items: Iterable[Document], *, evidence: Optional[LineEvidence] = ...) -> Iterator[Document]: ...
    @overload
    def clean_many(
        self, items: Iterable[Union[str, Document]], *, evidence: Optional[LineEvidence] = ...
    ) -> Iterator[Union[str, Document]]: ...

def clean(
    text: str,
    *,
    stages: Union[str, Sequence[str], None] = ...,
    text_field: Optional[str] = ...,
    id_field: Optional[str] = ...,
    threads: Optional[int] = ...,
    memory: Union[int, str, None] = ...,
    normalize: Union[str, Sequence[str], None] = ...,
    tmp_dir: Union[str, os.PathLike[str], None] = ...,
    repeat_similarity: Optional[float] = ...,
    repeat_coverage: Optional[float] = ...,
    repeat_structural_copies: Optional[int] = ...,
    sentence_span: Optional[int] = ...,
    sentence_span_in_document: Optional[bool] = ...,
) -> str: ...

ProgressCallback = Callable[[Progress], None]
PathLike = Union[str, os.PathLike[str]]

def clean_files(
    inputs: Union[PathLike, Iterable[PathLike]],
    output: Optional[PathLike] = ...,
    *,
    progress: Optional[ProgressCallback] = ...,
    format: Optional[Literal["auto", "text", "txt", "jsonl", "json", "ndjson", "wet"]] = ...,
    stages: Union[str, Sequence[str], None] = ...,
    text_field: Optional[str] = ...,
    id_field: Optional[str] = ...,
    max_document_bytes: Optional[int] = ...,
    on_error: Optional[Literal["skip", "fail"]] = ...,
    rejects: Optional[PathLike] = ...,
    resume: Optional[bool] = ...,
    annotate: Optional[bool] = ...,
    threads: Optional[int] = ...,
    memory: Union[int, str, None] = ...,
    normalize: Union[str, Sequence[str], None] = ...,
    tmp_dir: Optional[PathLike] = ...,
    repeat_similarity: Optional[float] = ...,
    repeat_coverage: Optional[float] = ...,
    repeat_structural_copies: Optional[int] = ...,
    sentence_span: Optional[int] = ...,
    sentence_span_in_document: Optional[bool] = ...,
) -> Dict[str, Any]: ...
