using System.Globalization;
using MiniTorch;
using Xunit.Sdk;
using static MiniTorch.torch;

namespace VaeCourse.Tests.TestSupport;

/// <summary>The outcome of one gradient check: the worst disagreement between backward() and finite differences.</summary>
/// <param name="MaxAbsError">Largest |analytic − numeric| over every checked element.</param>
/// <param name="WorstRatio">Largest |analytic − numeric| / (atol + rtol·|numeric|); the check passes when this is ≤ 1.</param>
/// <param name="Worst">Where the worst ratio occurred, with both values, for the failure message.</param>
/// <param name="Checked">Number of input elements compared.</param>
public sealed record GradCheckResult(double MaxAbsError, double WorstRatio, string Worst, int Checked)
{
    public bool Passed => WorstRatio <= 1.0;
}

/// <summary>
/// Checks an op's backward() against central finite differences computed in double precision.
/// <para>
/// The scalar probed is L = Σₖ wₖ·f(x)ₖ with a fixed random w, so every output element's gradient takes part (a
/// plain sum would hide, say, a transposed gradient of a symmetric reduction). The analytic gradient is the engine's:
/// <c>(f(x) * w).sum().backward()</c>. The numeric one perturbs each float input element by ±h (the perturbed float,
/// not x±h, enters the quotient), runs f under no_grad and accumulates L in double, so the only float error is f's own.
/// </para>
/// </summary>
public static class GradCheck
{
    /// <summary>Compares analytic and numeric gradients of <paramref name="f"/> with respect to every input.</summary>
    /// <param name="f">The function under test; it must read only its arguments (plus constants it captures).</param>
    /// <param name="inputs">Float32 leaves; they are set to require grad and their gradients are reset.</param>
    /// <param name="h">
    /// Finite-difference step. The numeric derivative carries two errors: truncation ≈ h²·|f'''|/6 and float32 round-off
    /// of f ≈ 6e-8·|f|/h (for a sum reduction, of the whole sum). h = 1e-2 balances them for |f| and |f'''| of order 1;
    /// 1e-3 suits steep functions (log, 1/x, BCE on probabilities), larger h smooth ones with large outputs.
    /// </param>
    /// <param name="atol">Absolute tolerance; the defaults leave a 3× margin over the worst error in this suite.</param>
    /// <param name="rtol">Tolerance relative to the numeric derivative.</param>
    /// <param name="seed">Seed of the weights w.</param>
    public static GradCheckResult Run(Func<Tensor[], Tensor> f, Tensor[] inputs, double h = 1e-2,
        double atol = 1e-4, double rtol = 1e-3, int seed = 1234)
    {
        foreach (Tensor x in inputs)
        {
            if (!x.is_leaf) throw new ArgumentException("GradCheck: inputs must be leaves");
            x.requires_grad = true;
            x.grad = null;
        }

        Tensor output = f(inputs);
        float[] weights = RandomWeights(output.numel(), seed);
        Tensor w = tensor(weights, output.shape);
        (output * w).sum().backward();

        double maxAbs = 0, worstRatio = 0;
        string worst = "no elements";
        int count = 0;
        for (int i = 0; i < inputs.Length; i++)
        {
            Tensor x = inputs[i];
            if (x.grad is Tensor g && !g.shape.SequenceEqual(x.shape))
                throw new XunitException($"GradCheck: input {i} has shape {Shape(x.shape)} but its gradient has {Shape(g.shape)}");
            float[] analytic = x.grad?.ToArray() ?? new float[x.numel()];
            for (int j = 0; j < analytic.Length; j++)
            {
                double numeric = NumericDerivative(f, inputs, x, j, weights, h);
                double error = Math.Abs(analytic[j] - numeric);
                double ratio = error / (atol + rtol * Math.Abs(numeric));
                if (double.IsNaN(error)) ratio = double.PositiveInfinity;
                maxAbs = Math.Max(maxAbs, double.IsNaN(error) ? double.PositiveInfinity : error);
                if (ratio > worstRatio || count == 0)
                {
                    worstRatio = ratio;
                    worst = string.Create(CultureInfo.InvariantCulture,
                        $"input {i} {Shape(x.shape)} element {j}: analytic {analytic[j]:G6}, numeric {numeric:G6}");
                }
                count++;
            }
        }
        return new GradCheckResult(maxAbs, worstRatio, worst, count);
    }

    /// <summary>Runs the check and fails the test with the worst element when it does not pass.</summary>
    public static GradCheckResult Verify(Func<Tensor[], Tensor> f, Tensor[] inputs, double h = 1e-2,
        double atol = 1e-4, double rtol = 1e-3)
    {
        GradCheckResult result = Run(f, inputs, h, atol, rtol);
        if (result.Checked == 0) throw new XunitException("GradCheck: no input element was checked");
        if (!result.Passed)
            throw new XunitException(string.Create(CultureInfo.InvariantCulture,
                $"gradient check failed (max abs error {result.MaxAbsError:G3}, {result.WorstRatio:G3}× the tolerance " +
                $"atol {atol} + rtol {rtol}·|numeric|) at {result.Worst}"));
        return result;
    }

    private static double NumericDerivative(Func<Tensor[], Tensor> f, Tensor[] inputs, Tensor x, int index,
        float[] weights, double h)
    {
        float[] data = x.Data;
        float original = data[index];
        float plus = (float)(original + h), minus = (float)(original - h);
        try
        {
            data[index] = plus;
            double lossPlus = WeightedSum(f, inputs, weights);
            data[index] = minus;
            double lossMinus = WeightedSum(f, inputs, weights);
            return (lossPlus - lossMinus) / ((double)plus - minus);
        }
        finally
        {
            data[index] = original;
        }
    }

    private static double WeightedSum(Func<Tensor[], Tensor> f, Tensor[] inputs, float[] weights)
    {
        float[] y;
        using (no_grad()) y = f(inputs).ToArray();
        double sum = 0;
        for (int k = 0; k < y.Length; k++) sum += (double)weights[k] * y[k];
        return sum;
    }

    // Weights in ±[0.5, 1.5]: never near zero, so no output element's gradient is silently ignored.
    private static float[] RandomWeights(long count, int seed)
    {
        var random = new System.Random(seed);
        var w = new float[count];
        for (int k = 0; k < w.Length; k++)
            w[k] = (float)((0.5 + random.NextDouble()) * (random.Next(2) == 0 ? -1 : 1));
        return w;
    }

    private static string Shape(long[] shape) => "(" + string.Join(",", shape) + ")";
}
