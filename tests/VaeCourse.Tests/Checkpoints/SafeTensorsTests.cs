using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using MiniTorch;
using VaeCourse.Checkpoints;

namespace VaeCourse.Tests.Checkpoints;

public class SafeTensorsTests
{
    private static byte[] Le(ulong n) { var b = new byte[8]; BinaryPrimitives.WriteUInt64LittleEndian(b, n); return b; }

    private static byte[] Floats(params float[] values) => values.SelectMany(v =>
    {
        var b = new byte[4]; BinaryPrimitives.WriteSingleLittleEndian(b, v); return b;
    }).ToArray();

    [Fact]
    public void Single_tensor_matches_the_format_byte_for_byte()
    {
        // The reference implementation's own alignment example: "attn0", F32, shape [1,1,2,3], values 0..5.
        // Its JSON is 65 bytes, so 7 spaces pad the header to 72 and the data starts 8-byte aligned at 80.
        const string json = "{\"attn0\":{\"dtype\":\"F32\",\"shape\":[1,1,2,3],\"data_offsets\":[0,24]}}";
        byte[] expected = [.. Le(72), .. Encoding.ASCII.GetBytes(json), .. Encoding.ASCII.GetBytes(new string(' ', 7)), .. Floats(0, 1, 2, 3, 4, 5)];

        byte[] actual = SafeTensors.Serialize(new Dictionary<string, Tensor> { ["attn0"] = torch.tensor([0f, 1, 2, 3, 4, 5], [1, 1, 2, 3]) });

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Empty_files_with_and_without_metadata_match_the_format()
    {
        Assert.Equal([.. Le(8), .. "{}      "u8.ToArray()], SafeTensors.Serialize(new Dictionary<string, Tensor>()));
        byte[] withMetadata = SafeTensors.Serialize(new Dictionary<string, Tensor>(), new Dictionary<string, string> { ["framework"] = "pt" });
        Assert.Equal([.. Le(40), .. "{\"__metadata__\":{\"framework\":\"pt\"}}     "u8.ToArray()], withMetadata);
    }

    [Fact]
    public void Layout_read_by_an_independent_parser()
    {
        var random = new Random(5);
        float[] weight = Enumerable.Range(0, 12).Select(_ => (float)random.NextDouble()).ToArray();
        var tensors = new Dictionary<string, Tensor>
        {
            ["fc2.weight"] = torch.tensor(weight, [3, 4]),
            ["fc1.bias"] = torch.tensor([1f, 2f, 3f], [3]),
            ["Zeta"] = torch.tensor(9f),
            ["steps"] = torch.tensor([5L, 6L, 7L]),
            ["änderung"] = torch.tensor([4f], [1]),
        };
        byte[] file = SafeTensors.Serialize(tensors, new Dictionary<string, string> { ["epoch"] = "3" });

        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(file);
        Assert.Equal(0ul, n % 8);
        string header = Encoding.UTF8.GetString(file, 8, (int)n);
        Assert.Equal(header.TrimEnd(' ').Length, header.TrimEnd().Length); // padding is spaces only
        using JsonDocument json = JsonDocument.Parse(header);
        string[] keys = json.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        // Metadata first; then I64 before F32 (stricter alignment first), each by UTF-8 byte order of the name.
        Assert.Equal(["__metadata__", "steps", "Zeta", "fc1.bias", "fc2.weight", "änderung"], keys);
        Assert.Equal("3", json.RootElement.GetProperty("__metadata__").GetProperty("epoch").GetString());

        int dataStart = 8 + (int)n;
        long expectedBegin = 0;
        foreach (string key in keys.Skip(1))
        {
            JsonElement entry = json.RootElement.GetProperty(key);
            long[] offsets = entry.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            Assert.Equal(expectedBegin, offsets[0]);
            Assert.Equal(tensors[key].shape, entry.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()));
            byte[] data = file[(dataStart + (int)offsets[0])..(dataStart + (int)offsets[1])];
            if (entry.GetProperty("dtype").GetString() == "I64")
            {
                Assert.Equal(8 * tensors[key].numel(), data.Length);
                Assert.Equal(tensors[key].data<long>().ToArray(), Enumerable.Range(0, data.Length / 8).Select(i => BinaryPrimitives.ReadInt64LittleEndian(data.AsSpan(8 * i))));
            }
            else
            {
                Assert.Equal("F32", entry.GetProperty("dtype").GetString());
                Assert.Equal(Floats(tensors[key].ToArray()), data);
            }
            expectedBegin = offsets[1];
        }
        Assert.Equal(file.Length, dataStart + expectedBegin);
    }

    [Fact]
    public void Round_trip_keeps_every_bit_shape_dtype_and_metadata()
    {
        float[] special = [float.NaN, BitConverter.Int32BitsToSingle(0x7FC00123), -0f, 0f, float.PositiveInfinity,
            float.NegativeInfinity, float.Epsilon, -float.MaxValue, 1f / 3f];
        var tensors = new Dictionary<string, Tensor>
        {
            ["special"] = torch.tensor(special, [3, 3]),
            ["scalar"] = torch.tensor(-2.5f),
            ["empty"] = torch.zeros(0, 7),
            ["four_d"] = torch.rand(2, 1, 3, 2),
            ["labels"] = torch.tensor([long.MinValue, -1L, 0L, long.MaxValue], [2, 2]),
        };
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["note"] = "β \"quoted\" <tag>\n" };
        string folder = Directory.CreateTempSubdirectory("st-roundtrip").FullName;
        try
        {
            string path = Path.Combine(folder, "model.safetensors");
            SafeTensors.Save(path, tensors, metadata);
            SafeTensorsFile file = SafeTensors.Read(path);

            Assert.Equal(tensors.Keys.Order(), file.Tensors.Keys.Order());
            foreach (var (name, original) in tensors)
            {
                Tensor loaded = file.Tensors[name];
                Assert.Equal(original.dtype, loaded.dtype);
                Assert.Equal(original.shape, loaded.shape);
                if (original.dtype == ScalarType.Int64) Assert.Equal(original.data<long>().ToArray(), loaded.data<long>().ToArray());
                else Assert.Equal(original.ToArray().Select(BitConverter.SingleToInt32Bits), loaded.ToArray().Select(BitConverter.SingleToInt32Bits));
            }
            Assert.Equal(metadata.OrderBy(kv => kv.Key), file.Metadata.OrderBy(kv => kv.Key));
            Assert.Equal(tensors.Count, SafeTensors.Load(path).Count);
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [Fact]
    public void Writer_rejects_reserved_and_duplicate_names()
    {
        var reserved = Assert.Throws<ArgumentException>(() => SafeTensors.Serialize(new Dictionary<string, Tensor> { ["__metadata__"] = torch.zeros(1) }));
        Assert.Contains("reserved", reserved.Message);
        var pairs = new[] { KeyValuePair.Create("a", torch.zeros(1)), KeyValuePair.Create("a", torch.zeros(2)) };
        var duplicate = Assert.Throws<ArgumentException>(() => SafeTensors.Serialize(pairs));
        Assert.Contains("two tensors are named 'a'", duplicate.Message);
    }
}
