namespace MiniTorch;

/// <summary>Whether ops record a graph on this thread: off inside <c>torch.no_grad()</c>.</summary>
internal static class GradMode
{
    [ThreadStatic] private static int _disabledDepth;

    public static bool Enabled => _disabledDepth == 0;

    public static IDisposable Disable() => new Scope(+1);
    public static IDisposable Enable() => new Scope(-1);

    private sealed class Scope : IDisposable
    {
        private readonly int _delta;
        private readonly int _before;
        private bool _disposed;

        public Scope(int delta)
        {
            _before = _disabledDepth;
            _delta = delta;
            _disabledDepth = delta > 0 ? _disabledDepth + 1 : 0;
        }

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            _disabledDepth = _before;
        }
    }
}
