namespace NotebookRunner.Tests;

public class RunnerInfoTests
{
    [Fact]
    public void Kernel_name_is_csharp() => Assert.Equal("csharp", RunnerInfo.KernelName);
}
