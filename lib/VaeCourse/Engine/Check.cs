using System.Diagnostics.CodeAnalysis;

namespace MiniTorch;

/// <summary>Throw helpers: every op validates its inputs first and names itself and the shapes it saw.</summary>
internal static class Check
{
    /// <summary>"(128,784)": the shape notation used by every error message.</summary>
    public static string Shape(ReadOnlySpan<long> shape) => "(" + string.Join(",", shape.ToArray()) + ")";

    public static void That([DoesNotReturnIf(false)] bool condition, string op, string message)
    {
        if (!condition) Fail(op, message);
    }

    [DoesNotReturn]
    public static void Fail(string op, string message) => throw new ArgumentException($"{op}: {message}");

    /// <summary>Throws ObjectDisposedException naming the op when <paramref name="t"/> was disposed; returns it otherwise.</summary>
    public static Tensor Live(Tensor t, string op)
    {
        if (t.IsInvalid) ThrowDisposed(t, op);
        return t;
    }

    [DoesNotReturn]
    private static void ThrowDisposed(Tensor t, string op) =>
        throw new ObjectDisposedException("Tensor",
            $"{op}: the tensor {Shape(t.Shape)} was disposed (by Dispose() or by the DisposeScope it was created in); " +
            "keep a tensor past its scope with MoveToOuterDisposeScope() or DetachFromDisposeScope()");

    public static void Float(Tensor t, string op)
    {
        Live(t, op);
        if (t.dtype != ScalarType.Float32)
            Fail(op, $"expected a Float32 tensor, got {t.dtype} {Shape(t.shape)}");
    }

    public static void SameShape(Tensor a, Tensor b, string op)
    {
        if (!a.shape.AsSpan().SequenceEqual(b.shape))
            Fail(op, $"{Shape(a.shape)} and {Shape(b.shape)}: shapes differ");
    }

    /// <summary>Turns a possibly negative dimension into 0..rank-1, or throws naming the op.</summary>
    public static int Dim(long dim, int rank, string op)
    {
        long d = dim < 0 ? dim + rank : dim;
        if (rank == 0) Fail(op, $"dimension {dim} given, but a 0-D tensor has no dimensions");
        if (d < 0 || d >= rank)
            Fail(op, $"dimension {dim} is out of range for a tensor of rank {rank}");
        return (int)d;
    }

    public static int Numel(ReadOnlySpan<long> shape, string op)
    {
        if (shape.Length > Tensor.MaxRank)
            Fail(op, $"shape {Shape(shape)} has rank {shape.Length}; tensors have rank 0 to {Tensor.MaxRank}");
        long n = 1;
        foreach (long s in shape)
        {
            if (s < 0) Fail(op, $"shape {Shape(shape)} has a negative size");
            n *= s;
            if (n > Array.MaxLength) Fail(op, $"shape {Shape(shape)} has {n} elements, more than an array can hold");
        }
        return (int)n;
    }
}
