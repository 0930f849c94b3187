namespace VaeCourse.Data;

/// <summary>One place the loader looks for a data set's files.</summary>
/// <param name="Description">Where the place comes from, e.g. "VAE_DATA=/data" or "the repository's data/ folder".</param>
/// <param name="Folder">The folder searched, or null when this place does not apply.</param>
/// <param name="Unavailable">Why the place does not apply (e.g. "not set"), when <paramref name="Folder"/> is null.</param>
public sealed record DataPlace(string Description, string? Folder, string? Unavailable = null)
{
    /// <summary>"/data/mnist (VAE_DATA=/data)" or "VAE_DATA: not set".</summary>
    public override string ToString() => Folder is null ? $"{Description}: {Unavailable}" : $"{Folder} ({Description})";
}
