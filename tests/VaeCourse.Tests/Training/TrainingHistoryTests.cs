using System.Text.Json;
using VaeCourse.Training;

namespace VaeCourse.Tests.Training;

public class TrainingHistoryTests
{
    private static readonly TrainingHistory Sample = new("Vae", "mnist", 1, 2,
        new[]
        {
            new EpochMetrics(1, 163.25, 127.5, 146.75, 16.5, 10.25),
            new EpochMetrics(2, 121.5, 115.75, 98.5, 23.0, 9.5),
        },
        115.75, 19.75);

    [Fact]
    public void Json_has_exactly_the_metrics_json_shape_with_snake_case_names()
    {
        using var doc = JsonDocument.Parse(Sample.ToJson());
        JsonElement root = doc.RootElement;
        Assert.Equal(new[] { "model", "dataset", "seed", "threads", "epochs", "test_loss", "total_seconds" },
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Vae", root.GetProperty("model").GetString());
        Assert.Equal("mnist", root.GetProperty("dataset").GetString());
        Assert.Equal(1, root.GetProperty("seed").GetInt64());
        Assert.Equal(2, root.GetProperty("threads").GetInt32());
        Assert.Equal(115.75, root.GetProperty("test_loss").GetDouble());
        Assert.Equal(19.75, root.GetProperty("total_seconds").GetDouble());

        JsonElement[] epochs = root.GetProperty("epochs").EnumerateArray().ToArray();
        Assert.Equal(2, epochs.Length);
        Assert.Equal(new[] { "epoch", "train_loss", "test_loss", "train_bce", "train_kl", "seconds" },
            epochs[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, epochs[1].GetProperty("epoch").GetInt32());
        Assert.Equal(121.5, epochs[1].GetProperty("train_loss").GetDouble());
        Assert.Equal(115.75, epochs[1].GetProperty("test_loss").GetDouble());
        Assert.Equal(98.5, epochs[1].GetProperty("train_bce").GetDouble());
        Assert.Equal(23.0, epochs[1].GetProperty("train_kl").GetDouble());
        Assert.Equal(9.5, epochs[1].GetProperty("seconds").GetDouble());
    }

    [Fact]
    public void Json_round_trips()
    {
        TrainingHistory back = TrainingHistory.FromJson(Sample.ToJson());
        Assert.Equal(Sample with { Epochs = Array.Empty<EpochMetrics>() }, back with { Epochs = Array.Empty<EpochMetrics>() });
        Assert.Equal(Sample.Epochs, back.Epochs);
    }

    [Fact]
    public void Save_replaces_the_file_whole_and_leaves_no_temporary_file()
    {
        string folder = Path.Combine(Path.GetTempPath(), "vae-history-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string path = Path.Combine(folder, "metrics.json");
            File.WriteAllText(path, "old");
            Sample.Save(path);
            Assert.Equal(Sample.ToJson(), File.ReadAllText(path));
            Assert.Equal(new[] { "metrics.json" }, Directory.GetFiles(folder).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
