using System.Net;

namespace VaeCourse.Tests.Data;

/// <summary>An HTTP handler standing in for the mirrors: serves bytes per URL, fails the rest as an unreachable host.</summary>
internal sealed class FakeMirrors : HttpMessageHandler
{
    private readonly Dictionary<string, Func<HttpResponseMessage>> _routes = new();

    public List<Uri> Requests { get; } = new();

    public FakeMirrors Serve(string url, byte[] body)
    {
        _routes[url] = () => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) };
        return this;
    }

    public FakeMirrors Status(string url, HttpStatusCode status)
    {
        _routes[url] = () => new HttpResponseMessage(status);
        return this;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (Requests) Requests.Add(request.RequestUri!);
        if (_routes.TryGetValue(request.RequestUri!.ToString(), out var respond)) return Task.FromResult(respond());
        throw new HttpRequestException("Name or service not known");
    }
}

/// <summary>Collects progress reports synchronously (Progress&lt;T&gt; would post them to the thread pool).</summary>
internal sealed class RecordingProgress<T> : IProgress<T>
{
    public List<T> Reports { get; } = new();

    public void Report(T value)
    {
        lock (Reports) Reports.Add(value);
    }
}
