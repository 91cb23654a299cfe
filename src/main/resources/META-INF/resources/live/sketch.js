// The sketch island: a drawing pad (a few colours, pen / line / box / ellipse, undo, clear), a picked picture or the
// camera, that the live island renders from, image to image. It sends `live:sketch` on document after each change: {bytes,
// strength, version}, or null when off. Shown only where the server's hello allows image-to-image.
const $ = (id) => document.getElementById(id);
const panel = $("sketch"), pad = $("sketch-pad"), toggle = $("sketch-on"), strength = $("strength");
const context = pad.getContext("2d");
const undoStack = []; // the pad before each change
const MAX_UNDO = 30;
let colour = "#000000", shape = "pen", from = null, before = null, version = 0;

function blank() {
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, pad.width, pad.height);
}

function remember() {
  undoStack.push(context.getImageData(0, 0, pad.width, pad.height));
  if (undoStack.length > MAX_UNDO) undoStack.shift();
  $("undo").disabled = false;
}

/** JPEG keeps a photo's pad well under the server's init-image bound; the pad has no transparency to lose. */
function publish() {
  $("strength-value").textContent = Number(strength.value).toFixed(2);
  if (!toggle.checked) {
    document.dispatchEvent(new CustomEvent("live:sketch", { detail: null }));
    return;
  }
  const mine = ++version;
  pad.toBlob(async (blob) => {
    if (mine !== version) return; // a newer change is on its way: latest wins here too
    const detail = { bytes: await blob.arrayBuffer(), strength: Number(strength.value), version: mine };
    pad.dataset.sent = mine;
    document.dispatchEvent(new CustomEvent("live:sketch", { detail }));
  }, "image/jpeg", 0.9);
}

function point(event) {
  const box = pad.getBoundingClientRect();
  return { x: (event.clientX - box.left) * (pad.width / box.width), y: (event.clientY - box.top) * (pad.height / box.height) };
}

function draw(to) {
  context.strokeStyle = colour;
  context.lineWidth = shape === "pen" ? 8 : 6;
  context.lineCap = context.lineJoin = "round";
  if (shape === "pen") {
    context.beginPath();
    context.moveTo(from.x, from.y);
    context.lineTo(to.x, to.y);
    context.stroke();
    from = to;
    return;
  }
  context.putImageData(before, 0, 0); // a shape follows the pointer until it is let go
  context.beginPath();
  if (shape === "line") {
    context.moveTo(from.x, from.y);
    context.lineTo(to.x, to.y);
  } else if (shape === "box") {
    context.rect(from.x, from.y, to.x - from.x, to.y - from.y);
  } else {
    context.ellipse((from.x + to.x) / 2, (from.y + to.y) / 2, Math.abs(to.x - from.x) / 2, Math.abs(to.y - from.y) / 2, 0, 0, 2 * Math.PI);
  }
  context.stroke();
}

pad.addEventListener("pointerdown", (event) => {
  stopCamera(); // drawing starts on the camera's last picture
  pad.setPointerCapture(event.pointerId);
  remember();
  before = undoStack[undoStack.length - 1];
  from = point(event);
  draw({ x: from.x + 0.1, y: from.y }); // a click leaves a dot
});
pad.addEventListener("pointermove", (event) => from && draw(point(event)));
pad.addEventListener("pointerup", () => {
  from = null;
  toggle.checked = true;
  publish();
});
$("undo").addEventListener("click", () => {
  if (!undoStack.length) return;
  context.putImageData(undoStack.pop(), 0, 0);
  $("undo").disabled = undoStack.length === 0;
  publish();
});
$("clear").addEventListener("click", () => {
  remember();
  blank();
  publish();
});
$("picture").addEventListener("change", async () => {
  const file = $("picture").files[0];
  if (!file) return;
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(pad.width / bitmap.width, pad.height / bitmap.height);
  remember();
  blank();
  context.drawImage(bitmap, (pad.width - bitmap.width * scale) / 2, (pad.height - bitmap.height * scale) / 2,
    bitmap.width * scale, bitmap.height * scale);
  bitmap.close();
  toggle.checked = true;
  publish();
});
panel.querySelectorAll("[data-colour]").forEach((button) => button.addEventListener("click", () => {
  colour = button.dataset.colour;
  panel.querySelectorAll("[data-colour]").forEach((b) => b.setAttribute("aria-pressed", b === button));
}));
$("shape").addEventListener("change", () => (shape = $("shape").value));

// The camera: while on, its picture replaces the pad's a few times a second, each sent as a stroke is (the server
// renders the latest). Drawing, or the button again, stops it.
const CAMERA_INTERVAL_MS = 250;
const camera = $("camera"), cameraNote = $("camera-note"), video = document.createElement("video");
let stream = null, cameraTimer = null;

function stopCamera() {
  if (!stream) return;
  clearInterval(cameraTimer);
  stream.getTracks().forEach((track) => track.stop());
  stream = null;
  camera.setAttribute("aria-pressed", "false");
  camera.textContent = "Camera";
}

function snap() {
  const scale = Math.max(pad.width / video.videoWidth, pad.height / video.videoHeight); // cover, centred
  const w = video.videoWidth * scale, h = video.videoHeight * scale;
  context.drawImage(video, (pad.width - w) / 2, (pad.height - h) / 2, w, h);
  toggle.checked = true;
  publish();
}

camera.addEventListener("click", async () => {
  if (stream) {
    stopCamera();
    return;
  }
  cameraNote.hidden = true;
  if (!navigator.mediaDevices) { // browsers offer cameras to https pages and localhost only
    cameraNote.textContent = "No camera here: the browser offers it to https pages and localhost only.";
    cameraNote.hidden = false;
    return;
  }
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: false });
  } catch (error) {
    cameraNote.textContent = `No camera: ${error.message || error.name}`;
    cameraNote.hidden = false;
    return;
  }
  video.srcObject = stream;
  video.muted = true;
  await video.play();
  remember();
  camera.setAttribute("aria-pressed", "true");
  camera.textContent = "Stop camera";
  cameraTimer = setInterval(snap, CAMERA_INTERVAL_MS);
});
strength.addEventListener("change", publish);
strength.addEventListener("input", () => ($("strength-value").textContent = Number(strength.value).toFixed(2)));
toggle.addEventListener("change", publish);

document.addEventListener("live:hello", (event) => {
  const allowed = event.detail.models[0].imageToImage?.allowed === true;
  panel.hidden = !allowed;
  if (!allowed) stopCamera();
  if (!allowed && toggle.checked) {
    toggle.checked = false;
    publish();
  }
});
blank();
