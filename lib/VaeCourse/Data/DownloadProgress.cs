namespace VaeCourse.Data;

/// <summary>Progress of one file download, reported through an <see cref="IProgress{T}"/> callback.</summary>
/// <param name="FileName">The file being downloaded, e.g. <c>train-images-idx3-ubyte.gz</c>.</param>
/// <param name="Source">The mirror address it comes from.</param>
/// <param name="BytesReceived">Bytes received so far.</param>
/// <param name="TotalBytes">The size the server announced, when it did.</param>
public readonly record struct DownloadProgress(string FileName, Uri Source, long BytesReceived, long? TotalBytes)
{
    /// <summary>"train-images-idx3-ubyte.gz: 4.2 of 9.9 MB from https://…".</summary>
    public override string ToString() => TotalBytes is long total
        ? $"{FileName}: {BytesReceived / 1e6:0.0} of {total / 1e6:0.0} MB from {Source}"
        : $"{FileName}: {BytesReceived / 1e6:0.0} MB from {Source}";
}
