// Plays a clip's frames at its frame rate as they stream in; frames that arrive late are shown on arrival.
export class ClipPlayer {
  constructor(draw, onProgress) {
    this.draw = draw;
    this.onProgress = onProgress;
    this.reset();
  }

  reset() {
    clearInterval(this.timer);
    this.queue = [];
    this.played = 0;
    this.total = 0;
    this.ended = false;
    this.timer = null;
  }

  push(bitmap, header) {
    if (this.timer === null) {
      this.total = header.frames;
      this.timer = setInterval(() => this.tick(), 1000 / header.frameRate);
    }
    this.queue.push({ bitmap, header });
  }

  end() {
    this.ended = true;
  }

  tick() {
    const next = this.queue.shift();
    if (next) {
      this.draw(next.bitmap, next.header);
      this.played += 1;
      this.onProgress(this.played, this.total, this.queue.length);
    } else if (this.ended) {
      clearInterval(this.timer);
      this.onProgress(this.played, this.played, 0);
    }
  }
}
