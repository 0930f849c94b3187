using System.CommandLine;
using NotebookRunner;
using Vae.Cli.Commands;

namespace Vae.Cli.Tests.Commands;

public sealed class NotebooksCommandTests : IDisposable
{
    private static readonly string Root = NotebookDiscovery.FindRepositoryRoot(AppContext.BaseDirectory)
                                          ?? throw new InvalidOperationException("repository root not found");

    private readonly string _output = Path.Combine(Path.GetTempPath(), "vae-notebooks-tests", Guid.NewGuid().ToString("N"));
    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();

    private static string Fixture(string name) => Path.Combine(Root, "tests", "NotebookRunner.Tests", "Fixtures", name);

    private int Run(params string[] paths) => NotebooksCommand.Run(paths, smoke: false, _output, 60, _stdout, _stderr);

    public void Dispose()
    {
        if (Directory.Exists(_output)) Directory.Delete(_output, recursive: true);
    }

    [Fact]
    public void Passing_notebook_exits_zero_prints_each_cell_and_writes_the_copy()
    {
        int exit = Run(Fixture("state-across-cells.ipynb"));

        Assert.Equal(NotebooksCommand.Success, exit);
        Assert.True(File.Exists(Path.Combine(_output, "state-across-cells.ipynb")));
        string stdout = _stdout.ToString();
        Assert.Contains("  cell 2 (1/3): using System.Text;", stdout);
        Assert.Contains("  cell 4 (3/3): counter", stdout);
        Assert.Contains("Notebooks: 1 of 1 ran cleanly", stdout);
        Assert.Equal("", _stderr.ToString());
    }

    [Fact]
    public void Failing_notebook_exits_non_zero_naming_notebook_cell_and_line_and_the_others_still_run()
    {
        int exit = Run(Fixture("compile-error.ipynb"), Fixture("state-across-cells.ipynb"));

        Assert.Equal(NotebooksCommand.NotebookFailed, exit);
        Assert.Contains("compile-error.ipynb: cell 4 failed (compile error)", _stderr.ToString());
        Assert.Contains("cell 4 begins: var b = a + missingName;", _stderr.ToString());
        Assert.Contains("error CS0103", _stderr.ToString());
        Assert.Contains("FAILED compile-error.ipynb at cell 4", _stdout.ToString());
        Assert.Contains("Notebooks: 1 of 2 ran cleanly", _stdout.ToString());
        Assert.True(File.Exists(Path.Combine(_output, "compile-error.ipynb")));
        Assert.True(File.Exists(Path.Combine(_output, "state-across-cells.ipynb")));
    }

    [Fact]
    public void Missing_or_non_notebook_paths_are_usage_errors()
    {
        Assert.Equal(NotebooksCommand.UsageError, Run(Path.Combine(Root, "no-such.ipynb"), Path.Combine(Root, "README.md")));

        Assert.Contains("not an existing .ipynb file: " + Path.Combine(Root, "no-such.ipynb"), _stderr.ToString());
        Assert.Contains("not an existing .ipynb file: " + Path.Combine(Root, "README.md"), _stderr.ToString());
        Assert.False(Directory.Exists(_output));
    }

    [Fact]
    public void Notebooks_with_the_same_name_would_overwrite_each_other()
    {
        string fixture = Fixture("timeout.ipynb");
        string sameName = Path.Combine(Path.GetDirectoryName(fixture)!, ".", "timeout.ipynb");

        Assert.Equal(NotebooksCommand.UsageError, Run(fixture, sameName));
        Assert.Contains("2 notebooks are named timeout.ipynb", _stderr.ToString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(double.NaN)]
    public void Cell_timeout_must_be_positive(double seconds)
    {
        int exit = NotebooksCommand.Run([Fixture("timeout.ipynb")], false, _output, seconds, _stdout, _stderr);

        Assert.Equal(NotebooksCommand.UsageError, exit);
        Assert.Contains("--cell-timeout must be a positive number of seconds", _stderr.ToString());
    }

    [Fact]
    public void Command_line_options_reach_the_runner()
    {
        var root = new RootCommand { NotebooksCommand.Create() };
        string[] args = ["notebooks", "--smoke", "--out", _output, "--cell-timeout", "1.5", Fixture("smoke-mode.ipynb"), Fixture("timeout.ipynb")];

        int exit = root.Parse(args).Invoke(new InvocationConfiguration { Output = _stdout, Error = _stderr });

        Assert.Equal(NotebooksCommand.NotebookFailed, exit);
        Assert.Contains("in smoke mode", _stdout.ToString());
        string smokeCopy = File.ReadAllText(Path.Combine(_output, "smoke-mode.ipynb"));
        Assert.Contains("\"True\"", smokeCopy);
        Assert.Contains("timeout.ipynb: cell 2 failed (time-out): did not finish within 1.5 s", _stderr.ToString());
    }
}
