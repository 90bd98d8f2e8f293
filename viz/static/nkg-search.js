/* Autocomplete over the entity search: type a few letters, pick with the mouse or arrows+Enter. */
(function (NKG) {
  "use strict";

  const U = () => NKG.util;

  function optionFor(item, index) {
    const synonyms = (item.synonyms || []).slice(0, 3).join(", ");
    const li = U().el("li", { cls: "option", attrs: { role: "option", id: "opt-" + index } }, [
      U().el("span", { cls: "name", text: item.label }),
      U().el("span", { cls: "cat", text: item.category }),
    ]);
    if (synonyms) li.append(U().el("span", { cls: "syn", text: synonyms }));
    return li;
  }

  /** Attach autocomplete to `input`; `onPick(item)` gets an EntitySummary. */
  function autocomplete(input, list, backend, onPick) {
    let items = [];
    let active = -1;
    let asked = 0;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      active = -1;
    }

    function mark(index) {
      active = index;
      Array.from(list.children).forEach((li, i) => li.classList.toggle("active", i === index));
      if (index >= 0) input.setAttribute("aria-activedescendant", list.children[index].id);
    }

    function pick(index) {
      const item = items[index];
      if (!item) return;
      input.value = item.label;
      input.dataset.curie = item.curie;
      close();
      onPick(item);
    }

    function show(found) {
      items = found;
      list.replaceChildren(...found.map((item, i) => {
        const li = optionFor(item, input.id + "-" + i);
        li.addEventListener("mousedown", (event) => {
          event.preventDefault(); // keep focus in the input until the pick is done
          pick(i);
        });
        return li;
      }));
      list.hidden = found.length === 0;
      input.setAttribute("aria-expanded", found.length ? "true" : "false");
      mark(found.length ? 0 : -1);
    }

    const ask = U().debounce(async () => {
      const text = input.value.trim();
      const mine = ++asked;
      if (!text) return close();
      try {
        const found = await backend.search(text);
        if (mine === asked) show(found);
      } catch (err) {
        close();
      }
    }, 120);

    input.addEventListener("input", () => {
      delete input.dataset.curie;
      ask();
    });
    input.addEventListener("keydown", (event) => {
      if (event.key === "ArrowDown" && items.length) mark(Math.min(active + 1, items.length - 1));
      else if (event.key === "ArrowUp" && items.length) mark(Math.max(active - 1, 0));
      else if (event.key === "Enter" && !list.hidden && active >= 0) pick(active);
      else if (event.key === "Escape") close();
      else return;
      event.preventDefault();
    });
    input.addEventListener("blur", () => setTimeout(close, 150));
    return { close };
  }

  /** The term an input names: the picked entity's CURIE, else the typed text. */
  function termOf(input) {
    return input.dataset.curie || input.value.trim();
  }

  NKG.search = { autocomplete, termOf };
})((window.NKG = window.NKG || {}));
