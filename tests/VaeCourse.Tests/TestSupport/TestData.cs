using VaeCourse.Data;

namespace VaeCourse.Tests.TestSupport;

/// <summary>Where the real data sets are for the tests that need them (null when absent, and those tests skip).</summary>
internal static class TestData
{
    /// <summary>
    /// VAE_DATA (as CI sets it), else ../shared/data beside the repository when it exists. A relative VAE_DATA is
    /// taken from the repository root, where CI's command runs.
    /// </summary>
    public static string? Root { get; } = FindRoot();

    /// <summary>A folder holding the four MNIST files, or null.</summary>
    public static string? MnistFolder => Root is null ? null : HasFiles(Path.Combine(Root, "mnist"));

    /// <summary>Debian's Fashion-MNIST folder when the dataset-fashion-mnist package is installed, or null.</summary>
    public static string? DebianFashionMnistFolder => HasFiles(DataSources.DebianFashionMnistFolder);

    private static string? FindRoot()
    {
        string? repository = RepositoryLocator.Find();
        string? fromEnvironment = Environment.GetEnvironmentVariable(DataSources.EnvironmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            if (Path.IsPathRooted(fromEnvironment) || repository is null) return Path.GetFullPath(fromEnvironment);
            return Path.GetFullPath(Path.Combine(repository, fromEnvironment));
        }
        if (repository is null) return null;
        string shared = Path.GetFullPath(Path.Combine(repository, "..", "shared", "data"));
        return Directory.Exists(shared) ? shared : null;
    }

    private static string? HasFiles(string folder)
    {
        string[] names = { "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte" };
        return names.All(n => File.Exists(Path.Combine(folder, n + ".gz")) || File.Exists(Path.Combine(folder, n))) ? folder : null;
    }
}

/// <summary>A fact that needs real MNIST (see <see cref="TestData"/>); reported as skipped, not passed, without it.</summary>
public sealed class RequiresMnistFactAttribute : FactAttribute
{
    public RequiresMnistFactAttribute()
    {
        if (TestData.MnistFolder is null)
            Skip = $"MNIST not found: set {DataSources.EnvironmentVariable} to a folder holding mnist/ (CI uses ../shared/data)";
    }
}

/// <summary>A fact that needs Debian's dataset-fashion-mnist package; reported as skipped without it.</summary>
public sealed class RequiresFashionMnistFactAttribute : FactAttribute
{
    public RequiresFashionMnistFactAttribute()
    {
        if (TestData.DebianFashionMnistFolder is null)
            Skip = $"Fashion-MNIST not found in {DataSources.DebianFashionMnistFolder}: apt-get install dataset-fashion-mnist";
    }
}
