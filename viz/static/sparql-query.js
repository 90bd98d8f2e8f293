/* The SPARQL query page: sends the query to the endpoint (POST, form-encoded), draws the answer
   as a table and shows an error with its line and column. Every value from the service goes
   into the page as text (textContent), never as markup. */
(function () {
  "use strict";

  const config = JSON.parse(document.getElementById("query-config").textContent);
  const $ = (id) => document.getElementById(id);
  const editor = $("query");
  // One Accept for both kinds of answer: results as JSON, graphs as N-Triples (read line by line).
  const ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9";
  const DOWNLOADS = {
    results: [["JSON", "json"], ["XML", "xml"], ["CSV", "csv"], ["TSV", "tsv"]],
    graph: [["Turtle", "turtle"], ["N-Triples", "ntriples"], ["JSON-LD", "jsonld"], ["RDF/XML", "rdfxml"]],
  };
  // Longest namespace first, so that a CURIE uses the most specific prefix.
  const namespaces = Object.entries(config.prefixes).sort((a, b) => b[1].length - a[1].length);
  let running = null;

  function datasetParams(params) {
    for (const [name, values] of Object.entries(config.dataset)) {
      for (const value of values) params.append(name, value);
    }
    return params;
  }

  function compact(iri) {
    for (const [prefix, namespace] of namespaces) {
      if (iri.startsWith(namespace)) {
        const local = iri.slice(namespace.length);
        if (/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(local) && !local.endsWith(".")) return prefix + ":" + local;
      }
    }
    return "<" + iri + ">";
  }

  /* What one RDF term (SPARQL JSON results shape) shows: its text, a tooltip and a class. */
  function shown(term) {
    if (!term) return { text: "", title: "unbound", kind: "unbound" };
    if (term.type === "uri") return { text: compact(term.value), title: term.value, kind: "iri" };
    if (term.type === "bnode") return { text: "_:" + term.value, title: "blank node", kind: "bnode" };
    if (term.type === "triple") {
      const [s, p, o] = ["subject", "predicate", "object"].map((k) => shown(term.value[k]).text);
      return { text: "<< " + s + " " + p + " " + o + " >>", title: "quoted triple", kind: "triple" };
    }
    const lang = term["xml:lang"];
    const title = lang ? "@" + lang : term.datatype ? compact(term.datatype) : "string";
    return { text: term.value, title: title, kind: "literal" };
  }

  function setStatus(text) {
    $("status").textContent = text;
  }

  function clearAnswer() {
    $("error").hidden = true;
    $("error-position").hidden = true;
    $("summary").textContent = "";
    $("downloads").hidden = true;
    $("answer").tHead.replaceChildren();
    $("answer").tBodies[0].replaceChildren();
  }

  function drawTable(columns, rows) {
    const head = document.createElement("tr");
    for (const name of columns) {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = name;
      head.appendChild(th);
    }
    $("answer").tHead.replaceChildren(head);
    const body = document.createDocumentFragment();
    for (const row of rows.slice(0, config.max_rows)) {
      const tr = document.createElement("tr");
      for (const term of row) {
        const td = document.createElement("td");
        const cell = shown(term);
        td.textContent = cell.text;
        td.title = cell.title;
        td.className = cell.kind;
        tr.appendChild(td);
      }
      body.appendChild(tr);
    }
    $("answer").tBodies[0].replaceChildren(body);
    const count = rows.length === 1 ? "1 row" : rows.length + " rows";
    $("summary").textContent =
      rows.length > config.max_rows ? count + "; the first " + config.max_rows + " are shown." : count + ".";
  }

  function drawResults(answer) {
    if (typeof answer.boolean === "boolean") {
      drawTable(["answer"], [[{ type: "literal", value: String(answer.boolean) }]]);
      $("summary").textContent = "ASK: " + answer.boolean + ".";
      return;
    }
    const columns = answer.head.vars || [];
    const rows = answer.results.bindings.map((binding) => columns.map((name) => binding[name]));
    drawTable(columns, rows);
  }

  /* N-Triples, line by line: IRIs, blank nodes and literals with their escapes. */
  const NT_TERM = /\s*(<[^>]*>|_:[^\s.]+(?:\.[^\s.]+)*|"(?:[^"\\]|\\.)*"(?:@[A-Za-z0-9-]+|\^\^<[^>]*>)?)/y;
  const NT_LITERAL = /^"((?:[^"\\]|\\.)*)"(?:@([A-Za-z0-9-]+)|\^\^<([^>]*)>)?$/;
  const NT_ESCAPES = { t: "\t", b: "\b", n: "\n", r: "\r", f: "\f", '"': '"', "'": "'", "\\": "\\" };

  function unescapeNt(text) {
    return text.replace(/\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)/g, (whole, code) =>
      code.length > 1 ? String.fromCodePoint(parseInt(code.slice(1), 16)) : NT_ESCAPES[code] ?? whole,
    );
  }

  function ntTerm(token) {
    if (token.startsWith("<")) return { type: "uri", value: unescapeNt(token.slice(1, -1)) };
    if (token.startsWith("_:")) return { type: "bnode", value: token.slice(2) };
    const [, value, lang, datatype] = NT_LITERAL.exec(token);
    const term = { type: "literal", value: unescapeNt(value) };
    if (lang) term["xml:lang"] = lang;
    if (datatype) term.datatype = unescapeNt(datatype);
    return term;
  }

  function parseNTriples(text) {
    const rows = [];
    for (const line of text.split("\n")) {
      if (!line.trim() || line.trimStart().startsWith("#")) continue;
      NT_TERM.lastIndex = 0;
      const terms = [];
      let match;
      while (terms.length < 3 && (match = NT_TERM.exec(line))) terms.push(ntTerm(match[1]));
      // A line this reader does not know (an RDF 1.2 triple term) is shown as it came.
      rows.push(terms.length === 3 ? terms : [{ type: "literal", value: line }, null, null]);
    }
    return rows;
  }

  function showError(message, detail) {
    $("error-message").textContent = message;
    const position = $("error-position");
    if (detail && Number.isInteger(detail.line) && Number.isInteger(detail.column)) {
      position.textContent = "Line " + detail.line + ", column " + detail.column + ".";
      position.hidden = false;
      selectPosition(detail.line, detail.column);
    }
    $("error").hidden = false;
  }

  /* Put the caret where the error is (1-based line and column, as the service counts them). */
  function selectPosition(line, column) {
    const lines = editor.value.split("\n");
    let at = 0;
    for (let i = 0; i < Math.min(line - 1, lines.length); i += 1) at += lines[i].length + 1;
    at = Math.min(at + Math.max(column - 1, 0), editor.value.length);
    editor.focus();
    editor.setSelectionRange(at, Math.min(at + 1, editor.value.length));
  }

  function showDownloads(query, kind) {
    const paragraph = $("downloads");
    paragraph.replaceChildren(document.createTextNode("Download the whole answer: "));
    for (const [label, format] of DOWNLOADS[kind]) {
      const link = document.createElement("a");
      link.href = config.endpoint + "?" + datasetParams(new URLSearchParams({ query, format }));
      link.textContent = label;
      link.download = "answer." + format;
      paragraph.append(link, " ");
    }
    paragraph.hidden = false;
  }

  function errorOf(response, text) {
    try {
      const body = JSON.parse(text);
      if (body && body.error) return body.error;
    } catch (ignored) {
      /* not the service's error shape: say what came */
    }
    return { message: "the service answered " + response.status + " " + response.statusText, detail: null };
  }

  async function run() {
    const query = editor.value;
    if (running) running.abort();
    const controller = new AbortController();
    running = controller;
    clearAnswer();
    setStatus("Running…");
    const started = performance.now();
    const params = datasetParams(new URLSearchParams({ query }));
    history.replaceState(null, "", config.endpoint + "?" + params);
    let response;
    let text;
    try {
      response = await fetch(config.endpoint, {
        method: "POST",
        headers: { Accept: ACCEPT, "Content-Type": "application/x-www-form-urlencoded" },
        body: params,
        signal: controller.signal,
      });
      text = await response.text();
    } catch (error) {
      if (controller.signal.aborted) return;
      setStatus("");
      const what = response ? "The answer broke off: " : "The service could not be reached: ";
      showError(what + error.message, null);
      return;
    } finally {
      if (running === controller) running = null;
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    if (!response.ok) {
      const error = errorOf(response, text);
      setStatus("Failed (" + response.status + ")");
      showError(error.message, error.detail);
      return;
    }
    const type = response.headers.get("content-type") || "";
    if (type.startsWith("application/n-triples")) {
      drawTable(["subject", "predicate", "object"], parseNTriples(text));
      showDownloads(query, "graph");
    } else {
      drawResults(JSON.parse(text));
      showDownloads(query, "results");
    }
    setStatus("Done in " + seconds + " s");
    const results = $("results-title");
    if (results.getBoundingClientRect().top > window.innerHeight - 80) results.scrollIntoView();
  }

  function insertPrefix(prefix) {
    const line = "PREFIX " + prefix + ": <" + config.prefixes[prefix] + ">";
    const declared = new RegExp("^\\s*PREFIX\\s+" + prefix.replace(/[.-]/g, "\\$&") + ":", "im");
    if (!declared.test(editor.value)) editor.value = line + "\n" + editor.value;
    editor.focus();
  }

  $("query-form").addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  editor.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    }
  });
  for (const button of document.querySelectorAll("button.example")) {
    button.addEventListener("click", () => {
      const example = config.examples.find((e) => e.name === button.dataset.name);
      editor.value = example.query;
      run();
    });
  }
  for (const button of document.querySelectorAll("button.prefix")) {
    button.addEventListener("click", () => insertPrefix(button.dataset.prefix));
  }
  if (config.run) run();
})();
