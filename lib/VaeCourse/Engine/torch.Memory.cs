namespace MiniTorch;

public static partial class torch
{
    /// <summary>
    /// Opens a <see cref="DisposeScope"/> on this thread: tensors created until it is disposed are disposed with it
    /// (TorchSharp's <c>torch.NewDisposeScope()</c>). Use it around a training step to recycle its memory.
    /// </summary>
    public static DisposeScope NewDisposeScope() => new();
}
