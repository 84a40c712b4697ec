namespace PppTui.Core.Systemd;

/// <summary>
/// The systemctl command lines of the service actions, as data: <see cref="ServiceManager"/> runs
/// them through <see cref="ICommandRunner"/>, tests assert them.
/// </summary>
public static class SystemctlCommands
{
    /// <summary>The properties <c>ppptui service status</c> reads.</summary>
    public static readonly IReadOnlyList<string> StatusProperties =
        ["LoadState", "ActiveState", "SubState", "UnitFileState", "MainPID", "Result", "ExecMainStatus", "ActiveEnterTimestamp"];

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Makes the running systemd read a new or changed unit file.</summary>
    public static CommandSpec DaemonReload() => Spec("daemon-reload");

    /// <summary>
    /// Enables the instance for boot and, with <paramref name="start"/>, starts it now without
    /// waiting for the link (dialing can take a minute; status is polled instead).
    /// </summary>
    public static CommandSpec Enable(string unit, bool start = true) =>
        start ? Spec("enable", "--now", "--no-block", unit) : Spec("enable", unit);

    /// <summary>Disables the instance and, with <paramref name="stop"/>, stops it (pppd hangs up).</summary>
    public static CommandSpec Disable(string unit, bool stop = true) =>
        stop ? Spec("disable", "--now", unit) : Spec("disable", unit);

    /// <summary>The unit's state as <c>Key=Value</c> lines.</summary>
    public static CommandSpec Show(string unit) =>
        Spec("show", "-p", string.Join(',', StatusProperties), unit);

    /// <summary>Enables the instance inside an offline root (an image or a --root sandbox): symlinks only.</summary>
    public static CommandSpec EnableOffline(string root, string unit) => Spec("--root=" + root, "enable", unit);

    /// <summary>Disables the instance inside an offline root.</summary>
    public static CommandSpec DisableOffline(string root, string unit) => Spec("--root=" + root, "disable", unit);

    private static CommandSpec Spec(params string[] arguments) => new("systemctl", arguments) { Timeout = Timeout };
}
