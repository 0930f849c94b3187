using System.Buffers.Binary;
using System.CommandLine;
using NotebookRunner;
using VaeCourse.Data;
using Vae.Cli.Commands;

namespace Vae.Cli.Tests.Commands;

/// <summary>
/// The verb tests reseed the engine's default generator and set its thread count, both process-wide: they run alone,
/// after the parallel tests, so no other test draws in between.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class VerbCollection : ICollectionFixture<TrainedRun>
{
    public const string Name = "vae verbs (engine global state)";
}

/// <summary>What one in-process run of the tool printed and returned.</summary>
public sealed record VerbResult(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs the verbs in-process through the same parser as Program.cs, with captured stdout and stderr.</summary>
internal static class VaeTool
{
    /// <summary>Offline data sources: only <c>--data</c> is searched, no environment, no repository, no download.</summary>
    public static DataSources OnlyTheFolder(string? folder) => new() { Folder = folder };

    public static VerbResult Run(params string[] args) => Run(null, args);

    public static VerbResult Run(Func<string?, DataSources>? dataSources, params string[] args)
    {
        var root = new RootCommand { TrainCommand.Create(dataSources), SampleCommand.Create(), EvalCommand.Create(dataSources) };
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = root.Parse(args).Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
        return new VerbResult(exit, stdout.ToString(), stderr.ToString());
    }
}

/// <summary>Real MNIST for the tests that train: VAE_DATA, else ../shared/data beside the repository (as CI lays it out).</summary>
internal static class TestMnist
{
    public static string? Root { get; } = FindRoot();

    /// <summary>The folder holding the four MNIST files, or null (the tests that need it are skipped).</summary>
    public static string? Folder { get; } = Root is null ? null : HasFiles(Path.Combine(Root, "mnist"));

    public static string RequiredFolder => Folder ?? throw new InvalidOperationException("MNIST not found (the test should have been skipped)");

    private static string? FindRoot()
    {
        string? repository = NotebookDiscovery.FindRepositoryRoot(AppContext.BaseDirectory);
        string? fromEnvironment = Environment.GetEnvironmentVariable(DataSources.EnvironmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment))
            return Path.IsPathRooted(fromEnvironment) || repository is null
                ? Path.GetFullPath(fromEnvironment)
                : Path.GetFullPath(Path.Combine(repository, fromEnvironment));
        if (repository is null) return null;
        string shared = Path.GetFullPath(Path.Combine(repository, "..", "shared", "data"));
        return Directory.Exists(shared) ? shared : null;
    }

    private static string? HasFiles(string folder)
    {
        string[] names = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];
        return names.All(n => File.Exists(Path.Combine(folder, n + ".gz")) || File.Exists(Path.Combine(folder, n))) ? folder : null;
    }
}

/// <summary>
/// A fact that trains on real MNIST. The data loader verifies every file against the SHA-256 of the published data
/// set, so synthetic IDX files cannot stand in; without MNIST the test is reported as skipped, not passed.
/// </summary>
public sealed class RequiresMnistFactAttribute : FactAttribute
{
    public RequiresMnistFactAttribute()
    {
        if (TestMnist.Folder is null)
            Skip = $"MNIST not found: set {DataSources.EnvironmentVariable} to a folder holding mnist/ (CI uses ../shared/data)";
    }
}

/// <summary>A fresh folder under the system temp folder, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "vae-cli-tests-" + Guid.NewGuid().ToString("N"));

    public TempFolder() => Directory.CreateDirectory(Path);

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { /* best effort: a leftover temp folder must not fail a test */ }
    }
}

/// <summary>Reads a PNG's size from its IHDR chunk, after checking the signature.</summary>
internal static class PngFile
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static (int Width, int Height) Size(string path)
    {
        byte[] bytes = System.IO.File.ReadAllBytes(path);
        Assert.True(bytes.AsSpan(0, 8).SequenceEqual(Signature), $"{path} does not start with the PNG signature");
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }

    /// <summary>torchvision's make_grid size: n images of side s per row, padding p around and between them.</summary>
    public static int GridSide(int images, int side, int padding) => images * (side + padding) + padding;
}

/// <summary>
/// One small training run shared by the verb tests (trained on first use, so nothing runs when MNIST is absent):
/// a VAE with latent size 10 on the first 512 MNIST images for 2 epochs, seed 3, one thread.
/// </summary>
public sealed class TrainedRun : IDisposable
{
    public const int Limit = 512, Epochs = 2, Seed = 3, LatentDim = 10, Threads = 1;

    private readonly TempFolder _folder = new();
    private readonly Lazy<VerbResult> _result;

    public TrainedRun() => _result = new Lazy<VerbResult>(() => VaeTool.Run(
        "train", "--data", TestMnist.RequiredFolder, "--limit", $"{Limit}", "--epochs", $"{Epochs}", "--seed", $"{Seed}",
        "--latent-dim", $"{LatentDim}", "--threads", $"{Threads}", "--out", Output));

    /// <summary>The run's --out folder.</summary>
    public string Output => System.IO.Path.Combine(_folder.Path, "run");

    /// <summary>What train printed (the run happens on the first call).</summary>
    public VerbResult Result => _result.Value;

    public string File(string name)
    {
        _ = Result;
        return System.IO.Path.Combine(Output, name);
    }

    public void Dispose() => _folder.Dispose();
}
