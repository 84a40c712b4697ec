using Serilog;

namespace PppTui.Core.Systemd;

/// <summary>Whether, and how, systemd can be asked to keep links up.</summary>
public enum SystemdPresence
{
    /// <summary>systemd runs this system (/run/systemd/system exists): enable, start, status.</summary>
    Running,
    /// <summary>The root is not the running system (--root DIR): unit files and symlinks only.</summary>
    Offline,
    /// <summary>The running system has no systemd: the service verbs cannot work; the alternative is named.</summary>
    Absent,
}

/// <summary>What systemd says about one profile's unit.</summary>
public sealed record ServiceStatus(string Profile, string Unit, SystemdPresence Presence)
{
    /// <summary>loaded, not-found, ... (empty when systemd could not be asked).</summary>
    public string LoadState { get; init; } = "";
    /// <summary>active, activating, inactive, failed, ...</summary>
    public string ActiveState { get; init; } = "";
    /// <summary>running, start, auto-restart, dead, ...</summary>
    public string SubState { get; init; } = "";
    /// <summary>enabled, disabled, ... (from the symlinks when offline).</summary>
    public string UnitFileState { get; init; } = "";
    public int? MainPid { get; init; }
    /// <summary>systemd's Result (success, exit-code, timeout, ...).</summary>
    public string Result { get; init; } = "";
    /// <summary>The exit status of pppd's last run, when it has ended.</summary>
    public int? ExecMainStatus { get; init; }
    public string ActiveSince { get; init; } = "";

    /// <summary>The unit starts at boot: the link is kept up by systemd.</summary>
    public bool Enabled => UnitFileState is "enabled" or "enabled-runtime";

    public bool Active => ActiveState == "active";

    /// <summary>One line for people, e.g. "enabled, active (running), pppd pid 812".</summary>
    public string Describe()
    {
        if (Presence == SystemdPresence.Absent) return "systemd is not running on this system";
        var enabled = string.IsNullOrEmpty(UnitFileState) ? "not installed" : UnitFileState;
        if (Presence == SystemdPresence.Offline) return $"{enabled} (offline root: not running here)";
        var state = string.IsNullOrEmpty(SubState) ? ActiveState : $"{ActiveState} ({SubState})";
        var text = $"{enabled}, {state}";
        if (MainPid is > 0) text += $", pppd pid {MainPid}";
        if (ActiveState == "failed" || (ActiveState != "active" && ExecMainStatus is > 0 and not 5))
            text += $", last exit {ExecMainStatus}" + (PppdExitMeaning(ExecMainStatus) is { } m ? $" ({m})" : "");
        return text;
    }

    internal static string? PppdExitMeaning(int? status) => status switch
    {
        1 => "fatal error", 2 => "bad options", 3 => "not root", 4 => "no PPP in the kernel",
        6 => "serial port lock failed", 7 => "serial port open failed", 8 => "connect script failed",
        9 => "pty command could not run", 10 => "negotiation failed", 11 => "peer refused to authenticate",
        12 => "idle timeout", 13 => "connect time limit", 15 => "peer stopped answering",
        16 => "hangup", 17 => "loopback", 19 => "authentication failed", _ => null,
    };
}

/// <summary>The outcome of enable or disable: what ran, what was written, the state after.</summary>
public sealed record ServiceActionResult(
    string Profile, string Unit, string? UnitFileWritten, IReadOnlyList<CommandSpec> Commands,
    ServiceStatus Status, IReadOnlyList<string> Notes);

/// <summary>systemd is not running, so a link cannot be made a service; the fix names the alternative.</summary>
public sealed class SystemdMissingException(string profile)
    : PppTuiException(Msg.T("systemd is not running on this system (no /run/systemd/system), so ppptui cannot keep links up as services"),
        SystemdAlternative.For(profile));

/// <summary>A systemctl call failed.</summary>
public sealed class SystemctlFailedException(CommandSpec spec, CommandResult result, string unit)
    : PppTuiException(
        Msg.F("'{0}' failed (exit {1})", spec, result.ExitCode) + (string.IsNullOrWhiteSpace(result.StandardError) ? "" : ": " + result.StandardError.Trim()),
        result.ExitCode == 127
            ? Msg.T("systemctl was not found: install systemd, or see 'ppptui service --help' for the alternative.")
            : Msg.F("See 'systemctl status {0}' and 'journalctl -u {0}'; systemctl needs root (sudo).", unit));

/// <summary>What to use instead of systemd (ifupdown or cron), in words a user can paste.</summary>
public static class SystemdAlternative
{
    public static string For(string profile) =>
        $"Without systemd, start the link at boot another way; pppd detaches from your SSH session either way:\n" +
        $"    ifupdown: add to /etc/network/interfaces\n" +
        $"        auto {profile}\n" +
        $"        iface {profile} inet ppp\n" +
        $"            provider {profile}\n" +
        $"    or cron: add '@reboot /usr/bin/pon {profile}' to root's crontab (crontab -e).\n" +
        $"    Add 'persist' to the profile (ppptui set {profile} --persist yes) so pppd redials a dropped link.";
}

