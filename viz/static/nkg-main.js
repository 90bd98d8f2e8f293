/* Start the explorer: pick the data source (the service, or the data embedded in a standalone
   file), build the legend and controls, then draw whatever the URL hash describes. */
(function (NKG) {
  "use strict";

  const U = NKG.util;
  const $ = (id) => document.getElementById(id);

  const config = U.readJson("nkg-config") || {};
  const bundle = U.readJson("nkg-bundle");
  const backend = bundle ? NKG.EmbeddedBackend(bundle) : NKG.ApiBackend(config);
  const applied = { view: null, filter: null, sel: null };
  let payload = null;
  let sequence = 0;
  let loading = false;

  const drawing = new NKG.Drawing($("network"), { onPick: picked, onStable: settled });
  const panel = NKG.Panel($("panel"), backend, drawing);

  function renderLegend(legend) {
    $("legend-signs").replaceChildren(...legend.signs.map((s) => {
      const line = U.el("span", { cls: "swatch-line" });
      line.style.backgroundColor = s.color;
      return U.el("li", {}, [line, " " + s.label]);
    }), U.el("li", {}, [U.el("span", { cls: "swatch-line dashed" }), " hedged (dashed)"]));
    $("legend-categories").replaceChildren(...legend.categories.map((c) => {
      const mark = U.el("span", { cls: "swatch shape-" + c.shape });
      mark.style.backgroundColor = c.color;
      return U.el("li", {}, [mark, " " + c.label]);
    }));
  }

  function picked(item) {
    NKG.state.update({ sel: item ? item.kind + ":" + item.id : "" });
  }

  function describe(view, state) {
    if (view.mode === "path") return "entities on the paths";
    if (view.mode === "all") return "the whole graph";
    const names = view.nodes.filter((n) => n.focus).map((n) => n.label).join(" and ");
    return "the neighbourhood of " + (names || "the focus") + ", depth " + state.depth;
  }

  function showStatus(state) {
    if (!payload) return;
    const counts = drawing.counts();
    const timing = drawing.timing.lastStableMs;
    const parts = [counts.nodes + " entities and " + counts.edges + " relations: " + describe(payload, state)];
    if (NKG.filters.active(state)) parts.push("filtered");
    if (timing !== null && drawing.stable) parts.push("layout settled in " + timing + " ms");
    $("status").textContent = parts.join(" · ");
    const notice = $("notice");
    notice.hidden = !payload.truncated;
    notice.textContent = payload.truncated
      ? "This view holds " + payload.total_nodes + " entities; only the " + payload.nodes.length
        + (payload.mode === "all" ? " best connected" : " nearest") + " are drawn (the cap is " + payload.node_cap + "). Search for an entity or lower the depth to see the rest."
      : "";
  }

  function renderQuery(query) {
    const list = $("query-json");
    list.replaceChildren(...query.json.map((url) => {
      if (bundle) return U.el("li", {}, [U.el("code", { text: url })]);
      const a = U.el("a", { text: url });
      a.href = url;
      return U.el("li", {}, [a]);
    }));
    $("query-sparql").textContent = query.sparql;
    const link = $("query-sparql-link");
    link.hidden = Boolean(bundle) || !query.sparql_endpoint;
    if (!link.hidden) link.href = query.sparql_endpoint + "?" + new URLSearchParams({ query: query.sparql });
  }

  function settled() {
    loading = false;
    $("freeze").textContent = "Resume physics";
    const state = NKG.state.current();
    showStatus(state);
    if (payload && payload.mode === "path") NKG.paths.show(state);
    applySelection(state, true);
  }

  async function loadView(state) {
    const mine = ++sequence;
    loading = true;
    $("status").textContent = "loading…";
    try {
      const view = await backend.view(state);
      if (mine !== sequence) return;
      payload = view;
      applied.view = NKG.state.viewKey(state);
      applied.filter = NKG.state.filterKey(state);
      applied.sel = null;
      NKG.filters.render(view, state);
      renderQuery(view.query);
      if (view.mode !== "path") NKG.paths.hide();
      drawing.show(view, state);
    } catch (err) {
      if (mine !== sequence) return;
      loading = false;
      applied.view = NKG.state.viewKey(state);
      $("status").textContent = "Cannot draw this view: " + (err.message || err);
    }
  }

  function applySelection(state, force) {
    if (!force && state.sel === applied.sel) return;
    applied.sel = state.sel;
    const [kind, ...rest] = state.sel.split(":");
    const id = rest.join(":");
    const pathMode = payload && payload.mode === "path"; // the chosen path keeps its highlight
    if (!state.sel || !drawing.select(kind, id)) {
      if (!pathMode) drawing.clearHighlight();
      return panel.clear();
    }
    if (!pathMode) drawing.emphasise(kind, id);
    if (kind === "node") panel.showNode(drawing.node(id));
    else panel.showEdge(drawing.edge(id));
  }

  function syncControls(state) {
    const search = $("search");
    const elsewhere = !state.focus.length || state.whole || NKG.state.isPathMode(state);
    if (elsewhere && search.dataset.curie) { // a picked entity the view no longer centres on
      search.value = "";
      delete search.dataset.curie;
    }
    $("depth").value = String(state.depth);
    $("max-hops").value = String(Math.min(Math.max(state.hops, 2), 5));
    $("causal-only").checked = state.causal;
    for (const [id, term] of [["path-source", state.source], ["path-target", state.target]]) {
      const input = $(id);
      if (NKG.search.termOf(input) !== term) {
        input.value = term;
        input.dataset.curie = term;
        if (!term) delete input.dataset.curie;
      }
    }
  }

  async function apply() {
    const state = NKG.state.current();
    syncControls(state);
    if (NKG.state.viewKey(state) !== applied.view) return loadView(state);
    if (loading) return undefined;
    if (NKG.state.filterKey(state) !== applied.filter) {
      applied.filter = NKG.state.filterKey(state);
      NKG.filters.sync(state);
      drawing.applyFilters(state);
      showStatus(state);
    }
    applySelection(state, false);
    return undefined;
  }

  function wireControls() {
    NKG.search.autocomplete($("search"), $("search-list"), backend, (item) => {
      NKG.state.update({ focus: [item.curie], whole: false, source: "", target: "", sel: "" });
    });
    NKG.search.autocomplete($("path-source"), $("path-source-list"), backend, () => {});
    NKG.search.autocomplete($("path-target"), $("path-target-list"), backend, () => NKG.paths.run());
    $("depth").addEventListener("change", (e) => NKG.state.update({ depth: parseInt(e.target.value, 10) }));
    $("show-all").addEventListener("click", () => NKG.state.update({ whole: true, focus: [], source: "", target: "", sel: "" }));
    $("fit").addEventListener("click", () => drawing.fit());
    $("freeze").addEventListener("click", () => {
      drawing.setPhysics(!drawing.physicsOn);
      $("freeze").textContent = drawing.physicsOn ? "Freeze layout" : "Resume physics";
    });
    $("query-toggle").addEventListener("click", () => {
      const box = $("query-box");
      box.hidden = !box.hidden;
      $("query-toggle").setAttribute("aria-expanded", String(!box.hidden));
    });
    NKG.filters.wire();
    NKG.paths.init(backend, drawing);
  }

  window.__nutrikg = {
    get network() { return drawing.network; },
    get nodes() { return drawing.nodeView; },
    get edges() { return drawing.edgeView; },
    get stable() { return drawing.stable && !loading; },
    get view() { return payload; },
    timing: drawing.timing,
    backend: backend.kind,
    counts: () => drawing.counts(),
    state: () => NKG.state.current(),
    draws: () => drawing.timing.draws,
    selectEdge: (id) => NKG.state.update({ sel: "edge:" + id }),
    selectNode: (id) => NKG.state.update({ sel: "node:" + id }),
    chosenPath: () => NKG.paths.listed()[NKG.paths.chosen()] || null,
  };

  renderLegend(config.legend);
  wireControls();
  window.addEventListener("hashchange", apply);
  apply();
})(window.NKG);
