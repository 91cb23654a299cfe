// Plays saved flipbooks: every figure.flipbook[data-frames] steps through its frames with each frame's prompt
// as caption, each frame data-frame-ms long (a clip's own frame rate, or the typing flipbooks' pace); a typing
// flipbook (data-hold-last) rests on its last frame, the finished prompt, before it starts over. Cards play when
// their "play" button is pressed; detail pages (data-autoplay) start by themselves.
const HOLD_LAST_MS = 1500;

function setUp(figure) {
  if (figure.dataset.ready) return;
  figure.dataset.ready = "1";
  const frames = JSON.parse(figure.dataset.frames);
  const prompts = JSON.parse(figure.dataset.prompts);
  const frameMs = Number(figure.dataset.frameMs);
  const lastMs = "holdLast" in figure.dataset ? Math.max(HOLD_LAST_MS, frameMs) : frameMs;
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
    timer = setTimeout(step, next === frames.length - 1 ? lastMs : frameMs);
  };
  figure.flipbook = {
    playing: () => timer !== null,
    play() { if (!timer) { figure.dataset.playing = "1"; show(0); timer = setTimeout(step, frameMs); } },
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
