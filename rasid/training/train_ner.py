"""Train the named-entity tagger (dictionaries/ner.py) on ANERcorp; write rasid/data/models/ner.crfsuite.

    python -m rasid.training.train_ner [--data ../shared/data] [--out rasid/data/models/ner.crfsuite]

(`make models` runs it; python-crfsuite is a core dependency, since tagging needs it at run time.)

1. Data: DATA/anercorp/{train,dev,test}_data.txt (one `token TAG` a line, BIO tags of PERS, ORG, LOC,
   MISC; Benajiba et al. 2007, CC BY-SA 4.0). Each token goes through Rasid's text layer (normalised,
   tokenised), as text does at run time: a token of punctuation alone is dropped, one that the text layer
   splits ('اعتداءات11') gives its words the token's entity.
2. Selection on dev: the CRF (L-BFGS, a fixed number of iterations: no randomness) is trained on train
   for each c1 × c2 of the grid with the feature groups of `ner.FEATURES`; the best entity F1 on dev
   wins. At that setting, each feature group is left out in turn (an ablation, printed: the groups
   of `ner.FEATURES` are those whose removal costs dev F1).
3. The shipped model: the chosen settings trained on train + dev; its entity-level precision,
   recall and F1 per type on test (exact span and type, as conlleval) are printed and written to
   `ner-eval.txt` beside the model. CRFsuite writes the same bytes for the same data and settings.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pycrfsuite

from rasid.dictionaries.ner import FEATURES, spans, token_features
from rasid.text import normalise, tokenize

ROOT = Path(__file__).resolve().parents[2]
ITERATIONS = 100
MINFREQ = 2  # features seen once are dropped: they do not generalise, and keep the file small
DEFAULT_C1S = "0.05,0.1,0.3"
DEFAULT_C2S = "0.01,0.1"
ENTITY_TYPES = ("PERS", "ORG", "LOC", "MISC")

Sentence = tuple[list[str], list[str]]


def read_conll(path: Path) -> list[Sentence]:
    """Sentences of an ANERcorp file as (words, BIO tags), the words as the text layer gives them."""
    sents: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        parts = line.split()
        if len(parts) < 2 or parts[0] == "-DOCSTART-":
            if words:
                sents.append((words, tags))
            words, tags = [], []
            continue
        tok, tag = " ".join(parts[:-1]), parts[-1]
        pieces = tokenize(normalise(tok).norm).words
        for k, w in enumerate(pieces):
            words.append(w)
            tags.append("I-" + tag[2:] if k and tag.startswith("B-") else tag)
    return sents


def fit(sents: Sequence[Sentence], c1: float, c2: float, groups: frozenset[str] = FEATURES) -> bytes:
    """The bytes of a CRFsuite model trained on `sents`."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for words, tags in sents:
        trainer.append(token_features(words, groups), tags)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": ITERATIONS, "feature.minfreq": MINFREQ,
                        "feature.possible_transitions": True})
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ner.crfsuite"
        trainer.train(str(path))
        return path.read_bytes()


def predict(model: bytes, sents: Sequence[Sentence], groups: frozenset[str] = FEATURES) -> list[list[str]]:
    tagger = pycrfsuite.Tagger()
    tagger.open_inmemory(model)
    return [list(tagger.tag(token_features(words, groups))) for words, _ in sents]


def score(gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]]) -> dict[str, tuple[float, float, float, int]]:
    """Entity-level (precision, recall, F1, gold count) per type and 'overall': exact span and type."""
    counts = {t: [0, 0, 0] for t in (*ENTITY_TYPES, "overall")}  # tp, predicted, gold
    for g, p in zip(gold, pred, strict=True):
        gs, ps = set(spans(g)), set(spans(p))
        for e in gs:
            counts[e[0]][2] += 1
            counts["overall"][2] += 1
        for e in ps:
            counts[e[0]][1] += 1
            counts["overall"][1] += 1
            if e in gs:
                counts[e[0]][0] += 1
                counts["overall"][0] += 1
    out = {}
    for t, (tp, npred, ngold) in counts.items():
        prec = tp / npred if npred else 0.0
        rec = tp / ngold if ngold else 0.0
        out[t] = (prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0, ngold)
    return out


