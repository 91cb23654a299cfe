// Keeps the frame the live page shows, the frames of the current typing session (its flipbook) and the last
// finished video clip, and saves any of them into one of the galleries this browser created (clips as flipbooks
// with their frame rate). A browser with no gallery yet gets one, "My pictures", on its first save; the shown frame
// can also be downloaded as it is.
// Edit tokens live in HttpOnly cookies set by the server.
const MAX_FLIPBOOK = 200, SESSION_GAP_MS = 10_000, DEFAULT_GALLERY = "My pictures";
const $ = (id) => document.getElementById(id);
const select = $("save-gallery"), status = $("save-status");
let latest = null, flipbook = [], lastFrameAt = 0, clip = null, clipMade = 0, clipRate = null;
let creatingDefault = null;

document.addEventListener("live:frame", ({ detail }) => {
  const now = Date.now();
  const previous = flipbook[flipbook.length - 1];
  if (now - lastFrameAt > SESSION_GAP_MS || (previous && previous.header.seed !== detail.header.seed)) flipbook = [];
  lastFrameAt = now;
  latest = detail;
  if (!previous || previous.header.prompt !== detail.header.prompt || flipbook.length === 0) flipbook.push(detail);
  if (flipbook.length > MAX_FLIPBOOK) flipbook.shift();
  refresh();
});

// a video frame on screen: what Save picture and Download take, but no part of the typing session's flipbook
document.addEventListener("live:shown", ({ detail }) => {
  latest = detail;
  refresh();
});

document.addEventListener("live:clip", ({ detail }) => {
  clipMade = detail.frames.length;
  clip = clipMade > 0 ? evenly(detail.frames, MAX_FLIPBOOK) : null;
  // a thinned clip plays slower so that it lasts as long as the clip did
  clipRate = clip ? (detail.frames[0].header.frameRate * clip.length) / detail.frames.length : null;
  refresh();
});

/** At most `max` frames spread evenly over the clip, first and last included. */
function evenly(frames, max) {
  if (frames.length <= max) return frames;
  return Array.from({ length: max }, (_, i) => frames[Math.round((i * (frames.length - 1)) / (max - 1))]);
}

function refresh() {
  $("flipbook-count").textContent = flipbook.length;
  // without a gallery, saving makes "My pictures" first
  $("save-frame").disabled = !latest;
  $("download-frame").disabled = !latest;
  $("save-flipbook").disabled = flipbook.length < 2;
  $("save-clip").hidden = !clip;
  $("save-clip").disabled = !clip;
  $("flipbook-unit").textContent = flipbook.length === 1 ? "frame" : "frames";
  $("clip-count").textContent = clip ? clip.length : 0;
  $("clip-unit").textContent = clip?.length === 1 ? "frame" : "frames";
  const thinned = clip && clip.length < clipMade;
  $("clip-of").textContent = thinned ? ` of ${clipMade}` : "";
  $("save-clip").title = thinned ? `A gallery keeps at most ${MAX_FLIPBOOK} frames: the clip's ${clipMade} are saved as ${clip.length}`
      + " spread evenly over it, played slower so that it lasts as long." : "";
  const open = $("open-gallery");
  open.hidden = !select.value;
  if (select.value) open.href = `/g/${select.value}`;
}

function say(text, link) {
  status.textContent = text;
  if (link) {
    const a = document.createElement("a");
    a.href = link;
    a.textContent = " view";
    status.append(a);
  }
}

const UNREACHABLE = "the server cannot be reached: check the connection and try again";

/** fetch, with the server out of reach (offline, or the server down) answered null instead of thrown. */
async function reach(url, options) {
  try {
    return await fetch(url, options);
  } catch {
    return null;
  }
}

async function loadGalleries(chosen) {
  const response = await reach("/api/galleries/mine");
  if (!response) return; // the list shown stays until the server is back
  const galleries = response.ok ? await response.json() : [];
  select.replaceChildren(...galleries.map((g) => new Option(`${g.name} (${g.itemCount})`, g.slug)));
  if (galleries.length === 0) select.append(new Option(`${DEFAULT_GALLERY} (made when you first save)`, ""));
  const keep = chosen ?? localStorage.getItem("gallery:last");
  if (keep && galleries.some((g) => g.slug === keep)) select.value = keep;
  refresh();
}

