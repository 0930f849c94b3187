using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace VaeCourse.Tests;

/// <summary>Runs an external program (python3, rsvg-convert) and captures its output.</summary>
internal static class ExternalTool
{
    public static (int ExitCode, string Output, string Error) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within 120 s");
        }
        return (process.ExitCode, output, error.Result);
    }

    /// <summary>True when the program starts and exits with 0 for these arguments.</summary>
    public static bool Works(string program, params string[] arguments)
    {
        try { return Run(program, arguments).ExitCode == 0; }
        catch (System.ComponentModel.Win32Exception) { return false; }
        catch (InvalidOperationException) { return false; }
    }

    /// <summary>
    /// A script kept beside the calling test's source file: found through the compiler's record of that file's
    /// path, or else by walking up from the test binaries to the repository's tests/VaeCourse.Tests folder.
    /// </summary>
    public static string ScriptBeside(string name, [CallerFilePath] string callerFile = "")
    {
        string besideCaller = Path.Combine(Path.GetDirectoryName(callerFile) ?? "", name);
        if (File.Exists(besideCaller)) return besideCaller;
        string folder = Path.GetFileName(Path.GetDirectoryName(callerFile) ?? "");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "VaeCourse.Tests", folder, name);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"test script {name} not found beside {callerFile}");
    }
}

/// <summary>
/// A fact that runs only when an external program works here (e.g. <c>python3 -c "import safetensors"</c>);
/// otherwise xunit reports it as skipped with the reason, never as passed.
/// </summary>
public sealed class ExternalToolFactAttribute : FactAttribute
{
    public ExternalToolFactAttribute(string program, params string[] probeArguments)
    {
        if (!ExternalTool.Works(program, probeArguments))
            Skip = $"needs `{program} {string.Join(' ', probeArguments)}` to succeed on this machine";
    }
}
