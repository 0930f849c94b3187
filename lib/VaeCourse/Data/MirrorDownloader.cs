namespace VaeCourse.Data;

/// <summary>
/// Downloads data set files from their official mirrors, trying each in turn. A file is written to a temporary file
/// in the destination folder and renamed into place only after the SHA-256 of its decompressed bytes matches the
/// table, so a failed or corrupt download never replaces anything.
/// </summary>
public sealed class MirrorDownloader
{
    private static readonly Lazy<HttpClient> SharedClient = new(() => new HttpClient(new SocketsHttpHandler
    {
        // Fail fast where there is no network (workshop rooms, CI), instead of waiting out the OS timeout.
        ConnectTimeout = TimeSpan.FromSeconds(15),
    })
    {
        Timeout = TimeSpan.FromMinutes(10),
    });

    private readonly HttpClient? _client;

    /// <summary>A downloader using a shared <see cref="HttpClient"/> with the system's proxy settings.</summary>
    public MirrorDownloader() { }

    /// <summary>A downloader sending its requests through <paramref name="handler"/> (a proxy set-up, or a fake in tests).</summary>
    public MirrorDownloader(HttpMessageHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _client = new HttpClient(handler, disposeHandler: false) { Timeout = TimeSpan.FromMinutes(10) };
    }

    private HttpClient Client => _client ?? SharedClient.Value;

    /// <summary>
    /// Fetches <paramref name="file"/> (as <c>.gz</c>) into <paramref name="folder"/> from the first mirror that delivers
    /// bytes with the expected checksum; returns the path written. Throws <see cref="DownloadFailedException"/> listing
    /// what went wrong at each mirror.
    /// </summary>
    internal string Download(DatasetFile file, IReadOnlyList<Uri> mirrors, string folder, IProgress<DownloadProgress>? progress)
    {
        Directory.CreateDirectory(folder);
        string destination = Path.Combine(folder, file.GzipName);
        var failures = new List<string>();
        foreach (var mirror in mirrors)
        {
            var url = new Uri(mirror, file.GzipName);
            string temporary = Path.Combine(folder, $"{file.GzipName}.{Guid.NewGuid():N}.part");
            try
            {
                // Task.Run: no caller's synchronisation context (a notebook, a UI) can deadlock the wait.
                Task.Run(() => FetchAsync(url, temporary, file, progress)).GetAwaiter().GetResult();
                string actual = CompressedFile.Sha256OfDecompressed(temporary);
                if (actual != file.Sha256)
                {
                    failures.Add($"{url}: {file.GzipName}: SHA-256 of the decompressed bytes is {actual}, expected {file.Sha256}");
                    continue;
                }
                File.Move(temporary, destination, overwrite: true);
                return destination;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or UnauthorizedAccessException)
            {
                failures.Add($"{url}: {Describe(e)}");
            }
            finally
            {
                if (File.Exists(temporary)) File.Delete(temporary);
            }
        }
        throw new DownloadFailedException(file, failures);
    }

    private async Task FetchAsync(Uri url, string temporary, DatasetFile file, IProgress<DownloadProgress>? progress)
    {
        using var response = await Client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
        long? total = response.Content.Headers.ContentLength;
        // A gzip of the file is never much larger than the file; more means the server sends something else.
        long maxBytes = file.Length + (1 << 20);
        await using var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        await using var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        var buffer = new byte[1 << 16];
        long received = 0, reported = 0;
        progress?.Report(new DownloadProgress(file.GzipName, url, 0, total));
        int n;
        while ((n = await body.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            received += n;
            if (received > maxBytes)
                throw new InvalidDataException($"the server sent more than {maxBytes} bytes, more than {file.GzipName} can be");
            await output.WriteAsync(buffer.AsMemory(0, n)).ConfigureAwait(false);
            if (received - reported >= 1 << 20)
            {
                progress?.Report(new DownloadProgress(file.GzipName, url, received, total));
                reported = received;
            }
        }
        if (reported != received) progress?.Report(new DownloadProgress(file.GzipName, url, received, total));
    }

    private static string Describe(Exception e) => e switch
    {
        TaskCanceledException => "timed out",
        HttpRequestException { InnerException: { } inner } http => $"{http.Message} ({inner.Message})",
        _ => e.Message,
    };
}

/// <summary>Every mirror failed for one file; <see cref="Failures"/> says how, one line per mirror.</summary>
internal sealed class DownloadFailedException(DatasetFile file, IReadOnlyList<string> failures)
    : IOException($"{file.GzipName}: every mirror failed:\n  " + string.Join("\n  ", failures))
{
    public IReadOnlyList<string> Failures { get; } = failures;
}