/// <summary>
/// Makes a profile's link a systemd service (enable, disable, status). Unit files are written
/// atomically with backups; systemctl runs through the one <see cref="ICommandRunner"/>.
/// Under --root DIR nothing on the running system is touched: unit and symlinks go into DIR.
/// </summary>
public sealed class ServiceManager
{
    private readonly SystemPaths _paths;
    private readonly ICommandRunner _runner;
    private readonly AtomicFileWriter _writer;
    private readonly ILogger _log;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;

    /// <param name="presence">Overrides detection (tests); normally found from the root.</param>
    /// <param name="delay">How polling waits (tests pass one that returns at once).</param>
    public ServiceManager(SystemPaths paths, ICommandRunner runner, SystemdPresence? presence = null,
        ILogger? log = null, Func<TimeSpan, CancellationToken, Task>? delay = null)
    {
        _paths = paths;
        _runner = runner;
        _log = log ?? Serilog.Log.Logger;
        _writer = new AtomicFileWriter(new BackupStore(paths), _log);
        _delay = delay ?? Task.Delay;
        Presence = presence ?? Detect(paths);
    }

    public SystemdPresence Presence { get; }

    /// <summary>systemd manages the running system when /run/systemd/system exists (sd_booted's test).</summary>
    public static SystemdPresence Detect(SystemPaths paths) =>
        !paths.IsSystemRoot ? SystemdPresence.Offline
        : Directory.Exists(paths.Under("/run/systemd/system")) ? SystemdPresence.Running
        : SystemdPresence.Absent;

    /// <summary>The template ppptui would write here (with the pppd found under the root).</summary>
    public string TemplateText => SystemdUnits.RenderTemplate(SystemdUnits.FindPppd(_paths));

    /// <summary>True when the profile's unit starts at boot (read from the symlinks: cheap, no process).</summary>
    public bool IsEnabled(string profile) =>
        ValueRulesAllow(profile) && File.Exists(Path.Join(_paths.Under(SystemdUnits.WantsDir), SystemdUnits.InstanceName(profile)));

