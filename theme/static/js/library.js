// The materials library (library.html). Without this script each language link opens a page
// holding only that language's files (materiali/lingua/ar/). With it, the same links filter
// the list already on screen, with no new download: the address, the title and the current
// link change as if the page had been opened, Back and Forward work, and a reload shows the
// same list from the server.
const nav = document.querySelector("[data-library-filter]");
if (nav) {
  const links = [...nav.querySelectorAll("a[data-filter]")];
  const groups = [...document.querySelectorAll("[data-library-group]")];

  const show = (link) => {
    const lang = link.dataset.filter;
    for (const group of groups) {
      let any = false;
      for (const row of group.querySelectorAll("[data-lang]")) {
        row.hidden = lang !== "" && row.dataset.lang !== lang;
        any ||= !row.hidden;
      }
      group.hidden = !any;
    }
    for (const other of links) {
      if (other === link) other.setAttribute("aria-current", "page");
      else other.removeAttribute("aria-current");
    }
    document.title = link.dataset.title;
  };

  nav.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-filter]");
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    show(link);
    history.pushState({ filter: link.dataset.filter }, "", link.href);
  });
  window.addEventListener("popstate", () => {
    const here = links.find((link) => link.href === location.href);
    if (here) show(here);
  });
}
