"""The PyTorch side of benchmarks/compare: the twin of io.tributary.bench.PeerStep.

Reads the initial weights and the batch that PeerStep wrote (one safetensors file: weights under
"weight.<Java name>", the batch under "batch.<input>", the model's settings in the header's
__metadata__), builds the same model in PyTorch (DESIGN.md sections 1 and 4, written out below),
and measures, in this order: the fp32 GEMM peak (torch.mm, n x n by n x n), the eval-mode loss of
the batch (the parity check's number), the eval-mode forward latency at batch 1, and training
steps (forward, L1 (+ 0.1 L_match + 0.1 L_margin), backward, clip_grad_norm_ at 1.0, AdamW with
the Java side's parameter groups). Prints one JSON object.

    python3 peer_step.py FILE.safetensors [--compile] [--warmup 1] [--steps 2] [--threads 2]

Runs on Debian bookworm's torch 1.13 (Python 3.11) and trixie's torch 2.6 (Python 3.13); no package
beyond torch. --compile wraps the forward and the loss in torch.compile (2.x only); the optimizer
step stays eager.
"""

import argparse
import json
import math
import re
import resource
import struct
import sys
import time

import torch
import torch.nn.functional as F
from torch import nn

INPUTS = ["input_ids", "attention_mask", "token_type_ids", "audio", "audio_mask", "vision",
          "vision_mask"]
FLOAT_MAX = torch.finfo(torch.float32).max


def read_safetensors(path):
    """{name: float32 tensor} and the header's metadata: 8-byte length, JSON header, raw data."""
    with open(path, "rb") as f:
        length = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(length))
        data = f.read()
    metadata = header.pop("__metadata__", {})
    tensors = {}
    for name, entry in header.items():
        if entry["dtype"] != "F32":
            sys.exit(f"{path}: tensor '{name}' is {entry['dtype']}, expected F32")
        start, end = entry["data_offsets"]
        values = torch.frombuffer(bytearray(data[start:end]), dtype=torch.float32)
        tensors[name] = values.reshape(entry["shape"])
    return tensors, metadata


# ---------------------------------------------------------------- BERT (Hugging Face's, post-LN)

class BertEmbeddings(nn.Module):
    def __init__(self, c):
        super().__init__()
        d = c["hidden_size"]
        self.word_embeddings = nn.Embedding(c["vocab_size"], d)
        self.position_embeddings = nn.Embedding(c["max_position_embeddings"], d)
        self.token_type_embeddings = nn.Embedding(c["type_vocab_size"], d)
        self.LayerNorm = nn.LayerNorm(d, eps=c["layer_norm_eps"])
        self.dropout = nn.Dropout(c["hidden_dropout_prob"])

    def forward(self, ids, token_types):
        positions = torch.arange(ids.shape[1])
        e = (self.word_embeddings(ids) + self.position_embeddings(positions)
             + self.token_type_embeddings(token_types))
        return self.dropout(self.LayerNorm(e))


