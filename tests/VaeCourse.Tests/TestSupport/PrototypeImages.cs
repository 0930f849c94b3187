using MiniTorch;
using static MiniTorch.torch;

namespace VaeCourse.Tests.TestSupport;

/// <summary>
/// A synthetic binary data set with a known best possible loss: <c>classes</c> random binary prototypes (each pixel on
/// with probability ½), and every image is a prototype with each pixel flipped independently with probability
/// <c>flip</c>. A model that knows the prototypes and the noise needs about D·H(flip) + log(classes) nats per image;
/// one that only knows the mean image needs about D·log 2. Drawn with System.Random, independent of the engine.
/// </summary>
internal static class PrototypeImages
{
    public static Tensor Generate(int count, int pixels, int classes, double flip, int seed, int? prototypeSeed = null)
    {
        var prototypeRandom = new Random(prototypeSeed ?? seed + 1_000_003);
        var prototypes = new bool[classes, pixels];
        for (int c = 0; c < classes; c++)
            for (int i = 0; i < pixels; i++) prototypes[c, i] = prototypeRandom.NextDouble() < 0.5;

        var random = new Random(seed);
        var data = new float[count * pixels];
        for (int n = 0; n < count; n++)
        {
            int c = random.Next(classes);
            for (int i = 0; i < pixels; i++)
                data[n * pixels + i] = prototypes[c, i] ^ (random.NextDouble() < flip) ? 1f : 0f;
        }
        return tensor(data, new long[] { count, pixels });
    }

    /// <summary>Binary entropy H(p) in nats.</summary>
    public static double BinaryEntropy(double p) => -(p * Math.Log(p) + (1 - p) * Math.Log(1 - p));
}
