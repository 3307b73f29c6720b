"""Writes a large synthetic CMU-MultimodalSDK set for timing `./msa data align` (not committed).

    /usr/bin/python3 lib/src/test/python/make_large_csd.py /tmp/sdk-large [videos]

Per video: 10 consecutive labelled segments of 2-4 s, words of 0.2-0.4 s tiling them (about one in
ten is the silence token `sp`), COVAREP-like 74-d frames at 100 Hz and FACET-like 47-d frames at
30 Hz covering the video, float32, contiguous and uncompressed as the SDK writes them.
"""

import os
import sys

import h5py
import numpy as np

SEGMENTS = 10
VOCABULARY = np.array([b"the", b"movie", b"was", b"really", b"not", b"good", b"bad", b"i"])


def frames(length, rate, dim, rng):
    n = int(np.ceil(length * rate))
    starts = np.arange(n) / rate
    intervals = np.stack([starts, starts + 1 / rate], axis=1)
    return intervals, rng.standard_normal((n, dim), dtype=np.float32)


def open_sequence(path, root):
    f = h5py.File(path, "w")
    group = f.create_group(root)
    meta = group.create_group("metadata")
    meta.create_dataset("root name", data=np.array([root], dtype=object),
                        dtype=h5py.string_dtype())
    return f, group.create_group("data")


def main():
    out = sys.argv[1]
    videos = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(0)
    files = {name: open_sequence(os.path.join(out, name + ".csd"), root) for name, root in [
        ("words", "words"), ("covarep", "COVAREP"), ("facet", "FACET_4.2"),
        ("labels", "Opinion Segment Labels")]}
    for v in range(videos):
        video = f"video{v:05d}"
        bounds = np.concatenate([[0.5], 0.5 + np.cumsum(rng.uniform(2, 4, SEGMENTS))])
        segments = np.stack([bounds[:-1], bounds[1:]], axis=1)
        labels = rng.uniform(-3, 3, (SEGMENTS, 1))
        word_bounds = [bounds[0]]
        while word_bounds[-1] < bounds[-1]:
            word_bounds.append(min(word_bounds[-1] + rng.uniform(0.2, 0.4), bounds[-1]))
        word_bounds = np.array(word_bounds)
        words = np.stack([word_bounds[:-1], word_bounds[1:]], axis=1)
        tokens = VOCABULARY[rng.integers(0, len(VOCABULARY), len(words))]
        tokens[rng.random(len(words)) < 0.1] = b"sp"
        length = bounds[-1] + 0.5
        sequences = {
            "labels": (segments, labels),
            "words": (words, tokens.reshape(-1, 1).astype("S32")),
            "covarep": frames(length, 100, 74, rng),
            "facet": frames(length, 30, 47, rng),
        }
        for name, (intervals, features) in sequences.items():
            group = files[name][1].create_group(video)
            group.create_dataset("intervals", data=intervals)
            group.create_dataset("features", data=features)
    for f, _ in files.values():
        f.close()


if __name__ == "__main__":
    main()
