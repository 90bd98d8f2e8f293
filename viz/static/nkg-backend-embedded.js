/* The standalone file's data source: everything was embedded at export time (drawing, entity
   details, claims, text around each sentence), so the page works from disk with no network.
   It answers with the same shapes as the JSON API. */
(function (NKG) {
  "use strict";

  const U = () => NKG.util;

  function EmbeddedBackend(bundle) {
    const full = bundle.view;
    const byCurie = new Map(full.nodes.map((n) => [n.curie, n]));
    const finder = NKG.pathFinder(full.edges, bundle.claims, (id) => termRef(id));

    function termRef(id) {
      const node = full.nodes.find((n) => n.id === id);
      return { iri: id, curie: U().toCurie(id), label: node ? node.label : U().localName(id) };
    }

    function resolve(term) {
      const text = String(term || "").trim();
      const wanted = text.toLowerCase();
      if (byCurie.has(text)) return byCurie.get(text).id;
      for (const node of full.nodes) {
        if (node.id === text || node.label.toLowerCase() === wanted) return node.id;
        const detail = bundle.entities[node.curie];
        if (detail && detail.synonyms.some((s) => s.toLowerCase() === wanted)) return node.id;
      }
      throw new Error("no entity is called " + JSON.stringify(text));
    }

    function subset(ids, focus, mode, requests) {
      const keep = new Set(ids);
      const edges = full.edges.filter((e) => keep.has(e.from) && keep.has(e.to));
      const nodes = full.nodes.filter((n) => keep.has(n.id)).map((n) => restyle(n, focus));
      const query = { json: requests, sparql: NKG.sparqlFor(nodes.map((n) => n.id)) };
      return Object.assign({}, full, { nodes, edges, mode, focus: focus.map(U().toCurie), query });
    }

    function restyle(node, focus) {
      const focused = focus.includes(node.id);
      const copy = Object.assign({}, node, { focus: focused, borderWidth: focused ? 4 : 1.5 });
      copy.color = Object.assign({}, node.color, {
        border: focused ? "#2b2f38" : node.color.background,
      });
      return copy;
    }

    function neighbourhood(centers, depth) {
      const reach = new Map(centers.map((c) => [c, 0]));
      let frontier = centers.slice();
      for (let hop = 1; hop <= depth; hop += 1) {
        const next = [];
        for (const edge of full.edges) {
          for (const [a, b] of [[edge.from, edge.to], [edge.to, edge.from]]) {
            if (frontier.includes(a) && !reach.has(b)) {
              reach.set(b, hop);
              next.push(b);
            }
          }
        }
        frontier = next;
      }
      return Array.from(reach.keys());
    }

    function view(state, defaultFocus) {
      if (NKG.state.isPathMode(state)) {
        const source = resolve(state.source);
        const target = resolve(state.target);
        const found = finder.find(source, target, state.hops, state.causal, 10);
        const ids = new Set([source, target]);
        found.forEach((p) => p.hops.forEach((h) => ids.add(h.subject.iri).add(h.object.iri)));
        const request = NKG.api.query({ source: U().toCurie(source), target: U().toCurie(target),
          max_hops: state.hops, causal_only: state.causal ? "true" : "false" });
        return subset(Array.from(ids), [source, target], "path", ["/api/v1/paths?" + request]);
      }
      const focusTerms = state.focus.length ? state.focus : defaultFocus;
      if (state.whole || !focusTerms.length) {
        return subset(full.nodes.map((n) => n.id), [], "all", ["/api/v1/graph"]);
      }
      const centers = focusTerms.map(resolve);
      const requests = centers.map(
        (c) => "/api/v1/neighbourhood/" + U().toCurie(c) + "?depth=" + state.depth
      );
      return subset(neighbourhood(centers, state.depth), centers, "focus", requests);
    }

    return {
      kind: "embedded",
      view: (state) => Promise.resolve().then(() => view(state, bundle.default_focus || [])),
      async search(text) {
        const wanted = String(text || "").trim().toLowerCase();
        const names = (e) => [e.label].concat(e.synonyms).map((s) => s.toLowerCase());
        const all = Object.values(bundle.entities);
        const starts = all.filter((e) => names(e).some((n) => n.startsWith(wanted)));
        const contains = all.filter((e) => !starts.includes(e) && names(e).some((n) => n.includes(wanted)));
        return starts.concat(contains).slice(0, 12);
      },
      async entity(curie) {
        const found = bundle.entities[curie] || bundle.entities[U().toCurie(resolve(curie))];
        if (!found) throw new Error("no entity is called " + JSON.stringify(curie));
        return found;
      },
      async claims(edge) {
        return bundle.claims[edge.id] || [];
      },
      async paths(source, target, hops, causalOnly) {
        const from = resolve(source);
        const to = resolve(target);
        const paths = finder.find(from, to, hops, causalOnly, 10);
        return { source: termRef(from), target: termRef(to), total: paths.length, paths };
      },
      async context(docId, start, end) {
        const found = bundle.contexts[docId + ":" + start + ":" + end];
        return found || { before: "", span: "", after: "", clipped: false };
      },
    };
  }

  NKG.EmbeddedBackend = EmbeddedBackend;
})((window.NKG = window.NKG || {}));
