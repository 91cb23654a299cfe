"""Networks of the embedded image model: autoencoder, text encoder, UNet (teacher and student), discriminator."""
import math

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

LATENT_CHANNELS = 16
FACTOR = 16                 # 512x512 image <-> 16x32x32 latent
T_STEPS = 1000
# The world's longest caption is 28 tokens with start and end: the text encoder takes 32 (the app reads the length
# from the graph and shows it as the limit), less than half of CLIP's 77, and every attention over text is cheaper.
CONTEXT = 32
# This PyTorch build (Debian's, no BLAS) multiplies matrices slowly but runs oneDNN convolutions fast, so in
# training every matrix product is a (grouped) 1x1 convolution; the ONNX export uses plain MatMul.
CONV_MATMUL = True


def sd_alphas_cumprod():
    """Stable Diffusion's scaled_linear schedule."""
    betas = np.linspace(0.00085 ** 0.5, 0.012 ** 0.5, T_STEPS, dtype=np.float64) ** 2
    return np.cumprod(1.0 - betas)


def gn(c):
    return nn.GroupNorm(8 if c % 8 == 0 else 4, c)


def attention(q, k, v, bias=None):
    """softmax over the keys of q.k (+ bias [Nk, Nq]), times v, per group.
    q [G, d, Nq] (already scaled), k [G, d, Nk], v [G, dv, Nk] -> [G, dv, Nq]."""
    g, d, nq = q.shape
    nk, dv = k.shape[-1], v.shape[1]
    if CONV_MATMUL:
        logits = F.conv1d(q.reshape(1, g * d, nq), k.transpose(1, 2).reshape(g * nk, d, 1), groups=g).reshape(g, nk, nq)
    else:
        logits = k.transpose(1, 2) @ q
    a = torch.softmax(logits if bias is None else logits + bias, dim=1)
    if CONV_MATMUL:
        return F.conv1d(a.reshape(1, g * nk, nq), v.reshape(g * dv, nk, 1), groups=g).reshape(g, dv, nq)
    return v @ a


# ---------------------------------------------------------------- autoencoder
class Encoder(nn.Module):
    """Only used in training: image [-1,1] -> latent, factor 16."""

    def __init__(self, channels=LATENT_CHANNELS):
        super().__init__()
        self.channels = channels
        self.net = nn.Sequential(
            nn.PixelUnshuffle(8), nn.Conv2d(192, 96, 1), nn.SiLU(),
            nn.Conv2d(96, 128, 3, 2, 1), nn.SiLU(),
            nn.Conv2d(128, 128, 3, 1, 1), nn.SiLU(),
            nn.Conv2d(128, channels, 1))

    def forward(self, x):
        # channels 0-2 start as the 16x16 mean colour: a head start that the learned part refines
        base = F.pad(F.avg_pool2d(x, FACTOR), (0, 0, 0, 0, 0, self.channels - 3))
        return base + self.net(x)


class Decoder(nn.Module):
    """Latent -> image in [-1,1]: a little work at 32x32, then upsampling with few channels. Each doubling is a
    stride-2 transposed convolution: a 1x1 convolution and a pixel shuffle did the same, but ONNX Runtime's
    DepthToSpace on CPU cost more than all the convolutions around it."""

    def __init__(self, channels=LATENT_CHANNELS, c=64):
        super().__init__()
        self.inp = nn.Conv2d(channels, c, 3, 1, 1)
        self.res = nn.Sequential(nn.SiLU(), nn.Conv2d(c, c, 3, 1, 1), nn.SiLU(), nn.Conv2d(c, c, 3, 1, 1))
        chans = [c, 32, 16, 8]
        ups = []
        for a, b in zip(chans[:-1], chans[1:]):
            ups += [nn.SiLU(), nn.ConvTranspose2d(a, b, 2, 2), nn.SiLU(), nn.Conv2d(b, b, 3, 1, 1)]
            if b == chans[1]:
                # shapes are decided at 64x64, where a second convolution is still cheap
                ups += [nn.SiLU(), nn.Conv2d(b, b, 3, 1, 1)]
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
class TokenLinear(nn.Module):
    """A linear map of every token, as a 1x1 convolution in training (see CONV_MATMUL)."""

    def __init__(self, cin, cout, bias=True):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 1, bias=bias)

    def forward(self, x):                      # [B, N, C]
        if CONV_MATMUL:
            return self.conv(x.transpose(1, 2)[..., None])[..., 0].transpose(1, 2)
        w = self.conv.weight[:, :, 0, 0]
        return x @ w.t() + (self.conv.bias if self.conv.bias is not None else 0)


