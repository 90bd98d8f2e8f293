/* Filters: by source document or source kind, by relation, hedged claims, non-causal relations.
   An edge stays while at least one of its claims passes; the controls only write the URL. */
(function (NKG) {
  "use strict";

  const U = () => NKG.util;

  function claimPasses(claim, s) {
    if (s.hideHedged && claim.hedged) return false;
    if (s.xkinds.includes(claim.kind)) return false;
    return !s.doc || claim.doc === s.doc;
  }

  function edgePasses(edge, s) {
    if (s.hideNonCausal && edge.sign === "NotCausal") return false;
    if (s.xrels.includes(edge.predicate)) return false;
    return (edge.claims || []).some((claim) => claimPasses(claim, s));
  }

  function active(s) {
    return s.hideHedged || s.hideNonCausal || s.xkinds.length > 0 || s.xrels.length > 0 || !!s.doc;
  }

  function checkbox(value, text, checked, onChange) {
    const input = U().el("input", { attrs: { type: "checkbox", value: value } });
    input.checked = checked;
    input.addEventListener("change", onChange);
    return U().el("label", { cls: "check" }, [input, " ", text]);
  }

  function unchecked(fieldset) {
    return Array.from(fieldset.querySelectorAll("input[type=checkbox]"))
      .filter((box) => !box.checked).map((box) => box.value);
  }

  function renderKinds(payload, state) {
    const box = document.getElementById("kind-filter");
    const kinds = new Set(payload.documents.map((d) => d.source_kind));
    state.xkinds.forEach((k) => kinds.add(k));
    box.querySelectorAll("label").forEach((label) => label.remove());
    for (const kind of Array.from(kinds).sort()) {
      box.append(checkbox(kind, kind, !state.xkinds.includes(kind),
        () => NKG.state.update({ xkinds: unchecked(box) })));
    }
  }

  function renderRelations(payload, state) {
    const box = document.getElementById("relation-filter");
    const counts = new Map();
    payload.edges.forEach((e) => counts.set(e.predicate, (counts.get(e.predicate) || 0) + 1));
    state.xrels.forEach((r) => counts.set(r, counts.get(r) || 0));
    box.querySelectorAll("label").forEach((label) => label.remove());
    for (const predicate of Array.from(counts.keys()).sort()) {
      const text = U().predicateWords(predicate) + " (" + counts.get(predicate) + ")";
      box.append(checkbox(predicate, text, !state.xrels.includes(predicate),
        () => NKG.state.update({ xrels: unchecked(box) })));
    }
  }

  function renderDocuments(payload, state) {
    const select = document.getElementById("doc-filter");
    select.replaceChildren(U().el("option", { text: "all sources", attrs: { value: "" } }));
    for (const doc of payload.documents) {
      const option = U().el("option", { text: doc.title + " (" + doc.source_kind + ")" });
      option.value = doc.id;
      select.append(option);
    }
    select.value = state.doc;
  }

  /** Build the filter controls for a freshly drawn view. */
  function render(payload, state) {
    renderKinds(payload, state);
    renderRelations(payload, state);
    renderDocuments(payload, state);
    sync(state);
  }

  /** Make the controls show `state` (after the URL changed). */
  function sync(state) {
    document.getElementById("hide-hedged").checked = state.hideHedged;
    document.getElementById("hide-noncausal").checked = state.hideNonCausal;
    document.getElementById("doc-filter").value = state.doc;
    document.querySelectorAll("#kind-filter input").forEach((box) => {
      box.checked = !state.xkinds.includes(box.value);
    });
    document.querySelectorAll("#relation-filter input").forEach((box) => {
      box.checked = !state.xrels.includes(box.value);
    });
  }

  function wire() {
    document.getElementById("hide-hedged").addEventListener("change", (event) => {
      NKG.state.update({ hideHedged: event.target.checked });
    });
    document.getElementById("hide-noncausal").addEventListener("change", (event) => {
      NKG.state.update({ hideNonCausal: event.target.checked });
    });
    document.getElementById("doc-filter").addEventListener("change", (event) => {
      NKG.state.update({ doc: event.target.value });
    });
  }

  NKG.filters = { edgePasses, active, render, sync, wire };
})((window.NKG = window.NKG || {}));
