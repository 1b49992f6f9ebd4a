// Site search with Pagefind: progressive enhancement of the search form on /cerca/.
// Without JavaScript the page explains where else to look; with it, results appear here.
// Pagefind picks the index of the page's language (<html lang>).
const form = document.querySelector("[data-search]");

if (form) {
  const input = form.querySelector("input[type=search]");
  const results = document.querySelector("[data-search-results]");
  const status = document.querySelector("[data-search-status]");
  let pagefind;

  async function search(query) {
    if (!pagefind) {
      pagefind = await import(form.dataset.pagefind);
      await pagefind.options({ baseUrl: form.dataset.base });
    }
    const found = await pagefind.search(query);
    const items = await Promise.all(found.results.slice(0, 20).map((r) => r.data()));
    results.replaceChildren(
      ...items.map((item) => {
        const li = document.createElement("li");
        const link = document.createElement("a");
        link.href = item.url;
        link.textContent = item.meta.title || item.url;
        const excerpt = document.createElement("p");
        excerpt.innerHTML = item.excerpt; // Pagefind's excerpt of this site's own text, <mark> included
        li.append(link, excerpt);
        return li;
      })
    );
    status.textContent = (items.length ? status.dataset.found : status.dataset.none)
      .replace("%(count)s", String(items.length))
      .replace("%(query)s", query);
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
