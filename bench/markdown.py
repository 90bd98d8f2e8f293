"""Markdown tables of a run's results (the generated section of BENCHMARKS.md)."""

from __future__ import annotations

from typing import Any

from bench.queries import QUERY_MIX

ENGINES = (("rdflib", "rdflib"), ("rdflib-endpoint", "rdflib-endpoint"),
           ("oxigraph", "pyoxigraph"), ("nutrikg", "nutrikg HTTP"))  # fmt: skip
API_QUERIES = ("search_api", "paths_api", "export")


def render_results(
    runs: list[dict[str, Any]], extraction: dict[str, Any] | None, header: dict[str, Any]
) -> str:
    """The whole generated section."""
    parts = [_header(header)]
    if runs:
        parts += [_targets(runs[-1]), _overview(runs)]
        parts += [_latency(run) for run in runs]
        parts.append(_service(runs, header.get("query_check_ms")))
    if extraction:
        parts.append(_extraction(extraction))
    return "\n\n".join(parts) + "\n"


def _table(head: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _header(header: dict[str, Any]) -> str:
    m = header["machine"]
    libs = ", ".join(f"{k} {v}" for k, v in m["libraries"].items() if v)
    c = header["config"]
    return "\n".join([
        "## Latest run", "",
        f"- Command: `{header['command']}` ({header['timestamp']}, "
        f"{header.get('duration_min', '?')} min)",
        f"- Machine: {m['nproc']} cores, {m['memory_gib']} GiB, {m['cpu']}; Linux {m['kernel']}; "
        f"load average {_load(m.get('loadavg_start'))} at the start, "
        f"{_load(m.get('loadavg_end'))} at the end",
        f"- Python {m['python']}; {libs}; load generator: {m['wrk'] or 'httpx (wrk missing)'}",
        f"- Per query: warm-up + up to {c['reps']} timed runs within a {c['budget_s']:g} s "
        f"budget; load tests: {c['load_s']:g} s at {c['connections']} connections",
    ])  # fmt: skip


def _load(values: list[float] | None) -> str:
    return "/".join(f"{v:.2f}" for v in values) if values else "?"


def _targets(run: dict[str, Any]) -> str:
    rows = [[t["name"], t["goal"], t["value"], _met(t["met"]), t["margin"]]
            for t in run["targets"]]  # fmt: skip
    title = f"### Targets at {run['scale']} ({run['graph']['triples']:,} triples)"
    return title + "\n\n" + _table(["target", "goal", "measured", "met", "margin"], rows)


def _met(value: bool | None) -> str:
    return "n/a" if value is None else "met" if value else "**missed**"


def _overview(runs: list[dict[str, Any]]) -> str:
    rows = []
    for run in runs:
        for key, label in ENGINES:
            engine = run["engines"].get(key)
            if engine is None:
                continue
            load = {t["query"]: t for t in engine.get("throughput", [])}
            rows.append([run["scale"], label, _num(engine.get("load_s")),
                         _num(engine.get("ready_s")), _num(engine.get("peak_rss_mb"), 0),
                         *(_rps(load.get(q)) for q in ("lookup", "one_hop")),
                         _num(engine.get("extra", {}).get("loadavg_at_start")),
                         engine.get("error") or ""])  # fmt: skip
    head = ["scale", "engine", "load (s)", "first answer (s)", "peak RSS (MB)",
            "lookup req/s", "one_hop req/s", "load avg at start", "error"]  # fmt: skip
    return "### Loading, memory, throughput\n\n" + _table(head, rows)


def _num(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def _rps(load: dict[str, Any] | None) -> str:
    if not load:
        return "–"
    if not load["rps"]:
        return f"0 (no answer within the {load['seconds']:g} s run)"
    errors = f", {load['errors']} errors" if load["errors"] else ""
    return f"{load['rps']:,.1f} (p50 {_num(load['p50_ms'], 1)} ms{errors})"


def _cell(query: dict[str, Any] | None, first: bool = False) -> str:
    if query is None:
        return "–"
    if query.get("timeout_s") is not None:
        return f"timeout > {query['timeout_s']:g} s"
    if query.get("error"):
        return "error"
    cold = f" (first {_ms(query['first_ms'])})" if first and query.get("first_ms") else ""
    return f"{_ms(query['p50_ms'])} / {_ms(query['p95_ms'])}{cold}"


def _ms(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.2f}" if value < 10 else f"{value:,.0f}" if value >= 1000 else f"{value:.1f}"


def _ratio(data: dict[str, Any] | None, query: str) -> str:
    found = (data or {}).get("per_query", {}).get(query)
    return "–" if not found else f"{found['bound']}{found['ratio']:,.1f}x"


def _latency(run: dict[str, Any]) -> str:
    engines, found = run["engines"], run["ratios"]
    rows = []
    for name in [q.name for q in QUERY_MIX] + list(API_QUERIES):
        rows.append([f"`{name}`", _rows(engines, name)]
                    + [_cell(engines.get(k, {}).get("queries", {}).get(name), name in API_QUERIES)
                       for k, _ in ENGINES]
                    + [_ratio(found.get(k), name) for k in _RATIO_KEYS])  # fmt: skip
    rows.append(["geometric mean", "", "", "", "", ""]
                + [_geo(found.get(k)) for k in _RATIO_KEYS])  # fmt: skip
    head = ["query", "rows"] + [f"{label} p50 / p95 (ms)" for _, label in ENGINES]
    head += ["ours vs rdflib", "ours vs rdflib-endpoint", "HTTP / in-process pyoxigraph",
             "in-process pyoxigraph vs rdflib"]  # fmt: skip
    title = f"### Query latency at {run['scale']} ({run['graph']['triples']:,} triples)"
    notes = [f"- {n}" for k, _ in ENGINES for n in engines.get(k, {}).get("notes", [])]
    notes += [f"- row counts differ: {d}" for d in run.get("row_mismatches", [])]
    return "\n".join([title, "", _table(head, rows), "", *notes]).rstrip()


_RATIO_KEYS = ("vs_rdflib", "vs_rdflib_endpoint", "http_overhead_vs_oxigraph",
               "oxigraph_vs_rdflib")  # fmt: skip


def _rows(engines: dict[str, Any], name: str) -> str:
    for key in ("nutrikg", "oxigraph", "rdflib"):
        query = engines.get(key, {}).get("queries", {}).get(name)
        if query and query.get("rows") is not None:
            unit = " B" if name in API_QUERIES else ""
            return f"{query['rows']:,}{unit}"
    return "–"


def _geo(data: dict[str, Any] | None) -> str:
    if not data or data.get("geomean") is None:
        return "–"
    return f"**{data['geomean_bound']}{data['geomean']:,.1f}x**"


def _service(runs: list[dict[str, Any]], check: dict[str, Any] | str | None) -> str:
    rows = []
    for run in runs:
        ours = run["engines"].get("nutrikg", {})
        extra = ours.get("extra", {})
        rows.append([run["scale"], _num(ours.get("ready_s")), _num(extra.get("api_ready_s")),
                     _stream(extra.get("streaming")), _stream(extra.get("streaming_uncapped"))])  # fmt: skip
    head = ["scale", "cold start: SPARQL (s)", "JSON API ready (s)",
            "SELECT of every triple (default limits)", "same, time limit raised"]  # fmt: skip
    text = "### Our service: cold start and a full-graph SELECT\n\n" + _table(head, rows)
    if isinstance(check, dict):
        costs = ", ".join(f"`{k}` {_ms(v)}" for k, v in check.items())
        text += "\n\nChecking a query text the service has not seen before it runs "
        text += f"(`graph.sparql.guard.check_query`, in-process p50, ms): {costs}. "
        text += "A text that cannot reach outside the store is checked without a parse; others are "
        text += "parsed with rdflib, and their checks cached."
    return text


def _stream(data: dict[str, Any] | None) -> str:
    if not data:
        return "–"
    memory = f"RSS {data['rss_before_mb']:,.0f} -> peak {data['rss_peak_mb']:,.0f} MB"
    if data.get("status") is None:  # broken off on the way (the time limit holds while it streams)
        return f"broken off after {data['seconds']} s ({data.get('message', '')[:60]}); {memory}"
    what = f"{data['rows']:,} rows" if data.get("rows") is not None else "refused"
    return f"HTTP {data['status']}, {what}, {data['bytes'] / 1e6:.1f} MB in {data['seconds']} s; {memory}"


def _extraction(data: dict[str, Any]) -> str:
    rows = []
    for key, label in (("one_core", "1 worker"), ("all_cores", f"{data['cores']} workers")):
        run = data.get(key)
        if run:
            rows.append([label, str(run["documents"]), f"{run['text_mb']:.1f}",
                         f"{run['seconds']:.1f}", f"{run['docs_per_s']:.1f}",
                         f"{run['mb_per_s']:.3f}", f"{run['claims']:,}"])  # fmt: skip
    head = ["build_graph", "documents", "text (MB)", "seconds", "documents/s", "MB/s", "claims"]
    return "### Extraction throughput\n\n" + _table(head, rows)
