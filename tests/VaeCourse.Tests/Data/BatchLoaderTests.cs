using MiniTorch;
using VaeCourse.Data;

namespace VaeCourse.Tests.Data;

public class BatchLoaderTests
{
    // n examples of 2×2 pixels; example i holds the pixels i, i+0.25, i+0.5, i+0.75 and label i % 10,
    // so every copied row can be traced back to its source.
    private static DatasetSplit Examples(int n)
    {
        var pixels = new float[n * 4];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = i / 4f;
        var labels = Enumerable.Range(0, n).Select(i => (byte)(i % 10)).ToArray();
        return new DatasetSplit(DatasetCatalog.Mnist, Split.Train, pixels, labels, 2, 2, "memory");
    }

    private static List<long[]> Epoch(BatchLoader loader) => loader.Select(b => b.Indices).ToList();

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void An_epoch_visits_every_index_once(bool shuffle, bool dropLast)
    {
        var loader = new BatchLoader(Examples(103), batchSize: 10, shuffle, dropLast, new Generator(7));

        var batches = Epoch(loader);

        Assert.Equal(dropLast ? 10 : 11, batches.Count);
        Assert.Equal(batches.Count, loader.Count);
        Assert.All(batches.Take(10), b => Assert.Equal(10, b.Length));
        if (!dropLast) Assert.Equal(3, batches[10].Length);
        var all = batches.SelectMany(b => b).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        if (!dropLast) Assert.Equal(Enumerable.Range(0, 103).Select(i => (long)i), all.Order());
        if (!shuffle) Assert.Equal(Enumerable.Range(0, all.Count).Select(i => (long)i), all);
    }

    [Fact]
    public void Each_batch_holds_the_rows_and_labels_of_its_indices()
    {
        var data = Examples(50);
        foreach (var batch in new BatchLoader(data, 8, shuffle: true, generator: new Generator(3)))
        {
            Assert.Equal(new long[] { batch.Count, 4 }, batch.Images.shape);
            Assert.Equal(new long[] { batch.Count, 1, 2, 2 }, batch.ImagesNchw.shape);
            Assert.Equal(ScalarType.Int64, batch.Labels.dtype);
            var pixels = batch.Images.data<float>();
            var labels = batch.Labels.data<long>();
            for (int j = 0; j < batch.Count; j++)
            {
                long row = batch.Indices[j];
                for (int p = 0; p < 4; p++) Assert.Equal(row + p / 4f, pixels[j * 4 + p]);
                Assert.Equal(row % 10, labels[j]);
            }
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_batches()
    {
        var data = Examples(64);
        var first = new BatchLoader(data, 16, shuffle: true, generator: new Generator(42));
        var second = new BatchLoader(data, 16, shuffle: true, generator: new Generator(42));

        var a = Epoch(first).Concat(Epoch(first)).ToList();
        var b = Epoch(second).Concat(Epoch(second)).ToList();

        Assert.Equal(a, b);
    }

    [Fact]
    public void Each_epoch_and_each_seed_gives_a_new_order()
    {
        var data = Examples(64);
        var loader = new BatchLoader(data, 64, shuffle: true, generator: new Generator(42));
        var other = new BatchLoader(data, 64, shuffle: true, generator: new Generator(43));

        long[] epoch1 = Epoch(loader)[0], epoch2 = Epoch(loader)[0], otherSeed = Epoch(other)[0];

        Assert.NotEqual(epoch1, epoch2);
        Assert.NotEqual(epoch1, otherSeed);
        Assert.NotEqual(Enumerable.Range(0, 64).Select(i => (long)i), epoch1);
    }

    [Fact]
    public void The_shuffle_is_torch_randperm_of_the_generator()
    {
        var loader = new BatchLoader(Examples(30), 30, shuffle: true, generator: new Generator(5));
        var expected = torch.randperm(30, new Generator(5)).data<long>().ToArray();

        Assert.Equal(expected, Epoch(loader)[0]);
    }

    [Fact]
    public void Batches_are_copies_that_stay_valid()
    {
        var data = Examples(20);
        var batches = new BatchLoader(data, 5).ToList();

        batches[0].Images.zero_();

        Assert.Equal(1f, data.Images.data<float>()[4]); // the data set is untouched
        Assert.Equal(5.25f, batches[1].Images.data<float>()[1]); // batch 1 starts at example 5, unaffected by batch 0
        Assert.NotSame(batches[0].Images.Data, batches[1].Images.Data);
    }

    [Fact]
    public void A_batch_size_below_one_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new BatchLoader(Examples(3), 0));
        Assert.Contains("batchSize must be at least 1, got 0", error.Message);
    }
}
