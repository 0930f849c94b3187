using System.Diagnostics;
using System.Runtime.CompilerServices;
using MiniTorch.Memory;

namespace MiniTorch;

/// <summary>
/// A dense, contiguous, row-major tensor of rank 0–4 on the CPU, with reverse-mode autograd.
/// Names and semantics follow TorchSharp's <c>torch.Tensor</c>; the ops live in the partial files under <c>Ops/</c>.
/// </summary>
[DebuggerDisplay("{DebuggerText,nq}")]
public partial class Tensor : IDisposable
{
    internal const int MaxRank = 4;

    // Float32 storage (empty for Int64 tensors and after Dispose). Exactly numel() long while the tensor lives.
    internal float[] Data;
    // Int64 storage (indices and labels), null for Float32 tensors.
    internal readonly long[]? Longs;
    private readonly long[] _shape;
    internal readonly int Count;

    private bool _requiresGrad;
    // The accumulated gradient: of a leaf it is what .grad returns; of an intermediate it lives during backward only.
    internal Tensor? Grad;
    // The op that produced this tensor, or null for a leaf / a tensor made under no_grad.
    internal GradNode? GradFn;

    /// <summary>A tensor over <paramref name="data"/>, which it does not own exclusively (never returned to the pool).</summary>
    internal Tensor(float[] data, long[] shape) : this(data, shape, storage: null, joinScope: true)
    {
    }

    internal Tensor(long[] longs, long[] shape)
    {
        Data = Array.Empty<float>();
        Longs = longs;
        _shape = shape;
        Count = longs.Length;
        DisposeScope.Current?.Include(this);
    }

    /// <summary>
    /// A tensor over <paramref name="source"/>'s elements in another shape (view, detach, a Parameter wrapping a tensor):
    /// it shares the source's pooled storage, so the array outlives whichever of the two is disposed first.
    /// </summary>
    internal Tensor(Tensor source, long[] shape, string op, bool joinScope = true)
        : this(Check.Live(source, op).Data, shape, source._storage?.Share(), joinScope)
    {
    }

    private Tensor(float[] data, long[] shape, PooledStorage? storage, bool joinScope)
    {
        Data = data;
        _shape = shape;
        Count = data.Length;
        _storage = storage;
        Debug.Assert(Count == Numel(shape));
        if (joinScope) DisposeScope.Current?.Include(this);
    }

    /// <summary>The sizes of each dimension. The returned array is a copy.</summary>
    public long[] shape => (long[])_shape.Clone();

    /// <summary>Shape without a copy, for the engine's own use.</summary>
    internal ReadOnlySpan<long> Shape => _shape;

    /// <summary>The element type.</summary>
    public ScalarType dtype => Longs is null ? ScalarType.Float32 : ScalarType.Int64;

    /// <summary>Number of dimensions.</summary>
    public long dim() => _shape.Length;

    /// <summary>Alias of <see cref="dim"/>.</summary>
    public long ndim => _shape.Length;

    /// <summary>Number of elements.</summary>
    public long numel() => Count;

    /// <summary>Size of one dimension (negative counts from the end).</summary>
    public long size(long dim) => _shape[Check.Dim(dim, _shape.Length, "size")];

    /// <summary>True where this tensor records operations for backward().</summary>
    public bool requires_grad
    {
        get => _requiresGrad;
        set
        {
            if (!value && GradFn is not null)
                Check.Fail("requires_grad", "cannot turn off requires_grad on a non-leaf tensor; use detach()");
            if (value && dtype != ScalarType.Float32)
                Check.Fail("requires_grad", "only Float32 tensors can require gradients");
            _requiresGrad = value;
        }
    }

    /// <summary>Sets <see cref="requires_grad"/> in place and returns this tensor, as TorchSharp does.</summary>
    public Tensor requires_grad_(bool requires_grad = true)
    {
        this.requires_grad = requires_grad;
        return this;
    }

    /// <summary>The gradient accumulated by backward() into this leaf, or null.</summary>
    public Tensor? grad
    {
        get => Grad;
        set
        {
            if (value is not null) Check.SameShape(this, value, "grad");
            Grad = value;
        }
    }

    /// <summary>True for tensors not produced by a recorded op (parameters, inputs).</summary>
    public bool is_leaf => GradFn is null;

