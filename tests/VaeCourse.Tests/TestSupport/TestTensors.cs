using MiniTorch;
using static MiniTorch.torch;

namespace VaeCourse.Tests.TestSupport;

/// <summary>Inputs for tests, drawn from System.Random so that they do not depend on the engine's generator.</summary>
public static class TestTensors
{
    /// <summary>Uniform values in [lo, hi).</summary>
    public static Tensor Uniform(long[] shape, double lo, double hi, int seed)
    {
        var random = new System.Random(seed);
        var values = new float[Numel(shape)];
        for (int i = 0; i < values.Length; i++) values[i] = (float)(lo + (hi - lo) * random.NextDouble());
        return tensor(values, shape);
    }

    /// <summary>
    /// Uniform magnitudes in [margin, limit) with random signs: inputs at least <paramref name="margin"/> away from the
    /// kink of relu/abs at 0, so a finite difference never straddles it.
    /// </summary>
    public static Tensor AwayFromZero(long[] shape, double margin, double limit, int seed)
    {
        var random = new System.Random(seed);
        var values = new float[Numel(shape)];
        for (int i = 0; i < values.Length; i++)
            values[i] = (float)((margin + (limit - margin) * random.NextDouble()) * (random.Next(2) == 0 ? -1 : 1));
        return tensor(values, shape);
    }

    /// <summary>Uniform values in [lo, hi) that keep at least <paramref name="margin"/> from each of <paramref name="avoid"/>.</summary>
    public static Tensor Avoiding(long[] shape, double lo, double hi, double[] avoid, double margin, int seed)
    {
        var random = new System.Random(seed);
        var values = new float[Numel(shape)];
        for (int i = 0; i < values.Length; i++)
        {
            double v;
            do v = lo + (hi - lo) * random.NextDouble();
            while (avoid.Any(a => Math.Abs(v - a) < margin));
            values[i] = (float)v;
        }
        return tensor(values, shape);
    }

    private static int Numel(long[] shape) => (int)shape.Aggregate(1L, (a, b) => a * b);
}
