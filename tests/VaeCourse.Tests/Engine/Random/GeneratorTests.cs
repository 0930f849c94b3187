using MiniTorch;
using VaeCourse.Tests.TestSupport;
using static MiniTorch.torch;

namespace VaeCourse.Tests.Engine.Randomness;

/// <summary>Generator: the documented algorithm, distributions, and per-generator determinism.</summary>
public class GeneratorTests
{
    [Fact]
    public void Uniform_draws_are_xoshiro256starstar_seeded_by_splitmix64()
    {
        // The published SplitMix64 test vector: the first output from state 0.
        ulong state = 0;
        Assert.Equal(0xE220A8397B1DCDAFUL, SplitMix64(ref state));

        // Reimplemented here from the papers: 24 high bits of each 64-bit draw, times 2⁻²⁴.
        foreach (long seed in new long[] { 0, 1, 42, -7, long.MaxValue })
        {
            ulong x = unchecked((ulong)seed);
            ulong s0 = SplitMix64(ref x), s1 = SplitMix64(ref x), s2 = SplitMix64(ref x), s3 = SplitMix64(ref x);
            var expected = new float[100];
            for (int i = 0; i < expected.Length; i++)
            {
                ulong result = ulong.RotateLeft(s1 * 5, 7) * 9;
                ulong t = s1 << 17;
                s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t;
                s3 = ulong.RotateLeft(s3, 45);
                expected[i] = (result >> 40) * (1f / (1 << 24));
            }
            Assert.Equal(expected, rand(new long[] { 100 }, new Generator(seed)).ToArray());
        }
    }

    private static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    [Fact]
    public void Same_seed_same_numbers_different_seed_different_numbers()
    {
        var a = new Generator(123);
        var b = new Generator(123);
        var c = new Generator(124);
        Assert.Equal(randn(new long[] { 1001 }, a).ToArray(), randn(new long[] { 1001 }, b).ToArray());
        Assert.Equal(rand(new long[] { 500 }, a).ToArray(), rand(new long[] { 500 }, b).ToArray());
        Assert.Equal(randperm(50, a).data<long>().ToArray(), randperm(50, b).data<long>().ToArray());

        a.manual_seed(123);
        float[] first = randn(new long[] { 1001 }, a).ToArray();
        Assert.NotEqual(first, randn(new long[] { 1001 }, c).ToArray());
        a.manual_seed(124);
        Assert.NotEqual(first, randn(new long[] { 1001 }, a).ToArray());
        Assert.Equal(124, a.initial_seed());
    }

    [Fact]
    public void Reseeding_discards_the_spare_normal()
    {
        // Box–Muller makes normals in pairs; after an odd count the spare must not survive manual_seed.
        var g = new Generator(5);
        float[] fresh = randn(new long[] { 4 }, g).ToArray();
        g.manual_seed(5);
        randn(new long[] { 3 }, g);
        g.manual_seed(5);
        Assert.Equal(fresh, randn(new long[] { 4 }, g).ToArray());
    }

    [Fact]
    public void Rand_is_uniform_on_0_1()
    {
        float[] u = rand(new long[] { 200_000 }, new Generator(7)).ToArray();
        Assert.All(u, v => Assert.True(v >= 0f && v < 1f, $"{v}"));
        double mean = u.Average(v => (double)v);
        double variance = u.Average(v => (v - mean) * (v - mean));
        Assert.Equal(0.5, mean, 0.003);          // SE 6.5e-4
        Assert.Equal(1.0 / 12, variance, 0.001); // SE 1.9e-4
        // Each tenth of [0,1) holds a tenth of the draws (SE 0.07 %).
        for (int bin = 0; bin < 10; bin++)
            Assert.Equal(0.1, u.Count(v => (int)(v * 10) == bin) / (double)u.Length, 0.004);
    }

    [Fact]
    public void Randn_is_standard_normal()
    {
        float[] z = randn(new long[] { 200_000 }, new Generator(8)).ToArray();
        Assert.All(z, v => Assert.True(float.IsFinite(v)));
        double mean = z.Average(v => (double)v);
        double variance = z.Average(v => (v - mean) * (v - mean));
        Assert.Equal(0, mean, 0.01);        // SE 0.0022
        Assert.Equal(1, variance, 0.015);   // SE 0.0032
        Assert.Equal(0.6827, z.Count(v => Math.Abs(v) < 1) / (double)z.Length, 0.005);
        Assert.Equal(0.9545, z.Count(v => Math.Abs(v) < 2) / (double)z.Length, 0.003);
    }

    [Fact]
    public void Randperm_is_a_uniformly_random_permutation()
    {
        var g = new Generator(9);
        long[] p = randperm(1000, g).data<long>().ToArray();
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (long)i), p.Order());
        Assert.NotEqual(Enumerable.Range(0, 1000).Select(i => (long)i), p);
        Assert.Equal(ScalarType.Int64, randperm(3, g).dtype);
        Assert.Empty(randperm(0, g).data<long>().ToArray());

        // All 6 orders of 3 items, each 1/6 of the time (SE 0.26 % with 20 000 draws).
        var counts = new Dictionary<string, int>();
        for (int i = 0; i < 20_000; i++)
        {
            string key = string.Join(",", randperm(3, g).data<long>().ToArray());
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        Assert.Equal(6, counts.Count);
        Assert.All(counts.Values, n => Assert.Equal(1.0 / 6, n / 20_000.0, 0.015));

        Assert.Equal("randperm: n must be non-negative, got -1", Assert.Throws<ArgumentException>(() => randperm(-1, g)).Message);
    }
}

/// <summary>The default generator behind torch.manual_seed: run alone, since any other test could draw from it.</summary>
[Collection(GlobalStateCollection.Name)]
public class DefaultGeneratorTests
{
    [Fact]
    public void Manual_seed_makes_randn_rand_and_randperm_repeat()
    {
        (float[] n, float[] u, long[] p) Draw()
        {
            return (randn(257).ToArray(), rand(100).ToArray(), randperm(64).data<long>().ToArray());
        }
        manual_seed(2024);
        var first = Draw();
        manual_seed(2024);
        var again = Draw();
        manual_seed(2025);
        var other = Draw();

        Assert.Equal(first.n, again.n);
        Assert.Equal(first.u, again.u);
        Assert.Equal(first.p, again.p);
        Assert.NotEqual(first.n, other.n);
        Assert.NotEqual(first.u, other.u);
        Assert.NotEqual(first.p, other.p);
        Assert.Equal(2025, random.initial_seed());
    }

    [Fact]
    public void Manual_seed_makes_model_initialisation_repeat()
    {
        manual_seed(3);
        float[] a = nn.Linear(10, 5).weight.ToArray();
        manual_seed(3);
        float[] b = nn.Linear(10, 5).weight.ToArray();
        Assert.Equal(a, b);
        Assert.NotEqual(a, nn.Linear(10, 5).weight.ToArray());
    }

    [Fact]
    public void The_default_generator_is_the_one_manual_seed_returns()
    {
        Generator g = manual_seed(11);
        float[] viaDefault = rand(8).ToArray();
        g.manual_seed(11);
        Assert.Equal(viaDefault, rand(new long[] { 8 }, g).ToArray());
        Assert.Equal(rand(new long[] { 8 }, new Generator(11)).ToArray(), viaDefault);
    }
}
