/* What the service computes, redone in the page for the standalone file: paths between two
   entities (as graph.network.find_paths does) and the SPARQL behind a view (as viz/view.py). */
(function (NKG) {
  "use strict";

  const U = () => NKG.util;
  const EFFECT = { Positive: "increase", Negative: "decrease", NotCausal: "not causal" };
  const SEARCH_CAP = 5000;

  function compose(signs) {
    if (signs.some((s) => s === "NotCausal")) return "NotCausal";
    const negatives = signs.filter((s) => s === "Negative").length;
    return negatives % 2 ? "Negative" : "Positive";
  }

  function hopEvidence(claim) {
    const ev = claim.evidence;
    return {
      claim: claim.iri, document: ev.document, sentence: ev.sentence, start: ev.start,
      end: ev.end, hedged: claim.hedged, confidence: claim.confidence,
      source_kind: ev.source_kind, rule: claim.rule,
    };
  }

  function pathFinder(edges, claims, termRef) {
    const out = new Map();
    for (const edge of edges) {
      if (!out.has(edge.from)) out.set(edge.from, []);
      out.get(edge.from).push(edge);
    }

    function walk(node, target, maxHops, causalOnly, trail, seen, found) {
      if (found.length >= SEARCH_CAP) return;
      if (trail.length && node === target) {
        found.push(trail.slice());
        return;
      }
      if (trail.length >= maxHops) return;
      for (const edge of out.get(node) || []) {
        if ((causalOnly && edge.sign === "NotCausal") || seen.has(edge.to)) continue;
        seen.add(edge.to);
        trail.push(edge);
        walk(edge.to, target, maxHops, causalOnly, trail, seen, found);
        trail.pop();
        seen.delete(edge.to);
      }
    }

    function toPath(trail) {
      const hops = trail.map((edge) => ({
        subject: termRef(edge.from),
        predicate: edge.predicate,
        predicate_words: U().predicateWords(edge.predicate),
        object: termRef(edge.to),
        sign: edge.sign,
        evidence: (claims[edge.id] || []).filter((c) => !c.negated).map(hopEvidence),
      }));
      const sign = compose(hops.map((h) => h.sign));
      return { hops, sign, summary: summary(hops, sign) };
    }

    function support(path) {
      return Math.min(...path.hops.map((h) => h.evidence.length));
    }

    function find(source, target, maxHops, causalOnly, limit) {
      const found = [];
      walk(source, target, maxHops, causalOnly, [], new Set([source]), found);
      const paths = found.map(toPath);
      const key = (p) => p.hops.map((h) => h.predicate).join(" ");
      paths.sort((a, b) => a.hops.length - b.hops.length || support(b) - support(a)
        || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
      return paths.slice(0, limit);
    }

    return { find };
  }

  function summary(hops, sign) {
    const parts = [hops[0].subject.label];
    for (const hop of hops) parts.push(hop.predicate_words, hop.object.label);
    const last = hops[hops.length - 1].object.label;
    return parts.join(" -> ") + ": net effect on " + last + ": " + EFFECT[sign];
  }

  function sparqlTerm(iri) {
    const curie = U().toCurie(iri);
    return curie.startsWith("nm:") && /^[A-Za-z0-9_]+$/.test(curie.slice(3)) ? curie : "<" + iri + ">";
  }

  /** Every asserted claim (with its sentence) among `ids`, as viz/view.py writes it. */
  function sparqlFor(ids) {
    const lines = [
      "PREFIX nm: <https://w3id.org/nutrikg/>",
      "PREFIX prov: <http://www.w3.org/ns/prov#>",
      "SELECT ?subject ?predicate ?object ?hedged ?document ?sentence WHERE {",
      "  ?claim a nm:Claim ; nm:negated false ;",
      "         nm:subject ?subject ; nm:predicate ?predicate ; nm:object ?object ;",
      "         nm:hedged ?hedged ; prov:wasDerivedFrom ?document ; nm:sentence ?sentence .",
    ];
    const terms = ids.map(sparqlTerm).join(" ");
    lines.push("  VALUES ?subject { " + terms + " }", "  VALUES ?object { " + terms + " }");
    lines.push("}", "ORDER BY ?subject ?predicate ?object");
    return lines.join("\n");
  }

  NKG.pathFinder = pathFinder;
  NKG.sparqlFor = sparqlFor;
})((window.NKG = window.NKG || {}));
