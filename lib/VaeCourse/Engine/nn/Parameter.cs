namespace MiniTorch.Modules;

/// <summary>A tensor that a module owns and an optimizer updates (TorchSharp's <c>TorchSharp.Modules.Parameter</c>).</summary>
public sealed class Parameter : Tensor
{
    /// <summary>Wraps <paramref name="data"/>'s storage as a leaf parameter.</summary>
    public Parameter(Tensor data, bool requires_grad = true) : base(CheckFloat(data), data.shape, "Parameter", joinScope: false)
    {
        this.requires_grad = requires_grad;
    }

    private static Tensor CheckFloat(Tensor data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Check.Float(data, "Parameter");
        return data;
    }
}
