using MiniTorch.Memory;

namespace MiniTorch;

// Deterministic release of a tensor's memory, as TorchSharp's Dispose and DisposeScope: a disposed tensor's pooled
// array goes back to the engine's BufferPool (once no view shares it) and the tensor can no longer be used.
public partial class Tensor
{
    // The pooled array's ownership, shared with views; null for arrays the tensor does not own exclusively.
    private PooledStorage? _storage;
    private bool _disposed;

    /// <summary>The scope that will dispose this tensor, or null.</summary>
    internal DisposeScope? Scope;

    /// <summary>True once the tensor has been disposed (TorchSharp's name): using it then throws ObjectDisposedException.</summary>
    public bool IsInvalid => _disposed;

    /// <summary>
    /// Releases the tensor now: its graph links go, its pooled memory returns to the engine (once no view shares it),
    /// and any later use throws <see cref="ObjectDisposedException"/>. Disposing twice is harmless. Tensors that are
    /// never disposed are reclaimed by the GC as usual.
    /// </summary>
    public void Dispose()
    {
        if (_disposed) return;
        Scope?.Forget(this);
        Release();
    }

    /// <summary>
    /// Moves this tensor from its <see cref="DisposeScope"/> to the enclosing one (or out of all scopes when there is
    /// none), so it survives the inner scope's disposal. Returns this tensor.
    /// </summary>
    public Tensor MoveToOuterDisposeScope()
    {
        Check.Live(this, "MoveToOuterDisposeScope");
        Scope?.MoveToOuter(this);
        return this;
    }

    /// <summary>Takes this tensor out of its <see cref="DisposeScope"/>: no scope will dispose it. Returns this tensor.</summary>
    public Tensor DetachFromDisposeScope()
    {
        Check.Live(this, "DetachFromDisposeScope");
        Scope?.Detach(this);
        return this;
    }

    // Called by Dispose and by the owning scope (which has already forgotten the tensor).
    internal void Release()
    {
        if (_disposed) return;
        _disposed = true;
        Scope = null;
        GradFn = null;
        Grad = null;
        // An empty array makes any path that skipped the liveness check fail on its length instead of reading an array
        // that may already belong to another tensor.
        Data = Array.Empty<float>();
        PooledStorage? storage = _storage;
        _storage = null;
        storage?.Release();
    }

    /// <summary>A new Float32 tensor over a pooled array with arbitrary contents (every op overwrites all of it).</summary>
    internal static Tensor Pooled(long[] shape, int count)
    {
        float[] data = BufferPool.Rent(count);
        return new Tensor(data, shape, count >= BufferPool.MinLength ? new PooledStorage(data) : null, joinScope: true);
    }

    /// <summary>A tensor that takes over <paramref name="data"/>, a pooled array nothing else references.</summary>
    internal static Tensor AdoptPooled(float[] data, long[] shape) =>
        new(data, shape, data.Length >= BufferPool.MinLength ? new PooledStorage(data) : null, joinScope: true);

    /// <summary>Wraps a gradient buffer that autograd owns: in no scope, and recyclable once its node has run.</summary>
    internal static Tensor GradientBuffer(float[] data, long[] shape) =>
        new(data, shape, storage: null, joinScope: false) { IsGradientBuffer = true };

    /// <summary>True for gradients autograd allocated itself (not a tensor the user assigned to <see cref="grad"/>).</summary>
    internal bool IsGradientBuffer { get; private init; }
}
