namespace PppTui.Core;

/// <summary>
/// A failure the user can act on: what went wrong (with the file, line or field) and what to do.
/// Front ends print <see cref="Exception.Message"/> and <see cref="Fix"/>, never a stack trace.
/// </summary>
public class PppTuiException : Exception
{
    public PppTuiException(string message, string fix, Exception? inner = null) : base(message, inner)
    {
        Fix = fix;
    }

    /// <summary>What the user should do about it.</summary>
    public string Fix { get; }
}

/// <summary>A file changed on disk since ppptui read it; overwriting needs --force.</summary>
public sealed class FileChangedOnDiskException : PppTuiException
{
    public FileChangedOnDiskException(string path, string diff)
        : base($"{path} changed on disk since it was read",
               "Review the difference below, then re-run with --force to overwrite it, or import the file again.")
    {
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
        : base(write ? $"{action} needs write access to {path}" : $"{action} needs read access to {path}, which only root has",
               "Run it as root (sudo ppptui ...), or use --root DIR to work on a copy of the files.")
    {
    }
}
