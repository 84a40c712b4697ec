namespace PppTui.Tui.Commands;

/// <summary>
/// What runs in the background right now, by what it works on ("link:NAME", "doctor"), so a
/// command can say it is already running instead of starting the same thing twice. Used on the UI
/// thread only.
/// </summary>
public sealed class BusyTracker
{
    private readonly HashSet<string> _running = [];

    public bool IsBusy(string what) => _running.Contains(what);

    public void Start(string what) => _running.Add(what);

    public void Finish(string what) => _running.Remove(what);
}