    /// <summary>The single value of a one-element tensor.</summary>
    public T item<T>() where T : unmanaged
    {
        Check.Live(this, "item");
        if (Count != 1)
            Check.Fail("item", $"a tensor of shape {Check.Shape(_shape)} has {Count} elements; item() needs exactly one");
        if (typeof(T) == typeof(float) && Longs is null) { float v = Data[0]; return Unsafe.As<float, T>(ref v); }
        if (typeof(T) == typeof(double) && Longs is null) { double v = Data[0]; return Unsafe.As<double, T>(ref v); }
        if (typeof(T) == typeof(long) && Longs is not null) { long v = Longs[0]; return Unsafe.As<long, T>(ref v); }
        if (typeof(T) == typeof(int) && Longs is not null) { int v = checked((int)Longs[0]); return Unsafe.As<int, T>(ref v); }
        throw new InvalidOperationException($"item<{typeof(T).Name}>: the tensor holds {dtype}");
    }

    /// <summary>Read access to the elements in row-major order, like TorchSharp's <c>data&lt;T&gt;()</c>.</summary>
    public TensorAccessor<T> data<T>() where T : unmanaged
    {
        Check.Live(this, "data");
        if (typeof(T) == typeof(float) && Longs is null) return new TensorAccessor<T>((T[])(object)Data);
        if (typeof(T) == typeof(long) && Longs is not null) return new TensorAccessor<T>((T[])(object)Longs);
        throw new InvalidOperationException($"data<{typeof(T).Name}>: the tensor holds {dtype}");
    }

    /// <summary>A copy of the Float32 elements in row-major order.</summary>
    public float[] ToArray()
    {
        Check.Float(this, "ToArray");
        return (float[])Data.Clone();
    }

    /// <summary>The elements without a copy: the engine's and the course library's fast path.</summary>
    internal Span<float> Span => Data.AsSpan(0, Count);

    /// <summary>A tensor sharing no graph with this one (same values and storage, requires_grad false).</summary>
    public Tensor detach()
    {
        Check.Live(this, "detach");
        if (Longs is not null) return new Tensor(Longs, _shape);
        return new Tensor(this, _shape, "detach");
    }

    /// <summary>A new tensor holding a copy of the values and no graph.</summary>
    public Tensor clone()
    {
        Check.Live(this, "clone");
        return Longs is not null ? new Tensor((long[])Longs.Clone(), _shape) : new Tensor((float[])Data.Clone(), _shape);
    }

    /// <summary>Sets every element to zero in place (no graph).</summary>
    public Tensor zero_()
    {
        Check.Live(this, "zero_");
        if (Longs is not null) Array.Clear(Longs);
        else Span.Clear();
        return this;
    }

    /// <summary>Copies <paramref name="source"/>'s values into this tensor in place (no graph); shapes must match.</summary>
    public Tensor copy_(Tensor source)
    {
        Check.SameShape(this, source, "copy_");
        Check.Float(source, "copy_");
        source.Span.CopyTo(Span);
        return this;
    }

    /// <summary>CPU only: returns this tensor, so code written for TorchSharp's <c>.cpu()</c> runs unchanged.</summary>
    public Tensor cpu() => this;

    internal static int Numel(ReadOnlySpan<long> shape)
    {
        long n = 1;
        foreach (long s in shape) n *= s;
        return (int)n;
    }

    private string DebuggerText => $"{Check.Shape(_shape)} {dtype}{(requires_grad ? " requires_grad" : "")}";
}

/// <summary>Indexed read access to a tensor's elements (TorchSharp's <c>TensorAccessor&lt;T&gt;</c>).</summary>
public readonly struct TensorAccessor<T> where T : unmanaged
{
    private readonly T[] _values;
    internal TensorAccessor(T[] values) => _values = values;

    /// <summary>Number of elements.</summary>
    public long Count => _values.Length;

    /// <summary>The element at a row-major flat index.</summary>
    public T this[long index] => _values[index];

    /// <summary>A copy of all elements.</summary>
    public T[] ToArray() => (T[])_values.Clone();

    /// <summary>Enumerates the elements in row-major order.</summary>
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_values).GetEnumerator();
}
