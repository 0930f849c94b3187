namespace MiniTorch;

/// <summary>
/// The <c>torch</c> namespace of TorchSharp, as a static class: <c>using static MiniTorch.torch;</c> brings
/// <c>tensor</c>, <c>zeros</c>, <c>randn</c>, … into scope exactly as <c>using static TorchSharp.torch;</c> does.
/// </summary>
public static partial class torch
{
    // ---- from data ----

    /// <summary>A tensor holding a copy of <paramref name="values"/> in the given shape (row-major).</summary>
    public static Tensor tensor(float[] values, long[] dimensions, bool requires_grad = false)
    {
        ArgumentNullException.ThrowIfNull(values);
        int n = Check.Numel(dimensions, "tensor");
        if (n != values.Length)
            Check.Fail("tensor", $"{values.Length} values cannot fill shape {Check.Shape(dimensions)} ({n} elements)");
        return new Tensor((float[])values.Clone(), (long[])dimensions.Clone()) { requires_grad = requires_grad };
    }

    /// <summary>A 1-D tensor holding a copy of <paramref name="values"/>.</summary>
    public static Tensor tensor(float[] values, bool requires_grad = false) =>
        tensor(values, new long[] { values.Length }, requires_grad);

    /// <summary>A 0-D (scalar) tensor.</summary>
    public static Tensor tensor(float value, bool requires_grad = false) =>
        new Tensor(new[] { value }, Array.Empty<long>()) { requires_grad = requires_grad };

    /// <summary>A 1-D Int64 tensor (indices, labels).</summary>
    public static Tensor tensor(long[] values) => new((long[])values.Clone(), new long[] { values.Length });

    /// <summary>An Int64 tensor in the given shape.</summary>
    public static Tensor tensor(long[] values, long[] dimensions)
    {
        int n = Check.Numel(dimensions, "tensor");
        if (n != values.Length)
            Check.Fail("tensor", $"{values.Length} values cannot fill shape {Check.Shape(dimensions)} ({n} elements)");
        return new Tensor((long[])values.Clone(), (long[])dimensions.Clone());
    }

    // ---- filled ----

    public static Tensor zeros(long[] size, bool requires_grad = false) => full(size, 0f, requires_grad);
    public static Tensor zeros(params long[] size) => full(size, 0f);
    public static Tensor ones(long[] size, bool requires_grad = false) => full(size, 1f, requires_grad);
    public static Tensor ones(params long[] size) => full(size, 1f);

    /// <summary>A tensor of the given shape with every element equal to <paramref name="value"/>.</summary>
    public static Tensor full(long[] size, Scalar value, bool requires_grad = false)
    {
        var data = new float[Check.Numel(size, "full")];
        if (value.ToSingle() != 0f) Array.Fill(data, value.ToSingle());
        return new Tensor(data, (long[])size.Clone()) { requires_grad = requires_grad };
    }

    public static Tensor zeros_like(Tensor input, bool requires_grad = false) => zeros(input.shape, requires_grad);
    public static Tensor ones_like(Tensor input, bool requires_grad = false) => ones(input.shape, requires_grad);
    public static Tensor full_like(Tensor input, Scalar value, bool requires_grad = false) => full(input.shape, value, requires_grad);

    // ---- random (see Generator for the algorithm) ----

    /// <summary>Uniform draws in [0,1).</summary>
    public static Tensor rand(long[] size, Generator? generator = null, bool requires_grad = false)
    {
        var t = new Tensor(new float[Check.Numel(size, "rand")], (long[])size.Clone());
        (generator ?? random.DefaultGenerator).FillUniform(t.Span);
        t.requires_grad = requires_grad;
        return t;
    }

    public static Tensor rand(params long[] size) => rand(size, null);

    /// <summary>Standard normal draws N(0, 1).</summary>
    public static Tensor randn(long[] size, Generator? generator = null, bool requires_grad = false)
    {
        var t = new Tensor(new float[Check.Numel(size, "randn")], (long[])size.Clone());
        (generator ?? random.DefaultGenerator).FillNormal(t.Span);
        t.requires_grad = requires_grad;
        return t;
    }

    public static Tensor randn(params long[] size) => randn(size, null);

    public static Tensor rand_like(Tensor input, Generator? generator = null, bool requires_grad = false) =>
        rand(input.shape, generator, requires_grad);

    public static Tensor randn_like(Tensor input, Generator? generator = null, bool requires_grad = false) =>
        randn(input.shape, generator, requires_grad);

