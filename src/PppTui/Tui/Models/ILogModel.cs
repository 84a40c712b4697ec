namespace PppTui.Tui.Models;

public enum LogLevel { Debug, Info, Warning, Error }

public enum LogLineKind
{
    Normal,
    /// <summary>A plain-words diagnosis of the lines before it; the pane marks it.</summary>
    Diagnosis,
}

/// <summary>One line of the pppd log as the pane shows it.</summary>
/// <param name="Source">Where it came from: a link name, or "pppd[1234]".</param>
/// <param name="Pid">The process that logged it, when known; the per-link view matches it against the link's pids.</param>
/// <param name="Link">The link (profile) the line belongs to, when the source already knows.</param>
public sealed record LogLine(DateTimeOffset Time, string Source, string Text,
    LogLevel Level = LogLevel.Info, LogLineKind Kind = LogLineKind.Normal, int? Pid = null, string? Link = null);

/// <summary>What changed in the visible lines since the last <see cref="ILogModel.Changed"/>.</summary>
/// <param name="Appended">Lines added at the end.</param>
/// <param name="DroppedFromFront">Oldest visible lines dropped to make room; indexes shifted down by this much.</param>
/// <param name="Reset">The whole view changed (new filter); indexes mean nothing they meant before.</param>
public sealed record LogChange(int Appended, int DroppedFromFront, bool Reset);

/// <summary>
/// The log lines the pane shows: a bounded buffer and a filter. Lines may arrive on any thread;
/// they become visible when the UI thread calls <see cref="Pump"/>, so a flood costs one redraw
/// per pump, not one per line.
/// </summary>
public interface ILogModel
{
    /// <summary>Lines that pass the filter and are still in the buffer.</summary>
    int Count { get; }

    LogLine this[int index] { get; }

    /// <summary>Space-separated words that must all appear (case-insensitive); a word starting with '-' must not.</summary>
    string Filter { get; set; }

    /// <summary>Lines received since start, shown or not.</summary>
    long Received { get; }

    /// <summary>Only lines of this link (profile name); null shows every link's lines.</summary>
    string? Link { get; set; }

    /// <summary>Where the lines come from, in a word or two ("journal", "/var/log/syslog"), once known.</summary>
    string? SourceName => null;

    /// <summary>Raised on the UI thread by <see cref="Pump"/> and by setting <see cref="Filter"/>.</summary>
    event EventHandler<LogChange>? Changed;

    /// <summary>Moves lines received since the last call into view; call on the UI thread. Returns how many arrived.</summary>
    int Pump();
}
