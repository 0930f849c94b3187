using MiniTorch;

namespace VaeCourse.Checkpoints;

/// <summary>The element types of the safetensors format and which of them this engine stores.</summary>
internal static class SafeTensorsDType
{
    // Every dtype the format defines, in the reference implementation's order of increasing alignment. Writers
    // put tensors of later (more strictly aligned) dtypes first, so every tensor's data stays aligned.
    private static readonly string[] FormatOrder =
        ["BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "F64", "I64", "U64"];

    public static string Name(ScalarType type) => type switch
    {
        ScalarType.Float32 => "F32",
        ScalarType.Int64 => "I64",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "safetensors: no dtype for this element type"),
    };

    /// <summary>Rank in the format's alignment order; the writer sorts by it descending.</summary>
    public static int AlignmentRank(ScalarType type) => Array.IndexOf(FormatOrder, Name(type));

    public static bool IsFormatDType(string name) => Array.IndexOf(FormatOrder, name) >= 0;

    /// <summary>The engine's type for a dtype name, or null when this engine cannot hold it.</summary>
    public static ScalarType? Engine(string name) => name switch
    {
        "F32" => ScalarType.Float32,
        "I64" => ScalarType.Int64,
        _ => null,
    };

    public static int Size(ScalarType type) => type == ScalarType.Float32 ? 4 : 8;
}
