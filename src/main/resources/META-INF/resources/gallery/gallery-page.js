// The gallery and item pages' small behaviours, here rather than in inline handlers (the pages' CSP allows none):
// the share link is whole and selects itself on click; Copy buttons copy; a wrong edit token says so; a deleted item
// leads back to its gallery.

// Without app.gallery.public-url the server writes site-relative links (never from the request's Host header); the
// browser knows the address it reached the page at, so the box holds a link that works pasted anywhere.
document.querySelectorAll("input.share-url").forEach((box) => {
  if (box.value.startsWith("/")) box.value = new URL(box.value, location.origin).href;
});

document.addEventListener("click", (event) => {
  if (event.target.matches("input.share-url")) event.target.select();
  const copy = event.target.closest("button[data-copy]");
  if (copy) copyFrom(copy, document.querySelector(copy.dataset.copy));
});

/** The clipboard API where the page is a secure context; else the selection and the older copy command. */
async function copyFrom(button, box) {
  const label = button.textContent;
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(box.value);
    } else {
      const type = box.type;
      box.type = "text";
      box.select();
      document.execCommand("copy");
      box.type = type;
    }
    button.textContent = "Copied";
  } catch {
    button.textContent = "Select and copy it";
  }
  setTimeout(() => (button.textContent = label), 1500);
}

document.addEventListener("htmx:responseError", (event) => {
  const output = event.target.closest("form[data-token-form]")?.querySelector("output");
  if (output) output.textContent = "That is not this gallery’s edit token.";
});

document.addEventListener("htmx:afterRequest", (event) => {
  const back = event.target.dataset.afterDelete;
  if (back && event.detail.successful) location.href = back;
});
