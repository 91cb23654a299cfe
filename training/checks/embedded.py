"""What the embedded models draw, measured: the pictures' attributes (check_images) on held-out shape+colour pairs,
seen single objects and groups; the cleanliness of every prefix of typed prompts and how much the seed changes
what a prompt leaves open; the clips' attributes on frame 1 and frame 80 (check_video) and their motion."""
import os
import random

import numpy as np
import torch
from PIL import Image, ImageDraw

from checks import check_images, check_video
from data import world, world_video
from nets import scene_code as sc
from nets.scene_nets import CONTEXT
from nets.scene_unets import SIGMAS, ImageUNet, VideoUNet

SIGMA = float(SIGMAS[999])
EXAMPLE = "a large red circle at the top left and two small blue stars on a yellow striped background"
TYPED = [EXAMPLE, "three green squares at the bottom on a black background",
         "a big purple heart in the center on a white checkered background"]


def ids_of(tok, texts):
    return torch.tensor([tok.encode(t, None, CONTEXT) for t in texts], dtype=torch.long)


def x0_of(unet_eps, sample, sigma=SIGMA):
    """The app's one-step math: x = sigma * n, the unet sees x / sqrt(sigma^2 + 1), x0 = x - sigma * eps."""
    return sample * (sigma ** 2 + 1) ** 0.5 - sigma * unet_eps


class Models:
    def __init__(self, tok, text, scene, renderer, motion):
        self.tok, self.text, self.renderer = tok, text, renderer
        self.image, self.video = ImageUNet(scene), VideoUNet(scene, motion)

    def noise(self, seeds):
        return torch.stack([torch.randn(sc.CHANNELS, 32, 32, generator=torch.Generator().manual_seed(s)) for s in seeds])

    @torch.no_grad()
    def codes(self, prompts, seeds):
        h, _ = self.text(ids_of(self.tok, prompts))
        sample = self.noise(seeds) * SIGMA / (SIGMA ** 2 + 1) ** 0.5
        return x0_of(self.image(sample, torch.tensor([999]), h), sample)

    @torch.no_grad()
    def pictures(self, codes):
        out = self.renderer(codes).clamp(-1, 1).add(1).mul(127.5).round().byte().permute(0, 2, 3, 1)
        return [a.numpy() for a in out]

    @torch.no_grad()
    def clip(self, prompt, seed, frames, first=None):
        """Codes of a clip as the app makes it (one step a frame); first: frame 0 made by the image model."""
        h, _ = self.text(ids_of(self.tok, [prompt]))
        zero = torch.zeros(1, sc.CHANNELS, 32, 32)
        out = [first] if first is not None else []
        while len(out) < frames:
            has = torch.ones(1) if out else torch.zeros(1)
            prev = out[-1] if out else zero
            sample = self.noise([seed * 1000 + len(out)]) * SIGMA / (SIGMA ** 2 + 1) ** 0.5
            recent = torch.cat([prev, out[-2] if len(out) > 1 else prev], 1)
            eps = self.video(sample, torch.tensor([999]), h, out[0] if out else zero, recent, zero, has)
            out.append(x0_of(eps, sample))
        return out


def score_pictures(models, scenes, seed0):
    pics = []
    for i in range(0, len(scenes), 16):
        part = scenes[i:i + 16]
        pics += models.pictures(models.codes([s.caption() for s in part], range(seed0 + i, seed0 + i + len(part))))
    return check_images.summarise([check_images.measure(p, s) for p, s in zip(pics, scenes)]), pics


def scenes_where(rng, count, keep, held_out_only=False):
    out = []
    while len(out) < count:
        s = world.sample_scene(rng, held_out_only=held_out_only)
        if keep(s):
            out.append(s)
    return out


def high_frequency(img):
    """Mean absolute Laplacian at 128 px: noise textures score high, flat shapes on flat grounds low."""
    a = check_images.small(img).mean(-1)
    return float(np.abs(4 * a[1:-1, 1:-1] - a[:-2, 1:-1] - a[2:, 1:-1] - a[1:-1, :-2] - a[1:-1, 2:]).mean())


def nearest_colour(rgb):
    return world.COLOUR_NAMES[int(np.argmin(((check_images.PALETTE - np.asarray(rgb) * 255) ** 2).sum(1)))]


def clean_render(code):
    """The world's own rendering (world.py's drawing) of the scene a code [16, 32, 32] describes."""
    bg = code[:, sc.BG_ROW, 0].numpy()
    img = Image.fromarray(world.background(nearest_colour(bg[sc.BG_A:sc.BG_A + 3]),
                                           world.BACKGROUNDS[int(bg[sc.BG_KIND:sc.BG_KIND + 4].argmax())]))
    for k in range(sc.OBJECTS):
        draw, look = code[:, 0, k].numpy(), code[:, 1, k].numpy()
        if draw[sc.PRESENT] < 0.5:
            continue
        mask = Image.new("L", img.size, 0)
        world.draw_shape(ImageDraw.Draw(mask), world.SHAPES[int(draw[sc.SHAPE:sc.SHAPE + 8].argmax())],
                         draw[sc.X] * sc.POS_UNIT, draw[sc.Y] * sc.POS_UNIT, draw[sc.RADIUS] * sc.RADIUS_UNIT, 255, 0)
        img.paste(Image.new("RGB", img.size, world.COLOURS[nearest_colour(look[sc.RGB:sc.RGB + 3])]), (0, 0), mask)
    return np.asarray(img)


