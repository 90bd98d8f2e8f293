/* DOM helpers: every string from the data goes into the page as text, never as markup. */
(function (NKG) {
  "use strict";

  const NM = "https://w3id.org/nutrikg/";

  /** Create an element; `opts.text` becomes textContent, `opts.cls` the class list. */
  function el(tag, opts, children) {
    const node = document.createElement(tag);
    const o = opts || {};
    if (o.text !== undefined && o.text !== null) node.textContent = String(o.text);
    if (o.cls) node.className = o.cls;
    if (o.title) node.title = String(o.title);
    if (o.attrs) {
      for (const [name, value] of Object.entries(o.attrs)) node.setAttribute(name, String(value));
    }
    for (const child of children || []) {
      if (child !== null && child !== undefined) {
        node.append(typeof child === "string" ? document.createTextNode(child) : child);
      }
    }
    return node;
  }

  /** Parse the JSON of a `<script type="application/json">` block, or null when absent. */
  function readJson(id) {
    const node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  /** The URL when it is http(s), else null: no javascript:, data: or relative links. */
  function safeHref(url) {
    if (typeof url !== "string") return null;
    try {
      const parsed = new URL(url);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
    } catch (err) {
      return null;
    }
  }

  /** An external link opened without referrer or opener; plain text when the URL is unsafe. */
  function externalLink(url, text) {
    const href = safeHref(url);
    if (!href) return el("span", { text: text });
    const a = el("a", { text: text });
    a.href = href;
    a.rel = "noopener noreferrer";
    a.target = "_blank";
    return a;
  }

  function localName(term) {
    const s = String(term || "");
    const slash = s.slice(s.lastIndexOf("/") + 1);
    return slash.slice(slash.lastIndexOf(":") + 1);
  }

  /** `https://w3id.org/nutrikg/osteocalcin` -> `nm:osteocalcin`; CURIEs stay as they are. */
  function toCurie(term) {
    const s = String(term || "");
    return s.startsWith(NM) ? "nm:" + s.slice(NM.length) : s;
  }

  function toIri(term) {
    const s = String(term || "");
    return s.startsWith("nm:") ? NM + s.slice(3) : s;
  }

  /** `inhibitsDepositionIn` -> `inhibits deposition in`. */
  function predicateWords(predicate) {
    return localName(predicate).replace(/([A-Z])/g, " $1").toLowerCase().trim();
  }

  function debounce(fn, ms) {
    let timer = null;
    return function (...args) {
      clearTimeout(timer);
      timer = setTimeout(() => fn.apply(this, args), ms);
    };
  }

  /** A coloured chip: `kind` picks its class (sign-Positive, kind-retailer, flag-hedged...). */
  function chip(text, kind) {
    return el("span", { text: text, cls: "chip " + (kind || "") });
  }

  const SIGN_WORDS = { Positive: "raises", Negative: "lowers", NotCausal: "not causal" };

  function signChip(sign) {
    const name = SIGN_WORDS[sign] ? sign : "NotCausal";
    return chip(SIGN_WORDS[name], "sign-" + name);
  }

  function normaliseSign(sign) {
    const s = String(sign || "").toLowerCase();
    if (s.includes("pos") || s === "increase" || s === "+") return "Positive";
    if (s.includes("neg") || s === "decrease" || s === "-") return "Negative";
    return "NotCausal";
  }

  NKG.util = {
    el,
    readJson,
    safeHref,
    externalLink,
    localName,
    toCurie,
    toIri,
    predicateWords,
    debounce,
    chip,
    signChip,
    normaliseSign,
    SIGN_WORDS,
  };
})((window.NKG = window.NKG || {}));
