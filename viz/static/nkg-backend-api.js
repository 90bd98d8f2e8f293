/* The served page's data source: the service's JSON API (/api/v1) and the explorer's drawing
   endpoint (/viz/view). Every method returns the API's own shapes, so the embedded backend of
   the standalone file can stand in for it. */
(function (NKG) {
  "use strict";

  const API = "/api/v1";

  async function getJson(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    if (!response.ok) {
      let message = response.statusText;
      try {
        const body = await response.json(); // {"error": {"code", "message", "detail"}}
        message = (body && body.error && body.error.message) || message;
      } catch (err) {
        /* the body was not JSON: keep the status text */
      }
      throw new Error(typeof message === "string" ? message : JSON.stringify(message));
    }
    return response.json();
  }

  function query(params) {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) {
      if (Array.isArray(value)) value.forEach((v) => search.append(key, v));
      else if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
    }
    return search.toString();
  }

  function viewParams(state, defaultFocus) {
    if (NKG.state.isPathMode(state)) {
      return {
        source: state.source,
        target: state.target,
        max_hops: state.hops,
        causal_only: state.causal ? "true" : "false",
      };
    }
    const focus = state.focus.length ? state.focus : defaultFocus;
    if (state.whole || !focus.length) return { whole: "true" };
    return { focus: focus, depth: state.depth };
  }

  function ApiBackend(config) {
    const documents = new Map();
    const defaultFocus = config.default_focus || [];

    return {
      kind: "api",
      view(state) {
        return getJson("/viz/view?" + query(viewParams(state, defaultFocus)));
      },
      async search(text) {
        const page = await getJson(API + "/entities?" + query({ q: text, limit: 12 }));
        return page.items || [];
      },
      entity(curie) {
        return getJson(API + "/entities/" + encodeURIComponent(curie));
      },
      async claims(edge) {
        const params = {
          subject: edge.subject_curie,
          predicate: edge.predicate,
          object: edge.object_curie,
          limit: 500,
        };
        const page = await getJson(API + "/relations?" + query(params));
        return page.items || [];
      },
      paths(source, target, hops, causalOnly) {
        const params = { source, target, max_hops: hops, causal_only: causalOnly ? "true" : "false" };
        return getJson(API + "/paths?" + query(params));
      },
      /** The text around [start, end) of a document: {before, span, after, clipped}. */
      async context(docId, start, end) {
        if (!documents.has(docId)) {
          documents.set(docId, getJson(API + "/documents/" + encodeURIComponent(docId)));
        }
        const doc = await documents.get(docId);
        return NKG.context.cut(doc.text || "", start, end);
      },
    };
  }

  NKG.ApiBackend = ApiBackend;
  NKG.api = { getJson, query };
})((window.NKG = window.NKG || {}));
