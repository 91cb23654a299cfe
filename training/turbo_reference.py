"""Independent Python reference for the Turbo pipeline's non-network parts (one step and Euler ancestral).

Written from the definitions (OpenAI's simple_tokenizer, the SplitMix64/Box-Muller noise and
the scaled_linear schedule, as generation/SeededNoise and NoiseSchedule name them), sharing no code with the Java side, so that the
reference outputs in src/test/resources/models/reference.jsonl check the Java pipeline rather
than repeat it.
"""
import html
import json
import math
import re
import unicodedata

import numpy as np

MAX_LENGTH = 77
SPECIAL_TOKENS = ("<|startoftext|>", "<|endoftext|>")
CONTRACTIONS = ("'s", "'t", "'re", "'ve", "'m", "'ll", "'d")
MASK64 = (1 << 64) - 1


def bytes_to_unicode():
    """CLIP's reversible byte -> printable character map (printable Latin-1 first, '!' = 0)."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) \
        + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    extra = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + extra)
            extra += 1
    return dict(zip(bs, map(chr, cs)))


def clean_text(text):
    """simple_tokenizer's cleaning without ftfy: unescape twice, NFC, fold white space, lower."""
    text = html.unescape(html.unescape(text))
    text = unicodedata.normalize("NFC", text)
    return re.sub(r"\s+", " ", text).strip().lower()


def _is_letter(ch):
    return unicodedata.category(ch).startswith("L")


def _is_number(ch):
    return unicodedata.category(ch).startswith("N")


def pretokenize(text):
    """Hand-written equivalent of CLIP's regex (the `regex` module is not installed here):
    <|startoftext|>|<|endoftext|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+"""
    pieces, i, n = [], 0, len(text)
    while i < n:
        literal = next((t for t in SPECIAL_TOKENS + CONTRACTIONS if text.startswith(t, i)), None)
        ch = text[i]
        if literal:
            j = i + len(literal)
        elif ch.isspace():
            i += 1
            continue
        elif _is_letter(ch):
            j = i + 1
            while j < n and _is_letter(text[j]):
                j += 1
        elif _is_number(ch):
            j = i + 1
        else:
            j = i + 1
            while j < n and not (text[j].isspace() or _is_letter(text[j]) or _is_number(text[j])):
                j += 1
        pieces.append(text[i:j])
        i = j
    return pieces


def word_symbols(word):
    """A pre-token as BPE starts it: one symbol per character, '</w>' on the last."""
    return tuple(word[:-1]) + (word[-1] + "</w>",)


class ClipTokenizer:
    """Port of OpenAI's simple_tokenizer over Hugging Face vocab.json / merges.txt files."""

    def __init__(self, vocab_path, merges_path):
        with open(vocab_path, encoding="utf-8") as f:
            self.encoder = json.load(f)
        with open(merges_path, encoding="utf-8") as f:
            lines = f.read().split("\n")[1:]
        self.ranks = {tuple(line.split()): i for i, line in enumerate(l for l in lines if l)}
        self.byte_encoder = bytes_to_unicode()
        self.cache = {t: t for t in SPECIAL_TOKENS}

    def bpe(self, token):
        if token in self.cache:
            return self.cache[token]
        word = word_symbols(token)
        while len(word) > 1:
            pairs = set(zip(word, word[1:]))
            best = min(pairs, key=lambda p: self.ranks.get(p, math.inf))
            if best not in self.ranks:
                break
            merged, i = [], 0
            while i < len(word):
                if i < len(word) - 1 and (word[i], word[i + 1]) == best:
                    merged.append(word[i] + word[i + 1])
                    i += 2
                else:
                    merged.append(word[i])
                    i += 1
            word = tuple(merged)
        self.cache[token] = " ".join(word)
        return self.cache[token]

    def encode(self, text):
        """Ids with start and end tokens, before truncation and padding."""
        ids = [self.encoder[SPECIAL_TOKENS[0]]]
        for piece in pretokenize(clean_text(text)):
            piece = "".join(self.byte_encoder[b] for b in piece.encode("utf-8"))
            ids.extend(self.encoder[t] for t in self.bpe(piece).split(" "))
        return ids + [self.encoder[SPECIAL_TOKENS[1]]]

    def encode_padded(self, text, pad_token):
        """Truncated to 77 keeping the end token last, then padded with `pad_token`."""
        ids = self.encode(text)
        if len(ids) > MAX_LENGTH:
            ids = ids[:MAX_LENGTH - 1] + ids[-1:]
        return ids + [self.encoder[pad_token]] * (MAX_LENGTH - len(ids))


def splitmix64_normals(seed, count):
    """The project's portable noise: SplitMix64 uniforms, Box-Muller pairs, then float32."""
    state = seed & MASK64

    def uniform():
        nonlocal state
        state = (state + 0x9E3779B97F4A7C15) & MASK64
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return ((z ^ (z >> 31)) >> 11) * 2.0 ** -53

    out = []
    while len(out) < count:
        u1 = 1.0 - uniform()
        u2 = uniform()
        r = math.sqrt(-2.0 * math.log(u1))
        out.append(r * math.cos(2.0 * math.pi * u2))
        out.append(r * math.sin(2.0 * math.pi * u2))
    return np.array(out[:count], dtype=np.float64).astype(np.float32)


def schedule_sigmas(beta_start=0.00085, beta_end=0.012, steps=1000):
    """sigma_t = sqrt((1 - a_t) / a_t), a_t = alphas_cumprod[t] of the scaled_linear betas (in doubles)."""
    betas = np.linspace(math.sqrt(beta_start), math.sqrt(beta_end), steps, dtype=np.float64) ** 2
    a = np.cumprod(1.0 - betas)
    return np.sqrt((1.0 - a) / a)


def turbo_sigma(t=999):
    return float(schedule_sigmas()[t])


def trailing_timesteps(steps, train_steps=1000):
    """diffusers' timestep_spacing "trailing" (EulerAncestralDiscreteScheduler for sd-turbo):
    round(arange(T, 0, -T/N)) - 1, numpy rounding half to even; 999, 749, 499, 249 for N = 4."""
    return [int(t) - 1 for t in np.round(np.arange(train_steps, 0, -train_steps / steps))]


def ancestral_sigmas(sigma_from, sigma_to):
    """Euler ancestral's split of the step to sigma_to into a deterministic part (down) and fresh
    noise (up), with down^2 + up^2 = sigma_to^2; both are 0 on the last step (sigma_to = 0)."""
    up = math.sqrt(sigma_to ** 2 * (sigma_from ** 2 - sigma_to ** 2) / sigma_from ** 2)
    return up, math.sqrt(sigma_to ** 2 - up ** 2)


def step_noises(seed, steps, shape):
    """All the noise an N-step run draws, as one continued stream from the seed: block 0 is the
    starting latent noise (the one-step noise), block k (1 <= k < N) the noise Euler ancestral
    adds after step k. Every block has an even count (4 channels), so blocks split exactly."""
    count = int(np.prod(shape))
    return splitmix64_normals(seed, steps * count).reshape((steps,) + tuple(shape))
