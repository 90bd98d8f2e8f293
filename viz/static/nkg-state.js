/* The view's state lives in the URL hash so a view can be shared: focus, depth, pathway ends,
   filters and the selected node or edge. Every control writes the hash; one handler applies it. */
(function (NKG) {
  "use strict";

  const DEFAULTS = Object.freeze({
    focus: [], // CURIEs or labels
    depth: 1,
    whole: false,
    source: "",
    target: "",
    hops: 4,
    causal: true,
    hideHedged: false,
    hideNonCausal: false,
    xkinds: [], // source kinds hidden
    xrels: [], // relations hidden
    doc: "", // only this document
    sel: "", // "node:<id>" or "edge:<id>"
  });

  const LISTS = ["focus", "xkinds", "xrels"];
  const BOOLS = ["whole", "causal", "hideHedged", "hideNonCausal"];
  const INTS = { depth: [1, 3], hops: [1, 6] };

  function fresh() {
    return JSON.parse(JSON.stringify(DEFAULTS));
  }

  function parseValue(key, raw) {
    if (LISTS.includes(key)) return raw ? raw.split(",").filter(Boolean) : [];
    if (BOOLS.includes(key)) return raw === "1" || raw === "true";
    if (INTS[key]) {
      const n = parseInt(raw, 10);
      const [lo, hi] = INTS[key];
      return Number.isFinite(n) ? Math.min(Math.max(n, lo), hi) : DEFAULTS[key];
    }
    return raw;
  }

  /** The state a hash describes, defaults filled in. */
  function parse(hash) {
    const state = fresh();
    const params = new URLSearchParams(String(hash || "").replace(/^#/, ""));
    for (const [key, raw] of params.entries()) {
      if (Object.prototype.hasOwnProperty.call(DEFAULTS, key)) state[key] = parseValue(key, raw);
    }
    return state;
  }

  function formatValue(key, value) {
    if (LISTS.includes(key)) return value.join(",");
    if (BOOLS.includes(key)) return value ? "1" : "0";
    return String(value);
  }

  /** The hash for a state: only what differs from the defaults. */
  function format(state) {
    const params = new URLSearchParams();
    for (const key of Object.keys(DEFAULTS)) {
      const value = formatValue(key, state[key]);
      if (value !== formatValue(key, DEFAULTS[key])) params.set(key, value);
    }
    return "#" + params.toString();
  }

  function current() {
    return parse(window.location.hash);
  }

  /** Change some keys of the current state; the hashchange listener applies it. */
  function update(changes) {
    const next = Object.assign(current(), changes);
    const hash = format(next);
    if (hash === window.location.hash || (hash === "#" && !window.location.hash)) {
      window.dispatchEvent(new HashChangeEvent("hashchange"));
    } else {
      window.location.hash = hash;
    }
  }

  /** Which part of the state each consumer cares about: redraw, refilter, reselect. */
  function viewKey(s) {
    return JSON.stringify([s.focus, s.depth, s.whole, s.source, s.target, s.hops, s.causal]);
  }

  function filterKey(s) {
    return JSON.stringify([s.hideHedged, s.hideNonCausal, s.xkinds, s.xrels, s.doc]);
  }

  function isPathMode(s) {
    return Boolean(s.source && s.target);
  }

  NKG.state = { DEFAULTS, parse, format, current, update, viewKey, filterKey, isPathMode };
})((window.NKG = window.NKG || {}));