class BertSelfAttention(nn.Module):
    def __init__(self, c):
        super().__init__()
        d = c["hidden_size"]
        self.heads = c["num_attention_heads"]
        self.query, self.key, self.value = nn.Linear(d, d), nn.Linear(d, d), nn.Linear(d, d)
        self.dropout = nn.Dropout(c["attention_probs_dropout_prob"])

    def split(self, x):  # (B, T, d) -> (B, n, T, d/n)
        b, t, d = x.shape
        return x.reshape(b, t, self.heads, d // self.heads).transpose(1, 2)

    def forward(self, h, mask):
        q, k, v = self.split(self.query(h)), self.split(self.key(h)), self.split(self.value(h))
        scores = q @ k.transpose(-1, -2) / math.sqrt(q.shape[-1]) + mask  # (B, n, T, T)
        a = self.dropout(scores.softmax(-1))
        return (a @ v).transpose(1, 2).reshape(h.shape)  # (B, T, d)


class BertResidualOutput(nn.Module):
    """LayerNorm(Dropout(X W + b) + R): BertSelfOutput and BertOutput."""

    def __init__(self, c, d_in):
        super().__init__()
        self.dense = nn.Linear(d_in, c["hidden_size"])
        self.LayerNorm = nn.LayerNorm(c["hidden_size"], eps=c["layer_norm_eps"])
        self.dropout = nn.Dropout(c["hidden_dropout_prob"])

    def forward(self, x, r):
        return self.LayerNorm(self.dropout(self.dense(x)) + r)


class BertAttention(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.self = BertSelfAttention(c)
        self.output = BertResidualOutput(c, c["hidden_size"])

    def forward(self, h, mask):
        return self.output(self.self(h, mask), h)


class BertIntermediate(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.dense = nn.Linear(c["hidden_size"], c["intermediate_size"])

    def forward(self, a):
        return F.gelu(self.dense(a))


class BertLayer(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.attention = BertAttention(c)
        self.intermediate = BertIntermediate(c)
        self.output = BertResidualOutput(c, c["intermediate_size"])

    def forward(self, h, mask):
        a = self.attention(h, mask)
        return self.output(self.intermediate(a), a)


class BertEncoder(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.layer = nn.ModuleList(BertLayer(c) for _ in range(c["num_hidden_layers"]))


class BertPooler(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.dense = nn.Linear(c["hidden_size"], c["hidden_size"])

    def forward(self, h):
        return torch.tanh(self.dense(h[:, 0]))


class Bert(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.embeddings = BertEmbeddings(c)
        self.encoder = BertEncoder(c)
        self.pooler = BertPooler(c)


# ------------------------------------------------------------- the injection branch (DESIGN.md 1)

def unit(x):
    """x / max(||x||, 1e-8) over the last axis, as cosine_similarity."""
    return x / x.norm(dim=-1, keepdim=True).clamp_min(1e-8)


def cosine(x, y):
    return (unit(x) * unit(y)).sum(-1)


class CrossModalAttention(nn.Module):
    """e_tj = u^T tanh(W_q h_t + W_k m_j + b); a = softmax_j over kept keys; c_t = sum a_tj W_v m_j."""

    def __init__(self, d, d_att):
        super().__init__()
        self.Wq = nn.Linear(d, d_att, bias=False)
        self.Wk = nn.Linear(d, d_att)
        self.u = nn.Linear(d_att, 1, bias=False)
        self.Wv = nn.Linear(d, d)

    def forward(self, h, m, key_mask):
        s = torch.tanh(self.Wq(h).unsqueeze(2) + self.Wk(m).unsqueeze(1))  # (B, T, J, d_att)
        e = self.u(s).squeeze(-1)  # (B, T, J)
        keep = key_mask.unsqueeze(1)  # (B, 1, J)
        a = (e + (keep - 1) * FLOAT_MAX).softmax(-1) * keep
        return a @ self.Wv(m), a  # (B, T, d), (B, T, J)


class Gate(nn.Module):
    """g_t = sigmoid(w cos(h_t, x_t) + b)."""

    def __init__(self):
        super().__init__()
        self.w = nn.Parameter(torch.ones(1))
        self.b = nn.Parameter(torch.zeros(1))

    def forward(self, h, x):
        return torch.sigmoid(cosine(h, x).unsqueeze(-1) * self.w + self.b)  # (B, T, 1)


class InjectionBranch(nn.Module):
    """X = FFN(c + H), FFN = Linear -> GELU -> Dropout -> Linear; out = g * X."""

    def __init__(self, d, d_att, d_ff, dropout):
        super().__init__()
        self.attention = CrossModalAttention(d, d_att)
        self.ffn = nn.Sequential(nn.Linear(d, d_ff), nn.GELU(), nn.Dropout(dropout),
                                 nn.Linear(d_ff, d))
        self.gate = Gate()

    def forward(self, h, m, key_mask):
        c, _ = self.attention(h, m, key_mask)
        x = self.ffn(c + h)
        return self.gate(h, x) * x


class LstmEncoder(nn.Module):
    """An LSTM over every frame, read at each sample's last valid frame."""

    def __init__(self, d_in, hidden):
        super().__init__()
        self.forward_lstm = nn.LSTM(d_in, hidden, batch_first=True)

    def forward(self, x, mask):
        lengths = mask.sum(1, keepdim=True)  # (B, 1)
        steps = torch.arange(x.shape[1], dtype=x.dtype).unsqueeze(0)  # (1, T)
        at_last = (steps == lengths - 1).to(x.dtype)  # (B, T)
        o, _ = self.forward_lstm(x)  # (B, T, h)
        return (o * at_last.unsqueeze(2)).sum(1)  # (B, h)


class InjectionModel(nn.Module):
    """H^{k+1} = BertLayer_k(H^k) + g * X_k (parallel); z_l = Pooler(H^L); y = W_o Dropout(z_l).

    With injection=False: text-only BERT and its head (the same loop without branches)."""

    def __init__(self, bert, config, d_audio, d_vision):
        super().__init__()
        d = bert["hidden_size"]
        self.injection = config["model"] == "injection"
        self.bert = Bert(bert)
        if self.injection:
            hidden = config["nonverbal_hidden"]
            d_ff = config["branch_ff"] or d
            self.acoustic_encoder = LstmEncoder(d_audio, hidden)
            self.acoustic_projection = nn.Linear(hidden, d)
            self.visual_encoder = LstmEncoder(d_vision, hidden)
            self.visual_projection = nn.Linear(hidden, d)
            self.branch = nn.ModuleList(
                InjectionBranch(d, config["attention_dim"], d_ff, config["dropout"])
                for _ in range(bert["num_hidden_layers"]))
        self.dropout = nn.Dropout(config["dropout"])
        self.head = nn.Linear(d, 1)

    def forward(self, ids, text_mask, token_types, audio, audio_mask, vision, vision_mask):
        h = self.bert.embeddings(ids, token_types)
        mask = ((1 - text_mask) * -FLOAT_MAX).reshape(text_mask.shape[0], 1, 1, -1)
        z = []
        if self.injection:
            z_a = self.acoustic_projection(self.acoustic_encoder(audio, audio_mask))
            z_v = self.visual_projection(self.visual_encoder(vision, vision_mask))
            z = [z_a, z_v]
            keys = torch.stack(z, 1)  # (B, 2, d)
            key_mask = torch.ones(keys.shape[:2])
        for k, layer in enumerate(self.bert.encoder.layer):
            if self.injection:
                h = layer(h, mask) + self.branch[k](h, keys, key_mask)
            else:
                h = layer(h, mask)
        z_l = self.bert.pooler(h)
        return self.head(self.dropout(z_l)), z_l, z


def java_name(name):
    """This module's parameter name as the Java side names it."""
    name = name.replace("forward_lstm.weight_ih_l0", "forward.l_0_i2h_WEIGHT")
    name = name.replace("forward_lstm.weight_hh_l0", "forward.l_0_h2h_WEIGHT")
    name = name.replace("forward_lstm.bias_ih_l0", "forward.l_0_i2h_BIAS")
    name = name.replace("forward_lstm.bias_hh_l0", "forward.l_0_h2h_BIAS")
    return name


# ------------------------------------------------------------------------- losses (DESIGN.md 1)

def loss(outputs, label, injection, lambda_match=0.1, lambda_margin=0.1, gamma=0.2):
    """L1 (+ lambda_match L_match + lambda_margin L_margin for the injection model)."""
    y, z_l, z = outputs
    total = (y - label.reshape(y.shape)).abs().mean()
    if not injection:
        return total
    z_l = z_l.detach()
    b = z_l.shape[0]
    mu_l = z_l.mean(0)
    var_l = (z_l - mu_l).square().sum(0) / (b - 1)
    match = 0
    margin = 0
    for z_m in z:
        mu = z_m.mean(0)
        var = (z_m - mu).square().sum(0) / (b - 1)
        match = match + ((mu - mu_l).square() + (var - var_l).square()).mean()
        others = (z_m.sum(0, keepdim=True) - z_m) / (b - 1)
        hinge = (cosine(z_l, others) - cosine(z_l, z_m) + gamma).clamp_min(0)
        margin = margin + hinge.mean()
    return total + lambda_match * match + lambda_margin * margin


# ------------------------------------------------------------------ optimiser (DESIGN.md 4, Java)

def parameter_groups(model, gate_names):
    """The Java side's ParameterGroups: PLM (bert.*) 2e-5, gates 1e-2, the rest 1e-3; no decay
    for a bias (a last segment 'bias', or an LSTM's '..._BIAS'), a segment ending in 'norm'
    (+digits), and one-element gates."""
    groups = {}
    for name, p in model.named_parameters():
        name = java_name(name)
        kind = "plm" if name.startswith("bert.") else "gate" if name in gate_names else "new"
        segments = name.split(".")
        no_decay = (segments[-1] == "bias" or segments[-1].endswith("_BIAS")
                    or any(re.fullmatch(r".*norm\d*", s.lower()) for s in segments[:-1])
                    or (kind == "gate" and p.numel() == 1))
        key = (kind, no_decay)
        groups.setdefault(key, []).append(p)
    rates = {"plm": 2e-5, "gate": 1e-2, "new": 1e-3}
    return [{"params": ps, "lr": rates[kind], "weight_decay": 0.0 if no_decay else 0.01}
            for (kind, no_decay), ps in groups.items()]


# -------------------------------------------------------------------------------- measurements

def gemm_peak(n, repeats=5):
    a, b = torch.randn(n, n), torch.randn(n, n)
    best = float("inf")
    for i in range(repeats + 1):
        start = time.perf_counter()
        torch.mm(a, b)
        if i > 0:
            best = min(best, time.perf_counter() - start)
    return {"n": n, "best_seconds": best, "gflops": 2.0 * n ** 3 / best / 1e9}


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--compile", action="store_true")
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--steps", type=int, default=2)
    parser.add_argument("--forward-repeats", type=int, default=10)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--gemm", type=int, default=2048)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(1111)
    report = {"side": "pytorch", "torch": torch.__version__,
              "python": sys.version.split()[0], "compile": args.compile,
              "threads": torch.get_num_threads()}
    if args.gemm > 0:
        report["gemm"] = gemm_peak(args.gemm)

    tensors, metadata = read_safetensors(args.file)
    bert, config = json.loads(metadata["bert"]), json.loads(metadata["config"])
    batch = [tensors["batch." + name] for name in INPUTS]
    for i in (0, 2):
        batch[i] = batch[i].long()
    label = tensors["batch.label"]
    model = InjectionModel(bert, config, batch[3].shape[2], batch[5].shape[2])
    state = {}
    for name, p in model.named_parameters():
        key = "weight." + java_name(name)
        if key not in tensors or tensors[key].shape != p.shape:
            sys.exit(f"{args.file}: tensor '{key}' missing or not of shape {list(p.shape)}")
        state[name] = tensors[key]
    model.load_state_dict(state)
    injection = model.injection
    report.update(model=config["model"], batch=len(label), length=batch[0].shape[1],
                  dropout=config["dropout"], file=args.file)

    def objective(*inputs_and_label):
        return loss(model(*inputs_and_label[:-1]), inputs_and_label[-1], injection)

    forward = model
    if args.compile:
        objective = torch.compile(objective)
        forward = torch.compile(model)
        report["compile_note"] = "forward and loss compiled (default mode); AdamW eager"

    model.eval()
    with torch.no_grad():
        start = time.perf_counter()
        report["eval_loss"] = loss(forward(*batch), label, injection).item()
        report["first_eval_seconds"] = time.perf_counter() - start
        one = [x[:1] for x in batch]
        seconds = []
        for i in range(args.forward_repeats + 2):
            start = time.perf_counter()
            forward(*one)[0].item()
            if i >= 2:
                seconds.append(time.perf_counter() - start)
        report["forward_b1_seconds"] = seconds

    model.train()
    gates = {java_name(n) for n, _ in model.named_parameters() if ".gate." in n}
    optimizer = torch.optim.AdamW(parameter_groups(model, gates), betas=(0.9, 0.999), eps=1e-8)
    parameters = list(model.parameters())
    records = []
    for i in range(args.warmup + args.steps):
        start = time.perf_counter()
        total = objective(*batch, label)
        total.backward()
        norm = torch.nn.utils.clip_grad_norm_(parameters, 1.0)
        optimizer.step()
        optimizer.zero_grad(set_to_none=False)
        value = total.item()
        seconds = time.perf_counter() - start
        records.append({"timed": i >= args.warmup, "seconds": seconds, "loss": value,
                        "grad_norm": float(norm)})
        print(f"torch {torch.__version__}{' compile' if args.compile else ''} "
              f"{config['model']} step {i + 1}/{args.warmup + args.steps}: {seconds:.2f} s, "
              f"loss {value:.6f}", file=sys.stderr)
    report["train"] = records
    report["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(report))


if __name__ == "__main__":
    main()
