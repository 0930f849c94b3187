using VaeCourse.Models;
using VaeCourse.Tests.TestSupport;
using static MiniTorch.torch;
using static VaeCourse.Tests.TestSupport.ReferenceLayers;

namespace VaeCourse.Tests.Models;

[Collection(SeededModelsCollection.Name)]
public class AutoencoderTests
{
    [Fact]
    public void Default_model_is_784_128_64_128_784()
    {
        var model = new Autoencoder();
        var expected = new (string, long[])[]
        {
            ("encoder.0.weight", new long[] { 128, 784 }), ("encoder.0.bias", new long[] { 128 }),
            ("encoder.2.weight", new long[] { 64, 128 }), ("encoder.2.bias", new long[] { 64 }),
            ("decoder.0.weight", new long[] { 128, 64 }), ("decoder.0.bias", new long[] { 128 }),
            ("decoder.2.weight", new long[] { 784, 128 }), ("decoder.2.bias", new long[] { 784 }),
        };
        var actual = model.named_parameters().Select(p => (p.name, p.parameter.shape)).ToArray();
        Assert.Equal(expected.Select(e => e.Item1), actual.Select(a => a.name));
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i].Item2, actual[i].shape);
    }

    [Fact]
    public void Forward_matches_a_hand_computed_network_with_a_linear_code()
    {
        manual_seed(8);
        var model = new Autoencoder(inputDim: 7, hiddenDim: 5, codeDim: 3);
        var sd = model.state_dict();
        // Shift the code's bias negative so a ReLU on the code (which this model must not have) would change the result.
        using (no_grad()) sd["encoder.2.bias"].copy_(full(new long[] { 3 }, -0.5f));
        var x = rand(3, 7);
        var code = model.encode(x);
        var recon = model.forward(x);
        bool sawNegativeCode = false;
        for (int b = 0; b < 3; b++)
        {
            double[] h = Relu(Linear(Row(x, b), sd["encoder.0.weight"], sd["encoder.0.bias"]));
            double[] c = Linear(h, sd["encoder.2.weight"], sd["encoder.2.bias"]);
            sawNegativeCode |= c.Any(v => v < 0);
            double[] h2 = Relu(Linear(c, sd["decoder.0.weight"], sd["decoder.0.bias"]));
            double[] y = Sigmoid(Linear(h2, sd["decoder.2.weight"], sd["decoder.2.bias"]));
            double[] gotCode = Row(code, b), gotRecon = Row(recon, b);
            for (int i = 0; i < c.Length; i++) Assert.Equal(c[i], gotCode[i], 5);
            for (int i = 0; i < y.Length; i++) Assert.Equal(y[i], gotRecon[i], 5);
        }
        Assert.True(sawNegativeCode, "the test needs a negative code value to tell a linear code from a ReLU one");
    }

    [Fact]
    public void Forward_accepts_images_shaped_1x28x28_and_rejects_other_sizes()
    {
        var model = new Autoencoder();
        var recon = model.forward(rand(2, 1, 28, 28));
        Assert.Equal(new long[] { 2, 784 }, recon.shape);
        Assert.All(recon.ToArray(), p => Assert.InRange(p, 0f, 1f));
        var e = Assert.Throws<ArgumentException>(() => model.forward(rand(2, 100)));
        Assert.Contains("Autoencoder.forward", e.Message);
        Assert.Contains("(2,100)", e.Message);
        Assert.Contains("(B,64)", Assert.Throws<ArgumentException>(() => model.decode(rand(2, 10))).Message);
    }
}
