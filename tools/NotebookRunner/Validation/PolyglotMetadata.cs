namespace NotebookRunner.Validation;

/// <summary>The metadata values VS Code's Polyglot Notebooks extension writes for a C# notebook.</summary>
public static class PolyglotMetadata
{
    /// <summary>The kernel every code cell must name (<c>metadata.polyglot_notebook.kernelName</c>).</summary>
    public const string KernelName = "csharp";

    /// <summary>The notebook's <c>metadata.kernelspec.name</c>.</summary>
    public const string KernelSpecName = ".net-csharp";

    /// <summary>The nbformat major version the runner reads and writes.</summary>
    public const int NbFormat = 4;
}
