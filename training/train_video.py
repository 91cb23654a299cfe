"""The embedded video model, after the image model (train_image.py): in the image model's latent space (its
autoencoder, its tokenizer, its text encoder as a start), so the app can start a clip from the image model's
picture and this model sets it in motion. Renders clips of the video world, trains the few-step next-frame model
on the scheduler's video timesteps (x0 targets, the sampler unrolled, context noise against drift), fine-tunes it
on its own rollouts, evaluates on held-out prompts, exports the packed-context ONNX layout.

    nice -n 10 /usr/bin/python3 training/train_video.py [--scale 1.0] [--out src/main/resources/models/embedded-video]
"""
import argparse
import copy
import json
import math
import os
import random
import shutil
import sys
import time

import numpy as np
import torch
from PIL import Image

import check_video
import clip_tokenizer
import models
import train_image
import world
import world_video
from train_image import Timer, lr_at, to_tensor
from video_models import VideoUNet, VideoUNetExport, SIGMAS

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TIMESTEPS = [999, 399]
HISTORY_DECAY = 0.75
CLIP_LENGTH = 12
EVAL_LENGTH = 80
STRIP_PROMPTS = [("a red circle moving right on the left on a blue background", None),
                 ("a large yellow star spinning in the center on a purple checkered background", None),
                 ("a small green square moving down at the top on a white striped background",
                  (24, "a small green square moving left in the center on a white striped background")),
                 ("a cyan heart orbiting in the center on a black background",
                  (24, "an orange heart orbiting in the center on a black background"))]


def object_weights(clip, t):
    """[1, 32, 32] loss weights of frame t: the cells at and around the object in frames t-1 and t weigh
    1 + FG_WEIGHT, as in the image model; unweighted, a few-pixel move costs nothing and the model stands still."""
    seg = clip.segment_at(t)
    bare = np.asarray(world_video.background(seg.look.bg_colour, seg.look.bg_kind))
    mask = np.any(clip.frame(t) != bare, -1) | np.any(clip.frame(max(t - 1, 0)) != bare, -1)
    return train_image.latent_weights([mask])[0]


def history_ema(latents):
    """history[t] of the contract for every frame t: EMA (decay 0.75) of frames 0..t-3, zeros before t=3."""
    out = torch.zeros_like(latents)
    h = torch.zeros_like(latents[0])
    for t in range(3, len(latents)):
        h = HISTORY_DECAY * h + (1 - HISTORY_DECAY) * latents[t - 3]
        out[t] = h
    return out


@torch.no_grad()
def render_dataset(enc, n_clips, rng, log):
    """Per clip its captions, latents [T, C, 32, 32] and loss weights [T, 1, 32, 32]."""
    clips, latents, weights = [], [], []
    for i in range(n_clips):
        clip = world_video.sample_clip(rng, CLIP_LENGTH, change_prob=0.35)
        latents.append(enc(to_tensor(clip.frames())))
        weights.append(torch.stack([object_weights(clip, t) for t in range(CLIP_LENGTH)]))
        clips.append([clip.caption_at(t) for t in range(CLIP_LENGTH)])
        if i % 200 == 0:
            log(f"rendered {i} clips")
    return clips, torch.stack(latents), torch.stack(weights)


def tokenize(tok, texts, rng, prefix_prob):
    out = []
    for text in texts:
        if rng.random() < prefix_prob:
            text = world.caption_prefix(text, rng)
        out.append(tok.encode(text, 0 if rng.random() < 0.15 else None, models.CONTEXT))
    return torch.tensor(out, dtype=torch.long)


def context_of(frames, t):
    """The contract's context for frame t from the clean latents frames[:, :t] ([B, T, 4, h, w])."""
    b = frames.shape[0]
    z = torch.zeros_like(frames[:, 0])
    if t == 0:
        return z, torch.cat([z, z], 1), z, torch.zeros(b)
    recent = torch.cat([frames[:, t - 1], frames[:, max(t - 2, 0)]], 1)
    hist = z
    for i in range(0, t - 2):
        hist = HISTORY_DECAY * hist + (1 - HISTORY_DECAY) * frames[:, i]
    return frames[:, 0], recent, hist, torch.ones(b)


def vp_input(x, k):
    s = float(SIGMAS[TIMESTEPS[k]])
    return x / math.sqrt(s * s + 1)


