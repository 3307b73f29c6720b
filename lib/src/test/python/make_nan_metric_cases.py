"""Writes lib/src/test/resources/metrics/nan_cases.json: the metrics of predictions holding NaN, as
a diverged model hands them to the metrics, computed by MMSA's formulas (MMSA/utils/metricsTop.py,
MetricsTop.__eval_mosei_regression and __eval_sims_regression) and MulT's (src/eval_metrics.py,
eval_iemocap), transcribed below with the torch tensors replaced by float32 arrays.

Run with numpy 1.x or 2.x (the comparisons of float32 arrays with Python floats are float32 in
both):
    python3 lib/src/test/python/make_nan_metric_cases.py

What numpy does with a NaN there: np.clip and np.round keep it NaN and NaN == c is False, so
Mult_acc_5 and Mult_acc_7 never credit it; NaN >= 0 and NaN > 0 are False, so Has0 and Non0 count it
negative; NaN != 0 is True, so a NaN label stays among the non-zeros; a NaN falls in no SIMS bin
(both comparisons are False), so it keeps its value NaN in the bin arrays and Mult_acc_2/3/5 never
credit it; np.mean and np.corrcoef give NaN for MAE and Corr; np.argmax returns the index of the
first NaN.

scikit-learn is not installed here, so accuracy_score and f1_score(average='weighted') are written
below in numpy by scikit-learn's definitions. scikit-learn's f1_score refuses a float array holding
NaN (ValueError: Input y_pred contains NaN), so MMSA's SIMS F1_score has no value for NaN
predictions; here NaN is a bin of its own that agrees with nothing, NaN included: NaN bins of the
labels become class -1 and those of the predictions class -2 before f1_score, which is what
scikit-learn then computes.
"""
import json
import pathlib

import numpy as np

OUT = pathlib.Path(__file__).parents[1] / "resources" / "metrics" / "nan_cases.json"
NAN = float("nan")


def accuracy_score(y_true, y_pred):
    """sklearn.metrics.accuracy_score: the fraction of positions where the two agree."""
    return float(np.average(np.asarray(y_true) == np.asarray(y_pred)))


def f1_score(y_true, y_pred, average="weighted"):
    """sklearn.metrics.f1_score(average='weighted'): over the sorted union of the labels, F1_c =
    2 TP_c / (support_c + predicted_c) (0 where TP_c is 0), averaged with weights support_c."""
    assert average == "weighted"
    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_pred)
    assert not np.isnan(y_true.astype(float)).any() and not np.isnan(y_pred.astype(float)).any()
    labels = np.unique(np.concatenate([y_true, y_pred]))
    f1 = [
        2 * np.sum((y_true == c) & (y_pred == c)) / (np.sum(y_true == c) + np.sum(y_pred == c))
        for c in labels
    ]
    support = [np.sum(y_true == c) for c in labels]
    return float(np.average(f1, weights=support))


def multiclass_acc(y_pred, y_true):
    return np.sum(np.round(y_pred) == np.round(y_true)) / float(len(y_true))


def eval_mosei_regression(test_preds, test_truth):
    test_preds_a7 = np.clip(test_preds, a_min=-3.0, a_max=3.0)
    test_truth_a7 = np.clip(test_truth, a_min=-3.0, a_max=3.0)
    test_preds_a5 = np.clip(test_preds, a_min=-2.0, a_max=2.0)
    test_truth_a5 = np.clip(test_truth, a_min=-2.0, a_max=2.0)

    mae = np.mean(np.absolute(test_preds - test_truth)).astype(np.float64)
    corr = np.corrcoef(test_preds, test_truth)[0][1]
    mult_a7 = multiclass_acc(test_preds_a7, test_truth_a7)
    mult_a5 = multiclass_acc(test_preds_a5, test_truth_a5)

    non_zeros = np.array([i for i, e in enumerate(test_truth) if e != 0])
    non_zeros_binary_truth = test_truth[non_zeros] > 0
    non_zeros_binary_preds = test_preds[non_zeros] > 0

    non_zeros_acc2 = accuracy_score(non_zeros_binary_preds, non_zeros_binary_truth)
    non_zeros_f1_score = f1_score(
        non_zeros_binary_truth, non_zeros_binary_preds, average="weighted"
    )

    binary_truth = test_truth >= 0
    binary_preds = test_preds >= 0
    acc2 = accuracy_score(binary_preds, binary_truth)
    f_score = f1_score(binary_truth, binary_preds, average="weighted")

    return {
        "Has0_acc_2": round(acc2, 4),
        "Has0_F1_score": round(f_score, 4),
        "Non0_acc_2": round(non_zeros_acc2, 4),
        "Non0_F1_score": round(non_zeros_f1_score, 4),
        "Mult_acc_5": round(mult_a5, 4),
        "Mult_acc_7": round(mult_a7, 4),
        "MAE": round(mae, 4),
        "Corr": round(corr, 4),
    }


