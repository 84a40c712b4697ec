namespace PppTui.Core;

/// <summary>
/// A failure the user can act on: what went wrong (with the file, line or field) and what to do.
/// Front ends print <see cref="Exception.Message"/> and <see cref="Fix"/>, never a stack trace.
/// </summary>
public class PppTuiException : Exception
{
    public PppTuiException(string message, string fix, Exception? inner = null, FailureKind kind = FailureKind.Failure) : base(message, inner)
    {
        Fix = fix;
        Kind = kind;
    }

    /// <summary>What the user should do about it.</summary>
    public string Fix { get; }

    /// <summary>Which kind of failure this is; front ends map it to their exit codes.</summary>
    public FailureKind Kind { get; init; }

    /// <summary>The underlying reason in the system's words ("Is a directory"), when there is one.</summary>
    public string? Cause { get; init; }

    /// <summary>The file the failure is about, when known.</summary>
    public string? File { get; init; }

    /// <summary>The 1-based line in <see cref="File"/>, when known.</summary>
    public int? Line { get; init; }
}

/// <summary>The classes of failure a user or a script branches on.</summary>
public enum FailureKind
{
    /// <summary>Something failed at run time.</summary>
    Failure,
    /// <summary>The request itself is wrong: a value, a name, an option.</summary>
    BadInput,
    /// <summary>No profile, link or file by that name.</summary>
    NotFound,
    /// <summary>The current user may not read or write what the action needs.</summary>
    AccessDenied,
    /// <summary>A file changed on disk since it was read.</summary>
    Conflict,
    /// <summary>A profile or system file cannot be parsed or fails validation.</summary>
    Invalid,
}

/// <summary>A file changed on disk since ppptui read it; overwriting needs --force.</summary>
public sealed class FileChangedOnDiskException : PppTuiException
{
    public FileChangedOnDiskException(string path, string diff)
        : base(Msg.F("{0} changed on disk since it was read", path),
               Msg.T("Review the difference below, then re-run with --force to overwrite it, or import the file again."))
    {
        Kind = FailureKind.Conflict;
        Path = path;
        Diff = diff;
    }

    public string Path { get; }

    /// <summary>What changed on disk: the text ppptui read against the text there now.</summary>
    public string Diff { get; }
}

/// <summary>The action needs write (or read) access the current user does not have.</summary>
public sealed class NeedsRootException : PppTuiException
{
    public NeedsRootException(string action, string path, bool write = true)
        : base(write ? Msg.F("{0} needs write access to {1}", action, path) : Msg.F("{0} needs read access to {1}, which only root has", action, path),
               Msg.T("Run it as root (sudo ppptui ...), or use --root DIR to work on a copy of the files."))
    {
        Kind = FailureKind.AccessDenied;
        File = path;
    }
}
