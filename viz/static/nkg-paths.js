/* Pathway mode: the paths from a source to a target, each with its composed sign and summary,
   every hop with its evidence; the chosen path is highlighted in the drawing. */
(function (NKG) {
  "use strict";

  const U = () => NKG.util;
  const EVIDENCE_SHOWN = 3;

  let backend = null;
  let drawing = null;
  let current = []; // the paths listed
  let chosen = -1;

  function hopEdgeId(hop) {
    return hop.subject.curie + " " + hop.predicate + " " + hop.object.curie;
  }

  function evidenceItem(ev) {
    const flags = [U().chip(ev.source_kind, "kind kind-" + ev.source_kind)];
    if (ev.hedged) flags.push(U().chip("hedged", "flag-hedged"));
    return U().el("li", {}, [U().el("q", { text: ev.sentence }), " "].concat(flags));
  }

  function hopItem(hop) {
    const evidence = hop.evidence.slice(0, EVIDENCE_SHOWN).map(evidenceItem);
    const more = hop.evidence.length - evidence.length;
    if (more > 0) evidence.push(U().el("li", { cls: "more", text: "and " + more + " more" }));
    const line = U().el("p", { cls: "hop" }, [
      U().el("strong", { text: hop.subject.label }), " ",
      U().el("span", { cls: "predicate sign-" + hop.sign, text: hop.predicate_words }), " ",
      U().el("strong", { text: hop.object.label }),
    ]);
    const edgeId = hopEdgeId(hop);
    const open = U().el("button", { cls: "linkish", text: "read", attrs: { type: "button" } });
    open.addEventListener("click", (event) => {
      event.stopPropagation();
      NKG.state.update({ sel: "edge:" + edgeId });
    });
    line.append(" ", open);
    return U().el("li", {}, [line, U().el("ul", { cls: "evidence" }, evidence)]);
  }

  function pathItem(path, index) {
    const summary = U().el("p", { cls: "summary" }, [
      U().el("span", { cls: "net", text: "net: " }), U().signChip(path.sign), " ",
      U().el("span", { text: path.summary }),
    ]);
    const hops = U().el("ol", { cls: "hops" }, path.hops.map(hopItem));
    const li = U().el("li", { cls: "path", attrs: { tabindex: "0" } }, [summary, hops]);
    li.addEventListener("click", () => choose(index));
    li.addEventListener("keydown", (event) => {
      if (event.key === "Enter") choose(index);
    });
    return li;
  }

  function choose(index) {
    chosen = index;
    const items = document.querySelectorAll("#path-list > li");
    items.forEach((li, i) => li.classList.toggle("chosen", i === index));
    const path = current[index];
    if (!path) return drawing.clearHighlight();
    const nodes = [path.hops[0].subject.iri].concat(path.hops.map((h) => h.object.iri));
    drawing.highlight(path.hops.map(hopEdgeId), nodes);
  }

  /** Show the resolved names of the path's ends in their boxes (the URL may hold CURIEs). */
  function nameEnds(answer) {
    for (const [id, term] of [["path-source", answer.source], ["path-target", answer.target]]) {
      const input = document.getElementById(id);
      if (input.value === input.dataset.curie) input.value = term.label;
    }
  }

  function render(answer) {
    nameEnds(answer);
    const box = document.getElementById("paths");
    const title = document.getElementById("paths-title");
    current = answer.paths;
    title.textContent = answer.paths.length
      ? answer.paths.length + " path(s) from " + answer.source.label + " to " + answer.target.label
      : "No path from " + answer.source.label + " to " + answer.target.label
        + " within these hops" + " (try more hops, or untick “causal only”)";
    document.getElementById("path-list").replaceChildren(...answer.paths.map(pathItem));
    box.hidden = false;
    choose(answer.paths.length ? 0 : -1);
  }

  /** List and highlight the paths of `state` (called once the drawing has settled). */
  async function show(state) {
    try {
      render(await backend.paths(state.source, state.target, state.hops, state.causal));
    } catch (err) {
      document.getElementById("paths-title").textContent = "Paths: " + (err.message || err);
      document.getElementById("path-list").replaceChildren();
      document.getElementById("paths").hidden = false;
    }
  }

  function hide() {
    current = [];
    chosen = -1;
    document.getElementById("paths").hidden = true;
  }

  /** Put an entity into the pathway's source or target box. */
  function setEnd(which, detail) {
    const input = document.getElementById(which === "source" ? "path-source" : "path-target");
    input.value = detail.label;
    input.dataset.curie = detail.curie;
    const other = document.getElementById(which === "source" ? "path-target" : "path-source");
    if (NKG.search.termOf(other)) run();
    else other.focus();
  }

  function run() {
    const source = NKG.search.termOf(document.getElementById("path-source"));
    const target = NKG.search.termOf(document.getElementById("path-target"));
    if (!source || !target) return;
    const hops = parseInt(document.getElementById("max-hops").value, 10);
    const causal = document.getElementById("causal-only").checked;
    NKG.state.update({ source, target, hops, causal, sel: "" });
  }

  function init(theBackend, theDrawing) {
    backend = theBackend;
    drawing = theDrawing;
    document.getElementById("find-paths").addEventListener("click", run);
    document.getElementById("clear-paths").addEventListener("click", () => {
      ["path-source", "path-target"].forEach((id) => {
        const input = document.getElementById(id);
        input.value = "";
        delete input.dataset.curie;
      });
      NKG.state.update({ source: "", target: "", sel: "" });
    });
  }

  NKG.paths = { init, show, hide, setEnd, run, chosen: () => chosen, listed: () => current };
})((window.NKG = window.NKG || {}));
