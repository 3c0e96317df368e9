/* Search helped by the entities' names (data/entities.json, written by the generator):

   - a registered name or alias, typed whole, puts its entity first (Material's search
     ranks by words, so "Lavrov" could list the meetings he attended above him);
   - a query one or two letters off a name offers the closest names: "Did you mean Habomai?".

   The same for Material's search box (lunr) and for the Search page of the Pagefind
   backend. Names are placed as text, never as markup. */
(() => {
  "use strict";
  const root = typeof __md_scope !== "undefined" ? __md_scope : new URL("./", location.href);
  let names = null;

  function fold(text) {
    return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }

  function load() {
    if (!names) {
      names = fetch(new URL("data/entities.json", root))
        .then(response => response.ok ? response.json() : [])
        .then(entities => entities.map(entity => ({
          name: entity.name,
          url: new URL(entity.url, root),
          kind: entity.kind,
          keys: [entity.name, ...entity.aliases].map(name => ({name, folded: fold(name)})),
        })))
        .catch(() => []);
    }
    return names;
  }

  /* Optimal string alignment distance (a swap of two letters counts one), or limit + 1. */
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    let before = null, previous = Array.from({length: b.length + 1}, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      let least = i;
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        let value = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          value = Math.min(value, before[j - 2] + 1);
        }
        row.push(value);
        least = Math.min(least, value);
      }
      if (least > limit) return limit + 1;
      before = previous;
      previous = row;
    }
    return previous[b.length];
  }

  /* What the names say of a query: the entities it names whole, or the closest names. */
  function lookup(entities, query) {
    const folded = fold(query);
    const exact = entities.filter(entity => entity.keys.some(key => key.folded === folded));
    if (exact.length || folded.length < 5) return {exact, close: []};
    const known = entities.some(entity => entity.keys.some(key => (" " + key.folded + " ").includes(" " + folded + " ")));
    if (known) return {exact, close: []};
    const limit = folded.length < 9 ? 1 : 2;
    const close = [];
    for (const entity of entities) {
      let best = null;
      for (const key of entity.keys) {
        const d = distance(folded, key.folded, limit);
        if (d <= limit && (!best || d < best.d)) best = {d, key};
      }
      if (best) close.push({entity, alias: best.key.name, d: best.d});
    }
    close.sort((a, b) => a.d - b.d || a.entity.name.localeCompare(b.entity.name));
    return {exact, close: close.slice(0, 3)};
  }

  function suggestion(close) {
    const box = document.createElement("p");
    box.className = "did-you-mean";
    box.append("Did you mean ");
    close.forEach(({entity, alias}, index) => {
      if (index) box.append(index === close.length - 1 ? " or " : ", ");
      const link = document.createElement("a");
      link.href = entity.url.href;
      link.textContent = alias;
      box.appendChild(link);
      if (alias !== entity.name) box.append(` (${entity.name})`);
    });
    box.append("?");
    return box;
  }

  function showSuggestion(before, close) {
    const old = before.parentNode.querySelector(":scope > .did-you-mean");
    const offer = close.length ? suggestion(close) : null;
    if (old && offer && old.textContent === offer.textContent) return;
    if (old) old.remove();
    if (offer) before.parentNode.insertBefore(offer, before);
  }

  /* Keep ``list``'s items in order for the query of ``input``: the entities it names
     first, and the closest names offered above ``list`` (or above ``offerBefore()``). */
  function follow(input, list, item, offerBefore) {
    let busy = false;
    const update = async () => {
      if (busy) return;
      const query = input.value;
      const entities = await load();
      if (input.value !== query) return;
      busy = true;
      const {exact, close} = lookup(entities, query);
      showSuggestion(offerBefore(), query.trim() ? close : []);
      if (query.trim()) exact.slice().reverse().forEach(entity => first(list(), entity, item));
      busy = false;
    };
    new MutationObserver(update).observe(list.observed, {childList: true, subtree: true});
    input.addEventListener("input", update);
  }

  /* Move the entity's result to the top of ``list``, or add one made by ``item`` (when
     given: Pagefind renders its results as they come, so only Material's list, made anew
     for each query, takes one of ours). */
  function first(list, entity, item) {
    if (!list) return;
    const path = entity.url.pathname;
    let found = Array.from(list.children).find(li => {
      const link = li.querySelector("a[href]");
      return link && new URL(link.href).pathname === path && !new URL(link.href).hash;
    });
    if (found && list.firstElementChild === found || !found && !item) return;
    list.insertBefore(found || item(entity), list.firstElementChild);
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function kindLabel(entity) {
    return entity.kind.charAt(0).toUpperCase() + entity.kind.slice(1);
  }

  /* A result as Material's search box shows one. */
  function materialItem(entity) {
    const link = element("a", "md-search-result__link");
    link.href = entity.url.href;
    link.tabIndex = -1;
    const article = element("article", "md-search-result__article md-typeset");
    article.append(element("div", "md-search-result__icon md-icon"), element("h1", "", entity.name),
                   element("p", "", kindLabel(entity)));
    link.appendChild(article);
    const item = element("li", "md-search-result__item");
    item.appendChild(link);
    return item;
  }

  /* The element whose children are the results: ``container`` or a list inside it. */
  function observed(container) {
    const list = () => container.querySelector(":scope > ul, :scope > ol") || container;
    list.observed = container;
    return list;
  }

  // Material's search dialog has no name of its own (WCAG 4.1.2).
  const dialog = document.querySelector('.md-search[role="dialog"]');
  if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search the site");

  const box = document.querySelector(".md-search__input");
  const results = document.querySelector(".md-search-result__list");
  if (box && results) {
    follow(box, observed(results), materialItem, () => results);
  }
  const input = document.getElementById("search-input");
  const named = document.getElementById("search-names");
  if (input && named) {
    follow(input, observed(named), null, () => document.getElementById("search-names-part"));
  }
})();
