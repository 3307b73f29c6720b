"""Writes lib/src/test/resources/report/paired_tests.json: the p values of the paired tests the
results table reports, computed by scipy 1.17 for pairs of per-seed scores x (a row) and y (the
reference row):
    p_t: scipy.stats.ttest_rel(x, y).pvalue (two-sided)
    p_wilcoxon: scipy.stats.wilcoxon(x, y, method="exact").pvalue (two-sided, zeros dropped)
A p value scipy leaves NaN (all differences zero) is written null.

Run with scipy 1.17:
    python3 lib/src/test/python/make_paired_test_cases.py
"""
import json
import math
import pathlib
import warnings

import scipy
from scipy.stats import ttest_rel, wilcoxon

OUT = pathlib.Path(__file__).parents[1] / "resources" / "report" / "paired_tests.json"

CASES = {
    "distinct": ([0.81, 0.79, 0.83, 0.80, 0.82], [0.78, 0.80, 0.79, 0.77, 0.76]),
    "all_positive": ([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], [0.5, 1.0, 1.5, 2.0, 2.5, 3.0]),
    "tied_differences": ([0.8, 0.9, 0.7, 0.6, 0.85], [0.7, 0.8, 0.8, 0.5, 0.8]),
    "zero_difference": ([0.8, 0.9, 0.7, 0.6, 0.5, 0.4], [0.8, 0.8, 0.8, 0.5, 0.4, 0.45]),
    "ties_and_zeros": ([3.0, 5.0, 2.0, 7.0, 4.0, 6.0, 1.0], [1.0, 3.0, 4.0, 7.0, 2.0, 6.0, 0.0]),
    "all_zero": ([0.5, 0.6, 0.7], [0.5, 0.6, 0.7]),
    "two_seeds": ([0.5, 0.7], [0.4, 0.5]),
    "constant_difference": ([0.5, 0.6, 0.7], [0.4, 0.5, 0.6]),
    "ten_seeds": (
        [0.71, 0.74, 0.69, 0.75, 0.73, 0.72, 0.70, 0.76, 0.74, 0.71],
        [0.70, 0.75, 0.66, 0.71, 0.73, 0.69, 0.72, 0.70, 0.71, 0.70],
    ),
}


def finite_or_none(value):
    value = float(value)
    return value if math.isfinite(value) else None


def main():
    assert scipy.__version__.startswith("1.17"), scipy.__version__
    cases = []
    for name, (x, y) in CASES.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            p_t = ttest_rel(x, y).pvalue
            try:
                p_w = wilcoxon(x, y, method="exact").pvalue
            except ValueError:
                p_w = math.nan
        cases.append(
            {"name": name, "x": x, "y": y, "p_t": finite_or_none(p_t), "p_wilcoxon": finite_or_none(p_w)}
        )
    OUT.write_text(json.dumps({"scipy": scipy.__version__, "cases": cases}, indent=2) + "\n")


if __name__ == "__main__":
    main()
