"""Networks of the embedded image model: autoencoder, text encoder, UNet (teacher and student), discriminator."""
import math

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

LATENT_CHANNELS = 4
FACTOR = 16                 # 512x512 image <-> 4x32x32 latent
T_STEPS = 1000
GROUPED_CONV_ATTENTION = True       # training speed on CPU; the ONNX export uses plain MatMul


def sd_alphas_cumprod():
    """Stable Diffusion's scaled_linear schedule."""
    betas = np.linspace(0.00085 ** 0.5, 0.012 ** 0.5, T_STEPS, dtype=np.float64) ** 2
    return np.cumprod(1.0 - betas)


def gn(c):
    return nn.GroupNorm(8 if c % 8 == 0 else 4, c)


# ---------------------------------------------------------------- autoencoder
class Encoder(nn.Module):
    """Only used in training: image [-1,1] -> latent, factor 16."""

    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(
            nn.PixelUnshuffle(8), nn.Conv2d(192, 64, 1), nn.SiLU(),
            nn.Conv2d(64, 96, 3, 2, 1), nn.SiLU(),
            nn.Conv2d(96, 96, 3, 1, 1), nn.SiLU(),
            nn.Conv2d(96, LATENT_CHANNELS, 1))

    def forward(self, x):
        # channels 0-2 start as the 16x16 mean colour: a head start that the learned part refines
        base = F.pad(F.avg_pool2d(x, FACTOR), (0, 0, 0, 0, 0, LATENT_CHANNELS - 3))
        return base + self.net(x)


