"""The embedded models' unets in the app's interfaces (`scene_nets` holds their parts).

Image (the SD-Turbo layout): sample, timestep, token states -> eps, with x0 = x - sigma * eps the scene code the
prompt describes, its open attributes drawn by the seed's noise. Video (the packed-context layout): the same for a
first frame; after it, frame t-1's code moved on by one frame of each object's motion, with what the prompt now
names (a motion, colour, shape, size, background) taken up."""
import torch
import torch.nn as nn

from nets import scene_code as sc
from data import world
from nets.scene_nets import NAMED, TEMPERATURE, Layout, Motion, SceneParser, noise_row, one_hot_max, with_channels

SCHEDULE_BETAS = torch.linspace(0.00085 ** 0.5, 0.012 ** 0.5, 1000, dtype=torch.float64) ** 2
ALPHAS_CUMPROD = torch.cumprod(1 - SCHEDULE_BETAS, 0)
SIGMAS = ((1 - ALPHAS_CUMPROD) / ALPHAS_CUMPROD).sqrt().float()     # SD's scaled_linear schedule
LAST_TIMESTEP = 999


class TextToScene(nn.Module):
    """Token states and noise -> the scene code of a picture of the prompt."""

    def __init__(self):
        super().__init__()
        self.parser, self.layout = SceneParser(), Layout()

    def forward(self, h, noise):
        _, picks = self.parser(h, noise)
        return sc.assemble(*self.layout(picks, noise))


class TakingUp(nn.Module):
    """What the prompt names, taken up into a code that exists (a clip's frame t-1, a picture's): a group's shape,
    colour, size and motion, the background's colour and pattern. What the prompt leaves open stays as it was."""

    def __init__(self, scene: TextToScene):
        super().__init__()
        self.scene = scene

    def named(self, h):
        """Per field: whether the prompt names it (one-hot-ish [B, 1]) and its most likely value (one-hot)."""
        logits, _ = self.scene.parser(h)
        named = {n: (torch.softmax(l / TEMPERATURE, -1).max(-1, keepdim=True)[0] > NAMED).float()
                 for n, l in logits.items()}
        return named, {n: one_hot_max(l) for n, l in logits.items()}

    def group(self, d, lk, m, named, picks, g, size_by_word=False):
        """Object rows [B, k, 16] of group g -> (draw, look) with its named fields taken up, and its motion.
        size_by_word: a size is taken up only where a word says it (small, large): the world has no word for the
        medium size, so a prompt without one would make every drawn object medium-sized."""
        layout = self.scene.layout
        p = f"g{g}."
        if size_by_word:
            worded = 1 - picks[p + "size"][:, world.SIZES.index(""):world.SIZES.index("") + 1]
            named = dict(named, **{p + "size": named[p + "size"] * worded})
        keep = lambda name: 1 - named[p + name][:, None]
        new_shape = keep("shape") * d[..., sc.SHAPE:sc.SHAPE + len(world.SHAPES)] + (1 - keep("shape")) * picks[p + "shape"][:, None]
        rgb = keep("colour") * lk[..., sc.RGB:sc.RGB + 3] + (1 - keep("colour")) * (picks[p + "colour"] @ layout.colours)[:, None]
        objects = d[..., sc.PRESENT].sum(-1, keepdim=True)
        count = ((torch.arange(1, 5) - objects.clamp(max=4)).abs() < 0.5).float()      # the group's count, one-hot
        base = layout.group_radius(count, picks[p + "size"])
        base = keep("size")[..., 0] * lk[..., sc.BASE_RADIUS] + (1 - keep("size")[..., 0]) * base
        new_motion = keep("motion") * m[..., :len(sc.MOTIONS)] + (1 - keep("motion")) * picks[p + "motion"][:, None]
        present = d[..., sc.PRESENT:sc.PRESENT + 1]
        d = with_channels(d, {sc.SHAPE + k: new_shape[..., k] * present[..., 0] for k in range(len(world.SHAPES))})
        lk = with_channels(lk, {sc.RGB + i: rgb[..., i] * present[..., 0] for i in range(3)}
                           | {sc.BASE_RADIUS: base * present[..., 0]})
        return d, lk, torch.cat([new_motion * present, m[..., len(sc.MOTIONS):]], -1)

    def background(self, bg, named, picks):
        layout = self.scene.layout
        keep_colour, keep_kind = 1 - named["bg_colour"], 1 - named["bg_kind"]
        kinds = len(world.BACKGROUNDS)
        return torch.cat([keep_colour * bg[:, sc.BG_A:sc.BG_A + 3] + (1 - keep_colour) * (picks["bg_colour"] @ layout.bg_a),
                          keep_colour * bg[:, sc.BG_B:sc.BG_B + 3] + (1 - keep_colour) * (picks["bg_colour"] @ layout.bg_b),
                          keep_kind * bg[:, sc.BG_KIND:sc.BG_KIND + kinds] + (1 - keep_kind) * picks["bg_kind"],
                          bg[:, sc.BG_KIND + kinds:]], -1)


