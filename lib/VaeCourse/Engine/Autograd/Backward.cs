using MiniTorch.Memory;

namespace MiniTorch;

public partial class Tensor
{
    // The gradient buffer of the node backward() is running on this thread, and whether an input adopted it: if none
    // did, the buffer is dead once the node returns and goes back to the pool.
    [ThreadStatic] private static float[]? t_runningGradient;
    [ThreadStatic] private static bool t_runningGradientAdopted;

    /// <summary>True when an op on these inputs must record a graph node.</summary>
    internal static bool NeedsGrad(Tensor a) => GradMode.Enabled && a._requiresGrad;
    internal static bool NeedsGrad(Tensor a, Tensor b) => GradMode.Enabled && (a._requiresGrad || b._requiresGrad);

    /// <summary>Marks <paramref name="output"/> as produced by an op whose backward is <paramref name="backward"/>.</summary>
    internal static Tensor Record(Tensor output, string name, Tensor[] inputs, Action<Tensor> backward)
    {
        output._requiresGrad = true;
        output.GradFn = new GradNode(name, inputs, backward);
        return output;
    }

    /// <summary>
    /// Adds <paramref name="contribution"/> to this tensor's gradient. When <paramref name="owned"/> the caller hands over
    /// the buffer (exactly numel long, referenced nowhere else): the first contribution is adopted without a copy, and a
    /// later one (a tensor used twice) is summed in and its buffer recycled.
    /// </summary>
    internal void AccumulateGrad(float[] contribution, bool owned)
    {
        bool running = ReferenceEquals(contribution, t_runningGradient);
        if (!_requiresGrad)
        {
            if (owned && !running) BufferPool.Return(contribution);
            return;
        }
        if (Grad is null)
        {
            if (owned && running) t_runningGradientAdopted = true;
            float[] buffer = owned ? contribution : Copy(contribution, Count);
            Grad = GradientBuffer(buffer, _shape);
            return;
        }
        Kernels.Simd.AddInPlace(Grad.Span, contribution.AsSpan(0, Count));
        if (owned && !running) BufferPool.Return(contribution);
    }

    /// <summary>
    /// Where a backward rule may write this tensor's gradient contribution directly (a GEMM with accumulate, say):
    /// the existing gradient when there is one (<paramref name="accumulate"/> true: add to it), else a fresh pooled
    /// buffer to overwrite, which <see cref="CommitGradTarget"/> then adopts. Saves a buffer and an addition pass.
    /// </summary>
    internal float[] GradTarget(out bool accumulate)
    {
        if (Grad is not null && !Grad._disposed)
        {
            accumulate = true;
            return Grad.Data;
        }
        accumulate = false;
        return BufferPool.Rent(Count);
    }

    /// <summary>Completes <see cref="GradTarget"/>: adopts the buffer unless the contribution was added in place.</summary>
    internal void CommitGradTarget(float[] target, bool accumulated)
    {
        if (!accumulated) AccumulateGrad(target, owned: true);
    }

    /// <summary>Drops this tensor's gradient, returning its array to the pool when autograd allocated it (see
    /// <c>Optimizer.ReleaseGradients</c>: only for gradients nobody else holds).</summary>
    internal void ReleaseGradient()
    {
        Tensor? g = Grad;
        Grad = null;
        if (g is { IsGradientBuffer: true, IsInvalid: false }) BufferPool.Return(g.Data);
    }

    private static float[] Copy(float[] source, int count)
    {
        float[] copy = BufferPool.Rent(count);
        source.AsSpan(0, count).CopyTo(copy);
        return copy;
    }

    /// <summary>
    /// Computes the gradient of this scalar with respect to every leaf that requires it, accumulating into their
    /// <see cref="grad"/>. The graph is released afterwards unless <paramref name="retain_graph"/> is true.
    /// </summary>
    public void backward(Tensor? gradient = null, bool retain_graph = false)
    {
        Check.Live(this, "backward");
        if (gradient is null && Count != 1)
            Check.Fail("backward", $"grad can be implicitly created only for scalar outputs; this tensor has shape {Check.Shape(_shape)}");
        if (!_requiresGrad)
            Check.Fail("backward", "this tensor does not require grad and has no grad_fn (was it computed under no_grad(), or from tensors without requires_grad?)");
        if (gradient is not null)
        {
            Check.Live(gradient, "backward");
            Check.SameShape(this, gradient, "backward");
        }

        List<Tensor> order = TopologicalOrder(this);
        float[] seed = gradient is null ? new[] { 1f } : Copy(gradient.Data, Count);
        AccumulateGrad(seed, owned: true);

        float[]? outerRunning = t_runningGradient;
        bool outerAdopted = t_runningGradientAdopted;
        try
        {
            // Reverse topological order: every node runs after all of its consumers have added their share.
            for (int i = order.Count - 1; i >= 0; i--)
            {
                Tensor t = order[i];
                GradNode node = t.GradFn!;
                Tensor? g = t.Grad;
                // Intermediates keep no gradient (as PyTorch without retain_grad), so their memory goes now.
                t.Grad = null;
                if (g is not null) RunNode(t, node, g);
                if (!retain_graph) node.Release();
            }
        }
        finally
        {
            t_runningGradient = outerRunning;
            t_runningGradientAdopted = outerAdopted;
        }
    }

    // Runs one node on its output's gradient g, then recycles g unless an input adopted it.
    private static void RunNode(Tensor output, GradNode node, Tensor g)
    {
        if (output._disposed) ThrowDisposedInGraph(node, "its output");
        foreach (Tensor input in node.Inputs)
            if (input._disposed) ThrowDisposedInGraph(node, $"its input {Check.Shape(input._shape)}");

        t_runningGradient = g.Data;
        t_runningGradientAdopted = false;
        using (Profiler.Region(Profiler.FamilyOf(node.Name)))
            node.Run(g);
        bool adopted = t_runningGradientAdopted;
        t_runningGradient = null;
        if (!adopted && g.IsGradientBuffer) BufferPool.Return(g.Data);
    }

    private static void ThrowDisposedInGraph(GradNode node, string which) =>
        throw new ObjectDisposedException("Tensor",
            $"backward through '{node.Name}': {which} was disposed before backward() ran; call backward() inside the DisposeScope " +
            "that created the graph, or move the tensors out of it");

    /// <summary>Non-leaf tensors reachable from <paramref name="root"/>, each after every tensor it depends on.</summary>
    private static List<Tensor> TopologicalOrder(Tensor root)
    {
        var order = new List<Tensor>();
        var visited = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        // Iterative DFS (a deep graph must not overflow the stack): (tensor, next input index).
        var stack = new Stack<(Tensor, int)>();
        if (root.GradFn is not null) { stack.Push((root, 0)); visited.Add(root); }
        while (stack.Count > 0)
        {
            var (t, next) = stack.Pop();
            Tensor[] inputs = t.GradFn!.Inputs;
            if (t.GradFn.Released)
                Check.Fail("backward", $"the graph through '{t.GradFn.Name}' was already released by an earlier backward(); " +
                                       "call backward(retain_graph: true) the first time to backward twice");
            if (next < inputs.Length)
            {
                stack.Push((t, next + 1));
                Tensor input = inputs[next];
                if (input.GradFn is not null && input._requiresGrad && visited.Add(input)) stack.Push((input, 0));
            }
            else
            {
                order.Add(t);
            }
        }
        return order;
    }
}
