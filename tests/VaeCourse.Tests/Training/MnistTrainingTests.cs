using MiniTorch;
using VaeCourse.Data;
using VaeCourse.Models;
using VaeCourse.Tests.TestSupport;
using VaeCourse.Training;
using static MiniTorch.torch;

namespace VaeCourse.Tests.Training;

[Collection(SeededModelsCollection.Name)]
public class MnistTrainingTests
{
    [RequiresMnistFact]
    public void Three_hundred_steps_on_12800_images_train_like_pytorch()
    {
        // The library's loader (its own tests pin it down: counts, checksums, pixel mean 0.1307); pixels / 255.
        Tensor train = Mnist.Load(MnistDataset.Mnist, Split.Train, TestData.MnistFolder, limit: 12_800).Images;
        Tensor test = Mnist.Load(MnistDataset.Mnist, Split.Test, TestData.MnistFolder, limit: 2_000).Images;

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
}
