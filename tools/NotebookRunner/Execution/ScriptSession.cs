using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using NotebookRunner.Formatting;

namespace NotebookRunner.Execution;

/// <summary>A compiled cell: its script, its compile errors, and whether it ends in an expression whose value is shown.</summary>
internal sealed record CompiledCell(Script<object> Script, IReadOnlyList<Diagnostic> Errors, bool HasValue);

/// <summary>What running a compiled cell gave: the trailing expression's value, or the exception it threw.</summary>
internal sealed record CellRun(object? Value, Exception? Exception);

/// <summary>
/// One notebook's Roslyn scripting session. Each cell is a submission continuing the previous one, so variables,
/// <c>using</c>s, methods and classes carry from cell to cell as in the kernel.
/// </summary>
internal sealed class ScriptSession
{
    // The kernel's C# default namespaces, plus System.IO which the course uses for files.
    private static readonly string[] DefaultImports =
    [
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Text", "System.Threading.Tasks",
    ];

    private readonly ScriptOptions _options;
    private readonly KernelGlobals _globals;
    // Every managed assembly of the shared framework, as the kernel offers (ScriptOptions.Default leaves out a few,
    // e.g. System.Drawing.Primitives and System.Data.Common). Created once: Roslyn caches their metadata.
    private static readonly Lazy<MetadataReference[]> FrameworkReferences = new(() =>
        Directory.EnumerateFiles(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "*.dll")
            .Where(IsManagedAssembly)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray());

    private readonly string _notebookPath;
    private ScriptState<object>? _state;

    public ScriptSession(string notebookPath, KernelGlobals globals)
    {
        _globals = globals;
        _notebookPath = Path.GetFullPath(notebookPath);
        string folder = Path.GetDirectoryName(Path.GetFullPath(notebookPath))!;
        _options = ScriptOptions.Default
            // #r "relative.dll" resolves against the notebook's folder, as in the kernel.
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(folder).WithSearchPaths(folder))
            .WithSourceResolver(new SourceFileResolver(ImmutableArray<string>.Empty, folder))
            .AddReferences(FrameworkReferences.Value)
            .AddReferences(typeof(KernelGlobals).Assembly)
            .WithImports(DefaultImports)
            .WithAllowUnsafe(true)
            .WithOptimizationLevel(OptimizationLevel.Release)
            .WithEmitDebugInformation(true)
            // Debug information (line numbers in stack traces) needs the source text's encoding.
            .WithFileEncoding(System.Text.Encoding.UTF8);
    }

    /// <summary>Compiles <paramref name="code"/>, cell <paramref name="cellNumber"/>, as the next submission (nothing runs yet).</summary>
    public CompiledCell Compile(string code, int cellNumber)
    {
        // Stack traces then read "in …/notebook.ipynb#cell5:line 2": the line within that cell.
        var options = _options.WithFilePath($"{_notebookPath}#cell{cellNumber}");
        Script<object> script = _state is null
            ? CSharpScript.Create<object>(code, options, typeof(KernelGlobals))
            : _state.Script.ContinueWith<object>(code, options);
        var errors = script.Compile().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        bool hasValue = errors.Count == 0 && EndsWithValue(script.GetCompilation());
        return new CompiledCell(script, errors, hasValue);
    }

    private static bool IsManagedAssembly(string path)
    {
        try
        {
            System.Reflection.AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false; // a native library shipped beside the managed ones
        }
    }

    // A submission shows a value when its last statement is an expression without a semicolon that is not void,
    // exactly the case in which the kernel shows a return value.
    private static bool EndsWithValue(Compilation compilation)
    {
        var tree = compilation.SyntaxTrees.Single();
        var root = (CompilationUnitSyntax)tree.GetRoot();
        if (root.Members.LastOrDefault() is not GlobalStatementSyntax { Statement: ExpressionStatementSyntax statement }
            || !statement.SemicolonToken.IsMissing)
            return false;
        var type = compilation.GetSemanticModel(tree).GetTypeInfo(statement.Expression).Type;
        return type is not null && type.SpecialType != SpecialType.System_Void;
    }

    /// <summary>Runs a compiled submission; on success the session continues from its state.</summary>
    public CellRun Run(CompiledCell cell)
    {
        var run = _state is null
            ? cell.Script.RunAsync(_globals, catchException: _ => true)
            : cell.Script.RunFromAsync(_state, catchException: _ => true);
        var state = run.GetAwaiter().GetResult();
        if (state.Exception is not null) return new CellRun(null, state.Exception);
        _state = state;
        return new CellRun(state.ReturnValue, null);
    }
}
