using MiniTorch;
using VaeCourse.Checkpoints;
using static MiniTorch.torch;

namespace Vae.Cli.Commands;

/// <summary>Writes a trained model with its <see cref="CheckpointInfo"/>, and rebuilds a model from such a file.</summary>
internal static class ModelCheckpoint
{
    /// <summary>Writes the parameters and the metadata to <paramref name="path"/> atomically.</summary>
    public static void Save(string path, nn.Module model, CheckpointInfo info) =>
        SafeTensors.Save(path, model.state_dict(), info.ToMetadata());

    /// <summary>
    /// Reads the file, builds the model its metadata describes and copies the tensors in, after checking that every
    /// tensor is present with the right shape and no other is there.
    /// </summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">Not a safetensors file, metadata missing or wrong, tensors missing or mis-shaped.</exception>
    public static (nn.Module Model, CheckpointInfo Info) Load(string path)
    {
        SafeTensorsFile file = SafeTensors.Read(path);
        CheckpointInfo info = CheckpointInfo.FromMetadata(file.Metadata, path);
        nn.Module model;
        try
        {
            model = info.Kind.Create(info.InputDim, info.HiddenDim, info.LatentDim);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{path}: the metadata describes a model that cannot be built: {e.Message}");
        }
        SafeTensors.CopyInto(file.Tensors, model.state_dict(), path);
        model.eval();
        return (model, info);
    }
}
