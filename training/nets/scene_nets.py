"""The embedded models' networks, on the scene-code latent of `scene_code.py`.

- TextEncoder: CLIP-like (token + position embeddings, causal transformer, final norm; pooled = end token).
- SceneParser: reads the token states into the scene's attributes, one field after the other (background, then
  each group's count, size, shape, colour, position, motion), each field conditioned on the ones it depends on.
  What the prompt names comes out near certain; what it leaves open (a half-typed prompt) comes out as the
  world's distribution, and the seed's noise picks one value (Gumbel-max), so a partial prompt gives a clean
  picture that differs per seed instead of the average of all the pictures it could mean.
- Layout: where a group's objects go and how big they are (learned tables), their colours; writes the code.
- Motion: advances every object of a clip's last frame by one frame of its motion (rates measured from the
  world's clips); the object's look is carried from frame to frame, never resampled, so nothing drifts.
- Renderer (the vae_decoder): background patterns and one alpha sprite per shape, learned from renders; each
  pixel looks up the sprite of its nearest object in that object's own rotated, scaled frame."""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

from nets import scene_code as sc
from data import world

CONTEXT, DIM = 32, 128
TEMPERATURE = 0.5          # sharpens the sampled fields: a named attribute is never lost to a rare draw
NAMED = 0.5                # a field this sure is what the prompt says (a clip takes it up); else the frame keeps its own


def fields():
    """(name, classes, fields it is conditioned on), in sampling order."""
    out = [("bg_colour", len(world.COLOUR_NAMES), []), ("bg_kind", len(world.BACKGROUNDS), []), ("groups", 2, [])]
    for g in (0, 1):
        p = f"g{g}."
        out += [(p + "count", 4, ["groups"]), (p + "size", 3, [p + "count", "groups"]),
                (p + "shape", len(world.SHAPES), []), (p + "colour", len(world.COLOUR_NAMES), ["bg_colour"]),
                (p + "position", len(world.POSITIONS), ["g0.position"] if g else []),
                (p + "motion", len(sc.MOTIONS), [p + "count"])]
    return out


FIELDS = fields()
CLASSES = {name: k for name, k, _ in FIELDS}


def labels(scene: world.Scene):
    """The class index of every field for a scene (fields of an absent second group: -1, not scored)."""
    out = {"bg_colour": world.COLOUR_NAMES.index(scene.bg_colour), "bg_kind": world.BACKGROUNDS.index(scene.bg_kind),
           "groups": len(scene.groups) - 1}
    for g in (0, 1):
        group = scene.groups[g] if g < len(scene.groups) else None
        p = f"g{g}."
        out[p + "count"] = group.count - 1 if group else -1
        out[p + "size"] = world.SIZES.index(group.size) if group else -1
        out[p + "shape"] = world.SHAPES.index(group.shape) if group else -1
        out[p + "colour"] = world.COLOUR_NAMES.index(group.colour) if group else -1
        out[p + "position"] = list(world.POSITIONS).index(group.position) if group else -1
        out[p + "motion"] = sc.MOTIONS.index(group.motion) if group else -1
    return out


