namespace VaeCourse.Tests.TestSupport;

/// <summary>
/// A [Fact] that is skipped (reported as skipped, never as passed) unless the VAE_DATA environment variable names a
/// folder whose mnist/ subfolder holds the four MNIST *-ubyte.gz files.
/// </summary>
public sealed class RequiresMnistForTrainingFactAttribute : FactAttribute
{
    public RequiresMnistForTrainingFactAttribute()
    {
        if (MnistFolder() is null)
            Skip = "MNIST not found: set VAE_DATA to a folder holding mnist/{train,t10k}-{images-idx3,labels-idx1}-ubyte.gz";
    }

    /// <summary>$VAE_DATA/mnist when all four files are there, else null.</summary>
    public static string? MnistFolder()
    {
        string? root = Environment.GetEnvironmentVariable("VAE_DATA");
        if (string.IsNullOrWhiteSpace(root)) return null;
        string folder = Path.Combine(root, "mnist");
        string[] files = { "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz" };
        return files.All(f => File.Exists(Path.Combine(folder, f))) ? folder : null;
    }
}
