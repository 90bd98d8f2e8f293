/* The drawing: vis-network over DataViews of the view's nodes and edges, so filters hide and show
   without a new layout. Tooltips are DOM elements built from text. The layout settles in a
   bounded number of iterations, then physics stops (the freeze button turns it back on). */
(function (NKG) {
  "use strict";

  const U = () => NKG.util;
  // Above this many relations (or per entity), relation names move to the tooltips.
  const LABEL_LIMIT = 60;
  const LABEL_DENSITY = 2.5;
  const FADED_EDGE = 0.22;
  const FADED_NODE = 0.4;

  function tooltip(lines) {
    const box = U().el("div", { cls: "tip" });
    lines.forEach((line, i) => box.append(U().el(i ? "div" : "strong", { text: line })));
    return box;
  }

  function nodeTooltip(node) {
    return tooltip([node.label, node.category + " · " + node.curie, "click for details"]);
  }

  function edgeTooltip(edge, labelOf) {
    const count = edge.evidence_count + " sentence" + (edge.evidence_count === 1 ? "" : "s");
    const sources = edge.sources.length + " source" + (edge.sources.length === 1 ? "" : "s");
    const flags = [U().SIGN_WORDS[edge.sign], count + " from " + sources];
    if (edge.hedged) flags.push("hedged");
    return tooltip([
      labelOf(edge.from) + " " + U().predicateWords(edge.predicate) + " " + labelOf(edge.to),
      flags.join(" · "),
      "click to read the sentences",
    ]);
  }

  class Drawing {
    constructor(container, handlers) {
      this.container = container;
      this.handlers = handlers;
      this.network = null;
      this.stable = false;
      this.physicsOn = false;
      this.state = NKG.state.parse("");
      this.visibleEdges = new Set();
      this.visibleNodes = new Set();
      this.timing = { firstStableMs: null, lastStableMs: null, firstStableAt: null, draws: 0 };
    }

    show(payload, state) {
      if (this.network) this.network.destroy();
      const labels = new Map(payload.nodes.map((n) => [n.id, n.label]));
      const labelOf = (id) => labels.get(id) || U().localName(id);
      const edges = payload.edges.length;
      const showLabels = edges <= LABEL_LIMIT && edges <= LABEL_DENSITY * payload.nodes.length;
      this.nodeSet = new vis.DataSet(payload.nodes.map((n) =>
        Object.assign({}, n, { title: nodeTooltip(n), baseColor: n.color })));
      this.edgeSet = new vis.DataSet(payload.edges.map((e) => Object.assign({}, e, {
        title: edgeTooltip(e, labelOf), label: showLabels ? e.label : undefined,
        baseColor: e.color, baseWidth: e.width,
      })));
      this.state = state;
      this.computeVisible();
      this.edgeView = new vis.DataView(this.edgeSet, { filter: (e) => this.visibleEdges.has(e.id) });
      this.nodeView = new vis.DataView(this.nodeSet, { filter: (n) => this.visibleNodes.has(n.id) });
      this.start(payload.options);
    }

    start(options) {
      this.stable = false;
      this.physicsOn = true;
      const started = performance.now();
      const data = { nodes: this.nodeView, edges: this.edgeView };
      this.network = new vis.Network(this.container, data, options);
      this.network.on("click", (params) => this.clicked(params));
      if (this.nodeView.length === 0) {
        this.settled(started);
        return;
      }
      this.network.once("stabilizationIterationsDone", () => this.settled(started));
    }

    settled(started) {
      const now = performance.now();
      const ms = Math.round(now - started);
      this.timing.draws += 1;
      this.timing.lastStableMs = ms;
      if (this.timing.firstStableMs === null) {
        this.timing.firstStableMs = ms;
        this.timing.firstStableAt = Math.round(now); // since navigation start
      }
      this.setPhysics(false);
      this.stable = true;
      this.handlers.onStable(ms);
    }

    setPhysics(on) {
      this.physicsOn = on;
      if (this.network) this.network.setOptions({ physics: { enabled: on } });
    }

    clicked(params) {
      if (params.nodes.length) this.handlers.onPick({ kind: "node", id: params.nodes[0] });
      else if (params.edges.length) this.handlers.onPick({ kind: "edge", id: params.edges[0] });
      else this.handlers.onPick(null);
    }

    computeVisible() {
      const s = this.state;
      const edges = this.edgeSet.get().filter((e) => NKG.filters.edgePasses(e, s));
      this.visibleEdges = new Set(edges.map((e) => e.id));
      const active = NKG.filters.active(s);
      const ends = new Set(edges.flatMap((e) => [e.from, e.to]));
      this.visibleNodes = new Set(this.nodeSet.get()
        .filter((n) => !active || n.focus || ends.has(n.id)).map((n) => n.id));
    }

    applyFilters(state) {
      if (!this.network) return;
      this.state = state;
      this.computeVisible();
      this.edgeView.refresh();
      this.nodeView.refresh();
    }

    select(kind, id) {
      if (!this.network) return false;
      if (kind === "node" && this.nodeView.get(id)) {
        this.network.selectNodes([id], false);
        return true;
      }
      if (kind === "edge" && this.edgeView.get(id)) {
        this.network.setSelection({ nodes: [], edges: [id] }, { unselectAll: true });
        return true;
      }
      this.network.unselectAll();
      return false;
    }

    /** Emphasise some edges (a path, a selection): thick when `thick`, everything else faded. */
    highlight(edgeIds, nodeIds, thick) {
      const onEdge = new Set(edgeIds);
      const onNode = new Set(nodeIds);
      const wide = thick === undefined ? true : thick;
      this.edgeSet.update(this.edgeSet.get().map((e) => ({
        id: e.id,
        width: onEdge.has(e.id) && wide ? 5 : e.baseWidth,
        color: Object.assign({}, e.baseColor, { opacity: onEdge.has(e.id) ? 1 : FADED_EDGE }),
      })));
      this.nodeSet.update(this.nodeSet.get().map((n) => ({
        id: n.id, opacity: onNode.has(n.id) ? 1 : FADED_NODE,
      })));
    }

    /** Emphasise a selected node (with its relations) or edge (with its two ends). */
    emphasise(kind, id) {
      if (kind === "edge") {
        const edge = this.edge(id);
        return this.highlight([id], [edge.from, edge.to], true);
      }
      const edges = this.network.getConnectedEdges(id);
      const nodes = this.network.getConnectedNodes(id).concat([id]);
      return this.highlight(edges, nodes, false);
    }

    clearHighlight() {
      if (!this.edgeSet) return;
      this.edgeSet.update(this.edgeSet.get().map((e) => ({
        id: e.id, width: e.baseWidth, color: Object.assign({}, e.baseColor, { opacity: 1 }),
      })));
      this.nodeSet.update(this.nodeSet.get().map((n) => ({ id: n.id, opacity: 1 })));
    }

    edge(id) {
      return this.edgeSet ? this.edgeSet.get(id) : null;
    }

    node(id) {
      return this.nodeSet ? this.nodeSet.get(id) : null;
    }

    counts() {
      return {
        nodes: this.nodeView ? this.nodeView.length : 0,
        edges: this.edgeView ? this.edgeView.length : 0,
      };
    }

    fit() {
      if (this.network) this.network.fit({ animation: { duration: 300, easingFunction: "easeInOutQuad" } });
    }
  }

  NKG.Drawing = Drawing;
})((window.NKG = window.NKG || {}));