class TextBlock(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.n1, self.qkv, self.o = nn.LayerNorm(dim), nn.Linear(dim, 3 * dim), nn.Linear(dim, dim)
        self.n2 = nn.LayerNorm(dim)
        self.ff = nn.Sequential(nn.Linear(dim, 2 * dim), nn.GELU(), nn.Linear(2 * dim, dim))

    def forward(self, x, mask):
        b, n, d = x.shape
        q, k, v = self.qkv(self.n1(x)).reshape(b, n, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        a = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(d // self.heads) + mask, -1)
        x = x + self.o((a @ v).transpose(1, 2).reshape(b, n, d))
        return x + self.ff(self.n2(x))


class TextEncoder(nn.Module):
    def __init__(self, vocab_size, dim=DIM, layers=3, heads=4):
        super().__init__()
        self.tok = nn.Embedding(vocab_size, dim)
        self.pos = nn.Parameter(torch.randn(CONTEXT, dim) * 0.02)
        self.blocks = nn.ModuleList(TextBlock(dim, heads) for _ in range(layers))
        self.norm = nn.LayerNorm(dim)
        self.register_buffer("mask", torch.triu(torch.full((CONTEXT, CONTEXT), -1e4), 1))   # a token sees those before

    def forward(self, ids):
        h = self.tok(ids) + self.pos
        for blk in self.blocks:
            h = blk(h, self.mask)
        h = self.norm(h)
        return h, h[torch.arange(h.shape[0]), ids.argmax(-1)]   # the end token has the highest id, as in CLIP


def gumbel(z):
    """Gumbel noise from standard normal noise (through its CDF), so the seed's Gaussian noise drives the choices."""
    u = (0.5 * (1 + torch.erf(z / math.sqrt(2)))).clamp(1e-6, 1 - 1e-6)
    return -torch.log(-torch.log(u))


def one_hot_max(y):
    return (y >= y.max(-1, keepdim=True)[0]).float()


class SceneParser(nn.Module):
    def __init__(self, dim=DIM):
        super().__init__()
        self.queries = nn.Parameter(torch.randn(len(FIELDS), dim) * 0.1)
        self.heads = nn.ModuleDict({n.replace(".", "_"): nn.Sequential(nn.Linear(dim, dim), nn.GELU(), nn.Linear(dim, k))
                                    for n, k, _ in FIELDS})
        self.conditions = nn.ModuleDict({n.replace(".", "_"): nn.Linear(sum(CLASSES[d] for d in deps), k, bias=False)
                                         for n, k, deps in FIELDS if deps})

    def forward(self, h, noise=None, given=None):
        """Token states [B, N, D] -> (logits, picks) per field. Picks are the given one-hots (training, teacher
        forcing), or drawn with the noise [B, >= 512] (Gumbel-max at TEMPERATURE), or the most likely (no noise)."""
        att = torch.softmax(torch.einsum("bnd,fd->bfn", h, self.queries) / math.sqrt(h.shape[-1]), -1)
        pooled = att @ h                                                    # [B, fields, D]
        logits, picks, offset = {}, {}, 0
        for i, (name, k, deps) in enumerate(FIELDS):
            key = name.replace(".", "_")
            l = self.heads[key](pooled[:, i])
            if deps:
                l = l + self.conditions[key](torch.cat([picks[d] for d in deps], -1))
            logits[name] = l
            if given is not None:
                picks[name] = given[name]
            else:
                y = l / TEMPERATURE
                picks[name] = one_hot_max(y if noise is None else y + gumbel(noise[:, offset:offset + k]))
            offset += k
        return logits, picks


NOISE_USED = sum(k for _, k, _ in FIELDS)        # the layout's own draws follow these in the noise row
SLOTS = torch.tensor([[1., 0, 0, 0], [1, 1, 0, 0], [1, 1, 1, 0], [1, 1, 1, 1]])   # objects a count of 1..4 fills


class Layout(nn.Module):
    def __init__(self):
        super().__init__()
        n_col = len(world.COLOUR_NAMES)
        self.cell_centre = nn.Parameter(torch.full((len(world.POSITIONS), 2), 0.5))
        self.group_offset = nn.Parameter(torch.zeros(4, 3, 4, 2))         # count, size, slot, xy (/512)
        self.radius = nn.Parameter(torch.full((2, 3), 0.5))               # single / group, size (/100)
        self.colours = nn.Parameter(torch.full((n_col, 3), 0.5))
        self.bg_a = nn.Parameter(torch.full((n_col, 3), 0.5))
        self.bg_b = nn.Parameter(torch.full((n_col, 3), 0.5))
        self.register_buffer("jitter", torch.zeros(()))                   # placement spread (/512), measured
        self.register_buffer("slots", SLOTS)

    def group_radius(self, count, size):
        single = count[:, :1]
        return single * (size @ self.radius[0])[:, None] + (1 - single) * (size @ self.radius[1])[:, None]

    def forward(self, picks, noise):
        """Picks -> the code's object rows [B, 8, 16] x 3 and background [B, 16]; noise [B, >= 512] places what
        the prompt leaves open (sub-cell jitter, a bounce's direction, an orbit's phase)."""
        b = picks["bg_colour"].shape[0]
        extra = noise[:, NOISE_USED:NOISE_USED + 64]
        u = 0.5 * (1 + torch.erf(extra / math.sqrt(2)))
        draw, look, motion = [], [], []
        for g in (0, 1):
            p = f"g{g}."
            count, size = picks[p + "count"], picks[p + "size"]
            exists = torch.ones(b, 1) if g == 0 else picks["groups"][:, 1:]
            centre = picks[p + "position"] @ self.cell_centre                                    # [B, 2]
            offsets = torch.einsum("bc,bs,csjx->bjx", count, size, self.group_offset)            # [B, 4, 2]
            jitter = self.jitter * (2 * u[:, 2 * g:2 * g + 2] - 1)
            xy = centre[:, None] + offsets + jitter[:, None]
            present = (count @ self.slots) * exists                                              # [B, 4]
            radius = self.group_radius(count, size).expand(b, 4)
            ones, zeros = torch.ones(b, 4), torch.zeros(b, 4)
            shape = picks[p + "shape"][:, None].expand(b, 4, -1)
            draw.append(torch.cat([present[..., None], xy, radius[..., None], ones[..., None], zeros[..., None],
                                   shape, zeros[..., None], torch.zeros(b, 4, 1)], -1))
            phase = 2 * math.pi * u[:, 8 + 4 * g:12 + 4 * g]
            signs = torch.sign(extra[:, 16 + 8 * g:24 + 8 * g]).reshape(b, 4, 2)
            rgb = (picks[p + "colour"] @ self.colours)[:, None].expand(b, 4, 3)
            look.append(torch.cat([rgb, radius[..., None], ones[..., None], signs, torch.cos(phase)[..., None],
                                   torch.sin(phase)[..., None], torch.zeros(b, 4, 7)], -1) * present[..., None])
            motion.append(F.pad(picks[p + "motion"], (0, sc.CHANNELS - len(sc.MOTIONS)))[:, None].expand(b, 4, -1)
                          * present[..., None])
            draw[-1] = draw[-1] * present[..., None]
        bg_kind = picks["bg_kind"]
        bg = torch.cat([picks["bg_colour"] @ self.bg_a, picks["bg_colour"] @ self.bg_b, bg_kind,
                        torch.zeros(b, sc.CHANNELS - 6 - bg_kind.shape[1])], -1)
        return torch.cat(draw, 1), torch.cat(look, 1), torch.cat(motion, 1), bg


def noise_row(sample, sigma):
    """The standard normal noise the sampler put in the code's empty noise row, [B, 512]."""
    return (sample[:, :, sc.NOISE_ROW, :] * (sigma ** 2 + 1).sqrt() / sigma).flatten(1)


def rotate(c, s, angle):
    return c * math.cos(angle) - s * math.sin(angle), s * math.cos(angle) + c * math.sin(angle)


class Motion(nn.Module):
    """One frame of every object's motion, in the world's forms; the rates are buffers measured from clips."""
    RATES = ("speed", "bounce", "spin", "grow", "scale_min", "scale_max", "pulse_period", "pulse_amplitude",
             "orbit_radius", "orbit_period")

    def __init__(self):
        super().__init__()
        for name in self.RATES:
            self.register_buffer(name, torch.zeros(()))

    def forward(self, draw, look, motion, previous_motion):
        m = lambda name: motion[..., sc.MOTIONS.index(name)]
        x, y = draw[..., sc.X] * sc.POS_UNIT, draw[..., sc.Y] * sc.POS_UNIT
        scale, base = look[..., sc.SCALE], look[..., sc.BASE_RADIUS] * sc.RADIUS_UNIT
        pc, ps = look[..., sc.PHASE_COS], look[..., sc.PHASE_SIN]
        ox, oy = look[..., sc.ORBIT_X] * sc.POS_UNIT, look[..., sc.ORBIT_Y] * sc.POS_UNIT
        vx, vy = look[..., sc.VX], look[..., sc.VY]
        begins = (((motion - previous_motion).abs().sum(-1) > 0.5) | (look[..., sc.STARTED] < 0.5)).float()
        # a motion that begins now starts from where the object is (world_video.start)
        r = base * scale
        lo, hi = self.orbit_radius, sc.POS_UNIT - self.orbit_radius
        o = begins * m("orbiting")
        ox = o * (x - self.orbit_radius * pc).clamp(lo, hi) + (1 - o) * ox
        oy = o * (y - self.orbit_radius * ps).clamp(lo, hi) + (1 - o) * oy
        bo = begins * m("bouncing")
        x = bo * torch.minimum(torch.maximum(x, r), sc.POS_UNIT - r) + (1 - bo) * x
        y = bo * torch.minimum(torch.maximum(y, r), sc.POS_UNIT - r) + (1 - bo) * y
        pu = begins * m("pulsing")
        s0 = ((scale - 1) / self.pulse_amplitude).clamp(-1, 1)
        pc, ps = pu * (1 - s0 ** 2).clamp(min=0).sqrt() + (1 - pu) * pc, pu * s0 + (1 - pu) * ps
        # one frame
        dx = self.speed * (m("moving right") - m("moving left"))
        dy = self.speed * (m("moving down") - m("moving up"))
        moving = m("moving right") + m("moving left") + m("moving down") + m("moving up")
        x = moving * torch.remainder(x + dx, sc.POS_UNIT) + (1 - moving) * x
        y = moving * torch.remainder(y + dy, sc.POS_UNIT) + (1 - moving) * y
        b = m("bouncing")
        bx, by = x + vx * self.bounce, y + vy * self.bounce
        out_x = ((bx < r) | (bx > sc.POS_UNIT - r)).float()
        out_y = ((by < r) | (by > sc.POS_UNIT - r)).float()
        x = b * torch.minimum(torch.maximum(bx, r), sc.POS_UNIT - r) + (1 - b) * x
        y = b * torch.minimum(torch.maximum(by, r), sc.POS_UNIT - r) + (1 - b) * y
        vx, vy = vx * (1 - 2 * b * out_x), vy * (1 - 2 * b * out_y)
        sp = m("spinning")
        c, s = draw[..., sc.COS], draw[..., sc.SIN]
        spin = self.spin * (math.pi / 180)
        rc, rs = c * torch.cos(spin) - s * torch.sin(spin), s * torch.cos(spin) + c * torch.sin(spin)
        c, s = sp * rc + (1 - sp) * c, sp * rs + (1 - sp) * s
        g, sh = m("growing"), m("shrinking")
        grown = scale + self.grow
        grown = torch.where(grown > self.scale_max + 1e-4, self.scale_min.expand_as(grown), grown)
        shrunk = scale - self.grow
        shrunk = torch.where(shrunk < self.scale_min - 1e-4, self.scale_max.expand_as(shrunk), shrunk)
        scale = g * grown + sh * shrunk + (1 - g - sh) * scale
        pu, orb = m("pulsing"), m("orbiting")
        turns = pu * (2 * math.pi / self.pulse_period) + orb * (2 * math.pi / self.orbit_period)
        pc, ps = pc * torch.cos(turns) - ps * torch.sin(turns), ps * torch.cos(turns) + pc * torch.sin(turns)
        scale = pu * (1 + self.pulse_amplitude * ps) + (1 - pu) * scale
        x = orb * (ox + self.orbit_radius * pc) + (1 - orb) * x
        y = orb * (oy + self.orbit_radius * ps) + (1 - orb) * y
        present = draw[..., sc.PRESENT]
        d = with_channels(draw, {sc.X: x / sc.POS_UNIT * present, sc.Y: y / sc.POS_UNIT * present,
                                 sc.RADIUS: base * scale / sc.RADIUS_UNIT * present, sc.COS: c * present,
                                 sc.SIN: s * present, sc.WRAP: moving * present})
        lk = with_channels(look, {sc.SCALE: scale * present, sc.VX: vx, sc.VY: vy, sc.PHASE_COS: pc, sc.PHASE_SIN: ps,
                                  sc.ORBIT_X: ox / sc.POS_UNIT * present, sc.ORBIT_Y: oy / sc.POS_UNIT * present,
                                  sc.STARTED: present})
        return d, lk


def with_channels(rows, replaced):
    """rows [..., 16] with some channels replaced (built anew: the ONNX export has no in-place writes)."""
    return torch.stack([replaced.get(i, rows[..., i]) for i in range(rows.shape[-1])], -1)


ATLAS, EXTENT, OBJECT_RES, PATTERN_RES = 128, 1.3, 256, 128


def opacity(logits):
    """Learned maps in [0, 1] that reach exactly 0 and 1: a plain sigmoid left a faint halo (alpha 0.02) around every
    object, where the atlas had learnt "almost transparent"."""
    return (torch.sigmoid(logits) * 1.25 - 0.125).clamp(0, 1)


class Renderer(nn.Module):
    """The vae_decoder: code [B, 16, 32, 32] -> RGB [B, 3, 512, 512] in [-1, 1]."""

    def __init__(self):
        super().__init__()
        self.sprites = nn.Parameter(torch.zeros(1, len(world.SHAPES), ATLAS, ATLAS))       # alpha logits
        self.patterns = nn.Parameter(torch.zeros(1, len(world.BACKGROUNDS), PATTERN_RES, PATTERN_RES))
        centres = (torch.arange(OBJECT_RES, dtype=torch.float32) + 0.5) * (sc.POS_UNIT / OBJECT_RES)
        self.register_buffer("px", centres)

    def forward(self, latent):
        b = latent.shape[0]
        draw, look, _ = sc.objects(latent)
        bg = sc.background(latent)
        present, r = draw[..., sc.PRESENT], (draw[..., sc.RADIUS] * sc.RADIUS_UNIT).clamp(min=1.0)
        cx, cy = draw[..., sc.X] * sc.POS_UNIT, draw[..., sc.Y] * sc.POS_UNIT
        c, s, wrap = draw[..., sc.COS], draw[..., sc.SIN], draw[..., sc.WRAP]
        dx = self.px[None, None, None, :] - cx[..., None, None]                      # [B, 8, 1, R]
        dy = self.px[None, None, :, None] - cy[..., None, None]                      # [B, 8, R, 1]
        half = sc.POS_UNIT / 2
        w = wrap[..., None, None]
        dx = w * (torch.remainder(dx + half, sc.POS_UNIT) - half) + (1 - w) * dx   # a wrapping object is drawn
        dy = w * (torch.remainder(dy + half, sc.POS_UNIT) - half) + (1 - w) * dy   # past the edge on the other side
        rr, cc, ss = r[..., None, None], c[..., None, None], s[..., None, None]
        lx = (dx * cc + dy * ss) / rr                                                # the object's own frame
        ly = (dy * cc - dx * ss) / rr
        dist = lx * lx + ly * ly + (1 - present[..., None, None]) * 1e4
        nearest = (dist <= dist.min(1, keepdim=True)[0]).float()                     # [B, 8, R, R]
        grid = torch.stack([(nearest * lx).sum(1), (nearest * ly).sum(1)], -1) / EXTENT
        shape = torch.einsum("bkhw,bks->bshw", nearest, draw[..., sc.SHAPE:sc.SHAPE + len(world.SHAPES)])
        colour = torch.einsum("bkhw,bkc->bchw", nearest, look[..., sc.RGB:sc.RGB + 3] * present[..., None])
        sprites = opacity(self.sprites).expand(b, -1, -1, -1)
        alpha = (F.grid_sample(sprites, grid, mode="bilinear", padding_mode="zeros", align_corners=False)
                 * shape).sum(1, keepdim=True) * (nearest * present[..., None, None]).sum(1, keepdim=True)
        size = int(sc.POS_UNIT)
        alpha = F.interpolate(alpha, size=(size, size), mode="bilinear", align_corners=False)
        colour = F.interpolate(colour, size=(size, size), mode="nearest")
        kind = bg[:, sc.BG_KIND:sc.BG_KIND + len(world.BACKGROUNDS)]
        pattern = (opacity(self.patterns) * kind[..., None, None]).sum(1, keepdim=True)
        pattern = F.interpolate(pattern, size=(size, size), mode="nearest")
        a, bb = bg[:, sc.BG_A:sc.BG_A + 3, None, None], bg[:, sc.BG_B:sc.BG_B + 3, None, None]
        image = (a + (bb - a) * pattern) * (1 - alpha) + colour * alpha
        return image * 2 - 1
