using System.Text;
using VaeCourse.Imaging;

namespace VaeCourse.Tests.Imaging;

public class Crc32Tests
{
    [Fact]
    public void Check_value_of_the_crc_catalogue()
    {
        // CRC-32/ISO-HDLC's published check value: the CRC of the ASCII digits "123456789".
        Assert.Equal(0xCBF43926u, Crc32.Compute(Encoding.ASCII.GetBytes("123456789")));
        Assert.Equal(0u, Crc32.Compute([]));
    }

    [Fact]
    public void Matches_a_bit_by_bit_crc_on_random_data()
    {
        var random = new Random(7);
        foreach (int length in new[] { 1, 3, 64, 1000, 4099 })
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            Assert.Equal(PngTestDecoder.BitwiseCrc32(bytes, 0, length), Crc32.Compute(bytes));
        }
    }

    [Fact]
    public void Append_continues_a_running_crc()
    {
        byte[] bytes = Encoding.ASCII.GetBytes("IDAT and some data after the chunk type");
        uint whole = Crc32.Compute(bytes);
        for (int split = 0; split <= bytes.Length; split += 5)
            Assert.Equal(whole, Crc32.Append(Crc32.Compute(bytes.AsSpan(0, split)), bytes.AsSpan(split)));
    }
}
