"""Builds benchmarks/compare's record from the JSON each side printed: one JSON file and one
Markdown table, with the FLOP counts, the fractions of each side's own GEMM peak, the Java /
PyTorch ratios and the parity check (the eval-mode loss of the same batch from the same weights).

    python3 report.py --out results/bench/compare --command "..." RUN.json ...

Each RUN.json is one line of PeerStep (Java) or peer_step.py (PyTorch) output, with "label" and
"load" (the load averages around the run) added by benchmarks/compare. Standard library only.
"""

import argparse
import json
import os
import statistics

PARITY_TOLERANCE = 1e-4


def forward_flops(bert, config, batch, length, injection):
    """Matrix-multiply FLOPs of one forward pass (a multiply-add counts 2):

    BERT  L (8 B T d^2 + 4 B T d d_ff + 4 B T^2 d) + 2 B d^2 (pooler) + 2 B d (head)
    + per injected layer  2 B T d d_att (W_q) + 2 B J d (d_att + d) (W_k, W_v)
                          + 2 B T J (d_att + d) (u, a V) + 4 B T d d_ff' (the branch FFN)
    + per stream m        2 B T_m 4h (d_m + h) (LSTM) + 2 B h d (projection)
    with J = 2 keys, d_ff' = branch_ff or d, h = nonverbal_hidden, T_m = T. Embedding look-ups,
    softmax, LayerNorm, GELU and other elementwise work are not counted.
    """
    b, t = batch, length
    d, layers, d_ff = bert["hidden_size"], bert["num_hidden_layers"], bert["intermediate_size"]
    flops = layers * (8 * b * t * d * d + 4 * b * t * d * d_ff + 4 * b * t * t * d)
    flops += 2 * b * d * d + 2 * b * d
    if injection:
        j, d_att = 2, config["attention_dim"]
        ff = config["branch_ff"] or d
        branch = (2 * b * t * d * d_att + 2 * b * j * d * (d_att + d)
                  + 2 * b * t * j * (d_att + d) + 4 * b * t * d * ff)
        flops += layers * branch
        h = config["nonverbal_hidden"]
        for d_m in (74, 47):
            flops += 2 * b * t * 4 * h * (d_m + h) + 2 * b * h * d
    return flops


def train_flops(bert, config, batch, length, injection):
    """A training step: 3 x the forward's FLOPs (the backward pass computes, per matrix product,
    one gradient for its input and one for its weight, each as costly as the product)."""
    return 3 * forward_flops(bert, config, batch, length, injection)


def order(run):
    """Java first, then PyTorch 2.6 eager, 2.6 compiled, 1.13."""
    if run["side"] == "java":
        return (0,)
    return (1, [-int(x) for x in run["torch"].split("+")[0].split(".")[:2]], run["compile"])


def summarise(run, bert, config):
    injection = run["model"] == "injection"
    steps = [r["seconds"] for r in run["train"] if r["timed"]]
    step = statistics.median(steps)
    flops = train_flops(bert, config, run["batch"], run["length"], injection)
    achieved = flops / step / 1e9
    peak = run["gemm"]["gflops"]
    forward = statistics.median(run["forward_b1_seconds"])
    return {
        "label": run["label"],
        "step_seconds_median": step,
        "step_seconds": steps,
        "samples_per_second": run["batch"] / step,
        "train_gflop": flops / 1e9,
        "achieved_gflops": achieved,
        "gemm_peak_gflops": peak,
        "fraction_of_peak": achieved / peak,
        "forward_b1_ms_median": forward * 1e3,
        "forward_b1_gflops": forward_flops(bert, config, 1, run["length"], injection) / forward / 1e9,
        "peak_rss_mb": run["peak_rss_mb"],
        "eval_loss": run["eval_loss"],
        "load_before_after": run.get("load"),
    }


