"""Reference values for AdamWReferenceTest: torch.optim.AdamW + clip_grad_norm_ + linear warm-up.

Run with Debian's PyTorch 1.13 (apt-get install python3-torch python3-numpy):

    /usr/bin/python3 lib/src/test/python/adamw_reference.py > lib/src/test/resources/train/adamw_reference.json

Six small parameters in the three groups of DESIGN.md section 4 (PLM, gate, new), each group split
into a decaying and a non-decaying torch param group, take five steps on fixed gradients. The
gradients are scaled so that some steps are clipped to the max norm and some are not. Learning
rates and weight decay are larger than the defaults so that every group's update stands well
above the comparison tolerance.
"""

import json

import numpy as np
import torch

TOTAL_STEPS = 5
WARMUP_FRACTION = 0.4
LEARNING_RATES = {"plm": 0.05, "gate": 0.3, "new": 0.1}
WEIGHT_DECAY = 0.05
MAX_GRAD_NORM = 1.0
GRADIENT_SCALES = [0.1, 2.0, 0.05, 1.5, 0.1]

# name, shape, group, decays
PARAMETERS = [
    ("bert.encoder.layer.0.attention.output.dense.weight", (3, 4), "plm", True),
    ("bert.encoder.layer.0.attention.output.LayerNorm.weight", (4,), "plm", False),
    ("inject.0.gate.w", (1,), "gate", False),
    ("inject.1.gate.proj.weight", (2, 3), "gate", True),
    ("head.weight", (1, 4), "new", True),
    ("head.bias", (1,), "new", False),
]


def linear_schedule_with_warmup(warmup, total):
    """Hugging Face's get_linear_schedule_with_warmup multiplier."""

    def multiplier(step):
        if step < warmup:
            return float(step) / float(max(1, warmup))
        return max(0.0, float(total - step) / float(max(1, total - warmup)))

    return multiplier


def values(tensor):
    return [float(x) for x in tensor.detach().numpy().astype(np.float32).ravel()]


def main():
    rng = np.random.RandomState(20240607)
    params = [
        torch.nn.Parameter(torch.tensor(rng.uniform(-1, 1, shape).astype(np.float32)))
        for _, shape, _, _ in PARAMETERS
    ]
    initial = [values(p) for p in params]
    groups = []
    for group in ("plm", "gate", "new"):
        for decays in (True, False):
            chosen = [p for p, (_, _, g, d) in zip(params, PARAMETERS) if g == group and d == decays]
            if chosen:
                groups.append(
                    {
                        "params": chosen,
                        "lr": LEARNING_RATES[group],
                        "weight_decay": WEIGHT_DECAY if decays else 0.0,
                    }
                )
    optimizer = torch.optim.AdamW(groups, betas=(0.9, 0.999), eps=1e-8)
    warmup = int(WARMUP_FRACTION * TOTAL_STEPS)
    multiplier = linear_schedule_with_warmup(warmup, TOTAL_STEPS)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, multiplier)

    steps = []
    for step, scale in enumerate(GRADIENT_SCALES):
        gradients = [
            (rng.standard_normal(shape) * scale).astype(np.float32) for _, shape, _, _ in PARAMETERS
        ]
        for p, g in zip(params, gradients):
            p.grad = torch.tensor(g)
        norm = torch.nn.utils.clip_grad_norm_(params, MAX_GRAD_NORM)
        optimizer.step()
        scheduler.step()
        steps.append(
            {
                "multiplier": multiplier(step),
                "grad_norm": float(norm),
                "clipped": bool(float(norm) > MAX_GRAD_NORM),
                "gradients": {name: [float(x) for x in g.ravel()] for (name, _, _, _), g in zip(PARAMETERS, gradients)},
                "after": {name: values(p) for (name, _, _, _), p in zip(PARAMETERS, params)},
            }
        )

    reference = {
        "torch_version": torch.__version__,
        "learning_rates": LEARNING_RATES,
        "weight_decay": WEIGHT_DECAY,
        "betas": [0.9, 0.999],
        "eps": 1e-8,
        "max_grad_norm": MAX_GRAD_NORM,
        "total_steps": TOTAL_STEPS,
        "warmup_fraction": WARMUP_FRACTION,
        "warmup_steps": warmup,
        "parameters": [
            {"name": name, "shape": list(shape), "group": group, "decay": decays, "initial": init}
            for (name, shape, group, decays), init in zip(PARAMETERS, initial)
        ],
        "steps": steps,
    }
    print(json.dumps(reference, indent=1))


if __name__ == "__main__":
    main()
