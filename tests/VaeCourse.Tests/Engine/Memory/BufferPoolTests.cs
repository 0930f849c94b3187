using MiniTorch.Memory;

namespace VaeCourse.Tests.Engine.Memory;

public class BufferPoolTests
{
    private const int Length = 5000;

    public BufferPoolTests() => BufferPool.Clear();

    [Fact]
    public void A_returned_array_serves_the_next_rent_of_its_length_and_no_other()
    {
        float[] first = BufferPool.Rent(Length);
        Assert.Equal(Length, first.Length);
        BufferPool.Return(first);

        Assert.NotSame(first, BufferPool.Rent(Length + 1));
        Assert.Same(first, BufferPool.Rent(Length));
        Assert.NotSame(first, BufferPool.Rent(Length));   // taken: a second rent gets a new array

        var stats = BufferPool.Statistics;
        Assert.Equal(4, stats.Rents);
        Assert.Equal(1, stats.Reuses);
        Assert.Equal(1, stats.Returns);
        Assert.Equal(0, stats.PooledBytes);
    }

    [Fact]
    public void Rent_zeroed_clears_a_reused_array()
    {
        float[] dirty = BufferPool.Rent(Length);
        Array.Fill(dirty, 7f);
        BufferPool.Return(dirty);

        float[] clean = BufferPool.RentZeroed(Length);

        Assert.Same(dirty, clean);
        Assert.All(clean, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Short_arrays_are_not_pooled()
    {
        float[] small = BufferPool.Rent(BufferPool.MinLength - 1);
        BufferPool.Return(small);

        Assert.NotSame(small, BufferPool.Rent(BufferPool.MinLength - 1));
        Assert.Equal(0, BufferPool.Statistics.Returns);
    }

    [Fact]
    public void Huge_arrays_are_not_kept()
    {
        float[] huge = new float[BufferPool.MaxLength + 1];
        BufferPool.Return(huge);

        Assert.Equal(0, BufferPool.Statistics.PooledBytes);
        Assert.NotSame(huge, BufferPool.Rent(BufferPool.MaxLength + 1));
    }

    [Fact]
    public void Returning_an_array_twice_is_an_error_naming_the_bug()
    {
        float[] array = BufferPool.Rent(Length);
        BufferPool.Return(array);

        var error = Assert.Throws<InvalidOperationException>(() => BufferPool.Return(array));
        Assert.Contains("returned twice", error.Message);
    }

    [Fact]
    public void Each_length_keeps_a_bounded_number_of_arrays()
    {
        var arrays = Enumerable.Range(0, BufferPool.MaxPerLength + 5).Select(_ => new float[Length]).ToArray();
        foreach (float[] a in arrays) BufferPool.Return(a);

        var stats = BufferPool.Statistics;
        Assert.Equal(BufferPool.MaxPerLength, stats.Returns);
        Assert.Equal(5, stats.Drops);
        Assert.Equal((long)BufferPool.MaxPerLength * Length * sizeof(float), stats.PooledBytes);
    }

    [Fact]
    public void Clear_drops_every_array()
    {
        float[] array = BufferPool.Rent(Length);
        BufferPool.Return(array);
        BufferPool.Clear();

        Assert.NotSame(array, BufferPool.Rent(Length));
        Assert.Equal(0, BufferPool.Statistics.PooledBytes);
    }
}
