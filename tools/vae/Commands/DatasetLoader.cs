using MiniTorch;
using VaeCourse.Data;
using static MiniTorch.torch;

namespace Vae.Cli.Commands;

/// <summary>Images ready for a model: (N,784) Float32 in [0,1].</summary>
/// <param name="Name">The data set's command-line name.</param>
/// <param name="Images">The images, one flattened image per row.</param>
/// <param name="SourceFolder">Where the files were read from.</param>
internal sealed record LoadedImages(string Name, Tensor Images, string SourceFolder)
{
    public long Count => Images.size(0);
}

/// <summary>Loads splits for the verbs, reporting downloads as plain lines.</summary>
internal sealed class DatasetLoader(Func<string?, DataSources> sources, TextWriter output)
{
    /// <summary>The sources of this machine (<see cref="DataSources.Default"/>) with <c>--data</c> as the explicit folder.</summary>
    public static DataSources DefaultSources(string? folder) => DataSources.Default(folder);

    /// <summary>
    /// The message to print for a loading failure; a data set found nowhere also gets the command-line ways to
    /// provide it (the library's message names the library call).
    /// </summary>
    public static string Explain(Exception e) => e is DatasetNotFoundException
        ? $"{e.Message}\nFrom the command line: pass --data DIR (a folder holding the four *-ubyte.gz files) or set {DataSources.EnvironmentVariable}."
        : e.Message;

    /// <summary>The first <paramref name="limit"/> examples of a split (all when null); more than the split holds is an error.</summary>
    /// <exception cref="DatasetNotFoundException">The files are nowhere; the message lists every place looked at.</exception>
    /// <exception cref="InvalidDataException">A file is damaged or is not the expected data set.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The limit exceeds the split.</exception>
    public LoadedImages Load(string name, Split split, string? folder, int? limit)
    {
        DatasetSplit data = Mnist.Load(DataOptions.ParseDataset(name), split, folder: null, limit: limit,
            progress: new DownloadReporter(output), sources: sources(folder));
        return new LoadedImages(name, data.Images, data.SourceFolder);
    }

    /// <summary>The first min(<paramref name="limit"/>, size) examples of a split (all when null).</summary>
    public LoadedImages LoadAtMost(string name, Split split, string? folder, int? limit)
    {
        LoadedImages all = Load(name, split, folder, null);
        if (limit is not int n || n >= all.Count) return all;
        long[] rows = new long[n];
        for (int i = 0; i < n; i++) rows[i] = i;
        return all with { Images = all.Images.index_select(0, tensor(rows)) };   // (N,784) -> (n,784)
    }

    // Reports each file once when it starts and once when it is complete. Calls come from the download task one at a
    // time while the loading thread waits, so lines never interleave.
    private sealed class DownloadReporter(TextWriter output) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value)
        {
            if (value.BytesReceived == 0)
                output.WriteLine($"downloading {value.FileName} from {value.Source}");
            else if (value.TotalBytes is long total && value.BytesReceived == total)
                output.WriteLine($"  {value}");
        }
    }
}
