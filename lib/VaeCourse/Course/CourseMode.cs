namespace VaeCourse.Course;

/// <summary>
/// Smoke or full mode, the one switch notebooks read: in smoke mode (<c>VAE_SMOKE=1</c>, set by
/// <c>vae notebooks --smoke</c> and CI) every notebook cuts epochs and data so the whole course runs in minutes;
/// full mode is what a reader runs. The variable is read on every call, so a runner can set it before a notebook.
/// </summary>
public static class CourseMode
{
    /// <summary>The environment variable: "1" or "true" for smoke mode; unset, empty, "0" or "false" for full mode.</summary>
    public const string SmokeVariable = "VAE_SMOKE";

    /// <summary>True in smoke mode. Throws when the variable holds anything else than the values above.</summary>
    public static bool IsSmoke => Parse(Environment.GetEnvironmentVariable(SmokeVariable));

    /// <summary>
    /// <paramref name="smoke"/> in smoke mode, else <paramref name="full"/>; e.g.
    /// <c>int epochs = CourseMode.Choose(full: 10, smoke: 1);</c>
    /// </summary>
    public static T Choose<T>(T full, T smoke) => IsSmoke ? smoke : full;

    /// <summary>One line for a notebook to print, saying which mode runs and what it means.</summary>
    public static string Describe() => IsSmoke
        ? $"Smoke mode ({SmokeVariable}=1): epochs and data are cut down so the course runs in minutes; the numbers are not meaningful."
        : $"Full mode: real epochs and data sets. (Set {SmokeVariable}=1 for a quick smoke run.)";

    // A typo ("yes", "on") must not silently start an hour-long full run in CI, so unknown values are errors.
    internal static bool Parse(string? value)
    {
        string text = value?.Trim() ?? "";
        if (text.Length == 0 || text == "0" || text.Equals("false", StringComparison.OrdinalIgnoreCase)) return false;
        if (text == "1" || text.Equals("true", StringComparison.OrdinalIgnoreCase)) return true;
        throw new InvalidOperationException(
            $"{SmokeVariable} is \"{value}\"; expected 1 or true (smoke mode), or 0, false or unset (full mode)");
    }
}
