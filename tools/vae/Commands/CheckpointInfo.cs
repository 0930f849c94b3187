using System.Globalization;

namespace Vae.Cli.Commands;

/// <summary>
/// What a checkpoint says about its model, stored as the safetensors <c>__metadata__</c> (all values strings, as the
/// format requires), so <c>sample</c> and <c>eval</c> can rebuild the model without being told its shape.
/// </summary>
/// <param name="Kind">Which model.</param>
/// <param name="InputDim">Pixels per image (784).</param>
/// <param name="HiddenDim">Hidden width (400 for the VAE, 128 for the autoencoder, 0 for the convolutional VAE).</param>
/// <param name="LatentDim">Size of z (or of the autoencoder's code).</param>
/// <param name="Dataset">The data set it was trained on ("mnist", "fashion-mnist").</param>
/// <param name="Seed">The training seed.</param>
/// <param name="Beta">The KL weight it was trained with.</param>
internal sealed record CheckpointInfo(ModelKind Kind, long InputDim, long HiddenDim, long LatentDim, string Dataset, long Seed, double Beta)
{
    /// <summary>Identifies the layout of the metadata; a reader refuses other values.</summary>
    public const string FormatKey = "format";
    public const string FormatValue = "vae-course-checkpoint/1";

    public IEnumerable<KeyValuePair<string, string>> ToMetadata() =>
    [
        new(FormatKey, FormatValue),
        new("model", Kind.Name()),
        new("input_dim", InputDim.ToString(CultureInfo.InvariantCulture)),
        new("hidden_dim", HiddenDim.ToString(CultureInfo.InvariantCulture)),
        new("latent_dim", LatentDim.ToString(CultureInfo.InvariantCulture)),
        new("dataset", Dataset),
        new("seed", Seed.ToString(CultureInfo.InvariantCulture)),
        new("beta", Beta.ToString("R", CultureInfo.InvariantCulture)),
    ];

    /// <summary>Reads the metadata back; every problem is reported at once, naming the file.</summary>
    /// <exception cref="InvalidDataException">Keys are missing or hold values that do not parse.</exception>
    public static CheckpointInfo FromMetadata(IReadOnlyDictionary<string, string> metadata, string path)
    {
        var problems = new List<string>();
        string? Get(string key)
        {
            if (metadata.TryGetValue(key, out string? value)) return value;
            problems.Add($"'{key}' is missing");
            return null;
        }
        long Positive(string key, bool allowZero = false)
        {
            string? text = Get(key);
            if (text is null) return 0;
            if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value) && (value > 0 || (allowZero && value == 0)))
                return value;
            problems.Add($"'{key}' = '{text}' is not a {(allowZero ? "non-negative" : "positive")} integer");
            return 0;
        }

        if (metadata.Count == 0)
            throw new InvalidDataException(
                $"{path}: the checkpoint has no metadata, so the model cannot be rebuilt (checkpoints written by `vae train` record the model kind and sizes)");
        string? format = Get(FormatKey);
        if (format is not null && format != FormatValue)
            problems.Add($"'{FormatKey}' = '{format}', expected '{FormatValue}'");
        string? model = Get("model");
        ModelKind kind = default;
        if (model is not null && !ModelKinds.TryParse(model, out kind))
            problems.Add($"'model' = '{model}' is none of {string.Join(", ", ModelKinds.Names)}");
        long input = Positive("input_dim"), hidden = Positive("hidden_dim", allowZero: true), latent = Positive("latent_dim");
        string dataset = Get("dataset") ?? "";
        long seed = 0;
        if (Get("seed") is { } seedText && !long.TryParse(seedText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seed))
            problems.Add($"'seed' = '{seedText}' is not an integer");
        double beta = 0;
        if (Get("beta") is { } betaText &&
            !(double.TryParse(betaText, NumberStyles.Float, CultureInfo.InvariantCulture, out beta) && beta >= 0 && double.IsFinite(beta)))
            problems.Add($"'beta' = '{betaText}' is not a finite non-negative number");

        if (problems.Count > 0)
            throw new InvalidDataException($"{path}: bad checkpoint metadata: {string.Join("; ", problems)}");
        return new CheckpointInfo(kind, input, hidden, latent, dataset, seed, beta);
    }

    /// <summary>"vae 784-400-20" (the convolutional VAE: "conv-vae with latent 20").</summary>
    public string ModelSummary =>
        HiddenDim > 0 ? $"{Kind.Name()} {InputDim}-{HiddenDim}-{LatentDim}" : $"{Kind.Name()} with latent {LatentDim}";

    /// <summary>"seed 1, beta 1" (no beta for the autoencoder, which ignores it).</summary>
    public string Hyperparameters =>
        $"seed {Seed}{(Kind.IsVariational() ? $", beta {Beta.ToString(CultureInfo.InvariantCulture)}" : "")}";

    /// <summary>"vae 784-400-20, trained on mnist (seed 1, beta 1)".</summary>
    public string Describe() => $"{ModelSummary}, trained on {Dataset} ({Hyperparameters})";
}
