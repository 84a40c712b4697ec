using System.Security;

namespace PppTui.Tui.Models;

/// <summary>
/// The one place errors go. Views report here instead of showing their own boxes; the message
/// line shows the latest, and the errors pane lists them all with cause and fix.
/// </summary>
public sealed class ErrorLog
{
    private const int Keep = 200;
    private readonly List<UserError> _errors = [];
    private readonly Lock _gate = new();

    public event EventHandler<UserError>? Reported;

    public IReadOnlyList<UserError> Errors
    {
        get { lock (_gate) return _errors.ToArray(); }
    }

    public UserError? Latest
    {
        get { lock (_gate) return _errors.Count == 0 ? null : _errors[^1]; }
    }

    public void Report(UserError error)
    {
        lock (_gate)
        {
            _errors.Add(error);
            if (_errors.Count > Keep) _errors.RemoveAt(0);
        }
        Reported?.Invoke(this, error);
    }

    /// <summary>Reports an exception in words; the stack trace never reaches the screen.</summary>
    public UserError Report(Exception exception, string what)
    {
        var error = Describe(exception, what);
        Report(error);
        return error;
    }

    public void Clear()
    {
        lock (_gate) _errors.Clear();
    }

    /// <summary>Turns an exception into cause and fix. Known kinds get a specific fix; others a general one.</summary>
    public static UserError Describe(Exception exception, string what)
    {
        var inner = exception is AggregateException { InnerExceptions.Count: 1 } agg ? agg.InnerExceptions[0] : exception;
        return inner switch
        {
            // The core's own errors already say what to do; keep its words.
            PppTuiException p => new UserError(what, p.Message, p.Fix),
            LinkRefusedException r => new UserError(what, r.Message, r.Fix),
            FileNotFoundException f => new UserError(what, Msg.F("File not found: {0}", f.FileName ?? f.Message),
                Msg.T("Check the path; if the file was removed, re-create it (Apply writes it again) or remove the reference."), f.FileName),
            DirectoryNotFoundException d => new UserError(what, d.Message,
                Msg.T("Create the directory, or start ppptui with --root pointing at the tree that holds it.")),
            UnauthorizedAccessException or SecurityException => new UserError(what, inner.Message,
                Msg.T("This needs root: run 'sudo ppptui', or try it in a sandbox with 'ppptui --root ./sandbox'.")),
            IOException io => new UserError(what, io.Message,
                Msg.T("Check the disk and the file (space, permissions, another program holding it), then try again.")),
            NotSupportedException => new UserError(what, inner.Message,
                Msg.T("This screen cannot do that yet; the command-line verbs (ppptui --help) may.")),
            OperationCanceledException => new UserError(what, Msg.T("It was cancelled before it finished."),
                Msg.T("Start it again when ready.")),
            FormatException or InvalidDataException => new UserError(what, inner.Message,
                Msg.T("Fix the value or the file named in the message, then try again.")),
            _ => new UserError(what, inner.Message + " (" + inner.GetType().Name + ")",
                Msg.T("The screen keeps running. If this repeats, run 'ppptui doctor' and report it with the message above.")),
        };
    }
}
