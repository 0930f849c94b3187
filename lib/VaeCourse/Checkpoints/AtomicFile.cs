using System.Text;

namespace VaeCourse.Checkpoints;

/// <summary>
/// Writes files so that a crash or an exception never leaves a half-written file under the final name: the bytes go
/// to a temporary file in the same folder (so the rename stays on one file system), are flushed to disk, and only
/// then replace the target in one rename. On failure the temporary file is removed and the old file is untouched.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Streams the content through <paramref name="write"/> and then moves it onto <paramref name="path"/>.</summary>
    public static void Write(string path, string operation, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string fullPath = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(fullPath)!;
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"{operation}: cannot write {path}: the folder {folder} does not exist");

        string temporary = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    public static void WriteAllBytes(string path, string operation, byte[] bytes) =>
        Write(path, operation, stream => stream.Write(bytes));

    public static void WriteAllText(string path, string operation, string text) =>
        Write(path, operation, stream => stream.Write(new UTF8Encoding(false).GetBytes(text)));

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { /* the original exception matters more than a leftover temporary file */ }
        catch (UnauthorizedAccessException) { }
    }
}
