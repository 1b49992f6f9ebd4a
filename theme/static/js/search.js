// Site search with Pagefind: progressive enhancement of the search form on /cerca/.
// Without JavaScript the page explains where else to look; with it, results appear here,
// ten at a time, with a button for the next ten and the full count in the status line.
// Pagefind picks the index of the page's language (<html lang>).
const form = document.querySelector("[data-search]");
const PAGE = 10;

if (form) {
  const input = form.querySelector("input[type=search]");
  const found = document.querySelector("[data-search-results]");
  const status = document.querySelector("[data-search-status]");
  let pagefind;

  // One result: the title (its direction from its own text: a Latin name in an Arabic list)
  // and Pagefind's excerpt of this site's own text, <mark> included.
  function item(data) {
    const li = document.createElement("li");
    const link = document.createElement("a");
    link.href = data.url;
    link.dir = "auto";
    link.textContent = data.meta.title || data.url;
    const excerpt = document.createElement("p");
    excerpt.dir = "auto";
    excerpt.innerHTML = data.excerpt;
    li.append(link, excerpt);
    return li;
  }

  // Each search has a number; one that answers after a newer one has started writes nothing.
  let latest = 0;

  async function search(query) {
    const run = ++latest;
    if (!pagefind) {
      pagefind = await import(form.dataset.pagefind);
      await pagefind.options({ baseUrl: form.dataset.base });
    }
    const results = (await pagefind.search(query)).results;
    if (run !== latest) return;
    const total = results.length;
    status.textContent = (total ? status.dataset.found : status.dataset.none)
      .replace("%(count)s", total.toLocaleString(document.documentElement.lang))
      .replace("%(query)s", query);
    if (!total) {
      found.replaceChildren();
      return;
    }
    const list = document.createElement("ol");
    list.className = "rart-search__results";
    const more = document.createElement("button");
    more.type = "button";
    more.className = "rart-cta rart-cta--secondary rart-search__more";
    more.textContent = found.dataset.more;
    found.replaceChildren(list);
    let shown = 0;
    let loading = null;
    // The next ten, one batch at a time: a press while they arrive waits for the same batch
    // (on a slow connection an impatient second press must not load them twice). The button
    // comes after the first ten, and goes when everything is shown.
    function next() {
      loading ??= (async () => {
        found.setAttribute("aria-busy", "true");
        const batch = await Promise.all(results.slice(shown, shown + PAGE).map((r) => r.data()));
        if (run !== latest) return null;
        const items = batch.map(item);
        list.append(...items);
        shown += batch.length;
        if (shown >= total) more.remove();
        else if (!more.isConnected) found.append(more);
        return items[0];
      })().finally(() => {
        loading = null;
        if (run === latest) found.removeAttribute("aria-busy");
      });
      return loading;
    }
    more.addEventListener("click", async () => {
      const first = await next();
      first?.querySelector("a").focus(); // the reader goes on from the first new result
    });
    await next();
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const query = input.value.trim();
    if (query) {
      history.replaceState(null, "", "?q=" + encodeURIComponent(query));
      search(query);
    }
  });

  const initial = new URLSearchParams(location.search).get("q");
  if (initial) {
    input.value = initial;
    search(initial);
  }
}
