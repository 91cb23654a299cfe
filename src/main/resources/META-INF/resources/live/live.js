// The live image island: sends each keystroke's prompt over /live and paints frames as they decode; in video
// mode it starts, steers and stops clips. It tells the rest of the page about the hello with `live:hello`, frames
// with `live:frame` and finished clips with `live:clip` events on document; a `live:sketch` event (sketch.js) sets
// the picture image prompts start from.
import { decodeFrame, initImageMessage, promptMessage } from "./protocol.js";
import { ClipPlayer } from "./clip-player.js";

const $ = (id) => document.getElementById(id);
const promptBox = $("prompt"), seedBox = $("seed"), canvas = $("frame"), stateBox = $("state");
const context = canvas.getContext("2d");
const sentAt = new Map();
const prompts = new Map();
const frameTimes = [];
let socket, seq = 0, shownSeq = -1, lastSent = null, busyTimer, retryDelay = 500, maxTokens = 77;
let mode = "image", clip = null, sketch = null, ended = null, modelNames = {}, endedByAdmin = false, away = false;
const player = new ClipPlayer(showVideoFrame, (played, total, waiting) => {
  $("clip-progress").max = total || 1;
  $("clip-progress").value = played;
  $("clip-status").textContent = `${played} / ${total} frames${waiting ? `, ${waiting} buffered` : ""}`;
}, showClipState);

const NOTES = {
  made: "The whole clip is made and is still playing, so typing no longer changes it: what you type now is the prompt of the next clip.",
  idle: "No clip is running: what you type is the prompt of the next one. Press Start clip to make it.",
};

/** The clip button and note follow the player: Stop while anything is left to show, Start clip otherwise. */
function showClipState(state) {
  $("video-controls").dataset.clipState = state;
  $("clip-toggle").textContent = state === "generating" || state === "playing" ? "Stop" : "Start clip";
  $("clip-note").hidden = true;
  if (state === "done") offerClip();
}

function showNote(note) {
  $("clip-note").textContent = NOTES[note];
  $("clip-note").hidden = false;
}

/**
 * Hands the clip to the save panel once the server has ended it and the player is done with it: the frames that
 * were on screen, so a clip stopped at frame 136 saves 136 frames, not those made ahead of playback.
 */
function offerClip() {
  if (!ended || player.state !== "done") return;
  const frames = ended.frames.slice(0, player.played);
  document.dispatchEvent(new CustomEvent("live:clip", { detail: { ...ended.message, frames } }));
  ended = null;
}

function setState(name, text) {
  stateBox.className = `pill ${name}`;
  stateBox.textContent = text;
}

/** A refusal of the prompt `refusedSeq` stays until a newer prompt gets a frame; other errors go after 4 s. */
function showError(message, refusedSeq = null) {
  const box = $("error");
  box.textContent = message;
  box.hidden = false;
  clearTimeout(showError.timer);
  showError.refusedSeq = refusedSeq;
  if (refusedSeq === null) showError.timer = setTimeout(() => (box.hidden = true), 4000);
}

function connect() {
  setState("connecting", "connecting…");
  socket = new WebSocket(`${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/live`);
  socket.binaryType = "arraybuffer";
  socket.onopen = () => {
    retryDelay = 500;
    setState("live", "live");
    lastSent = null;
    if (mode === "image") sendPrompt();
  };
  socket.onmessage = (event) => (typeof event.data === "string" ? onText(JSON.parse(event.data)) : onFrame(event.data));
  socket.onclose = () => {
    clearTimeout(busyTimer);
    sentAt.clear();
    clipEnded();
    if (away) return; // in the back/forward cache: pageshow connects again
    if (endedByAdmin) {
      setState("offline", "disconnected by an administrator: reload the page to reconnect");
      return;
    }
    setState("offline", "disconnected, reconnecting…");
    setTimeout(connect, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 5000);
  };
}

function onText(message) {
  if (message.type === "hello") {
    maxTokens = message.models[0].maxTokens;
    const video = message.models.find((m) => m.kind === "video");
    modelNames = { image: message.models[0].name, video: video?.name };
    showModel();
    // the picture on screen can start a clip only where the server says both models share a latent space
    $("from-picture-row").hidden = !(video?.firstFrames ?? []).includes("image");
    document.dispatchEvent(new CustomEvent("live:hello", { detail: message }));
  } else if (message.type === "error") {
    endedByAdmin ||= message.code === "disconnected"; // reconnecting would undo the administrator's decision
    showError(`${message.code}: ${message.message}`, message.code === "blocked_prompt" ? message.seq : null);
    settle(message.seq ?? seq); // without a seq (rate_limited) it answers the latest message
    if (mode === "video" && clip && !clip.id) clipEnded();
  } else if (message.type === "clip_end") {
    // the end of this clip, not of one stopped before it (a clip that failed before its first frame has no id yet)
    if (!clip || !(clip.id === message.clip || (clip.id === null && message.frames === 0))) return;
    settle(clip.lastSeq); // steering sent as the clip ended gets no frame
    ended = { message, frames: clip.frames };
    clipEnded();
    offerClip();
  }
}

