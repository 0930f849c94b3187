using VaeCourse.Checkpoints;

namespace VaeCourse.Tests.Checkpoints;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("atomic").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_failed_write_leaves_the_old_file_and_no_temporary_file()
    {
        string path = Path.Combine(_folder, "model.safetensors");
        File.WriteAllText(path, "the previous checkpoint");

        Assert.Throws<IOException>(() => AtomicFile.Write(path, "test", stream =>
        {
            stream.Write(new byte[1000]);
            throw new IOException("disk full (simulated)");
        }));

        Assert.Equal("the previous checkpoint", File.ReadAllText(path));
        Assert.Equal(["model.safetensors"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public void A_successful_write_replaces_the_file()
    {
        string path = Path.Combine(_folder, "a.bin");
        File.WriteAllText(path, "old");
        AtomicFile.WriteAllBytes(path, "test", [1, 2, 3]);
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(_folder));
    }
}
