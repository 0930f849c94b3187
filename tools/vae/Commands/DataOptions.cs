using System.CommandLine;
using VaeCourse.Data;

namespace Vae.Cli.Commands;

/// <summary>
/// The data options of <c>train</c> and <c>eval</c> (<c>--dataset</c>, <c>--data</c>, <c>--limit</c>) and the loading
/// behind them. Where the files are looked for is <see cref="DataSources"/>'s business: <c>--data DIR</c> first, then
/// <c>VAE_DATA</c>, the repository's <c>data/</c>, Debian's Fashion-MNIST, then a verified download.
/// </summary>
internal sealed class DataOptions
{
    /// <summary>The command-line names of the data sets.</summary>
    public static readonly string[] DatasetNames = ["mnist", "fashion-mnist"];

    private DataOptions(Option<string?> dataset, Option<string?> folder, Option<int?> limit)
    {
        Dataset = dataset;
        Folder = folder;
        Limit = limit;
    }

    /// <summary><c>--dataset mnist|fashion-mnist</c>; null when not given (each verb picks its default).</summary>
    public Option<string?> Dataset { get; }

    /// <summary><c>--data DIR</c>: a folder searched first (and where a download goes).</summary>
    public Option<string?> Folder { get; }

    /// <summary><c>--limit N</c>: use only the first N examples.</summary>
    public Option<int?> Limit { get; }

    public static DataOptions Create(string datasetDescription, string limitDescription)
    {
        var dataset = new Option<string?>("--dataset") { Description = datasetDescription, HelpName = "mnist|fashion-mnist" };
        dataset.AcceptOnlyFromAmong(DatasetNames);
        var folder = new Option<string?>("--data")
        {
            Description = $"Folder holding the data set's *-ubyte.gz files (or a mnist/ / fashion-mnist/ folder that does); searched before {DataSources.EnvironmentVariable}, data/ and the download.",
            HelpName = "DIR",
        };
        var limit = CliOptions.OptionalAtLeast("--limit", 1, limitDescription);
        return new DataOptions(dataset, folder, limit);
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Dataset);
        command.Options.Add(Folder);
        command.Options.Add(Limit);
    }

    public static MnistDataset ParseDataset(string name) => name switch
    {
        "mnist" => MnistDataset.Mnist,
        "fashion-mnist" => MnistDataset.FashionMnist,
        _ => throw new ArgumentException($"unknown data set '{name}'; expected one of {string.Join(", ", DatasetNames)}"),
    };
}
