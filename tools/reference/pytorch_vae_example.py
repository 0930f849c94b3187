#!/usr/bin/env python3
"""pytorch/examples/vae/main.py reduced to its computation, to compare `vae train` with PyTorch on one machine.

Same model (784-400-20), loss (BCE summed + closed-form KL), optimizer (Adam 1e-3), batch 128 with a fresh
randperm each epoch and the last batch kept, z sampled at test time too, and the seed set once with
torch.manual_seed. Prints the example's per-epoch figures (losses per image). docs/quality.md has the results.

  /usr/bin/python3 tools/reference/pytorch_vae_example.py --seed 1 --threads 1 --data ../shared/data/mnist

--record DIR also writes what PyTorch drew, so tests/VaeCourse.Tests can replay the run through our engine
(PyTorchReplayTests, with VAE_PYTORCH_RECORDING=DIR): init.bin (the initial parameters, float32, state_dict order),
perm.bin (each epoch's permutation, int64), eps.bin (every ε in the order drawn, float32) and epochs.json.
Debian: apt-get install python3-torch libopenblas0-pthread (without OpenBLAS, torch falls back to the slow
reference BLAS).
"""
import argparse, gzip, json, os, struct, time

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F


def images(path):
    with gzip.open(path) as f:
        data = f.read()
    magic, n, rows, cols = struct.unpack(">IIII", data[:16])
    assert magic == 2051, f"{path}: not an IDX image file"
    pixels = np.frombuffer(data, np.uint8, offset=16).reshape(n, rows * cols)
    return torch.from_numpy(pixels.astype(np.float32) / np.float32(255.0))   # as transforms.ToTensor()


class VAE(nn.Module):
    def __init__(self, record):
        super().__init__()
        self.fc1 = nn.Linear(784, 400)
        self.fc21 = nn.Linear(400, 20)
        self.fc22 = nn.Linear(400, 20)
        self.fc3 = nn.Linear(20, 400)
        self.fc4 = nn.Linear(400, 784)
        self.record = record

    def encode(self, x):
        h1 = F.relu(self.fc1(x))
        return self.fc21(h1), self.fc22(h1)

    def reparameterize(self, mu, logvar):
        std = torch.exp(0.5 * logvar)
        eps = torch.randn_like(std)
        if self.record is not None:
            self.record.append(eps.numpy().copy())
        return mu + eps * std

    def decode(self, z):
        h3 = F.relu(self.fc3(z))
        return torch.sigmoid(self.fc4(h3))

    def forward(self, x):
        mu, logvar = self.encode(x.view(-1, 784))
        z = self.reparameterize(mu, logvar)
        return self.decode(z), mu, logvar


def loss_function(recon_x, x, mu, logvar):
    BCE = F.binary_cross_entropy(recon_x, x.view(-1, 784), reduction="sum")
    KLD = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
    return BCE + KLD


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--data", default="../shared/data/mnist")
    parser.add_argument("--train-limit", type=int, help="use only the first N training images")
    parser.add_argument("--test-limit", type=int, help="use only the first N test images")
    parser.add_argument("--record")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    train = images(os.path.join(args.data, "train-images-idx3-ubyte.gz"))
    test = images(os.path.join(args.data, "t10k-images-idx3-ubyte.gz"))
    train, test = train[:args.train_limit], test[:args.test_limit]
    eps, perms, epochs = ([], [], []) if args.record else (None, None, [])
    model = VAE(eps)
    if args.record:
        os.makedirs(args.record, exist_ok=True)
        with open(os.path.join(args.record, "init.bin"), "wb") as f:
            for value in model.state_dict().values():
                f.write(value.numpy().astype("<f4").tobytes())
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

    for epoch in range(1, args.epochs + 1):
        start = time.time()
        model.train()
        perm = torch.randperm(len(train))
        if perms is not None:
            perms.append(perm.numpy().copy())
        train_loss = 0.0
        for b in range(0, len(train), 128):
            data = train[perm[b:b + 128]]
            optimizer.zero_grad()
            recon_batch, mu, logvar = model(data)
            loss = loss_function(recon_batch, data, mu, logvar)
            loss.backward()
            train_loss += loss.item()
            optimizer.step()
        seconds = time.time() - start
        model.eval()
        test_loss = 0.0
        with torch.no_grad():
            for b in range(0, len(test), 128):
                data = test[b:b + 128]
                recon_batch, mu, logvar = model(data)
                test_loss += loss_function(recon_batch, data, mu, logvar).item()
        epochs.append({"epoch": epoch, "train_loss": train_loss / len(train), "test_loss": test_loss / len(test),
                       "seconds": seconds})
        print(f"epoch {epoch} train {train_loss / len(train):.4f} test {test_loss / len(test):.4f} "
              f"train_seconds {seconds:.2f}", flush=True)

    if args.record:
        np.concatenate(perms).astype("<i8").tofile(os.path.join(args.record, "perm.bin"))
        np.concatenate([e.reshape(-1) for e in eps]).astype("<f4").tofile(os.path.join(args.record, "eps.bin"))
        with open(os.path.join(args.record, "epochs.json"), "w") as f:
            json.dump({"seed": args.seed, "threads": args.threads, "torch": torch.__version__, "epochs": epochs}, f, indent=1)


if __name__ == "__main__":
    main()
