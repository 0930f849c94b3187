#!/usr/bin/env python3
"""Reference values for tests/VaeCourse.Tests/Engine/Ops/ConvolutionPyTorchTests.cs, computed by PyTorch.

For each case, conv2d or conv_transpose2d runs on an input, weight and bias filled from the same integer hash the
C# test uses (pytorch_vae_replay.uniform: values 2u - 1 in [-1, 1)), and backward() runs on sum(g * out) with g
from the hash as well. The file holds the output and the three gradients in full, so the test checks PyTorch's
conventions themselves (cross-correlation, the (in, out, kH, kW) weight of a transposed convolution, where padding
and output_padding go), which a gradient check against our own reference cannot.

  /usr/bin/python3 tools/reference/pytorch_conv_reference.py > tests/VaeCourse.Tests/Engine/Ops/Reference/pytorch-conv.json
"""
import json

import numpy as np
import torch
from torch.nn import functional as F

from pytorch_vae_replay import uniform

CASES = [
    # name, transposed, input shape, weight shape, stride, padding, output_padding
    ("conv2d k3 s2 p1", False, (2, 3, 7, 7), (4, 3, 3, 3), (2, 2), (1, 1), None),
    ("conv2d k4 s2 p1 (ConvVae's encoder)", False, (1, 1, 12, 12), (3, 1, 4, 4), (2, 2), (1, 1), None),
    ("conv2d asymmetric", False, (1, 2, 7, 6), (3, 2, 3, 2), (2, 1), (1, 0), None),
    ("conv_transpose2d k4 s2 p1 (ConvVae's decoder)", True, (2, 4, 3, 3), (4, 3, 4, 4), (2, 2), (1, 1), (0, 0)),
    ("conv_transpose2d k3 s2 p1 output_padding 1", True, (1, 3, 4, 4), (3, 2, 3, 3), (2, 2), (1, 1), (1, 1)),
    ("conv_transpose2d asymmetric", True, (1, 3, 3, 4), (3, 3, 3, 2), (2, 1), (1, 0), (1, 0)),
]


def filled(stream, shape):
    values = 2.0 * uniform(stream, int(np.prod(shape))) - 1.0
    return torch.from_numpy(values.astype(np.float32).reshape(shape)).requires_grad_(True)


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def main():
    torch.set_num_threads(1)
    results = []
    for k, (name, transposed, xs, ws, stride, padding, output_padding) in enumerate(CASES):
        x, w = filled(10 * k + 1, xs), filled(10 * k + 2, ws)
        b = filled(10 * k + 3, (ws[1] if transposed else ws[0],))
        if transposed:
            out = F.conv_transpose2d(x, w, b, stride=stride, padding=padding, output_padding=output_padding)
        else:
            out = F.conv2d(x, w, b, stride=stride, padding=padding)
        g = filled(10 * k + 4, tuple(out.shape)).detach()
        (out * g).sum().backward()
        results.append({
            "name": name, "transposed": transposed, "input_shape": list(xs), "weight_shape": list(ws),
            "stride": list(stride), "padding": list(padding),
            "output_padding": list(output_padding) if output_padding else None,
            "streams": [10 * k + 1, 10 * k + 2, 10 * k + 3, 10 * k + 4],
            "output_shape": list(out.shape), "output": flat(out),
            "grad_input": flat(x.grad), "grad_weight": flat(w.grad), "grad_bias": flat(b.grad),
        })
    # One case per line: small diffs when the file is regenerated.
    cases = ",\n  ".join(json.dumps(r, separators=(",", ":")) for r in results)
    print(f'{{"generator": "tools/reference/pytorch_conv_reference.py", "torch": "{torch.__version__}",\n'
          f' "cases": [\n  {cases}\n ]}}')


if __name__ == "__main__":
    main()
