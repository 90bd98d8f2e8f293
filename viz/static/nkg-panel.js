/* The side panel: an entity's names, identifiers and relations, or a relation's every sentence
   in its document context, with its source, source kind and hedged/negated flags. */
(function (NKG) {
  "use strict";

  const U = () => NKG.util;

  function section(title, children) {
    return U().el("section", { cls: "block" }, [U().el("h3", { text: title })].concat(children));
  }

  function button(text, onClick, cls) {
    const b = U().el("button", { text: text, cls: cls || "", attrs: { type: "button" } });
    b.addEventListener("click", onClick);
    return b;
  }

  function Panel(root, backend, drawing) {
    let token = 0;

    function begin(children) {
      token += 1;
      root.replaceChildren(...children);
      return token;
    }

    function failed(mine, err) {
      if (mine === token) root.append(U().el("p", { cls: "error", text: String(err.message || err) }));
    }

    function names(detail) {
      const others = new Set((detail.labels || []).concat(detail.synonyms || []));
      others.delete(detail.label);
      return Array.from(others).sort();
    }

    function identifierList(detail) {
      const items = (detail.identifiers || []).map((id) => U().el("li", {}, [
        U().externalLink(id.iri, id.curie), " ", U().chip(id.match, "match"),
      ]));
      return items.length ? U().el("ul", { cls: "ids" }, items) : U().el("p", { text: "none recorded" });
    }

    function relationItem(detail, rel, outward) {
      const subject = outward ? detail.curie : rel.entity.curie;
      const object = outward ? rel.entity.curie : detail.curie;
      const id = subject + " " + U().localName(rel.predicate.iri) + " " + object;
      const words = U().predicateWords(rel.predicate.iri);
      const text = outward ? words + " " + rel.entity.label : rel.entity.label + " " + words;
      const stated = rel.evidence_count + rel.negated_count === 0;
      const count = stated ? " (stated by the ontology)" : " (" + rel.evidence_count + " sentence"
        + (rel.evidence_count === 1 ? "" : "s")
        + (rel.negated_count ? ", " + rel.negated_count + " denying" : "") + ")";
      const label = drawing.edge(id)
        ? button(text, () => NKG.state.update({ sel: "edge:" + id }), "linkish")
        : U().el("span", { text: text });
      return U().el("li", {}, [U().signChip(rel.sign), " ", label, count]);
    }

    function relationLists(detail) {
      const out = (detail.outgoing || []).map((r) => relationItem(detail, r, true));
      const inc = (detail.incoming || []).map((r) => relationItem(detail, r, false));
      return [
        section("It acts on (" + out.length + ")", [U().el("ul", { cls: "rels" }, out)]),
        section("Acted on by (" + inc.length + ")", [U().el("ul", { cls: "rels" }, inc)]),
      ];
    }

    function actions(detail, nodeId) {
      return U().el("div", { cls: "actions" }, [
        button("Focus here", () => NKG.state.update({
          focus: [detail.curie], whole: false, source: "", target: "", sel: "node:" + nodeId,
        })),
        button("Pathway from here", () => NKG.paths.setEnd("source", detail)),
        button("Pathway to here", () => NKG.paths.setEnd("target", detail)),
      ]);
    }

    async function showNode(node) {
      const mine = begin([U().el("h2", { text: node.label }), U().el("p", { text: "loading…" })]);
      try {
        const detail = await backend.entity(node.curie);
        if (mine !== token) return;
        const head = U().el("p", { cls: "meta" }, [
          U().chip(detail.category, "category"), " ", U().el("code", { text: detail.curie }),
        ]);
        const parts = [U().el("h2", { text: detail.label }), head];
        const also = names(detail);
        if (also.length) parts.push(section("Also called", [U().el("p", { text: also.join(", ") })]));
        if (detail.definition) parts.push(U().el("p", { cls: "definition", text: detail.definition }));
        parts.push(section("Standard identifiers", [identifierList(detail)]), actions(detail, node.id));
        root.replaceChildren(...parts.concat(relationLists(detail)));
      } catch (err) {
        failed(mine, err);
      }
    }

    function claimFlags(claim) {
      const ev = claim.evidence;
      const flags = [U().chip(ev.source_kind, "kind kind-" + ev.source_kind)];
      if (claim.hedged) flags.push(U().chip("hedged", "flag-hedged"));
      if (claim.negated) flags.push(U().chip("negated: the source denies it", "flag-negated"));
      if (ev.promotes_products) flags.push(U().chip("sells products", "flag-vendor"));
      return flags;
    }

    function claimCard(claim, mine) {
      const ev = claim.evidence;
      const quote = U().el("blockquote", {}, [NKG.context.render(null, ev.sentence)]);
      const source = U().el("p", { cls: "source" }, [
        U().el("strong", { text: ev.title }), " — " + (ev.publisher || "unknown publisher") + " ",
      ].concat(claimFlags(claim)));
      const stats = (claim.statistics || []).map((s) => U().el("p", { cls: "stat",
        text: s.kind + (s.value !== null ? " " + s.value : "")
          + (s.ci_low !== null ? " (95% CI " + s.ci_low + " to " + s.ci_high + ")" : "")
          + (s.sample_size ? ", n = " + s.sample_size : "") }));
      backend.context(ev.document, ev.start, ev.end).then((ctx) => {
        if (mine === token && ctx && ctx.span) quote.replaceChildren(NKG.context.render(ctx));
      }).catch(() => { /* the sentence alone is still shown */ });
      const cls = "claim" + (claim.negated ? " negated" : "") + (claim.hedged ? " hedged" : "");
      return U().el("article", { cls: cls }, [quote, source].concat(stats));
    }

    function edgeHeading(edge) {
      const from = drawing.node(edge.from);
      const to = drawing.node(edge.to);
      return U().el("h2", {}, [
        from ? from.label : edge.subject_curie, " ",
        U().el("span", { cls: "predicate sign-" + edge.sign, text: U().predicateWords(edge.predicate) }),
        " ", to ? to.label : edge.object_curie,
      ]);
    }

    async function showEdge(edge) {
      const heading = edgeHeading(edge);
      const mine = begin([heading, U().el("p", { text: "loading the sentences…" })]);
      try {
        const claims = await backend.claims(edge);
        if (mine !== token) return;
        const asserted = claims.filter((c) => !c.negated);
        const sources = new Set(claims.map((c) => c.evidence.document));
        const summary = U().el("p", { cls: "meta" }, [U().signChip(edge.sign), " "
          + asserted.length + " sentence(s) assert it, " + (claims.length - asserted.length)
          + " deny it, from " + sources.size + " source(s)"]);
        const cards = asserted.concat(claims.filter((c) => c.negated)).map((c) => claimCard(c, mine));
        root.replaceChildren(heading, summary, U().el("div", { cls: "claims" }, cards));
      } catch (err) {
        failed(mine, err);
      }
    }

    function clear() {
      begin([U().el("p", { cls: "hint",
        text: "Click a node or an arrow to see its names, identifiers and the sentences behind it." })]);
    }

    return { showNode, showEdge, clear };
  }

  NKG.Panel = Panel;
})((window.NKG = window.NKG || {}));
