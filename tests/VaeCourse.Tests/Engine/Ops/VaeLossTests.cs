using MiniTorch;
using VaeCourse.Tests.TestSupport;
using VaeCourse.Training;
using static MiniTorch.torch;

namespace VaeCourse.Tests.Engine.Ops;

/// <summary>The fused VAE loss node against the composition it replaces (Losses.VaeLoss) and finite differences.</summary>
[Collection(GlobalStateCollection.Name)]
public class VaeLossTests
{
    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();

    // A batch with the awkward values: reconstructions at exactly 0 and 1, targets between 0 and 1.
    private static (Tensor recon, Tensor x, Tensor mu, Tensor logvar) Batch(int batch, int pixels, int latent, int seed)
    {
        manual_seed(seed);
        Tensor recon = rand(batch, pixels);
        float[] r = recon.ToArray();
        r[0] = 0f;
        r[^1] = 1f;
        return (tensor(r, new long[] { batch, pixels }), rand(batch, pixels), randn(batch, latent), randn(batch, latent) * 0.5f);
    }

    [Theory]
    [InlineData(128, 784, 20, 1.0)]
    [InlineData(3, 5, 2, 1.0)]        // shorter than one chunk and one vector
    [InlineData(7, 2049, 3, 4.0)]     // a chunk and a ragged tail; β-VAE
    [InlineData(1, 1, 1, 0.0)]
    public void Values_and_the_reconstruction_gradient_are_bitwise_those_of_the_composed_ops(int batch, int pixels, int latent, double beta)
    {
        var (recon, x, mu, logvar) = Batch(batch, pixels, latent, seed: batch + pixels);

        Tensor[] composedInputs = [recon.clone().requires_grad_(), mu.clone().requires_grad_(), logvar.clone().requires_grad_()];
        var (loss, bce, kl) = Losses.VaeLoss(composedInputs[0], x, composedInputs[1], composedInputs[2], beta);
        loss.backward();

        Tensor[] fusedInputs = [recon.clone().requires_grad_(), mu.clone().requires_grad_(), logvar.clone().requires_grad_()];
        var (fusedLoss, fusedBce, fusedKl) = Tensor.VaeLoss(fusedInputs[0], x, fusedInputs[1], fusedInputs[2], (float)beta);
        fusedLoss.backward();

        Assert.Equal(BitConverter.SingleToInt32Bits(bce.item<float>()), BitConverter.SingleToInt32Bits(fusedBce));
        Assert.Equal(BitConverter.SingleToInt32Bits(kl.item<float>()), BitConverter.SingleToInt32Bits(fusedKl));
        Assert.Equal(BitConverter.SingleToInt32Bits(loss.item<float>()), BitConverter.SingleToInt32Bits(fusedLoss.item<float>()));
        Assert.Equal(Bits(composedInputs[0].grad!.ToArray()), Bits(fusedInputs[0].grad!.ToArray()));
        for (int i = 1; i < 3; i++)
        {
            float[] expected = composedInputs[i].grad!.ToArray(), actual = fusedInputs[i].grad!.ToArray();
            for (int j = 0; j < expected.Length; j++)
                Assert.True(Math.Abs(expected[j] - actual[j]) <= 1e-6f * (1 + Math.Abs(expected[j])),
                    $"input {i} element {j}: composed {expected[j]}, fused {actual[j]}");
        }
    }

    [Fact]
    public void Gradients_match_finite_differences()
    {
        // A small batch keeps the summed loss (and so the float round-off of the numeric derivative) small.
        var (_, x, mu, logvar) = Batch(2, 3, 4, seed: 2);
        // Reconstructions away from 0 and 1, where BCE is smooth enough for finite differences.
        Tensor recon = rand(2, 3) * 0.8f + 0.1f;
        // BCE is steep (h small); the KL part is smooth and needs a larger h against round-off.
        GradCheck.Verify(t => Tensor.VaeLoss(t[0], x, mu, logvar, 1.5f).Loss, [recon], h: 1e-3);
        GradCheck.Verify(t => Tensor.VaeLoss(recon, x, t[0], t[1], 1.5f).Loss, [mu, logvar], h: 1e-2);
    }

    [Fact]
    public void Invalid_inputs_are_rejected_naming_the_op()
    {
        var (recon, x, mu, logvar) = Batch(2, 4, 3, seed: 3);
        Tensor outside = tensor(new[] { 0.5f, 1.5f, 0.2f, 0.1f, 0.3f, 0.4f, 0.5f, 0.6f }, new long[] { 2, 4 });

        Assert.Equal("vae_loss: all elements of the reconstruction should be between 0 and 1, found 1.5 at flat index 1",
            Assert.Throws<ArgumentException>(() => Tensor.VaeLoss(outside, x, mu, logvar, 1f)).Message);
        Assert.StartsWith("vae_loss: mu (2,3) and logvar (2,2)",
            Assert.Throws<ArgumentException>(() => Tensor.VaeLoss(recon, x, mu, zeros(2, 2), 1f)).Message);
        Assert.StartsWith("vae_loss: reconstruction (2,4) and target (3,4)",
            Assert.Throws<ArgumentException>(() => Tensor.VaeLoss(recon, rand(3, 4), mu, logvar, 1f)).Message);
        Assert.StartsWith("vae_loss: beta must be finite",
            Assert.Throws<ArgumentException>(() => Tensor.VaeLoss(recon, x, mu, logvar, float.NaN)).Message);
    }
}