def table(model, rows, java):
    lines = [
        f"### {model}", "",
        "| side | step s (median) | samples/s | GFLOP/s | % of own GEMM peak | GEMM peak GFLOP/s"
        " | forward b=1 ms | peak RSS MB | Java speed ÷ this | eval loss | load 1-min before/after |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        ratio = r["step_seconds_median"] / java["step_seconds_median"]
        forward_ratio = r["forward_b1_ms_median"] / java["forward_b1_ms_median"]
        load = r["load_before_after"] or ["?", "?"]
        lines.append(
            f"| {r['label']} | {r['step_seconds_median']:.2f} | {r['samples_per_second']:.2f}"
            f" | {r['achieved_gflops']:.1f} | {100 * r['fraction_of_peak']:.0f}%"
            f" | {r['gemm_peak_gflops']:.0f} | {r['forward_b1_ms_median']:.1f}"
            f" | {r['peak_rss_mb']:.0f} | step {ratio:.2f}x, forward {forward_ratio:.2f}x"
            f" | {r['eval_loss']:.6f} | {load[0]} / {load[1]} |")
    return lines


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True, help="path without extension: OUT.json, OUT.md")
    parser.add_argument("--command", required=True)
    parser.add_argument("--wall-seconds", type=float)
    parser.add_argument("--measured-seconds", type=float,
                        help="the part under the CPU lock, without the wait for it")
    parser.add_argument("--machine", default="")
    parser.add_argument("runs", nargs="+")
    args = parser.parse_args()

    runs = [json.load(open(path)) for path in args.runs]
    java = {r["model"]: r for r in runs if r["side"] == "java"}
    record = {"command": args.command, "wall_seconds": args.wall_seconds,
              "measured_seconds": args.measured_seconds,
              "machine": args.machine, "parity_tolerance": PARITY_TOLERANCE, "models": {}}
    markdown = ["# Java (DJL) against PyTorch: one training step and one forward", "",
                f"Command: `{args.command}`"
                + (f", {args.wall_seconds:.0f} s wall" if args.wall_seconds else "")
                + (f", of which {args.measured_seconds:.0f} s measuring under the CPU lock"
                   if args.measured_seconds else ""), "",
                f"Machine: {args.machine}", ""]
    failed = []
    for model in ("text", "injection"):
        if model not in java:
            continue
        bert, config = java[model]["bert"], java[model]["config"]
        ordered = sorted((r for r in runs if r["model"] == model), key=order)
        rows = [summarise(r, bert, config) for r in ordered]
        reference = rows[0]
        parity = {r["label"]: abs(r["eval_loss"] - reference["eval_loss"]) for r in rows[1:]}
        bad = {k: v for k, v in parity.items() if v > PARITY_TOLERANCE}
        failed += [f"{model}: {k}" for k in bad]
        record["models"][model] = {"rows": rows, "eval_loss_difference_from_java": parity,
                                   "parity_ok": not bad, "bert": bert, "config": config}
        title = "text-only BERT-base" if model == "text" else "gated injection model (BERT-base)"
        markdown += table(title, rows, reference)
        markdown += ["", "Parity (eval-mode loss of the same batch, same weights; |PyTorch - Java|,"
                     f" tolerance {PARITY_TOLERANCE:g}): "
                     + ", ".join(f"{k} {v:.1e}" for k, v in parity.items())
                     + ("" if not bad else " **FAILED**"), ""]
    record["parity_ok"] = not failed
    threads = max(r["threads"] for r in runs)
    loads = [x for r in runs for x in r.get("load") or []]
    record["quiet"] = bool(loads) and max(loads) <= threads + 0.5
    markdown += [("Quiet: the 1-minute load average stayed within the thread count + 0.5"
                  if record["quiet"] else
                  f"**Not quiet**: the 1-minute load average reached {max(loads or [0]):.1f} on"
                  f" {threads} threads; other work shared the cores, and the times above carry it."),
                 ""]
    markdown += [
        "FLOPs are counted analytically (matrix products only, a multiply-add = 2; a training"
        " step = 3 x the forward): BERT L (8 B T d^2 + 4 B T d d_ff + 4 B T^2 d) + 2 B d^2 +"
        " 2 B d; the injection model adds per layer 2 B T d d_att + 2 B J d (d_att + d) +"
        " 2 B T J (d_att + d) + 4 B T d d_ff' and per nonverbal stream 8 B T h (d_m + h) +"
        " 2 B h d (B 32, T 50, d 768, L 12, d_ff 3072, d_att 128, d_ff' 768, J 2, h 128, d_m 74"
        " and 47). Each side's GEMM peak is its own library's 2048^3 fp32 product, measured in"
        " the same run (best of 5). Java speed ÷ this: this side's time over Java's (above 1:"
        " Java is faster). The machine was quiet only where the 1-minute load average stays near"
        " the thread count before and after a side.", ""]
    os.makedirs(os.path.dirname(args.out) or ".", exist_ok=True)
    with open(args.out + ".json.tmp", "w") as f:
        json.dump(record, f, indent=1)
    os.replace(args.out + ".json.tmp", args.out + ".json")
    with open(args.out + ".md.tmp", "w") as f:
        f.write("\n".join(markdown))
    os.replace(args.out + ".md.tmp", args.out + ".md")
    print("\n".join(markdown))
    if failed:
        print("parity FAILED: " + ", ".join(failed))
        raise SystemExit(1)


if __name__ == "__main__":
    main()
