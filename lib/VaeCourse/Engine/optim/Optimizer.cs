using MiniTorch.Modules;

namespace MiniTorch;

public static partial class torch
{
    /// <summary>TorchSharp's <c>torch.optim</c>.</summary>
    public static partial class optim
    {
        /// <summary>Base of the optimizers: the parameter list, zero_grad and step.</summary>
        public abstract class Optimizer
        {
            private protected readonly Parameter[] Parameters;

            private protected Optimizer(IEnumerable<Parameter> parameters, string name)
            {
                ArgumentNullException.ThrowIfNull(parameters);
                Parameters = parameters.ToArray();
                if (Parameters.Length == 0) throw new ArgumentException($"{name}: optimizer got an empty parameter list");
            }

            /// <summary>Clears every parameter's gradient (to null by default, as PyTorch 2).</summary>
            public void zero_grad(bool set_to_none = true)
            {
                using var region = Profiler.Region(OpFamily.Optimizer);
                foreach (var p in Parameters)
                    if (set_to_none) p.grad = null;
                    else p.grad?.zero_();
            }

            /// <summary>
            /// zero_grad(set_to_none: true) for a training loop that knows nobody else holds the gradients: the arrays
            /// autograd allocated for them go back to the engine's pool, so the next backward() writes its first
            /// contribution straight into them (no allocation, no zeroing pass). A gradient the caller assigned to
            /// <c>.grad</c> is only dropped.
            /// </summary>
            internal void ReleaseGradients()
            {
                using var region = Profiler.Region(OpFamily.Optimizer);
                foreach (var p in Parameters) p.ReleaseGradient();
            }

            /// <summary>One update from the current gradients; parameters without a gradient are skipped. Returns null.</summary>
            /// <remarks>
            /// The update is elementwise, so after each parameter's per-step state is prepared in order, the elements are
            /// updated in parallel (Parallelism.For): the result does not depend on the thread count. The elements are
            /// laid out as every parameter's first share, then every parameter's second share, …, one share per thread:
            /// thread t then updates the t-th rows of each weight, the rows a GEMM hands to thread t, so a weight's rows
            /// stay in the cache of the core that uses them.
            /// </remarks>
            public Tensor? step()
            {
                using (no_grad())
                using (Profiler.Region(OpFamily.Optimizer))
                {
                    StepCount++;
                    var withGradient = new List<int>(Parameters.Length);
                    int total = 0;
                    for (int i = 0; i < Parameters.Length; i++)
                    {
                        if (Parameters[i].grad is null) continue;
                        Prepare(i);
                        withGradient.Add(i);
                        total += Parameters[i].Count;
                    }
                    int shares = Math.Clamp(total / MinElementsPerThread, 1, Kernels.Parallelism.Threads);
                    var segments = new List<Segment>(withGradient.Count * shares);
                    int flat = 0;
                    for (int share = 0; share < shares; share++)
                        foreach (int i in withGradient)
                        {
                            int count = Parameters[i].Count;
                            int from = (int)((long)count * share / shares), to = (int)((long)count * (share + 1) / shares);
                            segments.Add(new Segment(i, from, to - from, flat));
                            flat += to - from;
                        }
                    Kernels.Parallelism.For(total, MinElementsPerThread, (start, end) => UpdateRange(segments, start, end));
                }
                return null;
            }

            /// <summary>Number of step() calls so far. (Adam counts its t per parameter, from its first gradient, as PyTorch.)</summary>
            public long StepCount { get; private set; }

            // Below this many elements per thread, waking a second thread costs more than the update itself.
            private const int MinElementsPerThread = 1 << 15;

            // Elements [Offset, Offset + Length) of parameter Index, at position FlatStart of the parallel loop.
            private readonly record struct Segment(int Index, int Offset, int Length, int FlatStart);

            // The loop's elements [start, end), segment by segment.
            private void UpdateRange(List<Segment> segments, int start, int end)
            {
                foreach (var (index, offset, length, flatStart) in segments)
                {
                    int from = Math.Max(start, flatStart), to = Math.Min(end, flatStart + length);
                    if (from >= to) continue;
                    Parameter p = Parameters[index];
                    int at = offset + from - flatStart;
                    Update(index, at, p.Span.Slice(at, to - from), p.Grad!.Span.Slice(at, to - from));
                }
            }

            /// <summary>Per-parameter state for this step (step counts, bias corrections, buffers), once per step, in order.</summary>
            private protected virtual void Prepare(int index)
            {
            }

            /// <summary>Updates elements [offset, offset + parameter.Length) of parameter <paramref name="index"/>; may run on any thread.</summary>
            private protected abstract void Update(int index, int offset, Span<float> parameter, ReadOnlySpan<float> gradient);
        }

        public static Adam Adam(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
            double eps = 1e-8, double weight_decay = 0, bool amsgrad = false, bool maximize = false) =>
            new(parameters, lr, beta1, beta2, eps, weight_decay, amsgrad, maximize);

        public static SGD SGD(IEnumerable<Parameter> parameters, double learningRate, double momentum = 0, double dampening = 0,
            double weight_decay = 0, bool nesterov = false, bool maximize = false) =>
            new(parameters, learningRate, momentum, dampening, weight_decay, nesterov, maximize);
    }
}
