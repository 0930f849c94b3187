namespace NotebookRunner.Tests.Support;

/// <summary>Runs fixture notebooks into a temp folder.</summary>
internal static class Fixtures
{
    public static NotebookRunResult Run(string fixture, TempFolder output, bool smoke = false, TimeSpan? cellTimeout = null) =>
        NotebookExecutor.Run(TestPaths.Fixture(fixture), new RunnerOptions
        {
            OutputDirectory = output.Path,
            Smoke = smoke,
            CellTimeout = cellTimeout ?? TimeSpan.FromSeconds(60),
        });
}

/// <summary>
/// Tests that execute notebooks share one collection: the runner serialises notebooks anyway (working directory
/// and smoke variable are process-wide), and this keeps their timings honest on a small machine.
/// </summary>
[CollectionDefinition(Name)]
public sealed class NotebookRunsCollection
{
    public const string Name = "Notebook runs";
}
