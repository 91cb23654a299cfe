// Plays saved flipbooks: every figure.flipbook[data-frames] steps through its frames with each frame's prompt
// as caption. Cards play when their "play" button is pressed; detail pages (data-autoplay) start by themselves.
const FRAME_MS = 150, HOLD_LAST_MS = 1500;

function setUp(figure) {
  if (figure.dataset.ready) return;
  figure.dataset.ready = "1";
  const frames = JSON.parse(figure.dataset.frames);
  const prompts = JSON.parse(figure.dataset.prompts);
  const img = figure.querySelector("img");
  const caption = figure.querySelector(".flipbook-caption");
  let index = frames.length - 1, timer = null;
  frames.forEach((url) => { new Image().src = url; });
  const show = (i) => {
    index = i;
    img.src = frames[i];
    caption.textContent = prompts[i];
    figure.dataset.frame = String(i);
  };
  const step = () => {
    const next = (index + 1) % frames.length;
    show(next);
    timer = setTimeout(step, next === frames.length - 1 ? HOLD_LAST_MS : FRAME_MS);
  };
  figure.flipbook = {
    playing: () => timer !== null,
    play() { if (!timer) { figure.dataset.playing = "1"; show(0); timer = setTimeout(step, FRAME_MS); } },
    pause() { clearTimeout(timer); timer = null; delete figure.dataset.playing; },
  };
  if ("autoplay" in figure.dataset) figure.flipbook.play();
}

function setUpAll(root) {
  root.querySelectorAll("figure.flipbook[data-frames]").forEach(setUp);
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-play]");
  if (!button) return;
  const holder = button.dataset.play === "detail" ? document : document.getElementById(button.dataset.play);
  const figure = holder && holder.querySelector("figure.flipbook");
  if (!figure || !figure.flipbook) return;
  if (figure.flipbook.playing()) {
    figure.flipbook.pause();
    button.textContent = "▶ play";
  } else {
    figure.flipbook.play();
    button.textContent = "❚❚ pause";
  }
});
document.addEventListener("htmx:load", (event) => setUpAll(event.target));
setUpAll(document);