async function onFrame(buffer) {
  const { header, image } = decodeFrame(buffer);
  const text = prompts.get(header.seq) ?? "";
  if (header.kind === "video") {
    if (!clip) return;
    clip.id = header.clip;
    clip.frames.push({ blob: image, header: { ...header, prompt: text } });
    $("video-controls").dataset.received = clip.frames.length; // the server keeps about a second ahead of playback
    settle(header.seq);
    player.push(await createImageBitmap(image), { ...header, prompt: text }, image);
    return;
  }
  if (header.seq <= shownSeq) return;
  const bitmap = await createImageBitmap(image);
  if (header.seq <= shownSeq) return; // a newer frame finished decoding first
  shownSeq = header.seq;
  if (showError.refusedSeq != null && header.seq > showError.refusedSeq) {
    $("error").hidden = true; // the refusal that stayed: this frame answers a newer prompt
    showError.refusedSeq = null;
  }
  paint(bitmap, header);
  for (const old of prompts.keys()) if (old <= header.seq) prompts.delete(old);
  canvas.dataset.seq = header.seq;
  canvas.dataset.text = text;
  report(header);
  document.dispatchEvent(new CustomEvent("live:frame", { detail: { blob: image, header: { ...header, prompt: text } } }));
}

/** A video frame as it plays: painted, and offered to Save picture and Download as the picture on screen. */
function showVideoFrame(bitmap, header, blob) {
  paint(bitmap, header);
  report(header); // the readouts follow playback: frames/s is the clip's rate on screen, not its arrival rate
  reportPlayed(header);
  document.dispatchEvent(new CustomEvent("live:shown", { detail: { blob, header } }));
}

/** Tells the server which frame is on screen (at most ten times a second): it makes the clip a lead ahead of it. */
function reportPlayed(header) {
  const now = performance.now();
  if (!clip || clip.id !== header.clip || now - clip.reportedAt < 100) return;
  clip.reportedAt = now;
  if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: "played", clip: header.clip, index: header.index }));
}

function paint(bitmap, header) {
  if (canvas.width !== bitmap.width || canvas.height !== bitmap.height) {
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
  }
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  if (header.kind === "video") {
    canvas.dataset.index = header.index;
    canvas.dataset.text = header.prompt; // the text the frame on screen answers, as for image frames
  }
}

function report(header) {
  const now = performance.now();
  const sent = sentAt.get(header.seq);
  settle(header.seq);
  frameTimes.push(now);
  while (frameTimes.length && frameTimes[0] < now - 1000) frameTimes.shift();
  if (header.kind !== "video" && sent !== undefined) $("latency").textContent = `${Math.round(now - sent)} ms`;
  $("fps").textContent = `${frameTimes.length} fps`;
  const limit = header.maxTokens || maxTokens;
  $("tokens").textContent = `${header.tokens} / ${limit} tokens`
    + (header.tokens > limit ? `: the model reads the first ${limit}, so the end of the prompt is not drawn` : "");
  $("tokens").classList.toggle("over", header.tokens > limit);
  $("caption").textContent = `${header.width}×${header.height} · seed ${header.seed} · ${header.model}`;
}

/** Messages up to `upTo` are answered (a frame answers its own seq and the older prompts it replaced). */
function settle(upTo) {
  for (const old of sentAt.keys()) if (old <= upTo) sentAt.delete(old);
  if (sentAt.size === 0) {
    clearTimeout(busyTimer);
    setState("live", "live");
  }
}

/** `text` is the prompt a frame will answer; null for a message no frame answers (a stop). */
function send(message, text = null) {
  if (!socket || socket.readyState !== WebSocket.OPEN) return false;
  seq += 1;
  socket.send(message(seq));
  if (text !== null) {
    sentAt.set(seq, performance.now());
    prompts.set(seq, text);
    clearTimeout(busyTimer);
    busyTimer = setTimeout(() => setState("busy", "server busy…"), 1000);
  }
  return true;
}

