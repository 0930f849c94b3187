namespace NotebookRunner.Tests.Support;

/// <summary>
/// Tests that execute notebooks share one collection: the runner serialises notebooks anyway (working directory
/// and smoke variable are process-wide), and this keeps their timings honest on a small machine.
/// </summary>
[CollectionDefinition(Name)]
public sealed class NotebookRunsCollection
{
    public const string Name = "Notebook runs";
}
