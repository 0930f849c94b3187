using VaeCourse.Data;
using VaeCourse.Tests.TestSupport;

namespace VaeCourse.Tests.Data;

public class DataSourcesTests
{
    // Four places, each holding a copy whose first label tells them apart (0, 1, 2, 3).
    private sealed class FourPlaces : IDisposable
    {
        private readonly TempFolder _temp = new();

        public FourPlaces()
        {
            Explicit = Path.Combine(_temp.Path, "explicit");
            Environment = Path.Combine(_temp.Path, "env");
            Repository = Path.Combine(_temp.Path, "repo");
            Debian = Path.Combine(_temp.Path, "debian");
            for (int k = 0; k < 4; k++)
            {
                var copy = new FakeDataset(labelOffset: k, basedOn: DatasetCatalog.FashionMnist);
                copy.WriteTo(new[] { Explicit, Path.Combine(Environment, "fashion-mnist"), Path.Combine(Repository, "data", "fashion-mnist"), Debian }[k]);
                Infos[k] = copy.Info;
            }
        }

        public string Explicit { get; }
        public string Environment { get; }
        public string Repository { get; }
        public string Debian { get; }
        public DatasetInfo[] Infos { get; } = new DatasetInfo[4];

        public DataSources Sources => new() { Folder = Explicit, EnvironmentFolder = Environment, RepositoryRoot = Repository, DebianFolder = Debian };

        public void Dispose() => _temp.Dispose();
    }

    [Fact]
    public void Places_are_searched_in_the_documented_order()
    {
        using var places = new FourPlaces();
        var sources = places.Sources;
        string[] expected =
        {
            places.Explicit,
            Path.Combine(places.Environment, "fashion-mnist"),
            Path.Combine(places.Repository, "data", "fashion-mnist"),
            places.Debian,
        };

        for (int k = 0; k < 4; k++)
        {
            var split = Mnist.LoadFrom(places.Infos[k], Split.Train, sources, null, null);
            Assert.Equal(expected[k], split.SourceFolder);
            Assert.Equal(k, split.LabelBytes[0]);
            Directory.Delete(expected[k], recursive: true); // the next place takes over
        }
    }

    [Fact]
    public void Places_lists_every_place_and_says_why_one_does_not_apply()
    {
        string repository = Path.Combine(Path.GetTempPath(), "repo"), debian = Path.Combine(Path.GetTempPath(), "debian");
        var places = new DataSources { RepositoryRoot = repository, DebianFolder = debian }.Places(MnistDataset.FashionMnist);

        Assert.Equal(
            new[]
            {
                "folder argument: not given",
                "VAE_DATA: not set",
                $"{Path.Combine(repository, "data", "fashion-mnist")} (the repository's data/ folder)",
                $"{debian} (Debian package dataset-fashion-mnist)",
            },
            places.Select(p => p.ToString()));
    }

    [Fact]
    public void Debian_is_searched_for_Fashion_MNIST_only()
    {
        var sources = new DataSources { DebianFolder = DataSources.DebianFashionMnistFolder };
        Assert.DoesNotContain(sources.Places(MnistDataset.Mnist), p => p.Folder == DataSources.DebianFashionMnistFolder);
        Assert.Contains(sources.Places(MnistDataset.FashionMnist), p => p.Folder == DataSources.DebianFashionMnistFolder);
    }

    [Fact]
    public void An_explicit_folder_may_hold_the_data_set_folder()
    {
        using var temp = new TempFolder();
        var fake = new FakeDataset();
        fake.WriteTo(Path.Combine(temp.Path, "mnist"));

        var train = Mnist.LoadFrom(fake.Info, Split.Train, FakeDataset.Isolated(temp.Path), null, null);

        Assert.Equal(Path.Combine(temp.Path, "mnist"), train.SourceFolder);
    }

    [Fact]
    public void A_relative_VAE_DATA_is_also_tried_from_the_repository_root()
    {
        using var temp = new TempFolder();
        var fake = new FakeDataset();
        fake.WriteTo(Path.Combine(temp.Path, "shared", "data", "mnist"));
        string repository = Path.Combine(temp.Path, "repo");
        Directory.CreateDirectory(repository);
        var sources = new DataSources { EnvironmentFolder = "../shared/data", RepositoryRoot = repository };

        var train = Mnist.LoadFrom(fake.Info, Split.Train, sources, null, null);

        Assert.Equal(Path.Combine(temp.Path, "shared", "data", "mnist"), train.SourceFolder);
    }

