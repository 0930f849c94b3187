namespace NotebookRunner;

/// <summary>Executes Polyglot (.ipynb) notebooks headlessly. Filled in by the runner work.</summary>
public static class RunnerInfo
{
    /// <summary>The kernel name every code cell must carry.</summary>
    public const string KernelName = "csharp";
}