/** The server's reason: the message of its JSON error, else the start of whatever came back. */
async function failure(response) {
  const body = await response.text();
  let reason;
  try {
    reason = JSON.parse(body).message;
  } catch {
    // a proxy's or the transport's own page
  }
  return `${response.status}: ${(reason ?? body).slice(0, 200)}`;
}

/** Creates a gallery (the server's edit cookie makes it this browser's) and selects it; its slug, or null. */
async function createGallery(name) {
  const response = await reach("/api/galleries", {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ name }),
  });
  if (!response?.ok) {
    say(`Could not create the gallery (${response ? await failure(response) : UNREACHABLE})`);
    return null;
  }
  const created = await response.json();
  localStorage.setItem("gallery:last", created.slug);
  await loadGalleries(created.slug);
  return created.slug;
}

/** The chosen gallery, or "My pictures" made now for a browser that has none (once, however many saves wait). */
async function galleryToSaveInto() {
  if (select.value) return select.value;
  creatingDefault ??= createGallery(DEFAULT_GALLERY).finally(() => (creatingDefault = null));
  return creatingDefault;
}

$("new-gallery").addEventListener("submit", async (event) => {
  event.preventDefault();
  const name = $("new-gallery-name").value.trim();
  const slug = await createGallery(name);
  if (!slug) return;
  $("new-gallery-name").value = "";
  say(`Created “${name}”.`, `/g/${slug}`);
});

const count = (n) => `${n} frame${n === 1 ? "" : "s"}`;

/** Returns whether the frames were saved. */
async function save(kind, frames, frameRate = null) {
  const made = !select.value;
  const slug = await galleryToSaveInto();
  if (!slug) return false;
  const last = frames[frames.length - 1].header;
  const meta = { kind, seed: last.seed, model: last.model, timingsMs: last.timings ?? {}, prompts: frames.map((f) => f.header.prompt ?? ""), frameRate };
  const form = new FormData();
  form.append("meta", new Blob([JSON.stringify(meta)], { type: "application/json" }), "meta.json");
  frames.forEach((f, i) => form.append("frame", f.blob, `frame-${i}`));
  say("Saving…");
  const response = await reach(`/api/galleries/${slug}/items`, { method: "POST", body: form });
  if (!response?.ok) {
    say(`Not saved (${response ? await failure(response) : UNREACHABLE})`);
    return false;
  }
  const item = await response.json();
  localStorage.setItem("gallery:last", slug);
  const what = frameRate !== null ? `the clip (${count(frames.length)})` : kind === "flipbook" ? `a flipbook of ${count(frames.length)}` : null;
  const where = made ? ` It is in “${DEFAULT_GALLERY}”, a gallery made for this browser.` : "";
  await loadGalleries(slug);
  say((what ? `Saved ${what}.` : "Saved.") + where, new URL(item.pageUrl, location.href).pathname);
  return true;
}

$("save-frame").addEventListener("click", () => latest && save("frame", [latest]));
$("save-flipbook").addEventListener("click", async () => {
  if (await save("flipbook", flipbook.slice())) {
    flipbook = [];
    refresh();
  }
});
$("save-clip").addEventListener("click", async () => {
  if (await save("flipbook", clip, clipRate)) {
    clip = null;
    refresh();
  }
});
/** "a red circle", seed 7, JPEG: live-diffusion-a-red-circle-seed-7.jpg */
function fileName({ prompt, seed }, mime) {
  const words = (prompt ?? "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-+|-+$/g, "").slice(0, 60);
  const extension = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp" }[mime] ?? "img";
  return `live-diffusion-${words.replace(/-+$/, "") || "untitled"}-seed-${seed}.${extension}`;
}

$("download-frame").addEventListener("click", () => {
  if (!latest) return;
  const link = document.createElement("a");
  link.href = URL.createObjectURL(latest.blob);
  link.download = fileName(latest.header, latest.blob.type);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000); // the download has long read it by then
});
select.addEventListener("change", () => {
  localStorage.setItem("gallery:last", select.value);
  refresh();
});
loadGalleries();
