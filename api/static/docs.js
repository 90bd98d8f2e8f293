/* The API page's forms: each sends its operation to this service and shows the answer as text. */
(function () {
  "use strict";

  const SHOWN_CHARS = 200000; // a longer answer is cut on the page (the request had it all)

  function request(form) {
    let path = form.dataset.path;
    const query = new URLSearchParams();
    const headers = {};
    for (const field of form.querySelectorAll(".param")) {
      const value = field.value;
      if (value === "") continue;
      const name = field.dataset.name;
      if (field.dataset.in === "path") path = path.replace("{" + name + "}", encodeURIComponent(value));
      else if (field.dataset.in === "query") query.append(name, value);
      else if (field.dataset.in === "header") headers[name] = value;
    }
    const accept = form.querySelector("select.accept");
    if (accept) headers.Accept = accept.value;
    const init = { method: form.dataset.method.toUpperCase(), headers };
    const bodyType = form.querySelector("select.body-type");
    if (bodyType) {
      headers["Content-Type"] = bodyType.value;
      init.body = form.querySelector('textarea.body[data-media-type="' + bodyType.value + '"]').value;
    }
    const search = query.toString();
    return { url: path + (search ? "?" + search : ""), init };
  }

  function shown(text, type) {
    let body = text;
    if (type.includes("json")) {
      try {
        body = JSON.stringify(JSON.parse(text), null, 2);
      } catch (ignored) {
        /* not one JSON document (JSON lines): shown as it came */
      }
    }
    return body.length > SHOWN_CHARS ? body.slice(0, SHOWN_CHARS) + "\n… (cut on this page)" : body;
  }

  async function send(form) {
    const answer = form.querySelector(".answer");
    const status = form.querySelector(".answer-status");
    const body = form.querySelector(".answer-body");
    const { url, init } = request(form);
    answer.hidden = false;
    status.className = "answer-status";
    status.textContent = init.method + " " + url + " …";
    body.textContent = "";
    try {
      const response = await fetch(url, init);
      const type = response.headers.get("content-type") || "";
      const text = type.startsWith("application/gzip") ? "(binary: " + type + ")" : await response.text();
      status.textContent = init.method + " " + url + ": " + response.status + " " + response.statusText + " (" + type + ")";
      status.classList.toggle("failed", !response.ok);
      body.textContent = shown(text, type);
    } catch (error) {
      status.textContent = init.method + " " + url + ": no answer (" + error.message + ")";
      status.classList.add("failed");
    }
  }

  for (const form of document.querySelectorAll("form.try")) {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      send(form);
    });
    const bodyType = form.querySelector("select.body-type");
    if (bodyType) {
      bodyType.addEventListener("change", () => {
        for (const area of form.querySelectorAll("textarea.body")) area.hidden = area.dataset.mediaType !== bodyType.value;
      });
    }
  }
})();