    /// <summary>The profiles whose unit starts at boot.</summary>
    public IReadOnlyList<string> EnabledProfiles()
    {
        var dir = _paths.Under(SystemdUnits.WantsDir);
        if (!Directory.Exists(dir)) return [];
        return Directory.EnumerateFileSystemEntries(dir, "ppptui@*.service")
            .Select(p => SystemdUnits.ProfileOf(Path.GetFileName(p)))
            .OfType<string>().Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Writes the template unit if needed, enables the profile's instance and (unless
    /// <paramref name="start"/> is false) starts it; then waits up to <paramref name="wait"/> for
    /// the link to come up or fail.
    /// </summary>
    public async Task<ServiceActionResult> EnableAsync(string profile, bool start = true, TimeSpan? wait = null,
        CancellationToken cancellationToken = default)
    {
        var unit = SystemdUnits.InstanceName(profile);
        if (Presence == SystemdPresence.Absent) throw new SystemdMissingException(profile);
        if (!File.Exists(_paths.PeerFile(profile)))
            throw new PppTuiException(Msg.F("/etc/ppp/peers/{0} does not exist, so pppd could not 'call {0}'", profile),
                Msg.F("Write the profile's files first: 'ppptui apply {0}'.", profile));

        var ran = new List<CommandSpec>();
        var notes = new List<string>();
        var written = EnsureTemplate();
        if (Presence == SystemdPresence.Offline)
        {
            await RunChecked(SystemctlCommands.EnableOffline(_paths.Root, unit), unit, ran, cancellationToken).ConfigureAwait(false);
            notes.Add(Msg.F("--root {0} is not the running system: {1} is enabled there and will start when that system boots.", _paths.Root, unit));
            return new ServiceActionResult(profile, unit, written, ran, OfflineStatus(profile), notes);
        }
        if (written is not null) await RunChecked(SystemctlCommands.DaemonReload(), unit, ran, cancellationToken).ConfigureAwait(false);
        await RunChecked(SystemctlCommands.Enable(unit, start), unit, ran, cancellationToken).ConfigureAwait(false);
        var status = await StatusAsync(profile, cancellationToken).ConfigureAwait(false);
        var deadline = DateTime.UtcNow + (wait ?? TimeSpan.Zero);
        while (start && status.ActiveState is "activating" or "inactive" or "reloading" && DateTime.UtcNow < deadline)
        {
            await _delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            status = await StatusAsync(profile, cancellationToken).ConfigureAwait(false);
        }
        if (start && status.ActiveState == "activating")
            notes.Add(Msg.F("pppd is still dialing; follow it with 'ppptui service status {0}' or 'journalctl -u {1} -f'.", profile, unit));
        if (status.ActiveState == "failed")
            notes.Add(Msg.F("the link failed to come up: see 'ppptui logs {0}' or 'journalctl -u {1}'; systemd retries every 10 s.", profile, unit));
        return new ServiceActionResult(profile, unit, written, ran, status, notes);
    }

    /// <summary>Disables the profile's instance and (unless <paramref name="stop"/> is false) stops pppd.
    /// The template stays: other profiles may use it.</summary>
    public async Task<ServiceActionResult> DisableAsync(string profile, bool stop = true, CancellationToken cancellationToken = default)
    {
        var unit = SystemdUnits.InstanceName(profile);
        if (Presence == SystemdPresence.Absent) throw new SystemdMissingException(profile);
        var ran = new List<CommandSpec>();
        if (Presence == SystemdPresence.Offline)
        {
            if (UnitInstalled())
                await RunChecked(SystemctlCommands.DisableOffline(_paths.Root, unit), unit, ran, cancellationToken).ConfigureAwait(false);
            return new ServiceActionResult(profile, unit, null, ran, OfflineStatus(profile), []);
        }
        await RunChecked(SystemctlCommands.Disable(unit, stop), unit, ran, cancellationToken).ConfigureAwait(false);
        var status = await StatusAsync(profile, cancellationToken).ConfigureAwait(false);
        return new ServiceActionResult(profile, unit, null, ran, status, []);
    }

    /// <summary>The unit's state. Offline, from the files; without systemd, says so (no exception).</summary>
    public async Task<ServiceStatus> StatusAsync(string profile, CancellationToken cancellationToken = default)
    {
        var unit = SystemdUnits.InstanceName(profile);
        switch (Presence)
        {
            case SystemdPresence.Absent:
                return new ServiceStatus(profile, unit, Presence);
            case SystemdPresence.Offline:
                return OfflineStatus(profile);
        }
        var spec = SystemctlCommands.Show(unit);
        var result = await _runner.RunAsync(spec, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded) throw new SystemctlFailedException(spec, result, unit);
        return ParseShow(profile, unit, result.StandardOutput);
    }

    /// <summary>Reads <c>systemctl show -p ...</c> output (Key=Value lines).</summary>
    public static ServiceStatus ParseShow(string profile, string unit, string output)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n'))
        {
            var eq = line.IndexOf('=');
            if (eq > 0) values[line[..eq].Trim()] = line[(eq + 1)..].TrimEnd('\r');
        }
        string Get(string key) => values.TryGetValue(key, out var v) ? v : "";
        int? Int(string key) => int.TryParse(Get(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
        return new ServiceStatus(profile, unit, SystemdPresence.Running)
        {
            LoadState = Get("LoadState"),
            ActiveState = Get("ActiveState"),
            SubState = Get("SubState"),
            UnitFileState = Get("UnitFileState"),
            MainPid = Int("MainPID") is > 0 and var pid ? pid : null,
            Result = Get("Result"),
            ExecMainStatus = Int("ExecMainStatus"),
            ActiveSince = Get("ActiveEnterTimestamp"),
        };
    }

    private ServiceStatus OfflineStatus(string profile) =>
        new(profile, SystemdUnits.InstanceName(profile), Presence)
        {
            LoadState = UnitInstalled() ? "loaded" : "not-found",
            UnitFileState = UnitInstalled() ? (IsEnabled(profile) ? "enabled" : "disabled") : "",
        };

    private bool UnitInstalled() =>
        File.Exists(_paths.Under(SystemdUnits.LocalUnitPath)) || SystemdUnits.VendorUnitPaths.Any(p => File.Exists(_paths.Under(p)));

    /// <summary>
    /// Writes /etc/systemd/system/ppptui@.service unless an identical copy is already there or
    /// in the package's place; returns the system path written, or null.
    /// </summary>
    private string? EnsureTemplate()
    {
        var text = TemplateText;
        if (SystemdUnits.VendorUnitPaths.Any(p => TextFile.ReadOrNull(_paths.Under(p)) == text) &&
            !File.Exists(_paths.Under(SystemdUnits.LocalUnitPath)))
            return null;
        var local = _paths.Under(SystemdUnits.LocalUnitPath);
        if (TextFile.ReadOrNull(local) == text) return null;
        _writer.Write(local, text, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        _log.Information("Wrote {Unit}", local);
        return SystemdUnits.LocalUnitPath;
    }

    private async Task RunChecked(CommandSpec spec, string unit, List<CommandSpec> ran, CancellationToken cancellationToken)
    {
        ran.Add(spec);
        var result = await _runner.RunAsync(spec, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded) throw new SystemctlFailedException(spec, result, unit);
    }

    private static bool ValueRulesAllow(string profile) => Profiles.ValueRules.CheckProfileName(profile) is null;
}