class Decoder(nn.Module):
    """Latent -> image in [-1,1]: a little work at 32x32, then pixel-shuffle upsampling with few channels."""

    def __init__(self, c=48):
        super().__init__()
        self.inp = nn.Conv2d(LATENT_CHANNELS, c, 3, 1, 1)
        self.res = nn.Sequential(nn.SiLU(), nn.Conv2d(c, c, 3, 1, 1), nn.SiLU(), nn.Conv2d(c, c, 3, 1, 1))
        chans = [c, 32, 16, 8]
        ups = []
        for a, b in zip(chans[:-1], chans[1:]):
            ups += [nn.SiLU(), nn.Conv2d(a, 4 * b, 1), nn.PixelShuffle(2), nn.SiLU(), nn.Conv2d(b, b, 3, 1, 1)]
        self.up = nn.Sequential(*ups)
        # the last doubling is a pixel shuffle of 256x256 features: nothing runs per pixel at 512x512
        self.out = nn.Sequential(nn.SiLU(), nn.Conv2d(8, 12, 3, 1, 1))
        self.shuffle = nn.PixelShuffle(2)

    def forward(self, z):
        h = self.inp(z)
        h = h + self.res(h)
        # the mean colour, upsampled at 256x256 and added before the last pixel shuffle (cheaper than at 512)
        base = F.interpolate(z[:, :3], scale_factor=float(FACTOR // 2), mode="bilinear", align_corners=False)
        return self.shuffle(self.out(self.up(h)) + base.repeat_interleave(4, dim=1))


# ---------------------------------------------------------------- text encoder
# Token-wise linear maps are 1x1 convolutions: this PyTorch build has no MKL, and oneDNN convolutions are
# several times faster on CPU than its plain matrix multiply.
class TokenLinear(nn.Module):
    def __init__(self, cin, cout, bias=True):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 1, bias=bias)

    def forward(self, x):                      # [B, N, C]
        return self.conv(x.transpose(1, 2)[..., None])[..., 0].transpose(1, 2)


class TextBlock(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.n1, self.qkv, self.o = nn.LayerNorm(dim), TokenLinear(dim, 3 * dim), TokenLinear(dim, dim)
        self.n2 = nn.LayerNorm(dim)
        self.ff = nn.Sequential(TokenLinear(dim, 2 * dim), nn.GELU(), TokenLinear(2 * dim, dim))

    def forward(self, x, mask):
        b, n, d = x.shape
        q, k, v = self.qkv(self.n1(x)).reshape(b, n, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        a = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(d // self.heads) + mask, dim=-1)
        x = x + self.o((a @ v).transpose(1, 2).reshape(b, n, d))
        return x + self.ff(self.n2(x))


class TextEncoder(nn.Module):
    """CLIP-like: token + position embeddings, causal transformer, final norm; pooled = state at the end token."""

    def __init__(self, vocab_size, dim=128, layers=2, heads=4, context=77):
        super().__init__()
        self.tok = nn.Embedding(vocab_size, dim)
        self.pos = nn.Parameter(torch.randn(context, dim) * 0.01)
        self.blocks = nn.ModuleList(TextBlock(dim, heads) for _ in range(layers))
        self.norm = nn.LayerNorm(dim)
        self.register_buffer("mask", torch.triu(torch.full((context, context), -1e4), 1))

    def forward(self, ids):
        h = self.tok(ids) + self.pos
        for blk in self.blocks:
            h = blk(h, self.mask)
        h = self.norm(h)
        pooled = h[torch.arange(h.shape[0]), ids.argmax(-1)]   # the end token has the highest id, as in CLIP
        return h, pooled


# ---------------------------------------------------------------- UNet
def timestep_embedding(t, dim):
    half = dim // 2
    freqs = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float32) / half)
    a = t.float()[:, None] * freqs[None]
    return torch.cat([torch.cos(a), torch.sin(a)], dim=1)


class ResBlock(nn.Module):
    def __init__(self, cin, cout, temb):
        super().__init__()
        self.n1, self.c1 = gn(cin), nn.Conv2d(cin, cout, 3, 1, 1)
        self.t = nn.Linear(temb, 2 * cout)
        self.n2, self.c2 = gn(cout), nn.Conv2d(cout, cout, 3, 1, 1)
        self.skip = nn.Conv2d(cin, cout, 1) if cin != cout else nn.Identity()

    def forward(self, x, temb):
        h = self.c1(F.silu(self.n1(x)))
        scale, shift = self.t(temb)[:, :, None, None].chunk(2, dim=1)
        h = self.n2(h) * (1 + scale) + shift
        return self.skip(x) + self.c2(F.silu(h))


class Attention(nn.Module):
    """Self-attention over the feature map (context None) or cross-attention to the text tokens."""

    def __init__(self, c, context_dim=None, heads=4):
        super().__init__()
        self.norm = gn(c)
        self.heads = heads
        self.q = nn.Conv2d(c, c, 1, bias=False)
        self.kv = nn.Conv2d(context_dim or c, 2 * c, 1, bias=False)
        self.o = nn.Conv2d(c, c, 1)

    def forward(self, x, context=None):
        b, c, hh, ww = x.shape
        h = self.norm(x)
        ctx = h.flatten(2)[..., None] if context is None else context.transpose(1, 2)[..., None]
        k, v = self.kv(ctx).reshape(b, 2, self.heads, c // self.heads, -1).unbind(1)
        q = self.q(h) / math.sqrt(c // self.heads)
        if GROUPED_CONV_ATTENTION:
            # the per-sample products as grouped 1x1 convolutions (oneDNN) instead of this build's slow bmm
            g, n = b * self.heads, k.shape[-1]
            logits = F.conv2d(q.reshape(1, b * c, hh, ww), k.transpose(-1, -2).reshape(g * n, c // self.heads, 1, 1), groups=g)
            a = torch.softmax(logits.reshape(b, self.heads, n, hh, ww), dim=2).reshape(1, g * n, hh, ww)
            out = F.conv2d(a, v.reshape(g * (c // self.heads), n, 1, 1), groups=g).reshape(b, c, hh, ww)
        else:
            q = q.reshape(b, self.heads, c // self.heads, hh * ww)
            a = torch.softmax(q.transpose(-1, -2) @ k, dim=-1)   # [b, heads, hw, n]
            out = (v @ a.transpose(-1, -2)).reshape(b, c, hh, ww)
        return x + self.o(out)


class UNet(nn.Module):
    """x_t (VP form), t, text tokens -> x0 prediction (the export turns it into eps).
    Works at 16x16 and 8x8: the 32x32 latent is pixel-unshuffled on the way in and shuffled on the way out."""

    def __init__(self, text_dim=128, ch=(64, 128), temb=128, size=32):
        super().__init__()
        c1, c2 = ch
        self.temb_dim = temb
        self.t_mlp = nn.Sequential(nn.Linear(temb, temb), nn.SiLU(), nn.Linear(temb, temb))
        self.text_pool = nn.Linear(text_dim, temb)
        yy, xx = torch.meshgrid(torch.linspace(-1, 1, size // 2), torch.linspace(-1, 1, size // 2), indexing="ij")
        self.register_buffer("coords", torch.stack([xx, yy])[None])
        self.unshuffle = nn.PixelUnshuffle(2)
        self.inp = nn.Conv2d(4 * LATENT_CHANNELS + 2, c1, 3, 1, 1)
        self.d1, self.d1x = ResBlock(c1, c1, temb), Attention(c1, text_dim)
        self.down = nn.Conv2d(c1, c2, 3, 2, 1)
        self.m1, self.ms, self.mx, self.m2 = ResBlock(c2, c2, temb), Attention(c2), Attention(c2, text_dim), ResBlock(c2, c2, temb)
        self.up = nn.Conv2d(c2, c1, 3, 1, 1)
        self.u1, self.u1x = ResBlock(2 * c1, c1, temb), Attention(c1, text_dim)
        self.out = nn.Sequential(gn(c1), nn.SiLU(), nn.Conv2d(c1, 4 * LATENT_CHANNELS, 3, 1, 1), nn.PixelShuffle(2))

    def features(self, x, t, text):
        # pooled text from the token states alone, so the exported UNet needs only encoder_hidden_states
        temb = self.t_mlp(timestep_embedding(t, self.temb_dim)) + self.text_pool(text.mean(1))
        h = self.inp(torch.cat([self.unshuffle(x), self.coords.expand(x.shape[0], -1, -1, -1)], 1))
        h1 = self.d1x(self.d1(h, temb), text)
        h2 = self.m1(self.down(h1), temb)
        h2 = self.m2(self.mx(self.ms(h2), text), temb)
        return temb, h1, h2

    def forward(self, x, t, text):
        temb, h1, h2 = self.features(x, t, text)
        u = self.up(F.interpolate(h2, scale_factor=2.0, mode="nearest"))
        u = self.u1x(self.u1(torch.cat([u, h1], 1), temb), text)
        return self.out(u)


class Discriminator(nn.Module):
    """Heads on frozen teacher features, conditioned on the pooled text (projection discriminator)."""

    def __init__(self, chans=(64, 128), text_dim=128, hidden=64):
        super().__init__()
        self.heads = nn.ModuleList(nn.Sequential(nn.Conv2d(c, hidden, 3, 1, 1), gn(hidden), nn.LeakyReLU(0.2),
                                                 nn.Conv2d(hidden, hidden, 3, 1, 1), nn.LeakyReLU(0.2)) for c in chans)
        self.logit = nn.ModuleList(nn.Conv2d(hidden, 1, 1) for _ in chans)
        self.proj = nn.ModuleList(nn.Linear(text_dim, hidden) for _ in chans)

    def forward(self, feats, pooled):
        out = []
        for f, head, logit, proj in zip(feats, self.heads, self.logit, self.proj):
            h = head(f)
            cond = (h * proj(pooled)[:, :, None, None]).sum(1, keepdim=True) / math.sqrt(h.shape[1])
            out.append((logit(h) + cond).flatten(1))
        return torch.cat(out, 1)
