#!/usr/bin/env python3
"""Reference values for tests/VaeCourse.Tests/Training/PyTorchReplayTests.cs, computed by PyTorch.

The VAE of pytorch/examples/vae (784-400-20, BCE summed + closed-form KL, Adam 1e-3) takes 60 steps on the first
3840 MNIST training images (batch 64, in file order) and is then evaluated on the first 1024 test images (batch 128).
Everything random is replaced by numbers both sides compute exactly from integer hashes, so the C# engine can
replay the same run and compare step for step:

  u(stream, i) = top 24 bits of SplitMix64's output for the 64-bit key (stream << 32 | i), over 2^24, in [0, 1)
  weights, biases of parameter k (state_dict order): (2 u(k, i) - 1) / sqrt(fan_in)   (PyTorch's default bound)
  eps of training step s:  sum_{j<12} u(100 + s, 12 i + j) - 6                        (Irwin-Hall: mean 0, var 1)
  eps of test batch b:     the same with stream 1000 + b

Usage (Debian: apt-get install python3-torch libopenblas0-pthread):
  /usr/bin/python3 tools/reference/pytorch_vae_replay.py ../shared/data/mnist \
      > tests/VaeCourse.Tests/Training/Reference/pytorch-vae-replay.json
"""
import json, math, os, sys

import numpy as np
import torch
from torch.nn import functional as F

from pytorch_vae_example import VAE, images   # the example's model and ToTensor-scaled images

STEPS, BATCH, TEST_IMAGES, TEST_BATCH = 60, 64, 1024, 128


def uniform(stream, count):
    z = (np.uint64(stream) << np.uint64(32)) | np.arange(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        z = z + np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    z = z ^ (z >> np.uint64(31))
    return (z >> np.uint64(40)).astype(np.float64) / float(1 << 24)


def normal(stream, rows, cols):
    u = uniform(stream, rows * cols * 12).reshape(rows * cols, 12)
    total = np.zeros(rows * cols)
    for j in range(12):
        total += u[:, j]
    return torch.from_numpy((total - 6.0).astype(np.float32).reshape(rows, cols))


def forward(model, x, eps):
    # The example's forward pass with the given eps instead of torch.randn_like.
    mu, logvar = model.encode(x)
    z = mu + eps * torch.exp(0.5 * logvar)
    return model.decode(z), mu, logvar


def loss_parts(recon, x, mu, logvar):
    bce = F.binary_cross_entropy(recon, x, reduction="sum")
    kl = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
    return bce, kl


def stats(t):
    v = t.detach().double()
    return {"sum": v.sum().item(), "sumsq": (v * v).sum().item()}


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/mnist"
    torch.set_num_threads(1)
    train = images(os.path.join(root, "train-images-idx3-ubyte.gz"))[:STEPS * BATCH]
    test = images(os.path.join(root, "t10k-images-idx3-ubyte.gz"))[:TEST_IMAGES]

    model = VAE(record=None)
    with torch.no_grad():
        for k, (name, p) in enumerate(model.named_parameters()):
            fan_in = p.shape[1] if p.dim() == 2 else model.get_submodule(name.split(".")[0]).in_features
            values = (2.0 * uniform(k, p.numel()) - 1.0) / math.sqrt(fan_in)
            p.copy_(torch.from_numpy(values.astype(np.float32).reshape(p.shape)))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

    steps, first_gradients = [], {}
    for s in range(STEPS):
        x = train[s * BATCH:(s + 1) * BATCH]
        optimizer.zero_grad()
        recon, mu, logvar = forward(model, x, normal(100 + s, BATCH, 20))
        bce, kl = loss_parts(recon, x, mu, logvar)
        loss = bce + kl
        loss.backward()
        if s == 0:
            first_gradients = {n: stats(p.grad) for n, p in model.named_parameters()}
        optimizer.step()
        steps.append({"loss": loss.item(), "bce": bce.item(), "kl": kl.item()})

    model.eval()
    test_sum = 0.0
    with torch.no_grad():
        for b in range(TEST_IMAGES // TEST_BATCH):
            x = test[b * TEST_BATCH:(b + 1) * TEST_BATCH]
            recon, mu, logvar = forward(model, x, normal(1000 + b, TEST_BATCH, 20))
            bce, kl = loss_parts(recon, x, mu, logvar)
            test_sum += (bce + kl).item()

    result = {
        "generator": "tools/reference/pytorch_vae_replay.py",
        "torch": torch.__version__,
        "steps": STEPS, "batch": BATCH, "test_images": TEST_IMAGES, "test_batch": TEST_BATCH, "lr": 1e-3,
        "step_loss": [s["loss"] for s in steps],
        "step_bce": [s["bce"] for s in steps],
        "step_kl": [s["kl"] for s in steps],
        "first_step_gradients": first_gradients,
        "final_parameters": {n: stats(p) for n, p in model.named_parameters()},
        "test_loss_per_image": test_sum / TEST_IMAGES,
    }
    # One line per key: small diffs when the file is regenerated.
    lines = [f" {json.dumps(k)}: {json.dumps(v)}" for k, v in result.items()]
    print("{\n" + ",\n".join(lines) + "\n}")


if __name__ == "__main__":
    main()
