using static MiniTorch.torch;

namespace MiniTorch.Modules;

/// <summary>y = x·Wᵀ + b. W is (out_features, in_features), as in PyTorch.</summary>
public sealed class Linear : nn.Module<Tensor, Tensor>
{
    public Parameter weight;
    public Parameter? bias;

    internal Linear(long inputSize, long outputSize, bool hasBias) : base("Linear")
    {
        if (inputSize <= 0 || outputSize <= 0)
            throw new ArgumentException($"Linear: sizes must be positive, got in={inputSize}, out={outputSize}");
        in_features = inputSize;
        out_features = outputSize;
        weight = new Parameter(empty(outputSize, inputSize));
        bias = hasBias ? new Parameter(empty(outputSize)) : null;
        reset_parameters();
        RegisterComponents();
    }

    public long in_features { get; }
    public long out_features { get; }

    /// <summary>PyTorch's default: kaiming_uniform_(a=√5) weights (= U(±1/√in)), bias U(±1/√in). Weight drawn first.</summary>
    public void reset_parameters()
    {
        nn.init.kaiming_uniform_(weight, a: Math.Sqrt(5));
        if (bias is not null)
        {
            double bound = 1 / Math.Sqrt(in_features);
            nn.init.uniform_(bias, -bound, bound);
        }
    }

    // (B,in) -> (B,out)
    public override Tensor forward(Tensor input) => Tensor.Linear(input, weight, bias);

    public override string ToString() => $"Linear(in_features={in_features}, out_features={out_features}, bias={bias is not null})";
}
