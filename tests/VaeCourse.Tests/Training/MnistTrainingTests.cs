using System.Buffers.Binary;
using System.IO.Compression;
using MiniTorch;
using VaeCourse.Models;
using VaeCourse.Tests.TestSupport;
using VaeCourse.Training;
using static MiniTorch.torch;

namespace VaeCourse.Tests.Training;

[Collection(SeededModelsCollection.Name)]
public class MnistTrainingTests
{
    [RequiresMnistForTrainingFact]
    public void Three_hundred_steps_on_12800_images_train_like_pytorch()
    {
        string folder = RequiresMnistForTrainingFactAttribute.MnistFolder()!;
        Tensor train = ReadImages(Path.Combine(folder, "train-images-idx3-ubyte.gz"), 12_800);
        Tensor test = ReadImages(Path.Combine(folder, "t10k-images-idx3-ubyte.gz"), 2_000);

        // 3 epochs of 100 batches: 300 Adam steps of the default VAE (784-400-20, batch 128, lr 1e-3).
        var result = Trainer.Train(() => new Vae(), train, test,
            new TrainingOptions { Epochs = 3, BatchSize = 128, Seed = 1, Dataset = "mnist" });
        double testLoss = result.History.TestLoss;
        double meanImage = TrainerTests.MeanImageBce(train, test);

        // The bound comes from PyTorch: tools/reference/pytorch_vae_example.py --epochs 3 --train-limit 12800
        // --test-limit 2000 ends at 138.1–142.3 nats per test image for seeds 1–8 (this trainer: 138.6–140.2). 145
        // leaves 2.7 above PyTorch's worst seed. A decoder that ignores z (posterior collapse, a broken encoder or
        // reparameterization) cannot beat the mean image, 199.9 here, computed from the data. Below 120 the loss
        // would be mis-scaled: PyTorch's best seed is at 138.1. The step-for-step agreement with PyTorch is
        // PyTorchReplayTests' job; this test is the end-to-end run on real data with our own random numbers.
        Assert.InRange(meanImage, 195, 205);
        Assert.True(testLoss < 145, $"test loss per image {testLoss:F2} after 300 steps should be below 145 (mean image: {meanImage:F2})");
        Assert.True(testLoss > 120, $"test loss per image {testLoss:F2} is implausibly low after 300 steps");
        Assert.True(result.History.Epochs[2].TrainLoss < result.History.Epochs[1].TrainLoss &&
                    result.History.Epochs[1].TrainLoss < result.History.Epochs[0].TrainLoss, "the train loss should fall every epoch");
    }

    // IDX images: big-endian magic 2051, count, rows, cols, then one byte per pixel. Scaled to [0,1] as ToTensor does.
    private static Tensor ReadImages(string path, int limit)
    {
        using var stream = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        var header = new byte[16];
        stream.ReadExactly(header);
        Assert.Equal(2051, BinaryPrimitives.ReadInt32BigEndian(header));
        int count = Math.Min(limit, BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4)));
        int pixels = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(8)) * BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(12));
        var bytes = new byte[count * pixels];
        stream.ReadExactly(bytes);
        return tensor(bytes.Select(b => b / 255f).ToArray(), new long[] { count, pixels });
    }
}
