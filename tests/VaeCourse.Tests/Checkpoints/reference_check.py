"""Reads a safetensors file with the reference implementation (the `safetensors` Python package, a binding of
Hugging Face's Rust crate) and prints what it found as JSON:
{"tensors": {name: {"dtype": "F32", "shape": [...], "data": hex}}, "metadata": {...} or null}.
Run by SafeTensorsReferenceTests only where `import safetensors` works."""
import json
import sys

import safetensors


def main(path):
    with open(path, "rb") as fh:
        raw = fh.read()
    tensors = {}
    for name, info in safetensors.deserialize(raw):
        tensors[name] = {
            "dtype": str(info["dtype"]),
            "shape": list(info["shape"]),
            "data": bytes(info["data"]).hex(),
        }
    metadata = None
    try:
        # safe_open needs no framework package until a tensor is requested; metadata() reads the header only.
        with safetensors.safe_open(path, framework="numpy") as handle:
            metadata = handle.metadata()
    except ImportError:
        metadata = None
    print(json.dumps({"tensors": tensors, "metadata": metadata}))


if __name__ == "__main__":
    main(sys.argv[1])