def sims_bins(values, edges):
    """MMSA's loops: values in (edges[i], edges[i + 1]] become i; the others (NaN) keep their
    value."""
    bins = values.copy()
    for i in range(len(edges) - 1):
        bins[np.logical_and(values > edges[i], values <= edges[i + 1])] = i
    return bins


def eval_sims_regression(test_preds, test_truth):
    test_preds = np.clip(test_preds, a_min=-1.0, a_max=1.0)
    test_truth = np.clip(test_truth, a_min=-1.0, a_max=1.0)

    test_preds_a2 = sims_bins(test_preds, [-1.01, 0.0, 1.01])
    test_truth_a2 = sims_bins(test_truth, [-1.01, 0.0, 1.01])
    test_preds_a3 = sims_bins(test_preds, [-1.01, -0.1, 0.1, 1.01])
    test_truth_a3 = sims_bins(test_truth, [-1.01, -0.1, 0.1, 1.01])
    test_preds_a5 = sims_bins(test_preds, [-1.01, -0.7, -0.1, 0.1, 0.7, 1.01])
    test_truth_a5 = sims_bins(test_truth, [-1.01, -0.7, -0.1, 0.1, 0.7, 1.01])

    mae = np.mean(np.absolute(test_preds - test_truth)).astype(np.float64)
    corr = np.corrcoef(test_preds, test_truth)[0][1]
    mult_a2 = multiclass_acc(test_preds_a2, test_truth_a2)
    mult_a3 = multiclass_acc(test_preds_a3, test_truth_a3)
    mult_a5 = multiclass_acc(test_preds_a5, test_truth_a5)
    # NaN as a bin of its own (see the module's docstring): -1 in the labels, -2 in the predictions.
    f_score = f1_score(
        np.nan_to_num(test_truth_a2, nan=-1.0),
        np.nan_to_num(test_preds_a2, nan=-2.0),
        average="weighted",
    )

    return {
        "Mult_acc_2": round(mult_a2, 4),
        "Mult_acc_3": round(mult_a3, 4),
        "Mult_acc_5": round(mult_a5, 4),
        "F1_score": round(f_score, 4),
        "MAE": round(mae, 4),
        "Corr": round(corr, 4),
    }


def eval_iemocap(test_preds, test_truth):
    """MulT's eval_iemocap (single < 0), returning what it prints, rounded to 4 places as MMSA."""
    results = {}
    for emo_ind, emo in enumerate(["Neutral", "Happy", "Sad", "Angry"]):
        test_preds_i = np.argmax(test_preds[:, emo_ind], axis=1)
        test_truth_i = test_truth[:, emo_ind]
        results[emo + "_acc"] = round(accuracy_score(test_truth_i, test_preds_i), 4)
        results[emo + "_F1"] = round(f1_score(test_truth_i, test_preds_i, average="weighted"), 4)
    return results


REGRESSION = {
    "MOSI": eval_mosei_regression,
    "MOSEI": eval_mosei_regression,
    "SIMS": eval_sims_regression,
}

