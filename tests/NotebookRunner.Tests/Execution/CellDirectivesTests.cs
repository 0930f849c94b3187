using NotebookRunner.Execution;

namespace NotebookRunner.Tests.Execution;

public class CellDirectivesTests
{
    [Theory]
    [InlineData("#!csharp\nvar x = 1;")]
    [InlineData("#!C#\r\nvar x = 1;")]
    [InlineData("  #!cs\nvar x = 1;")]
    public void CSharp_selector_is_blanked_keeping_line_numbers(string source)
    {
        var (code, problem) = CellDirectives.Prepare(source);

        Assert.Null(problem);
        Assert.Equal(source.Split('\n').Length, code.Split('\n').Length);
        Assert.DoesNotContain("#!", code);
        Assert.EndsWith("var x = 1;", code);
    }

    [Theory]
    [InlineData("#!fsharp\nlet x = 1", "line 1: '#!fsharp'")]
    [InlineData("var a = 1;\n#!time", "line 2: '#!time'")]
    [InlineData("var a = 1;\n\n  #!markdown extra", "line 3: '#!markdown'")]
    public void Other_kernels_and_magic_commands_are_refused(string source, string expectedStart)
    {
        var (_, problem) = CellDirectives.Prepare(source);

        Assert.NotNull(problem);
        Assert.StartsWith(expectedStart, problem);
        Assert.Contains("plain C# cells only", problem);
    }

    [Theory]
    [InlineData("#r \"nuget: Newtonsoft.Json, 13.0.3\"")]
    [InlineData("#r \"nuget:Foo\"")]
    [InlineData("var a = 1;\n  #r   \" NuGet : Foo\"")]
    public void Nuget_references_are_refused(string source)
    {
        var (_, problem) = CellDirectives.Prepare(source);

        Assert.NotNull(problem);
        Assert.Contains("#r \"nuget: …\" is not supported", problem);
    }

    [Fact]
    public void Package_sources_are_refused()
    {
        var (_, problem) = CellDirectives.Prepare("#i \"nuget: https://example.org/feed\"");

        Assert.StartsWith("line 1: #i (a package source) is not supported", problem);
    }

    [Theory]
    [InlineData("#r \"../lib/bin/VaeCourse.dll\"\nusing MiniTorch;")]
    [InlineData("var nuget = \"#r \\\"nuget: x\\\"\";")]
    [InlineData("#region setup\nvar a = 1;\n#endregion")]
    public void Ordinary_code_and_file_references_pass_unchanged(string source)
    {
        var (code, problem) = CellDirectives.Prepare(source);

        Assert.Null(problem);
        Assert.Equal(source, code);
    }
}
