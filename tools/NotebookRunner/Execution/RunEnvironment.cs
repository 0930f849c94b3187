namespace NotebookRunner.Execution;

/// <summary>
/// The process state a notebook runs in, restored afterwards: the working directory is the notebook's folder
/// (as in the kernel, so relative paths mean the same in VS Code and here) and <see cref="RunnerOptions.SmokeVariable"/>
/// says smoke or full mode. Both are process-wide, so notebooks in one process must run one at a time.
/// </summary>
internal sealed class RunEnvironment : IDisposable
{
    private readonly string _previousDirectory;
    private readonly string? _previousSmoke;

    public RunEnvironment(string notebookFolder, bool smoke)
    {
        _previousDirectory = Environment.CurrentDirectory;
        _previousSmoke = Environment.GetEnvironmentVariable(RunnerOptions.SmokeVariable);
        Environment.CurrentDirectory = notebookFolder;
        Environment.SetEnvironmentVariable(RunnerOptions.SmokeVariable, smoke ? "1" : null);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(RunnerOptions.SmokeVariable, _previousSmoke);
        Environment.CurrentDirectory = _previousDirectory;
    }
}
