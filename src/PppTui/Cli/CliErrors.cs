using PppTui.Core.Logging;

namespace PppTui.Cli;

/// <summary>
/// One failure as the user (or, with --json, a script) sees it: what went wrong, the reason in the
/// system's words, what to do, and the file and line it is about when known.
/// </summary>
public sealed record CliError(int Code, string Message, string? Fix = null, string? Cause = null, string? File = null, int? Line = null)
{
    /// <summary>Extra text shown after the message (a diff); plain output only.</summary>
    public string? Detail { get; init; }

    public JsonObject ToJson() => new()
    {
        ["code"] = Code,
        ["message"] = Message,
        ["cause"] = Cause,
        ["fix"] = Fix,
        ["file"] = File,
        ["line"] = Line,
    };
}

/// <summary>
/// Turns core failures into one clear message, the fix, and a documented exit code. No stack
/// trace ever reaches the user; unexpected errors say where to look. With --json every error is
/// one JSON object on stderr.
/// </summary>
public static class CliErrors
{
    // One object per line, and a path or a quote stays readable ("it's", not "it\u0027s").
    private static readonly JsonWriterOptions OneLine = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

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

    public static int Report(CliContext context, Exception ex) => Write(context.Error, context.Json, ErrorFor(context, ex));

    /// <summary>The exit code of each kind of core failure (the README's table).</summary>
    public static int ExitCodeFor(FailureKind kind) => kind switch
    {
        FailureKind.BadInput => ExitCodes.Usage,
        FailureKind.NotFound => ExitCodes.NotFound,
        FailureKind.AccessDenied => ExitCodes.NeedsRoot,
        FailureKind.Conflict => ExitCodes.Conflict,
        FailureKind.Invalid => ExitCodes.Invalid,
        _ => ExitCodes.Failure,
    };

    private static CliError ErrorFor(CliContext context, Exception ex)
    {
        switch (ex)
        {
            case PppTuiException known:
                return new CliError(ExitCodeFor(known.Kind), known.Message, known.Fix, known.Cause ?? known.InnerException?.Message, known.File, known.Line)
                {
                    Detail = (known as FileChangedOnDiskException)?.Diff,
                };
            case UnauthorizedAccessException denied:
                return new CliError(ExitCodes.NeedsRoot, Msg.T("permission denied"),
                    Msg.T("run it as root (sudo ppptui ...), or use --root DIR to work on a copy."), denied.Message);
            case OperationCanceledException:
                return new CliError(ExitCodes.Failure, Msg.T("cancelled"));
            default:
                Serilog.Log.Error(ex, "Unexpected error");
                // Name the file the log is in: a command to read it would have to exist and work.
                var log = AppLog.PathFor(context.Paths);
                return new CliError(ExitCodes.Failure, Msg.F("unexpected error: {0}: {1}", ex.GetType().Name, ex.Message),
                    Msg.F("this is a bug in ppptui; the details are in its own log, {0} (tail -n 50 {0}).", log), ex.Message);
        }
    }

    /// <summary>Prints one error: as a JSON object on one line with --json, otherwise as text.</summary>
    public static int Write(TextWriter error, bool json, CliError e)
    {
        if (json)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, OneLine)) e.ToJson().WriteTo(writer);
            error.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
            return e.Code;
        }
        error.WriteLine($"ppptui: {e.Message}");
        if (e.Detail is { } detail) error.Write(detail);
        if (e.Fix is { } fix) error.WriteLine(Msg.F("  fix: {0}", fix));
        return e.Code;
    }
}