def prefixes(models, results):
    """Every third prefix of the typed prompts: high-frequency energy over that of the world's clean rendering of
    the same scene (1 = as clean; a noise texture is several times more), and how much two seeds differ while
    the prompt leaves the background open (it is named last)."""
    hf, differ, strip = [], [], []
    for prompt in TYPED:
        cuts = sorted(set(range(0, len(prompt) + 1, 3)) | {len(prompt)})
        texts = [prompt[:c] for c in cuts]
        codes = models.codes(texts, [1] * len(texts))
        a, b = models.pictures(codes), models.pictures(models.codes(texts, [2] * len(texts)))
        hf += [high_frequency(p) / high_frequency(clean_render(c)) for p, c in zip(a, codes)]
        open_until = prompt.rindex(" on a")          # until the background is typed, the seed picks it
        differ += [float(np.abs(x.astype(np.float32) - y).mean()) for x, y, t in zip(a, b, texts)
                   if len(t) <= open_until]
        if prompt == EXAMPLE:
            step = max(1, len(a) // 10)
            strip = [a[i] for i in range(0, len(a), step)] + [a[-1]]
    small = [np.asarray(Image.fromarray(p).resize((128, 128), Image.BILINEAR)) for p in strip]
    Image.fromarray(np.concatenate(small, 1)).save(os.path.join(results, "embedded_prefixes.png"))
    return {"prefixes": len(hf), "high_frequency_over_clean_render_mean": float(np.mean(hf)),
            "high_frequency_over_clean_render_worst": float(np.max(hf)),
            "open_prefixes": len(differ), "open_prefixes_differing_between_two_seeds": float(np.mean([d > 4 for d in differ])),
            "open_prefixes_mean_pixel_difference_between_two_seeds": float(np.mean(differ))}


def translation_moves(models, codes, motion, frames=16, least=24):
    a = models.pictures(codes[0])[0]
    b = models.pictures(codes[frames])[0]
    return check_video.direction_correct(a, b, colour_of(codes[0]), motion) and moved(a, b, codes[0]) >= least


def colour_of(code):
    rgb = code[0, sc.RGB:sc.RGB + 3, 1, 0].numpy() * 255
    return world.COLOUR_NAMES[int(np.argmin(((check_images.PALETTE - rgb) ** 2).sum(1)))]


def moved(a, b, code):
    colour = colour_of(code)
    pa, pb = check_video.object_centre(a, colour), check_video.object_centre(b, colour)
    if pa is None or pb is None:
        return 0.0
    return float(np.hypot((pb[0] - pa[0] + 256) % 512 - 256, (pb[1] - pa[1] + 256) % 512 - 256))


def score_clips(models, clips, from_image):
    runs = []
    for i, clip in enumerate(clips):
        prompt = clip.segments[0].caption
        first = models.codes([prompt], [100 + i]) if from_image else None
        runs.append(models.clip(prompt, 100 + i, 81, first))
    frames = {}

    def frames_of(i, t):
        if (i, t) not in frames:
            frames[(i, t)] = models.pictures(runs[i][t])[0]
        return frames[(i, t)]
    out = check_video.evaluate_clips(clips, frames_of, first=0, last=79)
    trans = [(i, c.segments[0].motion) for i, c in enumerate(clips) if c.segments[0].motion in world_video.TRANSLATIONS]
    out["translations_moving_24px_in_16_frames"] = float(np.mean([translation_moves(models, runs[i], m) for i, m in trans]))
    return out, [frames_of(i, t) for i in range(min(6, len(clips))) for t in (0, 20, 40, 79)]


def grid(images, cols, size=128):
    tiles = [np.asarray(Image.fromarray(p).resize((size, size), Image.BILINEAR)) for p in images]
    rows = [np.concatenate(tiles[r:r + cols], 1) for r in range(0, len(tiles) - cols + 1, cols)]
    return Image.fromarray(np.concatenate(rows, 0))


def evaluate(tok, text, scene, renderer, motion, results, quick=False):
    os.makedirs(results, exist_ok=True)
    models = Models(tok, text, scene, renderer, motion)
    n = 32 if quick else 96
    held, pics = score_pictures(models, scenes_where(random.Random(12345), n, lambda s: True, True), 0)
    grid(pics[:24], 8).save(os.path.join(results, "embedded_heldout.png"))
    singles, _ = score_pictures(models, scenes_where(random.Random(5), n, lambda s: len(s.groups) == 1
                                                     and s.groups[0].count == 1), 1000)
    groups, _ = score_pictures(models, scenes_where(random.Random(6), n, lambda s: any(
        g.count in (2, 3) for g in s.groups)), 2000)
    example, = models.pictures(models.codes([EXAMPLE], [0]))
    Image.fromarray(example).save(os.path.join(results, "embedded_example.png"))
    out = {"held_out_pictures": held, "seen_single_objects": singles, "groups_of_two_or_three": groups,
           "prefixes": prefixes(models, results)}
    crng = random.Random(54321)
    clips = [world_video.sample_clip(crng, 81, change_prob=0, held_out_only=True) for _ in range(8 if quick else 24)]
    out["clips_from_own_first_frame"], strip = score_clips(models, clips, False)
    out["clips_from_image_model"], _ = score_clips(models, clips, True)
    grid(strip, 4).save(os.path.join(results, "embedded_clips.png"))
    return out
