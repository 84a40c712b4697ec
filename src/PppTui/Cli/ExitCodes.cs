namespace PppTui.Cli;

/// <summary>
/// Documented exit codes of every verb (the README lists them). Scripts and fleets branch on
/// these, so a value never changes meaning once released.
/// </summary>
public static class ExitCodes
{
    /// <summary>Done; or, for connect, the link is up.</summary>
    public const int Ok = 0;
    /// <summary>Something failed at run time; the message says what and how to fix it.</summary>
    public const int Failure = 1;
    /// <summary>The command line or an input value is invalid.</summary>
    public const int Usage = 2;
    /// <summary>No profile, link or file by that name.</summary>
    public const int NotFound = 3;
    /// <summary>The action needs root (or write access under --root).</summary>
    public const int NeedsRoot = 4;
    /// <summary>A file changed on disk since it was read; re-run with --force to overwrite.</summary>
    public const int Conflict = 5;
    /// <summary>A profile or system file could not be parsed or fails validation.</summary>
    public const int Invalid = 6;
    /// <summary>The link did not come up (connect) or is down (status of one link).</summary>
    public const int LinkDown = 7;
    /// <summary>A check found a problem (doctor: at least one check failed).</summary>
    public const int CheckFailed = 8;

    public static readonly IReadOnlyList<(int Code, string Meaning)> All =
    [
        (Ok, "success (connect: the link is up)"),
        (Failure, "the action failed; the message says why and what to do"),
        (Usage, "bad command line or input value"),
        (NotFound, "no such profile, link or file"),
        (NeedsRoot, "the action needs root or write access to the target files"),
        (Conflict, "a file changed on disk since it was read (use --force to overwrite)"),
        (Invalid, "a profile or system file is invalid or cannot be parsed"),
        (LinkDown, "the link is down or did not come up"),
        (CheckFailed, "doctor: at least one check failed"),
    ];
}
