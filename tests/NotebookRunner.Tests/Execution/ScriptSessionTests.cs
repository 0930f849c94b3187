using NotebookRunner.Execution;
using NotebookRunner.Formatting;

namespace NotebookRunner.Tests.Execution;

public class ScriptSessionTests
{
    [Theory]
    [InlineData("1 + 1", true)]
    [InlineData("var x = 1;", false)]
    [InlineData("Math.Max(1, 2);", false)]
    [InlineData("Console.Write(\"\")", false)] // a void call shows nothing, as in the kernel
    [InlineData("\"text\" // trailing comment", true)]
    [InlineData("int F() => 1;\nF()", true)]
    [InlineData("class C { }", false)]
    public void Only_a_trailing_non_void_expression_shows_a_value(string code, bool shows)
    {
        var session = new ScriptSession("/tmp/session.ipynb", new KernelGlobals());

        var compiled = session.Compile(code, cellNumber: 1);

        Assert.Empty(compiled.Errors);
        Assert.Equal(shows, compiled.HasValue);
    }

    [Fact]
    public void Submissions_continue_from_the_previous_state()
    {
        var session = new ScriptSession("/tmp/session.ipynb", new KernelGlobals());

        Assert.Null(session.Run(session.Compile("using System.Text; var n = 20; int Twice(int v) => 2 * v;", 1)).Exception);
        var run = session.Run(session.Compile("new StringBuilder().Append(Twice(n) + 2).ToString()", 2));

        Assert.Null(run.Exception);
        Assert.Equal("42", run.Value);
    }

    [Fact]
    public void A_failed_submission_does_not_become_the_state()
    {
        var session = new ScriptSession("/tmp/session.ipynb", new KernelGlobals());
        session.Run(session.Compile("var n = 1;", 1));

        var failed = session.Run(session.Compile("n = 2; throw new Exception(\"planted\");", 2));
        var after = session.Run(session.Compile("n", 3));

        Assert.Equal("planted", failed.Exception?.Message);
        Assert.Equal(2, after.Value); // the statement before the throw ran, as in the kernel
    }
}
