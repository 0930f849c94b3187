namespace MiniTorch;

public partial class Tensor
{
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
    /// the buffer, so the first contribution is adopted without a copy; later ones (a node used twice) are summed.
    /// </summary>
    internal void AccumulateGrad(float[] contribution, bool owned)
    {
        if (!_requiresGrad) return;
        if (Grad is null)
        {
            Grad = new Tensor(owned ? contribution : (float[])contribution.Clone(), _shape);
            return;
        }
        Kernels.Simd.AddInPlace(Grad.Span, contribution.AsSpan(0, Count));
    }

    /// <summary>
    /// Computes the gradient of this scalar with respect to every leaf that requires it, accumulating into their
    /// <see cref="grad"/>. The graph is released afterwards unless <paramref name="retain_graph"/> is true.
    /// </summary>
    public void backward(Tensor? gradient = null, bool retain_graph = false)
    {
        if (gradient is null && Count != 1)
            Check.Fail("backward", $"grad can be implicitly created only for scalar outputs; this tensor has shape {Check.Shape(_shape)}");
        if (!_requiresGrad)
            Check.Fail("backward", "this tensor does not require grad and has no grad_fn (was it computed under no_grad(), or from tensors without requires_grad?)");
        if (gradient is not null) Check.SameShape(this, gradient, "backward");

        List<Tensor> order = TopologicalOrder(this);
        float[] seed = gradient is null ? new[] { 1f } : (float[])gradient.Data.Clone();
        AccumulateGrad(seed, owned: true);

        // Reverse topological order: every node runs after all of its consumers have added their share.
        for (int i = order.Count - 1; i >= 0; i--)
        {
            Tensor t = order[i];
            GradNode node = t.GradFn!;
            Tensor? g = t.Grad;
            if (g is not null) node.Run(g);
            // Intermediates keep no gradient (as PyTorch without retain_grad), so their memory goes now.
            t.Grad = null;
            if (!retain_graph) node.Release();
        }
    }

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
