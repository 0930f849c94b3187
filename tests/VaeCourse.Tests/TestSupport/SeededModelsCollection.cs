namespace VaeCourse.Tests.TestSupport;

/// <summary>
/// The model and training tests seed and draw from the engine's one default generator (and the trainer sets the
/// global thread count), so they must not run while another test class draws from it: xunit runs this collection
/// on its own, never in parallel with other test classes.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SeededModelsCollection
{
    public const string Name = "Models and training (seeded default generator)";
}
