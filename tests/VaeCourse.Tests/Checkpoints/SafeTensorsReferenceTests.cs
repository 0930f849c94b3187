using System.Text.Json;
using MiniTorch;
using VaeCourse.Checkpoints;

namespace VaeCourse.Tests.Checkpoints;

/// <summary>A file we write must load with the reference safetensors reader (Hugging Face's, via its Python package).</summary>
public class SafeTensorsReferenceTests
{
    [ExternalToolFact("python3", "-c", "import safetensors")]
    public void Reference_reader_loads_our_file_with_the_same_tensors_and_metadata()
    {
        var tensors = new Dictionary<string, Tensor>
        {
            ["encoder.fc1.weight"] = torch.tensor([0.5f, -1.25f, float.NaN, float.NegativeInfinity, -0f, 1e-45f], [2, 3]),
            ["encoder.fc1.bias"] = torch.tensor([3.5f, 7f], [2]),
            ["decoder.scale"] = torch.tensor(2.5f),
            ["empty"] = torch.zeros(0, 4),
            ["step"] = torch.tensor([42L, -7L]),
        };
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["course"] = "vae β" };
        string folder = Directory.CreateTempSubdirectory("st-ref").FullName;
        try
        {
            string path = Path.Combine(folder, "model.safetensors");
            SafeTensors.Save(path, tensors, metadata);
            var (exit, output, error) = ExternalTool.Run("python3", ExternalTool.ScriptBeside("reference_check.py"), path);
            Assert.True(exit == 0, $"the reference reader rejected the file: {error}");

            using JsonDocument found = JsonDocument.Parse(output);
            JsonElement foundTensors = found.RootElement.GetProperty("tensors");
            Assert.Equal(tensors.Keys.Order(), foundTensors.EnumerateObject().Select(p => p.Name).Order());
            foreach (var (name, tensor) in tensors)
            {
                JsonElement entry = foundTensors.GetProperty(name);
                Assert.Equal(tensor.dtype == ScalarType.Float32 ? "F32" : "I64", entry.GetProperty("dtype").GetString());
                Assert.Equal(tensor.shape, entry.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()));
                byte[] expected = tensor.dtype == ScalarType.Float32
                    ? tensor.data<float>().ToArray().SelectMany(BitConverter.GetBytes).ToArray()
                    : tensor.data<long>().ToArray().SelectMany(BitConverter.GetBytes).ToArray();
                Assert.Equal(Convert.ToHexString(expected).ToLowerInvariant(), entry.GetProperty("data").GetString());
            }
            JsonElement foundMetadata = found.RootElement.GetProperty("metadata");
            if (foundMetadata.ValueKind != JsonValueKind.Null)
                Assert.Equal(metadata.OrderBy(kv => kv.Key), foundMetadata.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetString()!)).OrderBy(kv => kv.Key));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
