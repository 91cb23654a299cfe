"""One command: render the world, build the tokenizer, train autoencoder + text encoder + teacher,
distil the one-step ADD student, evaluate on held-out combinations, export the SD-Turbo ONNX layout.

    nice -n 10 /usr/bin/python3 training/train_image.py [--scale 1.0] [--out src/main/resources/models/embedded-image]
"""
import argparse
import copy
import json
import os
import random
import shutil
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

import check_images
import clip_tokenizer
import models
import world
from models import UNet, TextEncoder, Encoder, Decoder, Discriminator

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")
AB = torch.tensor(models.sd_alphas_cumprod(), dtype=torch.float32)
SIGMA_MAX = float(((1 - AB[999]) / AB[999]).sqrt())
PREVIEW_PROMPTS = ["", "a", "a lar", "a large red c", "a large red circle", "a large red circle at the top left",
                   "a large red circle at the top left and a small blue star",
                   "a large red circle at the top left and a small blue star on a yellow striped background",
                   "three green squares", "three green squares at the bottom on a black background",
                   "a big purple heart in the center on a white checkered background",
                   "two orange rings on the right and a cyan cross at the top on a gray gradient background"]


class Timer:
    def __init__(self):
        self.phases, self.start = {}, time.time()

    def done(self, name, t0):
        self.phases[name] = round(time.time() - t0, 1)
        print(f"[{name}] {self.phases[name]} s (total {time.time() - self.start:.0f} s)", flush=True)


def train_log(path):
    """A log function that prints each line and appends it to the file at path (written anew)."""
    out = open(path, "w")

    def log(msg):
        print(msg, flush=True)
        out.write(msg + "\n")
        out.flush()
    return log


def start_run(seed, results, log_name):
    """Every training script's start: all cores (as taskset allows), every generator seeded, the results folder
    and its log. Returns the run's random.Random and log function."""
    torch.set_num_threads(len(os.sched_getaffinity(0)))
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    os.makedirs(results, exist_ok=True)
    return random.Random(seed), train_log(os.path.join(results, log_name))


def optimise(opt, params, loss, lr):
    """One optimiser step at learning rate lr, the gradients clipped to norm 1."""
    for pg in opt.param_groups:
        pg["lr"] = lr
    opt.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(params, 1.0)
    opt.step()


