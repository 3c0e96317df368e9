/* Previews of the site's own links (entities, sources, paragraph links), shown on hover
   and on keyboard focus.

   The preview is read from the target page itself, fetched from the server that served
   this one (the link's own URL), so it works on any host, port or sub-path: a "¶" link
   shows that paragraph, a link to a heading shows the heading and what follows it, any
   other link the page's title and description (its summary's first sentence). Only text
   is placed, never the fetched page's markup.

   Hover (mouse or pen) and focus show it after a short delay; it stays while the pointer
   is on the link or the preview; Escape, leaving or blurring hide it. A touch on a link
   only follows it: no preview covers the page. */
(() => {
  "use strict";
  const DELAY_MS = 350;
  const XLINK = "http://www.w3.org/1999/xlink";
  const MAX_CHARS = 420;
  const pages = new Map();  // pathname -> Promise<Document>
  let tip = null, shownFor = null, pending = null, timer = 0, lastTouch = 0;

  function target(link) {
    if (!link.closest(".md-content") || link.closest(".headerlink, .footnote-ref, .footnote-backref")) return null;
    // An SVG link's href is no string, and the graphs' links are xlink:href (engine-neutral).
    const url = new URL(link.getAttribute("href") || link.getAttributeNS(XLINK, "href"), location.href);
    if (url.origin !== location.origin || !/^https?:$/.test(url.protocol)) return null;
    if (url.pathname === location.pathname) return null;  // a place on this same page
    if (!/(\/|\.html)$/.test(url.pathname)) return null;   // a data file, not a page
    return url;
  }

  function page(url) {
    if (!pages.has(url.pathname)) {
      pages.set(url.pathname, fetch(url.pathname, {credentials: "same-origin"})
        .then(response => response.ok ? response.text() : Promise.reject(response.status))
        .then(html => new DOMParser().parseFromString(html, "text/html")));
    }
    return pages.get(url.pathname);
  }

  function text(element) {
    if (!element) return "";
    const copy = element.cloneNode(true);
    copy.querySelectorAll(".headerlink, .footnote-ref, script, style").forEach(node => node.remove());
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function shorten(words) {
    return words.length <= MAX_CHARS ? words : words.slice(0, MAX_CHARS).replace(/\s+\S*$/, "") + " …";
  }

  function preview(doc, url) {
    const title = text(doc.querySelector(".md-content h1")) || doc.title;
    const id = decodeURIComponent(url.hash.slice(1));
    const element = id ? doc.getElementById(id) : null;
    if (element && element.dataset.n) {
      return {title, label: "¶ " + element.dataset.n, body: text(element)};
    }
    if (element && /^H[1-6]$/.test(element.tagName)) {
      let next = element.nextElementSibling;
      while (next && !next.textContent.trim()) next = next.nextElementSibling;
      return {title, label: text(element), body: next && !/^H[1-6]$/.test(next.tagName) ? text(next) : ""};
    }
    const description = doc.querySelector('meta[name="description"]');
    return {title, label: "", body: description ? description.content : ""};
  }

  function element() {
    if (!tip) {
      tip = document.createElement("div");
      tip.id = "link-preview";
      tip.className = "link-preview md-typeset";
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      tip.addEventListener("mouseleave", event => { if (!event.relatedTarget || event.relatedTarget !== shownFor) hide(); });
      document.body.appendChild(tip);
    }
    return tip;
  }

  function place(link) {
    const box = link.getBoundingClientRect();
    const width = Math.min(384, document.documentElement.clientWidth - 16);
    tip.style.width = width + "px";
    const left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
    tip.style.left = left + window.scrollX + "px";
    const below = box.bottom + 6;
    const above = box.top - tip.offsetHeight - 6;
    const fits = below + tip.offsetHeight < window.innerHeight || above < 0;
    tip.style.top = (fits ? below : above) + window.scrollY + "px";
  }

  async function show(link, url) {
    let content;
    try {
      content = preview(await page(url), url);
    } catch (error) {
      return;  // no preview: the link still works
    }
    if (link !== pending || !content.body && !content.label) return;
    element().replaceChildren();
    const heading = document.createElement("strong");
    heading.className = "link-preview__title";
    heading.textContent = content.title;
    tip.appendChild(heading);
    if (content.label) {
      const label = document.createElement("span");
      label.className = "link-preview__label";
      label.textContent = content.label;
      tip.append(" ", label);
    }
    if (content.body) {
      const body = document.createElement("p");
      body.textContent = shorten(content.body);
      tip.appendChild(body);
    }
    tip.hidden = false;
    place(link);
    if (shownFor && shownFor !== link) shownFor.removeAttribute("aria-describedby");
    shownFor = link;
    link.setAttribute("aria-describedby", tip.id);
  }

  function schedule(link) {
    const url = target(link);
    if (!url) return;
    clearTimeout(timer);
    pending = link;
    timer = setTimeout(() => show(link, url), DELAY_MS);
  }

  function hide() {
    clearTimeout(timer);
    pending = null;
    if (tip) tip.hidden = true;
    if (shownFor) shownFor.removeAttribute("aria-describedby");
    shownFor = null;
  }

  document.addEventListener("pointerdown", event => { if (event.pointerType === "touch") lastTouch = Date.now(); }, true);
  document.addEventListener("pointerover", event => {
    if (event.pointerType === "touch") return;
    const link = event.target.closest && event.target.closest("a[*|href]");
    if (link && link !== pending) schedule(link);
  });
  document.addEventListener("pointerout", event => {
    const link = event.target.closest && event.target.closest("a[*|href]");
    if (!link || link.contains(event.relatedTarget)) return;
    if (tip && tip.contains(event.relatedTarget)) return;  // onto the preview: it stays
    if (link === pending || link === shownFor) hide();
  });
  document.addEventListener("focusin", event => {
    const link = event.target.closest && event.target.closest("a[*|href]");
    if (link && Date.now() - lastTouch > 800) schedule(link); else hide();
  });
  document.addEventListener("focusout", event => {
    const link = event.target.closest && event.target.closest("a[*|href]");
    if (link && (link === pending || link === shownFor)) hide();
  });
  document.addEventListener("keydown", event => { if (event.key === "Escape") hide(); });
  window.addEventListener("resize", hide);
})();