    [Fact]
    public void Downloads_go_to_the_explicit_folder_else_the_repository_else_VAE_DATA()
    {
        string x = Path.Combine(Path.GetTempPath(), "x"), r = Path.Combine(Path.GetTempPath(), "r"), e = Path.Combine(Path.GetTempPath(), "e");

        Assert.Equal(x, new DataSources { Folder = x, RepositoryRoot = r, EnvironmentFolder = e }.DownloadFolder(MnistDataset.Mnist));
        Assert.Equal(Path.Combine(r, "data", "mnist"), new DataSources { RepositoryRoot = r, EnvironmentFolder = e }.DownloadFolder(MnistDataset.Mnist));
        Assert.Equal(Path.Combine(e, "fashion-mnist"), new DataSources { EnvironmentFolder = e }.DownloadFolder(MnistDataset.FashionMnist));
        Assert.Null(new DataSources().DownloadFolder(MnistDataset.Mnist));
    }

    [Fact]
    public void Offline_without_a_copy_one_message_lists_every_place_and_how_to_provide_the_files()
    {
        using var temp = new TempFolder();
        string explicitFolder = Path.Combine(temp.Path, "mine");
        string repository = Path.Combine(temp.Path, "repo");
        Directory.CreateDirectory(Path.Combine(repository, "data", "fashion-mnist"));
        File.WriteAllBytes(Path.Combine(repository, "data", "fashion-mnist", "train-images-idx3-ubyte.gz"), new byte[] { 1 });
        var sources = new DataSources
        {
            Folder = explicitFolder,
            EnvironmentFolder = Path.Combine(temp.Path, "env"),
            RepositoryRoot = repository,
            DebianFolder = Path.Combine(temp.Path, "debian"),
        };

        var error = Assert.Throws<DatasetNotFoundException>(() => Mnist.LoadFrom(DatasetCatalog.FashionMnist, Split.Train, sources, null, null));

        Assert.Equal(
            new[]
            {
                $"{explicitFolder} (folder argument): no such folder",
                $"{Path.Combine(explicitFolder, "fashion-mnist")} (folder argument): no such folder",
                $"{Path.Combine(temp.Path, "env", "fashion-mnist")} (VAE_DATA={Path.Combine(temp.Path, "env")}): no such folder",
                $"{Path.Combine(repository, "data", "fashion-mnist")} (the repository's data/ folder): missing train-labels-idx1-ubyte[.gz]",
                $"{Path.Combine(temp.Path, "debian")} (Debian package dataset-fashion-mnist): no such folder",
                "download: switched off (DataSources.Downloader is null)",
            },
            error.PlacesLookedAt);
        foreach (string place in error.PlacesLookedAt) Assert.Contains(place, error.Message);
        Assert.StartsWith("Fashion-MNIST train split not found: train-images-idx3-ubyte and train-labels-idx1-ubyte", error.Message);
        Assert.Contains("set the VAE_DATA environment variable", error.Message);
        Assert.Contains($"copy the files into {explicitFolder}", error.Message);
        Assert.Contains("sudo apt-get install dataset-fashion-mnist", error.Message);
    }

    [Fact]
    public void The_MNIST_message_does_not_suggest_the_Fashion_MNIST_package()
    {
        var error = Assert.Throws<DatasetNotFoundException>(() => Mnist.LoadFrom(DatasetCatalog.Mnist, Split.Test, new DataSources(), null, null));

        Assert.StartsWith("MNIST test split not found: t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte", error.Message);
        Assert.DoesNotContain("apt-get", error.Message);
        Assert.Contains("copy the files into data/mnist/ at the repository root", error.Message);
    }

    [Fact]
    public void The_repository_root_is_the_folder_holding_the_solution()
    {
        using var temp = new TempFolder();
        File.WriteAllText(Path.Combine(temp.Path, "VaeCourse.sln"), "");
        string deep = Path.Combine(temp.Path, "tests", "bin", "Release");
        Directory.CreateDirectory(deep);

        Assert.Equal(temp.Path, RepositoryLocator.FindAbove(deep));
        Assert.Null(RepositoryLocator.FindAbove(Path.GetTempPath()));
    }
}
