namespace MiniTorch;

/// <summary>Element types. The engine computes in <see cref="Float32"/>; <see cref="Int64"/> holds indices and labels.</summary>
public enum ScalarType
{
    Float32,
    Int64,
}
