// The live image island: sends each keystroke's prompt over /live and paints frames as they decode.
// It tells the rest of the page about frames with a `live:frame` event on document.
import { decodeFrame, promptMessage } from "./protocol.js";

const $ = (id) => document.getElementById(id);
const promptBox = $("prompt"), seedBox = $("seed"), canvas = $("frame"), stateBox = $("state");
const context = canvas.getContext("2d");
const sentAt = new Map();
const frameTimes = [];
let socket, seq = 0, shownSeq = -1, lastSent = null, busyTimer, retryDelay = 500, maxTokens = 77;
const prompts = new Map();

function setState(name, text) {
  stateBox.className = `pill ${name}`;
  stateBox.textContent = text;
}

function showError(message) {
  const box = $("error");
  box.textContent = message;
  box.hidden = false;
  clearTimeout(showError.timer);
  showError.timer = setTimeout(() => (box.hidden = true), 4000);
}

function connect() {
  setState("connecting", "connecting…");
  socket = new WebSocket(`${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/live`);
  socket.binaryType = "arraybuffer";
  socket.onopen = () => {
    retryDelay = 500;
    setState("live", "live");
    lastSent = null;
    send();
  };
  socket.onmessage = (event) => (typeof event.data === "string" ? onText(JSON.parse(event.data)) : onFrame(event.data));
  socket.onclose = () => {
    setState("offline", "disconnected, reconnecting…");
    setTimeout(connect, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 5000);
  };
}

function onText(message) {
  if (message.type === "hello") {
    maxTokens = message.models[0].maxTokens;
  } else if (message.type === "error") {
    showError(`${message.code}: ${message.message}`);
  }
}

async function onFrame(buffer) {
  const { header, image } = decodeFrame(buffer);
  if (header.seq <= shownSeq) return;
  const bitmap = await createImageBitmap(image);
  if (header.seq <= shownSeq) return; // a newer frame finished decoding first
  shownSeq = header.seq;
  if (canvas.width !== bitmap.width || canvas.height !== bitmap.height) {
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
  }
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  const text = prompts.get(header.seq) ?? "";
  for (const old of prompts.keys()) if (old <= header.seq) prompts.delete(old);
  canvas.dataset.seq = header.seq;
  canvas.dataset.text = text;
  report(header);
  document.dispatchEvent(new CustomEvent("live:frame", { detail: { blob: image, header: { ...header, prompt: text } } }));
}

function report(header) {
  const now = performance.now();
  const latency = now - (sentAt.get(header.seq) ?? now);
  for (const old of sentAt.keys()) if (old <= header.seq) sentAt.delete(old);
  frameTimes.push(now);
  while (frameTimes.length && frameTimes[0] < now - 1000) frameTimes.shift();
  $("latency").textContent = `${Math.round(latency)} ms`;
  $("fps").textContent = `${frameTimes.length} fps`;
  $("tokens").textContent = `${header.tokens} / ${header.maxTokens || maxTokens} tokens`;
  $("tokens").classList.toggle("over", header.tokens > (header.maxTokens || maxTokens));
  $("caption").textContent = `${header.width}×${header.height} · seed ${header.seed} · ${header.model}`;
  if (sentAt.size === 0) {
    clearTimeout(busyTimer);
    setState("live", "live");
  }
}

function send() {
  if (!socket || socket.readyState !== WebSocket.OPEN) return;
  const text = promptBox.value;
  const seed = Number.parseInt(seedBox.value, 10);
  const key = `${seed}\u0000${text}`;
  if (key === lastSent) return;
  lastSent = key;
  seq += 1;
  sentAt.set(seq, performance.now());
  prompts.set(seq, text);
  socket.send(promptMessage(seq, text, Number.isSafeInteger(seed) && seed >= 0 ? seed : undefined));
  clearTimeout(busyTimer);
  busyTimer = setTimeout(() => setState("busy", "server busy…"), 1000);
}

promptBox.addEventListener("input", send);
seedBox.addEventListener("input", send);
$("dice").addEventListener("click", () => {
  seedBox.value = Math.floor(Math.random() * 2 ** 32);
  send();
});
connect();