def sample_frame(unet, h, ctx, g, noises=None):
    """The contract's few-step loop in latent units; returns x0 and the per-step predictions."""
    first, recent, hist, has = ctx
    b = h.shape[0]
    shape = (b,) + tuple(first.shape[1:])
    n = noises[0] if noises is not None else torch.randn(shape, generator=g)
    x = float(SIGMAS[TIMESTEPS[0]]) * n
    preds = []
    for k, t in enumerate(TIMESTEPS):
        x0 = unet(vp_input(x, k), torch.full((b,), t, dtype=torch.long), h, first, recent, hist, has)
        preds.append(x0)
        if k + 1 < len(TIMESTEPS):
            n = noises[k + 1] if noises is not None else torch.randn(shape, generator=g)
            x = x0.detach() + float(SIGMAS[TIMESTEPS[k + 1]]) * n
    return preds


def noisy_context(ctx, g, strength):
    """Context latents with noise of a random level per sample: the model must tolerate its own errors."""
    first, recent, hist, has = ctx
    b = first.shape[0]
    lvl = strength * torch.rand(b, generator=g) * (torch.rand(b, generator=g) < 0.6)
    bump = lambda z: z + lvl[:, None, None, None] * torch.randn(z.shape, generator=g)
    return bump(first), bump(recent), bump(hist), has


def ema_update(ema, model, decay):
    with torch.no_grad():
        for e, p in zip(ema.parameters(), model.parameters()):
            e.mul_(decay).add_(p, alpha=1 - decay)


