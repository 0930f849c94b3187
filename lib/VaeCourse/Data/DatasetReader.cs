namespace VaeCourse.Data;

/// <summary>Reads one split from a folder and checks it: structure, matching counts, checksums, label range.</summary>
internal static class DatasetReader
{
    public static DatasetSplit Read(DatasetInfo info, Split split, string folder, int? limit)
    {
        var (imagesFile, labelsFile) = info.Files(split);
        string imagesPath = DataSources.FindFile(folder, imagesFile)
            ?? throw new FileNotFoundException($"{Path.Combine(folder, imagesFile.GzipName)}: no such file (raw or .gz)");
        string labelsPath = DataSources.FindFile(folder, labelsFile)
            ?? throw new FileNotFoundException($"{Path.Combine(folder, labelsFile.GzipName)}: no such file (raw or .gz)");

        var labels = IdxFile.Read(labelsPath, IdxKind.Labels);
        var images = IdxFile.Read(imagesPath, IdxKind.Images);
        if (images.Count != labels.Count)
            throw new InvalidDataException(
                $"{imagesPath} has {images.Count} images but {labelsPath} has {labels.Count} labels; the two files of a split must match");
        VerifyChecksum(labels, labelsFile, CompressedFile.Sha256(labels.Bytes));

        int count = limit ?? images.Count;
        if (count > images.Count)
            throw new ArgumentOutOfRangeException(nameof(limit), limit,
                $"limit: {limit} examples asked for, but {info.DisplayName} {split.ToString().ToLowerInvariant()} has {images.Count}");

        var labelBytes = labels.Body[..count].ToArray();
        var pixels = GC.AllocateUninitializedArray<float>(count * images.ItemLength);
        // Hashing (~50 ms for the 47 MB training images) and the conversion to floats both only read the bytes:
        // run them side by side on two cores.
        string imagesHash = "";
        Parallel.Invoke(
            () => imagesHash = CompressedFile.Sha256(images.Bytes),
            () => PixelConversion.ToUnitInterval(images.Body[..pixels.Length], pixels));
        VerifyChecksum(images, imagesFile, imagesHash);

        for (int i = 0; i < labelBytes.Length; i++)
            if (labelBytes[i] >= info.ClassNames.Count)
                throw new InvalidDataException($"{labelsPath}: label {labelBytes[i]} at index {i} is outside 0..{info.ClassNames.Count - 1}");
        return new DatasetSplit(info, split, pixels, labelBytes, images.Dimensions[1], images.Dimensions[2], folder);
    }

    private static void VerifyChecksum(IdxContent content, DatasetFile expected, string actual)
    {
        if (actual != expected.Sha256)
            throw new InvalidDataException(
                $"{content.Path}: SHA-256 of the decompressed bytes is {actual}, expected {expected.Sha256} " +
                $"(a damaged or different file: delete it to download it again)");
    }
}
