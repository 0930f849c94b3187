using static MiniTorch.torch;

namespace MiniTorch.Modules;

/// <summary>Applies its modules in order; children are named "0", "1", … unless names are given.</summary>
public sealed class Sequential : nn.Module<Tensor, Tensor>
{
    private readonly List<nn.Module<Tensor, Tensor>> _layers = new();

    internal Sequential(IEnumerable<(string name, nn.Module<Tensor, Tensor> module)> modules) : base("Sequential")
    {
        foreach (var (name, module) in modules) append(name, module);
    }

    /// <summary>Adds a module at the end.</summary>
    public Sequential append(string name, nn.Module<Tensor, Tensor> module)
    {
        register_module(name, module);
        _layers.Add(module);
        return this;
    }

    /// <summary>Adds a module at the end, named by its position.</summary>
    public Sequential append(nn.Module<Tensor, Tensor> module) => append(_layers.Count.ToString(), module);

    public int Count => _layers.Count;
    public nn.Module<Tensor, Tensor> this[int index] => _layers[index];

    public override Tensor forward(Tensor input)
    {
        Tensor x = input;
        foreach (var layer in _layers) x = layer.forward(x);
        return x;
    }
}

public sealed class ReLU : nn.Module<Tensor, Tensor>
{
    internal ReLU() : base("ReLU") { }
    public override Tensor forward(Tensor input) => input.relu();
}

public sealed class Sigmoid : nn.Module<Tensor, Tensor>
{
    internal Sigmoid() : base("Sigmoid") { }
    public override Tensor forward(Tensor input) => input.sigmoid();
}

public sealed class Tanh : nn.Module<Tensor, Tensor>
{
    internal Tanh() : base("Tanh") { }
    public override Tensor forward(Tensor input) => input.tanh();
}

public sealed class Softplus : nn.Module<Tensor, Tensor>
{
    internal Softplus(double beta, double threshold) : base("Softplus") { this.beta = beta; this.threshold = threshold; }
    public double beta { get; set; }
    public double threshold { get; set; }
    public override Tensor forward(Tensor input) => input.softplus(beta, threshold);
}

/// <summary>Merges dims start_dim..end_dim (default 1..−1: keeps the batch dimension).</summary>
public sealed class Flatten : nn.Module<Tensor, Tensor>
{
    internal Flatten(long startDim, long endDim) : base("Flatten") { start_dim = startDim; end_dim = endDim; }
    public long start_dim { get; }
    public long end_dim { get; }
    public override Tensor forward(Tensor input) => input.flatten(start_dim, end_dim);
}

/// <summary>Splits dimension <c>dim</c> into <c>unflattened_size</c>, e.g. (B,784) -> (B,1,28,28).</summary>
public sealed class Unflatten : nn.Module<Tensor, Tensor>
{
    internal Unflatten(long dim, long[] unflattenedSize) : base("Unflatten") { this.dim = dim; unflattened_size = (long[])unflattenedSize.Clone(); }
    public long dim { get; }
    public long[] unflattened_size { get; }
    public override Tensor forward(Tensor input) => input.unflatten(dim, unflattened_size);
}
