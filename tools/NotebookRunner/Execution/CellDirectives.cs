using System.Text.RegularExpressions;

namespace NotebookRunner.Execution;

/// <summary>
/// Handles the Polyglot directives Roslyn scripting does not know, before a cell is compiled. A leading
/// <c>#!csharp</c> selects the kernel the cell already runs in and is blanked; other <c>#!</c> lines (another
/// kernel, magic commands), <c>#r "nuget: …"</c> and <c>#i</c> need the real kernel's package and kernel
/// machinery, so they are refused with a message saying what to do instead. Blanking keeps line numbers, so
/// compiler positions still point at the cell's own lines.
/// </summary>
internal static partial class CellDirectives
{
    private static readonly HashSet<string> CSharpSelectors = new(StringComparer.OrdinalIgnoreCase) { "#!csharp", "#!c#", "#!cs" };

    /// <summary>The code to compile, or the problem (1-based line within the cell and message).</summary>
    public static (string Code, string? Problem) Prepare(string source)
    {
        var lines = source.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.StartsWith("#!", StringComparison.Ordinal))
            {
                string directive = line.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries)[0];
                if (!CSharpSelectors.Contains(directive))
                    return ("", $"line {i + 1}: '{directive}' is a Polyglot kernel switch or magic command; the headless runner runs plain C# cells only");
                lines[i] = lines[i].EndsWith('\r') ? "\r" : "";
            }
            else if (NuGetReference().IsMatch(line))
            {
                return ("", $"line {i + 1}: #r \"nuget: …\" is not supported: the runner cannot restore packages. " +
                            "Build the code into a DLL and reference it with #r \"path/to.dll\" (relative to the notebook's folder)");
            }
            else if (PackageSource().IsMatch(line))
            {
                return ("", $"line {i + 1}: #i (a package source) is not supported: the runner cannot restore packages");
            }
        }
        return (string.Join('\n', lines), null);
    }

    [GeneratedRegex("""^#r\s+"\s*nuget\s*:""", RegexOptions.IgnoreCase)]
    private static partial Regex NuGetReference();

    [GeneratedRegex("""^#i\s+""")]
    private static partial Regex PackageSource();
}
