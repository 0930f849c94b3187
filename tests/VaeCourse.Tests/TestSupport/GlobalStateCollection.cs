namespace VaeCourse.Tests.TestSupport;

/// <summary>
/// Tests that reseed the engine's default generator or change its thread count. They run alone, after the parallel
/// tests, so no other test draws from the default generator in between a reseed and the draws it expects.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalStateCollection
{
    public const string Name = "Engine global state";
}
