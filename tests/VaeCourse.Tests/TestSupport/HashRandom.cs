namespace VaeCourse.Tests.TestSupport;

/// <summary>
/// Random-looking numbers that any language computes bit for bit the same, so a run of ours can replay a run of
/// PyTorch's (tools/reference/pytorch_vae_replay.py holds the twin of this class):
/// u(stream, i) = top 24 bits of SplitMix64's output for the key (stream &lt;&lt; 32 | i), over 2²⁴.
/// </summary>
internal static class HashRandom
{
    /// <summary>u(stream, 0), …, u(stream, count − 1), each in [0, 1) and exact in double.</summary>
    public static double[] Uniform(long stream, int count)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            ulong z = unchecked(((ulong)stream << 32 | (uint)i) + 0x9E3779B97F4A7C15UL);
            z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
            z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
            z ^= z >> 31;
            values[i] = (z >> 40) / (double)(1 << 24);
        }
        return values;
    }

    /// <summary>count floats (2·u − 1)·<paramref name="bound"/>, uniform in [−bound, bound): weights and test operands.</summary>
    public static float[] Centered(long stream, int count, double bound = 1.0) =>
        Uniform(stream, count).Select(u => (float)((2.0 * u - 1.0) * bound)).ToArray();

    /// <summary>
    /// rows × cols standard-normal-like floats: the sum of 12 uniforms minus 6 (Irwin–Hall; mean 0, variance 1).
    /// The sums are exact in double, so there is no rounding for two implementations to disagree on.
    /// </summary>
    public static float[] Normal(long stream, int rows, int cols)
    {
        double[] u = Uniform(stream, rows * cols * 12);
        var values = new float[rows * cols];
        for (int i = 0; i < values.Length; i++)
        {
            double total = 0;
            for (int j = 0; j < 12; j++) total += u[12 * i + j];
            values[i] = (float)(total - 6.0);
        }
        return values;
    }
}
