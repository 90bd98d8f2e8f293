"""One settings object for the whole service; every value can come from a `NUTRIKG_*` variable."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# How far a claim is trusted for its publisher's kind alone (graph/read/belief.py): a paper's
# abstract or a review first, a vendor or retailer that promotes products last.
DEFAULT_SOURCE_PRIORS: dict[str, float] = {
    "abstract": 0.9,
    "review": 0.9,
    "news": 0.7,
    "blog": 0.55,
    "forum": 0.45,
    "retailer": 0.35,
    "vendor": 0.35,
    "unknown": 0.35,
}
DEFAULT_HEDGE_FACTOR = 0.6  # a hedged claim ("may", "research suggests") counts for 60% of a firm one


def default_data_dir() -> Path:
    """`data/` beside the code in a checkout of the repository; for an installed package (whose
    folder, in site-packages, is no place to write) `data/` in the working folder."""
    if (PROJECT_ROOT / "pyproject.toml").exists():
        return PROJECT_ROOT / "data"
    return Path.cwd() / "data"


class Settings(BaseSettings):
    """Where the corpus and the built graph live, how the service listens, and its safety limits."""

    model_config = SettingsConfigDict(env_prefix="NUTRIKG_", frozen=True)

    corpus_dir: Path = Field(
        default=PROJECT_ROOT / "corpus",
        description=(
            "Folder of documents (.txt, .md, .html, .pdf, JATS or PubMed .xml) to build from; read, "
            "never written (`nutrikg add` writes into the data folder's copy)."
        ),
    )
    data_dir: Path = Field(
        default_factory=default_data_dir,
        description=(
            "Where the built graph, the store and the copy of the corpus are kept (default: data/ "
            "beside the code in a checkout, ./data in the working folder for an installed package)."
        ),
    )
    host: str = Field(default="127.0.0.1", description="Address the HTTP service binds to.")
    port: int = Field(default=8000, description="Port the HTTP service listens on.")
    trusted_hosts: tuple[str, ...] = Field(
        # `testserver` is the name the framework's test client sends; it resolves nowhere.
        default=("localhost", "127.0.0.1", "::1", "testserver"),
        description=(
            "Host names requests may name in their Host header (others get 400, against DNS "
            "rebinding); add the service's public name when it is served beyond this machine; "
            "`*` trusts any."
        ),
    )
    query_timeout_s: float = Field(
        default=10.0, gt=0, description="Wall-clock limit for one SPARQL query, in seconds."
    )
    query_memory_mb: int = Field(
        default=1024,
        ge=64,
        description="Most memory one SPARQL query worker may hold; past it the query is stopped.",
    )
    query_workers: int = Field(
        default=2, ge=1, description="Long-lived worker processes that run SPARQL queries."
    )
    max_queries_in_flight: int = Field(
        default=16,
        ge=1,
        description=(
            "Most SPARQL and pattern queries admitted at once, running or waiting for a worker; "
            "past it a query is refused at once (503, Retry-After) before it takes a server thread."
        ),
    )
    max_result_bytes: int = Field(
        default=1_000_000_000,
        ge=1024,
        description="Largest SPARQL answer, in bytes; answers past 1 MiB stream as they are written.",
    )
    max_request_bytes: int = Field(
        default=1_000_000, ge=1024, description="Largest request body accepted, in bytes."
    )
    cors_origins: tuple[str, ...] = Field(
        default=(),
        description=(
            "Origins (`https://example.org`) whose pages may read the service's answers (CORS); "
            "none by default."
        ),
    )
    service_allowlist: tuple[str, ...] = Field(
        default=(),
        description="Remote SPARQL endpoints a SERVICE clause may call (none by default).",
    )
    write_token: str | None = Field(
        default=None, description="Bearer token required by write endpoints; writes off when unset."
    )
    max_document_bytes: int = Field(
        default=500_000,
        ge=1,
        description=(
            "Largest document (its UTF-8 text, or a sent file's bytes) `POST /api/v1/documents` "
            "reads; past it: 413."
        ),
    )
    extraction_timeout_s: float = Field(
        default=60.0,
        gt=0,
        description=(
            "Longest reading one sent document may take (in a process of its own, killed past "
            "it: 504, nothing written)."
        ),
    )
    max_document_text_chars: int = Field(
        default=200_000,
        ge=1,
        description=(
            "Most characters of a document's text one `GET /api/v1/documents/{id}` answers; "
            "`text_offset` and `text_limit` page through a longer one."
        ),
    )
    viz_node_cap: int = Field(default=300, ge=1, description="Most nodes one explorer view draws.")
    extraction_workers: int = Field(
        default=0, ge=0, description="Processes for extraction; 0 means one per core."
    )
    remote_query_url: str | None = Field(
        default=None, description="Use a remote SPARQL 1.1 store at this query endpoint."
    )
    remote_update_url: str | None = Field(default=None, description="Update endpoint of the remote store.")
    source_priors: dict[str, Annotated[float, Field(ge=0, le=1)]] = Field(
        default_factory=lambda: dict(DEFAULT_SOURCE_PRIORS),
        description=(
            "How far a claim is trusted for its document's source kind (0..1), by kind: abstract, "
            "review, news, blog, forum, retailer, vendor, unknown (a kind not given counts as "
            "unknown); the statements' beliefs start from it. As JSON in the environment."
        ),
    )
    hedge_factor: float = Field(
        default=DEFAULT_HEDGE_FACTOR,
        ge=0,
        le=1,
        description="What a hedged claim counts for in a statement's belief, as a share of a firm one.",
    )
    reopen_wait_s: float = Field(
        default=30.0,
        gt=0,
        description=(
            "Longest a request waits for the store to be re-opened after a write beside the "
            "service; past it the request is answered from the store read before the write."
        ),
    )
    max_load_bytes: int = Field(
        default=2_000_000_000,
        ge=1,
        description="Largest RDF file `nutrikg load` accepts, in bytes.",
    )

    @property
    def corpus_copy(self) -> Path:
        """The data folder's own copy of the documents its graph was built from: a build copies
        `corpus_dir` here, and `nutrikg add` writes here, never into `corpus_dir`."""
        return self.data_dir / "corpus"

    @property
    def graph_file(self) -> Path:
        """The built graph as sorted N-Triples (the master copy's serialisation)."""
        return self.data_dir / "nutrikg.nt"

    @property
    def store_dir(self) -> Path:
        """The on-disk Oxigraph store the service queries."""
        return self.data_dir / "store"

    @property
    def texts_file(self) -> Path:
        """The documents' texts and mentions as the last build read them (SQLite)."""
        return self.data_dir / "documents.sqlite"

    @property
    def exports_dir(self) -> Path:
        """The graph in every export format, written with each build (graph.assemble.exports)."""
        return self.data_dir / "exports"

    @property
    def report_file(self) -> Path:
        """JSON report of the last build."""
        return self.data_dir / "build-report.json"

    @property
    def build_dir(self) -> Path:
        """Where the current build's record (its id and claim manifest, graph.builds) is kept:
        inside the store's folder, so it is swapped in with the store; beside a remote store,
        which has no folder here, a folder of its own."""
        return self.data_dir / "build" if self.remote_query_url else self.store_dir

    @property
    def builds_dir(self) -> Path:
        """The manifests of the last builds, for `nutrikg diff` and `/api/v1/changes`."""
        return self.data_dir / "builds"

    @property
    def reviews_file(self) -> Path:
        """People's reviews of claims (graph.reviews), kept across rebuilds (JSON Lines)."""
        return self.data_dir / "reviews.jsonl"