def cleaned(code):
    """A code read back under noise, made one again: objects there or not, one shape, one motion, one pattern, places
    and colours in range, upright; absent objects all zero."""
    draw, look, motion = sc.objects(code)
    present = (draw[..., sc.PRESENT:sc.PRESENT + 1] > 0.5).float()
    shapes = draw[..., sc.SHAPE:sc.SHAPE + len(world.SHAPES)]
    radius = draw[..., sc.RADIUS].clamp(0.05, 2.0)
    draw = with_channels(draw, {sc.PRESENT: present[..., 0], sc.X: draw[..., sc.X].clamp(0, 1),
                                sc.Y: draw[..., sc.Y].clamp(0, 1), sc.RADIUS: radius, sc.COS: torch.ones_like(radius),
                                sc.SIN: torch.zeros_like(radius), sc.WRAP: torch.zeros_like(radius)}
                         | {sc.SHAPE + k: one_hot_max(shapes)[..., k] for k in range(len(world.SHAPES))})
    look = with_channels(look, {sc.RGB + i: look[..., sc.RGB + i].clamp(0, 1) for i in range(3)}
                         | {sc.BASE_RADIUS: radius, sc.SCALE: torch.ones_like(radius)})
    motion = torch.cat([one_hot_max(motion[..., :len(sc.MOTIONS)]), torch.zeros_like(motion[..., len(sc.MOTIONS):])], -1)
    bg = sc.background(code)
    kinds = len(world.BACKGROUNDS)
    bg = torch.cat([bg[:, :sc.BG_KIND].clamp(0, 1), one_hot_max(bg[:, sc.BG_KIND:sc.BG_KIND + kinds]),
                    torch.zeros_like(bg[:, sc.BG_KIND + kinds:])], -1)
    return draw * present, look * present, motion * present, bg


class ImageUNet(nn.Module):
    """At the last timestep, the scene the prompt describes (text to image). Below it, image to image (or a later
    step of several): the scene of the picture the noisy latent's copies hold, with what the prompt names taken
    up (its first group's fields apply to every object); a picture without objects takes the prompt's. The
    strength's noise moves places, sizes and colours a little: more strength, more change."""

    def __init__(self, scene: TextToScene):
        super().__init__()
        self.scene, self.taking_up = scene, TakingUp(scene)
        self.register_buffer("sigmas", SIGMAS)

    def forward(self, sample, timestep, encoder_hidden_states):
        sigma = self.sigmas[timestep]
        scale = (sigma ** 2 + 1).sqrt()
        from_text = self.scene(encoder_hidden_states, noise_row(sample, sigma))
        draw, look, motion, bg = cleaned(sc.from_copies(sample * scale))
        named, picks = self.taking_up.named(encoder_hidden_states)
        draw, look, motion = self.taking_up.group(draw, look, motion, named, picks, 0, size_by_word=True)
        draw = with_channels(draw, {sc.RADIUS: look[..., sc.BASE_RADIUS]})
        text_draw, text_look, text_motion = sc.objects(from_text)
        empty = (draw[:, :, sc.PRESENT].sum(1) < 0.5).float()[:, None, None]
        from_picture = sc.assemble(empty * text_draw + (1 - empty) * draw, empty * text_look + (1 - empty) * look,
                                   empty * text_motion + (1 - empty) * motion,
                                   self.taking_up.background(bg, named, picks))
        starts = (timestep >= LAST_TIMESTEP).float().reshape(-1, 1, 1, 1)
        x0 = sc.with_copies(starts * from_text + (1 - starts) * from_picture)
        return (sample * scale - x0) / sigma


class Steering(nn.Module):
    """Frame t-1's code with what the prompt names now taken up, then one frame of motion."""

    def __init__(self, scene: TextToScene, motion: Motion):
        super().__init__()
        self.taking_up, self.motion = TakingUp(scene), motion

    def forward(self, previous, h):
        named, picks = self.taking_up.named(h)
        draw, look, motion = sc.objects(previous)
        draws, looks, motions = [], [], []
        for g in (0, 1):
            cols = slice(4 * g, 4 * g + 4)
            d, lk, new_motion = self.taking_up.group(draw[:, cols], look[:, cols], motion[:, cols], named, picks, g)
            d, lk = self.motion(d, lk, new_motion, motion[:, cols])
            draws.append(d), looks.append(lk), motions.append(new_motion)
        bg = self.taking_up.background(sc.background(previous), named, picks)
        return sc.assemble(torch.cat(draws, 1), torch.cat(looks, 1), torch.cat(motions, 1), bg)


class VideoUNet(nn.Module):
    def __init__(self, scene: TextToScene, motion: Motion):
        super().__init__()
        self.scene, self.steering = scene, Steering(scene, motion)
        self.register_buffer("sigmas", SIGMAS)

    def forward(self, sample, timestep, encoder_hidden_states, first_frame, recent_frames, history, has_context):
        sigma = self.sigmas[timestep]
        first = self.scene(encoder_hidden_states, noise_row(sample, sigma))
        following = self.steering(recent_frames[:, :sc.CHANNELS], encoder_hidden_states)
        # frame t-1's code is the whole state, so the anchor and the history the pipeline packs are not needed
        unused = (first_frame[:, :1, :1, :1] + history[:, :1, :1, :1]) * 0
        context = has_context[:, None, None, None] if has_context.dim() == 1 else has_context
        x0 = context * following + (1 - context) * first + unused
        scale = (sigma ** 2 + 1).sqrt()
        return (sample * scale - x0) / sigma
