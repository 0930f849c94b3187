namespace Vae.Cli.Tests;

public class ProgramTests
{
    [Fact]
    public void Assembly_is_named_vae() => Assert.Equal("vae", typeof(Program).Assembly.GetName().Name);
}
