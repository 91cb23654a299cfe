"""Runs the exported model folder exactly as the app does (one-step Turbo math, portable seeded noise)
through ONNX Runtime with 2 intra-op threads: checks signatures, times the stages, scores held-out prompts.

    python3 training/measure_onnx.py [MODEL_DIR]      (needs onnxruntime; measurement only)
"""
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
import check_images  # noqa: E402
import clip_tokenizer  # noqa: E402
import world  # noqa: E402

MASK = (1 << 64) - 1


def portable_noise(seed, shape):
    """SplitMix64 + Box-Muller in doubles, row-major, then float32 (the project's shared definition)."""
    state = seed & MASK
    count = int(np.prod(shape))
    out = []

    def nxt():
        nonlocal state
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    while len(out) < count:
        u1 = 1.0 - (nxt() >> 11) * 2.0 ** -53
        u2 = (nxt() >> 11) * 2.0 ** -53
        r = math.sqrt(-2.0 * math.log(u1))
        out.append(r * math.cos(2 * math.pi * u2))
        out.append(r * math.sin(2 * math.pi * u2))
    return np.array(out[:count], dtype=np.float64).astype(np.float32).reshape(shape)


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(HERE), "src/main/resources/models/embedded-image")
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 2
    opts.inter_op_num_threads = 1
    sess = {k: ort.InferenceSession(os.path.join(folder, k, "model.onnx"), opts, providers=["CPUExecutionProvider"])
            for k in ("text_encoder", "unet", "vae_decoder")}
    signatures = {k: {"inputs": [(i.name, i.type, i.shape) for i in s.get_inputs()],
                      "outputs": [(o.name, o.type, o.shape) for o in s.get_outputs()]} for k, s in sess.items()}
    scaling = json.load(open(os.path.join(folder, "vae_decoder/config.json")))["scaling_factor"]
    tok = clip_tokenizer.ClipTokenizer.load(os.path.join(folder, "tokenizer"))
    betas = np.linspace(0.00085 ** 0.5, 0.012 ** 0.5, 1000, dtype=np.float64) ** 2
    a = np.cumprod(1 - betas)[999]
    sigma = math.sqrt((1 - a) / a)
    h, w = sess["unet"].get_inputs()[0].shape[2:]

    def generate(prompt, seed, timings=None):
        t0 = time.perf_counter()
        hidden = sess["text_encoder"].run(None, {"input_ids": np.array([tok.encode(prompt)], dtype=np.int64)})[0]
        t1 = time.perf_counter()
        x = sigma * portable_noise(seed, (1, 4, h, w))
        eps = sess["unet"].run(None, {"sample": (x / math.sqrt(sigma ** 2 + 1)).astype(np.float32),
                                      "timestep": np.array([999], dtype=np.int64), "encoder_hidden_states": hidden})[0]
        x0 = x - sigma * eps
        t2 = time.perf_counter()
        img = sess["vae_decoder"].run(None, {"latent_sample": (x0 / scaling).astype(np.float32)})[0]
        t3 = time.perf_counter()
        if timings is not None:
            timings.append((t1 - t0, t2 - t1, t3 - t2))
        return np.round(np.clip(img[0] / 2 + 0.5, 0, 1) * 255).astype(np.uint8).transpose(1, 2, 0)

    generate("warm up", 1)
    timings = []
    for i in range(40):
        generate("a large red circle at the top left on a blue background", i, timings)
    med = np.median(np.array(timings), axis=0) * 1000
    best = np.array(timings).min(axis=0) * 1000      # the CPU is shared: the best run is the least disturbed
    rng = random.Random(12345)
    scenes = [world.sample_scene(rng, held_out_only=True) for _ in range(48)]
    results = [check_images.measure(generate(s.caption(), 1000 + i), s) for i, s in enumerate(scenes)]
    sizes = {k: os.path.getsize(os.path.join(folder, k, "model.onnx")) for k in sess}
    report = {"signatures": signatures, "latent": [4, h, w], "sigma": sigma, "scaling_factor": scaling,
              "median_ms": {"text_encoder": round(med[0], 2), "unet": round(med[1], 2), "vae_decoder": round(med[2], 2),
                            "unet_plus_decoder": round(med[1] + med[2], 2)},
              "best_ms": {"text_encoder": round(best[0], 2), "unet": round(best[1], 2), "vae_decoder": round(best[2], 2),
                          "unet_plus_decoder": round(best[1] + best[2], 2)},
              "load_average": os.getloadavg(),
              "onnxruntime": ort.__version__, "intra_op_threads": 2, "onnx_bytes": sizes,
              "onnx_total_mb": round(sum(sizes.values()) / 2 ** 20, 2),
              "heldout_one_step_via_onnx_portable_noise": check_images.summarise(results)}
    print(json.dumps(report, indent=1, default=str))
    if len(sys.argv) > 2:
        json.dump(report, open(sys.argv[2], "w"), indent=2, default=str)
        Image.fromarray(generate("a large red c", 7)).save(os.path.splitext(sys.argv[2])[0] + "_partial_prompt.png")


if __name__ == "__main__":
    main()
