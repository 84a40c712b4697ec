namespace PppTui.Tui.Adapters;

/// <summary>
/// The service model over <see cref="ServiceManager"/> and <see cref="Doctor"/>. Which profiles
/// systemd keeps up is read from the unit links (one directory listing) and cached, so panes can
/// ask on every draw; <see cref="Refresh"/> reads it again.
/// </summary>
public sealed class ServiceAdapter : IServiceModel
{
    private readonly ServiceManager _manager;
    private readonly DoctorService _doctor;
    private readonly SupportBundle _bundle;
    private readonly Lock _gate = new();
    private HashSet<string> _keptUp = new(StringComparer.Ordinal);

    public ServiceAdapter(ServiceManager manager, DoctorService doctor, SupportBundle bundle)
    {
        _manager = manager;
        _doctor = doctor;
        _bundle = bundle;
        Refresh();
    }

    /// <summary>How long Enable waits for systemd's pppd to come up (or fail) before it reports the state.</summary>
    public TimeSpan EnableWait { get; init; } = TimeSpan.FromSeconds(10);

    public SystemdPresence Presence => _manager.Presence;

    public event EventHandler? Changed;

    public bool IsKeptUp(string profileName)
    {
        lock (_gate) return _keptUp.Contains(profileName);
    }

    public void Refresh()
    {
        HashSet<string> next;
        // Unreadable unit links mean "none known"; the actions themselves report the real error.
        try { next = _manager.EnabledProfiles().ToHashSet(StringComparer.Ordinal); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { next = new(StringComparer.Ordinal); }
        bool changed;
        lock (_gate)
        {
            changed = !next.SetEquals(_keptUp);
            _keptUp = next;
        }
        if (changed) Changed?.Invoke(this, EventArgs.Empty);
    }

    public Task<ActionResult> EnableAsync(string profileName, bool startNow, CancellationToken cancellationToken) =>
        Run(Msg.F("Keep {0} up", profileName), Msg.T("kept up by systemd"),
            () => _manager.EnableAsync(profileName, startNow, startNow ? EnableWait : TimeSpan.Zero, cancellationToken));

    public Task<ActionResult> DisableAsync(string profileName, CancellationToken cancellationToken) =>
        Run(Msg.F("Stop keeping {0} up", profileName), Msg.T("no longer kept up by systemd"),
            () => _manager.DisableAsync(profileName, stop: true, cancellationToken));

    public Task<DoctorReport> RunDoctorAsync(string? profileName, CancellationToken cancellationToken) =>
        _doctor.RunAsync(new DoctorRequest { Profile = profileName }, cancellationToken);

    public Task<BundleResult> WriteBundleAsync(string profileName, string output, CancellationToken cancellationToken) =>
        _bundle.WriteAsync(new BundleRequest(profileName, output) { AppVersion = Cli.BundleVerbs.AppVersion }, cancellationToken);

    private async Task<ActionResult> Run(string what, string outcome, Func<Task<ServiceActionResult>> action)
    {
        try
        {
            var result = await action().ConfigureAwait(false);
            var notes = result.Notes.Count == 0 ? "" : " " + string.Join(" ", result.Notes);
            return ActionResult.Ok(Msg.F("{0} is {1}: {2}.", result.Profile, outcome, result.Status.Describe()) + notes);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return ActionResult.Fail(ErrorLog.Describe(e, what));
        }
        finally
        {
            Refresh();
        }
    }
}
