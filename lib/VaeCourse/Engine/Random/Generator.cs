namespace MiniTorch;

/// <summary>
/// The engine's random number generator: <b>xoshiro256**</b> (Blackman &amp; Vigna, 2018) with its 256-bit state
/// seeded from the 64-bit seed through <b>SplitMix64</b>, as the authors recommend.
/// <list type="bullet">
/// <item>Uniform floats in [0,1): the top 24 bits of a 64-bit draw times 2⁻²⁴ (every value is exactly representable).</item>
/// <item>Normals: the Box–Muller transform on two 53-bit uniform doubles; both outputs are used, in order.</item>
/// </list>
/// Draws are made sequentially on the calling thread, so a seed gives the same numbers on every run,
/// machine and thread count. The numbers differ from PyTorch's (which uses the Mersenne Twister and other transforms).
/// </summary>
public sealed class Generator
{
    /// <summary>The seed the default generator starts from when no <c>manual_seed</c> was called.</summary>
    public const long DefaultSeed = 67280421310721;

    private ulong _s0, _s1, _s2, _s3;
    private double _spareNormal;
    private bool _hasSpare;
    private readonly object _lock = new();

    /// <summary>A generator started from <paramref name="seed"/>.</summary>
    public Generator(long seed = DefaultSeed) => manual_seed(seed);

    /// <summary>The seed this generator was last started from.</summary>
    public long initial_seed() { lock (_lock) return _seed; }
    private long _seed;

    /// <summary>Restarts the generator from <paramref name="seed"/>.</summary>
    public Generator manual_seed(long seed)
    {
        lock (_lock)
        {
            _seed = seed;
            ulong x = unchecked((ulong)seed);
            _s0 = SplitMix64(ref x);
            _s1 = SplitMix64(ref x);
            _s2 = SplitMix64(ref x);
            _s3 = SplitMix64(ref x);
            _hasSpare = false;
        }
        return this;
    }

    private static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    private float NextFloat() => (NextUInt64() >> 40) * (1f / (1 << 24));

    // (0,1]: never 0, so log() in Box–Muller is finite.
    private double NextDoubleOpenZero() => ((NextUInt64() >> 11) + 1) * (1.0 / (1UL << 53));

    private double NextNormal()
    {
        if (_hasSpare) { _hasSpare = false; return _spareNormal; }
        double r = Math.Sqrt(-2.0 * Math.Log(NextDoubleOpenZero()));
        double theta = 2.0 * Math.PI * NextDoubleOpenZero();
        _spareNormal = r * Math.Sin(theta);
        _hasSpare = true;
        return r * Math.Cos(theta);
    }

    /// <summary>Fills <paramref name="destination"/> with U[0,1) draws.</summary>
    internal void FillUniform(Span<float> destination)
    {
        lock (_lock) for (int i = 0; i < destination.Length; i++) destination[i] = NextFloat();
    }

    /// <summary>Fills <paramref name="destination"/> with N(0,1) draws.</summary>
    internal void FillNormal(Span<float> destination)
    {
        lock (_lock) for (int i = 0; i < destination.Length; i++) destination[i] = (float)NextNormal();
    }

    /// <summary>A uniform integer in [0, n) without modulo bias (Lemire's method).</summary>
    internal long NextBelow(long n)
    {
        lock (_lock)
        {
            ulong un = (ulong)n;
            UInt128 m = (UInt128)NextUInt64() * un;
            ulong low = (ulong)m;
            if (low < un)
            {
                ulong threshold = (0 - un) % un;
                while (low < threshold) { m = (UInt128)NextUInt64() * un; low = (ulong)m; }
            }
            return (long)(ulong)(m >> 64);
        }
    }

    /// <summary>A uniformly random permutation of 0..n-1 (Fisher–Yates, drawing from the end).</summary>
    internal long[] Permutation(long n)
    {
        var p = new long[n];
        for (long i = 0; i < n; i++) p[i] = i;
        for (long i = n - 1; i > 0; i--)
        {
            long j = NextBelow(i + 1);
            (p[i], p[j]) = (p[j], p[i]);
        }
        return p;
    }
}
