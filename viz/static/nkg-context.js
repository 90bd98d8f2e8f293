/* A sentence in its document: a window of text around [start, end), the span wrapped in <mark>,
   all built with text nodes. */
(function (NKG) {
  "use strict";

  const RADIUS = 160;

  function clamp(value, low, high) {
    return Math.min(Math.max(value, low), high);
  }

  /** {before, span, after, clippedStart, clippedEnd} of `text` around [start, end). */
  function cut(text, start, end, radius) {
    const r = radius || RADIUS;
    const s = clamp(start, 0, text.length);
    const e = clamp(end, s, text.length);
    let from = Math.max(0, s - r);
    let to = Math.min(text.length, e + r);
    // Start and stop at word boundaries so the window does not open mid-word.
    if (from > 0) from = Math.min(s, text.indexOf(" ", from) + 1 || from);
    if (to < text.length) to = Math.max(e, text.lastIndexOf(" ", to));
    return {
      before: text.slice(from, s),
      span: text.slice(s, e),
      after: text.slice(e, to),
      clippedStart: from > 0,
      clippedEnd: to < text.length,
    };
  }

  /** A paragraph showing the window, the span marked. */
  function render(ctx, fallback) {
    const p = document.createElement("p");
    p.className = "context";
    if (!ctx || !ctx.span) {
      const mark = document.createElement("mark");
      mark.textContent = fallback || "";
      p.append(mark);
      return p;
    }
    const mark = document.createElement("mark");
    mark.textContent = ctx.span;
    p.append(
      document.createTextNode((ctx.clippedStart ? "… " : "") + ctx.before),
      mark,
      document.createTextNode(ctx.after + (ctx.clippedEnd ? " …" : "")),
    );
    return p;
  }

  NKG.context = { cut, render, RADIUS };
})((window.NKG = window.NKG || {}));
