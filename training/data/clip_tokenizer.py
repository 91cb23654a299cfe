"""A CLIP-layout byte-level BPE tokenizer learnt from the world's own captions.

The encoder is OpenAI's CLIP algorithm (the one the Java tokenizer ports); the builder learns just
enough merges that every word of the world is one token, so partial words fall back to pieces."""
import html
import json
import os
import re
import unicodedata
from collections import Counter

START, END = "<|startoftext|>", "<|endoftext|>"
CONTEXT = 77
SPECIALS_AND_CONTRACTIONS = (START, END, "'s", "'t", "'re", "'ve", "'m", "'ll", "'d")


def pre_tokenize(text):
    """CLIP's regex <|startoftext|>|<|endoftext|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+
    spelt out with Unicode categories (Python's re has no \\p{L})."""
    kind = lambda c: "s" if c.isspace() else unicodedata.category(c)[0]
    out, i = [], 0
    while i < len(text):
        lit = next((p for p in SPECIALS_AND_CONTRACTIONS if text.startswith(p, i)), None)
        k = kind(text[i])
        if lit:
            out.append(lit)
            i += len(lit)
        elif k == "s":
            i += 1
        elif k == "N":
            out.append(text[i])
            i += 1
        else:
            j = i + 1
            while j < len(text) and (kind(text[j]) == "L" if k == "L" else kind(text[j]) not in ("s", "L", "N")):
                j += 1
            out.append(text[i:j])
            i = j
    return out


def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, map(chr, cs)))


BYTE_ENCODER = bytes_to_unicode()


def clean(text):
    text = html.unescape(html.unescape(text))
    text = unicodedata.normalize("NFC", text)
    return re.sub(r"\s+", " ", text).strip().lower()


def word_symbols(token):
    return tuple(BYTE_ENCODER[b] for b in token.encode("utf-8"))


class ClipTokenizer:
    def __init__(self, vocab, merges):
        self.vocab = vocab
        self.ranks = {tuple(m): i for i, m in enumerate(merges)}
        self.cache = {}

    @classmethod
    def load(cls, folder):
        with open(os.path.join(folder, "vocab.json")) as f:
            vocab = json.load(f)
        with open(os.path.join(folder, "merges.txt")) as f:
            merges = [line.split() for line in f.read().strip().split("\n")[1:]]
        return cls(vocab, merges)

    def bpe(self, token):
        if token in self.cache:
            return self.cache[token]
        chars = word_symbols(token)
        word = list(chars[:-1]) + [chars[-1] + "</w>"]
        while len(word) > 1:
            pairs = {(word[i], word[i + 1]) for i in range(len(word) - 1)}
            best = min(pairs, key=lambda p: self.ranks.get(p, float("inf")))
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
            word = merged
        self.cache[token] = word
        return word

    def ids(self, text):
        out = []
        for token in pre_tokenize(clean(text)):
            if token in (START, END):
                out.append(self.vocab[token])
            else:
                out.extend(self.vocab[s] for s in self.bpe(token))
        return out

    def encode(self, text, pad_id=None, length=CONTEXT):
        """start + ids + end, truncated (keeping the end token) and padded to `length` (CLIP's 77 by default)."""
        body = self.ids(text)[:length - 2]
        seq = [self.vocab[START]] + body + [self.vocab[END]]
        pad = self.vocab[END] if pad_id is None else pad_id
        return seq + [pad] * (length - len(seq))


def learn_merges(words, count=None):
    """Greedy byte-level BPE training on words (a Counter of symbol tuples): the most frequent pair first, ties to the
    smallest pair so the result is stable, a pair whose join is a token already skipped; `count` merges at most."""
    merges, known = [], set()
    while count is None or len(merges) < count:
        pairs = Counter()
        for word, n in words.items():
            for pair in zip(word, word[1:]):
                if "".join(pair) not in known:
                    pairs[pair] += n
        if not pairs:
            break
        best = min(pairs, key=lambda p: (-pairs[p], p))
        merges.append(best)
        known.add("".join(best))
        merged = Counter()
        for word, n in words.items():
            merged[_merge(word, best)] += n
        words = merged
    return merges


def _merge(word, pair):
    out, i = [], 0
    while i < len(word):
        if i < len(word) - 1 and (word[i], word[i + 1]) == pair:
            out.append(word[i] + word[i + 1])
            i += 2
        else:
            out.append(word[i])
            i += 1
    return tuple(out)


def build(corpus_words, folder):
    """Learn merges until every corpus word is one token; write the Hugging Face CLIP files."""
    symbols = list(BYTE_ENCODER.values())
    vocab_list = symbols + [s + "</w>" for s in symbols]
    words = Counter()
    for w in corpus_words:
        chars = word_symbols(w)
        words[tuple(chars[:-1]) + (chars[-1] + "</w>",)] += 1
    merges = learn_merges(words)
    vocab_list += ["".join(m) for m in merges]
    vocab_list += [START, END]
    vocab = {s: i for i, s in enumerate(vocab_list)}
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "vocab.json"), "w") as f:
        json.dump(vocab, f, ensure_ascii=False)
    with open(os.path.join(folder, "merges.txt"), "w") as f:
        f.write("#version: 0.2\n" + "".join(f"{a} {b}\n" for a, b in merges))
    # the words the model is trained on, for the live page's guide: the merges cannot tell them from BPE's pieces
    with open(os.path.join(folder, "words.txt"), "w") as f:
        f.write("".join(w + "\n" for w in sorted({w for w in corpus_words if re.fullmatch("[a-z]+", w)})))
    special = {"bos_token": START, "eos_token": END, "unk_token": END, "pad_token": END}
    with open(os.path.join(folder, "special_tokens_map.json"), "w") as f:
        json.dump(special, f, indent=2)
    config = dict(special, model_max_length=CONTEXT, do_lower_case=True, tokenizer_class="CLIPTokenizer",
                  add_prefix_space=False, errors="replace", clean_up_tokenization_spaces=True)
    with open(os.path.join(folder, "tokenizer_config.json"), "w") as f:
        json.dump(config, f, indent=2)
    return ClipTokenizer(vocab, [list(m) for m in merges])


if __name__ == "__main__":
    # Conformance against OpenAI's ids for the real CLIP vocabulary (../shared/clip).
    import sys
    ref = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/clip"
    tok = ClipTokenizer.load(ref)
    ok = bad = 0
    for line in open(os.path.join(ref, "vectors.jsonl")):
        v = json.loads(line)
        got = [tok.vocab[START]] + tok.ids(v["prompt"]) + [tok.vocab[END]]
        if got == v["ids"][:len(got)] or got == v["ids"]:
            ok += 1
        else:
            bad += 1
            print("MISMATCH", repr(v["prompt"]), got, v["ids"])
    print(ok, "ok", bad, "bad")