class TextBlock(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.n1, self.qkv, self.o = nn.LayerNorm(dim), TokenLinear(dim, 3 * dim), TokenLinear(dim, dim)
        self.n2 = nn.LayerNorm(dim)
        self.ff = nn.Sequential(TokenLinear(dim, 2 * dim), nn.GELU(), TokenLinear(2 * dim, dim))

    def forward(self, x, mask):
        b, n, d = x.shape
        hd = d // self.heads
        q, k, v = self.qkv(self.n1(x)).reshape(b, n, 3, self.heads, hd).permute(2, 0, 3, 4, 1)  # [B, h, hd, N]
        q, k, v = (t.reshape(b * self.heads, hd, n) for t in (q, k, v))
        out = attention(q / math.sqrt(hd), k, v, mask)
        x = x + self.o(out.reshape(b, d, n).transpose(1, 2))
        return x + self.ff(self.n2(x))


class TextEncoder(nn.Module):
    """CLIP-like: token + position embeddings, causal transformer, final norm; pooled = state at the end token."""

    def __init__(self, vocab_size, dim=128, layers=2, heads=4, context=CONTEXT):
        super().__init__()
        self.tok = nn.Embedding(vocab_size, dim)
        self.pos = nn.Parameter(torch.randn(context, dim) * 0.01)
        self.blocks = nn.ModuleList(TextBlock(dim, heads) for _ in range(layers))
        self.norm = nn.LayerNorm(dim)
        # causal, as [key, query]: a token sees itself and those before it
        self.register_buffer("mask", torch.tril(torch.full((context, context), -1e4), -1))

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
        hd = c // self.heads
        h = self.norm(x)
        ctx = h.flatten(2)[..., None] if context is None else context.transpose(1, 2)[..., None]
        k, v = self.kv(ctx).reshape(b * 2, self.heads * hd, -1).reshape(b, 2, self.heads * hd, -1).unbind(1)
        q = (self.q(h) / math.sqrt(hd)).reshape(b * self.heads, hd, hh * ww)
        out = attention(q, k.reshape(b * self.heads, hd, -1), v.reshape(b * self.heads, hd, -1))
        return x + self.o(out.reshape(b, c, hh, ww))


class Layout(nn.Module):
    """The text drawn straight onto the latent grid: learnt per-position queries attend over the text tokens, and
    a few convolutions paint what they read. It needs no noisy input, so on CPU budgets it learns where and what
    the objects are within hundreds of steps, where the UNet's own conditioning takes thousands; the UNet then
    refines it. Works at 16x16 and pixel-shuffles to the 32x32 latent."""

    def __init__(self, text_dim, c=64, heads=4, n=16, channels=LATENT_CHANNELS):
        super().__init__()
        self.heads, self.n = heads, n
        self.query = nn.Parameter(torch.randn(1, c, n * n))
        self.kv = nn.Conv2d(text_dim, 2 * c, 1)
        # 16x16 decides what goes where; one doubling to the 32x32 grid draws the outlines finer
        self.paint = nn.Sequential(nn.Conv2d(c, c, 3, 1, 1), nn.SiLU(), nn.Conv2d(c, c, 3, 1, 1), nn.SiLU(),
                                   nn.Conv2d(c, 4 * 32, 1), nn.PixelShuffle(2), nn.SiLU(),
                                   nn.Conv2d(32, 32, 3, 1, 1), nn.SiLU(), nn.Conv2d(32, channels, 3, 1, 1))
        self.colour = nn.Linear(text_dim, channels)

    def forward(self, text):
        b, c = text.shape[0], self.query.shape[1]
        hd = c // self.heads
        k, v = self.kv(text.transpose(1, 2)[..., None]).reshape(b, 2, c, -1).unbind(1)
        q = (self.query / math.sqrt(hd)).expand(b, -1, -1).reshape(b * self.heads, hd, -1)
        out = attention(q, k.reshape(b * self.heads, hd, -1), v.reshape(b * self.heads, hd, -1))
        return self.paint(out.reshape(b, c, self.n, self.n)) + self.colour(text.mean(1))[..., None, None]


class UNet(nn.Module):
    """x_t (VP form), t, text tokens -> x0 of the latent.
    Works at 16x16 and 8x8: the 32x32 latent is pixel-unshuffled on the way in and shuffled on the way out.
    The network predicts v (x0 = sqrt(ab) x_t - sqrt(1 - ab) v keeps both ends of the schedule well scaled) on top
    of the text's layout, weighted 1 - ab."""

    def __init__(self, text_dim=128, ch=(96, 160), temb=128, size=32, channels=LATENT_CHANNELS):
        super().__init__()
        c1, c2 = ch
        self.temb_dim = temb
        self.register_buffer("ab", torch.tensor(sd_alphas_cumprod(), dtype=torch.float32))
        self.t_mlp = nn.Sequential(nn.Linear(temb, temb), nn.SiLU(), nn.Linear(temb, temb))
        self.text_pool = nn.Linear(text_dim, temb)
        yy, xx = torch.meshgrid(torch.linspace(-1, 1, size // 2), torch.linspace(-1, 1, size // 2), indexing="ij")
        self.register_buffer("coords", torch.stack([xx, yy])[None])
        self.unshuffle = nn.PixelUnshuffle(2)
        self.inp = nn.Conv2d(4 * channels + 2, c1, 3, 1, 1)
        self.d1, self.d1x = ResBlock(c1, c1, temb), Attention(c1, text_dim)
        self.down = nn.Conv2d(c1, c2, 3, 2, 1)
        self.m1, self.ms, self.mx, self.m2 = ResBlock(c2, c2, temb), Attention(c2), Attention(c2, text_dim), ResBlock(c2, c2, temb)
        self.up = nn.Conv2d(c2, c1, 3, 1, 1)
        self.u1, self.u1x, self.u2 = ResBlock(2 * c1, c1, temb), Attention(c1, text_dim), ResBlock(c1, c1, temb)
        self.out = nn.Sequential(gn(c1), nn.SiLU(), nn.Conv2d(c1, 4 * channels, 3, 1, 1), nn.PixelShuffle(2))
        # the UNet starts silent: its random output would bury the layout under noise it must first learn to drop
        nn.init.zeros_(self.out[2].weight)
        nn.init.zeros_(self.out[2].bias)
        self.layout = Layout(text_dim, channels=channels)

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
        u = self.u2(self.u1x(self.u1(torch.cat([u, h1], 1), temb), text), temb)
        ab = self.ab[t][:, None, None, None]
        # the layout is the answer where the input says nothing (t near 999) and fades as the input says more
        return ab.sqrt() * x + (1 - ab) * self.layout(text) - (1 - ab).sqrt() * self.out(u)


class Discriminator(nn.Module):
    """Heads on frozen teacher features, conditioned on the pooled text (projection discriminator)."""

    def __init__(self, chans=(96, 160), text_dim=128, hidden=64):
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
