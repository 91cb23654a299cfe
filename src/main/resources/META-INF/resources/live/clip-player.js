// Plays a clip's frames at its frame rate as they stream in; frames that arrive late are shown on arrival.
// It owns the clip's state as the user sees it: "generating" while the server still sends frames, "playing" once
// the server has sent them all and the rest plays from the buffer (the server keeps about a second ahead), "done"
// when nothing is left to show or playback was stopped; "idle" before the first clip.
export class ClipPlayer {
  constructor(draw, onProgress, onState) {
    this.draw = draw;
    this.onProgress = onProgress;
    this.onState = onState;
    this.timer = null;
    this.state = "idle";
  }

  /** A new clip is being generated. */
  start() {
    clearInterval(this.timer);
    this.timer = null;
    this.queue = [];
    this.played = 0;
    this.total = 0;
    this.ended = false;
    this.setState("generating");
  }

  push(bitmap, header, blob) {
    if (this.state === "done") return bitmap.close(); // stopped: frames still on their way are not shown
    if (this.timer === null) {
      this.total = header.frames;
      this.timer = setInterval(() => this.tick(), 1000 / header.frameRate);
    }
    this.queue.push({ bitmap, header, blob });
  }

  /** The server has sent the clip's last frame; what is buffered still plays. */
  end() {
    this.ended = true;
    if (this.state !== "generating") return;
    if (this.timer === null) this.finish();
    else this.setState("playing");
  }

  /** Stops playback now; the frames not yet shown are dropped. */
  stop() {
    if (this.state !== "generating" && this.state !== "playing") return;
    this.queue.forEach((frame) => frame.bitmap.close());
    this.queue = [];
    this.finish();
  }

  tick() {
    const next = this.queue.shift();
    if (next) {
      this.draw(next.bitmap, next.header, next.blob);
      this.played += 1;
      this.onProgress(this.played, this.total, this.queue.length);
    } else if (this.ended) {
      this.finish();
    }
  }

  finish() {
    clearInterval(this.timer);
    this.timer = null;
    this.onProgress(this.played, this.played, 0);
    this.setState("done");
  }

  setState(state) {
    this.state = state;
    this.onState(state);
  }
}
