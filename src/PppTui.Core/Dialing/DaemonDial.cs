namespace PppTui.Core.Dialing;

/// <summary>
/// How to dial a link whose pppd a daemon starts (xl2tpd) instead of <c>pppd call NAME</c>:
/// commands first (IPsec up), then a line to the daemon's control file; hanging up is the
/// daemon's stop line, then the commands that undo the first ones. pppd itself is found as for
/// every link, by its linkname pid file, so the link is found again after ppptui restarts.
/// </summary>
/// <param name="Daemon">The daemon's program name in the system log: its lines belong to the dial.</param>
public sealed record DaemonDial(
    string Daemon,
    string ControlFile,
    string StartLine,
    string StopLine,
    IReadOnlyList<CommandSpec> Up,
    IReadOnlyList<CommandSpec> Down)
{
    /// <summary>How long the daemon may take to start pppd (tunnel set-up, its own retries) before the dial gives up waiting.</summary>
    public TimeSpan StartWait { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary>The server the daemon dials, for the diagnoses' words.</summary>
    public string? Server { get; init; }

    /// <summary>The options file the daemon's pppd reads: its lines naming it belong to the dial before its pid is known.</summary>
    public string? OptionsFile { get; init; }

    /// <summary>The message the dial logs when nothing reads the control file (the catalog explains it).</summary>
    public string NotRunningLine(string controlFile) => $"ppptui: {Daemon} is not running: nothing reads its control file {controlFile}";

    /// <summary>
    /// Writes one line to the daemon's control file (a FIFO). Opened without blocking: with no
    /// reader (the daemon is not running) the open fails at once instead of hanging the dial.
    /// </summary>
    /// <returns>Null when written; otherwise the line that says why not.</returns>
    public string? Tell(SystemPaths paths, string line)
    {
        var path = paths.Resolve(ControlFile);
        if (!File.Exists(path)) return NotRunningLine(ControlFile);
        return Posix.WriteToFifo(path, System.Text.Encoding.UTF8.GetBytes(line + "\n")) ? null : NotRunningLine(ControlFile);
    }
}

