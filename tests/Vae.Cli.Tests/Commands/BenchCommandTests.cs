using System.Globalization;
using System.Text.RegularExpressions;
using Vae.Cli.Commands;

namespace Vae.Cli.Tests.Commands;

/// <summary>
/// Runs <c>vae bench</c> on a few hundred synthetic images and checks the report's format — sections, headers, one row
/// per model, numeric cells — never its speed.
/// </summary>
public sealed class BenchCommandTests
{
    private static readonly string[] Families = ["gemm", "elementwise", "loss", "optimizer", "batching", "other"];

    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();

    private int Run(string model = "all", int epochs = 2, int threads = 2) =>
        BenchCommand.Run(model, threads, epochs, warmup: 0, dataFolder: null, synthetic: 300, quickGemm: true, _stdout, _stderr);

    // Cells are separated by two or more spaces.
    private static string[] Cells(string line) => Regex.Split(line.Trim(), " {2,}");

    // The rows of the table under the section header that starts with `title`, header row first.
    private static List<string[]> Table(string report, string title)
    {
        var lines = report.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        int start = lines.FindIndex(l => l.StartsWith(title, StringComparison.Ordinal));
        Assert.True(start >= 0, $"section '{title}' missing from:\n{report}");
        return lines.Skip(start + 1).TakeWhile(l => l.Length > 0).Where(l => !l.StartsWith("rss", StringComparison.Ordinal))
            .Select(Cells).ToList();
    }

    private static void Numeric(string cell, string where) =>
        Assert.True(double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v),
            $"{where}: '{cell}' is not a number");

    [Fact]
    public void Report_has_every_section_with_numeric_cells_for_each_model()
    {
        Assert.Equal(BenchCommand.Success, Run());
        string report = _stdout.ToString();

        string[] sections = ["vae bench:", "epoch time (seconds):", "time by op family", "gemm (SGEMM", "memory (MB):", "gc per epoch"];
        int previous = -1;
        foreach (string section in sections)
        {
            int at = report.IndexOf("\n" + section, StringComparison.Ordinal) + 1;
            if (section == "vae bench:") at = report.StartsWith(section, StringComparison.Ordinal) ? 0 : -1;
            Assert.True(at > previous, $"section '{section}' missing or out of order");
            previous = at;
        }
        Assert.Matches(@"(?m)^machine   .+, \d+ cores, .+$", report);
        Assert.Matches(@"(?m)^data      300 synthetic images", report);
        Assert.Matches(@"(?m)^epoch     one pass over 300 images, batch 128, .*no test pass.*threads 2$", report);

        var epochs = Table(report, "epoch time (seconds):");
        Assert.Equal(["model", "threads", "epochs", "median", "min", "max", "cpu/epoch", "images/s", "loss/image"], epochs[0]);
        Assert.Equal(["vae", "ae", "conv-vae"], epochs.Skip(1).Select(r => r[0]));
        foreach (string[] row in epochs.Skip(1))
        {
            Assert.Equal(epochs[0].Length, row.Length);
            Assert.Equal("2", row[1]);
            Assert.Equal("2", row[2]);
            foreach (string cell in row.Skip(3)) Numeric(cell, $"epoch row {row[0]}");
            double median = double.Parse(row[3], CultureInfo.InvariantCulture);
            Assert.InRange(median, double.Parse(row[4], CultureInfo.InvariantCulture), double.Parse(row[5], CultureInfo.InvariantCulture));
        }

        var families = Table(report, "time by op family");
        Assert.Equal(["family", "vae", "%", "ae", "%", "conv-vae", "%"], families[0]);
        Assert.Equal(Families, families.Skip(1).Select(r => r[0]));
        foreach (string[] row in families.Skip(1))
            foreach (string cell in row.Skip(1)) Numeric(cell, $"family row {row[0]}");
        foreach (int column in new[] { 2, 4, 6 })
            Assert.InRange(families.Skip(1).Sum(r => double.Parse(r[column], CultureInfo.InvariantCulture)), 99.0, 101.0);

        var gemm = Table(report, "gemm (SGEMM");
        Assert.Equal(["step", "m×n×k", "op", "1 thread", "2 threads"], gemm[0]);
        Assert.Equal(12, gemm.Count - 1);
        Assert.Contains(gemm, r => r[0] == "encoder fc1 forward x·Wᵀ" && r[1] == "128×400×784" && r[2] == "A·Bᵀ");
        foreach (string[] row in gemm.Skip(1))
        {
            Assert.Matches(@"^\d+×\d+×\d+$", row[1]);
            Numeric(row[3], row[0]);
            Numeric(row[4], row[0]);
        }

        var memory = Table(report, "memory (MB):");
        Assert.Equal(["model", "peak rss", "pool reuse %", "pool held"], memory[0]);
        Assert.Equal(["vae", "ae", "conv-vae"], memory.Skip(1).Select(r => r[0]));
        Assert.Matches(@"(?m)^rss after loading the data  (\d+|n/a)$", report);

        var gc = Table(report, "gc per epoch");
        Assert.Equal(["model", "epoch", "live heap", "allocated", "gen0", "gen1", "gen2"], gc[0]);
        Assert.Equal(["vae 1", "vae 2", "ae 1", "ae 2", "conv-vae 1", "conv-vae 2"], gc.Skip(1).Select(r => $"{r[0]} {r[1]}"));
        foreach (string[] row in gc.Skip(1))
            foreach (string cell in row.Skip(2)) Numeric(cell, $"gc row {row[0]}");

        Assert.Contains("training vae", _stderr.ToString());   // progress goes to stderr, the report to stdout
    }

    [Fact]
    public void One_model_on_one_thread_has_one_row_and_no_second_gemm_column()
    {
        Assert.Equal(BenchCommand.Success, Run(model: "vae", epochs: 1, threads: 1));
        string report = _stdout.ToString();

        Assert.Equal(["vae"], Table(report, "epoch time (seconds):").Skip(1).Select(r => r[0]));
        Assert.Equal(["family", "vae", "%"], Table(report, "time by op family")[0]);
        Assert.Equal(["step", "m×n×k", "op", "1 thread"], Table(report, "gemm (SGEMM")[0]);
    }

    [Fact]
    public void The_same_seed_and_thread_count_give_the_same_loss()
    {
        Assert.Equal(BenchCommand.Success, Run(model: "vae", epochs: 1));
        string first = Table(_stdout.ToString(), "epoch time (seconds):")[1][^1];
        _stdout.GetStringBuilder().Clear();
        Assert.Equal(BenchCommand.Success, Run(model: "vae", epochs: 1, threads: 1));
        Assert.Equal(first, Table(_stdout.ToString(), "epoch time (seconds):")[1][^1]);
    }

    [Theory]
    [InlineData("nope", 3, 2, "vae bench: --model must be one of vae, ae, conv-vae, all; got 'nope'")]
    [InlineData("vae", 0, 2, "vae bench: --epochs must be at least 1; got 0")]
    [InlineData("vae", 3, 0, "vae bench: --threads must be at least 1; got 0")]
    public void Bad_arguments_exit_with_a_usage_error(string model, int epochs, int threads, string message)
    {
        Assert.Equal(BenchCommand.UsageError, Run(model, epochs, threads));
        Assert.Equal(message, _stderr.ToString().Trim());
        Assert.Equal("", _stdout.ToString());
    }

    [Fact]
    public void The_test_options_are_hidden_from_help()
    {
        var command = BenchCommand.Create();
        Assert.True(command.Options.Single(o => o.Name == "--synthetic").Hidden);
        Assert.False(command.Options.Single(o => o.Name == "--threads").Hidden);
    }
}
