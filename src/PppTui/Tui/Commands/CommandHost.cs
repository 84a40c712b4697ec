namespace PppTui.Tui.Commands;

/// <summary>
/// What the commands work on: the screen (panes, navigation, message line), the models, the
/// dialogs, the themes and what runs in the background. It runs a command only while the command
/// says it may, and sends every failure to the error log.
/// </summary>
public sealed class CommandHost(MainScreen screen, ScreenModels models, ScreenContext context, IDialogs dialogs,
    ThemeController themes, EditorSession session)
{
    public MainScreen Screen => screen;
    public ScreenModels Models => models;
    public ScreenContext Context => context;
    public AccessMode Access => context.Access;
    public IDialogs Dialogs => dialogs;
    public ThemeController Themes => themes;
    public EditorSession Session => session;
    public BusyTracker Busy { get; } = new();

    public ProfileSummary? Selected => screen.Profiles.Selected;
    public IEditorModel? Editor => screen.Editor.Editor;

    public void Notice(string text, Tone tone) => screen.ShowNotice(text, tone);

    /// <summary>Why a command cannot run now, or null when it can. Drives the status bar, the buttons and the dispatcher.</summary>
    public string? DisabledReason(AppCommand command) => CommandCatalog.Of(command).DisabledReason(this);

    /// <summary>Runs a command if it may run now; otherwise says why on the message line.</summary>
    public void Invoke(AppCommand command)
    {
        var found = CommandCatalog.Of(command);
        RunIfAllowed(found.Label, found.Label, found.DisabledReason(this), () => found.Run(this));
    }

    /// <summary>Runs <paramref name="run"/> unless <paramref name="disabledReason"/> says why not; a failure is reported as <paramref name="what"/>.</summary>
    public void RunIfAllowed(string label, string what, string? disabledReason, Action run)
    {
        if (disabledReason is not null)
        {
            Notice($"{label}: {disabledReason}", Tone.Warning);
            return;
        }
        try { run(); }
        catch (Exception e) { context.Errors.Report(e, what); }
        screen.RefreshCommands();
    }

    /// <summary>
    /// Runs a model action off the UI thread so the screen stays live while pppd dials; the result
    /// comes back through the UI thread, failures go to the error log. While it runs,
    /// <paramref name="busyKey"/> is busy.
    /// </summary>
    public void RunAction(string busyKey, string progress, string what, Func<CancellationToken, Task<ActionResult>> action, Action<ActionResult>? after)
    {
        RunInBackground(busyKey, progress, what, () => action(CancellationToken.None), result =>
        {
            switch (result.Status)
            {
                case ActionStatus.Done: Notice(result.Summary, Tone.Good); break;
                case ActionStatus.Failed: context.Errors.Report(result.Error ?? new UserError(what, result.Summary, Msg.T("See the log pane for details."))); break;
                case ActionStatus.Conflict: Notice(result.Summary, Tone.Warning); break;
            }
            after?.Invoke(result);
        });
    }

    /// <summary>Runs work off the UI thread with <paramref name="busyKey"/> busy until its outcome is back on the UI thread.</summary>
    public void RunInBackground<T>(string busyKey, string progress, string what, Func<Task<T>> work, Action<T> onDone)
    {
        Busy.Start(busyKey);
        Notice(progress, Tone.Muted);
        screen.RefreshCommands();
        context.RunInBackground(work, result =>
        {
            Busy.Finish(busyKey);
            onDone(result);
            screen.RefreshCommands();
        }, what, onFailed: () =>
        {
            Busy.Finish(busyKey);
            screen.RefreshCommands();
        });
    }
}
