using MiniTorch.Kernels;

namespace VaeCourse.Tests.Engine.Kernels;

/// <summary>Tests that set <see cref="Sgemm.ForcedPath"/> or <see cref="Parallelism.Threads"/> run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class SgemmCollection
{
    public const string Name = "Sgemm global settings";
}