def train_few_step(text, unet, captions, latents, hist, weights, tok, steps, batch, rng, log, deadline=None):
    """x0 regression through the unrolled sampler on the video timesteps, teacher-forced context."""
    params = list(text.parameters()) + list(unet.parameters())
    opt = torch.optim.AdamW(params, lr=1e-3, weight_decay=0.01)
    ema = copy.deepcopy(torch.nn.ModuleList([text, unet]))
    g = torch.Generator().manual_seed(2)
    for step in range(steps):
        ci = [rng.randrange(len(captions)) for _ in range(batch)]
        ti = [0 if rng.random() < 0.15 else rng.randrange(1, CLIP_LENGTH) for _ in range(batch)]
        target = torch.stack([latents[c, t] for c, t in zip(ci, ti)])
        has = torch.tensor([float(t > 0) for t in ti])
        first = torch.stack([latents[c, 0] for c in ci]) * has[:, None, None, None]
        recent = torch.stack([torch.cat([latents[c, max(t - 1, 0)], latents[c, max(t - 2, 0)]]) for c, t in zip(ci, ti)]) \
            * has[:, None, None, None]
        h_ctx = torch.stack([hist[c, t] for c, t in zip(ci, ti)])
        ctx = noisy_context((first, recent, h_ctx, has), g, 0.3)
        ctx = tuple(z * has.reshape((-1,) + (1,) * (z.dim() - 1)) for z in ctx[:3]) + (has,)
        h, _ = text(tokenize(tok, [captions[c][t] for c, t in zip(ci, ti)], rng, 0.3))
        # each sample trains one step of the sampler: k = 0 from pure noise, k > 0 from the model's own
        # (detached) previous prediction re-noised, exactly what the run-time loop feeds it
        k = torch.tensor([i * len(TIMESTEPS) // batch for i in range(batch)])
        x = float(SIGMAS[TIMESTEPS[0]]) * torch.randn(target.shape, generator=g)
        for j in range(1, len(TIMESTEPS)):
            sel = k >= j
            with torch.no_grad():
                sub = lambda z: z[sel]
                p = unet(vp_input(x[sel], j - 1), torch.full((int(sel.sum()),), TIMESTEPS[j - 1]), h[sel],
                         *map(sub, ctx[:3]), ctx[3][sel])
            x[sel] = p + float(SIGMAS[TIMESTEPS[j]]) * torch.randn(p.shape, generator=g)
        s_k = SIGMAS[torch.tensor(TIMESTEPS)[k]][:, None, None, None]
        pred = unet(x / (s_k ** 2 + 1).sqrt(), torch.tensor(TIMESTEPS)[k], h, *ctx)
        w = torch.stack([weights[c, t] for c, t in zip(ci, ti)])
        per = (w * (pred - target).square()).mean((1, 2, 3))
        losses = [per[k == j].mean() for j in range(len(TIMESTEPS))]
        loss = per.mean()
        if deadline and time.time() > deadline:
            log(f"few-step: wall-clock budget reached at step {step}")
            break
        train_image.optimise(opt, params, loss, lr_at(step, steps, 1e-3, 50))
        ema_update(ema, torch.nn.ModuleList([text, unet]), min(0.99, (1 + step) / (10 + step)))
        if step % 25 == 0:
            log(f"few-step {step} " + " ".join(f"{l.item():.4f}" for l in losses))
    return ema[0], ema[1]


def train_rollouts(text, unet, captions, latents, weights, tok, steps, batch, rng, log, max_roll=3, deadline=None):
    """Fine-tune on the model's own frames as context (as at run time), targets the true next frames."""
    params = list(text.parameters()) + list(unet.parameters())
    opt = torch.optim.AdamW(params, lr=2e-4, weight_decay=0.01)
    ema = copy.deepcopy(torch.nn.ModuleList([text, unet]))
    g = torch.Generator().manual_seed(3)
    for step in range(steps):
        roll = rng.randint(1, max_roll)
        t0 = rng.randint(1, CLIP_LENGTH - roll - 1)
        ci = [rng.randrange(len(captions)) for _ in range(batch)]
        frames = latents[ci].clone()                      # [B, T, 4, h, w]
        with torch.no_grad():
            for t in range(t0, t0 + roll):
                h, _ = text(tokenize(tok, [captions[c][t] for c in ci], rng, 0.1))
                frames[:, t] = sample_frame(unet, h, context_of(frames, t), g)[-1]
        t = t0 + roll
        h, _ = text(tokenize(tok, [captions[c][t] for c in ci], rng, 0.1))
        preds = sample_frame(unet, h, context_of(frames, t), g)
        losses = [(weights[ci, t] * (p - latents[ci, t]).square()).mean() for p in preds]
        loss = 0.5 * losses[0] + sum(losses[1:])
        if deadline and time.time() > deadline:
            log(f"rollout: wall-clock budget reached at step {step}")
            break
        train_image.optimise(opt, params, loss, lr_at(step, steps, 2e-4, 10))
        ema_update(ema, torch.nn.ModuleList([text, unet]), min(0.98, (1 + step) / (10 + step)))
        if step % 10 == 0:
            log(f"rollout {step} roll {roll} " + " ".join(f"{l.item():.4f}" for l in losses))
    return ema[0], ema[1]


@torch.no_grad()
def generate(text, unet, tok, prompts_per_frame, n_frames, seed, first=None):
    """Clips of n_frames latents for B prompt schedules (prompts_per_frame(t) -> list of B prompts); `first`
    [B, C, h, w] is a given frame 0 (the image model's picture), else the model draws it."""
    g = torch.Generator().manual_seed(seed)
    frames = None
    for t in range(n_frames):
        h, _ = text(train_image.encode_ids(tok, prompts_per_frame(t)))
        if frames is None:
            frames = torch.zeros((h.shape[0], n_frames, models.LATENT_CHANNELS, 32, 32))
        if t == 0 and first is not None:
            frames[:, 0] = first
        else:
            frames[:, t] = sample_frame(unet, h, context_of(frames, t), g)[-1]
    return frames


@torch.no_grad()
def pictures(image_text, student, tok, prompts, seed):
    """The image model's one-step pictures of the prompts: what the app starts clips from."""
    h, _ = image_text(train_image.encode_ids(tok, prompts))
    noise = torch.randn((len(prompts), models.LATENT_CHANNELS, 32, 32), generator=torch.Generator().manual_seed(seed))
    return train_image.one_step(student, h, noise)


@torch.no_grad()
def decode(dec, z, scaling):
    img = dec(z / scaling).clamp(-1, 1)
    return ((img / 2 + 0.5) * 255).round().byte().permute(0, 2, 3, 1).numpy()


def evaluate(text, unet, dec, scaling, tok, clips, seed, log, first=None):
    frames = generate(text, unet, tok, lambda t: [c.segments[0].caption for c in clips], EVAL_LENGTH, seed, first)
    cache = {}

    def frames_of(i, t):
        if (i, t) not in cache:
            cache[(i, t)] = decode(dec, frames[i:i + 1, t], scaling)[0]
        return cache[(i, t)]

    return check_video.evaluate_clips(clips, frames_of, 0, EVAL_LENGTH - 1), frames


def export(out, image_folder, tok, text, unet):
    """The packed-context layout; tokenizer and vae_decoder are the image model's files, byte for byte, which is
    how the app knows the two share a latent space."""
    models.CONV_MATMUL = False
    for sub in ("text_encoder", "unet", "scheduler"):
        os.makedirs(os.path.join(out, sub), exist_ok=True)
    for sub in ("tokenizer", "vae_decoder"):
        shutil.copytree(os.path.join(image_folder, sub), os.path.join(out, sub), dirs_exist_ok=True)
    ids = train_image.encode_ids(tok, ["a red circle moving left"])
    torch.onnx.export(text, (ids,), os.path.join(out, "text_encoder/model.onnx"), input_names=["input_ids"],
                      output_names=["last_hidden_state", "pooler_output"], opset_version=14)
    c = models.LATENT_CHANNELS
    z = torch.randn(1, c, 32, 32)
    torch.onnx.export(VideoUNetExport(unet), (z, torch.tensor([999]), torch.randn(1, models.CONTEXT, text.norm.normalized_shape[0]),
                                               z, torch.randn(1, 2 * c, 32, 32), z, torch.ones(1)),
                      os.path.join(out, "unet/model.onnx"),
                      input_names=["sample", "timestep", "encoder_hidden_states", "first_frame", "recent_frames",
                                   "history", "has_context"], output_names=["out_sample"], opset_version=16)  # GridSample
    models.CONV_MATMUL = True
    dump = lambda obj, path: json.dump(obj, open(os.path.join(out, path), "w"), indent=2)
    dump({"_class_name": "EulerDiscreteScheduler", "beta_start": 0.00085, "beta_end": 0.012,
          "beta_schedule": "scaled_linear", "num_train_timesteps": 1000, "prediction_type": "epsilon",
          "timestep_spacing": "trailing", "steps_offset": 1, "set_alpha_to_one": False,
          "video_timesteps": TIMESTEPS}, "scheduler/scheduler_config.json")
    dump({"_class_name": "PackedContextVideoPipeline", "_name_or_path": "live-diffusion/embedded-video",
          "frame_rate": world_video.FPS, "text_encoder": ["transformers", "CLIPTextModel"],
          "tokenizer": ["transformers", "CLIPTokenizer"], "unet": ["live-diffusion", "PackedContextVideoUNet"],
          "vae": ["diffusers", "AutoencoderKL"], "scheduler": ["diffusers", "EulerDiscreteScheduler"]},
         "model_index.json")


def strip(text, unet, dec, scaling, tok, path, n_frames, first):
    def prompts(t):
        return [change[1] if change and t >= change[0] else p for p, change in STRIP_PROMPTS]

    frames = generate(text, unet, tok, prompts, n_frames, 77, first)
    picks = list(range(0, n_frames, max(1, n_frames // 8)))[:8] + [n_frames - 1]
    rows = []
    for i in range(len(STRIP_PROMPTS)):
        ims = decode(dec, frames[i, picks], scaling)
        rows.append(np.concatenate([np.asarray(Image.fromarray(im).resize((128, 128), Image.BILINEAR)) for im in ims], 1))
    Image.fromarray(np.concatenate(rows, 0)).save(path)
    return picks


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=float, default=1.0, help="multiplies every step count (0.05 = smoke test)")
    ap.add_argument("--out", default=os.path.join(ROOT, "src/main/resources/models/embedded-video"))
    ap.add_argument("--image-model", default=os.path.join(ROOT, "src/main/resources/models/embedded-image"),
                    help="the exported image model folder (tokenizer and vae_decoder are shared)")
    ap.add_argument("--checkpoint", default=os.path.join(HERE, "out/image_model.pt"), help="train_image.py's weights")
    ap.add_argument("--results", default=os.path.join(HERE, "results"))
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--train-minutes", type=float, default=None,
                    help="wall-clock cap on the training phases (a safety net on a shared CPU; logged when hit)")
    ap.add_argument("--max-roll", type=int, default=5, help="most frames a rollout step unrolls (up to 10)")
    a = ap.parse_args()
    rng, log = train_image.start_run(a.seed, a.results, "video_train.log")

    n = lambda base: max(2, int(base * a.scale))
    steps = {"clips": n(600), "few_step": n(3200), "rollout": n(400), "eval_clips": max(8, n(24)),
             "batch": 8 if a.scale >= 0.5 else 4}
    timer = Timer()
    log(f"threads {torch.get_num_threads()}, steps {steps}, timesteps {TIMESTEPS}")

    t0 = time.time()
    saved, enc, dec, image_text, student = train_image.load_checkpoint(a.checkpoint)
    scaling = saved["scaling"]
    tok = clip_tokenizer.ClipTokenizer.load(os.path.join(a.image_model, "tokenizer"))
    log(f"image model's autoencoder and tokenizer ({len(tok.vocab)} tokens), scaling_factor {scaling:.5f}")
    timer.done("image_model", t0)

    t0 = time.time()
    captions, latents, weights = render_dataset(enc, steps["clips"], rng, log)
    latents = latents * scaling
    hist = torch.stack([history_ema(c) for c in latents])
    log(f"latents {tuple(latents.shape)}")
    timer.done("render_and_encode", t0)

    t0 = time.time()
    # the image model's text encoder knows the world's words already: a head start
    text, unet = copy.deepcopy(image_text).train(), VideoUNet(ch=(48, 96))
    log(f"parameters: text {sum(p.numel() for p in text.parameters())}, unet {sum(p.numel() for p in unet.parameters())}")
    deadline = time.time() + 60 * a.train_minutes if a.train_minutes else None
    text, unet = train_few_step(text, unet, captions, latents, hist, weights, tok, steps["few_step"], steps["batch"],
                                rng, log, deadline and deadline - 60 * a.train_minutes * 0.15)
    timer.done("few_step_training", t0)

    t0 = time.time()
    erng = random.Random(12345)
    motions = list(world_video.TRANSLATIONS) * 2 + ["spinning", "growing", "shrinking", "pulsing", "orbiting", "bouncing"]
    eval_clips = [world_video.sample_clip(erng, EVAL_LENGTH, change_prob=0, held_out_only=True,
                                          motion=motions[i % len(motions)]) for i in range(steps["eval_clips"])]
    truth = {}
    ground = check_video.evaluate_clips(
        eval_clips, lambda i, t: truth.setdefault((i, t), eval_clips[i].frame(t)), 0, EVAL_LENGTH - 1)
    timer.done("ground_truth_check", t0)

    t0 = time.time()
    text, unet = train_rollouts(text, unet, captions, latents, weights, tok, steps["rollout"], 6, rng, log,
                                max_roll=a.max_roll, deadline=deadline)
    timer.done("rollout_finetune", t0)

    t0 = time.time()
    text, unet = text.eval(), unet.eval()
    starts = pictures(image_text, student, tok, [c.segments[0].caption for c in eval_clips], 4)
    from_picture, _ = evaluate(text, unet, dec, scaling, tok, eval_clips, 4, log, starts)
    log("from the image model's picture " + json.dumps(from_picture))
    drawn, _ = evaluate(text, unet, dec, scaling, tok, eval_clips, 4, log)
    log("first frame drawn by the video model " + json.dumps(drawn))
    timer.done("evaluation", t0)

    t0 = time.time()
    # the torch weights beside the image model's, for whoever trains this model further
    torch.save({"text_encoder": text.state_dict(), "unet": unet.state_dict()},
               os.path.join(os.path.dirname(a.checkpoint), "video_model.pt"))
    shutil.rmtree(a.out, ignore_errors=True)
    export(a.out, a.image_model, tok, text, unet)
    strip_starts = pictures(image_text, student, tok, [p for p, _ in STRIP_PROMPTS], 77)
    picks = strip(text, unet, dec, scaling, tok, os.path.join(a.results, "video_strip.png"), EVAL_LENGTH, strip_starts)
    timer.done("export_and_strip", t0)

    size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(a.out) for f in fs if f.endswith(".onnx"))
    summary = {"command": "nice -n 10 /usr/bin/python3 training/train_video.py " + " ".join(sys.argv[1:]),
               "seed": a.seed, "scale": a.scale,
               "steps": steps, "seconds_per_phase": timer.phases, "total_seconds": round(time.time() - timer.start, 1),
               "latent": [models.LATENT_CHANNELS, 32, 32], "scaling_factor": scaling, "video_timesteps": TIMESTEPS,
               "vocab_size": len(tok.vocab), "onnx_bytes": size,
               "heldout_eval": {"ground_truth_renders": ground, "from_image_model_picture": from_picture,
                                "first_frame_drawn_by_video_model": drawn},
               "strip": {"file": "video_strip.png", "frames": picks, "first_frames": "the image model's pictures",
                         "rows": [p if c is None else f"{p} -> at frame {c[0]}: {c[1]}" for p, c in STRIP_PROMPTS]}}
    json.dump(summary, open(os.path.join(a.results, "video.json"), "w"), indent=2)
    log(json.dumps({"last_over_first": from_picture["last_over_first"], "direction": from_picture["direction_accuracy"],
                    "seconds": summary["total_seconds"]}))


if __name__ == "__main__":
    main()
