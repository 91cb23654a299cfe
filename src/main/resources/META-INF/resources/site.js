// Behaviour every page shares (the CSP allows no inline scripts): the top navigation marks the page you are on,
// saved times show in the reader's own time zone, and an htmx refresh keeps open <details> open.
const here = location.pathname;
for (const link of document.querySelectorAll(".site-nav a")) {
  const path = link.getAttribute("href");
  if (path === "/" ? here === "/" : here === path || here.startsWith(path + "/")) link.setAttribute("aria-current", "page");
}

const localTime = new Intl.DateTimeFormat(undefined, { dateStyle: "long", timeStyle: "short" });
function localizeTimes(root) {
  for (const time of root.querySelectorAll("time[data-local]")) {
    const when = new Date(time.getAttribute("datetime"));
    if (!Number.isNaN(when.getTime())) time.textContent = localTime.format(when);
  }
}
localizeTimes(document);
document.addEventListener("htmx:load", (event) => localizeTimes(event.target));

// htmx replaces a polled region's content (the live page's status strip); a Details toggle opened there stays open
let openDetails = [];
document.addEventListener("htmx:beforeSwap", (event) => {
  openDetails = [...event.detail.target.querySelectorAll("details[open][id]")].map((d) => d.id);
});
document.addEventListener("htmx:afterSwap", () => {
  for (const id of openDetails) document.getElementById(id)?.setAttribute("open", "");
  openDetails = [];
});
