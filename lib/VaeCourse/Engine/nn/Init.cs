namespace MiniTorch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>Parameter initialisers (in place, no graph), as torch.nn.init.</summary>
        public static class init
        {
            /// <summary>Fills with U(low, high) from the default generator.</summary>
            public static Tensor uniform_(Tensor tensor, double low = 0, double high = 1, Generator? generator = null)
            {
                Check.Float(tensor, "uniform_");
                Span<float> s = tensor.Span;
                (generator ?? random.DefaultGenerator).FillUniform(s);
                float lo = (float)low, width = (float)(high - low);
                for (int i = 0; i < s.Length; i++) s[i] = lo + width * s[i];
                return tensor;
            }

            /// <summary>
            /// He/Kaiming uniform: U(−b, b) with b = gain·√(3/fan_in), gain = √(2/(1+a²)) for leaky ReLU slope a.
            /// With a = √5 (Linear's and Conv2d's default) this is U(±1/√fan_in).
            /// </summary>
            public static Tensor kaiming_uniform_(Tensor tensor, double a = 0, Generator? generator = null)
            {
                long fanIn = CalculateFanIn(tensor, "kaiming_uniform_");
                double gain = Math.Sqrt(2.0 / (1 + a * a));
                double bound = gain * Math.Sqrt(3.0 / fanIn);
                return uniform_(tensor, -bound, bound, generator);
            }

            /// <summary>fan_in of a weight: dim 1 times the receptive field (the product of dims 2…).</summary>
            internal static long CalculateFanIn(Tensor tensor, string op)
            {
                ReadOnlySpan<long> s = tensor.Shape;
                if (s.Length < 2) Check.Fail(op, $"fan in cannot be computed for a tensor with fewer than 2 dimensions {Check.Shape(s)}");
                long receptive = 1;
                for (int i = 2; i < s.Length; i++) receptive *= s[i];
                return s[1] * receptive;
            }
        }
    }
}
