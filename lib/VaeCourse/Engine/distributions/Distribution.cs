namespace MiniTorch;

public static partial class torch
{
    /// <summary>Probability distributions, as TorchSharp's <c>torch.distributions</c> (only what the course uses).</summary>
    public static partial class distributions
    {
        /// <summary>
        /// The base of the distributions (TorchSharp's <c>torch.distributions.Distribution</c>): a batch of
        /// independent scalar distributions whose parameters share one broadcast shape, <see cref="batch_shape"/>.
        /// </summary>
        public abstract class Distribution
        {
            /// <summary>Starts a distribution drawing from <paramref name="generator"/> (the default generator when null).</summary>
            protected Distribution(Generator? generator, long[] batch_shape)
            {
                this.generator = generator;
                this.batch_shape = (long[])batch_shape.Clone();
            }

            /// <summary>The generator samples are drawn from; null means the default generator.</summary>
            protected Generator? generator;

            /// <summary>The shape over which the parameters are batched.</summary>
            public long[] batch_shape { get; }

            /// <summary>The mean of each distribution in the batch.</summary>
            public abstract Tensor mean { get; }

            /// <summary>The mode of each distribution in the batch.</summary>
            public abstract Tensor mode { get; }

            /// <summary>The variance of each distribution in the batch.</summary>
            public abstract Tensor variance { get; }

            /// <summary>The standard deviation: √variance unless a distribution knows better.</summary>
            public virtual Tensor stddev => variance.sqrt();

            /// <summary>Draws of shape sample_shape + batch_shape, with no gradient.</summary>
            public virtual Tensor sample(params long[] sample_shape)
            {
                using (no_grad()) return rsample(sample_shape);
            }

            /// <summary>Reparameterised draws of shape sample_shape + batch_shape: differentiable in the parameters.</summary>
            public abstract Tensor rsample(params long[] sample_shape);

            /// <summary>The log density at <paramref name="value"/> (broadcast against the batch).</summary>
            public abstract Tensor log_prob(Tensor value);

            /// <summary>The entropy of each distribution in the batch.</summary>
            public abstract Tensor entropy();

            /// <summary>The cumulative distribution function at <paramref name="value"/>.</summary>
            public abstract Tensor cdf(Tensor value);

            /// <summary>The inverse of the cumulative distribution function at probability <paramref name="value"/>.</summary>
            public abstract Tensor icdf(Tensor value);

            /// <summary>exp(entropy).</summary>
            public virtual Tensor perplexity() => entropy().exp();

            /// <summary>sample_shape followed by batch_shape: the shape of a draw.</summary>
            protected long[] ExtendedShape(long[] sample_shape) => sample_shape.Concat(batch_shape).ToArray();
        }
    }
}
