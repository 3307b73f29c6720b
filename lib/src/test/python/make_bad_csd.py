"""Writes the small, deliberately broken .csd files that CsdReaderTest refuses, and one valid
file with an empty video (no frames) that alignment fills with zero vectors.

Run with Debian's interpreter (numpy 1.24 + h5py):
    /usr/bin/python3 lib/src/test/python/make_bad_csd.py
It rewrites lib/src/test/resources/io/tributary/data/sdk/bad/*.csd and
lib/src/test/resources/io/tributary/data/sdk/empty_video.csd. Tests only read the files.
"""

import os
import struct

import h5py
import numpy as np

OUT = os.path.join(
    os.path.dirname(os.path.abspath(__file__)),
    "..", "resources", "io", "tributary", "data", "sdk", "bad")
ROOT = "COVAREP"
DIM = 3


def frames(n, dim=DIM, step=0.01):
    """n frames of `step` seconds: intervals (n, 2) float64 and features (n, dim) float32."""
    starts = np.arange(n) * step
    intervals = np.stack([starts, starts + step], axis=1)
    features = np.arange(n * dim, dtype=np.float32).reshape(n, dim) / 10
    return intervals, features


def write(name, videos, with_data=True, out=OUT):
    """videos: video id -> dict of dataset name -> array."""
    path = os.path.join(out, name)
    with h5py.File(path, "w") as f:
        root = f.create_group(ROOT)
        meta = root.create_group("metadata")
        meta.create_dataset("root name", data=np.array([ROOT], dtype=object),
                            dtype=h5py.string_dtype())
        if not with_data:
            return path
        data = root.create_group("data")
        for video, datasets in videos.items():
            group = data.create_group(video)
            for key, array in datasets.items():
                group.create_dataset(key, data=array)
    return path


def good(n):
    intervals, features = frames(n)
    return {"intervals": intervals, "features": features}


def patch_rows(path, rows, claimed):
    """Rewrites every dataspace dimension `rows` (as uint64 little-endian) to `claimed`."""
    with open(path, "rb") as f:
        raw = f.read()
    old = struct.pack("<Q", rows)
    count = raw.count(old)
    assert count >= 2, f"{path}: expected dimension {rows} in the headers, found {count}"
    with open(path, "wb") as f:
        f.write(raw.replace(old, struct.pack("<Q", claimed)))


def main():
    os.makedirs(OUT, exist_ok=True)
    # No <root>/data group at all.
    write("missing_data_group.csd", {}, with_data=False)
    # Video v01 lacks its features dataset.
    write("missing_features.csd", {"v00": good(5), "v01": {"intervals": frames(4)[0]}})
    # Intervals of shape (n, 3).
    intervals, features = frames(6)
    wide = np.concatenate([intervals, intervals[:, :1]], axis=1)
    write("intervals_n3.csd", {"v00": {"intervals": wide, "features": features}})
    # 6 intervals but 5 feature rows.
    write("n_mismatch.csd", {"v00": {"intervals": intervals, "features": features[:5]}})
    # Features of shape (n,), not 2-D.
    write("features_1d.csd", {"v00": {"intervals": intervals, "features": features[:, 0]}})
    # Row 2 ends before it starts.
    backwards = intervals.copy()
    backwards[2] = [0.05, 0.01]
    write("interval_backwards.csd", {"v00": {"intervals": backwards, "features": features}})
    # A well-formed file cut off after 60% of its bytes.
    path = write("truncated.csd", {f"v{i:02d}": good(40) for i in range(4)})
    size = os.path.getsize(path)
    with open(path, "r+b") as f:
        f.truncate(size * 6 // 10)
    # Headers claiming 10^12 rows for datasets that hold 13 (nothing may allocate the claim).
    # Valid: video v01 has no frames at all (FACET finds no face), v00 has frames.
    empty = {"intervals": np.zeros((0, 2)), "features": np.zeros((0, DIM), dtype=np.float32)}
    write("empty_video.csd", {"v00": good(5), "v01": empty}, out=os.path.dirname(OUT))
    path = write("huge_claim.csd", {"v00": good(13)})
    patch_rows(path, 13, 10**12)
    with h5py.File(path, "r") as f:
        shapes = [f[f"{ROOT}/data/v00/{key}"].shape for key in ("intervals", "features")]
    assert shapes == [(10**12, 2), (10**12, DIM)], shapes


if __name__ == "__main__":
    main()
