namespace PppTui.Tui.Models;

/// <summary>
/// A failure told to the user: what failed, why, and what to do about it. Every error the screen
/// shows is one of these, so the errors pane can always show a cause and a fix.
/// </summary>
/// <param name="What">The action or object that failed, e.g. "Apply office-vpn".</param>
/// <param name="Cause">Why, in words, with the evidence (file, line, exit code) when there is one.</param>
/// <param name="Fix">What the user can do next.</param>
/// <param name="Context">Optional detail: a path, a profile name, an exit code.</param>
public sealed record UserError(string What, string Cause, string Fix, string? Context = null)
{
    public DateTimeOffset At { get; init; } = DateTimeOffset.Now;
}

/// <summary>How an action a view asked for ended.</summary>
public enum ActionStatus
{
    Done,
    Failed,
    /// <summary>A file changed on disk since it was read; the action can be repeated with overwrite.</summary>
    Conflict,
}

/// <summary>The outcome of Apply, Delete, Connect or Disconnect.</summary>
public sealed record ActionResult(ActionStatus Status, string Summary, UserError? Error = null,
    IReadOnlyList<string>? ConflictingFiles = null)
{
    public static ActionResult Ok(string summary) => new(ActionStatus.Done, summary);
    public static ActionResult Fail(UserError error) => new(ActionStatus.Failed, error.What + ": " + error.Cause, error);
    public static ActionResult Conflicted(string summary, IReadOnlyList<string> files) =>
        new(ActionStatus.Conflict, summary, ConflictingFiles: files);
}