function currentSeed() {
  const seed = Number.parseInt(seedBox.value, 10);
  return Number.isSafeInteger(seed) && seed >= 0 ? seed : undefined;
}

function sendPrompt() {
  const text = promptBox.value;
  if (mode === "video") {
    if (clip && send((s) => JSON.stringify({ type: "prompt", mode: "video", seq: s, text, frames: clip.total }), text)) {
      clip.lastSeq = seq;
    } else {
      // the server has made every frame (steering can no longer change this clip), or none is running
      showNote(player.state === "playing" ? "made" : "idle");
    }
    return;
  }
  const key = `${seedBox.value}\u0000${text}\u0000${sketch?.version ?? ""}`;
  if (key === lastSent) return;
  lastSent = key;
  if (sketch) {
    const { bytes, strength } = sketch;
    send((s) => initImageMessage(s, text, currentSeed(), strength, bytes), text);
  } else {
    send((s) => promptMessage(s, text, currentSeed()), text);
  }
}

function toggleClip() {
  if (player.state === "generating" || player.state === "playing") {
    stopClip();
    return;
  }
  const frameRate = Number($("video-controls").dataset.frameRate);
  const total = Number($("clip-seconds").value) * frameRate;
  const text = promptBox.value;
  player.start();
  clip = { id: null, total, frames: [], lastSeq: seq + 1, reportedAt: -Infinity };
  const firstFrame = $("from-picture-row").hidden ? undefined : $("from-picture").checked ? "image" : "model";
  if (!send((s) => JSON.stringify({ type: "prompt", mode: "video", seq: s, text, seed: currentSeed(), frames: total, firstFrame }), text)) {
    clipEnded();
  }
}

/** Stops what is on screen now, and the server's generation if it is still running. */
function stopClip() {
  if (clip) send((s) => JSON.stringify({ type: "stop", seq: s }));
  player.stop();
}

/** The server has ended the clip (or the connection): nothing more will come for it. */
function clipEnded() {
  clip = null;
  player.end();
}

/** The help line names the model that draws what this mode shows. */
function showModel() {
  const name = modelNames[mode] ?? modelNames.image;
  if (name) $("model-name").textContent = name;
}

function setMode(next) {
  mode = next;
  $("video-controls").hidden = mode !== "video";
  $("clip-note").hidden = true;
  showModel();
  if (mode === "image") {
    stopClip();
    lastSent = null;
    sendPrompt();
  }
}

promptBox.addEventListener("input", sendPrompt);
// the box's maxlength cuts pasted text without a word: say so
promptBox.addEventListener("paste", (event) => {
  const pasted = event.clipboardData?.getData("text") ?? "";
  const room = promptBox.maxLength - (promptBox.value.length - (promptBox.selectionEnd - promptBox.selectionStart));
  if (promptBox.maxLength > 0 && pasted.length > room) {
    showError(`Prompts are limited to ${promptBox.maxLength} characters: the pasted text was cut after ${Math.max(room, 0)}.`);
  }
});
// Every keystroke is sent already: Enter has nothing to submit, and a line break is no part of a prompt.
promptBox.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey) event.preventDefault();
});
seedBox.addEventListener("input", sendPrompt);
$("dice").addEventListener("click", () => {
  seedBox.value = Math.floor(Math.random() * 2 ** 32);
  sendPrompt();
});
$("clip-toggle").addEventListener("click", toggleClip);
document.addEventListener("live:sketch", (event) => {
  sketch = event.detail;
  if (mode === "image") sendPrompt();
});
document.querySelectorAll("input[name=mode]").forEach((radio) => radio.addEventListener("change", () => setMode(radio.value)));

// On a phone the on-screen keyboard shrinks the visible part of the page: app.css sizes the pinned picture by it,
// so the picture and the prompt box under it both stay in view while typing.
const visible = window.visualViewport;
if (visible) {
  const fit = () => document.documentElement.style.setProperty("--visible-height", `${Math.round(visible.height)}px`);
  visible.addEventListener("resize", fit);
  fit();
}
// A page left for another may be kept in the back/forward cache: its socket is closed meanwhile (it would count as
// a person live now), and opened again when the page is shown.
window.addEventListener("pagehide", (event) => {
  if (!event.persisted) return;
  away = true;
  socket?.close();
});
window.addEventListener("pageshow", (event) => {
  if (!event.persisted) return;
  away = false;
  connect();
});
// Connected once every module script of the page has run: the hello's listeners (sketch.js, the save panel) are in
// place, whichever script loaded last (under load the hello came before sketch.js and the pad stayed hidden).
document.addEventListener("DOMContentLoaded", connect);
