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
                foreach (var p in Parameters)
                    if (set_to_none) p.grad = null;
                    else p.grad?.zero_();
            }

            /// <summary>One update from the current gradients; parameters without a gradient are skipped. Returns null.</summary>
            public Tensor? step()
            {
                using (no_grad())
                {
                    StepCount++;
                    for (int i = 0; i < Parameters.Length; i++)
                        if (Parameters[i].grad is Tensor g) Update(i, Parameters[i].Span, g.Span);
                }
                return null;
            }

            /// <summary>Number of step() calls so far. (Adam counts its t per parameter, from its first gradient, as PyTorch.)</summary>
            public long StepCount { get; private set; }

            private protected abstract void Update(int index, Span<float> parameter, ReadOnlySpan<float> gradient);
        }

        public static Adam Adam(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
            double eps = 1e-8, double weight_decay = 0, bool amsgrad = false, bool maximize = false) =>
            new(parameters, lr, beta1, beta2, eps, weight_decay, amsgrad, maximize);

        public static SGD SGD(IEnumerable<Parameter> parameters, double learningRate, double momentum = 0, double dampening = 0,
            double weight_decay = 0, bool nesterov = false, bool maximize = false) =>
            new(parameters, learningRate, momentum, dampening, weight_decay, nesterov, maximize);
    }
}
