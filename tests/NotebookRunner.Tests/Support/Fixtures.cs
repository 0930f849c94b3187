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
