namespace MiniTorch;

/// <summary>
/// TorchSharp's dispose scope: every tensor created on this thread while the scope is the innermost one belongs to it,
/// and disposing the scope disposes them all, returning their memory to the engine at once.
/// <code>
/// using (var scope = torch.NewDisposeScope())
/// {
///     var loss = model.forward(x) ...;   // every intermediate tensor belongs to the scope
///     loss.backward();
///     optimizer.step();
///     total += loss.item&lt;float&gt;();
/// }                                      // all of them are disposed here
/// </code>
/// Keep a tensor past the scope with <see cref="Tensor.MoveToOuterDisposeScope"/> or
/// <see cref="Tensor.DetachFromDisposeScope"/>. Scopes nest; a scope belongs to the thread that opened it.
/// Parameters and the gradients autograd stores in <c>.grad</c> never belong to a scope.
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] private static DisposeScope? t_innermost;

    private readonly HashSet<Tensor> _tensors = new(ReferenceEqualityComparer.Instance);
    private DisposeScope? _outer;

    internal DisposeScope()
    {
        _outer = t_innermost;
        t_innermost = this;
    }

    /// <summary>The innermost open scope on this thread, or null.</summary>
    internal static DisposeScope? Current => t_innermost;

    /// <summary>The scope this one is nested in, or null.</summary>
    public DisposeScope? OuterScope => _outer;

    /// <summary>Number of tensors this scope will dispose.</summary>
    public long DisposablesCount => _tensors.Count;

    /// <summary>True once the scope has been disposed.</summary>
    public bool IsDisposed { get; private set; }

    /// <summary>Moves <paramref name="tensor"/> to the enclosing scope (or out of all scopes when there is none).</summary>
    public Tensor MoveToOuter(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (!ReferenceEquals(tensor.Scope, this))
            throw new InvalidOperationException("DisposeScope.MoveToOuter: the tensor does not belong to this scope");
        Forget(tensor);
        _outer?.Include(tensor);
        return tensor;
    }

    /// <summary>Takes <paramref name="tensor"/> out of this scope: no scope will dispose it.</summary>
    public Tensor Detach(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (!ReferenceEquals(tensor.Scope, this))
            throw new InvalidOperationException("DisposeScope.Detach: the tensor does not belong to this scope");
        Forget(tensor);
        return tensor;
    }

    /// <summary>Disposes every tensor still in the scope and closes it (tensors created afterwards go to the outer scope).</summary>
    public void Dispose()
    {
        if (IsDisposed) return;
        IsDisposed = true;
        Unlink();
        foreach (Tensor tensor in _tensors) tensor.Release();
        _tensors.Clear();
    }

    internal void Include(Tensor tensor)
    {
        if (IsDisposed) return;
        _tensors.Add(tensor);
        tensor.Scope = this;
    }

    internal void Forget(Tensor tensor)
    {
        _tensors.Remove(tensor);
        tensor.Scope = null;
    }

    // Closes the scope on this thread's chain; an inner scope still open (disposed out of order) then nests in our outer.
    private void Unlink()
    {
        if (ReferenceEquals(t_innermost, this))
        {
            t_innermost = _outer;
            return;
        }
        for (DisposeScope? inner = t_innermost; inner is not null; inner = inner._outer)
            if (ReferenceEquals(inner._outer, this))
            {
                inner._outer = _outer;
                return;
            }
    }
}
