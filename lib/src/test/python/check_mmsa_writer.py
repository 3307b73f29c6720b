"""Cross-checks a pickle written by MmsaPickleWriter against numpy 1.x and pickle itself.

Run once by hand (the Java tests do not need Python), from the repository root:
    ./msa data synth --out /tmp/synthetic.pkl --seed 1111 --layout aligned --bert datasets/bert-tiny
    jshell --class-path lib/target/tributary-cli.jar -R-Dseed=1111 -R-Dlayout=aligned \
        -R-Dout=/tmp/synthetic.json lib/src/test/python/dump_synthetic.jsh
    /usr/bin/python3 lib/src/test/python/check_mmsa_writer.py /tmp/synthetic.pkl /tmp/synthetic.json

(and the same with --layout unaligned and -R-Dlayout=unaligned).
/usr/bin/python3 is Debian's, with python3-numpy (numpy 1.24). The JSON holds the corpus as the
generator made it, before any pickling. The script checks that
  1. pickle.load gives MMSA's keys with the dtypes and shapes numpy would use, and every array
     equals the generator's values (raw_text, classification_labels and annotations derived from
     them as MMSA defines them);
  2. pickle.dumps(..., protocol=4) of a dict built here from those values with numpy gives the
     Java file byte for byte, and so does dumping the loaded dict again.
"""
import json
import pickle
import sys

import numpy as np

assert np.__version__.startswith("1."), np.__version__
pkl_path, json_path = sys.argv[1], sys.argv[2]
data = open(pkl_path, "rb").read()
loaded = pickle.loads(data)
want = json.load(open(json_path))
vocab = want["vocabulary"]

NEGATIVE, NEUTRAL, POSITIVE = "Negative", "Neutral", "Positive"


def raw_text(ids, mask):
    """The words of the ids; a str object of its own (decoded, as MMSA's texts are read from its
    label CSV), not a vocabulary entry that " ".join returns for a single word."""
    words = []
    for i, m in zip(ids, mask):
        token = vocab[i]
        if m == 0 or token in ("[CLS]", "[SEP]", "[PAD]"):
            continue
        if token.startswith("##") and words:
            words[-1] += token[2:]
        else:
            words.append(token)
    return " ".join(words).encode("utf-8").decode("utf-8")


def built(split):
    """The split as MMSA's Python would build it, from the generator's values."""
    n = len(split["id"])
    labels = np.array(split["labels"], dtype=np.float32)
    classes = np.where(labels < 0, 0, np.where(labels == 0, 1, 2)).astype(np.float32)
    names = [NEGATIVE, NEUTRAL, POSITIVE]
    audio = np.array(split["audio"], dtype=np.float32)
    vision = np.array(split["vision"], dtype=np.float32)
    arrays = {
        "raw_text": np.array([raw_text(i, m) for i, m in zip(split["ids"], split["mask"])], dtype=object),
        "id": np.array([str(s) for s in split["id"]], dtype=object),
        "text_bert": np.stack(
            [np.array(split["ids"]), np.array(split["mask"]), np.array(split["segments"])], axis=1
        ).astype(np.int64),
        "audio": audio.reshape(n, split["audio_steps"], -1),
        "vision": vision.reshape(n, split["vision_steps"], -1),
    }
    if want["layout"] == "unaligned":
        arrays["audio_lengths"] = np.array(split["audio_lengths"], dtype=np.int64)
        arrays["vision_lengths"] = np.array(split["vision_lengths"], dtype=np.int64)
    arrays.update({
        "regression_labels": labels,
        "classification_labels": classes,
        "annotations": np.array([names[int(c)] for c in classes], dtype=object),
    })
    return arrays


expected = {name: built(want[name]) for name in ("train", "valid", "test")}
assert list(loaded) == list(expected), list(loaded)
for name, arrays in expected.items():
    got = loaded[name]
    assert list(got) == list(arrays), (name, list(got))
    for key, array in arrays.items():
        g = got[key]
        assert g.dtype == array.dtype and g.shape == array.shape, (name, key, g.dtype, g.shape)
        assert g.flags["C_CONTIGUOUS"], (name, key)
        if array.dtype == object:
            assert list(g) == list(array), (name, key)
        else:
            assert np.array_equal(g.view(np.uint8), array.view(np.uint8)), (name, key)
    n, steps = arrays["audio"].shape[:2]
    # aligned: no lengths keys, so each length must be the first all-zero frame
    for modality in ("audio", "vision") if want["layout"] == "aligned" else ():
        frames = got[modality]
        zero = np.all(frames == 0, axis=2)
        first = np.where(zero.any(axis=1), zero.argmax(axis=1), steps)
        assert list(first) == want[name][modality + "_lengths"], (name, modality)
    print(f"{name}: {n} samples, keys and values equal, " + ", ".join(
        f"{k} {got[k].dtype}{list(got[k].shape)}" for k in got if k.startswith(("text_", "aud", "vis"))))

assert pickle.dumps(loaded, protocol=4) == data, "re-dumping the loaded dict differs"
assert pickle.dumps(expected, protocol=4) == data, "numpy's own pickle of the values differs"
print(f"{pkl_path}: {len(data)} bytes, identical to pickle.dumps(protocol=4) of the values built"
      " with numpy", np.__version__)
