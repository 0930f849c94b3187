// The `vae` command-line tool. Each verb lives in Commands/ and is added here with one line.
using System.CommandLine;
using Vae.Cli.Commands;

var root = new RootCommand("vae: the command-line tool of the C# variational autoencoder course")
{
    TrainCommand.Create(),
    SampleCommand.Create(),
    EvalCommand.Create(),
    NotebooksCommand.Create(),
    BenchCommand.Create(),
};
return root.Parse(args).Invoke();
