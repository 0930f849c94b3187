namespace MiniTorch
{
    using static torch;

    namespace Modules
    {
        /// <summary>
        /// The normal (Gaussian) distribution N(loc, scale²), batched over the broadcast shape of loc and scale, as
        /// TorchSharp's <c>TorchSharp.Modules.Normal</c>. Create it with <c>torch.distributions.Normal(loc, scale)</c>.
        /// </summary>
        public class Normal : distributions.Distribution
        {
            private const double LogSqrtTwoPi = 0.91893853320467274178;  // ½·log(2π)
            private const double Sqrt2 = 1.4142135623730950488;

            private readonly Tensor loc;
            private readonly Tensor scale;

            /// <summary>N(loc, scale²); loc and scale broadcast against each other.</summary>
            /// <param name="loc">The mean (and mode and median).</param>
            /// <param name="scale">The standard deviation (positive).</param>
            /// <param name="generator">The generator samples are drawn from; null for the default generator.</param>
            public Normal(Tensor loc, Tensor scale, Generator? generator = null)
                : this(Tensor.Broadcast(loc, scale, "Normal"), generator)
            {
            }

            private Normal((Tensor loc, Tensor scale) parameters, Generator? generator)
                : base(generator, parameters.loc.shape)
            {
                loc = parameters.loc;
                scale = parameters.scale;
            }

            /// <summary>The mean: loc.</summary>
            public override Tensor mean => loc;

            /// <summary>The mode: loc.</summary>
            public override Tensor mode => loc;

            /// <summary>The standard deviation: scale.</summary>
            public override Tensor stddev => scale;

            /// <summary>The variance: scale².</summary>
            public override Tensor variance => scale.pow(2);

            /// <summary>Draws of shape sample_shape + batch_shape, with no gradient.</summary>
            public override Tensor sample(params long[] sample_shape)
            {
                using (no_grad()) return rsample(sample_shape);
            }

            /// <summary>loc + ε·scale with ε ~ N(0, 1): differentiable in loc and scale (the reparameterisation trick).</summary>
            public override Tensor rsample(params long[] sample_shape)
            {
                Tensor eps = randn(ExtendedShape(sample_shape), generator);
                return loc + eps * scale;
            }

            /// <summary>log N(value; loc, scale²) = −(value − loc)²/(2·scale²) − log scale − ½·log(2π).</summary>
            public override Tensor log_prob(Tensor value)
            {
                return -(value - loc).pow(2) / (2 * variance) - scale.log() - LogSqrtTwoPi;
            }

            /// <summary>½ + ½·log(2π) + log scale.</summary>
            public override Tensor entropy() => 0.5 + LogSqrtTwoPi + scale.log();

            /// <summary>½·(1 + erf((value − loc)/(scale·√2))).</summary>
            /// <remarks>
            /// As in PyTorch, far in the left tail (below about loc − 5·scale) the float result keeps only a few
            /// digits, because 1 + erf(…) cancels.
            /// </remarks>
            public override Tensor cdf(Tensor value) => 0.5 * (1 + special.erf((value - loc) / (scale * Sqrt2)));

            /// <summary>loc + scale·√2·erfinv(2·value − 1): the value below which a fraction <paramref name="value"/> lies.</summary>
            public override Tensor icdf(Tensor value) => loc + scale * special.erfinv(2 * value - 1) * Sqrt2;
        }
    }

    public static partial class torch
    {
        public static partial class distributions
        {
            /// <summary>The normal distribution N(loc, scale²), batched over the broadcast shape of loc and scale.</summary>
            /// <param name="loc">The mean.</param>
            /// <param name="scale">The standard deviation (positive).</param>
            /// <param name="generator">The generator samples are drawn from; null for the default generator.</param>
            public static Modules.Normal Normal(Tensor loc, Tensor scale, Generator? generator = null) => new(loc, scale, generator);

            /// <summary>A scalar normal distribution N(loc, scale²).</summary>
            public static Modules.Normal Normal(float loc, float scale = 1.0f, Generator? generator = null) =>
                new(tensor(loc), tensor(scale), generator);

            /// <summary>A scalar normal distribution N(loc, scale²).</summary>
            public static Modules.Normal Normal(double loc, double scale = 1.0, Generator? generator = null) =>
                new(tensor((float)loc), tensor((float)scale), generator);
        }
    }
}
