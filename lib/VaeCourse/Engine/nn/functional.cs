namespace MiniTorch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>TorchSharp's <c>torch.nn.functional</c>: activations, linear and the losses.</summary>
        public static partial class functional
        {
            public static Tensor relu(Tensor x, bool inplace = false) => x.relu();
            public static Tensor sigmoid(Tensor x) => x.sigmoid();
            public static Tensor tanh(Tensor x) => x.tanh();
            public static Tensor softplus(Tensor x, double beta = 1, double threshold = 20) => x.softplus(beta, threshold);

            /// <summary>y = input·weightsᵀ + bias: (B,in), (out,in), (out) -> (B,out).</summary>
            public static Tensor linear(Tensor input, Tensor weights, Tensor? bias = null) => Tensor.Linear(input, weights, bias);

            /// <summary>
            /// Mean squared error ‖input − target‖², reduced by <paramref name="reduction"/>. Composed from sub, pow and
            /// sum/mean, so its gradient is the composition's: 2(input − target)/n for the mean.
            /// </summary>
            public static Tensor mse_loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean)
            {
                if (!input.Shape.SequenceEqual(target.Shape))
                    Check.Fail("mse_loss", $"input {Check.Shape(input.Shape)} and target {Check.Shape(target.Shape)}: shapes differ");
                Tensor squared = (input - target).pow(2);
                return Reduce(squared, reduction);
            }

            internal static Tensor Reduce(Tensor values, Reduction reduction) => reduction switch
            {
                Reduction.None => values,
                Reduction.Sum => values.sum(),
                Reduction.Mean => values.mean(),
                _ => throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "loss: unknown reduction"),
            };
        }
    }
}
