// Asks before a form marked data-confirm is sent (inline onsubmit handlers are ruled out by the pages' CSP).
document.addEventListener("submit", (event) => {
  const question = event.target.dataset.confirm;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
