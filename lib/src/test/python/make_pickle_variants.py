"""Writes the pickle variants the Java unpickler is tested on (run once; the output is committed).

Run with numpy 2.x (pyenv python3) and numpy 1.x (Debian /usr/bin/python3); each run writes
np<major>_p<protocol>.pkl for protocols 2, 4 and 5 into lib/src/test/resources/pickle/variants/,
and the numpy 2.x run also writes expected.json, the values every variant must give.
"""

import json
import os
import pickle
import sys

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "pickle", "variants")


def content():
    f32 = (np.arange(60, dtype=np.float32).reshape(3, 4, 5) - 30.0) / 8.0
    f32[0, 1, 2] = -np.inf
    f32[2, 3, 4] = np.nan
    f32[1, 0, 0] = np.inf
    return {
        "f32": f32,
        "f64": np.array([[1.5, -2.25, 1e300], [0.0, -0.0, 3.0]], dtype=np.float64),
        "i64": np.arange(24, dtype=np.int64).reshape(2, 3, 4) * -7 + 5,
        "i32": np.array([[-(2**31), 2**31 - 1, 0]], dtype=np.int32),
        "u8": np.array([0, 1, 255], dtype=np.uint8),
        "bool": np.array([[True, False], [False, True]]),
        "be_f4": np.array([1.0, -2.5, 1e-3], dtype=">f4"),
        "fortran_f32": np.asfortranarray(np.arange(12, dtype=np.float32).reshape(3, 4) * 0.5),
        "fortran_i64": np.asfortranarray(np.arange(24, dtype=np.int64).reshape(2, 3, 4)),
        "strings": np.array(["plain", "accentué", "漢字", ""], dtype=object),
        "unicode": np.array(["ab", "ünï"]),
        "bytes_s": np.array([[b"vid", b"0.5"], [b"x", b""]]),
        "empty_f32": np.zeros((0, 5), dtype=np.float32),
        "empty_obj": np.array([], dtype=object),
        "scalars": [np.int64(7), np.float32(0.5), np.bool_(True)],
        "big": (np.arange(17000, dtype=np.float32) % 97) * 0.25,
        "nested": (1, 2.5, None, True, "x", b"raw", [2**70, -1]),
    }


def plain(v):
    if isinstance(v, bytes):
        return v.decode("utf-8")
    if isinstance(v, float) and not np.isfinite(v):
        return None
    return v


def expected(data):
    out = {}
    for key, value in data.items():
        if isinstance(value, np.ndarray):
            out[key] = {
                "shape": list(value.shape),
                "dtype": str(value.dtype),
                "values": [plain(v) for v in value.ravel(order="C").tolist()],
            }
    return out


def main():
    major = int(np.__version__.split(".")[0])
    data = content()
    for protocol in (2, 4, 5):
        path = os.path.join(OUT, "np%d_p%d.pkl" % (major, protocol))
        with open(path, "wb") as f:
            pickle.dump(data, f, protocol=protocol)
    if major >= 2:
        with open(os.path.join(OUT, "expected.json"), "w") as f:
            json.dump(expected(data), f, ensure_ascii=False)
    print("numpy", np.__version__, "python", sys.version.split()[0], "->", OUT)


if __name__ == "__main__":
    main()
