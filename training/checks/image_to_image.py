"""Image to image on the embedded model, measured: how well the vae_encoder reads pictures (world renders and
sketch-pad drawings) back into scene codes, and what the image unet then draws from a drawing and a prompt: the
object where it was drawn, in the shape and colour the prompt names (or the drawing's, where it names none)."""
import math
import os
import random

import numpy as np
import torch
from PIL import Image

from checks import check_images
from data import sketches, world
from nets import scene_code as sc
from nets.scene_unets import SIGMAS

STRENGTHS = {0.25: 249, 0.5: 499, 0.75: 749}      # one step from timestep 1000 * strength - 1
PLACE = 32                                          # px: an object this near where it was drawn is in its place


def objects_of(code):
    """(x, y, radius) in px, shape and rgb of the present objects of a code [16, 32, 32]."""
    out = []
    for k in range(sc.OBJECTS):
        draw, look = code[:, 0, k].numpy(), code[:, 1, k].numpy()
        if draw[sc.PRESENT] > 0.5:
            out.append(dict(x=draw[sc.X] * sc.POS_UNIT, y=draw[sc.Y] * sc.POS_UNIT, r=draw[sc.RADIUS] * sc.RADIUS_UNIT,
                            shape=int(draw[sc.SHAPE:sc.SHAPE + len(world.SHAPES)].argmax()), rgb=look[sc.RGB:sc.RGB + 3]))
    return out


def read_back(truth, read):
    """Per true object, the nearest read object: found within PLACE px, place error, radius error, shape, colour."""
    rows = []
    for t in objects_of(truth):
        near = min(objects_of(read), key=lambda o: math.hypot(o["x"] - t["x"], o["y"] - t["y"]), default=None)
        d = math.hypot(near["x"] - t["x"], near["y"] - t["y"]) if near else float("inf")
        found = d <= PLACE
        rows.append(dict(found=found, place=d if found else None, radius=abs(near["r"] - t["r"]) if found else None,
                         shape=found and near["shape"] == t["shape"],
                         colour=float(np.abs(near["rgb"] - t["rgb"]).mean() * 255) if found else None))
    extra = len(objects_of(read)) - len(objects_of(truth))
    bg = (sc.background(read[None])[0, :3] - sc.background(truth[None])[0, :3]).abs().mean().item() * 255
    kind = sc.background(read[None])[0, sc.BG_KIND:sc.BG_KIND + 4].argmax() == sc.background(truth[None])[0, sc.BG_KIND:sc.BG_KIND + 4].argmax()
    return rows, extra, bg, bool(kind)


def reading(encoder, examples):
    rows, counts, bgs, kinds = [], [], [], []
    for i in range(0, len(examples), 16):
        part = examples[i:i + 16]
        with torch.no_grad():
            read = encoder(to_tensor([p for p, _ in part]))
        for (_, code), r in zip(part, read):
            o, extra, bg, kind = read_back(torch.from_numpy(code), r)
            rows += o
            counts.append(extra == 0 and all(x["found"] for x in o))
            bgs.append(bg), kinds.append(kind)
    found = [r for r in rows if r["found"]]
    return {"pictures": len(examples), "objects": len(rows), "found": float(np.mean([r["found"] for r in rows])),
            "count_exact": float(np.mean(counts)), "shape": float(np.mean([r["shape"] for r in found])),
            "place_error_px_mean": float(np.mean([r["place"] for r in found])),
            "radius_error_px_mean": float(np.mean([r["radius"] for r in found])),
            "colour_error_levels_mean": float(np.mean([r["colour"] for r in found])),
            "background_colour_error_levels_mean": float(np.mean(bgs)), "background_kind": float(np.mean(kinds))}


def to_tensor(pictures):
    return torch.from_numpy(np.stack(pictures)).permute(0, 3, 1, 2).float() / 127.5 - 1


def one_drawing(rng):
    """A drawing of one object on white, as the pad makes it, and what was drawn."""
    while True:
        picture, code = sketches.sketch(rng)
        objects = objects_of(torch.from_numpy(code))
        bg = code[sc.BG_A:sc.BG_A + 3, sc.BG_ROW, 0]
        if len(objects) == 1 and bg.min() > 0.99:
            return picture, objects[0]


