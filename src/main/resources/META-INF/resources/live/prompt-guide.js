// The prompt guide, shown for a model with a small vocabulary (the embedded one): completes the word being typed from
// the words the model knows, says which whole words of the prompt it does not know, and fills the prompt from the
// example chips. It changes the prompt box and fires `input` on it, so live.js sends the prompt as for a keystroke.
const guide = document.getElementById("prompt-guide");
if (guide) {
  const promptBox = document.getElementById("prompt");
  const list = document.getElementById("completions");
  const note = document.getElementById("unknown-words");
  const words = guide.dataset.words.split(" ");
  const known = new Set(words);
  const MAX_SHOWN = 8;
  let shown = [], selected = -1;

  /** The word the caret is in the middle or at the end of: its start and its letters so far. */
  const wordAtCaret = () => {
    const before = promptBox.value.slice(0, promptBox.selectionStart);
    const match = /[a-z]+$/i.exec(before);
    return match ? { start: match.index, text: match[0].toLowerCase() } : null;
  };

  const select = (index) => {
    selected = index;
    list.querySelectorAll("li").forEach((item, i) => item.setAttribute("aria-selected", String(i === selected)));
  };

  const showCompletions = () => {
    const word = wordAtCaret();
    const after = promptBox.value.slice(promptBox.selectionStart);
    shown = word && !/^[a-z]/i.test(after)
      ? words.filter((w) => w.startsWith(word.text) && w !== word.text).slice(0, MAX_SHOWN) : [];
    list.replaceChildren(...shown.map((w, i) => {
      const item = document.createElement("li");
      item.textContent = w;
      item.setAttribute("role", "option");
      item.addEventListener("mousedown", (event) => event.preventDefault()); // the prompt box keeps the focus
      item.addEventListener("click", () => complete(i));
      return item;
    }));
    list.hidden = shown.length === 0;
    select(-1);
  };

  /** Whole words the model lacks: a word still being typed (no space after it yet) is not judged. */
  const showUnknown = () => {
    const text = promptBox.value.toLowerCase();
    const whole = /[a-z]+$/.test(text) ? text.replace(/[a-z]+$/, "") : text;
    const unknown = [...new Set(whole.match(/[a-z]+/g) ?? [])].filter((w) => !known.has(w));
    note.hidden = unknown.length === 0;
    if (unknown.length) {
      const quoted = unknown.slice(0, 3).map((w) => `“${w}”`).join(", ");
      note.textContent = `${guide.dataset.modelLabel} doesn't know ${quoted}: it draws coloured shapes; `
        + "try words like “circle”, “star”, “red”, “large”, “at the top left”, “on a blue striped background”.";
    }
  };

  const update = () => {
    showCompletions();
    showUnknown();
  };

  /** Puts the chosen completion in place of the word being typed, with a space after it, and sends the prompt. */
  function complete(index) {
    const word = wordAtCaret();
    if (!word || !shown[index]) return;
    const value = promptBox.value, caret = promptBox.selectionStart;
    const rest = value.slice(caret).replace(/^ /, "");
    const head = value.slice(0, word.start) + shown[index] + " ";
    promptBox.value = (head + rest).slice(0, promptBox.maxLength > 0 ? promptBox.maxLength : undefined);
    promptBox.setSelectionRange(head.length, head.length);
    promptBox.focus();
    promptBox.dispatchEvent(new Event("input"));
  }

  promptBox.addEventListener("input", update);
  promptBox.addEventListener("click", update);
  promptBox.addEventListener("blur", () => (list.hidden = true));
  promptBox.addEventListener("keydown", (event) => {
    if (list.hidden) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (event.key === "ArrowDown") select((selected + 1) % shown.length);
      else select(selected <= 0 ? shown.length - 1 : selected - 1);
    } else if (event.key === "Tab" && !event.shiftKey && (selected >= 0 || !known.has(wordAtCaret()?.text))) {
      // Tab finishes a word being typed; after a whole word ("a red star") it moves on, as Tab does
      event.preventDefault();
      complete(selected >= 0 ? selected : 0);
    } else if (event.key === "Enter" && selected >= 0) {
      event.preventDefault();
      complete(selected);
    } else if (event.key === "Escape") {
      list.hidden = true;
    }
  });
  guide.querySelectorAll("button[data-prompt]").forEach((chip) => chip.addEventListener("click", () => {
    promptBox.value = chip.dataset.prompt;
    promptBox.focus();
    promptBox.setSelectionRange(promptBox.value.length, promptBox.value.length);
    promptBox.dispatchEvent(new Event("input"));
  }));
  update();
}
