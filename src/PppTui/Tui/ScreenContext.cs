using Terminal.Gui.App;

namespace PppTui.Tui;

/// <summary>
/// What the process may do, decided once at start. Views ask it before offering an action, so a
/// user without root sees why an action is off instead of a failure later.
/// </summary>
/// <param name="CanWriteFiles">Apply and Delete may write under the root.</param>
/// <param name="CanControlLinks">Connect and Disconnect may start or signal pppd.</param>
/// <param name="Banner">The line shown on top when something is off, or null.</param>
/// <param name="NeedsRootReason">What to say when an action needing root is refused.</param>
public sealed record AccessMode(bool CanWriteFiles, bool CanControlLinks, string? Banner, string NeedsRootReason)
{
    public static AccessMode Full { get; } = new(true, true, null, "");

    /// <summary>Decides the mode from who runs the process and which root it works on.</summary>
    public static AccessMode Detect(bool isPrivileged, bool isSystemRoot, string root)
    {
        if (isPrivileged) return Full;
        if (isSystemRoot)
            return new AccessMode(false, false,
                "READ-ONLY (not root): Apply, Delete, Connect and Disconnect need root: run sudo ppptui",
                "needs root: quit and run 'sudo ppptui' (or try edits in a sandbox: ppptui --root DIR)");
        return new AccessMode(true, false,
            $"SANDBOX {root}: edits are written there; Connect and Disconnect need root (sudo)",
            $"needs root: run 'sudo ppptui --root {root}'");
    }
}

/// <summary>What every pane shares: the app (for the UI thread), the error log and the access mode.</summary>
public sealed class ScreenContext
{
    public ScreenContext(ErrorLog errors, AccessMode access)
    {
        Errors = errors;
        Access = access;
    }

    public IApplication? App { get; set; }
    public ErrorLog Errors { get; }
    public AccessMode Access { get; }

    /// <summary>
    /// Runs <paramref name="action"/> on the UI thread (at once when already there). Model events
    /// arrive on any thread; this is the only way they reach a view. An exception is reported,
    /// never allowed to end the app.
    /// </summary>
    public void Post(Action action, string what = "Update the screen")
    {
        void Guarded()
        {
            try { action(); }
            catch (Exception e) { Errors.Report(e, what); }
        }
        if (App is { Initialized: true } app) app.Invoke(Guarded);
        else Guarded();
    }

    /// <summary>
    /// Runs work off the UI thread and hands the outcome back to it. A thrown exception is
    /// reported as <paramref name="what"/> failing, then <paramref name="onFailed"/> runs.
    /// </summary>
    public Task RunInBackground<T>(Func<Task<T>> work, Action<T> onDone, string what, Action? onFailed = null) =>
        Task.Run(work).ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully) Post(() => onDone(t.Result), what);
            else Post(() =>
            {
                Errors.Report(t.Exception ?? (Exception)new OperationCanceledException(), what);
                onFailed?.Invoke();
            }, what);
        }, TaskScheduler.Default);
}
