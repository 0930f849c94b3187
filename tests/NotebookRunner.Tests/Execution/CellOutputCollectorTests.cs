using System.Text.Json.Nodes;
using NotebookRunner.Execution;
using NotebookRunner.Formatting;
using NotebookRunner.Model;

namespace NotebookRunner.Tests.Execution;

public class CellOutputCollectorTests
{
    [Fact]
    public void Consecutive_writes_to_one_stream_merge_and_order_is_kept()
    {
        var cell = new CellOutputCollector();
        cell.WriteStream("stdout", "a");
        cell.WriteStream("stdout", "b\n");
        cell.WriteStream("stderr", "warn\n");
        var shown = cell.AddDisplay(MimeBundle.Of("text/plain", "first"));
        cell.WriteStream("stdout", "c\n");
        cell.Update(shown, MimeBundle.Of("text/plain", "second"));
        cell.Add(new ResultOutput(MimeBundle.Of("text/plain", "42")));

        var outputs = cell.Close(executionCount: 3);

        Assert.Equal(["stream", "stream", "display_data", "stream", "execute_result"], outputs.Select(o => (string?)o["output_type"]));
        Assert.Equal("""{"name":"stdout","output_type":"stream","text":["ab\n"]}""", outputs[0].ToJsonString());
        Assert.Equal("""{"data":{"text/plain":["second"]},"metadata":{},"output_type":"display_data"}""", outputs[2].ToJsonString());
        Assert.Equal("""{"data":{"text/plain":["42"]},"execution_count":3,"metadata":{},"output_type":"execute_result"}""", outputs[4].ToJsonString());
    }

    [Fact]
    public void Binary_mime_types_are_one_string_and_text_ones_are_lines()
    {
        var cell = new CellOutputCollector();
        cell.AddDisplay(new MimeBundle([new("image/png", "AAEC"), new("image/svg+xml", "<svg>\n</svg>")]));

        var data = (JsonObject)cell.Close(1)[0]["data"]!;

        Assert.Equal("AAEC", Assert.IsAssignableFrom<JsonValue>(data["image/png"]).GetValue<string>());
        Assert.Equal(["<svg>\n", "</svg>"], Assert.IsType<JsonArray>(data["image/svg+xml"]).Select(l => l!.GetValue<string>()));
    }

    [Fact]
    public void Nothing_is_recorded_after_close()
    {
        var cell = new CellOutputCollector();
        var shown = cell.AddDisplay(MimeBundle.Of("text/plain", "kept"));
        cell.Close(1);

        cell.WriteStream("stdout", "late");
        cell.Update(shown, MimeBundle.Of("text/plain", "late"));
        cell.Add(new ErrorOutput("E", "late", []));

        var outputs = cell.Close(1);
        Assert.Equal("""[{"data":{"text/plain":["kept"]},"metadata":{},"output_type":"display_data"}]""",
            new JsonArray(outputs.Select(o => (JsonNode)o).ToArray()).ToJsonString());
    }

    [Fact]
    public void Console_writes_go_to_the_cell_of_the_thread_that_runs_it()
    {
        var first = new CellOutputCollector();
        var second = new CellOutputCollector();

        void Write(CellOutputCollector cell, string tag)
        {
            ConsoleCapture.RouteTo(cell);
            for (int i = 0; i < 200; i++) Console.WriteLine($"{tag}{i}");
            // Threads a cell starts inherit its routing.
            Task.Run(() => Console.Error.Write($"{tag}-task")).Wait();
        }

        var threads = new[] { new Thread(() => Write(first, "A")), new Thread(() => Write(second, "B")) };
        foreach (var thread in threads) thread.Start();
        foreach (var thread in threads) thread.Join();

        foreach (var (cell, tag) in new[] { (first, "A"), (second, "B") })
        {
            var outputs = cell.Close(1);
            Assert.Equal(2, outputs.Count);
            string stdout = string.Concat(((JsonArray)outputs[0]["text"]!).Select(l => l!.GetValue<string>()));
            Assert.Equal(string.Concat(Enumerable.Range(0, 200).Select(i => $"{tag}{i}\n")), stdout);
            Assert.Equal("stderr", (string?)outputs[1]["name"]);
            Assert.Equal($"[\"{tag}-task\"]", outputs[1]["text"]!.ToJsonString());
        }
    }
}
