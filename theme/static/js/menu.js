// The main menu (partials/_header.html) is a <details> disclosure that works without this
// script. With it: Escape closes the menu and puts focus back on its toggle; moving focus or
// tapping outside the open menu closes it. The browser already exposes the toggle's expanded
// state (ARIA in HTML forbids aria-expanded on <summary>), so nothing else is needed.
for (const menu of document.querySelectorAll("[data-menu]")) {
  const toggle = menu.querySelector("summary");
  const collapsible = () => getComputedStyle(toggle).display !== "none";

  menu.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && menu.open && collapsible()) {
      menu.open = false;
      toggle.focus();
    }
  });
  menu.addEventListener("focusout", (event) => {
    if (menu.open && collapsible() && event.relatedTarget && !menu.contains(event.relatedTarget)) {
      menu.open = false;
    }
  });
  document.addEventListener("click", (event) => {
    if (menu.open && collapsible() && !menu.contains(event.target)) menu.open = false;
  });
}
