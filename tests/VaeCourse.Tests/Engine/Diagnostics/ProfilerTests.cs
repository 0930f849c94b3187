using MiniTorch;
using static MiniTorch.torch;

namespace VaeCourse.Tests.Engine.Diagnostics;

public class ProfilerTests
{
    private static OpFamilyTimes Profile(Action body)
    {
        Profiler.Start();
        try
        {
            body();
        }
        finally
        {
            _ = Profiler.Read();
        }
        return Profiler.Stop();
    }

    [Fact]
    public void Off_by_default_regions_do_nothing()
    {
        Assert.False(Profiler.Enabled);
        using (Profiler.Region(OpFamily.Loss)) Thread.Sleep(5);
        Assert.Equal(0, Profiler.Read().Total);
    }

    [Fact]
    public void Time_goes_to_the_family_of_the_region_it_was_spent_in()
    {
        var times = Profile(() =>
        {
            Thread.Sleep(30);                                               // outside every region: other
            using (Profiler.Region(OpFamily.Optimizer)) Thread.Sleep(30);
        });

        Assert.True(times[OpFamily.Other] >= 0.025, $"other {times[OpFamily.Other]:F3} s");
        Assert.True(times[OpFamily.Optimizer] >= 0.025, $"optimizer {times[OpFamily.Optimizer]:F3} s");
        Assert.Equal(0, times[OpFamily.Gemm]);
        Assert.Equal(times.Total, Enum.GetValues<OpFamily>().Sum(f => times[f]), 12);
    }

    [Fact]
    public void Nested_regions_stay_with_the_outer_family_except_gemm()
    {
        var times = Profile(() =>
        {
            using (Profiler.Region(OpFamily.Loss))
            {
                using (Profiler.Region(OpFamily.Elementwise)) Thread.Sleep(30);   // elementwise work inside a loss
                using (Profiler.Region(OpFamily.Gemm)) Thread.Sleep(30);          // a product inside it is still GEMM
                Thread.Sleep(30);
            }
        });

        // Lower bounds only: a loaded CI machine can stretch a sleep, never shorten it. Loss holds its own 30 ms and the
        // nested elementwise 30 ms; GEMM holds its 30 ms; elementwise nothing.
        Assert.True(times[OpFamily.Loss] >= 0.055, $"loss {times[OpFamily.Loss]:F3} s");
        Assert.True(times[OpFamily.Gemm] >= 0.025, $"gemm {times[OpFamily.Gemm]:F3} s");
        Assert.Equal(0, times[OpFamily.Elementwise]);
    }

    [Fact]
    public void Engine_ops_and_their_backward_are_charged_to_their_families()
    {
        var w = randn(new long[] { 300, 200 }, requires_grad: true);
        var x = rand(256, 200);
        var times = Profile(() =>
        {
            for (int i = 0; i < 20; i++)
            {
                Tensor y = nn.functional.linear(x, w).sigmoid();                               // gemm, elementwise
                nn.functional.binary_cross_entropy(y, rand(256, 300), reduction: nn.Reduction.Sum).backward();   // loss
                x.index_select(0, tensor(new long[] { 3, 1 }));                               // batching
            }
        });

        foreach (OpFamily family in new[] { OpFamily.Gemm, OpFamily.Elementwise, OpFamily.Loss, OpFamily.Batching })
            Assert.True(times[family] > 0, $"{family} got no time");
        Assert.Equal(0, times[OpFamily.Optimizer]);
    }

    [Fact]
    public void Only_the_thread_that_started_it_is_profiled()
    {
        Profiler.Start();
        bool enabledElsewhere = true;
        try
        {
            var other = new Thread(() => enabledElsewhere = Profiler.Enabled);
            other.Start();
            other.Join();
            Assert.True(Profiler.Enabled);
        }
        finally
        {
            Profiler.Stop();
        }
        Assert.False(enabledElsewhere);
        Assert.False(Profiler.Enabled);
    }

    [Theory]
    [InlineData("linear", "Gemm")]
    [InlineData("conv_transpose2d", "Gemm")]
    [InlineData("vae_loss", "Loss")]
    [InlineData("binary_cross_entropy", "Loss")]
    [InlineData("index_select", "Batching")]
    [InlineData("sigmoid", "Elementwise")]
    public void Graph_nodes_map_to_families_by_op_name(string op, string family) =>
        Assert.Equal(Enum.Parse<OpFamily>(family), Profiler.FamilyOf(op));
}
