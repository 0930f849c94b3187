using VaeCourse.Data;

namespace VaeCourse.Tests.Data;

public class PixelConversionTests
{
    // Lengths around the 64- and 32-byte vector widths, so the Vector512, Vector256 and scalar tails all run.
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(95)]
    [InlineData(100)] // 64 + 32 + 4: one pass through each loop
    [InlineData(256 * 3 + 17)]
    public void Every_byte_becomes_exactly_value_over_255(int length)
    {
        var source = new byte[length];
        for (int i = 0; i < length; i++) source[i] = (byte)(i * 101 + 7); // 101 is odd: all 256 values in any 256-window
        var destination = new float[length + 1];
        destination[length] = -1f;

        PixelConversion.ToUnitInterval(source, destination);

        for (int i = 0; i < length; i++)
            Assert.Equal((float)((double)source[i] / 255.0), destination[i]); // correctly rounded division, as torch's div(255)
        Assert.Equal(-1f, destination[length]); // nothing written past the end
    }

    [Fact]
    public void Extremes_are_exactly_zero_and_one()
    {
        var destination = new float[128];
        var source = new byte[128];
        for (int i = 0; i < 128; i++) source[i] = (byte)(i % 2 == 0 ? 0 : 255);

        PixelConversion.ToUnitInterval(source, destination);

        for (int i = 0; i < 128; i++) Assert.Equal(i % 2 == 0 ? 0f : 1f, destination[i]);
    }

    [Fact]
    public void A_short_destination_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => PixelConversion.ToUnitInterval(new byte[10], new float[9]));
        Assert.Contains("destination holds 9 floats, source has 10 bytes", error.Message);
    }
}
