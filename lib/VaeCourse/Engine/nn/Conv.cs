using MiniTorch.Modules;

namespace MiniTorch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>
        /// A 2-D convolution layer: weight (out_channels, in_channels, k, k), bias (out_channels), PyTorch's default
        /// initialisation. Only dilation 1 and groups 1 are supported.
        /// </summary>
        public static Conv2d Conv2d(long in_channels, long out_channels, long kernel_size, long stride = 1,
            long padding = 0, long dilation = 1, long groups = 1, bool bias = true) =>
            new(in_channels, out_channels, kernel_size, stride, padding, dilation, groups, bias);

        /// <summary>
        /// A 2-D transposed convolution layer: weight (in_channels, out_channels, k, k), bias (out_channels), PyTorch's
        /// default initialisation. Output size (H − 1)·stride − 2·padding + k + output_padding.
        /// Only dilation 1 and groups 1 are supported.
        /// </summary>
        public static ConvTranspose2d ConvTranspose2d(long in_channels, long out_channels, long kernel_size,
            long stride = 1, long padding = 0, long output_padding = 0, long dilation = 1, long groups = 1,
            bool bias = true) =>
            new(in_channels, out_channels, kernel_size, stride, padding, output_padding, dilation, groups, bias);
    }
}
