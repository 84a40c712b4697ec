using PppTui.Core;
using PppTui.Core.Profiles;

namespace PppTui.Cli;

/// <summary>
/// Turns core failures into one clear message, the fix, and a documented exit code. No stack
/// trace ever reaches the user; unexpected errors say where to look.
/// </summary>
public static class CliErrors
{
    public static int Guard(CliContext context, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception ex)
        {
            return Report(context, ex);
        }
    }

    public static async Task<int> GuardAsync(CliContext context, Func<Task<int>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            return Report(context, ex);
        }
    }

    public static int Report(CliContext context, Exception ex)
    {
        var error = context.Error;
        switch (ex)
        {
            case FileChangedOnDiskException changed:
                error.WriteLine($"ppptui: {changed.Message}");
                error.Write(changed.Diff);
                error.WriteLine($"  fix: {changed.Fix}");
                return ExitCodes.Conflict;
            case ProfileNotFoundException notFound:
                return Write(error, notFound, ExitCodes.NotFound);
            case ProfileInvalidException invalid:
                return Write(error, invalid, ExitCodes.Invalid);
            case NeedsRootException root:
                return Write(error, root, ExitCodes.NeedsRoot);
            case PppTuiException known:
                return Write(error, known, ExitCodes.Failure);
            case UnauthorizedAccessException denied:
                error.WriteLine($"ppptui: permission denied ({denied.Message})");
                error.WriteLine("  fix: run it as root (sudo ppptui ...), or use --root DIR to work on a copy.");
                return ExitCodes.NeedsRoot;
            case OperationCanceledException:
                error.WriteLine("ppptui: cancelled");
                return ExitCodes.Failure;
            default:
                error.WriteLine($"ppptui: unexpected error: {ex.GetType().Name}: {ex.Message}");
                error.WriteLine("  fix: this is a bug in ppptui; the details are in its own log (ppptui logs --source ppptui).");
                Serilog.Log.Error(ex, "Unexpected error");
                return ExitCodes.Failure;
        }
    }

    private static int Write(TextWriter error, PppTuiException ex, int code)
    {
        error.WriteLine($"ppptui: {ex.Message}");
        error.WriteLine($"  fix: {ex.Fix}");
        return code;
    }
}