def lr_at(step, total, base, warm=100):
    warm = max(1, min(warm, total // 10))
    return base * min(1.0, (step + 1) / warm) * (0.1 + 0.9 * 0.5 * (1 + np.cos(np.pi * step / total)))


def to_tensor(imgs):
    return torch.from_numpy(np.stack(imgs)).permute(0, 3, 1, 2).float().div(127.5).sub(1)


# Objects cover a few percent of the pixels: unweighted, the losses are all background and the models learn
# backgrounds only. Pixels of objects (and latent cells at or next to one) count this many times more.
FG_WEIGHT = 8.0


def foreground(scene, img):
    """Boolean [H, W]: where the render differs from the scene's bare background."""
    return np.any(img != world.background(scene.bg_colour, scene.bg_kind), axis=-1)


def latent_weights(masks):
    """[N, 1, 32, 32] loss weights from pixel masks [N, H, W]: 1 + FG_WEIGHT at and around object cells."""
    cells = F.avg_pool2d(torch.from_numpy(np.stack(masks)).float()[:, None], models.FACTOR) > 0
    return 1 + FG_WEIGHT * F.max_pool2d(cells.float(), 3, 1, 1)


# ---------------------------------------------------------------- phases
def build_tokenizer(folder, rng):
    words = []
    for _ in range(3000):
        words += clip_tokenizer.pre_tokenize(clip_tokenizer.clean(world.sample_scene(rng).caption()))
    words += ["big", "large", "small", "crosses", "an"] + list(world.COLOURS) + world.SHAPES
    words += [w for m in world.MOTIONS for w in m.split()]
    return clip_tokenizer.build(words, folder)


def object_crop_corner(scene, rng, crop):
    """Top-left corner (on the 16 px latent grid) of a crop around one of the scene's objects."""
    k = rng.randrange(len(scene.groups))
    centres, _ = world.object_centres(scene.groups[k])
    cx, cy = rng.choice(centres)
    jx, jy = scene.jitter[k % len(scene.jitter)]
    clamp = lambda v: int(min(max(v - crop / 2 + rng.uniform(-crop / 4, crop / 4), 0), world.SIZE - crop)) // 16 * 16
    return clamp(cy + jy), clamp(cx + jx)


def train_autoencoder(steps, rng, log, crop=128, batch=24, encoder=None):
    """Small crops, most of them around an object: the decoder's hard part is the edges of small shapes, which
    whole scenes (mostly background) teach slowly. Given a trained encoder, only a new decoder is trained and
    the latent space stays as it is (train_decoder.py)."""
    enc, dec = (encoder or Encoder()).to(DEVICE), Decoder().to(DEVICE)
    trained = list(dec.parameters()) + ([] if encoder else list(enc.parameters()))
    opt = torch.optim.Adam(trained, lr=1e-3)
    scenes = [world.sample_scene(rng) for _ in range(800)]
    pool = [world.render(s) for s in scenes]
    masks = [foreground(s, im) for s, im in zip(scenes, pool)]
    g = torch.Generator().manual_seed(1)
    for step in range(steps):
        crops, crop_masks = [], []
        for _ in range(batch):
            i = rng.randrange(len(pool))
            if rng.random() < 0.7:
                y, x = object_crop_corner(scenes[i], rng, crop)
            else:
                y, x = rng.randrange(0, world.SIZE - crop + 1, 16), rng.randrange(0, world.SIZE - crop + 1, 16)
            crops.append(pool[i][y:y + crop, x:x + crop])
            crop_masks.append(masks[i][y:y + crop, x:x + crop])
        x = to_tensor(crops).to(DEVICE)
        w = 1 + FG_WEIGHT * F.max_pool2d(torch.from_numpy(np.stack(crop_masks)).float()[:, None], 5, 1, 2).to(DEVICE)
        with torch.set_grad_enabled(encoder is None):
            z = enc(x)
        # noise on the latent makes the decoder forgiving of the diffusion model's small errors
        zn = z + 0.1 * z.detach().std() * torch.randn(z.shape, generator=g).to(DEVICE)
        rec = dec(zn)
        loss = (w * ((rec - x).abs() + 0.5 * (rec - x).square())).mean() / w.mean() + 1e-4 * z.square().mean()
        for pg in opt.param_groups:
            pg["lr"] = lr_at(step, steps, 2e-3, 50)
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % 100 == 0:
            log(f"{'decoder' if encoder else 'ae'} {step} loss {loss.item():.4f}")
    return enc.eval(), dec.eval()


@torch.no_grad()
def encode_dataset(enc, scenes):
    """Latents [N, C, 32, 32] and their loss weights [N, 1, 32, 32]."""
    out, weights = [], []
    for i in range(0, len(scenes), 32):
        imgs = [world.render(s) for s in scenes[i:i + 32]]
        out.append(enc(to_tensor(imgs).to(DEVICE)).cpu())
        weights.append(latent_weights([foreground(s, im) for s, im in zip(scenes[i:i + 32], imgs)]))
    return torch.cat(out), torch.cat(weights)


def encode_ids(tok, texts, pad_ids=None):
    """Token ids [N, models.CONTEXT] as the app's tokenizer makes them for the exported text encoder."""
    pad_ids = pad_ids or [None] * len(texts)
    return torch.tensor([tok.encode(t, p, models.CONTEXT) for t, p in zip(texts, pad_ids)], dtype=torch.long)


def tokenize_batch(tok, texts, rng):
    pad_ids = [0 if rng.random() < 0.15 else None for _ in texts]   # robust to a pad of "!" as well as end
    return encode_ids(tok, texts, pad_ids)


def training_caption(caption, rng):
    """Mostly whole captions, else what typing shows on the way (world.caption_prefix): the held-out check is
    on whole captions, and prefixes carry less to learn from, so they get a smaller share than they would."""
    return caption if rng.random() < 0.5 else world.caption_prefix(caption, rng)


def noised(x0, t, noise):
    ab = AB.to(x0.device)[t][:, None, None, None]
    return ab.sqrt() * x0 + (1 - ab).sqrt() * noise


class Ema:
    """Exponential moving average of some modules' weights, with a short horizon early on."""

    def __init__(self, *modules):
        self.modules = modules
        self.copies = [copy.deepcopy(m) for m in modules]

    def update(self, step):
        decay = min(0.995, (1 + step) / (10 + step))
        with torch.no_grad():
            for m, e in zip(self.modules, self.copies):
                for pe, p in zip(e.parameters(), m.parameters()):
                    pe.mul_(decay).add_(p, alpha=1 - decay)


def report(phase, step, loss, log, probe, models_, measure="held-out accuracy"):
    """The training log: the loss every 100 steps, the held-out probe (every probe[0] steps) on the EMA copies."""
    if step % 100 == 0:
        log(f"{phase} {step} loss {loss.item():.4f}")
    if probe and step and step % probe[0] == 0:
        log(f"{phase} {step} {measure} {probe[1](*models_):.3f}")


def train_layout(latents, weights, captions, tok, steps, batch, rng, log, probe=None):
    """Stage 1, the text prior: text encoder + the UNet's Layout branch regress the clean latent from the caption
    alone, which is the UNet's whole task at t = 999. It runs no UNet, so it costs a fraction of a teacher step and
    teaches what goes where (colours, places, counts) before the teacher learns to denoise around it."""
    text = TextEncoder(len(tok.vocab)).to(DEVICE)
    layout = models.Layout(text.tok.embedding_dim).to(DEVICE)
    params = list(text.parameters()) + list(layout.parameters())
    opt = torch.optim.AdamW(params, lr=2e-3, weight_decay=0.01)
    ema = Ema(text, layout)
    for step in range(steps):
        idx = [rng.randrange(len(captions)) for _ in range(batch)]
        h, _ = text(tokenize_batch(tok, [training_caption(captions[i], rng) for i in idx], rng).to(DEVICE))
        loss = (weights[idx].to(DEVICE) * (layout(h) - latents[idx].to(DEVICE)).square()).mean()
        optimise(opt, params, loss, lr_at(step, steps, 2e-3))
        ema.update(step)
        report("layout", step, loss, log, probe, ema.copies)
    return ema.copies


def train_teacher(text, unet, latents, weights, captions, tok, steps, batch, rng, log, probe=None):
    """Stage 2: the multi-step teacher (a UNet whose Layout is stage 1's, or one to fine-tune) and its text
    encoder (unless frozen), trained on every timestep."""
    unet = unet.to(DEVICE)
    params = [p for p in list(text.parameters()) + list(unet.parameters()) if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=8e-4, weight_decay=0.01)
    ema = Ema(text, unet)
    g = torch.Generator().manual_seed(2)
    snr = AB / (1 - AB)
    for step in range(steps):
        idx = [rng.randrange(len(captions)) for _ in range(batch)]
        x0 = latents[idx].to(DEVICE)
        ids = tokenize_batch(tok, [training_caption(captions[i], rng) for i in idx], rng).to(DEVICE)
        t = torch.randint(0, 1000, (batch,), generator=g)
        # the one-step use is t=999: give the top of the schedule extra samples
        t = torch.where(torch.rand(batch, generator=g) < 0.35, torch.full_like(t, 999), t)
        noise = torch.randn(x0.shape, generator=g).to(DEVICE)
        h, _ = text(ids)
        pred = unet(noised(x0, t.to(DEVICE), noise), t.to(DEVICE), h)
        w = (1 + snr[t].clamp(max=4.0)).to(DEVICE)[:, None, None, None] * weights[idx].to(DEVICE)
        loss = (w * (pred - x0).square()).mean()
        optimise(opt, params, loss, lr_at(step, steps, 8e-4))
        ema.update(step)
        report("teacher", step, loss, log, probe, ema.copies, "one-step held-out accuracy")
    return [m.eval() for m in ema.copies]


def student_input(noise):
    """What the app feeds the UNet at t=999: x = sigma*n scaled by 1/sqrt(sigma^2+1)."""
    return noise * SIGMA_MAX / (SIGMA_MAX ** 2 + 1) ** 0.5


def guided(unet, x, t, h, hu, scale):
    both = unet(torch.cat([x, x]), torch.cat([t, t]), torch.cat([h, hu]))
    c, u = both.chunk(2)
    return u + scale * (c - u)


def train_add(teacher, text, latents, weights, captions, tok, steps, batch, rng, log, cfg=2.0, lam=2.5, start=None,
              probe=None):
    """Adversarial Diffusion Distillation: adversarial loss on frozen teacher features + score distillation.
    The student starts as the teacher, or as `start` (a student to train further)."""
    student = copy.deepcopy(start or teacher).train()
    for p in list(teacher.parameters()) + list(text.parameters()):
        p.requires_grad_(False)
    disc = Discriminator().to(DEVICE)
    opt_g = torch.optim.Adam(student.parameters(), lr=2e-5, betas=(0.0, 0.99))
    opt_d = torch.optim.Adam(disc.parameters(), lr=2e-4, betas=(0.0, 0.99))
    g = torch.Generator().manual_seed(3)
    with torch.no_grad():
        hu, _ = text(encode_ids(tok, [""] * batch).to(DEVICE))
    t999 = torch.full((batch,), 999, dtype=torch.long, device=DEVICE)
    t0 = torch.zeros(batch, dtype=torch.long, device=DEVICE)

    def feats(x0, h, p):
        _, h1, h2 = teacher.features(x0, t0, h)
        return [h1, h2]

    for step in range(steps):
        idx = [rng.randrange(len(captions)) for _ in range(batch)]
        real = latents[idx].to(DEVICE)
        with torch.no_grad():
            h, p = text(tokenize_batch(tok, [training_caption(captions[i], rng) for i in idx], rng).to(DEVICE))
        noise = torch.randn(real.shape, generator=g).to(DEVICE)
        fake = student(student_input(noise), t999, h)
        # discriminator (hinge)
        d_real = disc(feats(real, h, p), p)
        d_fake = disc([f.detach() for f in feats(fake.detach(), h, p)], p)
        loss_d = F.relu(1 - d_real).mean() + F.relu(1 + d_fake).mean()
        opt_d.zero_grad()
        loss_d.backward()
        opt_d.step()
        # student: fool the discriminator and match the teacher's denoising of its re-noised output
        adv = -disc(feats(fake, h, p), p).mean()
        ts = torch.randint(20, 980, (batch,), generator=g).to(DEVICE)
        with torch.no_grad():
            target = guided(teacher, noised(fake, ts, torch.randn(real.shape, generator=g).to(DEVICE)), ts, h, hu, cfg)
        c = AB.to(DEVICE)[ts].sqrt()[:, None, None, None]
        distill = (c * weights[idx].to(DEVICE) * (fake - target).square()).mean()
        loss_g = adv + lam * distill
        opt_g.zero_grad()
        loss_g.backward()
        torch.nn.utils.clip_grad_norm_(student.parameters(), 1.0)
        opt_g.step()
        if step % 50 == 0:
            log(f"add {step} d {loss_d.item():.3f} adv {adv.item():.3f} distill {distill.item():.4f}")
        if probe and step and step % probe[0] == 0:
            log(f"add {step} held-out accuracy {probe[1](text, student):.3f}")
    return student.eval()


@torch.no_grad()
def sample_teacher(unet, h, hu, noise, steps=20, cfg=3.0):
    """DDIM from pure noise at t=999 (trailing spacing), x0-parameterised, classifier-free guidance."""
    ts = [int(round(999 - i * 1000 / steps)) for i in range(steps)]
    x = student_input(noise)
    for i, t in enumerate(ts):
        tt = torch.full((x.shape[0],), t, dtype=torch.long, device=DEVICE)
        x0 = guided(unet, x, tt, h, hu, cfg)
        if i + 1 == len(ts):
            return x0
        ab, ab_next = AB[t], AB[ts[i + 1]]
        eps = (x - ab.sqrt() * x0) / (1 - ab).sqrt()
        x = ab_next.sqrt() * x0 + (1 - ab_next).sqrt() * eps


@torch.no_grad()
def decode(dec, latents, scaling):
    imgs = []
    for i in range(0, len(latents), 16):
        img = dec(latents[i:i + 16] / scaling).clamp(-1, 1)
        imgs.append(((img / 2 + 0.5) * 255).round().byte().permute(0, 2, 3, 1).cpu().numpy())
    return np.concatenate(imgs)


def evaluate(name, images, scenes):
    return dict(check_images.summarise([check_images.measure(im, s) for im, s in zip(images, scenes)]), model=name)


# ---------------------------------------------------------------- export
class UNetExport(torch.nn.Module):
    """The app's interface: scaled sample, int64 timestep -> eps with x0 = x - sigma*eps."""

    def __init__(self, unet):
        super().__init__()
        self.unet = unet
        self.register_buffer("sigmas", ((1 - AB) / AB).sqrt())

    def forward(self, sample, timestep, encoder_hidden_states):
        sigma = self.sigmas[timestep][:, None, None, None]
        x = sample * (sigma ** 2 + 1).sqrt()
        x0 = self.unet(sample, timestep.expand(sample.shape[0]), encoder_hidden_states)
        return (x - x0) / sigma


def export(out, tok, text, student, dec, scaling):
    """The SD-Turbo layout; every graph takes any batch, so the app batches several clients in one call."""
    models.CONV_MATMUL = False
    text, student, dec = text.cpu(), student.cpu(), dec.cpu()
    for sub in ("text_encoder", "unet", "vae_decoder", "scheduler"):
        os.makedirs(os.path.join(out, sub), exist_ok=True)
    batch = {0: "batch_size"}
    ids = encode_ids(tok, ["a red circle"] * 2)
    torch.onnx.export(text, (ids,), os.path.join(out, "text_encoder/model.onnx"), input_names=["input_ids"],
                      output_names=["last_hidden_state", "pooler_output"], opset_version=14,
                      dynamic_axes={"input_ids": batch, "last_hidden_state": batch, "pooler_output": batch})
    c = models.LATENT_CHANNELS
    torch.onnx.export(UNetExport(student), (torch.randn(2, c, 32, 32), torch.tensor([999]), torch.randn(2, models.CONTEXT, 128)),
                      os.path.join(out, "unet/model.onnx"), input_names=["sample", "timestep", "encoder_hidden_states"],
                      output_names=["out_sample"], opset_version=14,
                      dynamic_axes={"sample": batch, "encoder_hidden_states": batch, "out_sample": batch})
    models.CONV_MATMUL = True
    export_decoder(out, dec, scaling)
    json.dump({"_class_name": "EulerAncestralDiscreteScheduler", "beta_start": 0.00085, "beta_end": 0.012,
               "beta_schedule": "scaled_linear", "num_train_timesteps": 1000, "prediction_type": "epsilon",
               "timestep_spacing": "trailing", "steps_offset": 1, "set_alpha_to_one": False},
              open(os.path.join(out, "scheduler/scheduler_config.json"), "w"), indent=2)
    json.dump({"_class_name": "StableDiffusionPipeline", "_name_or_path": "live-diffusion/embedded-image",
               "text_encoder": ["transformers", "CLIPTextModel"], "tokenizer": ["transformers", "CLIPTokenizer"],
               "unet": ["diffusers", "UNet2DConditionModel"], "vae": ["diffusers", "AutoencoderKL"],
               "scheduler": ["diffusers", "EulerAncestralDiscreteScheduler"]},
              open(os.path.join(out, "model_index.json"), "w"), indent=2)


def export_decoder(out, dec, scaling):
    c = models.LATENT_CHANNELS
    batch = {0: "batch_size"}
    torch.onnx.export(dec.cpu(), (torch.randn(2, c, 32, 32),), os.path.join(out, "vae_decoder/model.onnx"),
                      input_names=["latent_sample"], output_names=["sample"], opset_version=14,
                      dynamic_axes={"latent_sample": batch, "sample": batch})
    json.dump({"_class_name": "AutoencoderKL", "in_channels": 3, "out_channels": 3, "latent_channels": c,
               "sample_size": 512, "scaling_factor": scaling, "block_out_channels": [8, 16, 32, 64, 64]},
              open(os.path.join(out, "vae_decoder/config.json"), "w"), indent=2)


def share_decoder(image_folder, video_folder):
    """The video model's vae_decoder is the image model's, byte for byte: that is how the app knows the two share
    a latent space (and may start clips from the image model's pictures)."""
    shutil.copytree(os.path.join(image_folder, "vae_decoder"), os.path.join(video_folder, "vae_decoder"),
                    dirs_exist_ok=True)


def heldout_set(tok, count):
    """The held-out scenes every checker run scores, their token ids and the noise the one-step samples start from."""
    erng = random.Random(12345)
    scenes = [world.sample_scene(erng, held_out_only=True) for _ in range(count)]
    ids = encode_ids(tok, [s.caption() for s in scenes]).to(DEVICE)
    noise = torch.randn((count, models.LATENT_CHANNELS, 32, 32), generator=torch.Generator().manual_seed(4)).to(DEVICE)
    return scenes, ids, noise


def score_students_and_teacher(text, tok, students, teacher, dec, scaling, heldout, log):
    """Held-out results and decoded samples of each named one-step student, the teacher in one step and the
    teacher sampled over 20 steps."""
    scenes, ids, noise = heldout
    with torch.no_grad():
        h, _ = text(ids)
        hu, _ = text(encode_ids(tok, [""] * len(scenes)).to(DEVICE))
        outs = {name: one_step(net, h, noise) for name, net in students.items()}
        outs["teacher_1step"] = one_step(teacher, h, noise)
        outs["teacher_20step_cfg3"] = torch.cat([sample_teacher(teacher, h[i:i + 32], hu[i:i + 32], noise[i:i + 32])
                                                 for i in range(0, len(noise), 32)])
    results, samples = [], {}
    for name, lat in outs.items():
        samples[name] = decode(dec, lat, scaling)
        results.append(evaluate(name, samples[name], scenes))
        log(json.dumps(results[-1]))
    return results, samples


def heldout_probe(eval_scenes, eval_ids, eval_noise, dec, scaling):
    """Held-out accuracy of one step from noise on the first 48 held-out prompts (the layout alone: its latent),
    for the training log."""
    def probe(text_model, net):
        with torch.no_grad():
            h, _ = text_model.eval()(eval_ids[:48])
            lat = net.eval()(h) if isinstance(net, models.Layout) else one_step(net, h, eval_noise[:48])
            images = decode(dec, lat, scaling)
        text_model.train(), net.train()
        return evaluate("probe", images, eval_scenes[:48])["accuracy"]
    return probe


def load_checkpoint(path, with_decoder=True):
    """The autoencoder, text encoder and one-step student that main() saved (--checkpoint); the decoder None
    without with_decoder (train_decoder.py replaces it, maybe with another architecture)."""
    if not os.path.exists(path):
        sys.exit(f"{path} is missing: run training/train_image.py first")
    saved = torch.load(path)
    enc, dec = Encoder(), Decoder() if with_decoder else None
    enc.load_state_dict(saved["encoder"])
    if dec:
        dec.load_state_dict(saved["decoder"])
        dec.eval()
    text = TextEncoder(saved["vocab_size"])
    text.load_state_dict(saved["text_encoder"])
    student = models.UNet()
    student.load_state_dict(saved["student"])
    return saved, enc.eval(), dec, text.eval(), student.eval()


def load_teacher(saved):
    """The teacher a checkpoint keeps (train_image.py's, or one continue_add.py rebuilt), else None."""
    if "teacher" not in saved:
        return None
    teacher = models.UNet()
    teacher.load_state_dict(saved["teacher"])
    return teacher.eval()


def save_checkpoint(path, enc, dec, scaling, text, student, vocab_size, teacher=None):
    """The teacher too when there is one: continue_add.py distils further from it."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    nets = {"teacher": teacher.state_dict()} if teacher else {}
    torch.save({"encoder": enc.state_dict(), "decoder": dec.state_dict(), "scaling": scaling,
                "text_encoder": text.state_dict(), "student": student.state_dict(), "vocab_size": vocab_size,
                **nets}, path)


def small(images):
    return [np.asarray(Image.fromarray(im).resize((192, 192), Image.BILINEAR)) for im in images]


def save_student_previews(tok, text, student, dec, scaling, results):
    """image_prompts_student.png: the student on whole and partial prompts, as typed."""
    with torch.no_grad():
        h, _ = text(encode_ids(tok, PREVIEW_PROMPTS).to(DEVICE))
        noise = torch.randn((len(PREVIEW_PROMPTS), models.LATENT_CHANNELS, 32, 32),
                            generator=torch.Generator().manual_seed(5)).to(DEVICE)
        images = decode(dec, one_step(student, h, noise), scaling)
    Image.fromarray(grid(small(images), 6)).save(os.path.join(results, "image_prompts_student.png"))


def grid(images, cols):
    rows = [np.concatenate(list(images[i:i + cols]), axis=1) for i in range(0, len(images), cols)]
    return np.concatenate(rows, axis=0)


@torch.no_grad()
def one_step(unet, h, noise):
    """The app's one step from noise, in chunks: x0 at t=999."""
    out = []
    for i in range(0, len(noise), 32):
        n = noise[i:i + 32]
        out.append(unet(student_input(n), torch.full((len(n),), 999, dtype=torch.long, device=DEVICE), h[i:i + 32]))
    return torch.cat(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=float, default=1.0, help="multiplies every step count (0.05 = smoke test)")
    ap.add_argument("--out", default=os.path.join(ROOT, "src/main/resources/models/embedded-image"))
    ap.add_argument("--results", default=os.path.join(HERE, "results"))
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--probe-every", type=int, default=500, help="steps between held-out checks while training")
    ap.add_argument("--checkpoint", default=os.path.join(HERE, "out/image_model.pt"),
                    help="the torch weights, for train_video.py")
    a = ap.parse_args()
    rng, log = start_run(a.seed, a.results, "image_train.log")

    n = lambda base: max(2, int(base * a.scale))
    timer = Timer()
    steps = {"autoencoder": n(1500), "layout": n(2500), "teacher": n(1000), "add": n(200), "train_images": n(8000),
             "eval_images": 96}
    log(f"device {DEVICE}, threads {torch.get_num_threads()}, steps {steps}")
    latent_shape = (models.LATENT_CHANNELS, 32, 32)

    t0 = time.time()
    tok = build_tokenizer(os.path.join(a.out, "tokenizer"), rng)
    log(f"tokenizer: {len(tok.vocab)} tokens")
    timer.done("tokenizer", t0)

    t0 = time.time()
    enc, dec = train_autoencoder(steps["autoencoder"], rng, log)
    timer.done("autoencoder", t0)

    t0 = time.time()
    scenes = [world.sample_scene(rng) for _ in range(steps["train_images"])]
    captions = [s.caption() for s in scenes]
    latents, weights = encode_dataset(enc, scenes)
    scaling = float(1.0 / latents.std())
    latents = latents * scaling
    log(f"latents {tuple(latents.shape)} scaling_factor {scaling:.5f}")
    timer.done("render_and_encode", t0)

    eval_scenes, eval_ids, eval_noise = heldout_set(tok, steps["eval_images"])
    probe = heldout_probe(eval_scenes, eval_ids, eval_noise, dec, scaling)

    t0 = time.time()
    text, layout = train_layout(latents, weights, captions, tok, steps["layout"], 64, rng, log, (a.probe_every, probe))
    timer.done("layout", t0)

    t0 = time.time()
    unet = UNet()
    unet.layout.load_state_dict(layout.state_dict())
    text, teacher = train_teacher(text, unet, latents, weights, captions, tok, steps["teacher"], 32, rng, log,
                                  (a.probe_every, probe))
    timer.done("teacher", t0)

    t0 = time.time()
    student = train_add(teacher, text, latents, weights, captions, tok, steps["add"], 16, rng, log)
    timer.done("add_distillation", t0)

    t0 = time.time()
    real = [world.render(s) for s in eval_scenes]
    results = [evaluate("ground_truth_renders", real, eval_scenes),
               evaluate("autoencoder_reconstruction", decode(dec, encode_dataset(enc, eval_scenes)[0] * scaling, scaling), eval_scenes)]
    scored, samples = score_students_and_teacher(text, tok, {"student_add_1step": student}, teacher, dec, scaling,
                                                 (eval_scenes, eval_ids, eval_noise), log)
    results += scored
    timer.done("evaluation", t0)

    t0 = time.time()
    save_student_previews(tok, text, student, dec, scaling, a.results)
    k = min(8, len(real))
    rows = [real[:k], samples["teacher_20step_cfg3"][:k], samples["student_add_1step"][:k]]
    Image.fromarray(grid(small([im for r in rows for im in r]), k)).save(os.path.join(a.results, "image_heldout_grid.png"))
    export(a.out, tok, text, student, dec, scaling)
    # the video model works in this latent space and starts its clips from this model's pictures
    save_checkpoint(a.checkpoint, enc, dec, scaling, text, student, len(tok.vocab), teacher)
    timer.done("export", t0)

    by_name = {r["model"]: r["accuracy"] for r in results}
    student_acc, teacher_acc = by_name["student_add_1step"], by_name["teacher_20step_cfg3"]
    summary = {"command": "training/run.sh", "seed": a.seed, "scale": a.scale,
               "device": str(DEVICE), "threads": torch.get_num_threads(), "steps": steps,
               "seconds_per_phase": timer.phases, "total_seconds": round(time.time() - timer.start, 1),
               "latent": list(latent_shape), "scaling_factor": scaling,
               "vocab_size": len(tok.vocab), "held_out_pairs": sorted(map(list, world.HELD_OUT)),
               "heldout_eval": results, "student_over_teacher": student_acc / max(teacher_acc, 1e-9),
               "preview_prompts": PREVIEW_PROMPTS}
    json.dump(summary, open(os.path.join(a.results, "image.json"), "w"), indent=2)
    log(json.dumps({"student": student_acc, "teacher": teacher_acc, "seconds": summary["total_seconds"]}))


if __name__ == "__main__":
    main()
