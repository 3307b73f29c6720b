"""Writes lib/src/test/resources/pickle/writer/numpy_layout.pkl: a pickle made by CPython's own
pickler (protocol 4) with numpy 1.x's arrays, for PicklerTest to reproduce byte for byte.

Run with Debian's python3 and python3-numpy (numpy 1.24):
    /usr/bin/python3 lib/src/test/python/make_pickler_golden.py

It covers what the writer must get right besides MMSA's own files: more than 1000 list items (two
MARK ... APPENDS batches, the last of one item: CPython's C pickler uses APPEND only for a list of
one), more than 256 memo entries (LONG_BINGET), a str over 255 bytes (BINUNICODE) and non-ASCII
text, the cached one-character and empty str, small values that fill a frame to 64 KiB (committed
before the next value), an array 4 bytes under 64 KiB (inside a frame) and one 4 bytes over
(outside the frames), empty arrays (the shared b''), a dimension over 65535 (BININT), a
rank-4 shape (MARK ... TUPLE), an empty dict and a dict of one item (SETITEM).
"""
import pathlib
import pickle

import numpy as np

assert np.__version__.startswith("1."), np.__version__

texts = [f"sample text number {i}" for i in range(3000)]
texts[5] = "a"
texts[9] = "a"
texts[11] = ""
texts[12] = "caf\u00e9 \u263a \U0001f600"
texts[13] = "long " * 60
raw_text = np.array(texts, dtype=object)

labels = ["Negative", "Neutral", "Positive"]
annotations = np.empty(1001, dtype=object)
for i in range(1001):
    annotations[i] = labels[i % 3]

audio = (np.arange(100 * 4 * 3, dtype=np.float32) / 7).reshape(100, 4, 3)
audio[0, 0, 0] = -np.inf
audio[1, 2, 1] = np.nan

train = {
    "raw_text": raw_text,
    "audio": audio,
    "annotations": annotations,
    "text_bert": np.arange(45, dtype=np.int64).reshape(3, 3, 5) - 7,
    "just_under": np.linspace(-1, 1, 16383, dtype=np.float32),
    "just_over": np.linspace(-2, 2, 16385, dtype=np.float32),
    "empty": np.zeros((0, 70000), dtype=np.float32),
    "empty_lengths": np.zeros((0,), dtype=np.int64),
    "four": np.arange(4, dtype=np.float32).reshape(1, 2, 1, 2),
}
top = {
    "train": train,
    "valid": {},
    "test": {"labels": np.array([0.5, -3.0], dtype=np.float32)},
}
out = pathlib.Path(__file__).resolve().parents[1] / "resources/pickle/writer/numpy_layout.pkl"
with open(out, "wb") as f:
    pickle.dump(top, f, protocol=4)
print(out, out.stat().st_size, "bytes")
