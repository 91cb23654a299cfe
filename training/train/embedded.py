"""Both embedded models in one run: tokenizer, renderer, motion rates, text-to-scene, encoder, evaluations, export.

    cd training && nice -n 10 /usr/bin/python3 -m train.embedded [--scale 1] [--seed 0]

Resumable: every phase's result (and the text-to-scene phase every 250 steps) goes to --checkpoint; run again after
a kill and it goes on from there. --fresh starts over. Seeded; --scale 0.05 is a smoke test."""
import argparse
import json
import os
import random
import shutil
import time

import numpy as np
import torch
import torch.nn.functional as F

from checks import embedded as evaluate_embedded, image_to_image as evaluate_image_to_image
from data import clip_tokenizer, sketches, world, world_video
from nets import scene_code as sc
from nets.scene_nets import CLASSES, CONTEXT, FIELDS, Motion, Renderer, TextEncoder, labels
from nets.scene_encoder import ObjectReader, SceneEncoder, loss as encoder_loss, reader_loss
from nets.scene_unets import ImageUNet, TextToScene, VideoUNet

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))   # training/
ROOT = os.path.dirname(HERE)
IMAGE_OUT = os.path.join(ROOT, "src/main/resources/models/embedded-image")
VIDEO_OUT = os.path.join(ROOT, "src/main/resources/models/embedded-video")


class Run:
    """The checkpoint (phase results and the step a phase reached) and the time of each phase."""

    def __init__(self, path, fresh):
        self.path = path
        self.state = torch.load(path) if os.path.exists(path) and not fresh else {"phases": {}, "seconds": {}}

    def done(self, phase):
        return phase in self.state["phases"]

    def save(self, phase, value, seconds):
        self.state["phases"][phase] = value
        self.state["seconds"][phase] = round(self.state["seconds"].get(phase, 0) + seconds, 1)
        self.state.pop("partial", None)
        self.write()
        print(f"[{phase}] {self.state['seconds'][phase]} s", flush=True)

    def write(self):
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        torch.save(self.state, self.path + ".tmp")
        os.replace(self.path + ".tmp", self.path)


def build_tokenizer(folder, rng):
    words = []
    for _ in range(3000):
        words += clip_tokenizer.pre_tokenize(clip_tokenizer.clean(world.sample_scene(rng).caption()))
    words += ["big", "large", "small", "crosses", "an"] + list(world.COLOURS) + world.SHAPES
    words += [w for m in world.MOTIONS for w in m.split()]
    return clip_tokenizer.build(words, folder)


def encode_ids(tok, texts):
    return torch.tensor([tok.encode(t, None, CONTEXT) for t in texts], dtype=torch.long)


