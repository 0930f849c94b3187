using MiniTorch.Modules;

namespace MiniTorch;

public static partial class torch
{
    /// <summary>TorchSharp's <c>torch.nn</c>: layer factories, <see cref="Module"/>, <see cref="functional"/>, <see cref="init"/>.</summary>
    public static partial class nn
    {
        /// <summary>How a loss reduces its per-element values.</summary>
        public enum Reduction : long { None = 0, Mean = 1, Sum = 2 }

        public static Linear Linear(long inputSize, long outputSize, bool hasBias = true) => new(inputSize, outputSize, hasBias);

        public static Sequential Sequential(params Module<Tensor, Tensor>[] modules) =>
            new(modules.Select((m, i) => (i.ToString(), m)));

        public static Sequential Sequential(params (string name, Module<Tensor, Tensor> submodule)[] modules) =>
            new(modules.Select(e => (e.name, e.submodule)));

        public static Sequential Sequential(IEnumerable<Module<Tensor, Tensor>> modules) =>
            new(modules.Select((m, i) => (i.ToString(), m)));

        public static ReLU ReLU(bool inplace = false) => new();
        public static Sigmoid Sigmoid() => new();
        public static Tanh Tanh() => new();
        public static Softplus Softplus(double beta = 1, double threshold = 20) => new(beta, threshold);
        public static Flatten Flatten(long start_dim = 1, long end_dim = -1) => new(start_dim, end_dim);
        public static Unflatten Unflatten(long dim, long[] unflattened_size) => new(dim, unflattened_size);
    }

    /// <summary>An uninitialised-by-contract tensor (zeros here), as torch.empty.</summary>
    public static Tensor empty(params long[] size) => zeros(size);
}
