using MiniTorch.Kernels;
using MiniTorch.Memory;

namespace MiniTorch;

// The VAE's training loss as one graph node: what binary_cross_entropy(sum) + β·KL composes from ~10 ops.
public partial class Tensor
{
    /// <summary>
    /// −ELBO of a batch in one node: BCE(recon, target) summed + β·KL(N(μ, σ²) ‖ N(0, I)) summed, with
    /// KL = −½ Σ (1 + log σ² − μ² − σ²). The BCE sum is bit-identical to
    /// <c>binary_cross_entropy(recon, target, reduction: Sum)</c> (same per-pixel operator, same summation order) and
    /// so is its gradient; the KL part and its gradients (∂/∂μ = β·μ, ∂/∂log σ² = ½β(σ² − 1)) agree with the
    /// composed ops to rounding. Returns the total (what backward() runs on) and both parts as numbers.
    /// </summary>
    internal static (Tensor Loss, float Bce, float Kl) VaeLoss(Tensor recon, Tensor target, Tensor mu, Tensor logvar, float beta)
    {
        const string op = "vae_loss";
        using var region = Profiler.Region(OpFamily.Loss);
        Check.Float(recon, op);
        Check.Float(target, op);
        Check.Float(mu, op);
        Check.Float(logvar, op);
        if (recon.Count != target.Count)
            Check.Fail(op, $"reconstruction {Check.Shape(recon._shape)} and target {Check.Shape(target._shape)} differ in size");
        if (!mu._shape.AsSpan().SequenceEqual(logvar._shape))
            Check.Fail(op, $"mu {Check.Shape(mu._shape)} and logvar {Check.Shape(logvar._shape)}: shapes differ");
        if (!(beta >= 0) || float.IsInfinity(beta)) Check.Fail(op, $"beta must be finite and non-negative, got {beta}");
        int outside = Simd.FirstOutside(recon.Span, 0f, 1f);
        if (outside >= 0)
            Check.Fail(op, $"all elements of the reconstruction should be between 0 and 1, found {recon.Span[outside]} at flat index {outside}");

        float bce = BceSum(recon.Span, target.Span);
        float kl = KlSum(mu.Span, logvar.Span);
        // As bce + kl * β: kl·β first (a scalar affine map), then the sum.
        var loss = new Tensor(new[] { bce + (beta * kl + 0f) }, Array.Empty<long>());
        bool needs = GradMode.Enabled && (recon._requiresGrad || mu._requiresGrad || logvar._requiresGrad);
        if (!needs) return (loss, bce, kl);

        Record(loss, op, new[] { recon, mu, logvar }, g =>
        {
            float upstream = g.Data[0];
            if (recon._requiresGrad)
            {
                // ∂/∂x̂ = (x̂ − x) / max(x̂(1 − x̂), 1e−12), times the upstream gradient: BCE's backward rule in one pass.
                float[] gx = BufferPool.Rent(recon.Count);
                Simd.Binary(new BceGradScaledOp(upstream), recon.Span, target.Span, gx);
                recon.AccumulateGrad(gx, owned: true);
            }
            float scale = upstream * beta;
            if (mu._requiresGrad)
            {
                float[] gm = BufferPool.Rent(mu.Count);
                Simd.Unary(new AffineOp(scale, 0f), mu.Span, gm);                       // β·μ
                mu.AccumulateGrad(gm, owned: true);
            }
            if (logvar._requiresGrad)
            {
                float[] gl = BufferPool.Rent(logvar.Count);
                Simd.Unary(new ExpOp(), logvar.Span, gl);                                // σ²
                Simd.Unary(new AffineOp(0.5f * scale, -0.5f * scale), gl, gl);          // ½β(σ² − 1)
                logvar.AccumulateGrad(gl, owned: true);
            }
        });
        return (loss, bce, kl);
    }

    // Σ BCE(x̂ᵢ, xᵢ): the per-pixel losses (the costly part: two logs each) on all threads, then summed in Simd.Sum's
    // fixed order, exactly as binary_cross_entropy with reduction Sum.
    private static float BceSum(ReadOnlySpan<float> recon, ReadOnlySpan<float> target)
    {
        float[] losses = BufferPool.Rent(recon.Length);
        Span<float> values = losses.AsSpan(0, recon.Length);
        Simd.Binary(new BceOp(), recon, target, values);
        float sum = Simd.Sum(values);
        BufferPool.Return(losses);
        return sum;
    }

    // −½ Σ (1 + log σ² − μ² − σ²), elementwise in the composed ops' order, summed as Simd.Sum.
    private static float KlSum(ReadOnlySpan<float> mu, ReadOnlySpan<float> logvar)
    {
        float[] terms = BufferPool.Rent(mu.Length);
        Span<float> t = terms.AsSpan(0, mu.Length);
        Simd.Unary(new ExpOp(), logvar, t);                                              // σ²
        for (int i = 0; i < t.Length; i++) t[i] = ((1f + logvar[i]) - mu[i] * mu[i]) - t[i];  // (B,20): not worth a vector loop
        float kl = Simd.Sum(t) * -0.5f + 0f;
        BufferPool.Return(terms);
        return kl;
    }
}
