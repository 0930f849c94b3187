namespace VaeCourse.Tests.TestSupport;

/// <summary>
/// An opt-in [Fact]: runs only when VAE_PYTORCH_RECORDING names a folder written by
/// <c>tools/reference/pytorch_vae_example.py --record DIR</c> and MNIST is there (<see cref="TestData"/>);
/// reported as skipped otherwise.
/// </summary>
public sealed class RequiresPyTorchRecordingFactAttribute : FactAttribute
{
    public const string EnvironmentVariable = "VAE_PYTORCH_RECORDING";

    public RequiresPyTorchRecordingFactAttribute()
    {
        if (Folder is null)
            Skip = $"opt-in: set {EnvironmentVariable} to a folder from tools/reference/pytorch_vae_example.py --record (docs/quality.md)";
        else if (TestData.MnistFolder is null)
            Skip = "MNIST not found: set VAE_DATA to a folder holding mnist/";
    }

    /// <summary>The recording folder when it holds init.bin, perm.bin, eps.bin and epochs.json; else null.</summary>
    public static string? Folder
    {
        get
        {
            string? folder = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (string.IsNullOrWhiteSpace(folder)) return null;
            string[] files = { "init.bin", "perm.bin", "eps.bin", "epochs.json" };
            return files.All(f => File.Exists(Path.Combine(folder, f))) ? folder : null;
        }
    }
}
