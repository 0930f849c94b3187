namespace Vae.Cli.Commands;

/// <summary>
/// Exit codes of <c>train</c>, <c>sample</c> and <c>eval</c>. Bad arguments are caught by the parser, which also exits
/// with 1 after naming the option; anything that stops a verb later (data not found, a damaged checkpoint, a folder
/// that cannot be written) exits with 1 after a message on stderr.
/// </summary>
internal static class ExitCodes
{
    /// <summary>The verb did its work.</summary>
    public const int Success = 0;

    /// <summary>Bad arguments, missing data, an unreadable checkpoint, a failed write.</summary>
    public const int Failure = 1;
}
