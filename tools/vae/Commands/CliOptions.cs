using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Vae.Cli.Commands;

/// <summary>
/// Options shared by the verbs, with their range checks done by the parser, so a bad value is reported as
/// "--epochs must be an integer of at least 1, got -3" before any work starts (exit code 1).
/// </summary>
internal static class CliOptions
{
    /// <summary>An integer option that must be at least <paramref name="minimum"/>.</summary>
    public static Option<int> AtLeast(string name, int minimum, int defaultValue, string description, string helpName = "N") =>
        new(name)
        {
            Description = description, HelpName = helpName, DefaultValueFactory = _ => defaultValue,
            CustomParser = result => ParseAtLeast(result, name, minimum) ?? defaultValue,
        };

    /// <summary>An optional integer option (null when absent) that must be at least <paramref name="minimum"/> when given.</summary>
    public static Option<int?> OptionalAtLeast(string name, int minimum, string description, string helpName = "N") =>
        new(name) { Description = description, HelpName = helpName, CustomParser = result => ParseAtLeast(result, name, minimum) };

    /// <summary>A number option that must be finite and at least 0 (or above 0 when <paramref name="strictlyPositive"/>).</summary>
    public static Option<double> NonNegative(string name, double defaultValue, string description, bool strictlyPositive = false) =>
        new(name)
        {
            Description = description, HelpName = "X", DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
            {
                string text = result.Tokens.Single().Value;
                bool ok = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) &&
                          double.IsFinite(value) && (strictlyPositive ? value > 0 : value >= 0);
                if (!ok) result.AddError($"{name} must be a finite number {(strictlyPositive ? "above 0" : "of at least 0")}, got {text}");
                return ok ? value : defaultValue;
            },
        };

    /// <summary><c>--seed</c>: the seed of the default generator.</summary>
    public static Option<long> Seed(string description) =>
        new("--seed") { Description = description, HelpName = "N", DefaultValueFactory = _ => 1 };

    /// <summary><c>--threads</c>: kernel threads (<c>torch.set_num_threads</c>); null means every core.</summary>
    public static Option<int?> Threads() =>
        OptionalAtLeast("--threads", 1, $"Threads for the tensor kernels (torch.set_num_threads) [default: all {Environment.ProcessorCount} cores].");

    /// <summary>The thread count to use: the option's value, else every core.</summary>
    public static int ThreadsOrAllCores(int? threads) => threads ?? Environment.ProcessorCount;

    // The parsed value, or null after adding an error naming the option, what it needs and what it got.
    private static int? ParseAtLeast(ArgumentResult result, string name, int minimum)
    {
        string text = result.Tokens.Single().Value;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) && value >= minimum) return value;
        result.AddError($"{name} must be an integer of at least {minimum}, got {text}");
        return null;
    }
}
