"""Writes small pickles in the layouts of the field's corpus files (run once; output committed).

Into lib/src/test/resources/pickle/corpora/:
- mag_mosi.pkl: MAG-BERT's mosi.pkl layout, {train, dev, test} -> list of
  ((words, visual (L, 47), acoustic (L, 74)), label (1, 1), segment);
- mult_mosi.pkl: MulT's *_data.pkl layout, {train, valid, test} -> {text (N, T, 300) GloVe,
  audio (N, T, 74) with -inf, vision (N, T, 35), labels (N, 1, 1), id (N, 3) bytes};
- mult_iemocap.pkl: the same with IEMOCAP's labels (N, 4, 2), one-hot per emotion;
- sims_unaligned_39.pkl: MMSA's CH-SIMS layout with regression_labels_T/A/V and lengths (without
  the (N, 39, 768) `text` features, which the readers never need and which would weigh 1 MB);
- expected.json: values the readers must give.
Run with pyenv python3 (numpy 2.x); MAG-BERT's file is written at protocol 2 as Python 2 era
tools did, MulT's at protocol 4, SIMS at protocol 5.
"""

import json
import os
import pickle

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "pickle", "corpora")
rng = np.random.default_rng(7)


def mag():
    data, expected = {}, {}
    for split, n in (("train", 3), ("dev", 2), ("test", 2)):
        examples, labels = [], []
        for i in range(n):
            words = ["good", "movie", "really"][: 1 + (i % 3)] + ["end"]
            visual = rng.standard_normal((len(words), 47)).astype(np.float32)
            acoustic = rng.standard_normal((len(words), 74)).astype(np.float32)
            if i == 0:
                acoustic[1, 3] = -np.inf
            label = np.array([[round(float(rng.uniform(-3, 3)), 3)]])
            words_value = np.array(words) if i % 2 == 0 else words
            examples.append(((words_value, visual, acoustic), label, "seg%s_%d" % (split, i)))
            labels.append(float(label[0, 0]))
        data[split] = examples
        expected[split] = {
            "count": n,
            "labels": labels,
            "words": [list(map(str, e[0][0])) for e in examples],
            "visual00": [float(e[0][1][0, 0]) for e in examples],
        }
    with open(os.path.join(OUT, "mag_mosi.pkl"), "wb") as f:
        pickle.dump(data, f, protocol=2)
    return expected


def mult(name, labels_of):
    data, expected = {}, {}
    for split, n in (("train", 4), ("valid", 2), ("test", 2)):
        t = 6
        lengths = rng.integers(1, t + 1, size=n)
        mask = (np.arange(t)[None, :] < lengths[:, None])[..., None]
        text = (rng.standard_normal((n, t, 300)) * mask).astype(np.float32)
        audio = (rng.standard_normal((n, t, 74)) * mask).astype(np.float32)
        vision = (rng.standard_normal((n, t, 35)) * mask).astype(np.float32)
        audio[0, 0, 0] = -np.inf
        labels = labels_of(n)
        split_data = {"vision": vision, "audio": audio, "text": text, "labels": labels}
        if name == "mult_mosi":
            # MulT's MOSI ids: (N, 3) bytes [video, start, end]
            split_data["id"] = np.array([[b"clip%d" % i, b"%d" % i, b"%d" % (i + 1)] for i in range(n)])
        data[split] = split_data
        expected[split] = {
            "count": n,
            "lengths": lengths.tolist(),
            "labels": labels.reshape(n, -1).tolist(),
            "text000": float(text[0, 0, 0]),
        }
    with open(os.path.join(OUT, name + ".pkl"), "wb") as f:
        pickle.dump(data, f, protocol=4)
    return expected


def iemocap_labels(n):
    classes = rng.integers(0, 2, size=(n, 4))
    return np.eye(2, dtype=np.float32)[classes]


def sims():
    data, expected = {}, {}
    for split, n in (("train", 3), ("valid", 2), ("test", 2)):
        t, ta, tv = 39, 5, 3
        split_data = {
            "raw_text": np.array(["今天很好", "不错", "一般"][:n], dtype=object),
            "id": np.array(["video_%04d$_$%d" % (i, i) for i in range(n)], dtype=object),
            "text_bert": np.zeros((n, 3, t), dtype=np.float64),
            "audio": rng.standard_normal((n, ta, 33)).astype(np.float32),
            "vision": rng.standard_normal((n, tv, 709)).astype(np.float32),
            "audio_lengths": [int(x) for x in rng.integers(1, ta + 1, size=n)],
            "vision_lengths": rng.integers(1, tv + 1, size=n),
            "regression_labels": rng.uniform(-1, 1, size=n).astype(np.float32),
            "regression_labels_T": rng.uniform(-1, 1, size=n).astype(np.float32),
            "regression_labels_A": rng.uniform(-1, 1, size=n).astype(np.float32),
            "regression_labels_V": rng.uniform(-1, 1, size=n).astype(np.float32),
            "classification_labels": np.zeros(n, dtype=np.float32),
            "annotations": np.array(["Neutral"] * n, dtype=object),
        }
        split_data["text_bert"][:, 0, :4] = [[101, 791, 1921, 102]] * n
        split_data["text_bert"][:, 1, :4] = 1
        data[split] = split_data
        expected[split] = {
            "count": n,
            "audio_lengths": split_data["audio_lengths"],
            "vision_lengths": split_data["vision_lengths"].tolist(),
            "regression_labels_A": split_data["regression_labels_A"].tolist(),
        }
    with open(os.path.join(OUT, "sims_unaligned_39.pkl"), "wb") as f:
        pickle.dump(data, f, protocol=5)
    return expected


def main():
    expected = {
        "mag_mosi": mag(),
        "mult_mosi": mult("mult_mosi", lambda n: rng.uniform(-3, 3, size=(n, 1, 1)).astype(np.float32)),
        "mult_iemocap": mult("mult_iemocap", iemocap_labels),
        "sims_unaligned_39": sims(),
    }
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
