// The gallery and item pages' small behaviours, here rather than in inline handlers (the pages' CSP allows none):
// the share link selects itself on click; a wrong edit token says so; a deleted item leads back to its gallery.
document.addEventListener("click", (event) => {
  if (event.target.matches("input.share-url")) event.target.select();
});

document.addEventListener("htmx:responseError", (event) => {
  const output = event.target.closest("form[data-token-form]")?.querySelector("output");
  if (output) output.textContent = "That is not this gallery’s edit token.";
});

document.addEventListener("htmx:afterRequest", (event) => {
  const back = event.target.dataset.afterDelete;
  if (back && event.detail.successful) location.href = back;
});
