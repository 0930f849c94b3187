// The engine's default random generator and thread count are process-wide, as in PyTorch: seeded tests in
// different classes would interleave their draws if run in parallel. The suite is small, so it runs serially.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