def table(figs: dict[str, tuple[float, float, float, int]]) -> list[str]:
    lines = ["type      precision  recall     F1  entities"]
    lines += [f"{t:<8}  {p:9.3f}  {r:6.3f}  {f:5.3f}  {n:8d}" for t, (p, r, f, n) in figs.items()]
    return lines


def train(data: Path, c1s: list[float], c2s: list[float], log: Callable[[str], None] = print,
          eval_file: Path | None = None) -> bytes:
    """The model's bytes; prints the selection on dev and the test figures (written to `eval_file`)."""
    t0 = time.time()
    corpus = data / "anercorp"
    tr, dev, test = (read_conll(corpus / f"{s}_data.txt") for s in ("train", "dev", "test"))
    log(f"ANERcorp: {len(tr)} train, {len(dev)} dev, {len(test)} test sentences")
    dev_gold = [tags for _, tags in dev]
    grid = []
    for c1 in c1s:
        for c2 in c2s:
            f1 = score(dev_gold, predict(fit(tr, c1, c2), dev))["overall"][2]
            grid.append((f1, c1, c2))
            log(f"  dev F1 {f1:.4f}  c1={c1} c2={c2}  ({time.time() - t0:.0f}s)")
    best, c1, c2 = max(grid, key=lambda g: (round(g[0], 4), -g[1], -g[2]))  # ties: the smaller c1, c2
    groups = FEATURES
    ablation = [f"all feature groups: dev F1 {best:.4f}"]
    for g in sorted(FEATURES - {"word"}):
        without = groups - {g}
        f1 = score(dev_gold, predict(fit(tr, c1, c2, without), dev, without))["overall"][2]
        ablation.append(f"without {g}: dev F1 {f1:.4f}")
        log(f"  {ablation[-1]}")
    model = fit(tr + dev, c1, c2, groups)
    figs = score([tags for _, tags in test], predict(model, test, groups))
    head = (f"Named-entity tagger (rasid/data/models/ner.crfsuite): CRF (python-crfsuite, L-BFGS, "
            f"{ITERATIONS} iterations, feature.minfreq {MINFREQ}), c1={c1} c2={c2}, feature groups "
            f"{', '.join(sorted(groups))}; trained on ANERcorp train + dev, chosen on dev.")
    lines = [head,
             "Selection on dev (trained on train): " + "; ".join(f"c1={a} c2={b} F1 {f:.4f}" for f, a, b in grid),
             "Ablation on dev: " + "; ".join(ablation),
             "",
             "Entity-level figures on ANERcorp test_data.txt (exact span and type, as conlleval):",
             *table(figs),
             "",
             "ANERcorp: Benajiba, Rosso and Benedí (2007), CC BY-SA 4.0 (rasid/data/models/NOTICE)."]
    log("\n" + "\n".join(lines))
    if eval_file is not None:
        eval_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    log(f"model: {len(model) / 1e6:.2f} MB; {time.time() - t0:.0f}s")
    return model


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=ROOT / "rasid" / "data" / "models" / "ner.crfsuite")
    ap.add_argument("--c1s", default=DEFAULT_C1S, help="L1 penalties to choose from")
    ap.add_argument("--c2s", default=DEFAULT_C2S, help="L2 penalties to choose from")
    args = ap.parse_args(argv)
    eval_file = args.out.with_name(args.out.name.split(".")[0] + "-eval.txt")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model = train(args.data, [float(c) for c in args.c1s.split(",")], [float(c) for c in args.c2s.split(",")],
                  eval_file=eval_file)
    args.out.write_bytes(model)
    print(f"wrote {os.path.relpath(args.out)}")
    print(f"wrote {os.path.relpath(eval_file)}")


if __name__ == "__main__":
    main()
