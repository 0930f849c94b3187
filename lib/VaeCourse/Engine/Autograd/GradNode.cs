namespace MiniTorch;

/// <summary>
/// One recorded op in the graph (micrograd's <c>_backward</c>): the tensors it read and a closure that, given the
/// gradient of the op's output, <em>accumulates</em> each input's gradient through <see cref="Tensor.AccumulateGrad"/>.
/// </summary>
internal sealed class GradNode
{
    public readonly string Name;
    public Tensor[] Inputs;
    private Action<Tensor>? _backward;

    public GradNode(string name, Tensor[] inputs, Action<Tensor> backward)
    {
        Name = name;
        Inputs = inputs;
        _backward = backward;
    }

    public bool Released => _backward is null;

    public void Run(Tensor gradOutput)
    {
        if (_backward is null)
            Check.Fail("backward", $"the graph through '{Name}' was already released by an earlier backward(); " +
                                   "call backward(retain_graph: true) the first time to backward twice");
        _backward(gradOutput);
    }

    /// <summary>Drops the closure and its saved tensors so the graph's memory can be reclaimed.</summary>
    public void Release()
    {
        _backward = null;
        Inputs = Array.Empty<Tensor>();
    }
}
