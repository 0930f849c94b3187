using MiniTorch;

namespace VaeCourse.Tests.TestSupport;

/// <summary>Plain double-precision loops for one image at a time: the independent reference the model tests compare to.</summary>
internal static class ReferenceLayers
{
    /// <summary>y = W·x + b for W (out,in) and b (out) taken from a state_dict.</summary>
    public static double[] Linear(double[] x, Tensor weight, Tensor bias)
    {
        float[] w = weight.ToArray(), b = bias.ToArray();
        int outF = (int)weight.size(0), inF = (int)weight.size(1);
        Assert.Equal(inF, x.Length);
        var y = new double[outF];
        for (int j = 0; j < outF; j++)
        {
            double s = b[j];
            for (int i = 0; i < inF; i++) s += (double)w[j * inF + i] * x[i];
            y[j] = s;
        }
        return y;
    }

    public static double[] Relu(double[] x) => x.Select(v => Math.Max(v, 0)).ToArray();

    public static double[] Sigmoid(double[] x) => x.Select(v => 1 / (1 + Math.Exp(-v))).ToArray();

    /// <summary>Row <paramref name="row"/> of a 2-D tensor as doubles.</summary>
    public static double[] Row(Tensor t, int row)
    {
        int width = (int)t.size(1);
        return t.ToArray().Skip(row * width).Take(width).Select(v => (double)v).ToArray();
    }
}
