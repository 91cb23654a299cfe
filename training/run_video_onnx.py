"""Runs the exported video model folder through ONNX Runtime as the Java loop does (VideoPipeline, VideoClip:
portable seeded noise, video_timesteps, anchor/recent/history context), with 2 intra-op threads: prints the
signatures, times the stages, scores held-out prompts with check_video and writes a strip of frames.

    python3 training/run_video_onnx.py [MODEL_DIR] [--clips 24] [--frames 80]   (needs onnxruntime; measurement only)
"""
import argparse
import json
import math
import os
import random
import sys
import time

import numpy as np
import onnxruntime as ort

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.append("/usr/lib/python3/dist-packages")      # Debian's PIL when run from an interpreter without it
from PIL import Image  # noqa: E402
import check_video  # noqa: E402
import clip_tokenizer  # noqa: E402
import turbo_reference  # noqa: E402
import world_video  # noqa: E402

GOLDEN = 0x9E3779B97F4A7C15
HISTORY_DECAY = 0.75


class VideoModel:
    def __init__(self, folder, threads=2):
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        self.sess = {k: ort.InferenceSession(os.path.join(folder, k, "model.onnx"), opts,
                                             providers=["CPUExecutionProvider"])
                     for k in ("text_encoder", "unet", "vae_decoder")}
        self.scaling = json.load(open(os.path.join(folder, "vae_decoder/config.json")))["scaling_factor"]
        self.timesteps = json.load(open(os.path.join(folder, "scheduler/scheduler_config.json")))["video_timesteps"]
        self.index = json.load(open(os.path.join(folder, "model_index.json")))
        self.tok = clip_tokenizer.ClipTokenizer.load(os.path.join(folder, "tokenizer"))
        self.shape = tuple(self.sess["unet"].get_inputs()[0].shape)
        self.times = {"text_encoder": [], "unet": [], "vae_decoder": []}

    def signatures(self):
        return {k: {"inputs": [(i.name, i.type, i.shape) for i in s.get_inputs()],
                    "outputs": [(o.name, o.type, o.shape) for o in s.get_outputs()]} for k, s in self.sess.items()}

    def _timed(self, name, feeds):
        t0 = time.perf_counter()
        out = self.sess[name].run(None, feeds)
        self.times[name].append(time.perf_counter() - t0)
        return out

    def clip(self, prompts, seed, decode=lambda t: True):
        """Frames for a list of per-frame prompts; returns {t: uint8 image} for the frames decode(t) asks for."""
        frames, images, hidden, last_prompt = [], {}, None, None
        history = np.zeros(self.shape, np.float32)
        count = int(np.prod(self.shape))
        for t, prompt in enumerate(prompts):
            if prompt != last_prompt:
                ids = np.array([self.tok.encode(prompt)], dtype=np.int64)
                hidden = self._timed("text_encoder", {"input_ids": ids})[0]
                last_prompt = prompt
            if t == 0:
                first, recent, has = np.zeros(self.shape, np.float32), np.zeros((1, 8) + self.shape[2:], np.float32), 0.0
            else:
                first, has = frames[0], 1.0
                recent = np.concatenate([frames[-1], frames[-2] if t >= 2 else frames[-1]], axis=1)
            if t >= 3:
                history = (HISTORY_DECAY * history.astype(np.float64)
                           + (1 - HISTORY_DECAY) * frames[t - 3].astype(np.float64)).astype(np.float32)
            noise = lambda k: turbo_reference.splitmix64_normals(
                (seed + GOLDEN * (t * 16 + k + 1)) & turbo_reference.MASK64, count).reshape(self.shape).astype(np.float64)
            sigma = lambda k: turbo_reference.turbo_sigma(t=self.timesteps[k])
            x = sigma(0) * noise(0)
            for k, step in enumerate(self.timesteps):
                s = sigma(k)
                eps = self._timed("unet", {
                    "sample": (x / math.sqrt(s * s + 1)).astype(np.float32), "timestep": np.array([step], np.int64),
                    "encoder_hidden_states": hidden, "first_frame": first, "recent_frames": recent,
                    "history": history, "has_context": np.array([has], np.float32)})[0]
                x0 = x - s * eps.astype(np.float64)
                if k + 1 < len(self.timesteps):
                    x = x0 + sigma(k + 1) * noise(k + 1)
            frames.append(x0.astype(np.float32))
            if decode(t):
                img = self._timed("vae_decoder", {"latent_sample": (x0 / self.scaling).astype(np.float32)})[0]
                images[t] = np.round(np.clip(img[0] / 2 + 0.5, 0, 1) * 255).astype(np.uint8).transpose(1, 2, 0)
        return images


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", nargs="?", default=os.path.join(os.path.dirname(HERE), "src/main/resources/models/embedded-video"))
    ap.add_argument("--clips", type=int, default=24)
    ap.add_argument("--frames", type=int, default=80)
    ap.add_argument("--strip", default=os.path.join(HERE, "results/video_onnx_strip.png"))
    ap.add_argument("--json", default=os.path.join(HERE, "results/video_onnx.json"))
    a = ap.parse_args()
    model = VideoModel(a.folder)
    sig = model.signatures()
    print(json.dumps(sig, indent=1))

    # speed: a 16-frame clip with every frame decoded, as the live loop runs it
    model.clip(["a red circle moving left on the left on a blue background"] * 4, 1)      # warm-up
    model.times = {k: [] for k in model.times}
    t0 = time.perf_counter()
    model.clip(["a red circle moving left on the left on a blue background"] * 16, 2)
    wall = time.perf_counter() - t0
    ms = {k: 1000 * float(np.median(v)) for k, v in model.times.items()}
    per_frame = ms["unet"] * len(model.timesteps) + ms["vae_decoder"]
    speed = {"median_ms": ms, "per_frame_ms": per_frame, "frames_per_s": 1000 / per_frame,
             "first_frame_ms": ms["text_encoder"] + per_frame, "clip_16_frames_wall_s": wall,
             "steps": len(model.timesteps)}
    print(json.dumps(speed, indent=1))

    # accuracy on held-out prompts (shape+colour+motion triples never seen in training), portable noise
    rng = random.Random(12345)
    motions = list(world_video.TRANSLATIONS) * 2 + ["spinning", "growing", "shrinking", "pulsing", "orbiting", "bouncing"]
    clips = [world_video.sample_clip(rng, a.frames, change_prob=0, held_out_only=True, motion=motions[i % len(motions)])
             for i in range(a.clips)]
    last = a.frames - 1
    wanted = {0, 8, last}
    gen = [model.clip([c.segments[0].caption] * a.frames, 1000 + i, decode=lambda t: t in wanted)
           for i, c in enumerate(clips)]
    acc = check_video.evaluate_clips(clips, lambda i, t: gen[i][t], 0, last)
    print(json.dumps(acc, indent=1))

    # strip: prompts with a mid-clip change, frames every second
    rows = []
    schedules = [["a red circle moving right on the left on a blue background"] * a.frames,
                 ["a small green square moving down at the top on a white striped background"] * (a.frames // 2)
                 + ["a small green square moving left in the center on a white striped background"] * (a.frames - a.frames // 2),
                 ["a cyan heart orbiting in the center on a black background"] * (a.frames // 2)
                 + ["an orange heart orbiting in the center on a black background"] * (a.frames - a.frames // 2)]
    picks = sorted(set(range(0, a.frames, 8)) | {last})
    for i, prompts in enumerate(schedules):
        ims = model.clip(prompts, 50 + i, decode=lambda t: t in picks)
        rows.append(np.concatenate([np.asarray(Image.fromarray(ims[t]).resize((96, 96), Image.BILINEAR)) for t in picks], 1))
    os.makedirs(os.path.dirname(a.strip), exist_ok=True)
    Image.fromarray(np.concatenate(rows, 0)).save(a.strip)
    size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(a.folder) for f in fs if f.endswith(".onnx"))
    json.dump({"onnxruntime": ort.__version__, "threads": 2, "signatures": sig, "speed": speed, "heldout": acc,
               "onnx_bytes": size, "strip": {"file": os.path.basename(a.strip), "frames": picks, "rows": [s[0] + (
                   f" -> at frame {a.frames // 2}: {s[-1]}" if s[-1] != s[0] else "") for s in schedules]}},
              open(a.json, "w"), indent=1)


if __name__ == "__main__":
    main()
