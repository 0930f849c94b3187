using System.Buffers.Binary;
using System.Text;
using VaeCourse.Checkpoints;

namespace VaeCourse.Tests.Checkpoints;

/// <summary>Malformed files, built by hand byte by byte, must be refused with a message naming the file and the fault.</summary>
public sealed class SafeTensorsErrorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("st-errors").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // Header length + JSON padded with spaces to a multiple of 8 + dataBytes zero bytes.
    private static byte[] Build(string json, int dataBytes)
    {
        byte[] header = Encoding.UTF8.GetBytes(json);
        int padded = (header.Length + 7) / 8 * 8;
        var file = new byte[8 + padded + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)padded);
        header.CopyTo(file, 8);
        file.AsSpan(8 + header.Length, padded - header.Length).Fill((byte)' ');
        return file;
    }

    private string Write(byte[] bytes)
    {
        string path = Path.Combine(_folder, "broken.safetensors");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string LoadError(byte[] bytes)
    {
        string path = Write(bytes);
        var error = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path));
        Assert.Contains(path, error.Message);
        return error.Message;
    }

    private const string Vector4 = "{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":";

    [Fact]
    public void A_well_formed_hand_built_file_loads() // the builder itself is right, so the failures below are the faults
    {
        string path = Write(Build("{\"a\":" + Vector4 + "[0,16]},\"b\":" + Vector4 + "[16,32]}}", 32));
        Assert.Equal(["a", "b"], SafeTensors.Load(path).Keys.Order());
    }

    [Fact]
    public void Truncated_before_the_header_length() =>
        Assert.Contains("truncated: 5 bytes", LoadError([1, 2, 3, 4, 5]));

    [Fact]
    public void Header_length_beyond_the_file()
    {
        byte[] file = Build("{}", 0);
        BinaryPrimitives.WriteUInt64LittleEndian(file, 4096);
        Assert.Contains("header length 4096 runs past the end of the file", LoadError(file));
    }

    [Fact]
    public void Absurd_header_length()
    {
        byte[] file = Build("{}", 0);
        BinaryPrimitives.WriteUInt64LittleEndian(file, ulong.MaxValue);
        Assert.Contains("exceeds the format's limit", LoadError(file));
    }

    [Fact]
    public void Header_not_utf8() =>
        Assert.Contains("not valid UTF-8", LoadError([.. Build("{}", 0)[..8], (byte)'{', 0xFF, 0xFE, (byte)'}', 32, 32, 32, 32]));

    [Fact]
    public void Bad_json()
    {
        Assert.Contains("not valid JSON", LoadError(Build("{\"a\": {\"dtype\": \"F32\",", 0)));
        Assert.Contains("must be a JSON object", LoadError(Build("[1,2]", 0)));
    }

    [Fact]
    public void Unknown_and_unsupported_dtypes()
    {
        Assert.Contains("tensor 'w': unknown dtype 'F31'", LoadError(Build("{\"w\":{\"dtype\":\"F31\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4)));
        Assert.Contains("tensor 'w': dtype BF16 is not supported", LoadError(Build("{\"w\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4)));
    }

    [Fact]
    public void Offsets_out_of_range() =>
        Assert.Contains("tensor 'a': data_offsets [0, 16] run past the end of the data section (12 bytes)",
            LoadError(Build("{\"a\":" + Vector4 + "[0,16]}}", 12)));

    [Fact]
    public void Overlapping_offsets() =>
        Assert.Contains("tensor 'b': data_offsets [8, 24] overlap tensor 'a'",
            LoadError(Build("{\"a\":" + Vector4 + "[0,16]},\"b\":" + Vector4 + "[8,24]}}", 24)));

    [Fact]
    public void Gap_between_tensors() =>
        Assert.Contains("tensor 'b': data_offsets [20, 36] leave a gap after tensor 'a'",
            LoadError(Build("{\"a\":" + Vector4 + "[0,16]},\"b\":" + Vector4 + "[20,36]}}", 36)));

    [Fact]
    public void Offsets_not_matching_shape_times_element_size() =>
        Assert.Contains("tensor 'a': shape (3) of F32 needs 12 bytes, but data_offsets [0, 16] hold 16",
            LoadError(Build("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,16]}}", 16)));

    [Fact]
    public void Offsets_backwards() =>
        Assert.Contains("end before they begin", LoadError(Build("{\"a\":" + Vector4 + "[16,0]}}", 16)));

    [Fact]
    public void Trailing_bytes_after_the_last_tensor() =>
        Assert.Contains("the tensors use 16 bytes of data but the data section has 20",
            LoadError(Build("{\"a\":" + Vector4 + "[0,16]}}", 20)));

    [Fact]
    public void Malformed_entries()
    {
        Assert.Contains("'shape' must hold non-negative integers, found -1",
            LoadError(Build("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,0]}}", 0)));
        Assert.Contains("missing the array field 'data_offsets'", LoadError(Build("{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4)));
        Assert.Contains("names 'a' twice", LoadError(Build("{\"a\":" + Vector4 + "[0,16]},\"a\":" + Vector4 + "[0,16]}}", 16)));
        Assert.Contains("__metadata__ entry 'epoch' must be a string", LoadError(Build("{\"__metadata__\":{\"epoch\":3}}", 0)));
        Assert.Contains("rank 5", LoadError(Build("{\"a\":{\"dtype\":\"F32\",\"shape\":[1,1,1,1,1],\"data_offsets\":[0,4]}}", 4)));
    }

    [Fact]
    public void Missing_file_names_the_path()
    {
        string path = Path.Combine(_folder, "nope.safetensors");
        var error = Assert.Throws<FileNotFoundException>(() => SafeTensors.Load(path));
        Assert.Contains(path, error.Message);
    }
}