    /// <summary>A random permutation of 0..n-1 as an Int64 tensor.</summary>
    public static Tensor randperm(long n, Generator? generator = null)
    {
        if (n < 0) Check.Fail("randperm", $"n must be non-negative, got {n}");
        return new Tensor((generator ?? random.DefaultGenerator).Permutation(n), new[] { n });
    }

    // ---- ranges ----

    /// <summary>Values start, start+step, … below end (Float32), as torch.arange.</summary>
    public static Tensor arange(Scalar start, Scalar end, Scalar step, bool requires_grad = false)
    {
        double s = start.ToDouble(), e = end.ToDouble(), d = step.ToDouble();
        if (d == 0 || double.IsNaN(d)) Check.Fail("arange", "step must be non-zero");
        if ((e - s) / d < 0) Check.Fail("arange", $"upper bound {e} and lower bound {s} are inconsistent with step sign {d}");
        long n = (long)Math.Ceiling((e - s) / d);
        var data = new float[n];
        for (long i = 0; i < n; i++) data[i] = (float)(s + i * d);
        return new Tensor(data, new[] { n }) { requires_grad = requires_grad };
    }

    public static Tensor arange(Scalar start, Scalar end) => arange(start, end, (Scalar)1);
    public static Tensor arange(Scalar end) => arange((Scalar)0, end, (Scalar)1);

    /// <summary>
    /// Whole-number arguments give an Int64 tensor, as in PyTorch and TorchSharp: <c>arange(4)</c> is the index
    /// tensor [0, 1, 2, 3] that <c>index_select</c> takes. Pass floats (<c>arange(0f, 4f)</c>) for Float32 values.
    /// </summary>
    public static Tensor arange(long start, long end, long step = 1)
    {
        if (step == 0) Check.Fail("arange", "step must be non-zero");
        if ((end - start) / (double)step < 0) Check.Fail("arange", $"upper bound {end} and lower bound {start} are inconsistent with step sign {step}");
        long n = (long)Math.Ceiling((end - start) / (double)step);
        var values = new long[n];
        for (long i = 0; i < n; i++) values[i] = start + i * step;
        return new Tensor(values, new[] { n });
    }

    public static Tensor arange(long end) => arange(0, end, 1);

    /// <summary><paramref name="steps"/> evenly spaced values from start to end inclusive, as torch.linspace.</summary>
    public static Tensor linspace(double start, double end, long steps, bool requires_grad = false)
    {
        if (steps < 0) Check.Fail("linspace", $"number of steps must be non-negative, got {steps}");
        var data = new float[steps];
        double step = steps > 1 ? (end - start) / (steps - 1) : 0;
        // Symmetric fill (as PyTorch): the second half counts back from end, so the last value is exactly end.
        long half = steps / 2;
        for (long i = 0; i < steps; i++)
            data[i] = (float)(i < half ? start + step * i : end - step * (steps - 1 - i));
        return new Tensor(data, new[] { steps }) { requires_grad = requires_grad };
    }

    // ---- seeding, grad mode, threads ----

    /// <summary>Restarts the default generator from <paramref name="seed"/> and returns it.</summary>
    public static Generator manual_seed(long seed) => random.manual_seed(seed);

    /// <summary>TorchSharp's <c>torch.random</c>.</summary>
    public static class random
    {
        internal static readonly Generator DefaultGenerator = new();

        public static Generator manual_seed(long seed) => DefaultGenerator.manual_seed(seed);
        public static long initial_seed() => DefaultGenerator.initial_seed();
    }

    /// <summary>A scope in which ops record no graph: <c>using (torch.no_grad()) { … }</c>.</summary>
    public static IDisposable no_grad() => GradMode.Disable();

    /// <summary>A scope in which ops record a graph again, even inside <see cref="no_grad"/>.</summary>
    public static IDisposable enable_grad() => GradMode.Enable();

    /// <summary>True when ops record a graph on this thread.</summary>
    public static bool is_grad_enabled() => GradMode.Enabled;

    /// <summary>Threads used by the parallel kernels (GEMM, convolution). Results are identical for a given count.</summary>
    public static void set_num_threads(int threads)
    {
        if (threads < 1) Check.Fail("set_num_threads", $"expected at least 1 thread, got {threads}");
        Kernels.Parallelism.Threads = threads;
    }

    public static int get_num_threads() => Kernels.Parallelism.Threads;
}
