namespace MiniTorch;

public static partial class torch
{
    public static partial class distributions
    {
        /// <summary>
        /// KL(p ‖ q) = E_p[log p − log q] in closed form, elementwise over the broadcast batch. Defined for a pair of
        /// <see cref="Modules.Normal"/>s: log(σ_q/σ_p) + (σ_p² + (μ_p − μ_q)²)/(2σ_q²) − ½, written as PyTorch does with
        /// r = (σ_p/σ_q)²: ½·(r + ((μ_p − μ_q)/σ_q)² − 1 − log r). Differentiable in both distributions' parameters.
        /// </summary>
        public static Tensor kl_divergence(Distribution p, Distribution q) =>
            p is Modules.Normal pn && q is Modules.Normal qn
                ? NormalNormal(pn, qn)
                : throw new ArgumentException($"kl_divergence: no closed form is known here for {p.GetType().Name} ‖ {q.GetType().Name}");

        private static Tensor NormalNormal(Modules.Normal p, Modules.Normal q)
        {
            Tensor varianceRatio = (p.stddev / q.stddev).pow(2);
            Tensor t1 = ((p.mean - q.mean) / q.stddev).pow(2);
            return 0.5 * (varianceRatio + t1 - 1 - varianceRatio.log());
        }
    }
}