def lr_at(step, total, base):
    warm = max(1, total // 20)
    return base * min(1.0, (step + 1) / warm) * (0.05 + 0.95 * 0.5 * (1 + np.cos(np.pi * step / total)))


def to_images(arrays):
    return torch.from_numpy(np.stack(arrays)).permute(0, 3, 1, 2).float() / 127.5 - 1


def renderer_example(rng):
    """A code and its render: an image-world scene, or a frame of a moving, turning, scaled or wrapping object."""
    if rng.random() < 0.6:
        scene = world.sample_scene(rng)
        return sc.scene_code(scene), world.render(scene)
    clip = world_video.sample_clip(rng, 24, change_prob=0)
    t = rng.randrange(24)
    seg = clip.segment_at(t)
    return sc.frame_code(seg.look, clip.states[t], seg.motion), clip.frame(t)


def train_renderer(steps, rng, batch=8):
    renderer = Renderer()
    opt = torch.optim.Adam(renderer.parameters(), lr=0.05)
    for step in range(steps):
        codes, images = zip(*(renderer_example(rng) for _ in range(batch)))
        loss = (renderer(torch.from_numpy(np.stack(codes))) - to_images(images)).abs().mean()
        for group in opt.param_groups:
            group["lr"] = lr_at(step, steps, 0.05)
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % 100 == 0 or step == steps - 1:
            print(f"renderer {step} L1 {loss.item():.4f}", flush=True)
    return renderer.state_dict()


def measure_motion(rng, clips=400):
    """The motions' rates, read off the states of the world's clips (what a frame of each motion changes)."""
    seen = {m: [] for m in world_video.MOTIONS}
    scales = []
    for _ in range(clips):
        clip = world_video.sample_clip(rng, 30, change_prob=0)
        motion = clip.segments[0].motion
        for a, b in zip(clip.states, clip.states[1:]):
            seen[motion].append((a, b))
            scales.append(b.scale)
    med = lambda xs: float(np.median(xs))
    trans = [abs(b.x - a.x) + abs(b.y - a.y) for m in world_video.TRANSLATIONS for a, b in seen[m]]
    grow = [b.scale - a.scale for a, b in seen["growing"] if b.scale > a.scale]
    growing = [s for a, b in seen["growing"] for s in (a.scale, b.scale)]
    pulse = [b.phase - a.phase for a, b in seen["pulsing"]]
    orbit = [b.phase - a.phase for a, b in seen["orbiting"]]
    return {"speed": med([t for t in trans if t < 100]),
            "bounce": med([abs(b.x - a.x) for a, b in seen["bouncing"] if abs(b.x - a.x) > 0]),
            "spin": med([(b.angle - a.angle) % 360 for a, b in seen["spinning"]]),
            "grow": med(grow), "scale_min": float(min(growing)), "scale_max": float(max(growing)),
            "pulse_period": 2 * np.pi / med(pulse),
            "pulse_amplitude": float(max(abs(b.scale - 1) for a, b in seen["pulsing"])),
            "orbit_radius": med([np.hypot(b.x - b.ox, b.y - b.oy) for a, b in seen["orbiting"]]),
            "orbit_period": 2 * np.pi / med(orbit)}


OMITTED = [frozenset(o) for o in (("colour",), ("position",), ("background",), ("colour", "position"),
                                   ("colour", "background"), ("position", "background"),
                                   ("colour", "position", "background"))]


def caption_as_typed(scene, rng):
    """The whole caption, or a prefix as typed; one in six leaves words out first ("a heart on a blue background",
    "a heart"),
    so that what a prompt does not say stays open however it is phrased."""
    caption = scene.caption(rng.choice(OMITTED) if rng.random() < 1 / 6 else frozenset())
    return caption if rng.random() < 0.5 else world.caption_prefix(caption, rng)


def scene_batch(tok, rng, batch):
    scenes = [world.sample_scene(rng) for _ in range(batch)]
    ids = encode_ids(tok, [caption_as_typed(s, rng) for s in scenes])
    target = [labels(s) for s in scenes]
    index = {n: torch.tensor([t[n] for t in target]) for n, _, _ in FIELDS}
    given = {n: F.one_hot(index[n].clamp(min=0), CLASSES[n]).float() for n in index}
    codes = torch.from_numpy(np.stack([sc.scene_code(s) for s in scenes]))
    return ids, index, given, codes


def layout_loss(scene, given, codes):
    """Teacher-forced: the layout's places, sizes and colours against the scene's own (jitter averages out)."""
    draw, look, _, bg = scene.layout(given, torch.zeros(given["bg_colour"].shape[0], 512))
    t_draw, t_look, _ = sc.objects(codes)
    present = t_draw[..., sc.PRESENT:sc.PRESENT + 1]
    geo = [sc.X, sc.Y, sc.RADIUS]
    loss = (((draw[..., geo] - t_draw[..., geo]) ** 2) * present).sum() / present.sum()
    loss = loss + (((look[..., :3] - t_look[..., :3]) ** 2) * present).sum() / present.sum()
    return loss + ((bg[:, :6] - sc.background(codes)[:, :6]) ** 2).mean()


def resume(run, phase, modules, opt, rng):
    """The step a phase goes on from: its partial checkpoint's (modules, optimiser and random states restored), or 0."""
    partial = run.state.get("partial")
    if not partial or partial.get("phase") != phase:
        return 0
    for name, module in modules.items():
        module.load_state_dict(partial[name])
    opt.load_state_dict(partial["opt"])
    rng.setstate(partial["rng"])
    torch.set_rng_state(partial["torch_rng"])
    print(f"{phase} resumes at step {partial['step']}", flush=True)
    return partial["step"]


def keep_partial(run, phase, modules, opt, rng, step, t0):
    """Every 250 steps: the phase so far into the checkpoint; returns the clock restarted."""
    run.state["partial"] = dict({name: m.state_dict() for name, m in modules.items()}, phase=phase,
                                opt=opt.state_dict(), step=step, rng=rng.getstate(), torch_rng=torch.get_rng_state())
    run.state["seconds"][phase] = round(run.state["seconds"].get(phase, 0) + time.time() - t0, 1)
    run.write()
    return time.time()


def train_text_to_scene(run, tok, steps, rng, batch=64):
    text, scene = TextEncoder(len(tok.vocab)), TextToScene()
    params = list(text.parameters()) + list(scene.parameters())
    opt = torch.optim.Adam(params, lr=2e-3)
    modules = {"text": text, "scene": scene}
    start = resume(run, "text-to-scene", modules, opt, rng)
    t0 = time.time()
    for step in range(start, steps):
        ids, index, given, codes = scene_batch(tok, rng, batch)
        h, _ = text(ids)
        logits, _ = scene.parser(h, given=given)
        ce = sum(F.cross_entropy(logits[n], index[n], ignore_index=-1) for n in index if (index[n] >= 0).any())
        loss = ce + 10 * layout_loss(scene, given, codes)
        for group in opt.param_groups:
            group["lr"] = lr_at(step, steps, 2e-3)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        if step % 100 == 0 or step == steps - 1:
            print(f"text-to-scene {step} ce {ce.item():.3f} layout {loss.item() - ce.item():.5f}", flush=True)
        if (step + 1) % 250 == 0 and step + 1 < steps:
            t0 = keep_partial(run, "text-to-scene", modules, opt, rng, step + 1, t0)
    scene.layout.jitter.fill_(placement_spread(scene, tok, rng))
    return {"text": text.state_dict(), "scene": scene.state_dict()}, time.time() - t0


def train_on_pictures(run, phase, module, loss_of, steps, rng, batch=24, clip_norm=None):
    """A part of the vae_encoder on sketches and world pictures against their codes: `loss_of(module, pictures,
    codes)` -> (loss, parts to print). Resumable like text-to-scene."""
    opt = torch.optim.Adam(module.parameters(), lr=2e-3)
    start = resume(run, phase, {phase: module}, opt, rng)
    t0 = time.time()
    for step in range(start, steps):
        pictures, codes = zip(*(sketches.example(rng) for _ in range(batch)))
        loss, parts = loss_of(module, to_images(pictures), torch.from_numpy(np.stack(codes)))
        for group in opt.param_groups:
            group["lr"] = lr_at(step, steps, 2e-3)
        opt.zero_grad()
        loss.backward()
        if clip_norm:
            torch.nn.utils.clip_grad_norm_(module.parameters(), clip_norm)
        opt.step()
        if step % 50 == 0 or step == steps - 1:
            print(f"{phase} {step} " + " ".join(f"{k} {v.item():.4f}" for k, v in parts.items()), flush=True)
        if (step + 1) % 250 == 0 and step + 1 < steps:
            t0 = keep_partial(run, phase, {phase: module}, opt, rng, step + 1, t0)
    return module.state_dict(), time.time() - t0


@torch.no_grad()
def placement_spread(scene, tok, rng, n=512):
    """The jitter the captions leave open: uniform, so its half-width is sqrt(3) times the residual's deviation."""
    _, _, given, codes = scene_batch(tok, rng, n)
    draw, _, _, _ = scene.layout(given, torch.zeros(n, 512))
    t_draw, _, _ = sc.objects(codes)
    present = t_draw[..., sc.PRESENT] > 0.5
    residual = (draw[..., sc.X:sc.Y + 1] - t_draw[..., sc.X:sc.Y + 1])[present]
    return float(np.sqrt(3) * residual.std())


def models_from(run, vocab_size):
    text, scene, renderer, motion = TextEncoder(vocab_size), TextToScene(), Renderer(), Motion()
    text.load_state_dict(run.state["phases"]["text-to-scene"]["text"])
    scene.load_state_dict(run.state["phases"]["text-to-scene"]["scene"])
    renderer.load_state_dict(run.state["phases"]["renderer"])
    for name, value in run.state["phases"]["motion"].items():
        getattr(motion, name).fill_(value)
    return text.eval(), scene.eval(), renderer.eval(), motion


def export(tok_folder, text, scene, renderer, motion, encoder):
    for out in (IMAGE_OUT, VIDEO_OUT):
        shutil.rmtree(out, ignore_errors=True)
        for sub in ("text_encoder", "unet", "vae_decoder", "scheduler"):
            os.makedirs(os.path.join(out, sub))
        shutil.copytree(tok_folder, os.path.join(out, "tokenizer"))
    os.makedirs(os.path.join(IMAGE_OUT, "vae_encoder"))
    batch = {0: "batch_size"}
    ids = torch.zeros(2, CONTEXT, dtype=torch.long)
    c = sc.CHANNELS
    for out in (IMAGE_OUT, VIDEO_OUT):
        torch.onnx.export(text, (ids,), os.path.join(out, "text_encoder/model.onnx"), input_names=["input_ids"],
                          output_names=["last_hidden_state", "pooler_output"], opset_version=16,
                          dynamic_axes={"input_ids": batch, "last_hidden_state": batch, "pooler_output": batch})
    torch.onnx.export(ImageUNet(scene), (torch.randn(2, c, 32, 32), torch.tensor([999]), torch.randn(2, CONTEXT, 128)),
                      os.path.join(IMAGE_OUT, "unet/model.onnx"),
                      input_names=["sample", "timestep", "encoder_hidden_states"], output_names=["out_sample"],
                      opset_version=16, dynamic_axes={"sample": batch, "encoder_hidden_states": batch, "out_sample": batch})
    latent = torch.zeros(1, c, 32, 32)
    torch.onnx.export(VideoUNet(scene, motion), (latent, torch.tensor([999]), torch.zeros(1, CONTEXT, 128), latent,
                                                 torch.zeros(1, 2 * c, 32, 32), latent, torch.ones(1)),
                      os.path.join(VIDEO_OUT, "unet/model.onnx"),
                      input_names=["sample", "timestep", "encoder_hidden_states", "first_frame", "recent_frames",
                                   "history", "has_context"], output_names=["out_sample"], opset_version=16)
    torch.onnx.export(renderer, (torch.zeros(2, c, 32, 32),), os.path.join(IMAGE_OUT, "vae_decoder/model.onnx"),
                      input_names=["latent_sample"], output_names=["sample"], opset_version=16,
                      dynamic_axes={"latent_sample": batch, "sample": batch})
    torch.onnx.export(encoder, (torch.zeros(2, 3, 512, 512),), os.path.join(IMAGE_OUT, "vae_encoder/model.onnx"),
                      input_names=["sample"], output_names=["latent_sample"], opset_version=16,
                      dynamic_axes={"sample": batch, "latent_sample": batch})
    vae = {"_class_name": "AutoencoderKL", "in_channels": 3, "out_channels": 3, "latent_channels": c,
           "sample_size": 512, "scaling_factor": 1.0, "block_out_channels": [16, 16, 16, 16, 16]}
    for part in ("vae_encoder", "vae_decoder"):
        json.dump(vae, open(os.path.join(IMAGE_OUT, part, "config.json"), "w"), indent=2)
    # byte-identical decoders: how the app knows the two models share a latent space
    shutil.copytree(os.path.join(IMAGE_OUT, "vae_decoder"), os.path.join(VIDEO_OUT, "vae_decoder"), dirs_exist_ok=True)
    scheduler = {"beta_start": 0.00085, "beta_end": 0.012, "beta_schedule": "scaled_linear", "num_train_timesteps": 1000,
                 "prediction_type": "epsilon", "timestep_spacing": "trailing", "steps_offset": 1, "set_alpha_to_one": False}
    json.dump(dict(_class_name="EulerAncestralDiscreteScheduler", **scheduler),
              open(os.path.join(IMAGE_OUT, "scheduler/scheduler_config.json"), "w"), indent=2)
    json.dump(dict(_class_name="EulerDiscreteScheduler", **scheduler, video_timesteps=[999]),
              open(os.path.join(VIDEO_OUT, "scheduler/scheduler_config.json"), "w"), indent=2)
    parts = {"text_encoder": ["transformers", "CLIPTextModel"], "tokenizer": ["transformers", "CLIPTokenizer"],
             "vae": ["diffusers", "AutoencoderKL"]}
    json.dump(dict(_class_name="StableDiffusionPipeline", _name_or_path="live-diffusion/embedded-image",
                   unet=["diffusers", "UNet2DConditionModel"],
                   scheduler=["diffusers", "EulerAncestralDiscreteScheduler"], **parts),
              open(os.path.join(IMAGE_OUT, "model_index.json"), "w"), indent=2)
    json.dump(dict(_class_name="PackedContextVideoPipeline", _name_or_path="live-diffusion/embedded-video",
                   frame_rate=world_video.FPS, unet=["live-diffusion", "PackedContextVideoUNet"],
                   scheduler=["diffusers", "EulerDiscreteScheduler"], **parts),
              open(os.path.join(VIDEO_OUT, "model_index.json"), "w"), indent=2)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--checkpoint", default=os.path.join(HERE, "out/embedded.pt"))
    ap.add_argument("--results", default=os.path.join(HERE, "results"))
    ap.add_argument("--fresh", action="store_true")
    ap.add_argument("--no-export", action="store_true")
    args = ap.parse_args()
    torch.set_num_threads(len(os.sched_getaffinity(0)))
    random.seed(args.seed), np.random.seed(args.seed), torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    run = Run(args.checkpoint, args.fresh)
    steps = lambda n: max(10, int(n * args.scale))
    tok_folder = os.path.join(os.path.dirname(args.checkpoint), "tokenizer")
    t0 = time.time()
    tok = build_tokenizer(tok_folder, random.Random(args.seed))
    if not run.done("tokenizer"):
        run.save("tokenizer", len(tok.vocab), time.time() - t0)
    for phase, work in (("renderer", lambda: train_renderer(steps(500), random.Random(args.seed + 1))),
                        ("motion", lambda: measure_motion(random.Random(args.seed + 2))),):
        if not run.done(phase):
            t0 = time.time()
            run.save(phase, work(), time.time() - t0)
    if not run.done("text-to-scene"):
        value, seconds = train_text_to_scene(run, tok, steps(2000), random.Random(args.seed + 3))
        run.save("text-to-scene", value, seconds)
    if not run.done("encoder"):      # the detector (the reader inside it is trained next)
        value, seconds = train_on_pictures(run, "encoder", SceneEncoder(), encoder_loss, steps(1200),
                                           random.Random(args.seed + 4), clip_norm=1.0)
        run.save("encoder", value, seconds)
    if not run.done("object reader"):
        reader_rng = random.Random(args.seed + 5)
        value, seconds = train_on_pictures(run, "object reader", ObjectReader(),
                                           lambda reader, p, c: reader_loss(reader, p, c, reader_rng), steps(800),
                                           reader_rng)
        run.save("object reader", value, seconds)
    text, scene, renderer, motion = models_from(run, len(tok.vocab))
    if not run.done("evaluation"):
        t0 = time.time()
        run.save("evaluation", evaluate_embedded.evaluate(tok, text, scene, renderer, motion, args.results,
                                                          quick=args.scale < 0.5), time.time() - t0)
    encoder = SceneEncoder()
    encoder.load_state_dict(dict(run.state["phases"]["encoder"], **{
        "reader." + k: v for k, v in run.state["phases"]["object reader"].items()}))
    encoder.eval()
    if not run.done("image-to-image evaluation"):
        t0 = time.time()
        run.save("image-to-image evaluation", evaluate_image_to_image.evaluate(
            evaluate_embedded.Models(tok, text, scene, renderer, motion), encoder, args.results,
            quick=args.scale < 0.5), time.time() - t0)
    if not args.no_export:
        t0 = time.time()
        export(tok_folder, text, scene, renderer, motion, encoder)
        run.state["seconds"]["export"] = round(time.time() - t0, 1)
        run.write()
    results = dict(run.state["phases"]["evaluation"], image_to_image=run.state["phases"]["image-to-image evaluation"],
                   seconds=run.state["seconds"],
                   motion_rates=run.state["phases"]["motion"])
    json.dump(results, open(os.path.join(args.results, "embedded.json"), "w"), indent=2)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