def drawn_object(picture):
    """The largest region of a picture that differs from its ground (the median of its edges): centre (px), colour
    name, shape name."""
    im = check_images.small(picture)
    edges = np.concatenate([im[0], im[-1], im[:, 0], im[:, -1]])
    diff = np.abs(im - np.median(edges, 0)).sum(-1) > 90
    regions = [pts for pts in check_images.components(diff) if len(pts) >= 12]
    if not regions:
        return None
    pts = max(regions, key=len)
    rgb = np.median(im[pts[:, 0], pts[:, 1]], axis=0)
    cy, cx = pts.mean(0) * check_images.SCALE
    return dict(x=cx, y=cy, colour=nearest_name(rgb / 255), shape=check_images.shape_of(pts))


def nearest_name(rgb):
    return world.COLOUR_NAMES[int(np.argmin(((check_images.PALETTE - np.asarray(rgb) * 255) ** 2).sum(1)))]


def redraw(models, encoder, pictures, prompts, timestep, seed):
    """One image-to-image step as the app takes it: encode, noise to the timestep, unet, x0, render."""
    sigma = float(SIGMAS[timestep])
    with torch.no_grad():
        latent = encoder(to_tensor(pictures))
        noise = torch.randn(latent.shape, generator=torch.Generator().manual_seed(seed))
        x = latent + sigma * noise
        h, _ = models.text(ids_of(models.tok, prompts))
        sample = x / (sigma ** 2 + 1) ** 0.5
        x0 = x - sigma * models.image(sample, torch.tensor([timestep]), h)
    return models.pictures(x0)


def ids_of(tok, texts):
    from checks.embedded import ids_of as ids
    return ids(tok, texts)


def prompt_for(rng):
    """A prompt naming a shape and colour, or only a colour, or only a shape, or nothing."""
    shape, colour = rng.choice(world.SHAPES), rng.choice(world.COLOUR_NAMES[:8])
    kind = rng.choice(["both", "colour", "shape", "none"])
    text = {"both": f"a {colour} {shape}", "colour": colour, "shape": f"a {shape}", "none": ""}[kind]
    return text, (shape if kind in ("both", "shape") else None), (colour if kind in ("both", "colour") else None)


def drawings(models, encoder, rng, n, results):
    """Drawn objects redrawn with prompts: in place, and in the named (else the drawn) shape and colour."""
    cases = [one_drawing(rng) + prompt_for(rng) for _ in range(n)]
    out, strip = {}, []
    for strength, timestep in STRENGTHS.items():
        scores, moved = [], []
        for i in range(0, n, 16):
            part = cases[i:i + 16]
            pics = redraw(models, encoder, [c[0] for c in part], [c[2] for c in part], timestep, 7 + i)
            for (picture, drawn, text, shape, colour), pic in zip(part, pics):
                seen = drawn_object(pic)
                want_colour = colour or nearest_name(drawn["rgb"])
                want_shape = shape or world.SHAPES[drawn["shape"]]
                place = seen is not None and math.hypot(seen["x"] - drawn["x"], seen["y"] - drawn["y"]) <= PLACE
                scores.append(dict(place=place, colour=seen is not None and seen["colour"] == want_colour,
                                   shape=seen is not None and seen["shape"] == want_shape))
                if seen is not None:
                    moved.append(math.hypot(seen["x"] - drawn["x"], seen["y"] - drawn["y"]))
                if strength == 0.5 and len(strip) < 16:
                    strip += [picture, pic]
        out[f"strength_{strength}"] = {k: float(np.mean([s[k] for s in scores])) for k in ("place", "colour", "shape")}
        out[f"strength_{strength}"]["moved_px_median"] = float(np.median(moved))
    tiles = [np.asarray(Image.fromarray(p).resize((128, 128), Image.BILINEAR)) for p in strip]
    Image.fromarray(np.concatenate([np.concatenate(tiles[r:r + 8], 1) for r in range(0, len(tiles), 8)], 0)).save(
        os.path.join(results, "embedded_image_to_image.png"))
    return dict(out, drawings=n)


def evaluate(models, encoder, results, quick=False):
    n = 32 if quick else 96
    rng = random.Random(777)
    worlds = [sketches.world_picture(rng) for _ in range(n)]
    pads = [sketches.sketch(rng) for _ in range(n)]
    return {"reading_world_pictures": reading(encoder, worlds), "reading_drawings": reading(encoder, pads),
            "drawings_redrawn": drawings(models, encoder, random.Random(778), n, results)}