# dataset, what the case shows, predictions, labels
REGRESSION_CASES = [
    (
        "MOSI",
        "NaN where the label rounds to 0 (0, 0.3, -0.4, -0.0) and where it does not (-2, 2.6)",
        [NAN, 0.2, NAN, 1.4, NAN, -0.6, NAN, -1.7, NAN, 2.2, NAN, -0.1],
        [0.0, 0.0, 0.3, 1.0, -0.4, -1.0, -2.0, -2.0, 2.6, 2.6, -0.0, 0.4],
    ),
    (
        "MOSEI",
        "NaN where the label rounds to 0 and elsewhere, labels past the clip bounds",
        [NAN, 0.4, -3.6, NAN, NAN, 1.1, NAN, -0.2],
        [0.2, -0.2, -3.0, 3.0, -0.3, 1.3, 0.0, -1.6],
    ),
    (
        "MOSEI",
        "every prediction NaN",
        [NAN, NAN, NAN, NAN, NAN, NAN],
        [0.0, 0.4, -0.4, 1.6, -2.2, 3.0],
    ),
    (
        "MOSI",
        "a NaN label beside a NaN prediction: NaN never equals NaN",
        [NAN, 0.3, NAN, 1.2, -1.0],
        [NAN, NAN, 0.2, 1.0, -1.2],
    ),
    (
        "SIMS",
        "NaN where the label falls in the first bin of 2, 3 and 5 (-0.8), of 2 and 3 (-0.2),"
        " of 2 (0.0), and in none (0.05, 0.5)",
        [NAN, -0.9, NAN, -0.3, NAN, 0.05, NAN, 0.6, NAN, 0.9],
        [-0.8, -0.8, -0.2, -0.2, 0.0, 0.0, 0.05, 0.5, 0.5, 1.0],
    ),
    (
        "SIMS",
        "every prediction NaN",
        [NAN, NAN, NAN, NAN, NAN],
        [-1.0, -0.4, 0.0, 0.3, 0.8],
    ),
    (
        "SIMS",
        "a NaN label beside a NaN prediction: NaN never equals NaN",
        [NAN, 0.3, NAN, -0.5, 0.8],
        [NAN, NAN, -0.6, -0.4, 0.9],
    ),
]

# what the case shows, logits (N, 4, 2), labels (N, 4)
IEMOCAP_CASES = [
    (
        "NaN in the first logit (class 0), the second (class 1), both (class 0), none",
        [
            [[NAN, 1.0], [0.5, NAN], [NAN, NAN], [0.2, 0.9]],
            [[0.3, NAN], [NAN, -2.0], [1.0, 0.0], [NAN, NAN]],
            [[NAN, NAN], [0.0, 1.0], [0.4, NAN], [1.0, 1.0]],
            [[2.0, 1.0], [NAN, 3.0], [NAN, 0.0], [0.5, NAN]],
            [[0.0, 0.0], [1.0, NAN], [-1.0, NAN], [NAN, 2.0]],
        ],
        [[0, 1, 0, 1], [1, 0, 0, 0], [0, 1, 1, 1], [1, 0, 1, 1], [0, 1, 1, 0]],
    ),
]


def main():
    regression = []
    for dataset, shows, predictions, labels in REGRESSION_CASES:
        p = np.array(predictions, dtype=np.float32)
        y = np.array(labels, dtype=np.float32)
        regression.append(
            {
                "dataset": dataset,
                "shows": shows,
                "predictions": p.tolist(),
                "labels": y.tolist(),
                "expected": REGRESSION[dataset](p, y),
            }
        )
    iemocap = []
    for shows, logits, labels in IEMOCAP_CASES:
        logits = np.array(logits, dtype=np.float32)
        labels = np.array(labels, dtype=np.float32)
        iemocap.append(
            {
                "shows": shows,
                "logits": logits.reshape(-1).tolist(),
                "labels": labels.reshape(-1).tolist(),
                "expected": eval_iemocap(logits, labels),
            }
        )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as out:
        json.dump(
            {"numpy_version": np.__version__, "regression": regression, "iemocap": iemocap},
            out,
            indent=1,
        )
        out.write("\n")


if __name__ == "__main__":
    main()
