namespace MiniTorch;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            /// <summary>
            /// 2-D convolution (cross-correlation, as PyTorch): input (N, C, H, W) or (C, H, W), weight (OC, C, kH, kW),
            /// optional bias (OC) -> (N, OC, OH, OW), OH = ⌊(H + 2·padding − kH) / stride⌋ + 1.
            /// <paramref name="strides"/> and <paramref name="padding"/> take one value (both dimensions) or two (height,
            /// width); defaults 1 and 0. Only dilation 1 and groups 1 are supported (others throw NotSupportedException).
            /// </summary>
            public static Tensor conv2d(Tensor input, Tensor weight, Tensor? bias = null, long[]? strides = null,
                long[]? padding = null, long[]? dilation = null, long groups = 1) =>
                Tensor.Conv2d(input, weight, bias, strides, padding, dilation, groups);

            /// <summary>
            /// 2-D transposed convolution (the gradient of conv2d with respect to its input): input (N, C_in, H, W) or
            /// (C_in, H, W), weight (C_in, C_out, kH, kW) as in PyTorch, optional bias (C_out) -> (N, C_out, OH, OW),
            /// OH = (H − 1)·stride − 2·padding + kH + output_padding. output_padding must be smaller than the stride;
            /// it picks among the input sizes that a stride-s conv2d maps to the same output size.
            /// Only dilation 1 and groups 1 are supported (others throw NotSupportedException).
            /// </summary>
            public static Tensor conv_transpose2d(Tensor input, Tensor weight, Tensor? bias = null, long[]? strides = null,
                long[]? padding = null, long[]? output_padding = null, long[]? dilation = null, long groups = 1) =>
                Tensor.ConvTranspose2d(input, weight, bias, strides, padding, output_padding, dilation, groups);
        }
    }
}
