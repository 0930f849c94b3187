namespace MiniTorch.Kernels;

internal static class SgemmTuning
{
    public static int Mc = 128;
    public static int Nc = 512;
}
