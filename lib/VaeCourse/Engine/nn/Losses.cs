using MiniTorch.Kernels;
using MiniTorch.Memory;

namespace MiniTorch;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            /// <summary>
            /// Binary cross-entropy between probabilities and targets in [0,1], PyTorch's definition:
            /// ℓᵢ = −wᵢ·[tᵢ·max(log xᵢ, −100) + (1−tᵢ)·max(log(1−xᵢ), −100)]. The log is clamped at −100 so a
            /// saturated sigmoid (x exactly 0 or 1) gives a large finite loss, never ∞ or NaN.
            /// Gradient (as PyTorch): ∂ℓᵢ/∂xᵢ = wᵢ·(xᵢ − tᵢ) / max(xᵢ(1 − xᵢ), 1e−12).
            /// </summary>
            public static Tensor binary_cross_entropy(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean)
            {
                const string op = "binary_cross_entropy";
                using var region = Profiler.Region(OpFamily.Loss);
                CheckLossInputs(op, input, target, weight);
                ReadOnlySpan<float> x = input.Span, t = target.Span;
                int outside = Simd.FirstOutside(x, 0f, 1f);
                if (outside >= 0)
                    Check.Fail(op, $"all elements of input should be between 0 and 1, found {x[outside]} at flat index {outside}");

                var losses = BufferPool.Rent(x.Length);
                Simd.Binary(new BceOp(), x, t, losses);
                if (weight is not null) Simd.Binary(new MulOp(), losses, weight.Span, losses);

                Tensor result = ReduceLoss(losses, input.shape, reduction);
                if (!Tensor.NeedsGrad(input)) return result;

                return Tensor.Record(result, op, new[] { input }, g =>
                {
                    var gx = BufferPool.Rent(input.Count);
                    Simd.Binary(new BceGradOp(), input.Span, target.Span, gx);
                    if (weight is not null) Simd.Binary(new MulOp(), gx, weight.Span, gx);
                    ScaleByUpstream(gx, g, reduction);
                    input.AccumulateGrad(gx, owned: true);
                });
            }

            /// <summary>
            /// BCE on logits z, stable for any z: ℓᵢ = max(z,0) − z·t + log(1 + e^{−|z|}); gradient σ(z) − t.
            /// </summary>
            public static Tensor binary_cross_entropy_with_logits(Tensor input, Tensor target, Tensor? weight = null,
                Reduction reduction = Reduction.Mean, Tensor? pos_weights = null)
            {
                const string op = "binary_cross_entropy_with_logits";
                using var region = Profiler.Region(OpFamily.Loss);
                CheckLossInputs(op, input, target, weight);
                if (pos_weights is not null) Check.Fail(op, "pos_weights is not supported");

                ReadOnlySpan<float> z = input.Span, t = target.Span;
                var losses = BufferPool.Rent(z.Length);
                for (int i = 0; i < z.Length; i++)
                    losses[i] = MathF.Max(z[i], 0f) - z[i] * t[i] + SoftplusOp.Log1PExp(-MathF.Abs(z[i]));
                if (weight is not null) Simd.Binary(new MulOp(), losses, weight.Span, losses);

                Tensor result = ReduceLoss(losses, input.shape, reduction);
                if (!Tensor.NeedsGrad(input)) return result;
                return Tensor.Record(result, op, new[] { input }, g =>
                {
                    var gz = BufferPool.Rent(input.Count);
                    Simd.Unary(new SigmoidOp(), input.Span, gz);
                    Simd.Binary(new SubOp(), gz, target.Span, gz);
                    if (weight is not null) Simd.Binary(new MulOp(), gz, weight.Span, gz);
                    ScaleByUpstream(gz, g, reduction);
                    input.AccumulateGrad(gz, owned: true);
                });
            }

            // Takes over the pooled per-element losses: they become the result (None) or go back to the pool.
            // Both BCE variants take Float32 input and target of one shape, and an optional weight of that shape.
            private static void CheckLossInputs(string op, Tensor input, Tensor target, Tensor? weight)
            {
                Check.Float(input, op);
                Check.Float(target, op);
                if (!input.Shape.SequenceEqual(target.Shape))
                    Check.Fail(op, $"input {Check.Shape(input.Shape)} and target {Check.Shape(target.Shape)}: shapes differ");
                if (weight is not null && !weight.Shape.SequenceEqual(input.Shape))
                    Check.Fail(op, $"weight {Check.Shape(weight.Shape)} must have the input's shape {Check.Shape(input.Shape)}");
            }

            private static Tensor ReduceLoss(float[] losses, long[] shape, Reduction reduction)
            {
                if (reduction == Reduction.None) return Tensor.AdoptPooled(losses, shape);
                if (reduction is not (Reduction.Sum or Reduction.Mean))
                    throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "loss: unknown reduction");
                float total = Simd.Sum(losses);
                if (reduction == Reduction.Mean) total /= Math.Max(losses.Length, 1);
                BufferPool.Return(losses);
                return new Tensor(new[] { total }, Array.Empty<long>());
            }

            // Chain rule with the reduction: elementwise for None, a scalar (÷n for Mean) otherwise.
            private static void ScaleByUpstream(float[] grad, Tensor upstream, Reduction reduction)
            {
                if (reduction == Reduction.None) { Simd.Binary(new MulOp(), grad, upstream.Span, grad); return; }
                float scale = upstream.Data[0] / (reduction == Reduction.Mean ? Math.Max(grad.Length, 1) : 1);
                Simd.Unary(new AffineOp(scale, 0f), grad, grad);
            }
        }
    }
}
