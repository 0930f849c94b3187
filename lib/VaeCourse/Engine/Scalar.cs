namespace MiniTorch;

/// <summary>A number used with a tensor (<c>x * 2</c>, <c>x.pow(0.5)</c>), as TorchSharp's <c>Scalar</c>.</summary>
public readonly struct Scalar
{
    private readonly double _value;
    private Scalar(double value) => _value = value;

    public static implicit operator Scalar(int value) => new(value);
    public static implicit operator Scalar(long value) => new(value);
    public static implicit operator Scalar(float value) => new(value);
    public static implicit operator Scalar(double value) => new(value);

    public float ToSingle() => (float)_value;
    public double ToDouble() => _value;
    public override string ToString() => _value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
